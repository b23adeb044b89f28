//! Following jobs until they end, written once over both kinds: the poll loop, its schedule
//! (`schedule`), the estimates from earlier runs (`earlier_runs`), the backoff of other
//! loops (`backoff`), progress on stderr, the final state on stdout and the exit code of
//! the whole (`stop`). What differs by kind is in `storage` and `queue`: how a tick fetches
//! (one list request for every storage job; the Queue API's details of the queue jobs),
//! where the earlier runs come from, and the kill of `--kill-on-timeout` (queue jobs only).
//!
//! The entry points, for any command that waits on jobs (`watch`, `queue watch`, and
//! whatever starts jobs and waits for them):
//!
//! - [`follow`]`(ctx, &[(id, kind)], &options)`: follows jobs whose kind is known (ids just
//!   created, ids looked up), in that order. `Ok(())` when every job ended well; otherwise
//!   an error that carries the exit code, already reported ([`crate::exit::Reported`]):
//!   1 a job failed, 3 an id did not exist, 124 `--timeout`, 130 / 143 a signal; or an
//!   API error (5 after three failed polls in a row, 4 auth, ...).
//! - [`follow_found`]`(ctx, Discover, &options)`: storage jobs found as the follow goes
//!   (`--running`, `--run-id`).
//!
//! [`Options`] holds what the command line decides (`Options::default()` is `watch` without
//! flags). A command must not print the outcome again: the follow has said it.

mod backoff;
mod earlier_runs;
mod followed;
mod log;
mod print;
mod queue;
mod schedule;
pub mod stop;
mod storage;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::cancel::Cut;
use crate::cli::{ProgressChoice, WatchFormat};
use crate::client::ApiError;
use crate::context::Context;
use crate::exit::{Exit, Reported};
use crate::jq::Jq;
use crate::model::{AnyJob, AnyRaw, Job, JobKind, QueueJob, RawJob, Verdict};
use crate::output::DataWriter;
use crate::output::progress::{Progress, Watched};
use crate::render::{github_error, human_duration, label, sanitize};
use crate::run_tree::Listed;

pub use backoff::{Backoff, floored};
use followed::Followed;
use queue::Queue;
use schedule::{Grid, Planned, PollPlan, Schedule};
use stop::Outcome;
use storage::Storage;

/// Failed polls in a row (each after the client's own retries) before giving up (exit 5).
const MAX_FAILED_POLLS: u32 = 3;
/// How often running spinners refresh their elapsed time.
const SPINNER_REFRESH: Duration = Duration::from_millis(500);

/// How a follow runs and reports: what `watch`'s flags say.
pub struct Options {
    /// The final state's format.
    pub output: WatchFormat,
    /// A jq program over each final job (implies the final JSON).
    pub jq: Option<Jq>,
    /// Give up after this long (exit 124).
    pub timeout: Option<Duration>,
    /// Kill the queue jobs still running when `timeout` ends the follow.
    pub kill_on_timeout: bool,
    /// Stop at the first failure (exit 1).
    pub fail_fast: bool,
    pub progress: ProgressChoice,
    /// A fixed poll interval (floored at 200 ms, with a note) instead of the adaptive one.
    pub interval: Option<Duration>,
    /// The adaptive schedule's longest wait.
    pub max_interval: Duration,
    /// No estimates from earlier runs (saves a request per kind).
    pub no_history: bool,
    /// How often plain progress says it still waits.
    pub heartbeat: Duration,
    /// Bell and OSC 9 notification at the end.
    pub notify: bool,
    /// The jobs' log on stderr as it arrives (`watch --log`, `run -f`), drained at the end.
    pub log: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            output: WatchFormat::Table,
            jq: None,
            timeout: None,
            kill_on_timeout: false,
            fail_fast: false,
            progress: ProgressChoice::Auto,
            interval: None,
            max_interval: Duration::from_secs(15),
            no_history: false,
            heartbeat: Duration::from_secs(30),
            notify: false,
            log: false,
        }
    }
}

/// Storage jobs found as the follow goes, rather than named.
pub enum Discover {
    /// Every job waiting or processing at the first look.
    Running,
    /// The jobs of a run (`run_id` says which, for messages; `matches` picks them), with
    /// the jobs that appear later, until none appeared for `grace`.
    Run {
        run_id: String,
        matches: Box<dyn Fn(&Job) -> bool + Send + Sync>,
        grace: Duration,
    },
}

