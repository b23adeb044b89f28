//! `jobctl watch`: poll jobs until each is terminal, with one list request a tick for
//! however many are running, progress on stderr, the final state on stdout, and an exit
//! code that tells success, failure, timeout and interruption apart. The jobs are the ids
//! given, everything running now (`--running`), or a run's jobs as they appear (`--run-id`).

pub(super) mod earlier_runs;
pub(super) mod schedule;

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Context;
use super::poll::floored;
use crate::cancel::{Cancel, Cut};
use crate::cli::{WatchArgs, WatchFormat};
use crate::client::{ApiError, ListQuery, StorageClient};
use crate::commands::list::JobFilter;
use crate::exit::{Exit, Reported};
use crate::jq::Jq;
use crate::model::{Job, RawJob, Status};
use crate::output::DataWriter;
use crate::output::progress::Progress;
use crate::render::table::{SUMMARY_COLUMNS, table};
use crate::render::{Style, detail, github_error, job_label, json_text, jsonl_event};

pub use schedule::{Grid, Planned, PollPlan, Schedule};

/// Failed polls in a row (each after the client's own retries) before giving up.
const MAX_FAILED_POLLS: u32 = 3;
/// How often running spinners refresh their elapsed time.
const SPINNER_REFRESH: Duration = Duration::from_millis(500);
/// The largest page a watch asks for in one list request.
const MAX_PAGE: usize = 1000;

/// Which jobs a watch follows.
enum Follow {
    /// The ids given on the command line.
    Ids,
    /// Every job waiting or processing at the first look.
    Running,
    /// The jobs of a run and its nested runs, as they appear.
    Run(JobFilter),
}

enum Outcome {
    Finished,
    FailFast,
    TimedOut,
    Interrupted,
    Terminated,
}

pub async fn run(ctx: &Context, mut args: WatchArgs) -> Result<()> {
    // A bad expression must cost no request; --jq implies the final JSON.
    let jq = ctx.jq(args.jq.as_deref())?;
    if jq.is_some() {
        args.output = WatchFormat::Json;
    }
    let mut watch = Watch::new(ctx, &args)?;
    let outcome = match watch.first_look().await? {
        Some(stopped) => stopped,
        None => loop {
            if let Some(outcome) = watch.tick().await? {
                break outcome;
            }
        },
    };
    watch.finish(outcome, jq.as_ref())
}

/// One watch in progress: the jobs as last seen and where their changes go.
struct Watch<'a> {
    ctx: &'a Context,
    args: &'a WatchArgs,
    client: StorageClient,
    progress: Progress,
    w: DataWriter,
    schedule: Schedule,
    /// The no-history polls, as deadlines from `started` (the first request).
    grid: Grid,
    started: Instant,
    deadline: Option<Instant>,
    ids: Vec<u64>,
    /// In the order of `ids`, once the first look has seen them (the missing left out).
    jobs: Vec<RawJob>,
    /// Ids the API says do not exist: reported at once, and exit 3 at the end.
    missing: Vec<u64>,
    failed_polls: u32,
    last_heard: Instant,
    follow: Follow,
    /// When the last job of a followed run appeared or finished (for `--grace`).
    last_event: Instant,
    /// The newest creation time any answer showed: a run's later jobs are created at or
    /// after it (by the server's clock, whatever the local one says).
    newest_created: Option<DateTime<Utc>>,
    /// Earlier finished jobs, listed once at the first look (`None`: not yet, or not
    /// wanted); estimates for the jobs that appear later come from the same list.
    history: Option<Vec<Job>>,
    /// The jobs whose length the history predicts.
    planned: HashMap<u64, Planned>,
}

