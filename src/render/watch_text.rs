//! The text of `watch`, for jobs of either kind: spinner messages, plain log lines for CI
//! (one format: [`change_line`]), the final tick/cross lines, the summary and jsonl events.
//! Pure functions of the jobs and a clock.

use std::time::Duration;

use unicode_width::UnicodeWidthStr;

use super::queue::queue_label;
use super::{Style, human_duration, running_duration, sanitize, truncate, truncate_left};
use crate::model::{AnyJob, Estimate, Job, QueueStatus, RawJob, Status, json_compact};

/// `22070846 tableImport in.c-main.test`: who a line is about.
pub fn job_label(job: &Job) -> String {
    let mut s = format!("{} {}", job.id, sanitize(&job.operation_name));
    if let Some(table) = &job.table_id {
        s.push(' ');
        s.push_str(&sanitize(table));
    }
    s
}

/// Who a line is about, whatever the kind: a storage job's id, operation and table
/// (`22070846 tableImport in.c-main.test`), a queue job's id, component, configuration and
/// its name (`1205335001 keboola.ex-http 7 "Orders"`).
pub fn label(job: &AnyJob) -> String {
    match job {
        AnyJob::Storage(j) => job_label(j),
        AnyJob::Queue(j) => queue_label(j),
    }
}

/// What a finished job's lines say after its time, sanitised: a storage job's error
/// (`code: message`), a queue job's result message unless it succeeded outright.
pub fn outcome_text(job: &AnyJob) -> Option<String> {
    match job {
        AnyJob::Storage(j) => error_text(j),
        AnyJob::Queue(j) if j.status == QueueStatus::Success => None,
        AnyJob::Queue(j) => {
            let m = j.result.as_ref()?.message.as_deref()?;
            Some(sanitize(m).into_owned())
        }
    }
}

/// The widest status a running job shows (`processing`).
const RUNNING_STATUS: usize = 10;
/// A free-text field of a watch line is not cut narrower than this.
const MIN_TEXT: usize = 8;
/// An error after a finished line is left out rather than cut shorter than this.
const MIN_ERROR: usize = 12;
/// Room kept for a job's own time (`running 59m 59s`).
const OWN_TIME: usize = 15;
/// A running job's status last seen longer ago than this is shown as such (`queued, seen
/// 11s ago`) rather than counted on as if it were still current: polls are sparse far from
/// an estimate's expected end, and the job may well have moved on.
pub const STALE_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_secs(5);

/// The columns of `watch`'s lines (id, operation, table), from every watched job, so that
/// spinner and finished lines line up: `386520001  tableImport  in.c-main.orders
/// processing  running 1.7s, queued 14s`. Each line fits the width it is given: the
/// table (cut from the left) and the operation give way, then the queued time, then the
/// table and the operation go; the id, status and the job's own time stay. A failed job's error goes on a line under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WatchLines {
    id: usize,
    operation: usize,
    table: usize,
}

impl WatchLines {
    pub fn new(jobs: &[&Job]) -> WatchLines {
        let mut lines = WatchLines::default();
        for job in jobs {
            lines.id = lines.id.max(job.id.to_string().len());
            lines.operation = lines.operation.max(sanitize(&job.operation_name).width());
            let table = job.table_id.as_deref().map_or(0, |t| sanitize(t).width());
            lines.table = lines.table.max(table);
        }
        lines
    }

    /// A running job's spinner text (after the spinner and a space), in `width` columns.
    /// `seen` is when a poll last saw the job's status: from [`STALE_AFTER`] on, the line
    /// says that rather than counting the status's time on to now.
    pub fn running(
        &self,
        job: &Job,
        style: &Style,
        seen: Option<jiff::Timestamp>,
        width: Option<usize>,
    ) -> String {
        self.line(job, style, seen, width)
    }

