//! `jobctl queue kill`: asks the Queue API to kill jobs and reports each one's outcome
//! (`killed`, `already finished (STATUS)`, `not found`). Explicit ids need no
//! confirmation; a kill by filter lists what it would kill unless `--yes`.

use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::cli::queue::{QueueKillArgs, QueueStatusArg};
use crate::client::{ApiError, KillOutcome, MAX_IN_FLIGHT, QueueClient, QueueQuery, in_order};
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::model::QueueStatus;
use crate::render::{queue_label, sanitize};

pub async fn run(ctx: &Context, args: QueueKillArgs) -> Result<()> {
    let by_filter =
        !args.status.is_empty() || !args.component.is_empty() || !args.config.is_empty();
    if args.ids.is_empty() && !by_filter {
        return Err(UsageError(
            "name the jobs to kill: ids, or a filter (--status, --component, --config) with --yes"
                .into(),
        )
        .into());
    }
    let (_, queue) = ctx.queue_client().await?;
    let ids = match by_filter {
        false => args.ids.clone(),
        true => {
            let matched = matching(&queue, &args).await?;
            if matched.is_empty() {
                ctx.out.note("no jobs match: nothing to kill");
                return Ok(());
            }
            if !args.yes {
                ctx.out.note(&format!(
                    "would kill {} job{} (pass --yes to kill them):",
                    matched.len(),
                    if matched.len() == 1 { "" } else { "s" }
                ));
                for (_, label) in &matched {
                    ctx.out.note(&format!("  {label}"));
                }
                return Err(Reported(Exit::Usage).into());
            }
            matched.into_iter().map(|(id, _)| id).collect()
        }
    };
    let outcomes = kill_all(&queue, &ids).await;
    let mut w = ctx.out.stdout();
    let mut code = None;
    for (id, outcome) in ids.iter().zip(outcomes) {
        let text = match outcome {
            Ok(text) => text,
            Err(e) if e.is_not_found() => {
                code.get_or_insert(Exit::NotFound);
                "not found".to_owned()
            }
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                code.get_or_insert(code_for(&e.into()));
                "failed".to_owned()
            }
        };
        writeln!(w, "{id}\t{text}")?;
    }
    w.flush()?;
    match code {
        Some(code) => Err(Reported(code).into()),
        None => Ok(()),
    }
}

/// Every job the filter matches (all pages), newest first, with a label for the listing.
async fn matching(queue: &QueueClient, args: &QueueKillArgs) -> Result<Vec<(u64, String)>> {
    let statuses = match args.status.is_empty() {
        true => vec![
            QueueStatusArg::Created,
            QueueStatusArg::Waiting,
            QueueStatusArg::Processing,
        ],
        false => args.status.clone(),
    };
    let mut query = QueueQuery {
        statuses: statuses.iter().map(|s| s.as_str().to_owned()).collect(),
        components: args.component.clone(),
        configs: args.config.clone(),
        limit: Some(500),
        ..QueueQuery::default()
    };
    let mut found = Vec::new();
    loop {
        query.offset = Some(found.len() as u64);
        let page = queue.search(&query).await?;
        let full = page.len() >= 500;
        found.extend(page.into_iter().map(|j| {
            let label = format!(
                "{}  {}",
                queue_label(&j.job),
                sanitize(j.job.status.as_str())
            );
            (j.job.id, label)
        }));
        if !full {
            return Ok(found);
        }
    }
}

/// Kills each id (8 at once at most), in the order given: `killed`, or for a job that is
/// no longer killable, `already finished (STATUS)` from its detail.
async fn kill_all(queue: &QueueClient, ids: &[u64]) -> Vec<Result<String, ApiError>> {
    in_order(ids.to_vec(), MAX_IN_FLIGHT, |id| {
        let queue = queue.clone();
        async move { kill_one(&queue, id).await }
    })
    .await
}

pub(in crate::commands) async fn kill_one(
    queue: &QueueClient,
    id: u64,
) -> Result<String, ApiError> {
    match queue.kill(id).await? {
        KillOutcome::Accepted(_) => Ok("killed".to_owned()),
        KillOutcome::NotKillable(reason) => match queue.job(id).await {
            // A kill is under way: ours, when a retry follows an answer that was lost
            // after the server took the kill, or someone else's. Either way it is killed.
            Ok(job) if job.job.status == QueueStatus::Terminating => Ok("killed".to_owned()),
            Ok(job) if job.job.is_finished() => Ok(format!(
                "already finished ({})",
                sanitize(job.job.status.as_str())
            )),
            Ok(job) => Ok(format!(
                "not killable ({}): {}",
                sanitize(job.job.status.as_str()),
                sanitize(&reason)
            )),
            Err(e) => Err(e),
        },
    }
}
