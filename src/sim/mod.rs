//! An embedded Storage-API-compatible simulator: shared state (jobs, faults, request log, token)
//! behind the cheap [`Sim`] handle, served over loopback HTTP/1.1 by [`SimServer`].
//! It serves `jobctl --demo`, `jobctl serve`, and the integration tests; it never logs tokens.
//! Tests synchronise on its events, not on time: [`Sim::wait_for_requests`] blocks until the
//! request log holds enough, a [`Gate`] holds answers until the test opens it, and a held
//! clock ([`Sim::hold_clock`]) moves the jobs on only when the test says.
//!
//! Choices where the real API is silent or varies:
//! - A job's clock starts on the first `GET` of its id or on the first listing of any kind
//!   (every listing starts all clocks not yet running); `createdTime` is that moment.
//! - A non-numeric job id answers 400 with a `validation.failed` body.
//! - `limit` defaults to 20, accepts 1..=10000, and answers 400 outside that.
//! - Filter times without an offset (`2026-11-28 10:00:00`, `2026-11-28`) are read as UTC;
//!   `_from`/`_to` bounds are inclusive. The simulator's own zone is `+0100`.
//! - Faults are applied before routing and the token check, like a proxy in front of the stack.

mod api;
mod clock;
mod components;
mod create;
mod dataset;
mod events;
mod faults;
mod flows;
mod job;
mod listing;
mod queue;
mod queue_dataset;
mod server;

use std::borrow::Cow;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::Value;

use crate::sim::clock::{Phase, SimClock, parse_job_time};
use crate::sim::job::{JobMeta, Snapshot, SplitBody, render_split};

pub use crate::model::Metrics;
pub use crate::sim::api::REQUEST_LOG_PATH;
pub use crate::sim::clock::Lifecycle;
pub use crate::sim::create::{DEMO_RUNS, FlowPhase, FlowTask, RunPlan};
pub use crate::sim::events::{EventSpec, MAIN_BRANCH_ID, SimEvent};
pub use crate::sim::faults::{Fault, FaultKind, FaultTarget, Gate};
pub use crate::sim::flows::{
    RERUN_FLOW_COMPONENT, RERUN_FLOW_CONFIG, RERUN_FLOW_NAME, RERUN_FLOWS, RerunFlows,
    add_rerun_configs, rerun_flows,
};
pub use crate::sim::job::{Creator, JobFailure, JobSpec, TableRef};
pub use crate::sim::queue::{Anchor, KILL_MS, QueueJobSpec, QueueOutcome};
pub use crate::sim::queue_dataset::{DemoQueue, GENERATED_QUEUE_BASE};
pub use crate::sim::server::SimServer;

/// How long [`Sim::wait_for_requests`] and [`Gate::wait_for_held`] wait before they panic:
/// generous, so that only a bug (an event that never comes) trips it, never a slow machine.
pub const WAIT_GUARD: Duration = Duration::from_secs(60);

/// The token the simulator accepts unless [`Sim::set_token`] changes it.
pub const DEMO_TOKEN: &str = "demo-1234-simulatedtokenvalue";

/// One request the simulator received, logged when its answer was decided (after any
/// latency or [`Gate`]; at once for a dropped or hanging one). The token's value is never
/// stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// E.g. `GET`.
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// The raw query string, percent-encoded as received (empty when there was none).
    pub query: String,
    /// When the request arrived.
    pub at: Instant,
    /// Whether a token was sent (`X-StorageApi-Token` or `Authorization: Bearer`).
    pub token_sent: bool,
    /// The `User-Agent` header, if any.
    pub user_agent: Option<String>,
    /// The `Accept-Encoding` header, if any.
    pub accept_encoding: Option<String>,
    /// The status answered; 0 when the connection was dropped or left hanging.
    pub status: u16,
    /// The id and status served for each job with a timeline ([`Sim::add_job`]) in the
    /// answer, in answer order: what the client was told about the jobs that change.
    pub served: Vec<(u64, String)>,
    /// The request's body as text (empty without one; at most 1 MiB is read).
    pub body: String,
}

/// A cheap-to-clone handle to the simulator's shared state.
#[derive(Debug, Clone)]
pub struct Sim {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    /// The jobs' "now"; outside `state`, so reading it never takes the lock.
    clock: SimClock,
    /// Notified whenever the request log grows.
    logged: Condvar,
}