    /// The line a finished job leaves behind: a tick or a cross and its run time, in
    /// `width` columns; for a failure, the error code and message on a `↳` line under it.
    pub fn finished(&self, job: &Job, style: &Style, width: Option<usize>) -> String {
        let mark = match job.status {
            Status::Success => style.paint("32", "✔"),
            Status::Error => style.paint("31", "✘"),
            _ => style.paint("33", "…"),
        };
        let body = self.line(job, style, None, width.map(|w| w.saturating_sub(2)));
        let mut s = format!("{mark} {body}");
        // The error on a line of its own, under the status, cut to the width.
        if let Some(error) = error_text(job) {
            let indent = 2 + self.id + 2;
            let error = match width {
                Some(w) => truncate(&error, w.saturating_sub(indent + 2).max(MIN_ERROR)),
                None => error,
            };
            s.push_str(&format!("\n{:indent$}↳ {error}", ""));
        }
        s
    }

    /// The id, operation and table widths for lines of `width` columns (`None`: natural):
    /// the same for every line, so that the fields stay in columns. Room is kept for the
    /// status and the job's own time; the table gives way first, then the operation.
    fn widths(&self, width: Option<usize>) -> (usize, usize) {
        let (mut operation, mut table) = (self.operation, self.table);
        let Some(width) = width else {
            return (operation, table);
        };
        let gap = |w: usize| if w == 0 { 0 } else { w + 2 };
        let fixed = self.id + 2 + RUNNING_STATUS + 2 + OWN_TIME;
        let mut excess = (fixed + gap(operation) + gap(table)).saturating_sub(width);
        let cut = excess.min(table.saturating_sub(MIN_TEXT));
        table -= cut;
        excess -= cut;
        let cut = excess.min(operation.saturating_sub(MIN_TEXT));
        operation -= cut;
        excess -= cut;
        // Still too narrow: the table goes, then the operation, before the time is cut.
        if excess > 0 {
            excess = excess.saturating_sub(gap(table));
            table = 0;
        }
        if excess > 0 {
            operation = 0;
        }
        (operation, table)
    }

    fn line(
        &self,
        job: &Job,
        style: &Style,
        seen: Option<jiff::Timestamp>,
        width: Option<usize>,
    ) -> String {
        let (operation, table) = self.widths(width);
        let mut s = format!("{:>w$}", job.id, w = self.id);
        if operation > 0 {
            let op = truncate(&sanitize(&job.operation_name), operation);
            s.push_str(&format!("  {op:<operation$}"));
        }
        if table > 0 {
            let t = truncate_left(&sanitize(job.table_id.as_deref().unwrap_or("")), table);
            s.push_str(&format!("  {t:<table$}"));
        }
        let status = sanitize(job.status.as_str());
        let pad = " ".repeat(RUNNING_STATUS.saturating_sub(status.width()));
        s.push_str(&format!("  {}{pad}  ", style.status(&job.status)));
        let (own, queued) = match seen.map(|at| style.now.duration_since(at)) {
            Some(ago) if ago >= STALE_AFTER && !job.is_finished() => {
                stale_times(job, ago, style.now)
            }
            _ => own_times(job, style.now),
        };
        // What is left after the columns: the job's time, then what fits of the rest.
        let mut left = width.map(|w| w.saturating_sub(UnicodeWidthStr::width(&*strip(&s))));
        let add = |s: &mut String,
                   left: &mut Option<usize>,
                   text: &str,
                   dim: bool,
                   cut: Option<usize>| {
            let fits = left.is_none_or(|l| text.width() <= l);
            let text = match (fits, cut, *left) {
                (true, _, _) => text.to_owned(),
                (false, Some(min), Some(l)) if l >= min => truncate(text, l),
                _ => return,
            };
            if let Some(l) = left {
                *l = l.saturating_sub(text.width());
            }
            s.push_str(&if dim { style.dim(&text) } else { text });
        };
        add(&mut s, &mut left, &own, true, Some(0));
        if let Some(q) = queued {
            add(&mut s, &mut left, &format!(", queued {q}"), true, None);
        }
        s
    }
}

