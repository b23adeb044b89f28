//! Figures over a job history: one `Sample` per job (storage or queue), tallied per group
//! of keys with exact percentiles (nearest rank over the sorted values, no sketch), and
//! optionally per day or hour. Pure: no I/O and no presentation.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::brief::{QueueBrief, StorageBrief};
use super::job::Job;
use super::job_ref::JobKind;
use super::queue::{QueueJob, QueueStatus};
use crate::render::Zone;

/// What the history figures read of one job. Storage jobs fill `name` with the operation
/// and `target` with the table; queue jobs with the component and the configuration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sample {
    pub id: u64,
    /// Which API the job is of (`None` only in tests that do not care).
    pub kind: Option<JobKind>,
    pub name: String,
    pub target: Option<String>,
    pub creator: Option<String>,
    pub status: String,
    /// A queue job's type (`standard`, `orchestrationContainer`, ...).
    pub job_type: Option<String>,
    pub finished: bool,
    pub failed: bool,
    pub created: Option<jiff::Timestamp>,
    pub started: Option<jiff::Timestamp>,
    pub ended: Option<jiff::Timestamp>,
    pub in_bytes: u64,
    pub out_bytes: u64,
    pub error_code: Option<String>,
}

impl Sample {
    pub fn from_job(job: &Job) -> Sample {
        Sample {
            id: job.id,
            kind: Some(JobKind::Storage),
            name: job.operation_name.clone(),
            target: job.table_id.clone(),
            creator: job.creator().map(str::to_owned),
            status: job.status.as_str().to_owned(),
            job_type: None,
            finished: job.is_finished(),
            failed: job.status == super::Status::Error,
            created: job.created_time.map(|t| t.to_utc()),
            started: job.start_time.map(|t| t.to_utc()),
            ended: job.end_time.map(|t| t.to_utc()),
            in_bytes: job.metrics.map_or(0, |m| m.in_bytes),
            out_bytes: job.metrics.map_or(0, |m| m.out_bytes),
            error_code: job.error.as_ref().and_then(|e| e.code.clone()),
        }
    }

    pub fn from_queue(job: &QueueJob) -> Sample {
        let metrics = job.metrics.as_ref();
        Sample {
            id: job.id,
            kind: Some(JobKind::Queue),
            name: job.component.clone().unwrap_or_default(),
            target: job.config.clone(),
            creator: job.token.as_ref().and_then(|t| t.description.clone()),
            status: job.status.as_str().to_owned(),
            job_type: job.job_type.clone(),
            finished: job.is_finished(),
            failed: job.status.is_failure(),
            created: job.created_time.map(|t| t.to_utc()),
            started: job.start_time.map(|t| t.to_utc()),
            ended: job.end_time.map(|t| t.to_utc()),
            in_bytes: metrics.and_then(|m| m.input_bytes).unwrap_or(0),
            out_bytes: metrics.and_then(|m| m.output_bytes).unwrap_or(0),
            error_code: job
                .result
                .as_ref()
                .filter(|_| job.status.is_failure())
                .and_then(|r| r.error_type.clone()),
        }
    }

    /// A storage job read from its JSON text through its brief decoding (several times
    /// cheaper than a whole `Job`). `None` when the text is odd in any way; the caller then
    /// decodes a whole `Job`.
    pub fn from_job_json(text: &str) -> Option<Sample> {
        let b = StorageBrief::parse(text)?;
        let d = b.details()?;
        Some(Sample {
            id: b.id,
            kind: Some(JobKind::Storage),
            created: b.created(),
            started: b.started(),
            ended: b.ended(),
            finished: matches!(&*b.status, "success" | "error"),
            failed: b.status == "error",
            name: b.operation_name().map(Cow::into_owned).unwrap_or_default(),
            target: b.table_id().map(Cow::into_owned),
            status: b.status.into_owned(),
            creator: d.creator.map(Cow::into_owned),
            job_type: None,
            in_bytes: d.in_bytes,
            out_bytes: d.out_bytes,
            error_code: d.error_code,
        })
    }

