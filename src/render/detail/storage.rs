//! The rows of a storage job's detail view that only a storage job has: its table, its
//! metrics, its error object, its results and its operation's parameters.

use serde_json::Value;

use super::{Block, KindRows, clean, compact};
use crate::model::Job;
use crate::render::{Style, human_bytes, sanitize};

impl KindRows for Job {
    fn status(&self, style: &Style) -> String {
        style.status(&self.status)
    }

    fn what_label(&self) -> &'static str {
        "Operation"
    }

    /// The table and the run.
    fn about(&self, b: &mut Block) {
        b.opt(0, "Table", self.table_id.as_deref().map(clean));
        b.opt(0, "Run ID", self.run_id.as_deref().map(clean));
    }

    fn sections(&self, b: &mut Block, style: &Style) {
        metrics(b, self, style);
        error(b, self, style);
        results(b, self, style);
        parameters(b, self);
    }
}

fn metrics(b: &mut Block, job: &Job, style: &Style) {
    match &job.metrics {
        // A job that moved no data (a drop, a swap, a branch): nothing worth two rows.
        Some(m)
            if m.in_bytes == 0
                && m.out_bytes == 0
                && m.in_bytes_uncompressed == 0
                && m.out_bytes_uncompressed == 0 =>
        {
            b.row(0, "Metrics", style.dim("no data transferred"))
        }
        Some(m) => {
            b.head("Metrics");
            let in_ratio = m.in_ratio();
            let out_ratio = m.out_ratio();
            let inward = transfer(
                m.in_bytes,
                m.in_bytes_uncompressed,
                m.in_compressed,
                in_ratio,
            );
            b.row(1, "In", inward);
            let out = transfer(
                m.out_bytes,
                m.out_bytes_uncompressed,
                m.out_compressed,
                out_ratio,
            );
            b.row(1, "Out", out);
        }
        None => b.row(0, "Metrics", style.dim("none reported")),
    }
}

fn error(b: &mut Block, job: &Job, style: &Style) {
    if let Some(e) = &job.error {
        b.head("Error");
        let code = e.code.as_deref().map(|c| style.paint("31", &clean(c)));
        b.opt(1, "Code", code);
        b.opt(1, "Message", e.message.as_deref().map(clean));
        b.opt(1, "Exception", e.exception_id.as_deref().map(clean));
        b.opt(1, "UUID", e.uuid.as_deref().map(clean));
        b.opt(1, "Context", e.context_params.as_ref().map(compact));
    }
}

fn results(b: &mut Block, job: &Job, style: &Style) {
    match &job.results {
        Some(Value::Object(o)) if !o.is_empty() => {
            b.head("Results");
            for (key, value) in o {
                b.row(1, &label(key), result_value(key, value));
            }
        }
        Some(other) => b.row(0, "Results", compact(other)),
        None if job.is_finished() => b.row(0, "Results", style.dim("none")),
        None => {}
    }
}

/// Pretty-printed, each line its own row (so it wraps at a terminal's width).
fn parameters(b: &mut Block, job: &Job) {
    match &job.operation_params {
        Some(params @ (Value::Object(_) | Value::Array(_))) => {
            b.head("Parameters");
            let mut pretty = String::new();
            crate::model::json_pretty(&params.to_string(), &mut pretty);
            // An object's members, without its braces: the heading says what they are.
            let lines: Vec<&str> = pretty.lines().collect();
            let members = match lines.as_slice() {
                ["{", inner @ .., "}"] => inner.iter().map(|l| l.get(2..).unwrap_or(l)).collect(),
                _ => lines,
            };
            for line in members {
                b.text(1, clean(line));
            }
        }
        other => b.opt(0, "Parameters", other.as_ref().map(compact)),
    }
}

/// `1.8 KiB`, or `1.8 KiB compressed, 5.0 KiB uncompressed (2.8x)` when compression applies.
fn transfer(bytes: u64, uncompressed: u64, compressed: bool, ratio: Option<f64>) -> String {
    let mut s = human_bytes(bytes);
    if compressed {
        s.push_str(" compressed");
    }
    if uncompressed > 0 && (compressed || uncompressed != bytes) {
        s.push_str(&format!(", {} uncompressed", human_bytes(uncompressed)));
        if let Some(r) = ratio {
            s.push_str(&format!(" ({r:.1}x)"));
        }
    }
    s
}

/// One result field: sizes human, lists joined, `{"id": N}` as N, other objects compact.
fn result_value(key: &str, value: &Value) -> String {
    match value {
        Value::Number(n) if key.ends_with("Bytes") => match n.as_u64() {
            Some(b) => human_bytes(b),
            None => n.to_string(),
        },
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Null => "none".to_owned(),
        Value::String(s) => clean(s),
        Value::Array(a) if a.is_empty() => "none".to_owned(),
        Value::Array(a) if a.iter().all(|v| v.is_string() || v.is_number()) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => clean(s),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) if o.len() == 1 && o.contains_key("id") => compact(&o["id"]),
        other => compact(other),
    }
}

/// The label of a result field: a known name from the API's operations, else the key in
/// words (`someNewField` -> `Some new field`).
fn label(key: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("id", "ID"),
        ("file", "File"),
        ("cacheHit", "Cache hit"),
        ("totalRowsCount", "Rows"),
        ("totalDataSizeBytes", "Data size"),
        ("importedColumns", "Imported columns"),
        ("missingColumns", "Missing columns"),
        ("expectedColumns", "Expected columns"),
        ("newColumns", "New columns"),
        ("tableAStringId", "Table A"),
        ("tableBStringId", "Table B"),
        ("isDefault", "Default branch"),
        ("creatorToken", "Creator token"),
    ];
    if let Some((_, known)) = KNOWN.iter().find(|(k, _)| *k == key) {
        return (*known).to_owned();
    }
    words(key)
}

/// `totalRowsCount` -> `Total rows count`.
fn words(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in sanitize(key).chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