#[derive(Debug)]
struct State {
    token: String,
    jobs: BTreeMap<u64, StorageEntry>,
    /// Timed jobs whose clock has not started yet.
    unstarted: Vec<u64>,
    faults: VecDeque<Fault>,
    log: Vec<RequestRecord>,
    live_ids: Vec<u64>,
    failed_import_id: Option<u64>,
    api_errors: u64,
    latency: Duration,
    /// At most this many jobs a listing page, whatever `limit` asks for.
    page_cap: Option<usize>,
    /// API requests being answered now, and the most there ever were at once.
    in_flight: usize,
    most_in_flight: usize,
    /// Queue API jobs by id.
    queue_jobs: BTreeMap<u64, QueueEntry>,
    /// When the queue clock of live queue jobs started (the first queue request).
    queue_clock_ms: Option<i64>,
    /// The queue listener's URL, for the index's `services`.
    queue_url: Option<String>,
    /// How far search lags the detail.
    search_lag: Duration,
    demo_queue: Option<DemoQueue>,
    /// Configurations by component: (component, configuration id, name).
    configs: Vec<(String, String, String)>,
    /// The events API's log, and the jobs whose events are still to be written.
    events: events::EventStore,
    /// How configurations run when `POST /jobs` creates jobs, and who may run them.
    runs: create::Runs,
}

/// One stored queue job.
#[derive(Debug)]
enum QueueEntry {
    /// Exact bytes supplied by a test.
    Raw(Bytes),
    /// A job on a timeline, and the kill it received.
    Timed {
        spec: Box<QueueJobSpec>,
        kill: Option<crate::sim::queue::Kill>,
    },
    /// A finished generated job, serialised once (split around the base URL), with the
    /// few fields search filters and sorts on.
    Stored {
        body: crate::sim::job::SplitBody,
        facts: Value,
        /// `createdTime`, `startTime`, `endTime` in epoch seconds.
        times: [Option<i64>; 3],
    },
}

/// One stored storage job (its queue twin is [`QueueEntry`]).
#[derive(Debug)]
enum StorageEntry {
    /// A finished job, serialised once; the base URL is spliced in per request.
    Finished { body: SplitBody, meta: JobMeta },
    /// Exact bytes supplied by a test.
    Raw { body: Bytes, meta: JobMeta },
    /// A job that advances; `created_ms` is `None` until its clock starts.
    Timed {
        spec: Box<JobSpec>,
        created_ms: Option<i64>,
    },
}

/// One job's bytes for a response.
enum Piece {
    Split(SplitBody),
    Whole(Bytes),
}

impl StorageEntry {
    /// Whether the job exists at `now_ms`: a job created later (one a created queue job
    /// will start) is not listed and answers 404 until then.
    fn exists_at(&self, now_ms: i64) -> bool {
        match self {
            StorageEntry::Timed {
                created_ms: Some(c),
                ..
            } => *c <= now_ms,
            _ => true,
        }
    }

    /// The job's filterable state; borrowed for stored jobs so paging deep stays cheap.
    fn meta(&self, now_ms: i64) -> Cow<'_, JobMeta> {
        match self {
            StorageEntry::Finished { meta, .. } | StorageEntry::Raw { meta, .. } => {
                Cow::Borrowed(meta)
            }
            StorageEntry::Timed { spec, created_ms } => {
                Cow::Owned(Snapshot::at(spec, created_ms.unwrap_or(now_ms), now_ms).meta(spec))
            }
        }
    }

    /// The id and status at `now_ms` of a job with a timeline; `None` for stored jobs.
    fn served(&self, now_ms: i64) -> Option<(u64, String)> {
        match self {
            StorageEntry::Timed { spec, .. } => {
                Some((spec.id, self.meta(now_ms).into_owned().status?))
            }
            StorageEntry::Finished { .. } | StorageEntry::Raw { .. } => None,
        }
    }

    fn piece(&self, now_ms: i64) -> Piece {
        match self {
            StorageEntry::Finished { body, .. } => Piece::Split(body.clone()),
            StorageEntry::Raw { body, .. } => Piece::Whole(body.clone()),
            StorageEntry::Timed { spec, created_ms } => Piece::Split(render_split(
                spec,
                Snapshot::at(spec, created_ms.unwrap_or(now_ms), now_ms),
            )),
        }
    }
}

