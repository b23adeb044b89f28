//! `jobctl rerun`: find the named queue job (as show does), read what it ran with, plan a
//! flow's tasks, print the plan on stderr, then start it once through the start service
//! (or, with --dry-run, print the request body and start nothing). Never prompts.

use std::io::Write;

use anyhow::Result;

use super::{follow_queue_jobs, unless_cancelled_value, wait_options};
use crate::cli::KindChoice;
use crate::cli::rerun::RerunArgs;
use crate::cli::run::RunFormat;
use crate::client::{QueueClient, StorageClient};
use crate::context::Context;
use crate::exit::{Reported, UsageError};
use crate::lookup::{self, Fetch};
use crate::model::{
    AnyRaw, FlowPlan, JobShape, PlanError, RawJob, RawQueueJob, RerunSource, Selection, flow_plan,
    json_compact, ui_page,
};
use crate::render::{
    CONDITIONS_NOTE, Started, json_text, queue_label, rerun_plan, sanitize, started_line,
    started_table,
};
use crate::start::{self, CreateJob, Mode, StartError, Variable, VariableValues};

pub async fn run(ctx: &Context, args: RerunArgs) -> Result<()> {
    // Nothing is started before the request: a signal until then just stops.
    let Some(ready) = unless_cancelled_value(&ctx.cancel, prepare(ctx, &args)).await?? else {
        return Ok(());
    };
    let Ready {
        source,
        name,
        plan,
        request,
        storage,
        queue,
    } = ready;
    // The plan goes to stderr whatever the output: a person reads it, a pipe gets data.
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(
        rerun_plan(&source, name.as_deref(), plan.as_ref(), ctx.out.err_color).as_bytes(),
    );
    drop(err);
    if plan.as_ref().is_some_and(|p| p.only_task_ids.is_some()) {
        ctx.out.note(CONDITIONS_NOTE);
    }
    let mut w = ctx.out.stdout();
    if args.dry_run {
        // As run --dry-run: one JSON line, or -o json an object; the token is in no body.
        let body = request.body();
        let text = match args.output {
            RunFormat::Json => json_text(&[&body], true, ctx.out.stdout_tty),
            RunFormat::Table | RunFormat::Jsonl => format!("{body}\n"),
        };
        w.write_all(text.as_bytes())?;
        w.flush()?;
        ctx.out
            .note("dry run: 1 request to POST /jobs of the Queue API; nothing was sent");
        return Ok(());
    }
    let since = jiff::Timestamp::now();
    let created = tokio::select! {
        biased;
        exit = ctx.cancel.requested() => {
            // A request cut off in flight may have been carried out.
            ctx.out.note(&format!(
                "interrupted while starting {}: it may have started; to see whether it did: {}",
                sanitize(&request.label()),
                ctx.with_connection(&request.find_command(since - jiff::SignedDuration::from_mins(1)))
            ));
            return Err(Reported(exit).into());
        }
        created = start::create(&queue, &request) => created,
    };
    let created = created.map_err(|mut e| {
        if let StartError::MaybeStarted { find, .. } = &mut e {
            *find = ctx.with_connection(find);
        }
        ctx.out
            .note(&format!("error: {}", sanitize(&e.to_string())));
        Reported(e.exit())
    })?;
    let row = started_row(ctx, &storage, &created, !args.wait.waits()).await;
    if args.wait.waits() {
        ctx.out.note(&started_line(&row));
        let options = wait_options(&args.wait, args.output.watch());
        return follow_queue_jobs(ctx, vec![created], &options).await;
    }
    let text = match args.output {
        RunFormat::Table => started_table(&[row], ctx.out.stdout_tty),
        RunFormat::Json => json_text(&[created.raw()], true, ctx.out.stdout_tty),
        RunFormat::Jsonl => {
            let mut text = String::new();
            json_compact(created.raw(), &mut text);
            text.push('\n');
            text
        }
    };
    w.write_all(text.as_bytes())?;
    w.flush()?;
    Ok(())
}

