//! `jobctl queue ...`: the Queue API's jobs. One module per subcommand, as for storage
//! jobs; they share the clients `Context::queue_client` builds.

pub(super) mod kill;
pub(super) mod list;

use anyhow::Result;

use super::{Context, unless_cancelled};
use crate::cli::queue::QueueCommand;

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
        // One watch for every kind: the queue form fixes the kind. It stops itself on a
        // signal, to say which jobs still run.
        QueueCommand::Watch { args, .. } => super::watch::run(ctx, args.into_watch()).await,
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
