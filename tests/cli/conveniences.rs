//! Everyday conveniences: whoami, job URLs and comma lists for show, serve's --listen,
//! config without a file, list's filters' notes, options a subcommand ignores, the demo
//! banner, bash completing profile names.

use super::*;

#[test]
fn whoami_shows_project_token_expiry_and_stack_never_the_token() {
    let s = server();
    jobctl(&s)
        .args(["whoami"])
        .stdout_eq(format!(
            "Project:  Acme Analytics (id 66)\nToken:    jobctl simulator (id 27978)\n\
             Expires:  never\nStack:    {}\n",
            s.url()
        ))
        .run();
    let requests = s.sim().requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/v2/storage/tokens/verify");
    jobctl(&s)
        .args(["whoami", "--jq", ".owner.name"])
        .stdout_eq("Acme Analytics\n")
        .run();
    jobctl(&s)
        .env("KBC_STORAGE_API_TOKEN", "1-2-wrong")
        .args(["whoami"])
        .code(4)
        .stderr_has("Invalid access token")
        .run();
}

#[test]
fn show_takes_the_job_url_it_prints_and_comma_separated_ids() {
    let s = server();
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    s.sim()
        .add_raw_job(123456, &fixture("tableImport-error.json"));
    let url = format!("{}/v2/storage/jobs/22070936", s.url());
    jobctl(&s)
        .args(["show", &url, "--jq", ".id"])
        .stdout_eq("22070936\n")
        .run();
    jobctl(&s)
        .args(["show", "123456,22070936", "--jq", ".id"])
        .stdout_eq("123456\n22070936\n")
        .run();
    jobctl(&s)
        .args(["show", "https://h/v2/storage/jobs/x"])
        .code(2)
        .stderr_has("is not a job link")
        .run();
}

#[test]
fn serve_listens_on_a_bare_port_or_localhost_on_loopback() {
    for listen in ["0", "localhost:0"] {
        let serve = jobctl_bare()
            .args(["serve", "--listen", listen])
            .stdout_has("Storage API simulator listening on http://127.0.0.1:")
            .stderr_has("serving until Ctrl-C")
            .spawn();
        serve.wait_stderr_has("serving until Ctrl-C");
        serve.signal("INT");
        serve.wait();
    }
    jobctl_bare()
        .args(["serve", "--listen", "example.com:80"])
        .code(2)
        .stderr_has("use a port (8080), localhost:8080")
        .run();
}

#[test]
fn config_list_without_a_config_file_is_not_an_error() {
    let home = TempDir::new("xdg");
    jobctl_bare()
        .env("XDG_CONFIG_HOME", home.path())
        .args(["config", "list"])
        .stderr_eq(format!(
            "jobctl: no config file at {}/jobctl/config.toml: no profiles\n",
            home.path().display()
        ))
        .run();
    // Nothing to check is still a usage error; a --config that is missing too.
    jobctl_bare()
        .env("XDG_CONFIG_HOME", home.path())
        .args(["config", "check"])
        .code(2)
        .stderr_has("no config file at")
        .run();
    jobctl_bare()
        .args(["config", "list", "--config", "/nonexistent/jobctl.toml"])
        .code(2)
        .stderr_has("/nonexistent/jobctl.toml")
        .run();
}

/// Jobs 1..=n, one a minute; every third an export of `out.c-crm.customers`.
fn exports(n: u64) -> SimServer {
    let s = server();
    for id in 1..=n {
        let (op, table) = match id % 3 {
            0 => ("tableExport", "out.c-crm.customers"),
            _ => ("tableImport", "in.c-main.orders"),
        };
        s.sim().add_job(
            jobctl::sim::JobSpec::success(id, op)
                .table(table)
                .created_at(1_764_000_000 + id as i64 * 60),
        );
    }
    s
}

#[test]
fn list_filters_match_parts_and_say_what_they_scanned() {
    let s = exports(9);
    jobctl(&s)
        .args(["list", "--operation", "export", "--table", "customers"])
        .args(["--columns", "id,operation,table", "--page-size", "4"])
        .stdout_eq(
            "ID\tOPERATION\tTABLE\n9\ttableExport\tout.c-crm.customers\n\
             6\ttableExport\tout.c-crm.customers\n3\ttableExport\tout.c-crm.customers\n",
        )
        .stderr_eq("jobctl: scanned all 9 jobs: 3 matched\n")
        .run();
    jobctl(&s)
        .args(["list", "--table", "cust"])
        .stderr_eq(
            "jobctl: no jobs match (--table matches whole dot-separated parts (in.c-main, \
             customers); globs like '*cust*' match the whole value)\n",
        )
        .run();
    // One page that held everything: nothing was scanned beyond what was asked.
    jobctl(&s)
        .args(["list", "--operation", "export", "-n", "1", "--jq", "length"])
        .stdout_eq("1\n")
        .run();
}

