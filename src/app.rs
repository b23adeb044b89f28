//! The program as `main` runs it: the terminal facts, the runtime, the command, and the one
//! place where an error becomes a message (printed once, sanitised) and an exit code.

use std::process::ExitCode;

use crate::cli::Cli;
use crate::exit::{Exit, Reported, code_for};
use crate::output::Output;
use crate::render::sanitize;

/// Runs a parsed command line to its exit code.
pub fn run(cli: Cli) -> ExitCode {
    let (color, utc, debug) = cli.command.display();
    let out = Output::detect(color, debug, utc);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            out.note(&format!("error: cannot start: {e}"));
            return ExitCode::from(Exit::Local as u8);
        }
    };
    let result = runtime.block_on(crate::commands::run(cli, out.clone()));
    // Pending tasks (a watch's timers, a demo server) must not delay the exit.
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            if e.downcast_ref::<Reported>().is_none() {
                out.note(&format!("error: {}", sanitize(&format!("{e:#}"))));
            }
            ExitCode::from(code_for(&e) as u8)
        }
    }
}

/// A closed stdout (`jobctl ... | head`) is a normal way for a reader to stop.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
