//! `jobctl show` (and `jobctl queue show`, its queue-only form): find the named jobs of
//! either kind (concurrently, printed in argument order), or read a saved response, or one
//! queue job's run as a tree; print the detail view or the server's JSON untouched.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::cli::{KindChoice, ShowArgs, ShowFormat};
use crate::client::{QueueClient, StorageClient};
use crate::context::Context;
use crate::exit::{Reported, UsageError, code_for};
use crate::jq::Jq;
use crate::log_tail::{self, LogTail, Whose};
use crate::lookup::{self, Fetch};
use crate::model::{AnyJob, AnyRaw, JobKind, QueueJob, Verdict, split_array};
use crate::related::RelatedJobs;
use crate::render::{Style, detail, json_text, log_tails, sanitize, tree_json, tree_text};
use crate::run_tree;

pub async fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    // A bad expression or a bad combination must cost no request.
    let jq = ctx.jq(args.jq.as_deref())?;
    let forced = args.kind.map(KindChoice::kind);
    if args.tree {
        return tree(ctx, &args, forced, jq.as_ref()).await;
    }
    let (mut shown, single) = match &args.file {
        Some(path) => {
            let (jobs, array) = read_saved(path, forced)?;
            (Shown::saved(jobs), !array)
        }
        None => (fetch(ctx, &args, forced).await?, args.ids.len() == 1),
    };
    let mut w = ctx.out.stdout();
    match (&jq, args.output) {
        (Some(_), _) | (None, ShowFormat::Json) if shown.jobs.is_empty() => {}
        // Once per job, so that the expression fits one id and many alike.
        (Some(jq), _) => {
            for job in &shown.jobs {
                jq.run(job.raw(), &mut w)?;
            }
        }
        (None, ShowFormat::Json) => {
            let raw: Vec<&str> = shown.jobs.iter().map(AnyRaw::raw).collect();
            w.write_all(json_text(&raw, single, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            // The end of a failed job's log: on a terminal only, and not with --no-log;
            // read while the rest is fetched (it waits on nothing that changes).
            let whose: Vec<Option<Whose>> =
                shown.jobs.iter().map(|j| whose_log(&j.job())).collect();
            let log_clients = shown
                .clients
                .clone()
                .filter(|_| !args.no_log && ctx.out.stdout_tty);
            let tails = async {
                match &log_clients {
                    Some((storage, queue)) => log_tails_of(storage, queue.as_ref(), &whose).await,
                    None => Vec::new(),
                }
            };
            let (tails, beside) = tokio::join!(tails, shown.beside(ctx, args.queue_job));
            let beside = beside?;
            let style = style(ctx);
            for (i, job) in shown.jobs.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                let text = detail(&job.job(), &beside.of(i), &style, ctx.out.width);
                w.write_all(text.as_bytes())?;
                if let Some(Some(tails)) = tails.get(i) {
                    w.write_all(log_tails(tails, job.id(), &style).as_bytes())?;
                }
            }
        }
    }
    w.flush()?;
    match shown.failure {
        Some(failure) => Err(failure.into()),
        None => Ok(()),
    }
}

/// The jobs to show, in argument order, the clients that found them (none for a saved
/// job) and the first failure met on the way (each already reported).
struct Shown {
    jobs: Vec<AnyRaw>,
    clients: Option<(StorageClient, Option<QueueClient>)>,
    failure: Option<Reported>,
}

impl Shown {
    fn saved(jobs: Vec<AnyRaw>) -> Shown {
        Shown {
            jobs,
            clients: None,
            failure: None,
        }
    }

    /// For the detail views: the queue jobs' names, and what is shown beside each job
    /// (a saved job is shown as saved: no request). A summary that cannot be fetched is
    /// reported and leaves its failure.
    async fn beside(&mut self, ctx: &Context, queue_job: bool) -> Result<RelatedJobs> {
        let Some((storage, queue)) = self.clients.take() else {
            return Ok(RelatedJobs::nothing(self.jobs.len()));
        };
        let mut queue_jobs: Vec<&mut QueueJob> = self
            .jobs
            .iter_mut()
            .filter_map(|j| match j {
                AnyRaw::Queue(q) => Some(&mut q.job),
                AnyRaw::Storage(_) => None,
            })
            .collect();
        if !queue_jobs.is_empty() {
            ctx.fill_names(&storage, &mut queue_jobs).await;
        }
        if !RelatedJobs::wanted(&self.jobs, queue_job) {
            return Ok(RelatedJobs::nothing(self.jobs.len()));
        }
        let queue = match queue {
            Some(queue) => queue,
            None => ctx.queue_client().await?.1,
        };
        let (beside, errors) = RelatedJobs::fetch(&queue, &self.jobs, queue_job).await;
        for e in errors {
            // The job is still shown, without its summary; the exit code says it.
            ctx.out
                .note(&format!("error: {}", sanitize(&e.to_string())));
            self.failure.get_or_insert(Reported(code_for(&e.into())));
        }
        Ok(beside)
    }
}

