//! The run tree of `queue show --tree`: a flow, its phases, their tasks (by `parentRunId`)
//! and the storage jobs each task started (by an exact `runId` match within the task's
//! time window). Each level is fetched at once, so a flow -> phases -> tasks -> storage
//! jobs tree costs one round trip a level, whatever its width.

use chrono::{DateTime, Utc};

use crate::client::{
    ApiError, Client, ListQuery, MAX_IN_FLIGHT, QueueClient, QueueQuery, in_order,
};
use crate::model::{RawJob, RawQueueJob, RunJob, RunNode};

/// Jobs a page when listing children or storage jobs; more pages only for wider runs.
pub const PAGE: u64 = 500;

/// Requests in flight at most for one level of a tree: the tasks of a phase of up to 16
/// tasks cost one round trip.
const TREE_LEVEL_IN_FLIGHT: usize = 16;

/// The whole tree under queue job `id`. Fails when the root cannot be fetched or a level
/// cannot be listed (after the client's retries): a partial tree would hide what failed.
pub async fn fetch(
    storage: &Client,
    queue: &QueueClient,
    id: u64,
    now: DateTime<Utc>,
) -> Result<RunNode, ApiError> {
    let root = queue.job(id).await?;
    // An arena of nodes (job, children) built level by level, then folded into a tree.
    let mut arena: Vec<(RunJob, Vec<usize>)> = vec![(RunJob::Queue(root), Vec::new())];
    let mut frontier = vec![0usize];
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
            async move { under(&storage, &queue, &job, now).await }
        })
        .await;
        // In tree order, so the output does not depend on timing.
        let mut next = Vec::new();
        for (at, children) in ats.into_iter().zip(found) {
            for child in children? {
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
    }
    Ok(fold(&mut arena, 0))
}

fn fold(arena: &mut Vec<(RunJob, Vec<usize>)>, at: usize) -> RunNode {
    let children = std::mem::take(&mut arena[at].1);
    let kids = children.into_iter().map(|c| fold(arena, c)).collect();
    let job = match &arena[at].0 {
        RunJob::Queue(q) => RunJob::Queue(q.clone()),
        RunJob::Storage(s) => RunJob::Storage(s.clone()),
    };
    RunNode {
        job,
        children: kids,
    }
}

/// What sits directly under one queue job: its child jobs for a container, the storage
/// jobs it started for a component job.
async fn under(
    storage: &Client,
    queue: &QueueClient,
    job: &RawQueueJob,
    now: DateTime<Utc>,
) -> Result<Vec<RunJob>, ApiError> {
    if job.job.is_container() {
        let kids = children(queue, &job.job.run_id).await?;
        return Ok(kids.into_iter().map(RunJob::Queue).collect());
    }
    let jobs = storage_jobs(storage, job, now).await?;
    Ok(jobs.into_iter().map(RunJob::Storage).collect())
}

/// The jobs whose `parentRunId` is `run_id`, oldest first, all pages.
async fn children(queue: &QueueClient, run_id: &str) -> Result<Vec<RawQueueJob>, ApiError> {
    let mut all = Vec::new();
    loop {
        let page = queue
            .search(&children_query(run_id, all.len() as u64))
            .await?;
        let full = page.len() as u64 >= PAGE;
        // Search matches parentRunId exactly; keep only exact matches all the same.
        all.extend(
            page.into_iter()
                .filter(|j| j.job.parent_run_id.as_deref() == Some(run_id)),
        );
        if !full {
            return Ok(all);
        }
    }
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

/// The storage jobs a component job started: its window of creation times (its start, or
/// creation, to its end or now, a second of slack for the API's whole-second filters),
/// then an exact `runId` match: `"123"` is not `"1234"` nor `"123.4"`.
async fn storage_jobs(
    storage: &Client,
    job: &RawQueueJob,
    now: DateTime<Utc>,
) -> Result<Vec<RawJob>, ApiError> {
    let j = &job.job;
    let Some(from) = j.start_time.or(j.created_time) else {
        // It never started: it cannot have asked Storage for anything.
        return Ok(Vec::new());
    };
    let to = j.end_time.map_or(now, |t| t.with_timezone(&Utc)) + chrono::Duration::seconds(1);
    let run_id = j.storage_run_id();
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let query = ListQuery {
            created_from: Some(from.with_timezone(&Utc)),
            created_to: Some(to),
            limit: Some(PAGE),
            offset: Some(offset),
            ..ListQuery::default()
        };
        let page = storage.list(&query).await?;
        let full = page.len() as u64 >= PAGE;
        offset += page.len() as u64;
        all.extend(
            page.into_iter()
                .filter(|s| s.job.run_id.as_deref() == Some(run_id.as_str())),
        );
        if !full {
            break;
        }
    }
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
