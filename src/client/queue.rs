//! The Queue API (component and flow jobs) over the shared HTTP core: finding its host from
//! the stack, its URLs (`jobs/{id}`, `search/jobs`, `jobs/{id}/kill`), the search query
//! (`QueueQuery`), creating a job (`POST /jobs`, sent at most once), and decoding answers
//! into `RawQueueJob`s. Never prints.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use reqwest::Url;
use serde_json::Value;

use super::error::{ApiError, unexpected_body};
use super::fan_out::{MAX_IN_FLIGHT, in_order};
use super::http::{Http, base_url, endpoint};
use super::storage::{StorageClient, api_time};
use crate::model::{RawQueueJob, split_array};

/// One search of `GET /search/jobs`, as typed values; [`QueueQuery::pairs`] spells it the
/// way the API takes it (arrays as `name[]=v`, repeated). Empty fields are not sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueQuery {
    pub ids: Vec<u64>,
    pub run_ids: Vec<String>,
    pub statuses: Vec<String>,
    pub components: Vec<String>,
    pub configs: Vec<String>,
    pub types: Vec<String>,
    pub branches: Vec<String>,
    /// Exactly this parent runId: the children of a flow or phase.
    pub parent_run_id: Option<String>,
    pub created_from: Option<jiff::Timestamp>,
    pub created_to: Option<jiff::Timestamp>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    /// `id`, `createdTime`, ... (the server's default is `id`).
    pub sort_by: Option<&'static str>,
    /// `asc` or `desc` (the server's default is `desc`).
    pub sort_order: Option<&'static str>,
}

impl QueueQuery {
    /// The query parameters in the order they are sent. Times go in UTC with an explicit
    /// offset, to the second, as for storage jobs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        let arrays: [(&'static str, Vec<String>); 7] = [
            ("id[]", self.ids.iter().map(u64::to_string).collect()),
            ("runId[]", self.run_ids.clone()),
            ("status[]", self.statuses.clone()),
            ("componentId[]", self.components.clone()),
            ("configId[]", self.configs.clone()),
            ("type[]", self.types.clone()),
            ("branchId[]", self.branches.clone()),
        ];
        for (name, values) in arrays {
            q.extend(values.into_iter().map(|v| (name, v)));
        }
        if let Some(p) = &self.parent_run_id {
            q.push(("parentRunId", p.clone()));
        }
        if let Some(t) = self.created_from {
            q.push(("createdTimeFrom", api_time(t)));
        }
        if let Some(t) = self.created_to {
            q.push(("createdTimeTo", api_time(t)));
        }
        if let Some(n) = self.limit {
            q.push(("limit", n.to_string()));
        }
        if let Some(n) = self.offset {
            q.push(("offset", n.to_string()));
        }
        if let Some(s) = self.sort_by {
            q.push(("sortBy", s.to_owned()));
        }
        if let Some(s) = self.sort_order {
            q.push(("sortOrder", s.to_owned()));
        }
        q
    }
}

/// What asking to kill a job came to.
#[derive(Debug)]
pub enum KillOutcome {
    /// 202: the job is on its way to `terminating`; the server's answer.
    Accepted(Box<RawQueueJob>),
    /// 400: the job is in no killable state (it has finished); the server's reason.
    NotKillable(String),
}

/// The Queue API of one stack: the shared HTTP core and the queue host's base URL.
#[derive(Clone)]
pub struct QueueClient {
    http: Http,
    base: Arc<RwLock<Url>>,
    /// Set when the base came from a cache: how to find the host again if it is wrong.
    recover: Option<Arc<Recover>>,
}

/// Called with the stack's base URL and the queue host found for it.
pub type OnDiscovered = Arc<dyn Fn(&Url, &Url) + Send + Sync>;

/// What a client whose host came from a cache needs to look for it again, once.
struct Recover {
    storage: StorageClient,
    insecure_http: bool,
    on_discovered: OnDiscovered,
    /// Taken by the first request that finds the cached host wrong.
    done: tokio::sync::Mutex<bool>,
    /// The host has answered: no more first tries.
    verified: AtomicBool,
}

