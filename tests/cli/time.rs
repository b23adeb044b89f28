//! Times and durations for people: the zone named on a terminal (TZ, or UTC with --utc
//! or JOBCTL_UTC), the server's own times everywhere else, start and end columns, and one
//! duration format for storage and queue jobs.

use super::*;

/// Created 2024-09-03 14:13:08 +0200, started a second later, ended after 3 seconds.
fn with_failed_import() -> SimServer {
    let s = server();
    s.sim()
        .add_raw_job(123456, &fixture("tableImport-error.json"));
    s
}

#[test]
fn show_on_a_terminal_names_the_local_zone_or_utc() {
    let s = with_failed_import();
    for (vars, args, created) in [
        (
            "TZ=Europe/Prague",
            "show 123456",
            "2024-09-03 14:13:08 CEST",
        ),
        (
            "TZ=America/New_York",
            "show 123456",
            "2024-09-03 08:13:08 EDT",
        ),
        ("TZ=UTC", "show 123456", "2024-09-03 12:13:08 UTC"),
        (
            "TZ=Europe/Prague",
            "--utc show 123456",
            "2024-09-03 12:13:08 UTC",
        ),
        (
            "TZ=Europe/Prague",
            "show 123456 --utc",
            "2024-09-03 12:13:08 UTC",
        ),
        (
            "TZ=Europe/Prague JOBCTL_UTC=1",
            "show 123456",
            "2024-09-03 12:13:08 UTC",
        ),
        (
            "TZ=Europe/Prague JOBCTL_UTC=0",
            "show 123456",
            "2024-09-03 14:13:08 CEST",
        ),
    ] {
        let out = terminal_env(&s, 100, vars, &format!("--color never {args}"))
            .stdout_any()
            .run();
        let screen = screen(&out);
        let line = screen
            .lines()
            .find(|l| l.starts_with("Created:"))
            .unwrap_or_default();
        assert!(
            line.starts_with(&format!("Created:   {created} (")),
            "{vars} {args}: {screen}"
        );
        // A finished job's time is whole seconds (its timestamps are).
        assert!(
            screen.contains("Duration:  3s\n"),
            "{vars} {args}: {screen}"
        );
    }
}

#[test]
fn piped_and_json_output_keep_the_servers_times_whatever_the_zone() {
    let s = with_failed_import();
    let json = jobctl(&s)
        .env("TZ", "America/New_York")
        .args(["show", "123456", "-o", "json"])
        .stdout_any()
        .run()
        .stdout;
    jobctl(&s)
        .env("TZ", "America/New_York")
        .args(["--utc", "show", "123456", "-o", "json"])
        .stdout_eq(json)
        .run();
    jobctl(&s)
        .env("TZ", "America/New_York")
        .args(["show", "123456", "--utc"])
        .stdout_has("Created:   2024-09-03T14:13:08+02:00\n")
        .run();
    jobctl(&s)
        .env("TZ", "America/New_York")
        .args(["list", "--utc", "--columns", "id,start,END"])
        .stdout_eq("ID\tSTART\tEND\n123456\t2024-09-03T14:13:09+02:00\t2024-09-03T14:13:12+02:00\n")
        .run();
}

#[test]
fn list_has_start_and_end_columns_in_the_display_zone() {
    let s = with_failed_import();
    for (vars, args, start, end) in [
        (
            "TZ=Europe/Prague",
            "list --columns id,startTime,endTime",
            "2024-09-03 14:13 CEST",
            "2024-09-03 14:13 CEST",
        ),
        (
            "TZ=Europe/Prague",
            "--utc list --columns id,start,end",
            "2024-09-03 12:13 UTC",
            "2024-09-03 12:13 UTC",
        ),
    ] {
        let out = terminal_env(&s, 100, vars, &format!("--color never {args}"))
            .stdout_any()
            .run();
        let screen = screen(&out);
        let mut lines = screen.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        assert_eq!(header, ["ID", "START", "END"], "{screen}");
        let row = lines.next().unwrap_or_default();
        assert_eq!(
            row,
            format!("123456  {start}  {end}"),
            "{vars} {args}: {screen}"
        );
    }
}

