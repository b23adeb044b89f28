//! Names instead of numbers: a flow's phases and tasks named as its result names them, and
//! configurations named from the Storage API's components (one by one for a few, all at
//! once for more, cached per stack for an hour); a name that cannot be had is left out.

use jobctl::sim::{Fault, FaultTarget, Sim};

use super::*;

/// The demo's data on a test server: last night's failed flow and its tasks.
fn demo() -> SimServer {
    server_with(Sim::demo(42))
}

fn failed_flow(s: &SimServer) -> String {
    s.sim().demo_queue().unwrap().failed_flow.to_string()
}

fn component_requests(s: &SimServer) -> Vec<String> {
    s.sim()
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/v2/storage/components"))
        .map(|r| format!("{}?{}", r.path, r.query))
        .collect()
}

#[test]
fn the_tree_names_phases_tasks_and_configurations() {
    let s = demo();
    let flow = failed_flow(&s);
    let out = jobctl(&s)
        .args(["show", "--tree", &flow, "--color", "never"])
        .stdout_any()
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].ends_with(
            "flow 1205330051  keboola.orchestrator 55512 \"Nightly load\"  error  4m 15s"
        ),
        "{}",
        out.stdout
    );
    // The message above names the phase the tree shows under that name.
    assert_eq!(lines[1], "│  error: Phase \"Load\" failed.");
    assert!(
        out.stdout
            .contains("phase 1205330057  phase \"Load\"  error")
    );
    assert!(
        out.stdout
            .contains("task 1205330058  keboola.ex-google-drive 774411 \"Customers sheet\"  error")
    );
    // Many configurations: their names in one request.
    assert_eq!(
        component_requests(&s),
        ["/v2/storage/components?include=configuration"]
    );
}

#[test]
fn a_detail_names_its_configuration_with_one_request() {
    let s = demo();
    jobctl(&s)
        .args(["show", "1205330058"])
        .stdout_has("Config:     774411 \"Customers sheet\" (version 4)\n")
        // The link a person opens: the job's page in the UI, on this stack.
        .stdout_has(&format!(
            "URL:        {}/admin/projects/66/queue/1205330058\n",
            s.url()
        ))
        .run();
    assert_eq!(
        component_requests(&s),
        ["/v2/storage/components/keboola.ex-google-drive/configs/774411?"]
    );
    // JSON is the server's bytes: no names added, none asked for.
    jobctl(&s)
        .args(["show", "1205330058", "-o", "json"])
        .stdout_is("the server's job", |o| !o.contains("Customers sheet"))
        .run();
    assert_eq!(component_requests(&s).len(), 1);
}

#[test]
fn a_name_that_cannot_be_had_is_left_out_and_debug_says_why() {
    let s = demo();
    let flow = failed_flow(&s);
    s.sim().push_fault(
        Fault::status(500)
            .on(FaultTarget::Path("/v2/storage/components".into()))
            .times(10),
    );
    jobctl(&s)
        .args([
            "show",
            "--tree",
            &flow,
            "--color",
            "never",
            "--retries",
            "0",
            "--debug",
        ])
        .stdout_has("flow 1205330051  keboola.orchestrator 55512  error")
        // The flow's own result still names its phases and tasks.
        .stdout_has("phase \"Load\"")
        .stderr_has("debug: configuration names left out: ")
        .stderr_has("answered HTTP 500")
        .run();
    // An unknown configuration has no name, and that is no error.
    s.sim().add_raw_queue_job(
        77,
        r#"{"id":"77","status":"success","component":"keboola.ex-nothing","config":"1"}"#,
    );
    jobctl(&s)
        .args(["show", "--kind", "queue", "77"])
        .stdout_has("Config:    1\n")
        .run();
}

#[test]
fn names_are_cached_per_stack_for_the_next_command() {
    let s = demo();
    let flow = failed_flow(&s);
    let cache = TempDir::new("names");
    for _ in 0..2 {
        jobctl(&s)
            .args(["show", "--tree", &flow, "--color", "never"])
            .env("XDG_CACHE_HOME", cache.path())
            .stdout_has("\"Customers sheet\"")
            .run();
    }
    assert_eq!(
        component_requests(&s).len(),
        1,
        "{:?}",
        component_requests(&s)
    );
    let text = std::fs::read_to_string(cache.path().join("jobctl/config-names.json")).unwrap();
    assert!(
        text.contains("\"keboola.ex-google-drive/774411\": \"Customers sheet\""),
        "{text}"
    );
}
