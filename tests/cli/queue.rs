//! `jobctl queue ...` against the simulator's Queue API listener: discovery through the
//! Storage API index, the detail view and JSON, the run tree and its join, the search and
//! its filters.

use jobctl::sim::{
    Anchor, Fault, FaultKind, FaultTarget, JobSpec, QueueJobSpec, QueueOutcome, Sim,
};

use super::*;

/// A server holding the queue fixtures as raw bodies.
fn serving_fixtures() -> SimServer {
    let s = server();
    for (id, name) in [
        (10440530, "queue-flow-processing.json"),
        (10440533, "queue-phase-waiting.json"),
        (10440535, "queue-standard-success.json"),
        (10441200, "queue-standard-error.json"),
    ] {
        s.sim()
            .add_raw_queue_job(id, &fixture(&format!("queue/{name}")));
    }
    s
}

fn paths(s: &SimServer) -> Vec<String> {
    s.sim().requests().iter().map(|r| r.path.clone()).collect()
}

#[test]
fn queue_show_json_is_the_server_bytes_found_through_the_stack_index() {
    let s = serving_fixtures();
    let body = fixture("queue/queue-standard-error.json");
    jobctl(&s)
        .args(["queue", "show", "10441200", "-o", "json"])
        .stdout_eq(minified(&body) + "\n")
        .run();
    assert_eq!(paths(&s), ["/v2/storage", "/jobs/10441200"]);
    let index = &s.sim().requests()[0];
    assert_eq!(index.query, "exclude=components");
}

#[test]
fn queue_show_detail_names_the_error_and_a_missing_job_exits_3_after_the_others() {
    let s = serving_fixtures();
    jobctl(&s)
        .args(["queue", "show", "10441200", "99999999"])
        .code(3)
        .stdout_has("ID:        10441200\nStatus:    error\n")
        .stdout_has("  Message:    Script file /data/script.py failed: KeyError: 'customer_id'\n")
        .stdout_has("  Error type: user\n  Exception:  exception-27b5c0ee49f1b6d1a6c2\n")
        .stdout_has("Duration:  1m 22s (82s billed)\n")
        // Who started it, under the label a storage job's detail gives it.
        .stdout_has("Creator:   jan.kovar@acme-analytics.io (token 7460)\n")
        .stderr_eq("jobctl: error: job 99999999 not found\n")
        .run();
}

#[test]
fn queue_show_of_a_container_summarises_the_jobs_under_it() {
    let s = serving_fixtures();
    jobctl(&s)
        .args(["queue", "show", "10440530"])
        .stdout_has("Type:      orchestrationContainer\n")
        .stdout_has("Children:  1 job: 1 waiting\n")
        .run();
    let search = s
        .sim()
        .requests()
        .into_iter()
        .find(|r| r.path == "/search/jobs")
        .unwrap();
    assert_eq!(
        search.query,
        "parentRunId=10440530&limit=500&offset=0&sortBy=id&sortOrder=asc"
    );
}

#[test]
fn queue_show_jq_runs_over_each_job_in_argument_order() {
    let s = serving_fixtures();
    jobctl(&s)
        .args(["queue", "show", "10441200", "10440535", "--jq", ".status"])
        .stdout_eq("error\nsuccess\n")
        .run();
}

#[test]
fn an_explicit_queue_host_skips_the_index() {
    let s = serving_fixtures();
    jobctl(&s)
        .args(["queue", "show", "10441200", "--jq", ".id"])
        .env("KBC_QUEUE_API_HOST", s.queue_url())
        .stdout_eq("10441200\n")
        .run();
    jobctl(&s)
        .args(["queue", "show", "10440535", "--jq", ".id"])
        .args(["--queue-host", &s.queue_url()])
        .stdout_eq("10440535\n")
        .run();
    assert_eq!(paths(&s), ["/jobs/10441200", "/jobs/10440535"]);
}