impl QueueClient {
    /// Finds the stack's Queue API. `explicit` (`--queue-host`, `KBC_QUEUE_API_HOST`, the
    /// profile's `queue_host`) wins; else the Storage API index (`GET /v2/storage`) names it
    /// in `services`; else a leading `connection.` of the stack's host becomes `queue.`.
    ///
    /// A queue host the index names must be the stack's own domain (or loopback): the token
    /// goes there, and a stack's index should not be able to send it elsewhere. Fails with
    /// the index's own error (401, unreachable, ...) or `ApiError::Usage` when no queue
    /// host can be found.
    pub async fn discover(
        storage: &StorageClient,
        explicit: Option<&str>,
        insecure_http: bool,
    ) -> Result<QueueClient, ApiError> {
        let http = storage.http().clone();
        let base = match explicit.filter(|h| !h.trim().is_empty()) {
            Some(host) => base_url(host, insecure_http).map_err(ApiError::Usage)?,
            None => discover_base(storage, insecure_http).await?,
        };
        Ok(QueueClient {
            http,
            base: Arc::new(RwLock::new(base)),
            recover: None,
        })
    }

    /// Like [`QueueClient::discover`] without an explicit host, but `cached` (a host found
    /// earlier for this stack) is used without asking the index. Should it turn out wrong
    /// (it cannot be reached, or what answers is not a Queue API), the host is discovered
    /// again once, `on_discovered` is told, and the request is sent again. A freshly
    /// discovered host is told to `on_discovered` too. A cached host outside the stack's
    /// domain is ignored.
    pub async fn discover_cached(
        storage: &StorageClient,
        cached: Option<Url>,
        insecure_http: bool,
        on_discovered: OnDiscovered,
    ) -> Result<QueueClient, ApiError> {
        let http = storage.http().clone();
        let cached = cached.filter(|c| {
            same_stack(storage.base(), c) && (c.scheme() == "https" || insecure_http || loopback(c))
        });
        if let Some(base) = cached {
            return Ok(QueueClient {
                http,
                base: Arc::new(RwLock::new(base)),
                recover: Some(Arc::new(Recover {
                    storage: storage.clone(),
                    insecure_http,
                    on_discovered,
                    done: tokio::sync::Mutex::new(false),
                    verified: AtomicBool::new(false),
                })),
            });
        }
        let base = discover_base(storage, insecure_http).await?;
        on_discovered(storage.base(), &base);
        Ok(QueueClient {
            http,
            base: Arc::new(RwLock::new(base)),
            recover: None,
        })
    }

    fn base_now(&self) -> Url {
        self.base
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Sends `GET` (or `POST`) of `path` under the base. A cached host is tried once
    /// without retries until it has answered; if it cannot be reached or is not a Queue
    /// API, the host is discovered again (once per run) and the request repeated there
    /// with the usual retries; any other failure of that first try is repeated the
    /// usual way.
    ///
    /// A `Create` request is never repeated once it may have reached the server: only
    /// when its first try could not connect to the cached host, or what answered is not
    /// a Queue API, is it sent to the host found again.
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&'static str, String)],
    ) -> Result<(Url, String), ApiError> {
        let url = endpoint(&self.base_now(), path, query);
        let recover = match &self.recover {
            Some(r) if !r.verified.load(Ordering::Relaxed) => r,
            _ => {
                return self
                    .send_to(&self.http, &method, url.clone())
                    .await
                    .map(|b| (url, b));
            }
        };
        let once = self.http.without_retries();
        match self.send_to(&once, &method, url.clone()).await {
            Ok(body) => {
                recover.verified.store(true, Ordering::Relaxed);
                return Ok((url, body));
            }
            Err(e) if looks_like_wrong_host(&e) => {
                let mut done = recover.done.lock().await;
                if !*done {
                    *done = true;
                    let found = discover_base(&recover.storage, recover.insecure_http).await?;
                    (recover.on_discovered)(recover.storage.base(), &found);
                    *self
                        .base
                        .write()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = found;
                }
            }
            // What the retries are for is left to them; anything else is the answer.
            Err(ApiError::Http {
                status: 408 | 429 | 500..=599,
                ..
            }) if !matches!(method, Method::Create(_)) => {}
            Err(e) => return Err(e),
        }
        let url = endpoint(&self.base_now(), path, query);
        let body = self.send_to(&self.http, &method, url.clone()).await?;
        recover.verified.store(true, Ordering::Relaxed);
        Ok((url, body))
    }

