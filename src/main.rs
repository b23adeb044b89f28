//! The binary: parse the command line (clap prints its own usage errors, exit 2), then hand
//! it to `jobctl::run`, which runs it and maps the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match jobctl::Cli::try_parse_checked() {
        Ok(cli) => jobctl::run(cli),
        Err(e) => {
            let _ = e.print();
            ExitCode::from(e.exit_code().clamp(0, 255) as u8)
        }
    }
}
