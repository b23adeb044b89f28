//! The command line, described and nothing more: clap derive types that `main` parses and
//! the commands read. Whatever depends only on argv is validated here by clap; the options
//! several subcommands share are groups each flattens where it uses them (`shared`).

pub mod figures;
pub mod logs;
pub mod parse;
pub mod queue;
pub mod rerun;
pub mod run;
pub mod shared;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{JobKind, JobRef};

pub use shared::{
    ApiOptions, ColorChoice, ConfigPathArg, Global, HttpArgs, QueueOptions, StorageOptions,
};

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success (showing a failed job is a successful show)
  1    a watched or followed job ended in error (watch, run --wait, logs -f)
  2    usage error
  3    job not found (a 404 in the API's own JSON error shape, whatever its code;
       a bare id: on neither API)
  4    authentication or permission failure
  5    API unreachable, failing, garbage after retries, or not a Keboola Storage API
  6    jobctl's own failure: cannot write its output, start the simulator, ...
  124  a wait timed out (watch, run --wait, logs -f with --timeout)
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)";

pub const ENVIRONMENT: &str = "\
Environment:
  KBC_STORAGE_API_HOST   stack host or URL (also KBC_STORAGE_API_URL, KBC_URL)
  KBC_STORAGE_API_TOKEN  Storage API token (also KBC_TOKEN)
  KBC_QUEUE_API_HOST     Queue API host (as --queue-host)
  JOBCTL_PROFILE         profile of the config file to use (as --profile)
  JOBCTL_CONFIG          config file (as --config)
  XDG_CONFIG_HOME        the config file is $XDG_CONFIG_HOME/jobctl/config.toml
  JOBCTL_DEMO            set to 1 to run against the embedded simulator
  JOBCTL_UTC             set to 1 to show times in UTC (as --utc)
  TZ                     the local zone times are shown in (TZ=Europe/Prague: CET, CEST)
  COLUMNS                width to fit tables to on a terminal (wins over the terminal's)
  NO_COLOR, CLICOLOR_FORCE, TERM=dumb  colour conventions (see --color)";

/// Inspect and follow Keboola Storage API jobs.
#[derive(Debug, Parser)]
#[command(name = "jobctl", version, about, max_term_width = 100)]
#[command(after_help = format!("{EXIT_CODES}\n\n{ENVIRONMENT}"))]
pub struct Cli {
    /// The shared options written before the subcommand (`jobctl --demo show 1`): listed
    /// and completed here, but moved after the subcommand before parsing (see
    /// [`Cli::try_parse_checked_from`]), so they never hold a value of their own.
    #[command(flatten)]
    pub before: ApiOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show one or more jobs in detail
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        #[command(flatten)]
        args: ShowArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed.
    ///
    /// Stopping the watch (timeout, Ctrl-C) does not stop the jobs: storage jobs keep
    /// running on the server, and the API has no way to cancel them.
    #[command(after_help = WATCH_EXAMPLES)]
    Watch {
        #[command(flatten)]
        args: WatchArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// List recent jobs, newest first
    #[command(after_help = LIST_EXAMPLES)]
    List {
        #[command(flatten)]
        args: Box<ListArgs>,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Figures over the job history: jobs, errors, duration and queue-wait percentiles,
    /// bytes and error codes, per operation (or table, bucket, creator, status, hour, day).
    ///
    /// Takes list's filters and sources; from the API the window is the last 7 days unless
    /// --since says otherwise.
    #[command(after_help = STATS_EXAMPLES)]
    Stats {
        #[command(flatten)]
        args: Box<figures::StatsArgs>,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// What ran when, and in parallel with what: a Gantt chart of the jobs of a window
    /// (the last hour unless --since says otherwise), with concurrency below it.
    ///
    /// Queue wait and processing show in different glyphs, running jobs grow to now;
    /// -o svg draws the same picture as an SVG document.
    #[command(after_help = TIMELINE_EXAMPLES)]
    Timeline {
        #[command(flatten)]
        args: Box<figures::TimelineArgs>,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Queue API jobs: component runs and flows with their phases and tasks
    #[command(subcommand, after_help = QUEUE_EXAMPLES)]
    Queue(queue::QueueCommand),
    /// Run the Storage API simulator in the foreground, as a local stand-in for the API.
    ///
    /// It accepts the token given with --token (or KBC_STORAGE_API_TOKEN), else the
    /// demo token it prints.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1
    #[command(after_help = MAN_EXAMPLES)]
    Man,
    /// Inspect the profiles of the config file
    #[command(subcommand, after_help = CONFIG_EXAMPLES)]
    Config(ConfigCommand),
    /// Show whom the token belongs to: project, token description, expiry and stack
    #[command(after_help = WHOAMI_EXAMPLES)]
    Whoami {
        #[command(flatten)]
        args: WhoamiArgs,
        #[command(flatten)]
        options: StorageOptions,
    },
    /// A live, keyboard-driven dashboard of the project's storage and queue jobs (on a
    /// terminal; for a pipe, use list --watch)
    #[command(after_help = TOP_EXAMPLES)]
    Top {
        #[command(flatten)]
        args: TopArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Start component or flow jobs (Queue API); print what started and exit, or follow
    /// them to their end with --wait.
    ///
    /// Several targets start in parallel. A job's creation is never sent twice: when the
    /// answer is lost (a timeout, a dropped connection, a 5xx), jobctl says the job may
    /// have started and gives the `jobctl queue list` command that finds it. Never prompts.
    #[command(after_help = run::RUN_EXAMPLES)]
    Run {
        #[command(flatten)]
        args: Box<run::RunArgs>,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Start a queue job again: the same component, configuration, rows, tag, branch and
    /// variables; of a flow all of it, or only what failed, from a phase, chosen tasks.
    ///
    /// It prints the plan on stderr first (a flow's tasks that run and those skipped, by
    /// phase) and never asks: --dry-run shows what would be sent and starts nothing.
    #[command(after_help = rerun::RERUN_EXAMPLES)]
    Rerun {
        #[command(flatten)]
        args: rerun::RerunArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// Print a job's log (its events), oldest first; a flow's tasks merged, -f to follow
    #[command(after_help = logs::LOGS_EXAMPLES)]
    Logs {
        #[command(flatten)]
        args: logs::LogsArgs,
        #[command(flatten)]
        options: ApiOptions,
    },
    /// `jobctl __complete WHAT`: the values the completion scripts ask for. Not a clap
    /// subcommand (clap_complete would offer it, hidden or not): [`Cli::try_parse_checked_from`]
    /// reads it.
    #[command(skip)]
    Complete(CompleteWhat),
}

/// The word after `jobctl` that asks for completion values instead of a command.
pub const COMPLETE: &str = "__complete";

/// What `jobctl __complete` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompleteWhat {
    /// Component ids seen (jobs started or listed)
    Components,
    /// `component/config` of the configurations whose names were seen, and the
    /// components seen
    Targets,
}

impl Command {
    /// The shared options of a command that calls the API; `None` for the others
    /// (`serve`, `config`, `completions`, `man`), which read their own.
    pub fn global(&self) -> Option<Global> {
        match self {
            Command::Show { options, .. }
            | Command::Watch { options, .. }
            | Command::List { options, .. }
            | Command::Stats { options, .. }
            | Command::Timeline { options, .. }
            | Command::Top { options, .. }
            | Command::Run { options, .. }
            | Command::Rerun { options, .. }
            | Command::Logs { options, .. } => Some(options.into()),
            Command::Whoami { options, .. } => Some(options.into()),
            Command::Queue(command) => Some(command.global()),
            Command::Serve(_)
            | Command::Completions(_)
            | Command::Man
            | Command::Config(_)
            | Command::Complete(_) => None,
        }
    }

    /// `--color`, `--utc` and `--debug` as the command that runs was given them (their
    /// defaults where it takes none).
    pub fn display(&self) -> (ColorChoice, bool, bool) {
        match (self.global(), self) {
            (Some(g), _) => (g.display.color, g.display.utc, g.connection.http.debug),
            (None, Command::Config(ConfigCommand::Check { http, .. })) => {
                (ColorChoice::Auto, false, http.debug)
            }
            (None, _) => (ColorChoice::Auto, false, false),
        }
    }
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// How often to refresh the lists (one request per kind; at least 200ms); while nothing
    /// runs the wait doubles, up to 4 times this
    #[arg(long, default_value = "2s", value_parser = parse::duration, value_name = "DURATION")]
    pub interval: Duration,

    /// Which jobs to show first (Tab switches while it runs)
    #[arg(long, value_enum, default_value_t = TopKind::Both)]
    pub kind: TopKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TopKind {
    /// Storage API jobs
    Storage,
    /// Queue API jobs (component runs, flows)
    Queue,
    /// Both, in one table
    Both,
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub output: ShowFormat,

    /// Run a jq expression over the stack's answer (GET /v2/storage/tokens/verify, the
    /// token itself left out); each result prints on its own line, strings raw
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// List the profiles (never a token value), marking the default
    List {
        #[command(flatten)]
        args: ConfigListArgs,
        #[command(flatten)]
        config: ConfigPathArg,
    },
    /// Try each profile's host and token with one cheap request; exit 0 when all work,
    /// else the worst failure's code (4 token rejected, 5 API unreachable, 2 bad profile)
    Check {
        #[command(flatten)]
        http: HttpArgs,
        #[command(flatten)]
        config: ConfigPathArg,
    },
}

#[derive(Debug, Args)]
pub struct ConfigListArgs {
    /// Print only the profile names, one per line, and nothing at all without a config
    /// file (what shell completion of --profile calls)
    #[arg(long)]
    pub names: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Job ids (also comma-separated) or links: the UI's job page, or the API URLs jobctl
    /// prints. A bare id is looked up on the Storage API and the Queue API at once
    #[arg(required_unless_present = "file", value_parser = parse::job_ref, value_name = "ID",
          value_delimiter = ',')]
    pub ids: Vec<JobRef>,

    /// Which API a bare id belongs to (needed only when the id is a job on both)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindChoice>,

    /// A queue job's run as a tree: phases, tasks and the storage jobs each task started
    /// (one id)
    #[arg(long, conflicts_with_all = ["file", "queue_job"])]
    pub tree: bool,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub output: ShowFormat,

    /// Render a saved job response ('-' for standard input) instead of calling the API
    #[arg(long, value_name = "PATH", conflicts_with = "ids")]
    pub file: Option<PathBuf>,

    /// Also show the Queue API job (component, config, status) whose run started each
    /// storage job (its runId); costs a request to the stack's index and one per job
    #[arg(long, conflicts_with_all = ["file", "jq"])]
    pub queue_job: bool,

    /// Run a jq expression over each job, in argument order, as the server sent it (one
    /// object per job, however many ids: `--jq .` prints JSON lines); each result prints
    /// on its own line, strings raw, the rest as compact JSON. No jq binary needed
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Do not end a failed job's detail with its last warnings and errors (shown on a
    /// terminal only; they cost one events request per run)
    #[arg(long)]
    pub no_log: bool,
}

/// `--kind` where one job is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindChoice {
    /// A Storage API job (table imports and exports, snapshots, ...)
    Storage,
    /// A Queue API job (a component run, a flow, a phase)
    Queue,
}

impl KindChoice {
    pub fn kind(self) -> JobKind {
        match self {
            KindChoice::Storage => JobKind::Storage,
            KindChoice::Queue => JobKind::Queue,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// A readable detail view
    Table,
    /// The job as the server sent it (an array for several ids)
    Json,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Job ids (also comma-separated) or links: the UI's job page, or the API URLs jobctl
    /// prints. A bare id is looked up on the Storage API and the Queue API at once
    #[arg(required_unless_present_any = ["run_id", "running"], value_parser = parse::job_ref,
          value_name = "ID", value_delimiter = ',')]
    pub ids: Vec<JobRef>,

    /// Which API a bare id belongs to (needed only when the id is a job on both)
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["run_id", "running"])]
    pub kind: Option<KindChoice>,

    /// Queue jobs: when --timeout ends the watch, kill the jobs still running
    #[arg(long, requires = "timeout")]
    pub kill_on_timeout: bool,

    /// Follow a run instead of ids: its jobs and those of its nested runs (ID.*),
    /// including jobs that appear after the watch started, until all are finished and
    /// none appeared for --grace
    #[arg(long, value_name = "ID", conflicts_with_all = ["ids", "running"])]
    pub run_id: Option<String>,

    /// Follow every job waiting or processing now (not jobs created later)
    #[arg(long, conflicts_with = "ids")]
    pub running: bool,

    /// With --run-id: how long to wait for another job of the run once all its jobs
    /// finished (or for the first one to appear)
    #[arg(long, default_value = "10s", value_parser = parse::duration, value_name = "DURATION",
          requires = "run_id")]
    pub grace: Duration,

    /// Output format of the final state
    #[arg(long, short, value_enum, default_value_t = WatchFormat::Table)]
    pub output: WatchFormat,

    /// Give up after this long (exit 124); the jobs keep running on the server
    #[arg(long, value_parser = parse::duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,

    /// Stop as soon as one job fails (exit 1)
    #[arg(long)]
    pub fail_fast: bool,

    /// Progress on stderr: a live spinner (tty), timestamped lines (plain) or nothing
    #[arg(long, value_enum, default_value_t = ProgressChoice::Auto)]
    pub progress: ProgressChoice,

    /// Poll at this fixed interval instead of adaptively (at least 200ms: shorter values
    /// are raised to it, with a note)
    #[arg(long, value_parser = parse::duration, value_name = "DURATION")]
    pub interval: Option<Duration>,

    /// Longest wait between polls when polling adaptively
    #[arg(long, default_value = "15s", value_parser = parse::duration, value_name = "DURATION",
          conflicts_with = "interval")]
    pub max_interval: Duration,

    /// Do not estimate the jobs' length from earlier runs of the same operation and
    /// table (saves the one list request of finished jobs at the first look)
    #[arg(long)]
    pub no_history: bool,

    /// In plain progress, print a line this often even when nothing changed
    #[arg(long, default_value = "30s", value_parser = parse::duration, value_name = "DURATION")]
    pub heartbeat: Duration,

    /// Ring the bell and send a terminal notification (OSC 9) when all jobs finished
    #[arg(long)]
    pub notify: bool,

    /// Print the jobs' log (their events) on stderr as it arrives, above the progress:
    /// for a flow, every task's, each line prefixed with its place; drained once more after
    /// the end. The final state on stdout and the exit code stay as without it
    #[arg(long, conflicts_with_all = ["run_id", "running"])]
    pub log: bool,

    /// Run a jq expression over each final job, in argument order (one object per job,
    /// however many ids); each result prints on its own line, strings raw, the rest as
    /// compact JSON. No jq binary needed
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    /// The detail view for one job; a table row per job for several
    Table,
    /// The final jobs as the server sent them
    Json,
    /// One JSON object per status change as it happens, then the final jobs
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressChoice {
    Auto,
    Tty,
    Plain,
    None,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: JobFilterArgs,

    /// How many matching jobs to show
    #[arg(help_heading = "Paging", long, short = 'n', default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,

    /// Page through to the last job
    #[arg(help_heading = "Paging", long, conflicts_with = "limit")]
    pub all: bool,

    /// Jobs per request, always sent as `limit` (fewer when -n needs fewer and only
    /// server filters apply). After the first page, a few pages are fetched at once and
    /// printed in order
    #[arg(help_heading = "Paging", long, default_value_t = 100, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub page_size: u64,

    /// Pages fetched at once after the first (1: one after another); whatever N is, no
    /// more than about 4,000 jobs are in flight
    #[arg(help_heading = "Paging", long, default_value_t = 8, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=32))]
    pub concurrency: usize,

    /// Output format. A piped table is tab-separated with a header line (none when
    /// nothing matched), RFC 3339 times, seconds and bytes
    #[arg(help_heading = "Output", long, short, value_enum, default_value_t = ListFormat::Table)]
    pub output: ListFormat,

    /// Table columns to show, comma-separated (id,status,operationName,tableId,createdTime,
    /// duration,inBytes,outBytes,runId,creator,errorCode,errorMessage,startTime,endTime, or
    /// the headers the table shows: table,operation,error,start,end,...); not with -o wide,
    /// json or jsonl
    #[arg(
        help_heading = "Output",
        long,
        value_delimiter = ',',
        value_name = "COLUMNS",
        value_parser = parse::Hinted(parse::COLUMNS),
        hide_possible_values = true
    )]
    pub columns: Vec<String>,

    /// Filter a saved list response (JSON array or JSON lines; '-' for stdin) instead of
    /// calling the API
    #[arg(help_heading = "Output", long, value_name = "PATH",
          conflicts_with_all = ["page_size", "concurrency"])]
    pub file: Option<PathBuf>,

    /// After listing, keep polling the first page and print new jobs and status changes
    /// until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line
    #[arg(help_heading = "Output", long, short = 'w', conflicts_with = "file")]
    pub watch: bool,

    /// How often --watch polls (at least 200ms); while nothing changes the wait doubles,
    /// up to 8 times this or 30s, and comes back on the next change
    #[arg(help_heading = "Output", long, default_value = "2s", value_parser = parse::duration, value_name = "DURATION",
          requires = "watch")]
    pub interval: Duration,

    /// Run a jq expression over the JSON array that -o json prints (implies -o json); each result prints
    /// on its own line, strings raw, the rest as compact JSON. No jq binary needed
    #[arg(help_heading = "Output", long, value_name = "EXPR", conflicts_with_all = ["watch", "columns"])]
    pub jq: Option<String>,
}

