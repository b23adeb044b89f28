//! `jobctl top` end to end: the real binary on a pseudo-terminal against the simulator.
//! Start, move, filter, open the detail, kill with y/n, quit, SIGTERM; the screen and the
//! cursor restored afterwards (the emulator's alternate screen and cursor modes); the
//! refresh cost counted in the simulator's request log. Every wait is on an event: a
//! screen that shows something, a request in the log.

use std::time::Duration;

use jobctl::sim::{
    Anchor, Fault, FaultKind, FaultTarget, Gate, JobSpec, QueueJobSpec, RequestRecord,
};

use super::*;

/// A few finished storage jobs, one that runs for an hour, and queue jobs: one finished,
/// one running for an hour (to kill).
fn dashboard_server() -> SimServer {
    let s = server();
    let now = s.sim().now_ms() / 1000;
    s.sim().add_job(
        JobSpec::success(501, "tableImport")
            .table("in.c-crm.customers")
            .created_at(now - 600)
            .fails("csvImport.columnsNotMatch", "Missing columns: country."),
    );
    s.sim().add_job(
        JobSpec::success(502, "tableExport")
            .table("out.c-main.orders")
            .created_at(now - 300),
    );
    s.sim().add_job(
        JobSpec::success(503, "tableImport")
            .table("in.c-main.orders")
            .processing(Duration::from_secs(3600)),
    );
    s.sim().add_queue_job(
        QueueJobSpec::standard(
            7001,
            "keboola.ex-http",
            "7",
            Anchor::Fixed(now * 1000 - 120_000),
        )
        .times(0, 1_000, 3_600_000),
    );
    s.sim().add_queue_job(
        QueueJobSpec::standard(
            7000,
            "keboola.ex-db-mysql",
            "8",
            Anchor::Fixed(now * 1000 - 900_000),
        )
        .times(0, 1_000, 60_000),
    );
    s
}

/// `jobctl top ARGS` on a terminal of `cols` x `rows`, to end with exit code 0.
fn top(s: &SimServer, cols: u16, rows: u16, args: &str) -> Term {
    top_ending(s, cols, rows, args, 0)
}

/// [`top`], to end with exit code `code`.
fn top_ending(s: &SimServer, cols: u16, rows: u16, args: &str, code: i32) -> Term {
    Term::start(interactive(s, cols, rows, "", &format!("top {args}")).code(code))
}

fn is_list(r: &RequestRecord, path: &str) -> bool {
    r.method == "GET" && r.path == path
}

#[test]
fn top_refuses_a_pipe_with_exit_2_and_points_to_list_watch() {
    let s = server();
    jobctl(&s)
        .args(["top"])
        .code(2)
        .stderr_has("jobctl: error: top needs a terminal, and stdout is not one")
        .stderr_has("use `jobctl list --watch`")
        .run();
    // Refused before any request.
    assert!(s.sim().requests().is_empty());
}

#[test]
fn top_moves_filters_opens_the_detail_and_quits_restoring_the_terminal() {
    let s = dashboard_server();
    let mut term = top(&s, 80, 24, "--interval 1s");
    let first = term.wait_until("both kinds listed", |screen| {
        screen.contains("502") && screen.contains("7001")
    });
    // The running jobs first, both kinds, and the header.
    assert!(first.contains("jobctl top  http://127.0.0.1:"), "{first}");
    assert!(
        first.contains("running") && first.contains("failed in the last hour"),
        "{first}"
    );
    let lines: Vec<&str> = first.lines().collect();
    let row = |id: &str| lines.iter().position(|l| l.contains(id)).unwrap();
    assert!(
        row("503") < row("502") && row("7001") < row("7000"),
        "{first}"
    );
    assert_eq!(term.modes(), (true, false), "alternate screen, no cursor");

    // Filter as you type: only the failed import's row stays.
    term.keys("/");
    for key in ["c", "s", "v", "I", "m"] {
        term.keys(key);
    }
    let filtered = term.wait_until("the filtered table", |screen| {
        screen.contains("/csvIm") && !screen.contains("502 ")
    });
    assert!(filtered.contains("501"), "{filtered}");
    assert!(!filtered.contains("7001"), "{filtered}");
    term.keys(Key::ENTER);
    // Enter on the only row opens its detail: the same content as `show`.
    term.keys(Key::ENTER);
    let detail = term.wait_for("storage job 501");
    assert!(detail.contains("Operation: tableImport"), "{detail}");
    // A failed job's pane starts with its error; it scrolls to the error's details.
    assert!(
        detail.contains("│Error:    csvImport.columnsNotMatch"),
        "{detail}"
    );
    term.keys(Key::PAGE_DOWN);
    let scrolled = term.wait_for("Code:");
    assert!(!scrolled.contains("│Duration: 0s (ended"), "{scrolled}");
    // Esc closes the pane, Esc clears the filter, j moves, q quits.
    term.keys(Key::ESCAPE);
    term.wait_until("the pane closed", |screen| {
        !screen.contains("storage job 501")
    });
    term.keys(Key::ESCAPE);
    term.wait_until("every job again", |screen| screen.contains("502"));
    term.keys("j");
    term.keys(Key::ENTER);
    let second = term.wait_until("the second row's detail", |screen| {
        screen.contains("┌ ") && screen.contains(" job ")
    });
    assert!(!second.contains("storage job 501"), "{second}");
    term.keys("q");
    let after = term.wait();
    assert!(
        !after.screen.contains("jobctl top"),
        "the dashboard is gone: {}",
        after.screen
    );
    assert_eq!(
        (after.alternate, after.cursor_visible),
        (false, true),
        "main screen, cursor back"
    );
}

