//! Safety against a real stack: polling floors and backoff (counted and timed from the
//! simulator's request log), where the host and the token come from, and honest 404s.

use std::path::PathBuf;

use jobctl::sim::RequestRecord;

use super::*;

fn listings(s: &SimServer) -> Vec<RequestRecord> {
    s.sim()
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v2/storage/jobs")
        .collect()
}

#[test]
fn list_watch_interval_0_is_raised_to_the_floor_and_backs_off_while_nothing_changes() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    let note = "jobctl: --interval 0ms is below the 200ms floor: polling every 200ms\n";
    let watch = jobctl(&s)
        .args(["list", "--watch", "--interval", "0s"])
        .code(130)
        .stdout_any()
        .stderr_eq(note)
        .spawn();
    watch.wait_stderr_has(note);
    // The listing (a first page, and one look past its short end), then four polls of
    // an unchanging first page.
    s.sim().wait_for_log("six list requests", |log| {
        log.iter().filter(|r| r.path == "/v2/storage/jobs").count() >= 6
    });
    watch.signal("INT");
    watch.wait();
    let log = listings(&s);
    assert_eq!(log[1].query, "limit=100&offset=1", "{log:?}");
    let log = &log[1..];
    assert!(
        log[1..].iter().all(|r| r.query == "limit=100&offset=0"),
        "{log:?}"
    );
    let gaps: Vec<Duration> = log.windows(2).map(|w| w[1].at - w[0].at).collect();
    // Each wait is at least the schedule's (a little slack for the request's own trip):
    // 200 ms after the listing, then twice as long after each poll that changed nothing.
    let slack = Duration::from_millis(30);
    for (gap, want) in gaps.iter().zip([200u64, 400, 800, 1600]) {
        assert!(
            *gap + slack >= Duration::from_millis(want),
            "waited {gap:?}, want {want} ms: {gaps:?}"
        );
    }
}

#[test]
fn watch_says_when_it_raises_the_interval() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    jobctl(&s)
        .args(["watch", "1", "--interval", "50ms", "--progress", "none"])
        .stdout_any()
        .stderr_eq("jobctl: --interval 50ms is below the 200ms floor: polling every 200ms\n")
        .run();
    // No note when the interval is above the floor.
    jobctl(&s)
        .args(["watch", "1", "--interval", "1s", "--progress", "none"])
        .stdout_any()
        .run();
}

/// A server with job 1 and a config file whose profile `prod` points at it, its token read
/// by `token_command`; `default` makes it the default profile. The folder lives as long
/// as the returned `TempDir`.
fn prod_profile(name: &str, default: bool) -> (SimServer, PathBuf, PathBuf, TempDir) {
    use super::ecosystem::{scratch, token_file, write_config};
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    let dir = scratch(&format!("safety-{name}"));
    let tok = token_file(&dir);
    let default = if default {
        "default_profile = \"prod\"\n"
    } else {
        ""
    };
    let config = write_config(
        &dir,
        &format!(
            "{default}[profiles.prod]\nhost = \"{}\"\ntoken_command = \"cat '{}'\"\n",
            s.url(),
            tok.display()
        ),
    );
    (s, config, tok, dir)
}

/// A stack that is not the profile's: nothing listens there.
const ELSEWHERE: &str = "http://127.0.0.1:9";

#[test]
fn an_explicit_profile_beats_the_environment_for_host_and_token() {
    let (s, config, _, _dir) = prod_profile("explicit", false);
    for (flag, env) in [(true, None), (false, Some("prod"))] {
        let mut c = jobctl_bare()
            .env("JOBCTL_CONFIG", &config)
            .env("KBC_STORAGE_API_HOST", ELSEWHERE)
            .env("KBC_STORAGE_API_TOKEN", "1-2-other-stack-token")
            .args(["--retries", "0", "--debug"]);
        if flag {
            c = c.args(["--profile", "prod"]);
        }
        if let Some(name) = env {
            c = c.env("JOBCTL_PROFILE", name);
        }
        let out = c
            .args(["show", "--kind", "storage", "1", "--jq", ".id"])
            .stdout_eq("1\n")
            .stderr_has(&format!(
                "jobctl: debug: host {} from profile 'prod'; token from profile 'prod'",
                s.url()
            ))
            .run();
        assert!(!out.stderr.contains("other-stack-token"), "{out:?}");
    }
    assert!(
        s.sim().requests().iter().all(|r| r.status == 200),
        "the profile's token was accepted"
    );
}