/// The job filters of `list`, shared with `stats` and `timeline`.
#[derive(Debug, Clone, Default, Args)]
pub struct JobFilterArgs {
    /// Only jobs with this status (repeatable or comma-separated; sent to the server); queue
    /// jobs (--kind queue) also have created, warning, terminating, terminated, cancelled
    #[arg(
        help_heading = "Filters",
        long,
        value_parser = parse::StatusValue,
        value_delimiter = ',',
        value_name = "STATUS"
    )]
    pub status: Vec<StatusArg>,

    /// Leave out jobs with this status (ignored by the server when --status is given)
    #[arg(
        help_heading = "Filters",
        long,
        value_parser = parse::StatusValue,
        value_delimiter = ',',
        value_name = "STATUS"
    )]
    pub exclude_status: Vec<StatusArg>,

    /// Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare
    /// numbers are seconds), today or yesterday (local midnight), a date or date-time in the local
    /// zone (2026-11-28, '2026-11-28 10:00'), or a time with an offset; sent to the API in
    /// UTC with an explicit +00:00
    #[arg(help_heading = "Filters", long, value_name = "WHEN", allow_hyphen_values = true,
          value_parser = parse::Hinted(parse::WHEN_EXAMPLES), hide_possible_values = true)]
    pub since: Option<String>,

    /// Only jobs created at or before this: a relative age or a date/date-time, as --since
    #[arg(help_heading = "Filters", long, value_name = "WHEN", allow_hyphen_values = true,
          value_parser = parse::Hinted(parse::WHEN_EXAMPLES), hide_possible_values = true)]
    pub until: Option<String>,

    /// Only these operations: a name, a prefix or a glob like 'table*' (repeatable)
    #[arg(help_heading = "Filters", long, value_name = "OP",
          value_parser = parse::Hinted(parse::OPERATIONS), hide_possible_values = true)]
    pub operation: Vec<String>,

    /// Only this table, or tables under this prefix (e.g. a bucket 'in.c-main')
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub table: Option<String>,

    /// Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub run_id: Option<String>,

    /// Shorthand for --status error (queue jobs: error, terminated, cancelled)
    #[arg(help_heading = "Filters", long, conflicts_with_all = ["status", "running"])]
    pub failed: bool,

    /// Shorthand for --status waiting,processing (queue jobs: created, waiting, processing,
    /// terminating)
    #[arg(help_heading = "Filters", long, conflicts_with = "status")]
    pub running: bool,

    /// Which jobs: storage (the Storage API's, as always), queue (the Queue API's, as
    /// `jobctl queue ...` lists them) or all (both, interleaved by creation time)
    #[arg(help_heading = "Filters", long, value_enum, default_value_t = ListKind::Storage,
          value_name = "KIND")]
    pub kind: ListKind,

    /// Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub component: Vec<String>,

    /// Queue jobs: only jobs of this configuration id (repeatable)
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub config_id: Vec<String>,

    /// Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow),
    /// phaseContainer, container, retryContainer (repeatable)
    #[arg(help_heading = "Filters", long = "type", value_name = "TYPE")]
    pub job_type: Vec<String>,

    /// Queue jobs: only jobs of this branch id ('null' for the main branch; repeatable)
    #[arg(help_heading = "Filters", long, value_name = "ID")]
    pub branch: Vec<String>,

    /// Queue jobs: only the jobs directly under this runId (a flow's phases, a phase's tasks)
    #[arg(help_heading = "Filters", long, value_name = "RUN_ID")]
    pub parent: Option<String>,

    /// Queue jobs: only jobs that run under no other (applied by jobctl)
    #[arg(help_heading = "Filters", long, conflicts_with = "parent")]
    pub top_level: bool,
}

