//! `jobctl stats`, `jobctl timeline` and their `queue` twins: what the job history says,
//! described and nothing more. They take `list`'s (or `queue list`'s) filters and sources.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::JobFilterArgs;
use super::queue::QueueFilterArgs;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filters: JobFilterArgs,

    /// Group by these, comma-separated (hour and day in the local zone) [default: operation;
    /// with --kind queue: component,config; with --kind all: kind,operation]. With --kind
    /// all, operation is a queue job's component and table its configuration
    #[arg(
        help_heading = "Figures",
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "KEYS"
    )]
    pub by: Vec<StatsBy>,

    #[command(flatten)]
    pub show: StatsShow,

    #[command(flatten)]
    pub source: JobSource,
}

#[derive(Debug, Args)]
pub struct QueueStatsArgs {
    #[command(flatten)]
    pub filters: QueueFilterArgs,

    /// Group by these, comma-separated (hour and day in the local zone)
    #[arg(
        help_heading = "Figures",
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "component,config",
        value_name = "KEYS"
    )]
    pub by: Vec<QueueStatsBy>,

    #[command(flatten)]
    pub show: StatsShow,

    #[command(flatten)]
    pub source: QueueSource,
}

/// How `stats` shows its figures.
#[derive(Debug, Args)]
pub struct StatsShow {
    /// Order the groups by this column: numbers largest first, keys A to Z
    #[arg(help_heading = "Figures", long, value_enum, default_value_t = StatsSort::Jobs)]
    pub sort: StatsSort,

    /// Add the figures per day (or hour): sparklines of p90 duration and error rate in
    /// the table, a "trend" array per group in JSON
    #[arg(help_heading = "Figures", long, value_enum, num_args = 0..=1,
          default_missing_value = "day", value_name = "PERIOD")]
    pub trend: Option<Trend>,

    /// Output format. The table is tab-separated with a header line when piped (seconds
    /// and bytes as plain numbers)
    #[arg(help_heading = "Output", long, short, value_enum, default_value_t = StatsFormat::Table)]
    pub output: StatsFormat,

    /// Run a jq expression over the object that -o json prints (implies -o json)
    #[arg(help_heading = "Output", long, value_name = "EXPR")]
    pub jq: Option<String>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub filters: JobFilterArgs,

    /// One row per operation or table instead of one per job
    #[arg(help_heading = "Picture", long, value_enum, value_name = "KEY")]
    pub by: Option<TimelineBy>,

    #[command(flatten)]
    pub show: TimelineShow,

    #[command(flatten)]
    pub source: JobSource,
}

#[derive(Debug, Args)]
pub struct QueueTimelineArgs {
    #[command(flatten)]
    pub filters: QueueFilterArgs,

    /// One row per component or configuration instead of one per job
    #[arg(help_heading = "Picture", long, value_enum, value_name = "KEY")]
    pub by: Option<QueueTimelineBy>,

    #[command(flatten)]
    pub show: TimelineShow,

    #[command(flatten)]
    pub source: QueueSource,
}

/// How `timeline` shows its picture.
#[derive(Debug, Args)]
pub struct TimelineShow {
    /// Output format: text for a terminal (plain glyphs without colour), or an SVG picture
    #[arg(help_heading = "Output", long, short, value_enum, default_value_t = TimelineFormat::Text)]
    pub output: TimelineFormat,

    /// Write the picture to this file instead of stdout
    #[arg(help_heading = "Output", long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// Where storage jobs come from: the API, or a saved list.
#[derive(Debug, Args)]
pub struct JobSource {
    /// Read a saved list response (JSON array or JSON lines, e.g. from list --all -o
    /// json; '-' for stdin) instead of calling the API
    #[arg(help_heading = "Source", long, value_name = "PATH",
          conflicts_with_all = ["page_size", "concurrency"])]
    pub file: Option<PathBuf>,

    /// Jobs per request
    #[arg(help_heading = "Source", long, default_value_t = 100, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub page_size: u64,

    /// Pages fetched at once after the first
    #[arg(help_heading = "Source", long, default_value_t = 8, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=32))]
    pub concurrency: usize,
}

/// Where queue jobs come from: the Queue API's search, or a saved response.
#[derive(Debug, Args)]
pub struct QueueSource {
    /// Read a saved search response (JSON array or JSON lines; '-' for stdin) instead of
    /// calling the API
    #[arg(
        help_heading = "Source",
        long,
        value_name = "PATH",
        conflicts_with = "page_size"
    )]
    pub file: Option<PathBuf>,

    /// Jobs per request
    #[arg(help_heading = "Source", long, default_value_t = 100, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=500))]
    pub page_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsBy {
    Operation,
    Table,
    /// The table id's first two parts (in.c-main)
    Bucket,
    /// The creator token's description
    Creator,
    Status,
    Hour,
    Day,
    /// Storage or queue (--kind all)
    Kind,
    /// A queue job's component (--kind queue or all)
    Component,
    /// A queue job's configuration (--kind queue or all)
    Config,
    /// A queue job's type (--kind queue or all)
    Type,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueueStatsBy {
    Component,
    Config,
    Type,
    Status,
    /// The token's description
    Creator,
    Hour,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsSort {
    /// The group keys
    Key,
    Jobs,
    Errors,
    ErrorRate,
    P50,
    P90,
    P99,
    Max,
    WaitP50,
    WaitP90,
    InBytes,
    OutBytes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Trend {
    Day,
    Hour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Columns fitted to the terminal; tab-separated when piped
    Table,
    /// One object: {"by", "groups", "total"}, numbers as numbers, durations in seconds
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineBy {
    Operation,
    Table,
    /// A queue job's component (--kind queue or all)
    Component,
    /// A queue job's configuration (--kind queue or all)
    Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueueTimelineBy {
    Component,
    Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A Gantt chart fitted to the terminal
    Text,
    /// The same picture as an SVG document
    Svg,
}
