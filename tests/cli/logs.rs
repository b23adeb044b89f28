//! `jobctl logs`: a job's events from the simulator's events API, a flow's tasks merged
//! with their places, the filters, the JSON outputs, following to each exit code, and a
//! followed log under faults printing exactly the simulator's own list.

use jobctl::sim::{Anchor, EventSpec, Fault, FaultKind, FaultTarget, QueueJobSpec, QueueOutcome};

use super::*;

const HOUR_MS: i64 = 3_600_000;

/// A component job that ran an hour ago, its events written by the simulator.
fn ran(id: u64, component: &str, config: &str) -> QueueJobSpec {
    QueueJobSpec::standard(id, component, config, Anchor::Fixed(now_ms() - HOUR_MS))
        .times(0, 1_000, 20_000)
}

fn failed(message: &str) -> QueueOutcome {
    QueueOutcome::Error {
        message: message.into(),
        user: true,
    }
}

/// A flow (100) whose phase (101) ran a task that succeeded (102) and one that failed
/// (103), all at `at` + the times given.
fn flow_at(s: &SimServer, at: Anchor, ok_end: i64, bad_start: i64, bad_end: i64) {
    let end = bad_end + 2_000;
    let mut flow = QueueJobSpec::standard(100, "keboola.orchestrator", "1", at)
        .times(0, 1_000, end)
        .outcome(failed("Phase failed"));
    flow.job_type = "orchestrationContainer".into();
    let mut phase = QueueJobSpec::standard(101, "keboola.orchestrator", "1", at)
        .under(&flow)
        .times(1_000, 2_000, end - 1_000)
        .outcome(failed("Task failed"));
    phase.job_type = "phaseContainer".into();
    phase.phase_id = Some("1".into());
    let ok = QueueJobSpec::standard(102, "keboola.ex-a", "1", at)
        .under(&phase)
        .times(2_000, 3_000, ok_end);
    let bad = QueueJobSpec::standard(103, "keboola.ex-b", "2", at)
        .under(&phase)
        .times(bad_start - 1_000, bad_start, bad_end)
        .outcome(failed("Sheet not found"));
    for spec in [flow, phase, ok, bad] {
        s.sim().add_queue_job(spec);
    }
}

/// The flow above, run an hour ago.
fn flow(s: &SimServer) {
    flow_at(s, Anchor::Fixed(now_ms() - HOUR_MS), 30_000, 4_000, 50_000);
}

const FLOW_LOG: &str = "\
flow 1 │ info    Flow 1 started
phase 1 │ info    Component processing started
phase 1 › ex-a 1 │ info    Running component keboola.ex-a (config 1)
phase 1 › ex-b 2 │ info    Running component keboola.ex-b (config 2)
phase 1 › ex-a 1 │ info    Processing data
phase 1 › ex-b 2 │ info    Processing data
phase 1 › ex-a 1 │ success Component processing finished.
phase 1 › ex-b 2 │ warn    keboola.ex-b reported a problem; the job will fail if it persists
phase 1 › ex-b 2 │ error   Sheet not found
    User error in keboola.ex-b (config 2)
    Exit code: 1
    Job: 103
phase 1 │ error   Task failed
flow 1 │ error   Phase failed
";

const JOB_LOG: &str = "\
info    keboola.ex-http/7  Running component keboola.ex-http (config 7)
info    keboola.ex-http/7  Processing data
success keboola.ex-http/7  Component processing finished.
";

/// `GET path` on the simulator with the token, over HTTP/1.0: the body as sent.
fn http_get(s: &SimServer, path: &str) -> String {
    use std::io::Read;
    let url = s.url();
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(addr).expect("connect to the simulator");
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nX-StorageApi-Token: {TOKEN}\r\n\r\n"
    )
    .expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    body.to_owned()
}

/// The events requests the simulator answered, by their query strings.
fn events_queries(log: &[jobctl::sim::RequestRecord]) -> Vec<String> {
    log.iter()
        .filter(|r| r.path.ends_with("/events"))
        .map(|r| r.query.clone())
        .collect()
}

