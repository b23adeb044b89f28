//! The typed view of one storage job. Lenient by design: the API omits keys, sends ids as
//! numbers or strings, `results` as `[]`, and adds fields over time. Only a missing or
//! unusable `id`/`status` makes a body "not a job"; anything else odd decodes as unknown.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, de};
use serde_json::Value;

use super::time::{Timestamp, parse_timestamp};

/// A job's status. The API knows four; anything else is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Waiting,
    Processing,
    Success,
    Error,
    Other(String),
}

impl Status {
    pub fn parse(s: &str) -> Status {
        match s {
            "waiting" => Status::Waiting,
            "processing" => Status::Processing,
            "success" => Status::Success,
            "error" => Status::Error,
            other => Status::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Status::Waiting => "waiting",
            Status::Processing => "processing",
            Status::Success => "success",
            Status::Error => "error",
            Status::Other(s) => s,
        }
    }

    /// `success` and `error` are final; a status we do not know is treated as still
    /// running, so that a watcher keeps asking rather than reporting a guess.
    pub fn is_finished(&self) -> bool {
        matches!(self, Status::Success | Status::Error)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The token that started the job. `id` arrives as a digit string (or a number).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreatorToken {
    pub id: Option<String>,
    /// `description`, or `name` where a response carries that instead.
    pub description: Option<String>,
}

/// Transfer metrics; all zero while a job waits, sometimes absent altogether. Serialises
/// in the API's form (the simulator writes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub in_compressed: bool,
    pub in_bytes: u64,
    pub in_bytes_uncompressed: u64,
    pub out_compressed: bool,
    pub out_bytes: u64,
    pub out_bytes_uncompressed: u64,
}

impl Metrics {
    /// Uncompressed size over transferred size of the input, when both are known.
    pub fn in_ratio(&self) -> Option<f64> {
        ratio(self.in_bytes_uncompressed, self.in_bytes)
    }

    /// Uncompressed size over transferred size of the output, when both are known.
    pub fn out_ratio(&self) -> Option<f64> {
        ratio(self.out_bytes_uncompressed, self.out_bytes)
    }
}

fn ratio(uncompressed: u64, transferred: u64) -> Option<f64> {
    (uncompressed > 0 && transferred > 0).then(|| uncompressed as f64 / transferred as f64)
}

/// Why a job failed: `code` is usually a string like `csvImport.columnsNotMatch`, sometimes
/// a number; both are kept as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobError {
    pub code: Option<String>,
    pub message: Option<String>,
    pub exception_id: Option<String>,
    pub uuid: Option<String>,
    pub context_params: Option<Value>,
}

/// One storage job, as far as jobctl needs to understand it. The raw JSON stays the
/// source of truth for JSON output (see `RawJob`).
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: u64,
    pub status: Status,
    pub url: Option<String>,
    pub table_id: Option<String>,
    pub operation_name: String,
    pub operation_params: Option<Value>,
    pub created_time: Option<Timestamp>,
    pub start_time: Option<Timestamp>,
    pub end_time: Option<Timestamp>,
    pub run_id: Option<String>,
    /// `None` for null, absent and the empty array `[]` the API sends for "nothing".
    pub results: Option<Value>,
    pub creator_token: Option<CreatorToken>,
    pub metrics: Option<Metrics>,
    pub error: Option<JobError>,
}

impl Job {
    pub fn is_finished(&self) -> bool {
        self.status.is_finished()
    }

    /// How long the job ran (start to end); for a running job, start to `now`.
    /// `None` while it has not started or when the times are unknown.
    pub fn duration(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        let start = self.start_time?;
        let end = match self.end_time {
            Some(end) => end.to_utc(),
            None if !self.is_finished() => now,
            None => return None,
        };
        Some(
            end.duration_since(start.to_utc())
                .max(jiff::SignedDuration::ZERO),
        )
    }