#[test]
fn top_restores_the_terminal_on_sigterm_and_exits_143() {
    let s = dashboard_server();
    let mut term = top_ending(&s, 200, 60, "", 143);
    term.wait_until("the list", |screen| screen.contains("7001"));
    assert_eq!(term.modes(), (true, false));
    term.signal("TERM");
    let after = term.wait();
    assert_eq!((after.alternate, after.cursor_visible), (false, true));
}

#[test]
fn top_kills_a_queue_job_only_after_yes() {
    let s = dashboard_server();
    let mut term = top(&s, 80, 24, "--kind queue");
    term.wait_until("the queue jobs", |screen| screen.contains("7001"));
    // The running job is on top, selected. n declines: no request.
    term.keys("K");
    term.wait_for("Kill queue job 7001? y/n");
    term.keys("n");
    term.wait_for("not killed");
    term.keys("K");
    term.wait_for("Kill queue job 7001? y/n");
    assert!(
        !s.sim().requests().iter().any(|r| r.method == "POST"),
        "no kill before yes"
    );
    term.keys("y");
    s.sim().wait_for_log("the kill", |log| {
        log.iter()
            .any(|r| r.method == "POST" && r.path == "/jobs/7001/kill")
    });
    let shown = term.wait_for("queue job 7001: killed");
    assert!(shown.contains("7001"), "{shown}");
    term.keys(Key::CTRL_C);
    let after = term.wait();
    assert_eq!((after.alternate, after.cursor_visible), (false, true));
    let kills = s
        .sim()
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(kills, 1);
}

#[test]
fn top_costs_one_list_request_per_kind_a_refresh_and_no_request_per_row() {
    let s = dashboard_server();
    let mut term = top(&s, 80, 24, "--interval 200ms");
    // Both lists in, so that the running storage job is the one selected on top.
    term.wait_until("both lists", |screen| {
        screen.contains("7001") && screen.contains("503 ")
    });
    // Ten refreshes of each kind.
    let log = s.sim().wait_for_log("ten refreshes of each kind", |log| {
        log.iter().filter(|r| is_list(r, "/search/jobs")).count() >= 10
            && log
                .iter()
                .filter(|r| is_list(r, "/v2/storage/jobs"))
                .count()
                >= 10
    });
    let storage = log
        .iter()
        .filter(|r| is_list(r, "/v2/storage/jobs"))
        .count();
    let queue = log.iter().filter(|r| is_list(r, "/search/jobs")).count();
    // Besides the lists: the stack's index (to find the Queue API) and the token check
    // (the project's name), once each; no job's own detail while no pane is open.
    let others: Vec<String> = log
        .iter()
        .filter(|r| !is_list(r, "/v2/storage/jobs") && !is_list(r, "/search/jobs"))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        others.len(),
        2,
        "{others:?} ({storage} storage, {queue} queue lists)"
    );
    assert!(others.contains(&"GET /v2/storage".to_owned()), "{others:?}");
    assert!(
        others.contains(&"GET /v2/storage/tokens/verify".to_owned()),
        "{others:?}"
    );
    // Each list asks for the newest 500 jobs, nothing else.
    for r in log.iter().filter(|r| is_list(r, "/v2/storage/jobs")) {
        assert_eq!(r.query, "limit=500");
    }
    // The detail of the selected running job: one request a refresh while its pane is open.
    term.keys(Key::ENTER);
    let detail = |r: &RequestRecord| r.method == "GET" && r.path == "/v2/storage/jobs/503";
    let log = s.sim().wait_for_log("three detail requests", |log| {
        log.iter().filter(|r| detail(r)).count() >= 3
    });
    // From the list answered last before the pane opened: its answer may arrive after the
    // open and ask for the detail too.
    let first = log.iter().position(detail).unwrap();
    let first = log[..first]
        .iter()
        .rposition(|r| is_list(r, "/v2/storage/jobs"))
        .unwrap();
    let lists_since = log[first..]
        .iter()
        .filter(|r| is_list(r, "/v2/storage/jobs"))
        .count();
    let details = log.iter().filter(|r| detail(r)).count();
    assert!(
        details <= lists_since + 1,
        "{details} detail requests for {lists_since} refreshes: {:#?}",
        log.iter()
            .map(|r| format!("{} {}", r.path, r.query))
            .collect::<Vec<_>>()
    );
    term.keys("q");
    term.wait();
}

