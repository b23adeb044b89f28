//! Over-the-wire tests of the simulator: real HTTP through reqwest, and raw TCP where a fault
//! is about bytes (truncation, drops, hangs). Pure parts are tested beside their code.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::sim::{
    DEMO_TOKEN, Fault, FaultKind, FaultTarget, Gate, JobSpec, REQUEST_LOG_PATH, Sim, SimServer,
    WAIT_GUARD,
};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

async fn get(
    server: &SimServer,
    path_and_query: &str,
) -> (u16, reqwest::header::HeaderMap, String) {
    let resp = client()
        .get(format!("{}{path_and_query}", server.url()))
        .header("X-StorageApi-Token", DEMO_TOKEN)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path_and_query}: {e}"));
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.text().await.unwrap_or_else(|e| panic!("body: {e}"));
    (status, headers, body)
}

fn hdr<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

fn ids(body: &str) -> Vec<u64> {
    json(body)
        .as_array()
        .map(|a| a.iter().filter_map(|j| j["id"].as_u64()).collect())
        .unwrap_or_default()
}

async fn start(sim: Sim) -> SimServer {
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    SimServer::start(sim, addr)
        .await
        .unwrap_or_else(|e| panic!("start: {e}"))
}

/// Sends one raw request and reads until EOF or `timeout`; returns the bytes and whether the
/// read timed out.
fn raw_get(addr: SocketAddr, path: &str, timeout: Duration) -> (Vec<u8>, bool) {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect: {e}"));
    stream
        .set_read_timeout(Some(timeout))
        .unwrap_or_else(|e| panic!("timeout: {e}"));
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nX-StorageApi-Token: {DEMO_TOKEN}\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (out, false),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (out, true);
            }
            Err(_) => return (out, false),
        }
    }
}

