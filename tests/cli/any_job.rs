//! Any id or link where a job is expected: bare ids looked up on both APIs at once, links
//! that fix the kind and must be of the configured stack, `--kind`, an id on both or on
//! neither; `show`, `queue show` and `watch` alike.

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate};

use super::*;

const STORAGE_ID: u64 = 22070936;
const QUEUE_ID: u64 = 10441200;

/// A storage job, a queue job (a failed component run) and a queue flow.
fn both_kinds() -> SimServer {
    let s = server();
    s.sim()
        .add_raw_job(STORAGE_ID, &fixture("tableExport-success.json"));
    s.sim()
        .add_raw_queue_job(QUEUE_ID, &fixture("queue/queue-standard-error.json"));
    s.sim()
        .add_raw_queue_job(10440530, &fixture("queue/queue-flow-processing.json"));
    s.sim()
        .add_raw_queue_job(10440533, &fixture("queue/queue-phase-waiting.json"));
    s
}

fn paths(s: &SimServer) -> Vec<String> {
    let mut paths: Vec<String> = s.sim().requests().iter().map(|r| r.path.clone()).collect();
    paths.sort();
    paths
}

#[test]
fn a_bare_queue_id_shows_the_queue_job_after_asking_both_apis() {
    let s = both_kinds();
    jobctl(&s)
        .args(["show", &QUEUE_ID.to_string()])
        .stdout_has("ID:        10441200\nStatus:    error\n")
        .stdout_has("Component: keboola.python-transformation-v2\n")
        .run();
    // (and the configuration's name for the detail view)
    assert_eq!(
        paths(&s),
        [
            "/jobs/10441200",
            "/v2/storage",
            "/v2/storage/components/keboola.python-transformation-v2/configs/1180022",
            "/v2/storage/jobs/10441200"
        ]
    );
}

#[test]
fn a_bare_storage_id_shows_the_storage_job() {
    let s = both_kinds();
    jobctl(&s)
        .args(["show", &STORAGE_ID.to_string()])
        .stdout_has("ID:        22070936\nStatus:    success\nOperation: tableExport\n")
        .run();
}

#[test]
fn both_apis_are_asked_at_once() {
    let s = both_kinds();
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::JobDetail)
            .times(1),
    );
    let show = jobctl(&s)
        .args(["show", &QUEUE_ID.to_string(), "-o", "json"])
        .stdout_any()
        .spawn();
    gate.wait_for_held(1);
    // While the Storage API's answer is held, the Queue API is asked and answers: one
    // after the other, the queue request would wait for the held answer and this would hang.
    let answered = s.sim().wait_for_requests(2);
    assert!(
        answered.iter().any(|r| r.path == "/jobs/10441200"),
        "{answered:?}"
    );
    gate.open();
    let out = show.wait();
    assert!(
        out.stdout
            .contains("\"component\":\"keboola.python-transformation-v2\"")
    );
}

#[test]
fn links_fix_the_kind_and_ask_only_their_api() {
    let s = both_kinds();
    let ui = format!(
        "https://connection.keboola.com/admin/projects/123/queue/{QUEUE_ID}/detail?tab=events"
    );
    // The demo plays every stack; a test server is one stack: its own links only.
    let ui_here = ui.replace("https://connection.keboola.com", &s.url());
    jobctl(&s)
        .args(["show", &ui_here, "--jq", ".id"])
        .stdout_eq("10441200\n")
        .run();
    assert_eq!(paths(&s), ["/jobs/10441200", "/v2/storage"]);
    let storage = format!("{}/v2/storage/jobs/{STORAGE_ID}", s.url());
    let queue = format!("{}/jobs/{QUEUE_ID}", s.queue_url());
    let before = s.sim().requests().len();
    jobctl(&s)
        .args(["show", &storage, &queue, "--jq", ".id"])
        .stdout_eq("22070936\n10441200\n")
        .run();
    let asked: Vec<String> = s.sim().requests()[before..]
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert!(!asked.contains(&format!("/jobs/{STORAGE_ID}")), "{asked:?}");
    assert!(
        !asked.contains(&format!("/v2/storage/jobs/{QUEUE_ID}")),
        "{asked:?}"
    );
}

