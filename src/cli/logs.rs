//! The arguments of `jobctl logs`: which jobs, which of their events, how to follow them
//! and how to print them. Described only; the `logs` command and service read them.

use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{KindChoice, parse};
use crate::model::JobRef;

pub const LOGS_EXAMPLES: &str = "\
Examples:
  jobctl logs 1205330051                  a job's log, oldest first
  jobctl logs 1205330051 --failed         a flow: only the tasks that failed
  jobctl logs 1205335001 -f               follow until the job ends (exit as watch)
  jobctl logs 1205330051 --type error,warn --tail 20
  jobctl logs 1205330051 --grep 'sheet|quota' --since 1h
  jobctl logs 1205330051 -o jsonl | jq -r .event.message";

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Job ids (also comma-separated) or links. A bare id is looked up on the Storage API
    /// and the Queue API at once; a flow or phase shows the log of all its tasks, merged
    #[arg(required = true, value_parser = parse::job_ref, value_name = "ID",
          value_delimiter = ',')]
    pub ids: Vec<JobRef>,

    /// Which API a bare id belongs to (needed only when the id is a job on both)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindChoice>,

    /// Keep printing new events until the jobs (a flow: every task) have finished, then
    /// exit as watch does: 0 success, 1 failed, 124 on --timeout
    #[arg(long, short = 'f')]
    pub follow: bool,

    /// With --follow: give up after this long (exit 124); the jobs keep running
    #[arg(long, value_parser = parse::duration, value_name = "DURATION", requires = "follow")]
    pub timeout: Option<Duration>,

    /// With --follow: how often to ask for new events and the jobs' status (at least
    /// 200ms); the default asks once every 2 s, however many tasks a flow runs
    #[arg(long, default_value = "2s", value_parser = parse::duration, value_name = "DURATION",
          requires = "follow")]
    pub interval: Duration,

    /// A flow or phase: only the tasks that failed, with the messages of the phases and
    /// the flow above them
    #[arg(long, conflicts_with = "follow")]
    pub failed: bool,

    /// Only events of these types (comma-separated)
    #[arg(long = "type", value_enum, value_name = "TYPE", value_delimiter = ',')]
    pub types: Vec<EventTypeChoice>,

    /// Only events whose message or description matches this regular expression (matched
    /// here, highlighted on a terminal; (?i) for case-insensitive)
    #[arg(long, value_name = "REGEX")]
    pub grep: Option<String>,

    /// The server's own search over the events (its `q` parameter)
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,

    /// Only events created at or after this: an age (30m, 2h, 7d) or a date/date-time
    /// (as list --since)
    #[arg(long, value_name = "WHEN",
          value_parser = parse::Hinted(parse::WHEN_EXAMPLES), hide_possible_values = true)]
    pub since: Option<String>,

    /// Only the last N events (after the filters); with --follow, then the new ones
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub tail: Option<u64>,

    /// The time on each line: short (a terminal's default: HH:MM:SS in the display zone),
    /// full (a pipe's default: the server's own time), none
    #[arg(long, value_enum, value_name = "WHEN")]
    pub timestamps: Option<Timestamps>,

    /// Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as
    /// the server sent it); json (an array of those)
    #[arg(long, short, value_enum, default_value_t = LogsFormat::Text)]
    pub output: LogsFormat,

    /// Run a jq expression over each `{"job":ID,"event":{...}}`; each result prints on its
    /// own line, strings raw, the rest as compact JSON. No jq binary needed
    #[arg(long, value_name = "EXPR", conflicts_with = "output")]
    pub jq: Option<String>,
}

/// `--type`: the event types of the Storage API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum EventTypeChoice {
    Info,
    Success,
    #[value(alias = "warning")]
    Warn,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Timestamps {
    /// HH:MM:SS in the display zone
    Short,
    /// The full time: on a terminal in the display zone, elsewhere as the server sent it
    Full,
    /// No time
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogsFormat {
    /// One line an event (a description indented under it)
    Text,
    /// One JSON object an event: {"job":ID,"event":<the server's event>}
    Jsonl,
    /// An array of those objects
    Json,
}