#[test]
fn logs_prints_a_jobs_events_oldest_first_with_descriptions_under_them() {
    let s = server();
    s.sim().add_queue_job(ran(700, "keboola.ex-http", "7"));
    s.sim().add_event(
        EventSpec::new("700", "warn", "Table in.c-main.rates was slow")
            .component("storage")
            .description("Import took 41 s.\nConsider fewer columns."),
    );
    jobctl(&s)
        .args(["logs", "700", "--timestamps", "none"])
        .stdout_eq(format!(
            "{JOB_LOG}warn    Storage  Table in.c-main.rates was slow\n    Import took 41 s.\n    Consider fewer columns.\n"
        ))
        .run();
    // Asked by its plain id, oldest first.
    let queries = events_queries(&s.sim().requests());
    assert!(
        queries
            .iter()
            .any(|q| q.contains("runId=700") && q.contains("sortOrder=asc")),
        "{queries:?}"
    );
}

#[test]
fn logs_times_are_the_servers_on_a_pipe_and_short_or_full_on_request() {
    let s = server();
    s.sim().add_queue_job(ran(701, "keboola.ex-http", "7"));
    let first = s.sim().run_events("701")[0].created_ms / 1000;
    let t = jiff::Timestamp::from_second(first).unwrap();
    let server_time = |line: &str| {
        let stamp = line.split(' ').next().unwrap_or_default();
        stamp.parse::<jiff::Timestamp>().ok().map(|d| d.as_second())
    };
    jobctl(&s)
        .args(["logs", "701"])
        .stdout_is("lines dated by the server", move |o| {
            o.lines().count() == 3 && server_time(o.lines().next().unwrap()) == Some(first)
        })
        .run();
    let short = t.strftime("%H:%M:%S ").to_string();
    jobctl(&s)
        .args(["logs", "701", "--timestamps", "short", "--utc"])
        .stdout_is("HH:MM:SS in UTC", move |o| o.starts_with(&short))
        .run();
    // Full on a pipe is the server's own time, as by default.
    let default = jobctl(&s).args(["logs", "701"]).stdout_any().run().stdout;
    jobctl(&s)
        .args(["logs", "701", "--timestamps", "full"])
        .stdout_eq(default)
        .run();
}

#[test]
fn logs_of_a_storage_job_are_its_runs_and_say_so() {
    let s = server();
    s.sim().add_queue_job(ran(702, "keboola.ex-http", "7"));
    let secs = (now_ms() - HOUR_MS) / 1000 + 5;
    s.sim().add_job(
        jobctl::sim::JobSpec::success(5702, "tableImport")
            .table("in.c-main.rates")
            .run_id("702")
            .created_at(secs),
    );
    jobctl(&s)
        .args(["logs", "5702", "--timestamps", "none"])
        .stderr_eq("jobctl: storage job 5702: the events of run 702, the run that started it\n")
        .stdout_has("info    Storage  Table import started\n")
        .stdout_has("success Storage  Table import done\n")
        .stdout_has("success keboola.ex-http/7  Component processing finished.\n")
        .run();
}

#[test]
fn logs_of_a_flow_merge_its_tasks_by_time_each_named_by_its_place() {
    let s = server();
    flow(&s);
    jobctl(&s)
        .args(["logs", "100", "--timestamps", "none"])
        .stdout_eq(FLOW_LOG)
        .run();
    // Each run asked once for its log: the flow, its phase and its two tasks.
    let queries = events_queries(&s.sim().requests());
    for run in ["100", "101", "102", "103"] {
        let asked = queries
            .iter()
            .filter(|q| q.contains(&format!("runId={run}&")))
            .count();
        assert_eq!(asked, 1, "{run}: {queries:?}");
    }
    // The same merge on a terminal: one colour per task, the same one each time.
    let colored = jobctl(&s)
        .args(["logs", "100", "--timestamps", "none", "--color", "always"])
        .stdout_any()
        .run();
    let task = "phase 1 › ex-b 2";
    let colours: std::collections::HashSet<&str> = colored
        .stdout
        .lines()
        .filter_map(|l| l.find(task).map(|at| &l[..at]))
        .collect();
    assert_eq!(colours.len(), 1, "{colours:?}");
    assert!(
        colored.stdout.contains("\x1b[31;1merror  \x1b[0m"),
        "{}",
        colored.stdout
    );
}

