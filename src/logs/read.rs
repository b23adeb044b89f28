//! Reading a log that is already there: every event of one run oldest first, the next
//! page asked for while the last one prints (a 10,000-event log starts printing at once
//! and needs one page in memory); several runs merged by time a page of each at a time;
//! or the last N that pass the filters, newest pages first.

use std::collections::VecDeque;

use crate::client::{ApiError, EventQuery, MAX_EVENTS_LIMIT, SortOrder, StorageClient, in_order};
use crate::model::RawEvent;

use super::{Filter, Seen, Sink, Source, order};

/// The first page of a run's log: small, so that the first lines come at once.
const FIRST_PAGE: u64 = 200;
/// The next pages: large, few round trips (the API takes up to 10,000).
const PAGE: u64 = 2_000;
/// Pages of one run asked for at once after the first (memory: this many pages).
const AHEAD: usize = 3;
/// A page of each run when several are merged: memory is a page per run.
const MERGE_PAGE: u64 = 500;
/// Runs read at once when several are merged.
const IN_FLIGHT: usize = 8;

/// How to ask for events: the client and the server-side search (`-q`).
#[derive(Clone)]
pub struct Reader {
    pub storage: StorageClient,
    pub q: Option<String>,
}

/// What reading a log came to.
#[derive(Debug, Default)]
pub struct ReadCounts {
    /// Events the server answered.
    pub fetched: u64,
    /// Events handed to the sink.
    pub printed: u64,
}

