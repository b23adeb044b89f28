//! Progress on stderr for `watch`: live spinners on a terminal (indicatif), timestamped
//! lines for logs, or nothing. Owns the bars, so it alone can leave the terminal clean.

use std::io::{self, Write};
use std::time::Duration;

use chrono::Utc;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::model::{Job, Status};
use crate::render::{Style, change_line, final_message, heartbeat_line, spinner_message};

/// What a watched job must say about itself for the spinners and log lines: storage jobs
/// (`Job`) and queue jobs share the machinery below.
pub trait Watched {
    type Status;
    fn id(&self) -> u64;
    fn is_finished(&self) -> bool;
    /// The plain-mode line for a change (`from` None: first seen).
    fn change_line(&self, from: Option<&Self::Status>) -> String;
    /// The line a finished job leaves behind.
    fn final_message(&self, style: &Style) -> String;
    /// The live spinner text.
    fn spinner_message(&self, style: &Style, waited: Duration) -> String;
    /// The plain-mode heartbeat for the jobs still running.
    fn heartbeat_line(running: &[&Self], waited: Duration) -> String;
}

impl Watched for Job {
    type Status = Status;

    fn id(&self) -> u64 {
        self.id
    }

    fn is_finished(&self) -> bool {
        Job::is_finished(self)
    }

    fn change_line(&self, from: Option<&Status>) -> String {
        let now = Utc::now();
        change_line(now, self, from, now)
    }

    fn final_message(&self, style: &Style) -> String {
        final_message(self, style)
    }

    fn spinner_message(&self, style: &Style, waited: Duration) -> String {
        spinner_message(self, style, waited)
    }

    fn heartbeat_line(running: &[&Job], waited: Duration) -> String {
        heartbeat_line(Utc::now(), running, waited)
    }
}

/// The spinner's frames; the last one is shown when a bar finishes.
pub const SPINNER_TICKS: &str = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressKind {
    Spinner,
    Plain,
    Quiet,
}

pub struct Progress {
    kind: ProgressKind,
    style: Style,
    multi: MultiProgress,
    /// In the order the jobs were first seen.
    bars: Vec<(u64, ProgressBar)>,
    closed: bool,
}

impl Progress {
    /// `color` is whether stderr gets colour.
    pub fn new(kind: ProgressKind, color: bool) -> Progress {
        let target = match kind {
            ProgressKind::Spinner => ProgressDrawTarget::stderr_with_hz(12),
            ProgressKind::Plain | ProgressKind::Quiet => ProgressDrawTarget::hidden(),
        };
        Progress {
            kind,
            style: Style {
                color,
                terminal: true,
                now: Utc::now(),
            },
            multi: MultiProgress::with_draw_target(target),
            bars: Vec::new(),
            closed: false,
        }
    }

    /// A handle for printing other lines (retry notices) without tearing the spinners.
    pub fn multi(&self) -> MultiProgress {
        self.multi.clone()
    }

    /// A job was seen for the first time (`from` None) or changed status.
    pub fn changed<J: Watched>(&mut self, job: &J, from: Option<&J::Status>, waited: Duration) {
        self.style.now = Utc::now();
        match self.kind {
            ProgressKind::Quiet => {}
            ProgressKind::Plain => line(&job.change_line(from)),
            ProgressKind::Spinner if job.is_finished() => {
                let message = job.final_message(&self.style);
                let bar = self.bar(job.id());
                if let Ok(s) = ProgressStyle::with_template("{msg}") {
                    bar.set_style(s);
                }
                bar.finish_with_message(message);
            }
            ProgressKind::Spinner => {
                let message = job.spinner_message(&self.style, waited);
                self.bar(job.id()).set_message(message);
            }
        }
    }

    /// Refreshes the elapsed time on running spinners (no output in other modes).
    pub fn tick<J: Watched>(&mut self, running: &[&J], waited: Duration) {
        if self.kind != ProgressKind::Spinner {
            return;
        }
        self.style.now = Utc::now();
        for job in running {
            let message = job.spinner_message(&self.style, waited);
            self.bar(job.id()).set_message(message);
        }
    }

    /// In plain mode, a line saying the watch is still alive.
    pub fn heartbeat<J: Watched>(&mut self, running: &[&J], waited: Duration) {
        if self.kind == ProgressKind::Plain {
            line(&J::heartbeat_line(running, waited));
        }
    }

    /// Prints a message line on stderr above the spinners (plain and spinner modes).
    pub fn note(&self, text: &str) {
        if self.kind == ProgressKind::Quiet {
            return;
        }
        self.multi.suspend(|| line(&format!("jobctl: {text}")));
    }

    /// Like `finish`, after Ctrl-C. A terminal that echoes control characters (the
    /// default) has written `^C` on a row of its own below the spinners (indicatif leaves
    /// the cursor in the last column, so the echo wraps): clear that row and step back up
    /// so that the spinners are cleared exactly. Without the echo (`stty -echoctl`) there
    /// is no such row, and stepping up would clear a line that is not jobctl's.
    pub fn interrupted(&mut self) {
        if self.kind == ProgressKind::Spinner && !self.closed && !self.bars.is_empty() {
            for (_, bar) in &self.bars {
                bar.disable_steady_tick();
            }
            if echoes_ctrl_c() {
                self.multi.suspend(|| {
                    let _ = write!(io::stderr().lock(), "\r\x1b[2K\x1b[1A");
                });
            }
        }
        self.finish();
    }

    /// Removes running spinners and keeps finished lines; call on every exit path.
    pub fn finish(&mut self) {
        if self.kind != ProgressKind::Spinner || self.closed {
            return;
        }
        self.closed = true;
        // Stop every ticker first, so that no frame is drawn after the screen is cleaned.
        for (_, bar) in &self.bars {
            bar.disable_steady_tick();
        }
        let _ = self.multi.clear();
        self.multi.set_draw_target(ProgressDrawTarget::hidden());
        // The finished jobs' lines are the record of the watch: put them back, in order.
        for (_, bar) in &self.bars {
            if bar.is_finished() {
                line(&bar.message());
            }
        }
    }

    fn bar(&mut self, id: u64) -> &ProgressBar {
        let index = match self.bars.iter().position(|(i, _)| *i == id) {
            Some(index) => index,
            None => {
                let bar = self.multi.add(ProgressBar::new_spinner());
                if let Ok(s) = ProgressStyle::with_template("{spinner:.cyan} {msg}") {
                    bar.set_style(s.tick_chars(SPINNER_TICKS));
                }
                bar.enable_steady_tick(Duration::from_millis(100));
                self.bars.push((id, bar));
                self.bars.len() - 1
            }
        };
        &self.bars[index].1
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn line(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Whether the terminal on stderr echoes Ctrl-C as `^C` (its ECHO and ECHOCTL modes);
/// assumed when it cannot be asked.
#[cfg(unix)]
fn echoes_ctrl_c() -> bool {
    use rustix::termios::{LocalModes, tcgetattr};
    tcgetattr(io::stderr())
        .map(|t| {
            t.local_modes
                .contains(LocalModes::ECHO | LocalModes::ECHOCTL)
        })
        .unwrap_or(true)
}

#[cfg(not(unix))]
fn echoes_ctrl_c() -> bool {
    true
}
