//! `jobctl queue ...`: the Queue API's jobs. One module per subcommand, as for storage
//! jobs; they share the clients `Context::queue_client` builds.

mod list;
mod show;
mod tree;

use anyhow::Result;

use super::Context;
use crate::cli::queue::QueueCommand;

pub async fn run(ctx: &Context, command: QueueCommand) -> Result<()> {
    match command {
        QueueCommand::Show(args) => ctx.unless_cancelled(show::run(ctx, args)).await,
        QueueCommand::List(args) => ctx.unless_cancelled(list::run(ctx, *args)).await,
    }
}
