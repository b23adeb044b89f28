//! `jobctl stats`, `jobctl timeline` (of `--kind storage`, `queue` or `all`) and their
//! `queue` forms: the matching jobs come through the listing service as `Sample`s, and are
//! figured (`stats`) or drawn (`timeline`).

mod stats;
mod timeline;

pub use stats::{queue_stats, stats};
pub use timeline::{queue_timeline, timeline};

use std::cell::RefCell;
use std::io;
use std::path::Path;

use anyhow::Result;

use super::read_input;
use crate::cli::JobFilterArgs;
use crate::cli::figures::{JobSource, QueueSource};
use crate::cli::queue::QueueFilterArgs;
use crate::client::{QueueClient, StorageClient};
use crate::context::Context;
use crate::exit::UsageError;
use crate::listing::{Filters, JobFilter, JobSink, Origin, QueueFilter, queue, storage};
use crate::model::figures::Sample;
use crate::model::{Job, QueueJob, RawQueueJob};

/// The window a command read: created at or after, at or before.
type Window = (Option<jiff::Timestamp>, Option<jiff::Timestamp>);

/// The Queue API's largest page.
const QUEUE_MOST_PER_PAGE: u64 = 500;

/// Takes the jobs of a listing as samples and hands each to `f` (shared by the two kinds
/// of a listing of both). Jobs come as text alone where they can, which spares decoding
/// whole jobs.
struct SampleSink<'f, F> {
    f: &'f RefCell<F>,
    count: u64,
    /// A saved entry that is no job: the command's usage error.
    bad: Option<String>,
}

impl<'f, F: FnMut(Sample)> SampleSink<'f, F> {
    fn new(f: &'f RefCell<F>) -> SampleSink<'f, F> {
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

    /// One sample, or the error of a text that is no job.
    fn add(&mut self, sample: Result<Sample, serde_json::Error>) -> io::Result<()> {
        match sample {
            Ok(sample) => {
                self.count += 1;
                (self.f.borrow_mut())(sample);
                Ok(())
            }
            Err(e) => {
                self.bad = Some(e.to_string());
                Err(io::Error::new(io::ErrorKind::InvalidData, e))
            }
        }
    }
}

impl<F: FnMut(Sample)> JobSink<Job> for SampleSink<'_, F> {
    fn count(&self) -> u64 {
        self.count
    }

    fn wants_job(&self) -> bool {
        false
    }

    fn take(&mut self, raw: &str, job: Option<&Job>) -> io::Result<()> {
        let sample = match job {
            Some(job) => Ok(Sample::from_job(job)),
            None => match Sample::from_job_json(raw) {
                Some(sample) => Ok(sample),
                None => Job::from_json(raw).map(|job| Sample::from_job(&job)),
            },
        };
        self.add(sample)
    }
}

impl<F: FnMut(Sample)> JobSink<QueueJob> for SampleSink<'_, F> {
    fn count(&self) -> u64 {
        self.count
    }

    fn wants_job(&self) -> bool {
        false
    }

    fn take(&mut self, raw: &str, job: Option<&QueueJob>) -> io::Result<()> {
        let sample = match job {
            Some(job) => Ok(Sample::from_queue(job)),
            None => match Sample::from_queue_json(raw) {
                Some(sample) => Ok(sample),
                None => RawQueueJob::parse(raw).map(|j| Sample::from_queue(&j.job)),
            },
        };
        self.add(sample)
    }
}

/// Where the samples of a history come from, whichever command asked.
struct Gathering<'a> {
    filters: Filters,
    /// A saved list of one kind instead of the API.
    file: Option<&'a Path>,
    page_size: u64,
    concurrency: usize,
}