impl Reader {
    /// A page of `source`'s events.
    pub async fn page(
        &self,
        source: &Source,
        sort: SortOrder,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<RawEvent>, ApiError> {
        let query = EventQuery {
            run_id: Some(source.run_id.clone()),
            limit: limit.min(MAX_EVENTS_LIMIT),
            offset: (offset > 0).then_some(offset),
            sort,
            q: self.q.clone(),
            branch: source.branch.clone(),
            ..EventQuery::default()
        };
        self.storage.events(&query).await
    }

    /// Every event of the sources, oldest first, merged by time when there are several;
    /// each page handed on as it comes. `seen` (when following) records what was printed.
    pub async fn all(
        &self,
        sources: &[Source],
        filter: &Filter,
        sink: &mut dyn Sink,
        seen: &mut Seen,
    ) -> anyhow::Result<ReadCounts> {
        match sources {
            [] => Ok(ReadCounts::default()),
            [one] => self.all_of_one(one, filter, sink, seen).await,
            _ => self.all_merged(sources, filter, sink, seen).await,
        }
    }

    /// The log so far: every event ([`Reader::all`]) or the last `tail` ([`Reader::tail`]),
    /// handed to the sink; `seen` records what was printed.
    pub async fn history(
        &self,
        sources: &[Source],
        filter: &Filter,
        tail: Option<u64>,
        sink: &mut dyn Sink,
        seen: &mut Seen,
    ) -> anyhow::Result<ReadCounts> {
        let Some(n) = tail else {
            return self.all(sources, filter, sink, seen).await;
        };
        let (events, _, tally) = self.tail(sources, filter, n).await?;
        for (i, event) in &events {
            seen.first_time(&event.job);
            sink.event(&sources[*i], event)?;
        }
        sink.flush()?;
        Ok(tally)
    }

    async fn all_of_one(
        &self,
        source: &Source,
        filter: &Filter,
        sink: &mut dyn Sink,
        seen: &mut Seen,
    ) -> anyhow::Result<ReadCounts> {
        let mut tally = ReadCounts::default();
        // The first page alone (most logs fit in it), then up to AHEAD pages at once. Pages
        // oldest first are stable (new events go to the end), so their offsets are known
        // before the answers: each page asked is full but the last, the API's pages being
        // as large as asked up to its cap.
        let mut pending: VecDeque<(u64, Pending)> = VecDeque::new();
        pending.push_back((FIRST_PAGE, self.spawn_page(source, 0, FIRST_PAGE)));
        let mut next_offset = FIRST_PAGE;
        while let Some((limit, page)) = pending.pop_front() {
            let page = page.join().await?;
            let full = page.len() as u64 >= limit;
            if full {
                while pending.len() < AHEAD {
                    pending.push_back((PAGE, self.spawn_page(source, next_offset, PAGE)));
                    next_offset += PAGE;
                }
            } else {
                // The end: pages asked beyond it are dropped (and their requests with them).
                pending.clear();
            }
            tally.fetched += page.len() as u64;
            for event in &page {
                if seen.first_time(&event.job) && filter.keeps(&event.job) {
                    sink.event(source, event)?;
                    tally.printed += 1;
                }
            }
            sink.flush()?;
        }
        Ok(tally)
    }

    fn spawn_page(&self, source: &Source, offset: u64, limit: u64) -> Pending {
        let (reader, source) = (self.clone(), source.clone());
        Pending(tokio::spawn(async move {
            reader.page(&source, SortOrder::Asc, offset, limit).await
        }))
    }

    /// Several runs at once: a page of each in memory, the oldest head printed next.
    async fn all_merged(
        &self,
        sources: &[Source],
        filter: &Filter,
        sink: &mut dyn Sink,
        seen: &mut Seen,
    ) -> anyhow::Result<ReadCounts> {
        struct Lane {
            buf: VecDeque<RawEvent>,
            offset: u64,
            done: bool,
        }
        let mut lanes: Vec<Lane> = sources
            .iter()
            .map(|_| Lane {
                buf: VecDeque::new(),
                offset: 0,
                done: false,
            })
            .collect();
        let mut tally = ReadCounts::default();
        loop {
            let empty: Vec<usize> = (0..lanes.len())
                .filter(|&i| !lanes[i].done && lanes[i].buf.is_empty())
                .collect();
            if !empty.is_empty() {
                sink.flush()?;
                let asks: Vec<(Source, u64)> = empty
                    .iter()
                    .map(|&i| (sources[i].clone(), lanes[i].offset))
                    .collect();
                let reader = self.clone();
                let pages = in_order(asks, IN_FLIGHT, move |(source, offset)| {
                    let reader = reader.clone();
                    async move {
                        reader
                            .page(&source, SortOrder::Asc, offset, MERGE_PAGE)
                            .await
                    }
                })
                .await;
                for (&i, page) in empty.iter().zip(pages) {
                    let page = page?;
                    let lane = &mut lanes[i];
                    lane.done = (page.len() as u64) < MERGE_PAGE;
                    lane.offset += page.len() as u64;
                    tally.fetched += page.len() as u64;
                    lane.buf.extend(page);
                }
            }
            let next = (0..lanes.len())
                .filter_map(|i| lanes[i].buf.front().map(|e| (order(&e.job), i)))
                .min();
            let Some((_, i)) = next else { break };
            let Some(event) = lanes[i].buf.pop_front() else {
                break;
            };
            if seen.first_time(&event.job) && filter.keeps(&event.job) {
                sink.event(&sources[i], &event)?;
                tally.printed += 1;
            }
        }
        sink.flush()?;
        Ok(tally)
    }

    /// The last `n` events of the sources that pass the filter, oldest first: each run read
    /// from its newest page back until it has `n` (or reaches `--since`), then merged.
    /// Also returns each run's newest event (whatever the filter), where to follow on from.
    pub async fn tail(
        &self,
        sources: &[Source],
        filter: &Filter,
        n: u64,
    ) -> anyhow::Result<(Vec<(usize, RawEvent)>, Vec<Option<RawEvent>>, ReadCounts)> {
        let limit = n.clamp(100, PAGE);
        let asks: Vec<Source> = sources.to_vec();
        let (reader, wanted) = (self.clone(), filter.clone());
        let found = in_order(asks, IN_FLIGHT, move |source| {
            let (reader, filter) = (reader.clone(), wanted.clone());
            async move { reader.last_of_one(&source, &filter, n, limit).await }
        })
        .await;
        let mut all = Vec::new();
        let mut newest = Vec::new();
        let mut tally = ReadCounts::default();
        for (i, result) in found.into_iter().enumerate() {
            let (kept, head, fetched) = result?;
            tally.fetched += fetched;
            newest.push(head);
            all.extend(kept.into_iter().map(|e| (i, e)));
        }
        all.sort_by_key(|(_, e)| order(&e.job));
        let skip = all
            .len()
            .saturating_sub(usize::try_from(n).unwrap_or(usize::MAX));
        all.drain(..skip);
        tally.printed = all.len() as u64;
        Ok((all, newest, tally))
    }

    /// One run's last `n` kept events (newest first), its newest event, and how many came.
    async fn last_of_one(
        &self,
        source: &Source,
        filter: &Filter,
        n: u64,
        limit: u64,
    ) -> Result<(Vec<RawEvent>, Option<RawEvent>, u64), ApiError> {
        let mut kept = Vec::new();
        let mut head = None;
        let mut offset = 0;
        let mut fetched = 0;
        while (kept.len() as u64) < n {
            let page = self.page(source, SortOrder::Desc, offset, limit).await?;
            let full = page.len() as u64 >= limit;
            offset += page.len() as u64;
            fetched += page.len() as u64;
            let mut older = false;
            for event in page {
                if head.is_none() {
                    head = Some(event.clone());
                }
                // Newest first: once one is before --since, all the rest are.
                if let (Some(since), Some(t)) = (filter.since, event.job.created)
                    && t.to_utc() < since
                {
                    older = true;
                    break;
                }
                if (kept.len() as u64) < n && filter.keeps(&event.job) {
                    kept.push(event);
                }
            }
            if !full || older {
                break;
            }
        }
        if n == 0 && head.is_none() {
            head = self
                .page(source, SortOrder::Desc, 0, 1)
                .await?
                .into_iter()
                .next();
        }
        Ok((kept, head, fetched))
    }
}

/// A page on its way; abandoned (its request dropped) when not awaited.
struct Pending(tokio::task::JoinHandle<Result<Vec<RawEvent>, ApiError>>);

impl Pending {
    async fn join(mut self) -> Result<Vec<RawEvent>, ApiError> {
        (&mut self.0)
            .await
            .map_err(|e| ApiError::Internal(format!("a page of events was lost: {e}")))?
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.abort();
    }
}
