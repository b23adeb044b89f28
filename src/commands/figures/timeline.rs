//! `jobctl timeline` and `jobctl queue timeline`: the matching jobs of a window as a
//! chart, drawn as text for the terminal or as SVG, to stdout or `--out`.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context as _, Result};

use super::{Gathering, Window};
use crate::cli::ListKind;
use crate::cli::figures::{
    QueueTimelineArgs, QueueTimelineBy, TimelineArgs, TimelineBy, TimelineFormat, TimelineShow,
};
use crate::context::Context;
use crate::exit::UsageError;
use crate::model::JobKind;
use crate::model::figures::{GroupKey, Sample};
use crate::render::Zone;
use crate::render::timeline::{Bar, Chart, Outcome, Row, timeline_svg, timeline_text};

/// The window unless `--since` is given (from the API; a saved list shows its own span).
const DEFAULT_SINCE: &str = "1h";

/// The width of a picture that goes to no terminal.
const PIPE_WIDTH: usize = 80;

pub async fn timeline(ctx: &Context, args: TimelineArgs) -> Result<()> {
    let kind = args.filters.kind;
    let (by, what, of) = match args.by {
        None => (None, "jobs", None),
        Some(TimelineBy::Operation) => {
            (Some(GroupKey::Name), "operations", Some(ListKind::Storage))
        }
        Some(TimelineBy::Table) => (Some(GroupKey::Target), "tables", Some(ListKind::Storage)),
        Some(TimelineBy::Component) => (Some(GroupKey::Name), "components", Some(ListKind::Queue)),
        Some(TimelineBy::Config) => (
            Some(GroupKey::Target),
            "configurations",
            Some(ListKind::Queue),
        ),
    };
    if let Some(of) = of.filter(|of| kind != ListKind::All && *of != kind) {
        let name = what
            .trim_end_matches('s')
            .replace("configuration", "config");
        return Err(UsageError(format!(
            "--by {name} draws {} jobs: use --kind {} or all",
            if of == ListKind::Storage {
                "storage"
            } else {
                "queue"
            },
            if of == ListKind::Storage {
                "storage"
            } else {
                "queue"
            },
        ))
        .into());
    }
    let gathering = Gathering::from_args(ctx, &args.filters, &args.source, DEFAULT_SINCE)?;
    let both = gathering.both();
    let mut samples = Vec::new();
    let window = gathering
        .samples(ctx, true, |s: Sample| samples.push(s))
        .await?;
    let live = args.source.file.is_none();
    let chart = Charted {
        window,
        live,
        by,
        what,
        both,
    };
    draw(ctx, samples, chart, &args.show)
}

pub async fn queue_timeline(ctx: &Context, args: QueueTimelineArgs) -> Result<()> {
    let gathering = Gathering::from_queue_args(ctx, &args.filters, &args.source, DEFAULT_SINCE)?;
    let mut samples = Vec::new();
    let window = gathering
        .samples(ctx, true, |s: Sample| samples.push(s))
        .await?;
    let (by, what) = match args.by {
        None => (None, "jobs"),
        Some(QueueTimelineBy::Component) => (Some(GroupKey::Name), "components"),
        Some(QueueTimelineBy::Config) => (Some(GroupKey::Target), "configurations"),
    };
    let live = args.source.file.is_none();
    let chart = Charted {
        window,
        live,
        by,
        what,
        both: false,
    };
    draw(ctx, samples, chart, &args.show)
}

/// What a timeline draws, besides its jobs.
struct Charted<'a> {
    window: Window,
    /// From the API: running jobs end at now.
    live: bool,
    by: Option<GroupKey>,
    what: &'a str,
    /// Both kinds: each row says its kind.
    both: bool,
}

fn draw(ctx: &Context, samples: Vec<Sample>, c: Charted<'_>, show: &TimelineShow) -> Result<()> {
    let now = c.live.then(jiff::Timestamp::now);
    let rows = Rows {
        by: c.by,
        both: c.both,
    };
    let Some(chart) = chart(samples, c.window, now, rows, c.what, &ctx.out.zone) else {
        ctx.out.note("no jobs match");
        return Ok(());
    };
    let text = match show.output {
        TimelineFormat::Svg => timeline_svg(&chart),
        TimelineFormat::Text => {
            // A file gets the plain picture, as a pipe does.
            let color = ctx.out.color && show.out.is_none();
            let width = ctx.out.width.filter(|_| show.out.is_none());
            timeline_text(&chart, color, width.unwrap_or(PIPE_WIDTH))
        }
    };
    match &show.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut w = ctx.out.stdout();
            w.write_all(text.as_bytes())?;
            w.flush()?;
        }
    }
    Ok(())
}

