//! The log pane of `jobctl top` (`l`) as data: the events shown, where the next request
//! continues, and when to stop following. Pure: the requests it asks for are carried out
//! by `commands::top`, the lines drawn by `render::log_pane_lines`.

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use crate::model::{Event, JobKind};
use crate::render::sanitize;

/// How often an open log asks for new events while its job runs (and once after).
pub const LOG_EVERY: Duration = Duration::from_secs(2);
/// Events the log pane asks for first: the newest this many.
pub const LOG_FIRST: u64 = 500;
/// Events a follow request asks for; a full page is followed by the next at once.
pub const LOG_PAGE: u64 = 100;
/// Events a log pane keeps at most; older ones are dropped (the pane says so).
pub const LOG_KEEP: usize = 10_000;

/// A request for a page of an open log, for the command to carry out after `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRequest {
    /// The job whose pane asked.
    pub key: (JobKind, u64),
    /// Which opening of the pane asked (a page for a pane since closed is dropped).
    pub session: u64,
    pub run_id: String,
    /// `None`: the first request, the newest [`LOG_FIRST`] newest first; else the events
    /// after this uuid (or id), oldest first, [`LOG_PAGE`] at most.
    pub since: Option<String>,
    pub after: Duration,
}

impl LogRequest {
    pub fn limit(&self) -> u64 {
        match self.first() {
            true => LOG_FIRST,
            false => LOG_PAGE,
        }
    }

    /// The first request of a pane: newest first.
    pub fn first(&self) -> bool {
        self.since.is_none()
    }
}

/// The open log: the events so far (oldest first), where to continue, and whether it is
/// still followed.
#[derive(Debug, Clone, Default)]
pub struct LogPane {
    pub run_id: String,
    /// Which opening of the pane this is (see [`LogRequest::session`]).
    pub(super) session: u64,
    pub events: VecDeque<Event>,
    seen: HashSet<String>,
    /// The newest event's uuid (or id): `sinceId` of the next request.
    cursor: Option<String>,
    /// The first page arrived.
    pub loaded: bool,
    /// The last request failed: why (cleared by the next that works).
    pub error: Option<String>,
    failures: u32,
    /// Events dropped to keep the pane within [`LOG_KEEP`].
    pub dropped: usize,
    /// Still asking for new events (the job runs, or ended less than a round ago).
    pub following: bool,
    /// The job had ended when the last round was asked for: one more, then stop.
    drained: bool,
    /// The job's end as known when the pane opened (a tree node's), for jobs not listed.
    finished: bool,
    /// The job was seen running: after its end, one more round (events land late).
    saw_running: bool,
    /// Lines scrolled up from the end (0: the newest lines, and new ones as they come).
    pub back: usize,
}

impl LogPane {
    pub(super) fn new(run_id: String, finished: bool, session: u64) -> LogPane {
        LogPane {
            run_id,
            session,
            following: true,
            finished,
            saw_running: !finished,
            ..LogPane::default()
        }
    }

    /// Adds events not seen before, oldest first, within [`LOG_KEEP`].
    fn add(&mut self, events: Vec<Event>) {
        for e in events {
            let key = e.key();
            if let Some(k) = &key
                && !self.seen.insert(k.clone())
            {
                continue;
            }
            if let Some(k) = key {
                self.cursor = Some(k);
            }
            self.events.push_back(e);
        }
        while self.events.len() > LOG_KEEP {
            self.events.pop_front();
            self.dropped += 1;
        }
    }

    /// A page this pane asked for arrived (or could not be fetched): its events join the
    /// pane (each once), and the next request is returned while the log is followed: at
    /// once after a full page, [`LOG_EVERY`] later while the job runs, once more after it
    /// ended (events land just after the end), then none. A failure is asked again later,
    /// the wait doubling up to 30 s. `listed`: whether the job has ended, as its row says
    /// (`None` for a job not listed, such as a tree node's).
    pub(super) fn arrived(
        &mut self,
        asked: &LogRequest,
        page: Result<Vec<Event>, String>,
        listed: Option<bool>,
    ) -> Option<LogRequest> {
        let finished = listed.unwrap_or(self.finished);
        self.saw_running |= !finished;
        let next = |since: Option<String>, after| LogRequest {
            key: asked.key,
            session: asked.session,
            run_id: asked.run_id.clone(),
            since,
            after,
        };
        let mut events = match page {
            Ok(events) => events,
            Err(e) => {
                self.error = Some(sanitize(&e).into_owned());
                self.failures += 1;
                let wait = LOG_EVERY
                    .saturating_mul(1 << self.failures.min(4))
                    .min(Duration::from_secs(30));
                return Some(next(asked.since.clone(), wait));
            }
        };
        self.error = None;
        self.failures = 0;
        let full = events.len() as u64 >= asked.limit();
        if asked.first() {
            // The first page comes newest first.
            events.reverse();
        }
        self.loaded = true;
        self.add(events);
        if full && !asked.first() {
            return Some(next(self.cursor.clone(), Duration::ZERO));
        }
        if finished {
            // A job that ended before the pane opened has its whole log already.
            if self.drained || !self.saw_running {
                self.following = false;
                return None;
            }
            self.drained = true;
        }
        Some(next(self.cursor.clone(), LOG_EVERY))
    }
}
