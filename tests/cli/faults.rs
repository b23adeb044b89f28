//! The fault matrix: show, list --all and watch under every failure the simulator can
//! inject end with the promised exit code, one clear message, no panic, no hang and no
//! partial garbage on stdout; and the token stays out of everything printed (checked by
//! the harness on every run).

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate, JobSpec, Sim};

use super::*;

/// A fault, the exit code it must end in, and a phrase stderr must contain.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) fault: Fault,
    pub(super) code: i32,
    pub(super) says: &'static str,
}

/// `path` is where the redirect loop points: the request's own path.
pub(super) fn cases(target: FaultTarget, path: &str) -> Vec<Case> {
    let f = |kind: FaultKind| Fault::new(kind).on(target.clone());
    let status = |code: u16, times: usize| Fault::status(code).on(target.clone()).times(times);
    vec![
        Case {
            name: "maintenance",
            fault: Fault::maintenance(1).on(target.clone()),
            code: 0,
            says: "maintenance",
        },
        Case {
            name: "429 burst",
            fault: f(FaultKind::Status {
                code: 429,
                body: None,
                retry_after: Some("1".into()),
            })
            .times(2),
            code: 0,
            says: "HTTP 429",
        },
        Case {
            name: "short 502 burst",
            fault: status(502, 2),
            code: 0,
            says: "HTTP 502",
        },
        Case {
            name: "long 500 burst",
            fault: status(500, 10),
            code: 5,
            says: "answered HTTP 500",
        },
        Case {
            name: "504 burst",
            fault: status(504, 10),
            code: 5,
            says: "answered HTTP 504",
        },
        Case {
            name: "reset",
            fault: f(FaultKind::Drop),
            code: 0,
            says: "retrying",
        },
        Case {
            name: "truncated",
            fault: f(FaultKind::Truncated),
            code: 0,
            says: "broke off",
        },
        Case {
            name: "hang",
            fault: f(FaultKind::Hang).times(10),
            code: 5,
            says: "timed out",
        },
        Case {
            name: "html",
            fault: f(FaultKind::NonJson),
            code: 5,
            says: "not JSON",
        },
        Case {
            name: "not a job",
            fault: f(FaultKind::Body(r#"{"unexpected": true}"#.into())).times(10),
            code: 5,
            says: "expected",
        },
        Case {
            name: "huge",
            fault: f(FaultKind::Huge { bytes: 200 << 20 }),
            code: 5,
            says: "more than 64 MiB",
        },
        Case {
            name: "redirect loop",
            fault: f(FaultKind::Redirect {
                location: path.into(),
                status: 302,
            })
            .times(50),
            code: 5,
            says: "redirect loop",
        },
        Case {
            name: "cross-origin redirect",
            fault: f(FaultKind::Redirect {
                location: "http://127.0.0.2:9/v2/storage/jobs".into(),
                status: 307,
            }),
            code: 5,
            says: "another origin",
        },
    ]
}

/// Runs `check` on every case, several at once, each on a thread of its own (every case
/// has its own server): the cases mostly wait, on a retry's backoff or a timeout, so the
/// matrix takes about as long as its slowest cases, not their sum. A failing case fails
/// the test, and every failing case is named.
pub(super) fn each_case(cases: Vec<Case>, check: impl Fn(Case) + Sync) {
    /// Few enough that a busy machine still answers each within the request timeout.
    const AT_ONCE: usize = 6;
    let queue = Mutex::new(cases);
    let failed = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| {
                loop {
                    let Some(case) = queue.lock().unwrap().pop() else {
                        return;
                    };
                    let name = case.name;
                    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)))
                        .is_err()
                    {
                        failed.lock().unwrap().push(name);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    assert!(failed.is_empty(), "failed under these faults: {failed:?}");
}

/// Short enough that a hang costs seconds, not minutes; loose enough that on a loaded
/// machine an answer the fault spared still arrives in time (a burst of 2 leaves 2 tries).
pub(super) const FLAGS: [&str; 4] = ["--retries", "3", "--request-timeout", "1s"];

/// The job ids of JSON lines (each server's URL differs, the jobs do not).
fn ids(jsonl: &str) -> Vec<u64> {
    jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a whole JSON line")["id"]
                .as_u64()
                .expect("an id")
        })
        .collect()
}

#[test]
fn list_all_under_every_fault() {
    let s = server_with(Sim::with_generated(450, 7));
    let clean = jobctl(&s)
        .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
        .stdout_any()
        .run();
    let expected = ids(&clean.stdout);
    assert_eq!(expected.len(), 450);
    each_case(cases(FaultTarget::List, "/v2/storage/jobs"), |case| {
        // A fresh server each time, so that no unused fault carries over.
        let s = server_with(Sim::with_generated(450, 7));
        s.sim().push_fault(case.fault);
        let out = jobctl(&s)
            .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
            .args(FLAGS)
            .code(case.code)
            .stderr_has(case.says)
            .stdout_any()
            .run();
        let got = ids(&out.stdout);
        if case.code == 0 {
            assert_eq!(got, expected, "{}: every job once, in order", case.name);
        } else {
            // Whatever was printed before the failure is whole lines of real jobs, in order.
            assert!(
                out.stdout.is_empty() || out.stdout.ends_with('\n'),
                "{}",
                case.name
            );
            assert_eq!(got[..], expected[..got.len()], "{}", case.name);
        }
        assert_eq!(
            out.stderr.matches("error:").count(),
            (case.code != 0) as usize,
            "{}: {out}",
            case.name
        );
    });
}