#[test]
fn flags_still_beat_an_explicit_profile() {
    let (s, config, tok, _dir) = prod_profile("flags", false);
    // The token from a flag, the host from the profile.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "prod", "--debug", "--token-file"])
        .arg(&tok)
        .args(["show", "--kind", "storage", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .stderr_has(&format!(
            "debug: host {} from profile 'prod'; token from --token-file",
            s.url()
        ))
        .run();
    // Both from flags: the profile gives nothing.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args([
            "--profile",
            "prod",
            "--debug",
            "--host",
            &s.url(),
            "--token",
            TOKEN,
        ])
        .args(["show", "--kind", "storage", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .stderr_has(&format!(
            "debug: host {} from --host; token from --token",
            s.url()
        ))
        .run();
}

#[test]
fn a_profiles_token_never_goes_to_a_host_from_elsewhere() {
    let (s, config, _, _dir) = prod_profile("mixed", true);
    // Host from the environment, token from the default profile.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("KBC_STORAGE_API_HOST", ELSEWHERE)
        .args(["show", "--kind", "storage", "1"])
        .code(2)
        .stderr_has("refusing to send the token of default profile 'prod'")
        .stderr_has(&format!(
            "to {ELSEWHERE} (the host from KBC_STORAGE_API_HOST)"
        ))
        .run();
    // Host from a flag, token from an explicit profile.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args([
            "--profile",
            "prod",
            "--host",
            ELSEWHERE,
            "show",
            "--kind",
            "storage",
            "1",
        ])
        .code(2)
        .stderr_has("refusing to send the token of profile 'prod'")
        .stderr_has("(the host from --host)")
        .run();
    // The same host, spelled differently, is the profile's own.
    let spelled = format!("{}/", s.url().to_uppercase().replace("HTTP://", "http://"));
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("KBC_STORAGE_API_HOST", &spelled)
        .args(["show", "--kind", "storage", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .run();
    // A variable's token does not go to the default profile's host either.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("KBC_STORAGE_API_TOKEN", "1-2-other-stack-token")
        .args(["show", "--kind", "storage", "1"])
        .code(2)
        .stderr_has("refusing to send the token from KBC_STORAGE_API_TOKEN")
        .stderr_has("(the host from default profile 'prod')")
        .run();
    assert!(
        s.sim().requests().iter().all(|r| r.status == 200),
        "no request carried a token its host does not know: {:?}",
        s.sim().requests()
    );
}

#[test]
fn debug_names_where_host_and_token_came_from() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    jobctl(&s)
        .args(["--debug", "show", "--kind", "storage", "1"])
        .stdout_any()
        .stderr_has(&format!(
            "debug: host {} from KBC_STORAGE_API_HOST; token from KBC_STORAGE_API_TOKEN",
            s.url()
        ))
        .run();
    jobctl_bare()
        .env("KBC_TOKEN", TOKEN)
        .args([
            "--debug",
            "--host",
            &s.url(),
            "show",
            "--kind",
            "storage",
            "1",
        ])
        .stdout_any()
        .stderr_has("from --host; token from KBC_TOKEN")
        .run();
}

#[test]
fn only_the_apis_own_404_is_job_not_found() {
    use jobctl::sim::{Fault, FaultKind};
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    jobctl(&s)
        .args(["show", "404"])
        .code(3)
        .stderr_eq(
            "jobctl: error: job 404 not found: neither the Storage API nor the Queue API has it\n",
        )
        .run();
    // Another web server's 404 page, for a job and for the listing.
    for args in [
        &["show", "--kind", "storage", "1"][..],
        &["list"],
        &["watch", "--kind", "storage", "1"],
    ] {
        s.sim().push_fault(Fault::new(FaultKind::NotFoundPage));
        jobctl(&s)
            .args(args)
            .code(5)
            .stderr_has("does not look like a Keboola Storage API: it answered HTTP 404: <html>")
            .stderr_has("check --host")
            .run();
    }
}

/// 404 bodies the API's own error may take, whatever its code says, and bodies that are
/// no API's.
const API_404S: [&str; 5] = [
    r#"{"error":"Job not found","code":"notFound","status":"error"}"#,
    r#"{"error":"Job not found","code":"storage.jobs.notFound"}"#,
    r#"{"error":"Table not found","code":"storage.tableNotFound","exceptionId":"x"}"#,
    r#"{"error":"Job \"7\" not found","code":404,"exceptionId":"job-queue-1"}"#,
    r#"{"error":"Job not found","status":"error"}"#,
];
const FOREIGN_404S: [&str; 3] = [
    "<html><body><h1>404 Not Found</h1></body></html>",
    "",
    r#"{"message":"Not Found"}"#,
];

fn fault_404(path: &str, body: &str) -> jobctl::sim::Fault {
    use jobctl::sim::{Fault, FaultKind, FaultTarget};
    Fault::new(FaultKind::Status {
        code: 404,
        body: Some(body.into()),
        retry_after: None,
    })
    .on(FaultTarget::Path(path.into()))
}

#[test]
fn a_404_in_the_apis_json_error_shape_is_not_found_whatever_the_code() {
    let s = server();
    for body in API_404S {
        s.sim().push_fault(fault_404("/v2/storage/jobs/7", body));
        jobctl(&s)
            .args(["show", "--kind", "storage", "7"])
            .code(3)
            .stderr_eq("jobctl: error: job 7 not found\n")
            .run();
        s.sim().push_fault(fault_404("/jobs/7", body));
        jobctl(&s)
            .args(["queue", "show", "7"])
            .code(3)
            .stderr_eq("jobctl: error: job 7 not found\n")
            .run();
    }
    for body in FOREIGN_404S {
        s.sim().push_fault(fault_404("/v2/storage/jobs/7", body));
        jobctl(&s)
            .args(["show", "--kind", "storage", "7"])
            .code(5)
            .stderr_has("does not look like a Keboola Storage API: it answered HTTP 404")
            .stderr_has("check --host")
            .run();
        s.sim().push_fault(fault_404("/jobs/7", body));
        jobctl(&s)
            .args(["queue", "show", "7"])
            .code(5)
            .stderr_has("does not look like the stack's Queue API: it answered HTTP 404")
            .stderr_has("check --queue-host")
            .run();
    }
}

#[test]
fn a_pasted_v2_storage_is_named_with_the_host_to_use() {
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    let pasted = format!("{}/v2/storage/", s.url());
    jobctl(&s)
        .env("KBC_STORAGE_API_HOST", &pasted)
        .args(["show", "--kind", "storage", "1"])
        .code(5)
        .stderr_has(&format!(
            "{}/v2/storage/v2/storage/jobs/1 does not look like a Keboola Storage API",
            s.url()
        ))
        .stderr_has(&format!(
            "strip the pasted /v2/storage from the host (--host {})",
            s.url()
        ))
        .run();
}

#[test]
fn https_to_a_plain_http_server_says_so_at_once() {
    let s = server();
    let https = s.url().replace("http://", "https://");
    let out = jobctl(&s)
        .env("KBC_STORAGE_API_HOST", &https)
        .args(["show", "--kind", "storage", "1"])
        .code(5)
        .stderr_has("does not look like a Keboola Storage API")
        .stderr_has("use http:// instead of https://")
        .run();
    assert!(!out.stderr.contains("retrying"), "{out:?}");
    assert!(s.sim().requests().is_empty(), "no request was understood");
}

#[test]
fn a_host_that_does_not_resolve_is_not_retried() {
    // `.invalid` never resolves (RFC 2606).
    let out = jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args([
            "--host",
            "jobctl-test.invalid",
            "show",
            "--kind",
            "storage",
            "1",
        ])
        .code(5)
        .stderr_has("cannot reach https://jobctl-test.invalid/v2/storage/jobs/1")
        .stderr_has("the host name does not resolve; check --host")
        .run();
    assert!(!out.stderr.contains("retrying"), "{out:?}");
}

#[test]
fn watch_follows_the_jobs_that_exist_and_exits_3_for_the_missing_one() {
    use jobctl::sim::JobSpec;
    let s = server();
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    s.sim().add_job(
        JobSpec::success(2, "tableImport")
            .waiting(Duration::from_millis(300))
            .processing(Duration::from_millis(300)),
    );
    let out = jobctl(&s)
        .args([
            "watch",
            "1",
            "999",
            "2",
            "-o",
            "json",
            "--progress",
            "plain",
        ])
        .code(3)
        .stdout_any()
        .stderr_has("jobctl: error: job 999 not found")
        .run();
    // Reported at the first look, before job 2 was seen to finish.
    let at = |needle: &str| out.stderr.find(needle).unwrap_or(usize::MAX);
    assert!(at("job 999 not found") < at("success"), "{}", out.stderr);
    let jobs: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let final_states: Vec<(u64, &str)> = jobs
        .as_array()
        .unwrap()
        .iter()
        .map(|j| (j["id"].as_u64().unwrap(), j["status"].as_str().unwrap()))
        .collect();
    assert_eq!(final_states, [(1, "success"), (2, "success")]);
    // A failed job among them: the missing one still decides the exit.
    s.sim().add_raw_job(3, r#"{"id": 3, "status": "error"}"#);
    jobctl(&s)
        .args(["watch", "3", "999", "--progress", "none"])
        .code(3)
        .stdout_any()
        .stderr_has("job 999 not found")
        .run();
    // Nothing to watch at all: exit 3 at once.
    jobctl(&s)
        .args(["watch", "998", "999"])
        .code(3)
        .stderr_has("job 998 not found")
        .stderr_has("job 999 not found")
        .run();
}

#[test]
fn jq_sees_one_job_at_a_time_however_many_ids() {
    let s = server();
    for (id, status) in [(1, "success"), (2, "error"), (3, "success")] {
        s.sim()
            .add_raw_job(id, &format!(r#"{{"id": {id}, "status": "{status}"}}"#));
    }
    let expr = r#""\(.id) \(.status)""#;
    for (ids, want) in [
        (&["2"][..], "2 error\n"),
        (&["3", "1", "2"], "3 success\n1 success\n2 error\n"),
    ] {
        for command in ["show", "watch"] {
            jobctl(&s)
                .arg(command)
                .args(ids)
                .args(["--progress", "none"].iter().filter(|_| command == "watch"))
                .args(["--jq", expr])
                // Job 2 failed: a watch of it says so.
                .code(if command == "watch" { 1 } else { 0 })
                .stdout_eq(want)
                .run();
        }
    }
    // -o json keeps its shape: an object for one id.
    jobctl(&s)
        .args(["show", "2", "-o", "json"])
        .stdout_is("one object", |o| o.starts_with('{'))
        .run();
}

#[test]
fn conflicting_options_are_rejected_in_clap_usage_form() {
    let s = server();
    for (args, message) in [
        (
            &["list", "--demo", "--host", "h"][..],
            "error: the argument '--demo' cannot be used with '--host <HOST>'",
        ),
        (
            &["--demo", "show", "--kind", "storage", "1", "--profile", "p"],
            "error: the argument '--demo' cannot be used with '--profile <NAME>'",
        ),
        (
            &[
                "show", "--kind", "storage", "1", "--jq", ".id", "-o", "table",
            ],
            "error: the argument '--jq <EXPR>' cannot be used with '--output table'",
        ),
        (
            &["list", "--columns", "id", "-o", "wide"],
            "error: the argument '--columns <COLUMNS>' cannot be used with '--output wide'",
        ),
    ] {
        jobctl_bare()
            .args(args)
            .code(2)
            .stderr_has(message)
            .stderr_has("For more information, try '--help'.")
            .run();
    }
    // JOBCTL_DEMO is not --demo: a flag naming a stack beats it, and a false value is off.
    s.sim().add_raw_job(1, r#"{"id": 1, "status": "success"}"#);
    for demo in ["1", "0"] {
        let note = match demo {
            "1" => "jobctl: JOBCTL_DEMO is set, but a flag names a real stack",
            _ => "",
        };
        jobctl_bare()
            .env("JOBCTL_DEMO", demo)
            .env("KBC_STORAGE_API_TOKEN", TOKEN)
            .args([
                "--host",
                &s.url(),
                "show",
                "--kind",
                "storage",
                "1",
                "--jq",
                ".id",
            ])
            .stdout_eq("1\n")
            .stderr_is("the JOBCTL_DEMO note only when it is on", move |e| {
                e.starts_with(note) && (note.is_empty() == e.is_empty())
            })
            .run();
    }
    assert!(
        s.sim().requests().len() >= 2,
        "both runs asked the simulator"
    );
}

#[test]
fn a_config_file_others_can_change_and_a_token_file_others_can_read_get_a_warning_once() {
    use std::os::unix::fs::PermissionsExt;
    let (s, config, tok, _dir) = prod_profile("modes", true);
    s.sim().add_raw_job(2, r#"{"id": 2, "status": "success"}"#);
    let chmod = |path: &PathBuf, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let show = || {
        jobctl_bare()
            .env("JOBCTL_CONFIG", &config)
            .args(["watch", "1", "2", "--jq", ".id", "--progress", "none"])
            .stdout_eq("1\n2\n")
    };
    // Private files: not a word.
    show().run();
    let config_warning = format!(
        "jobctl: warning: config file {0} can be changed by other users, and a config file \
         can make jobctl run a command (token_command); chmod 600 {0}\n",
        config.display()
    );
    for mode in [0o620, 0o602, 0o666] {
        chmod(&config, mode);
        show().stderr_eq(config_warning.clone()).run();
    }
    chmod(&config, 0o600);
    // The token file, whether a profile names it or --token-file does.
    chmod(&tok, 0o644);
    let token_warning = format!(
        "jobctl: warning: token file {0} can be read by other users; chmod 600 {0}\n",
        tok.display()
    );
    std::fs::write(
        &config,
        format!(
            "default_profile = \"prod\"\n[profiles.prod]\nhost = \"{}\"\ntoken_file = \"{}\"\n",
            s.url(),
            tok.display()
        ),
    )
    .unwrap();
    show().stderr_eq(token_warning.clone()).run();
    jobctl_bare()
        .args([
            "--host",
            &s.url(),
            "show",
            "1",
            "--jq",
            ".id",
            "--token-file",
        ])
        .arg(&tok)
        .stdout_eq("1\n")
        .stderr_eq(token_warning.clone())
        .run();
    // A token on stdin is no file to warn about.
    jobctl_bare()
        .args([
            "--host",
            &s.url(),
            "show",
            "1",
            "--jq",
            ".id",
            "--token-file",
            "-",
        ])
        .stdin(TOKEN)
        .stdout_eq("1\n")
        .run();
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "check"])
        .stdout_has("ok")
        .stderr_eq(token_warning)
        .run();
}

#[test]
fn a_token_the_server_echoes_never_reaches_any_output() {
    use jobctl::sim::{Fault, FaultKind, FaultTarget};
    let s = server();
    // A job whose message holds the token, once plainly and once behind JSON escapes.
    s.sim().add_raw_job(
        1,
        &format!(
            r#"{{"id": 1, "status": "error", "operationName": "tableImport",
                "error": {{"code": "x", "message": "bad header X-StorageApi-Token: {TOKEN}"}}}}"#
        ),
    );
    let escaped: String = TOKEN
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    s.sim().add_raw_job(
        2,
        &format!(r#"{{"id": 2, "status": "error", "operationName": "{escaped}"}}"#),
    );
    let masked = "bad header X-StorageApi-Token: ***";
    jobctl(&s).args(["show", "1"]).stdout_has(masked).run();
    jobctl(&s)
        .args(["show", "1", "--jq", ".error.message"])
        .stdout_eq(format!("{masked}\n"))
        .run();
    jobctl(&s)
        .args(["show", "1", "2", "-o", "json"])
        .stdout_has(masked)
        .stdout_has(r#""operationName":"***""#)
        .run();
    jobctl(&s)
        .args(["list", "--columns", "id,operation,errorMessage"])
        .stdout_has("2\t***")
        .stdout_has(masked)
        .run();
    // An API that echoes the header it refused, and a gateway's error page.
    s.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 401,
            body: Some(format!(
                r#"{{"error":"Invalid header X-StorageApi-Token: {TOKEN}","code":"storage.tokenInvalid"}}"#
            )),
            retry_after: None,
        })
        .on(FaultTarget::JobDetail)
        .times(1),
    );
    jobctl(&s)
        .args(["show", "1"])
        .code(4)
        .stderr_has("Invalid header X-StorageApi-Token: *** [storage.tokenInvalid]")
        .run();
    s.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 502,
            body: Some(format!("<html><body>upstream said {TOKEN}</body></html>")),
            retry_after: None,
        })
        .on(FaultTarget::JobDetail)
        .times(1),
    );
    jobctl(&s)
        .args(["--retries", "0", "show", "1"])
        .code(5)
        .stderr_has("upstream said ***")
        .run();
    // --jq's env and $ENV leave the token (and every KBC_ variable) out.
    jobctl(&s)
        .args([
            "show",
            "1",
            "--jq",
            "env.KBC_STORAGE_API_TOKEN, $ENV.KBC_STORAGE_API_HOST",
        ])
        .stdout_eq("null\nnull\n")
        .run();
}

