//! `jobctl queue watch`: polls queue jobs' details (the truth for `isFinished`; search
//! lags) until every one has finished, with spinners that show a flow's progress, then
//! prints the final state. Exit codes as `watch`: 0 success (a warning too, with a note),
//! 1 error / terminated / cancelled, 124 timeout (`--kill-on-timeout` kills what runs),
//! 130 / 143 on a signal.

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Utc;

use super::Context;
use crate::cancel::Cut;
use crate::cli::WatchFormat;
use crate::cli::queue::QueueWatchArgs;
use crate::client::{ApiError, KillOutcome, QueueClient, QueueQuery};
use crate::commands::watch::earlier_runs;
use crate::commands::watch::schedule::{self, Grid, Planned, PollPlan, Schedule};
use crate::exit::{Exit, Reported};
use crate::model::{QueueJob, QueueStatus, RawQueueJob, json_compact};
use crate::output::DataWriter;
use crate::output::progress::{Progress, Standing, Watched};
use crate::render::queue_table::QueueColumn;
use crate::render::table::table;
use crate::render::{
    FlowProgress, Style, detail, json_text, queue_change_line, queue_final_message, queue_label,
    queue_spinner_message, sanitize, seen_ago,
};
use crate::run_tree::children_of;

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

    fn tally(&self) -> Standing {
        match self.job.job.status {
            QueueStatus::Success | QueueStatus::Warning => Standing::Succeeded,
            QueueStatus::Error => Standing::Failed,
            _ if self.is_finished() => Standing::Ended,
            _ => Standing::Running,
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
        seen: Option<chrono::DateTime<Utc>>,
        _width: Option<usize>,
    ) -> String {
        let mut line = queue_spinner_message(&self.job.job, self.flow.as_ref(), style, waited);
        // Sparse polls (an estimate's): say how old the status shown is.
        if let Some(ago) = seen_ago(seen, style.now) {
            line.push_str(&style.dim(&format!(", {ago}")));
        }
        line
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

/// The most earlier queue jobs one search asks for (the API's largest page).
const HISTORY_PAGE: u64 = 500;

enum Stop {
    Finished,
    Timeout,
    Signal(Exit),
}

pub async fn run(ctx: &Context, args: QueueWatchArgs) -> Result<()> {
    let mut watch = QueueWatch::new(ctx, &args).await?;
    let stop = match watch.first_look().await? {
        Some(stop) => stop,
        None => loop {
            if let Some(stop) = watch.tick().await? {
                break stop;
            }
        },
    };
    watch.finish(stop).await
}

/// One queue watch in progress: the jobs as last seen and where their changes go.
struct QueueWatch<'a> {
    ctx: &'a Context,
    args: &'a QueueWatchArgs,
    queue: QueueClient,
    progress: Progress<Tracked>,
    w: DataWriter,
    schedule: Schedule,
    /// The no-history polls, as deadlines from `started` (the first request).
    grid: Grid,
    started: Instant,
    deadline: Option<Instant>,
    jobs: Vec<Tracked>,
    failed_polls: u32,
    /// The jobs whose length earlier runs predict.
    planned: HashMap<u64, Planned>,
}

impl<'a> QueueWatch<'a> {
    async fn new(ctx: &'a Context, args: &'a QueueWatchArgs) -> Result<QueueWatch<'a>> {
        let progress = Progress::new(
            ctx.out.progress_kind(args.progress),
            ctx.out.err_color,
            ctx.out.zone.clone(),
        );
        let (_, queue) = ctx.queue_client().await?;
        let schedule = match args.interval {
            Some(d) => Schedule::Fixed(d),
            None => Schedule::Adaptive {
                max: args.max_interval,
            },
        };
        let started = Instant::now();
        Ok(QueueWatch {
            ctx,
            args,
            queue,
            progress,
            w: ctx.out.stdout(),
            schedule,
            grid: Grid::new(schedule, fastrand::f64()),
            started,
            deadline: args.timeout.map(|t| started + t),
            jobs: Vec::new(),
            failed_polls: 0,
            planned: HashMap::new(),
        })
    }

    /// Fetches every job once (each must exist) and shows it; `Some` when a signal or
    /// the deadline came first.
    async fn first_look(&mut self) -> Result<Option<Stop>> {
        let mut ids = self.args.ids.clone();
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(*id));
        let first = match guarded(self.ctx, self.deadline, fetch(&self.queue, &ids)).await {
            Ok(jobs) => jobs?,
            Err(stop) => return Ok(Some(stop)),
        };
        self.jobs = first
            .into_iter()
            .map(|job| Tracked { job, flow: None })
            .collect();
        refresh_flows(&self.queue, &mut self.jobs).await;
        for index in 0..self.jobs.len() {
            self.changed(index, None)?;
        }
        self.w.flush()?;
        self.learn().await
    }

    /// One search request of earlier successes of the running jobs' components and
    /// configs, so that the runs like each job estimate its length. A failure costs only
    /// the estimate.
    async fn learn(&mut self) -> Result<Option<Stop>> {
        let running: Vec<&QueueJob> = self
            .jobs
            .iter()
            .filter(|t| !t.is_finished())
            .map(|t| &t.job.job)
            .collect();
        if self.args.no_history || running.is_empty() {
            return Ok(None);
        }
        let mut query = QueueQuery {
            statuses: vec!["success".to_owned()],
            limit: Some(HISTORY_PAGE),
            ..QueueQuery::default()
        };
        for job in &running {
            for (list, value) in [
                (&mut query.components, &job.component),
                (&mut query.configs, &job.config),
            ] {
                if let Some(v) = value
                    && !list.contains(v)
                {
                    list.push(v.clone());
                }
            }
        }
        let listed = match guarded(self.ctx, self.deadline, self.queue.search(&query)).await {
            Ok(listed) => listed.unwrap_or_default(),
            Err(stop) => return Ok(Some(stop)),
        };
        let history: Vec<QueueJob> = listed.into_iter().map(|j| j.job).collect();
        let now = Utc::now();
        for t in &self.jobs {
            let job = &t.job.job;
            if t.is_finished() {
                continue;
            }
            let Some(estimate) = earlier_runs::queue_estimate(job, &history) else {
                continue;
            };
            let born = earlier_runs::born(job.created_time, now);
            let plan = PollPlan::new(&estimate, self.schedule);
            let varied = estimate.spread() > schedule::MAX_SPREAD;
            self.progress
                .estimate(job.id, &queue_label(job), estimate, born, varied);
            self.planned.insert(job.id, Planned { born, plan });
        }
        Ok(None)
    }

    /// Waits for the next poll and applies it; `Some` when the watch is over.
    async fn tick(&mut self) -> Result<Option<Stop>> {
        if self.jobs.iter().all(|t| t.is_finished()) {
            return Ok(Some(Stop::Finished));
        }
        let running = self
            .jobs
            .iter()
            .filter(|t| !t.is_finished())
            .map(|t| t.id());
        let (waited, jitter) = (self.started.elapsed(), fastrand::f64());
        let wait = schedule::soonest(running, &self.planned, &self.grid, waited, jitter);
        if let Err(stop) = guarded(self.ctx, self.deadline, tokio::time::sleep(wait)).await {
            return Ok(Some(stop));
        }
        self.grid.polled(self.started.elapsed());
        let running: Vec<u64> = self
            .jobs
            .iter()
            .filter(|t| !t.is_finished())
            .map(|t| t.id())
            .collect();
        let polled = match guarded(self.ctx, self.deadline, fetch(&self.queue, &running)).await {
            Ok(Ok(polled)) => polled,
            Ok(Err(e)) => return self.poll_failed(e).map(|()| None),
            Err(stop) => return Ok(Some(stop)),
        };
        self.failed_polls = 0;
        self.progress.seen(polled.iter().map(|j| j.job.id));
        for job in polled {
            let Some(index) = self.jobs.iter().position(|t| t.id() == job.job.id) else {
                continue;
            };
            let from = self.jobs[index].job.job.status.clone();
            self.jobs[index].job = job;
            if from != self.jobs[index].job.job.status {
                self.changed(index, Some(&from))?;
            }
        }
        refresh_flows(&self.queue, &mut self.jobs).await;
        let running: Vec<&Tracked> = self.jobs.iter().filter(|t| !t.is_finished()).collect();
        self.progress.tick(&running, self.started.elapsed());
        self.w.flush()?;
        Ok(None)
    }

    /// The one place that handles a job seen for the first time (`from` None) or changed:
    /// progress and the jsonl event.
    fn changed(&mut self, index: usize, from: Option<&QueueStatus>) -> Result<()> {
        let t = &self.jobs[index];
        self.progress.changed(t, from, self.started.elapsed());
        if self.args.output == WatchFormat::Jsonl {
            self.w.write_all(event("change", &t.job, from).as_bytes())?;
        }
        Ok(())
    }

    /// A poll that failed after the client's retries: a permanent error ends the watch,
    /// others are tried again at the next tick, up to `MAX_FAILED_POLLS` in a row.
    fn poll_failed(&mut self, e: ApiError) -> Result<()> {
        self.failed_polls += 1;
        if e.is_permanent() || self.failed_polls >= MAX_FAILED_POLLS {
            self.progress.finish();
            return Err(e.into());
        }
        self.progress.note(&format!(
            "poll failed, trying again: {}",
            sanitize(&e.to_string())
        ));
        Ok(())
    }

    /// Prints the final state (or says why the watch stopped early); the exit code says
    /// how it ended.
    async fn finish(mut self, stop: Stop) -> Result<()> {
        if !matches!(stop, Stop::Finished) {
            let (ctx, queue, args) = (self.ctx, &self.queue, self.args);
            return end(ctx, &mut self.progress, stop, queue, &self.jobs, args).await;
        }
        self.progress.finish();
        self.print_final()?;
        for t in self
            .jobs
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
            self.ctx
                .out
                .note(&format!("job {} finished with a warning{message}", t.id()));
        }
        match self.jobs.iter().any(|t| t.job.job.status.is_failure()) {
            true => Err(Reported(Exit::JobFailed).into()),
            false => Ok(()),
        }
    }

    fn print_final(&mut self) -> Result<()> {
        let out = &self.ctx.out;
        let style = Style {
            color: out.color,
            terminal: out.stdout_tty,
            now: Utc::now(),
            zone: out.zone.clone(),
        };
        let width = out.stdout_tty.then_some(out.width).flatten();
        let jobs = &self.jobs;
        let text = match self.args.output {
            WatchFormat::Json => {
                let raw: Vec<&str> = jobs.iter().map(|t| t.job.raw()).collect();
                json_text(&raw, jobs.len() == 1, out.stdout_tty)
            }
            WatchFormat::Jsonl => jobs.iter().map(|t| event("final", &t.job, None)).collect(),
            WatchFormat::Table if jobs.len() == 1 => {
                let one = crate::model::AnyJob::Queue(jobs[0].job.job.clone());
                detail(&one, &crate::render::Related::default(), &style, width)
            }
            WatchFormat::Table => {
                let refs: Vec<&QueueJob> = jobs.iter().map(|t| &t.job.job).collect();
                table(&refs, &SUMMARY, &style, width)
            }
        };
        self.w.write_all(text.as_bytes())?;
        self.w.flush()?;
        Ok(())
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
    ctx.cancel
        .unless_stopped(deadline, work)
        .await
        .map_err(|cut| match cut {
            Cut::Signal(exit) => Stop::Signal(exit),
            Cut::Deadline => Stop::Timeout,
        })
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
