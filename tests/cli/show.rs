//! `jobctl show` of storage jobs against the simulator: every fixture, every error class,
//! retries, redirects, the token, hostile text, pipes. Each run says `--kind storage`, so
//! that the faults and request counts are the Storage API's alone (a bare id also asks
//! the Queue API: tests/cli/any_job.rs).

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate, Sim};

use super::*;

const FIXTURES: [&str; 10] = [
    "bucketListingDelete-waiting.json",
    "devBranchCreate-success.json",
    "tableDrop-waiting-no-metrics.json",
    "tableExport-success.json",
    "tableImport-error.json",
    "tableImport-success.json",
    "tableImport-waiting.json",
    "tableSnapshotCreate-waiting.json",
    "workspaceLoad-success.json",
    "workspaceTableExport-success-results-empty-array.json",
];

fn id_of(body: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["id"].as_u64().unwrap()
}

/// A server holding one fixture; returns it with the fixture's id and text.
fn serving(name: &str) -> (SimServer, u64, String) {
    let body = fixture(name);
    let id = id_of(&body);
    let s = server();
    s.sim().add_raw_job(id, &body);
    (s, id, body)
}

#[test]
fn show_json_passes_every_fixture_through_unchanged() {
    for name in FIXTURES {
        let (s, id, body) = serving(name);
        jobctl(&s)
            .args(["show", "--kind", "storage", &id.to_string(), "-o", "json"])
            .stdout_eq(minified(&body) + "\n")
            .run();
    }
}

#[test]
fn show_json_keeps_escapes_and_unknown_fields_byte_for_byte() {
    let s = server();
    let body = r#"{"id": 7, "status": "waiting", "url": "https:\/\/x\/7", "newField": {"z": 1.50, "a": [1e3]}, "operationName": "tableX"}"#;
    s.sim().add_raw_job(7, body);
    jobctl(&s)
        .args(["show", "--kind", "storage", "7", "-o", "json"])
        .stdout_eq("{\"id\":7,\"status\":\"waiting\",\"url\":\"https:\\/\\/x\\/7\",\"newField\":{\"z\":1.50,\"a\":[1e3]},\"operationName\":\"tableX\"}\n")
        .run();
}

#[test]
fn show_renders_every_fixture_readably() {
    for name in FIXTURES {
        let (s, id, body) = serving(name);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let out = jobctl(&s)
            .args(["show", "--kind", "storage", &id.to_string()])
            .stdout_has(&format!("ID:        {id}\n"))
            .stdout_has(&format!("Status:    {}\n", v["status"].as_str().unwrap()))
            .stdout_has(&format!(
                "Operation: {}\n",
                v["operationName"].as_str().unwrap()
            ))
            .run();
        assert!(!out.stdout.contains('\x1b'), "no colour when piped: {name}");
    }
}

#[test]
fn show_failed_import_has_error_and_results_and_exits_0() {
    let (s, id, _) = serving("tableImport-error.json");
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stdout_has("Status:    error\n")
        .stdout_has("  Code:      csvImport.columnsNotMatch\n")
        .stdout_has("  Exception: keboola-connection-abcdef0123456789\n")
        .stdout_has("  Missing columns:  missing\n")
        .stdout_has("Created:   2024-09-03T14:13:08+02:00\n")
        .run();
}

#[test]
fn show_several_ids_keeps_argument_order_and_makes_an_array() {
    let s = server();
    for name in [
        "tableExport-success.json",
        "tableImport-error.json",
        "devBranchCreate-success.json",
    ] {
        let body = fixture(name);
        s.sim().add_raw_job(id_of(&body), &body);
    }
    let out = jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            "386488069",
            "123456",
            "22070936",
            "-o",
            "json",
        ])
        .stdout_any()
        .run();
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<u64> = v.iter().map(|j| j["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [386488069, 123456, 22070936]);
    let table = jobctl(&s)
        .args(["show", "--kind", "storage", "22070936", "123456"])
        .stdout_any()
        .run();
    let first = table.stdout.find("ID:        22070936").unwrap();
    let second = table.stdout.find("ID:        123456").unwrap();
    assert!(first < second);
}

#[test]
fn show_unknown_job_exits_3() {
    let s = server();
    jobctl(&s)
        .args(["show", "--kind", "storage", "999"])
        .code(3)
        .stderr_has("job 999 not found")
        .run();
}

#[test]
fn show_one_missing_of_several_prints_the_rest_and_exits_3() {
    let (s, id, _) = serving("tableExport-success.json");
    let out = jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            &id.to_string(),
            "999",
            "-o",
            "json",
        ])
        .code(3)
        .stderr_has("job 999 not found")
        .stdout_any()
        .run();
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v.len(), 1);
}