#[test]
fn no_line_of_data_starts_a_workflow_command() {
    let s = server();
    for id in [1, 2] {
        s.sim().add_raw_job(
            id,
            &format!(
                r#"{{"id": {id}, "status": "success", "operationName": "::stop-commands::x",
                    "tableId": " ::error::y", "createdTime": "2026-11-29T10:0{id}:00+00:00",
                    "startTime": "2026-11-29T10:0{id}:01+00:00",
                    "endTime": "2026-11-29T10:0{id}:05+00:00"}}"#
            ),
        );
    }
    let no_command = |out: &str| out.lines().all(|l| !l.trim_start().starts_with("::"));
    jobctl(&s)
        .args(["list", "--columns", "operation,table,id"])
        .stdout_is("no line starts with ::", move |o| {
            no_command(o) && o.contains("\n\\::stop-commands::x\t ::error::y\t2\n")
        })
        .run();
    // Blanks first count as nothing: the runner trims them.
    jobctl(&s)
        .args(["list", "--columns", "table,id"])
        .stdout_is("no line starts with ::", move |o| {
            no_command(o) && o.contains("\n \\::error::y\t1\n")
        })
        .run();
    jobctl(&s)
        .args(["stats", "--since", "2026-11-29", "--by", "operation"])
        .stdout_is("no line starts with ::", move |o| {
            no_command(o) && o.contains("\n\\::stop-commands::x\t2\t")
        })
        .run();
    jobctl(&s)
        .args([
            "timeline",
            "--since",
            "2026-11-29T10:00:00Z",
            "--until",
            "2026-11-29T10:10:00Z",
            "--by",
            "operation",
        ])
        .stdout_is("no line starts with ::", move |o| {
            no_command(o) && o.contains("\n\\::stop-commands::x")
        })
        .run();
    jobctl(&s)
        .args(["list", "--jq", ".[].operationName"])
        .stdout_eq("\\::stop-commands::x\n\\::stop-commands::x\n")
        .run();
    // JSON keeps the server's bytes: no line of it can start with `::`.
    jobctl(&s)
        .args(["show", "1", "-o", "json"])
        .stdout_has(r#""operationName":"::stop-commands::x""#)
        .run();
}

#[test]
fn stats_byte_totals_do_not_wrap() {
    let dir = super::ecosystem::scratch("bytes");
    let file = dir.join("jobs.json");
    let job = |id: u32| {
        format!(
            r#"{{"id": {id}, "status": "success", "operationName": "tableImport",
                "createdTime": "2026-11-29T10:00:00+00:00",
                "metrics": {{"inBytes": 18446744073709551615, "outBytes": 18446744073709551615}}}}"#
        )
    };
    std::fs::write(&file, format!("[{},{},{}]", job(1), job(2), job(3))).unwrap();
    jobctl_bare()
        .args(["stats", "--file"])
        .arg(&file)
        .args(["--jq", ".total.inBytes, .total.outBytes"])
        .stdout_eq("18446744073709551615\n18446744073709551615\n")
        .run();
}