impl Sim {
    fn from_state(jobs: BTreeMap<u64, StorageEntry>, unstarted: Vec<u64>) -> Sim {
        Sim {
            inner: Arc::new(Shared {
                state: Mutex::new(State {
                    token: DEMO_TOKEN.to_owned(),
                    jobs,
                    unstarted,
                    faults: VecDeque::new(),
                    log: Vec::new(),
                    live_ids: Vec::new(),
                    failed_import_id: None,
                    api_errors: 0,
                    latency: Duration::ZERO,
                    page_cap: None,
                    in_flight: 0,
                    most_in_flight: 0,
                    queue_jobs: BTreeMap::new(),
                    queue_clock_ms: None,
                    queue_url: None,
                    search_lag: Duration::from_secs(1),
                    demo_queue: None,
                    configs: Vec::new(),
                    events: events::EventStore::default(),
                    runs: create::Runs::default(),
                }),
                logged: Condvar::new(),
                clock: SimClock::wall(),
            }),
        }
    }

    /// A simulator with no jobs at all.
    pub fn empty() -> Sim {
        Sim::from_state(BTreeMap::new(), Vec::new())
    }

    /// The built-in realistic data set: about 300 finished jobs over the past 7 days (relative
    /// to now), deterministic from `seed` apart from that anchor, plus live jobs on top whose
    /// clocks start when first requested (see [`Sim::live_job_ids`]).
    pub fn demo(seed: u64) -> Sim {
        let sim = Sim::empty();
        let now_secs = sim.now_ms().div_euclid(1000);
        let demo = dataset::demo(seed, now_secs);
        let queue = queue_dataset::demo(now_secs * 1000);
        let mut storage = demo.historic;
        storage.extend(queue.storage_jobs);
        dataset::number_by_creation(&mut storage, demo.failed_import_id, seed);
        for spec in storage {
            sim.add_job(spec);
        }
        for spec in demo.live {
            sim.add_job(spec);
        }
        {
            let mut st = sim.state();
            st.live_ids = demo.live_ids;
            st.failed_import_id = Some(demo.failed_import_id);
        }
        for spec in queue.jobs {
            sim.add_queue_job(spec);
        }
        sim.set_verbose_job(queue.ids.long_log, queue_dataset::LONG_LOG_LINES);
        sim.state().demo_queue = Some(queue.ids);
        for (component, config, name) in queue_dataset::CONFIG_NAMES {
            sim.add_config(component, config, name);
        }
        for (component, config, plan) in create::demo_plans() {
            let mut st = sim.state();
            st.runs
                .plans
                .push(((component.to_owned(), config.to_owned()), plan));
        }
        flows::add_rerun_configs(&sim);
        sim
    }