/// What is ready to be sent, and the clients to send it with.
struct Ready {
    source: RerunSource,
    /// The configuration's name, when it could be had.
    name: Option<String>,
    plan: Option<FlowPlan>,
    request: CreateJob,
    storage: StorageClient,
    queue: QueueClient,
}

/// Finds the job (as show does), reads what it ran with and plans a flow's tasks; `None`
/// when a flow has nothing that failed (said on stderr).
async fn prepare(ctx: &Context, args: &RerunArgs) -> Result<Option<Ready>> {
    let selection = selection(args);
    let refs = [args.id.clone()];
    let kinds = lookup::kinds(&refs, args.kind.map(KindChoice::kind))?;
    let (storage, queue_host) = ctx.storage_client()?;
    if ctx.demo_url.is_none() {
        lookup::check_stacks(&refs, storage.base(), queue_host.as_deref())?;
    }
    let discover = ctx.discover_queue(&storage, queue_host.clone());
    let (found, queue) = lookup::find(&storage, discover, &refs, &kinds, Fetch::Details).await;
    let mut job = match found.into_iter().next() {
        Some(Ok(AnyRaw::Queue(job))) => job,
        Some(Ok(AnyRaw::Storage(job))) => {
            return Err(storage_job(&job, queue.as_ref()).await.into());
        }
        Some(Err(e)) => return Err(e),
        None => return Err(UsageError("no job was named".into()).into()),
    };
    let source = RerunSource::from_raw(job.raw()).map_err(|e| UsageError(e.to_string()))?;
    let plan = match plan(&job, &source, &selection) {
        Ok(plan) => plan,
        Err(PlanError::NothingFailed) => {
            ctx.out.note(&format!(
                "nothing to re-run: no task of flow {} failed; nothing was started",
                source.id
            ));
            return Ok(None);
        }
        Err(e) => return Err(UsageError(format!("job {}: {e}", source.id)).into()),
    };
    let request = request(&source, plan.as_ref())?;
    // The name a person knows it by (cached, else one request; none is no error).
    ctx.fill_names(&storage, &mut [&mut job.job]).await;
    let name = job.job.names().config.clone();
    let queue = match queue {
        Some(queue) => queue,
        None => ctx.discover_queue(&storage, queue_host).await?,
    };
    Ok(Some(Ready {
        source,
        name,
        plan,
        request,
        storage,
        queue,
    }))
}

/// The row that says what started: its configuration's name when `names` (a request
/// unless cached) and the UI's page.
async fn started_row(
    ctx: &Context,
    storage: &StorageClient,
    created: &RawQueueJob,
    names: bool,
) -> Started {
    let mut job = created.job.clone();
    if names {
        ctx.fill_names(storage, &mut [&mut job]).await;
    }
    let project = job.project.as_ref().and_then(|(id, _)| id.as_deref());
    let component = job.component.clone().unwrap_or_default();
    let target = match job.config.as_deref().filter(|c| !c.is_empty()) {
        Some(config) => format!("{component}/{config}"),
        None => component,
    };
    Started {
        id: job.id,
        target,
        name: job.names().config.clone(),
        link: ui_page(storage.base().as_str(), project, job.id),
    }
}

fn selection(args: &RerunArgs) -> Selection {
    match (&args.from_phase, args.task.as_slice(), args.failed) {
        (_, _, true) => Selection::Failed,
        (Some(phase), _, _) => Selection::FromPhase(phase.clone()),
        (None, [_, ..], _) => Selection::Tasks(args.task.clone()),
        (None, [], false) => Selection::All,
    }
}

