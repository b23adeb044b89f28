//! What earlier runs of the same kind say about a job's length: the median of the last
//! runs and their range. Pure statistics over durations; which runs count is the caller's.

use std::time::Duration;

/// At most this many of the newest runs make an estimate.
pub const RUNS: usize = 10;
/// Fewer runs than this make none.
pub const MIN_RUNS: usize = 3;

/// The length of a job, from the runs before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// The median of the runs (of the two middle ones, their mean).
    pub median: Duration,
    /// The shortest and the longest of them.
    pub low: Duration,
    pub high: Duration,
    /// How many runs it is taken from.
    pub runs: usize,
}

impl Estimate {
    /// The estimate from `durations`, newest first: the newest [`RUNS`] of them, or
    /// `None` for fewer than [`MIN_RUNS`] (or a median of zero).
    pub fn from_runs(durations: &[Duration]) -> Option<Estimate> {
        let mut last: Vec<Duration> = durations.iter().take(RUNS).copied().collect();
        if last.len() < MIN_RUNS {
            return None;
        }
        last.sort();
        let n = last.len();
        let median = match n % 2 {
            1 => last[n / 2],
            _ => (last[n / 2 - 1] + last[n / 2]) / 2,
        };
        (!median.is_zero()).then(|| Estimate {
            median,
            low: last[0],
            high: last[n - 1],
            runs: n,
        })
    }

    /// Half the range as a share of the median: 0.1 for runs within +-10 %.
    pub fn spread(&self) -> f64 {
        (self.high - self.low).as_secs_f64() / 2.0 / self.median.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|&s| Duration::from_secs(s)).collect()
    }

    #[test]
    fn the_median_of_the_newest_ten_runs_and_their_range() {
        let e = Estimate::from_runs(&secs(&[30, 27, 33, 31, 29])).unwrap();
        assert_eq!(e.median, Duration::from_secs(30));
        assert_eq!((e.low, e.high, e.runs), (secs(&[27])[0], secs(&[33])[0], 5));
        assert!((e.spread() - 0.1).abs() < 1e-9);
        // Only the newest ten count: the old slow runs are left out.
        let mut many = secs(&[10; 10]);
        many.extend(secs(&[100; 5]));
        let e = Estimate::from_runs(&many).unwrap();
        assert_eq!(
            (e.median, e.high, e.runs),
            (secs(&[10])[0], secs(&[10])[0], 10)
        );
        let even = Estimate::from_runs(&secs(&[10, 20, 30, 40])).unwrap();
        assert_eq!(even.median, Duration::from_secs(25));
    }

    #[test]
    fn too_few_runs_or_instant_ones_make_no_estimate() {
        assert_eq!(Estimate::from_runs(&secs(&[10, 12])), None);
        assert_eq!(Estimate::from_runs(&secs(&[0, 0, 0])), None);
    }
}
