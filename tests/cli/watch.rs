//! `jobctl watch` against jobs that advance with time in the simulator.

use jobctl::sim::{Fault, FaultKind, FaultTarget, JobSpec};

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

#[test]
fn watch_exits_0_when_the_job_succeeds() {
    let s = server();
    s.sim().add_job(job(101, 300, 500));
    let out = jobctl(&s).args(["watch", "101"]).run();
    out.code(0)
        .stdout_has("ID:         101\n")
        .stdout_has("Status:     success\n")
        .stdout_has("Table:      in.c-main.orders\n");
    assert!(out.elapsed < Duration::from_secs(5), "{out:?}");
}

#[test]
fn watch_exits_1_when_the_job_fails() {
    let s = server();
    s.sim()
        .add_job(job(102, 200, 300).fails("csvImport.columnsNotMatch", "Some columns are missing"));
    jobctl(&s)
        .args(["watch", "102"])
        .run()
        .code(1)
        .stdout_has("Status:     error\n")
        .stdout_has("  Code:      csvImport.columnsNotMatch\n");
}

#[test]
fn watch_returns_at_once_for_a_finished_job() {
    let s = server();
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    let out = jobctl(&s).args(["watch", "22070936", "-o", "json"]).run();
    out.code(0).stdout_has("{\"id\":22070936,");
    assert_eq!(s.sim().requests().len(), 1);
}

#[test]
fn watch_times_out_with_124_naming_the_running_jobs() {
    let s = server();
    s.sim().add_job(job(103, 60_000, 1000));
    let out = jobctl(&s).args(["watch", "103", "--timeout", "1s"]).run();
    out.code(124)
        .stderr_has("timed out after")
        .stderr_has("still running: 103 (waiting)")
        .stderr_has("keep running on the server");
    assert!(out.elapsed < Duration::from_secs(4), "{out:?}");
}

#[test]
fn watch_fail_fast_stops_at_the_first_failure() {
    let s = server();
    s.sim()
        .add_job(job(104, 100, 200).fails("storage.tables.notFound", "Table not found"));
    s.sim().add_job(job(105, 60_000, 1000));
    let out = jobctl(&s)
        .args(["watch", "104", "105", "--fail-fast"])
        .run();
    out.code(1)
        .stdout_has("104\terror")
        .stdout_has("105\twaiting");
    assert!(out.elapsed < Duration::from_secs(5), "{out:?}");
}

#[test]
fn watch_waits_for_every_job_and_reports_any_failure() {
    let s = server();
    s.sim().add_job(job(106, 100, 300));
    s.sim().add_job(job(107, 200, 900).fails("x.y", "broken"));
    s.sim().add_job(job(108, 100, 1500));
    let out = jobctl(&s).args(["watch", "106", "107", "108"]).run();
    out.code(1);
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
    let (code, screen) = on_terminal(&s, 70, "watch 109 110");
    assert_eq!(code, Some(1), "{screen}");
    let lines: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines[0].trim_start().starts_with("ID "), "{screen}");
    assert!(lines[0].contains("ERROR CODE"), "{screen}");
    assert_eq!(lines.len(), 3, "{screen}");
    assert!(lines.iter().all(|l| visible_width(l) <= 70), "{screen}");
    assert!(lines[1].starts_with("109 "), "{screen}");
    assert!(lines[1].contains('…'), "the long message is cut: {screen}");
    assert!(lines[2].starts_with("110 "), "{screen}");
}

#[test]
fn watch_batches_many_jobs_into_list_requests() {
    let s = server();
    let ids: Vec<u64> = (200..220).collect();
    for &id in &ids {
        s.sim().add_job(job(id, 300, 1200 + (id - 200) * 50));
    }
    let args: Vec<String> = ids.iter().map(u64::to_string).collect();
    jobctl(&s).args(["watch"]).args(&args).run().code(0);
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
        .run()
        .code(1)
        .stderr_has("HTTP 503")
        .stderr_has("HTTP 429")
        .stdout_has("Status:     error");
}