/// A storage job cannot be started again: say so, and name the queue job whose run started
/// it (its `runId`, the innermost part of a dotted one), which can, when the Queue API has
/// it (one request, on this error's path only).
async fn storage_job(job: &RawJob, queue: Option<&QueueClient>) -> UsageError {
    let job = &job.job;
    let run = job
        .run_id
        .as_deref()
        .and_then(|run| run.rsplit('.').next())
        .and_then(|id| id.parse::<u64>().ok());
    let behind = match (run, queue) {
        (Some(id), Some(queue)) => match queue.job(id).await {
            Ok(found) => format!(
                "; it was started by queue job {}, which can be: jobctl rerun {id}",
                queue_label(&found.job)
            ),
            Err(e) if e.is_not_found() => format!("; its run id {id} is no queue job"),
            Err(_) => String::new(),
        },
        _ => String::new(),
    };
    UsageError(format!(
        "{} is a storage job ({}); storage jobs cannot be re-run (the Storage API runs them for \
         a component's job){behind}",
        job.id,
        sanitize(&job.operation_name),
    ))
}

/// The flow's plan, `None` for a component job. Choosing tasks is for flows; `--failed`
/// needs a flow that has finished.
fn plan(
    job: &RawQueueJob,
    source: &RerunSource,
    selection: &Selection,
) -> Result<Option<FlowPlan>, PlanError> {
    let flag = match selection {
        Selection::All => None,
        Selection::Failed => Some("--failed"),
        Selection::FromPhase(_) => Some("--from-phase"),
        Selection::Tasks(_) => Some("--task"),
    };
    if source.shape != JobShape::Flow {
        return match flag {
            None => Ok(None),
            Some(flag) => Err(PlanError::NotAFlow { flag }),
        };
    }
    if *selection == Selection::Failed && !job.job.is_finished() {
        return Err(PlanError::Running {
            status: job.job.status.to_string(),
        });
    }
    let (phases, tasks) = match &job.job.result {
        Some(r) => (r.phases.as_slice(), r.tasks.as_slice()),
        None => (&[][..], &[][..]),
    };
    flow_plan(phases, tasks, selection).map(Some)
}

/// The request that starts the job again.
fn request(source: &RerunSource, plan: Option<&FlowPlan>) -> Result<CreateJob> {
    let mode = match source.mode.as_deref() {
        None | Some("run") => Mode::Run,
        Some("forceRun") => Mode::ForceRun,
        Some("debug") => Mode::Debug,
        Some(other) => {
            return Err(UsageError(format!(
                "job {} ran in mode {:?}, which jobctl cannot send again",
                source.id,
                sanitize(other)
            ))
            .into());
        }
    };
    // A stored set of values wins: the API takes one or the other.
    let inline = source.variable_values_id.is_none() && !source.variable_values.is_empty();
    let variable_values_data = match inline {
        false => None,
        true => Some(VariableValues {
            values: source
                .variable_values
                .iter()
                .map(|(name, value)| Variable {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
        }),
    };
    Ok(CreateJob {
        component: source.component.clone(),
        config: source.config.clone(),
        mode,
        config_row_ids: source.config_row_ids.clone(),
        tag: source.tag.clone(),
        branch_id: source.branch_id.clone(),
        variable_values_id: source.variable_values_id.clone(),
        variable_values_data,
        config_data: source.config_data.clone(),
        only_flow_task_ids: plan
            .and_then(|p| p.only_task_ids.clone())
            .unwrap_or_default(),
        ..CreateJob::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(body: &str) -> RerunSource {
        RerunSource::from_raw(body).unwrap()
    }

    #[test]
    fn the_request_sends_what_the_job_ran_with_and_one_kind_of_variables() {
        let s = source(
            r#"{"id":"5","component":"keboola.ex-http","config":"7","mode":"forceRun",
            "variableValuesId":"88","variableValuesData":{"values":[{"name":"a","value":"b"}]}}"#,
        );
        let r = request(&s, None).unwrap();
        assert_eq!(
            r.body(),
            r#"{"component":"keboola.ex-http","config":"7","mode":"forceRun","variableValuesId":"88"}"#
        );
        let odd = source(r#"{"id":"5","component":"keboola.ex-http","config":"7","mode":"dry"}"#);
        let err = request(&odd, None).unwrap_err().to_string();
        assert_eq!(
            err,
            "job 5 ran in mode \"dry\", which jobctl cannot send again"
        );
    }
}