/// `--kind` of a listing (`list`, `stats`, `timeline`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    /// Storage API jobs (the default: the shapes scripts read today)
    #[default]
    Storage,
    /// Queue API jobs, as `jobctl queue list` lists them
    Queue,
    /// Both kinds, interleaved by creation time, with a KIND column
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Waiting,
    Processing,
    Success,
    Error,
    // Queue job statuses (--kind queue), hidden from the storage jobs' list of values.
    #[value(hide = true)]
    Created,
    #[value(hide = true)]
    Warning,
    #[value(hide = true)]
    Terminating,
    #[value(hide = true)]
    Terminated,
    #[value(hide = true)]
    Cancelled,
}

impl StatusArg {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusArg::Waiting => "waiting",
            StatusArg::Processing => "processing",
            StatusArg::Success => "success",
            StatusArg::Error => "error",
            StatusArg::Created => "created",
            StatusArg::Warning => "warning",
            StatusArg::Terminating => "terminating",
            StatusArg::Terminated => "terminated",
            StatusArg::Cancelled => "cancelled",
        }
    }

    /// Whether storage jobs have this status (all of them are queue job statuses too).
    pub fn is_storage(self) -> bool {
        matches!(
            self,
            StatusArg::Waiting | StatusArg::Processing | StatusArg::Success | StatusArg::Error
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Columns fitted to the terminal; tab-separated when piped
    Table,
    /// The table plus run id, creator and error
    Wide,
    /// One JSON array of the jobs as the server sent them
    Json,
    /// One job per line, written as each page arrives
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on: IP:PORT, localhost:PORT or a bare PORT (on loopback)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR",
          value_parser = parse::listen_addr)]
    pub listen: SocketAddr,

    /// Seed for the simulated data set
    #[arg(long, default_value_t = 42)]
    pub seed: u64,

    /// Serve N generated finished jobs (ids 1..=N over the past 30 days) instead of the
    /// demo data set, e.g. to load-test paging
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub jobs: Option<u64>,

    /// Serve N generated finished Queue API jobs (component runs over the past 30 days)
    /// instead of the demo's flows, e.g. to load-test queue list
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub queue_jobs: Option<u64>,

    /// Add N live jobs above the other ids; each starts when first requested (or listed)
    /// and succeeds --live-duration later
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub live: u64,

    /// How long each --live job runs, a third of it waiting
    #[arg(long, default_value = "3s", value_parser = parse::duration, value_name = "DURATION")]
    pub live_duration: Duration,

    /// Before the --live jobs, add N finished runs of each (same operation and table),
    /// taking --live-duration within +-10 %, for `watch` to estimate their length from
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u64).range(0..=1_000))]
    pub history: u64,

    /// Answer every API request only after this long, like a stack far away
    #[arg(long, default_value = "0s", value_parser = parse::duration, value_name = "DURATION")]
    pub latency: Duration,

    /// The token to accept (also KBC_STORAGE_API_TOKEN) [default: the demo token, printed]
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

