//! `jobctl run` against the simulator's `POST /jobs`: each option's request body (from the
//! request log), parallel targets, every exit code, the rule that a creation is never sent
//! twice under any fault (exactly one POST, and the command that finds the job), the retry
//! of a connection refused before anything was sent, and `--dry-run` sending nothing.

use std::net::{TcpListener, TcpStream};

use jobctl::sim::{
    Fault, FaultKind, FaultTarget, FlowPhase, FlowTask, Gate, RequestRecord, RunPlan, Sim,
};

use super::*;

const HTTP: &str = "keboola.ex-http/503118";
const DRIVE: &str = "keboola.ex-google-drive/774411";
const FLOW: &str = "keboola.orchestrator/55512";

/// A simulator whose clock is held (a created job stays `created` until the test moves
/// it on), with configurations that succeed, fail, have rows, and a flow.
fn run_server() -> SimServer {
    let sim = Sim::empty();
    sim.hold_clock();
    sim.add_run_plan(
        "keboola.ex-http",
        "503118",
        "Exchange rates",
        RunPlan::succeeds(4_000),
    );
    sim.add_run_plan(
        "keboola.ex-google-drive",
        "774411",
        "Customers sheet",
        RunPlan::fails(6_000, "Column \"country\" not found").importing(&["in.c-crm.customers"]),
    );
    sim.add_run_plan(
        "keboola.ex-db-snowflake",
        "987654321",
        "Orders from Snowflake",
        RunPlan::succeeds(3_000),
    );
    sim.add_config_rows("keboola.ex-db-snowflake", "987654321", &["12", "13"]);
    let task = |id: &str, component: &str, config: &str| FlowTask {
        id: id.into(),
        name: config.into(),
        component: component.into(),
        config: config.into(),
    };
    sim.add_run_plan(
        "keboola.orchestrator",
        "55512",
        "Nightly load",
        RunPlan::Flow {
            phases: vec![
                FlowPhase {
                    id: "1".into(),
                    name: "Extract".into(),
                    tasks: vec![task("100", "keboola.ex-http", "503118")],
                },
                FlowPhase {
                    id: "2".into(),
                    name: "Load".into(),
                    tasks: vec![task("110", "keboola.ex-google-drive", "774411")],
                },
            ],
        },
    );
    server_with(sim)
}

fn posts(s: &SimServer) -> Vec<RequestRecord> {
    s.sim()
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/jobs")
        .collect()
}

/// The one POST's body, as JSON.
fn sent(s: &SimServer) -> serde_json::Value {
    let posts = posts(s);
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert!(posts[0].token_sent);
    serde_json::from_str(&posts[0].body).expect("a JSON body")
}

