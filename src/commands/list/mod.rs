//! `jobctl list`: pages through the job list (or reads a saved one), keeps the jobs the
//! filters want up to the limit, and prints them as each page arrives; `--watch` then
//! follows new jobs and status changes until Ctrl-C.

pub(super) mod filter;
mod paging;
pub(super) mod printer;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::Utc;

use super::Context;
use crate::cancel::Cancel;
use crate::cli::{ListArgs, ListFormat};
use crate::client::{ListQuery, StorageClient};
use crate::exit::{Reported, UsageError};
use crate::follow::{Backoff, floored};
use crate::jq::Jq;
use crate::model::{Job, RawJob, Status, split_array};
use crate::render::sanitize;
use crate::render::table::{Column, DEFAULT_COLUMNS, WIDE_COLUMNS, column_key, parse_columns};

pub(crate) use filter::JobFilter;
use paging::{Pages, in_flight, request_size};
use printer::{JobSink, Printer, RowFormat};

pub async fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let plan = ListPlan::new(ctx, &args)?;
    if let Some(jq) = &plan.jq {
        // The listing is collected as the `-o json` array, then given to the expression.
        let format = RowFormat::Json { pretty: false };
        let mut printer = Printer::new(Vec::new(), format, Vec::new(), &ctx.out);
        fill(ctx, &args, &plan, &mut printer).await?;
        let json = printer.into_inner();
        let mut w = ctx.out.stdout();
        jq.run(&String::from_utf8_lossy(&json), &mut w)?;
        w.flush()?;
        return Ok(());
    }
    let mut printer = Printer::new(
        ctx.out.stdout(),
        plan.format,
        plan.columns.clone(),
        &ctx.out,
    );
    if args.watch {
        printer = printer.following();
    }
    let source = fill(ctx, &args, &plan, &mut printer).await?;
    if printer.count() == 0 && printer.is_table() {
        ctx.out.note(&format!(
            "no jobs match{}",
            plan.filter.how_matching_works()
        ));
    }
    let Some((client, known)) = source.filter(|_| args.watch) else {
        return Ok(());
    };
    let (filter, size) = (&plan.filter, plan.size);
    let (interval, note) = floored(args.interval);
    if let Some(note) = note {
        ctx.out.note(&note);
    }
    let backoff = Backoff::new(interval);
    follow(ctx, &client, filter, size, backoff, known, &mut printer).await
}

/// What a listing will do, decided from the arguments before any request: a bad filter,
/// `--jq` expression or column list costs nothing.
struct ListPlan {
    filter: JobFilter,
    jq: Option<Jq>,
    format: RowFormat,
    columns: Vec<Column>,
    /// How many matches to print; `None` for `--all`.
    limit: Option<u64>,
    /// Jobs per request.
    size: u64,
}

impl ListPlan {
    fn new(ctx: &Context, args: &ListArgs) -> Result<ListPlan> {
        let now = Utc::now();
        let filter = JobFilter::from_args(&args.filters, now, &ctx.out.zone)?;
        for warning in filter.warnings(now) {
            ctx.out.note(&warning);
        }
        let jq = ctx.jq(args.jq.as_deref())?;
        let columns = if !args.columns.is_empty() {
            parse_columns(&json_names(&args.columns)).map_err(UsageError)?
        } else if args.output == ListFormat::Wide {
            WIDE_COLUMNS.to_vec()
        } else {
            DEFAULT_COLUMNS.to_vec()
        };
        let format = match args.output {
            ListFormat::Json => RowFormat::Json {
                pretty: ctx.out.stdout_tty,
            },
            ListFormat::Jsonl => RowFormat::Jsonl,
            ListFormat::Table | ListFormat::Wide if ctx.out.stdout_tty => RowFormat::Table,
            ListFormat::Table | ListFormat::Wide => RowFormat::Tsv,
        };
        let limit = (!args.all).then_some(args.limit);
        // Follow mode polls whole pages, so the listing reads whole pages too: every job
        // on the first page is then known, and only real changes are printed.
        let size = match args.watch {
            true => args.page_size,
            false => request_size(args.page_size, limit, filter.has_client_side()),
        };
        Ok(ListPlan {
            filter,
            jq,
            format,
            columns,
            limit,
            size,
        })
    }
}

/// `--columns` also takes the headers the table shows (`table`, `operation`, `error`,
/// `run id`, `run_id`, `error-code`, any case): each becomes its JSON name.
fn json_names(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            Column::ALL
                .into_iter()
                .find(|c| column_key(c.header()) == column_key(n))
                .map_or_else(|| n.clone(), |c| c.name().to_owned())
        })
        .collect()
}

/// Prints the listing from its source (`--file` or the API) and finishes the printer.
/// From the API, returns the client and, for follow mode, the status of every matching
/// job seen.
async fn fill(
    ctx: &Context,
    args: &ListArgs,
    plan: &ListPlan,
    printer: &mut Printer<impl Write>,
) -> Result<Option<(StorageClient, HashMap<u64, Status>)>> {
    let source = Source {
        filter: &plan.filter,
        file: args.file.as_deref(),
        limit: plan.limit,
        size: plan.size,
        concurrency: args.concurrency,
        track: args.watch,
    };
    let filled = gather(ctx, &source, printer).await?;
    printer.finish()?;
    Ok(filled)
}