    /// One request; a 404 that is not the Queue API's own error body becomes `NotQueue`.
    async fn send_to(&self, http: &Http, method: &Method, url: Url) -> Result<String, ApiError> {
        let answer = match method {
            Method::Get => http.get(url).await,
            Method::Post => http.post(url).await,
            Method::Create(body) => http.post_once(url, body.clone()).await,
        };
        match answer {
            Err(ApiError::Http {
                status: 404,
                url,
                detail,
                api_error: false,
            }) => Err(ApiError::NotQueue {
                url,
                detail: format!(
                    "it answered HTTP 404{detail}, not the Queue API's own error; check \
                     --queue-host (or let the stack's index name it)"
                ),
            }),
            other => other,
        }
    }

    /// The queue host's base URL.
    #[cfg(test)]
    pub fn base(&self) -> Url {
        self.base_now()
    }

    /// Fetches one job. 404 becomes `ApiError::NotFound`.
    pub async fn job(&self, id: u64) -> Result<RawQueueJob, ApiError> {
        let (url, body) = match self.send(Method::Get, &format!("jobs/{id}"), &[]).await {
            Err(ApiError::Http { status: 404, .. }) => return Err(ApiError::NotFound { id }),
            other => other?,
        };
        RawQueueJob::parse(&body).map_err(|e| unexpected_body(&url, "a queue job", &body, &e))
    }

    /// Fetches several jobs, a few at a time; results in the order of `ids`.
    pub async fn jobs(&self, ids: &[u64]) -> Vec<Result<RawQueueJob, ApiError>> {
        let client = self.clone();
        in_order(ids.to_vec(), MAX_IN_FLIGHT, move |id| {
            let client = client.clone();
            async move { client.job(id).await }
        })
        .await
    }

    /// One page of `GET /search/jobs`. Search is eventually consistent: a state seen here
    /// may lag the job's detail, which is the truth for "is it finished?".
    pub async fn search(&self, query: &QueueQuery) -> Result<Vec<RawQueueJob>, ApiError> {
        self.search_with(query, RawQueueJob::parse).await
    }

    /// Like [`QueueClient::search`], but each job's typed view holds only what paging
    /// reads, from the job's brief (see [`RawQueueJob::parse_head`]): for output that
    /// passes the bytes through.
    pub async fn search_heads(&self, query: &QueueQuery) -> Result<Vec<RawQueueJob>, ApiError> {
        self.search_with(query, RawQueueJob::parse_head).await
    }

    async fn search_with(
        &self,
        query: &QueueQuery,
        parse: fn(&str) -> Result<RawQueueJob, serde_json::Error>,
    ) -> Result<Vec<RawQueueJob>, ApiError> {
        let (url, body) = self
            .send(Method::Get, "search/jobs", &query.pairs())
            .await?;
        let what = "a list of queue jobs";
        let items = split_array(&body).map_err(|e| unexpected_body(&url, what, &body, &e))?;
        items
            .iter()
            .map(|raw| parse(raw.get()).map_err(|e| unexpected_body(&url, what, raw.get(), &e)))
            .collect()
    }