/// The ids in `run`'s piped table (under its header).
fn started_ids(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn run_prints_the_started_job_with_its_name_and_link_and_exits_at_once() {
    let s = run_server();
    let out = jobctl(&s).args(["run", HTTP]).stdout_any().run();
    let ids = started_ids(&out.stdout);
    assert_eq!(ids.len(), 1);
    assert_eq!(
        out.stdout,
        format!(
            "ID\tCONFIG\tNAME\tLINK\n{id}\tkeboola.ex-http/503118\tExchange rates\t{}/admin/projects/66/queue/{id}\n",
            s.url(),
            id = ids[0]
        )
    );
    assert_eq!(
        sent(&s),
        serde_json::json!({"component": "keboola.ex-http", "config": "503118", "mode": "run"})
    );
    // The clock is held: it did not wait for the job.
    let polled = s
        .sim()
        .requests()
        .iter()
        .any(|r| r.path == format!("/jobs/{}", ids[0]));
    assert!(!polled);
}

#[test]
fn each_option_goes_into_the_request_body() {
    let s = run_server();
    jobctl(&s)
        .args([
            "run",
            "4242/keboola.ex-db-snowflake/987654321@1.4.2",
            "--row",
            "12",
            "--row",
            "13",
            "--var",
            "day=monday",
            "--var",
            "empty=",
            "--mode",
            "debug",
            "--backend",
            "large",
            "--parallelism",
            "infinity",
        ])
        .stdout_any()
        .run();
    let expected = serde_json::json!({
        "component": "keboola.ex-db-snowflake",
        "config": "987654321",
        "mode": "debug",
        "configRowIds": ["12", "13"],
        "tag": "1.4.2",
        "branchId": "4242",
        "variableValuesData": {"values": [{"name": "day", "value": "monday"}, {"name": "empty", "value": ""}]},
        "backend": {"type": "large"},
        "parallelism": "infinity",
    });
    assert_eq!(sent(&s), expected);

    let s = run_server();
    jobctl(&s)
        .args([
            "run",
            HTTP,
            "--branch",
            "77",
            "--variables-id",
            "556",
            "--mode",
            "force",
            "--parallelism",
            "3",
        ])
        .stdout_any()
        .run();
    assert_eq!(
        sent(&s),
        serde_json::json!({"component": "keboola.ex-http", "config": "503118", "mode": "forceRun",
            "branchId": "77", "variableValuesId": "556", "parallelism": 3})
    );
    // The created job says what was asked: the body's echo.
    let dir = TempDir::new("config-data");
    let file = dir.join("config.json");
    std::fs::write(
        &file,
        r#"{"parameters": {"baseUrl": "https://example.com"}}"#,
    )
    .unwrap();
    let s = run_server();
    let out = jobctl(&s)
        .args(["run", "keboola.ex-http", "--config-data"])
        .arg(&file)
        .args(["-o", "json"])
        .stdout_any()
        .run();
    let body = sent(&s);
    assert_eq!(
        body,
        serde_json::json!({"component": "keboola.ex-http", "mode": "run",
            "configData": {"parameters": {"baseUrl": "https://example.com"}}})
    );
    let job: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(job["configData"], body["configData"]);
    // Stdin too.
    let s = run_server();
    jobctl(&s)
        .args(["run", HTTP, "--config-data", "-"])
        .stdin(r#"{"parameters": {}}"#)
        .stdout_any()
        .run();
    assert_eq!(
        sent(&s)["configData"],
        serde_json::json!({"parameters": {}})
    );
    // Never the deprecated field, never a second spelling of the backend.
    for post in posts(&s) {
        assert!(!post.body.contains("onlyOrchestrationTaskIds"));
    }
}

#[test]
fn o_json_gives_the_created_jobs_as_the_server_sent_them() {
    let s = run_server();
    let out = jobctl(&s)
        .args(["run", HTTP, "-o", "json"])
        .stdout_any()
        .run();
    // The server's own bytes: PHP's escaped slashes survive.
    assert!(out.stdout.contains(r#""url":"http:\/\/"#), "{}", out.stdout);
    let job: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(job["status"], "created");
    assert_eq!(job["component"], "keboola.ex-http");
    let s = run_server();
    let out = jobctl(&s)
        .args(["run", HTTP, DRIVE, "-o", "json"])
        .stdout_any()
        .run();
    let jobs: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let components: Vec<&str> = jobs
        .iter()
        .map(|j| j["component"].as_str().unwrap())
        .collect();
    assert_eq!(components, ["keboola.ex-http", "keboola.ex-google-drive"]);
}

#[test]
fn several_targets_start_in_parallel_and_print_in_their_order() {
    let s = run_server();
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::Path("/jobs".into()))
            .times(3),
    );
    let running = jobctl(&s)
        .args(["run", HTTP, DRIVE, FLOW])
        .stdout_any()
        .spawn();
    // All three are at the server before any is answered: none waited for another.
    gate.wait_for_held(3);
    gate.open();
    let out = running.wait();
    let lines: Vec<&str> = out.stdout.lines().skip(1).collect();
    let configs: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(configs, [HTTP, DRIVE, FLOW]);
    assert_eq!(posts(&s).len(), 3);
}

#[test]
fn wait_follows_the_job_and_exits_0_on_success_and_1_on_failure() {
    for (target, code, says) in [
        (HTTP, 0, "processing -> success"),
        (DRIVE, 1, "processing -> error"),
        (FLOW, 1, "Phase \"Load\" failed"),
    ] {
        let s = run_server();
        let running = jobctl(&s)
            .args([
                "run",
                target,
                "--wait",
                "--progress",
                "plain",
                "--interval",
                "200ms",
            ])
            .args(["--no-history", "-o", "json"])
            .code(code)
            .stdout_any()
            .stderr_has("started ")
            .stderr_has(says)
            .spawn();
        // Each state stays until the watch has seen it.
        let first = s.sim().wait_for_log("the first look", |log| {
            log.iter()
                .any(|r| r.method == "GET" && r.path.starts_with("/jobs/"))
        });
        let id = first
            .iter()
            .find(|r| r.method == "GET" && r.path.starts_with("/jobs/"))
            .map(|r| r.path.clone())
            .unwrap();
        s.sim().advance_clock(Duration::from_millis(2_500));
        running.wait_stderr_has("-> processing");
        s.sim().advance_clock(Duration::from_secs(3_600));
        let out = running.wait();
        let job: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(format!("/jobs/{}", job["id"].as_str().unwrap()), id);
        assert_eq!(job["isFinished"], true, "{target}");
        assert_eq!(posts(&s).len(), 1);
    }
}

#[test]
fn wait_gives_up_at_the_timeout_with_124_and_kills_on_request() {
    let s = run_server();
    let out = jobctl(&s)
        .args([
            "run",
            HTTP,
            "--wait",
            "--timeout",
            "1s",
            "--progress",
            "none",
        ])
        .args(["--kill-on-timeout", "--no-history"])
        .code(124)
        .stderr_has("timed out after 1s; killing")
        .stderr_has("killed (now terminating)")
        .stderr_has("started ")
        // As watch does: the state the jobs were in when the wait gave up.
        .stdout_has("ID:        1205400001\n")
        .run();
    assert!(!out.stdout.contains("Status:    success"), "{}", out.stdout);
    let kills: Vec<_> = s
        .sim()
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/kill"))
        .collect();
    assert_eq!(kills.len(), 1);
    assert_eq!(posts(&s).len(), 1);
}

#[test]
fn refusals_show_the_servers_message_and_exit_2_3_or_4() {
    // A row of another configuration: the server calls the body bad.
    let s = run_server();
    jobctl(&s)
        .args(["run", HTTP, "--row", "12"])
        .code(2)
        .stderr_has("Row \"12\" not found in configuration \"503118\"")
        .run();
    let s = run_server();
    jobctl(&s)
        .args(["run", "keboola.ex-http/999"])
        .code(3)
        .stderr_has("Configuration \"999\" of component \"keboola.ex-http\" not found.")
        .run();
    let s = run_server();
    jobctl(&s)
        .args(["run", "keboola.nobody/1"])
        .code(3)
        .stderr_has("Component \"keboola.nobody\" not found.")
        .run();
    let s = run_server();
    s.sim().forbid_runs("keboola.ex-http");
    let out = jobctl(&s)
        .args(["run", HTTP, "--wait"])
        .code(4)
        .stderr_has("You don't have access to the component keboola.ex-http")
        .run();
    assert!(!out.stderr.contains("may have started"), "{out}");
    // Several targets: what started is printed, the failure decides the exit.
    let s = run_server();
    let out = jobctl(&s)
        .args(["run", HTTP, "keboola.ex-http/999"])
        .code(3)
        .stdout_any()
        .stderr_has("keboola.ex-http/999:")
        .run();
    assert_eq!(started_ids(&out.stdout).len(), 1);
    assert_eq!(out.stderr.matches("error:").count(), 1, "{out}");
}

#[test]
fn usage_errors_exit_2_before_anything_is_sent() {
    let s = run_server();
    for (args, says) in [
        (vec!["run", HTTP, "--var", "day"], "is not NAME=VALUE"),
        (vec!["run", "keboola.ex-http/"], "is not a target"),
        (vec!["run", "keboola.ex-http"], "names no configuration"),
        (vec!["run", HTTP, DRIVE, "--row", "1"], "give one target"),
        (
            vec!["run", "1/keboola.ex-http/503118", "--branch", "2"],
            "give one",
        ),
        (vec!["run", HTTP, "--mode", "fast"], "invalid value 'fast'"),
        (
            vec!["run", HTTP, "--backend", "huge"],
            "invalid value 'huge'",
        ),
        (vec!["run", HTTP, "--timeout", "1s"], "--wait"),
        (vec!["run", HTTP, "-f", "--dry-run"], "cannot be used with"),
        (
            vec!["run", HTTP, "--wait", "--dry-run"],
            "cannot be used with",
        ),
        (
            vec!["run", HTTP, "--variables-id", "1", "--var", "a=b"],
            "cannot be used with",
        ),
    ] {
        jobctl(&s).args(&args).code(2).stderr_has(says).run();
    }
    let dir = TempDir::new("bad-config-data");
    let file = dir.join("list.json");
    std::fs::write(&file, "[1, 2]").unwrap();
    jobctl(&s)
        .args(["run", HTTP, "--config-data"])
        .arg(&file)
        .code(2)
        .stderr_has("must be a JSON object")
        .run();
    jobctl(&s)
        .args(["run", HTTP, "--config-data"])
        .arg(dir.join("missing.json"))
        .code(2)
        .stderr_has("cannot read")
        .run();
    assert!(s.sim().requests().is_empty(), "{:#?}", s.sim().requests());
}

#[test]
fn a_creation_is_never_sent_twice_whatever_befalls_its_answer() {
    let on_create = FaultTarget::Path("/jobs".into());
    let cases: Vec<(&str, Fault, &str)> = vec![
        ("503", Fault::status(503).on(on_create.clone()), "HTTP 503"),
        ("500", Fault::status(500).on(on_create.clone()), "HTTP 500"),
        ("502", Fault::status(502).on(on_create.clone()), "HTTP 502"),
        ("504", Fault::status(504).on(on_create.clone()), "HTTP 504"),
        (
            "maintenance",
            Fault::maintenance(1).on(on_create.clone()),
            "maintenance",
        ),
        (
            "reset",
            Fault::new(FaultKind::Drop).on(on_create.clone()),
            "request failed",
        ),
        (
            "timeout",
            Fault::new(FaultKind::Hang).on(on_create.clone()),
            "timed out",
        ),
        (
            "truncated",
            Fault::new(FaultKind::Truncated).on(on_create.clone()),
            "broke off",
        ),
    ];
    std::thread::scope(|scope| {
        for (name, fault, says) in cases {
            scope.spawn(move || {
                let s = run_server();
                s.sim().push_fault(fault);
                let out = jobctl(&s)
                    .args(["run", HTTP, "--retries", "3", "--request-timeout", "2s"])
                    .code(5)
                    .stderr_has("keboola.ex-http/503118: the job may have started")
                    .stderr_has(says)
                    .stderr_has(
                        "jobctl queue list --component keboola.ex-http --config 503118 --since ",
                    )
                    .run();
                assert_eq!(posts(&s).len(), 1, "{name}: {out}");
                assert!(!out.stderr.contains("retrying"), "{name}: {out}");
                // The job was created: the command it names finds it.
                let since = out
                    .stderr
                    .split("--since ")
                    .nth(1)
                    .and_then(|rest| rest.split_whitespace().next())
                    .unwrap()
                    .to_owned();
                let listed = jobctl(&s)
                    .args(["queue", "list", "--component", "keboola.ex-http"])
                    .args(["--config", "503118", "--since", &since, "-o", "jsonl"])
                    .stdout_any()
                    .run();
                assert_eq!(listed.stdout.lines().count(), 1, "{name}: {listed}");
            });
        }
    });
}

#[test]
fn a_refused_connection_is_retried_because_nothing_was_sent() {
    let s = run_server();
    // A port nothing listens on, until a forwarder to the queue listener takes it.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let running = jobctl(&s)
        .args(["run", HTTP, "--retries", "20"])
        .args(["--queue-host", &format!("http://127.0.0.1:{port}")])
        .stdout_any()
        .stderr_has("nothing was sent")
        .spawn();
    running.wait_stderr_has("retrying");
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let upstream = s.queue_url().trim_start_matches("http://").to_owned();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&upstream) else {
                return;
            };
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut c, mut sv) = (client, server);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c2, &mut s2);
                let _ = s2.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut sv, &mut c);
                let _ = c.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    let out = running.wait();
    assert_eq!(started_ids(&out.stdout).len(), 1, "{out}");
    assert_eq!(posts(&s).len(), 1);
}

