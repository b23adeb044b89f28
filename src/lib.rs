//! jobctl: show, follow, search, log and start the jobs of Keboola Connection, storage jobs
//! (Storage API) and component and flow jobs (Queue API) alike. The binary (`main.rs`)
//! parses and hands over to [`run`]; data flows
//! `commands -> services (follow, listing, logs, start, ...) -> {client, render, output} -> model`.
//!
//! The public surface is what the binary, the integration tests and the fuzz target need:
//! the command line, the simulator, and (for the fuzz oracle) the decoders and renderers.
//! Everything else is crate-private, so the compiler reports what nothing uses.

mod app;
mod cancel;
mod cli;
mod client;
mod commands;
mod config;
mod context;
mod dashboard;
mod exit;
mod follow;
mod jq;
mod kill;
mod listing;
mod log_tail;
mod logs;
mod lookup;
mod model;
mod names;
mod output;
mod related;
mod render;
mod run_tree;
pub mod sim;
mod start;

pub use app::run;
pub use cli::Cli;

/// What the fuzz target and the tests' oracle decode and render: the storage and queue job
/// decoders, the run tree, the JSON layouts and every human format.
pub mod fuzzing {
    pub use crate::model::{
        AnyJob, Job, QueueJob, QueueStatus, RawJob, RawQueueJob, RunJob, RunNode, json_compact,
        json_pretty, parse_timestamp, split_array,
    };
    pub use crate::render::queue_table::QueueColumn;
    pub use crate::render::table::{Column, table, tsv_row};
    pub use crate::render::{
        FlowProgress, Related, Style, Zone, detail, final_message, queue_change_line,
        queue_final_message, queue_spinner_message, tree_json, tree_text,
    };
}

/// What the render benchmark of `top` (`tests/bench/top_render.rs`) draws.
#[doc(hidden)]
pub mod benching {
    pub use crate::render::top::bench::TopScreen;
}