/// Follows the jobs `targets` names, in that order (a repeated one once), until each has
/// ended or the follow stops. See the module header for the result. `seen`: some of them
/// already fetched by the caller (a lookup, a job just created), which the first look takes
/// as they are instead of asking again.
pub async fn follow(
    ctx: &Context,
    targets: &[(u64, JobKind)],
    seen: Vec<AnyRaw>,
    options: &Options,
) -> Result<()> {
    let mut once = HashSet::new();
    let targets: Vec<(u64, JobKind)> = targets
        .iter()
        .copied()
        .filter(|t| once.insert(*t))
        .collect();
    let mut f = Follow::new(ctx, options, None)?;
    f.targets = targets;
    f.seen = seen;
    f.run().await
}

/// Follows storage jobs found as it goes (`--running`, `--run-id`): as [`follow`].
pub async fn follow_found(ctx: &Context, what: Discover, options: &Options) -> Result<()> {
    let f = Follow::new(ctx, options, Some(what))?;
    f.run().await
}

/// One follow in progress: the jobs as last seen and where their changes go.
struct Follow<'a> {
    ctx: &'a Context,
    options: &'a Options,
    storage: Storage,
    /// Found at the first look when some job is a queue job.
    queue: Option<Queue>,
    /// The configured Queue API host, if any (else the stack's index says).
    queue_host: Option<String>,
    progress: Progress<Followed>,
    w: DataWriter,
    schedule: Schedule,
    /// The no-history polls, as deadlines from `started` (the first request).
    grid: Grid,
    started: Instant,
    deadline: Option<Instant>,
    /// The jobs named, in argument order.
    targets: Vec<(u64, JobKind)>,
    /// Targets already fetched by the caller, used by the first look as they are.
    seen: Vec<AnyRaw>,
    discover: Option<Discover>,
    /// In the order of `targets` (the missing left out), then as discovered.
    jobs: Vec<Followed>,
    /// Ids the API says do not exist: reported at once, and exit 3 at the end.
    missing: Vec<u64>,
    failed_polls: u32,
    last_heard: Instant,
    /// When the last job of a followed run appeared or finished (for its grace).
    last_event: Instant,
    /// The newest creation time any answer showed: a run's later jobs are created at or
    /// after it (by the server's clock, whatever the local one says).
    newest_created: Option<jiff::Timestamp>,
    /// Earlier finished storage jobs, listed once at the first look (`None`: not yet, or
    /// not wanted); the jobs of a run that appear later are estimated from them too.
    storage_history: Option<Vec<Job>>,
    queue_history: Option<Vec<QueueJob>>,
    /// The jobs whose length earlier runs predict.
    planned: HashMap<u64, Planned>,
    /// The jobs' log, with `--log` (`None` also when it could not be read).
    log: Option<log::Log>,
}