/// `text` without SGR colour sequences, for measuring.
fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\x1b') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The job's own times, from the server's timestamps (not the watch's clock): the main one
/// (`queued 14s` while waiting, `running 1.7s`, `in 26s` once finished) and, when it ran,
/// how long it queued first.
pub fn own_times(job: &Job, now: jiff::Timestamp) -> (String, Option<String>) {
    // Less than a second in the queue is not worth a word.
    let queued = job
        .queued(now)
        .filter(|q| q.as_millis() >= 1000)
        .map(human_duration);
    if job.start_time.is_none() && !job.is_finished() {
        return (
            format!(
                "queued {}",
                running_duration(job.queued(now).unwrap_or_default())
            ),
            None,
        );
    }
    let own = match (job.is_finished(), job.duration(now)) {
        (true, Some(d)) => format!("in {}", human_duration(d)),
        (false, Some(d)) => format!("running {}", running_duration(d)),
        (true, None) => String::new(),
        (false, None) => "running".to_owned(),
    };
    (own, queued)
}

/// `seen 11s ago` when a poll last saw a running job's status at `seen`, at least
/// [`STALE_AFTER`] before `now`; nothing while it is fresh (or never seen).
pub fn seen_ago(seen: Option<jiff::Timestamp>, now: jiff::Timestamp) -> Option<String> {
    let ago = now.duration_since(seen?);
    (ago >= STALE_AFTER).then(|| format!("seen {} ago", human_duration(ago)))
}

/// What is known of a running job whose status was last seen `ago`: that status and how
/// long ago (`queued, seen 11s ago`, `running, seen 11s ago`), and how long it queued when
/// it has started (a fact, not a count to now).
fn stale_times(
    job: &Job,
    ago: jiff::SignedDuration,
    now: jiff::Timestamp,
) -> (String, Option<String>) {
    let word = match job.start_time {
        None => "queued",
        Some(_) => "running",
    };
    let own = format!("{word}, seen {} ago", human_duration(ago));
    let queued = job
        .start_time
        .and(job.queued(now))
        .filter(|q| q.as_millis() >= 1000)
        .map(human_duration);
    (own, queued)
}

/// The line a finished job leaves behind, in columns of its own and no width limit.
pub fn final_message(job: &Job, style: &Style) -> String {
    WatchLines::new(&[job]).finished(job, style, None)
}

/// The closing summary of a watch of several jobs: `50 succeeded, 0 failed in 5s`.
/// (Tested through; watch's progress counts its jobs itself, see [`summary_counts`].)
#[cfg(test)]
pub fn summary_line(jobs: &[&Job], waited: Duration) -> String {
    let count = |s: Status| jobs.iter().filter(|j| j.status == s).count();
    let running = jobs.iter().filter(|j| !j.is_finished()).count();
    summary_counts(
        count(Status::Success),
        count(Status::Error),
        running,
        waited,
    )
}

/// The summary line from its counts (`running` shown only when some are).
pub fn summary_counts(succeeded: usize, failed: usize, running: usize, waited: Duration) -> String {
    let mut s = format!("{succeeded} succeeded, {failed} failed");
    if running > 0 {
        s.push_str(&format!(", {running} running"));
    }
    s.push_str(&format!(" in {}", human_duration(signed_duration(waited))));
    s
}

/// `code: message` of a failed job, sanitised, if it has either.
pub fn error_text(job: &Job) -> Option<String> {
    let e = job.error.as_ref()?;
    let text = match (&e.code, &e.message) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (Some(c), None) => c.clone(),
        (None, Some(m)) => m.clone(),
        (None, None) => return None,
    };
    Some(sanitize(&text).into_owned())
}

/// A GitHub Actions `::error` workflow command for a failed job (its data escaped as the
/// runner expects), so the failure shows in the run's summary.
pub fn github_error(job: &AnyJob) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let message = outcome_text(job).unwrap_or_else(|| "failed".to_owned());
    let what = job
        .what()
        .map(|w| format!(" {}", sanitize(w)))
        .unwrap_or_default();
    let title = format!("jobctl: job {}{what} failed", job.id());
    format!(
        "::error title={}::{}",
        escape(&title).replace(':', "%3A").replace(',', "%2C"),
        escape(&message)
    )
}