    /// A queue job read from its JSON text through its brief decoding; `None` when odd
    /// (the caller then decodes a whole `QueueJob`).
    pub fn from_queue_json(text: &str) -> Option<Sample> {
        let b = QueueBrief::parse(text)?;
        let d = b.details()?;
        let status = QueueStatus::parse(&b.status);
        let finished = match &status {
            QueueStatus::Other(_) => b.is_finished.unwrap_or(false),
            s => s.is_finished(),
        };
        let failed = status.is_failure();
        Some(Sample {
            id: b.id,
            kind: Some(JobKind::Queue),
            created: b.created(),
            started: b.started(),
            ended: b.ended(),
            finished,
            failed,
            status: b.status.into_owned(),
            name: b.component.map(Cow::into_owned).unwrap_or_default(),
            target: b.config.map(Cow::into_owned),
            creator: d.creator.map(Cow::into_owned),
            job_type: b.job_type.map(Cow::into_owned),
            in_bytes: d.in_bytes,
            out_bytes: d.out_bytes,
            error_code: d.error_type.filter(|_| failed).map(Cow::into_owned),
        })
    }

    /// Start to end of a finished job, in seconds.
    pub fn duration(&self) -> Option<f64> {
        match (self.finished, self.started, self.ended) {
            (true, Some(s), Some(e)) => Some(seconds(e.duration_since(s))),
            _ => None,
        }
    }

    /// Created to started (the queue wait), in seconds.
    pub fn wait(&self) -> Option<f64> {
        Some(seconds(self.started?.duration_since(self.created?)))
    }

    /// The value of one group key; `-` when the job has none.
    pub fn key(&self, key: GroupKey, tz: &Zone) -> String {
        let dash = || "-".to_owned();
        match key {
            GroupKey::Name => self.name.clone(),
            GroupKey::Target => self.target.clone().unwrap_or_else(dash),
            GroupKey::Bucket => self
                .target
                .as_deref()
                .and_then(|t| {
                    let mut parts = t.splitn(3, '.');
                    let (a, b) = (parts.next()?, parts.next()?);
                    Some(format!("{a}.{b}"))
                })
                .unwrap_or_else(dash),
            GroupKey::Creator => self.creator.clone().unwrap_or_else(dash),
            GroupKey::Status => self.status.clone(),
            GroupKey::Type => self.job_type.clone().unwrap_or_else(dash),
            GroupKey::Kind => self.kind.map_or_else(dash, |k| k.name().to_owned()),
            GroupKey::Hour | GroupKey::Day => match self.created {
                Some(c) => period(c, key, tz),
                None => dash(),
            },
        }
    }
}

fn seconds(d: jiff::SignedDuration) -> f64 {
    d.as_millis().max(0) as f64 / 1000.0
}

/// The day (`2026-11-28`) or hour (`2026-11-28 10:00`) of `t` in `tz`.
pub fn period(t: jiff::Timestamp, key: GroupKey, tz: &Zone) -> String {
    let local = tz.civil(t);
    match key {
        GroupKey::Hour => local.strftime("%Y-%m-%d %H:00").to_string(),
        _ => local.strftime("%Y-%m-%d").to_string(),
    }
}

/// What jobs can be grouped by. `Name` is a storage job's operation or a queue job's
/// component; `Target` its table or configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKey {
    Name,
    Target,
    Bucket,
    Creator,
    Status,
    Type,
    /// Storage or queue.
    Kind,
    Hour,
    Day,
}

/// The `p`-th percentile (0 < p <= 100) of ascending `sorted` values by nearest rank: the
/// smallest value that at least `p` % of the values do not exceed. Exact, and always
/// one of the values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    // p·n is exact for whole p; dividing last keeps a whole rank whole (p / 100 first
    // would make 0.29 · 100 = 28.999…).
    let rank = (p * sorted.len() as f64 / 100.0).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// The figures of one group (or of all jobs, or of one period of a group).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub jobs: u64,
    pub errors: u64,
    /// Errors over jobs (0 for no jobs).
    pub error_rate: f64,
    /// Seconds, over finished jobs: p50, p90, p99, max.
    pub duration: [Option<f64>; 4],
    /// Seconds created to started, over started jobs: p50, p90.
    pub wait: [Option<f64>; 2],
    pub in_bytes: u64,
    pub out_bytes: u64,
    /// The most frequent error codes with their counts, most frequent first (at most 3).
    pub top_errors: Vec<(String, u64)>,
}

