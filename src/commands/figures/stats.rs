//! `jobctl stats` and `jobctl queue stats`: tallies the matching jobs as they arrive (only
//! durations are held), then prints the figures as a table, TSV, JSON or through `--jq`.

use std::cmp::Ordering;
use std::io::Write;

use anyhow::Result;

use super::Gathering;
use crate::cli::ListKind;
use crate::cli::figures::{QueueStatsArgs, QueueStatsBy, StatsArgs, StatsBy, StatsFormat};
use crate::cli::figures::{StatsShow, StatsSort, Trend};
use crate::context::Context;
use crate::exit::UsageError;
use crate::model::figures::{Figures, GroupKey, Report, Sample, Stats};
use crate::render::stats::{stats_json, stats_table, stats_tsv};
use crate::render::{Style, Zone};

/// From the API, the window unless `--since` is given.
const DEFAULT_SINCE: &str = "7d";

pub async fn stats(ctx: &Context, args: StatsArgs) -> Result<()> {
    let keys = keys(&args.by, args.filters.kind)?;
    let jq = ctx.jq(args.show.jq.as_deref())?;
    let gathering = Gathering::from_args(ctx, &args.filters, &args.source, DEFAULT_SINCE)?;
    let mut stats = tally(&keys, &args.show, &ctx.out.zone);
    let add = |s: Sample| stats.add(&s);
    gathering.samples(ctx, false, add).await?;
    print(ctx, stats.report(), &keys, &args.show, jq)
}

pub async fn queue_stats(ctx: &Context, args: QueueStatsArgs) -> Result<()> {
    let keys = dedup(args.by.iter().map(|b| match b {
        QueueStatsBy::Component => (GroupKey::Name, "component"),
        QueueStatsBy::Config => (GroupKey::Target, "config"),
        QueueStatsBy::Type => (GroupKey::Type, "type"),
        QueueStatsBy::Status => (GroupKey::Status, "status"),
        QueueStatsBy::Creator => (GroupKey::Creator, "creator"),
        QueueStatsBy::Hour => (GroupKey::Hour, "hour"),
        QueueStatsBy::Day => (GroupKey::Day, "day"),
    }));
    let jq = ctx.jq(args.show.jq.as_deref())?;
    let mut stats = tally(&keys, &args.show, &ctx.out.zone);
    let gathering = Gathering::from_queue_args(ctx, &args.filters, &args.source, DEFAULT_SINCE)?;
    let add = |s: Sample| stats.add(&s);
    gathering.samples(ctx, false, add).await?;
    print(ctx, stats.report(), &keys, &args.show, jq)
}

/// The group keys of `--by` for `--kind`: each kind's default when none is given, the
/// kind first with `all` (groups keyed by kind). A key of the other kind is a usage error.
fn keys(by: &[StatsBy], kind: ListKind) -> Result<Vec<(GroupKey, &'static str)>, UsageError> {
    let defaults: &[StatsBy] = match kind {
        ListKind::Storage => &[StatsBy::Operation],
        ListKind::Queue => &[StatsBy::Component, StatsBy::Config],
        ListKind::All => &[StatsBy::Operation],
    };
    let by = if by.is_empty() { defaults } else { by };
    let mut keys = Vec::new();
    if kind == ListKind::All {
        keys.push((GroupKey::Kind, "kind"));
    }
    for b in by {
        let (key, name, of) = match b {
            StatsBy::Operation => (GroupKey::Name, "operation", Some(ListKind::Storage)),
            StatsBy::Table => (GroupKey::Target, "table", Some(ListKind::Storage)),
            StatsBy::Bucket => (GroupKey::Bucket, "bucket", Some(ListKind::Storage)),
            StatsBy::Component => (GroupKey::Name, "component", Some(ListKind::Queue)),
            StatsBy::Config => (GroupKey::Target, "config", Some(ListKind::Queue)),
            StatsBy::Type => (GroupKey::Type, "type", Some(ListKind::Queue)),
            StatsBy::Kind => (GroupKey::Kind, "kind", Some(ListKind::All)),
            StatsBy::Creator => (GroupKey::Creator, "creator", None),
            StatsBy::Status => (GroupKey::Status, "status", None),
            StatsBy::Hour => (GroupKey::Hour, "hour", None),
            StatsBy::Day => (GroupKey::Day, "day", None),
        };
        match of {
            Some(of) if kind != ListKind::All && of != kind => {
                let of = match of {
                    ListKind::Storage => "storage jobs: use --kind storage or all",
                    ListKind::Queue => "queue jobs: use --kind queue or all",
                    ListKind::All => "both kinds: use --kind all",
                };
                return Err(UsageError(format!("--by {name} groups {of}")));
            }
            _ => keys.push((key, name)),
        }
    }
    Ok(dedup(keys.into_iter()))
}