#[tokio::test]
async fn list_pages_newest_first_without_overlap() {
    let server = start(Sim::with_generated(250, 1)).await;
    let mut seen = Vec::new();
    for offset in [0, 100, 200, 300] {
        let (status, _, body) = get(
            &server,
            &format!("/v2/storage/jobs?limit=100&offset={offset}"),
        )
        .await;
        assert_eq!(status, 200);
        seen.extend(ids(&body));
    }
    let expected: Vec<u64> = (1..=250).rev().collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn list_without_limit_returns_20_as_a_bare_array() {
    let server = start(Sim::with_generated(50, 1)).await;
    let (status, headers, body) = get(&server, "/v2/storage/jobs").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(ids(&body), (31..=50).rev().collect::<Vec<u64>>());
}

#[tokio::test]
async fn list_rejects_bad_limit_and_status_with_validation_body() {
    let server = start(Sim::with_generated(5, 1)).await;
    for query in [
        "limit=abc",
        "limit=10001",
        "offset=x",
        "storage_job_status%5B%5D=done",
    ] {
        let (status, _, body) = get(&server, &format!("/v2/storage/jobs?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(json(&body)["code"], "validation.failed");
    }
}

#[tokio::test]
async fn status_filter_works_encoded_and_raw() {
    let sim = Sim::empty();
    for id in 1..=6 {
        let spec = JobSpec::success(id, "tableExport").created_at(1_700_000_000 + id as i64);
        sim.add_job(if id % 2 == 0 {
            spec.fails("x.y", "boom")
        } else {
            spec
        });
    }
    let server = start(sim).await;
    let (_, _, a) = get(&server, "/v2/storage/jobs?storage_job_status%5B%5D=error").await;
    let (_, _, b) = get(&server, "/v2/storage/jobs?storage_job_status[]=error").await;
    assert_eq!(ids(&a), [6, 4, 2]);
    assert_eq!(ids(&b), [6, 4, 2]);
    let (_, _, c) = get(
        &server,
        "/v2/storage/jobs?excluded_storage_job_status[]=error",
    )
    .await;
    assert_eq!(ids(&c), [5, 3, 1]);
    let (_, _, d) = get(
        &server,
        "/v2/storage/jobs?created_time_from=2023-11-14+22:13:23&created_time_to=2023-11-14T23:13:24%2B01:00",
    )
    .await;
    assert_eq!(ids(&d), [4, 3]);
}

#[tokio::test]
async fn job_detail_has_url_on_the_request_host_and_real_key_order() {
    let sim = Sim::empty();
    sim.add_job(
        JobSpec::success(42, "tableImport")
            .table("in.c-main.orders")
            .created_at(1_700_000_000),
    );
    let server = start(sim).await;
    let (status, _, body) = get(&server, "/v2/storage/jobs/42").await;
    assert_eq!(status, 200);
    let expected_start = format!(
        "{{\"id\":42,\"status\":\"success\",\"url\":\"{}/v2/storage/jobs/42\",\"tableId\":\"in.c-main.orders\",\"operationName\":\"tableImport\"",
        server.url()
    );
    assert!(body.starts_with(&expected_start), "{body}");
    assert!(
        body.contains("\"createdTime\":\"2023-11-14T23:13:20+0100\""),
        "{body}"
    );
}

#[tokio::test]
async fn raw_jobs_are_served_byte_for_byte_and_listed() {
    let sim = Sim::empty();
    let body = include_str!("../../tests/fixtures/tableDrop-waiting-no-metrics.json");
    sim.add_raw_job(22074411, body);
    let server = start(sim).await;
    let (_, _, got) = get(&server, "/v2/storage/jobs/22074411").await;
    assert_eq!(got, body);
    let (_, _, list) = get(&server, "/v2/storage/jobs?storage_job_status[]=waiting").await;
    assert_eq!(ids(&list), [22074411]);
}

#[tokio::test]
async fn unknown_job_bad_id_unknown_path_and_wrong_method_answer_json_errors() {
    let server = start(Sim::empty()).await;
    let (status, _, body) = get(&server, "/v2/storage/jobs/999").await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (404, Some("notFound"))
    );
    assert_eq!(json(&body)["error"], "Job not found");
    let (status, _, body) = get(&server, "/v2/storage/jobs/abc").await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (400, Some("validation.failed"))
    );
    let (status, _, body) = get(&server, "/v2/storage/tables").await;
    assert_eq!(
        (status, json(&body)["status"].as_str()),
        (404, Some("error"))
    );
    let resp = client()
        .delete(format!("{}/v2/storage/jobs/1", server.url()))
        .header("X-StorageApi-Token", DEMO_TOKEN)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resp.status().as_u16(), 405);
}

#[tokio::test]
async fn token_is_checked_and_never_logged() {
    let sim = Sim::with_generated(3, 1);
    sim.set_token("1234-5678-secretvalue");
    let server = start(sim).await;
    let url = format!("{}/v2/storage/jobs/1", server.url());
    let missing = client()
        .get(&url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status().as_u16(), 401);
    let body = missing.text().await.unwrap_or_default();
    assert_eq!(json(&body)["code"], "storage.tokenMissing");
    let (status, _, body) = get(&server, "/v2/storage/jobs/1").await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (401, Some("storage.tokenInvalid"))
    );
    let bearer = client()
        .get(&url)
        .header("Authorization", "Bearer 1234-5678-secretvalue")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bearer.status().as_u16(), 200);
    let log = server.sim().requests();
    let flags: Vec<(bool, u16)> = log.iter().map(|r| (r.token_sent, r.status)).collect();
    assert_eq!(flags, [(false, 401), (true, 401), (true, 200)]);
    assert!(!format!("{log:?}").contains("secret"));
}

