//! A job's log as text: the end of a failed job's log under its detail (`show` on a
//! terminal: a heading, then each warning and error) and `top`'s log pane; each event as
//! `jobctl logs` writes it (`render::log::write_event`), indented, its description cut to
//! a few lines. Every server string is sanitised line by line. Pure text.

use crate::client::ApiError;
use crate::dashboard::state::LogPane;
use crate::log_tail::LogTail;
use crate::model::Event;
use crate::render::log::{EventLook, write_event};
use crate::render::{Style, queue_label, sanitize};

/// Description lines shown at most under one event.
const DESCRIPTION_LINES: usize = 8;

/// The tails of one job (one run, or a flow's failing tasks), each after a blank line;
/// `job_id` is the job the detail showed (for the hint to its whole log).
pub fn log_tails(tails: &[LogTail], job_id: u64, style: &Style) -> String {
    let mut out = String::new();
    for tail in tails {
        out.push('\n');
        let whose = match &tail.task {
            Some((task, phase)) => {
                let label = sanitize(&queue_label(task)).into_owned();
                match phase {
                    Some(p) => format!(" of {} › {label}", sanitize(p)),
                    None => format!(" of {label}"),
                }
            }
            None => String::new(),
        };
        match &tail.events {
            Err(e) => {
                out.push_str(&style.dim(&format!(
                    "Log{whose}: cannot read it ({})",
                    sanitize(&error_text(e))
                )));
                out.push('\n');
                continue;
            }
            Ok(_) if tail.empty => {
                out.push_str(&style.dim(&format!(
                    "Log{whose}: no events for run {} (a token that is not an admin token \
                     sees only the events it created)",
                    sanitize(&tail.run_id)
                )));
                out.push('\n');
                continue;
            }
            Ok(events) if events.is_empty() => {
                out.push_str(&style.dim(&format!(
                    "Log{whose}: no warnings or errors among its newest events"
                )));
                out.push('\n');
            }
            Ok(events) => {
                out.push_str(&format!("Last warnings and errors{whose}:\n"));
                for e in events {
                    event_lines(e, style, &mut out);
                }
            }
        }
    }
    let more = tails.last().map_or(0, |t| t.more_tasks);
    if more > 0 {
        out.push('\n');
        out.push_str(&style.dim(&format!(
            "… and {more} more failing task{}",
            if more == 1 { "" } else { "s" }
        )));
        out.push('\n');
    }
    if !tails.is_empty() {
        out.push_str(&style.dim(&format!("Whole log: jobctl logs {job_id}")));
        out.push('\n');
    }
    out
}

fn error_text(e: &ApiError) -> String {
    e.to_string()
}

/// `  02:01:59 CET warn    keboola.ex-google-drive  Sheet "Customers" has ...`, and the
/// description's lines under the message (at most [`DESCRIPTION_LINES`]): the line
/// `jobctl logs` writes ([`write_event`]), indented under the tail's heading.
fn event_lines(e: &Event, style: &Style, out: &mut String) {
    let time = e
        .created
        .map(|t| style.zone.moment(&t, style.now))
        .unwrap_or_else(|| "?".to_owned());
    let look = EventLook {
        color: style.color,
        indent: "  ",
        prefix: None,
        grep: None,
        description_lines: DESCRIPTION_LINES,
    };
    write_event(out, e, Some(&time), &look);
}

/// The lines of one event (see [`event_lines`]), without their line ends.
pub fn event_text(e: &Event, style: &Style) -> Vec<String> {
    let mut out = String::new();
    event_lines(e, style, &mut out);
    out.lines().map(str::to_owned).collect()
}

