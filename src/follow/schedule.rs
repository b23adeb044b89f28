//! How `watch` decides when to poll. Without history: the first look, four polls that
//! thicken towards two seconds, then a steady pace under gh's 3 s, then a fortieth of the
//! time waited, capped; or fixed. The polls are deadlines on a grid from the first request
//! ([`Grid`]), so slow answers do not push the later polls back. With an estimate from
//! earlier runs ([`PollPlan`]): an early look, sparse polls far from the expected end, a dense
//! grid around it, and the no-history schedule once the job overruns. Pure, so the
//! schedules are measured without clocks.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::backoff::MIN_INTERVAL;
use crate::model::Estimate;

/// The polls of the first phase, from the first request: sparse at first, 0.3 s apart
/// from 1.45 s, so that a job of up to two seconds (a small import, a swap: common) is
/// seen within 0.3 s of its end from 1.6 s on, and the phase costs five requests. None
/// sits on a whole second, where a job of that length would end a moment later.
pub const EARLY_POLLS: [Duration; 5] = [
    Duration::from_millis(500),
    Duration::from_millis(1050),
    Duration::from_millis(1450),
    Duration::from_millis(1750),
    Duration::from_millis(2050),
];
/// The wait after the first phase: enough under gh's fixed 3 s that lateness measured end
/// to end (answer times, timer slop) stays below it, yet far enough apart that a
/// 10-second job costs 9 requests (kbagent's costs 11, the Go SDK's 10).
pub const STEADY_GAP: Duration = Duration::from_millis(2750);
/// From about two minutes on, the wait grows with the time waited: this share of it
/// (a ten-minute job then costs about 120 requests and is seen within 15 s).
const GROWTH_DIVISOR: u32 = 40;
/// How much shorter a watch's jitter may make its steady waits (so that watchers started
/// together drift apart rather than poll in step). Small, so that the 10-second job's
/// third steady poll stays after its end.
const JITTER: f64 = 0.02;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    Adaptive { max: Duration },
    Fixed(Duration),
}

impl Schedule {
    /// The wait from a poll at `waited` (since the first request) to the next one.
    /// `jitter` in `[0, 1)` shortens a steady wait by up to 2 % (the first phase is too
    /// short to need it).
    pub fn next(&self, waited: Duration, jitter: f64) -> Duration {
        match *self {
            Schedule::Fixed(d) => d.max(MIN_INTERVAL),
            Schedule::Adaptive { max } => {
                let max = max.max(MIN_INTERVAL);
                if let Some(at) = EARLY_POLLS.iter().find(|&&at| at > waited) {
                    return (*at - waited).max(MIN_INTERVAL).min(max);
                }
                let base = (waited / GROWTH_DIVISOR).max(STEADY_GAP).min(max);
                base.mul_f64(1.0 - JITTER * jitter.clamp(0.0, 1.0))
                    .max(MIN_INTERVAL)
            }
        }
    }
}

/// The no-history polls as deadlines from the first request: each grid point is the last
/// one plus [`Schedule::next`] of it, whatever the answers took. A poll spends every grid
/// point up to the moment it was sent, so an answer slower than a gap costs one poll at
/// once, never a burst of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    schedule: Schedule,
    /// Drawn once per watch: one watch's steady waits are all alike.
    jitter: f64,
    /// The next grid point, since the first request.
    next: Duration,
}

impl Grid {
    /// The grid of `schedule` after the first look (sent at 0).
    pub fn new(schedule: Schedule, jitter: f64) -> Grid {
        Grid {
            schedule,
            jitter,
            next: schedule.next(Duration::ZERO, jitter),
        }
    }

    /// The next grid point, since the first request.
    pub fn due(&self) -> Duration {
        self.next
    }

    /// A poll was sent `at` (since the first request): the grid points up to it are spent.
    pub fn polled(&mut self, at: Duration) {
        while self.next <= at {
            self.next += self.schedule.next(self.next, self.jitter);
        }
    }
}