/// Where a listing's jobs come from and how many are wanted: shared by `list`, `stats`
/// and `timeline`.
pub(crate) struct Source<'a> {
    pub filter: &'a JobFilter,
    /// A saved list response instead of the API.
    pub file: Option<&'a Path>,
    /// How many matches to take; `None` for all.
    pub limit: Option<u64>,
    /// Jobs per request.
    pub size: u64,
    /// Pages in flight after the first.
    pub concurrency: usize,
    /// Return the status of every matching job seen (for follow mode).
    pub track: bool,
}

/// Gives the matching jobs of `source` to `sink` as they arrive, in the listing's order,
/// up to the limit. From the API, returns the client and the statuses seen (when tracked).
pub(crate) async fn gather(
    ctx: &Context,
    source: &Source<'_>,
    sink: &mut impl JobSink<Job>,
) -> Result<Option<(StorageClient, HashMap<u64, Status>)>> {
    match source.file {
        Some(path) => {
            let text = super::read_input(path)?;
            from_saved(&text, path, source.filter, source.limit, sink, &ctx.cancel)?;
            Ok(None)
        }
        None => {
            let client = ctx.client()?;
            let known = from_api(ctx, &client, source, sink).await?;
            Ok(Some((client, known)))
        }
    }
}

/// Pages until `limit` matches were taken (or the end), `size` jobs a request; when
/// tracking, returns the status of every matching job seen, for follow mode.
async fn from_api(
    ctx: &Context,
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
    let counter = ctx.out.counter();
    let (mut scanned, mut matched, mut pages_read) = (0usize, 0usize, 0usize);
    let mut reached_end = false;
    loop {
        let remaining = limit.map(|l| l.saturating_sub(sink.count()));
        let Some(page) = pages
            .next(in_flight(remaining, size, client_side, concurrency))
            .await?
        else {
            reached_end = true;
            break;
        };
        scanned += page.len();
        pages_read += 1;
        // The counter (once shown) steps aside while rows are written, so the two never mix.
        let shown = !counter.message().is_empty();
        let mut write = || -> Result<()> {
            for raw in page.iter().filter(|r| filter.matches(&r.job)) {
                matched += 1;
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
        if client_side && pages_read > 1 {
            counter.set_message(format!(
                "scanning the job history: {} jobs, {matched} match",
                thousands(scanned)
            ));
        }
        if let Some(cap) = pages.take_cap() {
            ctx.out.note(&format!(
                "the server answered {cap} jobs for limit={size}: paging by {cap}"
            ));
        }
        if limit.is_some_and(|l| sink.count() >= l) {
            pages.finish();
            break;
        }
    }
    counter.finish_and_clear();
    // Said when it took more than one page: the scan went through the history.
    if client_side && reached_end && pages_read > 1 {
        ctx.out.note(&format!(
            "scanned all {} jobs{}: {matched} matched",
            thousands(scanned),
            if filter.server_query() == ListQuery::default() {
                ""
            } else {
                " the server's filters let through"
            }
        ));
    }
    Ok(known)
}

/// `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Applies the filters and the limit to a saved list response: a JSON array or JSON lines.
/// With no filter and JSON output the jobs' bytes pass through without being decoded.
fn from_saved(
    text: &str,
    path: &Path,
    filter: &JobFilter,
    limit: Option<u64>,
    printer: &mut impl JobSink<Job>,
    cancel: &Cancel,
) -> Result<()> {
    let array = text.trim_start().starts_with('[');
    // (item number or line number, the job's text)
    let items: Box<dyn Iterator<Item = (usize, &str)>> = if array {
        let items = split_array(text)
            .map_err(|e| UsageError(format!("{} is not a list of jobs: {e}", path.display())))?;
        Box::new(items.into_iter().map(|raw| raw.get()).enumerate())
    } else {
        Box::new(
            text.lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty()),
        )
    };
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
    let job: Job = serde_json::from_str(raw).map_err(|e| bad(format!("is not a job: {e}")))?;
    if filter.matches(&job) {
        printer.take(raw, Some(&job))?;
    }
    Ok(())
}

/// Polls the first page and prints jobs not seen before and jobs whose status changed,
/// oldest first, until a signal ends the command. The wait is `backoff`'s: the interval
/// after a change, longer after each poll that printed nothing. A failed poll is reported
/// and retried at the next tick, except a permanent error (a refused token), which ends
/// the watch.
async fn follow(
    ctx: &Context,
    client: &StorageClient,
    filter: &JobFilter,
    size: u64,
    mut backoff: Backoff,
    mut known: HashMap<u64, Status>,
    printer: &mut Printer,
) -> Result<()> {
    let query = ListQuery {
        limit: Some(size),
        offset: Some(0),
        ..filter.server_query()
    };
    // Jobs newer than the newest one listed are new; an older one the listing did not
    // show (past `--limit`) is outside what the user asked for.
    let newest = known.keys().max().copied().unwrap_or(0);
    // Runs until a signal: `commands::unless_cancelled` drops it where it stands.
    loop {
        tokio::time::sleep(backoff.wait()).await;
        let page = client.list(&query).await;
        let page: Vec<RawJob> = match page {
            Ok(page) => page,
            Err(e) if e.is_permanent() => return Err(e.into()),
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                backoff.polled(false);
                continue;
            }
        };
        printer.set_now(Utc::now());
        let mut changed = false;
        for raw in page.iter().rev().filter(|r| filter.matches(&r.job)) {
            if !is_followed(&known, newest, raw.job.id) {
                continue;
            }
            let before = known.insert(raw.job.id, raw.job.status.clone());
            if before.as_ref() != Some(&raw.job.status) {
                changed = true;
                printer.change(raw.raw(), &raw.job, before.as_ref().map(Status::as_str))?;
            }
        }
        // A running job that left a status-filtered page (`--running`) has finished: its
        // last change is worth showing, so it is fetched alone.
        for id in vanished(&known, &page, size) {
            match client.job(id).await {
                Ok(raw) if known.get(&id) != Some(&raw.job.status) => {
                    let before = known.insert(id, raw.job.status.clone());
                    changed = true;
                    printer.change(raw.raw(), &raw.job, before.as_ref().map(Status::as_str))?;
                }
                Ok(_) => {}
                // Not found is permanent for this job only: it is dropped below.
                Err(e) if e.is_permanent() && !e.is_not_found() => return Err(e.into()),
                Err(e) => {
                    // Best effort: say it once and stop following this job.
                    known.remove(&id);
                    ctx.out
                        .note(&format!("error: {}", sanitize(&e.to_string())));
                }
            }
        }
        printer.flush()?;
        backoff.polled(changed);
    }
}

