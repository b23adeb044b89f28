//! `list`, `stats` and `timeline` with `--kind queue` and `--kind all` against the
//! simulator: both kinds interleaved by creation time, the KIND column, the server's bytes
//! in JSON, `--kind queue` equal to `queue list`, the flags one kind alone understands,
//! and tables that fit 80 columns.

use jobctl::sim::Sim;

use super::*;

/// The API's own time layout, `minutes` before now.
fn ago(minutes: i64) -> String {
    let t = jiff::Timestamp::from_millisecond(now_ms() - minutes * 60_000).unwrap();
    t.strftime("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

fn storage_body(id: u64, minutes_ago: i64, status: &str) -> String {
    let t = ago(minutes_ago);
    let end = ago(minutes_ago - 1);
    let error = match status {
        "error" => {
            r#","error": {"code": "csvImport.columnsNotMatch", "message": "Missing columns"}"#
        }
        _ => "",
    };
    format!(
        r#"{{"id": {id}, "status": "{status}", "tableId": "in.c-crm.customers-of-the-north-region", "operationName": "tableImport", "createdTime": "{t}", "startTime": "{t}", "endTime": "{end}", "runId": null, "metrics": {{"inBytes": 10, "outBytes": 0}}{error}}}"#
    )
}

fn queue_body(id: u64, minutes_ago: i64, status: &str) -> String {
    let t = ago(minutes_ago);
    let end = ago(minutes_ago - 2);
    format!(
        r#"{{"id": "{id}", "runId": "{id}", "parentRunId": null, "status": "{status}", "isFinished": true, "type": "orchestrationContainer", "component": "keboola.orchestrator", "config": "987654321", "branchId": null, "createdTime": "{t}", "startTime": "{t}", "endTime": "{end}", "result": {{}}, "metrics": {{}}}}"#
    )
}

/// Storage jobs 11, 12, 13 created 50, 30 and 10 minutes ago; queue jobs 1205330051 and
/// 1205330052, 40 and 20 minutes ago (the first failed).
fn mixed() -> (SimServer, Vec<String>, Vec<String>) {
    let sim = Sim::empty();
    let storage = vec![
        storage_body(11, 50, "success"),
        storage_body(12, 30, "error"),
        storage_body(13, 10, "success"),
    ];
    for (id, body) in [11, 12, 13].into_iter().zip(&storage) {
        sim.add_raw_job(id, body);
    }
    let queue = vec![
        queue_body(1205330051, 40, "error"),
        queue_body(1205330052, 20, "success"),
    ];
    for (id, body) in [1205330051, 1205330052].into_iter().zip(&queue) {
        sim.add_raw_queue_job(id, body);
    }
    (server_with(sim), storage, queue)
}

/// Each line's first two fields.
fn kinds_and_ids(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .map(|l| {
            let mut f = l.split('\t');
            (f.next().unwrap().to_owned(), f.next().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn all_kinds_interleave_by_creation_time_with_a_kind_column() {
    let (s, _, _) = mixed();
    let out = jobctl(&s)
        .args(["list", "--kind", "all"])
        .stdout_any()
        .run()
        .stdout;
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        kinds_and_ids(&out),
        pairs(&[
            ("KIND", "ID"),
            ("storage", "13"),
            ("queue", "1205330052"),
            ("storage", "12"),
            ("queue", "1205330051"),
            ("storage", "11"),
        ]),
        "{out}"
    );
    let header = out.lines().next().unwrap();
    assert_eq!(
        header,
        "KIND\tID\tSTATUS\tOPERATION\tTABLE/CONFIG\tCREATED\tDURATION"
    );
    assert!(
        out.contains("\nqueue\t1205330051\terror\tkeboola.orchestrator\t987654321\t"),
        "{out}"
    );
    // A limit counts jobs of both kinds.
    let out = jobctl(&s)
        .args(["list", "--kind", "all", "-n", "2", "--failed"])
        .stdout_any()
        .run()
        .stdout;
    assert_eq!(
        kinds_and_ids(&out)[1..],
        pairs(&[("storage", "12"), ("queue", "1205330051")]),
        "{out}"
    );
}

#[test]
fn all_kinds_json_is_an_array_of_the_servers_bytes_and_takes_jq() {
    let (s, storage, queue) = mixed();
    let expected = format!(
        "[{}]\n",
        [&storage[2], &queue[1], &storage[1], &queue[0], &storage[0]]
            .map(|b| minified(b))
            .join(",")
    );
    jobctl(&s)
        .args(["list", "--kind", "all", "-o", "json"])
        .stdout_eq(expected)
        .run();
    let lines: Vec<String> = [&storage[2], &queue[1], &storage[1], &queue[0], &storage[0]]
        .map(|b| minified(b) + "\n")
        .to_vec();
    jobctl(&s)
        .args(["list", "--kind", "all", "-o", "jsonl"])
        .stdout_eq(lines.concat())
        .run();
    jobctl(&s)
        .args([
            "list",
            "--kind",
            "all",
            "--jq",
            r#".[] | "\(if has("operationName") then "storage" else "queue" end) \(.id)""#,
        ])
        .stdout_eq("storage 13\nqueue 1205330052\nstorage 12\nqueue 1205330051\nstorage 11\n")
        .run();
}

#[test]
fn kind_queue_lists_as_queue_list_does() {
    let (s, _, _) = mixed();
    for args in [
        &["-o", "json"][..],
        &["--failed"][..],
        &["-o", "wide", "--status", "success"][..],
        &["--columns", "id,type"][..],
    ] {
        let queue = jobctl(&s)
            .args(["queue", "list"])
            .args(args)
            .stdout_any()
            .run();
        let list = jobctl(&s)
            .args(["list", "--kind", "queue"])
            .args(args)
            .stdout_any()
            .run();
        assert!(!queue.stdout.is_empty(), "{args:?}");
        assert_eq!(list.stdout, queue.stdout, "{args:?}");
    }
    // Each sent the same search.
    let searches: Vec<String> = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.path == "/search/jobs")
        .map(|r| r.query.clone())
        .collect();
    for pair in searches.chunks(2) {
        assert_eq!(pair[0], pair[1]);
    }
}

#[test]
fn a_flag_one_kind_alone_understands_is_a_usage_error_naming_it() {
    let (s, _, _) = mixed();
    for (args, message) in [
        (
            &["list", "--kind", "all", "--table", "in.c-main"][..],
            "--table filters storage jobs only, and --kind all lists both kinds: use --kind storage",
        ),
        (
            &["list", "--kind", "all", "--top-level"][..],
            "--top-level filters queue jobs only, and --kind all lists both kinds: use --kind queue",
        ),
        (
            &["list", "--component", "keboola.orchestrator"][..],
            "--component filters queue jobs only: use it with --kind queue",
        ),
        (
            &["list", "--kind", "queue", "--operation", "tableImport"][..],
            "--operation filters storage jobs only: use it with --kind storage",
        ),
        (
            &["stats", "--kind", "all", "--run-id", "7"][..],
            "--run-id takes a run and its nested runs for storage jobs",
        ),
        (
            &["list", "--kind", "all", "--status", "warning"][..],
            "invalid value 'warning' for '--status <STATUS>'",
        ),
        (
            &["list", "--kind", "all", "--watch"][..],
            "--watch follows one kind at a time",
        ),
        (
            &["stats", "--kind", "all", "--file", "-"][..],
            "--file reads a saved list of one kind: use --kind storage or --kind queue",
        ),
        (
            &["list", "--kind", "queue", "--page-size", "600"][..],
            "--page-size 600: the Queue API takes at most 500 jobs a page",
        ),
        (
            &["stats", "--by", "component"][..],
            "--by component groups queue jobs: use --kind queue or all",
        ),
        (
            &["timeline", "--kind", "queue", "--by", "table"][..],
            "--by table draws storage jobs: use --kind storage or all",
        ),
    ] {
        jobctl(&s).args(args).code(2).stderr_has(message).run();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

#[test]
fn stats_of_all_kinds_group_by_kind_first() {
    let (s, _, _) = mixed();
    jobctl(&s)
        .args([
            "stats",
            "--kind",
            "all",
            "--jq",
            r#".groups[] | "\(.kind) \(.operation) \(.jobs) \(.errors)""#,
        ])
        .stdout_is("a group per kind and operation", |out| {
            let mut lines: Vec<&str> = out.lines().collect();
            lines.sort();
            lines.len() == 2
                && lines[0].contains("queue")
                && lines[0].contains("keboola.orchestrator")
                && lines[0].ends_with(" 2 1")
                && lines[1].contains("storage")
                && lines[1].contains("tableImport")
                && lines[1].ends_with(" 3 1")
        })
        .run();
    let tsv = jobctl(&s)
        .args(["stats", "--kind", "all"])
        .stdout_any()
        .run()
        .stdout;
    assert!(tsv.starts_with("kind\toperation\tjobs\t"), "{tsv}");
    assert!(tsv.contains("\nstorage\ttableImport\t3\t1\t"), "{tsv}");
    assert!(
        tsv.contains("\nqueue\tkeboola.orchestrator\t2\t1\t"),
        "{tsv}"
    );
    // The queue form still groups by component and configuration.
    let queue = jobctl(&s)
        .args(["queue", "stats"])
        .stdout_any()
        .run()
        .stdout;
    let list = jobctl(&s)
        .args(["stats", "--kind", "queue"])
        .stdout_any()
        .run()
        .stdout;
    assert!(queue.starts_with("component\tconfig\tjobs\t"), "{queue}");
    assert_eq!(queue, list);
}

#[test]
fn a_timeline_of_all_kinds_draws_both_with_their_kind() {
    let (s, _, _) = mixed();
    let out = jobctl(&s)
        .args(["timeline", "--kind", "all", "--since", "1h"])
        .stdout_any()
        .run()
        .stdout;
    assert!(out.contains("storage 11 tableImport"), "{out}");
    assert!(out.contains("queue 1205330051 keboola."), "{out}");
    // Oldest first, both kinds.
    let at = |needle: &str| out.find(needle).unwrap();
    assert!(at("storage 11 ") < at("queue 1205330051 "), "{out}");
    assert!(at("queue 1205330051 ") < at("storage 12 "), "{out}");
    assert!(at("storage 12 ") < at("queue 1205330052 "), "{out}");
    let rows = out
        .lines()
        .filter(|l| l.starts_with("storage ") || l.starts_with("queue "));
    assert_eq!(rows.count(), 5, "{out}");
    let by = jobctl(&s)
        .args([
            "timeline",
            "--kind",
            "all",
            "--since",
            "1h",
            "--by",
            "operation",
        ])
        .stdout_any()
        .run()
        .stdout;
    assert!(by.contains("storage tableImport"), "{by}");
    assert!(by.contains("queue keboola.orchestrator"), "{by}");
    let queue = jobctl(&s)
        .args(["queue", "timeline", "--since", "1h"])
        .stdout_any()
        .run()
        .stdout;
    assert!(queue.contains("\n1205330052 keboola."), "{queue}");
}

#[test]
fn at_80_columns_the_listing_of_all_kinds_fits_with_whole_ids() {
    let (s, _, _) = mixed();
    for args in [
        "list --kind all",
        "list --kind all -o wide",
        "list --kind queue",
        "list --kind queue -o wide",
    ] {
        let ended = Term::start(interactive(&s, 80, 24, "NO_COLOR=1", args)).wait();
        let out = screen(&ended.out);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert!(lines.len() >= 3, "{args}: {out}");
        for line in &lines {
            assert!(line.chars().count() <= 80, "{args}: {line:?}\n{out}");
        }
        assert!(out.contains("1205330051"), "{args}: {out}");
        if args.contains("all") {
            assert!(lines[0].starts_with("KIND "), "{args}: {out}");
            let row: Vec<&str> = lines[1].split_whitespace().take(3).collect();
            assert_eq!(row, ["storage", "13", "success"], "{args}: {out}");
        }
    }
}
