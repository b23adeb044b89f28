//! `jobctl queue ...`: the Queue API's jobs (component runs, flows, their phases and
//! tasks), described and nothing more.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::{
    ApiOptions, Global, KindChoice, ListFormat, ProgressChoice, QueueOptions, ShowArgs, ShowFormat,
    WatchFormat, parse,
};
use crate::model::JobRef;

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Show Queue API jobs (component runs, flows) in detail, or a flow's run as a tree.
    ///
    /// A container (a flow, a phase) also shows a summary of the jobs under it. --tree
    /// shows the whole run: flow -> phases -> tasks -> the storage jobs each task started,
    /// with the path to a failure marked.
    Show {
        #[command(flatten)]
        args: QueueShowArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// List Queue API jobs, newest first (the server's search, with its filters)
    List {
        #[command(flatten)]
        args: Box<QueueListArgs>,
        #[command(flatten)]
        options: QueueOptions,
    },
    /// Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning,
    /// with a note), 1 when any ended in error, terminated or cancelled
    Watch {
        #[command(flatten)]
        args: QueueWatchArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it
    /// would kill otherwise). Reports each job's outcome
    Kill {
        #[command(flatten)]
        args: QueueKillArgs,
        #[command(flatten)]
        options: QueueOptions,
    },
    /// Figures over the queue job history per component and configuration (as stats)
    Stats {
        #[command(flatten)]
        args: Box<super::figures::QueueStatsArgs>,
        #[command(flatten)]
        options: QueueOptions,
    },
    /// A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)
    Timeline {
        #[command(flatten)]
        args: Box<super::figures::QueueTimelineArgs>,
        #[command(flatten)]
        options: QueueOptions,
    },
}

impl QueueCommand {
    /// The shared options, as the commands read them.
    pub fn global(&self) -> Global {
        match self {
            QueueCommand::Show { options, .. } | QueueCommand::Watch { options, .. } => {
                options.into()
            }
            QueueCommand::List { options, .. }
            | QueueCommand::Kill { options, .. }
            | QueueCommand::Stats { options, .. }
            | QueueCommand::Timeline { options, .. } => options.into(),
        }
    }
}

#[derive(Debug, Args)]
pub struct QueueWatchArgs {
    /// Queue job ids or links (the UI's job page, the Queue API's URL)
    #[arg(required = true, value_parser = parse::queue_job_id, value_name = "ID")]
    pub ids: Vec<u64>,

    /// Output format of the final state
    #[arg(long, short, value_enum, default_value_t = WatchFormat::Table)]
    pub output: WatchFormat,

    /// Give up after this long (exit 124)
    #[arg(long, value_parser = parse::duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,

    /// When --timeout ends the watch, kill the jobs still running
    #[arg(long, requires = "timeout")]
    pub kill_on_timeout: bool,

    /// Progress on stderr: live spinners (tty; a flow shows its tasks done of total and the
    /// running ones), timestamped lines (plain) or nothing
    #[arg(long, value_enum, default_value_t = ProgressChoice::Auto)]
    pub progress: ProgressChoice,

    /// Poll at this fixed interval instead of adaptively (at least 200ms)
    #[arg(long, value_parser = parse::duration, value_name = "DURATION")]
    pub interval: Option<Duration>,

    /// Longest wait between polls when polling adaptively
    #[arg(long, default_value = "15s", value_parser = parse::duration, value_name = "DURATION")]
    pub max_interval: Duration,

    /// Do not estimate the jobs' length from earlier runs of the same component and
    /// config (saves the one search request of finished jobs at the first look)
    #[arg(long)]
    pub no_history: bool,

    /// Stop as soon as one job fails (exit 1)
    #[arg(long)]
    pub fail_fast: bool,

    /// In plain progress, print a line this often even when nothing changed
    #[arg(long, default_value = "30s", value_parser = parse::duration, value_name = "DURATION")]
    pub heartbeat: Duration,

    /// Ring the bell and send a terminal notification (OSC 9) when all jobs finished
    #[arg(long)]
    pub notify: bool,

    /// Run a jq expression over each final job, in argument order (as watch --jq)
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

impl QueueWatchArgs {
    /// `queue watch` is `watch --kind queue`.
    pub fn into_watch(self) -> super::WatchArgs {
        let ids = self.ids.into_iter().map(|id| crate::model::JobRef {
            id,
            kind: Some(crate::model::JobKind::Queue),
            host: None,
        });
        super::WatchArgs {
            ids: ids.collect(),
            kind: Some(KindChoice::Queue),
            kill_on_timeout: self.kill_on_timeout,
            run_id: None,
            running: false,
            grace: Duration::from_secs(10),
            output: self.output,
            timeout: self.timeout,
            fail_fast: self.fail_fast,
            progress: self.progress,
            interval: self.interval,
            max_interval: self.max_interval,
            no_history: self.no_history,
            heartbeat: self.heartbeat,
            notify: self.notify,
            log: false,
            jq: self.jq,
        }
    }
}

#[derive(Debug, Args)]
pub struct QueueKillArgs {
    /// Queue job ids or links to kill (no confirmation needed)
    #[arg(value_parser = parse::queue_job_id, value_name = "ID",
          conflicts_with_all = ["status", "component", "config_id", "all_components"])]
    pub ids: Vec<u64>,

    /// Kill the jobs with this status (default with a filter: created, waiting, processing)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<QueueStatusArg>,

    /// Kill the jobs of this component (repeatable)
    #[arg(long, value_name = "ID")]
    pub component: Vec<String>,

    /// Kill the jobs of this configuration id (repeatable)
    // Its own id: `config` is the config file's (see `ConfigFileArg`).
    #[arg(id = "config_id", long = "config", value_name = "ID")]
    pub config: Vec<String>,

    /// Kill by --status alone, whatever the component: a filter must otherwise name a
    /// --component or a --config
    #[arg(long, conflicts_with_all = ["component", "config_id"])]
    pub all_components: bool,

    /// Kill what the filter matches without asking (without it, the jobs are listed)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct QueueShowArgs {
    /// Queue job ids or links (the UI's job page, the Queue API's URL)
    #[arg(required = true, value_parser = parse::queue_job_ref, value_name = "ID")]
    pub ids: Vec<JobRef>,

    /// The run as a tree: phases, tasks and the storage jobs each task started (one id)
    #[arg(long)]
    pub tree: bool,

    /// Output format (with --tree, json is the tree: each node {"kind","job","children"},
    /// "job" the server's object)
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub output: ShowFormat,

    /// Run a jq expression over each job as the server sent it (with --tree: over the
    /// tree that -o json prints); each result prints on its own line, strings raw, the
    /// rest as compact JSON
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Do not end a failed job's detail with its last warnings and errors (shown on a
    /// terminal only; they cost one events request per run)
    #[arg(long)]
    pub no_log: bool,
}