#[test]
fn watch_exit_codes_for_missing_job_bad_token_and_dead_api() {
    let s = server();
    jobctl(&s)
        .args(["watch", "404"])
        .run()
        .code(3)
        .stderr_has("job 404 not found");
    jobctl(&s)
        .env("KBC_STORAGE_API_TOKEN", "1-2-wrong")
        .args(["watch", "1"])
        .run()
        .code(4);
    let addr = s.url();
    drop(s);
    jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["watch", "1", "--retries", "0", "--host", &addr])
        .run()
        .code(5)
        .stderr_has("cannot reach");
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
        .run()
        .code(5)
        .stderr_has("HTTP 500");
}

#[test]
fn watch_plain_progress_logs_each_change_with_a_timestamp() {
    let s = server();
    s.sim().add_job(job(111, 400, 600));
    let out = jobctl(&s)
        .args(["watch", "111", "--progress", "plain"])
        .run();
    out.code(0);
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
    s.sim().add_job(job(112, 2500, 100));
    let out = jobctl(&s).args(["watch", "112", "--heartbeat", "1s"]).run();
    out.code(0)
        .stderr_has("still waiting after")
        .stderr_has("for 1 job: 112 waiting");
}

#[test]
fn watch_jsonl_streams_changes_then_final_jobs() {
    let s = server();
    s.sim().add_job(job(113, 300, 400));
    let out = jobctl(&s)
        .args(["watch", "113", "-o", "jsonl", "--progress", "none"])
        .run();
    out.code(0);
    assert_eq!(out.stderr, "");
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
        .run()
        .code(1)
        .stderr_has("::error title=jobctl%3A job 114 tableImport failed::csvImport.columnsNotMatch: Some columns are missing\n");
}

#[test]
fn watch_interrupted_exits_130_and_names_running_jobs() {
    let s = server();
    s.sim().add_job(job(116, 60_000, 1000));
    let mut c = jobctl(&s).args(["watch", "116"]);
    c.cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = c.cmd.spawn().unwrap();
    std::thread::sleep(ms(800));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted after"), "{stderr}");
    assert!(stderr.contains("still running: 116 (waiting)"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// Runs `script` in a detached tmux session of its own (a real terminal) and returns a
/// closure that captures the screen; the session ends when the returned guard drops.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(script: &str) -> Tmux {
        let socket = format!("jobctl-test-{}-{}", std::process::id(), fastrand_suffix());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "20",
                script,
            ])
            .status()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(status.success());
        Tmux { socket }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &str) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", keys])
            .status();
    }

    /// Polls the screen until `needle` shows up (10 s at most).
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(needle) || Instant::now() > deadline {
                return screen;
            }
            std::thread::sleep(ms(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn fastrand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

const SPINNER_GLYPHS: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Watches a job that ends and one that does not in tmux with the terminal set by `stty`,
/// presses Ctrl-C, and checks the screen: spinners gone, the finished line and the line
/// printed before jobctl kept.
fn ctrl_c_clears_the_spinners_exactly(stty: &str, first: u64) {
    let (running, done) = (first, first + 1);
    let s = server();
    s.sim().add_job(job(running, 500, 60_000));
    s.sim().add_job(job(done, 300, 500));
    let script = format!(
        "stty {stty}; echo LINE-ABOVE; env -i PATH=\"$PATH\" TERM=xterm-256color KBC_STORAGE_API_HOST={} KBC_STORAGE_API_TOKEN={TOKEN} {} watch {running} {done}; echo EXIT=$?; sleep 30",
        s.url(),
        env!("CARGO_BIN_EXE_jobctl"),
    );
    let tmux = Tmux::start(&script);
    let spinning = format!("{running} tableImport in.c-main.orders  processing");
    let live = tmux.wait_for(&spinning);
    assert!(live.contains(&spinning), "{live}");
    let finished = format!("✔ {done} tableImport in.c-main.orders  success in");
    let shown = tmux.wait_for(&finished);
    assert!(shown.contains(&finished), "{shown}");
    assert!(
        shown.chars().any(|c| SPINNER_GLYPHS.contains(&c)),
        "{shown}"
    );
    tmux.keys("C-c");
    let after = tmux.wait_for("EXIT=");
    assert!(after.contains("EXIT=130"), "{after}");
    assert!(after.contains("interrupted after"), "{after}");
    assert!(
        after.contains(&format!("still running: {running} (processing)")),
        "{after}"
    );
    // The finished job's line and what was above stay; the running job's spinner is gone.
    assert!(after.contains(&finished), "{after}");
    assert!(after.contains("LINE-ABOVE"), "{stty}: {after}");
    assert!(
        !after.chars().any(|c| SPINNER_GLYPHS.contains(&c)),
        "{after}"
    );
    assert!(!after.contains(&spinning), "{after}");
}

#[test]
fn watch_spinners_in_a_terminal_are_cleared_after_ctrl_c() {
    // The default: Ctrl-C is echoed as ^C.
    ctrl_c_clears_the_spinners_exactly("echoctl", 117);
}

#[test]
fn watch_spinners_are_cleared_after_ctrl_c_without_an_echo() {
    ctrl_c_clears_the_spinners_exactly("-echoctl", 130);
}

#[test]
fn watch_terminated_exits_143_and_names_running_jobs() {
    let s = server();
    s.sim().add_job(job(119, 60_000, 1000));
    let mut c = jobctl(&s).args(["watch", "119", "-o", "jsonl"]);
    c.cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = c.cmd.spawn().unwrap();
    std::thread::sleep(ms(800));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("terminated after"), "{stderr}");
    assert!(stderr.contains("still running: 119 (waiting)"), "{stderr}");
    // The one event printed before the signal is a whole line.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with('\n'), "{stdout:?}");
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
    }
}

