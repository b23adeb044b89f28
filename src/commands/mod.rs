//! One module per subcommand, each with one `run`: the only place that combines fetching
//! with rendering. Shared here: building the client (or the demo simulator) from `Global`.

mod list;
mod show;
mod watch;

use anyhow::Result;
use indicatif::MultiProgress;

use crate::cli::{Cli, Command, Global};
use crate::client::{Client, Config};
use crate::config;
use crate::output::Output;

/// Runs the parsed command line.
pub async fn run(cli: Cli, out: Output) -> Result<()> {
    let ctx = Context {
        global: cli.global,
        out,
    };
    match cli.command {
        Command::Show(args) => show::run(&ctx, args).await,
        Command::List(args) => list::run(&ctx, args).await,
        Command::Watch(args) => watch::run(&ctx, args).await,
        Command::Serve(_) => {
            anyhow::bail!("not implemented yet")
        }
    }
}

/// What every command gets: the global options and the terminal facts.
pub struct Context {
    pub global: Global,
    pub out: Output,
}

impl Context {
    /// The API client for the configured stack and token.
    pub fn client(&self) -> Result<Client> {
        self.client_observed(None)
    }

    /// The API client, printing its notices above `multi`'s spinners when given.
    pub fn client_observed(&self, multi: Option<MultiProgress>) -> Result<Client> {
        let resolved = config::resolve(&self.global)?;
        let client = Client::new(
            Config {
                host: resolved.host,
                token: resolved.token,
                request_timeout: self.global.request_timeout,
                retries: self.global.retries,
                insecure_http: self.global.insecure_http,
            },
            self.out.observer(multi),
        )?;
        Ok(client)
    }
}
