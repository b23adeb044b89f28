//! `jobctl serve` and `--demo`: the simulator as users reach it, checked with jobctl,
//! and with Keboola's own Python client in a throwaway virtualenv.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use super::*;

/// A running `jobctl serve` and the lines it printed before serving.
struct Serve {
    child: Child,
    lines: Vec<String>,
}

impl Serve {
    fn start(extra: &[&str]) -> Serve {
        let mut c = jobctl_bare()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra);
        c.cmd.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = c.cmd.spawn().expect("spawn serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("read serve output");
            let last = line.starts_with("# request log:");
            lines.push(line);
            if last {
                break;
            }
        }
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

    fn stop(mut self) -> i32 {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        self.child
            .wait()
            .expect("wait for serve")
            .code()
            .unwrap_or(-1)
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
        .run()
        .code(0)
        .stdout_has("Status:     error");
    assert_eq!(serve.stop(), 0);
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
        .run()
        .code(0);
    assert_eq!(serve.stop(), 0);
}

#[test]
fn serve_on_a_busy_port_is_a_clear_error() {
    let s = server();
    let addr = s.url().trim_start_matches("http://").to_owned();
    jobctl_bare()
        .args(["serve", "--listen", &addr])
        .run()
        .code(2)
        .stderr_has(&format!("cannot listen on {addr}"));
}

#[test]
fn demo_watch_follows_a_live_job_without_any_account() {
    let out = jobctl_bare()
        .args(["--demo", "watch", "386520002", "--progress", "plain"])
        .run();
    out.code(0)
        .stderr_has("demo mode: simulated jobs")
        .stderr_has("job 386520002 tableExport out.c-reports.daily_revenue: waiting -> processing")
        .stdout_has("Status:     success");
    let failing = jobctl_bare()
        .env("JOBCTL_DEMO", "1")
        .args(["watch", "386520004"])
        .run();
    failing.code(1).stdout_has("csvImport.columnsNotMatch");

    // The README's quick start names these ids.
    jobctl_bare()
        .args(["--demo", "show", "386510966"])
        .run()
        .code(0)
        .stderr_has("a failed import: 386510966")
        .stdout_has("Status:     error")
        .stdout_has("Operation:  tableImport")
        .stdout_has("csvImport.columnsNotMatch");
    jobctl_bare()
        .args(["--demo", "list"])
        .run()
        .code(0)
        .stdout_has("386520005\twaiting\ttableImport");
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
    let listed = jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", jobctl::sim::DEMO_TOKEN)
        .args(["list", "--all", "-o", "jsonl"])
        .run();
    listed.code(0);
    assert_eq!(listed.stdout.lines().count(), 252);
    let watched = jobctl_bare()
        .env("KBC_STORAGE_API_HOST", &url)
        .env("KBC_STORAGE_API_TOKEN", jobctl::sim::DEMO_TOKEN)
        .args(["watch", "251", "252", "--progress", "none"])
        .run();
    // The listing started the live jobs' clocks; they succeed a second later.
    watched
        .code(0)
        .stdout_has("251\tsuccess")
        .stdout_has("252\tsuccess");
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
    assert_eq!(serve.stop(), 0);
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
    let run = |cmd: &mut Command| {
        let out = cmd.output().expect("run setup command");
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let pip = |args: &[&str]| {
        run(Command::new(&python)
            .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
            .args(args));
    };
    pip(&["--no-deps", "kbcstorage==0.12.0"]);
    pip(&["requests"]);
    std::fs::write(&marker, "").expect("mark venv");
    python
}

#[test]
fn keboolas_python_client_works_against_jobctl_serve() {
    let python = kbcstorage_python();
    let serve = Serve::start(&[]);
    let live = serve
        .value("# live jobs (their clocks start when first requested):")
        .split_whitespace()
        .nth(1)
        .expect("second live job")
        .to_owned();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kbcstorage/check.py");
    let out = Command::new(python)
        .arg(script)
        .env("SIM_URL", serve.url())
        .env("SIM_TOKEN", serve.value("export KBC_STORAGE_API_TOKEN="))
        .env("LIVE_ID", &live)
        .env("FAILED_ID", serve.value("# a failed import:"))
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for check in [
        "detail ok",
        "list ok",
        "block_until_completed ok",
        "bad token ok",
    ] {
        assert!(stdout.contains(check), "{check}: {stdout}");
    }
    assert_eq!(serve.stop(), 0);
}
