//! The brief, lenient reading of one job's JSON text, one per kind: only the fields that
//! listing filters and history figures read, borrowed from the text where no escape is in
//! the way, every other field skipped unparsed. Several times cheaper than a whole `Job` or
//! `QueueJob`; `None` for anything odd (a numeric run id, an id that is no id), and the
//! caller then decodes the whole job, whose lenient rules decide. No I/O.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::time::parse_timestamp;

/// What filters and figures read of a storage job.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageBrief<'a> {
    pub id: u64,
    pub status: Cow<'a, str>,
    pub operation_name: Option<Cow<'a, str>>,
    pub table_id: Option<Cow<'a, str>>,
    pub run_id: Option<Cow<'a, str>>,
    created_time: Option<Cow<'a, str>>,
    start_time: Option<Cow<'a, str>>,
    end_time: Option<Cow<'a, str>>,
    /// The creator token's description, else its name.
    pub creator: Option<Cow<'a, str>>,
    pub in_bytes: u64,
    pub out_bytes: u64,
    /// `error.code`, a string or a number, as text.
    pub error_code: Option<String>,
}

impl<'a> StorageBrief<'a> {
    /// `None` when `text` is no plain storage job object (see the module header).
    pub fn parse(text: &'a str) -> Option<StorageBrief<'a>> {
        let w: StorageWire<'a> = serde_json::from_str(text).ok()?;
        let code = match w.error.and_then(|e| e.code) {
            Some(code) => Some(plain_scalar(code)?),
            None => None,
        };
        let metrics = w.metrics.unwrap_or_default();
        Some(StorageBrief {
            id: digits_id(w.id?)?,
            status: w.status?,
            operation_name: w.operation_name,
            table_id: w.table_id,
            run_id: w.run_id,
            created_time: w.created_time,
            start_time: w.start_time,
            end_time: w.end_time,
            creator: w.creator_token.and_then(|t| t.description.or(t.name)),
            in_bytes: metrics.in_bytes.unwrap_or(0),
            out_bytes: metrics.out_bytes.unwrap_or(0),
            error_code: code,
        })
    }

    pub fn created(&self) -> Option<jiff::Timestamp> {
        self.created_time.as_deref().and_then(instant)
    }

    pub fn started(&self) -> Option<jiff::Timestamp> {
        self.start_time.as_deref().and_then(instant)
    }

    pub fn ended(&self) -> Option<jiff::Timestamp> {
        self.end_time.as_deref().and_then(instant)
    }
}

/// What filters and figures read of a queue job.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueBrief<'a> {
    pub id: u64,
    pub status: Cow<'a, str>,
    /// The server's `isFinished`, when it sent one.
    pub is_finished: Option<bool>,
    /// The job's run id (its own id when the server sent none).
    pub run_id: Cow<'a, str>,
    pub parent_run_id: Option<Cow<'a, str>>,
    pub component: Option<Cow<'a, str>>,
    pub config: Option<Cow<'a, str>>,
    pub job_type: Option<Cow<'a, str>>,
    /// `null` for the main branch, as the search's `branchId[]` spells it.
    pub branch_id: Option<Cow<'a, str>>,
    created_time: Option<Cow<'a, str>>,
    start_time: Option<Cow<'a, str>>,
    end_time: Option<Cow<'a, str>>,
    /// The token's description.
    pub creator: Option<Cow<'a, str>>,
    pub in_bytes: u64,
    pub out_bytes: u64,
    /// `result.error.type`.
    pub error_type: Option<Cow<'a, str>>,
}

