//! `jobctl watch` against jobs that advance with time in the simulator.

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate, JobSpec};

use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A job that waits `w` ms, processes `p` ms and succeeds.
fn job(id: u64, w: u64, p: u64) -> JobSpec {
    JobSpec::success(id, "tableImport")
        .table("in.c-main.orders")
        .waiting(ms(w))
        .processing(ms(p))
}

/// The statuses of job `id` in the simulator's answers, in the order answered.
fn served(s: &SimServer, id: u64) -> Vec<String> {
    s.sim()
        .requests()
        .into_iter()
        .flat_map(|r| r.served)
        .filter(|(job, _)| *job == id)
        .map(|(_, status)| status)
        .collect()
}

#[test]
fn watch_exits_0_when_the_job_succeeds() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(job(101, 300, 500));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "101"])
        .stdout_has("ID:        101\n")
        .stdout_has("Status:    success\n")
        .stdout_has("Table:     in.c-main.orders\n")
        .stderr_has("job 101 tableImport in.c-main.orders: waiting -> processing")
        .spawn();
    walk(
        &s,
        &[(101, "waiting", ms(300)), (101, "processing", ms(500))],
    );
    watch.wait();
    // It stopped at the first answer that showed the job finished.
    let served = served(&s, 101);
    assert_eq!(
        served.last().map(String::as_str),
        Some("success"),
        "{served:?}"
    );
    assert_eq!(
        served.iter().filter(|st| *st == "success").count(),
        1,
        "{served:?}"
    );
    // One request a look, and one list of earlier runs at the first look.
    let log = s.sim().requests();
    let history: Vec<_> = log
        .iter()
        .filter(|r| r.path == "/v2/storage/jobs")
        .collect();
    assert_eq!(history.len(), 1, "{log:#?}");
    assert_eq!(
        history[0].query,
        "storage_job_status%5B%5D=success&limit=1000"
    );
    assert_eq!(served.len(), log.len() - 1, "one job, one request a look");
}

#[test]
fn watch_exits_1_when_the_job_fails() {
    let s = server();
    s.sim().hold_clock();
    s.sim()
        .add_job(job(102, 200, 300).fails("csvImport.columnsNotMatch", "Some columns are missing"));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "102"])
        .code(1)
        .stdout_has("Status:    error\n")
        .stdout_has("  Code:      csvImport.columnsNotMatch\n")
        .stderr_has("processing -> error")
        .spawn();
    walk(
        &s,
        &[(102, "waiting", ms(200)), (102, "processing", ms(300))],
    );
    watch.wait();
}

#[test]
fn watch_returns_at_once_for_a_finished_job() {
    let s = server();
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    jobctl(&s)
        .args(["watch", "--kind", "storage", "22070936", "-o", "json"])
        .stdout_has("{\"id\":22070936,")
        .stderr_any()
        .run();
    assert_eq!(s.sim().requests().len(), 1);
}

#[test]
fn watch_times_out_with_124_naming_the_running_jobs() {
    let s = server();
    s.sim().add_job(job(103, 60_000, 1000));
    jobctl(&s)
        .args(["watch", "--kind", "storage", "103", "--timeout", "1s"])
        .code(124)
        .stdout_has("Status:    waiting")
        .stderr_has("timed out after")
        .stderr_has("still running: 103 (waiting)")
        .stderr_has("keep running on the server")
        .run();
    // It gave up at the deadline, not some polls later: polls are at least 250 ms apart
    // less 5 % jitter, so 1 s holds at most 5 (a busy machine makes fewer, never more).
    let served = served(&s, 103);
    assert!(served.iter().all(|st| st == "waiting"), "{served:?}");
    assert!(
        (1..=5).contains(&s.sim().requests().len()),
        "{:?}",
        s.sim().requests()
    );
}

