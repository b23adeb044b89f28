//! Safety against a real stack: polling floors and backoff (counted and timed from the
//! simulator's request log), where the host and the token come from, and honest 404s.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;

use jobctl::sim::RequestRecord;

use super::*;

/// Waits for `cond`, checking every 10 ms; fails the test after 30 s (a hang guard, not a
/// timing assertion).
pub fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !cond() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Spawns `cmd` with piped output; stderr's lines arrive on the returned channel.
pub fn spawn(cmd: Cmd) -> (Child, mpsc::Receiver<String>) {
    let mut cmd = cmd.cmd;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn jobctl");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Stops a follow-mode child with SIGINT; its exit code and stdout.
pub fn interrupt(child: Child) -> (Option<i32>, String) {
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("wait for jobctl");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Makes `change`, then waits until the simulator answered two more requests: a poller
/// that sends one request at a time has then sent at least one after the change.
pub fn change_then_wait(s: &SimServer, change: impl FnOnce()) {
    let n = s.sim().requests().len();
    change();
    wait_until("two requests after a change", || {
        s.sim().requests().len() >= n + 2
    });
}

fn listings(s: &SimServer) -> Vec<RequestRecord> {
    s.sim()
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v2/storage/jobs")
        .collect()
}

#[test]
fn list_watch_interval_0_is_raised_to_the_floor_and_backs_off_while_nothing_changes() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    let (child, stderr) = spawn(jobctl(&s).args(["list", "--watch", "--interval", "0s"]));
    let note = stderr
        .recv_timeout(Duration::from_secs(30))
        .expect("a note on stderr");
    assert_eq!(
        note,
        "jobctl: --interval 0ms is below the 200ms floor: polling every 200ms"
    );
    // The listing (a first page, and one look past its short end), then four polls of
    // an unchanging first page.
    wait_until("six list requests", || listings(&s).len() >= 6);
    assert_eq!(interrupt(child).0, Some(130));
    let log = listings(&s);
    assert_eq!(log[1].query, "limit=100&offset=1", "{log:?}");
    let log = &log[1..];
    assert!(
        log[1..].iter().all(|r| r.query == "limit=100&offset=0"),
        "{log:?}"
    );
    let gaps: Vec<Duration> = log.windows(2).map(|w| w[1].at - w[0].at).collect();
    // Each wait is at least the schedule's (a little slack for the request's own trip):
    // 200 ms after the listing, then twice as long after each poll that changed nothing.
    let slack = Duration::from_millis(30);
    for (gap, want) in gaps.iter().zip([200u64, 400, 800, 1600]) {
        assert!(
            *gap + slack >= Duration::from_millis(want),
            "waited {gap:?}, want {want} ms: {gaps:?}"
        );
    }
}

#[test]
fn watch_says_when_it_raises_the_interval() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    jobctl(&s)
        .args(["watch", "1", "--interval", "50ms", "--progress", "none"])
        .run()
        .code(0)
        .stderr_has("jobctl: --interval 50ms is below the 200ms floor: polling every 200ms");
    let out = jobctl(&s)
        .args(["watch", "1", "--interval", "1s", "--progress", "none"])
        .run();
    out.code(0);
    assert!(!out.stderr.contains("floor"), "{out:?}");
}