impl<'a> QueueBrief<'a> {
    /// `None` when `text` is no plain queue job object (see the module header).
    pub fn parse(text: &'a str) -> Option<QueueBrief<'a>> {
        let w: QueueWire<'a> = serde_json::from_str(text).ok()?;
        let id = digits_id(w.id?)?;
        let nonempty = |s: Option<Cow<'a, str>>| s.filter(|s| !s.is_empty());
        let branch_id = match w.branch_id {
            Some(b) if b.get() != "null" => Some(Cow::Owned(plain_scalar(b)?)),
            _ => None,
        };
        let storage = w.metrics.and_then(|m| m.storage).unwrap_or_default();
        Some(QueueBrief {
            id,
            status: w.status?,
            is_finished: w.is_finished,
            run_id: nonempty(w.run_id).unwrap_or_else(|| Cow::Owned(id.to_string())),
            parent_run_id: nonempty(w.parent_run_id),
            component: nonempty(w.component),
            config: nonempty(w.config),
            job_type: nonempty(w.job_type),
            branch_id: nonempty(branch_id),
            created_time: w.created_time,
            start_time: w.start_time,
            end_time: w.end_time,
            creator: w.token.and_then(|t| t.description),
            in_bytes: storage.input_tables_bytes_sum.unwrap_or(0),
            out_bytes: storage.output_tables_bytes_sum.unwrap_or(0),
            error_type: w.result.and_then(|r| r.error).and_then(|e| e.error_type),
        })
    }

    pub fn created(&self) -> Option<jiff::Timestamp> {
        self.created_time.as_deref().and_then(instant)
    }

    pub fn started(&self) -> Option<jiff::Timestamp> {
        self.start_time.as_deref().and_then(instant)
    }

    pub fn ended(&self) -> Option<jiff::Timestamp> {
        self.end_time.as_deref().and_then(instant)
    }
}

/// The ids `Job` and `QueueJob` take: a whole number, or a string of digits.
fn digits_id(raw: &RawValue) -> Option<u64> {
    let id = raw.get();
    let digits = id
        .strip_prefix('"')
        .and_then(|i| i.strip_suffix('"'))
        .unwrap_or(id);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A string without escapes, or a number, as text; anything else (`null`, an object, an
/// escape) is for the whole decoder.
fn plain_scalar(raw: &RawValue) -> Option<String> {
    let v = raw.get();
    let s = v.strip_prefix('"').and_then(|c| c.strip_suffix('"'));
    match s {
        Some(s) if !s.contains('\\') => Some(s.to_owned()),
        Some(_) => None,
        None if v.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => Some(v.to_owned()),
        None => None,
    }
}

/// An API timestamp as an instant. `parse_timestamp` reads the API's own layout
/// (`2026-11-29T12:00:00+0100`, or `Z` or `+01:00`) by hand: most of the time of reading
/// a saved list goes here.
pub fn instant(s: &str) -> Option<jiff::Timestamp> {
    parse_timestamp(s).map(|t| t.to_utc())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StorageWire<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    status: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    operation_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    table_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    run_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    created_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    start_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    end_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    creator_token: Option<Token<'a>>,
    #[serde(default)]
    metrics: Option<StorageMetrics>,
    #[serde(borrow, default)]
    error: Option<StorageError<'a>>,
}

#[derive(Deserialize)]
struct Token<'a> {
    #[serde(borrow, default)]
    description: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct StorageMetrics {
    #[serde(default)]
    in_bytes: Option<u64>,
    #[serde(default)]
    out_bytes: Option<u64>,
}

#[derive(Deserialize)]
struct StorageError<'a> {
    #[serde(borrow, default)]
    code: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueueWire<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    status: Option<Cow<'a, str>>,
    #[serde(default)]
    is_finished: Option<bool>,
    #[serde(borrow, default)]
    run_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    parent_run_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    component: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    config: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "type")]
    job_type: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    branch_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    created_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    start_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    end_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    token: Option<Token<'a>>,
    #[serde(default)]
    metrics: Option<QueueMetrics>,
    #[serde(borrow, default)]
    result: Option<QueueResult<'a>>,
}

#[derive(Deserialize)]
struct QueueMetrics {
    #[serde(default)]
    storage: Option<QueueStorageMetrics>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct QueueStorageMetrics {
    #[serde(default)]
    input_tables_bytes_sum: Option<u64>,
    #[serde(default)]
    output_tables_bytes_sum: Option<u64>,
}

#[derive(Deserialize)]
struct QueueResult<'a> {
    #[serde(borrow, default)]
    error: Option<QueueError<'a>>,
}