#[test]
fn show_with_a_wrong_token_exits_4_with_the_api_message() {
    let (s, id, _) = serving("tableExport-success.json");
    jobctl(&s)
        .env("KBC_STORAGE_API_TOKEN", "1-2-wrong")
        .args(["show", "--kind", "storage", &id.to_string()])
        .code(4)
        .stderr_has("HTTP 401")
        .stderr_has("Invalid access token")
        .run();
    let forbidden = server();
    forbidden.sim().push_fault(Fault::status(403));
    jobctl(&forbidden)
        .args(["show", "--kind", "storage", "1"])
        .code(4)
        .stderr_has("HTTP 403")
        .run();
}

#[test]
fn show_without_a_token_is_a_usage_error_naming_the_options() {
    let s = server();
    jobctl(&s)
        .env_remove("KBC_STORAGE_API_TOKEN")
        .args(["show", "--kind", "storage", "1"])
        .code(2)
        .stderr_has("--token-file")
        .stderr_has("KBC_STORAGE_API_TOKEN")
        .run();
    assert!(s.sim().requests().is_empty(), "no request without a token");
}

#[test]
fn token_and_host_come_from_files_stdin_and_keboola_env() {
    let (s, id, _) = serving("tableExport-success.json");
    let dir = TempDir::new("token");
    let file = dir.join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let shown = format!("ID:        {id}\n");
    jobctl(&s)
        .env_remove("KBC_STORAGE_API_TOKEN")
        .args(["show", "--kind", "storage", &id.to_string(), "--token-file"])
        .args([&file])
        .stdout_has(&shown)
        .run();
    jobctl(&s)
        .env_remove("KBC_STORAGE_API_TOKEN")
        .args([
            "show",
            "--kind",
            "storage",
            &id.to_string(),
            "--token-file",
            "-",
        ])
        .stdin(TOKEN)
        .stdout_has(&shown)
        .run();
    jobctl(&s)
        .env_remove("KBC_STORAGE_API_TOKEN")
        .args([
            "show",
            &id.to_string(),
            "--token-file",
            "/nonexistent/token",
        ])
        .code(2)
        .stderr_has("cannot read token file /nonexistent/token")
        .run();
    jobctl_bare()
        .env("KBC_URL", s.url())
        .env("KBC_TOKEN", TOKEN)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stdout_has(&shown)
        .run();
}

#[test]
fn show_sends_the_documented_headers() {
    let (s, id, _) = serving("tableExport-success.json");
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stdout_has("Status:    success")
        .run();
    let reqs = s.sim().requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, format!("/v2/storage/jobs/{id}"));
    assert!(reqs[0].token_sent);
    assert_eq!(
        reqs[0].user_agent.as_deref(),
        Some(concat!("jobctl/", env!("CARGO_PKG_VERSION")))
    );
    assert!(
        reqs[0]
            .accept_encoding
            .as_deref()
            .is_some_and(|e| e.contains("gzip")),
        "{reqs:?}"
    );
}