#[test]
fn queue_list_has_start_and_end_columns_and_takes_header_names() {
    let s = server();
    s.sim()
        .add_raw_queue_job(10441200, &fixture("queue/queue-standard-error.json"));
    let queue = format!("--queue-host {}", s.queue_url());
    let out = terminal_env(
        &s,
        120,
        "TZ=Europe/Prague",
        &format!(
            "--color never {queue} queue list --columns id,start,end,error_type,parent_run_id"
        ),
    )
    .stdout_any()
    .run();
    let screen = screen(&out);
    assert!(
        screen.contains("10441200  2022-01-25 07:00 CET  2022-01-25 07:01 CET  user"),
        "{screen}"
    );
    jobctl(&s)
        .args(["--queue-host", &s.queue_url()])
        .args(["queue", "list", "--columns", "id,START,endTime"])
        .stdout_eq(
            "ID\tSTART\tEND\n10441200\t2022-01-25T06:00:09+00:00\t2022-01-25T06:01:31+00:00\n",
        )
        .run();
}

/// A job that started `secs` seconds ago and still runs.
fn running_since(secs: i64) -> String {
    let t = |ago: i64| {
        (jiff::Timestamp::now() - jiff::SignedDuration::from_secs(ago))
            .strftime("%Y-%m-%dT%H:%M:%S+0000")
            .to_string()
    };
    format!(
        r#"{{"id":777,"status":"processing","operationName":"tableImport","tableId":"in.c-a.t",
            "createdTime":"{}","startTime":"{}","endTime":null}}"#,
        t(secs + 1),
        t(secs)
    )
}

#[test]
fn a_running_job_below_ten_seconds_keeps_a_decimal_a_finished_one_is_whole() {
    let s = server();
    s.sim().add_raw_job(777, &running_since(2));
    s.sim()
        .add_raw_job(123456, &fixture("tableImport-error.json"));
    let running = |text: &str, prefix: &str| {
        // `2.0s` .. `9.9s`: a decimal even on a whole second.
        text.lines().any(|l| {
            l.split_once(prefix).is_some_and(|(_, rest)| {
                let d: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
                d.len() == 4 && d.ends_with('s') && d.as_bytes()[1] == b'.'
            })
        })
    };
    let out = terminal_env(&s, 100, "TZ=UTC", "--color never show 777")
        .stdout_any()
        .run();
    let detail = screen(&out);
    assert!(running(&detail, "Duration:  "), "{detail}");
    assert!(detail.contains(" so far"), "{detail}");
    let out = terminal_env(
        &s,
        100,
        "TZ=UTC",
        "--color never list --columns id,duration",
    )
    .stdout_any()
    .run();
    let table = screen(&out);
    assert!(running(&table, "   777  "), "{table}");
    assert!(table.contains("123456  3s"), "{table}");
}

#[test]
fn with_utc_typed_dates_are_read_in_utc_too() {
    let s = with_failed_import();
    // Created 12:13:08 UTC, 14:13:08 in Prague.
    for (utc, expected) in [(false, "123456\n"), (true, "")] {
        let mut args = vec!["list", "--since", "2024-09-03 12:14", "--jq", ".[].id"];
        if utc {
            args.insert(0, "--utc");
        }
        jobctl(&s)
            .env("TZ", "Europe/Prague")
            .args(args)
            .stdout_eq(expected)
            .stderr_any()
            .run();
    }
    let queries: Vec<String> = s.sim().requests().iter().map(|r| r.query.clone()).collect();
    assert!(
        queries[0].contains("2024-09-03T10%3A14%3A00%2B00%3A00"),
        "{queries:?}"
    );
    let last = queries.last().unwrap();
    assert!(
        last.contains("2024-09-03T12%3A14%3A00%2B00%3A00"),
        "{queries:?}"
    );
}

#[test]
fn since_takes_an_age_with_or_without_a_minus_and_names_the_word_a_slip_meant() {
    let s = server();
    for since in ["1h", "-1h", "--since=-1h"] {
        let args: Vec<&str> = match since.strip_prefix("--since=") {
            Some(_) => vec!["list", since],
            None => vec!["list", "--since", since],
        };
        jobctl(&s).args(args).stdout_any().stderr_any().run();
        let log = s.sim().requests();
        let last = log.last().unwrap();
        assert!(
            last.query.contains("created_time_from="),
            "{since}: {last:?}"
        );
    }
    jobctl(&s)
        .args(["queue", "list", "--since", "-2h"])
        .stdout_any()
        .stderr_any()
        .run();
    jobctl(&s)
        .args(["list", "--since", "yesteday"])
        .code(2)
        .stderr_eq("jobctl: error: --since: 'yesteday' is not a time: did you mean 'yesterday'?\n")
        .run();
}
