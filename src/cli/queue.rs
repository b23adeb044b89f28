//! `jobctl queue ...`: the Queue API's jobs (component runs, flows, their phases and
//! tasks), described and nothing more.

use clap::{Args, Subcommand};

use super::{ShowFormat, parse};

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Show Queue API jobs (component runs, flows) in detail, or a flow's run as a tree.
    ///
    /// A container (a flow, a phase) also shows a summary of the jobs under it. --tree
    /// shows the whole run: flow -> phases -> tasks -> the storage jobs each task started,
    /// with the path to a failure marked.
    Show(QueueShowArgs),
}

#[derive(Debug, Args)]
pub struct QueueShowArgs {
    /// Queue job ids
    #[arg(required = true, value_parser = parse::job_id, value_name = "ID")]
    pub ids: Vec<u64>,

    /// The run as a tree: phases, tasks and the storage jobs each task started (one id)
    #[arg(long)]
    pub tree: bool,

    /// Output format (with --tree, json is the tree: each node {"kind","job","children"},
    /// "job" the server's object)
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub output: ShowFormat,

    /// Run a jq expression over the JSON that -o json prints (implies -o json); each
    /// result prints on its own line, strings raw, the rest as compact JSON
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}
