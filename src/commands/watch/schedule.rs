//! How long `watch` waits between polls: adaptive (fast at first, then a sixth of the
//! time already waited, capped) or fixed. Pure, so the schedule is tested without clocks.

use std::time::Duration;

use crate::commands::poll::MIN_INTERVAL;

/// The shortest wait of the adaptive schedule (its first polls).
pub const FIRST_INTERVAL: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, Copy)]
pub enum Schedule {
    Adaptive { max: Duration },
    Fixed(Duration),
}

impl Schedule {
    /// The wait before the next poll after `waited` so far. `jitter` in `[0, 1)` shortens
    /// an adaptive wait by up to 5%, so that many watchers do not poll in step (more would
    /// cost a ten-minute job its 150-request budget at the 5 s cap).
    pub fn next(&self, waited: Duration, jitter: f64) -> Duration {
        match *self {
            Schedule::Fixed(d) => d.max(MIN_INTERVAL),
            Schedule::Adaptive { max } => {
                let base = (waited / 6)
                    .max(FIRST_INTERVAL)
                    .min(max.max(FIRST_INTERVAL));
                base.mul_f64(1.0 - 0.05 * jitter.clamp(0.0, 1.0))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Poll times of a watch that lasts `total`, with the worst-case (shortest) jitter.
    fn polls(s: Schedule, total: Duration, jitter: f64) -> Vec<Duration> {
        let mut t = Duration::ZERO;
        let mut out = vec![t];
        while t < total {
            t += s.next(t, jitter);
            out.push(t);
        }
        out
    }

    #[test]
    fn adaptive_starts_fast_and_stays_under_a_sixth_of_the_wait() {
        let s = Schedule::Adaptive {
            max: Duration::from_secs(5),
        };
        assert_eq!(s.next(Duration::ZERO, 0.0), FIRST_INTERVAL);
        for secs in [1, 2, 4, 8, 16] {
            let waited = Duration::from_secs(secs);
            assert!(s.next(waited, 0.0) <= (waited / 6).max(FIRST_INTERVAL));
        }
        assert_eq!(
            s.next(Duration::from_secs(600), 0.0),
            Duration::from_secs(5)
        );
        assert!(s.next(Duration::from_secs(600), 0.99) >= Duration::from_millis(4750));
    }

    #[test]
    fn jobs_of_up_to_three_seconds_are_seen_within_half_a_second() {
        let s = Schedule::Adaptive {
            max: Duration::from_secs(5),
        };
        let times = polls(s, Duration::from_secs(4), 0.0);
        for tenths in 1..=30 {
            let done = Duration::from_millis(tenths * 100);
            let seen = times.iter().find(|&&t| t >= done).copied().unwrap();
            assert!(
                seen - done <= Duration::from_millis(500),
                "{done:?}: {seen:?}"
            );
        }
    }

    #[test]
    fn a_ten_minute_job_costs_at_most_150_polls() {
        let s = Schedule::Adaptive {
            max: Duration::from_secs(5),
        };
        // The shortest waits (full jitter) give the most polls.
        let n = polls(s, Duration::from_secs(600), 0.999).len();
        assert!(n <= 150, "{n}");
    }

    #[test]
    fn fixed_interval_has_a_floor() {
        assert_eq!(
            Schedule::Fixed(Duration::from_millis(10)).next(Duration::ZERO, 0.5),
            MIN_INTERVAL
        );
        assert_eq!(
            Schedule::Fixed(Duration::from_secs(3)).next(Duration::from_secs(100), 0.5),
            Duration::from_secs(3)
        );
    }
}
