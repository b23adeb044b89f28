//! `jobctl list` against the simulator: the query it sends, client filters across pages,
//! limits, concurrent paging, pinning, streaming, saved files and follow mode.

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate, JobSpec, Sim};

use super::*;

/// A job body in the API's own dialect, created `id` minutes after a fixed instant.
fn body(id: u64, status: &str, op: &str, table: Option<&str>, run: Option<&str>) -> String {
    let created = "2026-11-20T10:00:00+01:00"
        .parse::<jiff::Timestamp>()
        .unwrap()
        + jiff::SignedDuration::from_mins(id as i64);
    let created = created
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(1)))
        .strftime("%Y-%m-%dT%H:%M:%S%z");
    let opt = |v: Option<&str>| v.map_or("null".to_owned(), |v| format!("\"{v}\""));
    let error = if status == "error" {
        r#","error": {"code": "csvImport.columnsNotMatch", "message": "Missing columns"}"#
    } else {
        ""
    };
    format!(
        r#"{{"id": {id}, "status": "{status}", "url": "https:\/\/x\/{id}", "tableId": {}, "operationName": "{op}", "createdTime": "{created}", "startTime": "{created}", "endTime": "{created}", "runId": {}, "results": [], "creatorToken": {{"id": "1", "description": "ann"}}, "metrics": {{"inBytes": {id}, "outBytes": 0}}{error}}}"#,
        opt(table),
        opt(run)
    )
}

/// Jobs 1..=n: every tenth a failed `tableImport` of `in.c-main.orders` in run `7.<id>`,
/// the rest successful `workspaceLoad`s without a table.
fn sim_with(n: u64) -> Sim {
    let sim = Sim::empty();
    for id in 1..=n {
        let b = if id % 10 == 0 {
            body(
                id,
                "error",
                "tableImport",
                Some("in.c-main.orders"),
                Some(&format!("7.{id}")),
            )
        } else {
            body(id, "success", "workspaceLoad", None, None)
        };
        sim.add_raw_job(id, &b);
    }
    sim
}

fn ids(jsonl: &str) -> Vec<u64> {
    jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect()
}

fn list_queries(s: &SimServer) -> Vec<String> {
    s.sim()
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v2/storage/jobs")
        .map(|r| r.query)
        .collect()
}

#[test]
fn list_sends_server_filters_as_the_api_expects() {
    let s = server_with(sim_with(3));
    jobctl(&s)
        .args([
            "list",
            "--status",
            "error,waiting",
            "--since",
            "2026-11-20T10:00:00+01:00",
            "--until",
            "2026-11-21 12:00:00Z",
            "--page-size",
            "50",
            "--all",
            "-o",
            "jsonl",
        ])
        .run();
    assert_eq!(
        list_queries(&s)[0],
        "storage_job_status%5B%5D=error&storage_job_status%5B%5D=waiting\
         &created_time_from=2026-11-20T09%3A00%3A00%2B00%3A00\
         &created_time_to=2026-11-21T12%3A00%3A00%2B00%3A00&limit=50&offset=0"
    );
    jobctl(&s)
        .args(["list", "--exclude-status", "success", "--failed", "-n", "5"])
        .stderr_has("no jobs match")
        .run();
    assert_eq!(
        list_queries(&s)[1],
        "storage_job_status%5B%5D=error&limit=5&offset=0"
    );
    jobctl(&s)
        .args(["list", "--exclude-status", "success,waiting", "-o", "json"])
        .stdout_eq("[]\n")
        .run();
    assert_eq!(
        list_queries(&s)[2],
        "excluded_storage_job_status%5B%5D=success&excluded_storage_job_status%5B%5D=waiting\
         &limit=20&offset=0"
    );
}

