//! Jobs kept as the bytes the server sent, with their typed view beside them (the whole
//! job, or only its head read from its brief, for bytes that pass through). JSON output
//! re-indents these bytes and never re-serialises a parsed value, so no field, number,
//! string escape or key order can change on the way through.

use serde_json::value::RawValue;

use serde::de::DeserializeOwned;

use super::event::Event;
use super::job::Job;
use super::queue::QueueJob;

/// What a kept object is called in an error ("an array is not a job"), and how its text
/// is decoded.
pub trait Noun: DeserializeOwned {
    const NOUN: &'static str;

    fn decode(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl Noun for Job {
    const NOUN: &'static str = "a job";

    fn decode(text: &str) -> Result<Job, serde_json::Error> {
        Job::from_json(text)
    }
}

impl Noun for QueueJob {
    const NOUN: &'static str = "a job";
}

impl Noun for Event {
    const NOUN: &'static str = "an event";
}

/// A kind of job whose brief (see `brief.rs`) can stand in for its typed view where only
/// the head is read: id, status, creation time (and what paging of the kind reads besides).
pub trait Headed: Sized {
    /// The job's head, every other field empty; `None` where the brief finds `text` odd.
    fn head(text: &str) -> Option<Self>;
}

/// One job: the server's JSON text for it and the typed view decoded from that text.
#[derive(Debug, Clone)]
pub struct Raw<T> {
    raw: String,
    pub job: T,
}

/// A storage job with its bytes.
pub type RawJob = Raw<Job>;
/// A Queue API job with its bytes.
pub type RawQueueJob = Raw<QueueJob>;
/// An event (a log line) with its bytes; its typed view is in `job`, also as [`Raw::event`].
pub type RawEvent = Raw<Event>;

impl<T: DeserializeOwned + Noun> Raw<T> {
    /// Decodes one object (a job, an event). Fails when the text is not JSON or not a job.
    pub fn parse(text: &str) -> Result<Raw<T>, serde_json::Error> {
        // serde would read a struct from an array too; a job is only ever an object.
        if !text.trim_start().starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(text)?;
            let kind = match value {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Null => "null",
                serde_json::Value::Object(_) => "an object",
            };
            return Err(serde::de::Error::custom(format!(
                "{kind} is not {}",
                T::NOUN
            )));
        }
        let job = T::decode(text)?;
        Ok(Raw {
            raw: text.trim().to_owned(),
            job,
        })
    }

    /// The server's text for this job, exactly as received (surrounding blanks trimmed).
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

impl Raw<Event> {
    /// The typed view of the event.
    pub fn event(&self) -> &Event {
        &self.job
    }
}

impl<T: DeserializeOwned + Noun + Headed> Raw<T> {
    /// Like [`Raw::parse`], but the typed view holds only the job's head (see [`Headed`]),
    /// read from its brief: several times cheaper, for listings whose bytes pass through
    /// unread. Where the brief finds the text odd the whole job is decoded, so this fails
    /// exactly where [`Raw::parse`] does.
    pub fn parse_head(text: &str) -> Result<Raw<T>, serde_json::Error> {
        match T::head(text) {
            Some(job) => Ok(Raw {
                raw: text.trim().to_owned(),
                job,
            }),
            None => Raw::parse(text),
        }
    }
}

/// Splits a list response (a bare JSON array) into the raw text of its elements,
/// borrowing from `text`. Fails when it is not a JSON array.
pub fn split_array(text: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    serde_json::from_str(text)
}

/// Appends `json` (valid JSON text) to `out` without insignificant white space.
pub fn json_compact(json: &str, out: &mut String) {
    out.reserve(json.len());
    let bytes = json.as_bytes();
    let (mut i, mut start) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(json, i),
            b' ' | b'\t' | b'\n' | b'\r' => {
                // White space is ASCII, so these are char boundaries.
                out.push_str(&json[start..i]);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&json[start..]);
}

/// Appends `json` (valid JSON text) to `out` indented by two spaces per level, in the
/// layout of `jq .`; strings and numbers are copied byte for byte.
pub fn json_pretty(json: &str, out: &mut String) {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(json, i);
                out.push_str(&json[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                let close = if bytes[i] == b'{' { b'}' } else { b']' };
                let next = next_significant(bytes, i + 1);
                if bytes.get(next) == Some(&close) {
                    out.push(bytes[i] as char);
                    out.push(close as char);
                    i = next + 1;
                    continue;
                }
                out.push(bytes[i] as char);
                depth += 1;
                newline(out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(bytes[i] as char);
            }
            b',' => {
                out.push(',');
                newline(out, depth);
            }
            b':' => out.push_str(": "),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                // A run of number/literal characters: copy it whole.
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b'"' | b'{'
                            | b'['
                            | b'}'
                            | b']'
                            | b','
                            | b':'
                            | b' '
                            | b'\t'
                            | b'\n'
                            | b'\r'
                    )
                {
                    i += 1;
                }
                out.push_str(&json[start..i]);
                continue;
            }
        }
        i += 1;
    }
}

