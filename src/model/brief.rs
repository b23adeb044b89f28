//! The brief, lenient reading of one job's JSON text, one per kind: only the fields that
//! paging, listing filters and history figures read, borrowed from the text where no escape
//! is in the way, every other field skipped unparsed. What paging does not read is only
//! located and read on demand (a storage job's fields past its id and status; the nested
//! objects only figures read, through `details`). Several times cheaper than a whole `Job`
//! or `QueueJob`. `None` for anything odd (a status that is no string, a numeric queue run
//! id, an id that is no id, an array where an object belongs), and the caller then decodes
//! the whole job, whose lenient rules decide: so a text is a job to the brief only when it
//! is one to the whole decoder, and what the brief reads is what the whole decoder would.
//! No I/O.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

use super::job::{Job, Status, text};
use super::queue::{QueueJob, QueueStatus};
use super::raw::Headed;
use super::time::{Timestamp, parse_timestamp};

/// What paging and filters read of a storage job, with the nested objects figures read
/// besides located but left unread until [`StorageBrief::details`] asks: paging a list,
/// the commonest use, pays for little more than it reads.
#[derive(Debug, Clone)]
pub struct StorageBrief<'a> {
    pub id: u64,
    pub status: Cow<'a, str>,
    operation_name: Option<&'a RawValue>,
    table_id: Option<&'a RawValue>,
    run_id: Option<&'a RawValue>,
    created_time: Option<&'a RawValue>,
    start_time: Option<&'a RawValue>,
    end_time: Option<&'a RawValue>,
    creator_token: Option<&'a RawValue>,
    metrics: Option<&'a RawValue>,
    error: Option<&'a RawValue>,
}

/// What figures read of a storage job's nested objects.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageDetails<'a> {
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
        let w: StorageWire<'a> = from_object(text)?;
        Some(StorageBrief {
            id: digits_id(w.id?)?,
            status: w.status?,
            operation_name: w.operation_name,
            table_id: w.table_id,
            run_id: w.run_id,
            created_time: w.created_time,
            start_time: w.start_time,
            end_time: w.end_time,
            creator_token: w.creator_token,
            metrics: w.metrics,
            error: w.error,
        })
    }

    pub fn operation_name(&self) -> Option<Cow<'a, str>> {
        text_of(self.operation_name)
    }

    pub fn table_id(&self) -> Option<Cow<'a, str>> {
        text_of(self.table_id)
    }

    pub fn run_id(&self) -> Option<Cow<'a, str>> {
        text_of(self.run_id)
    }

    pub fn created(&self) -> Option<jiff::Timestamp> {
        text_of(self.created_time).as_deref().and_then(instant)
    }

    pub fn started(&self) -> Option<jiff::Timestamp> {
        text_of(self.start_time).as_deref().and_then(instant)
    }

    pub fn ended(&self) -> Option<jiff::Timestamp> {
        text_of(self.end_time).as_deref().and_then(instant)
    }

    /// The creator, bytes and error code, read from their objects; `None` when one of those
    /// is odd (a creator token that is no object), for the whole decoder.
    pub fn details(&self) -> Option<StorageDetails<'a>> {
        let metrics: StorageMetrics = nested(self.metrics)?.unwrap_or_default();
        let token = nested::<Token<'a>>(self.creator_token)?;
        let code = nested::<StorageError<'a>>(self.error)?.and_then(|e| scalar_text(e.code?.get()));
        Some(StorageDetails {
            creator: token.and_then(|t| t.description.or(t.name)),
            in_bytes: metrics.in_bytes.unwrap_or(0),
            out_bytes: metrics.out_bytes.unwrap_or(0),
            error_code: code,
        })
    }
}

impl Headed for Job {
    /// The id, status and `createdTime` of the brief; every other field empty.
    fn head(text: &str) -> Option<Job> {
        let b = StorageBrief::parse(text)?;
        Some(Job {
            created_time: stamp(text_of(b.created_time).as_deref()),
            ..Job::bare(b.id, Status::parse(&b.status))
        })
    }
}

/// What paging and filters read of a queue job, with the nested objects figures read
/// besides located but left unread until [`QueueBrief::details`] asks.
#[derive(Debug, Clone)]
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
    token: Option<&'a RawValue>,
    metrics: Option<&'a RawValue>,
    result: Option<&'a RawValue>,
}

