//! `jobctl queue show`: fetch queue jobs (concurrently, printed in argument order) with a
//! summary of a container's children, or one run as a tree; the detail view, the server's
//! JSON, or the tree as JSON.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::tree;
use crate::cli::ShowFormat;
use crate::cli::queue::QueueShowArgs;
use crate::client::{QueueClient, QueueQuery};
use crate::exit::{Reported, UsageError, code_for};
use crate::model::{QueueJob, RawQueueJob};
use crate::render::{Style, json_text, queue_detail, sanitize, tree_json, tree_text};

pub async fn run(ctx: &Context, args: QueueShowArgs) -> Result<()> {
    // A bad expression or a bad combination must cost no request.
    let jq = ctx.jq(args.jq.as_deref())?;
    if args.tree && args.ids.len() != 1 {
        return Err(UsageError("--tree shows one run: give one job id".into()).into());
    }
    let (storage, queue) = ctx.queue_client().await?;
    let style = Style {
        color: ctx.out.color,
        terminal: ctx.out.stdout_tty,
        now: chrono::Utc::now(),
    };
    let mut w = ctx.out.stdout();
    if args.tree {
        let root = tree::fetch(&storage, &queue, args.ids[0], style.now).await?;
        match (&jq, args.output) {
            (Some(jq), _) => jq.run(&tree_json(&root, false), &mut w)?,
            (None, ShowFormat::Json) => {
                w.write_all(tree_json(&root, ctx.out.stdout_tty).as_bytes())?;
            }
            (None, ShowFormat::Table) => {
                let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
                w.write_all(tree_text(&root, &style, width).as_bytes())?;
            }
        }
        w.flush()?;
        return Ok(());
    }
    let wants_children = jq.is_none() && args.output == ShowFormat::Table;
    let (jobs, failure) = fetch(ctx, &queue, &args.ids, wants_children).await?;
    let single = args.ids.len() == 1;
    match (&jq, args.output) {
        (Some(_), _) | (None, ShowFormat::Json) if jobs.is_empty() => {}
        // As for storage jobs: the expression runs over each job, in argument order.
        (Some(jq), _) => {
            for (job, _) in &jobs {
                jq.run(job.raw(), &mut w)?;
            }
        }
        (None, ShowFormat::Json) => {
            let raw: Vec<&str> = jobs.iter().map(|(j, _)| j.raw()).collect();
            w.write_all(json_text(&raw, single, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            for (i, (job, children)) in jobs.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
                w.write_all(queue_detail(&job.job, children.as_deref(), &style, width).as_bytes())?;
            }
        }
    }
    w.flush()?;
    match failure {
        Some(failure) => Err(failure.into()),
        None => Ok(()),
    }
}

type WithChildren = (RawQueueJob, Option<Vec<QueueJob>>);

/// Fetches all ids at once, then (for the detail view) the children of the containers
/// among them, at once; returns what arrived in argument order. Each failure is reported
/// on stderr as it is met; the exit code is the first failure's.
async fn fetch(
    ctx: &Context,
    queue: &QueueClient,
    ids: &[u64],
    children: bool,
) -> Result<(Vec<WithChildren>, Option<Reported>)> {
    let mut jobs = Vec::with_capacity(ids.len());
    let mut failure = None;
    let mut report = |e: crate::client::ApiError| {
        ctx.out
            .note(&format!("error: {}", sanitize(&e.to_string())));
        failure.get_or_insert(Reported(code_for(&e.into())));
    };
    for result in queue.jobs(ids).await {
        match result {
            Ok(job) => jobs.push(job),
            Err(e) => report(e),
        }
    }
    let containers: Vec<String> = jobs
        .iter()
        .filter(|j| children && j.job.is_container())
        .map(|j| j.job.run_id.clone())
        .collect();
    let mut found = tree::children_of(queue, containers).await.into_iter();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        let kids = match children && job.job.is_container() {
            true => match found.next() {
                Some(Ok(kids)) => Some(kids.into_iter().map(|k| k.job).collect()),
                Some(Err(e)) => {
                    report(e);
                    None
                }
                None => None,
            },
            false => None,
        };
        out.push((job, kids));
    }
    Ok((out, failure))
}

/// The search for the children of `run_id`, oldest first.
pub(super) fn children_query(run_id: &str, offset: u64) -> QueueQuery {
    QueueQuery {
        parent_run_id: Some(run_id.to_owned()),
        limit: Some(tree::PAGE),
        offset: Some(offset),
        sort_by: Some("id"),
        sort_order: Some("asc"),
        ..QueueQuery::default()
    }
}
