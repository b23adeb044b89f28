//! What following storage jobs needs of the Storage API: a tick's fresh state of many jobs
//! from one list request (the unfinished jobs; then recently finished ones; single fetches
//! only for what neither covers), a run's jobs as they appear, and the earlier runs.
//! Requests only; the loop that calls them is `follow`'s.

use std::collections::HashMap;

use crate::client::{ApiError, ListQuery, MAX_PAGE, StorageClient};
use crate::model::{AnyRaw, Job, RawJob, Status};

/// Jobs found, as (index, job), and the (index, id) of those the API says do not exist.
pub type Fetched = (Vec<(usize, AnyRaw)>, Vec<(usize, u64)>);

/// The storage half of a follow.
pub struct Storage {
    pub client: StorageClient,
}

impl Storage {
    /// The fresh state of the `(index, id)` jobs, as [`StorageClient::find_many`] gets
    /// them.
    pub async fn fetch(&self, wanted: &[(usize, u64)]) -> Result<Fetched, ApiError> {
        let ids: Vec<u64> = wanted.iter().map(|&(_, id)| id).collect();
        let (mut found, mut missing) = (Vec::with_capacity(ids.len()), Vec::new());
        for (&(i, id), job) in wanted.iter().zip(self.client.find_many(&ids).await?) {
            match job {
                Some(job) => found.push((i, AnyRaw::Storage(job))),
                None => missing.push((i, id)),
            }
        }
        Ok((found, missing))
    }

    /// The first look of `--running` and `--run-id`: the unfinished jobs (one list
    /// request), and with `any_status` also the newest jobs of any status (a second one),
    /// so that a run's jobs that finished before the follow started are in the final state.
    pub async fn discover(&self, any_status: bool) -> Result<Vec<RawJob>, ApiError> {
        let unfinished = ListQuery {
            statuses: vec![Status::Waiting, Status::Processing],
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let mut listed = self.client.list(&unfinished).await?;
        if any_status {
            let newest = ListQuery {
                limit: Some(MAX_PAGE as u64),
                ..ListQuery::default()
            };
            listed.extend(self.client.list(&newest).await?);
        }
        Ok(listed)
    }

    /// One tick of `--run-id`: a single list of the jobs created since the oldest one
    /// still running was (`oldest_running`, or since the newest job seen), newest first,
    /// which holds the fresh state of the `running` (index, id) jobs and any new job of the
    /// run. Jobs it cannot cover (more than a page was created since) are fetched as
    /// [`Storage::fetch`] does. Returns the updates, as (index, job), and the listed jobs
    /// left over, for the caller to adopt.
    pub async fn poll_run(
        &self,
        running: &[(usize, u64)],
        oldest_running: Option<jiff::Timestamp>,
        newest_created: Option<jiff::Timestamp>,
    ) -> Result<(Vec<(usize, AnyRaw)>, Vec<RawJob>), ApiError> {
        let since = match (oldest_running, newest_created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let query = ListQuery {
            created_from: since,
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let listed = self.client.list(&query).await?;
        let mut by_id: HashMap<u64, RawJob> = listed.into_iter().map(|j| (j.job.id, j)).collect();
        let mut updates = Vec::with_capacity(running.len());
        let mut left = Vec::new();
        for &(i, id) in running {
            match by_id.remove(&id) {
                Some(job) => updates.push((i, AnyRaw::Storage(job))),
                None => left.push((i, id)),
            }
        }
        if !left.is_empty() {
            match self.fetch(&left).await? {
                (_, missing) if !missing.is_empty() => {
                    return Err(ApiError::NotFound { id: missing[0].1 });
                }
                (more, _) => updates.extend(more),
            }
        }
        Ok((updates, by_id.into_values().collect()))
    }

    /// Earlier finished jobs for the estimates: one list request of the newest successes.
    /// A failure costs only the estimates (an empty history).
    pub async fn history(&self) -> Vec<Job> {
        let query = ListQuery {
            statuses: vec![Status::Success],
            limit: Some(MAX_PAGE as u64),
            ..ListQuery::default()
        };
        let listed = self.client.list(&query).await.unwrap_or_default();
        listed.into_iter().map(|j| j.job).collect()
    }
}
