//! `jobctl show`: fetch jobs (concurrently, printed in argument order) or read a saved
//! response, and print the detail view or the server's JSON untouched.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::exit::{Reported, UsageError, code_for};
use crate::model::{RawJob, RawQueueJob, split_array};
use crate::render::{Style, detail, json_text, queue_link, sanitize};

pub async fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    // A bad expression must cost no request.
    let jq = ctx.jq(args.jq.as_deref())?;
    let (jobs, single, failure) = match &args.file {
        Some(path) => {
            let (jobs, array) = read_saved(path)?;
            (jobs, !array, None)
        }
        None => {
            let (jobs, failure) = fetch(ctx, &args.ids).await?;
            (jobs, args.ids.len() == 1, failure)
        }
    };
    let links = match args.queue_job && args.output == ShowFormat::Table && !jobs.is_empty() {
        true => Some(queue_jobs(ctx, &jobs).await?),
        false => None,
    };
    let mut w = ctx.out.stdout();
    match (&jq, args.output) {
        (Some(_), _) | (None, ShowFormat::Json) if jobs.is_empty() => {}
        // Once per job, so that the expression fits one id and many alike.
        (Some(jq), _) => {
            for job in &jobs {
                jq.run(job.raw(), &mut w)?;
            }
        }
        (None, ShowFormat::Json) => {
            let raw: Vec<&str> = jobs.iter().map(RawJob::raw).collect();
            w.write_all(json_text(&raw, single, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now: chrono::Utc::now(),
            };
            for (i, job) in jobs.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                w.write_all(detail(&job.job, &style, ctx.out.width).as_bytes())?;
                if let Some(link) = links.as_ref().and_then(|l| l.get(i)) {
                    let found = link.as_ref().map(|j| &j.job).map_err(String::as_str);
                    w.write_all(queue_link(found, &style).as_bytes())?;
                }
            }
        }
    }
    w.flush()?;
    match failure {
        Some(failure) => Err(failure.into()),
        None => Ok(()),
    }
}

/// The queue job behind each storage job, in order: its `runId` is the queue job's plain id
/// (for a dotted runId, the last part, the innermost run). Each miss says why.
async fn queue_jobs(ctx: &Context, jobs: &[RawJob]) -> Result<Vec<Result<RawQueueJob, String>>> {
    let (_, queue) = ctx.queue_client().await?;
    let ids: Vec<Option<u64>> = jobs
        .iter()
        .map(|j| {
            let run = j.job.run_id.as_deref()?;
            run.rsplit('.').next()?.parse().ok()
        })
        .collect();
    let wanted: Vec<u64> = ids.iter().flatten().copied().collect();
    let mut found = queue.jobs(&wanted).await.into_iter();
    Ok(ids
        .iter()
        .map(|id| match id {
            None => Err("none (no run id)".to_owned()),
            Some(id) => match found.next() {
                Some(Ok(job)) => Ok(job),
                Some(Err(e)) if e.is_not_found() => Err(format!("none found (run id {id})")),
                Some(Err(e)) => Err(format!("cannot fetch it: {e}")),
                None => Err("cannot fetch it".to_owned()),
            },
        })
        .collect())
}

/// Fetches all ids at once and returns the jobs that arrived, in argument order. Each
/// failure is reported on stderr as it is met; the exit code is the first failure's.
async fn fetch(ctx: &Context, ids: &[u64]) -> Result<(Vec<RawJob>, Option<Reported>)> {
    let client = ctx.client()?;
    let mut jobs = Vec::with_capacity(ids.len());
    let mut failure = None;
    for result in client.jobs(ids).await {
        match result {
            Ok(job) => jobs.push(job),
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                failure.get_or_insert(Reported(code_for(&e.into())));
            }
        }
    }
    Ok((jobs, failure))
}

/// Reads a saved job (an object) or several (an array, as a list response) from a file
/// or stdin; says whether it was an array.
fn read_saved(path: &Path) -> Result<(Vec<RawJob>, bool)> {
    let text = super::read_input(path)?;
    let bad = |e: serde_json::Error| {
        UsageError(format!("{} does not hold a saved job: {e}", path.display()))
    };
    if text.trim_start().starts_with('[') {
        let jobs = split_array(&text)
            .map_err(bad)?
            .iter()
            .map(|raw| RawJob::parse(raw.get()).map_err(bad))
            .collect::<Result<_, _>>()?;
        Ok((jobs, true))
    } else {
        Ok((vec![RawJob::parse(&text).map_err(bad)?], false))
    }
}