/// The index just past the closing quote of the string that opens at `start`.
fn string_end(json: &str, start: usize) -> usize {
    let bytes = json.as_bytes();
    let mut i = start + 1;
    // Most of a job's bytes are inside strings: jump from quote or backslash to the next.
    while let Some(k) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        i += k;
        if bytes[i] == b'"' {
            return i + 1;
        }
        i += 2;
    }
    bytes.len()
}

fn next_significant(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(s: &str) -> String {
        let mut out = String::new();
        json_compact(s, &mut out);
        out
    }

    fn pretty(s: &str) -> String {
        let mut out = String::new();
        json_pretty(s, &mut out);
        out
    }

    const ODD: &str = " {\"id\": 22074411 ,\n \"url\": \"https:\\/\\/x\\/\\\"q\\\" a, b: {c}\",\n \
                       \"n\": 1.50e+3, \"big\": 123456789012345678901234567890,\n \
                       \"e\": [], \"o\": { }, \"l\": [1, [true, null], {\"z\": \"\\u00e9 é\"}]} ";

    #[test]
    fn compact_keeps_strings_numbers_and_order_byte_for_byte() {
        assert_eq!(
            compact(ODD),
            "{\"id\":22074411,\"url\":\"https:\\/\\/x\\/\\\"q\\\" a, b: {c}\",\"n\":1.50e+3,\
             \"big\":123456789012345678901234567890,\"e\":[],\"o\":{},\
             \"l\":[1,[true,null],{\"z\":\"\\u00e9 é\"}]}"
        );
    }

    #[test]
    fn pretty_matches_jq_layout() {
        assert_eq!(
            pretty(ODD),
            "{\n  \"id\": 22074411,\n  \"url\": \"https:\\/\\/x\\/\\\"q\\\" a, b: {c}\",\n  \
             \"n\": 1.50e+3,\n  \"big\": 123456789012345678901234567890,\n  \"e\": [],\n  \
             \"o\": {},\n  \"l\": [\n    1,\n    [\n      true,\n      null\n    ],\n    {\n      \
             \"z\": \"\\u00e9 é\"\n    }\n  ]\n}"
        );
    }

    #[test]
    fn pretty_and_compact_round_trip_to_the_same_value() {
        let v: serde_json::Value = serde_json::from_str(ODD).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&pretty(ODD)).unwrap(),
            v
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&compact(ODD)).unwrap(),
            v
        );
    }

    #[test]
    fn split_array_borrows_each_element() {
        let items = split_array("[ {\"id\":1,\"status\":\"x\"} , {\"id\": 2} ]").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].get(), "{\"id\": 2}");
        assert!(split_array("{}").is_err());
    }

    #[test]
    fn raw_job_keeps_the_text() {
        let j = RawJob::parse(" {\"id\": 5, \"status\": \"success\", \"x\": 1.0} \n").unwrap();
        assert_eq!(j.raw(), "{\"id\": 5, \"status\": \"success\", \"x\": 1.0}");
        assert_eq!(j.job.id, 5);
        let e = RawJob::parse("[5, \"success\"]").unwrap_err();
        assert_eq!(e.to_string(), "an array is not a job");
    }
}
