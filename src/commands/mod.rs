//! One module per subcommand, each with one `run`: the only place that combines fetching
//! with rendering. Shared here: starting the demo simulator and the dispatch; the context every command gets is `crate::context`.

mod config;
mod figures;
mod list;
mod logs;
mod meta;
mod queue;
mod rerun;
mod run;
mod serve;
mod show;
mod top;
mod watch;
mod whoami;

use anyhow::{Context as _, Result};

use crate::cancel::Cancel;
use crate::cli::queue::QueueCommand;
use crate::cli::{Cli, Command, Global};
use crate::context::Context;
use crate::exit::{LocalError, Reported, UsageError};
use crate::output::Output;
use crate::sim::{Sim, SimServer};

/// The seed of the `--demo` data set, so that the README's ids always exist.
pub const DEMO_SEED: u64 = 42;

/// Runs the parsed command line.
pub async fn run(cli: Cli, out: Output) -> Result<()> {
    // Before anything else, so that no signal is lost: from here on SIGINT and SIGTERM
    // are recorded, and every command stops through this one handle.
    // serve's own stop waits on its connections: no force after the grace there.
    let forced = !matches!(cli.command, Command::Serve(_));
    let cancel =
        Cancel::install(forced).map_err(|e| LocalError(format!("cannot catch signals: {e}")))?;
    // Commands that need no API; `config` reads the profiles, never the demo.
    let (command, global) = match cli.command {
        Command::Serve(args) => return serve::run(&out, &cancel, args).await,
        Command::Completions(args) => return meta::completions(&out, args.shell),
        Command::Man => return meta::man(&out),
        Command::Config(action) => {
            let work = config::run(&out, action);
            return unless_cancelled(&cancel, work).await;
        }
        Command::Show { args, options } => (Api::Show(args), Global::from(&options)),
        Command::List { args, options } => (Api::List(args), Global::from(&options)),
        Command::Stats { args, options } => (Api::Stats(args), Global::from(&options)),
        Command::Timeline { args, options } => (Api::Timeline(args), Global::from(&options)),
        Command::Watch { args, options } => (Api::Watch(args), Global::from(&options)),
        Command::Queue(command) => {
            let global = command.global();
            (Api::Queue(command), global)
        }
        Command::Whoami { args, options } => (Api::Whoami(args), Global::from(&options)),
        Command::Run { args, options } => (Api::Run(args), Global::from(&options)),
        Command::Complete(what) => return meta::complete(&out, what),
        Command::Logs { args, options } => (Api::Logs(args), Global::from(&options)),
        // A pipe is refused before anything starts (the demo, a request).
        Command::Rerun { args, options } => (Api::Rerun(args), Global::from(&options)),
        Command::Top { args, options } => {
            top::check_terminal(&out)?;
            (Api::Top(args), Global::from(&options))
        }
    };
    // --demo: the simulator runs in-process on loopback for as long as the command does,
    // and the client talks real HTTP to it like to any stack.
    let demo = match demo_wanted(&global, &out) {
        true => Some(start_demo(&out).await?),
        false => None,
    };
    let ctx = Context::new(global, out, demo.as_ref().map(SimServer::url), cancel);
    let result = match command {
        // watch stops itself on a signal, to say which jobs are still running.
        Api::Watch(args) => watch::run(&ctx, args).await,
        // The others are dropped where they stand: their stdout writer lets out only
        // whole lines.
        Api::Show(args) => unless_cancelled(&ctx.cancel, show::run(&ctx, args)).await,
        Api::List(args) => unless_cancelled(&ctx.cancel, list::run(&ctx, *args)).await,
        Api::Stats(args) => unless_cancelled(&ctx.cancel, figures::stats(&ctx, *args)).await,
        Api::Timeline(args) => unless_cancelled(&ctx.cancel, figures::timeline(&ctx, *args)).await,
        Api::Queue(command) => queue_command(&ctx, command).await,
        Api::Whoami(args) => unless_cancelled(&ctx.cancel, whoami::run(&ctx, args)).await,
        // top restores the terminal on a signal itself.
        Api::Top(args) => top::run(&ctx, args).await,
        // run says what may have started when a signal cuts it short, and --wait stops
        // as watch does.
        Api::Run(args) => run::run(&ctx, *args).await,
        // rerun, too.
        Api::Rerun(args) => rerun::run(&ctx, args).await,
        // logs follows until a signal itself, to close its output and say what still runs.
        Api::Logs(args) => logs::run(&ctx, args).await,
    };
    if let Some(server) = demo {
        server.shutdown().await;
    }
    result
}

