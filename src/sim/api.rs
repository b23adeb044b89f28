//! The Storage API's behaviour: routing, the token check, job detail and paged listings, error
//! bodies, and the fixed answers of simple faults. Knows nothing of sockets; `server.rs` does.

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;

use crate::sim::clock::now_epoch_ms;
use crate::sim::faults::{FaultKind, Route};
use crate::sim::job::{SplitBody, escape_base};
use crate::sim::listing::ListQuery;
use crate::sim::{Piece, RequestRecord, Sim};

const JOBS_PATH: &str = "/v2/storage/jobs";
const TOKEN_VERIFY_PATH: &str = "/v2/storage/tokens/verify";
/// The Storage API index, whose `services` name the stack's other APIs.
const INDEX_PATH: &str = "/v2/storage";
/// The simulator's own request log: not part of the Storage API, needs no token, and is
/// not logged itself (see [`Sim::request_log_reply`]).
pub const REQUEST_LOG_PATH: &str = "/_sim/requests";
const JSON: &str = "application/json";

/// The parts of a request the API looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ApiRequest<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a str,
    /// `http://{Host}`, for the jobs' `url`.
    pub(crate) base: &'a str,
    pub(crate) token: Option<&'a str>,
}

/// A complete answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Bytes,
    /// The jobs with a timeline in the answer and the status served, for the request log.
    pub(crate) served: Vec<(u64, String)>,
}

