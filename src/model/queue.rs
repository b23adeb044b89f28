//! The typed view of one Queue API job (component runs, flows, their phases and tasks; see
//! QUEUE-API-NOTES). Lenient like `job.rs`: ids as digit strings or integers, `[]` for empty
//! objects, null times, unknown statuses and types. Only a missing `id`/`status` is fatal.

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::job::{CreatorToken, job_id, lenient, text, time};
use super::time::Timestamp;

/// A queue job's status; unknown values are kept and count as not finished.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum QueueStatus {
    Created,
    Waiting,
    Processing,
    Success,
    Warning,
    Error,
    Terminating,
    Terminated,
    Cancelled,
    Other(String),
}

impl QueueStatus {
    pub fn parse(s: &str) -> QueueStatus {
        match s {
            "created" => QueueStatus::Created,
            "waiting" => QueueStatus::Waiting,
            "processing" => QueueStatus::Processing,
            "success" => QueueStatus::Success,
            "warning" => QueueStatus::Warning,
            "error" => QueueStatus::Error,
            "terminating" => QueueStatus::Terminating,
            "terminated" => QueueStatus::Terminated,
            "cancelled" => QueueStatus::Cancelled,
            other => QueueStatus::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            QueueStatus::Created => "created",
            QueueStatus::Waiting => "waiting",
            QueueStatus::Processing => "processing",
            QueueStatus::Success => "success",
            QueueStatus::Warning => "warning",
            QueueStatus::Error => "error",
            QueueStatus::Terminating => "terminating",
            QueueStatus::Terminated => "terminated",
            QueueStatus::Cancelled => "cancelled",
            QueueStatus::Other(s) => s,
        }
    }

    /// success, warning, error, terminated and cancelled are final; an unknown status is
    /// not, so that a watcher keeps asking rather than guessing.
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            QueueStatus::Success
                | QueueStatus::Warning
                | QueueStatus::Error
                | QueueStatus::Terminated
                | QueueStatus::Cancelled
        )
    }

    /// Finished without doing what it should: error, terminated, cancelled.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            QueueStatus::Error | QueueStatus::Terminated | QueueStatus::Cancelled
        )
    }
}

impl fmt::Display for QueueStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finished job reports in `result` (which is `[]` while it runs).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueResult {
    pub message: Option<String>,
    pub config_version: Option<String>,
    /// `user` or `application`.
    pub error_type: Option<String>,
    pub exception_id: Option<String>,
    /// `result.output.tables[].id`.
    pub output_tables: Vec<String>,
    /// A flow's plan: `result.phases[]` and `result.tasks[]` (empty for other jobs).
    pub phases: Vec<FlowStep>,
    pub tasks: Vec<FlowStep>,
}

/// A phase or a task of a flow as its result names it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlowStep {
    pub id: String,
    pub name: String,
    /// A task's queue job.
    pub job_id: Option<String>,
    /// A task's phase id.
    pub phase: Option<String>,
    /// How it ended (or stands), as the server spells it; `None` when not said.
    pub status: Option<String>,
}

/// `metrics.storage` and `metrics.backend.size`; `[]` or absent decodes as `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueMetrics {
    pub input_bytes: Option<u64>,
    pub output_bytes: Option<u64>,
    pub backend_size: Option<String>,
}