#[test]
fn show_fetches_several_ids_concurrently() {
    let s = server();
    for id in 1..=4 {
        s.sim()
            .add_raw_job(id, &format!(r#"{{"id":{id},"status":"success"}}"#));
    }
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone()))
            .on(FaultTarget::JobDetail)
            .times(4),
    );
    let show = jobctl(&s)
        .args([
            "show", "--kind", "storage", "1", "2", "3", "4", "-o", "json",
        ])
        .stdout_any()
        .spawn();
    // Every request arrives while no answer has been sent: one after another, the second
    // would wait for the first answer, which the gate holds, and this would fail.
    gate.wait_for_held(4);
    assert!(s.sim().requests().is_empty(), "nothing answered yet");
    gate.open();
    let out = show.wait();
    assert_eq!(s.sim().requests().len(), 4);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v.iter()
            .map(|j| j["id"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
}

#[test]
fn show_keeps_at_most_8_requests_in_flight_for_many_ids() {
    let s = server();
    let ids: Vec<String> = (1..=40).map(|id: u64| id.to_string()).collect();
    for id in 1..=40 {
        s.sim()
            .add_raw_job(id, &format!(r#"{{"id":{id},"status":"success"}}"#));
    }
    // The first answers are held until 8 requests wait together: one at a time would
    // never get there.
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())).times(40));
    let show = jobctl(&s)
        .args(["show", "--kind", "storage"])
        .args(&ids)
        .args(["-o", "json"])
        .stdout_any()
        .spawn();
    gate.wait_for_held(8);
    gate.open();
    let out = show.wait();
    assert_eq!(s.sim().requests().len(), 40);
    // Bounded: never more than 8 being answered at once, held ones included.
    let most = s.sim().most_in_flight();
    assert_eq!(most, 8, "requests at once");
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v.iter()
            .map(|j| j["id"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        (1..=40).collect::<Vec<u64>>()
    );
}

#[test]
fn show_waits_out_maintenance_then_succeeds() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::maintenance(1));
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string(), "-o", "json"])
        .stderr_has("HTTP 503: maintenance, ")
        .stderr_has("retrying in 1.0s")
        .stdout_has("\"id\":22070936")
        .run();
    let reqs = s.sim().requests();
    assert_eq!(reqs.len(), 2);
    // It waited out the Retry-After before asking again (a lower bound, which only its
    // own wait guarantees).
    let waited = reqs[1].at - reqs[0].at;
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
}

#[test]
fn show_retries_429_with_retry_after() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::new(FaultKind::Status {
        code: 429,
        body: None,
        retry_after: Some("1".into()),
    }));
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stderr_has("HTTP 429")
        .stdout_has("Status:    success")
        .run();
}

#[test]
fn show_gives_up_after_a_burst_of_500s_longer_than_the_retries() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::status(500).times(3));
    jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            &id.to_string(),
            "--retries",
            "2",
        ])
        .code(5)
        .stderr_has("answered HTTP 500")
        .run();
    assert_eq!(s.sim().requests().len(), 3);
    // A shorter burst is ridden out.
    s.sim().push_fault(Fault::status(502).times(2));
    jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            &id.to_string(),
            "--retries",
            "2",
        ])
        .stdout_has("Status:    success")
        .stderr_has("HTTP 502")
        .run();
}

#[test]
fn show_never_retries_501_or_400() {
    for code in [501, 400] {
        let s = server();
        s.sim().push_fault(Fault::status(code).times(5));
        jobctl(&s)
            .args(["show", "--kind", "storage", "1"])
            .code(5)
            .stderr_has(&format!("HTTP {code}"))
            .run();
        assert_eq!(s.sim().requests().len(), 1, "{code}");
    }
}

#[test]
fn show_refuses_to_carry_the_token_to_another_origin() {
    let other = server();
    let body = fixture("tableExport-success.json");
    other.sim().add_raw_job(22070936, &body);
    let s = server();
    s.sim().push_fault(Fault::new(FaultKind::Redirect {
        location: format!("{}/v2/storage/jobs/22070936", other.url()),
        status: 302,
    }));
    jobctl(&s)
        .args(["show", "--kind", "storage", "22070936"])
        .code(5)
        .stderr_has("another origin")
        .run();
    assert!(
        other.sim().requests().is_empty(),
        "nothing may reach the other origin"
    );
}

#[test]
fn show_follows_a_same_origin_redirect_and_stops_a_loop() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::new(FaultKind::Redirect {
        location: format!("/v2/storage/jobs/{id}"),
        status: 301,
    }));
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stdout_has("Status:    success")
        .run();
    s.sim().push_fault(
        Fault::new(FaultKind::Redirect {
            location: format!("{}/v2/storage/jobs/{id}", s.url()),
            status: 302,
        })
        .times(50),
    );
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .code(5)
        .stderr_has("redirect loop")
        .run();
}

