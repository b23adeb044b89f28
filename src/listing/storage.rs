//! What a listing of storage jobs does its own way: the flags only storage jobs
//! understand, paging the Storage API's job list (or reading a saved one) into a
//! sink. Notes go to stderr through `Output`; the rows go to the sink alone.

use std::collections::HashMap;
use std::future::Future;

use anyhow::Result;

use super::filter::JobFilter;
use super::paging::{Pager, Pages, in_flight};
use super::printer::JobSink;
use super::{Origin, saved_items, thousands};
use crate::cancel::Cancel;
use crate::cli::JobFilterArgs;
use crate::client::{ApiError, ListQuery, StorageClient};
use crate::exit::{Reported, UsageError};
use crate::model::{Job, RawJob, Status};
use crate::output::Output;

/// The filter flags only storage jobs understand, with whether each was given.
pub fn own_flags(args: &JobFilterArgs) -> [(&'static str, bool); 3] {
    [
        ("--exclude-status", !args.exclude_status.is_empty()),
        ("--operation", !args.operation.is_empty()),
        ("--table", args.table.is_some()),
    ]
}

/// How a storage listing reads its source.
pub struct Source<'a> {
    pub filter: &'a JobFilter,
    /// How many matches to take; `None` for all.
    pub limit: Option<u64>,
    /// Jobs per request.
    pub size: u64,
    /// Pages in flight after the first.
    pub concurrency: usize,
    /// Return the status of every matching job seen (for follow mode).
    pub track: bool,
}

/// Gives the matching jobs of `origin` to `sink` as they arrive, in the listing's order,
/// up to the limit. From the API, returns the statuses seen (when tracked).
pub async fn gather(
    out: &Output,
    cancel: &Cancel,
    origin: Origin<'_, StorageClient>,
    source: &Source<'_>,
    sink: &mut impl JobSink<Job>,
) -> Result<HashMap<u64, Status>> {
    match origin {
        Origin::Saved { text, path } => {
            from_saved(text, path, source.filter, source.limit, sink, cancel)?;
            Ok(HashMap::new())
        }
        Origin::Api(client) => from_api(out, client, source, sink).await,
    }
}

/// Pages until `limit` matches were taken (or the end), `size` jobs a request; when
/// tracking, returns the status of every matching job seen, for follow mode.
async fn from_api(
    out: &Output,
    client: &StorageClient,
    source: &Source<'_>,
    sink: &mut impl JobSink<Job>,
) -> Result<HashMap<u64, Status>> {
    let (filter, limit, size) = (source.filter, source.limit, source.size);
    let (concurrency, track) = (source.concurrency, source.track);
    let client_side = filter.has_client_side();
    let mut pages = Pages::new(client.clone(), filter.server_query(), size);
    // JSON output copies the server's bytes, and without a client-side filter nothing
    // else of a job is read: decoding whole jobs was most of the time of `list --all`.
    // A head is no job to hand on: the sink then gets the text alone.
    let heads_only = !client_side && !sink.wants_job();
    if heads_only {
        pages = pages.heads_only();
    }
    let mut known = HashMap::new();
    // A client-side filter may page through the whole history: say how far it got.
    let counter = out.counter();
    let mut scan = Scan::default();
    loop {
        let remaining = limit.map(|l| l.saturating_sub(sink.count()));
        let Some(page) = pages
            .next(in_flight(remaining, size, client_side, concurrency))
            .await?
        else {
            scan.reached_end = true;
            break;
        };
        scan.jobs += page.len();
        scan.pages += 1;
        // The counter (once shown) steps aside while rows are written, so the two never mix.
        let shown = !counter.message().is_empty();
        let mut write = || -> Result<()> {
            for raw in page.iter().filter(|r| filter.matches(&r.job)) {
                scan.matched += 1;
                if limit.is_none_or(|l| sink.count() < l) {
                    // Follow mode tracks the jobs the user sees, not those past the limit.
                    if track {
                        known.insert(raw.job.id, raw.job.status.clone());
                    }
                    sink.take(raw.raw(), Some(&raw.job).filter(|_| !heads_only))?;
                }
            }
            // Each page reaches the reader as soon as it is printed (jsonl, TSV).
            sink.flush()?;
            Ok(())
        };
        match shown {
            true => counter.suspend(write)?,
            false => write()?,
        }
        if client_side && scan.pages > 1 {
            counter.set_message(format!(
                "scanning the job history: {} jobs, {} match",
                thousands(scan.jobs),
                scan.matched
            ));
        }
        if let Some(cap) = pages.take_cap() {
            out.note(&format!(
                "the server answered {cap} jobs for limit={size}: paging by {cap}"
            ));
        }
        if limit.is_some_and(|l| sink.count() >= l) {
            pages.finish();
            break;
        }
    }
    counter.finish_and_clear();
    if let Some(note) = scan.note(filter) {
        out.note(&note);
    }
    Ok(known)
}

