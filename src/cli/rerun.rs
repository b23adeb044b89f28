//! `jobctl rerun`: the arguments only (what to re-run, which tasks of a flow, how to
//! report and wait).

use clap::Args;

use super::{KindChoice, ShowFormat, parse};
use crate::model::JobRef;

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

    /// Print the plan (stderr) and the request body (stdout) and start nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Output format: the started job's id and link, or the created job as the server
    /// sent it
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub output: ShowFormat,
}
