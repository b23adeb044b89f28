//! The end of a failed job's log, for the views that show a job (`show`): its last few
//! warnings and errors, oldest first. One events request per run: the newest page of the
//! run's events, kept to `warn` and `error`. A flow has no log of its own worth reading:
//! the tails are those of its failing tasks, found through the run tree. No printing.

use chrono::{DateTime, Utc};

use crate::client::{
    ApiError, EventQuery, MAX_IN_FLIGHT, QueueClient, SortOrder, StorageClient, in_order,
};
use crate::model::{Event, QueueJob, RunJob, RunNode};
use crate::run_tree;

/// Warnings and errors shown at most per run.
pub const TAIL_EVENTS: usize = 5;

/// The newest events read to find them: one page.
const PAGE: u64 = 100;

/// A flow's failing tasks whose logs are read at most (the first ones in the tree).
pub const TAIL_TASKS: usize = 3;

/// The end of one run's log.
#[derive(Debug)]
pub struct LogTail {
    /// For a flow's failing task: the task and the name of its phase (when known).
    pub task: Option<(QueueJob, Option<String>)>,
    /// The run id whose events were read.
    pub run_id: String,
    /// The last warnings and errors, oldest first; or why they could not be read.
    pub events: Result<Vec<Event>, ApiError>,
    /// Whether the run had no events at all (the token may not see them).
    pub empty: bool,
    /// On a flow's last tail: how many more failing tasks were left unread.
    pub more_tasks: usize,
}

/// The last `n` warnings and errors of run `run_id`, oldest first, from the newest page of
/// its events (one request); and whether that page was empty.
pub async fn last_problems(
    storage: &StorageClient,
    run_id: &str,
    n: usize,
) -> Result<(Vec<Event>, bool), ApiError> {
    let query = EventQuery {
        limit: PAGE,
        sort: SortOrder::Desc,
        ..EventQuery::run(run_id)
    };
    let page = storage.events(&query).await?;
    let empty = page.is_empty();
    let mut problems: Vec<Event> = page
        .into_iter()
        .map(|e| e.job)
        .filter(|e| e.kind.is_problem())
        .take(n)
        .collect();
    problems.reverse();
    Ok((problems, empty))
}

/// The tail of one run (a storage job's run, a component job's plain id).
pub async fn run_tail(storage: &StorageClient, run_id: &str) -> LogTail {
    let found = last_problems(storage, run_id, TAIL_EVENTS).await;
    let empty = matches!(found, Ok((_, true)));
    LogTail {
        task: None,
        run_id: run_id.to_owned(),
        events: found.map(|(events, _)| events),
        empty,
        more_tasks: 0,
    }
}

/// The tails of the failing tasks of flow (or phase) `id`: the run tree, then one events
/// request per failing task, at most [`MAX_IN_FLIGHT`] at once. Fails when the tree cannot
/// be fetched.
pub async fn flow_tails(
    storage: &StorageClient,
    queue: &QueueClient,
    id: u64,
    now: DateTime<Utc>,
) -> Result<Vec<LogTail>, ApiError> {
    let root = run_tree::fetch(storage, queue, id, now).await?;
    let mut tasks = failing_tasks(&root);
    let more = tasks.len().saturating_sub(TAIL_TASKS);
    tasks.truncate(TAIL_TASKS);
    let storage = storage.clone();
    let found = in_order(tasks.clone(), MAX_IN_FLIGHT, move |(task, _)| {
        let storage = storage.clone();
        async move { Ok(run_tail(&storage, &task.id.to_string()).await) }
    })
    .await;
    let mut tails: Vec<LogTail> = tasks
        .into_iter()
        .zip(found)
        .map(|((task, phase), tail)| {
            let mut tail = tail.unwrap_or_else(|e| failed_tail(task.id, e));
            tail.task = Some((task, phase));
            tail
        })
        .collect();
    if let Some(last) = tails.last_mut() {
        last.more_tasks = more;
    }
    Ok(tails)
}

/// Whose log ends a job's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    /// One run: a storage job's `runId`, a component job's plain id.
    Run(String),
    /// A flow or phase (by id): its failing tasks' runs.
    Flow(u64),
}

