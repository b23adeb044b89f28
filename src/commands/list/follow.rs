//! `list --watch`: after the listing, polls its first page and prints new jobs and status
//! changes until a signal ends the command. Storage jobs get marked change rows and a
//! backoff while nothing changes; queue jobs their rows again at a fixed interval.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::Duration;

use anyhow::Result;

use crate::client::{ListQuery, QueueClient, StorageClient};
use crate::context::Context;
use crate::follow::{Backoff, floored};
use crate::listing::queue::Known;
use crate::listing::{JobFilter, Printer, QueueFilter};
use crate::model::{RawJob, Status};
use crate::render::queue_table::QueueColumn;
use crate::render::sanitize;

/// Follows storage jobs: the wait is a backoff from `interval` (floored, with a note).
pub async fn storage(
    ctx: &Context,
    client: &StorageClient,
    filter: &JobFilter,
    size: u64,
    interval: Duration,
    known: HashMap<u64, Status>,
    printer: &mut Printer,
) -> Result<()> {
    let (interval, note) = floored(interval);
    if let Some(note) = note {
        ctx.out.note(&note);
    }
    follow_storage(
        ctx,
        client,
        filter,
        size,
        Backoff::new(interval),
        known,
        printer,
    )
    .await
}

/// Polls the first page and prints jobs not seen before and jobs whose status changed,
/// oldest first, until a signal ends the command. The wait is `backoff`'s: the interval
/// after a change, longer after each poll that printed nothing. A failed poll is reported
/// and retried at the next tick, except a permanent error (a refused token), which ends
/// the watch.
async fn follow_storage(
    ctx: &Context,
    client: &StorageClient,
    filter: &JobFilter,
    size: u64,
    mut backoff: Backoff,
    mut known: HashMap<u64, Status>,
    printer: &mut Printer,
) -> Result<()> {
    let query = ListQuery {
        limit: Some(size),
        offset: Some(0),
        ..filter.server_query()
    };
    // Jobs newer than the newest one listed are new; an older one the listing did not
    // show (past `--limit`) is outside what the user asked for.
    let newest = known.keys().max().copied().unwrap_or(0);
    // Runs until a signal: the command's `unless_cancelled` drops it where it stands.
    loop {
        tokio::time::sleep(backoff.wait()).await;
        let page = client.list(&query).await;
        let page: Vec<RawJob> = match page {
            Ok(page) => page,
            Err(e) if e.is_permanent() => return Err(e.into()),
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                backoff.polled(false);
                continue;
            }
        };
        printer.set_now(jiff::Timestamp::now());
        let mut changed = false;
        for raw in page.iter().rev().filter(|r| filter.matches(&r.job)) {
            if !is_followed(&known, newest, raw.job.id) {
                continue;
            }
            let before = known.insert(raw.job.id, raw.job.status.clone());
            if before.as_ref() != Some(&raw.job.status) {
                changed = true;
                printer.change(raw.raw(), &raw.job, before.as_ref().map(Status::as_str))?;
            }
        }
        // A running job that left a status-filtered page (`--running`) has finished: its
        // last change is worth showing, so it is fetched alone.
        for id in vanished(&known, &page, size) {
            match client.job(id).await {
                Ok(raw) if known.get(&id) != Some(&raw.job.status) => {
                    let before = known.insert(id, raw.job.status.clone());
                    changed = true;
                    printer.change(raw.raw(), &raw.job, before.as_ref().map(Status::as_str))?;
                }
                Ok(_) => {}
                // Not found is permanent for this job only: it is dropped below.
                Err(e) if e.is_permanent() && !e.is_not_found() => return Err(e.into()),
                Err(e) => {
                    // Best effort: say it once and stop following this job.
                    known.remove(&id);
                    ctx.out
                        .note(&format!("error: {}", sanitize(&e.to_string())));
                }
            }
        }
        printer.flush()?;
        backoff.polled(changed);
    }
}