/// The plain-mode line for CI logs, one format for every kind: `2026-11-29T10:00:01Z job 42
/// tableImport t: waiting -> processing`, and once finished its time and what it ended with
/// (`processing -> error in 3s: code: message`). `from` is None at first sight.
pub fn change_line(at: jiff::Timestamp, job: &AnyJob, from: Option<&str>) -> String {
    let mut s = format!("{} job {}: ", timestamp(at), label(job));
    if let Some(from) = from {
        s.push_str(&sanitize(from));
        s.push_str(" -> ");
    }
    s.push_str(&sanitize(job.status()));
    if job.is_finished() {
        if let Some(d) = job.duration(at) {
            s.push_str(&format!(" in {}", human_duration(d)));
        }
        if let Some(e) = outcome_text(job) {
            s.push_str(": ");
            s.push_str(&e);
        }
    }
    s
}

/// A plain-mode heartbeat: which jobs are still running and how long the watch has waited.
pub fn heartbeat_line(at: jiff::Timestamp, running: &[&AnyJob], waited: Duration) -> String {
    let jobs: Vec<String> = running
        .iter()
        .map(|j| format!("{} {}", j.id(), sanitize(j.status())))
        .collect();
    format!(
        "{} still waiting after {} for {} job{}: {}",
        timestamp(at),
        human_duration(signed_duration(waited)),
        running.len(),
        if running.len() == 1 { "" } else { "s" },
        jobs.join(", ")
    )
}

/// A `-o jsonl` event: `{"event":"change","id":..,"from":..,"to":..,"time":..,"job":{raw}}`,
/// or with `event` `final` and no `from`/`to` for the closing lines. The id is as the
/// server spells it (a number for storage jobs, a string for queue jobs).
pub fn follow_event(
    event: &str,
    job: &AnyJob,
    raw: &str,
    from: Option<&str>,
    at: jiff::Timestamp,
) -> String {
    let id = match job {
        AnyJob::Storage(j) => serde_json::Value::from(j.id),
        AnyJob::Queue(j) => serde_json::Value::from(j.id.to_string()),
    };
    let mut s = format!("{{\"event\":\"{event}\",\"id\":{id}");
    if event == "change" {
        let from = from.map_or(serde_json::Value::Null, serde_json::Value::from);
        s.push_str(&format!(
            ",\"from\":{from},\"to\":{}",
            serde_json::Value::from(job.status())
        ));
    }
    s.push_str(&format!(",\"time\":\"{}\",\"job\":", timestamp(at)));
    json_compact(raw, &mut s);
    s.push('}');
    s
}

/// [`follow_event`] of a storage job (`list --watch -o jsonl` writes the same events).
pub fn jsonl_event(
    event: &str,
    job: &RawJob,
    from: Option<&Status>,
    at: jiff::Timestamp,
) -> String {
    let typed = AnyJob::Storage(job.job.clone());
    follow_event(event, &typed, job.raw(), from.map(Status::as_str), at)
}

/// The final table of a follow of both kinds: how each job ended, in argument order, with
/// the columns both kinds have (each kind alone keeps its own table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixedColumn {
    Id,
    Kind,
    Status,
    /// A storage job's operation and table, a queue job's component and configuration.
    What,
    Duration,
    /// A storage job's error, a queue job's result message unless it succeeded.
    Message,
}

impl MixedColumn {
    pub const ALL: [MixedColumn; 6] = [
        MixedColumn::Id,
        MixedColumn::Kind,
        MixedColumn::Status,
        MixedColumn::What,
        MixedColumn::Duration,
        MixedColumn::Message,
    ];
}

impl super::table::TableColumn for MixedColumn {
    type Job = AnyJob;

