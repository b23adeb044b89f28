//! The ecosystem features against the simulator: `--jq`, completions, the man page,
//! profiles and `config`, colour when piped, and the README's cheat sheet.

use jobctl::sim::{Fault, FaultKind, Gate, JobSpec};

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
    jobctl(&s)
        .args(["show", "1", "--jq", ".metrics.outBytes"])
        .stdout_eq("10\n")
        .run();
    // The expression runs once per job: the same one fits one id and several.
    jobctl(&s)
        .args(["show", "1", "2", "--jq", ".status"])
        .stdout_eq("success\nerror\n")
        .run();
    jobctl(&s)
        .args(["show", "2", "--jq", ".metrics"])
        .stdout_eq("{\"outBytes\":0}\n")
        .run();
}

#[test]
fn jq_over_list_selects_from_the_array() {
    let s = three_jobs();
    jobctl(&s)
        .args([
            "list",
            "--all",
            "--jq",
            r#".[] | select(.status=="error") | .id"#,
        ])
        .stdout_eq("2\n")
        .run();
    jobctl(&s)
        .args(["list", "--jq", "length"])
        .stdout_eq("3\n")
        .run();
}

#[test]
fn jq_over_watch_gets_the_final_json() {
    let s = server();
    s.sim().add_job(
        JobSpec::success(101, "tableImport")
            .waiting(Duration::from_millis(100))
            .processing(Duration::from_millis(200)),
    );
    jobctl(&s)
        .args(["watch", "101", "--progress", "none", "--jq", ".status, .id"])
        .stdout_eq("success\n101\n")
        .run();
}