#[test]
fn logs_failed_keeps_the_failed_tasks_and_their_parents_messages() {
    let s = server();
    flow(&s);
    let failing: String = FLOW_LOG
        .lines()
        .filter(|l| !l.starts_with("phase 1 › ex-a 1"))
        .map(|l| format!("{l}\n"))
        .collect();
    jobctl(&s)
        .args(["logs", "100", "--failed", "--timestamps", "none"])
        .stdout_eq(failing)
        .run();
    // The task that succeeded is not even asked for.
    let queries = events_queries(&s.sim().requests());
    assert!(
        !queries.iter().any(|q| q.contains("runId=102&")),
        "{queries:?}"
    );
    // A job that did not fail has no failed log.
    s.sim().add_queue_job(ran(703, "keboola.ex-http", "7"));
    jobctl(&s)
        .args(["logs", "703", "--failed"])
        .stderr_eq("jobctl: queue job 703 did not fail: --failed leaves its log out\n")
        .run();
}

#[test]
fn logs_filters_by_type_grep_query_since_and_tail() {
    let s = server();
    flow(&s);
    let lines = |pred: &dyn Fn(&str) -> bool| -> String {
        let mut out = String::new();
        let mut keep = false;
        for l in FLOW_LOG.lines() {
            if !l.starts_with("    ") {
                keep = pred(l);
            }
            if keep {
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    };
    let none = ["--timestamps", "none"];
    jobctl(&s)
        .args(["logs", "100", "--type", "error,warn"])
        .args(none)
        .stdout_eq(lines(&|l| l.contains("│ error") || l.contains("│ warn")))
        .run();
    // Client side, on the message and the description, case as the expression says.
    jobctl(&s)
        .args(["logs", "100", "--grep", "(?i)^sheet|EXIT CODE"])
        .args(none)
        .stdout_eq(lines(&|l| l.contains("Sheet not found")))
        .run();
    jobctl(&s)
        .args(["logs", "100", "--grep", "[unclosed"])
        .code(2)
        .stderr_has("--grep: not a regular expression")
        .run();
    // The server's search: sent as q, applied by the server.
    jobctl(&s)
        .args(["logs", "100", "-q", "processing"])
        .args(none)
        .stdout_eq(lines(&|l| l.to_lowercase().contains("processing")))
        .run();
    let queries = events_queries(&s.sim().requests());
    assert!(
        queries.iter().any(|q| q.contains("q=processing")),
        "{queries:?}"
    );
    jobctl(&s)
        .args(["logs", "100", "--tail", "3"])
        .args(none)
        .stdout_eq(
            "phase 1 › ex-b 2 │ error   Sheet not found\n    User error in keboola.ex-b (config 2)\n    Exit code: 1\n    Job: 103\nphase 1 │ error   Task failed\nflow 1 │ error   Phase failed\n",
        )
        .run();
    jobctl(&s)
        .args(["logs", "100", "--tail", "1", "--type", "warn"])
        .args(none)
        .stdout_eq("phase 1 › ex-b 2 │ warn    keboola.ex-b reported a problem; the job will fail if it persists\n")
        .run();
    // --since: an event written now is the only one of the last ten minutes.
    s.sim()
        .add_event(EventSpec::new("103", "info", "A late note").component("keboola.ex-b"));
    jobctl(&s)
        .args(["logs", "100", "--since", "10m"])
        .args(none)
        .stdout_eq("phase 1 › ex-b 2 │ info    A late note\n")
        .run();
    jobctl(&s)
        .args(["logs", "100", "--since", "yesteday"])
        .code(2)
        .stderr_has("did you mean 'yesterday'")
        .run();
    // Nothing matched: said, and not taken for an empty log.
    jobctl(&s)
        .args(["logs", "100", "--grep", "no such text"])
        .stderr_eq("jobctl: no event of job 100 matched the filters (12 in its log)\n")
        .run();
}

#[test]
fn logs_jsonl_are_the_servers_bytes_with_the_job_they_belong_to() {
    let s = server();
    flow(&s);
    let body = http_get(&s, "/v2/storage/events?runId=103&sortOrder=asc&limit=100");
    let events: Vec<Box<serde_json::value::RawValue>> = serde_json::from_str(&body).unwrap();
    assert_eq!(events.len(), 4);
    let expected: String = events
        .iter()
        .map(|e| format!("{{\"job\":103,\"event\":{}}}\n", e.get()))
        .collect();
    jobctl(&s)
        .args(["logs", "103", "-o", "jsonl"])
        .stdout_eq(expected)
        .run();
    // A flow's lines each name their task; -o json is an array of the same objects.
    jobctl(&s)
        .args(["logs", "100", "-o", "json"])
        .stdout_is("an array of 11 objects naming their jobs", |o| {
            let v: Vec<serde_json::Value> = serde_json::from_str(o).unwrap_or_default();
            v.len() == 11
                && v[0]["job"] == 100
                && v[2]["job"] == 102
                && v.iter().all(|e| e["event"]["uuid"].is_string())
        })
        .run();
    jobctl(&s)
        .args([
            "logs",
            "100",
            "--type",
            "error",
            "--jq",
            "\"\\(.job) \\(.event.message)\"",
        ])
        .stdout_eq("103 Sheet not found\n101 Task failed\n100 Phase failed\n")
        .run();
}

#[test]
fn an_empty_log_says_a_token_may_see_only_its_own_events() {
    let s = server();
    s.sim().add_queue_job(ran(704, "keboola.ex-http", "7"));
    s.sim().set_token_sees_all_events(false);
    jobctl(&s)
        .args(["logs", "704"])
        .stderr_has("no events for job 704")
        .stderr_has("canReadAllProjectEvents")
        .run();
}

/// An event of run `run` whose message, component and description carry a title change,
/// screen and line erasures, a colour, a C1 CSI, a bell and a bidi override.
pub(super) fn hostile_event(run: &str) -> EventSpec {
    EventSpec::new(
        run,
        "error",
        "title\u{1b}]0;pwned\u{7} clear\u{1b}[2J \u{202e}desrever",
    )
    .component("keboola.ex-\u{1b}[31mhttp")
    .description("line one\u{1b}[1A\u{1b}[2K\nline two\u{9b}31m")
}

/// Whether `o` shows [`hostile_event`] with none of its escapes and overrides left.
pub(super) fn free_of_the_hostile_events_escapes(o: &str) -> bool {
    !o.contains("\x1b]")
        && !o.contains("\x1b[2J")
        && !o.contains("\x1b[1A")
        && !o.contains("\x1b[31mhttp")
        && !o.contains('\u{202e}')
        && !o.contains('\u{9b}')
        && !o.contains('\u{7}')
        && o.contains("title clear desrever")
}

#[test]
fn hostile_event_text_never_reaches_the_terminal_raw() {
    let s = server();
    s.sim().add_queue_job(ran(705, "keboola.ex-http", "7"));
    s.sim().add_event(hostile_event("705"));
    for color in ["always", "never"] {
        jobctl(&s)
            .args(["logs", "705", "--grep", "line", "--color", color])
            .stdout_is(
                "free of escape sequences and bidi overrides",
                free_of_the_hostile_events_escapes,
            )
            .run();
    }
}

#[test]
fn logs_of_several_jobs_print_what_was_found_and_exit_3_for_the_missing() {
    let s = server();
    s.sim().add_queue_job(ran(706, "keboola.ex-http", "7"));
    jobctl(&s)
        .args(["logs", "706", "424242", "--timestamps", "none"])
        .code(3)
        .stderr_has("job 424242 not found")
        .stdout_eq(JOB_LOG)
        .run();
}

/// A component job on a held clock: started 10 s ago, ends `end_in` ms from now.
fn live_job(s: &SimServer, id: u64, end_in: i64, outcome: QueueOutcome) {
    let now = s.sim().hold_clock();
    s.sim().add_queue_job(
        QueueJobSpec::standard(id, "keboola.ex-http", "7", Anchor::Fixed(now - 10_000))
            .times(0, 1_000, 10_000 + end_in)
            .outcome(outcome),
    );
}

/// Whether an events request is one of a follow's polls (a page of 1,000 oldest first).
fn is_poll(query: &str) -> bool {
    query.contains("limit=1000&") && query.contains("sortOrder=asc")
}

/// Waits until `logs -f` has polled for events more than `more_than` times; returns how
/// many times it has.
fn wait_following(s: &SimServer, more_than: usize) -> usize {
    let polls = |log: &[jobctl::sim::RequestRecord]| {
        events_queries(log).iter().filter(|q| is_poll(q)).count()
    };
    polls(
        &s.sim()
            .wait_for_log("a follow request", |log| polls(log) > more_than),
    )
}

/// The lines the simulator's own list of run `run` makes (`--timestamps none`).
fn expected_lines(s: &SimServer, run: &str) -> String {
    s.sim()
        .run_events(run)
        .iter()
        .map(|e| {
            let mut line = format!("{:<7} keboola.ex-http/7  {}\n", e.kind, e.message);
            for d in e.description.lines() {
                line.push_str(&format!("    {d}\n"));
            }
            line
        })
        .collect()
}

#[test]
fn follow_prints_new_events_until_the_job_succeeds_then_exits_0() {
    let s = server();
    live_job(&s, 710, 20_000, QueueOutcome::Success);
    let follow = jobctl(&s)
        .args([
            "logs",
            "710",
            "-f",
            "--interval",
            "200ms",
            "--timestamps",
            "none",
        ])
        .stderr_eq("jobctl: queue job 710 finished: success\n")
        .stdout_any()
        .spawn();
    // The start was printed before the job went on.
    follow.wait_stdout_has("Running component keboola.ex-http (config 7)\n");
    let seen = wait_following(&s, 0);
    s.sim().advance_clock(Duration::from_secs(8));
    follow.wait_stdout_has("Processing data\n");
    wait_following(&s, seen);
    s.sim().advance_clock(Duration::from_secs(30));
    let out = follow.wait();
    assert_eq!(out.stdout, expected_lines(&s, "710"));
    assert_eq!(out.stdout, JOB_LOG);
}

#[test]
fn follow_exits_1_when_the_job_fails() {
    let s = server();
    live_job(&s, 711, 5_000, failed("Quota exceeded"));
    let follow = jobctl(&s)
        .args([
            "logs",
            "711",
            "-f",
            "--interval",
            "200ms",
            "--timestamps",
            "none",
        ])
        .code(1)
        .stderr_eq("jobctl: queue job 711 finished: error\n")
        .stdout_any()
        .spawn();
    wait_following(&s, 0);
    s.sim().advance_clock(Duration::from_secs(30));
    let out = follow.wait();
    assert_eq!(out.stdout, expected_lines(&s, "711"));
    assert!(
        out.stdout
            .contains("error   keboola.ex-http/7  Quota exceeded\n")
    );
}

#[test]
fn follow_gives_up_at_the_timeout_with_124() {
    let s = server();
    live_job(&s, 712, 600_000, QueueOutcome::Success);
    jobctl(&s)
        .args([
            "logs",
            "712",
            "-f",
            "--interval",
            "200ms",
            "--timeout",
            "1s",
        ])
        .code(124)
        .stderr_has("timed out after")
        .stderr_has("still running: 712 (processing)")
        .stdout_any()
        .run();
}

#[test]
fn follow_interrupted_exits_130_and_closes_its_json() {
    let s = server();
    live_job(&s, 713, 600_000, QueueOutcome::Success);
    let follow = jobctl(&s)
        .args(["logs", "713", "-f", "--interval", "200ms", "-o", "json"])
        .code(130)
        .stderr_has("interrupted after")
        .stderr_has("still running: 713 (processing)")
        .stdout_is("a closed JSON array", |o| {
            serde_json::from_str::<Vec<serde_json::Value>>(o).is_ok_and(|v| !v.is_empty())
        })
        .spawn();
    wait_following(&s, 0);
    follow.signal("INT");
    follow.wait();
}

#[test]
fn follow_of_a_flow_picks_up_tasks_as_they_start_with_one_request_a_tick() {
    let s = server();
    s.sim().set_search_lag(Duration::ZERO);
    let now = s.sim().hold_clock();
    // The flow has started; its second task starts 20 s from now.
    flow_at(&s, Anchor::Fixed(now - 5_000), 28_000, 25_000, 40_000);
    let follow = jobctl(&s)
        .args([
            "logs",
            "100",
            "-f",
            "--interval",
            "200ms",
            "--timestamps",
            "none",
        ])
        .code(1)
        .stderr_eq("jobctl: queue job 100 finished: error\n")
        .stdout_any()
        .spawn();
    follow
        .wait_stdout_has("phase 1 › ex-a 1 │ info    Running component keboola.ex-a (config 1)\n");
    let mut seen = wait_following(&s, 0);
    // The flow ends 42 s after its start, 37 s from now.
    for _ in 0..8 {
        s.sim().advance_clock(Duration::from_secs(5));
        seen = wait_following(&s, seen + 1);
    }
    let out = follow.wait();
    // The whole log, each line once, in the order of the log.
    assert_eq!(
        out.stdout,
        "\
flow 1 │ info    Flow 1 started
phase 1 │ info    Component processing started
phase 1 › ex-a 1 │ info    Running component keboola.ex-a (config 1)
phase 1 › ex-a 1 │ info    Processing data
phase 1 › ex-b 2 │ info    Running component keboola.ex-b (config 2)
phase 1 › ex-a 1 │ success Component processing finished.
phase 1 › ex-b 2 │ info    Processing data
phase 1 › ex-b 2 │ warn    keboola.ex-b reported a problem; the job will fail if it persists
phase 1 › ex-b 2 │ error   Sheet not found
    User error in keboola.ex-b (config 2)
    Exit code: 1
    Job: 103
phase 1 │ error   Task failed
flow 1 │ error   Phase failed
"
    );
    // Following asked one project-wide request a tick: no run's own (the task that
    // started later took its lines from what that request brought).
    let follow_queries: Vec<String> = events_queries(&s.sim().requests())
        .into_iter()
        .filter(|q| q.contains("sinceId="))
        .collect();
    assert!(
        follow_queries.iter().all(|q| !q.contains("runId=")),
        "{follow_queries:?}"
    );
    let all = events_queries(&s.sim().requests());
    assert!(!all.iter().any(|q| q.contains("runId=103")), "{all:?}");
}

/// Under each fault of the matrix, pushed while the log is followed, every event the
/// simulator lists is printed exactly once.
#[test]
fn a_followed_log_under_faults_prints_exactly_the_simulators_list() {
    let s = server();
    live_job(&s, 720, 60_000, QueueOutcome::Success);
    // More lines than the job writes by itself, written as the clock moves.
    let start = s.sim().now_ms();
    for k in 0..30 {
        s.sim().add_event(
            EventSpec::new("720", "info", &format!("Batch {k} of 30"))
                .component("keboola.ex-http")
                .configuration("7")
                .at(start + 1_000 + k * 1_900),
        );
    }
    let follow = jobctl(&s)
        .args([
            "logs",
            "720",
            "-f",
            "--interval",
            "200ms",
            "--timestamps",
            "none",
            "--request-timeout",
            "1s",
        ])
        .stderr_any()
        .stdout_any()
        .spawn();
    let mut seen = wait_following(&s, 0);
    let faults = [
        Fault::maintenance(1).on(FaultTarget::Events).times(2),
        Fault::status(503).on(FaultTarget::Events).times(3),
        Fault::new(FaultKind::Truncated).on(FaultTarget::Events),
        Fault::new(FaultKind::Hang).on(FaultTarget::Events),
        Fault::new(FaultKind::Status {
            code: 429,
            body: None,
            retry_after: Some("1".into()),
        })
        .on(FaultTarget::Events),
        // More 5xx than the client retries: the tick fails, the next asks again.
        Fault::status(502).on(FaultTarget::Events).times(6),
    ];
    for fault in faults {
        s.sim().push_fault(fault);
        s.sim().advance_clock(Duration::from_secs(10));
        seen = wait_following(&s, seen + 1);
    }
    s.sim().advance_clock(Duration::from_secs(60));
    let out = follow.wait();
    assert_eq!(out.stdout, expected_lines(&s, "720"), "{out}");
    // Every fault was met on the way.
    let statuses: Vec<u16> = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/events"))
        .map(|r| r.status)
        .collect();
    for status in [503, 429, 502, 0] {
        assert!(statuses.contains(&status), "{status}: {statuses:?}");
    }
}

/// Following a flow of 20 tasks costs no more requests a poll than a small one: at most
/// 5 in all (its detail, the children of its running containers, one events request,
/// now and then one task's own run), so at most 5 every 2 s by default.
#[test]
fn following_a_20_task_flow_costs_at_most_5_requests_a_poll() {
    let s = server();
    s.sim().set_search_lag(Duration::ZERO);
    let now = s.sim().hold_clock();
    let at = Anchor::Fixed(now - 2_000);
    let mut flow =
        QueueJobSpec::standard(200, "keboola.orchestrator", "1", at).times(0, 1_000, 70_000);
    flow.job_type = "orchestrationContainer".into();
    let mut phase = QueueJobSpec::standard(201, "keboola.orchestrator", "1", at)
        .under(&flow)
        .times(1_000, 2_000, 69_000);
    phase.job_type = "phaseContainer".into();
    phase.phase_id = Some("1".into());
    s.sim().add_queue_job(flow);
    s.sim().add_queue_job(phase.clone());
    for k in 0..20 {
        let start = 10_000 + k * 1_000;
        s.sim().add_queue_job(
            QueueJobSpec::standard(210 + k as u64, "keboola.ex-http", &k.to_string(), at)
                .under(&phase)
                .times(start - 500, start, start + 30_000),
        );
    }
    let follow = jobctl(&s)
        .args(["logs", "200", "-f", "--interval", "200ms", "-o", "jsonl"])
        .stderr_eq("jobctl: queue job 200 finished: success\n")
        .stdout_any()
        .spawn();
    let mut seen = wait_following(&s, 0);
    // The flow ends 68 s from now.
    for _ in 0..14 {
        s.sim().advance_clock(Duration::from_secs(5));
        seen = wait_following(&s, seen + 1);
    }
    let out = follow.wait();
    // Every event of the 22 runs, once.
    let runs: Vec<String> = (200..202).chain(210..230).map(|r| r.to_string()).collect();
    let total: usize = runs.iter().map(|r| s.sim().run_events(r).len()).sum();
    assert_eq!(out.stdout.lines().count(), total);
    let uuids: std::collections::HashSet<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split("\"uuid\":\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(uuids.len(), total);
    // Requests between one poll's events request and the next: one poll.
    let log = s.sim().requests();
    let poll = |r: &jobctl::sim::RequestRecord| {
        r.path.ends_with("/events") && r.query.contains("sinceId=")
    };
    let first = log.iter().position(poll).unwrap();
    let mut polls = vec![0usize];
    for r in &log[first + 1..] {
        *polls.last_mut().unwrap() += 1;
        if poll(r) {
            polls.push(0);
        }
    }
    let worst = polls.iter().max().copied().unwrap_or(0);
    assert!(worst <= 5, "{polls:?}");
}

#[test]
fn follow_of_a_storage_job_reads_its_run_and_ends_with_the_job() {
    let s = server();
    s.sim().hold_clock();
    // Its clock starts when jobctl first asks for it.
    s.sim().add_job(
        jobctl::sim::JobSpec::success(5710, "tableImport")
            .table("in.c-main.rates")
            .run_id("9710")
            .waiting(Duration::from_secs(1))
            .processing(Duration::from_secs(20)),
    );
    let follow = jobctl(&s)
        .args(["logs", "5710", "--kind", "storage", "-f", "--interval", "200ms", "--timestamps", "none"])
        .stderr_eq("jobctl: storage job 5710: the events of run 9710, the run that started it\njobctl: storage job 5710 finished: success\n")
        .stdout_eq("info    Storage  Table import started\ninfo    Storage  Table import in progress\nsuccess Storage  Table import done\n")
        .spawn();
    wait_following(&s, 0);
    s.sim().advance_clock(Duration::from_secs(60));
    follow.wait();
    let queries = events_queries(&s.sim().requests());
    assert!(
        queries.iter().all(|q| q.contains("runId=9710")),
        "{queries:?}"
    );
}

#[test]
fn follow_with_tail_prints_the_last_lines_then_the_new_ones() {
    let s = server();
    live_job(&s, 715, 20_000, QueueOutcome::Success);
    for k in 0..5 {
        s.sim().add_event(
            EventSpec::new("715", "info", &format!("Old line {k}"))
                .component("keboola.ex-http")
                .configuration("7")
                .at(s.sim().now_ms() - 5_000 + k),
        );
    }
    let follow = jobctl(&s)
        .args(["logs", "715", "-f", "--tail", "2", "--interval", "200ms", "--timestamps", "none"])
        .stderr_any()
        .stdout_eq(
            "info    keboola.ex-http/7  Old line 3\ninfo    keboola.ex-http/7  Old line 4\ninfo    keboola.ex-http/7  Processing data\nsuccess keboola.ex-http/7  Component processing finished.\n",
        )
        .spawn();
    wait_following(&s, 0);
    s.sim().advance_clock(Duration::from_secs(60));
    follow.wait();
}

#[test]
fn logs_usage_errors_cost_no_request() {
    let s = server();
    for (args, says) in [
        (
            &["logs", "1", "--grep", "(unclosed"][..],
            "--grep: not a regular expression",
        ),
        (&["logs", "1", "--failed", "-f"][..], "cannot be used with"),
        (&["logs", "1", "--interval", "1s"][..], "--follow"),
        (&["logs", "1", "--timeout", "1s"][..], "--follow"),
        (&["logs", "1", "--since", "soon"][..], "is not a time"),
        (
            &["logs", "1", "--type", "debug"][..],
            "invalid value 'debug'",
        ),
        (
            &["logs", "1", "--jq", ".[", "-o", "json"][..],
            "cannot be used with",
        ),
        (&["logs", "1", "--jq", ".["][..], "jq"),
    ] {
        jobctl(&s).args(args).code(2).stderr_has(says).run();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

/// On a terminal: colour, the time of day in the display zone, a flow's places coloured.
#[test]
fn on_a_terminal_the_log_is_coloured_with_short_times() {
    let s = server();
    flow(&s);
    let first = s.sim().run_events("100")[0].created_ms / 1000;
    let short = jiff::Timestamp::from_second(first)
        .unwrap()
        .strftime("%H:%M:%S")
        .to_string();
    let out = terminal_env(&s, 200, "JOBCTL_UTC=1", "logs 100")
        .stdout_any()
        .run();
    assert!(
        out.stdout.contains(&format!("\x1b[2m{short}\x1b[0m ")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Flow 1 started"), "{}", out.stdout);
    // Each task in a colour of its own here.
    let colour = |task: &str| {
        out.stdout
            .lines()
            .find_map(|l| {
                l.split(&format!("m{task}"))
                    .next()
                    .filter(|p| p.len() < l.len())
            })
            .and_then(|p| p.rsplit("\x1b[").next())
            .map(str::to_owned)
    };
    assert_ne!(colour("phase 1 › ex-a 1"), colour("phase 1 › ex-b 2"));
    assert!(out.stdout.contains("\x1b[31;1merror"), "{}", out.stdout);
    assert!(out.stdout.contains("\x1b[33mwarn"), "{}", out.stdout);
}

/// Polls that keep failing end the follow with exit 5, what was printed left whole.
#[test]
fn follow_gives_up_with_5_when_the_events_api_keeps_failing() {
    let s = server();
    live_job(&s, 716, 600_000, QueueOutcome::Success);
    let follow = jobctl(&s)
        .args([
            "logs",
            "716",
            "-f",
            "--interval",
            "200ms",
            "--retries",
            "0",
            "-o",
            "json",
        ])
        .code(5)
        .stderr_has("HTTP 500")
        .stdout_is("a closed JSON array", |o| {
            serde_json::from_str::<Vec<serde_json::Value>>(o).is_ok_and(|v| !v.is_empty())
        })
        .spawn();
    wait_following(&s, 0);
    s.sim()
        .push_fault(Fault::status(500).on(FaultTarget::Events).times(1_000));
    follow.wait();
}

#[test]
fn follow_terminated_exits_143_and_says_what_still_runs() {
    let s = server();
    live_job(&s, 717, 600_000, QueueOutcome::Success);
    let follow = jobctl(&s)
        .args([
            "logs",
            "717",
            "-f",
            "--interval",
            "200ms",
            "--timestamps",
            "none",
        ])
        .code(143)
        .stderr_has("terminated after")
        .stderr_has("still running: 717 (processing)")
        .stdout_eq("info    keboola.ex-http/7  Running component keboola.ex-http (config 7)\n")
        .spawn();
    wait_following(&s, 0);
    follow.signal("TERM");
    follow.wait();
}
