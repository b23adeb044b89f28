//! The fault matrix of `faults.rs` for the queue commands: queue show, queue list --all,
//! queue watch, queue kill and queue show --tree under every failure the simulator can
//! inject end with the same exit codes and messages as the storage commands, with nothing
//! partial on stdout; the harness checks every run's output for the token.

use jobctl::sim::{Anchor, FaultTarget, GENERATED_QUEUE_BASE, QueueJobSpec, Sim};

use super::faults::{FLAGS, cases, each_case};
use super::*;

/// The ids of JSON lines of queue jobs (digit strings).
fn queue_ids(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a whole JSON line");
            v["id"].as_str().expect("an id").to_owned()
        })
        .collect()
}

fn one_error(out: &Out, code: i32, name: &str) {
    assert_eq!(
        out.stderr.matches("error:").count(),
        (code != 0) as usize,
        "{name}: {out}"
    );
}

#[test]
fn queue_show_under_every_fault() {
    let body = fixture("queue/queue-standard-error.json");
    each_case(
        cases(FaultTarget::Path("/jobs/10441200".into()), "/jobs/10441200"),
        |case| {
            let s = server();
            s.sim().add_raw_queue_job(10441200, &body);
            s.sim().push_fault(case.fault);
            let expected = if case.code == 0 {
                minified(&body) + "\n"
            } else {
                String::new()
            };
            let out = jobctl(&s)
                .args(["queue", "show", "10441200", "-o", "json"])
                .args(FLAGS)
                .code(case.code)
                .stderr_has(case.says)
                .stdout_eq(expected)
                .run();
            one_error(&out, case.code, case.name);
        },
    );
}

fn generated(n: usize) -> SimServer {
    let sim = Sim::empty();
    sim.add_generated_queue_jobs(n, 7);
    server_with(sim)
}

#[test]
fn queue_list_all_under_every_fault() {
    let args = [
        "queue",
        "list",
        "--all",
        "--page-size",
        "100",
        "-o",
        "jsonl",
    ];
    let expected: Vec<String> = (GENERATED_QUEUE_BASE + 1..=GENERATED_QUEUE_BASE + 450)
        .rev()
        .map(|id| id.to_string())
        .collect();
    each_case(
        cases(FaultTarget::Path("/search/jobs".into()), "/search/jobs"),
        |case| {
            let s = generated(450);
            s.sim().push_fault(case.fault);
            let out = jobctl(&s)
                .args(args)
                .args(FLAGS)
                .code(case.code)
                .stderr_has(case.says)
                .stdout_any()
                .run();
            let got = queue_ids(&out.stdout);
            if case.code == 0 {
                assert_eq!(got, expected, "{}: every job once, in order", case.name);
            } else {
                assert!(
                    out.stdout.is_empty() || out.stdout.ends_with('\n'),
                    "{}",
                    case.name
                );
                assert_eq!(got[..], expected[..got.len()], "{}", case.name);
            }
            one_error(&out, case.code, case.name);
        },
    );
}

#[test]
fn queue_watch_under_every_fault() {
    // Every request is a target, the stack's index (the first) included.
    each_case(cases(FaultTarget::Any, "/v2/storage"), |case| {
        let s = server();
        s.sim().add_queue_job(
            QueueJobSpec::standard(300, "keboola.ex-http", "7", Anchor::Live).times(0, 300, 600),
        );
        s.sim().push_fault(case.fault);
        let succeeds = case.code == 0;
        let out = jobctl(&s)
            .args(["queue", "watch", "300", "-o", "json"])
            .args(FLAGS)
            .args(["--progress", "plain"])
            .code(case.code)
            .stderr_has(case.says)
            .stdout_is("the final job on success, else nothing", move |o| {
                if succeeds {
                    o.starts_with("{\"id\":\"300\"") && o.contains("\"status\":\"success\"")
                } else {
                    o.is_empty()
                }
            })
            .run();
        one_error(&out, case.code, case.name);
    });
}