/// What figures read of a queue job's nested objects.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueDetails<'a> {
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
        let w: QueueWire<'a> = from_object(text)?;
        let id = digits_id(w.id?)?;
        let nonempty = |s: Option<Cow<'a, str>>| s.filter(|s| !s.is_empty());
        let branch_id = text_of(w.branch_id);
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
            token: w.token,
            metrics: w.metrics,
            result: w.result,
        })
    }

    /// The creator, bytes and error type, read from their objects; `None` when one of those
    /// is odd (a token that is no object), for the whole decoder.
    pub fn details(&self) -> Option<QueueDetails<'a>> {
        let metrics = nested::<QueueMetrics>(self.metrics)?;
        let storage = metrics.and_then(|m| m.storage).unwrap_or_default();
        let result = nested::<QueueResult<'a>>(self.result)?;
        Some(QueueDetails {
            creator: nested::<Token<'a>>(self.token)?.and_then(|t| t.description),
            in_bytes: storage.input_tables_bytes_sum.unwrap_or(0),
            out_bytes: storage.output_tables_bytes_sum.unwrap_or(0),
            error_type: result.and_then(|r| r.error).and_then(|e| e.error_type),
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

impl Headed for QueueJob {
    /// The id, status, `isFinished`, run ids and `createdTime` of the brief (what paging,
    /// `--top-level` and `--watch` read); every other field empty.
    fn head(text: &str) -> Option<QueueJob> {
        let b = QueueBrief::parse(text)?;
        let mut job = QueueJob::bare(b.id, QueueStatus::parse(&b.status));
        job.finished_flag = b.is_finished;
        job.run_id = b.run_id.into_owned();
        job.parent_run_id = b.parent_run_id.map(Cow::into_owned);
        job.created_time = stamp(b.created_time.as_deref());
        Some(job)
    }
}

/// `text` read as one object; `None` for anything else (serde reads a struct from an array
/// too, which the whole decoder refuses) and wherever the brief's types do not fit.
fn from_object<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Reads `T` from a nested object, as the whole decoder reads the fields it knows of
/// one: `null` and the empty array `[]` (how the APIs send an empty object) are `None`;
/// anything else that is no object (a string, a full array) fails the brief, for the whole
/// decoder to read.
struct Object<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(serde::de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// An object inside a [`nested`] one, read by [`Object`].
fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(Object(PhantomData))
}

/// A nested object located by a brief, read by [`Object`]; `None` outside when it is odd,
/// for the whole decoder. (One corner differs, on purpose: a nested object holding, in a
/// field figures do not read, what a `Value` cannot, such as `1e400`, is nothing to the
/// whole decoder, while its other fields are read here. Looking for that costs stats a
/// tenth of its time.)
fn nested<'a, T: Deserialize<'a>>(raw: Option<&'a RawValue>) -> Option<Option<T>> {
    match raw {
        Some(raw) => serde_json::Deserializer::from_str(raw.get())
            .deserialize_any(Object(PhantomData))
            .ok(),
        None => Some(None),
    }
}

/// A scalar field located by a brief, as the whole decoder's `text` reads it: a string
/// (borrowed where it has no escape), a number or a boolean as its JSON text; nothing for
/// anything else, and for what a `Value` cannot hold, which is nothing to the whole decoder.
fn text_of(raw: Option<&RawValue>) -> Option<Cow<'_, str>> {
    let json = raw?.get();
    match json.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(s) if !s.contains('\\') => Some(Cow::Borrowed(s)),
        _ => scalar_text(json).map(Cow::Owned),
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

/// A field the whole decoder reads as text (a string, a number or a boolean as its JSON
/// text; nothing for anything else, or for what a `Value` cannot hold), read the same way.
/// For fields that are rare or short, or escaped strings.
fn scalar_text(json: &str) -> Option<String> {
    serde_json::from_str::<Value>(json)
        .ok()
        .as_ref()
        .and_then(text)
}

/// An API time as the typed views keep it.
fn stamp(s: Option<&str>) -> Option<Timestamp> {
    s.and_then(parse_timestamp)
}

/// An API timestamp as an instant. `parse_timestamp` reads the API's own layout
/// (`2026-11-29T12:00:00+0100`, or `Z` or `+01:00`) by hand: most of the time of reading
/// a saved list goes here.
pub fn instant(s: &str) -> Option<jiff::Timestamp> {
    parse_timestamp(s).map(|t| t.to_utc())
}

/// The fields of a storage job the brief reads or locates. The other fields the whole
/// decoder knows are named too, unread (`_`), so that one given twice fails here as it
/// fails there.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StorageWire<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    status: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    created_time: Option<&'a RawValue>,
    #[serde(borrow, default)]
    operation_name: Option<&'a RawValue>,
    #[serde(borrow, default)]
    table_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    run_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    start_time: Option<&'a RawValue>,
    #[serde(borrow, default)]
    end_time: Option<&'a RawValue>,
    #[serde(borrow, default)]
    creator_token: Option<&'a RawValue>,
    #[serde(borrow, default)]
    metrics: Option<&'a RawValue>,
    #[serde(borrow, default)]
    error: Option<&'a RawValue>,
    #[serde(default, rename = "url")]
    _url: Option<IgnoredAny>,
    #[serde(default, rename = "operationParams")]
    _operation_params: Option<IgnoredAny>,
    #[serde(default, rename = "results")]
    _results: Option<IgnoredAny>,
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

/// The fields of a queue job the brief reads, and the others the whole decoder knows,
/// unread (as in `StorageWire`).
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
    token: Option<&'a RawValue>,
    #[serde(borrow, default)]
    metrics: Option<&'a RawValue>,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(default, rename = "desiredStatus")]
    _desired_status: Option<IgnoredAny>,
    #[serde(default, rename = "mode")]
    _mode: Option<IgnoredAny>,
    #[serde(default, rename = "behavior")]
    _behavior: Option<IgnoredAny>,
    #[serde(default, rename = "configData")]
    _config_data: Option<IgnoredAny>,
    #[serde(default, rename = "orchestrationTaskId")]
    _orchestration_task_id: Option<IgnoredAny>,
    #[serde(default, rename = "durationSeconds")]
    _duration_seconds: Option<IgnoredAny>,
    #[serde(default, rename = "project")]
    _project: Option<IgnoredAny>,
    #[serde(default, rename = "url")]
    _url: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct QueueMetrics {
    #[serde(default, deserialize_with = "object")]
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
    #[serde(borrow, default, deserialize_with = "object")]
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
    use crate::model::figures::Sample;
    use crate::model::{RawJob, RawQueueJob};

    /// `parse_head` (the brief's head, or the whole decoding where the brief gives none)
    /// against `parse`: the same verdict, the same id, status and creation time. `brief`
    /// says whether the brief itself reads the text (the fast path) or leaves it.
    fn storage_head_agrees(text: &str, brief: bool) {
        assert_eq!(
            StorageBrief::parse(text).is_some(),
            brief,
            "brief of {text}"
        );
        match (RawJob::parse(text), RawJob::parse_head(text)) {
            (Ok(whole), Ok(head)) => {
                if let Some(b) = StorageBrief::parse(text) {
                    details_agree(text, &b, &whole.job);
                }
                if let Some(sample) = Sample::from_job_json(text).filter(|_| plain(text)) {
                    assert_eq!(sample, Sample::from_job(&whole.job), "{text}");
                }
                let w = &whole.job;
                let h = &head.job;
                assert_eq!(
                    (h.id, &h.status, h.created_time),
                    (w.id, &w.status, w.created_time),
                    "{text}"
                );
                assert_eq!(head.raw(), whole.raw());
            }
            (Err(_), Err(_)) => assert!(!brief, "{text}"),
            (whole, head) => panic!("{text}: whole {whole:?}, head {head:?}"),
        }
    }

    /// Whether `text` holds nothing a `Value` cannot: where it does, the nested objects are
    /// the one corner where details may differ (see `nested`).
    fn plain(text: &str) -> bool {
        serde_json::from_str::<Value>(text).is_ok()
    }

    /// What a brief reads, and its details where it reads them, against the whole job.
    fn details_agree(text: &str, b: &StorageBrief<'_>, job: &Job) {
        let utc = |t: Option<Timestamp>| t.map(|t| t.to_utc());
        assert_eq!(
            b.operation_name().as_deref().unwrap_or(""),
            job.operation_name
        );
        assert_eq!(b.table_id().as_deref(), job.table_id.as_deref());
        assert_eq!(b.run_id().as_deref(), job.run_id.as_deref());
        assert_eq!(
            (b.started(), b.ended()),
            (utc(job.start_time), utc(job.end_time))
        );
        let Some(d) = b.details().filter(|_| plain(text)) else {
            return;
        };
        assert_eq!(d.creator.as_deref(), job.creator());
        let metrics = job.metrics.unwrap_or_default();
        assert_eq!(
            (d.in_bytes, d.out_bytes),
            (metrics.in_bytes, metrics.out_bytes)
        );
        let code = job.error.as_ref().and_then(|e| e.code.as_deref());
        assert_eq!(d.error_code.as_deref(), code);
    }

    fn queue_head_agrees(text: &str, brief: bool) {
        assert_eq!(QueueBrief::parse(text).is_some(), brief, "brief of {text}");
        match (RawQueueJob::parse(text), RawQueueJob::parse_head(text)) {
            (Ok(whole), Ok(head)) => {
                let w = &whole.job;
                let h = &head.job;
                assert_eq!(
                    (h.id, &h.status, h.finished_flag, &h.run_id),
                    (w.id, &w.status, w.finished_flag, &w.run_id),
                    "{text}"
                );
                assert_eq!(
                    (&h.parent_run_id, h.created_time),
                    (&w.parent_run_id, w.created_time),
                    "{text}"
                );
                // What the filters and figures read, where the brief reads it.
                if let Some(sample) = Sample::from_queue_json(text).filter(|_| plain(text)) {
                    assert_eq!(sample, Sample::from_queue(w), "{text}");
                }
                if let Some(b) = QueueBrief::parse(text) {
                    assert_eq!(b.component.as_deref(), w.component.as_deref(), "{text}");
                    assert_eq!(b.branch_id.as_deref(), w.branch_id.as_deref(), "{text}");
                }
            }
            (Err(_), Err(_)) => assert!(!brief, "{text}"),
            (whole, head) => panic!("{text}: whole {whole:?}, head {head:?}"),
        }
    }

    /// Texts that are jobs to neither kind's decoder, the brief's or the whole.
    const NO_JOBS: [&str; 19] = [
        r#"{"id":"4x2","status":"waiting"}"#,
        r#"{"id":-1,"status":"waiting"}"#,
        r#"{"id":1.5,"status":"waiting"}"#,
        r#"{"id":1e2,"status":"waiting"}"#,
        r#"{"id":1e400,"status":"waiting"}"#,
        r#"{"id":"","status":"waiting"}"#,
        r#"{"id":"18446744073709551616","status":"waiting"}"#,
        r#"{"id":null,"status":"waiting"}"#,
        r#"{"id":{"n":1},"status":"waiting"}"#,
        r#"{"status":"waiting"}"#,
        r#"{"id":1}"#,
        r#"{"id":1,"status":null}"#,
        r#"{"id":1,"id":2,"status":"waiting"}"#,
        r#"{"id":1,"status":"waiting","url":"a","url":"b"}"#,
        r#"["1","waiting"]"#,
        r#""job""#,
        "null",
        r#"{"id":1,"status":"waiting"} x"#,
        r#"{"id":1,"status":"#,
    ];

    #[test]
    fn a_storage_head_is_a_job_exactly_where_the_whole_job_is() {
        for (text, brief) in [
            (
                r#"{"id":42,"status":"success","createdTime":"2026-11-29T12:00:00+0100"}"#,
                true,
            ),
            (r#"{"id":"42","status":"waiting"}"#, true),
            (
                r#" {"id":"42","status":"error","createdTime":"2026-11-29T12:00:00Z"} "#,
                true,
            ),
            (
                r#"{"id":0,"status":"x","createdTime":"2026-11-29 12:00:00+01:00"}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"succ\u0065ss","createdTime":"2026-11-29T12:00:00\u002b0100"}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"waiting","createdTime":"yesterday"}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"error","creatorToken":[],"metrics":[],"error":[]}"#,
                true,
            ),
            (r#"{"id":7,"status":"error","error":{"code":4.0e2}}"#, true),
            (
                r#"{"id":7,"status":"error","error":{"code":"a\u002eb"}}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"error","error":{"code":true,"message":"m"}}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"x","tableId":"in.c-\u0061.b","runId":null}"#,
                true,
            ),
            (r#"{"id":7,"status":"x","other":1,"other":[2]}"#, true),
            (
                r#"{"id":7,"status":"x","newField":1e400,"s":"\ud800"}"#,
                true,
            ),
            (
                r#"{"id":7,"status":"x","results":{"n":1e400},"url":"\ud800"}"#,
                true,
            ),
            (r#"{"id":"\u0034\u0032","status":"error"}"#, false),
            (r#"{"id":7,"status":"error","runId":881}"#, true),
            (r#"{"id":7,"status":7}"#, false),
            (r#"{"id":7,"status":"x","createdTime":12}"#, true),
            (r#"{"id":7,"status":"x","creatorToken":["a","b"]}"#, true),
            (r#"{"id":7,"status":"x","metrics":"lots"}"#, true),
            (r#"{"id":7,"status":"x","error":"boom"}"#, true),
            (r#"{"id":7,"status":"x","error":{"code":1e400}}"#, true),
        ] {
            storage_head_agrees(text, brief);
        }
        for text in NO_JOBS {
            storage_head_agrees(text, false);
        }
    }

    #[test]
    fn a_queue_head_is_a_job_exactly_where_the_whole_job_is() {
        let path = format!(
            "{}/tests/fixtures/queue/queue-flow-processing.json",
            env!("CARGO_MANIFEST_DIR")
        );
        queue_head_agrees(&std::fs::read_to_string(path).unwrap(), true);
        for (text, brief) in [
            (
                r#"{"id":"9","status":"created","runId":"","parentRunId":null}"#,
                true,
            ),
            (
                r#"{"id":9,"status":"success","runId":"1.9","parentRunId":"1","isFinished":true,"createdTime":"2026-11-29T12:00:00+0100"}"#,
                true,
            ),
            (
                r#"{"id":"9","status":"paused","isFinished":false,"branchId":null}"#,
                true,
            ),
            (
                r#"{"id":"9","status":"x","branchId":77,"metrics":{"storage":[]},"result":[],"token":[]}"#,
                true,
            ),
            (
                r#"{"id":"9","status":"x","runId":"1.\u0039","parentRunId":"\u0031"}"#,
                true,
            ),
            (
                r#"{"id":"5","status":"success","durationSeconds":1e400,"project":{"name":"\ud800"}}"#,
                true,
            ),
            (r#"{"id":"9","status":"x","runId":9}"#, false),
            (r#"{"id":"9","status":"x","isFinished":"yes"}"#, false),
            (r#"{"id":"9","status":"x","branchId":1e400}"#, true),
            (r#"{"id":"9","status":"x","component":"\ud800"}"#, false),
            (
                r#"{"id":"9","status":"x","metrics":{"storage":{"inputTablesBytesSum":1e400}}}"#,
                true,
            ),
            (r#"{"id":"9","status":"x","result":{"error":"user"}}"#, true),
            (r#"{"id":"9","status":["x"]}"#, false),
        ] {
            queue_head_agrees(text, brief);
        }
        for text in NO_JOBS {
            queue_head_agrees(text, false);
        }
    }

    /// Values that are odd somewhere: for a key or the other, of the wrong type, beyond
    /// what a `Value` holds, escaped, empty.
    const ODD_VALUES: [&str; 22] = [
        "1e400",
        r#""\ud800""#,
        "[]",
        "[1]",
        "{}",
        "null",
        "7",
        "-1",
        "1.5",
        "true",
        r#""7""#,
        r#""\u0037""#,
        r#""""#,
        r#""x""#,
        r#"{"a":1e400}"#,
        r#""2026-11-29T12:00:00+0100""#,
        r#""2026-11-29T12:00:00\u002b01:00""#,
        r#"{"storage":[]}"#,
        r#"{"error":{"type":"user"}}"#,
        r#"{"code":1e400,"type":7}"#,
        r#"{"description":7,"name":"n"}"#,
        r#"{"inBytes":5,"storage":{"inputTablesBytesSum":"5"}}"#,
    ];

    /// The keys either decoder reads, nested ones with a dot.
    const KEYS: [&str; 24] = [
        "id",
        "status",
        "createdTime",
        "startTime",
        "runId",
        "parentRunId",
        "isFinished",
        "branchId",
        "component",
        "type",
        "url",
        "results",
        "operationName",
        "operationParams",
        "durationSeconds",
        "project",
        "metrics",
        "metrics.storage",
        "error",
        "error.code",
        "result",
        "result.error",
        "token",
        "creatorToken",
    ];

    /// `text` (one job object) with `key` set to the JSON text `value`: replaced where it
    /// is, added where it is not, or added a second time when `twice`.
    fn with(text: &str, key: &str, value: &str, twice: bool) -> String {
        const MARK: &str = "\"@@odd@@\"";
        let mut job: serde_json::Value = serde_json::from_str(text).unwrap();
        let (outer, inner) = key.split_once('.').unwrap_or((key, ""));
        if twice && inner.is_empty() {
            let rest = text.trim_end().strip_suffix('}').unwrap();
            return format!("{rest},\"{key}\":{value}}}");
        }
        let slot = match inner {
            "" => &mut job[outer],
            inner => {
                if !job[outer].is_object() {
                    job[outer] = serde_json::json!({});
                }
                &mut job[outer][inner]
            }
        };
        *slot = serde_json::Value::from("@@odd@@");
        job.to_string().replace(MARK, value)
    }

    #[test]
    fn heads_agree_with_whole_jobs_on_fixtures_made_odd() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts = Vec::new();
        for dir in ["tests/fixtures", "tests/fixtures/queue"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.contains("\"status\"") && text.trim_start().starts_with('{') {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() >= 15, "{}", texts.len());
        let mut rng = fastrand::Rng::with_seed(19);
        let mut read = 0;
        for text in &texts {
            for _ in 0..200 {
                let mut odd = text.clone();
                for _ in 0..rng.usize(1..=3) {
                    let key = KEYS[rng.usize(..KEYS.len())];
                    let value = ODD_VALUES[rng.usize(..ODD_VALUES.len())];
                    // A text made invalid JSON by an earlier step stays as it is.
                    if serde_json::from_str::<serde_json::Value>(&odd).is_ok() {
                        odd = with(&odd, key, value, rng.u8(..8) == 0);
                    }
                }
                let brief = StorageBrief::parse(&odd).is_some();
                storage_head_agrees(&odd, brief);
                let brief = QueueBrief::parse(&odd).is_some();
                queue_head_agrees(&odd, brief);
                read += usize::from(brief);
            }
        }
        // The fast path is the common one, odd values and all.
        assert!(read > texts.len() * 20, "{read}");
    }

    #[test]
    fn the_storage_brief_agrees_with_the_whole_job() {
        let text = r#"{"id":"42","status":"error","operationName":"tableImport",
            "tableId":"in.c-main.orders","runId":"7.8","createdTime":"2026-11-29T12:00:00+0100",
            "creatorToken":{"id":"1","name":"n"},"metrics":{"inBytes":5,"outBytes":7},
            "error":{"code":400}}"#;
        let job: Job = serde_json::from_str(text).unwrap();
        let b = StorageBrief::parse(text).unwrap();
        assert_eq!(b.id, job.id);
        assert_eq!(b.created(), job.created_time.map(|t| t.to_utc()));
        details_agree(text, &b, &job);
        let d = b.details().unwrap();
        assert_eq!(d.error_code.as_deref(), Some("400"));
        // An odd nested object leaves the head to the brief and the rest to the whole
        // decoder.
        let odd = StorageBrief::parse(r#"{"id":1,"status":"error","metrics":"lots"}"#).unwrap();
        assert!(odd.details().is_none());
        for odd in [
            r#"{"id":-1,"status":"error"}"#,
            r#"{"id":"x","status":"error"}"#,
            r#"{"status":"error"}"#,
            r#"{"id":1,"status":7}"#,
            "[1]",
        ] {
            assert!(StorageBrief::parse(odd).is_none(), "{odd}");
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
        assert_eq!(b.details().unwrap().error_type.as_deref(), error_type);
        let short = QueueBrief::parse(r#"{"id":"9","status":"created","branchId":null}"#).unwrap();
        assert_eq!((short.run_id.as_ref(), short.branch_id), ("9", None));
        assert!(QueueBrief::parse(r#"{"id":"9x","status":"created"}"#).is_none());
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