    /// Creates a job: `POST /jobs` with `body` (JSON), sent at most once (see
    /// [`Http::post_once`]); the answer is the created job. Fails with
    /// `ApiError::Unconfirmed` when the job may or may not have been created, and with
    /// `ApiError::Http` (400, 401, 403, 404, ...) carrying the server's message when it
    /// was refused.
    pub async fn create_job(&self, body: String) -> Result<RawQueueJob, ApiError> {
        let (url, answer) = self.send(Method::Create(body), "jobs", &[]).await?;
        RawQueueJob::parse(&answer)
            .map_err(|e| unexpected_body(&url, "the created job", &answer, &e))
    }

    /// Asks the server to kill a job: 202 is `Accepted`, 400 (already finished) is
    /// `NotKillable`, 404 is `ApiError::NotFound`.
    pub async fn kill(&self, id: u64) -> Result<KillOutcome, ApiError> {
        match self
            .send(Method::Post, &format!("jobs/{id}/kill"), &[])
            .await
        {
            Ok((url, body)) => RawQueueJob::parse(&body)
                .map(|job| KillOutcome::Accepted(Box::new(job)))
                .map_err(|e| unexpected_body(&url, "a queue job", &body, &e)),
            Err(ApiError::Http { status: 404, .. }) => Err(ApiError::NotFound { id }),
            Err(ApiError::Http {
                status: 400,
                detail,
                ..
            }) => Ok(KillOutcome::NotKillable(
                detail.trim_start_matches(": ").to_owned(),
            )),
            Err(e) => Err(e),
        }
    }
}

/// How a request goes out.
enum Method {
    Get,
    /// A POST without a body that may be repeated (a kill).
    Post,
    /// A POST of this JSON body that must never be sent twice (see [`Http::post_once`]).
    Create(String),
}

/// The queue host the stack names in its index, else the one guessed from its host name.
async fn discover_base(storage: &StorageClient, insecure_http: bool) -> Result<Url, ApiError> {
    let http = storage.http();
    let stack = storage.base();
    let index = endpoint(stack, "v2/storage", &[("exclude", "components".to_owned())]);
    let listed = match http.get(index.clone()).await {
        Ok(body) => index_services(&index, &body).map(|services| queue_service(&services))?,
        // An older or trimmed-down stack without the index: guess from the host.
        Err(ApiError::Http {
            status: 400 | 404 | 405,
            ..
        }) => None,
        Err(e) => return Err(e),
    };
    match listed {
        Some(url) => {
            let base = base_url(&url, insecure_http).map_err(ApiError::Usage)?;
            if !same_stack(stack, &base) {
                return Err(ApiError::Usage(format!(
                    "the stack's index names a Queue API at {} outside the stack's domain; \
                     pass --queue-host to use it",
                    base.origin().ascii_serialization()
                )));
            }
            Ok(base)
        }
        None => guessed(stack).ok_or_else(|| {
            ApiError::Usage(format!(
                "cannot find the Queue API of {}: its index names no queue service and \
                 the host does not start with 'connection.'; pass --queue-host",
                stack.origin().ascii_serialization()
            ))
        }),
    }
}

/// Errors that say the host is not (or no longer) the stack's Queue API: it cannot be
/// reached, its name does not resolve, or what answers is something else.
fn looks_like_wrong_host(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Transport { .. }
            | ApiError::Unresolved { .. }
            | ApiError::NotQueue { .. }
            | ApiError::NotKeboola { .. }
    )
}

#[cfg(test)]
fn search_url(base: &Url, query: &QueueQuery) -> Url {
    endpoint(base, "search/jobs", &query.pairs())
}

/// The `services` of a Storage API index; a body that is not JSON, or not an object with
/// a `services` list, is not an index (what answered is something else).
fn index_services(url: &Url, body: &str) -> Result<Value, ApiError> {
    let what = "the stack's index (an object with its services)";
    let v: Value = serde_json::from_str(body).map_err(|e| unexpected_body(url, what, body, &e))?;
    match v.get("services") {
        Some(services @ Value::Array(_)) => Ok(services.clone()),
        _ => Err(ApiError::BadBody {
            url: url.to_string(),
            status: 200,
            detail: format!("{what} expected, but it lists no services"),
        }),
    }
}