    /// How long the job waited in the queue before it started (or until `now`).
    pub fn queued(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        let created = self.created_time?.to_utc();
        let start = match self.start_time {
            Some(start) => start.to_utc(),
            None if !self.is_finished() => now,
            None => return None,
        };
        Some(
            start
                .duration_since(created)
                .max(jiff::SignedDuration::ZERO),
        )
    }

    pub fn creator(&self) -> Option<&str> {
        self.creator_token.as_ref()?.description.as_deref()
    }

    /// A job known by its id and status alone, every other field empty: the start of the
    /// head a brief stands in for (see `brief.rs`).
    pub(super) fn bare(id: u64, status: Status) -> Job {
        Job {
            id,
            status,
            url: None,
            table_id: None,
            operation_name: String::new(),
            operation_params: None,
            created_time: None,
            start_time: None,
            end_time: None,
            run_id: None,
            results: None,
            creator_token: None,
            metrics: None,
            error: None,
        }
    }
}

impl<'de> Deserialize<'de> for Job {
    /// The quick reading, every field as a `Value`: a field holding what a `Value` cannot
    /// (a number beyond f64, a lone surrogate) fails the job here, and [`Job::from_json`]
    /// reads such a text again with that field as nothing.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Job, D::Error> {
        Job::from_wire(Wire::<Value>::deserialize(d)?)
    }
}

impl Job {
    /// Decodes a job from its JSON text: quickly, and where that fails, again field by
    /// field, a field holding what a `Value` cannot (`1e400` anywhere inside it) being
    /// nothing, so that one odd number sinks no job, as no other odd value does.
    pub fn from_json(text: &str) -> Result<Job, serde_json::Error> {
        serde_json::from_str(text)
            .or_else(|_| Job::from_wire(serde_json::from_str::<Wire<Lenient>>(text)?))
    }

    fn from_wire<F: Field, E: de::Error>(w: Wire<F>) -> Result<Job, E> {
        let id = job_id(w.id.get())?;
        let status = job_status(w.status.get())?;
        Ok(Job {
            id,
            status,
            url: text(w.url.get()),
            table_id: text(w.table_id.get()),
            operation_name: text(w.operation_name.get()).unwrap_or_default(),
            operation_params: not_null(w.operation_params.take()),
            created_time: time(w.created_time.get()),
            start_time: time(w.start_time.get()),
            end_time: time(w.end_time.get()),
            run_id: text(w.run_id.get()),
            results: match w.results.take() {
                Value::Null => None,
                Value::Array(a) if a.is_empty() => None,
                v => Some(v),
            },
            creator_token: creator(w.creator_token.get()),
            metrics: metrics(w.metrics.get()),
            error: job_error(w.error.get()),
        })
    }
}

/// A JSON integer or a string of digits.
pub(super) fn job_id<E: de::Error>(v: &Value) -> Result<u64, E> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    }
    .ok_or_else(|| {
        let shown: String = v.to_string().chars().take(40).collect();
        E::custom(format!("{shown} is not a job id"))
    })
}

fn job_status<E: de::Error>(v: &Value) -> Result<Status, E> {
    match v {
        Value::Null => Err(E::missing_field("status")),
        v => Ok(Status::parse(&text(v).unwrap_or_default())),
    }
}

/// A field as JSON, or null when it holds what a `Value` cannot (a number beyond f64,
/// such as `1e400`, or a lone surrogate escape, anywhere inside it): one odd number must
/// not sink the job, as no other odd value does.
pub(super) fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_str(raw.get()).unwrap_or(Value::Null))
}

/// A field of the wire shape: a `Value`, or a [`Lenient`] one.
trait Field {
    fn get(&self) -> &Value;
    fn take(self) -> Value;
}

impl Field for Value {
    fn get(&self) -> &Value {
        self
    }

    fn take(self) -> Value {
        self
    }
}

/// A field read by [`lenient`].
#[derive(Default)]
struct Lenient(Value);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lenient, D::Error> {
        lenient(d).map(Lenient)
    }
}

impl Field for Lenient {
    fn get(&self) -> &Value {
        &self.0
    }

    fn take(self) -> Value {
        self.0
    }
}

