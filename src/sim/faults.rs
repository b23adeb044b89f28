//! Injected faults: what a fault does, which requests it hits, and the queue that hands them out
//! in order. The server decides how each kind goes on the wire; this file holds no I/O.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::sim::WAIT_GUARD;

/// Which requests a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultTarget {
    /// Every request.
    Any,
    /// `GET /v2/storage/jobs/{id}` for any id.
    JobDetail,
    /// `GET /v2/storage/jobs` (the listing).
    List,
    /// `GET /v2/storage/events` and `GET /v2/storage/branch/{b}/events` (a page of events).
    Events,
    /// `GET /v2/storage/events/{id or uuid}` (one event).
    Event,
    /// Requests whose path (without query) is exactly this, e.g. `/v2/storage/jobs/42`.
    Path(String),
}

/// What happens to a request hit by a fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this status; `body` defaults to a Keboola-style error body for the code;
    /// `retry_after` is sent as the `Retry-After` header when set.
    Status {
        /// The HTTP status code.
        code: u16,
        /// The exact body, or `None` for a Keboola-style error body.
        body: Option<String>,
        /// The `Retry-After` header value.
        retry_after: Option<String>,
    },
    /// 503 with the real maintenance body and `Retry-After: {retry_after_secs}`.
    Maintenance {
        /// Seconds sent in `Retry-After`.
        retry_after_secs: u64,
    },
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// 200 with the `Content-Length` of the full answer, but only half its bytes, then close.
    Truncated,
    /// 200 with `Content-Type: text/html` and an HTML page.
    NonJson,
    /// 404 with `Content-Type: text/html` and a web server's own "Not Found" page: what a
    /// host that is not a Storage API (or a wrong path on one) answers.
    NotFoundPage,
    /// 200 `application/json` with exactly this body (e.g. JSON that is not a job).
    Body(String),
    /// Read the request, then close the connection without answering.
    Drop,
    /// Read the request and never answer (until the server stops).
    Hang,
    /// Answer `status` with this `Location`.
    Redirect {
        /// The `Location` header value.
        location: String,
        /// E.g. 301, 302, 307.
        status: u16,
    },
    /// 200 `application/json` with a body of this many bytes, streamed.
    Huge {
        /// Exact body length.
        bytes: u64,
    },
    /// Hold the request until the gate is opened, then answer normally: a test decides when
    /// the answer goes out, instead of a latency guessing how long it needs.
    Hold(Gate),
    /// Answer as a careless (or hostile) API would: ignoring `offset`, so that every page is
    /// the first, and/or every filter, reading only `limit`, `offset` and the sort.
    Careless {
        /// Every page is the first.
        offset: bool,
        /// Every job matches.
        filters: bool,
    },
}