impl Cli {
    /// Parses `std::env::args_os()`: see [`Cli::try_parse_checked_from`].
    pub fn try_parse_checked() -> Result<Cli, clap::Error> {
        Cli::try_parse_checked_from(std::env::args_os())
    }

    /// Parses `args` like [`Parser::try_parse_from`] once the shared options written
    /// before the subcommand are moved after it ([`shared::hoist`]), so that clap checks
    /// them against the subcommand's own groups; then rejects what `conflicts_with`
    /// cannot express (a flag against some values of another). Usage errors are clap's
    /// (exit 2), with the usage of the subcommand that was meant.
    pub fn try_parse_checked_from<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString>,
    {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        if let [_, word, what] = args.as_slice()
            && word == COMPLETE
        {
            let what = what.to_str().unwrap_or_default();
            return match CompleteWhat::from_str(what, false) {
                Ok(what) => {
                    let mut cli = Cli::try_parse_from(["jobctl", "man"])?;
                    cli.command = Command::Complete(what);
                    Ok(cli)
                }
                Err(e) => Err(Cli::command().error(ErrorKind::InvalidValue, e)),
            };
        }
        let mut cmd = Cli::command();
        let (args, path) = shared::hoist(&cmd, args);
        // The subcommand that was meant, as clap built it while parsing (for its usage).
        let leaf = |cmd: &clap::Command| match path.is_empty() {
            true => None,
            false => path
                .iter()
                .try_fold(cmd, |at, name| at.find_subcommand(name))
                .cloned(),
        };
        let matches = match cmd.try_get_matches_from_mut(args) {
            Ok(matches) => matches,
            // A shared option the subcommand does not take: say so, rather than only
            // that it is unexpected there.
            Err(e) if e.kind() == ErrorKind::UnknownArgument => {
                let given = match e.get(ContextKind::InvalidArg) {
                    Some(ContextValue::String(arg)) => arg.split('=').next().unwrap_or(arg),
                    _ => return Err(e),
                };
                return match (shared::is_shared(&cmd, given), leaf(&cmd)) {
                    (true, Some(mut sub)) => Err(sub.error(
                        ErrorKind::UnknownArgument,
                        format!(
                            "the argument '{given}' does nothing for 'jobctl {}'",
                            path.join(" ")
                        ),
                    )),
                    _ => Err(e),
                };
            }
            Err(e) => return Err(e),
        };
        let mut sub = &matches;
        while let Some((_, next)) = sub.subcommand() {
            sub = next;
        }
        if let Some(message) = value_conflict(sub) {
            let mut at = leaf(&cmd).unwrap_or_else(|| cmd.clone());
            return Err(at.error(ErrorKind::ArgumentConflict, message));
        }
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }
}