/// The wire shape with every field optional and untyped, so that an odd value in one
/// field cannot make a whole job unreadable.
#[derive(Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(deserialize = "F: Deserialize<'de> + Default")
)]
struct Wire<F> {
    #[serde(default)]
    id: F,
    #[serde(default)]
    status: F,
    #[serde(default)]
    url: F,
    #[serde(default)]
    table_id: F,
    #[serde(default)]
    operation_name: F,
    #[serde(default)]
    operation_params: F,
    #[serde(default)]
    created_time: F,
    #[serde(default)]
    start_time: F,
    #[serde(default)]
    end_time: F,
    #[serde(default)]
    run_id: F,
    #[serde(default)]
    results: F,
    #[serde(default)]
    creator_token: F,
    #[serde(default)]
    metrics: F,
    #[serde(default)]
    error: F,
}

/// Strings as they are, numbers and booleans as their JSON text; nothing else is text.
pub(super) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn not_null(v: Value) -> Option<Value> {
    (!v.is_null()).then_some(v)
}

pub(super) fn time(v: &Value) -> Option<Timestamp> {
    v.as_str().and_then(parse_timestamp)
}

fn creator(v: &Value) -> Option<CreatorToken> {
    let o = v.as_object()?;
    let field = |k: &str| o.get(k).and_then(text);
    Some(CreatorToken {
        id: field("id"),
        description: field("description").or_else(|| field("name")),
    })
}

fn metrics(v: &Value) -> Option<Metrics> {
    let o = v.as_object()?;
    let n = |k: &str| o.get(k).and_then(Value::as_u64).unwrap_or(0);
    let b = |k: &str| o.get(k).and_then(Value::as_bool).unwrap_or(false);
    Some(Metrics {
        in_compressed: b("inCompressed"),
        in_bytes: n("inBytes"),
        in_bytes_uncompressed: n("inBytesUncompressed"),
        out_compressed: b("outCompressed"),
        out_bytes: n("outBytes"),
        out_bytes_uncompressed: n("outBytesUncompressed"),
    })
}