#[test]
fn watch_fail_fast_stops_at_the_first_failure() {
    let s = server();
    s.sim().hold_clock();
    s.sim()
        .add_job(job(104, 100, 900).fails("storage.tables.notFound", "Table not found"));
    s.sim().add_job(job(105, 60_000, 1000));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "104", "105", "--fail-fast"])
        .code(1)
        .stdout_has("104\terror")
        .stdout_has("105\twaiting")
        .stderr_has("processing -> error")
        .spawn();
    walk(
        &s,
        &[(104, "waiting", ms(100)), (104, "processing", ms(900))],
    );
    watch.wait();
    // It returned at the first answer that showed the failure: no request after it.
    let log = s.sim().requests();
    let first_failure = log
        .iter()
        .position(|r| r.served.contains(&(104, "error".to_owned())))
        .expect("an answer with 104 failed");
    assert_eq!(first_failure, log.len() - 1, "{log:#?}");
}

#[test]
fn watch_waits_for_every_job_and_reports_any_failure() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(job(106, 100, 300));
    s.sim().add_job(job(107, 200, 900).fails("x.y", "broken"));
    s.sim().add_job(job(108, 100, 1500));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "106", "107", "108"])
        .code(1)
        .stdout_any()
        .stderr_has("processing -> error")
        .spawn();
    // 200 ms: all three processing; then 107 fails, 106 has ended, and at last 108 ends.
    walk(
        &s,
        &[
            (107, "waiting", ms(200)),
            (107, "processing", ms(900)),
            (107, "error", ms(600)),
        ],
    );
    let out = watch.wait();
    // Piped: list's TSV, one row per job in the order given, the error in two columns.
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "ID",
            "STATUS",
            "OPERATION",
            "TABLE",
            "DURATION",
            "ERROR CODE",
            "ERROR"
        ]
    );
    assert_eq!(rows.len(), 4, "{}", out.stdout);
    let pick = |row: &Vec<&str>| (row[0].to_owned(), row[1].to_owned(), row[5].to_owned());
    assert_eq!(
        rows[1..].iter().map(pick).collect::<Vec<_>>(),
        [
            ("106".into(), "success".into(), String::new()),
            ("107".into(), "error".into(), "x.y".into()),
            ("108".into(), "success".into(), String::new()),
        ]
    );
    assert_eq!(rows[2][6], "broken");
    // Durations in whole seconds, for awk.
    assert!(
        rows[1..].iter().all(|r| r[4].parse::<u64>().is_ok()),
        "{rows:?}"
    );
}

#[test]
fn watch_on_a_terminal_fits_the_final_table_to_its_width() {
    let s = server();
    let message = "Some columns are missing in the csv file. ".repeat(4);
    s.sim()
        .add_job(job(109, 100, 200).fails("csvImport.columnsNotMatch", message.trim()));
    s.sim().add_job(job(110, 100, 300));
    let out = terminal(&s, 70, "watch 109 110")
        .code(1)
        .stdout_any()
        .stderr_any()
        .run();
    let screen = screen(&out);
    let lines: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines[0].trim_start().starts_with("ID "), "{screen}");
    // Too wide for its columns at 70: the error goes on a line under its job's row.
    assert!(!lines[0].contains("ERROR"), "{screen}");
    assert_eq!(lines.len(), 4, "{screen}");
    assert!(lines.iter().all(|l| visible_width(l) <= 70), "{screen}");
    assert!(lines[1].starts_with("109 "), "{screen}");
    assert!(
        lines[2].starts_with("    ↳ csvImport.columnsNotMatch: Some columns"),
        "{screen}"
    );
    assert!(lines[2].ends_with('…'), "the long message is cut: {screen}");
    assert!(lines[3].starts_with("110 "), "{screen}");
}

#[test]
fn watch_batches_many_jobs_into_list_requests() {
    let s = server();
    let ids: Vec<u64> = (200..220).collect();
    for &id in &ids {
        s.sim().add_job(job(id, 300, 1200 + (id - 200) * 50));
    }
    let args: Vec<String> = ids.iter().map(u64::to_string).collect();
    jobctl(&s)
        .args(["watch", "--kind", "storage"])
        .args(&args)
        .stdout_has("219\tsuccess")
        .stderr_any()
        .run();
    let reqs = s.sim().requests();
    let lists: Vec<_> = reqs
        .iter()
        .filter(|r| r.path == "/v2/storage/jobs")
        .collect();
    let details = reqs.len() - lists.len();
    assert!(!lists.is_empty());
    assert!(
        lists
            .iter()
            .any(|r| r.query.contains("storage_job_status%5B%5D=waiting")
                && r.query.contains("storage_job_status%5B%5D=processing")),
        "{lists:?}"
    );
    // Lists carry the first sight and the polling; a few jobs may end between the two
    // list requests of a tick and be fetched singly.
    assert!(details <= 5, "{details} detail requests");
    // Never more than 2 list requests plus stragglers per tick (the first sight is a
    // tick too): fewer than one request per job per tick.
    let ticks = lists
        .iter()
        .filter(|r| r.query.contains("=waiting"))
        .count();
    assert!(
        reqs.len() <= ticks * 2 + 5,
        "{} requests for {ticks} ticks",
        reqs.len()
    );
}

