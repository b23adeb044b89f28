//! Fuzz target: any bytes as a job response or a list response must decode or be
//! refused without a panic, and whatever decodes must render in every human format with
//! no control character that jobctl did not write itself.

#![no_main]

use chrono::Utc;
use jobctl::model::{Job, RawJob, json_compact, json_pretty, split_array};
use jobctl::render::table::{Column, table, tsv_row};
use jobctl::render::{Style, detail, final_message, summary};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, allowed: &[char]) {
    if let Some(c) = text.chars().find(|c| c.is_control() && !allowed.contains(c)) {
        panic!("control character {c:?} reached human output: {text:?}");
    }
}

fn render(job: &Job) {
    let now = Utc::now();
    for terminal in [true, false] {
        let style = Style { color: false, terminal, now };
        check(&detail(job, &style), &['\n']);
        check(&summary(&[job], &style), &['\n', '\t']);
        check(&final_message(job, &style), &[]);
        check(&table(&[job], &Column::ALL, &style, Some(60)), &['\n']);
        check(&tsv_row(job, &Column::ALL, &style), &['\n', '\t']);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
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
            assert_eq!(serde_json::from_str::<serde_json::Value>(&pretty).ok().as_ref(), Some(&original));
            assert_eq!(serde_json::from_str::<serde_json::Value>(&compact).ok().as_ref(), Some(&original));
        }
    }
    if let Ok(items) = split_array(text) {
        for item in items {
            if let Ok(raw) = RawJob::parse(item.get()) {
                render(&raw.job);
            }
        }
    }
});
