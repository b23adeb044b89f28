//! The final state of a follow on stdout, in argument order: `--jq` once per job, the
//! server's bytes (`-o json`), `final` events (`-o jsonl`), or text: the detail view of
//! its kind for one job, its kind's table for several of one kind, and a table of the
//! columns both kinds have for a mix.

use std::io::Write;

use anyhow::Result;

use super::Followed;
use crate::cli::WatchFormat;
use crate::jq::Jq;
use crate::model::{AnyJob, Job, QueueJob};
use crate::output::Output;
use crate::render::queue_table::QueueColumn;
use crate::render::table::{SUMMARY_COLUMNS, table};
use crate::render::{MixedColumn, Related, Style, detail, follow_event, json_text};

/// The table of several queue jobs: how each ended.
const QUEUE_SUMMARY: [QueueColumn; 7] = [
    QueueColumn::Id,
    QueueColumn::Status,
    QueueColumn::Type,
    QueueColumn::Component,
    QueueColumn::Duration,
    QueueColumn::ErrorType,
    QueueColumn::Message,
];

/// Writes the final state of `jobs` in `format` (or through `jq`).
pub fn print_final(
    out: &Output,
    format: WatchFormat,
    jq: Option<&Jq>,
    jobs: &[Followed],
    w: &mut impl Write,
) -> Result<()> {
    // Once per final job, as for show: the same expression fits one id and many.
    if let Some(jq) = jq {
        for job in jobs {
            jq.run(job.raw.raw(), w)?;
        }
        return Ok(());
    }
    match format {
        WatchFormat::Table => w.write_all(text(out, jobs).as_bytes())?,
        WatchFormat::Json => {
            let raw: Vec<&str> = jobs.iter().map(|j| j.raw.raw()).collect();
            w.write_all(json_text(&raw, jobs.len() == 1, out.stdout_tty).as_bytes())?;
        }
        WatchFormat::Jsonl => {
            for f in jobs {
                let line = follow_event("final", &f.job, f.raw.raw(), None, jiff::Timestamp::now());
                writeln!(w, "{line}")?;
            }
        }
    }
    Ok(())
}

fn text(out: &Output, jobs: &[Followed]) -> String {
    let style = Style {
        color: out.color,
        terminal: out.stdout_tty,
        now: jiff::Timestamp::now(),
        zone: out.zone.clone(),
    };
    let tty_width = out.stdout_tty.then_some(out.width).flatten();
    let storage: Vec<&Job> = jobs.iter().filter_map(|f| as_storage(&f.job)).collect();
    let queue: Vec<&QueueJob> = jobs.iter().filter_map(|f| as_queue(&f.job)).collect();
    match (&storage[..], &queue[..]) {
        // One job of either kind: the detail view, as `show` prints it.
        ([_], []) | ([], [_]) => detail(&jobs[0].job, &Related::default(), &style, out.width),
        (_, []) => table(&storage, &SUMMARY_COLUMNS, &style, out.width),
        ([], _) => table(&queue, &QUEUE_SUMMARY, &style, tty_width),
        _ => {
            let all: Vec<&AnyJob> = jobs.iter().map(|f| &f.job).collect();
            table(&all, &MixedColumn::ALL, &style, tty_width)
        }
    }
}

fn as_storage(job: &AnyJob) -> Option<&Job> {
    match job {
        AnyJob::Storage(j) => Some(j),
        AnyJob::Queue(_) => None,
    }
}

fn as_queue(job: &AnyJob) -> Option<&QueueJob> {
    match job {
        AnyJob::Queue(j) => Some(j),
        AnyJob::Storage(_) => None,
    }
}