/// `--demo`, or `JOBCTL_DEMO` set to anything but a false value (`0`, `false`, `no`,
/// `off`) unless a flag names a real stack: a flag beats the variable, as everywhere (clap
/// rejects `--demo` itself with those flags).
fn demo_wanted(global: &Global, out: &Output) -> bool {
    if global.connection.demo {
        return true;
    }
    let from_env = std::env::var("JOBCTL_DEMO").is_ok_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        !matches!(v.as_str(), "" | "0" | "false" | "no" | "off" | "n" | "f")
    });
    let stack_flag = [
        global.connection.host.is_some(),
        global.connection.token.is_some(),
        global.connection.token_file.is_some(),
        global.connection.profile.is_some(),
    ];
    if from_env && stack_flag.contains(&true) {
        out.note("JOBCTL_DEMO is set, but a flag names a real stack: not running the demo");
        return false;
    }
    from_env
}

/// `jobctl queue ...`: the queue forms of `show` and of the listings are those commands
/// for queue jobs.
async fn queue_command(ctx: &Context, command: QueueCommand) -> Result<()> {
    let cancel = &ctx.cancel;
    match command {
        QueueCommand::Show { args, .. } => {
            unless_cancelled(cancel, show::run(ctx, args.into_show())).await
        }
        // watch stops itself on a signal, to say which jobs still run.
        QueueCommand::Watch { args, .. } => watch::run(ctx, args.into_watch()).await,
        QueueCommand::Kill { args, .. } => unless_cancelled(cancel, queue::kill(ctx, args)).await,
        QueueCommand::List { args, .. } => {
            unless_cancelled(cancel, list::run_queue(ctx, *args)).await
        }
        QueueCommand::Stats { args, .. } => {
            unless_cancelled(cancel, figures::queue_stats(ctx, *args)).await
        }
        QueueCommand::Timeline { args, .. } => {
            unless_cancelled(cancel, figures::queue_timeline(ctx, *args)).await
        }
    }
}

/// Follows queue jobs as `watch` does (the same schedule, estimates, exit codes,
/// `--timeout`, `--kill-on-timeout` and summary): `run --wait`, `rerun --wait`.
async fn follow_queue_jobs(
    ctx: &Context,
    created: Vec<crate::model::RawQueueJob>,
    options: &crate::follow::Options,
) -> Result<()> {
    use crate::model::{AnyRaw, JobKind};
    let targets: Vec<_> = created.iter().map(|j| (j.job.id, JobKind::Queue)).collect();
    // The answer to the creation is the first look: no second request for it.
    let seen = created.into_iter().map(AnyRaw::Queue).collect();
    crate::follow::follow(ctx, &targets, seen, options).await
}

/// The follow options of `run --wait` and `rerun --wait`: watch's, from the same flags.
fn wait_options(
    wait: &crate::cli::run::WaitArgs,
    output: crate::cli::WatchFormat,
) -> crate::follow::Options {
    crate::follow::Options {
        output,
        timeout: wait.timeout,
        kill_on_timeout: wait.kill_on_timeout,
        progress: wait.progress,
        interval: wait.interval,
        max_interval: wait.max_interval,
        no_history: wait.no_history,
        log: wait.follow,
        ..Default::default()
    }
}