#[test]
fn watch_with_a_closed_stdout_ends_quietly_with_0() {
    let s = server();
    s.sim().add_job(job(120, 200, 300));
    let mut c = jobctl(&s).args(["watch", "120", "-o", "jsonl"]);
    c.cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.cmd.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Progress lines may appear; no error about the pipe does.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("error") && !stderr.contains("pipe"),
        "{stderr}"
    );
}

#[test]
fn watch_notify_rings_the_bell_and_sends_osc_9_on_a_terminal() {
    let s = server();
    s.sim().add_job(job(121, 200, 300));
    let inner = format!(
        "env -i PATH=\"$PATH\" TERM=xterm KBC_STORAGE_API_HOST={} KBC_STORAGE_API_TOKEN={TOKEN} {} watch 121 --notify",
        s.url(),
        env!("CARGO_BIN_EXE_jobctl"),
    );
    let out = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) from util-linux");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("\x07\x1b]9;jobctl: 1 job finished, 0 failed\x1b\\"),
        "{screen:?}"
    );
    // Not on a pipe: no bell in logs.
    let piped = jobctl(&s).args(["watch", "121", "--notify"]).run();
    piped.code(0);
    assert!(!piped.stderr.contains('\x07'));
}

/// A signal that arrives while jobctl is blocked writing to a full stdout pipe must not be
/// lost: once the reader drains the pipe, the watch ends with 143, and stdout holds only
/// whole lines. (Before one cancellation source, no listener was registered while the
/// first look's events were being written, and the watch went on forever.)
#[test]
fn watch_sigterm_while_stdout_is_blocked_is_not_lost() {
    use std::io::BufRead;
    let s = server();
    // Jobs that never finish, each a few KiB of JSON: the first look's events are far more
    // than a pipe holds, so jobctl blocks writing them until the test reads.
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
    let mut c = jobctl(&s)
        .args(["watch", "-o", "jsonl", "--progress", "none"])
        .args(&ids);
    c.cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.cmd.spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    // The first line proves jobctl is writing the first look; the rest cannot fit the pipe.
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains(r#""event":"change""#), "{first}");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("terminated after"), "{stderr}");
    assert!(
        !stderr.contains(TOKEN) && !stderr.contains("panicked"),
        "{stderr}"
    );
    let all = first + &rest;
    assert!(all.ends_with('\n'));
    assert_eq!(all.lines().count(), 300, "every first-look event, whole");
    for line in all.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
    }
}