impl<'a> Watch<'a> {
    fn new(ctx: &'a Context, args: &'a WatchArgs) -> Result<Watch<'a>> {
        let mut ids: Vec<u64> = args.ids.iter().map(|r| r.id).collect();
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(*id));
        let progress = Progress::new(
            ctx.out.progress_kind(args.progress),
            ctx.out.err_color,
            ctx.out.zone.clone(),
        );
        let client = ctx.client_observed(Some(progress.notices()))?;
        let schedule = match args.interval {
            Some(d) => {
                let (d, note) = floored(d);
                if let Some(note) = note {
                    ctx.out.note(&note);
                }
                Schedule::Fixed(d)
            }
            None => Schedule::Adaptive {
                max: args.max_interval,
            },
        };
        let started = Instant::now();
        let follow = match (&args.run_id, args.running) {
            (Some(run), _) => Follow::Run(JobFilter {
                run_id: Some(run.trim().to_owned()),
                ..JobFilter::default()
            }),
            (None, true) => Follow::Running,
            (None, false) => Follow::Ids,
        };
        Ok(Watch {
            ctx,
            args,
            client,
            progress,
            w: ctx.out.stdout(),
            schedule,
            grid: Grid::new(schedule, fastrand::f64()),
            started,
            deadline: args.timeout.map(|t| started + t),
            ids,
            jobs: Vec::new(),
            missing: Vec::new(),
            failed_polls: 0,
            last_heard: started,
            follow,
            last_event: started,
            newest_created: None,
            history: None,
            planned: HashMap::new(),
        })
    }

    /// Fetches every job once and shows it; `Some` when a signal or the deadline came first.
    /// A job that does not exist is reported at once and the others are watched; when none
    /// exists, the watch ends here with exit 3.
    async fn first_look(&mut self) -> Result<Option<Outcome>> {
        let cancel = &self.ctx.cancel;
        if !matches!(self.follow, Follow::Ids) {
            return self.first_discovery().await;
        }
        match guarded(cancel, self.deadline, fetch_all(&self.client, &self.ids)).await {
            Guarded::Done(found) => (self.jobs, self.missing) = found?,
            Guarded::Stopped(outcome) => return Ok(Some(outcome)),
        }
        for &id in &self.missing {
            let e = ApiError::NotFound { id };
            self.ctx.out.note(&format!("error: {e}"));
        }
        if self.jobs.is_empty() {
            self.progress.finish();
            return Err(Reported(Exit::NotFound).into());
        }
        let jobs: Vec<&Job> = self.jobs.iter().map(|j| &j.job).collect();
        self.progress.lay_out(&jobs);
        for index in 0..self.jobs.len() {
            self.changed(index, None)?;
        }
        self.w.flush()?;
        self.learn().await
    }

    /// One list request of earlier finished jobs, when some watched job still runs, so
    /// that the runs like it estimate its length. A failure costs only the estimate.
    async fn learn(&mut self) -> Result<Option<Outcome>> {
        if self.args.no_history || self.jobs.iter().all(|j| j.job.is_finished()) {
            return Ok(None);
        }
        let query = ListQuery {
            statuses: vec![Status::Success],
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let listed = match guarded(&self.ctx.cancel, self.deadline, self.client.list(&query)).await
        {
            Guarded::Done(listed) => listed.unwrap_or_default(),
            Guarded::Stopped(outcome) => return Ok(Some(outcome)),
        };
        self.history = Some(listed.into_iter().map(|j| j.job).collect());
        self.estimate_new();
        Ok(None)
    }

    /// Estimates the running jobs not estimated yet from the history, and shows it.
    fn estimate_new(&mut self) {
        let Some(history) = &self.history else {
            return;
        };
        let now = Utc::now();
        for raw in &self.jobs {
            let job = &raw.job;
            if job.is_finished() || self.planned.contains_key(&job.id) {
                continue;
            }
            let Some(estimate) = earlier_runs::estimate(job, history) else {
                continue;
            };
            let born = earlier_runs::born(job.created_time, now);
            let plan = PollPlan::new(&estimate, self.schedule);
            let varied = estimate.spread() > schedule::MAX_SPREAD;
            self.progress
                .estimate(job.id, &job_label(job), estimate, born, varied);
            self.planned.insert(job.id, Planned { born, plan });
        }
    }

    /// The first look of `--running` and `--run-id`: the unfinished jobs (one list
    /// request), and for a run also the newest jobs of any status (a second one), so that
    /// its jobs that finished before the watch started are in the final state too.
    async fn first_discovery(&mut self) -> Result<Option<Outcome>> {
        let unfinished = ListQuery {
            statuses: vec![Status::Waiting, Status::Processing],
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let newest = ListQuery {
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let client = &self.client;
        let lists = async {
            let mut listed = client.list(&unfinished).await?;
            if matches!(self.follow, Follow::Run(_)) {
                listed.extend(client.list(&newest).await?);
            }
            Ok::<_, ApiError>(listed)
        };
        let listed = match guarded(&self.ctx.cancel, self.deadline, lists).await {
            Guarded::Done(listed) => listed?,
            Guarded::Stopped(outcome) => return Ok(Some(outcome)),
        };
        self.adopt(listed)?;
        if self.jobs.is_empty() && matches!(self.follow, Follow::Running) {
            self.ctx.out.note("no jobs are waiting or processing");
        }
        self.w.flush()?;
        self.learn().await
    }

    /// Takes the jobs of `listed` that the watch follows and has not seen yet, oldest
    /// first, and shows each; remembers the newest creation time.
    fn adopt(&mut self, listed: Vec<RawJob>) -> Result<()> {
        let mut seen: std::collections::HashSet<u64> = self.jobs.iter().map(|j| j.job.id).collect();
        let mut new: Vec<RawJob> = Vec::new();
        for job in listed {
            if let Some(created) = job.job.created_time {
                let created = created.with_timezone(&Utc);
                self.newest_created = Some(self.newest_created.map_or(created, |n| n.max(created)));
            }
            let wanted = match &self.follow {
                Follow::Ids => false,
                Follow::Running => !job.job.is_finished(),
                Follow::Run(filter) => filter.matches(&job.job),
            };
            if wanted && seen.insert(job.job.id) {
                new.push(job);
            }
        }
        new.sort_by_key(|j| j.job.id);
        if !new.is_empty() {
            self.last_event = Instant::now();
        }
        // The first jobs found set the columns of the lines, as the ids of `watch ID...` do.
        if self.jobs.is_empty() && !new.is_empty() {
            let jobs: Vec<&Job> = new.iter().map(|j| &j.job).collect();
            self.progress.lay_out(&jobs);
        }
        for job in new {
            self.jobs.push(job);
            self.changed(self.jobs.len() - 1, None)?;
        }
        self.estimate_new();
        Ok(())
    }

    /// Whether the watch is over before the next poll: every job finished (for a run, and
    /// none appeared for `--grace`), or one failed with `--fail-fast`.
    fn done(&self) -> Result<Option<Outcome>> {
        if self.args.fail_fast && self.jobs.iter().any(|j| j.job.status == Status::Error) {
            return Ok(Some(Outcome::FailFast));
        }
        if !self.jobs.iter().all(|j| j.job.is_finished()) {
            return Ok(None);
        }
        match &self.follow {
            Follow::Run(_) if self.last_event.elapsed() < self.args.grace => Ok(None),
            Follow::Run(_) if self.jobs.is_empty() => {
                let run = self.args.run_id.as_deref().unwrap_or_default();
                self.ctx.out.note(&format!(
                    "error: no job of run {} appeared within {}",
                    crate::render::sanitize(run),
                    crate::render::human_duration(
                        chrono::Duration::from_std(self.args.grace).unwrap_or_default()
                    )
                ));
                Err(Reported(Exit::NotFound).into())
            }
            _ => Ok(Some(Outcome::Finished)),
        }
    }

    /// Waits for the next poll and applies it; `Some` when the watch is over.
    async fn tick(&mut self) -> Result<Option<Outcome>> {
        if let Some(outcome) = self.done()? {
            return Ok(Some(outcome));
        }
        let mut wait = self.next_wait(fastrand::f64());
        if self.jobs.iter().all(|j| j.job.is_finished()) {
            // Waiting out a run's grace period: no later than its end.
            wait = wait.min(self.args.grace.saturating_sub(self.last_event.elapsed()));
        }
        if let Some(outcome) = self.pause(wait).await {
            return Ok(Some(outcome));
        }
        self.grid.polled(self.started.elapsed());
        let cancel = &self.ctx.cancel;
        let work = async {
            match &self.follow {
                Follow::Run(_) => poll_run(&self.client, &self.jobs, self.newest_created).await,
                _ => Ok((poll(&self.client, &self.jobs).await?, Vec::new())),
            }
        };
        let (updates, listed) = match guarded(cancel, self.deadline, work).await {
            Guarded::Done(Ok(found)) => found,
            Guarded::Done(Err(e)) => {
                self.poll_failed(e)?;
                return Ok(None);
            }
            Guarded::Stopped(outcome) => return Ok(Some(outcome)),
        };
        self.failed_polls = 0;
        self.progress
            .seen(updates.iter().map(|(_, fresh)| fresh.job.id));
        for (index, fresh) in updates {
            let from = self.jobs[index].job.status.clone();
            let changed = fresh.job.status != from;
            self.jobs[index] = fresh;
            if changed {
                if self.jobs[index].job.is_finished() {
                    self.last_event = Instant::now();
                }
                self.changed(index, Some(&from))?;
            }
        }
        self.adopt(listed)?;
        self.w.flush()?;
        if self.last_heard.elapsed() >= self.args.heartbeat {
            self.last_heard = Instant::now();
            self.progress
                .heartbeat(&running(&self.jobs), self.started.elapsed());
        }
        Ok(None)
    }

    /// The wait before the next poll: the soonest any running job wants.
    fn next_wait(&self, jitter: f64) -> Duration {
        let running = running(&self.jobs).into_iter().map(|j| j.id);
        schedule::soonest(
            running,
            &self.planned,
            &self.grid,
            self.started.elapsed(),
            jitter,
        )
    }

    /// The one place that handles a job seen for the first time (`from` None) or changed:
    /// progress, the jsonl event, the CI annotation.
    fn changed(&mut self, index: usize, from: Option<&Status>) -> Result<()> {
        let job = &self.jobs[index];
        self.last_heard = Instant::now();
        self.progress
            .changed(&job.job, from, self.started.elapsed());
        if self.args.output == WatchFormat::Jsonl {
            writeln!(self.w, "{}", jsonl_event("change", job, from, Utc::now()))?;
        }
        if self.ctx.out.github_actions && job.job.status == Status::Error {
            self.ctx.out.raw_stderr(&github_error(&job.job));
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
            "polling failed ({}); trying again",
            crate::render::sanitize(&e.to_string())
        ));
        Ok(())
    }

    /// Waits `wait` (refreshing spinners) unless a signal or the deadline comes first.
    async fn pause(&mut self, wait: Duration) -> Option<Outcome> {
        let until = Instant::now() + wait;
        loop {
            let now = Instant::now();
            if now >= until {
                return None;
            }
            let slice = (until - now).min(SPINNER_REFRESH);
            let sleep = tokio::time::sleep(slice);
            if let Guarded::Stopped(outcome) = guarded(&self.ctx.cancel, self.deadline, sleep).await
            {
                return Some(outcome);
            }
            self.progress
                .tick(&running(&self.jobs), self.started.elapsed());
        }
    }

    /// Clears the progress and prints the final state; the exit code says how it ended.
    fn finish(mut self, outcome: Outcome, jq: Option<&Jq>) -> Result<()> {
        match outcome {
            Outcome::Interrupted => self.progress.interrupted(),
            _ => self.progress.finish(),
        }
        if matches!(outcome, Outcome::Interrupted | Outcome::Terminated) {
            return stop_early(self.ctx, outcome, &self.jobs, self.started);
        }
        if self.jobs.is_empty() {
            // `--running` with nothing running: an empty array for JSON, else nothing.
            if jq.is_none() && self.args.output == WatchFormat::Json {
                writeln!(self.w, "[]")?;
            }
            self.w.flush()?;
            return Ok(());
        }
        self.progress.summary(self.started.elapsed());
        print_final(self.ctx, self.args, jq, &self.jobs, &mut self.w)?;
        self.w.flush()?;
        if matches!(outcome, Outcome::TimedOut) {
            return stop_early(self.ctx, outcome, &self.jobs, self.started);
        }
        let failed = self
            .jobs
            .iter()
            .filter(|j| j.job.status == Status::Error)
            .count();
        if self.args.notify {
            let n = self.jobs.len();
            self.ctx.out.notify(&format!(
                "jobctl: {n} job{} finished, {failed} failed",
                if n == 1 { "" } else { "s" }
            ));
        }
        exit_for(failed, self.missing.len())
    }
}

/// The exit of a watch that saw its jobs finish: 3 when any id did not exist (the watch
/// could not do all it was asked, whatever became of the others), else 1 when any job
/// failed, else 0.
fn exit_for(failed: usize, missing: usize) -> Result<()> {
    match (failed, missing) {
        (_, 1..) => Err(Reported(Exit::NotFound).into()),
        (1.., 0) => Err(Reported(Exit::JobFailed).into()),
        (0, 0) => Ok(()),
    }
}

/// Ends a watch that did not see every job finish: says why and which jobs are still
/// running (they keep running on the server), and picks the exit code.
fn stop_early(ctx: &Context, outcome: Outcome, jobs: &[RawJob], started: Instant) -> Result<()> {
    let still: Vec<String> = running(jobs)
        .iter()
        .map(|j| format!("{} ({})", j.id, crate::render::sanitize(j.status.as_str())))
        .collect();
    let still = if still.is_empty() {
        String::new()
    } else {
        format!("; still running: {}", still.join(", "))
    };
    let (what, code) = match outcome {
        Outcome::TimedOut => ("timed out", Exit::Timeout),
        Outcome::Terminated => ("terminated", Exit::Terminated),
        _ => ("interrupted", Exit::Interrupted),
    };
    ctx.out.note(&format!(
        "{what} after {}{still}; the jobs keep running on the server",
        crate::render::human_duration(
            chrono::Duration::from_std(started.elapsed()).unwrap_or_default()
        )
    ));
    Err(Reported(code).into())
}

fn print_final(
    ctx: &Context,
    args: &WatchArgs,
    jq: Option<&Jq>,
    jobs: &[RawJob],
    w: &mut impl Write,
) -> Result<()> {
    // Once per final job, as for show: the same expression fits one id and many.
    if let Some(jq) = jq {
        for job in jobs {
            jq.run(job.raw(), w)?;
        }
        return Ok(());
    }
    match args.output {
        WatchFormat::Table => {
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now: Utc::now(),
                zone: ctx.out.zone.clone(),
            };
            // One job gets the full detail view, several a row each in list's table.
            let text = match jobs {
                [one] => {
                    let one = crate::model::AnyJob::Storage(one.job.clone());
                    detail(
                        &one,
                        &crate::render::Related::default(),
                        &style,
                        ctx.out.width,
                    )
                }
                _ => table(
                    &jobs.iter().map(|j| &j.job).collect::<Vec<_>>(),
                    &SUMMARY_COLUMNS,
                    &style,
                    ctx.out.width,
                ),
            };
            w.write_all(text.as_bytes())?;
        }
        WatchFormat::Json => {
            let raw: Vec<&str> = jobs.iter().map(RawJob::raw).collect();
            w.write_all(json_text(&raw, jobs.len() == 1, ctx.out.stdout_tty).as_bytes())?;
        }
        WatchFormat::Jsonl => {
            for job in jobs {
                writeln!(w, "{}", jsonl_event("final", job, None, Utc::now()))?;
            }
        }
    }
    Ok(())
}