/// The early look of a plan: a job that fails in its first seconds is seen then, not
/// at its expected end.
pub const EARLY_LOOK: Duration = Duration::from_secs(1);
/// The grid around the expected end is this many times denser than the no-history
/// schedule there: under half its lateness, at about half its requests.
const DENSER: f64 = 2.5;
/// Far from the expected end, polls are at most this many `--max-interval`s apart.
const SPARSE_FACTOR: u32 = 2;
/// No plan when the runs spread more than this around their median (as a share of it):
/// a dense window that wide would cost more than it saves.
pub const MAX_SPREAD: f64 = 0.5;
/// Waits shorter than this to a grid point are skipped for the next one.
const EPSILON: f64 = 0.05;

/// When to poll a job whose length earlier runs predict, in seconds of the job's age
/// (since its `createdTime`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPlan {
    /// The expected end: the median of the runs.
    end: f64,
    /// The dense window: from a fifth before the end (or the shortest run less a tenth),
    /// to a fifth after it (or the longest run and a tenth).
    from: f64,
    until: f64,
    /// The grid's step in the window; the grid holds `end` itself.
    step: f64,
    /// The longest wait before the window.
    sparse: f64,
    /// What polls after the window, and the no-history gap the step derives from.
    fallback: Schedule,
}

impl PollPlan {
    /// The plan for a job like `estimate`'s runs, polled otherwise by `fallback` (the
    /// adaptive schedule and its `--max-interval`). `None` when the runs spread too wide.
    pub fn new(estimate: &Estimate, fallback: Schedule) -> Option<PollPlan> {
        let Schedule::Adaptive { max } = fallback else {
            return None;
        };
        if estimate.spread() > MAX_SPREAD {
            return None;
        }
        let end = estimate.median.as_secs_f64();
        let from = (0.8 * end).min(0.9 * estimate.low.as_secs_f64());
        let until = (1.2 * end).max(1.1 * estimate.high.as_secs_f64());
        let step = (fallback.next(estimate.median, 0.0).as_secs_f64() / DENSER)
            .max(MIN_INTERVAL.as_secs_f64());
        Some(PollPlan {
            end,
            from,
            until,
            step,
            sparse: (max * SPARSE_FACTOR).as_secs_f64(),
            fallback,
        })
    }

    /// The job's age at its next poll, after a poll at age `age` (seconds). `jitter` as
    /// for [`Schedule::next`], used only once the job overruns the window.
    pub fn next_after(&self, age: f64, jitter: f64) -> f64 {
        let first = self.end - ((self.end - self.from) / self.step).floor() * self.step;
        let early = EARLY_LOOK.as_secs_f64();
        if age + EPSILON < early && first > early {
            return early;
        }
        if age + EPSILON < first {
            return first.min(age + self.sparse);
        }
        if age < self.until {
            let k = ((age + EPSILON - self.end) / self.step).floor() + 1.0;
            return self.end + k * self.step;
        }
        let waited = Duration::from_secs_f64(age.max(0.0));
        age + self.fallback.next(waited, jitter).as_secs_f64()
    }

    /// The wait from now, at age `age`, to the next poll.
    pub fn wait(&self, age: f64, jitter: f64) -> Duration {
        Duration::from_secs_f64((self.next_after(age, jitter) - age).max(0.0))
    }
}

/// A watched job whose length earlier runs predict.
#[derive(Debug, Clone, Copy)]
pub struct Planned {
    /// When the job's age was 0 (its `createdTime`, on the local clock).
    pub born: Instant,
    /// How to poll it; `None` when the runs spread too wide to poll by (or `--interval`).
    pub plan: Option<PollPlan>,
}