/// The conflicts `conflicts_with` cannot express, of a flag against some values of
/// another: `--jq` with `-o table`, `--columns` with `-o wide`.
fn value_conflict(matches: &clap::ArgMatches) -> Option<String> {
    use clap::parser::ValueSource;
    // `value_source` panics on an id the command does not define: ask `try_get_raw` first.
    let given = |id: &str| {
        matches.try_get_raw(id).is_ok_and(|v| v.is_some())
            && matches.value_source(id) == Some(ValueSource::CommandLine)
    };
    let output = match given("output") {
        true => matches.get_raw("output")?.next()?.to_str()?,
        false => return None,
    };
    let cannot = |a: &str| {
        Some(format!(
            "the argument '{a}' cannot be used with '--output {output}'"
        ))
    };
    match output {
        o if o != "json" && given("jq") => cannot("--jq <EXPR>"),
        o if o != "table" && given("columns") => cannot("--columns <COLUMNS>"),
        _ => None,
    }
}

// Every subcommand's help ends with examples (the man page's sections show them too).
const SHOW_EXAMPLES: &str = "\
Examples:
  jobctl show 22077337                         the detail view
  jobctl show 22077337 22077338 -o json        an array, in argument order
  jobctl show 22077337 --jq .metrics.outBytes  one value, no jq needed
  jobctl show --file saved-job.json            render a saved response";