#[test]
fn the_ui_link_works_in_the_demo_and_with_queue_show() {
    for cmd in ["show", "queue show"] {
        let mut args: Vec<&str> = vec!["--demo"];
        args.extend(cmd.split(' '));
        args.push("https://connection.keboola.com/admin/projects/123/queue/1205330051");
        jobctl_bare()
            .args(&args)
            .stdout_has("ID:        1205330051\nStatus:    error\n")
            .stdout_has("Phase \"Load\" failed.")
            .stderr_has("demo mode")
            .run();
    }
}

#[test]
fn a_link_to_another_stack_is_refused_before_any_request() {
    let s = both_kinds();
    for link in [
        format!("https://queue.eu-central-1.keboola.com/jobs/{QUEUE_ID}"),
        format!("https://connection.keboola.com/admin/projects/1/queue/{QUEUE_ID}"),
        format!("https://connection.keboola.com/v2/storage/jobs/{STORAGE_ID}"),
    ] {
        // (queue show refuses a storage link whatever its stack: tested below.)
        let storage = link.contains("/v2/storage/");
        for cmd in [&["show"][..], &["watch"], &["queue", "show"]] {
            if storage && cmd.len() == 2 {
                continue;
            }
            jobctl(&s)
                .args(cmd)
                .arg(&link)
                .code(2)
                .stderr_has("is to another stack (")
                .stderr_has(&format!("than the one configured ({})", "127.0.0.1"))
                .run();
        }
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

#[test]
fn an_id_on_both_apis_is_named_and_kind_decides() {
    let s = both_kinds();
    s.sim().add_raw_job(
        QUEUE_ID,
        r#"{"id":10441200,"status":"error","operationName":"tableImport","tableId":"in.c-main.x"}"#,
    );
    jobctl(&s)
        .args(["show", &QUEUE_ID.to_string()])
        .code(2)
        .stderr_has("10441200 is a job on both APIs: storage job 10441200 tableImport in.c-main.x")
        .stderr_has("and queue job 10441200 keboola.python-transformation-v2")
        .stderr_has("say which with --kind storage or --kind queue")
        .run();
    jobctl(&s)
        .args([
            "show",
            "--kind",
            "queue",
            &QUEUE_ID.to_string(),
            "--jq",
            ".component",
        ])
        .stdout_eq("keboola.python-transformation-v2\n")
        .run();
    jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            &QUEUE_ID.to_string(),
            "--jq",
            ".operationName",
        ])
        .stdout_eq("tableImport\n")
        .run();
    // A link of one kind with --kind of the other cannot be right.
    let link = format!("{}/v2/storage/jobs/{QUEUE_ID}", s.url());
    jobctl(&s)
        .args(["show", "--kind", "queue", &link])
        .code(2)
        .stderr_has("--kind queue was given, but its link is to a storage job")
        .run();
}

#[test]
fn an_id_on_neither_api_exits_3_and_says_both_were_asked() {
    let s = both_kinds();
    jobctl(&s)
        .args(["show", "777", &STORAGE_ID.to_string(), "--jq", ".id"])
        .code(3)
        .stdout_eq("22070936\n")
        .stderr_eq(
            "jobctl: error: job 777 not found: neither the Storage API nor the Queue API has it\n",
        )
        .run();
    jobctl(&s)
        .args(["watch", "777"])
        .code(3)
        .stderr_has("neither the Storage API nor the Queue API has it")
        .run();
}

#[test]
fn show_mixes_kinds_in_argument_order() {
    let s = both_kinds();
    let out = jobctl(&s)
        .args([
            "show",
            &QUEUE_ID.to_string(),
            &STORAGE_ID.to_string(),
            "-o",
            "json",
        ])
        .stdout_any()
        .run();
    let jobs: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(jobs[0]["component"], "keboola.python-transformation-v2");
    assert_eq!(jobs[1]["operationName"], "tableExport");
    jobctl(&s)
        .args(["show", &STORAGE_ID.to_string(), "10440530"])
        .stdout_has("Operation: tableExport\n")
        .stdout_has("Type:      orchestrationContainer\n")
        .stdout_has("Children:  1 job: 1 waiting\n")
        .run();
}