#[test]
fn watch_rides_out_a_503_and_a_429_then_reports_the_failure() {
    let s = server();
    s.sim()
        .add_job(job(109, 300, 700).fails("csvImport.columnsNotMatch", "missing"));
    s.sim()
        .push_fault(Fault::maintenance(1).on(FaultTarget::JobDetail));
    s.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 429,
            body: None,
            retry_after: Some("1".into()),
        })
        .on(FaultTarget::JobDetail),
    );
    jobctl(&s)
        .args(["watch", "109"])
        .code(1)
        .stderr_has("HTTP 503")
        .stderr_has("HTTP 429")
        .stdout_has("Status:    error")
        .run();
}

#[test]
fn watch_exit_codes_for_missing_job_bad_token_and_dead_api() {
    let s = server();
    jobctl(&s)
        .args(["watch", "404"])
        .code(3)
        .stderr_has("job 404 not found")
        .run();
    jobctl(&s)
        .env("KBC_STORAGE_API_TOKEN", "1-2-wrong")
        .args(["watch", "1"])
        .code(4)
        .stderr_has("Invalid access token")
        .run();
    let addr = s.url();
    drop(s);
    jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["watch", "1", "--retries", "0", "--host", &addr])
        .code(5)
        .stderr_has("cannot reach")
        .run();
}

#[test]
fn watch_gives_up_with_5_when_polling_keeps_failing() {
    let s = server();
    s.sim().add_job(job(110, 60_000, 1000));
    s.sim().push_fault(
        Fault::status(500)
            .on(FaultTarget::JobDetail)
            .times(1000)
            .on(FaultTarget::JobDetail),
    );
    // The first fetch fails too: the fault hits every detail request.
    jobctl(&s)
        .args(["watch", "110", "--retries", "0"])
        .code(5)
        .stderr_has("HTTP 500")
        .run();
}

#[test]
fn watch_plain_progress_logs_each_change_with_a_timestamp() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(job(111, 400, 600));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "111", "--progress", "plain"])
        .stdout_has("Status:    success")
        .stderr_any()
        .spawn();
    walk(
        &s,
        &[(111, "waiting", ms(400)), (111, "processing", ms(600))],
    );
    let out = watch.wait();
    let lines: Vec<String> = out
        .stderr
        .lines()
        .map(|l| {
            let (ts, rest) = l.split_once(' ').unwrap();
            assert!(jobctl::fuzzing::parse_timestamp(ts).is_some(), "{l}");
            assert!(ts.ends_with('Z'), "{l}");
            rest.to_owned()
        })
        .collect();
    assert_eq!(lines[0], "job 111 tableImport in.c-main.orders: waiting");
    assert_eq!(
        lines[1],
        "job 111 tableImport in.c-main.orders: waiting -> processing"
    );
    assert!(
        lines[2].starts_with("job 111 tableImport in.c-main.orders: processing -> success in "),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(!out.stderr.contains('\x1b'));
}

#[test]
fn watch_plain_progress_prints_heartbeats() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(job(112, 2500, 100));
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "112", "--heartbeat", "1s"])
        .stderr_has("still waiting after")
        .stderr_has("for 1 job: 112 waiting")
        .stdout_has("Status:    success")
        .spawn();
    // The job waits until a heartbeat said so.
    watch.wait_stderr_has("for 1 job: 112 waiting");
    s.sim().advance_clock(ms(2600));
    watch.wait();
}

