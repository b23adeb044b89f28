//! Following a log until its jobs end: every tick (2 s) one look at the jobs' status (a
//! flow's running containers listed for tasks that started) and one events request per
//! feed. One run is asked by its `runId`; several (a flow) by one project-wide `sinceId`
//! request whose events are sorted to their runs here, so a 20-task flow costs what one
//! job does. Nothing is printed twice (by uuid) or lost: the cursor moves only past
//! events received, a task found late gets its earlier events from the buffer of events
//! no known run claimed, or from its own run when they may have left that buffer. After
//! the jobs end, one more tick drains what came late.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::cancel::{Cancel, Cut};
use crate::client::{ApiError, EventQuery, QueueClient, SortOrder};
use crate::model::{AnyJob, QueueJob, RawEvent, RawQueueJob};
use crate::render::log::place;
use crate::run_tree::{Listed, children_of};

use super::plan::{Node, branch_of, joined, source};
use super::{Filter, LogRuns, ReadCounts, Reader, Seen, Sink, Source, order};

/// Events a page while following: one page a tick covers any busy project.
const FOLLOW_PAGE: u64 = 1_000;
/// Ticks that fail in a row (after the client's own retries) before following gives up.
const MAX_FAILED_TICKS: u32 = 3;
/// Ticks an event no known run claimed is kept, for a task found after it logged.
const KEEP_TICKS: u64 = 30;
/// Unclaimed events kept at most (memory stays bounded in a busy project).
const KEEP_MAX: usize = 5_000;
/// A new task's own run is read (not the buffer) when its events may predate what the
/// buffer holds; times of two servers are compared with this much slack.
const SLACK_MS: i64 = 2_000;
/// Runs read from their start in one tick at most, for tasks found late.
const CATCH_UPS_PER_TICK: usize = 1;

/// A job the log belongs to, whose end ends the follow.
#[derive(Debug, Clone)]
pub struct Followed {
    pub job: AnyJob,
}

/// How following ended.
pub struct Outcome {
    /// The followed jobs as last seen.
    pub jobs: Vec<AnyJob>,
    /// A signal or the deadline stopped it before the jobs ended.
    pub stop: Option<Cut>,
}

/// One stream of events asked each tick: one run's, or all of a branch's.
#[derive(Debug)]
struct Feed {
    branch: Option<String>,
    run_id: Option<String>,
    cursor: Option<String>,
    /// The newest event's time when following began (server time, ms).
    start_ms: Option<i64>,
}

