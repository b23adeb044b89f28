//! Simulated jobs: the `JobSpec` a test or data set describes, and its rendering into a job body
//! in the real dialect (field order, `+0100` times, absent keys). No I/O, no shared state.

use std::time::Duration;

use bytes::Bytes;
use serde::Serialize;
use serde_json::{Value, json};

use crate::model::Metrics;
use crate::sim::clock::{Lifecycle, Phase, format_ts};

/// What a job's `tableId` key looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableRef {
    /// `"tableId": "in.c-main.orders"`.
    Id(String),
    /// `"tableId": null` (workspace and branch jobs, and even `tableCreate`).
    Null,
    /// No `tableId` key at all (some operations, e.g. bucket jobs).
    Absent,
}

/// The token that created a job: `{"id": "27978", "description": "..."}` or with `name` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Creator {
    /// A string of digits.
    pub id: String,
    /// Present on most responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Present instead of `description` on some responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Creator {
    /// A creator token shown with a `description`.
    pub fn described(id: &str, description: &str) -> Creator {
        Creator {
            id: id.to_owned(),
            description: Some(description.to_owned()),
            name: None,
        }
    }

    /// A creator token shown with a `name` (older responses).
    pub fn named(id: &str, name: &str) -> Creator {
        Creator {
            id: id.to_owned(),
            description: None,
            name: Some(name.to_owned()),
        }
    }
}

/// The failure a job ends with: the job's `error.code` and `error.message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailure {
    /// E.g. `csvImport.columnsNotMatch`.
    pub code: String,
    /// Human text from the server.
    pub message: String,
}

/// A job to simulate: what it is, how it advances, and how it ends.
///
/// Build with [`JobSpec::success`] and the chained setters. Unless [`JobSpec::created_at`] pins it
/// to the wall clock, the job's clock starts when it is first requested (see [`crate::sim::Sim`]).
#[derive(Debug, Clone, PartialEq)]
pub struct JobSpec {
    /// The job id (served as a JSON integer).
    pub id: u64,
    /// `operationName`, an open string.
    pub operation_name: String,
    /// The `tableId` key.
    pub table_id: TableRef,
    /// `runId`; may be dotted for nested runs.
    pub run_id: Option<String>,
    /// `operationParams`, free-form.
    pub operation_params: Value,
    /// How long the job waits and processes.
    pub lifecycle: Lifecycle,
    /// `results` once terminal (null before; may be set on failed jobs too).
    pub results: Option<Value>,
    /// `Some` makes the job end in `error` with this failure.
    pub failure: Option<JobFailure>,
    /// Final metrics; `None` omits the `metrics` key entirely.
    pub metrics: Option<Metrics>,
    /// `creatorToken`.
    pub creator: Creator,
    /// Pins `createdTime` to these epoch seconds instead of the first request.
    pub created_at: Option<i64>,
}

impl JobSpec {
    /// A job that succeeds immediately when requested, with `results: null`, zero metrics,
    /// `tableId: null`, no run id and `operationParams: {"queue": "main"}`.
    pub fn success(id: u64, operation_name: &str) -> JobSpec {
        JobSpec {
            id,
            operation_name: operation_name.to_owned(),
            table_id: TableRef::Null,
            run_id: None,
            operation_params: json!({"queue": "main"}),
            lifecycle: Lifecycle::default(),
            results: None,
            failure: None,
            metrics: Some(Metrics::default()),
            creator: Creator::described("27978", "demo@example.com"),
            created_at: None,
        }
    }

    /// Sets the table id (`tableId: "..."`).
    pub fn table(mut self, table_id: &str) -> JobSpec {
        self.table_id = TableRef::Id(table_id.to_owned());
        self
    }

    /// Sets the `tableId` key's shape directly (e.g. [`TableRef::Absent`]).
    pub fn table_ref(mut self, table_id: TableRef) -> JobSpec {
        self.table_id = table_id;
        self
    }

    /// Sets the run id.
    pub fn run_id(mut self, run_id: &str) -> JobSpec {
        self.run_id = Some(run_id.to_owned());
        self
    }

    /// Sets `operationParams`.
    pub fn params(mut self, params: Value) -> JobSpec {
        self.operation_params = params;
        self
    }

    /// Time spent `waiting` after the clock starts.
    pub fn waiting(mut self, d: Duration) -> JobSpec {
        self.lifecycle.waiting = d;
        self
    }

    /// Time spent `processing` after waiting.
    pub fn processing(mut self, d: Duration) -> JobSpec {
        self.lifecycle.processing = d;
        self
    }

    /// `results` once the job is terminal (success or error).
    pub fn results(mut self, results: Value) -> JobSpec {
        self.results = Some(results);
        self
    }