#[test]
fn a_stack_whose_index_names_no_queue_needs_a_queue_host() {
    let s = serving_fixtures();
    s.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 404,
            body: None,
            retry_after: None,
        })
        .on(FaultTarget::Path("/v2/storage".into())),
    );
    jobctl(&s)
        .args(["queue", "show", "10441200"])
        .code(2)
        .stderr_has("cannot find the Queue API of http://127.0.0.1:")
        .stderr_has("pass --queue-host")
        .run();
    s.sim().push_fault(
        Fault::new(FaultKind::Body(
            r#"{"services":[{"id":"queue","url":"https://queue.evil.example"}]}"#.into(),
        ))
        .on(FaultTarget::Path("/v2/storage".into())),
    );
    jobctl(&s)
        .args(["queue", "show", "10441200"])
        .code(2)
        .stderr_has("names a Queue API at https://queue.evil.example outside the stack's domain")
        .run();
}

#[test]
fn a_rejected_token_exits_4_and_is_never_printed() {
    let s = serving_fixtures();
    jobctl(&s)
        .args(["queue", "show", "10441200", "--queue-host", &s.queue_url()])
        .env("KBC_STORAGE_API_TOKEN", "wrong-token")
        .code(4)
        .stderr_has("answered HTTP 401: Authentication failed: invalid token [401]")
        .run();
}

#[test]
fn hostile_text_from_the_queue_api_is_sanitised() {
    let s = server();
    s.sim().add_raw_queue_job(
        5,
        r#"{"id":"5","status":"error","component":"ex\u001b]0;pwned\u0007-x","result":{"message":"bad\u001b[2J\u202enews","error":{"type":"user"}}}"#,
    );
    let out = jobctl(&s)
        .args(["queue", "show", "5"])
        .stdout_has("Component: ex-x\n")
        .stdout_has("  Message:    badnews\n")
        .run();
    assert!(!out.stdout.contains('\x1b'));
    jobctl(&s)
        .args(["queue", "show", "5", "--tree"])
        .stdout_eq("✗ job 5  ex-x  error\n   error: badnews\n")
        .run();
}

/// A flow run an hour ago: one phase, a task that succeeded and one that failed because
/// its table import failed; storage jobs around them that must not be joined.
fn failed_flow() -> SimServer {
    let s = server();
    let sim = s.sim();
    let anchor = now_ms() - 3_600_000;
    let at = Anchor::Fixed(anchor);
    let mut flow = QueueJobSpec::standard(100, "keboola.orchestrator", "1", at)
        .times(0, 1_000, 60_000)
        .outcome(QueueOutcome::Error {
            message: "Phase failed".into(),
            user: true,
        });
    flow.job_type = "orchestrationContainer".into();
    let mut phase = QueueJobSpec::standard(101, "keboola.orchestrator", "1", at)
        .under(&flow)
        .times(1_000, 2_000, 59_000)
        .outcome(QueueOutcome::Error {
            message: "Task failed".into(),
            user: true,
        });
    phase.job_type = "phaseContainer".into();
    phase.phase_id = Some("1".into());
    let ok = QueueJobSpec::standard(102, "keboola.ex-a", "1", at)
        .under(&phase)
        .times(2_000, 3_000, 30_000);
    let bad = QueueJobSpec::standard(103, "keboola.ex-b", "2", at)
        .under(&phase)
        .times(2_000, 3_000, 50_000)
        .outcome(QueueOutcome::Error {
            message: "boom".into(),
            user: true,
        });
    for spec in [flow, phase, ok, bad] {
        sim.add_queue_job(spec);
    }
    let secs = |ms: i64| (anchor + ms) / 1000;
    let import = |id: u64, run_id: &str, at: i64| {
        JobSpec::success(id, "tableImport")
            .table("in.c-main.orders")
            .run_id(run_id)
            .created_at(secs(at))
    };
    sim.add_job(import(501, "102", 10_000));
    sim.add_job(
        import(502, "103", 20_000).fails("csvImport.columnsNotMatch", "Some columns are missing"),
    );
    // In the window but of other runs: a runId that merely starts with the task's id, a
    // nested one, another run's.
    sim.add_job(import(503, "1023", 10_000));
    sim.add_job(import(504, "102.5", 12_000));
    sim.add_job(import(506, "999", 15_000));
    // The task's own run id, but long before it started.
    sim.add_job(import(505, "102", -600_000));
    s
}