#[test]
fn dry_run_prints_the_bodies_and_sends_nothing() {
    let s = run_server();
    jobctl(&s)
        .args([
            "run",
            HTTP,
            "1/keboola.orchestrator/55512@2",
            "--var",
            "a=b",
            "--dry-run",
        ])
        .stdout_eq(
            "{\"component\":\"keboola.ex-http\",\"config\":\"503118\",\"mode\":\"run\",\
             \"variableValuesData\":{\"values\":[{\"name\":\"a\",\"value\":\"b\"}]}}\n\
             {\"component\":\"keboola.orchestrator\",\"config\":\"55512\",\"mode\":\"run\",\
             \"tag\":\"2\",\"branchId\":\"1\",\"variableValuesData\":{\"values\":[{\"name\":\"a\",\
             \"value\":\"b\"}]}}\n",
        )
        .stderr_has("nothing was sent")
        .run();
    assert!(s.sim().requests().is_empty(), "{:#?}", s.sim().requests());
    // Without a stack or a token at all: nothing is needed to print a body.
    jobctl_bare()
        .args(["run", HTTP, "--dry-run", "-o", "json"])
        .stdout_eq("[{\"component\":\"keboola.ex-http\",\"config\":\"503118\",\"mode\":\"run\"}]\n")
        .stderr_has("nothing was sent")
        .run();
}