/// Whether follow mode reports on job `id`: one it listed (or reported since), or one
/// newer than the newest job the listing showed (`newest`).
fn is_followed(known: &HashMap<u64, Status>, newest: u64, id: u64) -> bool {
    id > newest || known.contains_key(&id)
}

/// Jobs last seen running that a poll's first page should hold but does not, oldest first
/// (at most `MAX_VANISHED` a tick). On a full page only ids above its oldest job count,
/// since older ones may simply have moved to the next page.
fn vanished(known: &HashMap<u64, Status>, page: &[RawJob], size: u64) -> Vec<u64> {
    const MAX_VANISHED: usize = 10;
    let on_page: HashSet<u64> = page.iter().map(|r| r.job.id).collect();
    let oldest = match page.last() {
        Some(last) if page.len() as u64 >= size => last.job.id,
        _ => 0,
    };
    let mut ids: Vec<u64> = known
        .iter()
        .filter(|(id, status)| **id >= oldest && !status.is_finished() && !on_page.contains(id))
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    ids.truncate(MAX_VANISHED);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: u64, status: &str) -> RawJob {
        RawJob::parse(&format!(r#"{{"id":{id},"status":"{status}"}}"#)).unwrap()
    }

    #[test]
    fn running_jobs_missing_from_the_first_page_are_looked_up() {
        let known: HashMap<u64, Status> = [
            (1, Status::Processing),
            (5, Status::Waiting),
            (6, Status::Success),
            (7, Status::Processing),
            (9, Status::Waiting),
        ]
        .into_iter()
        .collect();
        let page = [raw(9, "processing"), raw(4, "waiting")];
        assert_eq!(vanished(&known, &page, 100), vec![1, 5, 7]);
        // A full page: job 1 may just have moved past its end.
        assert_eq!(vanished(&known, &page, 2), vec![5, 7]);
        assert_eq!(vanished(&HashMap::new(), &page, 2), Vec::<u64>::new());
    }

    #[test]
    fn columns_take_header_names_too() {
        let names = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        let cols = parse_columns(&json_names(&names(
            "id,table,OPERATION,error,run id,Error_Code",
        )));
        assert_eq!(
            cols.unwrap(),
            [
                Column::Id,
                Column::Table,
                Column::Operation,
                Column::ErrorMessage,
                Column::RunId,
                Column::ErrorCode
            ]
        );
        assert_eq!(json_names(&names("tableId,nope")), names("tableId,nope"));
    }

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn completion_offers_every_column() {
        let all: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(all, crate::cli::parse::COLUMNS);
    }

    #[test]
    fn follow_mode_reports_listed_and_newer_jobs_only() {
        let known: HashMap<u64, Status> = [(5, Status::Waiting), (7, Status::Success)]
            .into_iter()
            .collect();
        assert!(is_followed(&known, 7, 5));
        assert!(is_followed(&known, 7, 8));
        // Job 6 was past --limit (or the first page): not what the user asked for.
        assert!(!is_followed(&known, 7, 6));
        assert!(is_followed(&HashMap::new(), 0, 1));
    }
}
