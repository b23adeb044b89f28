//! `jobctl rerun`: the arguments only (what to re-run, which tasks of a flow, how to
//! report and wait).

use clap::Args;

use super::run::{RunFormat, WaitArgs};
use super::{KindChoice, parse};
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
    #[arg(long, conflicts_with = "waiting")]
    pub dry_run: bool,

    /// Output format: what was started (without --wait) or the final state (with it)
    #[arg(long, short, value_enum, default_value_t = RunFormat::Table)]
    pub output: RunFormat,

    #[command(flatten)]
    pub wait: WaitArgs,
}