#[tokio::test]
async fn timeline_advances_from_first_request() {
    let sim = Sim::empty();
    sim.hold_clock();
    sim.add_job(
        JobSpec::success(5, "tableExport")
            .waiting(Duration::from_millis(500))
            .processing(Duration::from_millis(4000))
            .results(serde_json::json!({"file": {"id": 1}, "cacheHit": false})),
    );
    let server = start(sim).await;
    // The clock has not started: time passing before the first request changes nothing.
    server.sim().advance_clock(Duration::from_millis(600));
    let (_, _, body) = get(&server, "/v2/storage/jobs/5").await;
    let v = json(&body);
    assert_eq!(
        (v["status"].as_str(), &v["startTime"], &v["results"]),
        (Some("waiting"), &Value::Null, &Value::Null)
    );
    // Still waiting a moment before its mark, processing from it on.
    server.sim().advance_clock(Duration::from_millis(499));
    assert_eq!(
        json(&get(&server, "/v2/storage/jobs/5").await.2)["status"],
        "waiting"
    );
    server.sim().advance_clock(Duration::from_millis(1));
    let v = json(&get(&server, "/v2/storage/jobs/5").await.2);
    assert_eq!(v["status"], "processing");
    assert!(v["startTime"].is_string() && v["endTime"].is_null());
    server.sim().advance_clock(Duration::from_millis(4000));
    let v = json(&get(&server, "/v2/storage/jobs/5").await.2);
    assert_eq!(v["status"], "success");
    assert!(v["endTime"].is_string());
    assert_eq!(v["results"]["file"]["id"], 1);
}

#[tokio::test]
async fn demo_serves_live_jobs_on_top_and_a_failed_import() {
    let sim = Sim::demo(42);
    let live = sim.live_job_ids();
    assert_eq!(live.len(), 5);
    let failed = sim.demo_failed_import_id().unwrap_or_default();
    let server = start(sim).await;
    let (_, _, body) = get(&server, "/v2/storage/jobs?limit=10").await;
    let top = ids(&body);
    let mut newest_live = live.clone();
    newest_live.reverse();
    assert_eq!(top[..5], newest_live[..]);
    let v = json(&get(&server, &format!("/v2/storage/jobs/{failed}")).await.2);
    assert_eq!(v["status"], "error");
    assert_eq!(v["error"]["code"], "csvImport.columnsNotMatch");
    assert!(v["results"]["missingColumns"].is_array());
    let (_, _, all) = get(&server, "/v2/storage/jobs?limit=1000").await;
    // 300 historic, 5 live with 10 earlier runs each, and the 16 table imports the tasks
    // of the two nightly flows ran.
    assert_eq!(ids(&all).len(), 371);
}

#[tokio::test]
async fn demo_storage_ids_follow_creation_time() {
    let sim = Sim::demo(42);
    let failed = sim.demo_failed_import_id();
    let server = start(sim).await;
    let (_, _, all) = get(&server, "/v2/storage/jobs?limit=1000").await;
    let jobs = json(&all);
    let listed: Vec<(u64, String)> = jobs
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["createdTime"].is_string())
        .map(|j| {
            let created = j["createdTime"].as_str().unwrap();
            let t = crate::model::parse_timestamp(created).unwrap().to_utc();
            (j["id"].as_u64().unwrap(), crate::model::rfc3339(t))
        })
        .collect();
    assert!(listed.len() > 300, "{}", listed.len());
    // Newest first by id is newest first by creation time too.
    for pair in listed.windows(2) {
        assert!(pair[0].0 > pair[1].0 && pair[0].1 >= pair[1].1, "{pair:?}");
    }
    // The failed import the banner and the README name keeps its id.
    assert_eq!(failed, Some(386510966));
}