#[test]
fn show_tree_takes_a_bare_id_as_a_queue_job() {
    let s = both_kinds();
    jobctl(&s)
        .args(["show", "--tree", &QUEUE_ID.to_string(), "--color", "never"])
        .stdout_has("10441200  keboola.python-transformation-v2")
        .run();
    assert!(
        !paths(&s).contains(&format!("/v2/storage/jobs/{QUEUE_ID}")),
        "{:?}",
        paths(&s)
    );
    jobctl(&s)
        .args(["show", "--tree", "--kind", "storage", "5"])
        .code(2)
        .stderr_has("--tree shows a queue job's run; 5 is a storage job")
        .run();
}

#[test]
fn queue_show_refuses_a_storage_link() {
    let s = both_kinds();
    let link = format!("{}/v2/storage/jobs/{STORAGE_ID}", s.url());
    jobctl(&s)
        .args(["queue", "show", &link])
        .code(2)
        .stderr_has("is a storage job, not a queue job: use `jobctl show 22070936`")
        .run();
    assert!(s.sim().requests().is_empty());
}

#[test]
fn watch_follows_a_bare_queue_id_as_queue_watch_does() {
    let s = both_kinds();
    jobctl(&s)
        .args(["watch", &QUEUE_ID.to_string(), "--progress", "plain"])
        .code(1)
        .stdout_has("ID:        10441200\nStatus:    error\n")
        .stderr_has("job 10441200 keboola.python-transformation-v2")
        .run();
    // One stop logic for every kind: --fail-fast and --jq work for queue jobs too.
    jobctl(&s)
        .args([
            "watch",
            &QUEUE_ID.to_string(),
            "--fail-fast",
            "--jq",
            ".status",
        ])
        .code(1)
        .stdout_eq("error\n")
        .stderr_has(": error in 1m 22s: Script file /data/script.py failed")
        .run();
    // Only queue jobs can be killed.
    jobctl(&s)
        .args([
            "watch",
            &STORAGE_ID.to_string(),
            "--timeout",
            "5m",
            "--kill-on-timeout",
        ])
        .code(2)
        .stderr_has("storage jobs cannot be killed")
        .run();
}

#[test]
fn watch_of_both_kinds_at_once_follows_both_with_one_exit_code() {
    let s = both_kinds();
    jobctl(&s)
        .args(["watch", &QUEUE_ID.to_string(), &STORAGE_ID.to_string()])
        .code(1)
        .stdout_has("ID\tKIND\tSTATUS\tWHAT\tDURATION\tMESSAGE\n10441200\tqueue\terror\t")
        .stdout_has("\n22070936\tstorage\tsuccess\ttableExport ")
        .stderr_has("1 succeeded, 1 failed in ")
        .run();
}

#[test]
fn a_saved_queue_job_is_shown_as_one_without_a_request() {
    // No host and no token: a request would end in a usage error.
    let dir = TempDir::new("saved");
    let flow = dir.path().join("flow.json");
    std::fs::write(&flow, fixture("queue/queue-flow-processing.json")).unwrap();
    jobctl_bare()
        .args(["show", "--file"])
        .arg(&flow)
        .stdout_has(
            "ID:        10440530\nStatus:    processing\nType:      orchestrationContainer\n",
        )
        .run();
    // An array of both kinds, each shown as its own; --kind decides for all.
    let both = format!(
        "[{},{}]",
        minified(&fixture("tableExport-success.json")),
        minified(&fixture("queue/queue-standard-error.json"))
    );
    jobctl_bare()
        .args(["show", "--file", "-"])
        .stdin(&both)
        .stdout_has("Operation: tableExport\n")
        .stdout_has("Component: keboola.python-transformation-v2\n")
        .run();
    jobctl_bare()
        .args(["show", "--kind", "storage", "--file", "-"])
        .stdin(&both)
        .stdout_is("both as storage jobs", |o| !o.contains("Component:"))
        .run();
}
