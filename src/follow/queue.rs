//! What following queue jobs needs of the Queue API: a tick's fresh state from the jobs'
//! details (the truth for `isFinished`; search lags), a flow's tasks done of total (read
//! from the tick's one listing of the running flows, which the log reads too), the earlier
//! runs of the same component and config, and the kill `--kill-on-timeout` asks for. The
//! loop that calls them is `follow`'s.

use crate::client::{ApiError, KillOutcome, QueueClient, QueueQuery};
use crate::model::{AnyRaw, QueueJob, QueueStatus, RawQueueJob};
use crate::render::{FlowProgress, sanitize};
use crate::run_tree::Listed;

use super::storage::Fetched;

/// The most earlier queue jobs one search asks for (the API's largest page).
const HISTORY_PAGE: u64 = 500;

/// The queue half of a follow.
pub struct Queue {
    pub client: QueueClient,
}

impl Queue {
    /// The details of the `(index, id)` jobs, at once (the client's batch of detail
    /// requests); the ids the API does not know come back apart.
    pub async fn fetch(&self, wanted: &[(usize, u64)]) -> Result<Fetched, ApiError> {
        let ids: Vec<u64> = wanted.iter().map(|&(_, id)| id).collect();
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        for (&(i, id), job) in wanted.iter().zip(self.client.jobs(&ids).await) {
            match job {
                Ok(job) => found.push((i, AnyRaw::Queue(job))),
                Err(ApiError::NotFound { .. }) => missing.push((i, id)),
                Err(e) => return Err(e),
            }
        }
        Ok((found, missing))
    }

    /// Earlier successes of the `running` jobs' components and configs, for the
    /// estimates: one search request. A failure costs only the estimates.
    pub async fn history(&self, running: &[&QueueJob]) -> Vec<QueueJob> {
        let mut query = QueueQuery {
            statuses: vec!["success".to_owned()],
            limit: Some(HISTORY_PAGE),
            ..QueueQuery::default()
        };
        for job in running {
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
        let listed = self.client.search(&query).await.unwrap_or_default();
        listed.into_iter().map(|j| j.job).collect()
    }

    /// Kills job `id`; the line that says how it went (`40: killed (now terminating)`).
    pub async fn kill(&self, id: u64) -> String {
        match self.client.kill(id).await {
            Ok(KillOutcome::Accepted(job)) => {
                format!("{id}: killed (now {})", sanitize(job.job.status.as_str()))
            }
            Ok(KillOutcome::NotKillable(_)) => format!("{id}: already finished"),
            Err(e) => format!("{id}: {}", sanitize(&e.to_string())),
        }
    }
}

/// A running flow's or phase's progress: its tasks done of total and the running ones,
/// from the children of the flow (its phases) and of each phase as `listed` holds them.
/// `None` when the flow's own listing failed (the caller keeps the last one).
pub fn flow_progress(job: &QueueJob, listed: &Listed) -> Option<FlowProgress> {
    let level = listed.get(&job.run_id)?;
    let (containers, mut tasks): (Vec<&RawQueueJob>, Vec<&RawQueueJob>) =
        level.iter().partition(|j| j.job.is_container());
    for container in containers {
        tasks.extend(listed.get(&container.job.run_id).unwrap_or_default());
    }
    Some(FlowProgress {
        done: tasks.iter().filter(|j| j.job.is_finished()).count(),
        total: tasks.len(),
        running: tasks
            .iter()
            .filter(|j| j.job.status == QueueStatus::Processing)
            .filter_map(|j| j.job.component.clone())
            .collect(),
    })
}