#[tokio::test]
async fn the_newest_runs_like_each_live_demo_job_take_as_long_as_it_does() {
    let server = start(Sim::demo(42)).await;
    let (_, _, all) = get(&server, "/v2/storage/jobs?limit=1000").await;
    let jobs = json(&all);
    let jobs = jobs.as_array().unwrap();
    let secs = |j: &Value, k: &str| {
        let t = j[k].as_str().unwrap();
        crate::model::parse_timestamp(t)
            .unwrap()
            .to_utc()
            .as_second()
    };
    // (id, how long it runs from its first request: waiting and processing)
    for (id, length) in [
        (386520001, 4),
        (386520002, 3),
        (386520003, 7),
        (386520004, 5),
        (386520005, 60),
    ] {
        let live = jobs.iter().find(|j| j["id"] == id).unwrap();
        let runs: Vec<i64> = jobs
            .iter()
            .filter(|j| j["id"] != id && j["status"] == "success")
            .filter(|j| j["operationName"] == live["operationName"])
            .filter(|j| j["tableId"] == live["tableId"])
            .take(10)
            .map(|j| secs(j, "endTime") - secs(j, "createdTime"))
            .collect();
        assert_eq!(runs.len(), 10, "{id}");
        let near = |d: i64| (d as f64 - length as f64).abs() <= 0.1 * length as f64 + 0.5;
        assert!(
            runs.iter().all(|&d| near(d)),
            "{id}: {runs:?} for {length}s"
        );
    }
}

#[tokio::test]
async fn status_fault_sends_code_body_and_retry_after_then_clears() {
    let server = start(Sim::with_generated(3, 1)).await;
    server.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 429,
            body: None,
            retry_after: Some("2".into()),
        })
        .times(2),
    );
    for _ in 0..2 {
        let (status, headers, body) = get(&server, "/v2/storage/jobs/1").await;
        assert_eq!((status, hdr(&headers, "retry-after")), (429, "2"));
        assert_eq!(json(&body)["status"], "error");
    }
    assert_eq!(get(&server, "/v2/storage/jobs/1").await.0, 200);
}

#[tokio::test]
async fn maintenance_fault_answers_503_with_the_real_body() {
    let server = start(Sim::with_generated(3, 1)).await;
    server
        .sim()
        .push_fault(Fault::maintenance(7).on(FaultTarget::List));
    assert_eq!(get(&server, "/v2/storage/jobs/1").await.0, 200);
    let (status, headers, body) = get(&server, "/v2/storage/jobs").await;
    assert_eq!((status, hdr(&headers, "retry-after")), (503, "7"));
    assert_eq!(json(&body)["status"], "maintenance");
}