#[test]
fn watch_jsonl_streams_changes_then_final_jobs() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(job(113, 300, 400));
    let watch = jobctl(&s)
        .args([
            "watch",
            "--kind",
            "storage",
            "113",
            "-o",
            "jsonl",
            "--progress",
            "none",
        ])
        .stdout_any()
        .spawn();
    walk(
        &s,
        &[(113, "waiting", ms(300)), (113, "processing", ms(400))],
    );
    let out = watch.wait();
    let events: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap(),
                e["job"]["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("change", "waiting"),
            ("change", "processing"),
            ("change", "success"),
            ("final", "success")
        ]
    );
    assert_eq!(events[1]["from"], "waiting");
    assert_eq!(events[1]["to"], "processing");
    assert!(events[0]["from"].is_null());
    assert_eq!(events[3]["id"], 113);
}

#[test]
fn watch_annotates_failures_for_github_actions() {
    let s = server();
    s.sim()
        .add_job(job(114, 100, 200).fails("csvImport.columnsNotMatch", "Some columns are missing"));
    jobctl(&s)
        .env("GITHUB_ACTIONS", "true")
        .args(["watch", "114"])
        .code(1)
        .stderr_has("::error title=jobctl%3A job 114 tableImport failed::csvImport.columnsNotMatch: Some columns are missing\n")
        .stdout_has("Status:    error")
        .run();
}

/// Holds the second request for job `id` (the first is answered): once it waits at the
/// gate, jobctl has seen the job and is waiting for an answer, listening for signals.
/// (A signal that comes while watch moves from one wait to the next is lost today: see
/// the report that came with this harness.)
fn hold_second_look(s: &SimServer, id: u64) -> Gate {
    let gate = Gate::new();
    let path = FaultTarget::Path(format!("/v2/storage/jobs/{id}"));
    s.sim()
        .push_fault(Fault::new(FaultKind::Latency(Duration::ZERO)).on(path.clone()));
    s.sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())).on(path));
    gate
}

#[test]
fn watch_interrupted_exits_130_and_names_running_jobs() {
    let s = server();
    s.sim().add_job(job(116, 60_000, 1000));
    let gate = hold_second_look(&s, 116);
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "116"])
        .code(130)
        .stderr_has("interrupted after")
        .stderr_has("still running: 116 (waiting)")
        .spawn();
    gate.wait_for_held(1);
    watch.signal("INT");
    watch.wait();
}

const SPINNER_GLYPHS: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Watches a job that ends and one that does not on a terminal that echoes Ctrl-C as `^C`
/// or not (`stty echoctl`), below a line printed before jobctl, presses Ctrl-C, and checks
/// the screen: spinners gone, the finished line and the line above kept.
fn ctrl_c_clears_the_spinners_exactly(echoctl: bool, first: u64) {
    let (running, done) = (first, first + 1);
    let s = server();
    s.sim().add_job(job(running, 500, 60_000));
    s.sim().add_job(job(done, 300, 500));
    let watch = interactive(&s, 120, 20, "", &format!("watch {running} {done}"))
        .echoctl(echoctl)
        .code(130);
    let mut term = Term::start_below(watch, "LINE-ABOVE");
    let spinning = format!("{running}  tableImport  in.c-main.orders  processing  running ");
    let live = term.wait_for(&spinning);
    assert!(live.contains(&spinning), "{live}");
    let finished = format!("✔ {done}  tableImport  in.c-main.orders  success     in ");
    // Both together: a redraw caught half way shows neither the line nor its glyph.
    let shown = term.wait_until("the finished line and a spinner", |screen| {
        screen.contains(&finished)
            && screen.contains(&spinning)
            && screen.chars().any(|c| SPINNER_GLYPHS.contains(&c))
    });
    assert!(shown.contains(&finished), "{shown}");
    // Ctrl-C while jobctl waits for an answer (so it is listening for the signal): hold
    // its next poll.
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())));
    gate.wait_for_held(1);
    term.keys(Key::CTRL_C);
    let ended = term.wait();
    // The terminal echoed the Ctrl-C as `^C`, or not, as set.
    assert_eq!(ended.out.stdout.contains("^C"), echoctl, "{}", ended.out);
    let after = ended.screen;
    assert!(after.contains("interrupted after"), "{after}");
    assert!(
        after.contains(&format!("still running: {running} (processing)")),
        "{after}"
    );
    // The finished job's line and what was above stay; the running job's spinner is gone.
    assert!(after.contains(&finished), "{after}");
    assert!(
        after.starts_with("LINE-ABOVE\n"),
        "echoctl {echoctl}: {after}"
    );
    assert!(
        !after.chars().any(|c| SPINNER_GLYPHS.contains(&c)),
        "{after}"
    );
    assert!(!after.contains(&spinning), "{after}");
}

