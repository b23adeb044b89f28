//! The detail view of one job of either kind (`jobctl show`, the pane of `top`, a watch's
//! last word): aligned `Label: value` blocks, like `kubectl describe`. The rows every job
//! has (id, status, what it runs, who started it, its times, its link) are written here
//! once; the rows and sections only one kind has are in [`storage`] and [`queue`]. On a
//! terminal, long values wrap under their own column. Pure; server text is sanitised.

mod queue;
mod storage;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::grid::{Align, grid};
use super::queue::{queue_label, queue_status};
use super::{Style, human_duration, running_duration, sanitize};
use crate::model::{AnyJob, QueueJob, Timestamp};

/// What a detail view shows beyond the job itself, fetched by the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct Related<'a> {
    /// A queue container's jobs directly under it: a `Children` summary.
    pub children: Option<&'a [QueueJob]>,
    /// `show --queue-job`: the queue job whose run started a storage job, or why there
    /// is none.
    pub queue_job: Option<Result<&'a QueueJob, &'a str>>,
}

/// What one kind of job adds to the rows every job has, each at its place. A new kind
/// of job is one more implementation.
trait KindRows {
    /// The status, coloured by what it means for this kind.
    fn status(&self, style: &Style) -> String;
    /// The label of what the job runs ([`AnyJob::what`]).
    fn what_label(&self) -> &'static str;
    /// Rows between the status and what the job runs.
    fn under_status(&self, _b: &mut Block) {}
    /// Rows between what the job runs and who started it.
    fn about(&self, b: &mut Block);
    /// What the duration row adds after the duration.
    fn duration_note(&self) -> String {
        String::new()
    }
    /// Sections after the link.
    fn sections(&self, b: &mut Block, style: &Style);
}

/// Renders one job for a person, fitted to `width` columns when given (a terminal). Ends
/// with a newline.
pub fn detail(job: &AnyJob, related: &Related, style: &Style, width: Option<usize>) -> String {
    let kind: &dyn KindRows = match job {
        AnyJob::Storage(j) => j,
        AnyJob::Queue(j) => j,
    };
    let mut b = Block::default();
    b.row(0, "ID", job.id().to_string());
    b.row(0, "Status", kind.status(style));
    kind.under_status(&mut b);
    b.opt(0, kind.what_label(), job.what().map(clean));
    kind.about(&mut b);
    if let Some(token) = job.creator() {
        let who = who(token.description.as_deref(), token.id.as_deref(), "token");
        b.opt(0, "Creator", who);
    }
    let times = Times {
        created: job.created_time(),
        started: job.start_time(),
        ended: job.end_time(),
        queued: job.queued(style.now),
        duration: job.duration(style.now),
    };
    b.times(&times, &kind.duration_note(), style);
    // The page a person can open; the API's URL where it is not known (JSON keeps it).
    b.opt(0, "URL", job.link().map(clean));
    kind.sections(&mut b, style);
    if let Some(children) = related.children {
        b.row(0, "Children", queue::children_summary(children));
    }
    if let Some(found) = related.queue_job {
        b.row(0, "Queue job", queue_job_line(found, style));
    }
    b.finish(width)
}

/// The queue job that started a storage job (`1205330058 keboola.ex-google-drive 774411
/// error`), or why there is none.
fn queue_job_line(found: Result<&QueueJob, &str>, style: &Style) -> String {
    match found {
        Ok(job) => {
            let mut s = queue_label(job);
            s.push_str("  ");
            s.push_str(&queue_status(style, &job.status));
            if let Some(t) = job.job_type.as_deref().filter(|t| *t != "standard") {
                s.push_str(&format!(" ({})", clean(t)));
            }
            s
        }
        Err(why) => style.dim(&clean(why)),
    }
}

/// `Acme Analytics (project 66)`, `jan@acme.io (token 7460)`: a name and its id, either
/// alone when the other is unknown.
fn who(name: Option<&str>, id: Option<&str>, what: &str) -> Option<String> {
    match (name.map(clean), id.map(clean)) {
        (Some(n), Some(id)) => Some(format!("{n} ({what} {id})")),
        (Some(n), None) => Some(n),
        (None, Some(id)) => Some(format!("{what} {id}")),
        (None, None) => None,
    }
}

