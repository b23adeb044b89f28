//! The jobs' log while a follow runs: `watch --log`, `run -f`, `rerun -f`. The events on
//! stderr (above the spinners on a terminal, among the plain lines otherwise) before the
//! end, stdout and the exit code as without the log, a flow's tasks named by their place,
//! one events request a poll at most, and hostile event text sanitised.

use jobctl::sim::{
    Anchor, EventSpec, Fault, FaultKind, FaultTarget, FlowPhase, FlowTask, QueueJobSpec,
    QueueOutcome, RequestRecord, RunPlan, Sim,
};

use super::term::Term;
use super::*;

const HOUR_MS: i64 = 3_600_000;

fn failed(message: &str) -> QueueOutcome {
    QueueOutcome::Error {
        message: message.into(),
        user: true,
    }
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

/// Whether a request is one of the follow's looks at new events (a page of 1,000,
/// oldest first, from a cursor).
fn is_events_poll(r: &RequestRecord) -> bool {
    r.path.ends_with("/events")
        && r.query.contains("limit=1000&")
        && r.query.contains("sortOrder=asc")
}

fn events_polls(log: &[RequestRecord]) -> usize {
    log.iter().filter(|r| is_events_poll(r)).count()
}

/// The follow's polls of queue job `id`.
fn job_polls(log: &[RequestRecord], id: u64) -> usize {
    let path = format!("/jobs/{id}");
    log.iter()
        .filter(|r| r.method == "GET" && r.path == path)
        .count()
}

#[test]
fn watch_log_prints_the_warning_and_error_events_on_stderr_before_the_end_and_exits_1() {
    let s = server();
    live_job(&s, 720, 5_000, failed("Quota exceeded"));
    let args = [
        "watch",
        "720",
        "--progress",
        "plain",
        "--interval",
        "200ms",
        "--no-history",
    ];
    let watch = jobctl(&s)
        .args(args)
        .arg("--log")
        .code(1)
        .stdout_any()
        .stderr_any()
        .spawn();
    watch.wait_stderr_has(
        "info    keboola.ex-http/7  Running component keboola.ex-http (config 7)\n",
    );
    // It follows: a look at the new events while the job still runs.
    s.sim()
        .wait_for_log("a look at new events", |log| events_polls(log) > 0);
    s.sim().advance_clock(Duration::from_secs(30));
    let out = watch.wait();
    let err = &out.stderr;
    let warn = err
        .find("warn    keboola.ex-http/7  keboola.ex-http reported a problem")
        .unwrap_or_else(|| panic!("no warning line:\n{err}"));
    let error = err
        .find("error   keboola.ex-http/7  Quota exceeded\n")
        .unwrap_or_else(|| panic!("no error line:\n{err}"));
    let end = err
        .find("processing -> error")
        .unwrap_or_else(|| panic!("no end line:\n{err}"));
    assert!(warn < error && error < end, "{err}");
    // One time form in the stream: the log's lines in UTC, as the status lines.
    for line in err.lines().filter(|l| l.starts_with("20")) {
        let time = line.split(' ').next().unwrap_or_default();
        assert!(time.len() == 20 && time.ends_with('Z'), "{line}\n{err}");
    }
    // Every event once, each line whole.
    for e in s.sim().run_events("720") {
        assert_eq!(
            err.matches(&format!("  {}\n", e.message)).count(),
            1,
            "{err}"
        );
    }
    // Not a line of the log on stdout: it is watch's final state, byte for byte.
    assert!(
        !out.stdout.contains("keboola.ex-http/7  "),
        "{}",
        out.stdout
    );
    jobctl(&s)
        .args(args)
        .code(1)
        .stdout_eq(out.stdout.clone())
        .stderr_any()
        .run();
    // One look at the events a poll at most, and one more after the end (the drain).
    let log = s.sim().requests();
    let (events, polls) = (events_polls(&log), job_polls(&log, 720));
    assert!(
        events >= 2 && events <= polls + 1,
        "{events} events looks, {polls} polls"
    );
}

/// A flow (100) whose phase (101) ran a task that succeeded (102) and one that failed
/// (103), an hour ago.
fn flow(s: &SimServer) {
    let at = Anchor::Fixed(now_ms() - HOUR_MS);
    let mut flow = QueueJobSpec::standard(100, "keboola.orchestrator", "1", at)
        .times(0, 1_000, 52_000)
        .outcome(failed("Phase failed"));
    flow.job_type = "orchestrationContainer".into();
    let mut phase = QueueJobSpec::standard(101, "keboola.orchestrator", "1", at)
        .under(&flow)
        .times(1_000, 2_000, 51_000)
        .outcome(failed("Task failed"));
    phase.job_type = "phaseContainer".into();
    phase.phase_id = Some("1".into());
    let ok = QueueJobSpec::standard(102, "keboola.ex-a", "1", at)
        .under(&phase)
        .times(2_000, 3_000, 30_000);
    let bad = QueueJobSpec::standard(103, "keboola.ex-b", "2", at)
        .under(&phase)
        .times(3_000, 4_000, 50_000)
        .outcome(failed("Sheet not found"));
    for spec in [flow, phase, ok, bad] {
        s.sim().add_queue_job(spec);
    }
}

const FLOW_LINES: &str = "\
flow 1 │ info    Flow 1 started
phase 1 │ info    Component processing started
phase 1 › ex-a 1 │ info    Running component keboola.ex-a (config 1)
phase 1 › ex-b 2 │ info    Running component keboola.ex-b (config 2)
phase 1 › ex-a 1 │ info    Processing data
phase 1 › ex-b 2 │ info    Processing data
phase 1 › ex-a 1 │ success Component processing finished.
phase 1 › ex-b 2 │ warn    keboola.ex-b reported a problem; the job will fail if it persists
phase 1 › ex-b 2 │ error   Sheet not found
phase 1 │ error   Task failed
flow 1 │ error   Phase failed
";

#[test]
fn watch_log_of_a_flow_prints_its_tasks_lines_each_named_by_its_place() {
    let s = server();
    flow(&s);
    let out = jobctl(&s)
        .args(["watch", "100", "--log", "--progress", "plain"])
        .code(1)
        .stdout_has("Phase failed")
        .stderr_any()
        .run();
    // The server's time first (a pipe), then the task's place.
    let lines: String = out
        .stderr
        .lines()
        .filter(|l| l.contains(" │ "))
        .map(|l| format!("{}\n", l.split_once(' ').map_or(l, |(_, rest)| rest)))
        .collect();
    assert_eq!(lines, FLOW_LINES, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("    User error in keboola.ex-b (config 2)\n")
    );
}

/// Whether a request lists the children of run `run_id` (a Queue API search).
fn lists_children_of(r: &RequestRecord, run_id: &str) -> bool {
    r.path.ends_with("/search/jobs") && r.query.contains(&format!("parentRunId={run_id}&"))
}

#[test]
fn watch_log_of_a_running_flow_lists_its_tasks_once_a_poll_for_the_log_and_the_progress() {
    let s = server();
    let now = s.sim().hold_clock();
    let at = Anchor::Fixed(now - 10_000);
    let mut flow =
        QueueJobSpec::standard(300, "keboola.orchestrator", "1", at).times(0, 1_000, 40_000);
    flow.job_type = "orchestrationContainer".into();
    let mut phase = QueueJobSpec::standard(301, "keboola.orchestrator", "1", at)
        .under(&flow)
        .times(1_000, 2_000, 39_000);
    phase.job_type = "phaseContainer".into();
    phase.phase_id = Some("1".into());
    s.sim().add_queue_job(flow);
    s.sim().add_queue_job(phase.clone());
    for k in 0..3u64 {
        let start = 3_000 + k as i64 * 10_000;
        s.sim().add_queue_job(
            QueueJobSpec::standard(310 + k, "keboola.ex-http", &k.to_string(), at)
                .under(&phase)
                .times(start - 500, start, start + 8_000),
        );
    }
    // A fixed interval: the log looks at each poll, as the flow's progress does.
    let watch = jobctl(&s)
        .args(["watch", "300", "--log", "--progress", "plain"])
        .args(["--interval", "200ms", "--no-history"])
        .stdout_any()
        .stderr_any()
        .spawn();
    let polls = |log: &[RequestRecord]| job_polls(log, 300);
    s.sim()
        .wait_for_log("four polls of the flow", |log| polls(log) >= 5);
    s.sim().advance_clock(Duration::from_secs(60));
    watch.wait();
    // Between two polls of the flow (a tick), its phases listed once, and the phase's
    // tasks once: the log and the progress share one look at the tree. (Not counted: the
    // first look, which plans the log from the whole tree, and the end with its drain.)
    let log = s.sim().requests();
    let mut ticks: Vec<(usize, usize)> = Vec::new();
    for r in &log {
        if r.method == "GET" && r.path == "/jobs/300" {
            ticks.push((0, 0));
        } else if let Some(tick) = ticks.last_mut() {
            tick.0 += usize::from(lists_children_of(r, "300"));
            tick.1 += usize::from(lists_children_of(r, "300.301"));
        }
    }
    assert!(ticks.len() >= 5, "{ticks:?}");
    let running = &ticks[1..ticks.len() - 1];
    assert!(
        running.iter().all(|&(flow, phase)| flow == 1 && phase == 1),
        "children listings per tick (flow, phase): {ticks:?}"
    );
}

#[test]
fn watch_log_on_a_terminal_prints_the_lines_above_the_spinner_and_never_tears_it() {
    let s = server();
    live_job(&s, 721, 5_000, QueueOutcome::Success);
    let mut term = Term::start(
        interactive(
            &s,
            100,
            24,
            "TZ=UTC",
            "watch 721 --log --interval 200ms --no-history",
        )
        .code(0),
    );
    let live = term.wait_until("a log line above the running spinner", |screen| {
        screen.contains("Running component keboola.ex-http (config 7)")
            && screen
                .lines()
                .any(|l| l.contains("721") && l.contains("processing"))
    });
    let rows: Vec<&str> = live.lines().collect();
    let log_row = rows
        .iter()
        .position(|l| l.contains("Running component"))
        .unwrap_or_default();
    let bar_row = rows
        .iter()
        .position(|l| l.contains("721") && l.contains("processing"))
        .unwrap_or_default();
    assert!(log_row < bar_row, "{live}");
    // A whole line: its short time, its type, its text, nothing of the spinner in it.
    let line = rows[log_row].trim_end();
    assert!(
        line.ends_with("info    keboola.ex-http/7  Running component keboola.ex-http (config 7)"),
        "{live}"
    );
    assert!(
        line.as_bytes()[2] == b':' && line.as_bytes()[5] == b':',
        "{live}"
    );
    assert_eq!(
        rows.iter()
            .filter(|l| l.contains("721") && l.contains("processing"))
            .count(),
        1,
        "{live}"
    );
    s.sim().advance_clock(Duration::from_secs(30));
    let ended = term.wait();
    let screen = ended.screen;
    let done = screen
        .lines()
        .position(|l| l.contains("Component processing finished."))
        .unwrap_or_else(|| panic!("no last log line:\n{screen}"));
    let spinner_left = screen
        .lines()
        .any(|l| l.contains("721") && l.contains("processing") && !l.contains("success"));
    assert!(!spinner_left, "{screen}");
    assert!(done > log_row, "{screen}");
}

const DRIVE: &str = "keboola.ex-google-drive/774411";

/// A simulator whose clock is held, with a configuration that fails and a flow.
fn run_server() -> SimServer {
    let sim = Sim::empty();
    sim.hold_clock();
    sim.add_run_plan(
        "keboola.ex-google-drive",
        "774411",
        "Customers sheet",
        RunPlan::fails(6_000, "Column \"country\" not found").importing(&["in.c-crm.customers"]),
    );
    sim.add_run_plan(
        "keboola.ex-http",
        "503118",
        "Exchange rates",
        RunPlan::succeeds(4_000),
    );
    sim.add_run_plan(
        "keboola.orchestrator",
        "55512",
        "Nightly load",
        RunPlan::Flow {
            phases: vec![FlowPhase {
                id: "1".into(),
                name: "Extract".into(),
                tasks: vec![FlowTask {
                    id: "100".into(),
                    name: "503118".into(),
                    component: "keboola.ex-http".into(),
                    config: "503118".into(),
                }],
            }],
        },
    );
    server_with(sim)
}

#[test]
fn run_f_of_a_failing_configuration_prints_its_log_and_exits_1() {
    let s = run_server();
    let running = jobctl(&s)
        .args(["run", DRIVE, "-f", "--progress", "plain"])
        .args(["--interval", "200ms", "--no-history"])
        .code(1)
        .stdout_has("Status:    error")
        .stderr_any()
        .spawn();
    s.sim().wait_for_log("the first look", |log| {
        log.iter()
            .any(|r| r.method == "GET" && r.path.starts_with("/jobs/"))
    });
    s.sim().advance_clock(Duration::from_millis(2_500));
    running.wait_stderr_has("-> processing");
    s.sim().advance_clock(Duration::from_secs(3_600));
    let out = running.wait();
    let err = &out.stderr;
    let error = err
        .find("error   keboola.ex-google-drive/774411  Column \"country\" not found")
        .unwrap_or_else(|| panic!("no error line:\n{err}"));
    let end = err
        .find("processing -> error")
        .unwrap_or_else(|| panic!("no end line:\n{err}"));
    assert!(error < end, "{err}");
    // stdout is watch's final state: not a line of the log.
    assert!(
        !out.stdout.contains("keboola.ex-google-drive/774411  "),
        "{}",
        out.stdout
    );
}

#[test]
fn run_f_of_a_flow_names_its_tasks_and_exits_0() {
    let s = run_server();
    let running = jobctl(&s)
        .args([
            "run",
            "keboola.orchestrator/55512",
            "-f",
            "--progress",
            "plain",
        ])
        .args(["--interval", "200ms", "--no-history", "-o", "json"])
        .code(0)
        .stdout_any()
        .stderr_any()
        .spawn();
    s.sim().wait_for_log("the first look", |log| {
        log.iter()
            .any(|r| r.method == "GET" && r.path.starts_with("/jobs/"))
    });
    s.sim().advance_clock(Duration::from_millis(2_500));
    running.wait_stderr_has("-> processing");
    s.sim().advance_clock(Duration::from_secs(3_600));
    let out = running.wait();
    assert!(
        out.stderr
            .contains("› ex-http \"Exchange rates\" │ success Component processing finished."),
        "{}",
        out.stderr
    );
    let job: serde_json::Value = serde_json::from_str(&out.stdout).expect("the final job");
    assert_eq!(job["status"], "success");
    // The flow's tasks share one project-wide look a poll (no runId), plus the drain.
    let id: u64 = job["id"]
        .as_str()
        .and_then(|i| i.parse().ok())
        .expect("an id");
    let log = s.sim().requests();
    let shared = log
        .iter()
        .filter(|r| is_events_poll(r) && !r.query.contains("runId="))
        .count();
    let polls = job_polls(&log, id);
    assert!(
        shared >= 2 && shared <= polls + 1,
        "{shared} looks, {polls} polls"
    );
}

#[test]
fn hostile_event_text_never_reaches_the_terminal_raw_in_watch_log() {
    let s = server();
    s.sim().add_queue_job(
        QueueJobSpec::standard(
            730,
            "keboola.ex-http",
            "7",
            Anchor::Fixed(now_ms() - HOUR_MS),
        )
        .times(0, 1_000, 20_000),
    );
    s.sim().add_event(super::logs::hostile_event("730"));
    for color in ["always", "never"] {
        jobctl(&s)
            .args([
                "watch",
                "730",
                "--log",
                "--progress",
                "plain",
                "--color",
                color,
            ])
            .stdout_any()
            .stderr_is(
                "free of escape sequences and bidi overrides",
                super::logs::free_of_the_hostile_events_escapes,
            )
            .run();
    }
}

#[test]
fn log_flags_usage_errors_cost_no_request() {
    let s = run_server();
    for (args, says) in [
        (vec!["watch", "--running", "--log"], "--log"),
        (vec!["run", DRIVE, "-f", "--dry-run"], "--dry-run"),
    ] {
        jobctl(&s).args(&args).code(2).stderr_has(says).run();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
    // -f is documented, no longer refused.
    jobctl(&s)
        .args(["run", "--help"])
        .stdout_is("-f documented", |o| {
            o.contains("--wait, and print the jobs' log") && !o.contains("not available yet")
        })
        .run();
}

#[test]
fn rerun_f_follows_the_new_job_with_its_log_and_exits_1() {
    let s = run_server();
    let started = jobctl(&s)
        .args(["run", DRIVE, "-o", "jsonl"])
        .stdout_any()
        .stderr_any()
        .run();
    let job: serde_json::Value =
        serde_json::from_str(started.stdout.trim()).expect("the created job");
    let id = job["id"].as_str().expect("an id").to_owned();
    s.sim().advance_clock(Duration::from_secs(3_600));
    let running = jobctl(&s)
        .args(["rerun", &id, "-f", "--progress", "plain"])
        .args(["--interval", "200ms", "--no-history"])
        .code(1)
        .stdout_has("Status:    error")
        .stderr_any()
        .spawn();
    s.sim()
        .wait_for_log("the first look at the new job", |log| {
            log.iter().filter(|r| r.method == "POST").count() == 2
                && log.iter().any(|r| {
                    r.method == "GET"
                        && r.path.starts_with("/jobs/")
                        && r.path != format!("/jobs/{id}")
                })
        });
    s.sim().advance_clock(Duration::from_millis(2_500));
    running.wait_stderr_has("-> processing");
    s.sim().advance_clock(Duration::from_secs(3_600));
    let out = running.wait();
    let err = &out.stderr;
    let error = err
        .find("error   keboola.ex-google-drive/774411  Column \"country\" not found")
        .unwrap_or_else(|| panic!("no error line:\n{err}"));
    let end = err
        .find("processing -> error")
        .unwrap_or_else(|| panic!("no end line:\n{err}"));
    assert!(error < end, "{err}");
    // The new job's log only: the first run's lines are not repeated.
    let errors = err
        .matches("error   keboola.ex-google-drive/774411  Column")
        .count();
    assert_eq!(errors, 1, "{err}");
    assert!(!err.contains(&format!("Job: {id}\n")), "{err}");
}

/// `watch --log` under the events API's faults (maintenance, 503, a truncated body, a hang,
/// 429 with Retry-After, more 502s than the client retries): every line of the simulator's
/// own list appears once, in its order, and the watch still ends as the job does.
#[test]
fn watch_log_under_faults_prints_each_of_the_simulators_lines_once_in_order() {
    let s = server();
    live_job(&s, 720, 60_000, QueueOutcome::Success);
    let start = s.sim().now_ms();
    for k in 0..30 {
        s.sim().add_event(
            EventSpec::new("720", "info", &format!("Batch {k} of 30"))
                .component("keboola.ex-http")
                .configuration("7")
                .at(start + 1_000 + k * 1_900),
        );
    }
    let watch = jobctl(&s)
        .args(["watch", "720", "--log", "--progress", "plain"])
        .args([
            "--interval",
            "200ms",
            "--no-history",
            "--request-timeout",
            "1s",
        ])
        .stdout_any()
        .stderr_any()
        .spawn();
    let looks = |more_than: usize| {
        events_polls(
            &s.sim()
                .wait_for_log("a look at new events", |log| events_polls(log) > more_than),
        )
    };
    let mut seen = looks(0);
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
        Fault::status(502).on(FaultTarget::Events).times(6),
    ];
    for fault in faults {
        s.sim().push_fault(fault);
        s.sim().advance_clock(Duration::from_secs(10));
        seen = looks(seen);
    }
    s.sim().advance_clock(Duration::from_secs(60));
    let out = watch.wait();
    let err = &out.stderr;
    let mut from = 0;
    let events = s.sim().run_events("720");
    assert!(events.len() > 30, "{events:?}");
    for e in events {
        let line = format!("{:<7} keboola.ex-http/7  {}\n", e.kind, e.message);
        assert_eq!(err.matches(&line).count(), 1, "{line:?} once:\n{err}");
        let at = err[from..]
            .find(&line)
            .unwrap_or_else(|| panic!("{line:?} out of order:\n{err}"));
        from += at + line.len();
    }
    assert!(err.contains("processing -> success"), "{err}");
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
