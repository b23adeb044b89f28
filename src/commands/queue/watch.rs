//! `jobctl queue watch`: polls queue jobs' details (the truth for `isFinished`; search
//! lags) until every one has finished, with spinners that show a flow's progress, then
//! prints the final state. Exit codes as `watch`: 0 success (a warning too, with a note),
//! 1 error / terminated / cancelled, 124 timeout (`--kill-on-timeout` kills what runs),
//! 130 / 143 on a signal.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Utc;

use super::Context;
use super::tree::children_of;
use crate::cli::WatchFormat;
use crate::cli::queue::QueueWatchArgs;
use crate::client::{ApiError, KillOutcome, QueueClient};
use crate::commands::watch::schedule::Schedule;
use crate::exit::{Exit, Reported};
use crate::model::{QueueJob, QueueStatus, RawQueueJob, json_compact};
use crate::output::progress::{Progress, Tally, Watched};
use crate::render::queue_table::QueueColumn;
use crate::render::table::table;
use crate::render::{
    FlowProgress, Style, json_text, queue_change_line, queue_detail, queue_final_message,
    queue_spinner_message, sanitize,
};

/// Polls that fail in a row (after the client's retries) before the watch gives up (exit 5).
const MAX_FAILED_POLLS: u32 = 3;

/// The final table of several jobs: how each ended.
const SUMMARY: [QueueColumn; 7] = [
    QueueColumn::Id,
    QueueColumn::Status,
    QueueColumn::Type,
    QueueColumn::Component,
    QueueColumn::Duration,
    QueueColumn::ErrorType,
    QueueColumn::Message,
];

/// A watched queue job and, for a flow or phase, how far it has got.
struct Tracked {
    job: RawQueueJob,
    flow: Option<FlowProgress>,
}

impl Watched for Tracked {
    type Status = QueueStatus;
    type Lines = ();

    fn id(&self) -> u64 {
        self.job.job.id
    }

    fn is_finished(&self) -> bool {
        self.job.job.is_finished()
    }

    fn tally(&self) -> Tally {
        match self.job.job.status {
            QueueStatus::Success | QueueStatus::Warning => Tally::Succeeded,
            QueueStatus::Error => Tally::Failed,
            _ if self.is_finished() => Tally::Ended,
            _ => Tally::Running,
        }
    }

    fn lines(_jobs: &[&Tracked]) {}

    fn change_line(&self, from: Option<&QueueStatus>) -> String {
        queue_change_line(Utc::now(), &self.job.job, from)
    }

    // Queue lines keep their own shape, whatever the width.
    fn final_message(&self, _lines: &(), style: &Style, _width: Option<usize>) -> String {
        queue_final_message(&self.job.job, style)
    }

    fn spinner_message(
        &self,
        _lines: &(),
        style: &Style,
        waited: Duration,
        _width: Option<usize>,
    ) -> String {
        queue_spinner_message(&self.job.job, self.flow.as_ref(), style, waited)
    }

    fn heartbeat_line(running: &[&Tracked], waited: Duration) -> String {
        let ids: Vec<String> = running.iter().map(|t| t.job.job.id.to_string()).collect();
        format!(
            "{} still waiting after {}s for {}",
            Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            waited.as_secs(),
            ids.join(", ")
        )
    }
}

enum Stop {
    Finished,
    Timeout,
    Signal(Exit),
}