#[test]
fn each_filter_alone_picks_the_right_jobs() {
    let s = server_with(sim_with(30));
    let run = |args: &[&str]| {
        let out = jobctl(&s)
            .args(["list", "-o", "jsonl", "--page-size", "7"])
            .args(args)
            .stdout_any()
            // The note on how many jobs a client-side filter scanned.
            .stderr_any()
            .run();
        ids(&out.stdout)
    };
    assert_eq!(run(&["--failed"]), vec![30, 20, 10]);
    assert_eq!(run(&["--status", "error"]), vec![30, 20, 10]);
    assert_eq!(run(&["--running"]), Vec::<u64>::new());
    assert_eq!(run(&["--exclude-status", "success"]), vec![30, 20, 10]);
    assert_eq!(run(&["--operation", "table*"]), vec![30, 20, 10]);
    assert_eq!(run(&["--operation", "tableImp"]), vec![30, 20, 10]);
    assert_eq!(run(&["--operation", "tableExport"]), Vec::<u64>::new());
    assert_eq!(run(&["--table", "in.c-main"]), vec![30, 20, 10]);
    assert_eq!(run(&["--table", "in.c-ma"]), Vec::<u64>::new());
    assert_eq!(run(&["--run-id", "7"]), vec![30, 20, 10]);
    assert_eq!(run(&["--run-id", "7.20"]), vec![20]);
    // Job n is created n minutes after 09:00 UTC.
    assert_eq!(run(&["--since", "2026-11-20T09:28:00Z"]), vec![30, 29, 28]);
    assert_eq!(
        run(&["--until", "2026-11-20T09:02:00Z", "--all"]),
        vec![2, 1]
    );
    // Server and client filters together, across pages.
    assert_eq!(
        run(&[
            "--failed",
            "--since",
            "2026-11-20T09:15:00Z",
            "--until",
            "2026-11-20T09:25:00Z",
            "--operation",
            "table*",
            "--table",
            "in.c-main.orders",
            "--run-id",
            "7",
        ]),
        vec![20]
    );
    assert_eq!(
        run(&[
            "--exclude-status",
            "error",
            "--operation",
            "work*",
            "-n",
            "3"
        ]),
        vec![29, 28, 27]
    );
}

#[test]
fn client_filters_keep_paging_until_the_limit_is_met() {
    let s = server_with(sim_with(100));
    let out = jobctl(&s)
        .args([
            "list",
            "--operation",
            "tableImport",
            "--table",
            "in.c-main.orders",
            "-n",
            "4",
            "--page-size",
            "10",
            "-o",
            "jsonl",
        ])
        .stdout_any()
        .run();
    assert_eq!(ids(&out.stdout), vec![100, 90, 80, 70]);
    // Pages after the first are fetched up to 8 ahead (--concurrency), so a few may be
    // asked for speculatively; each offset once, and paging stops soon after the limit.
    let mut offsets: Vec<u64> = list_queries(&s)
        .iter()
        .map(|q| q.split("offset=").nth(1).unwrap().parse().unwrap())
        .collect();
    offsets.sort();
    assert!(offsets.starts_with(&[0, 10, 20, 30]), "{offsets:?}");
    assert!(offsets.len() <= 4 + 8, "{offsets:?}");
    // Speculative requests still in flight when the limit is met are dropped, so one may
    // never reach the server: the offsets can have gaps past 30, but never a repeat.
    assert!(offsets.windows(2).all(|w| w[1] > w[0]), "{offsets:?}");
    assert!(offsets.iter().all(|o| o % 10 == 0), "{offsets:?}");
    assert!(
        list_queries(&s)[1..]
            .iter()
            .all(|q| q.contains("created_time_to=")),
        "later pages are pinned: {:?}",
        list_queries(&s)
    );
}

#[test]
fn limit_counts_matching_jobs_and_shrinks_the_request() {
    let s = server_with(sim_with(50));
    let out = jobctl(&s)
        .args(["list", "-n", "3", "-o", "jsonl"])
        .stdout_any()
        .run();
    assert_eq!(ids(&out.stdout), vec![50, 49, 48]);
    assert_eq!(list_queries(&s), vec!["limit=3&offset=0".to_owned()]);
    let out = jobctl(&s)
        .args(["list", "--all", "--page-size", "20", "-o", "jsonl"])
        .stdout_any()
        .run();
    assert_eq!(ids(&out.stdout), (1..=50).rev().collect::<Vec<_>>());
}