#[test]
fn list_status_running_points_to_running_and_a_future_since_warns() {
    let s = exports(3);
    jobctl(&s)
        .args(["list", "--status", "running"])
        .code(2)
        .stderr_has("tip: use --running for waiting and processing jobs")
        .run();
    jobctl(&s)
        .args(["list", "--since", "2100-01-01T00:00:00Z"])
        .stderr_eq(
            "jobctl: warning: --since is in the future (2100-01-01T00:00:00Z): no job can match yet\n\
             jobctl: no jobs match\n",
        )
        .run();
    assert!(s.sim().requests().len() <= 1);
}

#[test]
fn options_a_subcommand_ignores_are_not_offered_and_are_rejected() {
    let help = jobctl_bare()
        .args(["serve", "--help"])
        .stdout_any()
        .run()
        .stdout;
    assert!(help.contains("--token <TOKEN>"), "{help}");
    for ignored in [
        "--retries",
        "--host",
        "--request-timeout",
        "--profile",
        "--demo",
    ] {
        assert!(
            !help.contains(ignored),
            "serve --help offers {ignored}: {help}"
        );
    }
    let help = jobctl_bare()
        .args(["completions", "--help"])
        .stdout_any()
        .run()
        .stdout;
    assert!(!help.contains("Global options"), "{help}");
    jobctl_bare()
        .args(["serve", "--retries", "3"])
        .code(2)
        .stderr_has("error: the argument '--retries' does nothing for 'jobctl serve'\n\nUsage: jobctl serve [OPTIONS]")
        .run();
    jobctl_bare()
        .args(["--color", "never", "completions", "bash"])
        .code(2)
        .stderr_has("the argument '--color' does nothing for 'jobctl completions'")
        .run();
    // A variable is not an option given: JOBCTL_CONFIG and KBC_QUEUE_API_HOST stay fine.
    jobctl_bare()
        .env("KBC_QUEUE_API_HOST", "queue.example.com")
        .env("JOBCTL_CONFIG", "/nonexistent/config.toml")
        .args(["completions", "bash"])
        .stdout_has("_jobctl()")
        .run();
    // The completion scripts do not offer them either.
    let bash = jobctl_bare()
        .args(["completions", "bash"])
        .stdout_any()
        .run()
        .stdout;
    let serve_opts = bash
        .split("        jobctl__subcmd__serve)")
        .nth(1)
        .and_then(|rest| rest.lines().find(|l| l.contains("opts=")))
        .unwrap_or_default();
    assert!(
        serve_opts.contains("--listen") && serve_opts.contains("--token"),
        "{serve_opts}"
    );
    assert!(!serve_opts.contains("--retries"), "{serve_opts}");
}

#[test]
fn the_demo_banner_is_one_line_within_80_columns() {
    let out = jobctl_bare()
        .args(["--demo", "show", "386510966", "--jq", ".id"])
        .stdout_eq("386510966\n")
        .stderr_any()
        .run();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].chars().count() <= 80,
        "{} columns: {}",
        lines[0].len(),
        lines[0]
    );
    assert!(
        lines[0].starts_with("jobctl: demo mode: live "),
        "{}",
        lines[0]
    );
    // The simulator's URL only with --debug.
    jobctl_bare()
        .args(["--demo", "--debug", "show", "386510966", "--jq", ".id"])
        .stdout_eq("386510966\n")
        .stderr_has("jobctl: debug: demo simulator at http://127.0.0.1:")
        .run();
}