const WATCH_EXAMPLES: &str = "\
Examples:
  jobctl watch 22077337 --timeout 10m          exit 0 success, 1 failed, 124 timeout
  jobctl watch 1 2 3 --fail-fast -o jsonl      stream status changes as JSON lines
  jobctl --demo watch 386520001 386520004      two live demo jobs, no account needed";

const LIST_EXAMPLES: &str = "\
Examples:
  jobctl list --running                        what is running now
  jobctl list --failed --since 7d -o wide      what failed this week, with errors
  jobctl list --all --table in.c-main -o jsonl every job of a bucket, as JSON lines
  jobctl list --watch                          new jobs and status changes as they happen
  jobctl list --kind all --since 1h            storage and queue jobs, interleaved by time";

const STATS_EXAMPLES: &str = "\
Examples:
  jobctl stats                                 each operation of the last 7 days
  jobctl stats --by operation,table --since 30d --trend
  jobctl stats --file jobs.json -o json        figures of a saved listing, as JSON
  jobctl stats --jq '.groups[] | select(.errorRate > 0.1) | .operation'";

const TIMELINE_EXAMPLES: &str = "\
Examples:
  jobctl timeline                              the jobs of the last hour
  jobctl timeline --since 6h --by table        one row per table
  jobctl timeline --since 1d -o svg --out day.svg";

const QUEUE_EXAMPLES: &str = "\
Examples:
  jobctl queue show 1205330051 --tree          a flow's run down to its storage jobs
  jobctl queue list --failed --since 1d        component and flow jobs that failed today
  jobctl queue watch 1205330051                follow a flow to its end
  jobctl queue kill 1205330051                 stop a running job";

const WHOAMI_EXAMPLES: &str = "\
Examples:
  jobctl whoami                                project, token, expiry and stack
  jobctl --profile prod whoami -o json         the stack's answer, token left out";

const TOP_EXAMPLES: &str = "\
Examples:
  jobctl top                                   storage and queue jobs, live
  jobctl top --kind queue --interval 5s        queue jobs only, every 5 seconds
  jobctl --demo top                            the demo data set, no account needed";

const SERVE_EXAMPLES: &str = "\
Examples:
  jobctl serve --listen 127.0.0.1:8080         the demo data set on a fixed port
  jobctl serve --jobs 100000 --latency 50ms    a large, distant stack for load tests";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl
  jobctl completions zsh > ~/.zfunc/_jobctl
  jobctl completions fish > ~/.config/fish/completions/jobctl.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  jobctl man > ~/.local/share/man/man1/jobctl.1 && man jobctl";