impl<'a> Gathering<'a> {
    /// `stats` and `timeline`: `--kind`'s filters, with `--since` set to `default_since`
    /// when reading the API without one (a whole history can be very long).
    fn from_args(
        ctx: &Context,
        filters: &JobFilterArgs,
        source: &'a JobSource,
        default_since: &str,
    ) -> Result<Gathering<'a>> {
        let now = jiff::Timestamp::now();
        let file = source.file.as_deref();
        let filters = JobFilterArgs {
            since: with_default_since(&filters.since, file.is_some(), default_since),
            ..filters.clone()
        };
        let filters = Filters::from_args(&filters, now, &ctx.out.zone)?;
        if let Filters::Storage(f) | Filters::All(f, _) = &filters {
            for warning in f.warnings(now) {
                ctx.out.note(&warning);
            }
        }
        if !matches!(filters, Filters::Storage(_)) && source.page_size > QUEUE_MOST_PER_PAGE {
            return Err(UsageError(format!(
                "--page-size {}: the Queue API takes at most {QUEUE_MOST_PER_PAGE} jobs a page",
                source.page_size
            ))
            .into());
        }
        if matches!(filters, Filters::All(..)) && file.is_some() {
            return Err(UsageError(
                "--file reads a saved list of one kind: use --kind storage or --kind queue".into(),
            )
            .into());
        }
        Ok(Gathering {
            filters,
            file,
            page_size: source.page_size,
            concurrency: source.concurrency,
        })
    }

    /// `queue stats` and `queue timeline`: `--kind queue` with the flags `queue ...` has.
    fn from_queue_args(
        ctx: &Context,
        filters: &QueueFilterArgs,
        source: &'a QueueSource,
        default_since: &str,
    ) -> Result<Gathering<'a>> {
        let file = source.file.as_deref();
        let filters = QueueFilterArgs {
            since: with_default_since(&filters.since, file.is_some(), default_since),
            ..filters.clone()
        };
        let filter = QueueFilter::from_args(&filters, jiff::Timestamp::now(), &ctx.out.zone)?;
        Ok(Gathering {
            filters: Filters::Queue(filter),
            file,
            page_size: source.page_size,
            concurrency: 1,
        })
    }

    /// Whether both kinds are read.
    fn both(&self) -> bool {
        matches!(self.filters, Filters::All(..))
    }

    /// The window asked for (`--since`, `--until`).
    fn window(&self) -> Window {
        match &self.filters {
            Filters::Storage(f) | Filters::All(f, _) => (f.since, f.until),
            Filters::Queue(q) => (q.query().created_from, q.query().created_to),
        }
    }

    /// Each kind's filter, taking jobs created up to `by` before the window too.
    fn reaching(
        &self,
        by: Option<jiff::SignedDuration>,
    ) -> (Option<JobFilter>, Option<QueueFilter>) {
        let storage = |f: &JobFilter| JobFilter {
            since: f.since.map(|s| by.map_or(s, |by| s - by)),
            ..f.clone()
        };
        let queue = |q: &QueueFilter| match by {
            Some(by) => q.clone().reaching_back(by),
            None => q.clone(),
        };
        match &self.filters {
            Filters::Storage(s) => (Some(storage(s)), None),
            Filters::Queue(q) => (None, Some(queue(q))),
            Filters::All(s, q) => (Some(storage(s)), Some(queue(q))),
        }
    }

    /// The clients to read the API with (none for a saved list).
    async fn clients(
        &self,
        ctx: &Context,
        queue: bool,
    ) -> Result<(Option<StorageClient>, Option<QueueClient>)> {
        Ok(match (self.file, queue) {
            (Some(_), _) => (None, None),
            (None, false) => (Some(ctx.client()?), None),
            (None, true) => {
                let (storage, queue) = ctx.queue_client().await?;
                (Some(storage), Some(queue))
            }
        })
    }

    /// Hands every job the filters match to `f`, as a sample; returns the window asked
    /// for. With `reach`, jobs created up to [`reach_back`] before the window come too
    /// (their samples say whether they ran into it). Both kinds are read at once.
    async fn samples(self, ctx: &Context, reach: bool, f: impl FnMut(Sample)) -> Result<Window> {
        let window = self.window();
        let (storage, queue) =
            self.reaching(reach.then(|| reach_back(window, jiff::Timestamp::now())));
        let text = self.file.map(read_input).transpose()?;
        let (storage_client, queue_client) = self.clients(ctx, queue.is_some()).await?;
        let f = RefCell::new(f);
        let storage_part = async {
            let origin = origin(&text, self.file, storage_client.as_ref());
            let (Some(filter), Some(origin)) = (&storage, origin) else {
                return Ok(());
            };
            let source = storage::Source {
                filter,
                limit: None,
                size: self.page_size,
                concurrency: self.concurrency,
                track: false,
            };
            let mut sink = SampleSink::new(&f);
            let gathered = storage::gather(&ctx.out, &ctx.cancel, origin, &source, &mut sink).await;
            sink.check(gathered, self.file).map(drop)
        };
        let queue_part = async {
            let origin = origin(&text, self.file, queue_client.as_ref());
            let (Some(filter), Some(origin)) = (&queue, origin) else {
                return Ok(());
            };
            let size = self.page_size.min(QUEUE_MOST_PER_PAGE);
            let mut sink = SampleSink::new(&f);
            let gathered = queue::gather(&ctx.cancel, origin, filter, None, size, &mut sink).await;
            sink.check(gathered, self.file).map(drop)
        };
        tokio::try_join!(storage_part, queue_part)?;
        Ok(window)
    }
}

/// Where a kind's jobs come from: the saved list `text` of `file`, else the kind's client.
fn origin<'a, C>(
    text: &'a Option<String>,
    file: Option<&'a Path>,
    client: Option<&'a C>,
) -> Option<Origin<'a, C>> {
    match (file, client) {
        (Some(path), _) => Some(Origin::Saved {
            text: text.as_deref().unwrap_or_default(),
            path,
        }),
        (None, Some(client)) => Some(Origin::Api(client)),
        (None, None) => None,
    }
}

/// `since`, or `default_since` when reading the API without one.
fn with_default_since(since: &Option<String>, file: bool, default_since: &str) -> Option<String> {
    match (since, file) {
        (None, false) => Some(default_since.to_owned()),
        (since, _) => since.clone(),
    }
}

/// How far before the window `timeline` looks for jobs that ran into it: the window's
/// length, at least an hour and at most a day (a job's run rarely spans more).
fn reach_back((since, until): Window, now: jiff::Timestamp) -> jiff::SignedDuration {
    let length = since.map_or(jiff::SignedDuration::ZERO, |s| {
        until.unwrap_or(now).duration_since(s)
    });
    length.clamp(
        jiff::SignedDuration::from_hours(1),
        jiff::SignedDuration::from_hours(24),
    )
}
