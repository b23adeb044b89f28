//! The detail view of one job (`jobctl show`): aligned `Label: value` blocks for the job,
//! its metrics, its error and its results, like `kubectl describe`.

use serde_json::Value;

use super::{Style, human_bytes, human_duration, sanitize};
use crate::model::Job;

/// Renders one job for a person. Ends with a newline.
pub fn detail(job: &Job, style: &Style) -> String {
    let mut b = Block::default();
    b.row(0, "ID", job.id.to_string());
    b.row(0, "Status", style.status(&job.status));
    b.row(0, "Operation", clean(&job.operation_name));
    b.opt(0, "Table", job.table_id.as_deref().map(clean));
    b.opt(0, "Run ID", job.run_id.as_deref().map(clean));
    if let Some(token) = &job.creator_token {
        let who = token.description.as_deref().map(clean);
        let id = token.id.as_deref().map(|id| format!("token {}", clean(id)));
        let creator = match (who, id) {
            (Some(w), Some(id)) => format!("{w} ({id})"),
            (Some(w), None) => w,
            (None, Some(id)) => id,
            (None, None) => String::new(),
        };
        b.opt(0, "Creator", (!creator.is_empty()).then_some(creator));
    }
    b.opt(
        0,
        "Created",
        job.created_time.as_ref().map(|t| style.time(t)),
    );
    if let Some(start) = &job.start_time {
        let queued = job
            .queued(style.now)
            .map(|q| format!(" (queued {})", human_duration(q)))
            .unwrap_or_default();
        b.row(0, "Started", format!("{}{queued}", style.time(start)));
    }
    b.opt(0, "Ended", job.end_time.as_ref().map(|t| style.time(t)));
    if let Some(d) = job.duration(style.now) {
        let running = if job.end_time.is_none() {
            " so far"
        } else {
            ""
        };
        b.row(0, "Duration", format!("{}{running}", human_duration(d)));
    }
    b.opt(0, "URL", job.url.as_deref().map(clean));

    match &job.metrics {
        Some(m) => {
            b.head("Metrics");
            b.row(
                1,
                "In",
                transfer(
                    m.in_bytes,
                    m.in_bytes_uncompressed,
                    m.in_compressed,
                    m.in_ratio(),
                ),
            );
            b.row(
                1,
                "Out",
                transfer(
                    m.out_bytes,
                    m.out_bytes_uncompressed,
                    m.out_compressed,
                    m.out_ratio(),
                ),
            );
        }
        None => b.row(0, "Metrics", style.dim("none reported")),
    }

    if let Some(e) = &job.error {
        b.head("Error");
        b.opt(
            1,
            "Code",
            e.code.as_deref().map(|c| style.paint("31", &clean(c))),
        );
        b.opt(1, "Message", e.message.as_deref().map(clean));
        b.opt(1, "Exception", e.exception_id.as_deref().map(clean));
        b.opt(1, "UUID", e.uuid.as_deref().map(clean));
        b.opt(1, "Context", e.context_params.as_ref().map(compact));
    }

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

    b.opt(0, "Parameters", job.operation_params.as_ref().map(compact));
    b.finish()
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

/// `totalRowsCount` -> `Total rows count`.
fn label(key: &str) -> String {
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

pub(super) fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        other => sanitize(&other.to_string()).into_owned(),
    }
}

pub(super) fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// Rows grouped into blocks; labels aligned within each block.
#[derive(Default)]
pub(super) struct Block {
    lines: Vec<Line>,
}

enum Line {
    Head(&'static str),
    Row {
        indent: usize,
        label: String,
        value: String,
    },
}

impl Block {
    pub(super) fn row(&mut self, indent: usize, label: &str, value: String) {
        self.lines.push(Line::Row {
            indent,
            label: label.to_owned(),
            value,
        });
    }

    pub(super) fn opt(&mut self, indent: usize, label: &str, value: Option<String>) {
        if let Some(v) = value {
            self.row(indent, label, v);
        }
    }

    pub(super) fn head(&mut self, name: &'static str) {
        self.lines.push(Line::Head(name));
    }