#[test]
fn all_pages_concurrently_in_order_without_gaps() {
    let s = server_with(Sim::with_generated(2000, 7));
    // Hold every page after the first: fetched one after another, only one would ever
    // wait at the gate; fetched concurrently, --concurrency (8) do.
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Latency(Duration::ZERO)).on(FaultTarget::List));
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::List)
            .times(100),
    );
    let listing = jobctl(&s)
        .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
        .stdout_is("jobs 2000 to 1, each once", |o| {
            ids(o) == (1..=2000).rev().collect::<Vec<_>>()
        })
        .spawn();
    gate.wait_for_held(8);
    gate.open();
    listing.wait();
    assert!(list_queries(&s).len() >= 21, "{}", list_queries(&s).len());
}

#[test]
fn concurrency_1_fetches_one_page_after_another_with_the_same_output() {
    let s = server_with(Sim::with_generated(600, 7));
    let concurrent = jobctl(&s)
        .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
        .stdout_any()
        .run();
    s.sim().set_latency(Duration::from_millis(100));
    let before = s.sim().requests().len();
    let sequential = jobctl(&s)
        .args([
            "list",
            "--all",
            "--page-size",
            "100",
            "-o",
            "jsonl",
            "--concurrency",
            "1",
        ])
        .stdout_any()
        .run();
    assert_eq!(ids(&sequential.stdout), ids(&concurrent.stdout));
    // Each request arrives only after the one before was answered (100 ms later).
    let arrivals: Vec<Instant> = s.sim().requests()[before..].iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 7);
    for pair in arrivals.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_millis(100),
            "{arrivals:?}"
        );
    }
}

#[test]
fn jobs_created_while_paging_neither_repeat_nor_shift_pages() {
    let s = server_with(sim_with(40));
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Latency(Duration::ZERO)).on(FaultTarget::List));
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::List)
            .times(100),
    );
    let listing = jobctl(&s)
        .args(["list", "--all", "--page-size", "5", "-o", "jsonl"])
        .stdout_is("jobs 40 to 1, each once", |o| {
            ids(o) == (1..=40).rev().collect::<Vec<_>>()
        })
        .spawn();
    // The first page is in and a later one asked for: jobs created now are newer than
    // the listing, and the later pages are answered only after they exist.
    gate.wait_for_held(1);
    for id in 41..=47 {
        s.sim().add_job(JobSpec::success(id, "tableCreate"));
    }
    gate.open();
    listing.wait();
}

#[test]
fn jsonl_streams_the_first_page_before_the_last_is_served() {
    let s = server_with(sim_with(30));
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Latency(Duration::ZERO)).on(FaultTarget::List));
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::List)
            .times(10),
    );
    let listing = jobctl(&s)
        .args(["list", "--all", "--page-size", "10", "-o", "jsonl"])
        .stdout_is("jobs 30 to 1", |o| {
            ids(o) == (1..=30).rev().collect::<Vec<_>>()
        })
        .spawn();
    let first = listing.wait_for(Stream::Stdout, "a first line", |o| o.contains('\n'));
    assert_eq!(ids(first.lines().next().unwrap_or_default()), vec![30]);
    // The line came while every later page was still held at the gate.
    assert_eq!(list_queries(&s).len(), 1, "{:?}", s.sim().requests());
    gate.open();
    listing.wait();
}

