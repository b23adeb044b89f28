//! What every polling loop shares: the floor under `--interval` (and the note that says when
//! it was applied), and the backoff while nothing changes (`list --watch`'s). Pure
//! decisions, tested without clocks; the follow loop is in this module's parent.

use std::time::Duration;

/// No loop polls more often than this, whatever `--interval` says.
pub const MIN_INTERVAL: Duration = Duration::from_millis(200);
/// `list --watch` backs off to at most this many times its interval...
const BACKOFF_FACTOR: u32 = 8;
/// ...and never beyond this (unless the interval itself is longer).
const BACKOFF_CAP: Duration = Duration::from_secs(30);

/// `requested` raised to [`MIN_INTERVAL`], and the note for stderr when it was raised.
pub fn floored(requested: Duration) -> (Duration, Option<String>) {
    if requested >= MIN_INTERVAL {
        return (requested, None);
    }
    let note = format!(
        "--interval {} is below the {} floor: polling every {}",
        short(requested),
        short(MIN_INTERVAL),
        short(MIN_INTERVAL)
    );
    (MIN_INTERVAL, Some(note))
}

/// `500ms`, `2s`, `1.5s`: how an interval reads in a note.
fn short(d: Duration) -> String {
    match d.as_millis() {
        ms if ms < 1000 => format!("{ms}ms"),
        ms if ms % 1000 == 0 => format!("{}s", ms / 1000),
        _ => format!("{:.1}s", d.as_secs_f64()),
    }
}

/// `list --watch`'s wait between polls: the interval after a poll that changed something,
/// doubled after each poll that changed nothing (or failed), up to 8 times the interval
/// or 30 s, whichever is shorter (never below the interval itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    interval: Duration,
    cap: Duration,
    next: Duration,
}

impl Backoff {
    /// Starts at `interval` (already floored by the caller).
    pub fn new(interval: Duration) -> Backoff {
        let cap = (interval * BACKOFF_FACTOR).min(BACKOFF_CAP).max(interval);
        Backoff {
            interval,
            cap,
            next: interval,
        }
    }

    /// How long to wait before the next poll.
    pub fn wait(&self) -> Duration {
        self.next
    }

    /// Records a poll's outcome: back to the interval on a change, else twice the wait.
    pub fn polled(&mut self, changed: bool) {
        self.next = match changed {
            true => self.interval,
            false => (self.next * 2).min(self.cap),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn intervals_under_the_floor_are_raised_with_a_note() {
        assert_eq!(
            floored(ms(0)),
            (
                MIN_INTERVAL,
                Some("--interval 0ms is below the 200ms floor: polling every 200ms".into())
            )
        );
        assert_eq!(floored(ms(50)).0, MIN_INTERVAL);
        assert_eq!(floored(ms(200)), (ms(200), None));
        assert_eq!(floored(ms(2500)), (ms(2500), None));
        assert_eq!(short(ms(2500)), "2.5s");
        assert_eq!(short(ms(3000)), "3s");
    }

    #[test]
    fn backoff_doubles_while_nothing_changes_and_resets_on_a_change() {
        let mut b = Backoff::new(ms(200));
        let mut waits = Vec::new();
        for _ in 0..6 {
            waits.push(b.wait().as_millis());
            b.polled(false);
        }
        assert_eq!(waits, [200, 400, 800, 1600, 1600, 1600]);
        b.polled(true);
        assert_eq!(b.wait(), ms(200));
        b.polled(false);
        assert_eq!(b.wait(), ms(400));
    }

    #[test]
    fn backoff_is_capped_at_30_seconds_but_never_below_the_interval() {
        let mut b = Backoff::new(Duration::from_secs(10));
        for _ in 0..10 {
            b.polled(false);
        }
        assert_eq!(b.wait(), Duration::from_secs(30));
        let mut slow = Backoff::new(Duration::from_secs(60));
        slow.polled(false);
        assert_eq!(slow.wait(), Duration::from_secs(60));
    }
}