/// Runs `work` unless a signal comes first (then 130 or 143), keeping its value.
async fn unless_cancelled_value<T>(cancel: &Cancel, work: impl Future<Output = T>) -> Result<T> {
    tokio::select! {
        biased;
        exit = cancel.requested() => Err(Reported(exit).into()),
        value = work => Ok(value),
    }
}

/// The commands that talk to the API.
enum Api {
    Show(crate::cli::ShowArgs),
    List(Box<crate::cli::ListArgs>),
    Stats(Box<crate::cli::figures::StatsArgs>),
    Timeline(Box<crate::cli::figures::TimelineArgs>),
    Watch(crate::cli::WatchArgs),
    Queue(crate::cli::queue::QueueCommand),
    Whoami(crate::cli::WhoamiArgs),
    Top(crate::cli::TopArgs),
    Run(Box<crate::cli::run::RunArgs>),
    Rerun(crate::cli::rerun::RerunArgs),
    Logs(crate::cli::logs::LogsArgs),
}

/// Reads a saved response from a file, or from stdin for `-`. An unreadable file is a
/// usage error naming it.
pub fn read_input(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    if path == std::path::Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(text)
}

async fn start_demo(out: &Output) -> Result<SimServer> {
    let sim = Sim::demo(DEMO_SEED);
    let live = id_span(&sim.live_job_ids());
    let failed = sim
        .demo_failed_import_id()
        .map(|id| format!(", failed {id}"))
        .unwrap_or_default();
    let server = SimServer::start(sim, (std::net::Ipv4Addr::LOCALHOST, 0).into())
        .await
        .context("cannot start the demo simulator")?;
    let queue = server
        .sim()
        .demo_queue()
        .map(|q| format!(", flow {}", q.failed_flow))
        .unwrap_or_default();
    // One short line (within 80 columns): which ids to try, the live jobs, a failed
    // import and a failed flow; the URL only for --debug.
    out.note(&format!("demo mode: live {live}{failed}{queue}"));
    if out.debug {
        out.note(&format!("debug: demo simulator at {}", server.url()));
    }
    Ok(server)
}

/// `1-5` for consecutive ids, else `1 3 7`.
fn id_span(ids: &[u64]) -> String {
    match ids {
        [first, .., last] if ids.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{first}-{last}")
        }
        _ => ids.iter().map(u64::to_string).collect::<Vec<_>>().join(" "),
    }
}

/// Runs `work` unless a signal comes first, which drops it where it stands (at an await;
/// the stdout writer lets out only whole lines) and ends with 130 or 143.
async fn unless_cancelled(cancel: &Cancel, work: impl Future<Output = Result<()>>) -> Result<()> {
    tokio::select! {
        biased;
        exit = cancel.requested() => Err(Reported(exit).into()),
        result = work => result,
    }
}

/// The jobs [`crate::lookup::find`] found, in order, each failure noted on stderr as it is
/// met, and the first failure's exit code (for the commands that take several ids).
fn found_jobs(
    out: &Output,
    results: Vec<Result<crate::model::AnyRaw>>,
) -> (Vec<crate::model::AnyRaw>, Option<Reported>) {
    let mut jobs = Vec::with_capacity(results.len());
    let mut failure = None;
    for result in results {
        match result {
            Ok(job) => jobs.push(job),
            Err(e) => {
                out.note(&format!(
                    "error: {}",
                    crate::render::sanitize(&format!("{e:#}"))
                ));
                failure.get_or_insert(Reported(crate::exit::code_for(&e)));
            }
        }
    }
    (jobs, failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_ids_print_as_a_span() {
        assert_eq!(
            id_span(&[386520001, 386520002, 386520003]),
            "386520001-386520003"
        );
        assert_eq!(id_span(&[1, 3]), "1 3");
        assert_eq!(id_span(&[7]), "7");
        assert_eq!(id_span(&[]), "");
    }
}
