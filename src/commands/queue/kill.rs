//! `jobctl queue kill`: asks the Queue API to kill jobs and reports each one's outcome
//! (`killed`, `already finished (STATUS)`, `not found`). Explicit ids need no
//! confirmation; a kill by filter names a component or configuration (or says
//! `--all-components`), checks every job the search returns against the filter itself,
//! and without `--yes` lists what it would kill with the command that kills exactly those.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::cli::queue::{QueueKillArgs, QueueStatusArg};
use crate::client::{ApiError, KillOutcome, MAX_IN_FLIGHT, QueueClient, QueueQuery, in_order};
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::model::{QueueJob, QueueStatus};
use crate::render::{queue_label, sanitize};

/// Jobs a search page asks for: the Queue API's largest.
const PAGE: u64 = 500;

pub async fn run(ctx: &Context, args: QueueKillArgs) -> Result<()> {
    let named = !args.component.is_empty() || !args.config.is_empty();
    let by_filter = !args.status.is_empty() || named || args.all_components;
    if args.ids.is_empty() && !by_filter {
        return Err(UsageError(
            "name the jobs to kill: ids, or a filter (--component, --config, --status) with --yes"
                .into(),
        )
        .into());
    }
    if by_filter && !named && !args.all_components {
        return Err(UsageError(
            "a kill by --status alone would hit every component's jobs: name a --component or \
             a --config, or pass --all-components to mean it"
                .into(),
        )
        .into());
    }
    let (_, queue) = ctx.queue_client().await?;
    let ids = match by_filter {
        false => args.ids.clone(),
        true => {
            let (matched, dropped) = matching(&queue, &args).await?;
            if dropped > 0 {
                ctx.out.note(&format!(
                    "left out {dropped} job{} the search returned that do{} not match the filter",
                    plural(dropped),
                    if dropped == 1 { "es" } else { "" }
                ));
            }
            if matched.is_empty() {
                ctx.out.note("no jobs match: nothing to kill");
                return Ok(());
            }
            if !args.yes {
                ctx.out.note(&format!(
                    "would kill {} job{} (--yes kills what matches when it runs):",
                    matched.len(),
                    plural(matched.len())
                ));
                for (_, label) in &matched {
                    ctx.out.note(&format!("  {label}"));
                }
                let ids: Vec<u64> = matched.iter().map(|(id, _)| *id).collect();
                ctx.out.note(&format!(
                    "to kill exactly these: {}",
                    kill_command(ctx, &ids)
                ));
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The command line that kills exactly `ids` with this run's connection: its stack,
/// profile, config file and token file as given (never a token), the environment as is.
fn kill_command(ctx: &Context, ids: &[u64]) -> String {
    let g = &ctx.global;
    let c = &g.connection;
    let mut words: Vec<String> = vec!["jobctl".into()];
    let mut with = |flag: &str, value: Option<String>| {
        if let Some(v) = value {
            words.push(flag.into());
            words.push(v);
        }
    };
    with("--host", c.host.clone());
    with("--queue-host", g.queue_host.clone());
    with("--profile", c.profile.clone());
    with(
        "--config-file",
        g.config.as_ref().map(|p| p.display().to_string()),
    );
    with(
        "--token-file",
        c.token_file
            .as_ref()
            .filter(|p| p.as_os_str() != "-")
            .map(|p| p.display().to_string()),
    );
    if c.http.insecure_http {
        words.push("--insecure-http".into());
    }
    if c.demo {
        words.push("--demo".into());
    }
    words.extend(["queue".into(), "kill".into()]);
    words.extend(ids.iter().map(u64::to_string));
    sanitize(&shell_words::join(&words)).into_owned()
}

/// Whether `job` is one the filter asked for: the search's answer is checked, not
/// trusted (a search that ignores `componentId[]` must not steer the kill elsewhere).
fn wanted(job: &QueueJob, statuses: &[QueueStatusArg], args: &QueueKillArgs) -> bool {
    let any = |asked: &[String], have: Option<&str>| {
        asked.is_empty() || have.is_some_and(|h| asked.iter().any(|a| a.trim() == h))
    };
    statuses.iter().any(|s| s.as_str() == job.status.as_str())
        && any(&args.component, job.component.as_deref())
        && any(&args.config, job.config.as_deref())
}

/// Every job the filter matches (all pages, each job once), newest first, with a label
/// for the listing; and how many jobs the search returned that do not match. A full page
/// with no job not seen before ends the paging (a server that ignores `offset`).
async fn matching(
    queue: &QueueClient,
    args: &QueueKillArgs,
) -> Result<(Vec<(u64, String)>, usize)> {
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
        limit: Some(PAGE),
        ..QueueQuery::default()
    };
    let (mut found, mut dropped) = (Vec::new(), 0);
    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        query.offset = Some(offset);
        let page = queue.search(&query).await?;
        let full = page.len() as u64 >= PAGE;
        offset += page.len() as u64;
        let mut fresh = false;
        for j in page {
            if !seen.insert(j.job.id) {
                continue;
            }
            fresh = true;
            if !wanted(&j.job, &statuses, args) {
                dropped += 1;
                continue;
            }
            let label = format!(
                "{}  {}",
                queue_label(&j.job),
                sanitize(j.job.status.as_str())
            );
            found.push((j.job.id, label));
        }
        if !full || !fresh {
            return Ok((found, dropped));
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
