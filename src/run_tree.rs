//! The run tree of `queue show --tree`: a flow, its phases, their tasks (by `parentRunId`)
//! and the storage jobs each task started (by an exact `runId` match within the task's
//! time window). Each level is fetched at once, so a flow -> phases -> tasks -> storage
//! jobs tree costs one round trip a level, whatever its width. Whatever the server
//! answers, each run id and storage job appears once and the tree stays within its caps.

use std::collections::{HashMap, HashSet};

use std::future::Future;

use crate::client::{
    ApiError, ListQuery, MAX_IN_FLIGHT, QueueClient, QueueQuery, StorageClient, in_order,
};
use crate::model::{RawJob, RawQueueJob, RunJob, RunNode};

/// Jobs a page when listing children or storage jobs; more pages only for wider runs.
pub const PAGE: u64 = 500;

/// Requests in flight at most for one level of a tree: the tasks of a phase of up to 16
/// tasks cost one round trip.
const TREE_LEVEL_IN_FLIGHT: usize = 16;

/// Levels a run tree may have, its root's included. Real runs have about five (flow,
/// phase, task, storage job; a flow run as a task adds two): a deeper chain is a server
/// answering in a loop, which is an error rather than a tree that grows until memory ends.
pub const MAX_DEPTH: usize = 32;

/// Jobs a run tree may hold: a flow of a thousand tasks that each started dozens of
/// storage jobs fits.
pub const MAX_NODES: usize = 100_000;

/// The whole tree under queue job `id`. Fails when the root cannot be fetched or a level
/// cannot be listed (after the client's retries): a partial tree would hide what failed;
/// and, as [`ApiError::Runaway`] (exit 5), when it is deeper than [`MAX_DEPTH`] or holds
/// more than [`MAX_NODES`] jobs. A job whose run id is already in the tree (the server
/// answering a job as its own child, or a cycle) and a storage job already in it are left
/// out: each appears once.
pub async fn fetch(
    storage: &StorageClient,
    queue: &QueueClient,
    id: u64,
    now: jiff::Timestamp,
) -> Result<RunNode, ApiError> {
    fetch_levels(storage, queue, queue.job(id).await?, now, true).await
}

/// The queue jobs of the run under `root` (as [`fetch`], without the storage jobs each
/// task started: a request less a task), for whoever needs only the run's queue jobs
/// (a flow's log).
pub async fn fetch_queue_jobs(
    storage: &StorageClient,
    queue: &QueueClient,
    root: RawQueueJob,
    now: jiff::Timestamp,
) -> Result<RunNode, ApiError> {
    fetch_levels(storage, queue, root, now, false).await
}

async fn fetch_levels(
    storage: &StorageClient,
    queue: &QueueClient,
    root: RawQueueJob,
    now: jiff::Timestamp,
    with_storage: bool,
) -> Result<RunNode, ApiError> {
    let id = root.job.id;
    let mut runs: HashSet<String> = HashSet::from([root.job.run_id.clone()]);
    let mut storage_ids: HashSet<u64> = HashSet::new();
    // An arena of nodes (job, children) built level by level, then folded into a tree.
    let mut arena: Vec<(RunJob, Vec<usize>)> = vec![(RunJob::Queue(root), Vec::new())];
    let mut frontier = vec![0usize];
    let mut depth = 1;
    while !frontier.is_empty() {
        let jobs: Vec<(usize, RawQueueJob)> = frontier
            .iter()
            .filter_map(|&at| match &arena[at].0 {
                RunJob::Queue(job) => Some((at, job.clone())),
                RunJob::Storage(_) => None,
            })
            .collect();
        let ats: Vec<usize> = jobs.iter().map(|(at, _)| *at).collect();
        // A level at once (a phase's tasks in one round trip), bounded all the same.
        let found = in_order(jobs, TREE_LEVEL_IN_FLIGHT, |(_, job)| {
            let (storage, queue) = (storage.clone(), queue.clone());
            async move { under(&storage, &queue, &job, now, with_storage).await }
        })
        .await;
        // In tree order, so the output does not depend on timing.
        let mut next = Vec::new();
        for (at, children) in ats.into_iter().zip(found) {
            for child in children? {
                let new = match &child {
                    RunJob::Queue(q) => runs.insert(q.job.run_id.clone()),
                    RunJob::Storage(s) => storage_ids.insert(s.job.id),
                };
                if !new {
                    continue;
                }
                if depth >= MAX_DEPTH {
                    return Err(ApiError::Runaway(format!(
                        "the run under queue job {id} is deeper than {MAX_DEPTH} levels; \
                         not a run jobctl can draw (does the Queue API answer its jobs in a loop?)"
                    )));
                }
                if arena.len() >= MAX_NODES {
                    return Err(ApiError::Runaway(format!(
                        "the run under queue job {id} holds more than {MAX_NODES} jobs; \
                         list them with `jobctl queue list --parent RUN_ID` instead"
                    )));
                }
                let queue_child = matches!(child, RunJob::Queue(_));
                arena.push((child, Vec::new()));
                let index = arena.len() - 1;
                arena[at].1.push(index);
                if queue_child {
                    next.push(index);
                }
            }
        }
        frontier = next;
        depth += 1;
    }
    let mut root =
        fold(arena).ok_or_else(|| ApiError::Internal("the run tree lost its root".into()))?;
    root.name_steps();
    Ok(root)
}

