//! Property tests over hostile input: thousands of seeded random job bodies (any JSON
//! value in any field, strings full of escape sequences, control characters, bidi
//! overrides and long runs) must decode or be refused without a panic, and whatever
//! decodes must render in every human format without a control character jobctl did not
//! write itself. Seeded, so a failure is reproducible; CI runs it with the unit tests.

#![cfg(test)]

use serde_json::{Map, Value, json};

use super::table::{Column, table, tsv_row};
use super::{Related, Style, Zone, change_line, detail, final_message, heartbeat_line};
use crate::model::{AnyJob, RawJob};

const FIELDS: [&str; 15] = [
    "id",
    "status",
    "url",
    "tableId",
    "operationName",
    "operationParams",
    "createdTime",
    "startTime",
    "endTime",
    "runId",
    "results",
    "creatorToken",
    "metrics",
    "error",
    "extra",
];

const NASTY: [&str; 15] = [
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\r",
    "\n",
    "\t",
    "\u{202e}",
    "\u{2066}",
    "\u{9b}31m",
    "\u{0}",
    "\u{7f}",
    "é表🙂",
    "\u{200b}\u{200d}",
    "\u{feff}",
    "\u{e0041}\u{e007f}",
];

fn string(rng: &mut fastrand::Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.usize(0..6) {
        match rng.u8(0..4) {
            0 => s.push_str(NASTY[rng.usize(..NASTY.len())]),
            1 => s.push(char::from_u32(rng.u32(0..0x250)).unwrap_or('?')),
            2 => s.push_str(&"x".repeat(rng.usize(0..300))),
            _ => s.push_str(
                [
                    "success",
                    "error",
                    "waiting",
                    "2017-02-13T16:41:18+0100",
                    "42",
                    "+262142-12-31T23:59:59+00:00",
                    "-262143-01-01T00:00:00+00:00",
                ][rng.usize(..7)],
            ),
        }
    }
    s
}