/// How a chart's rows are made: one per job, or one per `by` value; with `both`, each
/// row says its kind (`storage 123 tableImport`, `queue keboola.ex-db-snowflake`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Rows {
    pub by: Option<GroupKey>,
    pub both: bool,
}

/// The chart of `samples`: the window asked for (a saved list without `--since` shows
/// its own span), rows oldest first, one per job or per `by` value. `now` is where running
/// jobs end (`None` for a saved list: its last moment). The axis is labelled in `zone`.
/// `None` without dated jobs.
pub fn chart(
    samples: Vec<Sample>,
    (since, until): Window,
    now: Option<jiff::Timestamp>,
    rows: Rows,
    what: &str,
    zone: &Zone,
) -> Option<Chart> {
    // Jobs created before the window are here when they may have run into it: those that
    // did are drawn from its left edge, the others left out.
    let reaches = |s: &Sample| match (since, s.created) {
        (Some(start), Some(created)) if created < start => {
            !s.finished || s.ended.is_some_and(|e| e >= start)
        }
        (_, created) => created.is_some(),
    };
    let mut samples: Vec<Sample> = samples.into_iter().filter(reaches).collect();
    samples.sort_by_key(|s| (s.created, s.id));
    let first = samples.first()?.created?;
    let latest = samples
        .iter()
        .flat_map(|s| [s.created, s.started, s.ended])
        .flatten()
        .max()
        .unwrap_or(first);
    let start = since.unwrap_or(first);
    let mut end = until.or(now).unwrap_or(latest);
    if end <= start {
        end = start + jiff::SignedDuration::from_mins(1);
    }
    let (offset, zone) = zone.at(end);
    Some(Chart {
        start,
        end,
        now: now.unwrap_or(end).min(end),
        offset,
        zone,
        rows: rows.of(&samples, start),
        what: what.to_owned(),
    })
}