/// Error codes kept per group in `Figures::top_errors`.
const TOP_ERRORS: usize = 3;

/// The running tally of one group.
#[derive(Debug, Clone, Default)]
struct GroupTotals {
    jobs: u64,
    errors: u64,
    durations: Vec<f64>,
    waits: Vec<f64>,
    in_bytes: u64,
    out_bytes: u64,
    codes: HashMap<String, u64>,
}

impl GroupTotals {
    fn add(&mut self, s: &Sample) {
        self.jobs += 1;
        if s.failed {
            self.errors += 1;
            if let Some(code) = &s.error_code {
                *self.codes.entry(code.clone()).or_default() += 1;
            }
        }
        self.durations.extend(s.duration());
        self.waits.extend(s.wait());
        // The server's counts are untrusted: a total beyond u64 (16 EiB) stays at the top.
        self.in_bytes = self.in_bytes.saturating_add(s.in_bytes);
        self.out_bytes = self.out_bytes.saturating_add(s.out_bytes);
    }

    fn figures(mut self) -> Figures {
        self.durations.sort_unstable_by(f64::total_cmp);
        self.waits.sort_unstable_by(f64::total_cmp);
        let d = |p| percentile(&self.durations, p);
        let w = |p| percentile(&self.waits, p);
        let mut top: Vec<(String, u64)> = self.codes.into_iter().collect();
        top.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top.truncate(TOP_ERRORS);
        Figures {
            jobs: self.jobs,
            errors: self.errors,
            error_rate: match self.jobs {
                0 => 0.0,
                n => self.errors as f64 / n as f64,
            },
            duration: [d(50.0), d(90.0), d(99.0), self.durations.last().copied()],
            wait: [w(50.0), w(90.0)],
            in_bytes: self.in_bytes,
            out_bytes: self.out_bytes,
            top_errors: top,
        }
    }
}

/// One group's figures, and with a trend its figures per period (aligned with
/// [`Report::periods`]; a period without jobs has `jobs == 0`).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub keys: Vec<String>,
    pub figures: Figures,
    pub trend: Vec<Figures>,
}

/// The figures of a history.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub keys: Vec<GroupKey>,
    /// Ordered by jobs (most first), then by keys.
    pub groups: Vec<Group>,
    pub total: Figures,
    /// With a trend: every period from the first job's to the last's, in order.
    pub periods: Vec<String>,
}

/// Tallies samples as they come, per group of `keys` values (and per period with a
/// trend), holding only each group's durations and waits.
pub struct Stats {
    keys: Vec<GroupKey>,
    trend: Option<GroupKey>,
    tz: Zone,
    groups: HashMap<Vec<String>, (GroupTotals, BTreeMap<String, GroupTotals>)>,
    total: GroupTotals,
    first: Option<jiff::Timestamp>,
    last: Option<jiff::Timestamp>,
}

impl Stats {
    /// `trend` is `GroupKey::Day` or `GroupKey::Hour` (anything else means day); hours and days
    /// are those of `tz`.
    pub fn new(keys: Vec<GroupKey>, trend: Option<GroupKey>, tz: Zone) -> Stats {
        Stats {
            keys,
            trend: trend.map(|t| {
                if t == GroupKey::Hour {
                    GroupKey::Hour
                } else {
                    GroupKey::Day
                }
            }),
            tz,
            groups: HashMap::new(),
            total: GroupTotals::default(),
            first: None,
            last: None,
        }
    }

    pub fn add(&mut self, s: &Sample) {
        let keys: Vec<String> = self.keys.iter().map(|k| s.key(*k, &self.tz)).collect();
        let (tally, periods) = self.groups.entry(keys).or_default();
        tally.add(s);
        self.total.add(s);
        if let (Some(trend), Some(created)) = (self.trend, s.created) {
            periods
                .entry(period(created, trend, &self.tz))
                .or_default()
                .add(s);
            self.first = Some(self.first.map_or(created, |f| f.min(created)));
            self.last = Some(self.last.map_or(created, |l| l.max(created)));
        }
    }

