//! Which earlier jobs are runs of a watched job: the finished successes of the same
//! operation on the same table (for queue jobs, of the same component and config),
//! newest first, and how long each took (created to end, queue wait included: what a
//! watcher waits for). Pure, over jobs already fetched.

use std::time::{Duration, Instant};

use crate::model::{Estimate, Job, QueueJob, QueueStatus, Status, Timestamp};

/// The estimate for `job` from `history` (newest first), when there are enough runs.
pub fn estimate(job: &Job, history: &[Job]) -> Option<Estimate> {
    let runs: Vec<Duration> = history
        .iter()
        .filter(|h| h.id != job.id && h.status == Status::Success)
        .filter(|h| h.operation_name == job.operation_name && h.table_id == job.table_id)
        .filter_map(|h| between(h.created_time, h.end_time))
        .collect();
    Estimate::from_runs(&runs)
}

/// The estimate for a queue job from `history` (newest first): its component's and
/// config's earlier successes.
pub fn queue_estimate(job: &QueueJob, history: &[QueueJob]) -> Option<Estimate> {
    let runs: Vec<Duration> = history
        .iter()
        .filter(|h| h.id != job.id && h.status == QueueStatus::Success)
        .filter(|h| h.component == job.component && h.config == job.config)
        .filter_map(|h| between(h.created_time, h.end_time))
        .collect();
    Estimate::from_runs(&runs)
}

/// How long a finished job took from its creation to its end.
fn between(from: Option<Timestamp>, to: Option<Timestamp>) -> Option<Duration> {
    Duration::try_from(to?.to_utc().duration_since(from?.to_utc())).ok()
}

/// When a job created at `created` had age 0, on the local clock, seen at `now`. The
/// server's times are whole seconds, so the true age is up to a second less than it
/// reads: half a second is taken off. Now for a job without a creation time or created
/// "in the future" (clock skew).
pub fn born(created: Option<Timestamp>, now: jiff::Timestamp) -> Instant {
    let age = created
        .and_then(|c| Duration::try_from(now.duration_since(c.to_utc())).ok())
        .map_or(Duration::ZERO, |age| {
            age.saturating_sub(Duration::from_millis(500))
        });
    Instant::now().checked_sub(age).unwrap_or_else(Instant::now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RawJob;

    fn job(id: u64, op: &str, table: &str, status: &str, took: u64) -> Job {
        let body = format!(
            r#"{{"id":{id},"status":"{status}","operationName":"{op}","tableId":"{table}",
            "createdTime":"2026-11-29T10:00:00+0100","startTime":"2026-11-29T10:00:01+0100",
            "endTime":"2026-11-29T10:{:02}:{:02}+0100"}}"#,
            took / 60,
            took % 60
        );
        RawJob::parse(&body).unwrap().job
    }

    #[test]
    fn runs_are_successes_of_the_same_operation_and_table() {
        let watched = job(9, "tableImport", "in.c-a.t", "processing", 0);
        let history = vec![
            job(8, "tableImport", "in.c-a.t", "success", 30),
            job(7, "tableImport", "in.c-a.other", "success", 500),
            job(6, "tableExport", "in.c-a.t", "success", 500),
            job(5, "tableImport", "in.c-a.t", "error", 1),
            job(4, "tableImport", "in.c-a.t", "success", 28),
            job(3, "tableImport", "in.c-a.t", "success", 33),
        ];
        let e = estimate(&watched, &history).unwrap();
        assert_eq!(e.runs, 3);
        assert_eq!(e.median, Duration::from_secs(30));
        assert_eq!(estimate(&watched, &history[..4]), None);
    }

    #[test]
    fn queue_runs_are_successes_of_the_same_component_and_config() {
        let q = |id: u64, config: &str, status: &str, end: &str| {
            let body = format!(
                r#"{{"id":"{id}","runId":"{id}","status":"{status}","component":"keboola.ex-http",
                "config":"{config}","createdTime":"2026-11-29T10:00:00+00:00",
                "endTime":"2026-11-29T10:00:{end}+00:00"}}"#
            );
            crate::model::RawQueueJob::parse(&body).unwrap().job
        };
        let watched = q(9, "7", "processing", "00");
        let history = vec![
            q(8, "7", "success", "20"),
            q(7, "8", "success", "50"),
            q(6, "7", "error", "01"),
            q(5, "7", "success", "22"),
            q(4, "7", "success", "18"),
        ];
        let e = queue_estimate(&watched, &history).unwrap();
        assert_eq!((e.runs, e.median), (3, Duration::from_secs(20)));
    }
}