/// The arena as a tree, without recursion (a chain as deep as the caps allow, or deeper
/// in a test, costs no stack): a child always sits after its parent, so building from the
/// last node back finds each node's children already built.
fn fold(arena: Vec<(RunJob, Vec<usize>)>) -> Option<RunNode> {
    let mut built: Vec<Option<RunNode>> = Vec::with_capacity(arena.len());
    built.resize_with(arena.len(), || None);
    for (at, (job, children)) in arena.into_iter().enumerate().rev() {
        let children = children
            .into_iter()
            .filter_map(|c| built.get_mut(c).and_then(Option::take))
            .collect();
        built[at] = Some(RunNode { job, children });
    }
    built.into_iter().next().flatten()
}

/// What sits directly under one queue job: its child jobs for a container, the storage
/// jobs it started for a component job.
async fn under(
    storage: &StorageClient,
    queue: &QueueClient,
    job: &RawQueueJob,
    now: jiff::Timestamp,
    with_storage: bool,
) -> Result<Vec<RunJob>, ApiError> {
    if job.job.is_container() {
        let kids = children(queue, &job.job.run_id).await?;
        return Ok(kids.into_iter().map(RunJob::Queue).collect());
    }
    if !with_storage {
        return Ok(Vec::new());
    }
    let jobs = storage_jobs(storage, job, now).await?;
    Ok(jobs.into_iter().map(RunJob::Storage).collect())
}

/// The jobs whose `parentRunId` is `run_id`, oldest first, all pages, each once.
async fn children(queue: &QueueClient, run_id: &str) -> Result<Vec<RawQueueJob>, ApiError> {
    // Search matches parentRunId exactly; keep only exact matches all the same.
    every_page(
        run_id,
        |offset| async move { queue.search(&children_query(run_id, offset)).await },
        |job: &RawQueueJob| (job.job.id, job.job.parent_run_id.as_deref() == Some(run_id)),
    )
    .await
}

/// Every page that `page(offset)` answers, each job once, those `keep` says (`(id, keep)`),
/// in the order they came. A short page ends the paging, and so does a full page that
/// brings no job not seen before: a server that ignores `offset` answers the first page
/// again and again. More than [`MAX_NODES`] jobs is an error naming `run_id`.
async fn every_page<T, F, Fut>(
    run_id: &str,
    mut page: F,
    keep: impl Fn(&T) -> (u64, bool),
) -> Result<Vec<T>, ApiError>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Vec<T>, ApiError>>,
{
    let mut all = Vec::new();
    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        let jobs = page(offset).await?;
        let full = jobs.len() as u64 >= PAGE;
        offset += jobs.len() as u64;
        let mut fresh = false;
        for job in jobs {
            let (id, wanted) = keep(&job);
            if !seen.insert(id) {
                continue;
            }
            fresh = true;
            if wanted {
                all.push(job);
            }
        }
        if !full || !fresh {
            return Ok(all);
        }
        if seen.len() > MAX_NODES {
            return Err(too_many(run_id));
        }
    }
}