pub struct Follow {
    reader: Reader,
    queue: Option<QueueClient>,
    /// Configuration names (`component/config`), read once when a flow is followed, to
    /// name the tasks found later without a request each.
    names: HashMap<String, String>,
    pub sources: Vec<Source>,
    nodes: Vec<NodeState>,
    roots: Vec<Followed>,
    interval: Duration,
    feeds: Vec<Feed>,
    by_run: HashMap<(Option<String>, String), usize>,
    unclaimed: Unclaimed,
    catch_up: VecDeque<usize>,
    /// What was printed, history included.
    pub seen: Seen,
    tick: u64,
    /// Requests made, by kind, for `--debug`'s summary and the benchmark.
    pub requests: Requests,
    /// Events of the followed runs received while following (before dedup and filters).
    pub claimed: u64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Requests {
    pub events: u64,
    pub status: u64,
}

#[derive(Debug)]
struct NodeState {
    node: Node,
    /// Its children were listed after it had finished: none can appear any more.
    listed_final: bool,
}

impl Follow {
    /// The follow of `plan`'s log: its jobs (as found), its runs and, for flows, the queue
    /// jobs of their trees.
    pub fn new(
        reader: Reader,
        queue: Option<QueueClient>,
        plan: LogRuns,
        interval: Duration,
    ) -> Follow {
        let LogRuns {
            sources,
            nodes,
            roots,
            ..
        } = plan;
        let by_run = sources
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.branch.clone(), s.run_id.clone()), i))
            .collect();
        let nodes = nodes
            .into_iter()
            .map(|node| NodeState {
                node,
                listed_final: false,
            })
            .collect();
        Follow {
            reader,
            queue,
            names: HashMap::new(),
            sources,
            nodes,
            roots,
            interval,
            feeds: Vec::new(),
            by_run,
            unclaimed: Unclaimed::default(),
            catch_up: VecDeque::new(),
            seen: Seen::on(),
            tick: 0,
            requests: Requests::default(),
            claimed: 0,
        }
    }

    /// The followed jobs as last seen.
    pub fn jobs(&self) -> Vec<AnyJob> {
        self.roots.iter().map(|r| r.job.clone()).collect()
    }

    /// Whether every followed job has finished.
    pub fn all_finished(&self) -> bool {
        self.roots.iter().all(|r| r.job.is_finished())
    }

    /// Marks where following starts: each feed's newest event. Must come before the
    /// history is read, so that whatever is logged meanwhile is followed (and, if the
    /// history had it too, deduplicated).
    pub async fn start(&mut self) -> Result<(), ApiError> {
        let containers = self.nodes.iter().any(|n| n.node.container);
        self.feeds = match (self.sources.as_slice(), containers) {
            ([one], false) => vec![Feed {
                branch: one.branch.clone(),
                run_id: Some(one.run_id.clone()),
                cursor: None,
                start_ms: None,
            }],
            _ => {
                let mut branches: Vec<Option<String>> =
                    self.sources.iter().map(|s| s.branch.clone()).collect();
                branches.sort();
                branches.dedup();
                branches
                    .into_iter()
                    .map(|branch| Feed {
                        branch,
                        run_id: None,
                        cursor: None,
                        start_ms: None,
                    })
                    .collect()
            }
        };
        for f in 0..self.feeds.len() {
            self.mark_start(f).await?;
        }
        // Names are a nicety: without them a task is named by its configuration's id.
        let open = self
            .nodes
            .iter()
            .any(|n| n.node.container && !n.node.finished);
        if open && let Ok(names) = self.reader.storage.config_names().await {
            self.requests.status += 1;
            self.names = names
                .into_iter()
                .map(|n| (format!("{}/{}", n.component, n.config), n.name))
                .collect();
        }
        Ok(())
    }

    /// The log so far (after [`Follow::start`]): all of it, or the last `tail` events;
    /// what was printed is not printed again by the follow.
    pub async fn history(
        &mut self,
        filter: &Filter,
        tail: Option<u64>,
        sink: &mut dyn Sink,
    ) -> anyhow::Result<ReadCounts> {
        let sources = &self.sources;
        let (reader, seen) = (&self.reader, &mut self.seen);
        reader.history(sources, filter, tail, sink, seen).await
    }

    async fn mark_start(&mut self, f: usize) -> Result<(), ApiError> {
        let feed = &self.feeds[f];
        let query = EventQuery {
            run_id: feed.run_id.clone(),
            limit: 1,
            sort: SortOrder::Desc,
            q: self.reader.q.clone(),
            branch: feed.branch.clone(),
            ..EventQuery::default()
        };
        self.requests.events += 1;
        let newest = self.reader.storage.events(&query).await?;
        let feed = &mut self.feeds[f];
        if let Some(e) = newest.first() {
            feed.cursor = e.job.cursor();
            feed.start_ms = e.job.created.map(|t| t.to_utc().as_millisecond());
        }
        Ok(())
    }

    /// Follows until every job has finished (and one tick more), a signal, or `deadline`.
    pub async fn run(
        &mut self,
        filter: &Filter,
        sink: &mut dyn Sink,
        cancel: &Cancel,
        deadline: Option<Instant>,
    ) -> anyhow::Result<Outcome> {
        let mut failed_ticks = 0;
        let mut ended = false;
        loop {
            let wait = tokio::time::sleep(self.interval);
            if let Err(cut) = cancel.unless_stopped(deadline, wait).await {
                return Ok(self.outcome(Some(cut)));
            }
            let work = self.tick(filter, sink);
            let (status_ok, events_ok) = match cancel.unless_stopped(deadline, work).await {
                Err(cut) => return Ok(self.outcome(Some(cut))),
                Ok(result) => result?,
            };
            if let Some(e) = status_ok.err().or(events_ok.err()) {
                failed_ticks += 1;
                if failed_ticks >= MAX_FAILED_TICKS {
                    return Err(e.into());
                }
                continue;
            }
            failed_ticks = 0;
            // The tick that saw the end read the events logged until then; the next one
            // drains what came late (and the runs still to be read from their start).
            if ended && self.catch_up.is_empty() {
                return Ok(self.outcome(None));
            }
            ended = self.all_finished();
        }
    }

    fn outcome(&self, stop: Option<Cut>) -> Outcome {
        Outcome {
            jobs: self.roots.iter().map(|r| r.job.clone()).collect(),
            stop,
        }
    }

    /// One look at the events for a follow that polls the jobs itself (`watch --log`):
    /// `jobs` are the followed jobs as it last saw them (the status costs nothing here),
    /// then the tasks that started under running containers (those `flows` lists, the
    /// follow's own listing this tick, cost nothing either), then one events request per
    /// feed. The outer error is the sink's (a closed pipe); the inner one the API's, after
    /// which the next step asks again from where this one got (nothing lost).
    pub async fn step(
        &mut self,
        jobs: &[AnyJob],
        flows: &Listed,
        filter: &Filter,
        sink: &mut dyn Sink,
    ) -> anyhow::Result<Result<(), ApiError>> {
        for root in &mut self.roots {
            if let Some(fresh) = jobs.iter().find(|j| j.id() == root.job.id()) {
                root.job = fresh.clone();
            }
            if let AnyJob::Queue(q) = &root.job
                && let Some(n) = self.nodes.iter_mut().find(|n| n.node.id == q.id)
            {
                n.node.finished = q.is_finished();
            }
        }
        let listed = self.discover(flows).await;
        let (_, events) = self.events_tick(Ok(()), filter, sink).await?;
        Ok(listed.and(events))
    }

    /// Whether tasks found late still wait to be read from their start.
    pub fn catching_up(&self) -> bool {
        !self.catch_up.is_empty()
    }

    /// One look at the jobs, then at the events; what each part met. Errors of the sink
    /// (a closed pipe) end the follow.
    async fn tick(
        &mut self,
        filter: &Filter,
        sink: &mut dyn Sink,
    ) -> anyhow::Result<(Result<(), ApiError>, Result<(), ApiError>)> {
        let status = self.poll_status().await;
        self.events_tick(status, filter, sink).await
    }

    /// The events part of a tick: every feed, the runs found late, handed to the sink.
    async fn events_tick(
        &mut self,
        status: Result<(), ApiError>,
        filter: &Filter,
        sink: &mut dyn Sink,
    ) -> anyhow::Result<(Result<(), ApiError>, Result<(), ApiError>)> {
        self.tick += 1;
        let mut batch: Vec<(usize, RawEvent)> = Vec::new();
        let events = self.poll_events(&mut batch).await;
        batch.sort_by_key(|(_, e)| order(&e.job));
        self.claimed += batch.len() as u64;
        for (i, event) in &batch {
            if self.seen.first_time(&event.job) && filter.keeps(&event.job) {
                sink.event(&self.sources[*i], event)?;
            }
        }
        sink.flush()?;
        Ok((status, events))
    }

    /// The followed jobs' status, and the tasks that started under running containers.
    async fn poll_status(&mut self) -> Result<(), ApiError> {
        let storage = &self.reader.storage;
        for root in &mut self.roots {
            if root.job.is_finished() {
                continue;
            }
            self.requests.status += 1;
            root.job = match &root.job {
                AnyJob::Storage(j) => AnyJob::Storage(storage.job(j.id).await?.job),
                AnyJob::Queue(j) => {
                    let Some(queue) = &self.queue else { continue };
                    AnyJob::Queue(queue.job(j.id).await?.job)
                }
            };
            if let AnyJob::Queue(q) = &root.job
                && let Some(n) = self.nodes.iter_mut().find(|n| n.node.id == q.id)
            {
                n.node.finished = q.is_finished();
            }
        }
        self.discover(&Listed::default()).await
    }

    /// Lists the children of the containers that may still get some (those `listed`
    /// holds already cost no request); new ones become nodes and sources.
    async fn discover(&mut self, listed: &Listed) -> Result<(), ApiError> {
        let Some(queue) = self.queue.clone() else {
            return Ok(());
        };
        let open: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].node.container && !self.nodes[i].listed_final)
            .collect();
        if open.is_empty() {
            return Ok(());
        }
        // Whether each was finished before its listing: then the listing is its last.
        let finished_before: Vec<bool> =
            open.iter().map(|&i| self.nodes[i].node.finished).collect();
        let unlisted: Vec<String> = open
            .iter()
            .map(|&i| &self.nodes[i].node.run_id)
            .filter(|run_id| listed.get(run_id).is_none())
            .cloned()
            .collect();
        self.requests.status += unlisted.len() as u64;
        let mut fetched = children_of(&queue, unlisted).await.into_iter();
        let mut new: Vec<(usize, RawQueueJob)> = Vec::new();
        for (&at, finished) in open.iter().zip(finished_before) {
            let fresh;
            let children = match listed.get(&self.nodes[at].node.run_id) {
                Some(children) => children,
                None => {
                    fresh = fetched.next().unwrap_or_else(|| Ok(Vec::new()))?;
                    fresh.as_slice()
                }
            };
            for child in children {
                match self.nodes.iter_mut().find(|n| n.node.id == child.job.id) {
                    Some(known) => known.node.finished = child.job.is_finished(),
                    None => new.push((at, child.clone())),
                }
            }
            self.nodes[at].listed_final = finished;
        }
        for (parent, mut child) in new {
            let key = format!(
                "{}/{}",
                child.job.component.as_deref().unwrap_or_default(),
                child.job.config.as_deref().unwrap_or_default()
            );
            if let Some(name) = self.names.get(&key) {
                child.job.names_mut().config = Some(name.clone());
            }
            self.add_node(parent, child.job);
        }
        Ok(())
    }

    fn add_node(&mut self, parent: usize, job: QueueJob) {
        let label = joined(&self.nodes[parent].node.label, &place(&job));
        if self.nodes.iter().any(|n| n.node.id == job.id) {
            return;
        }
        self.nodes.push(NodeState {
            node: Node {
                id: job.id,
                run_id: job.run_id.clone(),
                container: job.is_container(),
                finished: job.is_finished(),
                label: label.clone(),
            },
            listed_final: false,
        });
        let source = source(
            job.id,
            job.storage_run_id(),
            branch_of(&job),
            &label,
            job.component.as_deref(),
        );
        let key = (source.branch.clone(), source.run_id.clone());
        if self.by_run.contains_key(&key) {
            return;
        }
        let index = self.sources.len();
        self.by_run.insert(key, index);
        self.sources.push(source);
        let created = job.created_time.map(|t| t.to_utc().as_millisecond());
        let feed_start = self
            .feeds
            .iter()
            .find(|f| f.branch == self.sources[index].branch)
            .map(|f| f.start_ms);
        let before_start = match (feed_start, created) {
            // No feed for its branch: its run is read on its own.
            (None, _) | (_, None) => true,
            (Some(start), Some(created)) => start.is_some_and(|s| created < s + SLACK_MS),
        };
        let dropped = created.is_none_or(|c| self.unclaimed.dropped_since(c - SLACK_MS));
        if before_start || dropped {
            self.catch_up.push_back(index);
        }
    }

    /// New events of every feed, sorted to their runs; events of no known run wait in
    /// the buffer. Then the runs found late: from the buffer, or from their own runs.
    async fn poll_events(&mut self, batch: &mut Vec<(usize, RawEvent)>) -> Result<(), ApiError> {
        // Events a new run logged before it was known, from the buffer.
        let mut problem = None;
        for f in 0..self.feeds.len() {
            let (events, error) = self.drain_feed(f).await;
            problem = problem.or(error);
            let feed = &self.feeds[f];
            for event in events {
                match &feed.run_id {
                    Some(_) => batch.push((0, event)),
                    None => {
                        let run = event.job.run_id.clone().unwrap_or_default();
                        match self.by_run.get(&(feed.branch.clone(), run)) {
                            Some(&i) => batch.push((i, event)),
                            None => self.unclaimed.push(self.tick, feed.branch.clone(), event),
                        }
                    }
                }
            }
        }
        // Runs found this tick take what the buffer holds of theirs.
        for (key, &i) in &self.by_run {
            if !self.catch_up.contains(&i) {
                batch.extend(self.unclaimed.claim(key).into_iter().map(|e| (i, e)));
            }
        }
        for _ in 0..CATCH_UPS_PER_TICK {
            let Some(i) = self.catch_up.front().copied() else {
                break;
            };
            match self.read_run(i).await {
                Ok(events) => {
                    self.catch_up.pop_front();
                    let key = (
                        self.sources[i].branch.clone(),
                        self.sources[i].run_id.clone(),
                    );
                    self.unclaimed.claim(&key);
                    batch.extend(events.into_iter().map(|e| (i, e)));
                }
                Err(e) => {
                    problem.get_or_insert(e);
                    break;
                }
            }
        }
        self.unclaimed.expire(self.tick);
        match problem {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Everything new in feed `f`, page after page; the cursor moves past each page
    /// received, so an error loses nothing (the next tick asks again from there).
    async fn drain_feed(&mut self, f: usize) -> (Vec<RawEvent>, Option<ApiError>) {
        let mut all = Vec::new();
        loop {
            let feed = &self.feeds[f];
            let query = EventQuery {
                run_id: feed.run_id.clone(),
                since_id: feed.cursor.clone(),
                limit: FOLLOW_PAGE,
                sort: SortOrder::Asc,
                q: self.reader.q.clone(),
                branch: feed.branch.clone(),
                ..EventQuery::default()
            };
            self.requests.events += 1;
            let page = match self.reader.storage.events(&query).await {
                Ok(page) => page,
                Err(e) => return (all, Some(e)),
            };
            let full = page.len() as u64 >= FOLLOW_PAGE;
            if let Some(cursor) = page.iter().rev().find_map(|e| e.job.cursor()) {
                self.feeds[f].cursor = Some(cursor);
            }
            all.extend(page);
            if !full {
                return (all, None);
            }
        }
    }

    /// A run's events from its start (a task found late).
    async fn read_run(&mut self, i: usize) -> Result<Vec<RawEvent>, ApiError> {
        let source = self.sources[i].clone();
        let mut all = Vec::new();
        loop {
            self.requests.events += 1;
            let page = self
                .reader
                .page(&source, SortOrder::Asc, all.len() as u64, FOLLOW_PAGE)
                .await?;
            let full = page.len() as u64 >= FOLLOW_PAGE;
            all.extend(page);
            if !full {
                return Ok(all);
            }
        }
    }
}

/// Events of runs not (yet) known, kept a while for a task found after it logged.
#[derive(Debug, Default)]
struct Unclaimed {
    events: VecDeque<(u64, Option<String>, RawEvent)>,
    /// The newest time (ms) of an event let go; whether one without a time was.
    dropped_ms: Option<i64>,
    dropped_untimed: bool,
}

impl Unclaimed {
    fn push(&mut self, tick: u64, branch: Option<String>, event: RawEvent) {
        self.events.push_back((tick, branch, event));
    }

    /// The events of run `key` (branch, run id), taken out.
    fn claim(&mut self, key: &(Option<String>, String)) -> Vec<RawEvent> {
        let mut mine = Vec::new();
        let mut rest = VecDeque::with_capacity(self.events.len());
        for (tick, branch, event) in self.events.drain(..) {
            match branch == key.0 && event.job.run_id.as_deref() == Some(key.1.as_str()) {
                true => mine.push(event),
                false => rest.push_back((tick, branch, event)),
            }
        }
        self.events = rest;
        mine
    }

    /// Lets go of what is older than [`KEEP_TICKS`] or beyond [`KEEP_MAX`].
    fn expire(&mut self, tick: u64) {
        while let Some((at, _, event)) = self.events.front() {
            if tick.saturating_sub(*at) < KEEP_TICKS && self.events.len() <= KEEP_MAX {
                break;
            }
            match event.job.created {
                Some(t) => {
                    let ms = t.to_utc().as_millisecond();
                    self.dropped_ms = Some(self.dropped_ms.map_or(ms, |d| d.max(ms)));
                }
                None => self.dropped_untimed = true,
            }
            self.events.pop_front();
        }
    }

    /// Whether an event created at or after `ms` may have been let go.
    fn dropped_since(&self, ms: i64) -> bool {
        self.dropped_untimed || self.dropped_ms.is_some_and(|d| d >= ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(run: &str, uuid: &str, created: &str) -> RawEvent {
        RawEvent::parse(&format!(
            r#"{{"uuid":"{uuid}","runId":"{run}","created":"{created}"}}"#
        ))
        .unwrap()
    }

    #[test]
    fn the_buffer_hands_a_run_its_events_and_remembers_what_it_let_go() {
        let mut u = Unclaimed::default();
        u.push(1, None, event("7", "a", "2026-12-07T10:00:00+0000"));
        u.push(1, None, event("8", "b", "2026-12-07T10:00:01+0000"));
        u.push(2, None, event("7", "c", "2026-12-07T10:00:02+0000"));
        let mine = u.claim(&(None, "7".into()));
        assert_eq!(mine.len(), 2);
        assert_eq!(u.events.len(), 1);
        assert!(!u.dropped_since(0));
        u.expire(1 + KEEP_TICKS);
        assert!(u.events.is_empty());
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
        assert!(u.dropped_since(at("2026-12-07T10:00:01Z")));
        assert!(!u.dropped_since(at("2026-12-07T10:00:02Z")));
    }
}
