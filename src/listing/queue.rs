//! What a listing of queue jobs does its own way: the Queue API's search and its
//! server-side filters (`QueueFilter`), the flags only queue jobs understand, and paging
//! the search (or reading a saved response) into a sink. Notes go to stderr through
//! `Output`; the rows go to the sink alone.

use std::collections::HashMap;
use std::future::Future;

use anyhow::Result;

use super::paging::{Pager, Pages};
use super::printer::JobSink;
use super::when::time_bounds;
use super::{Origin, saved_items};
use crate::cancel::Cancel;
use crate::cli::queue::{QueueFilterArgs, QueueStatusArg};
use crate::cli::{JobFilterArgs, StatusArg};
use crate::client::{ApiError, QueueClient, QueueQuery};
use crate::exit::{Reported, UsageError};
use crate::model::{QueueBrief, QueueJob, QueueStatus, RawQueueJob};
use crate::render::Zone;

/// The filter flags of `list`, `stats` and `timeline` only queue jobs understand, with
/// whether each was given.
pub fn own_flags(args: &JobFilterArgs) -> [(&'static str, bool); 6] {
    [
        ("--component", !args.component.is_empty()),
        ("--config-id", !args.config_id.is_empty()),
        ("--type", !args.job_type.is_empty()),
        ("--branch", !args.branch.is_empty()),
        ("--parent", args.parent.is_some()),
        ("--top-level", args.top_level),
    ]
}

/// `list --kind queue`'s filters as `queue list` spells them (its `--run-id` is one exact
/// run, its `--config-id` the configuration). The storage-only flags were refused before.
pub fn queue_filter_args(args: &JobFilterArgs) -> QueueFilterArgs {
    QueueFilterArgs {
        status: args.status.iter().map(|s| queue_status(*s)).collect(),
        component: args.component.clone(),
        config: args.config_id.clone(),
        job_type: args.job_type.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        branch: args.branch.clone(),
        run_id: args.run_id.iter().cloned().collect(),
        parent: args.parent.clone(),
        failed: args.failed,
        running: args.running,
        top_level: args.top_level,
    }
}

/// Every status of either kind is a queue job status.
fn queue_status(s: StatusArg) -> QueueStatusArg {
    match s {
        StatusArg::Waiting => QueueStatusArg::Waiting,
        StatusArg::Processing => QueueStatusArg::Processing,
        StatusArg::Success => QueueStatusArg::Success,
        StatusArg::Error => QueueStatusArg::Error,
        StatusArg::Created => QueueStatusArg::Created,
        StatusArg::Warning => QueueStatusArg::Warning,
        StatusArg::Terminating => QueueStatusArg::Terminating,
        StatusArg::Terminated => QueueStatusArg::Terminated,
        StatusArg::Cancelled => QueueStatusArg::Cancelled,
    }
}

/// The filters: what the server applies (`query`) and what only jobctl can (`top_level`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueFilter {
    query: QueueQuery,
    top_level: bool,
}

impl QueueFilter {
    /// The same filter, taking jobs created up to `by` before `--since` too (`timeline`
    /// draws those that ran into the window).
    pub fn reaching_back(mut self, by: jiff::SignedDuration) -> QueueFilter {
        self.query.created_from = self.query.created_from.map(|t| t - by);
        self
    }

    /// Naive dates in `--since`/`--until` are read in `zone`, the one times are shown in.
    pub fn from_args(
        args: &QueueFilterArgs,
        now: jiff::Timestamp,
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

    /// A filter the server applies whole: `query` as it is.
    pub fn from_query(query: QueueQuery) -> QueueFilter {
        QueueFilter {
            query,
            top_level: false,
        }
    }

    /// Whether some filter only jobctl can apply (the server would return non-matching jobs).
    pub fn has_client_side(&self) -> bool {
        self.top_level
    }

    /// The query the server gets (no paging yet).
    pub fn query(&self) -> &QueueQuery {
        &self.query
    }

    /// The filters only jobctl applies, for jobs the server already filtered.
    pub fn keeps(&self, job: &QueueJob) -> bool {
        !self.top_level || job.parent_run_id.is_none()
    }

    /// Every filter, applied by jobctl: for a saved response.
    pub fn matches(&self, job: &QueueJob) -> bool {
        self.matches_facts(&Facts {
            status: job.status.as_str(),
            run_id: &job.run_id,
            parent_run_id: job.parent_run_id.as_deref(),
            component: job.component.as_deref(),
            config: job.config.as_deref(),
            job_type: job.job_type.as_deref(),
            branch_id: job.branch_id.as_deref(),
            created: job.created_time.map(|t| t.to_utc()),
        })
    }

    /// Every filter, over a job's brief decoding (as [`QueueFilter::matches`]).
    pub fn matches_brief(&self, job: &QueueBrief<'_>) -> bool {
        self.matches_facts(&Facts {
            status: &job.status,
            run_id: &job.run_id,
            parent_run_id: job.parent_run_id.as_deref(),
            component: job.component.as_deref(),
            config: job.config.as_deref(),
            job_type: job.job_type.as_deref(),
            branch_id: job.branch_id.as_deref(),
            created: job.created(),
        })
    }

    fn matches_facts(&self, job: &Facts<'_>) -> bool {
        let q = &self.query;
        let any = |wanted: &[String], have: Option<&str>| {
            wanted.is_empty() || have.is_some_and(|h| wanted.iter().any(|w| w == h))
        };
        let created = job.created;
        (!self.top_level || job.parent_run_id.is_none())
            && any(&q.statuses, Some(job.status))
            && any(&q.run_ids, Some(job.run_id))
            && any(&q.components, job.component)
            && any(&q.configs, job.config)
            && any(&q.types, job.job_type)
            && any(&q.branches, Some(job.branch_id.unwrap_or("null")))
            && q.parent_run_id
                .as_deref()
                .is_none_or(|p| job.parent_run_id == Some(p))
            && q.created_from
                .is_none_or(|f| created.is_some_and(|c| c >= f))
            && q.created_to.is_none_or(|t| created.is_some_and(|c| c <= t))
    }
}

/// What the filters look at in a queue job.
struct Facts<'a> {
    status: &'a str,
    run_id: &'a str,
    parent_run_id: Option<&'a str>,
    component: Option<&'a str>,
    config: Option<&'a str>,
    job_type: Option<&'a str>,
    branch_id: Option<&'a str>,
    created: Option<jiff::Timestamp>,
}