#[test]
fn jq_expression_errors_exit_2_before_any_request() {
    let s = three_jobs();
    for cmd in [&["show", "1"][..], &["list"], &["watch", "1"]] {
        jobctl(&s)
            .args(cmd)
            .args(["--jq", ".foo | | .bar"])
            .code(2)
            .stderr_has("invalid --jq expression")
            .stderr_has("column 8")
            .run();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

#[test]
fn jq_runtime_errors_exit_2_after_earlier_results() {
    let s = three_jobs();
    jobctl(&s)
        .args(["show", "1", "--jq", ".id, .metrics.outBytes.foo"])
        .code(2)
        .stderr_has("--jq: cannot index 10")
        .stdout_eq("1\n")
        .run();
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
        let out = jobctl_bare()
            .args(["completions", shell])
            .stdout_has("jobctl")
            .run();
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
    jobctl_bare()
        .args(["completions", "fish"])
        .stdout_has("tableImport")
        .stdout_has("workspaceLoad")
        .stdout_has("processing")
        .run();
    jobctl_bare()
        .args(["completions", "tcsh"])
        .code(2)
        .stderr_has("tcsh")
        .run();
}

#[test]
fn operation_still_takes_any_text_and_globs() {
    let s = three_jobs();
    jobctl(&s)
        .args(["list", "--operation", "tableExp*", "--jq", ".[].id"])
        .stdout_eq("2\n")
        .run();
    jobctl(&s)
        .args(["list", "--operation", "somethingNew", "--jq", "length"])
        .stdout_eq("0\n")
        .run();
}

#[test]
fn man_page_is_roff_with_exit_codes_and_environment() {
    jobctl_bare()
        .args(["man"])
        .stdout_has(".TH jobctl 1")
        .stdout_has(".SH \"EXIT STATUS\"")
        .stdout_has("\\fB124\\fR")
        .stdout_has(".SH \"ENVIRONMENT\"")
        .stdout_has("\\fBKBC_STORAGE_API_TOKEN\\fR")
        .stdout_has("JOBCTL_PROFILE")
        .stdout_has("\\-\\-jq")
        .run();
}

/// The command lines of the README's cheat sheet: the first `sh` block after its heading,
/// each line's words before its `#` comment.
fn cheat_sheet() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let (_, after) = readme
        .split_once("\n## Cheat sheet\n")
        .expect("a cheat sheet");
    let (_, block) = after.split_once("```sh\n").expect("its sh block");
    let (block, _) = block.split_once("```").expect("the block's end");
    block
        .lines()
        .map(|line| {
            let command = line.split_once(" #").map_or(line, |(c, _)| c);
            shell_words::split(command.trim()).expect("shell words")
        })
        .collect()
}

#[test]
fn every_line_of_the_readme_cheat_sheet_works_against_the_demo() {
    let lines = cheat_sheet();
    assert_eq!(lines.len(), 20, "{lines:?}");
    let mut running = Vec::new();
    for words in &lines {
        assert_eq!(words[0], "jobctl", "{words:?}");
        let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        // `> day.svg`: the picture is what stdout gets.
        let svg = args.ends_with(&[">", "day.svg"]);
        if svg {
            args.truncate(args.len() - 2);
        }
        // A dashboard needs a terminal and `list --watch` runs until Ctrl-C: these two
        // must parse; the rest run to their end.
        if args[0] == "top" || args.contains(&"--watch") {
            let argv = ["jobctl", "--demo"].into_iter().chain(args.iter().copied());
            if let Err(e) = <jobctl::Cli as clap::Parser>::try_parse_from(argv) {
                panic!("{words:?}: {e}");
            }
            continue;
        }
        // Each with a demo of its own, all at once: the live jobs' clocks run in parallel.
        let cmd = jobctl_bare()
            .args(["--demo"])
            .args(&args)
            .stderr_has("demo mode")
            .stdout_is("output", move |out| match svg {
                true => out.starts_with("<svg "),
                false => !out.trim().is_empty(),
            });
        running.push((words.join(" "), cmd.spawn()));
    }
    assert_eq!(running.len(), 18);
    for (line, child) in running {
        let out = child.wait();
        assert!(!out.stderr.contains("error:"), "{line}:\n{out}");
    }
}

/// A fresh folder for one test's config file and token files, removed when dropped.
pub fn scratch(name: &str) -> TempDir {
    TempDir::new(name)
}

/// Writes `config.toml` (mode 0600) into `dir` and returns its path.
pub fn write_config(dir: &std::path::Path, text: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write config");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// A token file holding `TOKEN` (mode 0600), for `token_file` and `cat` as a
/// `token_command`.
pub fn token_file(dir: &std::path::Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("token");
    std::fs::write(&path, format!("{TOKEN}\n")).expect("write token");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
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
    jobctl_bare()
        .args(["--config"])
        .arg(&config)
        .args(["--profile", "prod", "show", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .run();
    // The same through JOBCTL_CONFIG and JOBCTL_PROFILE.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("JOBCTL_PROFILE", "prod")
        .args(["show", "2", "--jq", ".status"])
        .stdout_eq("error\n")
        .run();
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
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("MY_KBC", TOKEN)
        .args(["--profile", "byenv", "show", "3", "--jq", ".id"])
        .stdout_eq("3\n")
        .run();
    // No --profile: default_profile, whose token_file is relative to the config file.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["show", "3", "--jq", ".id"])
        .stdout_eq("3\n")
        .run();
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "byenv", "show", "3"])
        .code(2)
        .stderr_has("profile 'byenv': token_env MY_KBC is not set")
        .run();
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
    base()
        .env("KBC_STORAGE_API_HOST", s.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["show", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .run();
    // A flag beats the environment.
    base()
        .env("KBC_STORAGE_API_HOST", dead)
        .env("KBC_STORAGE_API_TOKEN", "wrong")
        .args(["--host", &s.url(), "--token-file"])
        .arg(token_file(&dir))
        .args(["show", "1", "--jq", ".id"])
        .stdout_eq("1\n")
        .run();
    // With only the profile, its host is used (and is dead: exit 5)...
    base()
        .arg("--token-file")
        .arg(token_file(&dir))
        .args(["show", "1"])
        .code(5)
        .stderr_has(dead)
        .run();
    // ...and its failing token command is reported without its output.
    base()
        .args(["show", "1"])
        .code(2)
        .stderr_has("profile 'p': token_command 'false' failed")
        .run();
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
        .code(2)
        .stderr_has("profile 'p': token_command")
        .stderr_has("exit status: 3")
        .run();
    assert!(!out.stderr.contains("SECRET"), "{out}");
    let config = write_config(&dir, "[profiles.p]\ntoken_command = \"/no/such/program\"\n");
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "p", "list"])
        .code(2)
        .stderr_has("cannot start it")
        .run();
}

#[test]
fn unknown_profiles_and_malformed_files_are_usage_errors_naming_the_file() {
    let dir = scratch("bad");
    let config = write_config(&dir, "[profiles.a]\nhost = \"x\"\n");
    let name = config.display().to_string();
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["--profile", "nope", "list"])
        .code(2)
        .stderr_has("no profile 'nope'")
        .stderr_has(&name)
        .run();
    let config = write_config(&dir, "[profiles.a\nhost = 1\n");
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["list"])
        .code(2)
        .stderr_has(&format!("config file {name}"))
        .run();
    jobctl_bare()
        .args(["--config", "/no/such/jobctl.toml", "list"])
        .code(2)
        .stderr_has("/no/such/jobctl.toml")
        .run();
    // --demo ignores profiles and the config file altogether.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("JOBCTL_PROFILE", "nope")
        .args(["--demo", "list", "--jq", "length"])
        .stdout_has("20\n")
        .stderr_has("demo mode")
        .run();
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
    let show = || {
        jobctl_bare()
            .env("JOBCTL_CONFIG", &config)
            .args(["--profile", "p", "show", "1", "--jq", ".id"])
            .stdout_eq("1\n")
    };
    // No warning: stderr stays empty.
    show().run();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let once = |e: &str| {
        e.matches("warning: config file").count() == 1
            && e.matches("other users can read it").count() == 1
    };
    show().stderr_is("the warning, once", once).run();
    // Once per run, however many jobs, requests or profiles.
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args([
            "--profile",
            "p",
            "watch",
            "1",
            "2",
            "--jq",
            ".id",
            "--progress",
            "none",
        ])
        .code(1) // one of three_jobs() failed
        .stdout_eq("1\n2\n")
        .stderr_is("the warning, once", once)
        .run();
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "check"])
        .stdout_has("ok    p  ")
        .stderr_is("the warning, once", once)
        .run();
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
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "list"])
        .stdout_eq(
            "  ci    h                       token_file=/run/ci.token\n\
             \x20 dev   -                       token_env=KBC_DEV\n\
             \x20 lit   h                       token=(in the file)\n\
             * prod  connection.keboola.com  token_command=pass …\n",
        )
        .stderr_any()
        .run();
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
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "check"])
        .stdout_eq(format!("ok    good  {}\n", s.url()))
        .run();
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
    jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .env("WRONG", "not-the-token")
        .args(["config", "check"])
        .code(4)
        .stdout_has("fail  badtoken  ")
        .stdout_has("ok    good      ")
        .stderr_any()
        .run();

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
        .code(5)
        .stdout_has("fail  dead      http://127.0.0.1:9 ")
        .stdout_is("in columns: the hosts and the reasons line up", |o| {
            let hosts: Vec<_> = o.lines().map(|l| l.find("http://")).collect();
            let reasons: Vec<_> = o
                .lines()
                .filter(|l| l.starts_with("fail"))
                .map(|l| {
                    let host = l.find("http://").unwrap_or(0);
                    let end = host + l[host..].find(' ').unwrap_or(0);
                    end + l[end..].find(|c: char| c != ' ').unwrap_or(0)
                })
                .collect();
            hosts.len() == 3
                && hosts.windows(2).all(|w| w[0] == w[1])
                && reasons.len() == 2
                && reasons[0] == reasons[1]
        })
        .stderr_any()
        .run();
}