    /// `n` finished jobs (ids 1..=n) spread over the past 30 days, for scale tests and
    /// benchmarks. Each body is serialised once here, so serving a page is copying bytes.
    pub fn with_generated(n: usize, seed: u64) -> Sim {
        let now_ms = clock::now_epoch_ms();
        let now_secs = now_ms.div_euclid(1000);
        let blocks = n.div_ceil(dataset::GENERATED_BLOCK);
        let workers = thread::available_parallelism()
            .map_or(1, |w| w.get())
            .min(blocks.max(1));
        // Blocks have their own seeded generators, so the result does not depend on `workers`.
        let parts: Vec<Vec<(u64, StorageEntry)>> = thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    scope.spawn(move || {
                        (w..blocks)
                            .step_by(workers)
                            .flat_map(|b| dataset::generated_block(b, n, seed, now_secs))
                            .map(|spec| (spec.id, finished_entry(&spec, now_ms)))
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        Sim::from_state(parts.into_iter().flatten().collect(), Vec::new())
    }

    /// Milliseconds since the Unix epoch on the simulator's clock: what the jobs take as now.
    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }

    /// Stops the jobs' clock at the present moment and returns its reading: from then on
    /// a job changes state only when [`Sim::advance_clock`] moves time on, so that a test
    /// can let a client see every state of a job, however slow the machine. Requests are
    /// still answered at once; `--demo` and `serve` never hold their clock.
    pub fn hold_clock(&self) -> i64 {
        self.inner.clock.hold()
    }

    /// Moves the jobs' clock on by `by` (holding it first) and returns the new reading.
    pub fn advance_clock(&self, by: Duration) -> i64 {
        self.inner.clock.advance(by)
    }

    /// Delays every API answer by `latency` (faults apart), like a stack far away.
    pub fn set_latency(&self, latency: Duration) {
        self.state().latency = latency;
    }

    pub(crate) fn latency(&self) -> Duration {
        self.state().latency
    }

    /// Answers at most `cap` jobs a listing page whatever `limit` asks for, without saying
    /// so: what a stack with a lower maximum `limit` than the client assumes could do (the
    /// real maximum is undocumented).
    pub fn set_page_cap(&self, cap: usize) {
        self.state().page_cap = Some(cap);
    }

    /// Changes the accepted token.
    pub fn set_token(&self, token: &str) {
        self.state().token = token.to_owned();
    }

    /// Serves exactly `body` for `GET /v2/storage/jobs/{id}` and includes it in listings,
    /// replacing any job with that id. Its `status`, `createdTime`, `startTime` and `endTime`
    /// are read from the body for the list filters (missing or unparsable ones match nothing
    /// that filters on them).
    pub fn add_raw_job(&self, id: u64, body: &str) {
        let parsed: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let time = |key: &str| {
            parsed
                .get(key)
                .and_then(Value::as_str)
                .and_then(parse_job_time)
        };
        let meta = JobMeta {
            status: parsed
                .get("status")
                .and_then(Value::as_str)
                .map(str::to_owned),
            created: time("createdTime"),
            start: time("startTime"),
            end: time("endTime"),
        };
        let entry = StorageEntry::Raw {
            body: Bytes::copy_from_slice(body.as_bytes()),
            meta,
        };
        let mut st = self.state();
        st.unstarted.retain(|j| *j != id);
        st.events.forget_storage(id);
        st.jobs.insert(id, entry);
    }

    /// Adds a job with a timeline, replacing any job with that id. A job pinned with
    /// [`JobSpec::created_at`] that has already finished is serialised once, here.
    pub fn add_job(&self, spec: JobSpec) {
        let now_ms = self.now_ms();
        let id = spec.id;
        let mut st = self.state();
        st.unstarted.retain(|j| *j != id);
        st.events.storage_job(&spec);
        let entry = match spec.created_at {
            Some(secs)
                if Snapshot::at(&spec, secs.saturating_mul(1000), now_ms).phase == Phase::Done =>
            {
                finished_entry(&spec, now_ms)
            }
            Some(secs) => StorageEntry::Timed {
                spec: Box::new(spec),
                created_ms: Some(secs.saturating_mul(1000)),
            },
            None => {
                st.unstarted.push(id);
                StorageEntry::Timed {
                    spec: Box::new(spec),
                    created_ms: None,
                }
            }
        };
        st.jobs.insert(id, entry);
    }

    /// Adds `runs` finished tableImports a table above every existing id, on the tables
    /// that the first `tables` jobs of [`Sim::add_live_jobs`] will import into, each
    /// taking `duration` within +-10 %: earlier runs for `watch` to learn from. Call it
    /// before `add_live_jobs`, so that the live jobs stay the newest.
    pub fn add_history_jobs(&self, tables: usize, runs: usize, duration: Duration) {
        let first = self
            .state()
            .jobs
            .last_key_value()
            .map_or(1, |(id, _)| id + 1);
        let now = self.now_ms() / 1000;
        for spec in dataset::history_jobs(first, tables, runs, duration, now) {
            self.add_job(spec);
        }
    }

    /// Adds `count` live tableImports above every existing id, succeeding `duration` after
    /// their clocks start (a third of it waiting); they join [`Sim::live_job_ids`].
    /// Returns their ids, oldest first.
    pub fn add_live_jobs(&self, count: usize, duration: Duration) -> Vec<u64> {
        let first = self
            .state()
            .jobs
            .last_key_value()
            .map_or(1, |(id, _)| id + 1);
        let specs = dataset::extra_live_jobs(first, count, duration);
        let ids: Vec<u64> = specs.iter().map(|s| s.id).collect();
        for spec in specs {
            self.add_job(spec);
        }
        self.state().live_ids.extend(&ids);
        ids
    }

    /// Adds a Queue API job with a timeline, replacing any queue job with that id.
    pub fn add_queue_job(&self, spec: QueueJobSpec) {
        let mut st = self.state();
        st.events.queue_job(&spec);
        st.queue_jobs.insert(
            spec.id,
            QueueEntry::Timed {
                spec: Box::new(spec),
                kill: None,
            },
        );
    }

    /// Removes every Queue API job (the demo's flows too).
    pub fn clear_queue(&self) {
        let mut st = self.state();
        st.queue_jobs.clear();
        st.events.forget_queue();
        st.demo_queue = None;
    }

    /// Adds `n` generated finished component jobs to the Queue API (ids from
    /// [`GENERATED_QUEUE_BASE`] + 1, over the past 30 days, about one in ten failed), for
    /// benchmarks of `queue list`. Each body is serialised once here.
    pub fn add_generated_queue_jobs(&self, n: usize, seed: u64) {
        let now_ms = self.now_ms();
        let entries: Vec<(u64, QueueEntry)> = queue_dataset::generated(n, seed, now_ms)
            .into_iter()
            .map(|spec| (spec.id, queue::stored_entry(&spec)))
            .collect();
        self.state().queue_jobs.extend(entries);
    }

    /// Serves exactly `body` for `GET /jobs/{id}` of the Queue API and in its search
    /// (where the filters read it); such a job cannot be killed (400).
    pub fn add_raw_queue_job(&self, id: u64, body: &str) {
        let mut st = self.state();
        st.events.forget_queue_job(id);
        st.queue_jobs
            .insert(id, QueueEntry::Raw(Bytes::copy_from_slice(body.as_bytes())));
    }

    /// How far search results lag the detail (1 s unless changed).
    pub fn set_search_lag(&self, lag: Duration) {
        self.state().search_lag = lag;
    }

    /// The queue jobs worth pointing at in the demo (only in [`Sim::demo`]).
    pub fn demo_queue(&self) -> Option<DemoQueue> {
        self.state().demo_queue.clone()
    }

    /// Where the queue listener answers, for the index (set by the server).
    pub(crate) fn set_queue_url(&self, url: &str) {
        self.state().queue_url = Some(url.to_owned());
    }

    /// Queues a fault; queued faults hit the next matching requests, first queued first.
    pub fn push_fault(&self, fault: Fault) {
        self.state().faults.push_back(fault);
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state().log.clone()
    }

    /// The most API requests the server was answering at once so far (from arrival until
    /// the answer's head is ready, latency included; request-log reads do not count): what
    /// a client's concurrency looks like from the server's side.
    pub fn most_in_flight(&self) -> usize {
        self.state().most_in_flight
    }

    /// Counts a request as being answered until the returned guard is dropped.
    pub(crate) fn answering(&self) -> Answering {
        let mut st = self.state();
        st.in_flight += 1;
        st.most_in_flight = st.most_in_flight.max(st.in_flight);
        Answering(self.clone())
    }

    /// Blocks until the request log holds at least `n` requests and returns it (see
    /// [`RequestRecord`] for when a request is logged). Panics with the log after
    /// [`WAIT_GUARD`], so that an event that never comes fails the test instead of hanging it.
    pub fn wait_for_requests(&self, n: usize) -> Vec<RequestRecord> {
        self.wait_for_log(&format!("{n} requests"), |log| log.len() >= n)
    }

    /// Blocks until `done` holds for the request log and returns the log; `what` names the
    /// awaited event in the panic after [`WAIT_GUARD`].
    pub fn wait_for_log(
        &self,
        what: &str,
        done: impl FnMut(&[RequestRecord]) -> bool,
    ) -> Vec<RequestRecord> {
        self.wait_for_log_within(what, WAIT_GUARD, done)
    }

    pub(crate) fn wait_for_log_within(
        &self,
        what: &str,
        guard: Duration,
        mut done: impl FnMut(&[RequestRecord]) -> bool,
    ) -> Vec<RequestRecord> {
        let deadline = Instant::now() + guard;
        let mut st = self.state();
        while !done(&st.log) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let log: Vec<String> = st
                    .log
                    .iter()
                    .map(|r| format!("{} {}?{} -> {}", r.method, r.path, r.query, r.status))
                    .collect();
                drop(st);
                panic!("the simulator waited {guard:?} for {what}; its log: {log:#?}");
            }
            st = self
                .inner
                .logged
                .wait_timeout(st, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        st.log.clone()
    }

    /// Ids of the demo's live jobs, oldest first (empty unless built by [`Sim::demo`]).
    pub fn live_job_ids(&self) -> Vec<u64> {
        self.state().live_ids.clone()
    }

    /// Id of a recent finished tableImport that failed with `csvImport.columnsNotMatch`
    /// (only in [`Sim::demo`]), for `jobctl --demo show`.
    pub fn demo_failed_import_id(&self) -> Option<u64> {
        self.state().failed_import_id
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not wedge the server for every other request.
        self.inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// One request being answered (see [`Sim::answering`]).
pub(crate) struct Answering(Sim);

impl Drop for Answering {
    fn drop(&mut self) {
        let mut st = self.0.state();
        st.in_flight = st.in_flight.saturating_sub(1);
    }
}

fn finished_entry(spec: &JobSpec, now_ms: i64) -> StorageEntry {
    let created_ms = spec.created_at.map_or(now_ms, |s| s.saturating_mul(1000));
    let snap = Snapshot::at(spec, created_ms, i64::MAX);
    StorageEntry::Finished {
        body: render_split(spec, snap),
        meta: snap.meta(spec),
    }
}

#[cfg(test)]
mod tests;