impl QueueShowArgs {
    /// `queue show` is `show` of queue jobs.
    pub fn into_show(self) -> ShowArgs {
        ShowArgs {
            ids: self.ids,
            kind: Some(KindChoice::Queue),
            tree: self.tree,
            output: self.output,
            file: None,
            queue_job: false,
            jq: self.jq,
            no_log: self.no_log,
        }
    }
}

#[derive(Debug, Args)]
pub struct QueueListArgs {
    #[command(flatten)]
    pub filters: QueueFilterArgs,

    /// How many matching jobs to show
    #[arg(help_heading = "Paging", long, short = 'n', default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,

    /// Page through to the last job
    #[arg(help_heading = "Paging", long, conflicts_with = "limit")]
    pub all: bool,

    /// Jobs per request, sent as `limit` (the Queue API's own clients never ask for more
    /// than 500)
    #[arg(help_heading = "Paging", long, default_value_t = 100, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=500))]
    pub page_size: u64,

    /// Output format. A piped table is tab-separated with a header line (none when nothing
    /// matched), RFC 3339 times and seconds
    #[arg(help_heading = "Output", long, short, value_enum, default_value_t = ListFormat::Table)]
    pub output: ListFormat,

    /// Table columns to show, comma-separated (id,status,type,component,config,createdTime,
    /// duration,runId,parentRunId,token,errorType,message,startTime,endTime, or the headers
    /// the table shows: parent,error_type,start,end,...)
    #[arg(
        help_heading = "Output",
        long,
        value_delimiter = ',',
        value_name = "COLUMNS",
        value_parser = parse::Hinted(parse::QUEUE_COLUMNS),
        hide_possible_values = true
    )]
    pub columns: Vec<String>,

    /// Filter a saved search response (JSON array or JSON lines; '-' for stdin) instead of
    /// calling the API
    #[arg(help_heading = "Output", long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// After listing, keep polling the first page and print new jobs and status changes
    /// until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line
    #[arg(help_heading = "Output", long, short = 'w', conflicts_with = "file")]
    pub watch: bool,

    /// How often --watch polls
    #[arg(help_heading = "Output", long, default_value = "2s", value_parser = parse::duration,
          value_name = "DURATION", requires = "watch")]
    pub interval: Duration,

    /// Run a jq expression over the JSON array that -o json prints (implies -o json)
    #[arg(help_heading = "Output", long, value_name = "EXPR", conflicts_with_all = ["watch", "columns"])]
    pub jq: Option<String>,
}