pub async fn run(ctx: &Context, args: QueueWatchArgs) -> Result<()> {
    let mut ids = args.ids.clone();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let mut progress = Progress::new(ctx.out.progress_kind(args.progress), ctx.out.err_color);
    let (_, queue) = ctx.queue_client().await?;
    let schedule = match args.interval {
        Some(d) => Schedule::Fixed(d),
        None => Schedule::Adaptive {
            max: args.max_interval,
        },
    };
    let started = Instant::now();
    let deadline = args.timeout.map(|t| started + t);
    let mut w = ctx.out.stdout();
    let jsonl = args.output == WatchFormat::Jsonl;
    // The first look: every job must exist.
    let first = match guarded(ctx, deadline, fetch(&queue, &ids)).await {
        Ok(jobs) => jobs?,
        Err(stop) => return end(ctx, &mut progress, stop, &queue, &[], &args).await,
    };
    let mut jobs: Vec<Tracked> = first
        .into_iter()
        .map(|job| Tracked { job, flow: None })
        .collect();
    refresh_flows(&queue, &mut jobs).await;
    for t in &jobs {
        progress.changed(t, None, started.elapsed());
        if jsonl {
            w.write_all(event("change", &t.job, None).as_bytes())?;
        }
    }
    w.flush()?;
    let mut failed_polls = 0;
    let stop = loop {
        if jobs.iter().all(|t| t.is_finished()) {
            break Stop::Finished;
        }
        let wait = schedule.next(started.elapsed(), fastrand::f64());
        if let Err(stop) = guarded(ctx, deadline, tokio::time::sleep(wait)).await {
            break stop;
        }
        let running: Vec<u64> = jobs
            .iter()
            .filter(|t| !t.is_finished())
            .map(|t| t.id())
            .collect();
        let polled = match guarded(ctx, deadline, fetch(&queue, &running)).await {
            Ok(polled) => polled,
            Err(stop) => break stop,
        };
        let polled = match polled {
            Ok(polled) => {
                failed_polls = 0;
                polled
            }
            Err(e) if e.is_permanent() || failed_polls + 1 >= MAX_FAILED_POLLS => {
                progress.finish();
                return Err(e.into());
            }
            Err(e) => {
                failed_polls += 1;
                progress.note(&format!(
                    "poll failed, trying again: {}",
                    sanitize(&e.to_string())
                ));
                continue;
            }
        };
        for job in polled {
            let Some(t) = jobs.iter_mut().find(|t| t.id() == job.job.id) else {
                continue;
            };
            let from = t.job.job.status.clone();
            t.job = job;
            if from != t.job.job.status {
                progress.changed(&*t, Some(&from), started.elapsed());
                if jsonl {
                    w.write_all(event("change", &t.job, Some(&from)).as_bytes())?;
                }
            }
        }
        refresh_flows(&queue, &mut jobs).await;
        let running: Vec<&Tracked> = jobs.iter().filter(|t| !t.is_finished()).collect();
        progress.tick(&running, started.elapsed());
        w.flush()?;
    };
    if !matches!(stop, Stop::Finished) {
        return end(ctx, &mut progress, stop, &queue, &jobs, &args).await;
    }
    progress.finish();
    let style = Style {
        color: ctx.out.color,
        terminal: ctx.out.stdout_tty,
        now: Utc::now(),
    };
    match args.output {
        WatchFormat::Json => {
            let raw: Vec<&str> = jobs.iter().map(|t| t.job.raw()).collect();
            w.write_all(json_text(&raw, jobs.len() == 1, ctx.out.stdout_tty).as_bytes())?;
        }
        WatchFormat::Jsonl => {
            for t in &jobs {
                w.write_all(event("final", &t.job, None).as_bytes())?;
            }
        }
        WatchFormat::Table if jobs.len() == 1 => {
            let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
            w.write_all(queue_detail(&jobs[0].job.job, None, &style, width).as_bytes())?;
        }
        WatchFormat::Table => {
            let refs: Vec<&QueueJob> = jobs.iter().map(|t| &t.job.job).collect();
            let width = ctx.out.stdout_tty.then_some(ctx.out.width).flatten();
            w.write_all(table(&refs, &SUMMARY, &style, width).as_bytes())?;
        }
    }
    w.flush()?;
    for t in jobs
        .iter()
        .filter(|t| t.job.job.status == QueueStatus::Warning)
    {
        let message = t
            .job
            .job
            .result
            .as_ref()
            .and_then(|r| r.message.as_deref())
            .map(|m| format!(": {}", sanitize(m)))
            .unwrap_or_default();
        ctx.out
            .note(&format!("job {} finished with a warning{message}", t.id()));
    }
    match jobs.iter().any(|t| t.job.job.status.is_failure()) {
        true => Err(Reported(Exit::JobFailed).into()),
        false => Ok(()),
    }
}