/// One Queue API job, as far as jobctl needs to understand it; the raw bytes stay the
/// source of truth for JSON output (see `Raw`).
#[derive(Debug, Clone, PartialEq)]
pub struct QueueJob {
    pub id: u64,
    /// Dotted path of the run; a top-level job's is its id.
    pub run_id: String,
    /// The parent's runId; `None` at the top (`""` or null).
    pub parent_run_id: Option<String>,
    pub status: QueueStatus,
    pub desired_status: Option<String>,
    /// The server's `isFinished`, when it sent a boolean.
    pub finished_flag: Option<bool>,
    pub component: Option<String>,
    pub config: Option<String>,
    pub mode: Option<String>,
    /// `standard`, `container`, `phaseContainer`, `orchestrationContainer`,
    /// `retryContainer`, or whatever else the server sends.
    pub job_type: Option<String>,
    pub on_error: Option<String>,
    /// `configData.phaseId` of a phase container.
    pub phase_id: Option<String>,
    pub orchestration_task_id: Option<String>,
    pub created_time: Option<Timestamp>,
    pub start_time: Option<Timestamp>,
    pub end_time: Option<Timestamp>,
    pub duration_seconds: Option<u64>,
    pub result: Option<QueueResult>,
    pub metrics: Option<QueueMetrics>,
    pub token: Option<CreatorToken>,
    pub project: Option<(Option<String>, Option<String>)>,
    pub branch_id: Option<String>,
    pub url: Option<String>,
    /// Names the job's own body does not carry, filled in by whoever knows them (boxed:
    /// most jobs never get any, and a job stays small).
    names: Option<Box<JobNames>>,
}

/// What a person calls a queue job: its configuration's name (the Storage API's
/// components), and in a flow the name of its phase or task (the flow's `result`); and
/// where a person opens it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobNames {
    pub config: Option<String>,
    pub step: Option<String>,
    /// The job's page in the UI (see [`super::ui_page`]), where the stack is known.
    pub page: Option<String>,
}

impl QueueJob {
    /// What is known of the job's names (nothing until someone fills them in).
    pub fn names(&self) -> &JobNames {
        static NONE: JobNames = JobNames {
            config: None,
            step: None,
            page: None,
        };
        self.names.as_deref().unwrap_or(&NONE)
    }

    pub fn names_mut(&mut self) -> &mut JobNames {
        self.names.get_or_insert_with(Box::default)
    }

    /// A job known by its id and status alone (its run id is its id), every other field
    /// empty: the start of the head a brief stands in for (see `brief.rs`).
    pub(super) fn bare(id: u64, status: QueueStatus) -> QueueJob {
        QueueJob {
            id,
            run_id: id.to_string(),
            parent_run_id: None,
            status,
            desired_status: None,
            finished_flag: None,
            component: None,
            config: None,
            mode: None,
            job_type: None,
            on_error: None,
            phase_id: None,
            orchestration_task_id: None,
            created_time: None,
            start_time: None,
            end_time: None,
            duration_seconds: None,
            result: None,
            metrics: None,
            token: None,
            project: None,
            branch_id: None,
            url: None,
            names: None,
        }
    }

    /// The status decides for the statuses jobctl knows; for an unknown one the server's
    /// `isFinished` does, and without it the job counts as running.
    pub fn is_finished(&self) -> bool {
        match &self.status {
            QueueStatus::Other(_) => self.finished_flag.unwrap_or(false),
            s => s.is_finished(),
        }
    }

    /// Containers are virtual jobs that hold others (flows, phases, retries).
    pub fn is_container(&self) -> bool {
        self.job_type
            .as_deref()
            .is_some_and(|t| t != "standard" && t.to_ascii_lowercase().ends_with("container"))
    }

    /// How long it ran (start to end; for a running job, start to `now`).
    pub fn duration(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        let start = self.start_time?.to_utc();
        let end = match self.end_time {
            Some(end) => end.to_utc(),
            None if !self.is_finished() => now,
            None => return None,
        };
        Some(end.duration_since(start).max(jiff::SignedDuration::ZERO))
    }

    /// How long it waited before it started (or until `now`).
    pub fn queued(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        let created = self.created_time?.to_utc();
        let start = match self.start_time {
            Some(start) => start.to_utc(),
            None if !self.is_finished() => now,
            None => self.end_time?.to_utc(),
        };
        Some(
            start
                .duration_since(created)
                .max(jiff::SignedDuration::ZERO),
        )
    }

    /// The text a storage job's `runId` holds when this job caused it: the plain id.
    pub fn storage_run_id(&self) -> String {
        self.id.to_string()
    }

    pub fn error_message(&self) -> Option<&str> {
        let r = self.result.as_ref()?;
        if self.status.is_failure() || r.error_type.is_some() {
            r.message.as_deref()
        } else {
            None
        }
    }
}

