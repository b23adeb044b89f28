//! The ecosystem features against the simulator: `--jq`, completions, the man page,
//! profiles and `config`, and colour when piped.

use jobctl::sim::JobSpec;

use super::*;

/// A server holding three finished jobs: 1 succeeded, 2 failed, 3 succeeded.
fn three_jobs() -> SimServer {
    let s = server();
    s.sim().add_raw_job(
        1,
        r#"{"id": 1, "status": "success", "operationName": "tableImport", "metrics": {"outBytes": 10}}"#,
    );
    s.sim().add_raw_job(
        2,
        r#"{"id": 2, "status": "error", "operationName": "tableExport", "metrics": {"outBytes": 0}}"#,
    );
    s.sim().add_raw_job(
        3,
        r#"{"id": 3, "status": "success", "operationName": "tableImport", "metrics": {"outBytes": 7}}"#,
    );
    s
}

#[test]
fn jq_over_show_prints_scalars_and_raw_strings() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args(["show", "1", "--jq", ".metrics.outBytes"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "10\n");
    // The expression runs once per job: the same one fits one id and several.
    let out = jobctl(&s).args(["show", "1", "2", "--jq", ".status"]).run();
    out.code(0);
    assert_eq!(out.stdout, "success\nerror\n");
    let out = jobctl(&s).args(["show", "2", "--jq", ".metrics"]).run();
    assert_eq!(out.stdout, "{\"outBytes\":0}\n");
}

#[test]
fn jq_over_list_selects_from_the_array() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args([
            "list",
            "--all",
            "--jq",
            r#".[] | select(.status=="error") | .id"#,
        ])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "2\n");
    let out = jobctl(&s).args(["list", "--jq", "length"]).run();
    assert_eq!(out.stdout, "3\n");
}

