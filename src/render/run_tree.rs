//! A flow's run drawn: the tree (`show --tree`, one line a job, the path to a failure
//! marked, each failed job's error wrapped under it) and the tree as JSON (each node's job
//! the server's bytes). Pure; server text passes through `sanitize`.

use unicode_width::UnicodeWidthStr;

use super::detail::{clean, wrap};
use super::queue::{component_label, queue_status, quoted};
use super::{Style, human_duration, running_duration, truncate_ansi};
use crate::model::{QueueStatus, RunJob, RunNode, json_compact, json_pretty};

/// The run as a tree, one line a job (plus one for each failed job's error), with box
/// drawing. Nodes on the path to a failure are marked `✗` (in bold red with colour);
/// `width` (a terminal's) cuts long lines, a pipe gets them whole. Ends with a newline.
pub fn tree_text(root: &RunNode, style: &Style, width: Option<usize>) -> String {
    let mut out = String::new();
    for (_, line) in tree_lines(root, style, width) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The lines of [`tree_text`], without their newlines, each with the number of its node
/// in [`RunNode::nodes`]'s order (an error line belongs to the node above it): what a
/// cursor over the nodes needs to mark and scroll to.
pub fn tree_lines(root: &RunNode, style: &Style, width: Option<usize>) -> Vec<(usize, String)> {
    let on_path = RunNode::failing_paths(&root.walk());
    let mut out = Vec::new();
    // Depth first without recursion (a run of any depth costs no stack), in the order of
    // `walk`, so the n-th node drawn is the n-th of `on_path`: (node, its line's prefix,
    // the prefix of the lines under it).
    let mut stack = vec![(root, String::new(), String::new())];
    let mut paths = on_path.into_iter().enumerate();
    while let Some((node, first, rest)) = stack.pop() {
        let (number, on_path) = paths.next().unwrap_or((0, false));
        for line in node_lines(node, on_path, &first, &rest, style, width) {
            out.push((number, line));
        }
        let n = node.children.len();
        // A plain line is cut at `width` (see `cut`): a prefix already that wide grows no
        // further, so a deep run costs its width a line, not its depth.
        let full = width.is_some_and(|w| rest.chars().count() >= w);
        let grow = |piece: &str| match full {
            true => rest.clone(),
            false => format!("{rest}{piece}"),
        };
        for (i, child) in node.children.iter().enumerate().rev() {
            let last = i + 1 == n;
            let branch = if last { "└─ " } else { "├─ " };
            let under = if last { "   " } else { "│  " };
            stack.push((child, grow(branch), grow(under)));
        }
    }
    out
}

/// The node's own line, and its error's under it.
fn node_lines(
    node: &RunNode,
    on_path: bool,
    first: &str,
    rest: &str,
    style: &Style,
    width: Option<usize>,
) -> Vec<String> {
    let marker = match (&node.job, on_path) {
        (_, true) => style.paint("31;1", "✗"),
        (RunJob::Queue(q), false) if q.job.status == QueueStatus::Warning => style.paint("33", "!"),
        (RunJob::Queue(q), false) if !q.job.is_finished() => style.paint("33", "…"),
        (RunJob::Storage(s), false) if !s.job.is_finished() => style.paint("33", "…"),
        _ => style.paint("32", "✓"),
    };
    let (kind, label, status, duration, error) = describe(node, style);
    let id = match &node.job {
        RunJob::Queue(q) => q.job.id,
        RunJob::Storage(s) => s.job.id,
    };
    let id = match on_path {
        true => style.paint("1", &id.to_string()),
        false => id.to_string(),
    };
    let mut line = format!("{first}{marker} {kind} {id}  {label}  {status}");
    if let Some(d) = duration {
        line.push_str("  ");
        line.push_str(&style.dim(&d));
    }
    let mut lines = vec![cut(&line, width)];
    if let Some(e) = error {
        let bar = if node.children.is_empty() {
            "   "
        } else {
            "│  "
        };
        // The error is the answer the user came for: wrapped under its node, never cut
        // (but where the tree is already as wide as the screen).
        let indent = format!("{rest}{bar}");
        let room = width.map(|w| w.saturating_sub(indent.width() + "error: ".len()));
        for (i, piece) in wrap(&e, room).iter().enumerate() {
            let lead = if i == 0 { "error: " } else { "       " };
            let text = format!("{indent}{}", style.paint("31", &format!("{lead}{piece}")));
            lines.push(cut(&text, width));
        }
    }
    lines
}

/// Kind, label, coloured status, duration and error message of a node.
fn describe(
    node: &RunNode,
    style: &Style,
) -> (&'static str, String, String, Option<String>, Option<String>) {
    match &node.job {
        RunJob::Queue(q) => {
            let j = &q.job;
            let kind = match j.job_type.as_deref() {
                Some("orchestrationContainer") => "flow",
                Some("phaseContainer") => "phase",
                Some("retryContainer") => "retry",
                Some("container") => "container",
                _ if j.parent_run_id.is_some() => "task",
                _ => "job",
            };
            let label = match (kind, &j.phase_id, &j.names().step) {
                ("phase", _, Some(name)) => format!("phase{}", quoted(Some(name))),
                ("phase", Some(p), None) => format!("phase {}", clean(p)),
                _ => component_label(j),
            };
            let error = node
                .failed()
                .then(|| j.error_message().map(clean))
                .flatten();
            (
                kind,
                label,
                queue_status(style, &j.status),
                j.duration(style.now).map(|d| match j.end_time {
                    Some(_) => human_duration(d),
                    None => running_duration(d),
                }),
                error,
            )
        }
        RunJob::Storage(s) => {
            let j = &s.job;
            let mut label = clean(&j.operation_name);
            if let Some(t) = &j.table_id {
                label.push(' ');
                label.push_str(&clean(t));
            }
            let error = j.error.as_ref().and_then(|e| {
                let code = e.code.as_deref().map(clean);
                let message = e.message.as_deref().map(clean);
                match (code, message) {
                    (Some(c), Some(m)) => Some(format!("{c}: {m}")),
                    (c, m) => c.or(m),
                }
            });
            (
                "storage",
                label,
                style.status(&j.status),
                j.duration(style.now).map(|d| match j.end_time {
                    Some(_) => human_duration(d),
                    None => running_duration(d),
                }),
                error,
            )
        }
    }
}

fn cut(line: &str, width: Option<usize>) -> String {
    match width {
        // Colour sequences count nothing on screen (see `truncate_ansi`).
        Some(w) => truncate_ansi(line, w),
        None => line.to_owned(),
    }
}

/// The tree as one JSON text ending in a newline: each node
/// `{"kind":"queue"|"storage","job":<the server's object>,"children":[...]}`, pretty in
/// the layout of `jq .` when asked (a terminal's: screen-changing characters escaped).
pub fn tree_json(root: &RunNode, pretty: bool) -> String {
    let mut compact = String::new();
    node_json(root, &mut compact);
    let mut out = String::with_capacity(compact.len() * 2);
    match pretty {
        true => {
            json_pretty(&compact, &mut out);
            out = super::json::escape_for_terminal(&out).into_owned();
        }
        false => out = compact,
    }
    out.push('\n');
    out
}

/// The tree as compact JSON, depth first without recursion.
fn node_json(root: &RunNode, out: &mut String) {
    enum Step<'a> {
        Open(&'a RunNode),
        Comma,
        Close,
    }
    let mut stack = vec![Step::Open(root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Comma => {
                out.push(',');
                continue;
            }
            Step::Close => {
                out.push_str("]}");
                continue;
            }
            Step::Open(node) => node,
        };
        let kind = match node.job {
            RunJob::Queue(_) => "queue",
            RunJob::Storage(_) => "storage",
        };
        out.push_str(&format!("{{\"kind\":\"{kind}\",\"job\":"));
        json_compact(node.raw(), out);
        out.push_str(",\"children\":[");
        stack.push(Step::Close);
        for (i, child) in node.children.iter().enumerate().rev() {
            stack.push(Step::Open(child));
            if i > 0 {
                stack.push(Step::Comma);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RawJob, RawQueueJob};

    fn plain() -> Style {
        Style::fixed(false)
    }

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn queue(name: &str) -> RawQueueJob {
        RawQueueJob::parse(&fixture(&format!("queue/{name}"))).unwrap()
    }

    /// A chain of `depth` queue jobs, each the only child of the one above; the deepest
    /// failed.
    fn chain(depth: u64) -> RunNode {
        let job = |id: u64, status: &str| {
            RawQueueJob::parse(&format!(
                r#"{{"id":"{id}","runId":"{id}","status":"{status}","isFinished":true}}"#
            ))
            .unwrap()
        };
        let mut node = RunNode::queue(job(depth, "error"));
        for id in (1..depth).rev() {
            let mut parent = RunNode::queue(job(id, "success"));
            parent.children.push(node);
            node = parent;
        }
        node
    }

    // The thread's stack is the test harness's (2 MiB): recursion over 10,000 levels would
    // overflow it.
    #[test]
    fn a_ten_thousand_level_chain_renders_and_drops_without_recursion() {
        let root = chain(10_000);
        let walk = root.walk();
        assert_eq!(walk.len(), 10_000);
        assert!(RunNode::failing_paths(&walk).iter().all(|on| *on));
        assert!(root.on_failing_path());
        let text = tree_text(&root, &plain(), Some(60));
        assert_eq!(text.lines().count(), 10_000);
        assert!(
            text.starts_with("✗ job 1    success\n└─ ✗ job 2    success\n"),
            "{}",
            &text[..200]
        );
        let json = tree_json(&root, false);
        assert_eq!(json.matches("\"kind\":\"queue\"").count(), 10_000);
        assert!(json.ends_with(&format!("{}\n", "]}".repeat(10_000))));
        drop(walk);
        drop(root);
    }

    #[test]
    fn in_colour_too_every_line_fits_and_an_error_wraps_under_its_node() {
        let colour = Style {
            color: true,
            ..plain()
        };
        let text = tree_text(&tree(), &colour, Some(60));
        let strip = |l: &str| {
            let mut out = String::new();
            let mut chars = l.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() {
                            break;
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        let lines: Vec<String> = text.lines().map(strip).collect();
        assert!(lines.iter().all(|l| l.width() <= 60), "{lines:#?}");
        // The storage job's error, whole, over lines indented under the node.
        let at = lines
            .iter()
            .position(|l| l.contains("error: csvImport.columnsNotMatch"))
            .unwrap();
        let indent = lines[at].find("error: ").unwrap();
        let mut words = lines[at][indent + 7..].to_owned();
        for l in &lines[at + 1..] {
            assert!(l[..indent + 7].trim().is_empty(), "{l:?}");
            words.push(' ');
            words.push_str(l.trim());
        }
        assert!(words.ends_with("is used in the csv file."), "{words}");
        // A colour line that is cut ends its colour.
        let cut = text.lines().find(|l| l.contains('…')).unwrap();
        assert!(cut.ends_with("\x1b[0m"), "{cut:?}");
    }

    #[test]
    fn only_the_nodes_above_a_failure_are_on_its_path() {
        let root = tree();
        let walk = root.walk();
        let on: Vec<bool> = RunNode::failing_paths(&walk);
        let recursive: Vec<bool> = walk.iter().map(|(n, _)| n.on_failing_path()).collect();
        assert_eq!(on, recursive);
        assert!(on.contains(&false) && on.contains(&true));
    }

    fn tree() -> RunNode {
        let mut flow = RunNode::queue(queue("queue-flow-processing.json"));
        let mut phase = RunNode::queue(queue("queue-phase-waiting.json"));
        let mut ok = RunNode::queue(queue("queue-standard-success.json"));
        ok.children.push(RunNode::storage(
            RawJob::parse(&fixture("tableImport-success.json")).unwrap(),
        ));
        let mut bad = RunNode::queue(queue("queue-standard-error.json"));
        bad.children.push(RunNode::storage(
            RawJob::parse(&fixture("tableImport-error.json")).unwrap(),
        ));
        phase.children.push(ok);
        phase.children.push(bad);
        flow.children.push(phase);
        flow
    }

    #[test]
    fn the_tree_marks_the_path_to_the_failure_and_shows_each_error() {
        let out = tree_text(&tree(), &plain(), None);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "✗ flow 10440530  keboola.orchestrator 55512  processing  1769d 13h"
        );
        assert_eq!(lines[1], "└─ ✗ phase 10440533  phase 2  waiting");
        assert!(
            lines[2].starts_with(
                "   ├─ ✓ task 10440535  keboola.ex-db-snowflake 987654321  success  2m 45s"
            ),
            "{out}"
        );
        assert!(lines[3].starts_with("   │  └─ ✓ storage "), "{out}");
        assert!(
            lines[4].starts_with(
                "   └─ ✗ job 10441200  keboola.python-transformation-v2 1180022  error  1m 22s"
            ),
            "{out}"
        );
        assert_eq!(
            lines[5],
            "      │  error: Script file /data/script.py failed: KeyError: 'customer_id'"
        );
        assert!(
            lines[6].starts_with(
                "      └─ ✗ storage 123456  tableImport in.c-API-tests.languages  error  3s"
            ),
            "{out}"
        );
        assert!(
            lines[7].starts_with(
                "            error: csvImport.columnsNotMatch: Some columns are missing"
            ),
            "{out}"
        );
        assert_eq!(lines.len(), 8, "{out}");
        let narrow = tree_text(&tree(), &plain(), Some(40));
        assert!(
            narrow
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40),
            "{narrow}"
        );
    }

    #[test]
    fn the_tree_as_json_nests_the_server_objects_unchanged() {
        let out = tree_json(&tree(), false);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["kind"], "queue");
        assert_eq!(v["job"]["id"], "10440530");
        let task = &v["children"][0]["children"][1];
        assert_eq!(task["job"]["result"]["error"]["type"], "user");
        assert_eq!(task["children"][0]["kind"], "storage");
        assert_eq!(task["children"][0]["job"]["id"], 123456);
        assert!(out.contains(r#""url":"https:\/\/queue.keboola.com\/jobs\/10440530""#));
        let pretty = tree_json(&tree(), true);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
            v
        );
    }

    #[test]
    fn server_text_in_the_tree_cannot_reach_the_terminal_raw() {
        let job = RawQueueJob::parse(
            r#"{"id":"1","status":"error\u001b[2J","component":"x\u001b]0;t\u0007y",
                "result":{"message":"bad\u202e\nnews","error":{"type":"user"}}}"#,
        )
        .unwrap();
        let out = tree_text(&RunNode::queue(job), &plain(), None);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("xy"), "{out}");
    }
}
