//! Time in the simulated stack: its clock (the wall clock, or one held still that only a test
//! moves), the `+0100` timestamp dialect, list-filter time parsing, and job lifecycles
//! (waiting → processing → terminal). No I/O.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

/// The simulated stack's own zone: UTC+01:00, printed as `+0100` like older real stacks.
const SIM_OFFSET_SECS: i32 = 3600;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_epoch_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// What "now" is for the simulated jobs: the wall clock (`--demo`, `serve`), or a reading
/// held still until a test moves it, so that a test decides when a job changes state and
/// no machine is too slow to see every state.
#[derive(Debug)]
pub(crate) struct SimClock {
    /// Epoch milliseconds while held; [`WALL`] while the clock follows the wall.
    held_ms: AtomicI64,
}

/// The held reading that means "not held".
const WALL: i64 = i64::MIN;

impl SimClock {
    pub(crate) fn wall() -> SimClock {
        SimClock {
            held_ms: AtomicI64::new(WALL),
        }
    }

    pub(crate) fn now_ms(&self) -> i64 {
        match self.held_ms.load(Ordering::SeqCst) {
            WALL => now_epoch_ms(),
            held => held,
        }
    }

    /// Holds the clock at its present reading (a held clock stays where it is).
    pub(crate) fn hold(&self) -> i64 {
        let now = now_epoch_ms();
        match self
            .held_ms
            .compare_exchange(WALL, now, Ordering::SeqCst, Ordering::SeqCst)
        {
            Ok(_) => now,
            Err(held) => held,
        }
    }

    /// Moves a held clock on by `by` (holding it first if it follows the wall).
    pub(crate) fn advance(&self, by: Duration) -> i64 {
        self.hold();
        let by = duration_ms(by);
        let before = self
            .held_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |t| {
                Some(t.saturating_add(by))
            })
            .unwrap_or(WALL);
        before.saturating_add(by)
    }
}

fn sim_zone() -> TimeZone {
    // 3600 is always in range; the fallback only keeps the signature infallible.
    TimeZone::fixed(Offset::from_seconds(SIM_OFFSET_SECS).unwrap_or(Offset::UTC))
}

/// Formats epoch seconds the way the real API does: `2026-11-28T14:02:11+0100`.
pub(crate) fn format_ts(epoch_secs: i64) -> String {
    match jiff::Timestamp::from_second(epoch_secs) {
        Ok(t) => t
            .to_zoned(sim_zone())
            .strftime("%Y-%m-%dT%H:%M:%S%z")
            .to_string(),
        Err(_) => String::from("1970-01-01T01:00:00+0100"),
    }
}

/// Parses a timestamp found in a job body (real dialect `+0100`, or RFC 3339) to epoch seconds.
pub(crate) fn parse_job_time(s: &str) -> Option<i64> {
    crate::model::read_timestamp(s).map(|t| t.to_utc().as_second())
}

/// Parses a list-filter time (`created_time_from` etc.), already percent-decoded, to epoch seconds.
///
/// Accepted: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD` (all three read as UTC),
/// RFC 3339 (`Z`, `+01:00`, fractions) and the API's own `+0100` form.
pub(crate) fn parse_filter_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(t) = parse_job_time(s) {
        return Some(t);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(t) = DateTime::strptime(fmt, s) {
            return utc_seconds(t);
        }
    }
    Date::strptime("%Y-%m-%d", s)
        .ok()
        .and_then(|d| utc_seconds(d.to_datetime(Time::midnight())))
}

fn utc_seconds(t: DateTime) -> Option<i64> {
    Offset::UTC.to_timestamp(t).ok().map(|t| t.as_second())
}

/// How long a job waits and then processes before it reaches its outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// Time spent `waiting` after the job's clock starts.
    pub waiting: Duration,
    /// Time spent `processing` after waiting.
    pub processing: Duration,
}

/// Where a job is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Waiting,
    Processing,
    Done,
}

impl Lifecycle {
    /// The phase after `elapsed_ms` milliseconds on the job's clock.
    pub(crate) fn phase(&self, elapsed_ms: i64) -> Phase {
        let waiting = duration_ms(self.waiting);
        let total = waiting.saturating_add(duration_ms(self.processing));
        if elapsed_ms < waiting {
            Phase::Waiting
        } else if elapsed_ms < total {
            Phase::Processing
        } else {
            Phase::Done
        }
    }

    /// Epoch milliseconds at which processing starts and the job ends, from its creation.
    pub(crate) fn marks_ms(&self, created_ms: i64) -> (i64, i64) {
        let start = created_ms.saturating_add(duration_ms(self.waiting));
        (start, start.saturating_add(duration_ms(self.processing)))
    }
}

fn duration_ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_use_the_offset_without_colon() {
        assert_eq!(format_ts(1_764_338_531), "2025-11-28T15:02:11+0100");
    }

    #[test]
    fn filter_times_accept_bare_dates_as_utc_and_offsets() {
        let utc = 1_764_338_531 - 1;
        assert_eq!(parse_filter_time("2025-11-28 14:02:10"), Some(utc));
        assert_eq!(parse_filter_time("2025-11-28T14:02:10"), Some(utc));
        assert_eq!(parse_filter_time("2025-11-28T15:02:10+01:00"), Some(utc));
        assert_eq!(parse_filter_time("2025-11-28T15:02:10+0100"), Some(utc));
        assert_eq!(parse_filter_time("2025-11-28T14:02:10Z"), Some(utc));
        assert_eq!(parse_filter_time("2025-11-28T14:02:10.5Z"), Some(utc));
        assert_eq!(
            parse_filter_time("2025-11-28"),
            Some(utc - (14 * 3600 + 2 * 60 + 10))
        );
        assert_eq!(parse_filter_time("yesterday"), None);
    }

    #[test]
    fn lifecycle_phases_follow_elapsed_time() {
        let t = Lifecycle {
            waiting: Duration::from_millis(100),
            processing: Duration::from_millis(200),
        };
        assert_eq!(t.phase(0), Phase::Waiting);
        assert_eq!(t.phase(99), Phase::Waiting);
        assert_eq!(t.phase(100), Phase::Processing);
        assert_eq!(t.phase(299), Phase::Processing);
        assert_eq!(t.phase(300), Phase::Done);
        assert_eq!(t.marks_ms(1000), (1100, 1300));
    }

    #[test]
    fn a_held_clock_moves_only_when_advanced() {
        let clock = SimClock::wall();
        let held = clock.hold();
        assert_eq!(clock.now_ms(), held);
        assert_eq!(clock.hold(), held, "holding again keeps the reading");
        assert_eq!(clock.advance(Duration::from_millis(250)), held + 250);
        assert_eq!(clock.now_ms(), held + 250);
    }
}