impl FaultKind {
    /// The query a [`FaultKind::Careless`] server reads of `query`: without what it ignores.
    pub(crate) fn careless_query(query: &str, offset: bool, filters: bool) -> String {
        query
            .split('&')
            .filter(|pair| {
                let key = pair.split_once('=').map_or(*pair, |(k, _)| k);
                match key {
                    "offset" => !offset,
                    "limit" | "sortBy" | "sortOrder" => true,
                    _ => !filters,
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Holds the requests of [`FaultKind::Hold`] faults until [`Gate::open`], and counts them,
/// so a test can wait for requests to be in flight ([`Gate::wait_for_held`]). Clones share
/// one gate; two gates are equal when they are the same gate.
#[derive(Clone)]
pub struct Gate {
    inner: Arc<GateInner>,
}

struct GateInner {
    open: watch::Sender<bool>,
    held: Mutex<usize>,
    arrived: Condvar,
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Gate {
        Gate {
            inner: Arc::new(GateInner {
                open: watch::Sender::new(false),
                held: Mutex::new(0),
                arrived: Condvar::new(),
            }),
        }
    }

    /// Lets every held request and every later one through.
    pub fn open(&self) {
        self.inner.open.send_replace(true);
    }

    /// How many requests have reached the gate so far (held or let through).
    pub fn held(&self) -> usize {
        *self.held_count()
    }

    /// Blocks until `n` requests have reached the gate. Panics after [`WAIT_GUARD`], so that
    /// requests that never come (a client one after another, say) fail instead of hanging.
    pub fn wait_for_held(&self, n: usize) {
        let deadline = Instant::now() + WAIT_GUARD;
        let mut held = self.held_count();
        while *held < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "a gate waited {WAIT_GUARD:?} for {n} requests; {} came",
                *held
            );
            held = self
                .inner
                .arrived
                .wait_timeout(held, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Counts a request in and resolves once the gate is open.
    pub(crate) async fn pass(&self) {
        *self.held_count() += 1;
        self.inner.arrived.notify_all();
        let mut open = self.inner.open.subscribe();
        let _ = open.wait_for(|o| *o).await;
    }

    fn held_count(&self) -> std::sync::MutexGuard<'_, usize> {
        self.inner
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for Gate {
    fn default() -> Gate {
        Gate::new()
    }
}

impl fmt::Debug for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gate")
            .field("open", &*self.inner.open.borrow())
            .field("held", &self.held())
            .finish()
    }
}

impl PartialEq for Gate {
    fn eq(&self, other: &Gate) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Eq for Gate {}

/// A queued fault: its kind, the requests it hits, and how many of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Which requests it applies to.
    pub target: FaultTarget,
    /// How many matching requests it hits before it is used up.
    pub times: usize,
    /// What it does.
    pub kind: FaultKind,
}

impl Fault {
    /// A fault hitting the next one request of any kind.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            target: FaultTarget::Any,
            times: 1,
            kind,
        }
    }

    /// A plain status answer with the default error body and no `Retry-After`.
    pub fn status(code: u16) -> Fault {
        Fault::new(FaultKind::Status {
            code,
            body: None,
            retry_after: None,
        })
    }

    /// A 503 maintenance answer with `Retry-After: {secs}`.
    pub fn maintenance(retry_after_secs: u64) -> Fault {
        Fault::new(FaultKind::Maintenance { retry_after_secs })
    }

    /// Restricts the fault to these requests.
    pub fn on(mut self, target: FaultTarget) -> Fault {
        self.target = target;
        self
    }

    /// Applies the fault to this many matching requests (0 makes it inert).
    pub fn times(mut self, n: usize) -> Fault {
        self.times = n;
        self
    }
}

/// What kind of request a fault is being matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    Detail,
    List,
    /// `GET /v2/storage/tokens/verify`, which other clients call before anything else.
    TokenVerify,
    /// `GET /v2/storage`, the index that names the stack's other APIs.
    Index,
    /// `GET /v2/storage/components`: every component and its configurations.
    Components,
    /// `GET /v2/storage/[branch/{b}/]components/{c}/configs/{id}`: one configuration.
    Config,
    /// `GET /v2/storage[/branch/{b}]/events`: a page of events.
    Events,
    /// `GET /v2/storage/events/{id}`: one event.
    Event,
    Other,
}

impl FaultTarget {
    fn matches(&self, route: Route, path: &str) -> bool {
        match self {
            FaultTarget::Any => true,
            FaultTarget::JobDetail => route == Route::Detail,
            FaultTarget::List => route == Route::List,
            FaultTarget::Events => route == Route::Events,
            FaultTarget::Event => route == Route::Event,
            FaultTarget::Path(p) => p == path,
        }
    }
}

/// Takes one use of the first queued fault matching this request, dropping used-up faults.
pub(crate) fn take(queue: &mut VecDeque<Fault>, route: Route, path: &str) -> Option<FaultKind> {
    queue.retain(|f| f.times > 0);
    let at = queue.iter().position(|f| f.target.matches(route, path))?;
    let fault = queue.get_mut(at)?;
    fault.times -= 1;
    let kind = fault.kind.clone();
    if fault.times == 0 {
        queue.remove(at);
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_taken_in_order_and_only_by_matching_requests() {
        let mut q = VecDeque::from([
            Fault::status(500).on(FaultTarget::List).times(2),
            Fault::new(FaultKind::Drop).on(FaultTarget::JobDetail),
            Fault::status(429),
        ]);
        let p = "/v2/storage/jobs/1";
        assert_eq!(take(&mut q, Route::Detail, p), Some(FaultKind::Drop));
        assert!(matches!(
            take(&mut q, Route::Detail, p),
            Some(FaultKind::Status { code: 429, .. })
        ));
        assert_eq!(take(&mut q, Route::Detail, p), None);
        assert!(take(&mut q, Route::List, "/v2/storage/jobs").is_some());
        assert!(take(&mut q, Route::List, "/v2/storage/jobs").is_some());
        assert_eq!(take(&mut q, Route::List, "/v2/storage/jobs"), None);
    }

    #[test]
    fn a_careless_server_reads_only_what_it_does_not_ignore() {
        let q = "componentId%5B%5D=a&limit=5&offset=10&sortBy=id&status%5B%5D=x";
        assert_eq!(
            FaultKind::careless_query(q, true, false),
            "componentId%5B%5D=a&limit=5&sortBy=id&status%5B%5D=x"
        );
        assert_eq!(
            FaultKind::careless_query(q, false, true),
            "limit=5&offset=10&sortBy=id"
        );
    }

    #[test]
    fn path_fault_hits_only_that_path() {
        let mut q =
            VecDeque::from([Fault::status(404).on(FaultTarget::Path("/v2/storage/jobs/5".into()))]);
        assert_eq!(take(&mut q, Route::Detail, "/v2/storage/jobs/6"), None);
        assert!(take(&mut q, Route::Detail, "/v2/storage/jobs/5").is_some());
    }
}