#[test]
fn completion_offers_the_components_jobctl_has_started() {
    let s = run_server();
    let cache = TempDir::new("cache");
    jobctl(&s)
        .env("XDG_CACHE_HOME", cache.path())
        .args(["run", HTTP, DRIVE])
        .stdout_any()
        .run();
    jobctl_bare()
        .env("XDG_CACHE_HOME", cache.path())
        .args(["__complete", "components"])
        .stdout_eq("keboola.ex-google-drive\nkeboola.ex-http\n")
        .run();
    // The configurations whose names it looked up, as targets.
    jobctl_bare()
        .env("XDG_CACHE_HOME", cache.path())
        .args(["__complete", "targets"])
        .stdout_has("keboola.ex-http/503118\n")
        .stdout_has("keboola.ex-google-drive\n")
        .run();
    // Nothing seen yet: nothing offered, and no error.
    jobctl_bare()
        .env("XDG_CACHE_HOME", TempDir::new("empty").path())
        .args(["__complete", "components"])
        .run();
}

#[test]
fn bash_completes_targets_and_components_from_what_jobctl_has_seen() {
    let s = run_server();
    let cache = TempDir::new("seen");
    jobctl(&s)
        .env("XDG_CACHE_HOME", cache.path())
        .args(["run", HTTP, DRIVE])
        .stdout_any()
        .run();
    let script = cache.join("jobctl.bash");
    let generated = jobctl_bare()
        .args(["completions", "bash"])
        .stdout_any()
        .run();
    std::fs::write(&script, generated.stdout).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_jobctl"))
        .parent()
        .unwrap()
        .display()
        .to_string();
    // What bash offers after `words` (the last one being completed), sorted.
    let complete = |words: &str| -> Vec<String> {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _jobctl jobctl \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = program("bash")
            .env(
                "PATH",
                format!("{bin}:{}", std::env::var("PATH").unwrap_or_default()),
            )
            .env("XDG_CACHE_HOME", cache.path())
            .args(["--norc", "-c", &line])
            .stdout_any()
            .run();
        let mut words: Vec<String> = out.stdout.lines().map(str::to_owned).collect();
        words.retain(|w| !w.is_empty());
        words.sort();
        words
    };
    assert_eq!(
        complete("jobctl run keboola.ex-h"),
        ["keboola.ex-http", "keboola.ex-http/503118"]
    );
    assert_eq!(
        complete(&format!("jobctl run {HTTP} keboola.ex-g")),
        ["keboola.ex-google-drive", "keboola.ex-google-drive/774411"]
    );
    assert_eq!(
        complete("jobctl queue list --component keb"),
        ["keboola.ex-google-drive", "keboola.ex-http"]
    );
    // Options still complete as options.
    assert!(complete("jobctl run --wa").contains(&"--wait".to_owned()));
}

