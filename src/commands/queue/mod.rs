//! `jobctl queue ...` of its own: `queue watch` and `queue kill` (the queue forms of
//! `show`, `list`, `stats` and `timeline` are those commands for queue jobs, dispatched
//! with them in `commands::run`).

mod kill;
mod watch;

use anyhow::Result;

use super::Context;

/// `queue watch`, and `watch` of queue jobs named at the top level.
pub async fn watch_jobs(ctx: &Context, args: crate::cli::queue::QueueWatchArgs) -> Result<()> {
    watch::run(ctx, args).await
}

/// `queue kill`.
pub async fn kill(ctx: &Context, args: crate::cli::queue::QueueKillArgs) -> Result<()> {
    kill::run(ctx, args).await
}
