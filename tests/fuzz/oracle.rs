//! The fuzz oracle: any bytes as a job response or a list response must decode or be
//! refused without a panic, and whatever decodes must render in every human format with
//! no control character that jobctl did not write itself. Shared by the cargo-fuzz target
//! (`fuzz_targets/decode_render.rs`) and `cargo test` (tests/cli/fuzz_seeds.rs), which runs
//! it over the seeds so that it keeps compiling and passing without a fuzzer.

use jobctl::fuzzing::{
    AnyJob, Column, FlowProgress, Job, QueueColumn, QueueJob, QueueStatus, RawJob, RawQueueJob,
    Related, RunJob, RunNode, Style, Zone, detail, final_message, json_compact, json_pretty,
    queue_change_line, queue_final_message, queue_spinner_message, split_array, table, tree_json,
    tree_text, tsv_row,
};

/// Controls, bidi overrides/isolates (which reorder what a terminal shows) and invisible
/// characters (zero-width, the byte-order mark, tags: two names that look alike).
fn check(text: &str, allowed: &[char]) {
    let foreign = |c: &char| {
        (c.is_control()
            || matches!(
                c,
                '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{feff}'
                    | '\u{e0000}'..='\u{e007f}'
            ))
            && !allowed.contains(c)
    };
    if let Some(c) = text.chars().find(foreign) {
        panic!("character {c:?} reached human output: {text:?}");
    }
}

fn render(job: &Job) {
    let now = jiff::Timestamp::now();
    for terminal in [true, false] {
        let style = Style {
            color: false,
            terminal,
            now,
            zone: Zone::utc(),
        };
        for width in [None, Some(30), Some(100)] {
            let any = AnyJob::Storage(job.clone());
            check(&detail(&any, &Related::default(), &style, width), &['\n']);
        }
        // A failed job's error goes on a line of its own under it.
        check(&final_message(job, &style), &['\n']);
        // Piped, the table is TSV.
        let table_chars: &[char] = if terminal { &['\n'] } else { &['\n', '\t'] };
        check(&table(&[job], &Column::ALL, &style, Some(60)), table_chars);
        check(&tsv_row(job, &Column::ALL, &style), &['\n', '\t']);
    }
}

/// A queue job (with `children` under it, for a container's summary) in every human
/// format: the detail view, the table, TSV, the watch lines.
fn render_queue(job: &QueueJob, children: &[QueueJob]) {
    let now = jiff::Timestamp::now();
    for terminal in [true, false] {
        let style = Style {
            color: false,
            terminal,
            now,
            zone: Zone::utc(),
        };
        for width in [None, Some(30), Some(100)] {
            let any = AnyJob::Queue(job.clone());
            let related = Related {
                children: Some(children),
                queue_job: Some(Ok(job)),
            };
            check(&detail(&any, &related, &style, width), &['\n']);
        }
        check(&queue_final_message(job, &style), &[]);
        let flow = FlowProgress {
            done: 1,
            total: children.len(),
            running: children
                .iter()
                .filter_map(|c| c.component.clone())
                .collect(),
        };
        let waited = std::time::Duration::from_secs(3);
        check(
            &queue_spinner_message(job, Some(&flow), &style, waited),
            &[],
        );
        let rows: Vec<&QueueJob> = std::iter::once(job).chain(children).collect();
        let table_chars: &[char] = if terminal { &['\n'] } else { &['\n', '\t'] };
        check(
            &table(&rows, &QueueColumn::ALL, &style, Some(60)),
            table_chars,
        );
        check(&tsv_row(job, &QueueColumn::ALL, &style), &['\n', '\t']);
    }
    let from = QueueStatus::Other("\u{1b}[31m".into());
    check(&queue_change_line(now, job, Some(&from)), &[]);
}

