//! The events API where people already are: the end of a failed job's log under `show`
//! on a terminal (and its absence on a pipe, with -o json and --no-log), hostile event
//! text, and the demo's logs as the simulator writes them.

use jobctl::sim::{EventSpec, Fault, FaultTarget, RequestRecord};

use super::*;

/// The requests for events (a page or one event) in the simulator's log.
fn event_requests(s: &SimServer) -> Vec<RequestRecord> {
    s.sim()
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/events"))
        .collect()
}

/// A failed storage job (run 88710023) and a log of it with a warning, an info and an
/// error with a description of two lines.
fn failed_storage_job() -> SimServer {
    let sim = Sim::empty();
    sim.add_raw_job(123456, &fixture("tableImport-error.json"));
    let t0 = sim.hold_clock();
    let run = "88710023";
    sim.add_event(EventSpec::new(run, "info", "Import started").at(t0 - 9_000));
    sim.add_event(
        EventSpec::new(run, "warn", "Header row has fewer columns than the table").at(t0 - 8_000),
    );
    sim.add_event(EventSpec::new(run, "info", "Reading file 98765").at(t0 - 7_000));
    sim.add_event(
        EventSpec::new(run, "error", "Table import error")
            .component("storage")
            .description("csvImport.columnsNotMatch\nMissing columns: missing")
            .at(t0 - 6_000),
    );
    sim.add_event(EventSpec::new("other", "error", "Another run's error").at(t0 - 5_000));
    server_with(sim)
}

#[test]
fn show_of_a_failed_job_ends_with_its_last_warnings_and_errors_on_a_terminal() {
    let s = failed_storage_job();
    let out = terminal_env(&s, 120, "TZ=UTC", "show 123456 --color never")
        .stdout_any()
        .run();
    let screen = screen(&out);
    let tail = screen
        .split_once("Last warnings and errors:\n")
        .map(|(_, tail)| tail)
        .unwrap_or_else(|| panic!("no log at the end: {screen}"));
    let lines: Vec<&str> = tail.lines().collect();
    assert!(
        lines[0].ends_with(
            "warn    keboola.ex-db-snowflake  Header row has fewer columns than the table"
        ),
        "{tail}"
    );
    assert!(
        lines[1].ends_with("error   Storage  Table import error"),
        "{tail}"
    );
    assert_eq!(
        lines[2..],
        [
            "    csvImport.columnsNotMatch",
            "    Missing columns: missing",
            "Whole log: jobctl logs 123456"
        ]
    );
    assert!(!tail.contains("Another run"), "{tail}");
    // One request more than the detail: the newest page of the run, newest first.
    let asked = event_requests(&s);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].path, "/v2/storage/events");
    assert_eq!(asked[0].query, "runId=88710023&limit=100&sortOrder=desc");
}

#[test]
fn a_pipe_json_and_no_log_get_no_log_and_cost_no_request() {
    let s = failed_storage_job();
    let piped = jobctl(&s).args(["show", "123456"]).stdout_any().run();
    assert!(piped.stdout.contains("csvImport.columnsNotMatch"));
    assert!(!piped.stdout.contains("Last warnings"), "{}", piped.stdout);
    for args in [
        "show 123456 --no-log",
        "show 123456 -o json",
        "show 123456 --jq .id",
    ] {
        let out = terminal(&s, 120, args).stdout_any().run();
        assert!(
            !screen(&out).contains("Last warnings"),
            "{args}: {}",
            out.stdout
        );
    }
    assert_eq!(event_requests(&s), []);
}

#[test]
fn a_job_that_succeeded_shows_no_log() {
    let sim = Sim::empty();
    sim.add_raw_job(7, &fixture("tableImport-success.json"));
    let s = server_with(sim);
    let out = terminal(&s, 120, "show 7").stdout_any().run();
    assert!(!screen(&out).contains("Last warnings"));
    assert_eq!(event_requests(&s), []);
}