/// The lines of `top`'s log pane: what is known of the log, its events oldest first (as
/// [`event_text`]), and whether it is still followed.
pub fn log_pane_lines(log: &LogPane, style: &Style) -> Vec<String> {
    let mut lines = Vec::new();
    if log.dropped > 0 {
        lines.push(format!(
            "… {} older events not kept here (jobctl logs shows them all)",
            log.dropped
        ));
    }
    if !log.loaded {
        lines.push(match &log.error {
            Some(e) => format!("cannot fetch the log: {e} (asking again)"),
            None => format!("fetching the log of run {}…", sanitize(&log.run_id)),
        });
        return lines;
    }
    if log.events.is_empty() {
        lines.push(format!("no events for run {} yet", sanitize(&log.run_id)));
        if !log.following {
            lines.push(
                "(a token that is not an admin token sees only the events it created)".into(),
            );
        }
    }
    for e in &log.events {
        lines.extend(event_text(e, style));
    }
    if let Some(e) = &log.error {
        lines.push(format!("cannot fetch new events: {e} (asking again)"));
    }
    lines.push(match log.following {
        true => "following: new events every 2 s…".to_owned(),
        false => "end of the log (the job has ended)".to_owned(),
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RawEvent, RawQueueJob};
    use crate::render::Zone;

    fn style() -> Style {
        Style {
            color: false,
            terminal: true,
            now: "2026-12-07T12:00:00Z".parse().unwrap(),
            zone: Zone::utc(),
        }
    }

    fn events() -> Vec<Event> {
        let body = include_str!("../../tests/fixtures/events/events-failed-task.json");
        let mut events: Vec<Event> = crate::model::split_array(body)
            .unwrap()
            .iter()
            .map(|r| RawEvent::parse(r.get()).unwrap().job)
            .filter(|e| e.kind.is_problem())
            .collect();
        events.reverse();
        events
    }

    #[test]
    fn a_runs_tail_reads_oldest_first_with_descriptions_indented() {
        let tail = LogTail {
            task: None,
            run_id: "10441233".into(),
            events: Ok(events()),
            empty: false,
            more_tasks: 0,
        };
        assert_eq!(
            log_tails(&[tail], 10441233, &style()),
            "\nLast warnings and errors:\n\
             \x20 02:14:48 UTC warn    keboola.ex-google-drive/774411  Sheet \"Customers\" has 2 columns \
             fewer than configured; writing what it has\n\
             \x20 02:14:51 UTC error   Storage  Table import error\n\
             \x20   csvImport.columnsNotMatch: Some columns are missing in the csv file. Missing \
             columns: country.\n\
             \x20 02:14:52 UTC error   keboola.ex-google-drive/774411  Failed to import table \
             \"in.c-crm.customers\": Some columns are missing in the csv file. Missing columns: \
             country. Expected columns: id,name,email,country. Please check if the expected \
             delimiter \",\" is used in the csv file.\n\
             Whole log: jobctl logs 10441233\n"
        );
    }

    #[test]
    fn hostile_text_is_sanitised_line_by_line() {
        let raw = RawEvent::parse(
            "{\"type\":\"error\",\"component\":\"x\\u001b]0;owned\\u0007\",\
             \"message\":\"boom\\u001b[2J\\u202e!\",\
             \"description\":\"one\\u001b[31m\\nline\\rtwo\\n\\n\\u0007three\"}",
        )
        .unwrap();
        let tail = LogTail {
            task: None,
            run_id: "1".into(),
            events: Ok(vec![raw.job]),
            empty: false,
            more_tasks: 0,
        };
        let text = log_tails(&[tail], 1, &style());
        assert!(!text.contains('\x1b') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
        assert!(
            text.contains("  ? error   x  boom!\n    one\n    line two\n    three\n"),
            "{text}"
        );
    }

    #[test]
    fn a_flows_task_is_named_and_an_empty_log_says_why() {
        let task = RawQueueJob::parse(
            r#"{"id":"77","status":"error","component":"keboola.ex-google-drive","config":"774411"}"#,
        )
        .unwrap()
        .job;
        let tails = [
            LogTail {
                task: Some((task.clone(), Some("Load".into()))),
                run_id: "77".into(),
                events: Ok(Vec::new()),
                empty: true,
                more_tasks: 0,
            },
            LogTail {
                task: Some((task, None)),
                run_id: "77".into(),
                events: Err(ApiError::Usage("HTTP 403".into())),
                empty: false,
                more_tasks: 4,
            },
        ];
        assert_eq!(
            log_tails(&tails, 5, &style()),
            "\nLog of Load › 77 keboola.ex-google-drive 774411: no events for run 77 (a token \
             that is not an admin token sees only the events it created)\n\
             \nLog of 77 keboola.ex-google-drive 774411: cannot read it (HTTP 403)\n\
             \n… and 4 more failing tasks\n\
             Whole log: jobctl logs 5\n"
        );
    }
}

#[cfg(test)]
mod pane_tests {
    use super::*;
    use crate::model::RawEvent;
    use crate::render::Zone;

    #[test]
    fn the_log_pane_sanitises_and_says_whether_it_follows() {
        let style = Style {
            color: false,
            terminal: true,
            now: jiff::Timestamp::now(),
            zone: Zone::utc(),
        };
        let mut log = LogPane::default();
        assert_eq!(log_pane_lines(&log, &style), ["fetching the log of run …"]);
        let e = RawEvent::parse(
            r#"{"type":"warn","component":"c","message":"a\u001b]0;x\u0007b","description":"d1\nd2"}"#,
        )
        .unwrap();
        log.events.push_back(e.job);
        log.loaded = true;
        log.following = true;
        assert_eq!(
            log_pane_lines(&log, &style),
            [
                "  ? warn    c  ab",
                "    d1",
                "    d2",
                "following: new events every 2 s…"
            ]
        );
        log.events.clear();
        log.following = false;
        assert_eq!(
            log_pane_lines(&log, &style)[1],
            "(a token that is not an admin token sees only the events it created)"
        );
    }
}