fn job_error(v: &Value) -> Option<JobError> {
    match v {
        Value::Object(o) => {
            let field = |k: &str| o.get(k).and_then(text);
            Some(JobError {
                code: field("code"),
                message: field("message"),
                exception_id: field("exceptionId"),
                uuid: field("uuid"),
                context_params: o.get("contextParams").cloned().and_then(not_null),
            })
        }
        Value::String(s) => Some(JobError {
            message: Some(s.clone()),
            ..JobError::default()
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(s: &str) -> Job {
        Job::from_json(s).unwrap()
    }

    fn fixture(name: &str) -> Job {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        job(&std::fs::read_to_string(path).unwrap())
    }

    #[test]
    fn decodes_every_fixture() {
        let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut jobs = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("api-error") || !name.ends_with(".json") {
                continue;
            }
            let j = fixture(&name);
            assert!(j.id > 0, "{name}");
            assert!(!j.operation_name.is_empty(), "{name}");
            assert!(j.created_time.is_some(), "{name}");
            jobs += 1;
        }
        assert!(jobs >= 10);
    }

    #[test]
    fn failed_import_keeps_error_and_results() {
        let j = fixture("tableImport-error.json");
        assert_eq!(j.status, Status::Error);
        let e = j.error.unwrap();
        assert_eq!(e.code.as_deref(), Some("csvImport.columnsNotMatch"));
        assert_eq!(
            e.exception_id.as_deref(),
            Some("keboola-connection-abcdef0123456789")
        );
        assert_eq!(j.results.unwrap()["missingColumns"][0], "missing");
        assert_eq!(j.run_id.as_deref(), Some("88710023"));
    }

    #[test]
    fn empty_array_results_mean_no_results() {
        let j = fixture("workspaceTableExport-success-results-empty-array.json");
        assert!(j.results.is_none());
        assert_eq!(j.metrics.unwrap().out_ratio(), Some(4.0));
    }

    #[test]
    fn creator_token_name_stands_in_for_description() {
        let j = fixture("tableDrop-waiting-no-metrics.json");
        assert_eq!(j.creator(), Some("Master Token"));
        assert_eq!(j.creator_token.unwrap().id.as_deref(), Some("221"));
        assert!(j.metrics.is_none());
        assert_eq!(
            j.url.as_deref(),
            Some("https://connection.keboola.com/v2/storage/jobs/22074411")
        );
    }

    #[test]
    fn table_id_may_be_absent_or_null() {
        assert!(
            fixture("bucketListingDelete-waiting.json")
                .table_id
                .is_none()
        );
        assert!(fixture("devBranchCreate-success.json").table_id.is_none());
        assert_eq!(
            fixture("tableExport-success.json").table_id.as_deref(),
            Some("in.c-main.test")
        );
    }

    #[test]
    fn id_may_be_a_digit_string_but_nothing_else() {
        assert_eq!(job(r#"{"id":"42","status":"waiting"}"#).id, 42);
        for bad in [
            r#"{"id":"4x2","status":"waiting"}"#,
            r#"{"id":-1,"status":"waiting"}"#,
            r#"{"id":1.5,"status":"waiting"}"#,
            r#"{"id":null,"status":"waiting"}"#,
            r#"{"status":"waiting"}"#,
            r#"{"id":1}"#,
            r#"[]"#,
            r#""job""#,
        ] {
            assert!(Job::from_json(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_status_and_fields_and_odd_types_decode() {
        let j = job(
            r#"{"id":7,"status":"cancelled","newField":{"a":1},"startTime":12,
                "metrics":"lots","results":{},"error":"boom","runId":123,"creatorToken":[]}"#,
        );
        assert_eq!(j.status, Status::Other("cancelled".into()));
        assert!(!j.is_finished());
        assert!(j.start_time.is_none());
        assert!(j.metrics.is_none());
        assert_eq!(j.results, Some(serde_json::json!({})));
        assert_eq!(j.error.unwrap().message.as_deref(), Some("boom"));
        assert_eq!(j.run_id.as_deref(), Some("123"));
        assert!(j.creator_token.is_none());
    }

    #[test]
    fn a_number_beyond_f64_or_a_lone_surrogate_counts_as_nothing_and_sinks_no_job() {
        let j = job(
            r#"{"id":7,"status":"error","results":{"rows":1e400},"url":"\ud800",
                "error":{"code":"x","message":"m","contextParams":{"n":-1e999}}}"#,
        );
        assert_eq!((j.id, j.status), (7, Status::Error));
        // The field that holds one is what counts as nothing, not the job.
        assert_eq!((j.results, j.url, j.error), (None, None, None));
        assert!(Job::from_json(r#"{"id":1e400,"status":"error"}"#).is_err());
    }

    #[test]
    fn numeric_error_code_is_text() {
        let j = job(r#"{"id":7,"status":"error","error":{"code":500,"message":"x"}}"#);
        assert_eq!(j.error.unwrap().code.as_deref(), Some("500"));
    }

    #[test]
    fn duration_and_queue_time_come_from_the_timestamps() {
        let j = fixture("tableImport-success.json");
        let now = jiff::Timestamp::now();
        assert_eq!(j.duration(now), Some(jiff::SignedDuration::from_secs(41)));
        assert_eq!(j.queued(now), Some(jiff::SignedDuration::from_secs(2)));
        let waiting = fixture("tableImport-waiting.json");
        assert_eq!(waiting.duration(now), None);
        assert!(waiting.queued(now).unwrap() > jiff::SignedDuration::from_hours(24 * 365));
    }

    #[test]
    fn compression_ratio_needs_both_sizes() {
        let m = fixture("tableImport-success.json").metrics.unwrap();
        assert_eq!(m.in_ratio(), Some(5120.0 / 1843.0));
        assert_eq!(m.out_ratio(), None);
        // workspaceLoad reports compressed output without an uncompressed size.
        let m = fixture("workspaceLoad-success.json").metrics.unwrap();
        assert_eq!(m.out_ratio(), None);
    }
}
