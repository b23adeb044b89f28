//! How a follow ends, whatever the kinds of its jobs: the exit code of the whole (one
//! decision, [`exit_for`]) and the note that says why it stopped before every job ended.
//! Pure, so the table is tested without a server.

use std::time::Duration;

use crate::exit::Exit;
use crate::model::Verdict;
use crate::render::{human_duration, sanitize};

/// Why the loop stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every job ended (and, for a run, none appeared for the grace period).
    Finished,
    /// A job failed and `--fail-fast` was given.
    FailFast,
    /// `--timeout` passed.
    TimedOut,
    /// SIGINT (Ctrl-C).
    Interrupted,
    /// SIGTERM.
    Terminated,
}

impl Outcome {
    /// A signal: no final state is printed, only which jobs still run.
    pub fn is_signal(self) -> bool {
        matches!(self, Outcome::Interrupted | Outcome::Terminated)
    }
}

/// The exit of a follow: `None` for 0. A signal gives 130 / 143 and a timeout 124,
/// whatever the jobs did; otherwise 3 when an id did not exist (the follow could not do all
/// it was asked: a missing job outranks a failed one), else 1 when any job failed (a
/// warning is no failure), else 0. `verdicts` are the followed jobs' (`None` while running).
pub fn exit_for(
    outcome: Outcome,
    verdicts: impl IntoIterator<Item = Option<Verdict>>,
    missing: usize,
) -> Option<Exit> {
    match outcome {
        Outcome::Interrupted => return Some(Exit::Interrupted),
        Outcome::Terminated => return Some(Exit::Terminated),
        Outcome::TimedOut => return Some(Exit::Timeout),
        Outcome::Finished | Outcome::FailFast => {}
    }
    if missing > 0 {
        return Some(Exit::NotFound);
    }
    let failed = verdicts.into_iter().any(|v| v == Some(Verdict::Failed));
    failed.then_some(Exit::JobFailed)
}

/// The note of a follow that stopped before every job ended: `timed out after 5m; still
/// running: 42 (processing), 43 (waiting); the jobs keep running on the server`. `after` is
/// the timeout for a timeout (what the user set), else the time followed; `still` the jobs
/// still running as (id, status). `None` for an outcome that needs no note.
pub fn stopped_note(outcome: Outcome, after: Duration, still: &[(u64, &str)]) -> Option<String> {
    let what = match outcome {
        Outcome::TimedOut => "timed out",
        Outcome::Interrupted => "interrupted",
        Outcome::Terminated => "terminated",
        Outcome::Finished | Outcome::FailFast => return None,
    };
    let after = human_duration(jiff::SignedDuration::try_from(after).unwrap_or_default());
    let still = match still {
        [] => String::new(),
        _ => format!("; still running: {}", running_list(still)),
    };
    Some(format!(
        "{what} after {after}{still}; the jobs keep running on the server"
    ))
}

/// `42 (processing), 43 (waiting)`, statuses sanitised.
pub fn running_list(still: &[(u64, &str)]) -> String {
    still
        .iter()
        .map(|(id, status)| format!("{id} ({})", sanitize(status)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: Option<Verdict> = Some(Verdict::Success);
    const WARN: Option<Verdict> = Some(Verdict::Warning);
    const FAILED: Option<Verdict> = Some(Verdict::Failed);
    const RUNNING: Option<Verdict> = None;

    #[test]
    fn a_missing_job_outranks_a_failed_one() {
        let code = |verdicts: &[Option<Verdict>], missing| {
            exit_for(Outcome::Finished, verdicts.iter().copied(), missing).map(|e| e as i32)
        };
        assert_eq!(code(&[OK, OK], 0), None);
        assert_eq!(code(&[OK, FAILED, FAILED], 0), Some(1));
        assert_eq!(code(&[OK], 1), Some(3));
        assert_eq!(code(&[FAILED], 1), Some(3));
        assert_eq!(code(&[], 2), Some(3));
    }

    #[test]
    fn a_warning_is_not_a_failure() {
        assert_eq!(exit_for(Outcome::Finished, [WARN, OK], 0), None);
        assert_eq!(
            exit_for(Outcome::Finished, [WARN, FAILED], 0),
            Some(Exit::JobFailed)
        );
    }

    #[test]
    fn fail_fast_exits_as_a_finished_follow_would() {
        assert_eq!(
            exit_for(Outcome::FailFast, [FAILED, RUNNING], 0),
            Some(Exit::JobFailed)
        );
        assert_eq!(
            exit_for(Outcome::FailFast, [FAILED, RUNNING], 1),
            Some(Exit::NotFound)
        );
    }

    #[test]
    fn timeouts_and_signals_win_whatever_the_jobs_did() {
        for (outcome, exit) in [
            (Outcome::TimedOut, Exit::Timeout),
            (Outcome::Interrupted, Exit::Interrupted),
            (Outcome::Terminated, Exit::Terminated),
        ] {
            for verdicts in [[OK, OK], [FAILED, RUNNING], [RUNNING, RUNNING]] {
                assert_eq!(exit_for(outcome, verdicts, 1), Some(exit));
                assert_eq!(exit_for(outcome, verdicts, 0), Some(exit));
            }
        }
        assert_eq!(
            [124, 130, 143],
            [Exit::Timeout, Exit::Interrupted, Exit::Terminated].map(|e| e as i32)
        );
    }

    #[test]
    fn the_note_names_the_jobs_still_running() {
        let ms = Duration::from_millis;
        assert_eq!(
            stopped_note(
                Outcome::TimedOut,
                ms(300),
                &[(40, "processing"), (7, "wait\x1b[2Jing")]
            )
            .as_deref(),
            Some(
                "timed out after 0.3s; still running: 40 (processing), 7 (waiting); \
                 the jobs keep running on the server"
            )
        );
        assert_eq!(
            stopped_note(Outcome::Interrupted, ms(65_000), &[]).as_deref(),
            Some("interrupted after 1m 05s; the jobs keep running on the server")
        );
        assert_eq!(stopped_note(Outcome::Finished, ms(1), &[(1, "x")]), None);
        assert_eq!(stopped_note(Outcome::FailFast, ms(1), &[(1, "x")]), None);
    }
}