impl Rows {
    /// The rows of `samples` (oldest first), in a chart from `start`.
    fn of(self, samples: &[Sample], start: jiff::Timestamp) -> Vec<Row> {
        let kind = |s: &Sample| s.kind.map_or("-", JobKind::name);
        let Some(key) = self.by else {
            let row = |s: &Sample| Row {
                label: match self.both {
                    true => format!("{} {} {}", kind(s), s.id, s.name),
                    false => format!("{} {}", s.id, s.name),
                },
                target: s.target.clone(),
                bars: vec![bar(s, start)],
            };
            return samples.iter().map(row).collect();
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for s in samples {
            let label = s.key(key, &Zone::utc());
            let prefix = if self.both { kind(s) } else { "" };
            let i = *index.entry(format!("{prefix} {label}")).or_insert_with(|| {
                // A table (or configuration) id is cut from the left where it must be.
                let (label, target) = match key {
                    GroupKey::Target => (prefix.to_owned(), Some(label)),
                    _ if self.both => (format!("{prefix} {label}"), None),
                    _ => (label, None),
                };
                rows.push(Row {
                    label,
                    target,
                    bars: Vec::new(),
                });
                rows.len() - 1
            });
            rows[i].bars.push(bar(s, start));
        }
        rows
    }
}

/// One job's bar (an undated job from `start`), with what its tooltip says.
fn bar(s: &Sample, start: jiff::Timestamp) -> Bar {
    Bar {
        created: s.created.unwrap_or(start),
        started: s.started,
        ended: s.ended.filter(|_| s.finished),
        outcome: match (s.failed, s.finished, s.status.as_str()) {
            (true, _, _) => Outcome::Failed,
            (_, false, _) => Outcome::Running,
            (_, _, "success") => Outcome::Succeeded,
            _ => Outcome::Other,
        },
        about: [
            Some(s.id.to_string()),
            Some(s.name.clone()),
            s.target.clone(),
            Some(s.status.clone()),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The axis labels of an SVG picture (centred, unlike every other text).
    fn c_ticks(svg: &str) -> usize {
        svg.matches("text-anchor=\"middle\"").count()
    }

    fn t(s: &str) -> jiff::Timestamp {
        crate::model::parse_timestamp(s).unwrap().to_utc()
    }

    #[test]
    fn rows_group_by_key_oldest_first_and_a_saved_list_spans_itself() {
        let base = t("2026-11-29T10:00:00Z");
        let sample = |id: u64, name: &str, minute: i64| Sample {
            id,
            name: name.into(),
            status: "success".into(),
            finished: true,
            created: Some(base + jiff::SignedDuration::from_mins(minute)),
            started: Some(base + jiff::SignedDuration::from_mins(minute + 1)),
            ended: Some(base + jiff::SignedDuration::from_mins(minute + 5)),
            ..Sample::default()
        };
        let samples = vec![
            sample(3, "tableExport", 20),
            sample(1, "tableImport", 0),
            sample(2, "tableImport", 10),
        ];
        let c = chart(
            samples.clone(),
            (None, None),
            None,
            Rows {
                by: Some(GroupKey::Name),
                both: false,
            },
            "ops",
            &Zone::utc(),
        )
        .unwrap();
        let labels: Vec<&str> = c.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["tableImport", "tableExport"]);
        assert_eq!(c.rows[0].bars.len(), 2);
        assert_eq!(
            (c.start, c.end),
            (base, base + jiff::SignedDuration::from_mins(25))
        );
        let c = chart(
            samples,
            (None, None),
            None,
            Rows::default(),
            "jobs",
            &Zone::utc(),
        )
        .unwrap();
        assert_eq!(c.rows[0].label, "1 tableImport");
        assert!(
            chart(
                vec![],
                (None, None),
                None,
                Rows::default(),
                "jobs",
                &Zone::utc()
            )
            .is_none()
        );
    }

    #[test]
    fn jobs_that_ran_into_the_window_are_drawn_from_its_left_edge() {
        let at = |m: i64| t("2026-11-29T10:00:00Z") + jiff::SignedDuration::from_mins(m);
        let sample = |id: u64, created: i64, ended: Option<i64>| Sample {
            id,
            name: "tableImport".into(),
            target: Some("in.c-main.orders".into()),
            status: if ended.is_some() {
                "success"
            } else {
                "processing"
            }
            .into(),
            finished: ended.is_some(),
            created: Some(at(created)),
            started: Some(at(created + 1)),
            ended: ended.map(at),
            ..Sample::default()
        };
        let samples = vec![
            sample(1, -90, Some(-60)), // over before the window: left out
            sample(2, -30, Some(20)),  // ran into it
            sample(3, -20, None),      // still running
            sample(4, 10, Some(15)),
        ];
        let c = chart(
            samples,
            (Some(at(0)), Some(at(60))),
            None,
            Rows::default(),
            "jobs",
            &Zone::utc(),
        )
        .unwrap();
        let ids: Vec<&str> = c.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(ids, ["2 tableImport", "3 tableImport", "4 tableImport"]);
        assert_eq!(c.rows[0].target.as_deref(), Some("in.c-main.orders"));
        // Drawn: the second job's run fills the picture from the left edge.
        let text = timeline_text(&c, false, 80);
        let row = text.lines().nth(1).unwrap();
        assert!(row.contains("orders ===="), "{text}");
        assert!(text.lines().next().unwrap().ends_with(" UTC"), "{text}");
    }

    /// (How fast is the bench's question: `tests/bench/run.py --history-only`.)
    #[test]
    fn two_thousand_jobs_draw_a_row_each() {
        let base = t("2026-11-29T10:00:00Z");
        let samples: Vec<Sample> = (0..2000)
            .map(|i| Sample {
                id: i,
                name: format!("op{}", i % 7),
                status: if i % 9 == 0 { "error" } else { "success" }.into(),
                failed: i % 9 == 0,
                finished: i % 50 != 0,
                created: Some(base + jiff::SignedDuration::from_secs(i as i64)),
                started: Some(base + jiff::SignedDuration::from_secs(i as i64 + 5)),
                ended: Some(base + jiff::SignedDuration::from_secs(i as i64 + 60)),
                ..Sample::default()
            })
            .collect();
        let c = chart(
            samples,
            (None, None),
            None,
            Rows::default(),
            "jobs",
            &Zone::utc(),
        )
        .unwrap();
        let text = timeline_text(&c, true, 120);
        let svg = timeline_svg(&c);
        assert_eq!(text.lines().count(), 1 + 2000 + 4);
        assert_eq!(
            svg.matches("<text").count(),
            2000 + 1 + 1 + 5 + c_ticks(&svg)
        );
    }
}
