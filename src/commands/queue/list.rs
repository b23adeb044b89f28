//! `jobctl queue list`: pages through the Queue API's search (or reads a saved response),
//! keeps the jobs the filters want up to the limit and prints them with `list`'s printer
//! (table, TSV, JSON, JSON lines); `--watch` then follows new jobs and status changes.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Context;
use crate::cancel::Cancel;
use crate::cli::ListFormat;
use crate::cli::queue::{QueueFilterArgs, QueueListArgs, QueueStatusArg};
use crate::client::{QueueClient, QueueQuery};
use crate::commands::list::filter::time_bounds;
use crate::commands::list::printer::{JobSink, Printer, RowFormat};
use crate::exit::{Reported, UsageError};
use crate::model::{QueueJob, QueueStatus, RawQueueJob, split_array};
use crate::render::Zone;
use crate::render::queue_table::{
    QUEUE_COLUMNS, QUEUE_WIDE_COLUMNS, QueueColumn, parse_queue_columns,
};

pub async fn run(ctx: &Context, args: QueueListArgs) -> Result<()> {
    // Everything that can be wrong with the arguments is found before any request.
    let filter = QueueFilter::from_args(&args.filters, Utc::now(), &ctx.out.zone)?;
    let jq = ctx.jq(args.jq.as_deref())?;
    let tty = ctx.out.stdout_tty;
    let format = match args.output {
        ListFormat::Table | ListFormat::Wide if tty => RowFormat::Table,
        ListFormat::Table | ListFormat::Wide => RowFormat::Tsv,
        ListFormat::Json => RowFormat::Json { pretty: tty },
        ListFormat::Jsonl => RowFormat::Jsonl,
    };
    let columns = match (&args.columns[..], args.output) {
        ([], ListFormat::Wide) => QUEUE_WIDE_COLUMNS.to_vec(),
        ([], _) => QUEUE_COLUMNS.to_vec(),
        (_, ListFormat::Json | ListFormat::Jsonl) => {
            return Err(UsageError(
                "--columns picks table columns; -o json and jsonl always carry whole jobs".into(),
            )
            .into());
        }
        (names, _) => parse_queue_columns(names).map_err(UsageError)?,
    };
    let limit = (!args.all).then_some(args.limit);
    if let Some(jq) = &jq {
        let format = RowFormat::Json { pretty: false };
        let mut printer: Printer<Vec<u8>, QueueColumn> =
            Printer::new(Vec::new(), format, Vec::new(), &ctx.out);
        fill(ctx, &args, &filter, limit, &mut printer).await?;
        let json = printer.into_inner();
        let mut w = ctx.out.stdout();
        jq.run(&String::from_utf8_lossy(&json), &mut w)?;
        w.flush()?;
        return Ok(());
    }
    let mut printer: Printer<_, QueueColumn> =
        Printer::new(ctx.out.stdout(), format, columns, &ctx.out);
    let source = fill(ctx, &args, &filter, limit, &mut printer).await?;
    if printer.count() == 0 && printer.is_table() {
        ctx.out.note("no jobs match");
    }
    match source.filter(|_| args.watch) {
        Some((queue, known)) => follow(&queue, &filter, &args, known, &mut printer).await,
        None => Ok(()),
    }
}

/// The filters: what the server applies (`query`) and what only jobctl can (`top_level`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct QueueFilter {
    query: QueueQuery,
    top_level: bool,
}

impl QueueFilter {
    /// The same filter, taking jobs created up to `by` before `--since` too (`timeline`
    /// draws those that ran into the window).
    pub(crate) fn reaching_back(mut self, by: chrono::Duration) -> QueueFilter {
        self.query.created_from = self.query.created_from.map(|t| t - by);
        self
    }

