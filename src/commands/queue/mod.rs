//! `jobctl queue ...`: the Queue API's jobs. One module per subcommand, as for storage
//! jobs; they share the clients `Context::queue_client` builds.

pub(super) mod kill;
pub(super) mod list;
mod watch;

use anyhow::Result;

use super::{Context, unless_cancelled};
use crate::cli::queue::QueueCommand;

/// `watch` of queue jobs named at the top level.
pub async fn watch_jobs(ctx: &Context, args: crate::cli::queue::QueueWatchArgs) -> Result<()> {
    watch::run(ctx, args).await
}

pub async fn run(ctx: &Context, command: QueueCommand) -> Result<()> {
    match command {
        // One show for every kind: the queue form fixes the kind.
        QueueCommand::Show { args, .. } => {
            let args = args.into_show();
            unless_cancelled(&ctx.cancel, super::show::run(ctx, args)).await
        }
        QueueCommand::List { args, .. } => {
            unless_cancelled(&ctx.cancel, list::run(ctx, *args)).await
        }
        // watch stops itself on a signal, to say which jobs still run.
        QueueCommand::Watch { args, .. } => watch::run(ctx, args).await,
        QueueCommand::Kill { args, .. } => {
            unless_cancelled(&ctx.cancel, kill::run(ctx, args)).await
        }
        QueueCommand::Stats { args, .. } => {
            unless_cancelled(&ctx.cancel, super::history::queue_stats(ctx, *args)).await
        }
        QueueCommand::Timeline { args, .. } => {
            unless_cancelled(&ctx.cancel, super::history::queue_timeline(ctx, *args)).await
        }
    }
}