/// A run tree of `root` over `children` (each with `storage` under the first): drawn in
/// every width, and as data holding each job's bytes.
fn render_tree(root: &RawQueueJob, children: &[RawQueueJob], storage: Option<&RawJob>) {
    let mut nodes: Vec<RunNode> = children
        .iter()
        .map(|c| RunNode {
            job: RunJob::Queue(c.clone()),
            children: Vec::new(),
        })
        .collect();
    if let (Some(first), Some(s)) = (nodes.first_mut(), storage) {
        first.children.push(RunNode {
            job: RunJob::Storage(s.clone()),
            children: Vec::new(),
        });
    }
    let tree = RunNode {
        job: RunJob::Queue(root.clone()),
        children: nodes,
    };
    for terminal in [true, false] {
        let style = Style {
            color: false,
            terminal,
            now: jiff::Timestamp::now(),
            zone: Zone::utc(),
        };
        for width in [None, Some(30), Some(120)] {
            check(&tree_text(&tree, &style, width), &['\n']);
        }
    }
    for pretty in [false, true] {
        let json = tree_json(&tree, pretty);
        // The jobs' bytes pass through as sent: a number beyond f64 stays valid JSON that
        // a `Value` cannot hold, so the tree is then checked as JSON text only.
        let v: serde_json::Value = match serde_json::from_str(&json) {
            Ok(v) => v,
            Err(e) if e.to_string().starts_with("number out of range") => {
                let _: Box<serde_json::value::RawValue> =
                    serde_json::from_str(&json).expect("the tree is JSON");
                continue;
            }
            Err(e) => panic!("the tree is not JSON ({e}): {json}"),
        };
        assert_eq!(v["kind"], "queue");
        assert_eq!(
            v["children"].as_array().map(Vec::len),
            Some(tree.children.len())
        );
    }
}

/// A job decoded whole and as the head a listing decodes: both, or neither (a head fails
/// exactly where the whole job does).
fn decoded_alike<'r, T: std::fmt::Debug, E: std::fmt::Debug>(
    text: &str,
    whole: &'r Result<T, E>,
    head: &'r Result<T, E>,
) -> Option<(&'r T, &'r T)> {
    assert_eq!(
        whole.is_ok(),
        head.is_ok(),
        "head and job disagree: {whole:?} {head:?} on {text}"
    );
    whole.as_ref().ok().zip(head.as_ref().ok())
}

/// The queue side of [`decode_render`]: `text` as a queue job (whole and as the head a
/// listing decodes, which must fail exactly where the job does) and as a search answer
/// (each job rendered, the first as the tree's root over the others).
fn decode_render_queue(text: &str) {
    let whole = RawQueueJob::parse(text);
    let head = RawQueueJob::parse_head(text);
    if let Some((raw, head)) = decoded_alike(text, &whole, &head) {
        let (h, w) = (&head.job, &raw.job);
        assert_eq!(
            (h.id, &h.status, h.finished_flag),
            (w.id, &w.status, w.finished_flag)
        );
        assert_eq!((&h.run_id, &h.parent_run_id), (&w.run_id, &w.parent_run_id));
        assert_eq!(h.created_time, w.created_time);
        render_queue(&raw.job, &[]);
        render_tree(raw, &[], RawJob::parse(text).ok().as_ref());
    }
    if let Ok(items) = split_array(text) {
        let jobs: Vec<RawQueueJob> = items
            .iter()
            .filter_map(|i| RawQueueJob::parse(i.get()).ok())
            .collect();
        let storage = items.iter().find_map(|i| RawJob::parse(i.get()).ok());
        if let Some((root, rest)) = jobs.split_first() {
            let children: Vec<QueueJob> = rest.iter().map(|c| c.job.clone()).collect();
            render_queue(&root.job, &children);
            render_tree(root, rest, storage.as_ref());
        }
    }
}

/// Decodes `data` as a job (whole and as the head a listing decodes, which must fail exactly
/// where the job does) and as a list (of storage jobs and of queue jobs), renders
/// whatever decodes in every human format (queue jobs also as a run tree), and checks
/// JSON output re-indents without changing the JSON. Panics on a finding.
pub fn decode_render(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let whole = RawJob::parse(text);
    let head = RawJob::parse_head(text);
    if let Some((raw, head)) = decoded_alike(text, &whole, &head) {
        let (h, w) = (&head.job, &raw.job);
        assert_eq!(
            (h.id, &h.status, h.created_time),
            (w.id, &w.status, w.created_time)
        );
    }
    if let Ok(raw) = whole {
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
    decode_render_queue(text);
}
