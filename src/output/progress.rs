//! Progress on stderr for `watch`: live spinners on a terminal (indicatif), timestamped
//! lines for logs, or nothing. Owns the bars, so it alone can leave the terminal clean;
//! asks the terminal's width at each redraw so that no line wraps, a resize too.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::model::Estimate;
use crate::render::{Style, Zone, estimate_line, eta_text, summary_counts, truncate};

/// What a followed job must say about itself for the spinners and log lines (the follow
/// service's jobs, of either kind, implement it).
pub trait Watched {
    type Status;
    /// The columns that line up the watched jobs' lines (`()` for none).
    type Lines: Default;
    fn id(&self) -> u64;
    fn is_finished(&self) -> bool;
    /// How the job stands, for the summary line of many jobs.
    fn tally(&self) -> Standing;
    /// The plain-mode line for a change (`from` None: first seen).
    fn change_line(&self, from: Option<&Self::Status>) -> String;
    /// The columns of every watched job's lines, decided once.
    fn lines(jobs: &[&Self]) -> Self::Lines;
    /// The line a finished job leaves behind, fitted to `width` columns when given.
    fn final_message(&self, lines: &Self::Lines, style: &Style, width: Option<usize>) -> String;
    /// The live spinner text, fitted to `width` columns when given; `seen` is when a poll
    /// last saw the job's status.
    fn spinner_message(
        &self,
        lines: &Self::Lines,
        style: &Style,
        waited: Duration,
        seen: Option<jiff::Timestamp>,
        width: Option<usize>,
    ) -> String;
    /// The plain-mode heartbeat for the jobs still running.
    fn heartbeat_line(running: &[&Self], waited: Duration) -> String;
}

/// How a watched job stands, for the summary line (`10 succeeded, 1 failed, 1 running`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Succeeded,
    Failed,
    Running,
}

/// A spinner line keeps at least this many columns for the job before an estimate's bar.
const MIN_LINE_WITH_ETA: usize = 30;

/// The spinner's frames; the last one is shown when a bar finishes.
pub const SPINNER_TICKS: &str = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ ";

/// More jobs than this collapse: finished successes leave no line of their own, a
/// summary line counts them.
pub const COLLAPSE_ABOVE: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressKind {
    Spinner,
    Plain,
    Quiet,
}

/// Generic over what is followed.
pub struct Progress<J: Watched> {
    kind: ProgressKind,
    style: Style,
    multi: MultiProgress,
    lines: J::Lines,
    /// In the order the jobs were first seen.
    bars: Vec<(u64, ProgressBar)>,
    /// Many jobs: the summary bar under the spinners.
    summary: Option<ProgressBar>,
    /// How each job laid out stands, for the summary.
    jobs: Vec<(u64, Standing)>,
    notices: Notices,
    closed: bool,
    /// Jobs whose length earlier runs predict: the estimate, and when the job's age was 0.
    etas: HashMap<u64, (Estimate, Instant)>,
    /// When a poll last saw each job's status.
    seen: HashMap<u64, jiff::Timestamp>,
}

impl<J: Watched> Progress<J> {
    /// `color` is whether stderr gets colour; times are shown in `zone`.
    pub fn new(kind: ProgressKind, color: bool, zone: Zone) -> Progress<J> {
        let target = match kind {
            ProgressKind::Spinner => ProgressDrawTarget::stderr_with_hz(12),
            ProgressKind::Plain | ProgressKind::Quiet => ProgressDrawTarget::hidden(),
        };
        let multi = MultiProgress::with_draw_target(target);
        Progress {
            kind,
            style: Style {
                color,
                terminal: true,
                now: jiff::Timestamp::now(),
                zone,
            },
            notices: Notices {
                multi: (kind == ProgressKind::Spinner).then(|| multi.clone()),
                bar: Arc::default(),
            },
            multi,
            lines: J::Lines::default(),
            bars: Vec::new(),
            summary: None,
            jobs: Vec::new(),
            closed: false,
            etas: HashMap::new(),
            seen: HashMap::new(),
        }
    }

    /// Spinners, plain lines or nothing.
    pub fn kind(&self) -> ProgressKind {
        self.kind
    }

    /// Where the client's retry notices go: into a line among the spinners (cleared by the
    /// next answer), or printed as lines without spinners.
    pub fn notices(&self) -> Notices {
        self.notices.clone()
    }