#[tokio::test]
async fn latency_fault_delays_the_normal_answer() {
    let server = start(Sim::with_generated(3, 1)).await;
    server
        .sim()
        .push_fault(Fault::new(FaultKind::Latency(Duration::from_millis(300))));
    let t = Instant::now();
    assert_eq!(get(&server, "/v2/storage/jobs/1").await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn the_most_requests_answered_at_once_are_counted() {
    let server = start(Sim::with_generated(3, 1)).await;
    assert_eq!(server.sim().most_in_flight(), 0);
    assert_eq!(get(&server, "/v2/storage/jobs/1").await.0, 200);
    assert_eq!(server.sim().most_in_flight(), 1);
    server.sim().set_latency(Duration::from_millis(300));
    let (a, b, c) = tokio::join!(
        get(&server, "/v2/storage/jobs/1"),
        get(&server, "/v2/storage/jobs/2"),
        get(&server, "/v2/storage/jobs?limit=1"),
    );
    assert_eq!([a.0, b.0, c.0], [200; 3]);
    assert_eq!(server.sim().most_in_flight(), 3);
    // Answered requests leave the count: one more at a time does not raise the most.
    assert_eq!(get(&server, "/v2/storage/jobs/3").await.0, 200);
    assert_eq!(get(&server, REQUEST_LOG_PATH).await.0, 200);
    assert_eq!(server.sim().most_in_flight(), 3);
}

#[tokio::test]
async fn non_json_body_and_redirect_faults_answer_as_told() {
    let server = start(Sim::with_generated(3, 1)).await;
    let sim = server.sim();
    sim.push_fault(Fault::new(FaultKind::NonJson));
    sim.push_fault(Fault::new(FaultKind::Body("{\"foo\":1}".into())));
    sim.push_fault(Fault::new(FaultKind::Redirect {
        location: "http://other.invalid/".into(),
        status: 302,
    }));
    let (status, headers, body) = get(&server, "/v2/storage/jobs/1").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
    assert!(body.contains("<html>"));
    assert_eq!(get(&server, "/v2/storage/jobs/1").await.2, "{\"foo\":1}");
    let (status, headers, _) = get(&server, "/v2/storage/jobs/1").await;
    assert_eq!(
        (status, hdr(&headers, "location")),
        (302, "http://other.invalid/")
    );
}

#[tokio::test]
async fn huge_fault_streams_exactly_that_many_bytes() {
    let server = start(Sim::with_generated(3, 1)).await;
    server
        .sim()
        .push_fault(Fault::new(FaultKind::Huge { bytes: 3_000_000 }));
    let (status, headers, body) = get(&server, "/v2/storage/jobs/1").await;
    assert_eq!((status, hdr(&headers, "content-length")), (200, "3000000"));
    assert_eq!(body.len(), 3_000_000);
}

#[test]
fn truncated_fault_sends_half_the_announced_body_then_closes() {
    let server =
        SimServer::start_in_thread(Sim::with_generated(3, 1)).unwrap_or_else(|e| panic!("{e}"));
    let (full, _) = raw_get(server.addr(), "/v2/storage/jobs/2", Duration::from_secs(5));
    server.sim().push_fault(Fault::new(FaultKind::Truncated));
    let (cut, timed_out) = raw_get(server.addr(), "/v2/storage/jobs/2", Duration::from_secs(5));
    assert!(!timed_out);
    let split = |r: &[u8]| {
        let text = String::from_utf8_lossy(r).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_default();
        (head.to_lowercase(), body.len())
    };
    let (full_head, full_len) = split(&full);
    let (cut_head, cut_len) = split(&cut);
    assert!(cut_head.starts_with("http/1.1 200"));
    assert!(
        cut_head.contains(&format!("content-length: {full_len}")),
        "{cut_head}\n{full_head}"
    );
    assert_eq!(cut_len, full_len / 2);
}

#[test]
fn drop_fault_closes_without_a_byte() {
    let server =
        SimServer::start_in_thread(Sim::with_generated(3, 1)).unwrap_or_else(|e| panic!("{e}"));
    server
        .sim()
        .push_fault(Fault::new(FaultKind::Drop).on(FaultTarget::JobDetail));
    let (bytes, timed_out) = raw_get(server.addr(), "/v2/storage/jobs/1", Duration::from_secs(5));
    assert_eq!((bytes.len(), timed_out), (0, false));
    assert_eq!(server.sim().requests().last().map(|r| r.status), Some(0));
}

#[test]
fn hang_fault_never_answers_until_the_server_stops() {
    let server =
        SimServer::start_in_thread(Sim::with_generated(3, 1)).unwrap_or_else(|e| panic!("{e}"));
    server.sim().push_fault(Fault::new(FaultKind::Hang));
    let addr = server.addr();
    let reader = std::thread::spawn(move || raw_get(addr, "/v2/storage/jobs/1", WAIT_GUARD));
    // A hanging request is logged when it arrives.
    server.sim().wait_for_requests(1);
    assert!(!reader.is_finished());
    drop(server);
    // Closed by the server (not the read timeout), with nothing sent.
    let (bytes, timed_out) = reader.join().unwrap_or_else(|_| panic!("reader panicked"));
    assert_eq!((bytes.len(), timed_out), (0, false));
    assert!(TcpStream::connect(addr).is_err());
}

#[tokio::test]
async fn shutdown_completes_with_a_hanging_request_open() {
    let server = start(Sim::with_generated(3, 1)).await;
    server.sim().push_fault(Fault::new(FaultKind::Hang));
    let url = format!("{}/v2/storage/jobs/1", server.url());
    let pending = tokio::spawn(async move {
        client()
            .get(url)
            .header("X-StorageApi-Token", DEMO_TOKEN)
            .send()
            .await
            .is_err()
    });
    // Once the request hangs at the server (it is logged when it arrives).
    let sim = server.sim().clone();
    tokio::task::spawn_blocking(move || sim.wait_for_requests(1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Hang guards, not speed limits.
    tokio::time::timeout(WAIT_GUARD, server.shutdown())
        .await
        .unwrap_or_else(|_| panic!("shutdown hung"));
    let errored = tokio::time::timeout(WAIT_GUARD, pending).await;
    assert!(matches!(errored, Ok(Ok(true))));
}

#[tokio::test]
#[ignore = "slow tier: 100,000 generated jobs (cargo test -- --ignored)"]
async fn generated_100k_serves_a_page_of_1000() {
    // How fast is the benchmark's business (tests/bench, release builds on a quiet
    // machine): a bound on wall-clock time here only fails on a busy machine.
    let server = start(Sim::with_generated(100_000, 9)).await;
    let (status, _, body) = get(&server, "/v2/storage/jobs?limit=1000&offset=50000").await;
    assert_eq!(status, 200);
    assert_eq!(ids(&body), (49_001..=50_000).rev().collect::<Vec<u64>>());
}

#[tokio::test]
async fn token_verify_answers_for_the_token_and_refuses_others() {
    let server = start(Sim::with_generated(3, 1)).await;
    let (status, _, body) = get(&server, "/v2/storage/tokens/verify").await;
    assert_eq!(status, 200);
    let v = json(&body);
    assert_eq!(v["owner"]["name"], "Acme Analytics");
    assert!(v["organization"]["id"].is_string(), "{body}");
    assert!(!body.contains(DEMO_TOKEN), "the token is not echoed");
    let wrong = client()
        .get(format!("{}/v2/storage/tokens/verify", server.url()))
        .header("X-StorageApi-Token", "not-the-token")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wrong.status().as_u16(), 401);
    let (status, _, _) = get(&server, "/v2/storage/tokens").await;
    assert_eq!(status, 404);
}

#[test]
fn a_held_request_waits_for_its_gate_and_the_log_tells_when_it_is_answered() {
    let server =
        SimServer::start_in_thread(Sim::with_generated(3, 1)).unwrap_or_else(|e| panic!("{e}"));
    let gate = Gate::new();
    server
        .sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())).on(FaultTarget::JobDetail));
    let addr = server.addr();
    let client = std::thread::spawn(move || raw_get(addr, "/v2/storage/jobs/2", WAIT_GUARD));
    gate.wait_for_held(1);
    assert!(
        server.sim().requests().is_empty(),
        "held, so not yet logged"
    );
    gate.open();
    let log = server.sim().wait_for_requests(1);
    assert_eq!(
        (log[0].path.as_str(), log[0].status),
        ("/v2/storage/jobs/2", 200)
    );
    let (bytes, timed_out) = client.join().unwrap_or_else(|_| panic!("client thread"));
    assert!(!timed_out && String::from_utf8_lossy(&bytes).contains("\"id\":2"));
    assert_eq!(gate.held(), 1);
}

#[test]
#[should_panic(expected = "for 2 requests")]
fn waiting_for_requests_that_never_come_panics_instead_of_hanging() {
    // The same wait as wait_for_requests(2), with a guard short enough for a unit test.
    Sim::empty().wait_for_log_within("2 requests", Duration::from_millis(50), |log| {
        log.len() >= 2
    });
}

#[tokio::test]
async fn the_log_names_the_statuses_served_of_jobs_with_a_timeline() {
    let sim = Sim::empty();
    sim.add_raw_job(1, r#"{"id":1,"status":"success"}"#);
    sim.add_job(JobSpec::success(2, "tableImport").waiting(Duration::from_secs(60)));
    let server = start(sim).await;
    get(&server, "/v2/storage/jobs/2").await;
    get(&server, "/v2/storage/jobs?limit=5").await;
    get(&server, "/v2/storage/jobs/1").await;
    let served: Vec<Vec<(u64, String)>> = server
        .sim()
        .requests()
        .into_iter()
        .map(|r| r.served)
        .collect();
    let waiting = vec![(2, "waiting".to_owned())];
    assert_eq!(served, [waiting.clone(), waiting, vec![]]);
}