impl<'de> Deserialize<'de> for QueueJob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<QueueJob, D::Error> {
        let w = Wire::deserialize(d)?;
        let id = job_id(&w.id)?;
        let status = match &w.status {
            Value::Null => return Err(serde::de::Error::missing_field("status")),
            v => QueueStatus::parse(&text(v).unwrap_or_default()),
        };
        let nonempty = |v: &Value| text(v).filter(|s| !s.is_empty());
        Ok(QueueJob {
            id,
            run_id: nonempty(&w.run_id).unwrap_or_else(|| id.to_string()),
            parent_run_id: nonempty(&w.parent_run_id),
            status,
            desired_status: nonempty(&w.desired_status),
            finished_flag: w.is_finished.as_bool(),
            component: nonempty(&w.component),
            config: nonempty(&w.config),
            mode: nonempty(&w.mode),
            job_type: nonempty(&w.job_type),
            on_error: w.behavior.get("onError").and_then(nonempty),
            phase_id: w.config_data.get("phaseId").and_then(nonempty),
            orchestration_task_id: nonempty(&w.orchestration_task_id),
            created_time: time(&w.created_time),
            start_time: time(&w.start_time),
            end_time: time(&w.end_time),
            duration_seconds: w.duration_seconds.as_u64(),
            result: result(&w.result),
            metrics: metrics(&w.metrics),
            token: w.token.as_object().map(|o| CreatorToken {
                id: o.get("id").and_then(text),
                description: o.get("description").and_then(text),
            }),
            project: w
                .project
                .as_object()
                .map(|o| (o.get("id").and_then(text), o.get("name").and_then(text))),
            branch_id: nonempty(&w.branch_id),
            url: nonempty(&w.url),
            names: None,
        })
    }
}

/// Every field optional and untyped, so that an odd value in one cannot sink the job.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(default, deserialize_with = "lenient")]
    id: Value,
    #[serde(default, deserialize_with = "lenient")]
    run_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    parent_run_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    status: Value,
    #[serde(default, deserialize_with = "lenient")]
    desired_status: Value,
    #[serde(default, deserialize_with = "lenient")]
    is_finished: Value,
    #[serde(default, deserialize_with = "lenient")]
    component: Value,
    #[serde(default, deserialize_with = "lenient")]
    config: Value,
    #[serde(default, deserialize_with = "lenient")]
    mode: Value,
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    job_type: Value,
    #[serde(default, deserialize_with = "lenient")]
    behavior: Value,
    #[serde(default, deserialize_with = "lenient")]
    config_data: Value,
    #[serde(default, deserialize_with = "lenient")]
    orchestration_task_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    created_time: Value,
    #[serde(default, deserialize_with = "lenient")]
    start_time: Value,
    #[serde(default, deserialize_with = "lenient")]
    end_time: Value,
    #[serde(default, deserialize_with = "lenient")]
    duration_seconds: Value,
    #[serde(default, deserialize_with = "lenient")]
    result: Value,
    #[serde(default, deserialize_with = "lenient")]
    metrics: Value,
    #[serde(default, deserialize_with = "lenient")]
    token: Value,
    #[serde(default, deserialize_with = "lenient")]
    project: Value,
    #[serde(default, deserialize_with = "lenient")]
    branch_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    url: Value,
}

fn result(v: &Value) -> Option<QueueResult> {
    let o = v.as_object().filter(|o| !o.is_empty())?;
    let field = |k: &str| o.get(k).and_then(text).filter(|s| !s.is_empty());
    let error = o.get("error").and_then(Value::as_object);
    let efield = |k: &str| error.and_then(|e| e.get(k)).and_then(text);
    let output_tables = o
        .get("output")
        .and_then(|out| out.get("tables"))
        .and_then(Value::as_array)
        .map(|tables| {
            tables
                .iter()
                .filter_map(|t| t.get("id").and_then(text))
                .collect()
        })
        .unwrap_or_default();
    Some(QueueResult {
        message: field("message"),
        config_version: field("configVersion"),
        error_type: efield("type"),
        exception_id: efield("exceptionId"),
        output_tables,
        phases: steps(o.get("phases")),
        tasks: steps(o.get("tasks")),
    })
}

