//! Paging through a job list by offset, whatever the kind (`Pager`: the Storage API's job
//! list, the Queue API's search): the first page alone, then up to `--concurrency` pages at
//! once, handed back in order, each job once. The listing is pinned to what existed when it
//! started, so jobs created meanwhile neither repeat nor push others past a page edge; a
//! full page of nothing new (a server that ignores `offset`) ends it.

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use tokio::task::JoinHandle;

use crate::client::ApiError;

/// One kind's paged list: its client, its query and its jobs.
pub trait Pager: Clone + Send + Sync + 'static {
    type Query: Clone + Send + 'static;
    /// A job with the server's bytes.
    type Item: Send + 'static;
    /// Whether a short first page is looked past, for a server that caps `limit` below
    /// what was asked without saying so.
    const PROBES_SHORT_FIRST: bool;

    /// `query` asking for `limit` jobs from `offset`.
    fn page(query: &Self::Query, limit: u64, offset: u64) -> Self::Query;
    /// `query` taking no job created after `t` (nor after its own bound).
    fn created_no_later_than(query: &Self::Query, t: jiff::Timestamp) -> Self::Query;
    fn id(item: &Self::Item) -> u64;
    fn created(item: &Self::Item) -> Option<jiff::Timestamp>;
    /// One page; with `heads`, jobs carry only what paging and the server's filters read.
    fn fetch(
        &self,
        query: Self::Query,
        heads: bool,
    ) -> impl Future<Output = Result<Vec<Self::Item>, ApiError>> + Send + 'static;
}

/// Jobs held in pages in flight at most (a decoded job takes a few KiB), so that big
/// `--page-size` values trade concurrency for flat memory.
const MAX_JOBS_IN_FLIGHT: u64 = 4000;

/// The request size: `--page-size`, or less when fewer jobs than that can be needed
/// (a small `--limit` and no filter that only jobctl applies).
pub fn request_size(page_size: u64, limit: Option<u64>, client_side: bool) -> u64 {
    match limit {
        Some(limit) if !client_side => page_size.min(limit),
        _ => page_size,
    }
}

/// How many pages to have in flight when `remaining` more matches are wanted (`None`:
/// all of them), `concurrency` at most. Without client-side filters every job on a page
/// matches (nearly: the time bounds are re-checked to the second), so no more pages than
/// needed are asked for.
pub fn in_flight(
    remaining: Option<u64>,
    size: u64,
    client_side: bool,
    concurrency: usize,
) -> usize {
    let size = size.max(1);
    let most = ((MAX_JOBS_IN_FLIGHT / size) as usize).clamp(1, concurrency.max(1));
    match remaining {
        Some(n) if !client_side => (n.div_ceil(size) as usize).clamp(1, most),
        _ => most,
    }
}

/// The query that pins later pages: created no later than the first page's newest job,
/// unless the user's bound (`--until`) is earlier. An undated job pins nothing.
pub fn pinned_query<P: Pager>(base: &P::Query, top: &P::Item) -> P::Query {
    match P::created(top) {
        Some(t) => P::created_no_later_than(base, t),
        None => base.clone(),
    }
}

/// Pages of the listing in order, de-duplicated by id.
pub struct Pages<P: Pager> {
    client: P,
    query: P::Query,
    size: u64,
    next_offset: u64,
    pending: VecDeque<JoinHandle<Result<Vec<P::Item>, ApiError>>>,
    /// The newest id of the first page: anything above it was created after the start.
    top_id: Option<u64>,
    seen: HashSet<u64>,
    /// Decode only what paging needs (see [`Pager::fetch`]).
    heads_only: bool,
    started: bool,
    /// The first page was short: the end, or a server that caps `limit` below `size`.
    short_first: Option<u64>,
    /// The page size the server turned out to cap `limit` at, until told (`take_cap`).
    capped: Option<u64>,
    /// The server has shown its last page (or nothing more is wanted).
    ended: bool,
}

impl<P: Pager> Pages<P> {
    pub fn new(client: P, query: P::Query, size: u64) -> Pages<P> {
        Pages {
            client,
            query,
            size,
            next_offset: 0,
            pending: VecDeque::new(),
            top_id: None,
            seen: HashSet::new(),
            heads_only: false,
            started: false,
            short_first: None,
            capped: None,
            ended: false,
        }
    }

    /// Jobs will carry only `id`, `status` and `createdTime` in their typed view, which is
    /// all paging and the server-side filters need: for output that passes bytes through.
    pub fn heads_only(mut self) -> Pages<P> {
        self.heads_only = true;
        self
    }

    /// The next page's new jobs, `None` after the last page. `ahead` is how many pages
    /// may be in flight (see `in_flight`).
    pub async fn next(&mut self, ahead: usize) -> Result<Option<Vec<P::Item>>, ApiError> {
        if !self.started {
            self.started = true;
            let first = self.fetch_now().await?;
            if let Some(top) = first.first() {
                self.top_id = Some(P::id(top));
                self.query = pinned_query::<P>(&self.query, top);
                if P::PROBES_SHORT_FIRST && (first.len() as u64) < self.size {
                    self.short_first = Some(first.len() as u64);
                }
            }
            return Ok(Some(self.keep_new(first)));
        }
        if let Some(len) = self.short_first.take() {
            return self.past_short_first(len).await;
        }
        if self.ended && self.pending.is_empty() {
            return Ok(None);
        }
        while !self.ended && self.pending.len() < ahead.max(1) {
            self.spawn_next();
        }
        let Some(task) = self.pending.pop_front() else {
            return Ok(None);
        };
        let page = match task.await {
            Ok(page) => page?,
            Err(e) => {
                return Err(ApiError::Transport {
                    url: String::new(),
                    detail: format!("a page request stopped: {e}"),
                });
            }
        };
        let full = page.len() as u64 >= self.size;
        let (kept, fresh) = self.keep_new_counting(page);
        // A full page of jobs all seen before: a server that ignores `offset` answers the
        // same page for ever, so this is the end rather than an endless loop.
        if !full || !fresh {
            self.finish();
        }
        Ok(Some(kept))
    }