/// Each listed job's status: what `--watch` follows after the listing.
pub type Known = HashMap<u64, QueueStatus>;

/// Gives the matching jobs of `origin` to `sink`, newest first, up to `limit`, `page_size`
/// a request. From the API, returns the jobs seen.
pub async fn gather(
    cancel: &Cancel,
    origin: Origin<'_, QueueClient>,
    filter: &QueueFilter,
    limit: Option<u64>,
    page_size: u64,
    sink: &mut impl JobSink<QueueJob>,
) -> Result<Known> {
    let queue = match origin {
        Origin::Saved { text, path } => {
            from_saved(text, path, filter, limit, sink, cancel)?;
            return Ok(Known::new());
        }
        Origin::Api(queue) => queue,
    };
    let size = match limit {
        // Only server filters: ask for no more than will be shown.
        Some(l) if !filter.has_client_side() => page_size.min(l),
        _ => page_size,
    };
    // JSON output copies the server's bytes and reads nothing else of a job but what
    // paging does: decoding whole jobs would be most of the time of `--all`.
    let heads_only = !sink.wants_job();
    let mut pages = Pages::new(queue.clone(), filter.query.clone(), size);
    if heads_only {
        pages = pages.heads_only();
    }
    let mut known = Known::new();
    // One page at a time: a page of the search is dear.
    while let Some(page) = pages.next(1).await? {
        for job in page.iter().filter(|j| filter.keeps(&j.job)) {
            sink.take(job.raw(), Some(&job.job).filter(|_| !heads_only))?;
            known.insert(job.job.id, job.job.status.clone());
            if limit.is_some_and(|l| sink.count() >= l) {
                sink.flush()?;
                return Ok(known);
            }
        }
        sink.flush()?;
    }
    Ok(known)
}

/// The Queue API's search, paged.
impl Pager for QueueClient {
    type Query = QueueQuery;
    type Item = RawQueueJob;
    /// Its largest page is known (500), and a short page is its end.
    const PROBES_SHORT_FIRST: bool = false;

    fn page(query: &QueueQuery, limit: u64, offset: u64) -> QueueQuery {
        QueueQuery {
            limit: Some(limit),
            offset: Some(offset),
            ..query.clone()
        }
    }

    fn created_no_later_than(query: &QueueQuery, t: jiff::Timestamp) -> QueueQuery {
        QueueQuery {
            created_to: Some(query.created_to.map_or(t, |to| to.min(t))),
            ..query.clone()
        }
    }

    fn id(item: &RawQueueJob) -> u64 {
        item.job.id
    }

    fn created(item: &RawQueueJob) -> Option<jiff::Timestamp> {
        item.job.created_time.map(|t| t.to_utc())
    }

    fn fetch(
        &self,
        query: QueueQuery,
        heads: bool,
    ) -> impl Future<Output = Result<Vec<RawQueueJob>, ApiError>> + Send + 'static {
        let queue = self.clone();
        async move {
            match heads {
                true => queue.search_heads(&query).await,
                false => queue.search(&query).await,
            }
        }
    }
}

/// A saved search response: a JSON array or JSON lines, filtered by jobctl. A job the
/// filters pass over, or one a sink takes as text, is read through its brief decoding.
fn from_saved(
    text: &str,
    path: &std::path::Path,
    filter: &QueueFilter,
    limit: Option<u64>,
    sink: &mut impl JobSink<QueueJob>,
    cancel: &Cancel,
) -> Result<()> {
    let (array, items) = saved_items(text, path)?;
    for (i, raw) in items {
        if limit.is_some_and(|l| sink.count() >= l) {
            break;
        }
        // A big file is a loop with no wait in it, so a signal is looked for here.
        if i % 1024 == 0
            && let Some(exit) = cancel.now()
        {
            return Err(Reported(exit).into());
        }
        match QueueBrief::parse(raw).map(|b| filter.matches_brief(&b)) {
            Some(false) => continue,
            Some(true) if !sink.wants_job() => {
                sink.take(raw, None)?;
                continue;
            }
            _ => {}
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
            sink.take(job.raw(), Some(&job.job))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::queue::{QueueCommand, QueueListArgs};
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
        let now = jiff::Timestamp::now();
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