/// A server that keeps answering new jobs on every page would never let paging end.
fn too_many(run_id: &str) -> ApiError {
    ApiError::Runaway(format!(
        "the API answered more than {MAX_NODES} jobs under run {run_id}: too many to draw \
         as a tree (does it answer new jobs on every page?)"
    ))
}

/// The children of each of `run_ids` (8 at once at most), in the order given.
pub async fn children_of(
    queue: &QueueClient,
    run_ids: Vec<String>,
) -> Vec<Result<Vec<RawQueueJob>, ApiError>> {
    in_order(run_ids, MAX_IN_FLIGHT, |run_id| {
        let queue = queue.clone();
        async move { children(&queue, &run_id).await }
    })
    .await
}

/// The children of some runs at one look, by run id: a follow's tick lists its running
/// flows once and both their progress and their log read the listing.
#[derive(Debug, Default)]
pub struct Listed(HashMap<String, Vec<RawQueueJob>>);

impl Listed {
    /// The children of run `run_id`, when it was listed (and the listing succeeded).
    pub fn get(&self, run_id: &str) -> Option<&[RawQueueJob]> {
        self.0.get(run_id).map(Vec::as_slice)
    }

    /// The children of `run_ids` and of the containers among them: two levels (a flow's
    /// phases and their tasks), a round trip each. A listing that fails is left out.
    pub async fn two_levels(queue: &QueueClient, run_ids: Vec<String>) -> Listed {
        let mut listed = Listed::default();
        let mut containers = listed.list(queue, run_ids).await;
        containers.retain(|run_id| !listed.0.contains_key(run_id));
        listed.list(queue, containers).await;
        listed
    }

    /// Lists the children of `run_ids`, at once; the run ids of the containers among them.
    async fn list(&mut self, queue: &QueueClient, run_ids: Vec<String>) -> Vec<String> {
        if run_ids.is_empty() {
            return Vec::new();
        }
        let found = children_of(queue, run_ids.clone()).await;
        let mut containers = Vec::new();
        for (run_id, children) in run_ids.into_iter().zip(found) {
            let Ok(children) = children else { continue };
            containers.extend(
                children
                    .iter()
                    .filter(|c| c.job.is_container())
                    .map(|c| c.job.run_id.clone()),
            );
            self.0.insert(run_id, children);
        }
        containers
    }
}

/// The storage jobs a component job started: its window of creation times (its start, or
/// creation, to its end or now, a second of slack for the API's whole-second filters),
/// then an exact `runId` match: `"123"` is not `"1234"` nor `"123.4"`.
async fn storage_jobs(
    storage: &StorageClient,
    job: &RawQueueJob,
    now: jiff::Timestamp,
) -> Result<Vec<RawJob>, ApiError> {
    let j = &job.job;
    let Some(from) = j.start_time.or(j.created_time) else {
        // It never started: it cannot have asked Storage for anything.
        return Ok(Vec::new());
    };
    let end = j.end_time.map_or(now, |t| t.to_utc());
    let to = end
        .checked_add(jiff::SignedDuration::from_secs(1))
        .unwrap_or(end);
    let run_id = j.storage_run_id();
    let query = |offset| ListQuery {
        created_from: Some(from.to_utc()),
        created_to: Some(to),
        limit: Some(PAGE),
        offset: Some(offset),
        ..ListQuery::default()
    };
    let mut all = every_page(
        &run_id,
        |offset| {
            let query = query(offset);
            async move { storage.list(&query).await }
        },
        |job: &RawJob| {
            (
                job.job.id,
                job.job.run_id.as_deref() == Some(run_id.as_str()),
            )
        },
    )
    .await?;
    // The list is newest first; the tree reads oldest first.
    all.reverse();
    Ok(all)
}

/// The search for the children of `run_id`, oldest first.
fn children_query(run_id: &str, offset: u64) -> QueueQuery {
    QueueQuery {
        parent_run_id: Some(run_id.to_owned()),
        limit: Some(PAGE),
        offset: Some(offset),
        sort_by: Some("id"),
        sort_order: Some("asc"),
        ..QueueQuery::default()
    }
}
