//! The detail view of one job (`jobctl show`): aligned `Label: value` blocks for the job,
//! its metrics, its error and its results, like `kubectl describe`. On a terminal, long
//! values wrap under their own column and the parameters are pretty-printed to its width.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::grid::{Align, grid};
use super::{Style, human_bytes, human_duration, running_duration, sanitize};
use crate::model::{Job, Timestamp};

/// Renders one job for a person, fitted to `width` columns when given (a terminal). Ends
/// with a newline.
pub fn detail(job: &Job, style: &Style, width: Option<usize>) -> String {
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
    let times = Times {
        created: job.created_time.as_ref(),
        started: job.start_time.as_ref(),
        ended: job.end_time.as_ref(),
        queued: job.queued(style.now),
        duration: job.duration(style.now),
    };
    b.times(&times, "", style);
    b.opt(0, "URL", job.url.as_deref().map(clean));

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
    b.finish(width)
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

/// Cuts `text` into lines of at most `width` columns at spaces. A word is never cut (an
/// id or a URL must stay whole to be copied): one wider than the width stands alone on
/// its line. No width, or one too narrow to help, keeps the text whole.
pub(super) fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    const NARROWEST: usize = 20;
    let Some(width) = width.filter(|w| *w >= NARROWEST) else {
        return vec![text.to_owned()];
    };
    if text.width() <= width {
        return vec![text.to_owned()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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
    /// A line of its own (pretty JSON), wrapped at the width with a deeper indent.
    Text {
        indent: usize,
        text: String,
    },
}

/// A job's times, for [`Block::times`].
pub(super) struct Times<'a> {
    pub created: Option<&'a Timestamp>,
    pub started: Option<&'a Timestamp>,
    pub ended: Option<&'a Timestamp>,
    /// Created to started.
    pub queued: Option<jiff::SignedDuration>,
    /// Started to ended, or to now while running.
    pub duration: Option<jiff::SignedDuration>,
}

impl Block {
    /// Created, Started (with the queue wait), Ended and Duration (`so far` while running,
    /// then `extra`), each when known.
    pub(super) fn times(&mut self, t: &Times, extra: &str, style: &Style) {
        self.opt(0, "Created", t.created.map(|c| style.time(c)));
        if let Some(start) = t.started {
            let queued = t
                .queued
                .map(|q| format!(" (queued {})", human_duration(q)))
                .unwrap_or_default();
            self.row(0, "Started", format!("{}{queued}", style.time(start)));
        }
        self.opt(0, "Ended", t.ended.map(|e| style.time(e)));
        if let Some(d) = t.duration {
            let text = match t.ended {
                Some(_) => human_duration(d),
                None => format!("{} so far", running_duration(d)),
            };
            self.row(0, "Duration", format!("{text}{extra}"));
        }
    }

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

    fn text(&mut self, indent: usize, text: String) {
        self.lines.push(Line::Text { indent, text });
    }

    /// Top-level labels align across the whole view; nested ones within their section.
    /// With a `width`, a value longer than its column wraps onto rows of its own under it.
    pub(super) fn finish(self, width: Option<usize>) -> String {
        let top = self
            .lines
            .iter()
            .filter_map(|line| match line {
                Line::Row {
                    indent: 0, label, ..
                } => Some(label.width()),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let mut lines = self.lines.into_iter().peekable();
        while let Some(line) = lines.next() {
            let (indent, label, value) = match line {
                Line::Head(name) => {
                    out.push_str(name);
                    out.push_str(":\n");
                    continue;
                }
                Line::Text { indent, text } => {
                    let lead = text.len() - text.trim_start().len();
                    let pad = 2 * indent;
                    let first = " ".repeat(pad);
                    let rest = " ".repeat(pad + lead + 2);
                    let avail = width.map(|w| w.saturating_sub(pad + lead + 2));
                    for (i, piece) in wrap(text.trim_start(), avail).iter().enumerate() {
                        out.push_str(if i == 0 { &first } else { &rest });
                        if i == 0 {
                            out.push_str(&text[..lead]);
                        }
                        out.push_str(piece);
                        out.push('\n');
                    }
                    continue;
                }
                Line::Row {
                    indent,
                    label,
                    value,
                } => (indent, label, value),
            };
            // One grid per run of rows at the same depth: a section, or the top-level
            // rows between two sections (in the width of all top-level labels).
            let mut pairs = vec![(label, value)];
            while let Some(Line::Row { label, value, .. }) =
                lines.next_if(|l| matches!(l, Line::Row { indent: i, .. } if *i == indent))
            {
                pairs.push((label, value));
            }
            let label_width = if indent == 0 {
                top + 1
            } else {
                pairs.iter().map(|(l, _)| l.width() + 1).max().unwrap_or(0)
            };
            // The value column starts after the indent, the labels and a space.
            let avail = width.map(|w| w.saturating_sub(2 * indent + label_width + 1));
            let mut rows = Vec::with_capacity(pairs.len());
            for (label, value) in pairs {
                // A coloured value is never cut: its colour must end on its own line.
                let pieces = match value.contains('\x1b') {
                    true => vec![value],
                    false => wrap(&value, avail),
                };
                for (i, piece) in pieces.into_iter().enumerate() {
                    let label = if i == 0 {
                        format!("{label}:")
                    } else {
                        String::new()
                    };
                    rows.push(vec![label, piece]);
                }
            }
            let columns = [Align::left(label_width), Align::left(0)];
            out.push_str(&grid(rows, &columns, 1, 2 * indent));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;
    use crate::render::Zone;

    fn fixture(name: &str) -> Job {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn plain() -> Style {
        Style {
            color: false,
            terminal: false,
            now: parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc(),
            zone: Zone::utc(),
        }
    }

    /// The zone travels with the style: two renders of one job in one process, each in
    /// its own zone, and neither remembered by the next.
    #[test]
    fn each_render_shows_times_in_the_zone_its_style_carries() {
        let job = fixture("tableImport-error.json");
        let prague = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let in_zone = |zone: Zone| {
            let style = Style {
                terminal: true,
                zone,
                ..plain()
            };
            detail(&job, &style, None)
        };
        let utc = in_zone(Zone::utc());
        let local = in_zone(Zone::new(prague));
        assert!(
            utc.contains("\nCreated:   2024-09-03 12:13:08 UTC ("),
            "{utc}"
        );
        assert!(
            local.contains("\nCreated:   2024-09-03 14:13:08 CEST ("),
            "{local}"
        );
        assert_eq!(in_zone(Zone::utc()), utc);
    }

    #[test]
    fn failed_import_shows_error_and_results() {
        let out = detail(&fixture("tableImport-error.json"), &plain(), None);
        assert_eq!(
            out,
            "\
ID:        123456
Status:    error
Operation: tableImport
Table:     in.c-API-tests.languages
Run ID:    88710023
Creator:   ondrej.popelka@keboola.com (token 27978)
Created:   2024-09-03T14:13:08+02:00
Started:   2024-09-03T14:13:09+02:00 (queued 1s)
Ended:     2024-09-03T14:13:12+02:00
Duration:  3s
URL:       https://connection.keboola.com/v2/storage/jobs/123456
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
Parameters:
  \"params\": {
    \"incremental\": false,
    \"delimiter\": \",\",
    \"enclosure\": \"\\\"\"
  },
  \"source\": {
    \"fileId\": 98765,
    \"type\": \"file\"
  },
  \"queue\": \"main\"
"
        );
    }

    #[test]
    fn compression_is_shown_with_its_ratio() {
        let out = detail(&fixture("tableImport-success.json"), &plain(), None);
        assert!(
            out.contains("  In:  1.8 KiB compressed, 5.0 KiB uncompressed (2.8x)\n"),
            "{out}"
        );
        // Known result keys have names of their own, not their key in words.
        assert!(out.contains("  Rows:             8\n"), "{out}");
        assert!(out.contains("  Data size:        4.0 KiB\n"), "{out}");
        assert!(
            out.contains("  Transaction:      none\n  Warnings:         none\n"),
            "{out}"
        );
        assert!(out.contains("Duration:  41s\n"), "{out}");
    }

    #[test]
    fn export_shows_the_file_and_a_waiting_job_no_results() {
        let out = detail(&fixture("tableExport-success.json"), &plain(), None);
        assert!(out.contains("  File:      234\n  Cache hit: no\n"), "{out}");
        let out = detail(
            &fixture("tableDrop-waiting-no-metrics.json"),
            &plain(),
            None,
        );
        assert!(out.contains("Metrics:   none reported\n"), "{out}");
        assert!(
            out.contains("Creator:   Master Token (token 221)\n"),
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
            None,
        );
        assert!(out.contains("Results:   none\n"), "{out}");
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
        let out = detail(&fixture("tableImport-error.json"), &style, None);
        assert!(out.contains("Status:    \x1b[31;1merror\x1b[0m\n"), "{out}");
        assert!(
            out.contains("\x1b[31mcsvImport.columnsNotMatch\x1b[0m"),
            "{out}"
        );
    }

    #[test]
    fn labels_align_by_display_width() {
        let job: Job = serde_json::from_str(
            r#"{"id":1,"status":"success","results":{"名前":"a","abcde":"b"}}"#,
        )
        .unwrap();
        let out = detail(&job, &plain(), None);
        assert!(out.contains("Results:\n  名前:  a\n  Abcde: b\n"), "{out}");
    }

    #[test]
    fn server_text_cannot_reach_the_terminal_raw() {
        let job: Job = serde_json::from_str(
            r#"{"id":1,"status":"error\u001b[2J","tableId":"in.c-x.\u001b]0;pwned\u0007t",
                "operationName":"table\rImport","error":{"message":"bad\u001b[31m\u202ered\nnext"},
                "results":{"k\u001b[1m":"v\u0007"},"operationParams":{"x":"\u001b[5m"}}"#,
        )
        .unwrap();
        let out = detail(&job, &plain(), None);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("Table:     in.c-x.t\n"), "{out}");
        assert!(out.contains("  Message: badred next\n"), "{out}");
    }

    #[test]
    fn on_a_terminal_long_values_wrap_under_their_column() {
        let out = detail(&fixture("tableImport-error.json"), &plain(), Some(60));
        assert!(
            out.contains(
                "  Message:   Some columns are missing in the csv file.\n             \
                 Missing columns: missing. Expected columns:\n"
            ),
            "{out}"
        );
        // Words are never cut: the URL overflows rather than breaking.
        let url = "https://connection.keboola.com/v2/storage/jobs/123456";
        assert!(out.contains(&format!("URL:       {url}\n")), "{out}");
        for line in out.lines().filter(|l| !l.contains(url)) {
            assert!(line.width() <= 60, "{line:?} is wider than 60:\n{out}");
        }
        // Unwrapped without a width (a pipe).
        let piped = detail(&fixture("tableImport-error.json"), &plain(), None);
        assert!(piped.lines().any(|l| l.width() > 100), "{piped}");
    }

    #[test]
    fn parameters_are_pretty_and_fit_the_width() {
        let job: Job = serde_json::from_str(
            r#"{"id":1,"status":"success","operationParams":{"queue":"main","columns":["a","b"],
                "where":"a very long parameter value that cannot fit into thirty columns"}}"#,
        )
        .unwrap();
        let out = detail(&job, &plain(), Some(30));
        assert!(
            out.contains("Parameters:\n  \"queue\": \"main\",\n  \"columns\": [\n    \"a\",\n"),
            "{out}"
        );
        for line in out.lines() {
            assert!(line.width() <= 30, "{line:?} is wider than 30:\n{out}");
        }
        // The continuation of a cut line stands deeper than the line it continues.
        let at = out.find("  \"where\"").unwrap();
        let next = out[at..].lines().nth(1).unwrap();
        assert!(next.starts_with("    "), "{out}");
    }

    #[test]
    fn a_job_that_moved_no_data_says_so_in_one_row() {
        let job: Job = serde_json::from_str(
            r#"{"id":1,"status":"success","metrics":{"inCompressed":false,"inBytes":0,
                "inBytesUncompressed":0,"outCompressed":false,"outBytes":0,"outBytesUncompressed":0}}"#,
        )
        .unwrap();
        let out = detail(&job, &plain(), None);
        assert!(out.contains("Metrics:   no data transferred\n"), "{out}");
        assert!(!out.contains("0 B"), "{out}");
    }

    #[test]
    fn colour_never_runs_past_the_end_of_a_line() {
        let style = Style {
            color: true,
            ..plain()
        };
        for width in [None, Some(40)] {
            let out = detail(&fixture("tableImport-error.json"), &style, width);
            for line in out.lines() {
                let opened = line.matches("\x1b[").count();
                let reset = line.matches("\x1b[0m").count();
                assert_eq!(opened, 2 * reset, "{line:?} leaves a colour on");
            }
        }
    }
}
