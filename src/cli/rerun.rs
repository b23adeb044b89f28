//! `jobctl rerun`: the arguments only (what to re-run, which tasks of a flow, how to
//! report and wait).

use std::time::Duration;

use clap::Args;

use super::run::RunFormat;
use super::{KindChoice, ProgressChoice, parse};
use crate::model::JobRef;

pub const RERUN_EXAMPLES: &str = "\
Examples:
  jobctl rerun 1205330051 --failed             a flow's failed tasks and the phases after
  jobctl rerun 1205330051 --from-phase Load    the phase Load and every phase after it
  jobctl rerun 1205330051 --task 'CRM contacts' --task 20104 --dry-run
  jobctl rerun 1205330035 --wait               a component job again; follow it to its end";

#[derive(Debug, Args)]
pub struct RerunArgs {
    /// The queue job to start again: its id or link (as show takes them). A bare id is
    /// looked up on the Storage API and the Queue API at once; storage jobs cannot be re-run
    #[arg(value_parser = parse::job_ref, value_name = "ID")]
    pub id: JobRef,

    /// Which API a bare id belongs to (needed only when the id is a job on both)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindChoice>,

    /// A flow: start only the tasks that failed and every task of the phases after the
    /// failed one (as the UI's retry does). A flow where nothing failed starts nothing
    /// (exit 0)
    #[arg(long, conflicts_with_all = ["from_phase", "task"])]
    pub failed: bool,

    /// A flow: start this phase (a name or an id of the flow's result) and every phase after it
    #[arg(long, value_name = "NAME|ID", conflicts_with = "task")]
    pub from_phase: Option<String>,

    /// A flow: start this task (a name or an id of the flow's result); repeatable
    #[arg(long, value_name = "NAME|ID")]
    pub task: Vec<String>,

    /// Print the plan (stderr) and the request body (stdout: one JSON line; -o json: an
    /// object) and start nothing
    #[arg(long, conflicts_with = "wait")]
    pub dry_run: bool,

    /// Output format: what was started (without --wait) or the final state (with it)
    #[arg(long, short, value_enum, default_value_t = RunFormat::Table)]
    pub output: RunFormat,

    // The waiting options are run's (`cli::run::RunArgs`), word for word.
    /// Follow the started job until it finishes, as `watch` does: exit 0 on success, 1
    /// when it failed
    #[arg(help_heading = "Waiting", long)]
    pub wait: bool,

    /// Follow with the job's log (not available yet: use --wait)
    #[arg(help_heading = "Waiting", long, short = 'f')]
    pub follow: bool,

    /// With --wait: give up after this long (exit 124); the job keeps running
    #[arg(help_heading = "Waiting", long, value_parser = parse::duration,
          value_name = "DURATION", requires = "wait")]
    pub timeout: Option<Duration>,

    /// When --timeout ends the wait, kill the job if still running
    #[arg(help_heading = "Waiting", long, requires = "timeout")]
    pub kill_on_timeout: bool,

    /// With --wait: progress on stderr (as watch)
    #[arg(help_heading = "Waiting", long, value_enum, default_value_t = ProgressChoice::Auto)]
    pub progress: ProgressChoice,

    /// With --wait: poll at this fixed interval instead of adaptively (at least 200ms)
    #[arg(help_heading = "Waiting", long, value_parser = parse::duration,
          value_name = "DURATION", requires = "wait")]
    pub interval: Option<Duration>,

    /// With --wait: longest wait between polls when polling adaptively
    #[arg(help_heading = "Waiting", long, default_value = "15s", value_parser = parse::duration,
          value_name = "DURATION", conflicts_with = "interval")]
    pub max_interval: Duration,

    /// With --wait: do not estimate the job's length from earlier runs
    #[arg(help_heading = "Waiting", long, requires = "wait")]
    pub no_history: bool,
}