#[test]
fn the_tree_joins_exact_run_ids_in_the_window_and_marks_the_failing_path() {
    let s = failed_flow();
    jobctl(&s)
        .args(["queue", "show", "100", "--tree"])
        .stdout_eq(
            "\
✗ flow 100  keboola.orchestrator 1  error  59s
│  error: Phase failed
└─ ✗ phase 101  phase 1  error  57s
   │  error: Task failed
   ├─ ✓ task 102  keboola.ex-a 1  success  27s
   │  └─ ✓ storage 501  tableImport in.c-main.orders  success  0s
   └─ ✗ task 103  keboola.ex-b 2  error  47s
      │  error: boom
      └─ ✗ storage 502  tableImport in.c-main.orders  error  0s
            error: csvImport.columnsNotMatch: Some columns are missing
",
        )
        .run();
    // Five round trips: the index, the flow, its phases, their tasks, then the tasks'
    // storage jobs, both at once (then the configurations' names, which this stack lacks).
    let log: Vec<_> = s
        .sim()
        .requests()
        .into_iter()
        .filter(|r| !r.path.starts_with("/v2/storage/components"))
        .collect();
    let p: Vec<&str> = log.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        p[..4],
        ["/v2/storage", "/jobs/100", "/search/jobs", "/search/jobs"]
    );
    assert_eq!(p[4..], ["/v2/storage/jobs", "/v2/storage/jobs"]);
    assert!(log[4].query.contains("created_time_from="), "{:?}", log[4]);
}

#[test]
fn the_tree_as_json_holds_each_job_as_the_server_sent_it() {
    let s = failed_flow();
    jobctl(&s)
        .args(["queue", "show", "100", "--tree", "--jq"])
        .arg(
            r#"[.. | objects | select(.kind? == "storage") | .job.id] | map(tostring) | join(",")"#,
        )
        .stdout_eq("501,502\n")
        .run();
    let out = jobctl(&s)
        .args(["queue", "show", "100", "--tree", "-o", "json"])
        .stdout_has(r#"{"kind":"queue","job":{"id":"100","runId":"100","parentRunId":"","#)
        .stdout_has(r#""url":"http:\/\/127.0.0.1:"#)
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["children"][0]["children"][1]["job"]["result"]["error"]["type"],
        "user"
    );
}

#[test]
fn the_tree_takes_one_id() {
    jobctl_bare()
        .args(["queue", "show", "1", "2", "--tree"])
        .code(2)
        .stderr_eq("jobctl: error: --tree shows one run: give one job id\n")
        .run();
}

#[test]
fn queue_list_sends_the_filters_as_the_api_arrays_and_prints_tsv() {
    let s = failed_flow();
    jobctl(&s)
        .args([
            "queue",
            "list",
            "--failed",
            "--component",
            "keboola.ex-b",
            "--since",
            "1d",
        ])
        .stdout_is("a TSV header and task 103", |out| {
            let lines: Vec<&str> = out.lines().collect();
            lines.len() == 2
                && lines[0] == "ID\tSTATUS\tTYPE\tCOMPONENT\tCONFIG\tCREATED\tDURATION"
                && lines[1].starts_with("103\terror\tstandard\tkeboola.ex-b\t2\t")
                && lines[1].ends_with("\t47")
        })
        .run();
    let search = s.sim().requests().pop().unwrap();
    assert!(
        search.query.starts_with(
            "status%5B%5D=error&status%5B%5D=terminated&status%5B%5D=cancelled\
             &componentId%5B%5D=keboola.ex-b&createdTimeFrom="
        ),
        "{search:?}"
    );
    assert!(search.query.ends_with("&limit=20&offset=0"), "{search:?}");
}

#[test]
fn queue_list_top_level_pages_on_until_enough_match() {
    let s = failed_flow();
    jobctl(&s)
        .args([
            "queue",
            "list",
            "--top-level",
            "--page-size",
            "2",
            "--jq",
            ".[].id",
        ])
        .stdout_eq("100\n")
        .run();
    let searches = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.path == "/search/jobs")
        .count();
    // 103 102, then 101 100, then an empty page: only 100 is top-level, so the listing
    // pages to the end looking for 19 more.
    assert_eq!(searches, 3);
}