#[test]
fn watch_spinners_in_a_terminal_are_cleared_after_ctrl_c() {
    // The default: Ctrl-C is echoed as ^C.
    ctrl_c_clears_the_spinners_exactly(true, 117);
}

#[test]
fn watch_spinners_are_cleared_after_ctrl_c_without_an_echo() {
    ctrl_c_clears_the_spinners_exactly(false, 130);
}

#[test]
fn watch_terminated_exits_143_and_names_running_jobs() {
    let s = server();
    s.sim().add_job(job(119, 60_000, 1000));
    let gate = hold_second_look(&s, 119);
    let watch = jobctl(&s)
        .args(["watch", "--kind", "storage", "119", "-o", "jsonl"])
        .code(143)
        .stderr_has("terminated after")
        .stderr_has("still running: 119 (waiting)")
        // The one event printed before the signal is a whole line.
        .stdout_is("whole JSON lines", |o| {
            o.ends_with('\n')
                && o.lines()
                    .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        })
        .spawn();
    gate.wait_for_held(1);
    watch.signal("TERM");
    watch.wait();
}

#[test]
fn watch_with_a_closed_stdout_ends_quietly_with_0() {
    let s = server();
    s.sim().add_job(job(120, 200, 300));
    // Progress lines may appear; no error about the pipe does.
    jobctl(&s)
        .args(["watch", "120", "-o", "jsonl"])
        .close_stdout_after(0)
        .stderr_is("free of errors about the pipe", |e| {
            !e.contains("error") && !e.contains("pipe")
        })
        .run();
}

#[test]
fn watch_notify_rings_the_bell_and_sends_osc_9_on_a_terminal() {
    let s = server();
    s.sim().add_job(job(121, 200, 300));
    let notify = interactive(&s, 100, 20, "TERM=xterm", "watch 121 --notify");
    let ended = Term::start(notify).wait();
    assert!(
        ended
            .out
            .stdout
            .contains("\x07\x1b]9;jobctl: 1 job finished, 0 failed\x1b\\"),
        "{}",
        ended.out
    );
    assert_eq!(ended.bells, 1, "{}", ended.out);
    // Not on a pipe: no bell in logs.
    jobctl(&s)
        .args(["watch", "121", "--notify"])
        .stdout_has("Status:    success")
        .stderr_is("without a bell", |e| !e.contains('\x07'))
        .run();
}

/// A signal that arrives while jobctl is blocked writing to a full stdout pipe must not be
/// lost: once the reader drains the pipe, the watch ends with 143, and stdout holds only
/// whole lines. (Before one cancellation source, no listener was registered while the
/// first look's events were being written, and SIGTERM killed jobctl outright.)
#[test]
#[cfg(target_os = "linux")] // /proc tells when jobctl is blocked in a pipe write.
fn watch_sigterm_while_stdout_is_blocked_is_not_lost() {
    let s = server();
    // Jobs that never finish, each a few KiB of JSON: the first look's events are far more
    // than a pipe holds, so jobctl blocks writing them while the reader holds back.
    let filler = "x".repeat(2000);
    let ids: Vec<String> = (1..=300).map(|id| id.to_string()).collect();
    for id in 1..=300u64 {
        s.sim().add_raw_job(
            id,
            &format!(
                r#"{{"id":{id},"status":"processing","operationName":"tableImport","tableId":"in.c-a.t{id}","url":"{filler}"}}"#
            ),
        );
    }
    let mut signalled = false;
    let out = jobctl(&s)
        .args(["watch", "-o", "jsonl", "--progress", "none"])
        .args(&ids)
        // On the first chunk, the reader holds back until jobctl is blocked in a write to
        // the pipe, then signals it, then reads on.
        .observe_stdout(move |pid, _| {
            if !std::mem::replace(&mut signalled, true) {
                wait_until_blocked_writing(pid);
                let _ = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        })
        .code(143)
        .stderr_has("terminated after")
        .stdout_any()
        .run();
    assert!(out.stdout.ends_with('\n'));
    assert_eq!(
        out.stdout.lines().count(),
        300,
        "every first-look event, whole"
    );
    for line in out.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
    }
}