enum Guarded<T> {
    Done(T),
    Stopped(Outcome),
}

/// Runs `work` unless a signal or the deadline comes first.
async fn guarded<T>(
    cancel: &Cancel,
    deadline: Option<Instant>,
    work: impl Future<Output = T>,
) -> Guarded<T> {
    match cancel.unless_stopped(deadline, work).await {
        Ok(value) => Guarded::Done(value),
        Err(Cut::Signal(Exit::Terminated)) => Guarded::Stopped(Outcome::Terminated),
        Err(Cut::Signal(_)) => Guarded::Stopped(Outcome::Interrupted),
        Err(Cut::Deadline) => Guarded::Stopped(Outcome::TimedOut),
    }
}

/// The jobs still waiting or processing.
fn running(jobs: &[RawJob]) -> Vec<&Job> {
    jobs.iter()
        .map(|j| &j.job)
        .filter(|j| !j.is_finished())
        .collect()
}

/// Fetches every job once, in order: one job singly, several as one tick of [`fetch`]
/// would, so that first sight of 100 jobs costs a list request or two, not 100 requests.
/// Returns the jobs found and the ids that do not exist; any other failure ends the watch.
async fn fetch_all(client: &StorageClient, ids: &[u64]) -> Result<(Vec<RawJob>, Vec<u64>)> {
    let wanted: Vec<(usize, u64)> = ids.iter().copied().enumerate().collect();
    let (mut got, missing) = fetch(client, &wanted).await?;
    got.sort_by_key(|(i, _)| *i);
    let mut missing: Vec<(usize, u64)> = missing;
    missing.sort_by_key(|(i, _)| *i);
    let jobs = got.into_iter().map(|(_, job)| job).collect();
    Ok((jobs, missing.into_iter().map(|(_, id)| id).collect()))
}