#[test]
fn queue_list_file_applies_every_filter_to_a_saved_search() {
    let s = failed_flow();
    let saved = jobctl(&s)
        .args(["queue", "list", "--all", "-o", "jsonl"])
        .stdout_any()
        .run()
        .stdout;
    assert_eq!(saved.lines().count(), 4);
    jobctl_bare()
        .args([
            "queue",
            "list",
            "--file",
            "-",
            "--parent",
            "100.101",
            "--columns",
            "id,status",
        ])
        .stdin(&saved)
        .stdout_eq("ID\tSTATUS\n103\terror\n102\tsuccess\n")
        .run();
    jobctl_bare()
        .args(["queue", "list", "--file", "-", "--status", "warning"])
        .stdin(&saved)
        .stderr_eq("jobctl: no jobs match\n")
        .run();
}

#[test]
fn the_readme_tree_of_the_failed_demo_flow() {
    let flow = Sim::demo(42).demo_queue().unwrap().failed_flow;
    assert_eq!(flow, 1205330051, "the README's quick start names this id");
    jobctl_bare()
        .args(["--demo", "queue", "show", "1205330051", "--tree"])
        .stdout_has("└─ ✗ phase 1205330057  phase \"Load\"  error  1m 24s\n")
        .stdout_has(
            "   ├─ ✗ task 1205330058  keboola.ex-google-drive 774411 \"Customers sheet\"  error  29s\n",
        )
        // Storage ids follow creation time, so they depend on the time of day.
        .stdout_is("the failed storage job under the failed task", |out| {
            out.lines().any(|l| {
                l.starts_with("   │  └─ ✗ storage 3865")
                    && l.ends_with("  tableImport in.c-crm.customers  error  3s")
            })
        })
        .stdout_has("error: csvImport.columnsNotMatch: Some columns are missing")
        .stderr_has(", flow 1205330051\n")
        .run();
}

/// A standard job created `ago_ms` before now that starts `start_ms` and ends `end_ms`
/// after its creation, with `outcome`.
fn timed(id: u64, ago_ms: i64, start_ms: i64, end_ms: i64, outcome: QueueOutcome) -> QueueJobSpec {
    QueueJobSpec::standard(id, "keboola.ex-http", "7", Anchor::Fixed(now_ms() - ago_ms))
        .times(0, start_ms, end_ms)
        .outcome(outcome)
}

const HOUR: i64 = 3_600_000;

fn error(message: &str) -> QueueOutcome {
    QueueOutcome::Error {
        message: message.into(),
        user: true,
    }
}

#[test]
fn queue_watch_exits_0_on_success_and_1_on_error_printing_how_each_ended() {
    let s = server();
    s.sim()
        .add_queue_job(timed(1, 0, 200, 1_200, QueueOutcome::Success));
    s.sim()
        .add_queue_job(timed(2, HOUR, 1_000, 2_000, error("It broke")));
    // Job 1 stays created until jobctl said so, then ends.
    s.sim().hold_clock();
    let watch = jobctl(&s)
        .args([
            "queue",
            "watch",
            "1",
            "--progress",
            "plain",
            "--interval",
            "200ms",
        ])
        .stdout_has("ID:        1\nStatus:    success\n")
        .stderr_has(": created -> ")
        .stderr_has("-> success in 1s\n")
        .spawn();
    watch.wait_stderr_has(": created\n");
    s.sim().advance_clock(Duration::from_millis(1_200));
    watch.wait();
    jobctl(&s)
        .args(["queue", "watch", "1", "2", "--progress", "none"])
        .code(1)
        .stdout_is("a TSV summary of both", |out| {
            out.starts_with(
                "ID\tSTATUS\tTYPE\tCOMPONENT\tDURATION\tERROR TYPE\tMESSAGE\n1\tsuccess\t",
            ) && out.contains("\n2\terror\tstandard\tkeboola.ex-http\t1\tuser\tIt broke\n")
        })
        .run();
}