    fn header(self) -> &'static str {
        match self {
            MixedColumn::Id => "ID",
            MixedColumn::Kind => "KIND",
            MixedColumn::Status => "STATUS",
            MixedColumn::What => "WHAT",
            MixedColumn::Duration => "DURATION",
            MixedColumn::Message => "MESSAGE",
        }
    }

    fn is_free_text(self) -> bool {
        matches!(self, MixedColumn::What | MixedColumn::Message)
    }

    fn is_numeric(self) -> bool {
        matches!(self, MixedColumn::Id | MixedColumn::Duration)
    }

    fn cell(self, job: &AnyJob, style: &Style) -> Option<String> {
        match self {
            MixedColumn::Id => Some(job.id().to_string()),
            MixedColumn::Kind => Some(job.kind().name().to_owned()),
            MixedColumn::Status => Some(sanitize(job.status()).into_owned()),
            MixedColumn::What => {
                let label = label(job);
                let what = label.split_once(' ').map_or("", |(_, rest)| rest);
                Some(what.to_owned()).filter(|w| !w.is_empty())
            }
            MixedColumn::Duration if style.terminal => {
                let d = job.duration(style.now)?;
                Some(match job.end_time() {
                    Some(_) => human_duration(d),
                    None => running_duration(d),
                })
            }
            MixedColumn::Duration => job
                .end_time()
                .and(job.duration(style.now))
                .map(|d| d.as_secs().to_string()),
            MixedColumn::Message => outcome_text(job),
        }
    }

    fn painted(self, job: &AnyJob, style: &Style) -> Option<String> {
        if self != MixedColumn::Status {
            return None;
        }
        Some(match job {
            AnyJob::Storage(j) => style.status(&j.status),
            AnyJob::Queue(j) => super::queue::queue_status(style, &j.status),
        })
    }

    fn drop_priority(self) -> Option<u8> {
        match self {
            MixedColumn::Duration => Some(0),
            MixedColumn::Kind => Some(1),
            MixedColumn::What => Some(2),
            _ => None,
        }
    }
}

/// Cells of the bar that an estimate draws on a spinner line.
const ETA_BAR: usize = 10;

/// The progress bar and what is left, for a job `age` old that runs like `estimate`'s
/// runs: `███░░░░░░░ ~12s left, from the last 10 runs`, or once past the median
/// `██████████ 4s over the usual 30s (10 runs)`.
pub fn eta_text(estimate: &Estimate, age: Duration) -> String {
    let median = estimate.median.as_secs_f64();
    let done = (age.as_secs_f64() / median).clamp(0.0, 1.0);
    let full = ((done * ETA_BAR as f64).floor() as usize).min(ETA_BAR);
    let bar = format!("{}{}", "█".repeat(full), "░".repeat(ETA_BAR - full));
    let runs = estimate.runs;
    match estimate.median.checked_sub(age) {
        Some(left) if !left.is_zero() => {
            // Whole seconds, rounded up: "~0s left" would say it is over.
            let left = Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0));
            format!(
                "{bar} ~{} left, from the last {runs} runs",
                human_duration(signed_duration(left))
            )
        }
        _ => format!(
            "{bar} {} over the usual {} ({runs} runs)",
            human_duration(signed_duration(Duration::from_secs(
                (age - estimate.median).as_secs()
            ))),
            human_duration(signed_duration(estimate.median))
        ),
    }
}

/// The plain-mode line that says an estimate once: `2026-11-29T10:00:01Z job 42
/// tableImport t: the last 10 runs took 27s-33s, median 30s: expect it in ~25s` (or
/// `took 30s each`); runs too `varied` to go by say so instead of what to expect.
pub fn estimate_line(
    at: jiff::Timestamp,
    label: &str,
    estimate: &Estimate,
    age: Duration,
    varied: bool,
) -> String {
    let d = |d: Duration| human_duration(signed_duration(Duration::from_secs(d.as_secs())));
    let expect = match estimate.median.checked_sub(age) {
        _ if varied => "too varied to tell when this one ends".to_owned(),
        Some(left) if !left.is_zero() => {
            format!("expect it in ~{}", d(left + Duration::from_millis(999)))
        }
        _ => "it is already longer than that".to_owned(),
    };
    let took = match (d(estimate.low), d(estimate.high)) {
        (low, high) if low == high => format!("{low} each"),
        (low, high) => format!("{low}-{high}, median {}", d(estimate.median)),
    };
    format!(
        "{} job {label}: the last {} runs took {took}: {expect}",
        timestamp(at),
        estimate.runs,
    )
}

fn timestamp(at: jiff::Timestamp) -> String {
    crate::model::rfc3339_secs(at)
}

