//! The one place that asks "is this a terminal?", reads the colour conventions and the
//! terminal width, and owns the stdout and stderr writers. Everything downstream gets plain
//! booleans and numbers.

mod data;
pub mod progress;

pub use data::DataWriter;

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use crate::cli::{ColorChoice, ProgressChoice};
use crate::client::{HttpEvent, Observer, seconds};
use crate::render::{Zone, notification, sanitize};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
#[derive(Debug, Clone)]
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
    /// `TERM=dumb`: no cursor movement either.
    pub term_dumb: bool,
    /// Running under GitHub Actions (`GITHUB_ACTIONS=true`): failed jobs are annotated.
    pub github_actions: bool,
    /// The zone times are shown in on a terminal and typed dates are read in: UTC with
    /// `--utc` (or `JOBCTL_UTC`), else the local one.
    pub zone: Zone,
}

impl Output {
    pub fn detect(choice: ColorChoice, debug: bool, utc: bool) -> Output {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        let env = ColorEnv::from_env();
        let columns = std::env::var("COLUMNS").ok();
        let terminal = match stdout_tty {
            true => terminal_size::terminal_size().map(|(w, _)| w.0 as usize),
            false => None,
        };
        let width = table_width(stdout_tty, terminal, columns.as_deref());
        Output {
            stdout_tty,
            stderr_tty,
            color: use_color(choice, stdout_tty, env),
            err_color: use_color(choice, stderr_tty, env),
            width,
            debug,
            term_dumb: env.term_dumb,
            github_actions: std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
            zone: Zone::chosen(utc),
        }
    }

    /// How `watch` shows progress: spinners need a capable terminal on stderr.
    pub fn progress_kind(&self, choice: ProgressChoice) -> progress::ProgressKind {
        progress_kind(choice, self.stderr_tty, self.term_dumb)
    }

    /// Writes a line to stderr as it is (no prefix): workflow commands and the like.
    pub fn raw_stderr(&self, line: &str) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    /// Rings the bell and sends a desktop notification (OSC 9), on a terminal only.
    pub fn notify(&self, text: &str) {
        if self.stderr_tty {
            let text = notification(text);
            let _ = write!(io::stderr().lock(), "\x07\x1b]9;{text}\x1b\\");
        }
    }

    /// The buffered stdout writer; data only.
    pub fn stdout(&self) -> DataWriter {
        DataWriter::new(io::stdout())
    }