/// Cuts `text` into lines of at most `width` columns at spaces. A word is never cut (an
/// id or a URL must stay whole to be copied): one wider than the width stands alone on
/// its line. No width, or one too narrow to help, keeps the text whole.
pub(in crate::render) fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
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

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        other => sanitize(&other.to_string()).into_owned(),
    }
}

pub(in crate::render) fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// Rows grouped into blocks; labels aligned within each block.
#[derive(Default)]
pub(in crate::render) struct Block {
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
struct Times {
    created: Option<Timestamp>,
    started: Option<Timestamp>,
    ended: Option<Timestamp>,
    /// Created to started.
    queued: Option<jiff::SignedDuration>,
    /// Started to ended, or to now while running.
    duration: Option<jiff::SignedDuration>,
}

impl Block {
    /// Created, Started (with the queue wait), Ended and Duration (`so far` while running,
    /// then `extra`), each when known.
    fn times(&mut self, t: &Times, extra: &str, style: &Style) {
        self.opt(0, "Created", t.created.map(|c| style.time(&c)));
        if let Some(start) = &t.started {
            let queued = t
                .queued
                .map(|q| format!(" (queued {})", human_duration(q)))
                .unwrap_or_default();
            self.row(0, "Started", format!("{}{queued}", style.time(start)));
        }
        self.opt(0, "Ended", t.ended.map(|e| style.time(&e)));
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
    use crate::render::Zone;

    fn text(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn fixture(name: &str) -> AnyJob {
        AnyJob::Storage(serde_json::from_str(&text(name)).unwrap())
    }

    fn queue(name: &str) -> QueueJob {
        serde_json::from_str(&text(&format!("queue/{name}"))).unwrap()
    }

    fn storage(body: &str) -> AnyJob {
        AnyJob::Storage(serde_json::from_str(body).unwrap())
    }

    /// The view with nothing fetched around the job.
    fn view(job: &AnyJob, style: &Style, width: Option<usize>) -> String {
        detail(job, &Related::default(), style, width)
    }

    fn plain() -> Style {
        Style::fixed(false)
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
            view(&job, &style, None)
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
        let out = view(&fixture("tableImport-error.json"), &plain(), None);
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
        let out = view(&fixture("tableImport-success.json"), &plain(), None);
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
        let out = view(&fixture("tableExport-success.json"), &plain(), None);
        assert!(out.contains("  File:      234\n  Cache hit: no\n"), "{out}");
        let out = view(
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
        let out = view(
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
        let out = view(&fixture("tableImport-error.json"), &style, None);
        assert!(out.contains("Status:    \x1b[31;1merror\x1b[0m\n"), "{out}");
        assert!(
            out.contains("\x1b[31mcsvImport.columnsNotMatch\x1b[0m"),
            "{out}"
        );
    }

    #[test]
    fn labels_align_by_display_width() {
        let job = storage(r#"{"id":1,"status":"success","results":{"名前":"a","abcde":"b"}}"#);
        let out = view(&job, &plain(), None);
        assert!(out.contains("Results:\n  名前:  a\n  Abcde: b\n"), "{out}");
    }

    #[test]
    fn server_text_cannot_reach_the_terminal_raw() {
        let job = storage(
            r#"{"id":1,"status":"error\u001b[2J","tableId":"in.c-x.\u001b]0;pwned\u0007t",
                "operationName":"table\rImport","error":{"message":"bad\u001b[31m\u202ered\nnext"},
                "results":{"k\u001b[1m":"v\u0007"},"operationParams":{"x":"\u001b[5m"}}"#,
        );
        let out = view(&job, &plain(), None);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("Table:     in.c-x.t\n"), "{out}");
        assert!(out.contains("  Message: badred next\n"), "{out}");
    }

    #[test]
    fn on_a_terminal_long_values_wrap_under_their_column() {
        let out = view(&fixture("tableImport-error.json"), &plain(), Some(60));
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
        let piped = view(&fixture("tableImport-error.json"), &plain(), None);
        assert!(piped.lines().any(|l| l.width() > 100), "{piped}");
    }

    #[test]
    fn parameters_are_pretty_and_fit_the_width() {
        let job = storage(
            r#"{"id":1,"status":"success","operationParams":{"queue":"main","columns":["a","b"],
                "where":"a very long parameter value that cannot fit into thirty columns"}}"#,
        );
        let out = view(&job, &plain(), Some(30));
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
        let job = storage(
            r#"{"id":1,"status":"success","metrics":{"inCompressed":false,"inBytes":0,
                "inBytesUncompressed":0,"outCompressed":false,"outBytes":0,"outBytesUncompressed":0}}"#,
        );
        let out = view(&job, &plain(), None);
        assert!(out.contains("Metrics: no data transferred\n"), "{out}");
        assert!(!out.contains("0 B"), "{out}");
    }