/// One tick: the fresh state of every running job, as (index, job) pairs. A job that
/// existed and is now not found is an error.
async fn poll(client: &StorageClient, jobs: &[RawJob]) -> Result<Vec<(usize, RawJob)>, ApiError> {
    let running: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| !j.job.is_finished())
        .map(|(i, j)| (i, j.job.id))
        .collect();
    match fetch(client, &running).await? {
        (_, missing) if !missing.is_empty() => Err(ApiError::NotFound { id: missing[0].1 }),
        (updates, _) => Ok(updates),
    }
}

/// One tick of `--run-id`: a single list of the jobs created since the oldest one still
/// running was (or since the newest job seen), newest first, which holds the fresh state
/// of the followed jobs and any new job of the run. Jobs it cannot cover (more than a
/// page was created since) are fetched as [`fetch`] does. Returns the updates of running
/// jobs, as (index, job), and the listed jobs left over, for the caller to adopt.
async fn poll_run(
    client: &StorageClient,
    jobs: &[RawJob],
    newest_created: Option<DateTime<Utc>>,
) -> Result<(Vec<(usize, RawJob)>, Vec<RawJob>), ApiError> {
    let running: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| !j.job.is_finished())
        .map(|(i, j)| (i, j.job.id))
        .collect();
    let oldest_running = jobs
        .iter()
        .filter(|j| !j.job.is_finished())
        .filter_map(|j| j.job.created_time.map(|t| t.with_timezone(&Utc)))
        .min();
    let since = match (oldest_running, newest_created) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let query = ListQuery {
        created_from: since,
        limit: Some(MAX_PAGE as u64),
        ..ListQuery::default()
    };
    let listed = client.list(&query).await?;
    let mut by_id: HashMap<u64, RawJob> = listed.into_iter().map(|j| (j.job.id, j)).collect();
    let mut updates = Vec::with_capacity(running.len());
    let mut left = Vec::new();
    for &(i, id) in &running {
        match by_id.remove(&id) {
            Some(job) => updates.push((i, job)),
            None => left.push((i, id)),
        }
    }
    if !left.is_empty() {
        match fetch(client, &left).await? {
            (_, missing) if !missing.is_empty() => {
                return Err(ApiError::NotFound { id: missing[0].1 });
            }
            (more, _) => updates.extend(more),
        }
    }
    Ok((updates, by_id.into_values().collect()))
}