/// Whether follow mode reports on job `id`: one it listed (or reported since), or one
/// newer than the newest job the listing showed (`newest`).
fn is_followed(known: &HashMap<u64, Status>, newest: u64, id: u64) -> bool {
    id > newest || known.contains_key(&id)
}

/// Jobs last seen running that a poll's first page should hold but does not, oldest first
/// (at most `MAX_VANISHED` a tick). On a full page only ids above its oldest job count,
/// since older ones may simply have moved to the next page.
fn vanished(known: &HashMap<u64, Status>, page: &[RawJob], size: u64) -> Vec<u64> {
    const MAX_VANISHED: usize = 10;
    let on_page: HashSet<u64> = page.iter().map(|r| r.job.id).collect();
    let oldest = match page.last() {
        Some(last) if page.len() as u64 >= size => last.job.id,
        _ => 0,
    };
    let mut ids: Vec<u64> = known
        .iter()
        .filter(|(id, status)| **id >= oldest && !status.is_finished() && !on_page.contains(id))
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    ids.truncate(MAX_VANISHED);
    ids
}

/// Follows queue jobs: polls the first page every `interval` and prints new jobs and
/// status changes. A running job that leaves a status-filtered page is looked up once,
/// so that its end shows too.
pub async fn queue<W: Write>(
    queue: &QueueClient,
    filter: &QueueFilter,
    page_size: u64,
    interval: Duration,
    mut known: Known,
    printer: &mut Printer<W, QueueColumn>,
) -> Result<()> {
    let mut query = filter.query().clone();
    query.limit = Some(page_size);
    loop {
        tokio::time::sleep(interval).await;
        printer.set_now(jiff::Timestamp::now());
        let page = queue.search(&query).await?;
        let on_page: HashSet<u64> = page.iter().map(|j| j.job.id).collect();
        for job in page.iter().rev() {
            if !filter.keeps(&job.job) {
                continue;
            }
            if known.get(&job.job.id) != Some(&job.job.status) {
                printer.update(job.raw(), &job.job)?;
                known.insert(job.job.id, job.job.status.clone());
            }
        }
        if !query.statuses.is_empty() {
            let gone: Vec<u64> = known
                .iter()
                .filter(|(id, status)| !status.is_finished() && !on_page.contains(id))
                .map(|(id, _)| *id)
                .collect();
            for (id, found) in gone.iter().zip(queue.jobs(&gone).await) {
                if let Ok(job) = found
                    && known.get(id) != Some(&job.job.status)
                {
                    printer.update(job.raw(), &job.job)?;
                }
                known.remove(id);
            }
        }
        printer.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: u64, status: &str) -> RawJob {
        RawJob::parse(&format!(r#"{{"id":{id},"status":"{status}"}}"#)).unwrap()
    }

    #[test]
    fn running_jobs_missing_from_the_first_page_are_looked_up() {
        let known: HashMap<u64, Status> = [
            (1, Status::Processing),
            (5, Status::Waiting),
            (6, Status::Success),
            (7, Status::Processing),
            (9, Status::Waiting),
        ]
        .into_iter()
        .collect();
        let page = [raw(9, "processing"), raw(4, "waiting")];
        assert_eq!(vanished(&known, &page, 100), vec![1, 5, 7]);
        // A full page: job 1 may just have moved past its end.
        assert_eq!(vanished(&known, &page, 2), vec![5, 7]);
        assert_eq!(vanished(&HashMap::new(), &page, 2), Vec::<u64>::new());
    }

    #[test]
    fn follow_mode_reports_listed_and_newer_jobs_only() {
        let known: HashMap<u64, Status> = [(5, Status::Waiting), (7, Status::Success)]
            .into_iter()
            .collect();
        assert!(is_followed(&known, 7, 5));
        assert!(is_followed(&known, 7, 8));
        // Job 6 was past --limit (or the first page): not what the user asked for.
        assert!(!is_followed(&known, 7, 6));
        assert!(is_followed(&HashMap::new(), 0, 1));
    }
}