#[test]
fn the_find_command_reaches_the_same_stack_and_a_signal_says_what_may_have_started() {
    // The stack given as a flag: the command to find the job names it too (never the token).
    let s = run_server();
    s.sim()
        .push_fault(Fault::status(503).on(FaultTarget::Path("/jobs".into())));
    jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["--host", &s.url(), "run", HTTP])
        .code(5)
        .stderr_has(&format!(
            "to see whether it started: jobctl --host {} queue list --component keboola.ex-http",
            s.url()
        ))
        .run();
    // Ctrl-C while the creation is in flight: it may have started, and jobctl says so.
    let s = run_server();
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone())).on(FaultTarget::Path("/jobs".into())),
    );
    let running = jobctl(&s)
        .args(["run", HTTP])
        .code(130)
        .stderr_has("interrupted while starting keboola.ex-http/503118: it may have started")
        .stderr_has("jobctl queue list --component keboola.ex-http --config 503118")
        .spawn();
    gate.wait_for_held(1);
    running.signal("INT");
    let out = running.wait();
    assert_eq!(out.stdout, "");
    gate.open();
}

#[test]
fn a_started_job_starts_its_storage_jobs_when_it_processes() {
    let s = run_server();
    let out = jobctl(&s)
        .args(["run", DRIVE, "-o", "json"])
        .stdout_any()
        .run();
    let job: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let id = job["id"].as_str().unwrap().to_owned();
    let imports = |s: &SimServer| -> Vec<serde_json::Value> {
        let out = jobctl(s)
            .args(["list", "-o", "jsonl", "--operation", "tableImport"])
            .stdout_any()
            .run();
        out.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|j| j["runId"] == id.as_str())
            .collect()
    };
    // Created, not yet processing: no import exists yet.
    assert!(imports(&s).is_empty());
    s.sim().advance_clock(Duration::from_secs(3));
    let found = imports(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["tableId"], "in.c-crm.customers");
    // It fails, and so does the job, with its message.
    s.sim().advance_clock(Duration::from_secs(60));
    assert_eq!(imports(&s)[0]["status"], "error");
    jobctl(&s)
        .args(["queue", "show", &id, "--jq", ".status"])
        .stdout_eq("error\n")
        .run();
}