    pub fn report(self) -> Report {
        let periods = match (self.trend, self.first, self.last) {
            (Some(trend), Some(first), Some(last)) => {
                let observed: BTreeSet<String> = self
                    .groups
                    .values()
                    .flat_map(|(_, by_period)| by_period.keys().cloned())
                    .collect();
                periods(first, last, trend, &self.tz, &observed)
            }
            _ => Vec::new(),
        };
        let mut groups: Vec<Group> = self
            .groups
            .into_iter()
            .map(|(keys, (tally, mut by_period))| Group {
                keys,
                figures: tally.figures(),
                trend: periods
                    .iter()
                    .map(|p| by_period.remove(p).unwrap_or_default().figures())
                    .collect(),
            })
            .collect();
        groups.sort_by(|a, b| {
            b.figures
                .jobs
                .cmp(&a.figures.jobs)
                .then_with(|| a.keys.cmp(&b.keys))
        });
        Report {
            keys: self.keys,
            groups,
            total: self.total.figures(),
            periods,
        }
    }
}

/// Periods a trend holds at most: a longer span keeps its last ones.
const MOST_PERIODS: usize = 5000;

/// Every day (or hour) from `first`'s to `last`'s, as [`period`] names them, in order; the
/// `observed` ones (periods that have jobs) always among them. At most [`MOST_PERIODS`]:
/// a longer span keeps its last ones.
///
/// The walk is over the zone's local calendar, one whole period a step, so it ends after
/// as many steps as the span has periods whatever the zone's history: a period the clock
/// jumped over entirely is left out, one it jumped into (a 45-minute shift leaves a
/// 15-minute hour) is kept. Names sort as the local calendar does (zero-padded, years of
/// four digits: see `time::in_range`), so an hour a clock turned back to repeats nothing.
fn periods(
    first: jiff::Timestamp,
    last: jiff::Timestamp,
    trend: GroupKey,
    tz: &Zone,
    observed: &BTreeSet<String>,
) -> Vec<String> {
    use jiff::civil::{DateTime, Time};
    let (step, probes) = match trend {
        GroupKey::Hour => (jiff::SignedDuration::from_hours(1), 4),
        _ => (jiff::SignedDuration::from_hours(24), 96),
    };
    let probe = jiff::SignedDuration::from_mins(15);
    let start_of = |t: jiff::Timestamp| -> Option<DateTime> {
        let local = tz.civil(t);
        let hour = match trend {
            GroupKey::Hour => local.hour(),
            _ => 0,
        };
        Some(local.date().to_datetime(Time::new(hour, 0, 0, 0).ok()?))
    };
    let name = |at: DateTime| match trend {
        GroupKey::Hour => at.strftime("%Y-%m-%d %H:00").to_string(),
        _ => at.strftime("%Y-%m-%d").to_string(),
    };
    let (Some(from), Some(to)) = (start_of(first), start_of(last)) else {
        return observed.iter().cloned().collect();
    };
    let window = step * (MOST_PERIODS as i32 - 1);
    let mut at = to.checked_sub(window).map_or(from, |w| from.max(w));
    let lowest = name(at);
    // Some quarter of an hour of the period exists on the zone's clock.
    let exists = |at: DateTime| {
        (0..probes).any(|i| {
            at.checked_add(probe * i)
                .is_ok_and(|t| tz.earliest(t).is_some())
        })
    };
    let mut out = BTreeSet::new();
    while at <= to {
        if exists(at) {
            out.insert(name(at));
        }
        match at.checked_add(step) {
            Ok(next) => at = next,
            Err(_) => break,
        }
    }
    out.extend(observed.iter().filter(|p| **p >= lowest).cloned());
    let skip = out.len().saturating_sub(MOST_PERIODS);
    out.into_iter().skip(skip).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;

    fn at(s: &str) -> Option<jiff::Timestamp> {
        Some(parse_timestamp(s).unwrap().to_utc())
    }

    /// A finished job created at `created`, waiting `wait` s and running `run` s.
    fn sample(name: &str, created: &str, wait: i64, run: i64, failed: bool) -> Sample {
        let c = at(created).unwrap();
        let s = c + jiff::SignedDuration::from_secs(wait);
        Sample {
            id: 1,
            name: name.into(),
            status: if failed { "error" } else { "success" }.into(),
            finished: true,
            failed,
            created: Some(c),
            started: Some(s),
            ended: Some(s + jiff::SignedDuration::from_secs(run)),
            error_code: failed.then(|| "csvImport.columnsNotMatch".into()),
            in_bytes: 10,
            ..Sample::default()
        }
    }

    /// The textbook nearest-rank definition, by counting rather than indexing.
    fn naive_percentile(values: &[f64], p: f64) -> f64 {
        let mut v = values.to_vec();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        *v.iter()
            .find(|x| {
                let at_most = v.iter().filter(|y| y <= x).count() as f64;
                at_most / v.len() as f64 * 100.0 >= p
            })
            .unwrap()
    }

    #[test]
    fn percentiles_are_exact_nearest_rank_values() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[7.0], 99.0), Some(7.0));
        let mut values: Vec<f64> = (0..1000).map(|i| ((i * 7919) % 1009) as f64).collect();
        let naive: Vec<f64> = [50.0, 90.0, 99.0, 100.0, 1.0]
            .iter()
            .map(|p| naive_percentile(&values, *p))
            .collect();
        values.sort_by(f64::total_cmp);
        for (p, want) in [50.0, 90.0, 99.0, 100.0, 1.0].iter().zip(naive) {
            assert_eq!(percentile(&values, *p), Some(want), "p{p}");
        }
        // 1..=10: p50 is 5, p90 is 9, p99 is 10.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&ten, 50.0), Some(5.0));
        assert_eq!(percentile(&ten, 90.0), Some(9.0));
        assert_eq!(percentile(&ten, 99.0), Some(10.0));
    }

    #[test]
    fn byte_totals_stop_at_the_largest_count_instead_of_wrapping() {
        let mut stats = Stats::new(vec![GroupKey::Name], Some(GroupKey::Day), Zone::utc());
        let huge = Sample {
            in_bytes: u64::MAX,
            out_bytes: u64::MAX - 1,
            ..sample("tableImport", "2026-11-28T10:00:00Z", 1, 1, false)
        };
        for _ in 0..3 {
            stats.add(&huge);
        }
        let report = stats.report();
        assert_eq!(report.total.in_bytes, u64::MAX);
        assert_eq!(report.total.out_bytes, u64::MAX);
        assert_eq!(report.groups[0].figures.in_bytes, u64::MAX);
        assert_eq!(report.groups[0].trend[0].out_bytes, u64::MAX);
    }

    #[test]
    fn groups_count_errors_percentiles_bytes_and_codes() {
        let mut stats = Stats::new(vec![GroupKey::Name], None, Zone::utc());
        let mut imports = Vec::new();
        for i in 0..20 {
            let run = (i * 37 % 23) + 1;
            imports.push(run as f64);
            stats.add(&sample(
                "tableImport",
                "2026-11-28T10:00:00Z",
                i,
                run,
                i % 5 == 0,
            ));
        }
        stats.add(&sample("tableExport", "2026-11-28T10:00:00Z", 1, 4, false));
        let mut running = sample("tableExport", "2026-11-28T11:00:00Z", 2, 0, false);
        running.finished = false;
        running.ended = None;
        stats.add(&running);
        let r = stats.report();
        assert_eq!(r.groups.len(), 2);
        let import = &r.groups[0];
        assert_eq!(import.keys, ["tableImport"]);
        let f = &import.figures;
        assert_eq!((f.jobs, f.errors, f.in_bytes), (20, 4, 200));
        assert_eq!(f.error_rate, 0.2);
        let want = |p| naive_percentile(&imports, p);
        assert_eq!(
            f.duration,
            [
                Some(want(50.0)),
                Some(want(90.0)),
                Some(want(99.0)),
                Some(23.0)
            ]
        );
        let waits: Vec<f64> = (0..20).map(f64::from).collect();
        assert_eq!(
            f.wait,
            [
                Some(naive_percentile(&waits, 50.0)),
                Some(naive_percentile(&waits, 90.0))
            ]
        );
        assert_eq!(f.top_errors, [("csvImport.columnsNotMatch".to_owned(), 4)]);
        // A running job counts and has a wait, but no duration.
        let export = &r.groups[1].figures;
        assert_eq!(export.jobs, 2);
        assert_eq!(
            export.duration,
            [Some(4.0), Some(4.0), Some(4.0), Some(4.0)]
        );
        assert_eq!(export.wait, [Some(1.0), Some(2.0)]);
        assert_eq!(r.total.jobs, 22);
        assert_eq!(r.total.errors, 4);
        assert!(r.periods.is_empty());
    }

    #[test]
    fn several_keys_and_a_daily_trend_with_empty_days() {
        let tz = Zone::new(jiff::tz::TimeZone::fixed(jiff::tz::offset(1)));
        let mut stats = Stats::new(
            vec![GroupKey::Name, GroupKey::Bucket],
            Some(GroupKey::Day),
            tz,
        );
        let mut a = sample("tableImport", "2026-11-26T23:30:00Z", 0, 5, false);
        a.target = Some("in.c-main.orders".into());
        let mut b = sample("tableImport", "2026-11-29T10:00:00Z", 0, 9, true);
        b.target = Some("in.c-main.customers".into());
        stats.add(&a);
        stats.add(&b);
        let r = stats.report();
        // 23:30 UTC is the next day at +01:00.
        assert_eq!(r.periods, ["2026-11-27", "2026-11-28", "2026-11-29"]);
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.groups[0].keys, ["tableImport", "in.c-main"]);
        let jobs: Vec<u64> = r.groups[0].trend.iter().map(|f| f.jobs).collect();
        assert_eq!(jobs, [1, 0, 1]);
        assert_eq!(r.groups[0].trend[2].duration[0], Some(9.0));
        assert_eq!(r.groups[0].trend[2].errors, 1);
    }

    #[test]
    fn hourly_periods_cover_the_span() {
        let p = periods(
            at("2026-11-28T22:10:00Z").unwrap(),
            at("2026-11-29T01:05:00Z").unwrap(),
            GroupKey::Hour,
            &Zone::utc(),
            &BTreeSet::new(),
        );
        assert_eq!(
            p,
            [
                "2026-11-28 22:00",
                "2026-11-28 23:00",
                "2026-11-29 00:00",
                "2026-11-29 01:00"
            ]
        );
    }

    #[test]
    fn a_trend_keeps_its_last_periods_up_to_the_cap() {
        let (first, last) = (at("1970-01-01T00:00:00Z"), at("9999-12-28T23:10:00Z"));
        for key in [GroupKey::Hour, GroupKey::Day] {
            let p = periods(
                first.unwrap(),
                last.unwrap(),
                key,
                &Zone::utc(),
                &BTreeSet::new(),
            );
            assert_eq!(p.len(), MOST_PERIODS);
            let end = period(last.unwrap(), key, &Zone::utc());
            assert_eq!(p.last(), Some(&end));
        }
        // A period with jobs is never left out, even where the walk would not find it.
        let observed = BTreeSet::from(["2026-11-28 22:00".to_owned()]);
        let p = periods(
            at("2026-11-28T22:10:00Z").unwrap(),
            at("2026-11-28T22:20:00Z").unwrap(),
            GroupKey::Hour,
            &Zone::utc(),
            &observed,
        );
        assert_eq!(p, ["2026-11-28 22:00"]);
    }

    #[test]
    fn brief_decoding_agrees_with_the_whole_job() {
        let text = r#"{"id":"42","status":"error","operationName":"tableImport",
            "tableId":"in.c-main.orders","createdTime":"2026-11-29T12:00:00+0100",
            "startTime":"2026-11-29T12:00:03+0100","endTime":"2026-11-29T12:01:00+0100",
            "creatorToken":{"id":"1","description":"ci"},"metrics":{"inBytes":5,"outBytes":7},
            "error":{"code":"csvImport.columnsNotMatch","message":"x"},"results":[]}"#;
        let job: Job = serde_json::from_str(text).unwrap();
        let brief = Sample::from_job_json(text).unwrap();
        assert_eq!(brief, Sample::from_job(&job));
        assert_eq!(brief.duration(), Some(57.0));
        assert_eq!(brief.wait(), Some(3.0));
        let numeric = r#"{"id":1,"status":"error","error":{"code":400}}"#;
        assert_eq!(
            Sample::from_job_json(numeric)
                .unwrap()
                .error_code
                .as_deref(),
            Some("400")
        );
        assert_eq!(Sample::from_job_json(r#"{"id":1,"status":7}"#), None);
        assert_eq!(
            Sample::from_job_json(r#"{"id":"x","status":"error"}"#),
            None
        );
    }
}
