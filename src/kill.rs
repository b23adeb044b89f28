//! Killing queue jobs: which jobs a kill by filter hits (every page of the search, each job
//! checked against the filter itself, never trusted), and the kill of each id with its
//! outcome in words (`killed`, `already finished (STATUS)`, `not killable (...)`). Used by
//! `queue kill` and `top`. Prints nothing.

use crate::cancel::Cancel;
use crate::client::{ApiError, KillOutcome, MAX_IN_FLIGHT, QueueClient, QueueQuery, in_order};
use crate::listing::{self, JobSink, Origin, QueueFilter};
use crate::model::{QueueJob, QueueStatus};
use crate::render::{queue_label, sanitize};

/// Jobs a search page asks for: the Queue API's largest.
const PAGE: u64 = 500;

/// What a kill by filter hits: jobs in one of `statuses` and, when given, of one of the
/// components and one of the configurations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KillFilter {
    pub statuses: Vec<String>,
    pub components: Vec<String>,
    pub configs: Vec<String>,
}

impl KillFilter {
    /// Whether `job` is one the filter asked for: the search's answer is checked, not
    /// trusted (a search that ignores `componentId[]` must not steer the kill elsewhere).
    pub fn wants(&self, job: &QueueJob) -> bool {
        let any = |asked: &[String], have: Option<&str>| {
            asked.is_empty() || have.is_some_and(|h| asked.iter().any(|a| a.trim() == h))
        };
        self.statuses.iter().any(|s| s == job.status.as_str())
            && any(&self.components, job.component.as_deref())
            && any(&self.configs, job.config.as_deref())
    }
}

/// Every job the filter matches (all pages of the search as the listing service pages
/// them, each job once), newest first, with a label for a listing; and how many jobs the
/// search returned that do not match.
pub async fn matching(
    queue: &QueueClient,
    filter: &KillFilter,
    cancel: &Cancel,
) -> anyhow::Result<(Vec<(u64, String)>, usize)> {
    let query = QueueQuery {
        statuses: filter.statuses.clone(),
        components: filter.components.clone(),
        configs: filter.configs.clone(),
        ..QueueQuery::default()
    };
    let search = QueueFilter::from_query(query);
    let mut found = Found {
        filter,
        jobs: Vec::new(),
        dropped: 0,
    };
    listing::queue::gather(cancel, Origin::Api(queue), &search, None, PAGE, &mut found).await?;
    Ok((found.jobs, found.dropped))
}

/// Takes what a kill by filter hits from the search, checking each job.
struct Found<'a> {
    filter: &'a KillFilter,
    jobs: Vec<(u64, String)>,
    dropped: usize,
}

impl JobSink<QueueJob> for Found<'_> {
    fn count(&self) -> u64 {
        self.jobs.len() as u64
    }

    fn wants_job(&self) -> bool {
        true
    }

    fn take(&mut self, _raw: &str, job: Option<&QueueJob>) -> std::io::Result<()> {
        match job {
            Some(job) if self.filter.wants(job) => {
                let label = format!("{}  {}", queue_label(job), sanitize(job.status.as_str()));
                self.jobs.push((job.id, label));
            }
            _ => self.dropped += 1,
        }
        Ok(())
    }
}

/// Kills each id (8 at once at most), in the order given: see [`kill_one`].
pub async fn kill_all(queue: &QueueClient, ids: &[u64]) -> Vec<Result<String, ApiError>> {
    in_order(ids.to_vec(), MAX_IN_FLIGHT, |id| {
        let queue = queue.clone();
        async move { kill_one(&queue, id).await }
    })
    .await
}

/// Kills one job: `killed`, or for a job that is no longer killable, `already finished
/// (STATUS)` or `not killable (STATUS): reason` from its detail (sanitised).
pub async fn kill_one(queue: &QueueClient, id: u64) -> Result<String, ApiError> {
    match queue.kill(id).await? {
        KillOutcome::Accepted(_) => Ok("killed".to_owned()),
        KillOutcome::NotKillable(reason) => match queue.job(id).await {
            // A kill is under way: ours, when a retry follows an answer that was lost
            // after the server took the kill, or someone else's. Either way it is killed.
            Ok(job) if job.job.status == QueueStatus::Terminating => Ok("killed".to_owned()),
            Ok(job) if job.job.is_finished() => Ok(format!(
                "already finished ({})",
                sanitize(job.job.status.as_str())
            )),
            Ok(job) => Ok(format!(
                "not killable ({}): {}",
                sanitize(job.job.status.as_str()),
                sanitize(&reason)
            )),
            Err(e) => Err(e),
        },
    }
}