/// The wait before the next poll of the `running` jobs: the soonest any of them wants,
/// by its plan (from its age) or else by the no-history `grid` (whose next point is due
/// at `waited` since the first request, or already was). A plan's waits never go below
/// the floor of every polling loop; the grid's points are already that far apart.
pub fn soonest(
    running: impl IntoIterator<Item = u64>,
    planned: &HashMap<u64, Planned>,
    grid: &Grid,
    waited: Duration,
    jitter: f64,
) -> Duration {
    let mut unplanned = false;
    let mut wait: Option<Duration> = None;
    for id in running {
        match planned.get(&id) {
            Some(Planned {
                born,
                plan: Some(plan),
            }) => {
                let w = plan
                    .wait(born.elapsed().as_secs_f64(), jitter)
                    .max(MIN_INTERVAL);
                wait = Some(wait.map_or(w, |v| v.min(w)));
            }
            _ => unplanned = true,
        }
    }
    let by_schedule = grid.due().saturating_sub(waited);
    match wait {
        Some(w) if !unplanned => w,
        Some(w) => w.min(by_schedule),
        None => by_schedule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn adaptive() -> Schedule {
        Schedule::Adaptive {
            max: Duration::from_secs(15),
        }
    }

    /// Poll times (seconds) up to and including the first at or after `total`.
    fn polls(mut next: impl FnMut(f64) -> f64, total: f64) -> Vec<f64> {
        let mut t = 0.0;
        let mut out = vec![t];
        while t < total {
            t = next(t);
            out.push(t);
        }
        out
    }

    /// The measure every schedule is held to, for a job of length `len` polled at
    /// `polls` (the first at 0): the requests up to and including the first poll at or
    /// after `len`, and the worst lateness of a job ending anywhere in [0.8 len, len]
    /// (the first poll at or after its end, less the end; a supremum, so an end just
    /// after a poll counts the whole gap).
    fn measure(polls: &[f64], len: f64) -> (usize, f64) {
        let last = polls.iter().position(|&p| p >= len - 1e-9).unwrap();
        let window = 0.8 * len;
        let late = polls[..=last]
            .windows(2)
            .filter(|w| w[1] >= window)
            .map(|w| w[1] - w[0].max(window))
            .fold(0.0, f64::max);
        (last + 1, late)
    }

    /// The polls of a grid (seconds from the first request) up to the first at or after
    /// `total`, each sent on time.
    fn grid_polls(schedule: Schedule, jitter: f64, total: f64) -> Vec<f64> {
        let mut grid = Grid::new(schedule, jitter);
        polls(
            |_| {
                let at = grid.due();
                grid.polled(at);
                at.as_secs_f64()
            },
            total,
        )
    }

    /// jobctl without history: requests with the shortest waits (full jitter), lateness
    /// with the longest (none).
    fn jobctl(len: f64) -> (usize, f64) {
        let (requests, _) = measure(&grid_polls(adaptive(), 0.999, len), len);
        let (_, late) = measure(&grid_polls(adaptive(), 0.0, len), len);
        (requests, late)
    }

    /// The wait before a peer's poll number `n + 1`.
    type Wait = Box<dyn Fn(usize) -> f64>;

    /// The peers' schedules as they are written: the waits between their polls.
    fn peers() -> Vec<(&'static str, Wait)> {
        vec![
            ("gh run watch", Box::new(|_| 3.0)),
            ("kbagent", Box::new(|_| 1.0)),
            (
                "Go SDK",
                Box::new(|n| (0.05 * 2f64.powi(n as i32)).min(3.0)),
            ),
            (
                "PHP client",
                Box::new(|n| 2f64.powi(n as i32 + 1).min(20.0)),
            ),
            (
                "kbcstorage",
                Box::new(|n| (4.0 * 2f64.powi(n as i32)).min(20.0)),
            ),
        ]
    }

    fn peer(wait: &dyn Fn(usize) -> f64, len: f64) -> (usize, f64) {
        let mut n = 0;
        let times = polls(
            |t| {
                n += 1;
                t + wait(n - 1)
            },
            len,
        );
        measure(&times, len)
    }

    const LENGTHS: [f64; 5] = [2.0, 10.0, 30.0, 60.0, 600.0];

    #[test]
    fn the_peers_schedules_are_measured_as_the_issue_states() {
        let peers = peers();
        let at = |name: &str, len| {
            let (_, wait) = peers.iter().find(|(n, _)| *n == name).unwrap();
            peer(wait.as_ref(), len)
        };
        assert_eq!(at("kbagent", 10.0), (11, 1.0));
        assert_eq!(at("gh run watch", 30.0), (11, 3.0));
        let (n, late) = at("Go SDK", 10.0);
        assert_eq!(n, 10);
        assert!((late - 3.0).abs() < 1e-9, "{late}");
        // kbcstorage: 0, 4, 12, 28, 48, ...
        let mut k = 0;
        let times = polls(
            |t| {
                k += 1;
                t + (4.0 * 2f64.powi(k - 1)).min(20.0)
            },
            50.0,
        );
        assert_eq!(times, [0.0, 4.0, 12.0, 28.0, 48.0, 68.0]);
    }

    /// What measuring end to end on a loaded machine may add to the computed lateness
    /// (answer times, timer slop): the promises hold with this much on top.
    const SLOP: f64 = 0.1;

    #[test]
    fn no_peer_is_as_good_on_both_at_any_length_with_a_request_and_slop_to_spare() {
        for len in LENGTHS {
            let (requests, late) = jobctl(len);
            for (name, wait) in peers() {
                let (theirs, their_late) = peer(wait.as_ref(), len);
                assert!(
                    requests + 1 < theirs || late + SLOP < their_late,
                    "{len} s: jobctl {requests} requests, {late:.2} s late; \
                     {name} {theirs}, {their_late:.2} s"
                );
            }
        }
        assert_eq!(jobctl(10.0).0, 9);
    }

    #[test]
    fn a_slow_answer_costs_one_poll_at_once_never_a_burst() {
        let mut grid = Grid::new(adaptive(), 0.0);
        assert_eq!(grid.due(), EARLY_POLLS[0]);
        grid.polled(secs(0.51));
        assert_eq!(grid.due(), EARLY_POLLS[1]);
        // The answer to the poll at 1.05 s came at 3.0 s: the points at 1.45 to 2.05 s
        // are late; one poll goes at once, and the next is on the grid again.
        grid.polled(secs(1.05));
        assert_eq!(grid.due(), EARLY_POLLS[2]);
        grid.polled(secs(3.0));
        assert_eq!(grid.due(), EARLY_POLLS[4] + STEADY_GAP);
        // Polls for planned jobs between grid points spend nothing.
        let due = grid.due();
        grid.polled(due - secs(0.5));
        assert_eq!(grid.due(), due);
    }

    #[test]
    fn a_ten_minute_job_costs_at_most_150_requests_and_is_seen_within_20_s() {
        let (requests, late) = jobctl(600.0);
        assert!(requests <= 150, "{requests}");
        assert!(late < 20.0, "{late}");
        // A two-second job is seen within 0.4 s (kbagent's 1 s poll: 0.4 s at 3 requests).
        assert!(jobctl(2.0).1 < 0.4, "{:?}", jobctl(2.0));
    }

    #[test]
    fn fixed_interval_has_a_floor_and_max_interval_caps_the_adaptive_wait() {
        assert_eq!(
            Schedule::Fixed(Duration::from_millis(10)).next(Duration::ZERO, 0.5),
            MIN_INTERVAL
        );
        assert_eq!(Schedule::Fixed(secs(3.0)).next(secs(100.0), 0.5), secs(3.0));
        let capped = Schedule::Adaptive { max: secs(1.0) };
        assert_eq!(capped.next(secs(100.0), 0.0), secs(1.0));
        assert_eq!(adaptive().next(secs(0.0), 0.9), EARLY_POLLS[0]);
        assert_eq!(adaptive().next(secs(1.5), 0.9), secs(0.25));
        assert_eq!(adaptive().next(secs(5.0), 0.0), STEADY_GAP);
        assert_eq!(adaptive().next(secs(6000.0), 0.0), secs(15.0));
        assert!(adaptive().next(secs(5.0), 0.99) >= STEADY_GAP.mul_f64(0.98));
    }

    /// Five runs spread evenly within +-10 % of `len`.
    fn runs(len: f64) -> Estimate {
        let durations: Vec<Duration> = [1.0, 0.9, 1.1, 0.95, 1.05]
            .iter()
            .map(|f| secs(len * f))
            .collect();
        Estimate::from_runs(&durations).unwrap()
    }

    /// jobctl with a plan: the job polls, plus the one list request of the history.
    fn planned(plan: &PollPlan, len: f64) -> (usize, f64) {
        let (requests, _) = measure(&polls(|t| plan.next_after(t, 0.999), len), len);
        let (_, late) = measure(&polls(|t| plan.next_after(t, 0.0), len), len);
        (requests + 1, late)
    }

    #[test]
    fn with_five_similar_runs_half_the_lateness_and_about_half_the_requests() {
        // Half the requests of the lean no-history grid, and the one list request: at
        // most one more than half.
        for len in [10.0, 30.0, 60.0, 600.0] {
            let plan = PollPlan::new(&runs(len), adaptive()).unwrap();
            let (requests, late) = planned(&plan, len);
            let (theirs, their_late) = jobctl(len);
            assert!(
                2 * requests <= theirs + 2 && 2.0 * late <= their_late,
                "{len} s: with history {requests} requests, {late:.2} s late; \
                 without {theirs}, {their_late:.2} s"
            );
        }
    }

    #[test]
    fn a_plan_looks_early_and_falls_back_when_the_job_overruns() {
        let plan = PollPlan::new(&runs(60.0), adaptive()).unwrap();
        let times = polls(|t| plan.next_after(t, 0.0), 200.0);
        assert_eq!(times[1], EARLY_LOOK.as_secs_f64());
        // Sparse before the window: at most twice --max-interval apart.
        assert!(
            times.windows(2).all(|w| w[1] - w[0] <= 30.0 + 1e-9),
            "{times:?}"
        );
        // Past the window, the no-history schedule: steady waits, then growing ones.
        let late: Vec<f64> = times
            .windows(2)
            .filter(|w| w[0] > 80.0 && w[0] < 110.0)
            .map(|w| w[1] - w[0])
            .collect();
        assert!(late.iter().all(|&g| (g - 2.75).abs() < 1e-6), "{late:?}");
        // The expected end is itself polled.
        assert!(times.iter().any(|&t| (t - 60.0).abs() < 1e-9), "{times:?}");
    }

    #[test]
    fn no_plan_for_runs_that_spread_wide_or_a_fixed_interval() {
        let wide = Estimate::from_runs(&[secs(10.0), secs(40.0), secs(20.0), secs(5.0)]).unwrap();
        assert_eq!(PollPlan::new(&wide, adaptive()), None);
        assert_eq!(PollPlan::new(&runs(30.0), Schedule::Fixed(secs(2.0))), None);
    }

    #[test]
    fn the_soonest_wait_of_planned_and_unplanned_jobs() {
        let plan = PollPlan::new(&runs(60.0), adaptive()).unwrap();
        let now = Instant::now();
        let planned = HashMap::from([(
            1,
            Planned {
                born: now,
                plan: Some(plan),
            },
        )]);
        // Alone, the planned job waits for its early look (1 s from age 0).
        let mut grid = Grid::new(adaptive(), 0.0);
        let alone = soonest([1], &planned, &grid, Duration::ZERO, 0.0);
        assert!(alone > secs(0.9) && alone <= EARLY_LOOK, "{alone:?}");
        // With an unplanned job, the grid's first point comes first.
        assert_eq!(
            soonest([1, 2], &planned, &grid, Duration::ZERO, 0.0),
            EARLY_POLLS[0]
        );
        // The grid's wait counts from the first request, not from the last answer.
        grid.polled(secs(2.1));
        assert_eq!(
            soonest([2], &planned, &grid, secs(2.5), 0.0),
            Duration::from_millis(2300)
        );
        assert_eq!(
            soonest([2], &planned, &grid, secs(9.0), 0.0),
            Duration::ZERO
        );
    }
}