    /// The jobs to watch, once, before the first change: their lines' columns, and
    /// whether there are so many that finished ones collapse into a summary line.
    pub fn lay_out(&mut self, jobs: &[&J]) {
        self.lines = J::lines(jobs);
        self.jobs = jobs.iter().map(|j| (j.id(), j.tally())).collect();
        if self.kind == ProgressKind::Spinner && jobs.len() > COLLAPSE_ABOVE {
            let bar = ProgressBar::new_spinner();
            if let Ok(s) = ProgressStyle::with_template("{msg}") {
                bar.set_style(s);
            }
            self.summary = Some(self.multi.add(bar));
        }
    }

    /// Earlier runs predict job `id`'s length (`born`: when its age was 0): its spinner
    /// becomes a bar with what is left; plain mode says so once, in a line. Runs too
    /// `varied` to go by get the line (saying so) and no bar.
    pub fn estimate(
        &mut self,
        id: u64,
        label: &str,
        estimate: Estimate,
        born: Instant,
        varied: bool,
    ) {
        if self.kind == ProgressKind::Plain {
            let age = born.elapsed();
            line(&estimate_line(
                jiff::Timestamp::now(),
                label,
                &estimate,
                age,
                varied,
            ));
        }
        if !varied {
            self.etas.insert(id, (estimate, born));
        }
    }

    /// A running job's spinner text in `width` columns: the job's line, and when there
    /// is an estimate, its bar after it (left out when the two do not fit).
    fn running_text(&self, job: &J, waited: Duration, width: Option<usize>) -> String {
        let eta = self
            .etas
            .get(&job.id())
            .map(|(e, born)| eta_text(e, born.elapsed()));
        let seen = self.seen.get(&job.id()).copied();
        match (eta, width) {
            (Some(eta), Some(w)) if w >= eta.chars().count() + 2 + MIN_LINE_WITH_ETA => {
                let room = w - eta.chars().count() - 2;
                let text = job.spinner_message(&self.lines, &self.style, waited, seen, Some(room));
                format!("{text}  {eta}")
            }
            (Some(eta), None) => {
                let text = job.spinner_message(&self.lines, &self.style, waited, seen, None);
                format!("{text}  {eta}")
            }
            _ => job.spinner_message(&self.lines, &self.style, waited, seen, width),
        }
    }

    /// A poll saw these jobs' status now (changed or not).
    pub fn seen(&mut self, ids: impl IntoIterator<Item = u64>) {
        let now = jiff::Timestamp::now();
        for id in ids {
            self.seen.insert(id, now);
        }
    }

    /// A job was seen for the first time (`from` None) or changed status.
    pub fn changed(&mut self, job: &J, from: Option<&J::Status>, waited: Duration) {
        self.style.now = jiff::Timestamp::now();
        self.seen.insert(job.id(), self.style.now);
        // A job that appeared after the first look (`--run-id`) counts in the summary too.
        match self.jobs.iter_mut().find(|(id, _)| *id == job.id()) {
            Some(known) => known.1 = job.tally(),
            None => self.jobs.push((job.id(), job.tally())),
        }
        let width = stderr_width();
        match self.kind {
            ProgressKind::Quiet => {}
            ProgressKind::Plain => line(&job.change_line(from)),
            // Many jobs: a success only counts in the summary.
            ProgressKind::Spinner
                if job.tally() == Standing::Succeeded && self.summary.is_some() =>
            {
                if let Some(i) = self.bars.iter().position(|(id, _)| *id == job.id()) {
                    let (_, bar) = self.bars.remove(i);
                    bar.finish_and_clear();
                    self.multi.remove(&bar);
                }
            }
            ProgressKind::Spinner if job.is_finished() => {
                let message = job.final_message(&self.lines, &self.style, width);
                let bar = self.bar(job.id());
                if let Ok(s) = ProgressStyle::with_template("{msg}") {
                    bar.set_style(s);
                }
                bar.finish_with_message(message);
            }
            ProgressKind::Spinner => {
                let message = self.running_text(job, waited, running_width(width));
                self.bar(job.id()).set_message(message);
            }
        }
        self.refresh_summary(waited, width);
    }

    /// Refreshes the job's own times on running spinners, fitted to the terminal's width
    /// now (no output in other modes).
    pub fn tick(&mut self, running: &[&J], waited: Duration) {
        if self.kind != ProgressKind::Spinner {
            return;
        }
        self.style.now = jiff::Timestamp::now();
        let width = stderr_width();
        for job in running {
            let message = self.running_text(job, waited, running_width(width));
            self.bar(job.id()).set_message(message);
        }
        self.refresh_summary(waited, width);
    }

