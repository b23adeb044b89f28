//! The binary: parse, run, map the outcome to an exit code, print an error once.

use std::process::ExitCode;

use clap::Parser;

use jobctl::cli::Cli;
use jobctl::exit::{Reported, code_for};
use jobctl::output::Output;
use jobctl::render::sanitize;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let out = Output::detect(cli.global.color, cli.global.debug);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            out.note(&format!("error: cannot start: {e}"));
            return ExitCode::from(jobctl::exit::Exit::Local as u8);
        }
    };
    let result = runtime.block_on(jobctl::commands::run(cli, out));
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