/// Waits (a hang guard apart) until a thread of `pid` sleeps in the kernel's pipe write.
#[cfg(target_os = "linux")]
fn wait_until_blocked_writing(pid: u32) {
    let deadline = std::time::Instant::now() + EVENT_GUARD;
    let blocked = || {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|task| {
                std::fs::read_to_string(task.path().join("wchan"))
                    .is_ok_and(|w| w.contains("pipe_write") || w.contains("pipe_wait"))
            })
    };
    while !blocked() {
        assert!(
            std::time::Instant::now() < deadline,
            "jobctl never blocked on its pipe"
        );
        std::thread::yield_now();
    }
}

#[test]
fn watch_run_id_follows_the_run_and_jobs_that_appear_later() {
    let s = server();
    // 201 of the run waits until the test replaces it; 202 belongs to another run.
    s.sim().add_job(job(201, 600_000, 1000).run_id("900"));
    s.sim().add_job(job(202, 600_000, 1000).run_id("9001"));
    let watch = jobctl(&s)
        .args(["watch", "--run-id", "900", "--grace", "300ms"])
        .args(["--interval", "200ms", "--progress", "plain"])
        .stdout_has("201\tsuccess\ttableImport")
        .stdout_has("203\tsuccess\ttableImport")
        .stdout_is("without the other run's job", |o| !o.contains("202\t"))
        .stderr_has("job 201 tableImport in.c-main.orders: waiting")
        .stderr_has("job 203 tableImport in.c-main.orders: ")
        .stderr_has("job 201 tableImport in.c-main.orders: waiting -> success")
        .stderr_is("without the other run's job", |e| !e.contains("job 202"))
        .spawn();
    watch.wait_stderr_has("job 201 ");
    // A job of a nested run appears after the watch started.
    s.sim().add_job(job(203, 100, 100).run_id("900.7"));
    watch.wait_stderr_has("job 203 ");
    s.sim().add_job(
        JobSpec::success(201, "tableImport")
            .table("in.c-main.orders")
            .run_id("900"),
    );
    watch.wait();
    // After the first look (two lists), each tick costs one list request.
    let requests = s.sim().requests();
    let singles = requests
        .iter()
        .filter(|r| r.path != "/v2/storage/jobs")
        .count();
    assert_eq!(singles, 0, "{requests:?}");
}

#[test]
fn watch_run_id_exits_3_when_no_job_of_the_run_appears() {
    let s = server();
    s.sim().add_job(job(204, 100, 100).run_id("77"));
    jobctl(&s)
        .args([
            "watch",
            "--run-id",
            "7",
            "--grace",
            "300ms",
            "--interval",
            "200ms",
        ])
        .code(3)
        .stderr_has("error: no job of run 7 appeared within")
        .run();
}

#[test]
fn watch_running_follows_the_jobs_in_flight_now() {
    let s = server();
    s.sim().add_job(job(205, 100, 200));
    s.sim()
        .add_job(job(206, 200, 200).fails("storage.tables.notFound", "Table not found"));
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    jobctl(&s)
        .args([
            "watch",
            "--running",
            "--interval",
            "200ms",
            "--progress",
            "none",
        ])
        .code(1)
        .stdout_has("205\tsuccess")
        .stdout_has("206\terror")
        .stdout_is("without the finished job", |o| !o.contains("22070936"))
        .run();
}

#[test]
fn watch_running_with_nothing_running_says_so_and_exits_0() {
    let s = server();
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    jobctl(&s)
        .args(["watch", "--running", "-o", "json"])
        .stdout_eq("[]\n")
        .stderr_eq("jobctl: no jobs are waiting or processing\n")
        .run();
    jobctl(&s)
        .args(["watch", "--running", "1"])
        .code(2)
        .stderr_has("cannot be used with")
        .run();
}

