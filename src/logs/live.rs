//! A log followed from start to end (`logs -f`): where following starts, the log so far
//! (all of it or the last N), then the follow until the jobs end (and one drain more), a
//! signal or the deadline. Says what it came to; the command renders it and picks the
//! exit code. Never prints itself.

use std::time::{Duration, Instant};

use crate::cancel::{Cancel, Cut};
use crate::client::QueueClient;
use crate::exit::Reported;
use crate::model::AnyJob;

use super::follow::Outcome;
use super::{Filter, Follow, LogRuns, Reader, Sink};

/// How the follow goes: what the command line says.
pub struct Pace {
    /// Only the last N of the log so far (`--tail`), then what comes.
    pub tail: Option<u64>,
    /// The time between two looks (already floored).
    pub interval: Duration,
    /// When to give up (`--timeout`).
    pub deadline: Option<Instant>,
}

/// What a followed log came to.
pub struct Ended {
    /// The followed jobs as last seen.
    pub jobs: Vec<AnyJob>,
    /// A signal or the deadline stopped the follow before the jobs ended.
    pub stop: Option<Cut>,
    /// Events the server answered (the log so far and the follow's), before dedupe and
    /// filters: 0 means the log was empty.
    pub fetched: u64,
    /// Runs whose log was read when following began.
    pub runs: usize,
}

/// Follows `plan`'s log into `sink` and ends it (a JSON array closed, also when following
/// fails midway, so what was printed stays whole). A signal before following begins is
/// an error that carries its exit code ([`Reported`]); one while following is
/// [`Ended::stop`].
pub async fn follow(
    reader: Reader,
    queue: Option<QueueClient>,
    plan: LogRuns,
    filter: &Filter,
    pace: &Pace,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> anyhow::Result<Ended> {
    let mut follow = Follow::new(reader, queue, plan, pace.interval);
    let finished_at_start = follow.all_finished();
    unless_stopped(cancel, follow.start()).await??;
    let runs = follow.sources.len();
    let history = follow.history(filter, pace.tail, sink);
    let read = unless_stopped(cancel, history).await??;
    let outcome = match finished_at_start {
        // Nothing more will come: the log was read after the jobs ended.
        true => Outcome {
            jobs: follow.jobs(),
            stop: None,
        },
        false => match follow.run(filter, sink, cancel, pace.deadline).await {
            Ok(outcome) => outcome,
            Err(e) => {
                let _ = sink.end();
                return Err(e);
            }
        },
    };
    sink.end()?;
    Ok(Ended {
        jobs: outcome.jobs,
        stop: outcome.stop,
        fetched: read.fetched + follow.claimed,
        runs,
    })
}

/// Runs `work` unless a signal comes first (then an error with its exit code).
async fn unless_stopped<T>(cancel: &Cancel, work: impl Future<Output = T>) -> anyhow::Result<T> {
    let cut = cancel.unless_stopped(None, work).await;
    cut.map_err(|cut| Reported(cut.exit()).into())
}