#[test]
fn json_keeps_the_servers_bytes() {
    let s = server_with(sim_with(2));
    let expected = format!(
        "[{},{}]\n",
        minified(&body(2, "success", "workspaceLoad", None, None)),
        minified(&body(1, "success", "workspaceLoad", None, None))
    );
    jobctl(&s)
        .args(["list", "-o", "json"])
        .stdout_eq(expected)
        .run();
    jobctl(&s)
        .args(["list", "-o", "jsonl"])
        .stdout_has(r#""url":"https:\/\/x\/2""#)
        .run();
}

#[test]
fn piped_table_is_exact_tsv_with_a_header() {
    let s = server_with(sim_with(20));
    jobctl(&s)
        .args(["list", "-n", "2", "--running"])
        .stderr_has("no jobs match")
        .run();
    jobctl(&s)
        .args(["list", "-n", "3"])
        .stdout_eq(
            "ID\tSTATUS\tOPERATION\tTABLE\tCREATED\tDURATION\tIN\tOUT\n\
             20\terror\ttableImport\tin.c-main.orders\t2026-11-20T10:20:00+01:00\t0\t20\t0\n\
             19\tsuccess\tworkspaceLoad\t\t2026-11-20T10:19:00+01:00\t0\t19\t0\n\
             18\tsuccess\tworkspaceLoad\t\t2026-11-20T10:18:00+01:00\t0\t18\t0\n",
        )
        .run();
    jobctl(&s)
        .args(["list", "-n", "1", "-o", "wide", "--color", "always"])
        .stdout_eq(
            "ID\tSTATUS\tOPERATION\tTABLE\tCREATED\tDURATION\tIN\tOUT\tRUN ID\tCREATOR\tERROR CODE\tERROR\n\
             20\t\x1b[31;1merror\x1b[0m\ttableImport\tin.c-main.orders\t2026-11-20T10:20:00+01:00\t0\t20\t0\t7.20\tann\tcsvImport.columnsNotMatch\tMissing columns\n",
        )
        .run();
    jobctl(&s)
        .args(["list", "-n", "2", "--columns", "id,runId,status"])
        .stdout_eq("ID\tRUN ID\tSTATUS\n20\t7.20\terror\n19\t\tsuccess\n")
        .run();
    jobctl(&s)
        .args(["list", "--columns", "id,nope"])
        .code(2)
        .stderr_has("valid columns: id,status,operationName")
        .run();
    jobctl(&s)
        .args(["list", "--columns", "id", "-o", "jsonl"])
        .code(2)
        .stderr_has("the argument '--columns <COLUMNS>' cannot be used with '--output jsonl'")
        .run();
}

#[test]
fn bad_since_is_a_usage_error() {
    jobctl_bare()
        .args(["list", "--since", "last tuesday"])
        .code(2)
        .stderr_has("is not a time")
        .run();
}

#[test]
fn file_takes_an_array_or_json_lines_with_the_same_filters() {
    let dir = TempDir::new("list-file");
    let bodies: Vec<String> = (1..=30)
        .rev()
        .map(|id| {
            if id % 10 == 0 {
                body(id, "error", "tableImport", Some("in.c-main.orders"), None)
            } else {
                body(id, "success", "workspaceLoad", None, None)
            }
        })
        .collect();
    let array = dir.join("list.json");
    std::fs::write(&array, format!("[\n{}\n]\n", bodies.join(",\n"))).unwrap();
    let lines = dir.join("list.jsonl");
    std::fs::write(
        &lines,
        bodies
            .iter()
            .map(|b| minified(b) + "\n")
            .collect::<String>(),
    )
    .unwrap();
    for path in [&array, &lines] {
        let run = |args: &[&str]| {
            let out = jobctl_bare()
                .args(["list", "-o", "jsonl", "--file"])
                .args([path.to_str().unwrap()])
                .args(args)
                .stdout_any()
                .run();
            ids(&out.stdout)
        };
        assert_eq!(run(&[]), (11..=30).rev().collect::<Vec<_>>());
        assert_eq!(run(&["--all"]).len(), 30);
        assert_eq!(run(&["--failed", "-n", "2"]), vec![30, 20]);
        assert_eq!(run(&["--table", "in.c-main", "--all"]), vec![30, 20, 10]);
        assert_eq!(run(&["--since", "2026-11-20T09:28:00Z"]), vec![30, 29, 28]);
        jobctl_bare()
            .args(["list", "-o", "jsonl", "--all", "--file"])
            .args([path.to_str().unwrap()])
            .stdout_eq(
                bodies
                    .iter()
                    .map(|b| minified(b) + "\n")
                    .collect::<String>(),
            )
            .run();
    }
    jobctl_bare()
        .args(["list", "--file", "-", "--failed", "--columns", "id,status"])
        .stdin(&std::fs::read_to_string(&lines).unwrap())
        .stdout_eq("ID\tSTATUS\n30\terror\n20\terror\n10\terror\n")
        .run();
    // What comes before the bad line or item is printed before the error (see the report
    // that came with this harness), so stdout is not stated in these two.
    jobctl_bare()
        .args(["list", "--file", "-"])
        .stdin("{\"id\": 1, \"status\": \"success\"}\nnot json\n")
        .code(2)
        .stdout_any()
        .stderr_has("line 2 is not a job")
        .run();
    jobctl_bare()
        .args(["list", "--file", "-", "-o", "jsonl"])
        .stdin("[{\"id\": 1, \"status\": \"success\"}, 5]")
        .code(2)
        .stdout_any()
        .stderr_has("item 2 is not a job object")
        .run();
}

#[test]
fn watch_prints_new_jobs_and_status_changes_until_ctrl_c() {
    // -n 1 shows one job; the others on the first page are known, not new. The test moves
    // job 2 on and adds job 3 once jobctl printed what came before, so the order is fixed.
    let s = server();
    s.sim().add_raw_job(
        1,
        &body(1, "success", "tableExport", Some("in.c-main.a"), None),
    );
    let job2 = |status| body(2, status, "tableImport", Some("in.c-main.orders"), None);
    s.sim().add_raw_job(2, &job2("waiting"));
    let watch = jobctl(&s)
        .args([
            "list",
            "--watch",
            "--interval",
            "200ms",
            "-n",
            "1",
            "--columns",
            "id,status,operationName",
        ])
        .code(130)
        .stdout_is("the listing, then timed change rows", |out| {
            without_times(out)
                == "ID\tSTATUS\tOPERATION\n\
                    2\twaiting\ttableImport\n\
                    TIME\tID\tSTATUS\tOPERATION\tERROR\n\
                    T\t3\tnew -> success\ttableCreate\t\n\
                    T\t2\twaiting -> processing\ttableImport\t\n\
                    T\t2\tprocessing -> error\ttableImport\t\
                    csvImport.columnsNotMatch: Missing columns\n"
        })
        .spawn();
    watch.wait_stdout_has("2\twaiting\ttableImport\n");
    s.sim()
        .add_raw_job(3, &body(3, "success", "tableCreate", None, None));
    watch.wait_stdout_has("\t3\tnew -> success\ttableCreate\t\n");
    s.sim().add_raw_job(2, &job2("processing"));
    watch.wait_stdout_has("\t2\twaiting -> processing\ttableImport\t\n");
    s.sim().add_raw_job(2, &job2("error"));
    watch.wait_stdout_has("\tprocessing -> error\t");
    watch.signal("INT");
    watch.wait();
}

/// `out` with the RFC 3339 time that starts each change row replaced by `T`.
fn without_times(out: &str) -> String {
    out.lines()
        .map(|l| match l.split_once('\t') {
            Some((t, rest)) if t.len() == 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T' => {
                format!("T\t{rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect()
}

/// The peak resident memory (VmHWM) of a running process, in KiB.
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[cfg(target_os = "linux")]
#[ignore = "slow tier: 100,000 jobs and jobctl's memory (cargo test -- --ignored)"]
fn all_100k_jobs_as_jsonl_stream_in_flat_memory() {
    use std::sync::atomic::AtomicU64;
    let s = server_with(Sim::with_generated(100_000, 3));
    // Sampled each time jobctl printed something, while it still runs: its peak so far.
    let peak = Arc::new(AtomicU64::new(0));
    let seen = peak.clone();
    let out = jobctl(&s)
        .args(["list", "--all", "--page-size", "1000", "-o", "jsonl"])
        .observe_stdout(move |pid, _| {
            seen.fetch_max(peak_kib(pid).unwrap_or(0), Ordering::Relaxed);
        })
        .stdout_any()
        .run();
    let mut count = 0u64;
    let mut last = u64::MAX;
    let mut ordered = true;
    for line in out.stdout.lines() {
        let id = ids(line)[0];
        ordered &= id < last;
        last = id;
        count += 1;
    }
    assert_eq!(count, 100_000);
    assert!(ordered, "ids must come newest first, each once");
    let peak = peak.load(Ordering::Relaxed);
    assert!(peak > 0, "no sample of jobctl's memory");
    assert!(peak < 50 * 1024, "peak memory {peak} KiB");
}

#[test]
fn watch_running_shows_a_job_leaving_the_filter_when_it_finishes() {
    // The test moves job 2 on once jobctl printed its previous status.
    let s = server();
    s.sim()
        .add_raw_job(1, &body(1, "success", "tableExport", None, None));
    let job2 = |status| body(2, status, "tableImport", None, None);
    s.sim().add_raw_job(2, &job2("waiting"));
    let watch = jobctl(&s)
        .args([
            "list",
            "--running",
            "--watch",
            "--interval",
            "200ms",
            "--columns",
            "id,status",
        ])
        .code(130)
        .stdout_is("the listing, then timed change rows", |out| {
            without_times(out)
                == "ID\tSTATUS\n2\twaiting\n\
                    TIME\tID\tSTATUS\tERROR\n\
                    T\t2\twaiting -> processing\t\n\
                    T\t2\tprocessing -> success\t\n"
        })
        .spawn();
    watch.wait_stdout_has("2\twaiting\n");
    s.sim().add_raw_job(2, &job2("processing"));
    watch.wait_stdout_has("\t2\twaiting -> processing\t\n");
    s.sim().add_raw_job(2, &job2("success"));
    watch.wait_stdout_has("\t2\tprocessing -> success\t\n");
    watch.signal("INT");
    watch.wait();
    let singles = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.path == "/v2/storage/jobs/2")
        .count();
    assert_eq!(singles, 1, "the finished job is looked up once");
}

#[test]
fn a_terminal_gets_a_coloured_table_with_ages_fitted_to_any_width() {
    let s = server();
    for id in 1..=3 {
        let table = format!("in.c-a-rather-long-bucket-name.table-with-a-long-name-{id}");
        s.sim()
            .add_raw_job(id, &body(id, "error", "tableImport", Some(&table), None));
    }
    for cols in [40u16, 60, 80, 120] {
        let screen = screen(&terminal(&s, cols, "list").stdout_any().run());
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines.len(), 4, "{screen}");
        let header = match cols {
            40 => "ID  STATUS  TABLE",
            _ => "ID  STATUS  OPERATION",
        };
        assert!(lines[0].starts_with(header), "{screen}");
        for (line, id) in lines[1..].iter().zip(["3", "2", "1"]) {
            assert!(
                line.starts_with(&format!(" {id}  \x1b[31;1merror\x1b[0m")),
                "{line:?}"
            );
            // Low-value columns give way before the table id is cut to nothing.
            assert_eq!(line.contains(" ago"), cols >= 60, "{cols}: {line:?}");
            // Table ids are cut from the left: their end tells them apart.
            let end = format!("long-name-{id}");
            assert!(line.contains(&end), "{cols}: {line:?}");
        }
        let widest = lines.iter().map(|l| visible_width(l)).max().unwrap_or(0);
        assert!(widest <= cols as usize, "{cols}: {screen}");
        assert_eq!(screen.contains('…'), cols < 120, "{cols}: {screen}");
    }
}

#[test]
fn a_long_listing_on_a_terminal_streams_in_one_layout() {
    // More rows than the table holds to fix its widths (1000): those show as soon as they
    // are in, and the rest stream in the same layout under the one header.
    let s = server_with(Sim::with_generated(2500, 7));
    // --concurrency 1: pages one after another; the first two (1000 jobs) are answered at
    // once, the other three only when the gate opens.
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Latency(Duration::ZERO))
            .on(FaultTarget::List)
            .times(2),
    );
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::List)
            .times(3),
    );
    let listing = terminal(&s, 100, "list --all --page-size 500 --concurrency 1")
        .stdout_any()
        .spawn();
    listing.wait_for(Stream::Stdout, "a first row", |o| o.contains("\x1b["));
    // The rows came while the third page was held: the first two were all it had.
    assert_eq!(list_queries(&s).len(), 2, "{:?}", s.sim().requests());
    gate.open();
    let screen = screen(&listing.wait());
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 2501, "one header and every job");
    assert_eq!(lines.iter().filter(|l| l.contains("STATUS")).count(), 1);
    assert!(lines.iter().all(|l| visible_width(l) <= 100), "{screen}");
    let status_column = |l: &str| l.find("STATUS").or_else(|| l.find("\x1b["));
    let at = status_column(lines[0]);
    assert!(
        lines[1..].iter().all(|l| status_column(l) == at),
        "statuses line up"
    );
    let ids: Vec<u64> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids, (1..=2500).rev().collect::<Vec<u64>>());
}