/// The `url` of the `queue` entry of an index's `services`.
fn queue_service(services: &Value) -> Option<String> {
    services
        .as_array()?
        .iter()
        .find(|s| s.get("id").and_then(Value::as_str) == Some("queue"))?
        .get("url")?
        .as_str()
        .map(str::to_owned)
}

/// `https://connection.X` -> `https://queue.X`, keeping scheme and port.
fn guessed(stack: &Url) -> Option<Url> {
    let host = stack.host_str()?;
    let rest = host.strip_prefix("connection.")?;
    let mut url = stack.clone();
    url.set_host(Some(&format!("queue.{rest}"))).ok()?;
    url.set_path("/");
    Some(url)
}

fn loopback(u: &Url) -> bool {
    match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Whether `queue` belongs to the stack at `stack`: both on loopback; the same host (an
/// IP address must be exactly the same: its "parent" is no one's domain); or a name under
/// the stack host's parent domain (`connection.X` -> `*.X`), provided that parent is a
/// registrable domain and not a public suffix (`kbc.co.uk` does not vouch for
/// `evil.co.uk`).
fn same_stack(stack: &Url, queue: &Url) -> bool {
    if loopback(stack) && loopback(queue) {
        return true;
    }
    match (stack.host(), queue.host()) {
        (Some(url::Host::Domain(s)), Some(url::Host::Domain(q))) => {
            let s = s.trim_end_matches('.').to_ascii_lowercase();
            let q = q.trim_end_matches('.').to_ascii_lowercase();
            if s == q {
                return true;
            }
            match s.split_once('.') {
                Some((_, parent)) if !is_public_suffix(parent) => {
                    q.ends_with(&format!(".{parent}"))
                }
                _ => false,
            }
        }
        (Some(s), Some(q)) => s == q,
        _ => false,
    }
}

/// Second-level labels under which country domains register names for anyone
/// (`co.uk`, `com.au`, `ac.jp`, `gov.br`, ...).
const OPEN_SECOND_LEVEL: [&str; 16] = [
    "ac", "co", "com", "edu", "gob", "gov", "go", "ltd", "mil", "ne", "net", "nom", "or", "org",
    "plc", "sch",
];

/// Whether `domain` is a suffix under which anyone may register a name, by a short rule
/// rather than the whole Public Suffix List (a crate of thousands of rules, minutes of
/// build, for stacks that all live under `keboola.com` or a customer's own domain): a
/// single label (`com`, `cloud`), or a country code under one of the open second-level
/// labels (`co.uk`, `com.au`).
fn is_public_suffix(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [_] => true,
        [second, country] => country.len() == 2 && OPEN_SECOND_LEVEL.contains(second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::model::{QueueStatus, parse_timestamp};
    use crate::sim::{Anchor, KILL_MS, QueueJobSpec, Sim, SimServer};

    async fn discovered(sim: Sim) -> (SimServer, QueueClient) {
        let (server, storage) = crate::client::sim_client(&sim, 0).await;
        let queue = QueueClient::discover(&storage, None, false).await.unwrap();
        (server, queue)
    }

    #[tokio::test]
    async fn the_simulator_index_leads_to_its_queue_listener() {
        let sim = Sim::empty();
        sim.add_raw_queue_job(
            10440535,
            include_str!("../../tests/fixtures/queue/queue-standard-success.json"),
        );
        let (server, queue) = discovered(sim).await;
        assert_eq!(queue.base().as_str(), format!("{}/", server.queue_url()));
        assert_ne!(server.queue_url(), server.url());
        let job = queue.job(10440535).await.unwrap();
        assert_eq!(job.job.status, QueueStatus::Success);
        assert!(
            job.raw()
                .contains(r#""url":"https:\/\/queue.keboola.com\/jobs\/10440535""#)
        );
        assert!(matches!(
            queue.job(99).await,
            Err(ApiError::NotFound { id: 99 })
        ));
        let paths: Vec<String> = server
            .sim()
            .requests()
            .iter()
            .map(|r| r.path.clone())
            .collect();
        assert_eq!(paths, ["/v2/storage", "/jobs/10440535", "/jobs/99"]);
    }

    #[tokio::test]
    async fn a_kill_shows_in_the_detail_at_once_and_in_search_after_the_lag() {
        let sim = Sim::empty();
        sim.set_search_lag(Duration::from_millis(400));
        let now = sim.hold_clock();
        sim.add_queue_job(
            QueueJobSpec::standard(7, "keboola.ex-http", "1", Anchor::Fixed(now - 5_000))
                .times(0, 1_000, 3_600_000),
        );
        sim.add_queue_job(
            QueueJobSpec::standard(8, "keboola.ex-http", "1", Anchor::Fixed(now - 5_000))
                .times(0, 1_000, 2_000),
        );
        let (server, queue) = discovered(sim).await;
        let by_id = QueueQuery {
            ids: vec![7],
            ..QueueQuery::default()
        };
        match queue.kill(7).await.unwrap() {
            KillOutcome::Accepted(job) => {
                assert_eq!(job.job.status, QueueStatus::Terminating);
                assert_eq!(job.job.desired_status.as_deref(), Some("terminating"));
            }
            other => panic!("{other:?}"),
        }
        let lagging = queue.search(&by_id).await.unwrap();
        assert_eq!(lagging[0].job.status, QueueStatus::Processing);
        assert!(matches!(
            queue.kill(8).await.unwrap(),
            KillOutcome::NotKillable(reason) if reason.contains("not in one of killable states")
        ));
        assert!(matches!(
            queue.kill(9).await,
            Err(ApiError::NotFound { id: 9 })
        ));
        // Terminated once the kill has taken its time, and search has caught up.
        server
            .sim()
            .advance_clock(Duration::from_millis(KILL_MS as u64 + 800));
        assert_eq!(
            queue.job(7).await.unwrap().job.status,
            QueueStatus::Terminated
        );
        assert_eq!(
            queue.search(&by_id).await.unwrap()[0].job.status,
            QueueStatus::Terminated
        );
        drop(server);
    }

    #[tokio::test]
    async fn a_creation_is_sent_once_whatever_befalls_its_answer() {
        use crate::sim::{Fault, FaultKind, FaultTarget};
        let sim = Sim::demo(42);
        let (server, queue) = discovered(sim).await;
        let body = r#"{"component":"keboola.ex-http","config":"503118","mode":"run"}"#;
        let created = queue.create_job(body.to_owned()).await.unwrap();
        assert_eq!(created.job.status, QueueStatus::Created);
        let on_create = FaultTarget::Path("/jobs".into());
        for kind in [
            FaultKind::Status {
                code: 503,
                body: None,
                retry_after: None,
            },
            FaultKind::Drop,
            FaultKind::Truncated,
        ] {
            server
                .sim()
                .push_fault(Fault::new(kind.clone()).on(on_create.clone()));
            let e = queue.create_job(body.to_owned()).await.unwrap_err();
            assert!(matches!(e, ApiError::Unconfirmed { .. }), "{kind:?}: {e}");
        }
        let posts: Vec<_> = server
            .sim()
            .requests()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect();
        assert_eq!(posts.len(), 4, "one POST each, never a second");
        assert!(posts.iter().all(|r| r.body == body));
        let refused = queue
            .create_job(r#"{"component":"keboola.ex-http","config":"1"}"#.to_owned())
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, ApiError::Http { status: 404, detail, .. } if detail.contains("not found")),
            "{refused}"
        );
        drop(server);
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn the_index_names_the_queue_service() {
        let index = include_str!("../../tests/fixtures/queue/storage-index-services.json");
        let at = url("https://connection.keboola.com/v2/storage");
        let service = |body: &str| index_services(&at, body).map(|s| queue_service(&s));
        assert_eq!(
            service(index).unwrap().as_deref(),
            Some("https://queue.keboola.com")
        );
        assert_eq!(service(r#"{"services":[]}"#).unwrap(), None);
        assert_eq!(service(r#"{"services":[{"id":"queue"}]}"#).unwrap(), None);
        let not_index = |body: &str| match service(body) {
            Err(ApiError::BadBody { detail, .. }) => detail,
            other => panic!("{other:?}"),
        };
        assert!(not_index(r#"{"api":"storage"}"#).contains("lists no services"));
        assert!(not_index("<html>").contains("not JSON"));
        assert!(not_index("[]").contains("lists no services"));
    }

    #[test]
    fn without_the_index_connection_becomes_queue() {
        let g = |s: &str| guessed(&url(s)).map(|u| u.to_string());
        assert_eq!(
            g("https://connection.eu-central-1.keboola.com/").as_deref(),
            Some("https://queue.eu-central-1.keboola.com/")
        );
        assert_eq!(
            g("http://connection.localhost:8080/x").as_deref(),
            Some("http://queue.localhost:8080/")
        );
        assert_eq!(g("https://storage.example.com/"), None);
    }

    #[test]
    fn a_listed_queue_host_must_belong_to_the_stack() {
        let ok = |s: &str, q: &str| same_stack(&url(s), &url(q));
        assert!(ok(
            "https://connection.keboola.com",
            "https://queue.keboola.com"
        ));
        assert!(ok(
            "https://connection.north-europe.azure.keboola.com",
            "https://queue.north-europe.azure.keboola.com"
        ));
        assert!(ok("http://127.0.0.1:8080", "http://127.0.0.1:9090"));
        assert!(!ok(
            "https://connection.keboola.com",
            "https://queue.evil.example"
        ));
        assert!(!ok(
            "https://connection.keboola.com",
            "https://keboola.com.evil.io"
        ));
        assert!(!ok("https://keboola.com", "https://queue.com"));
        assert!(!ok("http://127.0.0.1:8080", "https://queue.keboola.com"));
        // An IP address has no parent domain: only the same address.
        assert!(!ok("https://10.1.2.3", "https://99.1.2.3"));
        assert!(!ok("https://10.1.2.3", "https://10.1.2.33"));
        assert!(ok("https://10.1.2.3", "https://10.1.2.3:8443"));
        assert!(!ok("https://[2001:db8::1]", "https://[2001:db8::2]"));
        // A public suffix vouches for nobody.
        assert!(!ok("https://kbc.co.uk", "https://evil.co.uk"));
        assert!(!ok("https://kbc.com.au", "https://queue.evil.com.au"));
        assert!(ok(
            "https://connection.kbc.co.uk",
            "https://queue.kbc.co.uk"
        ));
        assert!(ok(
            "https://connection.keboola.com.",
            "https://QUEUE.keboola.com"
        ));
    }

    #[test]
    fn a_search_is_sent_with_array_filters_in_a_fixed_order() {
        let q = QueueQuery {
            ids: vec![1, 2],
            statuses: vec!["error".into(), "warning".into()],
            components: vec!["keboola.orchestrator".into()],
            parent_run_id: Some("10.11".into()),
            created_from: parse_timestamp("2026-11-29T10:00:00+01:00").map(|t| t.to_utc()),
            limit: Some(500),
            offset: Some(0),
            sort_by: Some("id"),
            sort_order: Some("desc"),
            ..QueueQuery::default()
        };
        let base = url("https://queue.keboola.com");
        assert_eq!(
            search_url(&base, &q).as_str(),
            "https://queue.keboola.com/search/jobs?id%5B%5D=1&id%5B%5D=2\
             &status%5B%5D=error&status%5B%5D=warning&componentId%5B%5D=keboola.orchestrator\
             &parentRunId=10.11&createdTimeFrom=2026-11-29T09%3A00%3A00%2B00%3A00\
             &limit=500&offset=0&sortBy=id&sortOrder=desc"
        );
        assert_eq!(
            search_url(&base, &QueueQuery::default()).as_str(),
            "https://queue.keboola.com/search/jobs"
        );
    }
}
