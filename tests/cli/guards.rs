//! What a hostile or careless server and hostile input cannot do (issue 24): crash the
//! argument parser, loop on a run tree, overflow on a time, hang a trend, outlive a
//! signal, or steer `queue kill` to jobs the user did not ask for.

use std::time::{SystemTime, UNIX_EPOCH};

use jobctl::sim::{
    Anchor, Fault, FaultKind, FaultTarget, GENERATED_QUEUE_BASE, QueueJobSpec, QueueOutcome, Sim,
};

use super::*;

const HOUR: i64 = 3_600_000;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// A queue job created `ago_ms` before now, started and ended that long after creation.
fn timed(
    id: u64,
    component: &str,
    config: &str,
    ago_ms: i64,
    start: i64,
    end: i64,
) -> QueueJobSpec {
    QueueJobSpec::standard(id, component, config, Anchor::Fixed(now_ms() - ago_ms))
        .times(0, start, end)
        .outcome(QueueOutcome::Success)
}

#[test]
fn every_queue_command_runs_with_jobctl_config_set() {
    let s = server();
    s.sim()
        .add_queue_job(timed(30, "keboola.ex-http", "7", 60_000, 1_000, HOUR));
    let dir = TempDir::new("config");
    let file = dir.join("config.toml");
    std::fs::write(&file, "").unwrap();
    let queue = |args: &[&str]| {
        jobctl(&s)
            .env("JOBCTL_CONFIG", &file)
            .args(["queue"])
            .args(args)
    };
    queue(&["list", "--jq", ".[].id"]).stdout_eq("30\n").run();
    queue(&["list", "--config", "7", "--jq", ".[].id"])
        .stdout_eq("30\n")
        .run();
    queue(&["list", "--config", "8", "-o", "json"])
        .stdout_eq("[]\n")
        .run();
    queue(&["stats", "--config", "7", "--jq", ".groups | length"])
        .stdout_eq("1\n")
        .run();
    queue(&["timeline", "--config", "7"])
        .stdout_has("\n30 keboola.ex-http 7 ")
        .run();
    queue(&["show", "30", "--jq", ".id"])
        .stdout_eq("30\n")
        .run();
    queue(&["watch", "30", "--timeout", "1ms", "--progress", "none"])
        .code(124)
        .stdout_any()
        .stderr_any()
        .run();
    // The documented kill by configuration: the preview, then the kill.
    queue(&["kill", "--component", "keboola.ex-http", "--config", "8"])
        .stderr_eq("jobctl: no jobs match: nothing to kill\n")
        .run();
    queue(&[
        "kill",
        "--component",
        "keboola.ex-http",
        "--config",
        "7",
        "--yes",
    ])
    .stdout_eq("30\tkilled\n")
    .run();
    // The config file still comes through under its other name.
    jobctl(&s)
        .args([
            "queue",
            "list",
            "--config",
            "7",
            "--config-file",
            "/nonexistent/c.toml",
        ])
        .code(2)
        .stderr_has("/nonexistent/c.toml")
        .run();
}

/// A saved listing of these job bodies, in a folder that lives as long as the result.
fn saved(bodies: &[String]) -> (TempDir, PathBuf) {
    let dir = TempDir::new("saved");
    let file = dir.join("jobs.json");
    std::fs::write(&file, format!("[{}]", bodies.join(","))).unwrap();
    (dir, file)
}

fn storage_job(id: u64, created: &str, end: &str) -> String {
    format!(
        r#"{{"id":{id},"status":"success","operationName":"tableImport","createdTime":"{created}","startTime":"2026-01-01T00:00:00+00:00","endTime":"{end}"}}"#
    )
}

fn queue_job(id: u64, created: &str, end: &str) -> String {
    format!(
        r#"{{"id":"{id}","runId":"{id}","status":"success","isFinished":true,"component":"keboola.ex-a","config":"1","type":"standard","createdTime":"{created}","startTime":"2026-01-01T00:00:00+00:00","endTime":"{end}"}}"#
    )
}

const FAR_FUTURE: &str = "+262142-12-31T23:59:59+00:00";
const FAR_PAST: &str = "-262143-01-01T00:00:00+00:00";
const SANE: &str = "2026-01-01T00:01:00+00:00";