const CONFIG_EXAMPLES: &str = "\
Examples:
  jobctl config list                           the profiles and their token sources
  jobctl config check                          one cheap request per profile";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_subcommand_help_ends_with_examples_and_globals_come_last() {
        let mut cli = Cli::command();
        cli.build();
        for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
            let after = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(
                after.starts_with("Examples:\n  jobctl "),
                "{}",
                sub.get_name()
            );
        }
        let mut all = Vec::new();
        leaves(&cli, Vec::new(), &mut all);
        let host_unused = ["serve", "completions", "man", "config list", "config check"];
        for (path, mut sub) in all {
            let path = path.join(" ");
            let help = sub.render_long_help().to_string();
            if host_unused.contains(&path.as_str()) {
                assert!(!help.contains("--host"), "{help}");
                continue;
            }
            let (own, global) = help
                .split_once("Global options:")
                .unwrap_or_else(|| panic!("{path}: no global heading"));
            assert!(global.contains("--host"), "{help}");
            assert!(
                !own.contains("--host"),
                "{path}: --host before its own options"
            );
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn globals_a_subcommand_ignores_are_hidden_there_and_rejected() {
        let mut cli = Cli::command();
        cli.build();
        let help = |path: &[&str]| {
            let mut at = cli.clone();
            for name in path {
                at = at.find_subcommand(name).unwrap().clone();
            }
            at.render_long_help().to_string()
        };
        let serve = help(&["serve"]);
        assert!(serve.contains("--token <TOKEN>"), "{serve}");
        for flag in [
            "--retries",
            "--host",
            "--profile",
            "--color",
            "--demo",
            "--utc",
        ] {
            assert!(!serve.contains(flag), "serve offers {flag}: {serve}");
        }
        let check = help(&["config", "check"]);
        assert!(check.contains("--request-timeout"), "{check}");
        assert!(!check.contains("--retries"), "{check}");
        assert!(!help(&["completions"]).contains("Global options"));
        assert!(!help(&["whoami"]).contains("--queue-host"));
        assert!(help(&["list"]).contains("--queue-host"));
        assert!(help(&["show"]).contains("--queue-host"));
        assert!(help(&["watch"]).contains("--queue-host"));
        assert!(help(&["queue", "list"]).contains("--queue-host"));

        for (args, message) in [
            (
                "serve --retries 3",
                "'--retries' does nothing for 'jobctl serve'",
            ),
            (
                "--retries 3 serve",
                "'--retries' does nothing for 'jobctl serve'",
            ),
            (
                "--host h completions bash",
                "'--host' does nothing for 'jobctl completions'",
            ),
            (
                "config check --retries 1",
                "'--retries' does nothing for 'jobctl config check'",
            ),
            (
                "config --retries 1 check",
                "'--retries' does nothing for 'jobctl config check'",
            ),
            (
                "config list --profile p",
                "'--profile' does nothing for 'jobctl config list'",
            ),
            (
                "whoami --queue-host q",
                "'--queue-host' does nothing for 'jobctl whoami'",
            ),
            ("-v man", "'-v' does nothing for 'jobctl man'"),
            (
                "--retries=3 man",
                "'--retries' does nothing for 'jobctl man'",
            ),
        ] {
            let e = parse(args)
                .err()
                .unwrap_or_else(|| panic!("{args} was accepted"));
            assert_eq!(e.exit_code(), 2, "{args}");
            let text = e.to_string();
            assert!(text.contains(message), "{args}: {e}");
            let path = message
                .rsplit_once(" 'jobctl ")
                .unwrap()
                .1
                .trim_end_matches('\'');
            assert!(
                text.contains(&format!("\nUsage: jobctl {path}")),
                "{args}: {e}"
            );
        }
        for args in [
            "serve --token t",
            "--token t serve",
            "config check --request-timeout 5s --debug",
            "--config f config list",
            "show 1 --queue-job --queue-host q",
            "queue list --queue-host q --retries 2",
        ] {
            assert!(parse(args).is_ok(), "{args}");
        }
    }

    #[test]
    fn a_usage_error_in_queue_list_prints_the_usage_of_queue_list() {
        for args in [
            "queue list --bogus",
            "queue list --watch --file f",
            "--demo queue list --host h",
            "queue list --jq length -o table",
        ] {
            let e = parse(args)
                .err()
                .unwrap_or_else(|| panic!("{args} was accepted"));
            assert_eq!(e.exit_code(), 2, "{args}");
            let text = e.render().to_string();
            assert!(
                text.contains("\nUsage: jobctl queue list "),
                "{args}: {text}"
            );
        }
        let text = parse("config check --bogus")
            .err()
            .unwrap()
            .render()
            .to_string();
        assert!(
            text.contains("Usage: jobctl config check [OPTIONS]"),
            "{text}"
        );
    }

    #[test]
    fn shared_options_work_before_the_subcommand_after_it_and_between_its_parts() {
        let global = |args: &str| {
            parse(args)
                .unwrap_or_else(|e| panic!("{args}: {e}"))
                .command
                .global()
                .unwrap_or_else(|| panic!("{args}: no options"))
        };
        for args in [
            "--demo show 1",
            "show 1 --demo",
            "show --demo 1",
            "queue --demo list",
            "--demo queue list",
            "--demo top",
        ] {
            assert!(global(args).connection.demo, "{args}");
        }
        let g = global("--host=h --retries 2 -v --color never --utc --profile list list");
        let c = &g.connection;
        assert_eq!(c.host.as_deref(), Some("h"));
        assert_eq!((c.retries, c.http.debug, g.display.utc), (2, true, true));
        assert_eq!(g.display.color, ColorChoice::Never);
        assert_eq!(c.profile.as_deref(), Some("list"));
        assert!(!global("show 1").connection.demo);
        assert_eq!(global("watch 1").connection.retries, 4);
        // --config PATH before a queue filter command is its --config-file, not an id.
        let cli = parse("--config f.toml queue list --config 7").unwrap();
        assert_eq!(cli.command.global().unwrap().config, Some("f.toml".into()));
        let crate::cli::Command::Queue(queue::QueueCommand::List { args, .. }) = cli.command else {
            panic!("not queue list");
        };
        assert_eq!(args.filters.config, ["7"]);
        for args in [
            "--config-file f.toml queue kill 1",
            "queue kill 1 --config-file f.toml",
            "--config f.toml show 1",
            "show 1 --config-file f.toml",
        ] {
            assert_eq!(global(args).config, Some("f.toml".into()), "{args}");
        }
        // What the top level cannot place is left to clap there.
        assert!(parse("--demo").is_err());
        assert!(parse("--bogus show 1").is_err());
        assert_eq!(parse("--demo queue").err().map(|e| e.exit_code()), Some(2));
        let e = parse("queue --retries 3").err().unwrap().to_string();
        assert!(e.contains("unexpected argument '--retries'"), "{e}");
    }

    /// A shared option written before the subcommand is moved after it, spelt as the
    /// subcommand spells that argument: so no subcommand may take one of those spellings
    /// for an argument of another id (it would read the moved option as its own).
    #[test]
    fn no_subcommand_takes_a_shared_option_spelling_for_something_else() {
        let mut cli = Cli::command();
        cli.build();
        let mut all = Vec::new();
        leaves(&cli, Vec::new(), &mut all);
        for top in cli.get_arguments().filter(|a| a.get_long().is_some()) {
            let names: Vec<&str> = top
                .get_long()
                .into_iter()
                .chain(top.get_all_aliases().unwrap_or_default())
                .collect();
            for (path, sub) in &all {
                for arg in sub.get_arguments() {
                    let clash = arg.get_long().is_some_and(|l| names.contains(&l))
                        || (top.get_short().is_some() && arg.get_short() == top.get_short());
                    let own = sub.get_arguments().any(|a| a.get_id() == top.get_id());
                    assert!(
                        !clash || arg.get_id() == top.get_id() || own,
                        "{}: --{} is another argument than the shared one",
                        path.join(" "),
                        arg.get_long().unwrap_or_default()
                    );
                }
            }
        }
    }

    /// Every leaf subcommand's path, e.g. `["queue", "list"]`.
    fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push((path.clone(), cmd.clone()));
        }
        for sub in subs {
            let mut path = path.clone();
            path.push(sub.get_name().to_owned());
            leaves(sub, path, out);
        }
    }

    /// The argv pieces that give `arg` once, with each value a parser might take.
    fn spellings(arg: &clap::Arg) -> Vec<Vec<String>> {
        let mut values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_owned())
            .collect();
        values.extend(["1", "1s", "127.0.0.1:1", "x", "x=1"].map(str::to_owned));
        let takes_value = arg.get_num_args().is_none_or(|n| n.takes_values());
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(l), _) => Some(format!("--{l}")),
            (None, Some(c)) => Some(format!("-{c}")),
            (None, None) => None,
        };
        match (flag, takes_value) {
            (Some(f), false) => vec![vec![f]],
            (Some(f), true) => values.into_iter().map(|v| vec![f.clone(), v]).collect(),
            (None, _) => values.into_iter().map(|v| vec![v]).collect(),
        }
    }

    // clap's debug_assert does not see two arguments of one id with different types (the
    // global --config PATH and the queue filters' --config ID): only reading the values
    // does, with a panic. So every flag of every subcommand is parsed once, for real.
    #[test]
    fn every_flag_of_every_subcommand_parses_without_a_panic() {
        let mut cli = Cli::command();
        cli.build();
        let mut all = Vec::new();
        leaves(&cli, Vec::new(), &mut all);
        // What some flags require besides themselves (a positional id, the flag they refine).
        let extras: [&[&str]; 11] = [
            &[],
            &["1"],
            &["1", "--wait"],
            &["1", "--wait", "--timeout", "1s"],
            &["--run-id", "7"],
            &["1", "--timeout", "1s"],
            &["--watch"],
            &["--component", "x"],
            &["bash"],
            &["--file", "f"],
            &["1", "--follow"],
        ];
        let mut untried = Vec::new();
        for (path, sub) in &all {
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let mut parsed = false;
                for spelling in spellings(arg) {
                    // The panic comes with values that parse: one such argv is enough.
                    for extra in extras {
                        if parsed {
                            break;
                        }
                        let argv: Vec<String> = std::iter::once("jobctl".to_owned())
                            .chain(path.iter().cloned())
                            .chain(spelling.iter().cloned())
                            .chain(extra.iter().map(|e| (*e).to_owned()))
                            .collect();
                        let result = std::panic::catch_unwind(|| {
                            Cli::try_parse_checked_from(argv.clone()).is_ok()
                        });
                        match result {
                            Ok(ok) => parsed |= ok,
                            Err(_) => panic!("`{}` panicked", argv[1..].join(" ")),
                        }
                    }
                }
                // A global a subcommand has no use for is rejected there, by design.
                if !parsed && !arg.is_hide_set() {
                    untried.push(format!("{} {id}", path.join(" ")));
                }
            }
        }
        assert!(
            untried.is_empty(),
            "no argv found that parses these (teach the test their values): {untried:?}"
        );
        assert!(all.len() > 15, "{} subcommands", all.len());
    }

    fn parse(args: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_checked_from(std::iter::once("jobctl").chain(args.split_whitespace()))
    }

    #[test]
    fn status_running_points_to_the_running_flag() {
        let e = parse("list --status running").err().unwrap();
        assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue);
        let text = e.to_string();
        assert!(
            text.contains("invalid value 'running' for '--status <STATUS>'"),
            "{text}"
        );
        assert!(
            text.contains("use --running for waiting and processing jobs"),
            "{text}"
        );
        assert!(
            text.contains("[possible values: waiting, processing, success, error]"),
            "{text}"
        );
        let e = parse("list --status success,failed")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("use --failed"), "{e}");
        assert!(parse("list --status waiting,processing").is_ok());
    }

    #[test]
    fn conflicting_options_are_usage_errors() {
        use clap::error::ErrorKind::ArgumentConflict;
        for args in [
            "--demo --host h list",
            "--demo list --host h",
            "list --demo --token t",
            "--demo show 1 --token-file f",
            "--profile p watch 1 --demo",
            "show 1 --jq .id -o table",
            "watch 1 --jq .id -o jsonl",
            "list --jq length -o wide",
            "list --columns id -o wide",
            "list --columns id -o jsonl",
            "list --jq length --columns id",
            "list --watch --jq length",
            "list --file f --page-size 5",
            "watch 1 --interval 1s --max-interval 3s",
            "watch --run-id 7 --running",
            "watch 1 --run-id 7",
        ] {
            let e = parse(args)
                .err()
                .unwrap_or_else(|| panic!("{args} was accepted"));
            assert_eq!(e.kind(), ArgumentConflict, "{args}: {e}");
            assert_eq!(e.exit_code(), 2, "{args}");
        }
        for args in [
            "--demo list",
            "show 1 --jq .id",
            "show 1 --jq .id -o json",
            "list --jq length -o json",
            "list --columns id -o table",
            "list --columns id",
            "list --exclude-status success",
            "list --running --exclude-status waiting",
            "watch 1 --interval 1s",
            "watch --run-id 7 --grace 1m",
            "watch --running",
            "--host h --token t list",
        ] {
            assert!(parse(args).is_ok(), "{args}");
        }
        let e = parse("list --demo --host h").err().unwrap().to_string();
        assert!(
            e.contains("the argument '--demo' cannot be used with '--host <HOST>'"),
            "{e}"
        );
        let e = parse("show 1 --jq .id -o table").err().unwrap().to_string();
        assert!(
            e.contains("the argument '--jq <EXPR>' cannot be used with '--output table'"),
            "{e}"
        );
    }
}
