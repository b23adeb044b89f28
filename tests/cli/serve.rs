//! `jobctl serve` and `--demo`: the simulator as users reach it, checked with jobctl,
//! and (opt-in: python3 and PyPI) with Keboola's own Python client in a throwaway
//! virtualenv.

use super::*;

/// A running `jobctl serve` and the lines it printed before serving.
struct Serve {
    child: Running,
    lines: Vec<String>,
}

impl Serve {
    fn start(extra: &[&str]) -> Serve {
        let child = jobctl_bare()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout_has("# request log:")
            .stderr_has("serving until Ctrl-C")
            .spawn();
        let printed = child.wait_for(Stream::Stdout, "the request log's line", |o| {
            o.lines().any(|l| l.starts_with("# request log:")) && o.ends_with('\n')
        });
        let lines = printed.lines().map(str::to_owned).collect();
        Serve { child, lines }
    }

    fn value(&self, prefix: &str) -> String {
        self.lines
            .iter()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in {:?}", self.lines))
            .trim()
            .to_owned()
    }

    fn url(&self) -> String {
        self.value("export KBC_STORAGE_API_HOST=")
    }

    /// Ctrl-C; the harness checks that it exits 0.
    fn stop(self) {
        self.child.signal("INT");
        let out = self.child.wait();
        assert!(out.stderr.ends_with("stopped\n"), "{out}");
    }
}

#[test]
fn serve_prints_how_to_connect_and_stops_cleanly_on_ctrl_c() {
    let serve = Serve::start(&[]);
    let url = serve.url();
    let token = serve.value("export KBC_STORAGE_API_TOKEN=");
    assert_eq!(token, jobctl::sim::DEMO_TOKEN);
    let failed = serve.value("# a failed import:");
    jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", &token)
        .args(["show", &failed])
        .stdout_has("Status:    error")
        .run();
    serve.stop();
}

#[test]
fn serve_accepts_a_given_token_without_printing_it() {
    let serve = Serve::start(&["--token", TOKEN]);
    assert!(
        serve.lines.iter().all(|l| !l.contains(TOKEN)),
        "{:?}",
        serve.lines
    );
    let url = serve.url();
    jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["show", &serve.value("# a failed import:")])
        .stdout_has("Status:    error")
        .run();
    serve.stop();
}

#[test]
fn serve_on_a_busy_port_is_a_clear_error() {
    let s = server();
    let addr = s.url().trim_start_matches("http://").to_owned();
    jobctl_bare()
        .args(["serve", "--listen", &addr])
        .code(2)
        .stderr_has(&format!("cannot listen on {addr}"))
        .run();
}

#[test]
fn demo_watch_follows_a_live_job_to_its_end_in_real_time() {
    jobctl_bare()
        .args(["--demo", "watch", "386520002", "--progress", "plain"])
        .stderr_has("demo mode: live 386520001-386520005")
        .stderr_has("job 386520002 tableExport out.c-reports.daily_revenue: waiting -> processing")
        .stderr_has(
            "job 386520002 tableExport out.c-reports.daily_revenue: the last 10 runs took 3s \
             each: expect it in ~3s",
        )
        .stdout_has("Status:    success")
        .run();
}

#[test]
fn demo_shows_lists_and_watches_without_any_account() {
    jobctl_bare()
        .env("JOBCTL_DEMO", "1")
        .args(["watch", "386520004"])
        .code(1)
        .stdout_has("csvImport.columnsNotMatch")
        .stderr_has("demo mode: live 386520001-386520005")
        .run();

    // The README's quick start names these ids.
    jobctl_bare()
        .args(["--demo", "show", "386510966"])
        .stderr_eq(
            "jobctl: demo mode: live 386520001-386520005, failed 386510966, flow 1205330051\n",
        )
        .stdout_has("Status:    error")
        .stdout_has("Operation: tableImport")
        .stdout_has("csvImport.columnsNotMatch")
        .run();
    jobctl_bare()
        .args(["--demo", "list"])
        .stdout_has("386520005\twaiting\ttableImport")
        .stderr_has("demo mode: live 386520001-386520005")
        .run();
}

/// `GET path` on `url` over plain HTTP/1.0, returning the body.
fn http_get(url: &str, path: &str) -> String {
    use std::io::Read;
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect to serve");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    body.to_owned()
}