#[test]
fn color_always_colours_piped_show_list_and_watch() {
    let s = three_jobs();
    // watch exits 1: job 2 failed.
    for (args, code) in [
        (&["show", "2"][..], 0),
        (&["list"], 0),
        (&["watch", "2", "--progress", "none"], 1),
    ] {
        let run = || jobctl(&s).args(args).code(code);
        run()
            .args(["--color", "always"])
            .stdout_has("\x1b[31;1merror\x1b[0m")
            .run();
        let uncoloured = |o: &str| !o.is_empty() && !o.contains('\x1b');
        run().stdout_is("uncoloured", uncoloured).run();
        run().env("CLICOLOR_FORCE", "1").stdout_has("\x1b").run();
        run()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .stdout_is("uncoloured", uncoloured)
            .run();
    }
}

#[test]
fn config_check_stops_on_ctrl_c_with_130() {
    let s = three_jobs();
    let gate = Gate::new();
    s.sim()
        .push_fault(Fault::new(FaultKind::Hold(gate.clone())));
    let dir = scratch("check-int");
    let tok = token_file(&dir);
    let config = write_config(
        &dir,
        &format!(
            "[profiles.slow]\nhost = \"{}\"\ntoken_command = \"cat '{}'\"\n",
            s.url(),
            tok.display()
        ),
    );
    let check = jobctl_bare()
        .env("JOBCTL_CONFIG", &config)
        .args(["config", "check"])
        .code(130)
        .spawn();
    // The check's request is held at the server: jobctl is waiting on the API.
    gate.wait_for_held(1);
    check.signal("INT");
    check.wait();
    gate.open();
}