#[test]
fn queue_watch_of_a_warning_exits_0_with_a_note() {
    let s = server();
    s.sim().add_queue_job(timed(
        3,
        HOUR,
        1_000,
        2_000,
        QueueOutcome::Warning("1 task failed".into()),
    ));
    jobctl(&s)
        .args(["queue", "watch", "3", "-o", "jsonl", "--progress", "none"])
        .stdout_is("a change and a final event", |out| {
            let lines: Vec<&str> = out.lines().collect();
            lines.len() == 2
                && lines[0].starts_with(
                    r#"{"event":"change","id":"3","from":null,"to":"warning","time":""#,
                )
                && lines[0].contains(r#"Z","job":{"id":"3""#)
                && lines[1].starts_with(r#"{"event":"final","id":"3","time":""#)
        })
        .stderr_eq("jobctl: job 3 finished with a warning: 1 task failed\n")
        .run();
}

#[test]
fn a_kill_terminates_a_running_job_and_cancels_a_waiting_one() {
    let s = server();
    s.sim()
        .add_queue_job(timed(10, 60_000, 1_000, HOUR, QueueOutcome::Success));
    s.sim()
        .add_queue_job(timed(11, 1_000, HOUR, 2 * HOUR, QueueOutcome::Success));
    s.sim()
        .add_queue_job(timed(12, HOUR, 1_000, 2_000, QueueOutcome::Success));
    jobctl(&s)
        .args(["queue", "kill", "10", "11", "12"])
        .stdout_eq("10\tkilled\n11\tkilled\n12\talready finished (success)\n")
        .run();
    let kills = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/kill"))
        .count();
    assert_eq!(kills, 3);
    // Watching them to the end waits on the server's kill, not on a clock of the test's.
    jobctl(&s)
        .args([
            "queue",
            "watch",
            "10",
            "11",
            "--progress",
            "plain",
            "--interval",
            "200ms",
        ])
        .code(1)
        .stdout_has("\n10\tterminated\t")
        .stdout_has("\n11\tcancelled\t")
        .stderr_has("job 10 keboola.ex-http 7: terminating\n")
        .stderr_has("terminating -> terminated")
        .stderr_has("terminating -> cancelled")
        .run();
    jobctl(&s)
        .args(["queue", "kill", "10", "404"])
        .code(3)
        .stdout_eq("10\talready finished (terminated)\n404\tnot found\n")
        .run();
}

#[test]
fn search_lags_the_detail_after_a_kill() {
    let s = server();
    // Long enough that the test cannot outrun it; shorter than the job's age, so that
    // search knows the job.
    s.sim().set_search_lag(Duration::from_secs(30));
    s.sim()
        .add_queue_job(timed(20, 60_000, 1_000, HOUR, QueueOutcome::Success));
    jobctl(&s)
        .args(["queue", "kill", "20"])
        .stdout_eq("20\tkilled\n")
        .run();
    jobctl(&s)
        .args(["queue", "show", "20", "--jq", ".status"])
        .stdout_eq("terminating\n")
        .run();
    jobctl(&s)
        .args(["queue", "list", "--jq", ".[].status"])
        .stdout_eq("processing\n")
        .run();
}

#[test]
fn a_kill_by_filter_lists_what_it_would_kill_unless_yes() {
    let s = server();
    s.sim()
        .add_queue_job(timed(30, 60_000, 1_000, HOUR, QueueOutcome::Success));
    s.sim()
        .add_queue_job(timed(31, HOUR, 1_000, 2_000, QueueOutcome::Success));
    jobctl(&s)
        .args(["queue", "kill", "--component", "keboola.ex-http"])
        .code(2)
        .stderr_eq(
            "jobctl: would kill 1 job (--yes kills what matches when it runs):\n\
             jobctl:   30 keboola.ex-http 7  processing\n\
             jobctl: to kill exactly these: jobctl queue kill 30\n",
        )
        .run();
    assert!(s.sim().requests().iter().all(|r| r.method == "GET"));
    jobctl(&s)
        .args(["queue", "kill", "--component", "keboola.ex-http", "--yes"])
        .stdout_eq("30\tkilled\n")
        .run();
    jobctl_bare()
        .args(["queue", "kill"])
        .code(2)
        .stderr_has("name the jobs to kill")
        .run();
}

#[test]
fn queue_watch_times_out_with_124_and_kills_on_request() {
    let s = server();
    s.sim()
        .add_queue_job(timed(40, 60_000, 1_000, HOUR, QueueOutcome::Success));
    jobctl(&s)
        .args([
            "queue",
            "watch",
            "40",
            "--timeout",
            "300ms",
            "--progress",
            "none",
        ])
        .code(124)
        // The state at the deadline, as for storage jobs.
        .stdout_has("ID:        40\nStatus:    processing\n")
        .stderr_eq(
            "jobctl: timed out after 0.3s; still running: 40 (processing); \
             the jobs keep running on the server\n",
        )
        .run();
    jobctl(&s)
        .args([
            "queue",
            "watch",
            "40",
            "--timeout",
            "300ms",
            "--kill-on-timeout",
            "--progress",
            "none",
        ])
        .code(124)
        .stdout_has("ID:        40\nStatus:    processing\n")
        .stderr_eq(
            "jobctl: timed out after 0.3s; killing 40\njobctl: 40: killed (now terminating)\n",
        )
        .run();
    jobctl(&s)
        .args(["queue", "watch", "404", "--progress", "none"])
        .code(3)
        .stderr_eq("jobctl: error: job 404 not found\n")
        .run();
}

#[test]
fn queue_watch_stops_on_ctrl_c_with_130() {
    let s = server();
    s.sim()
        .add_queue_job(timed(50, 60_000, 1_000, HOUR, QueueOutcome::Success));
    let running = jobctl(&s)
        .args(["queue", "watch", "50", "--progress", "plain"])
        .code(130)
        .stderr_has("job 50 keboola.ex-http 7: processing\n")
        .stderr_has("jobctl: interrupted after ")
        .stderr_has("; still running: 50 (processing); the jobs keep running on the server\n")
        .spawn();
    running.wait_stderr_has("job 50 keboola.ex-http 7: processing\n");
    running.signal("INT");
    running.wait();
}

#[test]
fn show_queue_job_names_the_queue_job_behind_a_storage_job_only_when_asked() {
    let s = failed_flow();
    jobctl(&s)
        .args(["show", "--kind", "storage", "502"])
        .stdout_is("the detail without a queue job", |out| {
            !out.contains("Queue job")
        })
        .run();
    assert_eq!(paths(&s), ["/v2/storage/jobs/502"]);
    jobctl(&s)
        .args(["show", "502", "501", "506", "--queue-job"])
        .stdout_has("Queue job: 103 keboola.ex-b 2  error\n")
        .stdout_has("Queue job: 102 keboola.ex-a 1  success\n")
        .stdout_has("Queue job: none found (run id 999)\n")
        .run();
}

#[test]
fn queue_list_watch_prints_status_changes_until_ctrl_c() {
    let s = server();
    s.sim().set_search_lag(Duration::ZERO);
    s.sim()
        .add_queue_job(timed(60, 0, 300, 1_500, QueueOutcome::Success));
    let running = jobctl(&s)
        .args([
            "queue",
            "list",
            "--watch",
            "--interval",
            "200ms",
            "--columns",
            "id,status",
        ])
        .code(130)
        .stdout_is("the job's rows up to success", |out| {
            out.starts_with("ID\tSTATUS\n60\t") && out.ends_with("60\tsuccess\n")
        })
        .spawn();
    running.wait_stdout_has("60\tsuccess\n");
    running.signal("INT");
    running.wait();
}

#[test]
fn the_queue_api_gets_the_shared_retries_and_exit_codes() {
    let s = serving_fixtures();
    s.sim()
        .push_fault(Fault::maintenance(0).on(FaultTarget::Path("/jobs/10441200".into())));
    jobctl(&s)
        .args(["queue", "show", "10441200", "--jq", ".status"])
        .stdout_eq("error\n")
        .stderr_has("HTTP 503")
        .run();
    s.sim().push_fault(
        Fault::status(500)
            .on(FaultTarget::Path("/search/jobs".into()))
            .times(10),
    );
    jobctl(&s)
        .args(["queue", "list", "--retries", "1"])
        .code(5)
        .stderr_has("/search/jobs")
        .stderr_has("answered HTTP 500")
        .run();
}
