//! `jobctl stats`, `jobctl timeline` and their `queue` twins: the matching jobs come
//! through `list`'s (or `queue list`'s) one gathering function as `Sample`s, and are
//! figured (`stats`) or drawn (`timeline`).

mod stats;
mod timeline;

pub use stats::{queue_stats, stats};
pub use timeline::{queue_timeline, timeline};

use std::io;
use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Context;
use super::list::filter::time_bounds;
use super::list::printer::JobSink;
use super::list::{JobFilter, Source, gather};
use super::queue::list::{QueueFilter, gather as gather_queue};
use crate::cli::JobFilterArgs;
use crate::cli::history::{JobSource, QueueSource};
use crate::cli::queue::QueueFilterArgs;
use crate::exit::UsageError;
use crate::model::figures::Sample;
use crate::model::{Job, QueueJob};

/// The window a command read: created at or after, at or before.
type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Takes the jobs of a listing as samples and hands each to `f`. Storage jobs come as
/// text alone where they can, which spares decoding whole jobs.
struct SampleSink<F> {
    f: F,
    count: u64,
    /// A saved entry that is no job: the command's usage error.
    bad: Option<String>,
}

impl<F: FnMut(Sample)> SampleSink<F> {
    fn new(f: F) -> SampleSink<F> {
        SampleSink {
            f,
            count: 0,
            bad: None,
        }
    }

    /// Ends a gathering: a bad saved entry becomes a usage error naming the file.
    fn check<T>(self, gathered: Result<T>, file: Option<&Path>) -> Result<T> {
        match (self.bad, file) {
            (Some(e), Some(path)) => Err(UsageError(format!(
                "{}: entry {} is not a job: {e}",
                path.display(),
                self.count + 1
            ))
            .into()),
            _ => gathered,
        }
    }
}

impl<F: FnMut(Sample)> JobSink<Job> for SampleSink<F> {
    fn count(&self) -> u64 {
        self.count
    }

    fn wants_job(&self) -> bool {
        false
    }

    fn take(&mut self, raw: &str, job: Option<&Job>) -> io::Result<()> {
        let sample = match job {
            Some(job) => Sample::from_job(job),
            None => match Sample::from_job_json(raw) {
                Some(sample) => sample,
                None => match serde_json::from_str::<Job>(raw) {
                    Ok(job) => Sample::from_job(&job),
                    Err(e) => {
                        self.bad = Some(e.to_string());
                        return Err(io::Error::new(io::ErrorKind::InvalidData, e));
                    }
                },
            },
        };
        self.count += 1;
        (self.f)(sample);
        Ok(())
    }
}

impl<F: FnMut(Sample)> JobSink<QueueJob> for SampleSink<F> {
    fn count(&self) -> u64 {
        self.count
    }

    fn wants_job(&self) -> bool {
        true
    }

    fn take(&mut self, _raw: &str, job: Option<&QueueJob>) -> io::Result<()> {
        if let Some(job) = job {
            self.count += 1;
            (self.f)(Sample::from_queue(job));
        }
        Ok(())
    }
}

/// The filters with `--since` set to `default_since` when reading the API without one:
/// a whole history can be very long.
fn with_default_since(since: &Option<String>, file: bool, default_since: &str) -> Option<String> {
    match (since, file) {
        (None, false) => Some(default_since.to_owned()),
        (since, _) => since.clone(),
    }
}

/// How far before the window `timeline` looks for jobs that ran into it: the window's
/// length, at least an hour and at most a day (a job's run rarely spans more).
fn reach_back((since, until): Window, now: DateTime<Utc>) -> chrono::Duration {
    let length = since.map_or(chrono::Duration::zero(), |s| until.unwrap_or(now) - s);
    length.clamp(chrono::Duration::hours(1), chrono::Duration::days(1))
}

/// Hands every storage job that `filters` match in `source` to `f`, as a sample; returns
/// the window asked for. With `reach`, jobs created up to [`reach_back`] before the
/// window come too (their samples say whether they ran into it).
async fn storage_samples(
    ctx: &Context,
    filters: &JobFilterArgs,
    source: &JobSource,
    default_since: &str,
    reach: bool,
    f: impl FnMut(Sample),
) -> Result<Window> {
    let now = Utc::now();
    let file = source.file.as_deref();
    let filters = JobFilterArgs {
        since: with_default_since(&filters.since, file.is_some(), default_since),
        ..filters.clone()
    };
    let mut filter = JobFilter::from_args(&filters, now, &ctx.out.zone)?;
    for warning in filter.warnings(now) {
        ctx.out.note(&warning);
    }
    let window = (filter.since, filter.until);
    if reach {
        filter.since = filter.since.map(|s| s - reach_back(window, now));
    }
    let source = Source {
        filter: &filter,
        file,
        limit: None,
        size: source.page_size,
        concurrency: source.concurrency,
        track: false,
    };
    let mut sink = SampleSink::new(f);
    let gathered = gather(ctx, &source, &mut sink).await;
    sink.check(gathered, file)?;
    Ok(window)
}

/// Hands every queue job that `filters` match in `source` to `f`, as a sample; returns
/// the window asked for.
async fn queue_samples(
    ctx: &Context,
    filters: &QueueFilterArgs,
    source: &QueueSource,
    default_since: &str,
    reach: bool,
    f: impl FnMut(Sample),
) -> Result<Window> {
    let now = Utc::now();
    let file = source.file.as_deref();
    let filters = QueueFilterArgs {
        since: with_default_since(&filters.since, file.is_some(), default_since),
        ..filters.clone()
    };
    let mut filter = QueueFilter::from_args(&filters, now, &ctx.out.zone)?;
    let (since, until) = (filters.since.as_deref(), filters.until.as_deref());
    let window = time_bounds(since, until, now, &ctx.out.zone)?;
    if reach {
        filter = filter.reaching_back(reach_back(window, now));
    }
    let mut sink = SampleSink::new(f);
    let gathered = gather_queue(ctx, &filter, file, None, source.page_size, &mut sink).await;
    sink.check(gathered, file)?;
    Ok(window)
}