#[test]
fn show_under_every_fault() {
    let body = fixture("tableExport-success.json");
    each_case(
        cases(FaultTarget::JobDetail, "/v2/storage/jobs/22070936"),
        |case| {
            let s = server();
            s.sim().add_raw_job(22070936, &body);
            s.sim().push_fault(case.fault);
            let expected_stdout = if case.code == 0 {
                minified(&body) + "\n"
            } else {
                String::new()
            };
            jobctl(&s)
                .args(["show", "--kind", "storage", "22070936", "-o", "json"])
                .args(FLAGS)
                .code(case.code)
                .stderr_has(case.says)
                .stdout_eq(expected_stdout)
                .run();
        },
    );
}

#[test]
fn watch_under_every_fault() {
    each_case(cases(FaultTarget::Any, "/v2/storage/jobs/300"), |case| {
        let s = server();
        s.sim().add_job(
            JobSpec::success(300, "tableImport")
                .waiting(Duration::from_millis(300))
                .processing(Duration::from_millis(300)),
        );
        s.sim().push_fault(case.fault);
        let succeeds = case.code == 0;
        jobctl(&s)
            .args(["watch", "--kind", "storage", "300", "-o", "json"])
            .args(FLAGS)
            .args(["--progress", "plain"])
            .code(case.code)
            .stderr_has(case.says)
            .stdout_is("the final job on success, else nothing", move |o| {
                if succeeds {
                    o.starts_with("{\"id\":300,\"status\":\"success\"")
                } else {
                    o.is_empty()
                }
            })
            .run();
    });
}

#[test]
fn connection_refused_is_exit_5_for_every_command() {
    let s = server();
    let url = s.url();
    drop(s);
    for args in [&["show", "1"][..], &["list", "--all"], &["watch", "1"]] {
        jobctl_bare()
            .env("KBC_STORAGE_API_HOST", &url)
            .env("KBC_STORAGE_API_TOKEN", TOKEN)
            .args(args)
            .args(["--retries", "1"])
            .code(5)
            .stderr_has("connection failed")
            .run();
    }
}

#[test]
fn jobs_with_wrong_types_are_shown_or_refused_clearly() {
    let s = server();
    s.sim().add_raw_job(
        1,
        r#"{"id":1,"status":"success","createdTime":12,"startTime":"soon","endTime":[],"metrics":{"inBytes":"lots","outBytes":-1},"operationName":7}"#,
    );
    s.sim().add_raw_job(2, r#"{"id":"two","status":"success"}"#);
    s.sim().add_raw_job(3, r#"{"id":3.5,"status":"success"}"#);
    jobctl(&s)
        .args(["show", "1"])
        .stdout_has("Operation: 7\n")
        // Sizes that are no numbers count as nothing.
        .stdout_has("Metrics:   no data transferred\n")
        .run();
    jobctl(&s)
        .args(["show", "1", "-o", "json"])
        .stdout_has(r#""inBytes":"lots""#)
        .run();
    for id in ["2", "3"] {
        jobctl(&s)
            .args(["show", id])
            .code(5)
            .stderr_has("is not a job id")
            .run();
    }
}

/// Whole JSON lines of jobs, at least one.
fn whole_job_lines(stdout: &str) -> bool {
    !stdout.is_empty()
        && stdout.ends_with('\n')
        && stdout.lines().all(|line| {
            serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v["id"].is_u64())
        })
}

#[test]
fn list_all_stopped_by_a_signal_leaves_only_whole_lines() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let s = server_with(Sim::with_generated(5000, 3));
        // Pages keep coming for a while (so the signal may hit jobctl mid-write), and
        // the listing cannot end before the signal: later pages are held.
        s.sim().push_fault(
            Fault::new(FaultKind::Latency(Duration::from_millis(300)))
                .on(FaultTarget::List)
                .times(40),
        );
        s.sim().push_fault(
            Fault::new(FaultKind::Hold(Gate::new()))
                .on(FaultTarget::List)
                .times(1000),
        );
        let listing = jobctl(&s)
            .args(["list", "--all", "--page-size", "50", "-o", "jsonl"])
            .code(code)
            .stdout_is("whole JSON lines of jobs", whole_job_lines)
            .spawn();
        listing.wait_for(Stream::Stdout, "a first whole line", |o| o.contains('\n'));
        listing.signal(signal);
        listing.wait();
    }
}

#[test]
fn list_all_into_a_closed_pipe_ends_quietly_with_0() {
    let s = server_with(Sim::with_generated(3000, 5));
    // Read a little, then hang up, as `| head -c 100` would.
    jobctl(&s)
        .args(["list", "--all", "-o", "jsonl"])
        .close_stdout_after(100)
        .stdout_is("the 100 bytes or more read", |o| o.len() >= 100)
        .run();
}

#[test]
fn a_host_that_accepts_but_never_answers_is_named_after_a_few_seconds_and_given_up_on() {
    // Accepts connections and never reads or answers them.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((conn, _)) = listener.accept() {
            held.push(conn);
        }
    });
    let out = jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["--host", &url, "--debug", "--retries", "0"])
        .args(["--request-timeout", "4s", "show", "1"])
        .code(5)
        .stderr_has(&format!(
            "jobctl: {url} has not answered GET {url}/v2/storage/jobs/1 in 3s; waiting up to \
             4s in all, then give up"
        ))
        .stderr_has(&format!(
            "jobctl: error: cannot reach {url}/v2/storage/jobs/1: timed out"
        ))
        .run();
    assert!(!out.stderr.contains("retrying"), "{out:?}");
}