impl Reply {
    pub(crate) fn json(status: u16, body: Bytes) -> Reply {
        Reply {
            status,
            content_type: JSON,
            headers: Vec::new(),
            body,
            served: Vec::new(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApiError<'a> {
    error: &'a str,
    code: &'a str,
    status: &'static str,
    exception_id: String,
}

#[derive(Serialize)]
struct RequestLog<'a> {
    count: usize,
    requests: Vec<LoggedRequest<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoggedRequest<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    status: u16,
    /// Arrival, in milliseconds since the Unix epoch.
    at_ms: i64,
    /// The request's body, when it had one.
    #[serde(skip_serializing_if = "str::is_empty")]
    body: &'a str,
}

/// Classifies a path for routing and fault matching.
pub(crate) fn route(path: &str) -> Route {
    if path == JOBS_PATH || path == "/v2/storage/jobs/" {
        return Route::List;
    }
    if path == TOKEN_VERIFY_PATH {
        return Route::TokenVerify;
    }
    if path == INDEX_PATH || path == "/v2/storage/" {
        return Route::Index;
    }
    if path == COMPONENTS_PATH {
        return Route::Components;
    }
    if config_path(path).is_some() {
        return Route::Config;
    }
    if crate::sim::events::events_path(path).is_some() {
        return Route::Events;
    }
    if crate::sim::events::event_path(path).is_some() {
        return Route::Event;
    }
    match path.strip_prefix("/v2/storage/jobs/") {
        Some(rest) if !rest.is_empty() && !rest.contains('/') => Route::Detail,
        _ => Route::Other,
    }
}

const COMPONENTS_PATH: &str = "/v2/storage/components";

/// The component and configuration of `/v2/storage/[branch/{b}/]components/{c}/configs/{id}`.
fn config_path(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/v2/storage/")?;
    let rest = match rest.strip_prefix("branch/") {
        Some(branch) => branch.split_once('/')?.1,
        None => rest,
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["components", component, "configs", config]
            if !component.is_empty() && !config.is_empty() =>
        {
            Some((component, config))
        }
        _ => None,
    }
}

/// The real maintenance body (see `tests/fixtures/api-error-503-maintenance.json`).
const MAINTENANCE_BODY: &str = r#"{"status":"maintenance","reason":"Scheduled maintenance of the storage backend","estimatedEndTime":"2026-11-28T23:30:00+01:00"}"#;

/// What `GET /v2/storage/tokens/verify` answers for the simulator's token: the real shape
/// (organization id as a string, owner with features), minus the token itself, which the
/// real API echoes but nothing here needs. `jobctl whoami` calls it; so does Keboola's own
/// CLI (`kbagent`) before anything else, so the benchmark can run it against the simulator.
const TOKEN_VERIFY_BODY: &str = r#"{"id":"27978","description":"jobctl simulator","created":"2026-11-01T09:00:00+0100","expires":null,"isMasterToken":false,"canManageBuckets":true,"canReadAllFileUploads":false,"owner":{"id":66,"name":"Acme Analytics","defaultBackend":"snowflake","features":[]},"organization":{"id":"73"}}"#;

/// A web server's 404 page, as nginx sends it for a path it does not serve.
const NOT_FOUND_PAGE: &str = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const HTML_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy received an invalid response from an upstream server.</p></body></html>\n";

impl Sim {
    /// Takes one use of the first queued fault matching this request.
    pub(crate) fn take_fault(&self, path: &str) -> Option<FaultKind> {
        crate::sim::faults::take(&mut self.state().faults, route(path), path)
    }

    /// The request log so far as JSON, `{"count":N,"requests":[{"method","path","query",
    /// "status","atMs","body"?}]}`, oldest first, so that tools outside the process (benchmarks,
    /// load tests) can count and time what a client sent.
    pub(crate) fn request_log_reply(&self) -> Reply {
        let log = self.requests();
        let now_ms = now_epoch_ms();
        let requests = log
            .iter()
            .map(|r| LoggedRequest {
                method: &r.method,
                path: &r.path,
                query: &r.query,
                status: r.status,
                body: &r.body,
                at_ms: now_ms - i64::try_from(r.at.elapsed().as_millis()).unwrap_or(i64::MAX / 2),
            })
            .collect();
        let body = serde_json::to_vec(&RequestLog {
            count: log.len(),
            requests,
        })
        .unwrap_or_default();
        Reply::json(200, Bytes::from(body))
    }

    /// Appends to the request log.
    pub(crate) fn record(&self, record: RequestRecord) {
        self.state().log.push(record);
        self.inner.logged.notify_all();
    }

    /// The fixed answer of a fault that does not depend on the normal answer; `None` for the
    /// kinds the server plays out on the wire (latency, truncation, drop, hang, huge).
    pub(crate) fn fault_reply(&self, kind: &FaultKind) -> Option<Reply> {
        match kind {
            FaultKind::Status {
                code,
                body,
                retry_after,
            } => {
                let body = match body {
                    Some(b) => Bytes::copy_from_slice(b.as_bytes()),
                    None => {
                        let (message, err_code) = default_error(*code);
                        self.error_body(message, err_code)
                    }
                };
                let mut reply = Reply::json(*code, body);
                if let Some(ra) = retry_after {
                    reply.headers.push(("retry-after", ra.clone()));
                }
                Some(reply)
            }
            FaultKind::Maintenance { retry_after_secs } => {
                let mut reply = Reply::json(503, Bytes::from_static(MAINTENANCE_BODY.as_bytes()));
                reply
                    .headers
                    .push(("retry-after", retry_after_secs.to_string()));
                Some(reply)
            }
            FaultKind::NonJson => Some(Reply {
                content_type: "text/html; charset=UTF-8",
                ..Reply::json(200, Bytes::from_static(HTML_PAGE.as_bytes()))
            }),
            FaultKind::NotFoundPage => Some(Reply {
                content_type: "text/html",
                ..Reply::json(404, Bytes::from_static(NOT_FOUND_PAGE.as_bytes()))
            }),
            FaultKind::Body(body) => {
                Some(Reply::json(200, Bytes::copy_from_slice(body.as_bytes())))
            }
            FaultKind::Redirect { location, status } => {
                let mut reply = Reply::json(*status, Bytes::new());
                reply.headers.push(("location", location.clone()));
                Some(reply)
            }
            FaultKind::Latency(_)
            | FaultKind::Truncated
            | FaultKind::Drop
            | FaultKind::Hang
            | FaultKind::Hold(_)
            | FaultKind::Careless { .. }
            | FaultKind::Huge { .. } => None,
        }
    }

    /// The normal answer to a request (no faults).
    pub(crate) fn answer(&self, req: ApiRequest<'_>) -> Reply {
        let route = route(req.path);
        if route == Route::Other {
            return Reply::json(404, self.error_body("Route not found", "notFound"));
        }
        if req.method != "GET" {
            let mut reply = Reply::json(
                405,
                self.error_body("Method not allowed", "methodNotAllowed"),
            );
            reply.headers.push(("allow", "GET".to_owned()));
            return reply;
        }
        match req.token {
            None => {
                return Reply::json(
                    401,
                    self.error_body("Access token must be set", "storage.tokenMissing"),
                );
            }
            Some(t) if t != self.state().token => {
                return Reply::json(
                    401,
                    self.error_body("Invalid access token", "storage.tokenInvalid"),
                );
            }
            Some(_) => {}
        }
        if route == Route::Index {
            return Reply::json(200, self.index_body());
        }
        if route == Route::TokenVerify {
            return Reply::json(200, Bytes::from_static(TOKEN_VERIFY_BODY.as_bytes()));
        }
        if route == Route::Components {
            let with_configs = req
                .query
                .split('&')
                .any(|kv| kv.starts_with("include=") && kv.contains("configuration"));
            return Reply::json(200, Bytes::from(self.components_body(with_configs)));
        }
        if let Some((component, config)) = config_path(req.path) {
            return match self.config_body(component, config) {
                Some(body) => Reply::json(200, Bytes::from(body)),
                None => Reply::json(
                    404,
                    self.error_body(
                        &format!("Configuration {config} not found"),
                        "storage.components.configurations.notFound",
                    ),
                ),
            };
        }
        if let Some(branch) = crate::sim::events::events_path(req.path) {
            return self.events_reply(branch, req.query, req.base);
        }
        if let Some(id) = crate::sim::events::event_path(req.path) {
            return self.event_reply(id, req.base);
        }
        if route == Route::List {
            return match ListQuery::parse(req.query) {
                Ok(q) => {
                    let (body, served) = self.list(&q, req.base);
                    Reply {
                        served,
                        ..Reply::json(200, body)
                    }
                }
                Err(message) => Reply::json(400, self.error_body(&message, "validation.failed")),
            };
        }
        let raw_id = req.path.trim_start_matches("/v2/storage/jobs/");
        let Ok(id) = raw_id.parse::<u64>() else {
            let message = format!("Invalid job id \"{raw_id}\": it must be an integer");
            return Reply::json(400, self.error_body(&message, "validation.failed"));
        };
        match self.detail(id) {
            Some((piece, served)) => {
                let base = escape_base(req.base);
                let mut buf = BytesMut::new();
                put_piece(&mut buf, &piece, &base);
                Reply {
                    served: served.into_iter().collect(),
                    ..Reply::json(200, buf.freeze())
                }
            }
            None => Reply::json(404, self.error_body("Job not found", "notFound")),
        }
    }

    /// The job's bytes, and its id and status when it has a timeline.
    fn detail(&self, id: u64) -> Option<(Piece, Option<(u64, String)>)> {
        let now_ms = self.now_ms();
        let mut st = self.state();
        let pos = st.unstarted.iter().position(|j| *j == id);
        if let Some(pos) = pos {
            st.unstarted.swap_remove(pos);
            if let Some(crate::sim::StorageEntry::Timed { created_ms, .. }) = st.jobs.get_mut(&id) {
                *created_ms = Some(now_ms);
            }
        }
        st.jobs
            .get(&id)
            .filter(|e| e.exists_at(now_ms))
            .map(|e| (e.piece(now_ms), e.served(now_ms)))
    }

    /// A page of the listing, newest (highest id) first, as a bare JSON array, and the
    /// statuses served of the jobs with a timeline on it.
    fn list(&self, q: &ListQuery, base: &str) -> (Bytes, Vec<(u64, String)>) {
        let now_ms = self.now_ms();
        let mut served = Vec::new();
        let pieces = {
            let mut st = self.state();
            // Any listing starts every clock not yet running.
            let started = std::mem::take(&mut st.unstarted);
            for id in started {
                if let Some(crate::sim::StorageEntry::Timed { created_ms, .. }) =
                    st.jobs.get_mut(&id)
                {
                    *created_ms = Some(now_ms);
                }
            }
            st.jobs
                .values()
                .rev()
                .filter(|e| e.exists_at(now_ms) && q.admits(&e.meta(now_ms)))
                .skip(q.offset)
                .take(st.page_cap.map_or(q.limit, |cap| q.limit.min(cap)))
                .map(|e| {
                    served.extend(e.served(now_ms));
                    e.piece(now_ms)
                })
                .collect::<Vec<_>>()
        };
        let base = escape_base(base);
        let estimate: usize = pieces
            .iter()
            .map(|p| match p {
                Piece::Split(s) => s.head.len() + s.tail.len() + base.len() + 1,
                Piece::Whole(b) => b.len() + 1,
            })
            .sum();
        let mut buf = BytesMut::with_capacity(estimate + 2);
        buf.put_u8(b'[');
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                buf.put_u8(b',');
            }
            put_piece(&mut buf, piece, &base);
        }
        buf.put_u8(b']');
        (buf.freeze(), served)
    }