/// Each key once, in the order given.
fn dedup(keys: impl Iterator<Item = (GroupKey, &'static str)>) -> Vec<(GroupKey, &'static str)> {
    let mut out: Vec<(GroupKey, &'static str)> = Vec::new();
    for k in keys {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The tallies, with hours and days in the zone jobctl shows times in.
fn tally(keys: &[(GroupKey, &'static str)], show: &StatsShow, zone: &Zone) -> Stats {
    let trend = show.trend.map(|t| match t {
        Trend::Day => GroupKey::Day,
        Trend::Hour => GroupKey::Hour,
    });
    let keys = keys.iter().map(|(k, _)| *k).collect();
    Stats::new(keys, trend, zone.clone())
}

fn print(
    ctx: &Context,
    mut report: Report,
    keys: &[(GroupKey, &'static str)],
    show: &StatsShow,
    jq: Option<crate::jq::Jq>,
) -> Result<()> {
    sort(&mut report, show.sort);
    let names: Vec<&str> = keys.iter().map(|(_, n)| *n).collect();
    let mut w = ctx.out.stdout();
    if let Some(jq) = jq {
        jq.run(&stats_json(&report, &names).to_string(), &mut w)?;
        w.flush()?;
        return Ok(());
    }
    let tty = ctx.out.stdout_tty;
    match show.output {
        StatsFormat::Json => {
            let json = stats_json(&report, &names);
            let text = match tty {
                true => serde_json::to_string_pretty(&json)?,
                false => json.to_string(),
            };
            writeln!(w, "{text}")?;
        }
        StatsFormat::Table if report.groups.is_empty() => ctx.out.note("no jobs match"),
        StatsFormat::Table if tty => {
            let style = Style {
                color: ctx.out.color,
                terminal: true,
                now: jiff::Timestamp::now(),
                zone: ctx.out.zone.clone(),
            };
            let table = stats_table(&report, &names, &style, ctx.out.width);
            w.write_all(table.as_bytes())?;
        }
        StatsFormat::Table => w.write_all(stats_tsv(&report, &names).as_bytes())?,
    }
    w.flush()?;
    Ok(())
}

/// Orders the groups by `by`: numbers largest first (a group without the figure last),
/// keys A to Z; ties by jobs, then keys.
fn sort(report: &mut Report, by: StatsSort) {
    let figure = |f: &Figures| -> Option<f64> {
        match by {
            StatsSort::Key => None,
            StatsSort::Jobs => Some(f.jobs as f64),
            StatsSort::Errors => Some(f.errors as f64),
            StatsSort::ErrorRate => Some(f.error_rate),
            StatsSort::P50 => f.duration[0],
            StatsSort::P90 => f.duration[1],
            StatsSort::P99 => f.duration[2],
            StatsSort::Max => f.duration[3],
            StatsSort::WaitP50 => f.wait[0],
            StatsSort::WaitP90 => f.wait[1],
            StatsSort::InBytes => Some(f.in_bytes as f64),
            StatsSort::OutBytes => Some(f.out_bytes as f64),
        }
    };
    report.groups.sort_by(|a, b| {
        let first = match by {
            StatsSort::Key => a.keys.cmp(&b.keys),
            _ => match (figure(&a.figures), figure(&b.figures)) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        first
            .then_with(|| b.figures.jobs.cmp(&a.figures.jobs))
            .then_with(|| a.keys.cmp(&b.keys))
    });
}