fn signed_duration(d: Duration) -> jiff::SignedDuration {
    jiff::SignedDuration::try_from(d).unwrap_or(jiff::SignedDuration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;
    use crate::render::Zone;

    fn fixture(name: &str) -> RawJob {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        RawJob::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn at(s: &str) -> jiff::Timestamp {
        parse_timestamp(s).unwrap().to_utc()
    }

    fn style(terminal: bool) -> Style {
        Style {
            color: false,
            terminal,
            now: at("2026-11-29T12:00:00Z"),
            zone: Zone::utc(),
        }
    }

    #[test]
    fn plain_lines_name_the_job_and_the_change() {
        let now = at("2026-11-29T12:00:00Z");
        let waiting = fixture("tableImport-waiting.json");
        assert_eq!(
            change_line(now, &AnyJob::Storage(waiting.job.clone()), None),
            "2026-11-29T12:00:00Z job 22070846 tableImport in.c-main.test: waiting"
        );
        let failed = fixture("tableImport-error.json");
        assert_eq!(
            change_line(
                now,
                &AnyJob::Storage(failed.job.clone()),
                Some("processing")
            ),
            "2026-11-29T12:00:00Z job 123456 tableImport in.c-API-tests.languages: processing -> error in 3s: \
             csvImport.columnsNotMatch: Some columns are missing in the csv file. Missing columns: missing. \
             Expected columns: id,name,missing. Please check if the expected delimiter \",\" is used in the csv file."
        );
        assert_eq!(
            heartbeat_line(
                now,
                &[&AnyJob::Storage(waiting.job.clone())],
                Duration::from_secs(90)
            ),
            "2026-11-29T12:00:00Z still waiting after 1m 30s for 1 job: 22070846 waiting"
        );
    }

    #[test]
    fn plain_lines_of_queue_jobs_have_the_same_shape() {
        let now = at("2026-11-29T12:00:00Z");
        let body = r#"{"id":"7","runId":"7","status":"error","component":"keboola.ex-http",
            "config":"12","createdTime":"2026-11-29T11:59:00Z","startTime":"2026-11-29T11:59:01Z",
            "endTime":"2026-11-29T11:59:04Z","isFinished":true,
            "result":{"message":"It \u001b[31mbroke"}}"#;
        let job = AnyJob::Queue(serde_json::from_str(body).unwrap());
        assert_eq!(
            change_line(now, &job, Some("processing")),
            "2026-11-29T12:00:00Z job 7 keboola.ex-http 12: processing -> error in 3s: It broke"
        );
        assert_eq!(
            change_line(now, &job, None),
            "2026-11-29T12:00:00Z job 7 keboola.ex-http 12: error in 3s: It broke"
        );
    }

    #[test]
    fn a_mixed_table_has_the_columns_both_kinds_have() {
        let storage = AnyJob::Storage(fixture("tableImport-error.json").job);
        let queue: AnyJob = AnyJob::Queue(
            serde_json::from_str(
                r#"{"id":"7","status":"success","component":"keboola.ex-http","config":"12",
                "createdTime":"2026-11-29T11:59:00Z","startTime":"2026-11-29T11:59:01Z",
                "endTime":"2026-11-29T11:59:04Z","isFinished":true,"result":{"message":"done"}}"#,
            )
            .unwrap(),
        );
        let text = crate::render::table::table(
            &[&storage, &queue],
            &MixedColumn::ALL,
            &style(false),
            None,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "ID\tKIND\tSTATUS\tWHAT\tDURATION\tMESSAGE");
        assert!(
            lines[1].starts_with(
                "123456\tstorage\terror\ttableImport in.c-API-tests.languages\t3\tcsvImport.columnsNotMatch: "
            ),
            "{text}"
        );
        // A success says nothing more.
        assert_eq!(lines[2], "7\tqueue\tsuccess\tkeboola.ex-http 12\t3\t");
    }

    #[test]
    fn github_annotation_carries_code_and_message() {
        let failed = fixture("tableImport-error.json");
        let line = github_error(&AnyJob::Storage(failed.job));
        assert!(
            line.starts_with("::error title=jobctl%3A job 123456 tableImport failed::csvImport.columnsNotMatch: Some columns"),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn final_lines_tick_or_cross() {
        let ok = fixture("tableImport-success.json");
        assert_eq!(
            final_message(&ok.job, &style(true)),
            "✔ 22070846  tableImport  in.c-main.test  success     in 41s, queued 2s"
        );
        let branch = fixture("devBranchCreate-success.json");
        assert_eq!(
            final_message(&branch.job, &style(true)),
            "✔ 386488069  devBranchCreate  success     in 4s, queued 1s"
        );
    }

    fn job(s: &str) -> Job {
        serde_json::from_str(s).unwrap()
    }

    fn watched() -> Vec<Job> {
        vec![
            job(
                r#"{"id":386520001,"status":"waiting","operationName":"tableImport",
                "tableId":"in.c-main.orders","createdTime":"2026-11-29T11:59:46Z"}"#,
            ),
            job(
                r#"{"id":7,"status":"processing","operationName":"tableExport",
                "tableId":"out.c-reports.daily_revenue","createdTime":"2026-11-29T11:59:40Z",
                "startTime":"2026-11-29T11:59:54Z"}"#,
            ),
            job(
                r#"{"id":386510966,"status":"error","operationName":"tableImport",
                "tableId":"in.c-crm.customers","createdTime":"2026-11-29T11:58:00Z",
                "startTime":"2026-11-29T11:58:01Z","endTime":"2026-11-29T11:58:05Z",
                "error":{"code":"csvImport.columnsNotMatch","message":"Some columns are missing in the csv file."}}"#,
            ),
        ]
    }

    #[test]
    fn lines_show_the_jobs_own_times_in_columns() {
        let jobs = watched();
        let refs: Vec<&Job> = jobs.iter().collect();
        let lines = WatchLines::new(&refs);
        let st = style(true);
        assert_eq!(
            [
                lines.running(&jobs[0], &st, None, None),
                lines.running(&jobs[1], &st, None, None),
                lines.finished(&jobs[2], &st, None),
            ],
            [
                "386520001  tableImport  in.c-main.orders             waiting     queued 14s",
                "        7  tableExport  out.c-reports.daily_revenue  processing  running 6.0s, queued 14s",
                "✘ 386510966  tableImport  in.c-crm.customers           error       in 4s, queued 1s\n\
                 \u{20}            ↳ csvImport.columnsNotMatch: Some columns are missing in the csv file.",
            ]
        );
    }

    #[test]
    fn a_status_seen_long_ago_is_shown_as_seen_not_counted_on() {
        let jobs = watched();
        let refs: Vec<&Job> = jobs.iter().collect();
        let lines = WatchLines::new(&refs);
        let st = style(true);
        let ago = |s: i64| Some(st.now - jiff::SignedDuration::from_secs(s));
        assert_eq!(
            [
                lines.running(&jobs[0], &st, ago(11), None),
                lines.running(&jobs[1], &st, ago(11), None),
                // Seen a moment ago: counted on to now, as before.
                lines.running(&jobs[0], &st, ago(2), None),
                // A finished job's times are final, however long ago it was seen.
                lines.finished(&jobs[2], &st, None),
            ],
            [
                "386520001  tableImport  in.c-main.orders             waiting     queued, seen 11s ago",
                "        7  tableExport  out.c-reports.daily_revenue  processing  running, seen 11s ago, queued 14s",
                "386520001  tableImport  in.c-main.orders             waiting     queued 14s",
                "✘ 386510966  tableImport  in.c-crm.customers           error       in 4s, queued 1s\n\
                 \u{20}            ↳ csvImport.columnsNotMatch: Some columns are missing in the csv file.",
            ]
        );
        // The same for queue lines, which add it to their own shape.
        assert_eq!(seen_ago(ago(11), st.now).as_deref(), Some("seen 11s ago"));
        assert_eq!(seen_ago(ago(2), st.now), None);
        assert_eq!(seen_ago(None, st.now), None);
    }

    #[test]
    fn lines_fit_the_width_in_the_same_columns() {
        let jobs = watched();
        let refs: Vec<&Job> = jobs.iter().collect();
        let lines = WatchLines::new(&refs);
        let st = style(true);
        // 60 columns, less the spinner and its space.
        assert_eq!(
            [
                lines.running(&jobs[0], &st, None, Some(58)),
                lines.running(&jobs[1], &st, None, Some(58)),
            ],
            [
                "386520001  tableIm…  ….orders  waiting     queued 14s",
                "        7  tableEx…  …revenue  processing  running 6.0s",
            ]
        );
        assert_eq!(
            lines.finished(&jobs[2], &st, Some(80)),
            "✘ 386510966  tableImport  in.c-crm.customers         error       in 4s\n\
             \u{20}            ↳ csvImport.columnsNotMatch: Some columns are missing in the csv f…"
        );
        for width in [30, 40, 60, 80, 120, 200] {
            for j in &jobs {
                let text = lines.finished(j, &st, Some(width));
                for line in text.lines() {
                    assert!(line.width() <= width.max(50), "{width}: {text}");
                }
                assert!(text.contains(&j.id.to_string()), "{width}: {text}");
            }
        }
    }

    #[test]
    fn the_summary_counts_how_jobs_ended() {
        let jobs = watched();
        let refs: Vec<&Job> = jobs.iter().collect();
        assert_eq!(
            summary_line(&refs, Duration::from_secs(5)),
            "0 succeeded, 1 failed, 2 running in 5s"
        );
        assert_eq!(
            summary_line(&refs[2..], Duration::from_millis(5200)),
            "0 succeeded, 1 failed in 5.2s"
        );
    }

    #[test]
    fn jsonl_events_carry_the_raw_job() {
        let job = fixture("tableExport-success.json");
        let line = jsonl_event(
            "change",
            &job,
            Some(&Status::Processing),
            at("2026-11-29T12:00:00Z"),
        );
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["event"], "change");
        assert_eq!(v["id"], 22070936);
        assert_eq!(v["from"], "processing");
        assert_eq!(v["to"], "success");
        assert_eq!(v["time"], "2026-11-29T12:00:00Z");
        assert_eq!(v["job"]["metrics"]["outBytes"], 1257);
        assert!(
            line.contains("\"url\":\"https://connection.keboola.com/v2/storage/jobs/22070936\"")
        );
        let fin = jsonl_event("final", &job, None, at("2026-11-29T12:00:00Z"));
        assert!(
            fin.starts_with("{\"event\":\"final\",\"id\":22070936,\"time\":"),
            "{fin}"
        );
    }

    #[test]
    fn an_estimate_draws_a_bar_and_says_what_is_left() {
        let secs = Duration::from_secs;
        let e = Estimate {
            median: secs(30),
            low: secs(27),
            high: secs(33),
            runs: 10,
        };
        assert_eq!(
            eta_text(&e, Duration::from_millis(17_500)),
            "█████░░░░░ ~13s left, from the last 10 runs"
        );
        assert_eq!(
            eta_text(&e, secs(0)),
            "░░░░░░░░░░ ~30s left, from the last 10 runs"
        );
        assert_eq!(
            eta_text(&e, secs(34)),
            "██████████ 4s over the usual 30s (10 runs)"
        );
        let at = parse_timestamp("2026-11-29T10:00:01Z").unwrap().to_utc();
        assert_eq!(
            estimate_line(
                at,
                "42 tableImport in.c-main.t",
                &e,
                Duration::from_millis(4_500),
                false
            ),
            "2026-11-29T10:00:01Z job 42 tableImport in.c-main.t: the last 10 runs took \
             27s-33s, median 30s: expect it in ~26s"
        );
        assert!(estimate_line(at, "42", &e, secs(40), false).ends_with("already longer than that"));
        assert!(
            estimate_line(at, "42", &e, secs(1), true)
                .ends_with(": too varied to tell when this one ends")
        );
        let same = Estimate {
            low: secs(30),
            high: secs(30),
            ..e
        };
        assert!(estimate_line(at, "42", &same, secs(0), false).contains("took 30s each: expect"));
    }
}
