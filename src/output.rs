//! The one place that asks "is this a terminal?", reads the colour conventions and the
//! terminal width, and owns the stdout and stderr writers. Everything downstream gets plain
//! booleans and numbers.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use crate::cli::ColorChoice;
use crate::client::{Event, Observer};
use crate::render::sanitize;

/// What the environment says about colour, read once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColorEnv {
    pub no_color: bool,
    pub clicolor_force: bool,
    pub term_dumb: bool,
}

impl ColorEnv {
    pub fn from_env() -> ColorEnv {
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        ColorEnv {
            no_color: set("NO_COLOR"),
            clicolor_force: std::env::var_os("CLICOLOR_FORCE")
                .is_some_and(|v| !v.is_empty() && v != "0"),
            term_dumb: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        }
    }
}

/// Whether to colour a stream: `always`/`never` win; `auto` colours a terminal unless
/// `NO_COLOR` is set or `TERM=dumb`, and `CLICOLOR_FORCE` colours even a pipe.
pub fn use_color(choice: ColorChoice, is_tty: bool, env: ColorEnv) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.clicolor_force => true,
        ColorChoice::Auto => is_tty && !env.term_dumb,
    }
}

/// The terminal facts a command needs, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub err_color: bool,
    /// Width to fit stdout tables to: the terminal's (or `COLUMNS`) when stdout is one.
    pub width: Option<usize>,
    pub debug: bool,
}

impl Output {
    pub fn detect(choice: ColorChoice, debug: bool) -> Output {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        let env = ColorEnv::from_env();
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok());
        let width = stdout_tty
            .then(|| {
                terminal_size::terminal_size()
                    .map(|(w, _)| w.0 as usize)
                    .or(columns)
            })
            .flatten();
        Output {
            stdout_tty,
            stderr_tty,
            color: use_color(choice, stdout_tty, env),
            err_color: use_color(choice, stderr_tty, env),
            width,
            debug,
        }
    }

    /// The buffered stdout writer; data only.
    pub fn stdout(&self) -> io::BufWriter<io::Stdout> {
        io::BufWriter::with_capacity(64 * 1024, io::stdout())
    }

    /// Writes one message line to stderr, prefixed with `jobctl: `.
    pub fn note(&self, msg: &str) {
        let _ = writeln!(io::stderr().lock(), "jobctl: {msg}");
    }

    /// The client observer: retries always show (the user should know why it waits);
    /// requests and redirects only with `--debug`. Server text is sanitised.
    pub fn observer(&self) -> Observer {
        let debug = self.debug;
        Arc::new(move |event: &Event| {
            if let Some(line) = describe_event(event, debug) {
                let _ = writeln!(io::stderr().lock(), "jobctl: {line}");
            }
        })
    }
}

/// The stderr line for a client event, if it should be shown.
pub fn describe_event(event: &Event, debug: bool) -> Option<String> {
    match event {
        Event::Retry {
            url,
            reason,
            wait,
            attempt,
            of,
        } => Some(format!(
            "{url}: {}; retrying in {:.1}s (retry {attempt} of {of})",
            sanitize(reason),
            wait.as_secs_f64()
        )),
        Event::Response {
            method,
            url,
            status,
            elapsed,
        } if debug => Some(format!(
            "debug: {method} {url} -> {status} ({} ms)",
            elapsed.as_millis()
        )),
        Event::Failed {
            method,
            url,
            detail,
            elapsed,
        } if debug => Some(format!(
            "debug: {method} {url} -> {} ({} ms)",
            sanitize(detail),
            elapsed.as_millis()
        )),
        Event::Redirect { from, to } if debug => {
            Some(format!("debug: redirect {from} -> {}", sanitize(to)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColorChoice::*;

    #[test]
    fn colour_follows_choice_tty_and_env() {
        let plain = ColorEnv::default();
        let no_color = ColorEnv {
            no_color: true,
            ..plain
        };
        let force = ColorEnv {
            clicolor_force: true,
            ..plain
        };
        let dumb = ColorEnv {
            term_dumb: true,
            ..plain
        };
        assert!(use_color(Auto, true, plain));
        assert!(!use_color(Auto, false, plain));
        assert!(!use_color(Auto, true, no_color));
        assert!(use_color(Auto, false, force));
        assert!(!use_color(Auto, true, dumb));
        assert!(use_color(Always, false, no_color));
        assert!(!use_color(Never, true, force));
    }
}