/// Lists the project's jobs with `statuses` (a page large enough for `wanted`), moves the
/// wanted jobs it holds into `found`, and returns the others and whether the list was
/// complete (shorter than the page, so a job missing from it does not have those statuses).
async fn list_and_pick(
    client: &StorageClient,
    statuses: [Status; 2],
    wanted: &[(usize, u64)],
    found: &mut Vec<(usize, RawJob)>,
) -> Result<(Vec<(usize, u64)>, bool), ApiError> {
    let limit = (wanted.len() * 2).clamp(100, 1000);
    let query = ListQuery {
        statuses: statuses.to_vec(),
        limit: Some(limit as u64),
        ..ListQuery::default()
    };
    let listed = client.list(&query).await?;
    let complete = listed.len() < limit;
    let mut by_id: HashMap<u64, RawJob> = listed.into_iter().map(|j| (j.job.id, j)).collect();
    let mut missing = Vec::new();
    for &(i, id) in wanted {
        match by_id.remove(&id) {
            Some(job) => found.push((i, job)),
            None => missing.push((i, id)),
        }
    }
    Ok((missing, complete))
}

/// Jobs found, as (index, job), and the (index, id) of those the API says do not exist.
type Fetched = (Vec<(usize, RawJob)>, Vec<(usize, u64)>);

