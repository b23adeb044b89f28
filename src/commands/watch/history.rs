//! Which earlier jobs are runs of a watched job: the finished successes of the same
//! operation on the same table, newest first, and how long each took (created to end,
//! queue wait included: what a watcher waits for). Pure, over jobs already fetched.

use std::time::Duration;

use crate::model::{Estimate, Job, Status};

/// The estimate for `job` from `history` (newest first), when there are enough runs.
pub fn estimate(job: &Job, history: &[Job]) -> Option<Estimate> {
    let runs: Vec<Duration> = history
        .iter()
        .filter(|h| h.id != job.id && h.status == Status::Success)
        .filter(|h| h.operation_name == job.operation_name && h.table_id == job.table_id)
        .filter_map(took)
        .collect();
    Estimate::from_runs(&runs)
}

/// How long a finished job took from its creation to its end.
fn took(job: &Job) -> Option<Duration> {
    let (created, end) = (job.created_time?, job.end_time?);
    (end - created).to_std().ok()
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
}