    /// Top-level labels align across the whole view; nested ones within their section.
    pub(super) fn finish(self) -> String {
        let label_width = |line: &Line| match line {
            Line::Row { label, .. } => label.chars().count(),
            Line::Head(_) => 0,
        };
        let top = self
            .lines
            .iter()
            .filter(|l| matches!(l, Line::Row { indent: 0, .. }))
            .map(label_width)
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            match line {
                Line::Head(name) => {
                    out.push_str(name);
                    out.push_str(":\n");
                }
                Line::Row {
                    indent,
                    label,
                    value,
                } => {
                    let width = if *indent == 0 {
                        top
                    } else {
                        section_width(&self.lines, i, label_width)
                    };
                    out.push_str(&"  ".repeat(*indent));
                    out.push_str(label);
                    out.push(':');
                    out.push_str(&" ".repeat(width - label.chars().count() + 1));
                    out.push_str(value);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// The widest nested label in the section around line `i`.
fn section_width(lines: &[Line], i: usize, width: impl Fn(&Line) -> usize) -> usize {
    let nested = |l: &&Line| matches!(l, Line::Row { indent: 1.., .. });
    let before = lines[..i].iter().rev().take_while(nested);
    let after = lines[i..].iter().take_while(nested);
    before.chain(after).map(width).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;

    fn fixture(name: &str) -> Job {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn plain() -> Style {
        Style {
            color: false,
            terminal: false,
            now: parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc(),
        }
    }

    #[test]
    fn failed_import_shows_error_and_results() {
        let out = detail(&fixture("tableImport-error.json"), &plain());
        assert_eq!(
            out,
            "\
ID:         123456
Status:     error
Operation:  tableImport
Table:      in.c-API-tests.languages
Run ID:     88710023
Creator:    ondrej.popelka@keboola.com (token 27978)
Created:    2024-09-03T14:13:08+02:00
Started:    2024-09-03T14:13:09+02:00 (queued 1s)
Ended:      2024-09-03T14:13:12+02:00
Duration:   3s
URL:        https://connection.keboola.com/v2/storage/jobs/123456
Metrics:
  In:  125 B
  Out: 0 B
Error:
  Code:      csvImport.columnsNotMatch
  Message:   Some columns are missing in the csv file. Missing columns: missing. Expected columns: id,name,missing. Please check if the expected delimiter \",\" is used in the csv file.
  Exception: keboola-connection-abcdef0123456789
Results:
  Missing columns:  missing
  Expected columns: id, name, missing
Parameters: {\"params\":{\"incremental\":false,\"delimiter\":\",\",\"enclosure\":\"\\\"\"},\"source\":{\"fileId\":98765,\"type\":\"file\"},\"queue\":\"main\"}
"
        );
    }

    #[test]
    fn compression_is_shown_with_its_ratio() {
        let out = detail(&fixture("tableImport-success.json"), &plain());
        assert!(
            out.contains("  In:  1.8 KiB compressed, 5.0 KiB uncompressed (2.8x)\n"),
            "{out}"
        );
        assert!(out.contains("  Total rows count:      8\n"), "{out}");
        assert!(out.contains("  Total data size bytes: 4.0 KiB\n"), "{out}");
        assert!(
            out.contains("  Transaction:           none\n  Warnings:              none\n"),
            "{out}"
        );
        assert!(out.contains("Duration:   41s\n"), "{out}");
    }

    #[test]
    fn export_shows_the_file_and_a_waiting_job_no_results() {
        let out = detail(&fixture("tableExport-success.json"), &plain());
        assert!(out.contains("  File:      234\n  Cache hit: no\n"), "{out}");
        let out = detail(&fixture("tableDrop-waiting-no-metrics.json"), &plain());
        assert!(out.contains("Metrics:    none reported\n"), "{out}");
        assert!(
            out.contains("Creator:    Master Token (token 221)\n"),
            "{out}"
        );
        assert!(!out.contains("Results"), "{out}");
        assert!(!out.contains("Duration"), "{out}");
    }

    #[test]
    fn empty_results_of_a_finished_job_say_none() {
        let out = detail(
            &fixture("workspaceTableExport-success-results-empty-array.json"),
            &plain(),
        );
        assert!(out.contains("Results:    none\n"), "{out}");
        assert!(
            out.contains("  Out: 512.0 KiB compressed, 2.0 MiB uncompressed (4.0x)\n"),
            "{out}"
        );
    }

    #[test]
    fn colour_marks_status_and_error_code() {
        let style = Style {
            color: true,
            ..plain()
        };
        let out = detail(&fixture("tableImport-error.json"), &style);
        assert!(
            out.contains("Status:     \x1b[31;1merror\x1b[0m\n"),
            "{out}"
        );
        assert!(
            out.contains("\x1b[31mcsvImport.columnsNotMatch\x1b[0m"),
            "{out}"
        );
    }

    #[test]
    fn server_text_cannot_reach_the_terminal_raw() {
        let job: Job = serde_json::from_str(
            r#"{"id":1,"status":"error\u001b[2J","tableId":"in.c-x.\u001b]0;pwned\u0007t",
                "operationName":"table\rImport","error":{"message":"bad\u001b[31m\u202ered\nnext"},
                "results":{"k\u001b[1m":"v\u0007"},"operationParams":{"x":"\u001b[5m"}}"#,
        )
        .unwrap();
        let out = detail(&job, &plain());
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("Table:      in.c-x.t\n"), "{out}");
        assert!(out.contains("  Message: badred next\n"), "{out}");
    }
}