/// The fresh state of the `(index, id)` jobs. One job costs one request; several cost one
/// list request of the project's unfinished jobs, plus one list of recently finished jobs
/// when some are not in it, plus single fetches only for jobs neither list covered.
async fn fetch(client: &StorageClient, wanted: &[(usize, u64)]) -> Result<Fetched, ApiError> {
    if let [(only, id)] = wanted[..] {
        return match client.job(id).await {
            Ok(job) => Ok((vec![(only, job)], Vec::new())),
            Err(ApiError::NotFound { .. }) => Ok((Vec::new(), vec![(only, id)])),
            Err(e) => Err(e),
        };
    }
    let mut updates = Vec::with_capacity(wanted.len());
    let (mut missing, complete) = list_and_pick(
        client,
        [Status::Waiting, Status::Processing],
        wanted,
        &mut updates,
    )
    .await?;
    if complete && missing.len() > 1 {
        // They are no longer waiting or processing: most likely among the newest finished.
        (missing, _) = list_and_pick(
            client,
            [Status::Success, Status::Error],
            &missing,
            &mut updates,
        )
        .await?;
    }
    let ids: Vec<u64> = missing.iter().map(|&(_, id)| id).collect();
    let mut not_found = Vec::new();
    for (&(i, id), job) in missing.iter().zip(client.jobs(&ids).await) {
        match job {
            Ok(job) => updates.push((i, job)),
            Err(ApiError::NotFound { .. }) => not_found.push((i, id)),
            Err(e) => return Err(e),
        }
    }
    Ok((updates, not_found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::code_for;

    #[test]
    fn a_missing_job_outranks_a_failed_one() {
        let code = |failed, missing| exit_for(failed, missing).err().map(|e| code_for(&e) as i32);
        assert_eq!(code(0, 0), None);
        assert_eq!(code(2, 0), Some(1));
        assert_eq!(code(0, 1), Some(3));
        assert_eq!(code(1, 1), Some(3));
    }
}