    /// `10 succeeded, 1 failed, 1 running in 5s` for the jobs laid out.
    fn summary_text(&self, waited: Duration) -> String {
        let count = |t: Standing| self.jobs.iter().filter(|(_, s)| *s == t).count();
        summary_counts(
            count(Standing::Succeeded),
            count(Standing::Failed),
            count(Standing::Running),
            waited,
        )
    }

    fn refresh_summary(&self, waited: Duration, width: Option<usize>) {
        if let Some(summary) = &self.summary {
            let text = self.summary_text(waited);
            summary.set_message(width.map_or(text.clone(), |w| truncate(&text, w)));
        }
    }

    /// In plain mode, a line saying the watch is still alive.
    pub fn heartbeat(&mut self, running: &[&J], waited: Duration) {
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

    /// Log lines (`watch --log`), each ending in a newline, on stderr above the spinners
    /// (the bars are cleared, the lines written whole, the bars drawn again: nothing
    /// tears); printed in every mode, as the user asked for them.
    pub fn log(&self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.multi.suspend(|| {
            let _ = io::stderr().lock().write_all(text.as_bytes());
        });
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
        self.notices.clear();
        let _ = self.multi.clear();
        self.multi.set_draw_target(ProgressDrawTarget::hidden());
        // The finished jobs' lines are the record of the watch: put them back, in order.
        for (_, bar) in &self.bars {
            if bar.is_finished() {
                line(&bar.message());
            }
        }
    }

    /// After a watch of several jobs that saw them end: `50 succeeded, 0 failed in 5s`
    /// (spinner and plain modes).
    pub fn summary(&mut self, waited: Duration) {
        if self.kind != ProgressKind::Quiet && self.jobs.len() > 1 {
            self.finish();
            line(&self.summary_text(waited));
        }
    }

    fn bar(&mut self, id: u64) -> &ProgressBar {
        let index = match self.bars.iter().position(|(i, _)| *i == id) {
            Some(index) => index,
            None => {
                let bar = ProgressBar::new_spinner();
                // Above the summary line, when there is one.
                let bar = match &self.summary {
                    Some(summary) => self.multi.insert_before(summary, bar),
                    None => self.multi.add(bar),
                };
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

impl<J: Watched> Drop for Progress<J> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The client's notices during a watch: with spinners, the latest retry is one line among
/// them, replaced by the next and cleared when an answer comes; otherwise lines.
#[derive(Clone)]
pub struct Notices {
    multi: Option<MultiProgress>,
    bar: Arc<Mutex<Option<ProgressBar>>>,
}

impl Notices {
    /// Without spinners: every notice is a line of its own.
    pub fn lines() -> Notices {
        Notices {
            multi: None,
            bar: Arc::default(),
        }
    }

    /// A retry notice (without the `jobctl: ` prefix): `line` as a line of its own, or
    /// `live` (what matters first, as it may be cut to the width) among the spinners.
    pub fn retry(&self, line_text: &str, live: &str) {
        let Some(multi) = &self.multi else {
            line(&format!("jobctl: {line_text}"));
            return;
        };
        let Ok(mut slot) = self.bar.lock() else {
            return;
        };
        let bar = slot.get_or_insert_with(|| {
            let bar = multi.add(ProgressBar::new_spinner());
            if let Ok(s) = ProgressStyle::with_template("{spinner:.yellow} {msg}") {
                bar.set_style(s.tick_chars(SPINNER_TICKS));
            }
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        let text = format!("jobctl: {live}");
        bar.set_message(match stderr_width() {
            Some(w) => truncate(&text, running_width(Some(w)).unwrap_or(w)),
            None => text,
        });
    }

    /// Any other line (debug output): above the spinners.
    pub fn line(&self, text: &str) {
        let print = || line(&format!("jobctl: {text}"));
        match &self.multi {
            Some(m) => m.suspend(print),
            None => print(),
        }
    }

    /// An answer came: the retry is over.
    pub fn clear(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
            if let Some(multi) = &self.multi {
                multi.remove(&bar);
            }
        }
    }
}

/// The width left for a spinner's text, after the spinner and its space.
fn running_width(width: Option<usize>) -> Option<usize> {
    width.map(|w| w.saturating_sub(2))
}

/// The terminal's width on stderr now, if it is one. One column is kept free: a line
/// that ends in the last column makes some terminals wrap.
fn stderr_width() -> Option<usize> {
    terminal_size::terminal_size_of(io::stderr())
        .map(|(w, _)| (w.0 as usize).saturating_sub(1))
        .filter(|&w| w > 0)
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