    /// Makes the job end in `error` with this code and message.
    pub fn fails(mut self, code: &str, message: &str) -> JobSpec {
        self.failure = Some(JobFailure {
            code: code.to_owned(),
            message: message.to_owned(),
        });
        self
    }

    /// Final metrics.
    pub fn metrics(mut self, metrics: Metrics) -> JobSpec {
        self.metrics = Some(metrics);
        self
    }

    /// Omits the `metrics` key (some real responses do).
    pub fn without_metrics(mut self) -> JobSpec {
        self.metrics = None;
        self
    }

    /// Sets the creator token.
    pub fn creator(mut self, creator: Creator) -> JobSpec {
        self.creator = creator;
        self
    }

    /// Pins `createdTime` to these epoch seconds: the timeline then runs on the wall clock from
    /// there, so a job created long enough ago is already finished.
    pub fn created_at(mut self, epoch_secs: i64) -> JobSpec {
        self.created_at = Some(epoch_secs);
        self
    }

    /// The `exceptionId` of this job's failure, derived from its id.
    pub(crate) fn exception_id(&self) -> String {
        format!(
            "keboola-connection-{:016x}",
            self.id.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        )
    }
}

/// A job's computed state at one instant: what the list filters look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JobMeta {
    pub(crate) status: Option<String>,
    pub(crate) created: Option<i64>,
    pub(crate) start: Option<i64>,
    pub(crate) end: Option<i64>,
}

/// The status string of a phase for a spec.
fn status_of(spec: &JobSpec, phase: Phase) -> &'static str {
    match phase {
        Phase::Waiting => "waiting",
        Phase::Processing => "processing",
        Phase::Done if spec.failure.is_some() => "error",
        Phase::Done => "success",
    }
}

/// Where a job stands: its phase and its created/start/end times (epoch ms).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Snapshot {
    pub(crate) phase: Phase,
    pub(crate) created_ms: i64,
}

impl Snapshot {
    /// The snapshot of `spec`, created at `created_ms`, seen at `now_ms`.
    pub(crate) fn at(spec: &JobSpec, created_ms: i64, now_ms: i64) -> Snapshot {
        Snapshot {
            phase: spec.lifecycle.phase(now_ms.saturating_sub(created_ms)),
            created_ms,
        }
    }

