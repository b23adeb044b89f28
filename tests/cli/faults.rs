//! The fault matrix: every command of either kind (show, list --all, watch; a queue job's
//! kill and run tree) under every failure the simulator can inject, each where it strikes
//! that kind's API, ends with the promised exit code, one clear message, no panic, no hang
//! and no partial garbage on stdout; and the token stays out of everything printed
//! (checked by the harness on every run).

use jobctl::sim::{
    Anchor, Fault, FaultKind, FaultTarget, GENERATED_QUEUE_BASE, Gate, JobSpec, QueueJobSpec, Sim,
};

use super::*;

/// A fault, the exit code it must end in, and a phrase stderr must contain.
struct Case {
    name: &'static str,
    fault: Fault,
    code: i32,
    says: &'static str,
}

/// `path` is where the redirect loop points: the request's own path.
fn cases(target: FaultTarget, path: &str) -> Vec<Case> {
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
fn each_case<C: Send>(cases: Vec<(String, C)>, check: impl Fn(C) + Sync) {
    /// Few enough that a busy machine still answers each within the request timeout.
    const AT_ONCE: usize = 6;
    let queue = Mutex::new(cases);
    let failed = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| {
                loop {
                    let Some((name, case)) = queue.lock().unwrap().pop() else {
                        return;
                    };
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
const FLAGS: [&str; 4] = ["--retries", "3", "--request-timeout", "1s"];

/// A command under test on one kind: a fresh server for each case, its arguments, where
/// its faults strike (and where a redirect loop points: the request's own path), and
/// what its stdout must hold, given whether it succeeded.
struct Subject {
    name: &'static str,
    serve: Box<dyn Fn() -> SimServer + Sync>,
    args: Vec<String>,
    target: FaultTarget,
    path: &'static str,
    stdout: StdoutCheck,
}

/// Checks a subject's stdout, given whether it succeeded (failing an assertion).
type StdoutCheck = Box<dyn Fn(bool, &str) + Sync>;

/// Every fault of [`cases`] on every subject: each on a server of its own, with the same
/// checks of exit code, stderr and stdout. A failing case is named `subject: fault`.
fn under_every_fault(subjects: Vec<Subject>) {
    let mut all = Vec::new();
    for (i, subject) in subjects.iter().enumerate() {
        for case in cases(subject.target.clone(), subject.path) {
            all.push((format!("{}: {}", subject.name, case.name), (i, case)));
        }
    }
    each_case(all, |(i, case)| {
        let subject = &subjects[i];
        let s = (subject.serve)();
        s.sim().push_fault(case.fault);
        let out = jobctl(&s)
            .args(&subject.args)
            .args(FLAGS)
            .code(case.code)
            .stderr_has(case.says)
            .stdout_any()
            .run();
        (subject.stdout)(case.code == 0, &out.stdout);
        // One error, said once; none when the retries saw it through.
        assert_eq!(
            out.stderr.matches("error:").count(),
            (case.code != 0) as usize,
            "{out}"
        );
    });
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

/// The ids of JSON lines of jobs of either kind (a queue job's id is a digit string).
fn ids(jsonl: &str) -> Vec<u64> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a whole JSON line");
            match &v["id"] {
                serde_json::Value::String(s) => s.parse().expect("a queue job's id"),
                id => id.as_u64().expect("an id"),
            }
        })
        .collect()
}

/// The server's bytes of the job on success, nothing on failure.
fn the_job_or_nothing(body: &str) -> StdoutCheck {
    let expected = minified(body) + "\n";
    Box::new(move |ok, stdout| match ok {
        true => assert_eq!(stdout, expected),
        false => assert_eq!(stdout, ""),
    })
}

#[test]
fn show_of_either_kind_under_every_fault() {
    let storage = fixture("tableExport-success.json");
    let queue = fixture("queue/queue-standard-error.json");
    let storage_server = {
        let body = storage.clone();
        move || {
            let s = server();
            s.sim().add_raw_job(22070936, &body);
            s
        }
    };
    let queue_server = {
        let body = queue.clone();
        move || {
            let s = server();
            s.sim().add_raw_queue_job(10441200, &body);
            s
        }
    };
    let storage_path = "/v2/storage/jobs/22070936";
    let queue_path = "/jobs/10441200";
    under_every_fault(vec![
        Subject {
            name: "show --kind storage",
            serve: Box::new(storage_server.clone()),
            args: strings(&["show", "--kind", "storage", "22070936", "-o", "json"]),
            target: FaultTarget::JobDetail,
            path: storage_path,
            stdout: the_job_or_nothing(&storage),
        },
        Subject {
            name: "queue show",
            serve: Box::new(queue_server.clone()),
            args: strings(&["queue", "show", "10441200", "-o", "json"]),
            target: FaultTarget::Path(queue_path.into()),
            path: queue_path,
            stdout: the_job_or_nothing(&queue),
        },
        // A bare id asks both APIs: the fault strikes the one that has the job, the other
        // says it has none.
        Subject {
            name: "show <bare storage id>",
            serve: Box::new(storage_server),
            args: strings(&["show", "22070936", "-o", "json"]),
            target: FaultTarget::JobDetail,
            path: storage_path,
            stdout: the_job_or_nothing(&storage),
        },
        Subject {
            name: "show <bare queue id>",
            serve: Box::new(queue_server),
            args: strings(&["show", "10441200", "-o", "json"]),
            target: FaultTarget::Path(queue_path.into()),
            path: queue_path,
            stdout: the_job_or_nothing(&queue),
        },
    ]);
}

#[test]
fn list_all_of_either_kind_under_every_fault() {
    let storage_server = || server_with(Sim::with_generated(450, 7));
    let queue_server = || {
        let sim = Sim::empty();
        sim.add_generated_queue_jobs(450, 7);
        server_with(sim)
    };
    let listing = ["--all", "--page-size", "100", "-o", "jsonl"];
    let clean = jobctl(&storage_server())
        .arg("list")
        .args(listing)
        .stdout_any()
        .run();
    let storage_ids = ids(&clean.stdout);
    assert_eq!(storage_ids.len(), 450);
    let queue_ids: Vec<u64> = (GENERATED_QUEUE_BASE + 1..=GENERATED_QUEUE_BASE + 450)
        .rev()
        .collect();
    // Every job once, in order; after a failure, whole lines of real jobs in order.
    let in_order = |expected: Vec<u64>| -> StdoutCheck {
        Box::new(move |ok, stdout| {
            let got = ids(stdout);
            match ok {
                true => assert_eq!(got, expected, "every job once, in order"),
                false => {
                    assert!(stdout.is_empty() || stdout.ends_with('\n'), "{stdout}");
                    assert_eq!(got[..], expected[..got.len()]);
                }
            }
        })
    };
    let mut queue_args = strings(&["queue", "list"]);
    queue_args.extend(strings(&listing));
    let mut storage_args = strings(&["list"]);
    storage_args.extend(strings(&listing));
    under_every_fault(vec![
        Subject {
            name: "list --all",
            serve: Box::new(storage_server),
            args: storage_args,
            target: FaultTarget::List,
            path: "/v2/storage/jobs",
            stdout: in_order(storage_ids),
        },
        Subject {
            name: "queue list --all",
            serve: Box::new(queue_server),
            args: queue_args,
            target: FaultTarget::Path("/search/jobs".into()),
            path: "/search/jobs",
            stdout: in_order(queue_ids),
        },
    ]);
}

#[test]
fn watch_of_either_kind_under_every_fault() {
    // Every request is a target: the stack's index, the job, the history of its kind.
    under_every_fault(
        vec![
            Subject {
                name: "watch --kind storage",
                serve: Box::new(|| {
                    let s = server();
                    s.sim().add_job(
                        JobSpec::success(300, "tableImport")
                            .waiting(Duration::from_millis(300))
                            .processing(Duration::from_millis(300)),
                    );
                    s
                }),
                args: strings(&["watch", "--kind", "storage", "300", "-o", "json"]),
                target: FaultTarget::Any,
                path: "/v2/storage/jobs/300",
                stdout: Box::new(|ok, stdout| match ok {
                    true => assert!(
                        stdout.starts_with("{\"id\":300,\"status\":\"success\""),
                        "{stdout}"
                    ),
                    false => assert_eq!(stdout, ""),
                }),
            },
            Subject {
                name: "queue watch",
                serve: Box::new(|| {
                    let s = server();
                    s.sim().add_queue_job(
                        QueueJobSpec::standard(300, "keboola.ex-http", "7", Anchor::Live)
                            .times(0, 300, 600),
                    );
                    s
                }),
                args: strings(&["queue", "watch", "300", "-o", "json"]),
                target: FaultTarget::Any,
                path: "/v2/storage",
                stdout: Box::new(|ok, stdout| match ok {
                    true => assert!(
                        stdout.starts_with("{\"id\":\"300\"")
                            && stdout.contains("\"status\":\"success\""),
                        "{stdout}"
                    ),
                    false => assert_eq!(stdout, ""),
                }),
            },
        ]
        .into_iter()
        .map(|mut subject| {
            subject.args.extend(strings(&["--progress", "plain"]));
            subject
        })
        .collect(),
    );
}

/// Queue jobs only: a storage job can be neither killed nor drawn as a run.
#[test]
fn kill_and_the_run_tree_of_a_queue_job_under_every_fault() {
    let demo = || server_with(Sim::demo(42));
    let flow = demo()
        .sim()
        .demo_queue()
        .expect("the demo's flows")
        .failed_flow
        .to_string();
    let tree = ["queue", "show", &flow, "--tree", "-o", "json"];
    let clean = jobctl(&demo()).args(tree).stdout_any().run();
    // The same tree from another server differs only in the URLs it holds.
    fn shape(json: &str) -> serde_json::Value {
        fn ids(v: &serde_json::Value) -> serde_json::Value {
            serde_json::json!({
                "kind": v["kind"],
                "id": v["job"]["id"],
                "status": v["job"]["status"],
                "children": v["children"].as_array().map(|c| c.iter().map(ids).collect::<Vec<_>>()),
            })
        }
        ids(&serde_json::from_str(json).expect("the tree as JSON"))
    }
    let expected = shape(&clean.stdout);
    under_every_fault(vec![
        Subject {
            name: "queue kill",
            serve: Box::new(|| {
                let s = server();
                s.sim().add_queue_job(
                    QueueJobSpec::standard(
                        7,
                        "keboola.ex-http",
                        "7",
                        Anchor::Fixed(now_ms() - 5_000),
                    )
                    .times(0, 1_000, 3_600_000),
                );
                s
            }),
            args: strings(&["queue", "kill", "7"]),
            target: FaultTarget::Path("/jobs/7/kill".into()),
            path: "/jobs/7/kill",
            // One line a job whatever happened: `failed`, with the reason on stderr.
            stdout: Box::new(|ok, stdout| match ok {
                true => assert_eq!(stdout, "7\tkilled\n"),
                false => assert_eq!(stdout, "7\tfailed\n"),
            }),
        },
        // The phases' search: the level that fans out to the tasks and the storage jobs.
        Subject {
            name: "show --tree",
            serve: Box::new(demo),
            args: strings(&tree),
            target: FaultTarget::Path("/search/jobs".into()),
            path: "/search/jobs",
            stdout: Box::new(move |ok, stdout| match ok {
                true => assert_eq!(shape(stdout), expected),
                false => assert_eq!(stdout, ""),
            }),
        },
    ]);
}

#[test]
fn an_unreachable_api_is_exit_5_for_every_command_of_its_kind() {
    let gone = server();
    let (storage, queue) = (gone.url(), gone.queue_url());
    drop(gone);
    for args in [&["show", "1"][..], &["list", "--all"], &["watch", "1"]] {
        jobctl_bare()
            .env("KBC_STORAGE_API_HOST", &storage)
            .env("KBC_STORAGE_API_TOKEN", TOKEN)
            .args(args)
            .args(["--retries", "1"])
            .code(5)
            .stderr_has("connection failed")
            .run();
    }
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
            .args(["--queue-host", &queue, "--retries", "1"])
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
        Fault::new(FaultKind::Status {
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