    /// After a short first page of `len` jobs, when more are wanted: one look past it. An
    /// empty page confirms the end; jobs mean the server answers at most `len` a page
    /// whatever `limit` asks (the real maximum is undocumented), and paging goes on in
    /// pages of `len` rather than skip the jobs between the offsets it would have asked.
    async fn past_short_first(&mut self, len: u64) -> Result<Option<Vec<P::Item>>, ApiError> {
        self.next_offset = len;
        let page = self.fetch_now().await?;
        if page.is_empty() {
            return Ok(None);
        }
        self.capped = Some(len);
        self.size = len;
        self.next_offset = len + page.len() as u64;
        self.ended = (page.len() as u64) < len;
        let (kept, fresh) = self.keep_new_counting(page);
        if !fresh {
            self.ended = true;
        }
        Ok(Some(kept))
    }

    /// The page size the server turned out to cap `limit` at, once, when it was found.
    pub fn take_cap(&mut self) -> Option<u64> {
        self.capped.take()
    }

    /// Stops asking for pages; ones already in flight are abandoned.
    pub fn finish(&mut self) {
        self.ended = true;
        self.short_first = None;
        for task in self.pending.drain(..) {
            task.abort();
        }
    }

    async fn fetch_now(&mut self) -> Result<Vec<P::Item>, ApiError> {
        let query = self.page_query();
        let page = self.client.fetch(query, self.heads_only).await?;
        if (page.len() as u64) < self.size {
            self.ended = true;
        }
        Ok(page)
    }

    fn spawn_next(&mut self) {
        let query = self.page_query();
        let fetch = self.client.fetch(query, self.heads_only);
        self.pending.push_back(tokio::spawn(fetch));
    }

    fn page_query(&mut self) -> P::Query {
        let q = P::page(&self.query, self.size, self.next_offset);
        self.next_offset += self.size;
        q
    }

    fn keep_new(&mut self, page: Vec<P::Item>) -> Vec<P::Item> {
        self.keep_new_counting(page).0
    }

    /// The page's jobs not seen before (and not newer than the listing's start), and
    /// whether any job on it was not seen before.
    fn keep_new_counting(&mut self, page: Vec<P::Item>) -> (Vec<P::Item>, bool) {
        let top = self.top_id.unwrap_or(u64::MAX);
        let mut fresh = false;
        let kept = page
            .into_iter()
            .filter(|j| {
                let id = P::id(j);
                let new = self.seen.insert(id);
                fresh |= new;
                new && id <= top
            })
            .collect();
        (kept, fresh)
    }
}

impl<P: Pager> Drop for Pages<P> {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ListQuery, StorageClient};
    use crate::model::RawJob;

    fn job(id: u64, created: &str) -> RawJob {
        RawJob::parse(&format!(
            r#"{{"id":{id},"status":"success","createdTime":"{created}"}}"#
        ))
        .unwrap()
    }

    fn until(t: &str) -> ListQuery {
        ListQuery {
            created_to: Some(crate::model::parse_timestamp(t).unwrap().to_utc()),
            ..ListQuery::default()
        }
    }

    #[test]
    fn small_limits_shrink_the_request_unless_jobctl_filters() {
        assert_eq!(request_size(100, Some(20), false), 20);
        assert_eq!(request_size(100, Some(500), false), 100);
        assert_eq!(request_size(100, Some(20), true), 100);
        assert_eq!(request_size(100, None, false), 100);
    }

    #[test]
    fn pages_in_flight_follow_what_is_still_needed() {
        let c = 8;
        assert_eq!(in_flight(Some(1), 100, false, c), 1);
        assert_eq!(in_flight(Some(250), 100, false, c), 3);
        assert_eq!(in_flight(Some(10_000), 100, false, c), 8);
        assert_eq!(in_flight(Some(1), 100, true, c), 8);
        assert_eq!(in_flight(None, 100, false, c), 8);
        assert_eq!(in_flight(None, 100, false, 1), 1);
        assert_eq!(in_flight(None, 100, false, 0), 1);
        assert_eq!(in_flight(None, 500, true, c), 8);
        assert_eq!(in_flight(Some(10_000), 1000, false, c), 4);
        assert_eq!(in_flight(None, 2000, false, c), 2);
        assert_eq!(in_flight(None, 5000, false, c), 1);
    }

    #[test]
    fn later_pages_are_pinned_to_the_first_pages_newest_job() {
        let top = job(9, "2026-11-29T12:00:00+0100");
        let failed = ListQuery {
            statuses: vec![crate::model::Status::Error],
            ..ListQuery::default()
        };
        assert_eq!(
            pinned_query::<StorageClient>(&failed, &top),
            ListQuery {
                created_to: until("2026-11-29T11:00:00Z").created_to,
                ..failed
            }
        );
        // An earlier --until stays; a later one is tightened.
        let early = until("2026-11-29T10:00:00Z");
        assert_eq!(pinned_query::<StorageClient>(&early, &top), early);
        let late = until("2026-11-29T12:00:00Z");
        assert_eq!(
            pinned_query::<StorageClient>(&late, &top),
            until("2026-11-29T11:00:00Z")
        );
        let undated = RawJob::parse(r#"{"id":9,"status":"success"}"#).unwrap();
        assert_eq!(pinned_query::<StorageClient>(&early, &undated), early);
    }
}