#[test]
fn the_queues_own_refusals_are_shown_with_their_codes() {
    for (status, file, code, says) in [
        (
            400,
            "queue/queue-create-error-400.json",
            2,
            "Configuration \"440011994\" of component \"keboola.ex-http\" is disabled. [400] \
             (exception job-runner-4a2f0c7e91d3b85c)",
        ),
        (
            403,
            "queue/queue-create-error-403.json",
            4,
            "You don't have access to the component keboola.ex-db-snowflake [403]",
        ),
        (404, "queue/queue-error-404.json", 3, "not found [404]"),
    ] {
        let s = run_server();
        s.sim().push_fault(
            Fault::new(FaultKind::Status {
                code: status,
                body: Some(fixture(file)),
                retry_after: None,
            })
            .on(FaultTarget::Path("/jobs".into())),
        );
        let out = jobctl(&s)
            .args(["run", HTTP])
            .code(code)
            .stderr_has(says)
            .run();
        assert!(!out.stderr.contains("may have started"), "{out}");
        // Refused: nothing was created.
        let listed = jobctl(&s).args(["queue", "list", "-o", "jsonl"]).run();
        assert_eq!(listed.stdout, "");
    }
}

#[test]
fn wait_of_several_targets_ends_in_watchs_summary_and_the_worst_exit() {
    let s = run_server();
    let running = jobctl(&s)
        .args(["run", HTTP, DRIVE, "--wait", "--progress", "none"])
        .args(["--interval", "200ms", "--no-history"])
        .code(1)
        .stdout_any()
        .stderr_has("started ")
        .spawn();
    s.sim().wait_for_log("the first look at both", |log| {
        log.iter()
            .filter(|r| r.method == "GET" && r.path.starts_with("/jobs/"))
            .count()
            >= 2
    });
    s.sim().advance_clock(Duration::from_secs(3_600));
    let out = running.wait();
    let rows: Vec<&str> = out.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows[0].contains("success") && rows[0].contains("keboola.ex-http"),
        "{out}"
    );
    assert!(
        rows[1].contains("error") && rows[1].contains("keboola.ex-google-drive"),
        "{out}"
    );
    assert_eq!(out.stderr.matches("jobctl: started ").count(), 2, "{out}");
}