#[test]
fn hostile_event_text_never_reaches_the_terminal_raw() {
    let sim = Sim::empty();
    sim.add_raw_job(123456, &fixture("tableImport-error.json"));
    sim.add_event(
        EventSpec::new(
            "88710023",
            "error",
            "boom\x1b]0;owned\x07\x1b[2J\u{202e}gnp.exe",
        )
        .component("ev\x1bil")
        .description("first\x1b[31m red\n\x1b]8;;http://x\x07link\x1b]8;;\x07\n\u{9b}2Jend"),
    );
    let s = server_with(sim);
    let out = terminal(&s, 120, "show 123456 --color never")
        .stdout_any()
        .run();
    let tail = out
        .stdout
        .split("Last warnings and errors")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    assert!(tail.contains("boomgnp.exe"), "{tail:?}");
    for bad in ["\x1b", "\x07", "\u{202e}", "\u{9b}"] {
        assert!(!tail.contains(bad), "{bad:?} in {tail:?}");
    }
    assert!(
        tail.contains("    first red\r\n    link\r\n    end\r\n"),
        "{tail:?}"
    );
}

#[test]
fn an_empty_log_says_the_token_may_not_see_it() {
    let s = failed_storage_job();
    s.sim().set_token_sees_all_events(false);
    let out = terminal(&s, 160, "show 123456 --color never")
        .stdout_any()
        .run();
    assert!(
        screen(&out).contains(
            "Log: no events for run 88710023 (a token that is not an admin token sees only \
             the events it created)"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_log_that_cannot_be_read_is_said_and_the_show_still_succeeds() {
    let s = failed_storage_job();
    s.sim()
        .push_fault(Fault::status(403).on(FaultTarget::Events));
    let out = terminal(&s, 200, "show 123456 --color never")
        .code(0)
        .stdout_any()
        .run();
    assert!(
        screen(&out).contains("Log: cannot read it ("),
        "{}",
        out.stdout
    );
}

#[test]
fn the_failed_demo_flow_ends_with_its_failing_tasks_log() {
    let s = server_with(Sim::demo(1));
    let flow = s.sim().demo_queue().expect("the demo's flows").failed_flow;
    let out = terminal_env(&s, 200, "TZ=UTC", &format!("show {flow} --color never"))
        .stdout_any()
        .run();
    let screen = screen(&out);
    let tail = screen
        .split_once("Last warnings and errors of Load › ")
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no task log: {screen}"));
    assert!(tail.contains("keboola.ex-google-drive 774411"), "{tail}");
    let kinds: Vec<&str> = tail
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        // The time is `02:03:04 UTC` on the flow's day and `2026-12-07 02:03 UTC` after
        // it (the demo's flow ran at 02:00, so before 02:00 UTC it is yesterday's): the
        // type is the word after the zone either way.
        .map(|l| {
            l.split_once(" UTC ")
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .unwrap_or("")
        })
        .collect();
    assert_eq!(kinds, ["warn", "error", "error"], "{tail}");
    assert!(tail.contains("Missing columns: country"), "{tail}");
    assert!(
        tail.contains("    Columns in the file: id,name,email\n"),
        "{tail}"
    );
    assert!(
        tail.ends_with(&format!("Whole log: jobctl logs {flow}\n")),
        "{tail:?}"
    );
    // One events request: the one failing task's run, by its plain id.
    let asked = event_requests(&s);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(asked[0].query.starts_with("runId=12053300"), "{asked:?}");
}

#[test]
fn top_l_opens_a_running_jobs_log_and_follows_it() {
    use jobctl::sim::{Anchor, QueueJobSpec};
    let sim = Sim::empty();
    let t0 = sim.hold_clock();
    sim.add_queue_job(
        QueueJobSpec::standard(7001, "keboola.ex-http", "7", Anchor::Fixed(t0 - 60_000))
            .times(0, 1_000, 3_600_000),
    );
    sim.add_event(
        EventSpec::new("7001", "warn", "First line of the log\x1b]0;owned\x07").at(t0 - 5_000),
    );
    sim.add_event(EventSpec::new("7001", "info", "Second line, a moment later").at(t0 + 1_000));
    let s = server_with(sim);
    let mut term =
        Term::start(interactive(&s, 120, 24, "TZ=UTC", "top --kind queue --interval 1s").code(0));
    term.wait_for("7001");
    term.keys("l");
    let screen = term.wait_for("First line of the log");
    assert!(screen.contains("queue job 7001 log (run 7001)"), "{screen}");
    assert!(
        screen.contains("following: new events every 2 s"),
        "{screen}"
    );
    assert!(!screen.contains("Second line"), "{screen}");
    // The second event comes into being; the follow prints it without a key.
    s.sim().advance_clock(Duration::from_secs(2));
    term.wait_for("Second line, a moment later");
    let asked = event_requests(&s);
    assert!(
        asked[0]
            .query
            .starts_with("runId=7001&limit=500&sortOrder=desc"),
        "{asked:?}"
    );
    let first_uuid = &s.sim().run_events("7001")[1].uuid;
    assert!(
        asked
            .iter()
            .any(|r| r.query.contains("sinceId=") && r.query.contains("sortOrder=asc")),
        "{asked:?}"
    );
    assert!(
        asked
            .iter()
            .any(|r| r.query.contains(&format!("sinceId={first_uuid}"))),
        "{asked:?}"
    );
    assert!(
        !term.raw().contains("owned\x07"),
        "the event's OSC reached the terminal"
    );
    // Esc closes the pane, and the log is not asked for again (one request may have been
    // on its way when the key came).
    term.keys(Key::ESCAPE);
    term.wait_until("the pane closed", |screen| {
        !screen.contains("log (run 7001)")
    });
    let closed = event_requests(&s).len();
    // Three refreshes of the list (a second apart) outlast the log's two seconds.
    let searches = |log: &[RequestRecord]| log.iter().filter(|r| r.path == "/search/jobs").count();
    let before = searches(&s.sim().requests());
    s.sim()
        .wait_for_log("three list refreshes after the close", |log| {
            searches(log) >= before + 3
        });
    term.keys("q");
    term.wait();
    assert!(
        event_requests(&s).len() <= closed + 1,
        "{:?}",
        event_requests(&s)
    );
}

/// `GET path` with the demo token on `url` over plain HTTP/1.0: the status line and body.
fn get_with_token(url: &str, path: &str) -> (String, String) {
    use std::io::Read;
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect to serve");
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nX-StorageApi-Token: {}\r\n\r\n",
        jobctl::sim::DEMO_TOKEN
    )
    .expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    (
        head.lines().next().unwrap_or("").to_owned(),
        body.to_owned(),
    )
}

#[test]
fn serve_serves_the_events_api_and_names_a_log_longer_than_a_page() {
    let child = jobctl_bare()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout_has("# events: a log of more than 10,000 events: ")
        .stderr_has("serving until Ctrl-C")
        .spawn();
    let printed = child.wait_for(Stream::Stdout, "the request log's line", |o| {
        o.lines().any(|l| l.starts_with("# request log:")) && o.ends_with('\n')
    });
    let value = |prefix: &str| {
        printed
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in {printed}"))
            .trim()
            .to_owned()
    };
    let url = value("export KBC_STORAGE_API_HOST=");
    let long = value("# events: a log of more than 10,000 events:");
    let count = |query: &str| {
        let (status, body) = get_with_token(&url, &format!("/v2/storage/events?{query}"));
        assert!(status.ends_with("200 OK"), "{status}: {body}");
        let events: Vec<serde_json::Value> = serde_json::from_str(&body).expect("a JSON array");
        events
    };
    let first = count(&format!("runId={long}&limit=20000&sortOrder=asc"));
    assert_eq!(first.len(), 10_000);
    let rest = count(&format!(
        "runId={long}&limit=10000&offset=10000&sortOrder=asc"
    ));
    assert!(!rest.is_empty() && rest.len() < 10_000, "{}", rest.len());
    assert!(
        first[0]["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("Running component")
    );
    let uuid = first[9_999]["uuid"].as_str().unwrap_or("").to_owned();
    let after = count(&format!(
        "runId={long}&sinceId={uuid}&limit=10000&sortOrder=asc"
    ));
    assert_eq!(after.len(), rest.len());
    assert_eq!(after[0]["uuid"], rest[0]["uuid"]);
    // One event by its uuid, and the API's 404.
    let (status, body) = get_with_token(&url, &format!("/v2/storage/events/{uuid}"));
    assert!(status.ends_with("200 OK"), "{status}");
    assert!(body.contains(&format!("\"uuid\":\"{uuid}\"")), "{body}");
    let (status, body) = get_with_token(&url, "/v2/storage/events/0193-nope");
    assert!(status.contains(" 404 "), "{status}");
    assert!(body.contains("\"code\":\"notFound\""), "{body}");
    child.signal("INT");
    child.wait();
}