    pub(crate) fn meta(&self, spec: &JobSpec) -> JobMeta {
        let (start_ms, end_ms) = spec.lifecycle.marks_ms(self.created_ms);
        JobMeta {
            status: Some(status_of(spec, self.phase).to_owned()),
            created: Some(self.created_ms.div_euclid(1000)),
            start: (self.phase != Phase::Waiting).then_some(start_ms.div_euclid(1000)),
            end: (self.phase == Phase::Done).then_some(end_ms.div_euclid(1000)),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JobJson<'a> {
    id: u64,
    status: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    table_id: Option<Option<&'a str>>,
    operation_name: &'a str,
    operation_params: &'a Value,
    created_time: String,
    start_time: Option<String>,
    end_time: Option<String>,
    run_id: Option<&'a str>,
    results: Option<&'a Value>,
    creator_token: &'a Creator,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<Metrics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorJson<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorJson<'a> {
    code: &'a str,
    message: &'a str,
    exception_id: String,
}

/// Stands in for the base URL so a body can be serialised once and the base spliced in later.
pub(crate) const BASE_SENTINEL: &str = "\u{1}SIM-BASE\u{1}";

/// A job body split around its base URL: `head` ends with `"url":"`, `tail` starts with
/// `/v2/storage/jobs/{id}"`. Serving it is `head + escaped base + tail`.
#[derive(Debug, Clone)]
pub(crate) struct SplitBody {
    pub(crate) head: Bytes,
    pub(crate) tail: Bytes,
}

impl SplitBody {
    /// `body` split around [`BASE_SENTINEL`] as JSON escapes it (`\u0001SIM-BASE\u0001`):
    /// its first occurrence, or its `last` where a string before it may hold one. A body
    /// without it is all head.
    pub(crate) fn at_sentinel(mut body: Bytes, last: bool) -> SplitBody {
        let escaped = b"\\u0001SIM-BASE\\u0001";
        let mut places = body.windows(escaped.len());
        let found = match last {
            true => places.rposition(|w| w == escaped),
            false => places.position(|w| w == escaped),
        };
        match found {
            Some(at) => {
                let head = body.split_to(at);
                SplitBody {
                    head,
                    tail: body.split_off(escaped.len()),
                }
            }
            None => SplitBody {
                head: body,
                tail: Bytes::new(),
            },
        }
    }
}

/// Renders `spec` as it looks in `snap`, split around the base URL.
pub(crate) fn render_split(spec: &JobSpec, snap: Snapshot) -> SplitBody {
    let url = format!("{BASE_SENTINEL}/v2/storage/jobs/{}", spec.id);
    // The url is the first string that can hold the sentinel, since only the integer id
    // and the fixed status word come before it.
    SplitBody::at_sentinel(Bytes::from(render(spec, snap, &url).into_bytes()), false)
}

/// Renders `spec` as it looks in `snap`, with `url` as its `url` value.
pub(crate) fn render(spec: &JobSpec, snap: Snapshot, url: &str) -> String {
    let (start_ms, end_ms) = spec.lifecycle.marks_ms(snap.created_ms);
    let done = snap.phase == Phase::Done;
    let zero = Metrics::default();
    let body = JobJson {
        id: spec.id,
        status: status_of(spec, snap.phase),
        url,
        table_id: match &spec.table_id {
            TableRef::Id(t) => Some(Some(t.as_str())),
            TableRef::Null => Some(None),
            TableRef::Absent => None,
        },
        operation_name: &spec.operation_name,
        operation_params: &spec.operation_params,
        created_time: format_ts(snap.created_ms.div_euclid(1000)),
        start_time: (snap.phase != Phase::Waiting).then(|| format_ts(start_ms.div_euclid(1000))),
        end_time: done.then(|| format_ts(end_ms.div_euclid(1000))),
        run_id: spec.run_id.as_deref(),
        results: if done { spec.results.as_ref() } else { None },
        creator_token: &spec.creator,
        metrics: spec.metrics.map(|m| if done { m } else { zero }),
        error: match (&spec.failure, done) {
            (Some(f), true) => Some(ErrorJson {
                code: &f.code,
                message: &f.message,
                exception_id: spec.exception_id(),
            }),
            _ => None,
        },
    };
    // Serialising plain structs, strings and `Value`s into a String cannot fail.
    serde_json::to_string(&body).unwrap_or_default()
}

/// Escapes a base URL for splicing into a JSON string (without the surrounding quotes).
pub(crate) fn escape_base(base: &str) -> String {
    let quoted = serde_json::to_string(base).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(body: &str) -> Vec<String> {
        // Walk the top-level keys in order with a tiny scanner over serde_json's stream.
        let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let mut found: Vec<(usize, String)> = v
            .as_object()
            .map(|o| {
                o.keys()
                    .filter_map(|k| body.find(&format!("\"{k}\":")).map(|i| (i, k.clone())))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found.into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn failed_job_has_real_key_order_and_error_last() {
        let spec = JobSpec::success(7, "tableImport")
            .table("in.c-main.orders")
            .fails("csvImport.columnsNotMatch", "Some columns are missing")
            .results(json!({"missingColumns": ["x"]}));
        let body = render(
            &spec,
            Snapshot::at(&spec, 0, 10),
            "http://h/v2/storage/jobs/7",
        );
        assert_eq!(
            keys(&body),
            [
                "id",
                "status",
                "url",
                "tableId",
                "operationName",
                "operationParams",
                "createdTime",
                "startTime",
                "endTime",
                "runId",
                "results",
                "creatorToken",
                "metrics",
                "error"
            ]
        );
        assert!(body.contains("\"status\":\"error\""));
        assert!(body.contains("\"createdTime\":\"1970-01-01T01:00:00+0100\""));
    }

    #[test]
    fn waiting_job_has_nulls_zero_metrics_and_no_error() {
        let spec = JobSpec::success(8, "tableDrop")
            .waiting(Duration::from_secs(5))
            .results(json!({"x": 1}))
            .metrics(Metrics {
                in_bytes: 5,
                ..Metrics::default()
            })
            .fails("a", "b")
            .table_ref(TableRef::Absent);
        let body = render(&spec, Snapshot::at(&spec, 0, 10), "u");
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        assert_eq!(v["status"], "waiting");
        assert_eq!(v["startTime"], Value::Null);
        assert_eq!(v["endTime"], Value::Null);
        assert_eq!(v["results"], Value::Null);
        assert_eq!(v["metrics"]["inBytes"], 0);
        assert!(v.get("error").is_none());
        assert!(v.get("tableId").is_none());
    }

    #[test]
    fn split_body_splices_the_base_back() {
        let spec = JobSpec::success(9, "tableExport");
        let snap = Snapshot::at(&spec, 0, 0);
        let split = render_split(&spec, snap);
        let mut joined = split.head.to_vec();
        joined.extend_from_slice(escape_base("http://127.0.0.1:1").as_bytes());
        joined.extend_from_slice(&split.tail);
        assert_eq!(
            String::from_utf8_lossy(&joined),
            render(&spec, snap, "http://127.0.0.1:1/v2/storage/jobs/9")
        );
    }
}
