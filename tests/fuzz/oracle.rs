//! The fuzz oracle: any bytes as a job response or a list response must decode or be
//! refused without a panic, and whatever decodes must render in every human format with
//! no control character that jobctl did not write itself. Shared by the cargo-fuzz target
//! (`fuzz_targets/decode_render.rs`) and `cargo test` (tests/cli/fuzz_seeds.rs), which runs
//! it over the seeds so that it keeps compiling and passing without a fuzzer.

use chrono::Utc;
use jobctl::fuzzing::{
    Column, Job, RawJob, Style, detail, final_message, json_compact, json_pretty, split_array,
    table, tsv_row,
};

/// Controls and bidi overrides/isolates (which reorder what a terminal shows).
fn check(text: &str, allowed: &[char]) {
    let foreign = |c: &char| {
        (c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
            && !allowed.contains(c)
    };
    if let Some(c) = text.chars().find(foreign) {
        panic!("character {c:?} reached human output: {text:?}");
    }
}

fn render(job: &Job) {
    let now = Utc::now();
    for terminal in [true, false] {
        let style = Style {
            color: false,
            terminal,
            now,
        };
        for width in [None, Some(30), Some(100)] {
            check(&detail(job, &style, width), &['\n']);
        }
        // A failed job's error goes on a line of its own under it.
        check(&final_message(job, &style), &['\n']);
        // Piped, the table is TSV.
        let table_chars: &[char] = if terminal { &['\n'] } else { &['\n', '\t'] };
        check(&table(&[job], &Column::ALL, &style, Some(60)), table_chars);
        check(&tsv_row(job, &Column::ALL, &style), &['\n', '\t']);
    }
}

/// Decodes `data` as a job and as a list, renders whatever decodes in every human
/// format, and checks JSON output re-indents without changing the JSON. Panics on a finding.
pub fn decode_render(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(raw) = RawJob::parse(text) {
        render(&raw.job);
        // JSON output re-indents the server's bytes; it must stay the same JSON. (A number
        // beyond f64, in a field jobctl does not read, passes through as sent but cannot
        // be compared as a Value: compare the text with white space removed instead.)
        let (mut pretty, mut compact) = (String::new(), String::new());
        json_pretty(raw.raw(), &mut pretty);
        json_compact(raw.raw(), &mut compact);
        let mut recompact = String::new();
        json_compact(&pretty, &mut recompact);
        assert_eq!(recompact, compact);
        if let Ok(original) = serde_json::from_str::<serde_json::Value>(text) {
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&pretty)
                    .ok()
                    .as_ref(),
                Some(&original)
            );
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&compact)
                    .ok()
                    .as_ref(),
                Some(&original)
            );
        }
    }
    if let Ok(items) = split_array(text) {
        for item in items {
            if let Ok(raw) = RawJob::parse(item.get()) {
                render(&raw.job);
            }
        }
    }
}
