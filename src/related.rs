//! What a job's detail view shows beside the job, fetched for all the jobs shown at once:
//! the jobs directly under each queue container (its `Children` summary) and, with
//! `show --queue-job`, the queue job whose run started each storage job. No printing: a
//! summary that cannot be fetched comes back as an error for the command to report.

use crate::client::{ApiError, QueueClient};
use crate::model::{AnyRaw, QueueJob, RawQueueJob};
use crate::render::Related;
use crate::run_tree;

/// What was fetched beside each job, by its index among the jobs shown.
pub struct RelatedJobs {
    children: Vec<Option<Vec<QueueJob>>>,
    queue_jobs: Vec<Option<Result<RawQueueJob, String>>>,
}

impl RelatedJobs {
    /// Nothing beside any of `n` jobs (a saved job is shown as saved).
    pub fn nothing(n: usize) -> RelatedJobs {
        RelatedJobs {
            children: vec![None; n],
            queue_jobs: (0..n).map(|_| None).collect(),
        }
    }

    /// Whether anything beside `jobs` is to be fetched (and so a Queue API client needed).
    pub fn wanted(jobs: &[AnyRaw], queue_job: bool) -> bool {
        jobs.iter().any(|j| match j {
            AnyRaw::Queue(q) => q.job.is_container(),
            AnyRaw::Storage(_) => queue_job,
        })
    }

    /// Fetches the children of every container among `jobs` and, with `queue_job`, the
    /// queue job behind every storage job, both at once. The errors are those of the
    /// summaries that could not be had (their jobs are still shown, without them).
    pub async fn fetch(
        queue: &QueueClient,
        jobs: &[AnyRaw],
        queue_job: bool,
    ) -> (RelatedJobs, Vec<ApiError>) {
        let mut beside = RelatedJobs::nothing(jobs.len());
        let containers: Vec<(usize, String)> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match j {
                AnyRaw::Queue(q) if q.job.is_container() => Some((i, q.job.run_id.clone())),
                _ => None,
            })
            .collect();
        let storage_runs: Vec<(usize, Option<&str>)> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match j {
                AnyRaw::Storage(s) if queue_job => Some((i, s.job.run_id.as_deref())),
                _ => None,
            })
            .collect();
        let runs = containers.iter().map(|(_, run)| run.clone()).collect();
        let runs_of = storage_runs.iter().map(|(_, run)| *run).collect::<Vec<_>>();
        let (children, behind) = tokio::join!(
            run_tree::children_of(queue, runs),
            queue_jobs_behind(queue, &runs_of)
        );
        let mut errors = Vec::new();
        for ((i, _), found) in containers.iter().zip(children) {
            match found {
                Ok(kids) => beside.children[*i] = Some(kids.into_iter().map(|k| k.job).collect()),
                Err(e) => errors.push(e),
            }
        }
        for ((i, _), found) in storage_runs.iter().zip(behind) {
            beside.queue_jobs[*i] = Some(found);
        }
        (beside, errors)
    }

    /// What the detail view of the `i`-th job shows beside it.
    pub fn of(&self, i: usize) -> Related<'_> {
        Related {
            children: self.children.get(i).and_then(Option::as_deref),
            queue_job: self
                .queue_jobs
                .get(i)
                .and_then(Option::as_ref)
                .map(|found| found.as_ref().map(|j| &j.job).map_err(String::as_str)),
        }
    }
}

/// The queue job behind each storage job, by its `runId`: the queue job's plain id (for a
/// dotted runId, the last part, the innermost run). Each miss says why, in order.
async fn queue_jobs_behind(
    queue: &QueueClient,
    runs: &[Option<&str>],
) -> Vec<Result<RawQueueJob, String>> {
    let ids: Vec<Option<u64>> = runs
        .iter()
        .map(|run| (*run)?.rsplit('.').next()?.parse().ok())
        .collect();
    let wanted: Vec<u64> = ids.iter().flatten().copied().collect();
    let mut found = match wanted.is_empty() {
        true => Vec::new().into_iter(),
        false => queue.jobs(&wanted).await.into_iter(),
    };
    ids.iter()
        .map(|id| match id {
            None => Err("none (no run id)".to_owned()),
            Some(id) => match found.next() {
                Some(Ok(job)) => Ok(job),
                Some(Err(e)) if e.is_not_found() => Err(format!("none found (run id {id})")),
                Some(Err(e)) => Err(format!("cannot fetch it: {e}")),
                None => Err("cannot fetch it".to_owned()),
            },
        })
        .collect()
}