/// How far a listing read.
#[derive(Default)]
struct Scan {
    jobs: usize,
    matched: usize,
    pages: usize,
    reached_end: bool,
}

impl Scan {
    /// Said when a client-side filter took more than one page to the end: the scan went
    /// through the history.
    fn note(&self, filter: &JobFilter) -> Option<String> {
        if !(filter.has_client_side() && self.reached_end && self.pages > 1) {
            return None;
        }
        Some(format!(
            "scanned all {} jobs{}: {} matched",
            thousands(self.jobs),
            if filter.server_query() == ListQuery::default() {
                ""
            } else {
                " the server's filters let through"
            },
            self.matched
        ))
    }
}

/// Applies the filters and the limit to a saved list response: a JSON array or JSON lines.
/// With no filter and JSON output the jobs' bytes pass through without being decoded.
fn from_saved(
    text: &str,
    path: &std::path::Path,
    filter: &JobFilter,
    limit: Option<u64>,
    printer: &mut impl JobSink<Job>,
    cancel: &Cancel,
) -> Result<()> {
    let (array, items) = saved_items(text, path)?;
    let decode = *filter != JobFilter::default() || printer.wants_job();
    for (i, raw) in items {
        if limit.is_some_and(|l| printer.count() >= l) {
            break;
        }
        // A big file is a loop with no wait in it, so a signal is looked for here.
        if i % 1024 == 0
            && let Some(exit) = cancel.now()
        {
            return Err(Reported(exit).into());
        }
        let before = printer.count();
        let bad = |what: String| {
            let place = if array { "item" } else { "line" };
            UsageError(format!("{}: {place} {} {what}", path.display(), i + 1))
        };
        keep_saved(raw, decode, filter, printer, bad)?;
        // A compact JSON array is one line: hand it out in pieces rather than whole.
        if printer.count() != before && printer.count().is_multiple_of(1000) {
            printer.flush()?;
        }
    }
    Ok(())
}

/// Prints one saved job if the filters want it. `bad` makes the usage error for text that
/// is not a job (given the end of the sentence).
fn keep_saved(
    raw: &str,
    decode: bool,
    filter: &JobFilter,
    printer: &mut impl JobSink<Job>,
    bad: impl Fn(String) -> UsageError,
) -> Result<()> {
    if !decode {
        if !raw.trim_start().starts_with('{') {
            return Err(bad("is not a job object".into()).into());
        }
        return Ok(printer.take(raw, None)?);
    }
    // Only the filtered fields need decoding to pass over a job; a whole `Job` is decoded
    // for a table row, or for a precise error when the brief decoding fails.
    match filter.matches_json(raw) {
        Some(false) => return Ok(()),
        Some(true) if !printer.wants_job() => return Ok(printer.take(raw, None)?),
        _ => {}
    }
    let job = Job::from_json(raw).map_err(|e| bad(format!("is not a job: {e}")))?;
    if filter.matches(&job) {
        printer.take(raw, Some(&job))?;
    }
    Ok(())
}

/// The Storage API's job list, paged.
impl Pager for StorageClient {
    type Query = ListQuery;
    type Item = RawJob;
    /// The API's largest `limit` is undocumented.
    const PROBES_SHORT_FIRST: bool = true;

    fn page(query: &ListQuery, limit: u64, offset: u64) -> ListQuery {
        ListQuery {
            limit: Some(limit),
            offset: Some(offset),
            ..query.clone()
        }
    }

    fn created_no_later_than(query: &ListQuery, t: jiff::Timestamp) -> ListQuery {
        query.clone().created_no_later_than(t)
    }

    fn id(item: &RawJob) -> u64 {
        item.job.id
    }

    fn created(item: &RawJob) -> Option<jiff::Timestamp> {
        item.job.created_time.map(|t| t.to_utc())
    }

    fn fetch(
        &self,
        query: ListQuery,
        heads: bool,
    ) -> impl Future<Output = Result<Vec<RawJob>, ApiError>> + Send + 'static {
        let client = self.clone();
        async move {
            match heads {
                true => client.list_heads(&query).await,
                false => client.list(&query).await,
            }
        }
    }
}
