//! `jobctl queue ...` of its own: `queue kill` (the queue forms of `show`, `list`, `watch`,
//! `stats` and `timeline` are those commands for queue jobs, dispatched with them in
//! `commands::run`).

mod kill;

use anyhow::Result;

use crate::context::Context;

/// `queue kill`.
pub async fn kill(ctx: &Context, args: crate::cli::queue::QueueKillArgs) -> Result<()> {
    kill::run(ctx, args).await
}