    /// Naive dates in `--since`/`--until` are read in `zone`, the one times are shown in.
    pub(crate) fn from_args(
        args: &QueueFilterArgs,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<QueueFilter, UsageError> {
        let mut statuses: Vec<QueueStatusArg> = args.status.clone();
        if args.failed {
            statuses.extend([
                QueueStatusArg::Error,
                QueueStatusArg::Terminated,
                QueueStatusArg::Cancelled,
            ]);
        }
        if args.running {
            statuses.extend([
                QueueStatusArg::Created,
                QueueStatusArg::Waiting,
                QueueStatusArg::Processing,
                QueueStatusArg::Terminating,
            ]);
        }
        let mut names: Vec<String> = Vec::new();
        for s in statuses {
            if !names.iter().any(|n| n == s.as_str()) {
                names.push(s.as_str().to_owned());
            }
        }
        let (since, until) = (args.since.as_deref(), args.until.as_deref());
        let (since, until) = time_bounds(since, until, now, zone)?;
        let clean = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Ok(QueueFilter {
            query: QueueQuery {
                run_ids: clean(&args.run_id),
                statuses: names,
                components: clean(&args.component),
                configs: clean(&args.config),
                types: clean(&args.job_type),
                branches: clean(&args.branch),
                parent_run_id: args
                    .parent
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
                created_from: since,
                created_to: until,
                ..QueueQuery::default()
            },
            top_level: args.top_level,
        })
    }

    /// The filters only jobctl applies, for jobs the server already filtered.
    fn keeps(&self, job: &QueueJob) -> bool {
        !self.top_level || job.parent_run_id.is_none()
    }

    /// Every filter, applied by jobctl: for a saved response.
    fn matches(&self, job: &QueueJob) -> bool {
        let q = &self.query;
        let any = |wanted: &[String], have: Option<&str>| {
            wanted.is_empty() || have.is_some_and(|h| wanted.iter().any(|w| w == h))
        };
        let created = job.created_time.map(|t| t.to_utc());
        self.keeps(job)
            && any(&q.statuses, Some(job.status.as_str()))
            && any(&q.run_ids, Some(&job.run_id))
            && any(&q.components, job.component.as_deref())
            && any(&q.configs, job.config.as_deref())
            && any(&q.types, job.job_type.as_deref())
            && any(
                &q.branches,
                Some(job.branch_id.as_deref().unwrap_or("null")),
            )
            && q.parent_run_id
                .as_ref()
                .is_none_or(|p| job.parent_run_id.as_ref() == Some(p))
            && q.created_from
                .is_none_or(|f| created.is_some_and(|c| c >= f))
            && q.created_to.is_none_or(|t| created.is_some_and(|c| c <= t))
    }
}

/// What `--watch` follows after the listing: the client and each printed job's status.
pub(crate) type Known = HashMap<u64, QueueStatus>;

/// Prints the listing; returns the client and the jobs seen when it came from the API.
async fn fill<W: Write>(
    ctx: &Context,
    args: &QueueListArgs,
    filter: &QueueFilter,
    limit: Option<u64>,
    printer: &mut Printer<W, QueueColumn>,
) -> Result<Option<(QueueClient, Known)>> {
    let file = args.file.as_deref();
    let filled = gather(ctx, filter, file, limit, args.page_size, printer).await?;
    printer.finish()?;
    Ok(filled)
}

/// Gives the matching jobs of a saved response (`file`) or of the API to `sink`, newest
/// first, up to `limit`, `page_size` a request: shared by `queue list`, `queue stats` and
/// `queue timeline`. From the API, returns the client and the jobs seen.
pub(crate) async fn gather(
    ctx: &Context,
    filter: &QueueFilter,
    file: Option<&std::path::Path>,
    limit: Option<u64>,
    page_size: u64,
    sink: &mut impl JobSink<QueueJob>,
) -> Result<Option<(QueueClient, Known)>> {
    if let Some(path) = file {
        let text = super::super::read_input(path)?;
        from_saved(&text, path, filter, limit, sink, &ctx.cancel)?;
        return Ok(None);
    }
    let (_, queue) = ctx.queue_client().await?;
    let size = match limit {
        // Only server filters: ask for no more than will be shown.
        Some(l) if !filter.top_level => page_size.min(l),
        _ => page_size,
    };
    // JSON output copies the server's bytes and reads nothing else of a job but what
    // paging does: decoding whole jobs would be most of the time of `--all`.
    let heads_only = !sink.wants_job();
    let mut known = Known::new();
    let mut seen = HashSet::new();
    let mut query = filter.query.clone();
    let mut offset = 0;
    'pages: loop {
        query.limit = Some(size);
        query.offset = Some(offset);
        let page = match heads_only {
            true => queue.search_heads(&query).await?,
            false => queue.search(&query).await?,
        };
        let full = page.len() as u64 >= size;
        offset += page.len() as u64;
        // Later pages are pinned to the jobs that existed at the first: new jobs at the
        // top would shift the offsets.
        if offset == page.len() as u64
            && let Some(top) = page.first().and_then(|j| j.job.created_time)
        {
            let top = top.to_utc();
            query.created_to = Some(query.created_to.map_or(top, |t| t.min(top)));
        }
        let mut fresh = false;
        for job in page {
            if !seen.insert(job.job.id) {
                continue;
            }
            fresh = true;
            if !filter.keeps(&job.job) {
                continue;
            }
            sink.take(job.raw(), Some(&job.job))?;
            known.insert(job.job.id, job.job.status.clone());
            if limit.is_some_and(|l| sink.count() >= l) {
                break 'pages;
            }
        }
        sink.flush()?;
        // A full page that brings no job not seen before: a server that ignores `offset`
        // answers the first page again and again.
        if !full || !fresh {
            break;
        }
    }
    Ok(Some((queue, known)))
}

