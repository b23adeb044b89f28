//! `jobctl run`: builds one creation request per target (the `start` service sends them,
//! in parallel, each at most once), prints what started (or, with `--dry-run`, what would
//! be sent), and with `--wait` follows the jobs as `watch` does. Never prompts.

use std::io::Write;

use anyhow::Result;

use super::{follow_queue_jobs, read_input, wait_options};
use crate::cli::run::{ParallelismArg, RunArgs, RunFormat, RunMode};
use crate::context::Context;
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::model::{QueueJob, RawQueueJob, ui_page};
use crate::render::{Started, json_text, sanitize, started_line, started_table};
use crate::start::{
    self, Backend, CreateJob, Mode, Parallelism, StartError, Variable, VariableValues,
};

pub async fn run(ctx: &Context, args: RunArgs) -> Result<()> {
    let requests = requests(&args)?;
    if args.dry_run {
        return dry_run(ctx, &requests, args.output);
    }
    let (storage, queue) = ctx.queue_client().await?;
    let since = jiff::Timestamp::now();
    let mut starting = start::start_all(&queue, &requests);
    let mut created: Vec<Option<Result<RawQueueJob, StartError>>> =
        requests.iter().map(|_| None).collect();
    loop {
        tokio::select! {
            biased;
            exit = ctx.cancel.requested() => {
                interrupted(ctx, &starting, &created, since);
                return Err(Reported(exit).into());
            }
            next = starting.next() => match next {
                Some((index, result)) => created[index] = Some(result),
                None => break,
            },
        }
    }
    let mut started: Vec<RawQueueJob> = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    for result in created.into_iter().flatten() {
        match result {
            Ok(job) => started.push(job),
            Err(mut e) => {
                if let StartError::MaybeStarted { find, .. } = &mut e {
                    *find = ctx.with_connection(find);
                }
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                let code = e.exit();
                let worse = failure
                    .as_ref()
                    .is_none_or(|f| rank(code) > rank(code_for(f)));
                if worse {
                    failure = Some(Reported(code).into());
                }
            }
        }
    }
    // The demo's components are not the user's.
    if ctx.demo_url.is_none() {
        remember_components(&started);
    }
    let rows = rows(ctx, &storage, &started, !args.wait.waits()).await;
    if args.wait.waits() {
        for row in &rows {
            ctx.out.note(&started_line(row));
        }
        if started.is_empty() {
            return Err(failure.unwrap_or_else(|| Reported(Exit::Api).into()));
        }
        let options = wait_options(&args.wait, args.output.watch());
        let result = follow_queue_jobs(ctx, started, &options).await;
        // A job that could not be started outranks one that failed (as a missing job
        // does in watch); a timeout or a signal outranks both.
        return match (result, failure) {
            (Ok(()), Some(f)) => Err(f),
            (Err(e), Some(f)) if code_for(&e) == Exit::JobFailed => Err(f),
            (result, _) => result,
        };
    }
    let mut w = ctx.out.stdout();
    let text = match args.output {
        RunFormat::Table => match started.is_empty() {
            true => String::new(),
            false => started_table(&rows, ctx.out.stdout_tty),
        },
        RunFormat::Json => {
            let raw: Vec<&str> = started.iter().map(RawQueueJob::raw).collect();
            match raw.is_empty() {
                true => String::new(),
                false => json_text(&raw, requests.len() == 1, ctx.out.stdout_tty),
            }
        }
        RunFormat::Jsonl => {
            let mut text = String::new();
            for job in &started {
                crate::model::json_compact(job.raw(), &mut text);
                text.push('\n');
            }
            text
        }
    };
    w.write_all(text.as_bytes())?;
    w.flush()?;
    match failure {
        Some(f) => Err(f),
        None => Ok(()),
    }
}

/// A signal while the jobs were being created: what started is said, and each creation
/// still in flight may have started (it was sent, or about to be).
fn interrupted(
    ctx: &Context,
    starting: &start::Starting,
    created: &[Option<Result<RawQueueJob, StartError>>],
    since: jiff::Timestamp,
) {
    for job in created.iter().flatten().flatten() {
        ctx.out.note(&format!(
            "interrupted; started {} {}",
            job.job.id,
            sanitize(job.job.component.as_deref().unwrap_or(""))
        ));
    }
    for request in starting.pending() {
        ctx.out.note(&format!(
            "interrupted while starting {}: it may have started; to see whether it did: {}",
            sanitize(&request.label()),
            ctx.with_connection(&request.find_command(since - jiff::SignedDuration::from_mins(1)))
        ));
    }
}

/// Which of two failures decides the exit code: a bad request before a missing
/// configuration before a refused token before the API's own failure.
fn rank(code: Exit) -> u8 {
    match code {
        Exit::Usage => 4,
        Exit::NotFound => 3,
        Exit::Auth => 2,
        _ => 1,
    }
}