#[test]
fn times_outside_1970_to_9999_count_as_absent_in_stats_and_timelines() {
    let (_dir, file) = saved(&[
        storage_job(1, FAR_PAST, SANE),
        storage_job(2, FAR_FUTURE, FAR_FUTURE),
        storage_job(3, SANE, SANE),
    ]);
    // Only job 3 has a creation time: one day, one period.
    for trend in ["day", "hour"] {
        jobctl_bare()
            .env("TZ", "UTC")
            .args(["stats", "--file"])
            .arg(&file)
            .args(["--trend", trend, "--jq", "(.periods | length), .total.jobs"])
            .stdout_eq("1\n3\n")
            .run();
    }
    // Alone, the job of year -262143 made the trend's walk start before the range a date can have.
    let (_dir, past) = saved(&[storage_job(1, FAR_PAST, SANE)]);
    jobctl_bare()
        .args(["stats", "--file"])
        .arg(&past)
        .args(["--trend", "--jq", ".total.jobs"])
        .stdout_eq("1\n")
        .run();
    jobctl_bare()
        .args(["timeline", "--file"])
        .arg(&file)
        .args(["-o", "svg"])
        .stdout_has("</svg>")
        .run();
    jobctl_bare()
        .args(["timeline", "--file"])
        .arg(&file)
        .stdout_has("\n3 tableImport")
        .run();
    let (_dir, file) = saved(&[
        queue_job(11, FAR_PAST, FAR_FUTURE),
        queue_job(12, FAR_FUTURE, SANE),
        queue_job(13, SANE, SANE),
    ]);
    jobctl_bare()
        .env("TZ", "UTC")
        .args(["queue", "stats", "--file"])
        .arg(&file)
        .args(["--trend", "hour", "--jq", ".periods"])
        .stdout_eq("[\"2026-01-01 00:00\"]\n")
        .run();
    jobctl_bare()
        .args(["queue", "timeline", "--file"])
        .arg(&file)
        .stdout_has("\n13 keboola.ex-a 1")
        .run();
}

#[test]
fn a_tree_under_a_job_that_ends_in_year_262142_shows_it_without_an_end() {
    let s = server();
    let body = r#"{"id":"7","runId":"7","status":"success","isFinished":true,"component":"keboola.ex-a","config":"1","type":"standard","createdTime":"2026-01-01T00:00:00+00:00","startTime":"2026-01-01T00:00:00+00:00","endTime":"+262142-12-31T23:59:59+00:00"}"#;
    s.sim().add_raw_queue_job(7, body);
    jobctl(&s)
        .args(["queue", "show", "7", "--tree"])
        .stdout_has("✓ job 7  keboola.ex-a 1  success")
        .run();
}

/// Two jobs across Guyana's 1975 change from -03:45 to -03:00, which left a local hour of
/// 15 minutes (00:45 to 01:00 on 1 August); Amsterdam was at +01:00 then.
#[test]
fn an_hourly_trend_ends_in_zones_whose_clock_jumped_by_less_than_an_hour() {
    let job = |id: u64, created: &str| {
        format!(
            r#"{{"id":{id},"status":"success","operationName":"tableImport","createdTime":"{created}"}}"#
        )
    };
    let (_dir, file) = saved(&[
        job(1, "1975-07-31T17:44:59Z"),
        job(2, "1975-08-01T03:52:31Z"),
    ]);
    let hours = |from: u32, to: u32| -> Vec<String> {
        (from..=to)
            .map(|h| match h {
                0..=23 => format!("1975-07-31 {h:02}:00"),
                _ => format!("1975-08-01 {:02}:00", h - 24),
            })
            .collect()
    };
    for (tz, expected) in [
        ("America/Guyana", hours(13, 24)),
        ("Europe/Amsterdam", hours(18, 28)),
    ] {
        let json = serde_json::to_string(&expected).unwrap();
        jobctl_bare()
            .env("TZ", tz)
            .args(["stats", "--file"])
            .arg(&file)
            .args(["--trend", "hour", "--jq", ".periods"])
            .stdout_eq(format!("{json}\n"))
            .run();
    }
}

/// A finished queue job body: a container of `kind` when given, else a component job.
fn run_job(id: u64, run_id: &str, parent: Option<&str>, kind: &str) -> String {
    let parent = parent.map_or("null".to_owned(), |p| format!("\"{p}\""));
    format!(
        r#"{{"id":"{id}","runId":"{run_id}","parentRunId":{parent},"type":"{kind}","status":"success","isFinished":true,"component":"keboola.orchestrator","config":"1","createdTime":"2026-01-01T00:00:00+00:00","startTime":"2026-01-01T00:00:01+00:00","endTime":"2026-01-01T00:05:00+00:00"}}"#
    )
}

fn searches(s: &SimServer) -> usize {
    s.sim()
        .requests()
        .iter()
        .filter(|r| r.path == "/search/jobs")
        .count()
}

#[test]
fn a_job_the_server_answers_as_its_own_child_shows_once() {
    let s = server();
    s.sim()
        .add_raw_queue_job(100, &run_job(100, "100", None, "orchestrationContainer"));
    // Under run 100, with run 100's own run id: the phase is run 100 again.
    s.sim()
        .add_raw_queue_job(101, &run_job(101, "100", Some("100"), "phaseContainer"));
    jobctl(&s)
        .args(["queue", "show", "100", "--tree"])
        .stdout_eq("✓ flow 100  keboola.orchestrator 1  success  4m 59s\n")
        .run();
    // The flow's children, once; the phase that repeats the flow's run is not asked.
    assert_eq!(searches(&s), 1);
}