    #[test]
    fn colour_never_runs_past_the_end_of_a_line() {
        let style = Style {
            color: true,
            ..plain()
        };
        for width in [None, Some(40)] {
            let out = view(&fixture("tableImport-error.json"), &style, width);
            for line in out.lines() {
                let opened = line.matches("\x1b[").count();
                let reset = line.matches("\x1b[0m").count();
                assert_eq!(opened, 2 * reset, "{line:?} leaves a colour on");
            }
        }
    }

    #[test]
    fn a_failed_job_shows_its_error_type_exception_and_metrics() {
        let job = AnyJob::Queue(queue("queue-standard-error.json"));
        assert_eq!(
            view(&job, &plain(), None),
            "\
ID:        10441200
Status:    error
Type:      standard
Component: keboola.python-transformation-v2
Config:    1180022 (version 4)
Mode:      run
Run ID:    10441200
Project:   Acme Analytics (project 66)
Creator:   jan.kovar@acme-analytics.io (token 7460)
Created:   2022-01-25T06:00:02+00:00
Started:   2022-01-25T06:00:09+00:00 (queued 7s)
Ended:     2022-01-25T06:01:31+00:00
Duration:  1m 22s (82s billed)
URL:       https://queue.keboola.com/jobs/10441200
Result:
  Message:    Script file /data/script.py failed: KeyError: 'customer_id'
  Error type: user
  Exception:  exception-27b5c0ee49f1b6d1a6c2
Metrics:
  Input:   1.0 MiB
  Output:  0 B
  Backend: small
"
        );
    }

    #[test]
    fn a_container_summarises_its_children() {
        let flow = AnyJob::Queue(queue("queue-flow-processing.json"));
        let kids = [
            queue("queue-phase-waiting.json"),
            queue("queue-standard-success.json"),
            queue("queue-standard-error.json"),
            queue("queue-standard-success.json"),
        ];
        let related = Related {
            children: Some(&kids),
            ..Related::default()
        };
        let out = detail(&flow, &related, &plain(), None);
        assert!(
            out.contains("Children:  4 jobs: 1 waiting, 2 success, 1 error\n"),
            "{out}"
        );
        assert!(out.contains("On error:  stop\n"), "{out}");
        assert!(!out.contains("Result"), "{out}");
        assert!(out.contains("Duration:  "), "{out}");
        let none = Related {
            children: Some(&[]),
            ..Related::default()
        };
        assert!(detail(&flow, &none, &plain(), None).contains("Children:  none\n"));
    }

    #[test]
    fn the_queue_job_behind_a_storage_job_is_a_row_aligned_with_the_others() {
        let job = fixture("tableImport-error.json");
        let behind = queue("queue-standard-error.json");
        let found = Related {
            queue_job: Some(Ok(&behind)),
            ..Related::default()
        };
        let out = detail(&job, &found, &plain(), None);
        // Its label is as wide as the widest, so every value starts in one column.
        assert!(out.starts_with("ID:        123456\n"), "{out}");
        assert!(
            out.ends_with("Queue job: 10441200 keboola.python-transformation-v2 1180022  error\n"),
            "{out}"
        );
        let missing = Related {
            queue_job: Some(Err("none found (run id 7)")),
            ..Related::default()
        };
        let out = detail(&job, &missing, &plain(), None);
        assert!(out.ends_with("Queue job: none found (run id 7)\n"), "{out}");
    }

    #[test]
    fn server_text_in_a_queue_detail_cannot_reach_the_terminal_raw() {
        let job = AnyJob::Queue(
            serde_json::from_str(
                r#"{"id":"1","status":"error\u001b[2J","component":"x\u001b]0;t\u0007y",
                "result":{"message":"bad\u202e\nnews","error":{"type":"user"}}}"#,
            )
            .unwrap(),
        );
        let out = view(&job, &plain(), None);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("Component: xy\n"), "{out}");
        assert!(out.contains("bad news"), "{out}");
    }
}