#[test]
fn serve_generates_jobs_adds_live_ones_and_exposes_its_request_log() {
    let serve = Serve::start(&["--jobs", "250", "--live", "2", "--live-duration", "1s"]);
    let url = serve.url();
    let live = serve.value("# live jobs (their clocks start when first requested):");
    assert_eq!(live, "251 252");
    jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", jobctl::sim::DEMO_TOKEN)
        .args(["list", "--all", "-o", "jsonl"])
        .stdout_is("252 lines", |o| o.lines().count() == 252)
        .run();
    // The listing started the live jobs' clocks; they succeed a second later.
    jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", jobctl::sim::DEMO_TOKEN)
        .args([
            "watch",
            "--kind",
            "storage",
            "251",
            "252",
            "--progress",
            "none",
        ])
        .stdout_has("251\tsuccess")
        .stdout_has("252\tsuccess")
        .run();
    let log: serde_json::Value =
        serde_json::from_str(&http_get(&url, jobctl::sim::REQUEST_LOG_PATH)).expect("JSON log");
    let requests = log["requests"].as_array().expect("requests");
    assert_eq!(log["count"].as_u64(), Some(requests.len() as u64));
    assert!(requests.len() >= 4, "{log}");
    assert!(
        requests.iter().all(|r| r["method"] == "GET"
            && r["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("/v2/storage/jobs"))
            && r["status"] == 200
            && r["atMs"].as_i64().is_some()),
        "{log}"
    );
    serve.stop();
}

#[test]
fn serve_queue_jobs_replaces_the_demo_flows_with_generated_component_runs() {
    let serve = Serve::start(&["--queue-jobs", "1200"]);
    assert!(
        !serve.lines.iter().any(|l| l.starts_with("# queue:")),
        "{:?}",
        serve.lines
    );
    let env = |c: Cmd| {
        c.env("KBC_STORAGE_API_HOST", serve.url())
            .env("KBC_STORAGE_API_TOKEN", jobctl::sim::DEMO_TOKEN)
    };
    let out = env(jobctl_bare())
        .args([
            "queue",
            "list",
            "--all",
            "--page-size",
            "500",
            "-o",
            "jsonl",
        ])
        .stdout_is("1,200 lines", |o| o.lines().count() == 1200)
        .run();
    let first: serde_json::Value =
        serde_json::from_str(out.stdout.lines().next().unwrap_or_default()).expect("a job");
    assert_eq!(first["id"], "1000001200");
    assert_eq!(first["isFinished"], true);
    // About one in ten failed; the demo's flows are gone.
    env(jobctl_bare())
        .args(["queue", "list", "--all", "--failed", "--jq", "length"])
        .stdout_is("some failed jobs", |o| {
            o.trim()
                .parse::<u32>()
                .is_ok_and(|n| (40..=250).contains(&n))
        })
        .run();
    env(jobctl_bare())
        .args(["queue", "list", "--type", "orchestrationContainer"])
        .stderr_has("no jobs match")
        .run();
    serve.stop();
}

/// Installs kbcstorage (without its cloud SDKs) into a virtualenv under target/, once.
fn kbcstorage_python() -> PathBuf {
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let venv = target.join("kbcstorage-venv");
    let python = venv.join("bin/python");
    let marker = venv.join("installed-0.12.0");
    if marker.exists() {
        return python;
    }
    program("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .stdout_any()
        .stderr_any()
        .run();
    let pip = |args: &[&str]| {
        program(&python)
            .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
            .args(args)
            .stdout_any()
            .stderr_any()
            .run();
    };
    pip(&["--no-deps", "kbcstorage==0.12.0"]);
    pip(&["requests"]);
    std::fs::write(&marker, "").expect("mark venv");
    python
}

#[test]
fn keboolas_python_client_works_against_jobctl_serve() {
    let name = "keboolas_python_client_works_against_jobctl_serve";
    if !opted_in(name, "python3 with venv, and PyPI to install kbcstorage") {
        return;
    }
    let python = kbcstorage_python();
    let serve = Serve::start(&[]);
    let live = serve
        .value("# live jobs (their clocks start when first requested):")
        .split_whitespace()
        .nth(1)
        .expect("second live job")
        .to_owned();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kbcstorage/check.py");
    program(python)
        .arg(script)
        .env("SIM_URL", serve.url())
        .env("SIM_TOKEN", serve.value("export KBC_STORAGE_API_TOKEN="))
        .env("LIVE_ID", &live)
        .env("FAILED_ID", serve.value("# a failed import:"))
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .stdout_has("detail ok")
        .stdout_has("list ok")
        .stdout_has("block_until_completed ok")
        .stdout_has("bad token ok")
        .stderr_any()
        .run();
    serve.stop();
}