#[test]
fn a_server_that_caps_limit_is_paged_by_its_cap_without_losing_jobs() {
    let s = server_with(sim_with(250));
    s.sim().set_page_cap(30);
    let out = jobctl(&s)
        .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
        .stderr_has("the server answered 30 jobs for limit=100: paging by 30")
        .stdout_any()
        .run();
    assert_eq!(ids(&out.stdout), (1..=250).rev().collect::<Vec<_>>());
    let offsets: Vec<u64> = list_queries(&s)
        .iter()
        .map(|q| q.split("offset=").nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(offsets.iter().all(|o| o % 30 == 0), "{offsets:?}");
}

#[test]
fn a_short_first_page_costs_one_look_past_it() {
    let s = server_with(sim_with(40));
    // No note on stderr about paging (or anything else).
    let out = jobctl(&s)
        .args(["list", "--all", "--page-size", "50", "-o", "jsonl"])
        .stdout_any()
        .run();
    assert_eq!(ids(&out.stdout).len(), 40);
    let queries = list_queries(&s);
    assert_eq!(queries.len(), 2, "{queries:?}");
    assert_eq!(queries[0], "limit=50&offset=0");
    assert!(
        queries[1].contains("created_time_to=") && queries[1].ends_with("&limit=50&offset=40"),
        "{queries:?}"
    );
}

#[test]
fn output_that_cannot_be_written_exits_6_naming_stdout() {
    let s = server_with(Sim::with_generated(30, 7));
    // A full disk: every write to /dev/full fails with ENOSPC.
    program("sh")
        .args([
            "-c",
            concat!("exec \"", env!("CARGO_BIN_EXE_jobctl"), "\" list -o json >/dev/full"),
        ])
        .env("KBC_STORAGE_API_HOST", s.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .code(6)
        .stderr_eq("jobctl: error: cannot write to standard output: No space left on device (os error 28)\n")
        .run();
}

#[test]
fn help_wraps_to_a_terminal_narrower_than_100_columns() {
    let help = |cols: &str| {
        jobctl_bare()
            .env("COLUMNS", cols)
            .args(["list", "--help"])
            .stdout_any()
            .run()
            .stdout
    };
    let (narrow, wide) = (help("60"), help("100"));
    // clap's wrap_help feature reads the width; without it, help always wraps at 100.
    assert!(
        narrow.lines().count() > wide.lines().count(),
        "{narrow}\n---\n{wide}"
    );
    assert!(wide.lines().any(|l| l.len() > 60), "{wide}");
}

#[test]
fn watch_on_a_terminal_marks_changes_in_columns_that_fit() {
    // Job 1 is past -n 2, so its change is not reported; job 3 changes twice and a new
    // job 4 appears. Each event is made once jobctl printed what came before.
    let s = server();
    let long = "in.c-a-rather-long-bucket-name.table-with-a-long-name";
    let job = |id, status| body(id, status, "tableImport", Some(long), None);
    for id in 1..=3 {
        s.sim().add_raw_job(id, &job(id, "waiting"));
    }
    let watch = terminal_env(
        &s,
        60,
        "TZ=Europe/Prague",
        "list --watch --interval 200ms -n 2 --color never",
    )
    .code(143)
    .stdout_any()
    .spawn();
    watch.wait_stdout_has("ago");
    s.sim().add_raw_job(1, &job(1, "processing"));
    s.sim().add_raw_job(3, &job(3, "processing"));
    watch.wait_stdout_has("waiting -> processing");
    s.sim().add_raw_job(3, &job(3, "error"));
    watch.wait_stdout_has("processing -> error");
    s.sim().add_raw_job(4, &job(4, "waiting"));
    watch.wait_stdout_has("new -> waiting");
    watch.signal("TERM");
    let out = watch.wait();
    let screen = screen(&out);
    let lines: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 8, "{screen}");
    // `HH:MM:SS CET`, with room for `CEST`.
    assert!(
        lines[3].starts_with(&format!("{:13}  ID  STATUS ", "TIME")),
        "{screen}"
    );
    // The failed job's change says why, on a line under it.
    assert!(
        lines[6].trim_start().starts_with("↳ csvImport.columnsNot"),
        "{screen}"
    );
    let changes: Vec<&str> = lines[4..]
        .iter()
        .copied()
        .filter(|l| !l.trim_start().starts_with('↳'))
        .collect();
    for (line, (id, change)) in changes.iter().zip([
        (3, "waiting -> processing"),
        (3, "processing -> error"),
        (4, "new -> waiting"),
    ]) {
        // HH:MM:SS and the zone, the id, the transition, each in the same column.
        assert_eq!(line.as_bytes()[2], b':', "{line:?}");
        assert!(
            line[8..].starts_with(" CET ") || line[8..].starts_with(" CEST"),
            "{line:?}"
        );
        assert!(line[13..].starts_with(&format!("   {id}  ")), "{line:?}");
        assert!(line.contains(change), "{line:?}");
        assert!(line.ends_with("long-name"), "{line:?}");
    }
    let at = |line: &str| line.find("long-name");
    assert!(changes.iter().all(|l| at(l) == at(changes[0])), "{screen}");
    assert!(lines.iter().all(|l| visible_width(l) <= 60), "{screen}");
    assert!(!screen.contains("   1  "), "job 1 was not listed: {screen}");
}

#[test]
fn watch_as_jsonl_streams_watch_shaped_events() {
    let s = server();
    let job = |status| body(2, status, "tableImport", None, None);
    s.sim()
        .add_raw_job(1, &body(1, "success", "tableExport", None, None));
    s.sim().add_raw_job(2, &job("waiting"));
    let watch = jobctl(&s)
        .args([
            "list",
            "--watch",
            "--interval",
            "200ms",
            "-n",
            "1",
            "-o",
            "jsonl",
        ])
        .code(130)
        .stdout_any()
        .spawn();
    watch.wait_stdout_has("\"to\":\"waiting\"");
    s.sim()
        .add_raw_job(1, &body(1, "error", "tableExport", None, None));
    s.sim().add_raw_job(2, &job("success"));
    watch.wait_stdout_has("\"to\":\"success\"");
    watch.signal("INT");
    let out = watch.wait();
    let events: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shape: Vec<_> = events
        .iter()
        .map(|e| {
            (
                e["event"].clone(),
                e["id"].clone(),
                e["from"].clone(),
                e["to"].clone(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "change".into(),
                2.into(),
                serde_json::Value::Null,
                "waiting".into()
            ),
            (
                "change".into(),
                2.into(),
                "waiting".into(),
                "success".into()
            ),
        ]
    );
    assert!(
        events
            .iter()
            .all(|e| e["job"]["id"] == e["id"] && e["time"].is_string())
    );
}