/// The filters of `queue list`, shared with `queue stats` and `queue timeline`.
#[derive(Debug, Clone, Default, Args)]
pub struct QueueFilterArgs {
    /// Only jobs with this status (repeatable or comma-separated; sent to the server)
    #[arg(
        help_heading = "Filters",
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "STATUS"
    )]
    pub status: Vec<QueueStatusArg>,

    /// Only jobs of this component, e.g. keboola.orchestrator (repeatable)
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub component: Vec<String>,

    /// Only jobs of this configuration id (repeatable)
    // Its own id: `config` is the config file's (see `ConfigFileArg`).
    #[arg(
        help_heading = "Filters",
        id = "config_id",
        long = "config",
        value_name = "ID"
    )]
    pub config: Vec<String>,

    /// Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer,
    /// container, retryContainer (repeatable)
    #[arg(help_heading = "Filters", long = "type", value_name = "TYPE")]
    pub job_type: Vec<String>,

    /// Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or
    /// date-time in the local zone, or a time with an offset; sent in UTC with +00:00
    #[arg(
        help_heading = "Filters",
        long,
        value_name = "WHEN",
        allow_hyphen_values = true
    )]
    pub since: Option<String>,

    /// Only jobs created at or before this, as --since
    #[arg(
        help_heading = "Filters",
        long,
        value_name = "WHEN",
        allow_hyphen_values = true
    )]
    pub until: Option<String>,

    /// Only jobs of this branch id ('null' for the main branch; repeatable)
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub branch: Vec<String>,

    /// Only jobs with exactly this runId (repeatable)
    #[arg(help_heading = "Filters", long, value_name = "RUN_ID")]
    pub run_id: Vec<String>,

    /// Only the jobs directly under this runId: a flow's phases, a phase's tasks
    #[arg(help_heading = "Filters", long, value_name = "RUN_ID")]
    pub parent: Option<String>,

    /// Shorthand for --status error,terminated,cancelled
    #[arg(help_heading = "Filters", long, conflicts_with_all = ["status", "running"])]
    pub failed: bool,

    /// Shorthand for --status created,waiting,processing,terminating
    #[arg(help_heading = "Filters", long, conflicts_with = "status")]
    pub running: bool,

    /// Only jobs that run under no other (flows and jobs run on their own, not phases or
    /// tasks; applied by jobctl, paging on until enough match)
    #[arg(help_heading = "Filters", long, conflicts_with = "parent")]
    pub top_level: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueueStatusArg {
    Created,
    Waiting,
    Processing,
    Success,
    Warning,
    Error,
    Terminating,
    Terminated,
    Cancelled,
}

impl QueueStatusArg {
    pub fn as_str(self) -> &'static str {
        match self {
            QueueStatusArg::Created => "created",
            QueueStatusArg::Waiting => "waiting",
            QueueStatusArg::Processing => "processing",
            QueueStatusArg::Success => "success",
            QueueStatusArg::Warning => "warning",
            QueueStatusArg::Error => "error",
            QueueStatusArg::Terminating => "terminating",
            QueueStatusArg::Terminated => "terminated",
            QueueStatusArg::Cancelled => "cancelled",
        }
    }
}
