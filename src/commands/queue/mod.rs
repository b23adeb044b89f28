//! `jobctl queue ...`: the Queue API's jobs. One module per subcommand, as for storage
//! jobs; they share the clients `Context::queue_client` builds.

mod show;
mod tree;

use anyhow::Result;

use super::Context;
use crate::cli::queue::QueueCommand;

pub async fn run(ctx: &Context, command: QueueCommand) -> Result<()> {
    match command {
        QueueCommand::Show(args) => ctx.unless_cancelled(show::run(ctx, args)).await,
    }
}