/// `result.phases[]` / `result.tasks[]`: the entries with an id and a name; anything else
/// (absent, `[]`, an odd entry) is left out.
fn steps(v: Option<&Value>) -> Vec<FlowStep> {
    let Some(items) = v.and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let field = |k: &str| item.get(k).and_then(text).filter(|s| !s.is_empty());
            Some(FlowStep {
                id: field("id")?,
                name: field("name")?,
                job_id: field("jobId"),
                phase: field("phase"),
                status: field("status"),
            })
        })
        .collect()
}

fn metrics(v: &Value) -> Option<QueueMetrics> {
    let o = v.as_object().filter(|o| !o.is_empty())?;
    let storage = o.get("storage");
    let n = |k: &str| storage.and_then(|s| s.get(k)).and_then(Value::as_u64);
    Some(QueueMetrics {
        input_bytes: n("inputTablesBytesSum"),
        output_bytes: n("outputTablesBytesSum"),
        backend_size: o.get("backend").and_then(|b| b.get("size")).and_then(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> QueueJob {
        let path = format!("{}/tests/fixtures/queue/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_flow_result_names_its_phases_and_tasks() {
        let j = fixture("queue-flow-result-names.json");
        let r = j.result.unwrap();
        let phases: Vec<(&str, &str)> = r
            .phases
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(phases, [("4821", "Extract"), ("4822", "Load")]);
        assert_eq!(r.tasks.len(), 4);
        assert_eq!(
            r.tasks[2],
            FlowStep {
                id: "10881".into(),
                name: "Customers sheet".into(),
                job_id: Some("10441233".into()),
                phase: Some("4822".into()),
                status: Some("error".into()),
            }
        );
        // Other jobs' results have none, and `[]` or odd entries are no steps.
        assert!(
            fixture("queue-standard-error.json")
                .result
                .unwrap()
                .tasks
                .is_empty()
        );
        let odd: QueueJob = serde_json::from_str(
            r#"{"id":"1","status":"success","result":{"phases":[],"tasks":[{"id":"1"},7,{"id":"2","name":"Two"}]}}"#,
        )
        .unwrap();
        assert_eq!(odd.result.unwrap().tasks.len(), 1);
    }

    #[test]
    fn a_flow_that_runs_has_empty_arrays_for_result_and_metrics() {
        let j = fixture("queue-flow-processing.json");
        assert_eq!(j.id, 10440530);
        assert_eq!(j.run_id, "10440530");
        assert_eq!(j.parent_run_id, None);
        assert_eq!(j.status, QueueStatus::Processing);
        assert!(!j.is_finished());
        assert!(j.is_container());
        assert_eq!(j.job_type.as_deref(), Some("orchestrationContainer"));
        assert_eq!(j.result, None);
        assert_eq!(j.metrics, None);
        assert_eq!(j.end_time, None);
        assert_eq!(j.on_error.as_deref(), Some("stop"));
        assert_eq!(
            j.url.as_deref(),
            Some("https://queue.keboola.com/jobs/10440530")
        );
        assert_eq!(
            j.created_time.map(|t| t.to_rfc3339()).as_deref(),
            Some("2022-01-24T22:40:58+00:00")
        );
    }

    #[test]
    fn a_number_beyond_f64_counts_as_nothing_and_sinks_no_job() {
        let body = r#"{"id":"5","status":"success","durationSeconds":1e400,
            "metrics":{"storage":{"inputTablesBytesSum":1e400,"outputTablesBytesSum":7}},
            "result":{"message":"done","output":{"tables":[{"id":"in.c-a.b","rows":1e999}]}}}"#;
        let j: QueueJob = serde_json::from_str(body).unwrap();
        assert_eq!(j.duration_seconds, None);
        assert_eq!(j.metrics, None);
        // The field that holds one is what counts as nothing, not the job.
        assert_eq!(j.result, None);
        let head = crate::model::RawQueueJob::parse_head(body).unwrap();
        assert_eq!((head.job.id, head.job.status), (5, QueueStatus::Success));
        // A job needs its id, however big the number.
        let huge = r#"{"id":1e400,"status":"success"}"#;
        assert!(serde_json::from_str::<QueueJob>(huge).is_err());
        assert!(crate::model::RawQueueJob::parse_head(huge).is_err());
    }

    #[test]
    fn a_phase_knows_its_parent_and_phase_id() {
        let j = fixture("queue-phase-waiting.json");
        assert_eq!(j.parent_run_id.as_deref(), Some("10440530"));
        assert_eq!(j.phase_id.as_deref(), Some("2"));
        assert_eq!(j.status, QueueStatus::Waiting);
        assert_eq!(j.duration_seconds, None);
        assert_eq!(j.start_time, None);
    }

    #[test]
    fn a_task_keeps_its_output_tables_and_metrics() {
        let j = fixture("queue-standard-success.json");
        assert_eq!(j.run_id, "10440530.10440533.10440535");
        assert!(!j.is_container());
        assert_eq!(j.duration_seconds, Some(165));
        let r = j.result.clone().unwrap();
        assert_eq!(r.output_tables, ["in.c-snowflake.orders"]);
        assert_eq!(r.config_version.as_deref(), Some("12"));
        assert_eq!(j.error_message(), None);
        let m = j.metrics.clone().unwrap();
        assert_eq!(m.output_bytes, Some(5_242_880));
        assert_eq!(m.backend_size.as_deref(), Some("small"));
        assert_eq!(j.orchestration_task_id.as_deref(), Some("3"));
        let now = jiff::Timestamp::now();
        assert_eq!(j.queued(now), Some(jiff::SignedDuration::from_secs(15)));
        assert_eq!(j.duration(now), Some(jiff::SignedDuration::from_secs(165)));
        assert_eq!(j.storage_run_id(), "10440535");
    }

    #[test]
    fn a_failed_job_keeps_the_error_type_and_exception() {
        let j = fixture("queue-standard-error.json");
        assert_eq!(j.status, QueueStatus::Error);
        assert!(j.status.is_failure());
        let r = j.result.clone().unwrap();
        assert_eq!(r.error_type.as_deref(), Some("user"));
        assert_eq!(
            r.exception_id.as_deref(),
            Some("exception-27b5c0ee49f1b6d1a6c2")
        );
        assert_eq!(
            j.error_message(),
            Some("Script file /data/script.py failed: KeyError: 'customer_id'")
        );
        assert_eq!(
            j.token.unwrap().description.as_deref(),
            Some("jan.kovar@acme-analytics.io")
        );
    }

    #[test]
    fn integer_ids_unknown_statuses_and_odd_types_decode() {
        let j: QueueJob = serde_json::from_str(
            r#"{"id":77,"status":"paused","isFinished":false,"runId":null,"result":"x",
                "metrics":{"storage":[]},"behavior":[],"configData":[],"type":7}"#,
        )
        .unwrap();
        assert_eq!(j.id, 77);
        assert_eq!(j.run_id, "77");
        assert_eq!(j.status, QueueStatus::Other("paused".into()));
        assert!(!j.is_finished());
        assert_eq!(j.result, None);
        assert_eq!(j.metrics, Some(QueueMetrics::default()));
        assert_eq!(j.job_type.as_deref(), Some("7"));
        let done: QueueJob =
            serde_json::from_str(r#"{"id":"8","status":"archived","isFinished":true}"#).unwrap();
        assert!(done.is_finished());
        for bad in [
            r#"{"id":"8x","status":"success"}"#,
            r#"{"id":"8"}"#,
            r#"{"status":"success"}"#,
        ] {
            assert!(serde_json::from_str::<QueueJob>(bad).is_err(), "{bad}");
        }
    }
}
