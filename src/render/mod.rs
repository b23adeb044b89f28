//! Model values to text: pure functions, no I/O and no terminal checks (those arrive as
//! a `Style`). Everything from the server passes through `sanitize` before it is shown.

pub mod any_table;
mod clock;
mod detail;
mod grid;
mod hostile;
mod json;
pub mod log;
mod log_tail;
mod queue;
pub mod queue_table;
mod rerun;
mod run_tree;
mod sanitize;
mod started;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod top;
mod watch_text;
mod whoami;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::{Status, Timestamp};

pub use clock::Zone;
pub use detail::{Related, detail};
pub use json::{JsonArray, json_text};
pub use log_tail::{log_pane_lines, log_tails};
pub use queue::{
    FlowProgress, queue_change_line, queue_final_message, queue_label, queue_spinner_message,
};
pub use rerun::{CONDITIONS_NOTE, rerun_plan};
pub use run_tree::{tree_json, tree_lines, tree_text};
pub use sanitize::{data_line, is_bidi_or_invisible, notification, sanitize};
pub use started::{Started, started_line, started_table};
pub use watch_text::{
    MixedColumn, WatchLines, change_line, estimate_line, eta_text, final_message, follow_event,
    github_error, heartbeat_line, label, outcome_text, seen_ago, summary_counts,
};
pub use whoami::whoami;

/// How human output should look, decided by `output` and the command.
#[derive(Debug, Clone)]
pub struct Style {
    pub color: bool,
    /// Local times with relative ages (a person reads it); otherwise RFC 3339 only.
    pub terminal: bool,
    pub now: jiff::Timestamp,
    /// The zone times are shown in on a terminal.
    pub zone: Zone,
}

#[cfg(test)]
impl Style {
    /// The render tests' style: no colour, times in UTC, now fixed at
    /// 2026-11-29T12:00:00Z; `terminal` as given.
    pub fn fixed(terminal: bool) -> Style {
        Style {
            color: false,
            terminal,
            now: crate::model::parse_timestamp("2026-11-29T12:00:00Z")
                .unwrap()
                .to_utc(),
            zone: Zone::utc(),
        }
    }
}

impl Style {
    /// Wraps `text` in an SGR colour when colour is on.
    pub fn paint(&self, sgr: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// A status coloured by what it means: green success, red error, yellow running.
    pub fn status(&self, status: &Status) -> String {
        let sgr = match status {
            Status::Success => "32",
            Status::Error => "31;1",
            Status::Waiting | Status::Processing => "33",
            Status::Other(_) => "35",
        };
        self.paint(sgr, &sanitize(status.as_str()))
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// A timestamp: on a terminal the time in the display zone, named, and its age
    /// (`2026-11-29 17:32:24 CET (5m ago)`); RFC 3339 otherwise.
    pub fn time(&self, t: &Timestamp) -> String {
        if self.terminal {
            format!("{} ({})", self.zone.date_time(t), age(t.to_utc(), self.now))
        } else {
            rfc3339(t)
        }
    }
}

/// RFC 3339 with the server's offset, seconds precision unless it sent fractions.
pub fn rfc3339(t: &Timestamp) -> String {
    t.to_rfc3339()
}

/// `text` cut to `width` terminal columns, with `…` marking the cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// [`truncate`] for text with colour (SGR) sequences, which take no columns: they are kept
/// whole, and a cut line ends with a reset so that no colour runs on past it.
pub fn truncate_ansi(text: &str, width: usize) -> String {
    if !text.contains('\x1b') {
        return truncate(text, width);
    }
    if visible_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            out.push_str(&take_sequence(&mut chars));
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out.push_str("\x1b[0m");
    out
}

/// The columns `text` takes on screen, its colour sequences taking none.
fn visible_width(text: &str) -> usize {
    let mut n = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                take_sequence(&mut chars);
            }
            c => n += c.width().unwrap_or(0),
        }
    }
    n
}

/// The rest of an escape sequence after its ESC: `[`, its parameters and a final letter.
fn take_sequence(chars: &mut std::str::Chars<'_>) -> String {
    let mut seq = String::new();
    if chars.as_str().starts_with('[') {
        for c in chars.by_ref() {
            seq.push(c);
            if c.is_ascii_alphabetic() {
                break;
            }
        }
    }
    seq
}

/// `text` cut to `width` terminal columns from the left, with `…` marking the cut: for
/// names whose end tells them apart (`…customers`).
pub fn truncate_left(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}

/// `1.2 MiB`-style sizes, binary units.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The one duration format, for a time that is over (a finished job, the queue wait of a
/// started one): `2s`, `41s`, `1m 01s`, `1h 02m`, `3d 04h`. Below 10 s a decimal shows
/// only when the time has fractions (`2.5s`): the server's timestamps are to the second,
/// so a finished storage job's time is whole. See [`running_duration`] for a time still
/// growing.
pub fn human_duration(d: jiff::SignedDuration) -> String {
    let ms = millis(d);
    if ms < 10_000 && ms % 1000 != 0 {
        return tenths(ms);
    }
    whole_duration(ms / 1000)
}