#[test]
fn a_cycle_of_run_ids_ends_where_it_comes_back() {
    let s = server();
    s.sim()
        .add_raw_queue_job(200, &run_job(200, "200", None, "orchestrationContainer"));
    s.sim()
        .add_raw_queue_job(201, &run_job(201, "200.201", Some("200"), "phaseContainer"));
    // The phase's child claims the flow's run id: following it would start over.
    s.sim()
        .add_raw_queue_job(202, &run_job(202, "200", Some("200.201"), "phaseContainer"));
    s.sim().add_raw_queue_job(
        203,
        &run_job(203, "200.201.203", Some("200.201"), "container"),
    );
    jobctl(&s)
        .args([
            "queue",
            "show",
            "200",
            "--tree",
            "--jq",
            "[.. | .job? | objects | .id]",
        ])
        .stdout_eq("[\"200\",\"201\",\"203\"]\n")
        .run();
}

#[test]
fn a_ten_thousand_level_chain_is_refused_at_the_depth_cap_with_exit_5() {
    let s = server();
    s.sim()
        .add_raw_queue_job(1, &run_job(1, "1", None, "container"));
    for id in 2..=10_000u64 {
        let parent = (id - 1).to_string();
        s.sim().add_raw_queue_job(
            id,
            &run_job(id, &id.to_string(), Some(&parent), "container"),
        );
    }
    jobctl(&s)
        .args(["queue", "show", "1", "--tree"])
        .code(5)
        .stderr_eq(
            "jobctl: error: the run under queue job 1 is deeper than 32 levels; not a run \
             jobctl can draw (does the Queue API answer its jobs in a loop?)\n",
        )
        .run();
    assert_eq!(searches(&s), 32);
}

/// Every later search (or listing) answered as a server that ignores these parts of it.
fn careless(s: &SimServer, target: FaultTarget, offset: bool, filters: bool) {
    s.sim().push_fault(
        Fault::new(FaultKind::Careless { offset, filters })
            .on(target)
            .times(usize::MAX),
    );
}

fn kills(s: &SimServer) -> Vec<String> {
    s.sim()
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.path.clone())
        .collect()
}

/// Running jobs of two components and two configurations, and a finished one.
fn running_jobs() -> SimServer {
    let s = server();
    for (id, component, config, end) in [
        (30, "keboola.ex-http", "7", HOUR),
        (31, "keboola.ex-db", "1", HOUR),
        (32, "keboola.ex-http", "8", HOUR),
        (33, "keboola.ex-http", "7", 2_000),
    ] {
        s.sim()
            .add_queue_job(timed(id, component, config, 60_000, 1_000, end));
    }
    s
}

#[test]
fn a_kill_by_filter_checks_each_job_the_search_returns() {
    let s = running_jobs();
    careless(&s, FaultTarget::Path("/search/jobs".into()), false, true);
    jobctl(&s)
        .args([
            "queue",
            "kill",
            "--component",
            "keboola.ex-http",
            "--config",
            "7",
            "--yes",
        ])
        .stdout_eq("30\tkilled\n")
        .stderr_eq("jobctl: left out 3 jobs the search returned that do not match the filter\n")
        .run();
    assert_eq!(kills(&s), ["/jobs/30/kill"]);
}

#[test]
fn a_kill_by_status_alone_needs_all_components_and_the_preview_names_the_exact_kill() {
    let s = running_jobs();
    jobctl(&s)
        .args(["queue", "kill", "--status", "processing", "--yes"])
        .code(2)
        .stderr_has("name a --component or a --config, or pass --all-components")
        .run();
    assert!(s.sim().requests().is_empty());
    let out = jobctl(&s)
        .args([
            "queue",
            "kill",
            "--status",
            "processing",
            "--all-components",
        ])
        .code(2)
        .stderr_has("jobctl: would kill 3 jobs")
        .run();
    let command = out
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("jobctl: to kill exactly these: "))
        .expect("the command");
    assert_eq!(command, "jobctl queue kill 32 31 30");
    assert!(kills(&s).is_empty());
    // A job that starts after the preview is not in the command, which kills the ids.
    s.sim()
        .add_queue_job(timed(34, "keboola.ex-http", "7", 30_000, 1_000, HOUR));
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    jobctl(&s)
        .args(words)
        .stdout_eq("32\tkilled\n31\tkilled\n30\tkilled\n")
        .run();
    assert_eq!(kills(&s).len(), 3);
}