impl<'a> Follow<'a> {
    fn new(
        ctx: &'a Context,
        options: &'a Options,
        discover: Option<Discover>,
    ) -> Result<Follow<'a>> {
        let progress = Progress::new(
            ctx.out.progress_kind(options.progress),
            ctx.out.err_color,
            ctx.out.zone.clone(),
        );
        let (client, queue_host) = ctx.client_observed(Some(progress.notices()))?;
        let storage = Storage { client };
        let started = Instant::now();
        let schedule = match options.interval {
            Some(d) => {
                let (d, note) = floored(d);
                if let Some(note) = note {
                    ctx.out.note(&note);
                }
                Schedule::Fixed(d)
            }
            None => Schedule::Adaptive {
                max: options.max_interval,
            },
        };
        Ok(Follow {
            ctx,
            options,
            storage,
            queue: None,
            queue_host,
            progress,
            w: ctx.out.stdout(),
            schedule,
            grid: Grid::new(schedule, fastrand::f64()),
            started,
            deadline: options.timeout.map(|t| started + t),
            targets: Vec::new(),
            seen: Vec::new(),
            discover,
            jobs: Vec::new(),
            missing: Vec::new(),
            failed_polls: 0,
            last_heard: started,
            last_event: started,
            newest_created: None,
            storage_history: None,
            queue_history: None,
            planned: HashMap::new(),
            log: None,
        })
    }

    async fn run(mut self) -> Result<()> {
        let outcome = match self.first_look().await? {
            Some(stopped) => stopped,
            None => loop {
                if let Some(outcome) = self.tick().await? {
                    break outcome;
                }
            },
        };
        self.finish(outcome).await
    }

    /// Fetches every named job once (each kind at once, concurrently) and shows it; `Some`
    /// when a signal or the deadline came first. A job that does not exist is reported at
    /// once and the others are followed; when none exists, the follow ends here (exit 3).
    async fn first_look(&mut self) -> Result<Option<Outcome>> {
        if self.discover.is_some() {
            return self.first_discovery().await;
        }
        // What the caller already fetched is taken as it is, at its target's place.
        let mut seen: Vec<(usize, AnyRaw)> = Vec::new();
        for job in std::mem::take(&mut self.seen) {
            let place = self
                .targets
                .iter()
                .position(|t| *t == (job.id(), job.kind()));
            if let Some(i) = place.filter(|i| seen.iter().all(|(j, _)| j != i)) {
                seen.push((i, job));
            }
        }
        let wanted = |kind| -> Vec<(usize, u64)> {
            let named = self.targets.iter().enumerate();
            named
                .filter(|(i, t)| t.1 == kind && seen.iter().all(|(j, _)| j != i))
                .map(|(i, t)| (i, t.0))
                .collect()
        };
        let (storage, queue) = (wanted(JobKind::Storage), wanted(JobKind::Queue));
        // Every tick asks for the queue jobs, seen already or not.
        if self.targets.iter().any(|t| t.1 == JobKind::Queue) {
            // The Queue API's host costs a request to the stack's index unless known.
            let host = self.queue_host.take();
            let found = self.ctx.discover_queue(&self.storage.client, host);
            match self.guarded(found).await {
                Ok(client) => self.queue = Some(Queue { client: client? }),
                Err(outcome) => return Ok(Some(outcome)),
            }
        }
        let (mut found, mut missing) = match self.guarded(self.fetch(&storage, &queue)).await {
            Ok(fetched) => fetched?,
            Err(outcome) => return Ok(Some(outcome)),
        };
        found.extend(seen);
        found.sort_by_key(|(i, _)| *i);
        missing.sort_by_key(|(i, _)| *i);
        self.missing = missing.into_iter().map(|(_, id)| id).collect();
        for &id in &self.missing {
            let e = ApiError::NotFound { id };
            self.ctx.out.note(&format!("error: {e}"));
        }
        if found.is_empty() {
            self.progress.finish();
            return Err(Reported(Exit::NotFound).into());
        }
        self.jobs = found
            .into_iter()
            .map(|(_, raw)| Followed::new(raw))
            .collect();
        match self.unless_signalled(self.list_flows(&[])).await {
            Ok(listed) => self.show_flows(&listed),
            Err(outcome) => return Ok(Some(outcome)),
        }
        if let Some(outcome) = self.start_log().await {
            return Ok(Some(outcome));
        }
        let laid: Vec<&Followed> = self.jobs.iter().collect();
        self.progress.lay_out(&laid);
        for index in 0..self.jobs.len() {
            self.changed(index, None)?;
        }
        self.w.flush()?;
        self.learn().await
    }

    /// The fresh state of the storage and the queue jobs, as (index, job), and the
    /// (index, id) of those that do not exist: one call per kind, at once.
    async fn fetch(
        &self,
        storage: &[(usize, u64)],
        queue: &[(usize, u64)],
    ) -> Result<storage::Fetched, ApiError> {
        let queue_part = async {
            match (&self.queue, queue) {
                (_, []) | (None, _) => Ok((Vec::new(), Vec::new())),
                (Some(q), wanted) => q.fetch(wanted).await,
            }
        };
        let (s, q) = tokio::join!(self.storage.fetch(storage), queue_part);
        let ((mut found, mut missing), (more, gone)) = (s?, q?);
        found.extend(more);
        missing.extend(gone);
        Ok((found, missing))
    }

    /// The first look of `--running` and `--run-id`: see [`Storage::discover`].
    async fn first_discovery(&mut self) -> Result<Option<Outcome>> {
        let run = matches!(self.discover, Some(Discover::Run { .. }));
        let listed = match self.guarded(self.storage.discover(run)).await {
            Ok(listed) => listed?,
            Err(outcome) => return Ok(Some(outcome)),
        };
        self.adopt(listed)?;
        if self.jobs.is_empty() && matches!(self.discover, Some(Discover::Running)) {
            self.ctx.out.note("no jobs are waiting or processing");
        }
        self.w.flush()?;
        self.learn().await
    }

    /// The earlier runs of the running jobs, when some still run: one request per kind
    /// that has running jobs, at once, so that the runs like each job estimate its length.
    /// A failure costs only the estimates.
    async fn learn(&mut self) -> Result<Option<Outcome>> {
        if self.options.no_history {
            return Ok(None);
        }
        let running: Vec<&AnyJob> = self.running().collect();
        let storage_runs = running.iter().any(|j| j.kind() == JobKind::Storage);
        let queue_running: Vec<&QueueJob> = running
            .iter()
            .filter_map(|j| match j {
                AnyJob::Queue(q) => Some(q),
                AnyJob::Storage(_) => None,
            })
            .collect();
        let storage = async {
            match storage_runs {
                true => Some(self.storage.history().await),
                false => None,
            }
        };
        let queue = async {
            match (&self.queue, queue_running.is_empty()) {
                (Some(q), false) => Some(q.history(&queue_running).await),
                _ => None,
            }
        };
        let (storage, queue) = match self.guarded(async { tokio::join!(storage, queue) }).await {
            Ok(both) => both,
            Err(outcome) => return Ok(Some(outcome)),
        };
        (self.storage_history, self.queue_history) = (storage, queue);
        self.estimate_new();
        Ok(None)
    }

    /// Estimates the running jobs not estimated yet from the earlier runs, and shows it.
    fn estimate_new(&mut self) {
        let now = jiff::Timestamp::now();
        for f in &self.jobs {
            let job = &f.job;
            if job.is_finished() || self.planned.contains_key(&job.id()) {
                continue;
            }
            let estimate = match (job, &self.storage_history, &self.queue_history) {
                (AnyJob::Storage(j), Some(history), _) => earlier_runs::estimate(j, history),
                (AnyJob::Queue(j), _, Some(history)) => earlier_runs::queue_estimate(j, history),
                _ => None,
            };
            let Some(estimate) = estimate else {
                continue;
            };
            let born = earlier_runs::born(job.created_time(), now);
            let plan = PollPlan::new(&estimate, self.schedule);
            let varied = estimate.spread() > schedule::MAX_SPREAD;
            self.progress
                .estimate(job.id(), &label(job), estimate, born, varied);
            self.planned.insert(job.id(), Planned { born, plan });
        }
    }

    /// Takes the discovered storage jobs of `listed` that the follow wants and has not
    /// seen yet, oldest first, and shows each; remembers the newest creation time.
    fn adopt(&mut self, listed: Vec<RawJob>) -> Result<()> {
        let mut seen: HashSet<u64> = self.jobs.iter().map(|f| f.job.id()).collect();
        let mut new: Vec<RawJob> = Vec::new();
        for job in listed {
            if let Some(created) = job.job.created_time {
                let created = created.to_utc();
                self.newest_created = Some(self.newest_created.map_or(created, |n| n.max(created)));
            }
            let wanted = match &self.discover {
                None => false,
                Some(Discover::Running) => !job.job.is_finished(),
                Some(Discover::Run { matches, .. }) => matches(&job.job),
            };
            if wanted && seen.insert(job.job.id) {
                new.push(job);
            }
        }
        new.sort_by_key(|j| j.job.id);
        if new.is_empty() {
            return Ok(());
        }
        self.last_event = Instant::now();
        let new: Vec<Followed> = new
            .into_iter()
            .map(|j| Followed::new(AnyRaw::Storage(j)))
            .collect();
        // The first jobs found set the columns of the lines, as the ids of `watch ID...` do.
        if self.jobs.is_empty() {
            self.progress.lay_out(&new.iter().collect::<Vec<_>>());
        }
        for f in new {
            self.jobs.push(f);
            self.changed(self.jobs.len() - 1, None)?;
        }
        self.estimate_new();
        Ok(())
    }

    /// Whether the follow is over before the next poll: every job finished (for a run,
    /// and none appeared for its grace), or one failed with `--fail-fast`.
    fn done(&self) -> Result<Option<Outcome>> {
        if self.options.fail_fast && self.jobs.iter().any(|f| failed(&f.job)) {
            return Ok(Some(Outcome::FailFast));
        }
        if self.running().next().is_some() {
            return Ok(None);
        }
        match &self.discover {
            Some(Discover::Run { grace, .. }) if self.last_event.elapsed() < *grace => Ok(None),
            Some(Discover::Run { run_id, grace, .. }) if self.jobs.is_empty() => {
                self.ctx.out.note(&format!(
                    "error: no job of run {} appeared within {}",
                    sanitize(run_id),
                    human_duration(jiff::SignedDuration::try_from(*grace).unwrap_or_default())
                ));
                Err(Reported(Exit::NotFound).into())
            }
            _ => Ok(Some(Outcome::Finished)),
        }
    }

    /// Waits for the next poll and applies it; `Some` when the follow is over.
    async fn tick(&mut self) -> Result<Option<Outcome>> {
        if let Some(outcome) = self.done()? {
            return Ok(Some(outcome));
        }
        let mut wait = self.next_wait(fastrand::f64());
        if let Some(Discover::Run { grace, .. }) = &self.discover
            && self.running().next().is_none()
        {
            // Waiting out a run's grace period: no later than its end.
            wait = wait.min(grace.saturating_sub(self.last_event.elapsed()));
        }
        if let Some(outcome) = self.pause(wait).await {
            return Ok(Some(outcome));
        }
        self.grid.polled(self.started.elapsed());
        let (updates, listed) = match self.guarded(self.poll()).await {
            Ok(Ok(polled)) => polled,
            Ok(Err(e)) => {
                self.poll_failed(e)?;
                return Ok(None);
            }
            Err(outcome) => return Ok(Some(outcome)),
        };
        self.failed_polls = 0;
        self.progress
            .seen(updates.iter().map(|(_, fresh)| fresh.id()));
        // The log's lines come before the status changes they explain (the error events
        // before `processing -> error`): a poll that sees a job end always looks.
        let ends = updates
            .iter()
            .any(|(i, fresh)| !self.jobs[*i].job.is_finished() && fresh.job().is_finished());
        // One listing of the running flows' tasks a tick, for their progress and the log.
        let flows = match self.unless_signalled(self.list_flows(&updates)).await {
            Ok(listed) => listed,
            Err(outcome) => return Ok(Some(outcome)),
        };
        if self.log.as_ref().is_some_and(|l| ends || l.due())
            && let Some(outcome) = self.log_step(false, &flows).await?
        {
            return Ok(Some(outcome));
        }
        for (index, fresh) in updates {
            let from = self.jobs[index].update(fresh);
            if from != self.jobs[index].job.status() {
                if self.jobs[index].job.is_finished() {
                    self.last_event = Instant::now();
                }
                self.changed(index, Some(&from))?;
            }
        }
        self.adopt(listed)?;
        self.show_flows(&flows);
        self.w.flush()?;
        if self.last_heard.elapsed() >= self.options.heartbeat {
            self.last_heard = Instant::now();
            let running: Vec<&Followed> = self.jobs.iter().filter(|f| !f.is_finished()).collect();
            self.progress.heartbeat(&running, self.started.elapsed());
        }
        Ok(None)
    }

    /// One tick's requests: the running jobs of each kind, at once (for a run, its one
    /// list request instead of the storage jobs' own). A job that existed and is now not
    /// found is an error. Returns the updates, as (index, job), and a run's listed jobs.
    async fn poll(&self) -> Result<(Vec<(usize, AnyRaw)>, Vec<RawJob>), ApiError> {
        let running = |kind| -> Vec<(usize, u64)> {
            let jobs = self.jobs.iter().enumerate();
            jobs.filter(|(_, f)| f.job.kind() == kind && !f.job.is_finished())
                .map(|(i, f)| (i, f.job.id()))
                .collect()
        };
        let (storage, queue) = (running(JobKind::Storage), running(JobKind::Queue));
        if matches!(self.discover, Some(Discover::Run { .. })) {
            let oldest = self
                .running()
                .filter_map(|j| j.created_time().map(|t| t.to_utc()))
                .min();
            let polled = self.storage.poll_run(&storage, oldest, self.newest_created);
            return polled.await;
        }
        match self.fetch(&storage, &queue).await? {
            (_, missing) if !missing.is_empty() => Err(ApiError::NotFound { id: missing[0].1 }),
            (updates, _) => Ok((updates, Vec::new())),
        }
    }

    /// The children of the running flows and phases and of their phases, as `fresh` (a
    /// tick's updates) leaves them: one listing a tick (see [`Listed::two_levels`]).
    async fn list_flows(&self, fresh: &[(usize, AnyRaw)]) -> Listed {
        let Some(queue) = &self.queue else {
            return Listed::default();
        };
        let mut run_ids = Vec::new();
        for (i, f) in self.jobs.iter().enumerate() {
            let job = match fresh.iter().find(|(j, _)| *j == i) {
                Some((_, AnyRaw::Queue(raw))) => &raw.job,
                Some((_, AnyRaw::Storage(_))) => continue,
                None => match &f.job {
                    AnyJob::Queue(job) => job,
                    AnyJob::Storage(_) => continue,
                },
            };
            if job.is_container() && !job.is_finished() && !run_ids.contains(&job.run_id) {
                run_ids.push(job.run_id.clone());
            }
        }
        if run_ids.is_empty() {
            return Listed::default();
        }
        Listed::two_levels(&queue.client, run_ids).await
    }

    /// For each running flow or phase, its tasks done of total from `listed`; a flow whose
    /// listing failed keeps its last one.
    fn show_flows(&mut self, listed: &Listed) {
        for f in self.jobs.iter_mut() {
            let AnyJob::Queue(job) = &f.job else {
                continue;
            };
            if job.is_container()
                && !job.is_finished()
                && let Some(flow) = queue::flow_progress(job, listed)
            {
                f.flow = Some(flow);
            }
        }
    }

    /// With `--log`: plans the jobs' log and prints what it holds so far (before the
    /// spinners are laid out). A log that cannot be read is said once and left out: the
    /// follow goes on without it. `Some` when a signal or the deadline came first.
    async fn start_log(&mut self) -> Option<Outcome> {
        if !self.options.log || self.discover.is_some() {
            return None;
        }
        let raws: Vec<AnyRaw> = self.jobs.iter().map(|f| f.raw.clone()).collect();
        let queue = self.queue.as_ref().map(|q| &q.client);
        // A fixed interval is the user's choice of pace: a look at each poll.
        let every = match self.schedule {
            Schedule::Fixed(_) => Duration::ZERO,
            Schedule::Adaptive { .. } => log::LOG_EVERY,
        };
        let (storage, progress) = (&self.storage.client, &self.progress);
        let start = log::Log::start(self.ctx, every, storage, queue, &raws, progress);
        match self.guarded(start).await {
            Ok(Ok(log)) => self.log = Some(log),
            Ok(Err(e)) => self.ctx.out.note(&format!(
                "the log cannot be read ({}); following without it",
                sanitize(&format!("{e:#}"))
            )),
            Err(outcome) => return Some(outcome),
        }
        None
    }

    /// One look at the log's events (`drain`: after the end, with the late tasks); `flows`
    /// the tick's listing of the running flows.
    async fn log_step(&mut self, drain: bool, flows: &Listed) -> Result<Option<Outcome>> {
        let Some(log) = &mut self.log else {
            return Ok(None);
        };
        let jobs: Vec<AnyJob> = self.jobs.iter().map(|f| f.job.clone()).collect();
        let progress = &self.progress;
        let work = async {
            match drain {
                true => log.drain(&jobs, progress).await,
                false => log.step(&jobs, flows, progress).await,
            }
        };
        match self.ctx.cancel.unless_stopped(self.deadline, work).await {
            Ok(printed) => printed.map(|()| None),
            Err(cut) => Ok(Some(outcome_of(cut))),
        }
    }

    /// The wait before the next poll: the soonest any running job wants.
    fn next_wait(&self, jitter: f64) -> Duration {
        let running = self.running().map(AnyJob::id);
        let waited = self.started.elapsed();
        schedule::soonest(running, &self.planned, &self.grid, waited, jitter)
    }

    /// The one place that handles a job seen for the first time (`from` None) or changed:
    /// progress, the jsonl event, the CI annotation.
    fn changed(&mut self, index: usize, from: Option<&String>) -> Result<()> {
        let f = &self.jobs[index];
        self.last_heard = Instant::now();
        self.progress.changed(f, from, self.started.elapsed());
        if self.options.output == WatchFormat::Jsonl && self.options.jq.is_none() {
            let from = from.map(String::as_str);
            let line = crate::render::follow_event(
                "change",
                &f.job,
                f.raw.raw(),
                from,
                jiff::Timestamp::now(),
            );
            writeln!(self.w, "{line}")?;
        }
        if self.ctx.out.github_actions && failed(&f.job) {
            self.ctx.out.raw_stderr(&github_error(&f.job));
        }
        Ok(())
    }

    /// A poll that failed after the client's retries: a permanent error ends the follow,
    /// others are tried again at the next tick, up to `MAX_FAILED_POLLS` in a row.
    fn poll_failed(&mut self, e: ApiError) -> Result<()> {
        self.failed_polls += 1;
        if e.is_permanent() || self.failed_polls >= MAX_FAILED_POLLS {
            self.progress.finish();
            return Err(e.into());
        }
        self.progress.note(&format!(
            "polling failed ({}); trying again",
            sanitize(&e.to_string())
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
            if let Err(outcome) = self.guarded(tokio::time::sleep(slice)).await {
                return Some(outcome);
            }
            let running: Vec<&Followed> = self.jobs.iter().filter(|f| !f.is_finished()).collect();
            self.progress.tick(&running, self.started.elapsed());
        }
    }

    /// Clears the progress and prints the final state (not after a signal), says why the
    /// follow stopped early (killing with `--kill-on-timeout`), and returns the exit.
    async fn finish(mut self, outcome: Outcome) -> Result<()> {
        if matches!(outcome, Outcome::Finished | Outcome::FailFast) {
            // The last lines of the log (often the error) come before the summary; a
            // signal during the drain only cuts it short.
            self.log_step(true, &Listed::default()).await?;
        }
        match outcome {
            Outcome::Interrupted => self.progress.interrupted(),
            _ => self.progress.finish(),
        }
        if !outcome.is_signal() {
            self.name_queue_jobs(outcome).await;
            self.print()?;
        }
        self.stopped(outcome).await;
        if outcome == Outcome::Finished || outcome == Outcome::FailFast {
            self.warnings();
            if self.options.notify && !self.jobs.is_empty() {
                let n = self.jobs.len();
                let failed = self.jobs.iter().filter(|f| failed(&f.job)).count();
                self.ctx.out.notify(&format!(
                    "jobctl: {n} job{} finished, {failed} failed",
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        let verdicts = self.jobs.iter().map(|f| f.job.verdict());
        match stop::exit_for(outcome, verdicts, self.missing.len()) {
            Some(exit) => Err(Reported(exit).into()),
            None => Ok(()),
        }
    }

    /// The final detail or table shows a queue job's UI page (no request) and, when the
    /// follow ended by itself, its configuration's name (cached; see `crate::names`), as
    /// `show` does. JSON passes the server's bytes and needs neither.
    async fn name_queue_jobs(&mut self, outcome: Outcome) {
        if self.options.output != WatchFormat::Table || self.options.jq.is_some() {
            return;
        }
        let mut queue_jobs: Vec<&mut crate::model::QueueJob> = self
            .jobs
            .iter_mut()
            .filter_map(|f| match &mut f.job {
                AnyJob::Queue(q) => Some(q),
                AnyJob::Storage(_) => None,
            })
            .collect();
        if queue_jobs.is_empty() {
            return;
        }
        let storage = &self.storage.client;
        match outcome {
            Outcome::Finished | Outcome::FailFast => {
                self.ctx.fill_names(storage, &mut queue_jobs).await;
            }
            _ => Context::fill_pages(storage, &mut queue_jobs),
        }
    }

    /// The summary line and the final state on stdout.
    fn print(&mut self) -> Result<()> {
        if self.jobs.is_empty() {
            // `--running` with nothing running: an empty array for JSON, else nothing.
            if self.options.jq.is_none() && self.options.output == WatchFormat::Json {
                writeln!(self.w, "[]")?;
            }
            self.w.flush()?;
            return Ok(());
        }
        self.progress.summary(self.started.elapsed());
        let (out, format, jq) = (&self.ctx.out, self.options.output, self.options.jq.as_ref());
        print::print_final(out, format, jq, &self.jobs, &mut self.w)?;
        self.w.flush()?;
        Ok(())
    }

    /// After a timeout or a signal: which jobs still run (they keep running on the
    /// server); with `--kill-on-timeout`, the queue jobs among them are killed first.
    async fn stopped(&self, outcome: Outcome) {
        let kill = outcome == Outcome::TimedOut && self.options.kill_on_timeout;
        let (killed, kept): (Vec<&AnyJob>, Vec<&AnyJob>) = self
            .running()
            .partition(|j| kill && j.kind() == JobKind::Queue);
        if let (Some(queue), false) = (&self.queue, killed.is_empty()) {
            let ids: Vec<String> = killed.iter().map(|j| j.id().to_string()).collect();
            let after = human_duration(
                jiff::SignedDuration::try_from(self.options.timeout.unwrap_or_default())
                    .unwrap_or_default(),
            );
            self.ctx.out.note(&format!(
                "timed out after {after}; killing {}",
                ids.join(" ")
            ));
            for job in killed {
                self.ctx.out.note(&queue.kill(job.id()).await);
            }
            if !kept.is_empty() {
                let still: Vec<(u64, &str)> = kept.iter().map(|j| (j.id(), j.status())).collect();
                self.ctx.out.note(&format!(
                    "still running: {}; storage jobs cannot be killed and keep running on the server",
                    stop::running_list(&still)
                ));
            }
            return;
        }
        let after = match outcome {
            Outcome::TimedOut => self.options.timeout.unwrap_or_default(),
            _ => self.started.elapsed(),
        };
        let still: Vec<(u64, &str)> = kept.iter().map(|j| (j.id(), j.status())).collect();
        if let Some(note) = stop::stopped_note(outcome, after, &still) {
            self.ctx.out.note(&note);
        }
    }

    /// A note for each job that ended with a warning (not a failure: exit 0).
    fn warnings(&self) {
        for f in &self.jobs {
            if f.job.verdict() == Some(Verdict::Warning) {
                let message = crate::render::outcome_text(&f.job)
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default();
                let id = f.job.id();
                self.ctx
                    .out
                    .note(&format!("job {id} finished with a warning{message}"));
            }
        }
    }

    /// The jobs still waiting or processing.
    fn running(&self) -> impl Iterator<Item = &AnyJob> {
        self.running_followed().map(|f| &f.job)
    }

    fn running_followed(&self) -> impl Iterator<Item = &Followed> {
        self.jobs.iter().filter(|f| !f.job.is_finished())
    }

    /// Runs `work` unless a signal comes first: work the deadline does not cut short (the
    /// flows' listing, after a poll whose answers are still to be shown).
    async fn unless_signalled<T>(&self, work: impl Future<Output = T>) -> Result<T, Outcome> {
        let cut = self.ctx.cancel.unless_stopped(None, work).await;
        cut.map_err(outcome_of)
    }

    /// Runs `work` unless a signal or the deadline comes first.
    async fn guarded<T>(&self, work: impl Future<Output = T>) -> Result<T, Outcome> {
        let cut = self.ctx.cancel.unless_stopped(self.deadline, work).await;
        cut.map_err(outcome_of)
    }
}

/// The outcome of work cut short.
fn outcome_of(cut: Cut) -> Outcome {
    match cut {
        Cut::Signal(Exit::Terminated) => Outcome::Terminated,
        Cut::Signal(_) => Outcome::Interrupted,
        Cut::Deadline => Outcome::TimedOut,
    }
}

/// Whether a job ended in a failure (a warning is none).
fn failed(job: &AnyJob) -> bool {
    job.verdict() == Some(Verdict::Failed)
}