fn value(rng: &mut fastrand::Rng, depth: u32) -> Value {
    match rng.u8(0..if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!(rng.u64(..)),
        4 => json!(rng.f64() * 1e300),
        5 => Value::String(string(rng)),
        6 => Value::Array(
            (0..rng.usize(0..4))
                .map(|_| value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.usize(0..5) {
                let key = if rng.bool() {
                    FIELDS[rng.usize(..FIELDS.len())].to_owned()
                } else {
                    string(rng)
                };
                m.insert(key, value(rng, depth + 1));
            }
            Value::Object(m)
        }
    }
}

/// A job that is mostly well-formed (so rendering is reached) with hostile values.
fn job(rng: &mut fastrand::Rng) -> String {
    let mut m = Map::new();
    m.insert(
        "id".into(),
        if rng.u8(0..10) == 0 {
            value(rng, 0)
        } else {
            json!(rng.u64(1..))
        },
    );
    m.insert(
        "status".into(),
        if rng.bool() {
            Value::String(string(rng))
        } else {
            value(rng, 0)
        },
    );
    for field in &FIELDS[2..] {
        if rng.u8(0..4) > 0 {
            m.insert((*field).into(), value(rng, 0));
        }
    }
    Value::Object(m).to_string()
}

fn assert_clean(text: &str, allowed: &[char], what: &str, body: &str) {
    let bad = text.chars().find(|c| {
        (c.is_control() || crate::render::is_bidi_or_invisible(*c)) && !allowed.contains(c)
    });
    assert!(bad.is_none(), "{what} let {bad:?} through for {body}");
}

#[test]
fn hostile_jobs_never_panic_and_render_without_foreign_control_characters() {
    hostile_jobs(300);
}

#[test]
#[ignore = "slow tier: 3000 hostile jobs (cargo test -- --ignored)"]
fn three_thousand_hostile_jobs_never_panic_or_leak_control_characters() {
    hostile_jobs(3000);
}

/// `rounds` generated jobs, the same first ones whatever `rounds` is.
fn hostile_jobs(rounds: usize) {
    let mut rng = fastrand::Rng::with_seed(0x6a6f_6263_746c);
    let style = Style {
        color: false,
        terminal: true,
        now: jiff::Timestamp::now(),
        zone: Zone::utc(),
    };
    let plain = Style {
        terminal: false,
        ..style.clone()
    };
    let mut decoded = 0;
    for _ in 0..rounds {
        let body = job(&mut rng);
        let Ok(raw) = RawJob::parse(&body) else {
            continue;
        };
        decoded += 1;
        let j = &raw.job;
        for s in [&style, &plain] {
            for width in [None, Some(24), Some(80)] {
                let any = AnyJob::Storage(j.clone());
                let text = detail(&any, &Related::default(), s, width);
                assert_clean(&text, &['\n'], "detail", &body);
            }
            // A failed job's error goes on a line of its own: one newline at most.
            let last = final_message(j, s);
            assert_clean(&last, &['\n'], "final line", &body);
            assert!(last.lines().count() <= 2, "final line: {last:?} for {body}");
            // Piped, the table is TSV.
            let table_chars: &[char] = if s.terminal { &['\n'] } else { &['\n', '\t'] };
            assert_clean(
                &table(&[j], &Column::ALL, s, Some(80)),
                table_chars,
                "table",
                &body,
            );
            assert_clean(&tsv_row(j, &Column::ALL, s), &['\t', '\n'], "tsv", &body);
        }
        let now = jiff::Timestamp::now();
        assert_clean(
            &change_line(now, &AnyJob::Storage(j.clone()), Some(&string(&mut rng))),
            &[],
            "change line",
            &body,
        );
        assert_clean(
            &heartbeat_line(
                now,
                &[&AnyJob::Storage(j.clone())],
                std::time::Duration::from_secs(3),
            ),
            &[],
            "heartbeat",
            &body,
        );
        // JSON output keeps the server's text: it must still parse to the same value.
        let mut out = String::new();
        crate::model::json_pretty(raw.raw(), &mut out);
        assert_eq!(
            serde_json::from_str::<Value>(&out).ok(),
            serde_json::from_str::<Value>(&body).ok()
        );
        // On a terminal, the same value with nothing that rewrites the screen.
        let shown = crate::render::json_text(&[raw.raw()], true, true);
        assert_eq!(
            serde_json::from_str::<Value>(&shown).ok(),
            serde_json::from_str::<Value>(&body).ok()
        );
        assert_clean(&shown, &['\n'], "-o json on a terminal", &body);
    }
    assert!(
        decoded > rounds / 2,
        "only {decoded} bodies decoded: the generator is too hostile"
    );
}

const QUEUE_STATUSES: [&str; 11] = [
    "created",
    "waiting",
    "processing",
    "success",
    "warning",
    "error",
    "terminating",
    "terminated",
    "cancelled",
    "exploded",
    "",
];

/// A queue job body with hostile values where the server's text goes: each field often
/// well-formed (so that rendering is reached), else any value (`[]` for an object, a
/// number for a string, a huge number, an unknown status, escapes in the text).
fn queue_job(rng: &mut fastrand::Rng, id: u64, parent: &str) -> String {
    let text = |rng: &mut fastrand::Rng| Value::String(string(rng));
    let mut m = Map::new();
    let put = |m: &mut Map<String, Value>, rng: &mut fastrand::Rng, key: &str, good: Value| {
        let v = match rng.u8(0..6) {
            0 => value(rng, 0),
            1 => json!([]),
            _ => good,
        };
        m.insert(key.to_owned(), v);
    };
    let good_id = match rng.u8(0..4) {
        0 => json!(id),
        _ => json!(id.to_string()),
    };
    m.insert(
        "id".into(),
        if rng.u8(0..12) == 0 {
            value(rng, 0)
        } else {
            good_id
        },
    );
    let run_id = if parent.is_empty() {
        id.to_string()
    } else {
        format!("{parent}.{id}")
    };
    put(&mut m, rng, "runId", json!(run_id));
    put(&mut m, rng, "parentRunId", json!(parent));
    let status = QUEUE_STATUSES[rng.usize(..QUEUE_STATUSES.len())];
    let status = if rng.u8(0..5) == 0 {
        text(rng)
    } else {
        json!(status)
    };
    m.insert("status".into(), status);
    for key in [
        "desiredStatus",
        "component",
        "config",
        "mode",
        "branchId",
        "url",
    ] {
        let v = text(rng);
        put(&mut m, rng, key, v);
    }
    let kind = [
        "standard",
        "container",
        "phaseContainer",
        "orchestrationContainer",
    ];
    let kind = json!(kind[rng.usize(..kind.len())]);
    put(&mut m, rng, "type", kind);
    let v = json!(rng.bool());
    put(&mut m, rng, "isFinished", v);
    let v = json!({"onError": string(rng)});
    put(&mut m, rng, "behavior", v);
    let v = json!({"phaseId": string(rng)});
    put(&mut m, rng, "configData", v);
    for key in ["createdTime", "startTime", "endTime"] {
        let t = [
            "2026-11-29T10:00:00+00:00",
            "2026-11-29T10:05:00+00:00",
            "soon",
            "+262142-12-31T23:59:59+00:00",
            "-262143-01-01T00:00:00+00:00",
        ];
        let t = json!(t[rng.usize(..t.len())]);
        put(&mut m, rng, key, t);
    }
    let v = json!(rng.u64(..));
    put(&mut m, rng, "durationSeconds", v);
    let result = json!({
        "message": string(rng),
        "configVersion": value(rng, 1),
        "error": {"type": string(rng), "exceptionId": string(rng)},
        "output": {"tables": [{"id": string(rng)}, value(rng, 1)]},
    });
    put(&mut m, rng, "result", result);
    let metrics = json!({
        "storage": {"inputTablesBytesSum": value(rng, 2), "outputTablesBytesSum": rng.u64(..)},
        "backend": {"size": string(rng)},
    });
    put(&mut m, rng, "metrics", metrics);
    let v = json!({"id": string(rng), "description": string(rng)});
    put(&mut m, rng, "token", v);
    let v = json!({"id": value(rng, 2), "name": string(rng)});
    put(&mut m, rng, "project", v);
    if rng.bool() {
        m.insert(string(rng), value(rng, 0));
    }
    Value::Object(m).to_string()
}

#[test]
fn hostile_queue_jobs_and_trees_never_panic_and_render_without_foreign_control_characters() {
    hostile_queue_jobs(50);
}

#[test]
#[ignore = "slow tier: 500 hostile queue jobs and trees (cargo test -- --ignored)"]
fn five_hundred_hostile_queue_jobs_never_panic_or_leak_control_characters() {
    hostile_queue_jobs(500);
}

/// `rounds` generated queue jobs with children, the same first ones whatever `rounds` is.
fn hostile_queue_jobs(rounds: u64) {
    let mut rng = fastrand::Rng::with_seed(0x0071_7565_7565);
    let style = Style {
        color: false,
        terminal: true,
        now: jiff::Timestamp::now(),
        zone: Zone::utc(),
    };
    let plain = Style {
        terminal: false,
        ..style.clone()
    };
    let styles = [&style, &plain];
    let mut decoded = 0;
    for round in 0..rounds {
        let body = queue_job(&mut rng, 1_000 + round, "");
        let Some(raw) = decode_queue_job(&body) else {
            continue;
        };
        decoded += 1;
        let under = hostile_children(&mut rng, &raw.job.run_id);
        check_queue_views(&mut rng, &raw.job, &under, &styles, &body);
        check_run_tree(&mut rng, &raw, under, &styles, &body);
    }
    assert!(
        decoded > rounds * 46 / 100,
        "only {decoded} queue bodies decoded: the generator is too hostile"
    );
}

/// A hostile queue job's body decoded, or `None` when refused; the head a listing decodes
/// is refused exactly where the whole job is, and agrees with it.
fn decode_queue_job(body: &str) -> Option<crate::model::RawQueueJob> {
    use crate::model::RawQueueJob;
    let whole = RawQueueJob::parse(body);
    let head = RawQueueJob::parse_head(body);
    assert_eq!(
        whole.is_ok(),
        head.is_ok(),
        "head and job disagree on {body}"
    );
    let raw = whole.ok()?;
    let head = head.expect("decoded above");
    assert_eq!(
        (head.job.id, &head.job.status, &head.job.run_id),
        (raw.job.id, &raw.job.status, &raw.job.run_id),
        "{body}"
    );
    Some(raw)
}

/// More hostile jobs under run `run_id`, as a search answers them (those that decode).
fn hostile_children(rng: &mut fastrand::Rng, run_id: &str) -> Vec<crate::model::RawQueueJob> {
    use crate::model::{RawQueueJob, split_array};
    let children: Vec<String> = (0..rng.usize(0..4))
        .map(|k| queue_job(rng, 5_000 + k as u64, run_id))
        .collect();
    let array = format!("[{}]", children.join(","));
    split_array(&array)
        .expect("an array")
        .iter()
        .filter_map(|c| RawQueueJob::parse(c.get()).ok())
        .collect()
}

/// Every human view of queue job `j` (with its children `under`) is clean: the detail,
/// the final line, the table and TSV, the spinner, the label and the change line.
fn check_queue_views(
    rng: &mut fastrand::Rng,
    j: &crate::model::QueueJob,
    under: &[crate::model::RawQueueJob],
    styles: &[&Style],
    body: &str,
) {
    use super::queue::{
        FlowProgress, queue_change_line, queue_final_message, queue_label, queue_spinner_message,
    };
    use super::queue_table::QueueColumn;
    use crate::model::QueueStatus;

    let under_jobs: Vec<_> = under.iter().map(|c| c.job.clone()).collect();
    for s in styles {
        for width in [None, Some(24), Some(80)] {
            let related = Related {
                children: Some(&under_jobs),
                queue_job: under_jobs.first().map(Ok),
            };
            let text = detail(&AnyJob::Queue(j.clone()), &related, s, width);
            assert_clean(&text, &['\n'], "queue detail", body);
        }
        let last = queue_final_message(j, s);
        assert_clean(&last, &[], "queue final line", body);
        let table_chars: &[char] = if s.terminal { &['\n'] } else { &['\n', '\t'] };
        let rows: Vec<_> = std::iter::once(j).chain(&under_jobs).collect();
        assert_clean(
            &table(&rows, &QueueColumn::ALL, s, Some(80)),
            table_chars,
            "queue table",
            body,
        );
        assert_clean(
            &tsv_row(j, &QueueColumn::ALL, s),
            &['\t', '\n'],
            "queue tsv",
            body,
        );
        let flow = FlowProgress {
            done: 1,
            total: 3,
            running: vec![string(rng)],
        };
        let spin = queue_spinner_message(j, Some(&flow), s, std::time::Duration::ZERO);
        assert_clean(&spin, &[], "queue spinner", body);
    }
    assert_clean(&queue_label(j), &[], "queue label", body);
    let from = QueueStatus::Other(string(rng));
    assert_clean(
        &queue_change_line(jiff::Timestamp::now(), j, Some(&from)),
        &[],
        "queue change line",
        body,
    );
}

/// The run tree of `raw`, its children `under` and a hostile storage job under one of
/// them, is clean as text; as data it holds each job exactly as the server sent it.
fn check_run_tree(
    rng: &mut fastrand::Rng,
    raw: &crate::model::RawQueueJob,
    under: Vec<crate::model::RawQueueJob>,
    styles: &[&Style],
    body: &str,
) {
    use super::run_tree::{tree_json, tree_text};
    use crate::model::{RunJob, RunNode};

    let storage = RawJob::parse(&job(rng)).ok();
    let mut nodes: Vec<RunNode> = under
        .into_iter()
        .map(|c| RunNode {
            job: RunJob::Queue(c),
            children: Vec::new(),
        })
        .collect();
    if let (Some(first), Some(s)) = (nodes.first_mut(), storage) {
        first.children.push(RunNode {
            job: RunJob::Storage(s),
            children: Vec::new(),
        });
    }
    let root = RunNode {
        job: RunJob::Queue(raw.clone()),
        children: nodes,
    };
    for s in styles {
        for width in [None, Some(30), Some(120)] {
            assert_clean(&tree_text(&root, s, width), &['\n'], "tree", body);
        }
    }
    for pretty in [false, true] {
        let tree: Value = serde_json::from_str(&tree_json(&root, pretty))
            .unwrap_or_else(|e| panic!("tree JSON {e} for {body}"));
        assert_eq!(
            Some(&tree["job"]),
            serde_json::from_str::<Value>(body).ok().as_ref()
        );
        assert_eq!(
            tree["children"].as_array().map(Vec::len),
            Some(root.children.len())
        );
    }
}

/// The keys of an event, for hostile event bodies.
const EVENT_FIELDS: [&str; 14] = [
    "id",
    "uuid",
    "event",
    "component",
    "message",
    "description",
    "type",
    "runId",
    "created",
    "configurationId",
    "objectName",
    "token",
    "idBranch",
    "params",
];

#[test]
fn hostile_events_never_panic_and_render_without_foreign_control_characters() {
    use crate::dashboard::state::LogPane;
    use crate::log_tail::LogTail;
    use crate::model::RawEvent;
    let mut rng = fastrand::Rng::with_seed(0x6576_656e_7473);
    let style = Style {
        color: false,
        terminal: true,
        now: jiff::Timestamp::now(),
        zone: Zone::utc(),
    };
    let mut decoded = Vec::new();
    for _ in 0..500 {
        let mut m = Map::new();
        for field in EVENT_FIELDS {
            if rng.u8(0..4) > 0 {
                let v = match rng.u8(0..3) {
                    0 => value(&mut rng, 0),
                    _ => Value::String(string(&mut rng)),
                };
                m.insert(field.into(), v);
            }
        }
        let body = Value::Object(m).to_string();
        if let Ok(e) = RawEvent::parse(&body) {
            let tail = LogTail {
                task: None,
                run_id: string(&mut rng),
                events: Ok(vec![e.job.clone()]),
                empty: false,
                more_tasks: 0,
            };
            let text = super::log_tails(&[tail], 1, &style);
            assert_clean(&text, &['\n'], "the log's end", &body);
            decoded.push(e.job);
        }
    }
    assert!(decoded.len() > 400, "{}", decoded.len());
    let mut pane = LogPane::default();
    pane.loaded = true;
    pane.following = true;
    pane.run_id = string(&mut rng);
    pane.events.extend(decoded);
    for line in super::log_pane_lines(&pane, &style) {
        assert_clean(&line, &[], "the log pane", &line);
    }
}