    /// The Storage API index (`GET /v2/storage`) in the real shape: `services` names the
    /// queue listener when it runs (the real index lists several more services).
    fn index_body(&self) -> Bytes {
        let queue = self.state().queue_url.clone();
        let mut services =
            vec![serde_json::json!({"id": "import", "url": "https://import.keboola.com"})];
        if let Some(url) = queue {
            services.push(serde_json::json!({"id": "queue", "url": url}));
        }
        services
            .push(serde_json::json!({"id": "encryption", "url": "https://encryption.keboola.com"}));
        let body = serde_json::json!({
            "api": "storage",
            "documentation": "https://keboola.docs.apiary.io/",
            "version": "v2",
            "revision": "8f2c1d0",
            "components": [],
            "services": services,
            "features": [],
        });
        Bytes::from(crate::sim::queue::php_json(&body))
    }

    /// A number for the next error body's `exceptionId`.
    pub(crate) fn next_error_number(&self) -> u64 {
        let mut st = self.state();
        st.api_errors += 1;
        st.api_errors
    }

    /// A Keboola-style API error body with a fresh `exceptionId`.
    pub(crate) fn error_body(&self, message: &str, code: &str) -> Bytes {
        let n = self.next_error_number();
        let body = ApiError {
            error: message,
            code,
            status: "error",
            exception_id: format!(
                "keboola-connection-{:016x}",
                n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED
            ),
        };
        Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
    }
}