#[test]
fn watch_of_many_jobs_collapses_successes_fits_the_width_and_shows_retries_in_place() {
    // Ten jobs succeed, one fails, one runs on: at 60 columns the screen shows the running
    // one, the failure and a summary line, not ten tick lines; a failed poll's retry is
    // one line among the spinners, gone once an answer comes; after a resize the running
    // line fits the new width.
    let s = server();
    let ids: Vec<u64> = (140..152).collect();
    for &id in &ids[..10] {
        s.sim().add_job(job(id, 100, 300));
    }
    s.sim()
        .add_job(job(150, 100, 300).fails("csvImport.columnsNotMatch", "missing"));
    s.sim().add_job(job(151, 100, 600_000));
    let args: Vec<String> = ids.iter().map(u64::to_string).collect();
    let watch = interactive(
        &s,
        60,
        20,
        "",
        &format!("watch {} --interval 200ms -o json", args.join(" ")),
    )
    .code(130);
    let mut term = Term::start(watch);
    let live = term.wait_for("10 succeeded, 1 failed, 1 running");
    assert!(live.contains("151  tableImport"), "{live}");
    assert!(live.contains("✘ 150  tableImport"), "{live}");
    assert!(
        live.contains("↳ csvImport.columnsNotMatch: missing"),
        "{live}"
    );
    assert!(!live.contains("✔"), "successes leave no line: {live}");
    assert!(live.lines().all(|l| l.chars().count() <= 60), "{live}");
    // The next poll (one job left: a detail request) fails once, and its retry is held
    // until the screen was read.
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::maintenance(0).on(FaultTarget::JobDetail));
    s.sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())).on(FaultTarget::JobDetail));
    gate.wait_for_held(1);
    let retrying = term.wait_for("retrying in");
    assert_eq!(retrying.matches("retrying in").count(), 1, "{retrying}");
    assert!(
        retrying.contains("10 succeeded, 1 failed, 1 running"),
        "{retrying}"
    );
    assert!(
        retrying.lines().all(|l| l.chars().count() <= 60),
        "{retrying}"
    );
    gate.open();
    let after = term.wait_until("the retry line cleared", |screen| {
        !screen.contains("retrying in") && screen.contains("151  tableImport")
    });
    assert!(after.contains("10 succeeded"), "{after}");
    // A narrower terminal: the running job's line is fitted again at the next redraw.
    term.resize(50, 20);
    let narrow = term.wait_until("the spinner fitted to 50 columns", |screen| {
        screen
            .lines()
            .find(|l| l.contains(" 151  "))
            // Whole, time included: not the old line cut or wrapped by the terminal.
            .is_some_and(|l| l.chars().count() <= 50 && l.contains("processing  running "))
    });
    assert!(narrow.contains("10 succeeded"), "{narrow}");
    term.keys(Key::CTRL_C);
    term.wait();
}

#[test]
fn watch_of_several_jobs_ends_with_a_summary_and_only_failures_when_many() {
    let s = server();
    let ids: Vec<u64> = (160..172).collect();
    for &id in &ids[..11] {
        s.sim().add_job(job(id, 100, 300));
    }
    s.sim()
        .add_job(job(171, 100, 300).fails("csvImport.columnsNotMatch", "missing"));
    let args: Vec<String> = ids.iter().map(u64::to_string).collect();
    // Spinners asked for with stderr not a terminal: nothing live is drawn, and what is
    // left behind is the record: the failure and the summary, not twelve lines.
    let out = jobctl(&s)
        .args(["watch", "--progress", "tty", "-o", "json"])
        .args(&args)
        .code(1)
        .stdout_any()
        .stderr_any()
        .run();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stderr);
    assert!(
        lines[0].starts_with("✘ 171  tableImport  in.c-main.orders  error "),
        "{}",
        out.stderr
    );
    assert_eq!(lines[1].trim(), "↳ csvImport.columnsNotMatch: missing");
    assert!(
        lines[2].starts_with("11 succeeded, 1 failed in "),
        "{}",
        out.stderr
    );
    // A few jobs keep a line each, then the summary.
    let out = jobctl(&s)
        .args(["watch", "--progress", "plain", "160", "161"])
        .stdout_any()
        .stderr_any()
        .run();
    assert!(
        out.stderr
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("2 succeeded, 0 failed in ")),
        "{}",
        out.stderr
    );
}