/// Whose log ends a job's detail: a failed storage job's run, a failed component job's
/// own run, a failed flow's (or phase's) failing tasks. `None` for the others.
fn whose_log(job: &AnyJob) -> Option<Whose> {
    if job.verdict() != Some(Verdict::Failed) {
        return None;
    }
    match job {
        AnyJob::Queue(j) if j.is_container() => Some(Whose::Flow(j.id)),
        job => job.events_run_id().map(Whose::Run),
    }
}

/// The end of the log of each job `whose` names, by index (`None`: nothing to read):
/// one events request per run, a flow's through its run tree.
async fn log_tails_of(
    storage: &StorageClient,
    queue: Option<&QueueClient>,
    whose: &[Option<Whose>],
) -> Vec<Option<Vec<LogTail>>> {
    let wanted: Vec<Whose> = whose.iter().flatten().cloned().collect();
    if wanted.is_empty() {
        return whose.iter().map(|_| None).collect();
    }
    let mut found = log_tail::tails_of(storage, queue, wanted, jiff::Timestamp::now())
        .await
        .into_iter();
    whose
        .iter()
        .map(|w| w.as_ref().and_then(|_| found.next()))
        .collect()
}

fn style(ctx: &Context) -> Style {
    Style {
        color: ctx.out.color,
        terminal: ctx.out.stdout_tty,
        now: jiff::Timestamp::now(),
        zone: ctx.out.zone.clone(),
    }
}

/// `--tree`: one queue job's whole run (a storage job has none, so a bare id is a queue
/// job here).
async fn tree(
    ctx: &Context,
    args: &ShowArgs,
    forced: Option<JobKind>,
    jq: Option<&Jq>,
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
    let style = style(ctx);
    let mut root = run_tree::fetch(&storage, &queue, one.id, style.now).await?;
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
            w.write_all(tree_text(&root, &style, ctx.out.width).as_bytes())?;
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

/// Finds all ids at once (see [`lookup::find`]). Each failure is reported on stderr as it
/// is met; the exit code is the first failure's.
async fn fetch(ctx: &Context, args: &ShowArgs, forced: Option<JobKind>) -> Result<Shown> {
    let kinds = lookup::kinds(&args.ids, forced)?;
    let (storage, queue_host) = ctx.storage_client()?;
    check_stacks(ctx, args, &storage, queue_host.as_deref())?;
    let discover = ctx.discover_queue(&storage, queue_host);
    let find = lookup::find(&storage, discover, &args.ids, &kinds, Fetch::Details);
    let (results, queue) = find.await;
    let (jobs, failure) = super::found_jobs(&ctx.out, results);
    Ok(Shown {
        jobs,
        clients: Some((storage, queue)),
        failure,
    })
}

/// Reads a saved job (an object) or several (an array, as a list response) from a file
/// or stdin, each of the kind `--kind` says or its keys tell; says whether it was an
/// array.
fn read_saved(path: &Path, forced: Option<JobKind>) -> Result<(Vec<AnyRaw>, bool)> {
    let text = super::read_input(path)?;
    let bad = |e: serde_json::Error| {
        UsageError(format!("{} does not hold a saved job: {e}", path.display()))
    };
    if text.trim_start().starts_with('[') {
        let jobs = split_array(&text)
            .map_err(bad)?
            .iter()
            .map(|raw| AnyRaw::parse(raw.get(), forced).map_err(bad))
            .collect::<Result<_, _>>()?;
        Ok((jobs, true))
    } else {
        Ok((vec![AnyRaw::parse(&text, forced).map_err(bad)?], false))
    }
}
