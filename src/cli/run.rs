//! `jobctl run`: the arguments of starting component and flow jobs, described and nothing
//! more (the `start` service builds the requests from them).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{ProgressChoice, WatchFormat, parse};
use crate::start::Target;

pub const RUN_EXAMPLES: &str = "\
Examples:
  jobctl run keboola.ex-http/503118            start a job; print its id and link
  jobctl run keboola.orchestrator/55512 --wait follow the flow; exit 1 when it fails
  jobctl run keboola.ex-http/503118 --wait --timeout 30m --kill-on-timeout
  jobctl run 4242/keboola.ex-http/503118@1.4.2 a dev branch's config, image tag 1.4.2
  jobctl run keboola.ex-db-snowflake/987654321 --row 12 --row 13 --var day=monday
  jobctl run keboola.ex-http/503118 --dry-run  the request body; nothing is sent";

#[derive(Debug, Args)]
pub struct RunArgs {
    /// What to run: [BRANCH/]COMPONENT/CONFIG[@TAG] (a bare COMPONENT with --config-data);
    /// several start in parallel
    #[arg(required = true, value_name = "TARGET", value_parser = parse_target)]
    pub targets: Vec<Target>,

    /// Run only this row of the configuration (repeatable)
    #[arg(long = "row", value_name = "ID")]
    pub rows: Vec<String>,

    /// The dev branch to run in (its id); a target's own BRANCH/ wins over it
    #[arg(long, value_name = "ID")]
    pub branch: Option<String>,

    /// Variable values: the id of a stored set of values
    #[arg(long, value_name = "ID", conflicts_with = "vars")]
    pub variables_id: Option<String>,

    /// A variable's value for this run (repeatable)
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,

    /// debug keeps the job's data for inspection; force runs a disabled configuration
    #[arg(long, value_enum, value_name = "MODE")]
    pub mode: Option<RunMode>,

    /// The backend size to run on (sent as backend.type)
    #[arg(long, value_name = "SIZE",
          value_parser = ["xsmall", "small", "medium", "large"])]
    pub backend: Option<String>,

    /// How many of a flow's tasks run at once: a number, or infinity
    #[arg(long, value_name = "N", value_parser = parse_parallelism)]
    pub parallelism: Option<ParallelismArg>,

    /// Run this inline configuration (a JSON object; '-' for stdin) instead of a stored
    /// one's (the target's CONFIG and --row are then not used)
    #[arg(long, value_name = "FILE")]
    pub config_data: Option<PathBuf>,

    /// Print the request bodies that would be sent (one JSON object per line; -o json: an
    /// array) and send nothing
    #[arg(long, conflicts_with = "waiting")]
    pub dry_run: bool,

    /// Output format: what started, or with --wait the final state as watch prints it
    #[arg(long, short, value_enum, default_value_t = RunFormat::Table)]
    pub output: RunFormat,

    #[command(flatten)]
    pub wait: WaitArgs,
}

/// How `run` and `rerun` wait for what they started: as `watch` follows jobs (`-f`: with
/// the log, as `watch --log`).
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("waiting").args(["wait", "follow"]).multiple(true)))]
pub struct WaitArgs {
    /// Follow the started jobs until they finish, as `watch` does: exit 0 on success, 1
    /// when any failed
    #[arg(help_heading = "Waiting", long)]
    pub wait: bool,

    /// --wait, and print the jobs' log on stderr as it arrives (for a flow, every task's,
    /// each line prefixed with its place), as `watch --log`
    #[arg(help_heading = "Waiting", long, short = 'f')]
    pub follow: bool,

    /// With --wait or -f: give up after this long (exit 124); the jobs keep running
    #[arg(help_heading = "Waiting", long, value_parser = parse::duration,
          value_name = "DURATION", requires = "waiting")]
    pub timeout: Option<Duration>,

    /// When --timeout ends the wait, kill the jobs still running
    #[arg(help_heading = "Waiting", long, requires = "timeout")]
    pub kill_on_timeout: bool,

    /// With --wait or -f: progress on stderr (as watch)
    #[arg(help_heading = "Waiting", long, value_enum, default_value_t = ProgressChoice::Auto)]
    pub progress: ProgressChoice,

    /// With --wait or -f: poll at this fixed interval instead of adaptively (at least 200ms)
    #[arg(help_heading = "Waiting", long, value_parser = parse::duration,
          value_name = "DURATION", requires = "waiting")]
    pub interval: Option<Duration>,

    /// With --wait or -f: longest wait between polls when polling adaptively
    #[arg(help_heading = "Waiting", long, default_value = "15s", value_parser = parse::duration,
          value_name = "DURATION", conflicts_with = "interval")]
    pub max_interval: Duration,

    /// With --wait or -f: do not estimate the jobs' length from earlier runs
    #[arg(help_heading = "Waiting", long, requires = "waiting")]
    pub no_history: bool,
}

impl WaitArgs {
    /// Whether the started jobs are followed (`--wait` or `-f`).
    pub fn waits(&self) -> bool {
        self.wait || self.follow
    }
}

/// `run -o`: what started, or (with `--wait`) the final state as `watch` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    /// A row per started job: id, config, name, link (with --wait: watch's detail view or
    /// summary table)
    Table,
    /// The created jobs as the server sent them (with --wait: the final jobs)
    Json,
    /// One created job a line (with --wait: watch's status changes, then the final jobs)
    Jsonl,
}

impl RunFormat {
    /// The same format for the watch that `--wait` runs.
    pub fn watch(self) -> WatchFormat {
        match self {
            RunFormat::Table => WatchFormat::Table,
            RunFormat::Json => WatchFormat::Json,
            RunFormat::Jsonl => WatchFormat::Jsonl,
        }
    }
}

/// `--mode`: the API's `debug` and `forceRun` (`run` is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunMode {
    Debug,
    Force,
}

/// `--parallelism`: a number of tasks, or no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParallelismArg {
    Tasks(u32),
    Infinity,
}

fn parse_target(s: &str) -> Result<Target, String> {
    s.parse()
}

/// `NAME=VALUE`; the name must not be empty (the value may be).
fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!("'{s}' is not NAME=VALUE")),
    }
}

fn parse_parallelism(s: &str) -> Result<ParallelismArg, String> {
    match s.trim() {
        "infinity" | "inf" => Ok(ParallelismArg::Infinity),
        n => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(ParallelismArg::Tasks)
            .ok_or_else(|| format!("'{s}' is not a number of tasks (1 or more) or infinity")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_need_an_equals_sign_and_a_name() {
        assert_eq!(
            parse_var("day=mon=day"),
            Ok(("day".into(), "mon=day".into()))
        );
        assert_eq!(parse_var("empty="), Ok(("empty".into(), String::new())));
        assert!(parse_var("day").is_err());
        assert!(parse_var("=x").is_err());
    }

    #[test]
    fn parallelism_is_a_positive_number_or_infinity() {
        assert_eq!(parse_parallelism("4"), Ok(ParallelismArg::Tasks(4)));
        assert_eq!(parse_parallelism("infinity"), Ok(ParallelismArg::Infinity));
        assert!(parse_parallelism("0").is_err());
        assert!(parse_parallelism("many").is_err());
    }
}