    /// A one-line counter on stderr (`list` scanning history for a client-side filter):
    /// drawn only when stderr is a capable terminal, hidden otherwise. Set its message to
    /// show it; `finish_and_clear` it before the final note.
    pub fn counter(&self) -> ProgressBar {
        let target = match self.stderr_tty && !self.term_dumb {
            true => ProgressDrawTarget::stderr_with_hz(8),
            false => ProgressDrawTarget::hidden(),
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar
    }

    /// Writes one message line to stderr, prefixed with `jobctl: `.
    pub fn note(&self, msg: &str) {
        let _ = writeln!(io::stderr().lock(), "jobctl: {msg}");
    }

    /// The client observer: retries always show (the user should know why it waits);
    /// requests and redirects only with `--debug`. Server text is sanitised.
    /// With `notices` (a watch's), a retry is a line among its spinners until the next
    /// answer, and other lines print above them.
    /// A request that has had no answer for a few seconds shows on a terminal (a person
    /// waits there in silence) and with `--debug`.
    pub fn observer(&self, notices: Option<progress::Notices>) -> Observer {
        let debug = self.debug;
        let slow = shows_slow_notice(self.stderr_tty, debug);
        let notices = notices.unwrap_or_else(progress::Notices::lines);
        Arc::new(move |event: &HttpEvent| {
            if matches!(event, HttpEvent::Response { .. }) {
                notices.clear();
            }
            if matches!(event, HttpEvent::Slow { .. }) && !slow {
                return;
            }
            if let Some(line) = describe_event(event, debug) {
                match event {
                    HttpEvent::Retry {
                        url,
                        reason,
                        wait,
                        attempt,
                        of,
                    } => notices.retry(
                        &line,
                        &format!(
                            "retrying in {:.1}s (retry {attempt} of {of}): {}; {url}",
                            wait.as_secs_f64(),
                            sanitize(reason)
                        ),
                    ),
                    HttpEvent::Slow { .. } => notices.retry(&line, &line),
                    _ => notices.line(&line),
                }
            }
        })
    }
}

/// Whether a request still unanswered after a few seconds is said on stderr: on a
/// terminal, where someone waits, or with `--debug`; never into a log that did not ask.
pub fn shows_slow_notice(stderr_tty: bool, debug: bool) -> bool {
    stderr_tty || debug
}

/// The width to fit tables to on a terminal: `COLUMNS` when it holds a positive number
/// (the user's explicit say, as Python's `shutil` and many tools read it), else the width
/// the terminal reports. Nothing for a pipe: piped tables are tab-separated, not fitted.
pub fn table_width(
    stdout_tty: bool,
    terminal: Option<usize>,
    columns: Option<&str>,
) -> Option<usize> {
    if !stdout_tty {
        return None;
    }
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or(terminal.filter(|&w| w > 0))
}

/// Spinners on a terminal that can show them, timestamped lines otherwise; the user's
/// choice wins.
pub fn progress_kind(
    choice: ProgressChoice,
    stderr_tty: bool,
    term_dumb: bool,
) -> progress::ProgressKind {
    match choice {
        ProgressChoice::Tty => progress::ProgressKind::Spinner,
        ProgressChoice::Plain => progress::ProgressKind::Plain,
        ProgressChoice::None => progress::ProgressKind::Quiet,
        ProgressChoice::Auto if stderr_tty && !term_dumb => progress::ProgressKind::Spinner,
        ProgressChoice::Auto => progress::ProgressKind::Plain,
    }
}

/// The stderr line for a client event, if it should be shown.
pub fn describe_event(event: &HttpEvent, debug: bool) -> Option<String> {
    match event {
        HttpEvent::Retry {
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
        HttpEvent::Response {
            method,
            url,
            status,
            elapsed,
        } if debug => Some(format!(
            "debug: {method} {url} -> {status} ({} ms)",
            elapsed.as_millis()
        )),
        HttpEvent::Failed {
            method,
            url,
            detail,
            elapsed,
        } if debug => Some(format!(
            "debug: {method} {url} -> {} ({} ms)",
            sanitize(detail),
            elapsed.as_millis()
        )),
        HttpEvent::Redirect { from, to } if debug => {
            Some(format!("debug: redirect {from} -> {}", sanitize(to)))
        }
        HttpEvent::Slow {
            method,
            url,
            waited,
            limit,
            attempt,
            of,
        } => {
            let then = match attempt < of {
                true => format!("then retry {} of {of}", attempt + 1),
                false => "then give up".to_owned(),
            };
            Some(format!(
                "{} has not answered {method} {url} in {}; waiting up to {} in all, {then}",
                host_of(url),
                seconds(*waited),
                seconds(*limit)
            ))
        }
        _ => None,
    }
}

/// `scheme://host:port` of a URL, for a sentence about the host.
fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|_| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColorChoice::*;
    use std::time::Duration;

    #[test]
    fn an_unanswered_request_is_said_on_a_terminal_or_with_debug_and_names_the_retry() {
        assert!(shows_slow_notice(true, false));
        assert!(shows_slow_notice(false, true));
        assert!(!shows_slow_notice(false, false));
        let slow = |attempt, of| HttpEvent::Slow {
            method: "GET",
            url: "https://connection.keboola.com/v2/storage/jobs/7".into(),
            waited: Duration::from_secs(3),
            limit: Duration::from_secs(10),
            attempt,
            of,
        };
        assert_eq!(
            describe_event(&slow(0, 4), false).as_deref(),
            Some(
                "https://connection.keboola.com has not answered GET \
                 https://connection.keboola.com/v2/storage/jobs/7 in 3s; waiting up to 10s in \
                 all, then retry 1 of 4"
            )
        );
        assert!(
            describe_event(&slow(4, 4), false)
                .is_some_and(|l| l.ends_with("up to 10s in all, then give up"))
        );
    }

    #[test]
    fn progress_is_spinners_only_on_a_capable_terminal() {
        use progress::ProgressKind;
        assert_eq!(
            progress_kind(ProgressChoice::Auto, true, false),
            ProgressKind::Spinner
        );
        assert_eq!(
            progress_kind(ProgressChoice::Auto, false, false),
            ProgressKind::Plain
        );
        assert_eq!(
            progress_kind(ProgressChoice::Auto, true, true),
            ProgressKind::Plain
        );
        assert_eq!(
            progress_kind(ProgressChoice::Tty, false, false),
            ProgressKind::Spinner
        );
        assert_eq!(
            progress_kind(ProgressChoice::None, true, false),
            ProgressKind::Quiet
        );
        assert_eq!(
            progress_kind(ProgressChoice::Plain, true, false),
            ProgressKind::Plain
        );
    }

    #[test]
    fn width_is_columns_then_the_terminal_and_none_when_piped() {
        assert_eq!(table_width(true, Some(120), None), Some(120));
        assert_eq!(table_width(true, Some(120), Some("80")), Some(80));
        assert_eq!(table_width(true, Some(120), Some("wide")), Some(120));
        assert_eq!(table_width(true, Some(120), Some("0")), Some(120));
        assert_eq!(table_width(true, None, Some(" 60 ")), Some(60));
        assert_eq!(table_width(true, Some(0), None), None);
        assert_eq!(table_width(false, Some(120), Some("80")), None);
    }

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
        assert!(use_color(Always, false, dumb));
        assert!(!use_color(Never, true, force));
        assert!(!use_color(Never, true, plain));
        // NO_COLOR is the user's standing wish and beats CLICOLOR_FORCE.
        let both = ColorEnv {
            no_color: true,
            clicolor_force: true,
            term_dumb: false,
        };
        assert!(!use_color(Auto, false, both));
        assert!(!use_color(Auto, true, both));
        // CLICOLOR_FORCE colours even a dumb terminal and a pipe.
        let force_dumb = ColorEnv {
            clicolor_force: true,
            term_dumb: true,
            ..plain
        };
        assert!(use_color(Auto, true, force_dumb));
    }
}