/// Generated finished queue jobs (newest first from the top id), behind a search that
/// ignores `offset`.
fn queue_ignoring_offset(n: usize) -> SimServer {
    let sim = Sim::empty();
    sim.add_generated_queue_jobs(n, 7);
    let s = server_with(sim);
    careless(&s, FaultTarget::Path("/search/jobs".into()), true, false);
    s
}

fn unique_lines(text: &str) -> usize {
    text.lines().collect::<std::collections::HashSet<_>>().len()
}

#[test]
fn paging_stops_when_a_full_page_of_the_queue_brings_nothing_new() {
    let s = queue_ignoring_offset(600);
    let out = jobctl(&s)
        .args([
            "queue",
            "kill",
            "--all-components",
            "--status",
            "success,error",
        ])
        .code(2)
        .stderr_has("jobctl: would kill 500 jobs")
        .run();
    assert!(
        out.stderr
            .contains(&format!("  {} ", GENERATED_QUEUE_BASE + 600))
    );
    assert_eq!(searches(&s), 2);
    let s = queue_ignoring_offset(600);
    let out = jobctl(&s)
        .args([
            "queue",
            "list",
            "--all",
            "--page-size",
            "200",
            "--jq",
            ".[].id",
        ])
        .stdout_any()
        .run();
    assert_eq!(
        (out.stdout.lines().count(), unique_lines(&out.stdout)),
        (200, 200)
    );
    assert_eq!(searches(&s), 2);
    let s = queue_ignoring_offset(600);
    jobctl(&s)
        .args([
            "queue",
            "stats",
            "--since",
            "40d",
            "--page-size",
            "200",
            "--jq",
            ".total.jobs",
        ])
        .stdout_eq("200\n")
        .run();
    assert_eq!(searches(&s), 2);
}

#[test]
fn paging_stops_when_a_full_page_of_the_storage_list_brings_nothing_new() {
    let s = server_with(Sim::with_generated(600, 7));
    careless(&s, FaultTarget::List, true, false);
    let listings = |s: &SimServer| {
        s.sim()
            .requests()
            .iter()
            .filter(|r| r.path == "/v2/storage/jobs")
            .count()
    };
    let out = jobctl(&s)
        .args(["list", "--all", "--page-size", "100", "-o", "jsonl"])
        .stdout_any()
        .run();
    assert_eq!(
        (out.stdout.lines().count(), unique_lines(&out.stdout)),
        (100, 100)
    );
    // The first page, then at most the pages in flight when the repeat was seen.
    assert!(listings(&s) <= 10, "{} listings", listings(&s));
    let before = listings(&s);
    jobctl(&s)
        .args([
            "stats",
            "--since",
            "40d",
            "--page-size",
            "100",
            "--jq",
            ".total.jobs",
        ])
        .stdout_eq("100\n")
        .run();
    assert!(
        listings(&s) - before <= 10,
        "{} listings",
        listings(&s) - before
    );
}

#[test]
fn sigterm_ends_a_jq_program_that_computes_for_ever_with_143() {
    let (_dir, file) = saved(&[storage_job(3, SANE, SANE)]);
    let run = jobctl_bare()
        .args(["list", "--file"])
        .arg(&file)
        .args(["--jq", "\"started\", (reduce range(1e12) as $i (0; .+1))"])
        .code(143)
        .stdout_eq("started\n")
        .spawn();
    // The file is read and the program runs: its first result is out.
    run.wait_stdout_has("started\n");
    run.signal("TERM");
    // Ended (the harness's hang guard fails a run that does not), with SIGTERM's code.
    run.wait();
}

#[test]
fn times_outside_1970_to_9999_from_the_api_count_as_absent_too() {
    // The window's filters would keep such jobs out: a server that ignores them does not.
    let s = server_with(Sim::empty());
    s.sim().add_raw_job(1, &storage_job(1, FAR_PAST, SANE));
    s.sim()
        .add_raw_job(2, &storage_job(2, FAR_FUTURE, FAR_FUTURE));
    careless(&s, FaultTarget::List, false, true);
    // Left out by the window's check on the client, which finds no creation time.
    jobctl(&s)
        .args([
            "stats",
            "--trend",
            "hour",
            "--jq",
            "[.total.jobs, .periods]",
        ])
        .stdout_eq("[0,null]\n")
        .run();
    s.sim()
        .add_raw_queue_job(11, &queue_job(11, FAR_PAST, FAR_FUTURE));
    s.sim()
        .add_raw_queue_job(12, &queue_job(12, FAR_FUTURE, SANE));
    careless(&s, FaultTarget::Path("/search/jobs".into()), false, true);
    // Kept (queue stats trusts the search's window), but without a time.
    jobctl(&s)
        .args([
            "queue",
            "stats",
            "--trend",
            "--jq",
            "[.total.jobs, .periods]",
        ])
        .stdout_eq("[2,null]\n")
        .run();
}