#[test]
fn jq_over_watch_gets_the_final_json() {
    let s = server();
    s.sim().add_job(
        JobSpec::success(101, "tableImport")
            .waiting(Duration::from_millis(100))
            .processing(Duration::from_millis(200)),
    );
    let out = jobctl(&s)
        .args(["watch", "101", "--progress", "none", "--jq", ".status, .id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "success\n101\n");
}

#[test]
fn jq_expression_errors_exit_2_before_any_request() {
    let s = three_jobs();
    for cmd in [&["show", "1"][..], &["list"], &["watch", "1"]] {
        let out = jobctl(&s).args(cmd).args(["--jq", ".foo | | .bar"]).run();
        out.code(2)
            .stderr_has("invalid --jq expression")
            .stderr_has("column 8")
            .stdout_empty();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

#[test]
fn jq_runtime_errors_exit_2_after_earlier_results() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args(["show", "1", "--jq", ".id, .metrics.outBytes.foo"])
        .run();
    out.code(2).stderr_has("--jq: cannot index 10");
    assert_eq!(out.stdout, "1\n");
}

#[test]
fn committed_completions_match_the_cli() {
    // On a difference the file is rewritten, so this one run both detects drift and
    // produces the fix to commit.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in [
        ("bash", "jobctl.bash"),
        ("zsh", "_jobctl"),
        ("fish", "jobctl.fish"),
        ("powershell", "_jobctl.ps1"),
        ("elvish", "jobctl.elv"),
    ] {
        let out = jobctl_bare().args(["completions", shell]).run();
        out.code(0);
        assert!(out.stdout.contains("jobctl"), "{shell}: {out:?}");
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(out.stdout.as_str()) {
            std::fs::create_dir_all(&dir).expect("create completions/");
            std::fs::write(&path, &out.stdout).expect("write completion script");
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts were regenerated, commit them: {stale:?}"
    );
}

#[test]
fn completions_offer_statuses_and_operations() {
    let out = jobctl_bare().args(["completions", "fish"]).run();
    out.code(0)
        .stdout_has("tableImport")
        .stdout_has("workspaceLoad")
        .stdout_has("processing");
    jobctl_bare()
        .args(["completions", "tcsh"])
        .run()
        .code(2)
        .stdout_empty();
}

#[test]
fn operation_still_takes_any_text_and_globs() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args(["list", "--operation", "tableExp*", "--jq", ".[].id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "2\n");
    let out = jobctl(&s)
        .args(["list", "--operation", "somethingNew", "--jq", "length"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "0\n");
}

#[test]
fn man_page_is_roff_with_exit_codes_and_environment() {
    let out = jobctl_bare().args(["man"]).run();
    out.code(0)
        .stdout_has(".TH jobctl 1")
        .stdout_has(".SH \"EXIT STATUS\"")
        .stdout_has("\\fB124\\fR")
        .stdout_has(".SH \"ENVIRONMENT\"")
        .stdout_has("\\fBKBC_STORAGE_API_TOKEN\\fR")
        .stdout_has("JOBCTL_PROFILE")
        .stdout_has("\\-\\-jq");
    assert_eq!(out.stderr, "");
}

/// A fresh folder for one test's config file and token files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jobctl-eco-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Writes `config.toml` (mode 0600) into `dir` and returns its path.
pub fn write_config(dir: &std::path::Path, text: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write config");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// A token file holding `TOKEN`, for `token_file` and `cat` as a `token_command`.
pub fn token_file(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("token");
    std::fs::write(&path, format!("{TOKEN}\n")).expect("write token");
    path
}

#[test]
fn a_profile_supplies_host_and_token_from_a_command() {
    let s = three_jobs();
    let dir = scratch("command");
    let tok = token_file(&dir);
    let config = write_config(
        &dir,
        &format!(
            "[profiles.prod]\nhost = \"{}\"\ntoken_command = \"cat '{}'\"\n",
            s.url(),
            tok.display()
        ),
    );
    let out = jobctl_bare()
        .args(["--config"])
        .arg(&config)
        .args(["--profile", "prod", "show", "1", "--jq", ".id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "1\n");
    // The same through JOBCTL_CONFIG and JOBCTL_PROFILE.
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("JOBCTL_PROFILE", "prod")
        .args(["show", "2", "--jq", ".status"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "error\n");
}

#[test]
fn token_env_token_file_and_default_profile() {
    let s = three_jobs();
    let dir = scratch("sources");
    token_file(&dir);
    let config = write_config(
        &dir,
        &format!(
            "default_profile = \"byfile\"\n\
             [profiles.byenv]\nhost = \"{url}\"\ntoken_env = \"MY_KBC\"\n\
             [profiles.byfile]\nhost = \"{url}\"\ntoken_file = \"token\"\n",
            url = s.url()
        ),
    );
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("MY_KBC", TOKEN)
        .args(["--profile", "byenv", "show", "3", "--jq", ".id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "3\n");
    // No --profile: default_profile, whose token_file is relative to the config file.
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["show", "3", "--jq", ".id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "3\n");
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "byenv", "show", "3"])
        .run()
        .code(2)
        .stderr_has("profile 'byenv': token_env MY_KBC is not set");
}

#[test]
fn flags_beat_environment_which_beats_the_profile() {
    let s = three_jobs();
    let dir = scratch("precedence");
    let dead = "http://127.0.0.1:9";
    let config = write_config(
        &dir,
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nhost = \"{dead}\"\ntoken_command = \"false\"\n"
        ),
    );
    let base = || {
        jobctl_bare()
            .env("JOBCTL_CONFIG", &config)
            .args(["--retries", "0"])
    };
    // The environment's host and token beat the default profile's (whose command would
    // fail). An explicit profile would beat them: see tests/cli/safety.rs.
    let out = base()
        .env("KBC_STORAGE_API_HOST", s.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["show", "1", "--jq", ".id"])
        .run();
    out.code(0);
    // A flag beats the environment.
    let out = base()
        .env("KBC_STORAGE_API_HOST", dead)
        .env("KBC_STORAGE_API_TOKEN", "wrong")
        .args(["--host", &s.url(), "--token-file"])
        .arg(token_file(&dir))
        .args(["show", "1", "--jq", ".id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "1\n");
    // With only the profile, its host is used (and is dead: exit 5)...
    base()
        .arg("--token-file")
        .arg(token_file(&dir))
        .args(["show", "1"])
        .run()
        .code(5);
    // ...and its failing token command is reported without its output.
    base()
        .args(["show", "1"])
        .run()
        .code(2)
        .stderr_has("profile 'p': token_command 'false' failed");
}

#[test]
fn a_failing_token_command_never_shows_its_output() {
    let dir = scratch("failing");
    let config = write_config(
        &dir,
        "[profiles.p]\ntoken_command = \"sh -c 'printf %s%s SEC RET; exit 3'\"\n",
    );
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "p", "list"])
        .run();
    out.code(2)
        .stderr_has("profile 'p': token_command")
        .stderr_has("exit status: 3")
        .stdout_empty();
    assert!(!out.stderr.contains("SECRET"), "{out:?}");
    let config = write_config(&dir, "[profiles.p]\ntoken_command = \"/no/such/program\"\n");
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "p", "list"])
        .run()
        .code(2)
        .stderr_has("cannot start it");
}

#[test]
fn unknown_profiles_and_malformed_files_are_usage_errors_naming_the_file() {
    let dir = scratch("bad");
    let config = write_config(&dir, "[profiles.a]\nhost = \"x\"\n");
    let name = config.display().to_string();
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "nope", "list"])
        .run()
        .code(2)
        .stderr_has("no profile 'nope'")
        .stderr_has(&name);
    let config = write_config(&dir, "[profiles.a\nhost = 1\n");
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["list"])
        .run()
        .code(2)
        .stderr_has(&format!("config file {name}"));
    jobctl_bare()
        .args(["--config", "/no/such/jobctl.toml", "list"])
        .run()
        .code(2)
        .stderr_has("/no/such/jobctl.toml");
    // --demo ignores profiles and the config file altogether.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("JOBCTL_PROFILE", "nope")
        .args(["--demo", "list", "--jq", "length"])
        .run()
        .code(0)
        .stdout_has("20\n");
}

#[test]
fn a_literal_token_in_a_shared_file_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let s = three_jobs();
    let dir = scratch("literal");
    let config = write_config(
        &dir,
        &format!(
            "[profiles.p]\nhost = \"{}\"\ntoken = \"{TOKEN}\"\n",
            s.url()
        ),
    );
    let run = || {
        jobctl_bare()
            .env("JOBCTL_CONFIG", &config)
            .args(["--profile", "p", "show", "1", "--jq", ".id"])
            .run()
    };
    let out = run();
    out.code(0);
    assert!(!out.stderr.contains("warning"), "{out:?}");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    run()
        .code(0)
        .stderr_has("warning: config file")
        .stderr_has("other users can read it");
}

#[test]
fn config_list_shows_sources_never_tokens() {
    let dir = scratch("list");
    let config = write_config(
        &dir,
        &format!(
            "default_profile = \"prod\"\n\
             [profiles.prod]\nhost = \"connection.keboola.com\"\ntoken_command = \"pass show kbc/prod\"\n\
             [profiles.dev]\ntoken_env = \"KBC_DEV\"\n\
             [profiles.ci]\nhost = \"h\"\ntoken_file = \"/run/ci.token\"\n\
             [profiles.lit]\nhost = \"h\"\ntoken = \"{TOKEN}\"\n"
        ),
    );
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "list"])
        .run();
    out.code(0);
    assert_eq!(
        out.stdout,
        "  ci    h                       token_file=/run/ci.token\n\
         \x20 dev   -                       token_env=KBC_DEV\n\
         \x20 lit   h                       token=(in the file)\n\
         * prod  connection.keboola.com  token_command=pass …\n"
    );
}

#[test]
fn config_check_tries_each_profile_and_exits_with_the_worst_failure() {
    let s = three_jobs();
    let dir = scratch("check");
    let tok = token_file(&dir);
    let good = format!(
        "[profiles.good]\nhost = \"{}\"\ntoken_command = \"cat '{}'\"\n",
        s.url(),
        tok.display()
    );
    let config = write_config(&dir, &good);
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "check"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, format!("ok    good  {}\n", s.url()));
    let requests = s.sim().requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].path, "/v2/storage/jobs");
    assert_eq!(requests[0].query, "limit=1");

    let config = write_config(
        &dir,
        &format!(
            "{good}[profiles.badtoken]\nhost = \"{}\"\ntoken_env = \"WRONG\"\n",
            s.url()
        ),
    );
    let out = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("WRONG", "not-the-token")
        .args(["config", "check"])
        .run();
    out.code(4)
        .stdout_has("fail  badtoken  ")
        .stdout_has("ok    good  ");

    let config = write_config(
        &dir,
        &format!(
            "{good}[profiles.badtoken]\nhost = \"{}\"\ntoken_env = \"WRONG\"\n\
             [profiles.dead]\nhost = \"http://127.0.0.1:9\"\ntoken_env = \"WRONG\"\n",
            s.url()
        ),
    );
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("WRONG", "not-the-token")
        .args(["config", "check"])
        .run()
        .code(5)
        .stdout_has("fail  dead  http://127.0.0.1:9: ");
}

#[test]
fn color_always_colours_piped_show_list_and_watch() {
    let s = three_jobs();
    for args in [
        &["show", "2"][..],
        &["list"],
        &["watch", "2", "--progress", "none"],
    ] {
        let out = jobctl(&s).args(args).args(["--color", "always"]).run();
        assert!(
            out.stdout.contains("\x1b[31;1merror\x1b[0m"),
            "{args:?}: {out:?}"
        );
        let out = jobctl(&s).args(args).run();
        assert!(!out.stdout.contains('\x1b'), "{args:?}: {out:?}");
        let out = jobctl(&s).args(args).env("CLICOLOR_FORCE", "1").run();
        assert!(out.stdout.contains('\x1b'), "{args:?}: {out:?}");
        let out = jobctl(&s)
            .args(args)
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .run();
        assert!(!out.stdout.contains('\x1b'), "{args:?}: {out:?}");
    }
}