/// The tails for each of `jobs`, in order, at most [`MAX_IN_FLIGHT`] jobs at once. A flow
/// whose tree cannot be fetched gets one tail that says why; so does a flow when there is
/// no Queue API client.
pub async fn tails_of(
    storage: &StorageClient,
    queue: Option<&QueueClient>,
    jobs: Vec<Whose>,
    now: DateTime<Utc>,
) -> Vec<Vec<LogTail>> {
    let (storage, queue) = (storage.clone(), queue.cloned());
    let found = in_order(jobs.clone(), MAX_IN_FLIGHT, move |whose| {
        let (storage, queue) = (storage.clone(), queue.clone());
        async move {
            Ok(match whose {
                Whose::Run(run) => vec![run_tail(&storage, &run).await],
                Whose::Flow(id) => {
                    let tails = match &queue {
                        Some(queue) => flow_tails(&storage, queue, id, now).await,
                        None => Err(ApiError::Internal("no Queue API client".into())),
                    };
                    tails.unwrap_or_else(|e| vec![failed_tail(id, e)])
                }
            })
        }
    })
    .await;
    jobs.into_iter()
        .zip(found)
        .map(|(whose, tails)| {
            tails.unwrap_or_else(|e| {
                let id = match whose {
                    Whose::Run(run) => run,
                    Whose::Flow(id) => id.to_string(),
                };
                vec![LogTail {
                    task: None,
                    run_id: id,
                    events: Err(e),
                    empty: false,
                    more_tasks: 0,
                }]
            })
        })
        .collect()
}

fn failed_tail(id: u64, e: ApiError) -> LogTail {
    LogTail {
        task: None,
        run_id: id.to_string(),
        events: Err(e),
        empty: false,
        more_tasks: 0,
    }
}

/// The queue jobs of a tree where a failure starts (they failed, and no queue job under
/// them did), in tree order, each with the name of its parent phase when it has one.
pub fn failing_tasks(root: &RunNode) -> Vec<(QueueJob, Option<String>)> {
    let walk = root.walk();
    let failing = RunNode::failing_paths(&walk);
    let queue_failing = |at: usize| {
        failing[at] && walk[at].0.failed() && matches!(walk[at].0.job, RunJob::Queue(_))
    };
    let mut out = Vec::new();
    for (at, (node, parent)) in walk.iter().enumerate() {
        let RunJob::Queue(job) = &node.job else {
            continue;
        };
        if !queue_failing(at) {
            continue;
        }
        let deeper = walk
            .iter()
            .enumerate()
            .any(|(k, (_, p))| *p == Some(at) && queue_failing(k));
        if deeper {
            continue;
        }
        let phase = parent.and_then(|p| match &walk[p].0.job {
            RunJob::Queue(q) if q.job.job_type.as_deref() == Some("phaseContainer") => {
                q.job.names().step.clone()
            }
            _ => None,
        });
        out.push((job.job.clone(), phase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RawQueueJob;

    fn job(id: u64, run: &str, status: &str, kind: &str) -> RunNode {
        RunNode::queue(
            RawQueueJob::parse(&format!(
                r#"{{"id":"{id}","runId":"{run}","status":"{status}","type":"{kind}",
                    "component":"c","config":"1","isFinished":true}}"#
            ))
            .unwrap(),
        )
    }

    #[test]
    fn the_failing_tasks_are_where_the_failure_starts() {
        let mut flow = job(1, "1", "error", "orchestrationContainer");
        let mut ok_phase = job(2, "1.2", "success", "phaseContainer");
        ok_phase.children = vec![job(3, "1.2.3", "success", "standard")];
        let mut bad_phase = job(4, "1.4", "error", "phaseContainer");
        bad_phase.children = vec![
            job(5, "1.4.5", "success", "standard"),
            job(6, "1.4.6", "error", "standard"),
            job(7, "1.4.7", "error", "standard"),
        ];
        flow.children = vec![ok_phase, bad_phase];
        let ids: Vec<u64> = failing_tasks(&flow).iter().map(|(j, _)| j.id).collect();
        assert_eq!(ids, [6, 7]);
        // A flow that failed by itself (no failed child) is its own failing task.
        let alone = job(9, "9", "error", "orchestrationContainer");
        let ids: Vec<u64> = failing_tasks(&alone).iter().map(|(j, _)| j.id).collect();
        assert_eq!(ids, [9]);
    }
}