#[derive(Deserialize)]
struct QueueError<'a> {
    #[serde(borrow, default, rename = "type")]
    error_type: Option<Cow<'a, str>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Job, QueueJob};

    #[test]
    fn the_storage_brief_agrees_with_the_whole_job() {
        let text = r#"{"id":"42","status":"error","operationName":"tableImport",
            "tableId":"in.c-main.orders","runId":"7.8","createdTime":"2026-11-29T12:00:00+0100",
            "creatorToken":{"id":"1","name":"n"},"metrics":{"inBytes":5,"outBytes":7},
            "error":{"code":400}}"#;
        let job: Job = serde_json::from_str(text).unwrap();
        let b = StorageBrief::parse(text).unwrap();
        assert_eq!(b.id, job.id);
        assert_eq!(b.run_id.as_deref(), job.run_id.as_deref());
        assert_eq!(b.created(), job.created_time.map(|t| t.to_utc()));
        assert_eq!(b.creator.as_deref(), job.creator());
        assert_eq!(b.error_code.as_deref(), Some("400"));
        for odd in [
            r#"{"id":1,"status":"error","runId":881}"#,
            r#"{"id":-1,"status":"error"}"#,
            r#"{"id":"x","status":"error"}"#,
            r#"{"status":"error"}"#,
            r#"{"id":1,"status":7}"#,
            "[1]",
        ] {
            assert_eq!(StorageBrief::parse(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_queue_brief_agrees_with_the_whole_job() {
        let path = format!(
            "{}/tests/fixtures/queue/queue-standard-error.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let job: QueueJob = serde_json::from_str(&text).unwrap();
        let b = QueueBrief::parse(&text).unwrap();
        assert_eq!(b.id, job.id);
        assert_eq!(b.status, job.status.as_str());
        assert_eq!(b.run_id, job.run_id);
        assert_eq!(b.parent_run_id.as_deref(), job.parent_run_id.as_deref());
        assert_eq!(b.component.as_deref(), job.component.as_deref());
        assert_eq!(b.config.as_deref(), job.config.as_deref());
        assert_eq!(b.job_type.as_deref(), job.job_type.as_deref());
        assert_eq!(b.branch_id.as_deref(), job.branch_id.as_deref());
        assert_eq!(b.created(), job.created_time.map(|t| t.to_utc()));
        assert_eq!(b.ended(), job.end_time.map(|t| t.to_utc()));
        let error_type = job.result.as_ref().and_then(|r| r.error_type.as_deref());
        assert_eq!(b.error_type.as_deref(), error_type);
        let short = QueueBrief::parse(r#"{"id":"9","status":"created","branchId":null}"#).unwrap();
        assert_eq!((short.run_id.as_ref(), short.branch_id), ("9", None));
        assert_eq!(QueueBrief::parse(r#"{"id":"9x","status":"created"}"#), None);
    }

    #[test]
    fn the_quick_time_reader_agrees_with_parse_timestamp() {
        for t in [
            "2026-11-29T12:00:00+0100",
            "2026-11-29T12:00:00-0530",
            "2026-11-29T12:00:00+01:00",
            "2026-11-29T12:00:00Z",
            "2026-11-29T12:00:00.250+0100",
            "2026-11-29 12:00:00+0100",
            "2024-02-29T23:59:59+0000",
        ] {
            assert_eq!(
                instant(t),
                Some(parse_timestamp(t).unwrap().to_utc()),
                "{t}"
            );
        }
        for bad in [
            "2026-13-29T12:00:00+0100",
            "2026-11-29T12:00:00+01",
            "",
            "x",
        ] {
            assert_eq!(
                instant(bad),
                parse_timestamp(bad).map(|t| t.to_utc()),
                "{bad}"
            );
        }
    }
}
