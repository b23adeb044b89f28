//! What a hostile or careless server and hostile input cannot do (issue 24): crash the
//! argument parser, loop on a run tree, overflow on a time, hang a trend, outlive a
//! signal, or steer `queue kill` to jobs the user did not ask for.

use std::time::{SystemTime, UNIX_EPOCH};

use jobctl::sim::{Anchor, QueueJobSpec, QueueOutcome};

use super::*;

const HOUR: i64 = 3_600_000;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// A queue job created `ago_ms` before now, started and ended that long after creation.
fn timed(id: u64, component: &str, config: &str, ago_ms: i64, start: i64, end: i64) -> QueueJobSpec {
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
    queue(&["show", "30", "--jq", ".id"]).stdout_eq("30\n").run();
    queue(&["watch", "30", "--timeout", "1ms", "--progress", "none"])
        .code(124)
        .stdout_any()
        .stderr_any()
        .run();
    // The documented kill by configuration: the preview, then the kill.
    queue(&["kill", "--component", "keboola.ex-http", "--config", "8"])
        .stderr_eq("jobctl: no jobs match: nothing to kill\n")
        .run();
    queue(&["kill", "--component", "keboola.ex-http", "--config", "7", "--yes"])
        .stdout_eq("30\tkilled\n")
        .run();
    // The config file still comes through under its other name.
    jobctl(&s)
        .args(["queue", "list", "--config", "7", "--config-file", "/nonexistent/c.toml"])
        .code(2)
        .stderr_has("/nonexistent/c.toml")
        .run();
}