#[test]
fn queue_kill_under_every_fault() {
    each_case(
        cases(FaultTarget::Path("/jobs/7/kill".into()), "/jobs/7/kill"),
        |case| {
            let s = server();
            s.sim().add_queue_job(
                QueueJobSpec::standard(7, "keboola.ex-http", "7", Anchor::Fixed(now_ms() - 5_000))
                    .times(0, 1_000, 3_600_000),
            );
            s.sim().push_fault(case.fault);
            // One line a job whatever happened: `failed`, with the reason on stderr.
            let expected = if case.code == 0 {
                "7\tkilled\n"
            } else {
                "7\tfailed\n"
            };
            let out = jobctl(&s)
                .args(["queue", "kill", "7"])
                .args(FLAGS)
                .code(case.code)
                .stderr_has(case.says)
                .stdout_eq(expected)
                .run();
            one_error(&out, case.code, case.name);
        },
    );
}

#[test]
fn queue_show_tree_under_every_fault() {
    let demo = || server_with(Sim::demo(42));
    let flow = demo()
        .sim()
        .demo_queue()
        .expect("the demo's flows")
        .failed_flow;
    let flow = flow.to_string();
    let args = ["queue", "show", &flow, "--tree", "-o", "json"];
    let clean = jobctl(&demo()).args(args).stdout_any().run();
    let shape = |json: &str| -> serde_json::Value {
        // The same tree from another server differs only in the URLs it holds.
        let v: serde_json::Value = serde_json::from_str(json).expect("the tree as JSON");
        fn ids(v: &serde_json::Value) -> serde_json::Value {
            serde_json::json!({
                "kind": v["kind"],
                "id": v["job"]["id"],
                "status": v["job"]["status"],
                "children": v["children"].as_array().map(|c| c.iter().map(ids).collect::<Vec<_>>()),
            })
        }
        ids(&v)
    };
    let expected = shape(&clean.stdout);
    // The phases' search: the level that fans out to the tasks and the storage jobs.
    each_case(
        cases(FaultTarget::Path("/search/jobs".into()), "/search/jobs"),
        |case| {
            let s = demo();
            s.sim().push_fault(case.fault);
            let out = jobctl(&s)
                .args(args)
                .args(FLAGS)
                .code(case.code)
                .stderr_has(case.says)
                .stdout_any()
                .run();
            if case.code == 0 {
                assert_eq!(shape(&out.stdout), expected, "{}", case.name);
            } else {
                assert_eq!(out.stdout, "", "{}", case.name);
            }
            one_error(&out, case.code, case.name);
        },
    );
}

#[test]
fn an_unreachable_queue_host_is_exit_5_for_every_queue_command() {
    let gone = server();
    let dead = gone.queue_url();
    drop(gone);
    let s = server();
    for args in [
        &["queue", "show", "1"][..],
        &["queue", "show", "1", "--tree"],
        &["queue", "list", "--all"],
        &["queue", "watch", "1"],
        &["queue", "kill", "1"],
    ] {
        let kill = args[1] == "kill";
        jobctl(&s)
            .args(args)
            .args(["--queue-host", &dead, "--retries", "1"])
            .code(5)
            .stderr_has("connection failed")
            .stdout_eq(if kill { "1\tfailed\n" } else { "" })
            .run();
    }
}

#[test]
fn a_queue_host_that_is_no_queue_api_is_exit_5_with_a_hint() {
    let s = server();
    // The Storage API's listener is no Queue API: its 404 for /jobs/1 is its own.
    let web = server();
    web.sim().push_fault(
        jobctl::sim::Fault::new(jobctl::sim::FaultKind::Status {
            code: 404,
            body: Some("<html>404 Not Found</html>".into()),
            retry_after: None,
        })
        .times(10),
    );
    for args in [
        &["queue", "show", "1"][..],
        &["queue", "list"],
        &["queue", "kill", "1"],
    ] {
        let kill = args[1] == "kill";
        jobctl(&s)
            .args(args)
            .args(["--queue-host", &web.url()])
            .code(5)
            .stderr_has("does not look like the stack's Queue API")
            .stderr_has("--queue-host")
            .stdout_eq(if kill { "1\tfailed\n" } else { "" })
            .run();
    }
}
