//! Property tests over hostile input: thousands of seeded random job bodies (any JSON
//! value in any field, strings full of escape sequences, control characters, bidi
//! overrides and long runs) must decode or be refused without a panic, and whatever
//! decodes must render in every human format without a control character jobctl did not
//! write itself. Seeded, so a failure is reproducible; CI runs it with the unit tests.

#![cfg(test)]

use chrono::Utc;
use serde_json::{Map, Value, json};

use super::table::{Column, table, tsv_row};
use super::{Style, change_line, detail, final_message, heartbeat_line};
use crate::model::{RawJob, Status};

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

const NASTY: [&str; 12] = [
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
                ][rng.usize(..5)],
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
        (c.is_control() || ('\u{202a}'..='\u{202e}').contains(c)) && !allowed.contains(c)
    });
    assert!(bad.is_none(), "{what} let {bad:?} through for {body}");
}

#[test]
fn hostile_jobs_never_panic_and_render_without_foreign_control_characters() {
    let mut rng = fastrand::Rng::with_seed(0x6a6f_6263_746c);
    let style = Style {
        color: false,
        terminal: true,
        now: Utc::now(),
    };
    let plain = Style {
        terminal: false,
        ..style
    };
    let mut decoded = 0;
    for _ in 0..3000 {
        let body = job(&mut rng);
        let Ok(raw) = RawJob::parse(&body) else {
            continue;
        };
        decoded += 1;
        let j = &raw.job;
        for s in [&style, &plain] {
            for width in [None, Some(24), Some(80)] {
                assert_clean(&detail(j, s, width), &['\n'], "detail", &body);
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
        let now = Utc::now();
        assert_clean(
            &change_line(now, j, Some(&Status::Other(string(&mut rng))), now),
            &[],
            "change line",
            &body,
        );
        assert_clean(
            &heartbeat_line(now, &[j], std::time::Duration::from_secs(3)),
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
    }
    assert!(
        decoded > 1500,
        "only {decoded} bodies decoded: the generator is too hostile"
    );
}
