//! `jobctl show` (and `jobctl queue show`, its queue-only form): find the named jobs of
//! either kind (concurrently, printed in argument order), or read a saved response, or one
//! queue job's run as a tree; print the detail view or the server's JSON untouched.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::Context;
use crate::cli::{KindChoice, ShowArgs, ShowFormat};
use crate::client::{QueueClient, StorageClient};
use crate::exit::{Reported, UsageError, code_for};
use crate::log_tail::{self, LogTail, Whose};
use crate::lookup::{self, Found};
use crate::model::{JobKind, QueueJob, RawJob, RawQueueJob, Status, split_array};
use crate::render::{
    Style, detail, json_text, log_tails, queue_detail, queue_link, sanitize, tree_json, tree_text,
};
use crate::run_tree;

pub async fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    // A bad expression or a bad combination must cost no request.
    let jq = ctx.jq(args.jq.as_deref())?;
    let forced = args.kind.map(KindChoice::kind);
    if args.tree {
        return tree(ctx, &args, forced, jq.as_ref()).await;
    }
    // The clients that found the jobs serve what the detail views add (a saved job: none).
    let (mut jobs, single, mut failure, clients) = match &args.file {
        Some(path) => {
            let (jobs, array) = read_saved(path, forced)?;
            (jobs, !array, None, None)
        }
        None => {
            let (jobs, failure, storage, queue) = fetch(ctx, &args, forced).await?;
            (jobs, args.ids.len() == 1, failure, Some((storage, queue)))
        }
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
            let raw: Vec<&str> = jobs.iter().map(Found::raw).collect();
            w.write_all(json_text(&raw, single, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            // The end of a failed job's log: on a terminal only, and not with --no-log.
            let log_client = clients
                .as_ref()
                .filter(|_| !args.no_log && ctx.out.stdout_tty)
                .map(|(storage, queue)| (storage.clone(), queue.clone()));
            let queue = match clients {
                Some((storage, queue)) => {
                    let mut queue_jobs: Vec<&mut QueueJob> = jobs
                        .iter_mut()
                        .filter_map(|j| match j {
                            Found::Queue(q) => Some(&mut q.job),
                            Found::Storage(_) => None,
                        })
                        .collect();
                    if !queue_jobs.is_empty() {
                        ctx.fill_names(&storage, &mut queue_jobs).await;
                    }
                    queue
                }
                None => None,
            };
            let tails = async {
                match &log_client {
                    Some((storage, found_queue)) => {
                        log_tails_of(storage, found_queue.as_ref(), &jobs).await
                    }
                    None => Vec::new(),
                }
            };
            // Both at once: the log waits on nothing the views change.
            let (tails, views) = tokio::join!(tails, Views::gather(ctx, &args, &jobs, queue));
            let views = views?;
            failure = failure.or(views.failure);
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now: chrono::Utc::now(),
                zone: ctx.out.zone.clone(),
            };
            let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
            for (i, job) in jobs.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                let text = match job {
                    Found::Storage(job) => detail(&job.job, &style, ctx.out.width),
                    Found::Queue(job) => {
                        let children = views.children.get(i).and_then(Option::as_deref);
                        queue_detail(&job.job, children, &style, width)
                    }
                };
                w.write_all(text.as_bytes())?;
                if let Some(Some(link)) = views.links.get(i) {
                    let found = link.as_ref().map(|j| &j.job).map_err(String::as_str);
                    w.write_all(queue_link(found, &style).as_bytes())?;
                }
                if let Some(Some(tails)) = tails.get(i) {
                    let id = match job {
                        Found::Storage(j) => j.job.id,
                        Found::Queue(j) => j.job.id,
                    };
                    w.write_all(log_tails(tails, id, &style).as_bytes())?;
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

/// The end of the log of each failed job, by index into `jobs` (`None`: not failed, or
/// a storage job without a run id): one events request per run, a flow's through its run
/// tree.
async fn log_tails_of(
    storage: &StorageClient,
    queue: Option<&QueueClient>,
    jobs: &[Found],
) -> Vec<Option<Vec<LogTail>>> {
    let whose: Vec<Option<Whose>> = jobs
        .iter()
        .map(|job| match job {
            Found::Storage(j) if j.job.status == Status::Error => {
                j.job.run_id.clone().map(Whose::Run)
            }
            Found::Queue(j) if j.job.is_finished() && j.job.status.is_failure() => {
                Some(match j.job.is_container() {
                    true => Whose::Flow(j.job.id),
                    false => Whose::Run(j.job.id.to_string()),
                })
            }
            _ => None,
        })
        .collect();
    let wanted: Vec<Whose> = whose.iter().flatten().cloned().collect();
    if wanted.is_empty() {
        return jobs.iter().map(|_| None).collect();
    }
    let mut found = log_tail::tails_of(storage, queue, wanted, chrono::Utc::now())
        .await
        .into_iter();
    whose
        .iter()
        .map(|w| w.as_ref().and_then(|_| found.next()))
        .collect()
}

/// `--tree`: one queue job's whole run (a storage job has none, so a bare id is a queue
/// job here).
async fn tree(
    ctx: &Context,
    args: &ShowArgs,
    forced: Option<JobKind>,
    jq: Option<&crate::jq::Jq>,
) -> Result<()> {
    let [one] = args.ids.as_slice() else {
        return Err(UsageError("--tree shows one run: give one job id".into()).into());
    };
    if forced == Some(JobKind::Storage) || one.kind == Some(JobKind::Storage) {
        return Err(UsageError(format!(
            "--tree shows a queue job's run; {} is a storage job (try --queue-job)",
            one.id
        ))
        .into());
    }
    let (storage, queue_host) = ctx.storage_client()?;
    check_stacks(ctx, args, &storage, queue_host.as_deref())?;
    let queue = ctx.discover_queue(&storage, queue_host).await?;
    let now = chrono::Utc::now();
    let mut root = run_tree::fetch(&storage, &queue, one.id, now).await?;
    if jq.is_none() && args.output == ShowFormat::Table {
        ctx.fill_names(&storage, &mut root.queue_jobs_mut()).await;
    }
    let mut w = ctx.out.stdout();
    match (jq, args.output) {
        (Some(jq), _) => jq.run(&tree_json(&root, false), &mut w)?,
        (None, ShowFormat::Json) => {
            w.write_all(tree_json(&root, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now,
                zone: ctx.out.zone.clone(),
            };
            let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
            w.write_all(tree_text(&root, &style, width).as_bytes())?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Links to another stack are refused before any request; the demo plays every stack.
fn check_stacks(
    ctx: &Context,
    args: &ShowArgs,
    storage: &StorageClient,
    queue_host: Option<&str>,
) -> Result<()> {
    match ctx.demo_url {
        Some(_) => Ok(()),
        None => lookup::check_stacks(&args.ids, storage.base(), queue_host),
    }
}

/// Finds all ids at once and returns the jobs that arrived, in argument order, the
/// Storage API client and the Queue API client if one was needed. Each failure is
/// reported on stderr as it is met; the exit code is the first failure's.
async fn fetch(
    ctx: &Context,
    args: &ShowArgs,
    forced: Option<JobKind>,
) -> Result<(
    Vec<Found>,
    Option<Reported>,
    StorageClient,
    Option<QueueClient>,
)> {
    let kinds = lookup::kinds(&args.ids, forced)?;
    let (storage, queue_host) = ctx.storage_client()?;
    check_stacks(ctx, args, &storage, queue_host.as_deref())?;
    let discover = ctx.discover_queue(&storage, queue_host);
    let (results, queue) = lookup::find(&storage, discover, &args.ids, &kinds).await;
    let mut jobs = Vec::with_capacity(results.len());
    let mut failure = None;
    for result in results {
        match result {
            Ok(job) => jobs.push(job),
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&format!("{e:#}"))));
                failure.get_or_insert(Reported(code_for(&e)));
            }
        }
    }
    Ok((jobs, failure, storage, queue))
}

/// What the detail views add to the jobs: the children of each queue container, and with
/// `--queue-job` the queue job behind each storage job; both by index into the jobs. A
/// summary that cannot be fetched is reported and leaves its `failure`.
struct Views {
    children: Vec<Option<Vec<QueueJob>>>,
    links: Vec<Option<Result<RawQueueJob, String>>>,
    failure: Option<Reported>,
}

impl Views {
    async fn gather(
        ctx: &Context,
        args: &ShowArgs,
        jobs: &[Found],
        queue: Option<QueueClient>,
    ) -> Result<Views> {
        let containers: Vec<(usize, String)> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match j {
                Found::Queue(q) if q.job.is_container() => Some((i, q.job.run_id.clone())),
                _ => None,
            })
            .collect();
        let storage_jobs: Vec<(usize, &RawJob)> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match j {
                Found::Storage(s) if args.queue_job => Some((i, s)),
                _ => None,
            })
            .collect();
        let mut views = Views {
            children: vec![None; jobs.len()],
            links: (0..jobs.len()).map(|_| None).collect(),
            failure: None,
        };
        // A saved job is shown as saved: no request.
        if args.file.is_some() || (containers.is_empty() && storage_jobs.is_empty()) {
            return Ok(views);
        }
        let queue = match queue {
            Some(queue) => queue,
            None => ctx.queue_client().await?.1,
        };
        let runs = containers.iter().map(|(_, run)| run.clone()).collect();
        let mut found = run_tree::children_of(&queue, runs).await.into_iter();
        for (i, _) in &containers {
            match found.next() {
                Some(Ok(kids)) => {
                    views.children[*i] = Some(kids.into_iter().map(|k| k.job).collect());
                }
                // The job is still shown, without its summary; the exit code says it.
                Some(Err(e)) => {
                    ctx.out
                        .note(&format!("error: {}", sanitize(&e.to_string())));
                    views.failure.get_or_insert(Reported(code_for(&e.into())));
                }
                None => {}
            }
        }
        let behind = queue_jobs(&queue, &storage_jobs).await;
        for ((i, _), link) in storage_jobs.iter().zip(behind) {
            views.links[*i] = Some(link);
        }
        Ok(views)
    }
}

/// The queue job behind each storage job, in order: its `runId` is the queue job's plain id
/// (for a dotted runId, the last part, the innermost run). Each miss says why.
async fn queue_jobs(
    queue: &QueueClient,
    jobs: &[(usize, &RawJob)],
) -> Vec<Result<RawQueueJob, String>> {
    let ids: Vec<Option<u64>> = jobs
        .iter()
        .map(|(_, j)| {
            let run = j.job.run_id.as_deref()?;
            run.rsplit('.').next()?.parse().ok()
        })
        .collect();
    let wanted: Vec<u64> = ids.iter().flatten().copied().collect();
    let mut found = queue.jobs(&wanted).await.into_iter();
    ids.iter()
        .map(|id| match id {
            None => Err("none (no run id)".to_owned()),
            Some(id) => match found.next() {
                Some(Ok(job)) => Ok(job),
                Some(Err(e)) if e.is_not_found() => Err(format!("none found (run id {id})")),
                Some(Err(e)) => Err(format!("cannot fetch it: {e}")),
                None => Err("cannot fetch it".to_owned()),
            },
        })
        .collect()
}

/// Reads a saved job (an object) or several (an array, as a list response) from a file
/// or stdin, each of the kind `--kind` says or its keys tell (a storage job has an
/// `operationName`, a queue job a `component` or `isFinished`); says whether it was an
/// array.
fn read_saved(path: &Path, forced: Option<JobKind>) -> Result<(Vec<Found>, bool)> {
    let text = super::read_input(path)?;
    let bad = |e: serde_json::Error| {
        UsageError(format!("{} does not hold a saved job: {e}", path.display()))
    };
    let one = |raw: &str| -> Result<Found, UsageError> {
        match forced.unwrap_or_else(|| saved_kind(raw)) {
            JobKind::Storage => RawJob::parse(raw).map(Found::Storage).map_err(bad),
            JobKind::Queue => RawQueueJob::parse(raw).map(Found::Queue).map_err(bad),
        }
    };
    if text.trim_start().starts_with('[') {
        let jobs = split_array(&text)
            .map_err(bad)?
            .iter()
            .map(|raw| one(raw.get()))
            .collect::<Result<_, _>>()?;
        Ok((jobs, true))
    } else {
        Ok((vec![one(&text)?], false))
    }
}

/// The kind a saved job's own keys say it is (storage when they say nothing).
fn saved_kind(raw: &str) -> JobKind {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Keys {
        operation_name: Option<serde::de::IgnoredAny>,
        component: Option<serde::de::IgnoredAny>,
        is_finished: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Keys>(raw) {
        Ok(k)
            if k.operation_name.is_none() && (k.component.is_some() || k.is_finished.is_some()) =>
        {
            JobKind::Queue
        }
        _ => JobKind::Storage,
    }
}
