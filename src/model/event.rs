//! One event of the Storage API's events log (a job's log lines), in a lenient typed view:
//! every key may be absent, ids come as numbers or digit strings, empty objects as `[]`,
//! and empty strings count as absent. Only a body that is not an object is not an event.
//! No I/O and no presentation here; JSON output uses the raw bytes (`RawEvent`).

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::time::{Timestamp, parse_timestamp};

/// An event's `type`. The API knows four; anything else is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum EventType {
    #[default]
    Info,
    Success,
    Warn,
    Error,
    Other(String),
}

impl EventType {
    pub fn parse(s: &str) -> EventType {
        match s {
            "info" => EventType::Info,
            "success" => EventType::Success,
            "warn" | "warning" => EventType::Warn,
            "error" => EventType::Error,
            other => EventType::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            EventType::Info => "info",
            EventType::Success => "success",
            EventType::Warn => "warn",
            EventType::Error => "error",
            EventType::Other(s) => s,
        }
    }

    /// `warn` and `error`: what the end of a failed job's detail shows.
    pub fn is_problem(&self) -> bool {
        matches!(self, EventType::Warn | EventType::Error)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The token that wrote the event (`token {id, name}`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventToken {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// One event, as far as jobctl reads it. `uuid` is the durable cursor (time-ordered);
/// `id` is deprecated by the API but still sent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    pub uuid: Option<String>,
    pub id: Option<u64>,
    /// The dotted name, e.g. `storage.tableImportDone`.
    pub event: Option<String>,
    pub component: Option<String>,
    pub message: Option<String>,
    pub description: Option<String>,
    /// `type`; absent or odd counts as [`EventType::Info`] / [`EventType::Other`].
    pub kind: EventType,
    pub run_id: Option<String>,
    pub created: Option<Timestamp>,
    pub configuration_id: Option<String>,
    pub object_id: Option<String>,
    pub object_name: Option<String>,
    pub object_type: Option<String>,
    pub token: Option<EventToken>,
    /// `idBranch`.
    pub branch_id: Option<String>,
}

impl Event {
    /// What to send as `sinceId`/`maxId` to continue after or before this event: the uuid,
    /// else the id. `None` when the event has neither.
    pub fn cursor(&self) -> Option<String> {
        self.uuid
            .clone()
            .or_else(|| self.id.map(|id| id.to_string()))
    }

    /// The key that identifies the event when deduplicating: the uuid, else the id.
    pub fn key(&self) -> Option<String> {
        self.cursor()
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Event, D::Error> {
        let w = Wire::deserialize(d)?;
        let nonempty = |v: &Value| text(v).filter(|s| !s.is_empty());
        Ok(Event {
            uuid: nonempty(&w.uuid),
            id: event_id(&w.id),
            event: nonempty(&w.event),
            component: nonempty(&w.component),
            message: nonempty(&w.message),
            description: nonempty(&w.description),
            kind: nonempty(&w.kind)
                .map(|s| EventType::parse(&s))
                .unwrap_or_default(),
            run_id: nonempty(&w.run_id),
            created: w.created.as_str().and_then(parse_timestamp),
            configuration_id: nonempty(&w.configuration_id),
            object_id: nonempty(&w.object_id),
            object_name: nonempty(&w.object_name),
            object_type: nonempty(&w.object_type),
            token: w.token.as_object().map(|o| EventToken {
                id: o.get("id").and_then(nonempty),
                name: o.get("name").and_then(nonempty),
            }),
            branch_id: nonempty(&w.id_branch),
        })
    }
}

/// Every field optional and untyped, so that an odd value in one cannot sink the event;
/// keys not named here (`params`, `context`, `results`...) are skipped unread.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an event object")]
struct Wire {
    #[serde(default, deserialize_with = "lenient")]
    uuid: Value,
    #[serde(default, deserialize_with = "lenient")]
    id: Value,
    #[serde(default, deserialize_with = "lenient")]
    event: Value,
    #[serde(default, deserialize_with = "lenient")]
    component: Value,
    #[serde(default, deserialize_with = "lenient")]
    message: Value,
    #[serde(default, deserialize_with = "lenient")]
    description: Value,
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    kind: Value,
    #[serde(default, deserialize_with = "lenient")]
    run_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    created: Value,
    #[serde(default, deserialize_with = "lenient")]
    configuration_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    object_id: Value,
    #[serde(default, deserialize_with = "lenient")]
    object_name: Value,
    #[serde(default, deserialize_with = "lenient")]
    object_type: Value,
    #[serde(default, deserialize_with = "lenient")]
    token: Value,
    #[serde(default, deserialize_with = "lenient")]
    id_branch: Value,
}

/// A field as JSON, or null when it holds what a `Value` cannot (a number beyond f64).
fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_str(raw.get()).unwrap_or(Value::Null))
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `id` as a number or a digit string; anything else is no id (not an error).
fn event_id(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RawEvent, split_array};

    fn fixture() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/events/events-failed-task.json"
        ))
        .unwrap()
    }

    #[test]
    fn a_failed_tasks_events_decode() {
        let body = fixture();
        let events: Vec<RawEvent> = split_array(&body)
            .unwrap()
            .iter()
            .map(|r| RawEvent::parse(r.get()).unwrap())
            .collect();
        assert_eq!(events.len(), 5);
        let e = &events[0].job;
        assert_eq!(e.id, Some(4099150233));
        assert_eq!(
            e.uuid.as_deref(),
            Some("01939a7e-5b1c-7d42-9f0e-3c8a1f2b6d07")
        );
        assert_eq!(e.kind, EventType::Error);
        assert_eq!(e.component.as_deref(), Some("keboola.ex-google-drive"));
        assert!(
            e.message
                .as_deref()
                .unwrap()
                .contains("Missing columns: country")
        );
        assert_eq!(e.description, None, "an empty description is none");
        assert_eq!(e.run_id.as_deref(), Some("10441233"));
        assert_eq!(e.created.unwrap().to_rfc3339(), "2026-12-07T03:14:52+01:00");
        assert_eq!(e.configuration_id.as_deref(), Some("774411"));
        assert_eq!(e.object_id, None);
        assert_eq!(
            e.token,
            Some(EventToken {
                id: Some("7455".into()),
                name: Some("[_internal] Scheduler".into())
            })
        );
        assert_eq!(e.branch_id.as_deref(), Some("1203"));
        assert_eq!(e.event.as_deref(), Some("ext.keboola.ex-google-drive."));
        let storage = &events[1].job;
        assert_eq!(storage.object_type.as_deref(), Some("table"));
        assert_eq!(storage.object_name.as_deref(), Some("customers"));
        assert!(
            storage
                .description
                .as_deref()
                .unwrap()
                .starts_with("csvImport.")
        );
        assert_eq!(events[2].job.kind, EventType::Warn);
        assert_eq!(events[4].job.kind, EventType::Info);
        // The bytes are kept as sent.
        assert!(events[0].raw().starts_with("{\"id\":4099150233,"));
        assert!(events[0].raw().contains("https:\\/\\/connection"));
    }

    #[test]
    fn odd_events_decode_leniently() {
        let e = RawEvent::parse(
            r#"{"id":"17","type":"notice","created":"yesterday","token":[],"params":[],
                "message":42,"uuid":null,"runId":12345,"results":{"n":1e400}}"#,
        )
        .unwrap()
        .job;
        assert_eq!(e.id, Some(17));
        assert_eq!(e.kind, EventType::Other("notice".into()));
        assert_eq!(e.created, None);
        assert_eq!(e.token, None);
        assert_eq!(e.message.as_deref(), Some("42"));
        assert_eq!(e.uuid, None);
        assert_eq!(e.run_id.as_deref(), Some("12345"));
        assert_eq!(e.cursor().as_deref(), Some("17"));
        let empty = RawEvent::parse("{}").unwrap().job;
        assert_eq!(empty, Event::default());
        assert_eq!(empty.cursor(), None);
        let bad_id = RawEvent::parse(r#"{"id":"x1","uuid":"u"}"#).unwrap().job;
        assert_eq!(bad_id.id, None);
        assert_eq!(bad_id.cursor().as_deref(), Some("u"));
    }

    #[test]
    fn only_an_object_is_an_event() {
        for (body, said) in [
            ("[1]", "an array is not an event"),
            ("\"x\"", "a string is not an event"),
            ("null", "null is not an event"),
        ] {
            assert_eq!(RawEvent::parse(body).unwrap_err().to_string(), said);
        }
        assert!(RawEvent::parse("{").is_err());
    }

    #[test]
    fn types_round_trip() {
        for t in ["info", "success", "warn", "error", "debug"] {
            assert_eq!(EventType::parse(t).as_str(), t);
        }
        assert_eq!(EventType::parse("warning"), EventType::Warn);
        assert!(EventType::Warn.is_problem() && EventType::Error.is_problem());
        assert!(!EventType::Info.is_problem());
    }
}