/// The same format for a time still growing (a running job, a wait): below 10 s always
/// with one decimal (`0.4s`, `2.0s`, `9.9s`), so that a live line does not flip between
/// `1.9s`, `2s` and `2.1s`; from 10 s on as [`human_duration`].
pub fn running_duration(d: jiff::SignedDuration) -> String {
    let ms = millis(d);
    if ms < 10_000 {
        return tenths(ms);
    }
    whole_duration(ms / 1000)
}

/// Whole milliseconds, none below zero, at most `i64::MAX`.
fn millis(d: jiff::SignedDuration) -> i64 {
    i64::try_from(d.as_millis().max(0)).unwrap_or(i64::MAX)
}

/// `2.3s`, cut (not rounded) to tenths so that 9.96 s stays below `10s`.
fn tenths(ms: i64) -> String {
    format!("{}.{}s", ms / 1000, ms % 1000 / 100)
}

fn whole_duration(s: i64) -> String {
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        3600..86400 => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d {:02}h", s / 86400, s % 86400 / 3600),
    }
}

/// How long ago `t` was: `just now`, `5m ago`, `3h ago`, `2d ago`, `1y ago`.
pub fn age(t: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let s = now.duration_since(t).as_secs();
    match s {
        i64::MIN..0 => "in the future".to_owned(),
        0..10 => "just now".to_owned(),
        10..60 => format!("{s}s ago"),
        60..3600 => format!("{}m ago", s / 60),
        3600..86400 => format!("{}h ago", s / 3600),
        86400..31_536_000 => format!("{}d ago", s / 86400),
        _ => format!("{}y ago", s / 31_536_000),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn colour_takes_no_columns_and_a_cut_resets_it() {
        let red = "\x1b[31merror: missing columns\x1b[0m";
        assert_eq!(truncate_ansi(red, 40), red);
        assert_eq!(truncate_ansi(red, 10), "\x1b[31merror: mi…\x1b[0m");
        assert_eq!(truncate_ansi("plain text", 6), "plain…");
        assert_eq!(visible_width("\x1b[1;31m✗\x1b[0m x"), 3);
    }

    use super::*;
    use crate::model::parse_timestamp;

    #[test]
    fn sizes_are_binary_and_short() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1024), "1.0 KiB");
        assert_eq!(human_bytes(1257), "1.2 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024 / 4), "1.2 MiB");
        assert_eq!(human_bytes(u64::MAX), "16.0 EiB");
    }

    #[test]
    fn durations_read_at_a_glance() {
        let d = |ms: i64| human_duration(jiff::SignedDuration::from_millis(ms));
        assert_eq!(d(0), "0s");
        assert_eq!(d(2500), "2.5s");
        assert_eq!(d(41_000), "41s");
        assert_eq!(d(125_000), "2m 05s");
        assert_eq!(d(3_720_000), "1h 02m");
        assert_eq!(d(273_600_000), "3d 04h");
        assert_eq!(d(-5), "0s");
        assert_eq!(d(9_960), "9.9s");
        assert_eq!(d(10_400), "10s");
    }

    #[test]
    fn a_growing_time_keeps_its_decimal_below_ten_seconds() {
        let d = |ms: i64| running_duration(jiff::SignedDuration::from_millis(ms));
        assert_eq!(d(0), "0.0s");
        assert_eq!(d(400), "0.4s");
        assert_eq!(d(2000), "2.0s");
        assert_eq!(d(2150), "2.1s");
        assert_eq!(d(9_999), "9.9s");
        assert_eq!(d(10_000), "10s");
        assert_eq!(d(61_000), "1m 01s");
    }

    #[test]
    fn ages_are_relative_to_now() {
        let now = parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc();
        let ago = |s: &str| age(parse_timestamp(s).unwrap().to_utc(), now);
        assert_eq!(ago("2026-11-29T11:59:58Z"), "just now");
        assert_eq!(ago("2026-11-29T12:59:58+0100"), "just now");
        assert_eq!(ago("2026-11-29T11:55:00Z"), "5m ago");
        assert_eq!(ago("2026-11-26T12:00:00Z"), "3d ago");
        assert_eq!(ago("2024-09-03T14:13:08+0200"), "2y ago");
        assert_eq!(ago("2026-11-30T12:00:00Z"), "in the future");
    }

    #[test]
    fn rfc3339_keeps_the_server_offset() {
        let t = parse_timestamp("2017-02-13T16:41:18+0100").unwrap();
        assert_eq!(rfc3339(&t), "2017-02-13T16:41:18+01:00");
    }
}