/// A timeout or a signal: says which jobs still run (killing them with
/// `--kill-on-timeout`) and exits 124, 130 or 143.
async fn end(
    ctx: &Context,
    progress: &mut Progress<Tracked>,
    stop: Stop,
    queue: &QueueClient,
    jobs: &[Tracked],
    args: &QueueWatchArgs,
) -> Result<()> {
    let running: Vec<u64> = jobs
        .iter()
        .filter(|t| !t.is_finished())
        .map(|t| t.id())
        .collect();
    let list = running
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    match stop {
        Stop::Signal(exit) => {
            progress.interrupted();
            if !running.is_empty() {
                ctx.out
                    .note(&format!("interrupted; still running on the server: {list}"));
            }
            Err(Reported(exit).into())
        }
        Stop::Timeout => {
            progress.finish();
            let timeout = args.timeout.unwrap_or_default().as_secs_f64();
            if args.kill_on_timeout && !running.is_empty() {
                ctx.out
                    .note(&format!("timed out after {timeout}s; killing {list}"));
                for id in &running {
                    match queue.kill(*id).await {
                        Ok(KillOutcome::Accepted(job)) => ctx.out.note(&format!(
                            "{id}: killed (now {})",
                            sanitize(job.job.status.as_str())
                        )),
                        Ok(KillOutcome::NotKillable(_)) => {
                            ctx.out.note(&format!("{id}: already finished"));
                        }
                        Err(e) => ctx.out.note(&format!("{id}: {}", sanitize(&e.to_string()))),
                    }
                }
            } else {
                ctx.out.note(&format!(
                    "timed out after {timeout}s; still running on the server: {list}"
                ));
            }
            Err(Reported(Exit::Timeout).into())
        }
        Stop::Finished => Ok(()),
    }
}

/// Runs `work` unless a signal or the deadline comes first.
async fn guarded<T>(
    ctx: &Context,
    deadline: Option<Instant>,
    work: impl Future<Output = T>,
) -> Result<T, Stop> {
    let timeout = async {
        match deadline {
            Some(d) => tokio::time::sleep_until(d.into()).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        biased;
        exit = ctx.cancel.requested() => Err(Stop::Signal(exit)),
        _ = timeout => Err(Stop::Timeout),
        value = work => Ok(value),
    }
}

/// Every job's detail at once; the first failure fails the poll.
async fn fetch(queue: &QueueClient, ids: &[u64]) -> Result<Vec<RawQueueJob>, ApiError> {
    queue.jobs(ids).await.into_iter().collect()
}

/// For each running container, its tasks done of total and the running ones: the children
/// of the flow (its phases) and of each phase, at once. A failed look keeps the last one.
async fn refresh_flows(queue: &QueueClient, jobs: &mut [Tracked]) {
    for t in jobs.iter_mut() {
        if !t.job.job.is_container() || t.is_finished() {
            continue;
        }
        let Some(Ok(level)) = children_of(queue, vec![t.job.job.run_id.clone()])
            .await
            .pop()
        else {
            continue;
        };
        let (containers, mut tasks): (Vec<RawQueueJob>, Vec<RawQueueJob>) =
            level.into_iter().partition(|j| j.job.is_container());
        let run_ids = containers.iter().map(|c| c.job.run_id.clone()).collect();
        for found in children_of(queue, run_ids).await.into_iter().flatten() {
            tasks.extend(found);
        }
        t.flow = Some(FlowProgress {
            done: tasks.iter().filter(|j| j.job.is_finished()).count(),
            total: tasks.len(),
            running: tasks
                .iter()
                .filter(|j| j.job.status == QueueStatus::Processing)
                .filter_map(|j| j.job.component.clone())
                .collect(),
        });
    }
}

/// One `-o jsonl` line: `{"event":"change","id":"..","from":..,"to":..,"job":{...}}`, or
/// `final` without `from`/`to`.
fn event(kind: &str, job: &RawQueueJob, from: Option<&QueueStatus>) -> String {
    let id = serde_json::Value::from(job.job.id.to_string());
    let mut s = format!("{{\"event\":\"{kind}\",\"id\":{id}");
    if kind == "change" {
        let from = from.map_or(serde_json::Value::Null, |f| f.as_str().into());
        let to = serde_json::Value::from(job.job.status.as_str());
        s.push_str(&format!(",\"from\":{from},\"to\":{to}"));
    }
    s.push_str(",\"job\":");
    json_compact(job.raw(), &mut s);
    s.push_str("}\n");
    s
}
