//! The binary: parse the command line (clap prints its own usage errors, exit 2), then hand
//! it to `jobctl::run`, which runs it and maps the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match jobctl::Cli::try_parse_checked() {
        Ok(cli) => jobctl::run(cli),
        // A usage error reads like jobctl's own errors: `jobctl: error: ...`.
        Err(e) if e.use_stderr() => {
            let _ = write!(std::io::stderr(), "jobctl: {}", e.render());
            ExitCode::from(e.exit_code().clamp(0, 255) as u8)
        }
        // --help and --version go to stdout.
        Err(e) => {
            let _ = e.print();
            ExitCode::from(e.exit_code().clamp(0, 255) as u8)
        }
    }
}