#[test]
fn bash_completes_profile_names_from_the_config_file() {
    use super::ecosystem::{scratch, write_config};
    let dir = scratch("profiles");
    let config = write_config(
        dir.path(),
        "default_profile = \"prod\"\n\n[profiles.prod]\nhost = \"connection.keboola.com\"\n\
         token_env = \"PROD_TOKEN\"\n\n[profiles.dev]\ntoken_env = \"DEV_TOKEN\"\n\n\
         [profiles.ci]\ntoken_env = \"CI_TOKEN\"\n",
    );
    let config = config.display().to_string();
    jobctl_bare()
        .args(["--config", &config, "config", "list", "--names"])
        .stdout_eq("ci\ndev\nprod\n")
        .run();
    // Without a config file: no names, and nothing said.
    jobctl_bare().args(["config", "list", "--names"]).run();

    let bin = Path::new(env!("CARGO_BIN_EXE_jobctl"))
        .parent()
        .unwrap()
        .display()
        .to_string();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions/jobctl.bash");
    // What bash offers after `words` (the last one being completed), sorted; called as
    // bash calls it, with the command, the word and the one before.
    let complete = |words: &str, env_config: Option<&str>| -> Vec<String> {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _jobctl jobctl \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let mut cmd = program("bash")
            .env(
                "PATH",
                format!("{bin}:{}", std::env::var("PATH").unwrap_or_default()),
            )
            .env("HOME", dir.path())
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("JOBCTL_CONFIG")
            .args(["--norc", "-c", &line])
            .stdout_any();
        if let Some(c) = env_config {
            cmd = cmd.env("JOBCTL_CONFIG", c);
        }
        let mut names: Vec<String> = cmd.run().stdout.lines().map(str::to_owned).collect();
        names.retain(|n| !n.is_empty());
        names.sort();
        names
    };
    assert_eq!(
        complete("jobctl --profile ''", Some(&config)),
        ["ci", "dev", "prod"]
    );
    assert_eq!(complete("jobctl list --profile d", Some(&config)), ["dev"]);
    assert_eq!(
        complete(
            &format!("jobctl --config '{config}' show 1 --profile p"),
            None
        ),
        ["prod"]
    );
    assert!(complete("jobctl --profile ''", None).is_empty());
    // Other options keep their own completion: statuses for --status.
    assert!(complete("jobctl list --status proc", None).contains(&"processing".to_owned()));
}

#[test]
fn bash_completes_each_value_of_a_comma_list() {
    let dir = TempDir::new("comma-completion");
    let script = dir.path().join("jobctl.bash");
    let out = jobctl_bare()
        .args(["completions", "bash"])
        .stdout_any()
        .run();
    std::fs::write(&script, out.stdout).unwrap();
    // What bash offers after `words` (the last one being completed), sorted.
    let complete = |words: &str| -> Vec<String> {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _jobctl jobctl \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = program("bash")
            .args(["--norc", "-c", &line])
            .stdout_any()
            .run();
        let mut words: Vec<String> = out.stdout.lines().map(str::to_owned).collect();
        words.retain(|w| !w.is_empty());
        words.sort();
        words
    };
    assert_eq!(
        complete("jobctl list --columns id,st"),
        ["id,startTime", "id,status"]
    );
    assert_eq!(
        complete("jobctl list --columns st"),
        ["startTime", "status"]
    );
    assert_eq!(
        complete("jobctl stats --by operation,ta"),
        ["operation,table"]
    );
    assert_eq!(
        complete("jobctl queue stats --by type,c"),
        ["type,component", "type,config", "type,creator"]
    );
    assert_eq!(
        complete("jobctl list --status waiting,pro"),
        ["waiting,processing"]
    );
    // An option that takes one value keeps plain completion.
    assert_eq!(complete("jobctl timeline --by ta"), ["table"]);
}

#[test]
fn shared_options_work_before_and_after_the_subcommand_and_usage_errors_name_it() {
    for args in [
        &["--demo", "show", "1205330051", "--jq", ".id"][..],
        &["show", "1205330051", "--demo", "--jq", ".id"],
        &["queue", "--demo", "show", "1205330051", "--jq", ".id"],
    ] {
        jobctl_bare()
            .args(args)
            .stdout_eq("1205330051\n")
            .stderr_any()
            .run();
    }
    // Before `queue list`, --config is the config file (its --config-file), not a
    // configuration id.
    jobctl_bare()
        .args(["--config", "/nonexistent/c.toml", "queue", "list"])
        .code(2)
        .stderr_has("cannot read config file /nonexistent/c.toml")
        .run();
    for args in [
        &["queue", "list", "--bogus"][..],
        &["--demo", "queue", "list", "--host", "h"],
        &["queue", "list", "--jq", "length", "-o", "table"],
    ] {
        jobctl_bare()
            .args(args)
            .code(2)
            .stderr_has("\n\nUsage: jobctl queue list ")
            .run();
    }
}