#[test]
fn top_slows_down_while_nothing_runs() {
    let s = server();
    s.sim()
        .add_job(JobSpec::success(9, "tableExport").created_at(s.sim().now_ms() / 1000 - 60));
    let mut term = top(&s, 80, 24, "--interval 200ms --kind storage");
    term.wait_until("the list", |screen| screen.contains("tableExport"));
    let log = s.sim().wait_for_log("five storage lists", |log| {
        log.iter()
            .filter(|r| is_list(r, "/v2/storage/jobs"))
            .count()
            >= 5
    });
    let at: Vec<_> = log
        .iter()
        .filter(|r| is_list(r, "/v2/storage/jobs"))
        .map(|r| r.at)
        .collect();
    // 200 ms, then doubled while nothing runs, up to 4 times: 800 ms between the fourth
    // and the fifth. A lower bound: a sleep is never shorter.
    assert!(
        at[4] - at[3] >= Duration::from_millis(790),
        "{:?}",
        at.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>()
    );
    // --kind storage asks nothing of the Queue API.
    assert!(!log.iter().any(|r| r.path == "/search/jobs"));
    term.keys("q");
    term.wait();
}

#[test]
fn top_shows_api_errors_in_the_header_and_recovers_without_exiting() {
    let s = dashboard_server();
    s.sim()
        .push_fault(Fault::status(500).on(FaultTarget::List).times(3));
    let mut term = top(&s, 100, 24, "--kind storage --retries 0 --interval 200ms");
    let failed = term.wait_for("storage ✗");
    assert!(failed.contains("500"), "{failed}");
    assert!(failed.contains("storage ✗ retry in "), "{failed}");
    // The three failures pass; the list comes, the error goes, jobctl still runs.
    let back = term.wait_until("the list after the errors", |screen| {
        screen.contains("storage ✓") && screen.contains("502")
    });
    assert!(back.contains("jobctl top"), "{back}");
    term.keys("q");
    term.wait();
}

#[test]
fn top_answers_keys_while_a_request_hangs() {
    let s = dashboard_server();
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::List)
            .times(1),
    );
    let mut term = top(&s, 80, 24, "--kind storage");
    gate.wait_for_held(1);
    // The first list is held at the server: the keys still work.
    term.wait_for("loading…");
    term.keys("?");
    term.wait_for("keys (any key closes)");
    term.keys("x");
    term.wait_until("the help closed", |screen| {
        !screen.contains("any key closes")
    });
    gate.open();
    term.wait_for("502");
    term.keys("q");
    term.wait();
}

#[test]
fn top_colours_statuses_unless_no_color() {
    let s = dashboard_server();
    let coloured = |vars: &str| {
        let mut term = Term::start(interactive(&s, 80, 24, vars, "top --kind storage"));
        term.wait_for("502");
        // A red error status, or no colour at all.
        let coloured = term.coloured();
        term.keys("q");
        term.wait();
        coloured
    };
    assert!(coloured(""), "colour by default on a terminal");
    assert!(!coloured("NO_COLOR=1"), "no colour with NO_COLOR");
}

#[test]
fn top_watches_a_job_rings_when_it_ends_and_copies_its_id() {
    let s = server();
    // The job runs until the test moves the clock on, once it is watched.
    s.sim().hold_clock();
    s.sim().add_job(
        JobSpec::success(600, "tableImport")
            .table("in.c-main.orders")
            .processing(Duration::from_secs(4)),
    );
    let mut term = top(&s, 80, 24, "--kind storage");
    term.wait_for("processing");
    term.keys("w");
    term.wait_for("watching 600: notified when it ends");
    assert_eq!(term.bells(), 0, "no bell while it runs");
    s.sim().advance_clock(Duration::from_secs(4));
    term.wait_printed("\x07\x1b]9;jobctl: storage job 600 success\x1b\\");
    assert_eq!(term.bells(), 1);
    // y copies the id: OSC 52 with "600" in base64.
    term.keys("y");
    term.wait_printed("\x1b]52;c;NjAw\x07");
    term.keys("q");
    term.wait();
}