/// A saved search response: a JSON array or JSON lines, filtered by jobctl.
fn from_saved(
    text: &str,
    path: &std::path::Path,
    filter: &QueueFilter,
    limit: Option<u64>,
    printer: &mut impl JobSink<QueueJob>,
    cancel: &Cancel,
) -> Result<()> {
    let array = text.trim_start().starts_with('[');
    let items: Vec<&str> = if array {
        split_array(text)
            .map_err(|e| UsageError(format!("{} is not a list of jobs: {e}", path.display())))?
            .into_iter()
            .map(|raw| raw.get())
            .collect()
    } else {
        text.lines().filter(|l| !l.trim().is_empty()).collect()
    };
    for (i, raw) in items.into_iter().enumerate() {
        if limit.is_some_and(|l| printer.count() >= l) {
            break;
        }
        // A big file is a loop with no wait in it, so a signal is looked for here.
        if i % 1024 == 0
            && let Some(exit) = cancel.now()
        {
            return Err(Reported(exit).into());
        }
        let job = RawQueueJob::parse(raw).map_err(|e| {
            let place = if array { "item" } else { "line" };
            UsageError(format!(
                "{}: {place} {} is not a queue job: {e}",
                path.display(),
                i + 1
            ))
        })?;
        if filter.matches(&job.job) {
            printer.take(job.raw(), Some(&job.job))?;
        }
    }
    Ok(())
}

/// Polls the first page every `--interval` and prints new jobs and status changes until
/// the command is cancelled. A running job that leaves a status-filtered page is looked up
/// once, so that its end shows too.
async fn follow<W: Write>(
    queue: &QueueClient,
    filter: &QueueFilter,
    args: &QueueListArgs,
    mut known: Known,
    printer: &mut Printer<W, QueueColumn>,
) -> Result<()> {
    let mut query = filter.query.clone();
    query.limit = Some(args.page_size);
    loop {
        tokio::time::sleep(args.interval).await;
        printer.set_now(Utc::now());
        let page = queue.search(&query).await?;
        let on_page: HashSet<u64> = page.iter().map(|j| j.job.id).collect();
        for job in page.iter().rev() {
            if !filter.keeps(&job.job) {
                continue;
            }
            if known.get(&job.job.id) != Some(&job.job.status) {
                printer.update(job.raw(), &job.job)?;
                known.insert(job.job.id, job.job.status.clone());
            }
        }
        if !query.statuses.is_empty() {
            let gone: Vec<u64> = known
                .iter()
                .filter(|(id, status)| !status.is_finished() && !on_page.contains(id))
                .map(|(id, _)| *id)
                .collect();
            for (id, found) in gone.iter().zip(queue.jobs(&gone).await) {
                if let Ok(job) = found
                    && known.get(id) != Some(&job.job.status)
                {
                    printer.update(job.raw(), &job.job)?;
                }
                known.remove(id);
            }
        }
        printer.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::queue::QueueCommand;
    use crate::cli::{Cli, Command};

    fn args(argv: &[&str]) -> QueueListArgs {
        let cli = Cli::try_parse_from(["jobctl", "queue", "list"].iter().chain(argv)).unwrap();
        match cli.command {
            Command::Queue(QueueCommand::List { args, .. }) => *args,
            other => panic!("{other:?}"),
        }
    }

    fn filter(argv: &[&str]) -> QueueFilter {
        let now = crate::model::parse_timestamp("2026-11-29T12:00:00Z")
            .unwrap()
            .to_utc();
        QueueFilter::from_args(&args(argv).filters, now, &Zone::utc()).unwrap()
    }

    #[test]
    fn shorthands_become_server_statuses_once_each() {
        assert_eq!(
            filter(&["--failed"]).query.statuses,
            ["error", "terminated", "cancelled"]
        );
        assert_eq!(
            filter(&["--running"]).query.statuses,
            ["created", "waiting", "processing", "terminating"]
        );
        assert_eq!(
            filter(&["--status", "error,error", "--status", "warning"])
                .query
                .statuses,
            ["error", "warning"]
        );
    }

    #[test]
    fn filters_go_to_the_server_but_top_level_stays_with_jobctl() {
        let f = filter(&[
            "--component",
            "keboola.orchestrator",
            "--type",
            "orchestrationContainer",
            "--since",
            "2h",
            "--top-level",
        ]);
        assert!(f.top_level);
        assert_eq!(
            f.query.pairs(),
            [
                ("componentId[]", "keboola.orchestrator".to_owned()),
                ("type[]", "orchestrationContainer".to_owned()),
                ("createdTimeFrom", "2026-11-29T10:00:00+00:00".to_owned()),
            ]
        );
    }

    #[test]
    fn a_saved_job_is_matched_by_every_filter() {
        let path = format!(
            "{}/tests/fixtures/queue/queue-standard-success.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let job: QueueJob = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(filter(&[]).matches(&job));
        assert!(filter(&["--parent", "10440530.10440533", "--branch", "null"]).matches(&job));
        assert!(!filter(&["--top-level"]).matches(&job));
        assert!(!filter(&["--parent", "10440530"]).matches(&job));
        assert!(!filter(&["--failed"]).matches(&job));
        assert!(!filter(&["--since", "2022-01-25"]).matches(&job));
        assert!(filter(&["--run-id", "10440530.10440533.10440535"]).matches(&job));
    }

    #[test]
    fn bad_times_are_usage_errors() {
        let now = Utc::now();
        let utc = Zone::utc();
        assert!(QueueFilter::from_args(&args(&["--since", "soon"]).filters, now, &utc).is_err());
        assert!(
            QueueFilter::from_args(
                &args(&["--since", "1h", "--until", "2h"]).filters,
                now,
                &utc
            )
            .is_err()
        );
    }
}