#[test]
fn debug_logs_requests_without_the_token() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::status(503));
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string(), "--debug"])
        .stderr_has(&format!(
            "debug: GET {}/v2/storage/jobs/{id} -> 503",
            s.url()
        ))
        .stderr_has(&format!(
            "debug: GET {}/v2/storage/jobs/{id} -> 200",
            s.url()
        ))
        .stdout_has("Status:    success")
        .run();
    // The harness asserts the token is absent from everything printed.
}

#[test]
fn show_reports_garbage_bodies_clearly() {
    let s = server();
    s.sim().push_fault(Fault::new(FaultKind::NonJson));
    jobctl(&s)
        .args(["show", "--kind", "storage", "1"])
        .code(5)
        .stderr_has("answered HTTP 200 with a job expected, but the body is not JSON")
        .run();
    s.sim()
        .push_fault(Fault::new(FaultKind::Body(r#"{"foo": [1, 2]}"#.into())));
    jobctl(&s)
        .args(["show", "--kind", "storage", "1"])
        .code(5)
        .stderr_has("a job expected, but got something else")
        .run();
}

#[test]
fn show_retries_a_truncated_body_and_a_dropped_connection() {
    let (s, id, _) = serving("tableExport-success.json");
    s.sim().push_fault(Fault::new(FaultKind::Truncated));
    s.sim().push_fault(Fault::new(FaultKind::Drop));
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stderr_has("retrying")
        .stdout_has("Status:    success")
        .run();
}

#[test]
fn show_times_out_a_server_that_never_answers() {
    let s = server();
    s.sim().push_fault(
        Fault::new(FaultKind::Hang)
            .on(FaultTarget::JobDetail)
            .times(2),
    );
    jobctl(&s)
        .args([
            "show",
            "--kind",
            "storage",
            "1",
            "--request-timeout",
            "300ms",
            "--retries",
            "1",
        ])
        .code(5)
        .stderr_has("timed out")
        .run();
}

#[test]
fn show_refuses_plain_http_to_a_remote_host_before_connecting() {
    jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args([
            "show",
            "--kind",
            "storage",
            "1",
            "--host",
            "http://example.com",
        ])
        .code(2)
        .stderr_has("--insecure-http")
        .run();
}

#[test]
fn show_strips_escape_sequences_but_json_keeps_them() {
    let s = server();
    let body = r#"{"id":5,"status":"error","tableId":"in.c-x.\u001b]0;owned\u0007t","operationName":"tableImport",
        "error":{"code":"x\u001b[2J","message":"bad\r\u001b[31mthing\u202e"}}"#;
    s.sim().add_raw_job(5, body);
    let out = jobctl(&s)
        .args(["show", "--kind", "storage", "5"])
        .stdout_has("Table:     in.c-x.t\n")
        .stdout_has("  Message: bad thing\n")
        .run();
    assert!(
        !out.stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        out.stdout
    );
    jobctl(&s)
        .args(["show", "--kind", "storage", "5", "-o", "json"])
        .stdout_has(r#"\u001b]0;owned\u0007t"#)
        .run();
}

#[test]
fn show_file_renders_a_saved_response_without_a_token() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tableImport-error.json");
    jobctl_bare()
        .args(["show", "--file"])
        .args([&path])
        .stdout_has("Code:      csvImport.columnsNotMatch")
        .run();
    jobctl_bare()
        .args(["show", "--file", "-", "-o", "json"])
        .stdin(&fixture("tableExport-success.json"))
        .stdout_has("{\"id\":22070936,")
        .run();
    jobctl_bare()
        .args(["show", "--file", "-"])
        .stdin("<html>nope</html>")
        .code(2)
        .stderr_has("does not hold a saved job")
        .run();
}

#[test]
fn closed_stdout_ends_quietly_with_0() {
    let (s, id, _) = serving("tableImport-success.json");
    // Exit 0 and an empty stderr, which the harness checks.
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string(), "-o", "json"])
        .close_stdout_after(0)
        .run();
}

#[test]
fn demo_data_shows_a_failed_import() {
    let sim = Sim::demo(42);
    let id = sim.demo_failed_import_id().unwrap();
    let s = server_with(sim);
    jobctl(&s)
        .args(["show", "--kind", "storage", &id.to_string()])
        .stdout_has("Status:    error")
        .stdout_has("Operation: tableImport")
        .run();
}