fn put_piece(buf: &mut BytesMut, piece: &Piece, base: &str) {
    match piece {
        Piece::Split(SplitBody { head, tail }) => {
            buf.put_slice(head);
            buf.put_slice(base.as_bytes());
            buf.put_slice(tail);
        }
        Piece::Whole(b) => buf.put_slice(b),
    }
}

/// Message and code of the default error body for a status.
fn default_error(status: u16) -> (&'static str, &'static str) {
    match status {
        400 => ("Bad request", "validation.failed"),
        401 => ("Invalid access token", "storage.tokenInvalid"),
        403 => ("You don't have access to the resource.", "accessDenied"),
        404 => ("Not found", "notFound"),
        405 => ("Method not allowed", "methodNotAllowed"),
        408 => ("Request timeout", "requestTimeout"),
        409 => ("Conflict", "conflict"),
        423 => ("Locked", "locked"),
        429 => ("Too many requests, please retry later", "tooManyRequests"),
        500 => ("Internal Server Error occurred.", "applicationError"),
        501 => ("Not implemented", "notImplemented"),
        502 => ("Bad gateway", "badGateway"),
        503 => ("Service unavailable", "serviceUnavailable"),
        504 => ("Gateway timeout", "gatewayTimeout"),
        _ => ("Error", "error"),
    }
}