/// The creation request of each target, from the options; bad combinations are usage
/// errors before anything is sent.
fn requests(args: &RunArgs) -> Result<Vec<CreateJob>> {
    if !args.rows.is_empty() && args.targets.len() > 1 {
        return Err(UsageError(
            "--row names rows of one configuration: give one target with it".into(),
        )
        .into());
    }
    let config_data = match &args.config_data {
        Some(path) => {
            let text = read_input(path)?;
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v @ serde_json::Value::Object(_)) => Some(v),
                Ok(_) => {
                    return Err(UsageError(format!(
                        "{}: --config-data must be a JSON object (a configuration)",
                        path.display()
                    ))
                    .into());
                }
                Err(e) => {
                    return Err(UsageError(format!("{}: not JSON: {e}", path.display())).into());
                }
            }
        }
        None => None,
    };
    let variables = (!args.vars.is_empty()).then(|| VariableValues {
        values: args
            .vars
            .iter()
            .map(|(name, value)| Variable {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
    });
    let mut out = Vec::with_capacity(args.targets.len());
    for target in &args.targets {
        if target.config.is_none() && config_data.is_none() {
            return Err(UsageError(format!(
                "'{}' names no configuration: give COMPONENT/CONFIG, or --config-data FILE to \
                 run an inline one",
                target.component
            ))
            .into());
        }
        let branch = match (&target.branch, &args.branch) {
            (Some(a), Some(b)) if a != b => {
                return Err(UsageError(format!(
                    "the target names branch {a} and --branch says {b}: give one"
                ))
                .into());
            }
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        out.push(CreateJob {
            component: target.component.clone(),
            config: target.config.clone(),
            mode: match args.mode {
                None => Mode::Run,
                Some(RunMode::Debug) => Mode::Debug,
                Some(RunMode::Force) => Mode::ForceRun,
            },
            config_row_ids: args.rows.clone(),
            tag: target.tag.clone(),
            branch_id: branch,
            variable_values_id: args.variables_id.clone(),
            variable_values_data: variables.clone(),
            config_data: config_data.clone(),
            backend: args.backend.clone().map(|size| Backend { size }),
            parallelism: args.parallelism.map(|p| match p {
                ParallelismArg::Tasks(n) => Parallelism::Tasks(n),
                ParallelismArg::Infinity => Parallelism::Infinity("infinity"),
            }),
            only_flow_task_ids: Vec::new(),
        });
    }
    Ok(out)
}

/// `--dry-run`: the bodies, one JSON object a line (`-o json`: an array); the token is in
/// no body, and nothing is sent.
fn dry_run(ctx: &Context, requests: &[CreateJob], output: RunFormat) -> Result<()> {
    let mut w = ctx.out.stdout();
    let bodies: Vec<String> = requests.iter().map(CreateJob::body).collect();
    let text = match output {
        RunFormat::Json => {
            let raw: Vec<&str> = bodies.iter().map(String::as_str).collect();
            json_text(&raw, false, ctx.out.stdout_tty)
        }
        RunFormat::Table | RunFormat::Jsonl => {
            bodies.iter().map(|b| format!("{b}\n")).collect::<String>()
        }
    };
    w.write_all(text.as_bytes())?;
    w.flush()?;
    ctx.out.note(&format!(
        "dry run: {} request{} to POST /jobs of the Queue API; nothing was sent",
        requests.len(),
        if requests.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// The rows that say what started: the configuration's name (when `names`, one request
/// per configuration unless cached) and the UI's page of each job.
async fn rows(
    ctx: &Context,
    storage: &crate::client::StorageClient,
    started: &[RawQueueJob],
    names: bool,
) -> Vec<Started> {
    let mut jobs: Vec<QueueJob> = started.iter().map(|j| j.job.clone()).collect();
    if names {
        let mut refs: Vec<&mut QueueJob> = jobs.iter_mut().collect();
        ctx.fill_names(storage, &mut refs).await;
    }
    jobs.iter()
        .map(|job| {
            let project = job.project.as_ref().and_then(|(id, _)| id.as_deref());
            let target = match &job.config {
                Some(config) if !config.is_empty() => {
                    format!("{}/{config}", job.component.as_deref().unwrap_or("?"))
                }
                _ => job.component.clone().unwrap_or_default(),
            };
            Started {
                id: job.id,
                target,
                name: job.names().config.clone(),
                link: ui_page(storage.base().as_str(), project, job.id),
            }
        })
        .collect()
}

/// Adds the started jobs' components to the ones shell completion offers.
fn remember_components(started: &[RawQueueJob]) {
    let ids: Vec<&str> = started
        .iter()
        .filter_map(|j| j.job.component.as_deref())
        .collect();
    crate::config::ComponentCache::from_env().add(&ids, jiff::Timestamp::now().as_second());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_request_outranks_a_missing_configuration_and_a_refused_token() {
        let mut codes = [Exit::Api, Exit::Auth, Exit::Usage, Exit::NotFound];
        codes.sort_by_key(|c| std::cmp::Reverse(rank(*c)));
        assert_eq!(codes, [Exit::Usage, Exit::NotFound, Exit::Auth, Exit::Api]);
    }

    #[test]
    fn start_errors_keep_their_codes() {
        let e = StartError::NotStarted {
            target: "c/1".into(),
            cause: crate::client::ApiError::Http {
                status: 404,
                url: "u".into(),
                detail: String::new(),
                api_error: true,
            },
        };
        assert_eq!(e.exit(), Exit::NotFound);
    }
}
