//! The HTTP core every API of a stack shares: the reqwest client, the token header (marked
//! sensitive), User-Agent, retries with backoff and `Retry-After`, same-origin redirects,
//! the body cap, transport error detail and the `Observer` events. It takes whole URLs and
//! knows nothing of jobs or of any API's paths; it never prints.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use reqwest::Url;
use reqwest::header::{
    ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION, RETRY_AFTER, USER_AGENT,
};

use super::Settings;
use super::error::{ApiError, describe_error_body, is_api_error_body};
use super::redact::redact;
use super::retry::{self, backoff, is_retryable_status, parse_retry_after};

/// Keboola's APIs (Storage, Queue, ...) all take the Storage API token in this header.
const TOKEN_HEADER: &str = "X-StorageApi-Token";
/// No job or page of jobs comes near this; a body beyond it is a broken or hostile server.
const MAX_BODY_BYTES: u64 = 64 << 20;
const MAX_REDIRECTS: usize = 5;
/// After this long without an answer's first byte, the observer hears of it (a host that
/// accepts connections and never answers would otherwise wait in silence).
pub const SLOW_NOTICE: Duration = Duration::from_secs(3);
/// Until a host has answered once, this is how long a request waits for the answer to
/// begin (connect and first byte; reading a long body still has `--request-timeout`).
/// Keboola's APIs begin answering a job or a page of jobs within a second or two; a host
/// that has never answered is likelier a wrong address or a stalled proxy than slow, and
/// its retries then cost 10 s each rather than 30 s.
pub const FIRST_ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the client is doing, for progress and `--debug` lines. Holds no token.
#[derive(Debug, Clone)]
pub enum HttpEvent {
    /// A response arrived (any status).
    Response {
        method: &'static str,
        url: String,
        status: u16,
        elapsed: Duration,
    },
    /// A request failed before a response.
    Failed {
        method: &'static str,
        url: String,
        detail: String,
        elapsed: Duration,
    },
    /// About to wait and try again.
    Retry {
        url: String,
        reason: String,
        wait: Duration,
        attempt: u32,
        of: u32,
    },
    /// Following a same-origin redirect.
    Redirect { from: String, to: String },
    /// A request has had no answer for `waited`; it waits until `limit` in all, then
    /// (after retry `attempt` of `of`, when some are left) tries again.
    Slow {
        method: &'static str,
        url: String,
        waited: Duration,
        limit: Duration,
        attempt: u32,
        of: u32,
    },
}

pub type Observer = Arc<dyn Fn(&HttpEvent) + Send + Sync>;

/// The shared HTTP core: one connection pool, the token, the retry count and the observer.
/// Cheap to clone (everything inside is shared), so each API module of a stack holds its own
/// copy next to its own base URL.
#[derive(Clone)]
pub struct Http {
    http: reqwest::Client,
    token: HeaderValue,
    /// The token as text, to take it out of what servers send back.
    secret: Arc<str>,
    retries: u32,
    observer: Observer,
    /// How long a request waits for its answer to begin: `--request-timeout`, or less
    /// until the host has answered once (`answered`).
    request_timeout: Duration,
    answered: Arc<AtomicBool>,
}

impl Http {
    /// Builds the core from the token, timeout and retry count of `settings` (the host is
    /// not the core's: each API turns it into its own base URL). Fails with
    /// `ApiError::Usage` on a token that cannot be sent.
    pub fn new(settings: &Settings, observer: Observer) -> Result<Http, ApiError> {
        let mut token = HeaderValue::from_str(settings.token.trim()).map_err(|_| {
            ApiError::Usage("the token contains characters that cannot be sent in a header".into())
        })?;
        if token.is_empty() {
            return Err(ApiError::Usage("the token is empty".into()));
        }
        token.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(concat!("jobctl/", env!("CARGO_PKG_VERSION"))),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            // Redirects are followed by hand so that the token never leaves for another origin.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.request_timeout.min(Duration::from_secs(10)))
            .timeout(settings.request_timeout)
            .build()
            .map_err(|e| ApiError::Usage(format!("cannot set up HTTP: {e}")))?;
        Ok(Http {
            http,
            token,
            secret: Arc::from(settings.token.trim()),
            retries: settings.retries,
            observer,
            request_timeout: settings.request_timeout,
            answered: Arc::default(),
        })
    }

    /// The same core that tries each request once: for a first look at a host that may be
    /// gone, where waiting through the retries would only delay finding the right one.
    pub fn without_retries(&self) -> Http {
        Http {
            retries: 0,
            ..self.clone()
        }
    }

    /// GET with retries, redirects within `url`'s origin and a body limit; returns the 2xx
    /// body. Any other status is `ApiError::Http` (after retries, for the retryable ones);
    /// what a status means for one API (a 404 for a job) is that API's to say.
    pub async fn get(&self, url: Url) -> Result<String, ApiError> {
        self.send(reqwest::Method::GET, url).await
    }

    /// POST without a body, with the retries, redirects and limits of [`Http::get`]: for
    /// requests that may safely be repeated (asking to kill a job twice is asking once).
    pub async fn post(&self, url: Url) -> Result<String, ApiError> {
        self.send(reqwest::Method::POST, url).await
    }

    /// POST of a JSON body for a request that must never reach the server twice (creating
    /// a job): it is sent again only when the connection failed before anything was sent
    /// (refused, no route, a TLS handshake that failed), up to the retry count. Once the
    /// request may have been sent, any failure without a definite answer (a timeout, a
    /// connection dropped, a body that broke off) and any 5xx answer is
    /// `ApiError::Unconfirmed`; other non-2xx answers are `ApiError::Http`; a redirect is
    /// not followed (it would send the body again) and is `ApiError::Redirect`. Until it
    /// is sent, it waits the whole request timeout for its answer.
    pub async fn post_once(&self, url: Url, body: String) -> Result<String, ApiError> {
        let body = bytes::Bytes::from(body);
        let mut attempt = 0;
        loop {
            let failure = match self
                .send_once(&reqwest::Method::POST, &url, attempt, Some(&body))
                .await
            {
                Ok(Answer::Body(body)) => return Ok(body),
                Ok(Answer::Redirect(to)) => {
                    return Err(ApiError::Redirect {
                        url: url.to_string(),
                        detail: format!(
                            "to {to}; jobctl does not send a job's creation twice, so it did \
                             not follow (nothing was created by this answer)"
                        ),
                    });
                }
                Ok(Answer::Status { status, body, .. }) if status >= 500 => {
                    return Err(ApiError::Unconfirmed {
                        url: url.to_string(),
                        detail: format!("HTTP {status}{}", describe_error_body(&body)),
                    });
                }
                Ok(Answer::Status { status, body, .. }) => {
                    return Err(ApiError::Http {
                        status,
                        url: url.to_string(),
                        detail: describe_error_body(&body),
                        api_error: is_api_error_body(&body),
                    });
                }
                Err(failure) => failure,
            };
            let detail = match failure {
                Failure::Unsent(ApiError::Transport { detail, .. })
                | Failure::Unready(ApiError::Transport { detail, .. })
                    if attempt < self.retries =>
                {
                    detail
                }
                Failure::Unsent(e) | Failure::Unready(e) => return Err(e),
                Failure::Maybe(ApiError::Transport { url, detail }) => {
                    return Err(ApiError::Unconfirmed { url, detail });
                }
                Failure::Maybe(e) => return Err(e),
            };
            let wait = backoff(attempt);
            attempt += 1;
            (self.observer)(&HttpEvent::Retry {
                url: url.to_string(),
                reason: format!("{detail} (nothing was sent)"),
                wait,
                attempt,
                of: self.retries,
            });
            tokio::time::sleep(wait).await;
        }
    }

    async fn send(&self, method: reqwest::Method, url: Url) -> Result<String, ApiError> {
        let origin = url.origin();
        let mut attempt = 0;
        let mut url = url;
        let mut redirects = 0;
        loop {
            let outcome = self
                .send_once(&method, &url, attempt, None)
                .await
                .map_err(Failure::into_error);
            let (reason, retry_after) = match outcome {
                Ok(Answer::Body(body)) => return Ok(body),
                Ok(Answer::Redirect(to)) => {
                    redirects += 1;
                    url = self.check_redirect(&origin, &url, to, redirects)?;
                    continue;
                }
                Ok(Answer::Status {
                    status,
                    body,
                    retry_after,
                }) => {
                    let detail = describe_error_body(&body);
                    if !is_retryable_status(status) || attempt >= self.retries {
                        return Err(ApiError::Http {
                            status,
                            url: url.to_string(),
                            detail,
                            api_error: is_api_error_body(&body),
                        });
                    }
                    (format!("HTTP {status}{detail}"), retry_after)
                }
                Err(e) if attempt >= self.retries => return Err(e),
                Err(ApiError::Transport { detail, .. }) => (detail, None),
                Err(e) => return Err(e),
            };
            let wait = retry_after.unwrap_or_else(|| backoff(attempt));
            if wait > retry::MAX_RETRY_AFTER {
                return Err(ApiError::Transport {
                    url: url.to_string(),
                    detail: format!(
                        "{reason}; the server asks to retry in {}s, which is longer than jobctl waits",
                        wait.as_secs()
                    ),
                });
            }
            attempt += 1;
            (self.observer)(&HttpEvent::Retry {
                url: url.to_string(),
                reason,
                wait,
                attempt,
                of: self.retries,
            });
            tokio::time::sleep(wait).await;
        }
    }

    /// One request (with `body` as JSON when given): a body, a redirect, or a non-2xx
    /// answer; transport failures and unreadable bodies are errors, told apart by whether
    /// the request may have reached the server. A connection that closed before the
    /// request went out on it (a race with the server closing it) is replaced at once,
    /// a few times, without a notice or a retry spent: nothing was sent.
    async fn send_once(
        &self,
        method: &reqwest::Method,
        url: &Url,
        attempt: u32,
        body: Option<&bytes::Bytes>,
    ) -> Result<Answer, Failure> {
        let mut replaced = 0;
        loop {
            match self.send_attempt(method, url, attempt, body).await {
                Err(Failure::Unready(_)) if replaced < QUIET_RECONNECTS => replaced += 1,
                Err(Failure::Unready(e)) => return Err(Failure::Unsent(e)),
                outcome => return outcome,
            }
        }
    }

    async fn send_attempt(
        &self,
        method: &reqwest::Method,
        url: &Url,
        attempt: u32,
        body: Option<&bytes::Bytes>,
    ) -> Result<Answer, Failure> {
        let started = Instant::now();
        let name = method_name(method);
        let failed = |detail: String| self.failed(name, url, started, detail);
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .header(TOKEN_HEADER, self.token.clone());
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone());
        }
        // A request that must not be sent twice waits its whole time: giving up early
        // would leave it unknown whether it was done.
        let answered = self.answered.load(Ordering::Relaxed) || body.is_some();
        let limit = first_byte_limit(self.request_timeout, answered);
        let mut send = std::pin::pin!(request.send());
        let sent = match tokio::time::timeout(SLOW_NOTICE.min(limit), &mut send).await {
            Ok(sent) => sent,
            Err(_) if limit > SLOW_NOTICE => {
                (self.observer)(&HttpEvent::Slow {
                    method: name,
                    url: url.to_string(),
                    waited: SLOW_NOTICE,
                    limit,
                    attempt,
                    of: self.retries,
                });
                match tokio::time::timeout(limit - SLOW_NOTICE, &mut send).await {
                    Ok(sent) => sent,
                    Err(_) => return Err(Failure::Maybe(failed(no_answer(limit)))),
                }
            }
            Err(_) => return Err(Failure::Maybe(failed(no_answer(limit)))),
        };
        let response = match sent {
            Ok(response) => response,
            Err(e) => return Err(transport_failure(url, &e, failed)),
        };
        let status = response.status();
        self.answered.store(true, Ordering::Relaxed);
        (self.observer)(&HttpEvent::Response {
            method: name,
            url: url.to_string(),
            status: status.as_u16(),
            elapsed: started.elapsed(),
        });
        if status.is_redirection() {
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| url.join(&redact(loc.to_owned(), &self.secret)).ok());
            return match to {
                Some(to) => Ok(Answer::Redirect(to)),
                None => Err(Failure::Maybe(ApiError::Redirect {
                    url: url.to_string(),
                    detail: "without a usable Location".into(),
                })),
            };
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let body = self.read_body(response, url, failed).await?;
        if status.is_success() {
            Ok(Answer::Body(body))
        } else {
            Ok(Answer::Status {
                status: status.as_u16(),
                body,
                retry_after,
            })
        }
    }

    /// A transport failure of `method` on `url`, told to the observer.
    fn failed(
        &self,
        method: &'static str,
        url: &Url,
        started: Instant,
        detail: String,
    ) -> ApiError {
        (self.observer)(&HttpEvent::Failed {
            method,
            url: url.to_string(),
            detail: detail.clone(),
            elapsed: started.elapsed(),
        });
        ApiError::Transport {
            url: url.to_string(),
            detail,
        }
    }

    /// The whole body of `response` as text, at most [`MAX_BODY_BYTES`], the token
    /// redacted before anything reads it (a server that echoes it never gets it shown).
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        url: &Url,
        failed: impl Fn(String) -> ApiError,
    ) -> Result<String, Failure> {
        let status = response.status().as_u16();
        if response.content_length().unwrap_or(0) > MAX_BODY_BYTES {
            return Err(Failure::Maybe(too_large(url)));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| {
            Failure::Maybe(failed(format!(
                "the answer broke off: {}",
                transport_detail(&e)
            )))
        })? {
            if body.len() as u64 + chunk.len() as u64 > MAX_BODY_BYTES {
                return Err(Failure::Maybe(too_large(url)));
            }
            body.extend_from_slice(&chunk);
        }
        let body = String::from_utf8(body).map_err(|_| {
            Failure::Maybe(ApiError::BadBody {
                url: url.to_string(),
                status,
                detail: "a body that is not UTF-8 text".into(),
            })
        })?;
        Ok(redact(body, &self.secret))
    }

    fn check_redirect(
        &self,
        origin: &url::Origin,
        from: &Url,
        to: Url,
        count: usize,
    ) -> Result<Url, ApiError> {
        if count > MAX_REDIRECTS {
            return Err(ApiError::Redirect {
                url: from.to_string(),
                detail: format!("more than {MAX_REDIRECTS} times (a redirect loop?)"),
            });
        }
        if to.origin() != *origin {
            return Err(ApiError::Redirect {
                url: from.to_string(),
                detail: format!(
                    "to another origin ({}); jobctl does not send the token there",
                    to.origin().ascii_serialization()
                ),
            });
        }
        (self.observer)(&HttpEvent::Redirect {
            from: from.to_string(),
            to: to.to_string(),
        });
        Ok(to)
    }
}

/// A request that failed before a whole answer: whether it may have reached the server.
enum Failure {
    /// The connection never opened: nothing was sent.
    Unsent(ApiError),
    /// The connection closed before the request was handed to it: nothing was sent, and
    /// a new connection will likely do.
    Unready(ApiError),
    /// Sent, or perhaps sent: the server may have acted on it.
    Maybe(ApiError),
}

/// How many times a connection that closed before the request went out is replaced
/// without a word (see [`Failure::Unready`]).
const QUIET_RECONNECTS: u32 = 2;

/// Whether HTTP says the request was cancelled before it was written to the connection
/// (hyper's "connection was not ready" or "connection closed" with the request handed
/// back): then the server cannot have seen any of it.
fn never_dispatched(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(e);
    while let Some(error) = source {
        if error
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_canceled)
        {
            return true;
        }
        source = error.source();
    }
    false
}

impl Failure {
    fn into_error(self) -> ApiError {
        match self {
            Failure::Unsent(e) | Failure::Unready(e) | Failure::Maybe(e) => e,
        }
    }
}

enum Answer {
    Body(String),
    Redirect(Url),
    Status {
        status: u16,
        body: String,
        retry_after: Option<Duration>,
    },
}

/// How long a request waits for its answer to begin: the whole `request_timeout` once the
/// host has answered, else at most [`FIRST_ANSWER_TIMEOUT`].
fn first_byte_limit(request_timeout: Duration, answered: bool) -> Duration {
    match answered {
        true => request_timeout,
        false => request_timeout.min(FIRST_ANSWER_TIMEOUT),
    }
}

fn no_answer(limit: Duration) -> String {
    format!("timed out (no answer began within {})", seconds(limit))
}

/// `10s`, or `0.5s` for a wait that is not whole seconds.
pub fn seconds(d: Duration) -> String {
    match d.subsec_millis() {
        0 => format!("{}s", d.as_secs()),
        _ => format!("{:.1}s", d.as_secs_f64()),
    }
}

fn method_name(method: &reqwest::Method) -> &'static str {
    match *method {
        reqwest::Method::POST => "POST",
        _ => "GET",
    }
}

fn too_large(url: &Url) -> ApiError {
    ApiError::TooLarge {
        url: url.to_string(),
        limit_mib: MAX_BODY_BYTES >> 20,
    }
}

/// What a request that got no answer failed of: what will not fix itself (a name that does
/// not resolve, TLS on one side only) is its own error, not retried; a connection that
/// never opened carried nothing, nor did one that closed before the request was handed to
/// it; anything later may have reached the server.
fn transport_failure(
    url: &Url,
    e: &reqwest::Error,
    failed: impl FnOnce(String) -> ApiError,
) -> Failure {
    let detail = transport_detail(e);
    let error = failed(detail.clone());
    let error = match cause(url.scheme(), &chain(e)) {
        Cause::Dns => ApiError::Unresolved {
            url: url.to_string(),
            detail: format!("{detail}: the host name does not resolve; check --host"),
        },
        Cause::Mismatch(hint) => ApiError::NotKeboola {
            url: url.to_string(),
            detail: format!("{detail}; {hint}"),
        },
        Cause::Other => error,
    };
    if e.is_connect() {
        Failure::Unsent(error)
    } else if never_dispatched(e) {
        Failure::Unready(error)
    } else {
        Failure::Maybe(error)
    }
}

/// The text of every error in `e`'s source chain, outermost first.
fn chain(e: &reqwest::Error) -> Vec<String> {
    let mut texts = vec![e.to_string()];
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        texts.push(next.to_string());
        source = next;
    }
    texts
}

/// What a failed connection says about the host.
#[derive(Debug, PartialEq, Eq)]
enum Cause {
    /// The name does not resolve.
    Dns,
    /// TLS on one side only; the hint says which scheme to try.
    Mismatch(&'static str),
    /// Anything else: perhaps transient, worth a retry.
    Other,
}

/// Reads the cause from an error chain's texts (hyper-util's "dns error", rustls' and
/// hyper's parse errors): `scheme` is the one that was tried.
fn cause(scheme: &str, chain: &[String]) -> Cause {
    let any = |needle: &str| chain.iter().any(|t| t.contains(needle));
    if any("dns error") || any("failed to lookup address") {
        Cause::Dns
    } else if scheme == "https"
        && (any("InvalidContentType") || any("corrupt message") || any("wrong version number"))
    {
        Cause::Mismatch(
            "it does not speak TLS: if it is a plain HTTP server, use http:// instead of https://",
        )
    } else if scheme == "http" && (any("invalid HTTP version") || any("HTTP/0.9")) {
        Cause::Mismatch(
            "it did not answer in plain HTTP: if it speaks TLS, use https:// instead of http://",
        )
    } else {
        Cause::Other
    }
}

/// reqwest's error text plus its innermost cause, which says what actually went wrong.
fn transport_detail(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    format!("{kind} ({source})")
}

/// `path` under `base` (whose own path, if any, is kept), with `query` in the given order.
pub fn endpoint(base: &Url, path: &str, query: &[(&str, String)]) -> Url {
    let mut url = base.clone();
    let base_path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&format!("{base_path}/{path}"));
    if !query.is_empty() {
        url.query_pairs_mut()
            .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    url
}

/// Turns a host (`--host`) into a base URL: a bare host gets `https://`, a trailing `/` is
/// dropped, and plain `http://` is refused for anything but loopback unless allowed.
pub fn base_url(host: &str, insecure_http: bool) -> Result<Url, String> {
    let host = host.trim().trim_end_matches('/');
    if host.is_empty() {
        return Err("the host is empty".into());
    }
    let full = if host.contains("://") {
        host.to_owned()
    } else {
        format!("https://{host}")
    };
    let url = Url::parse(&full).map_err(|e| format!("invalid host '{host}': {e}"))?;
    match url.scheme() {
        "https" => {}
        "http" if insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "refusing to send the token over plain http to {}; use https:// or pass --insecure-http",
                url.host_str().unwrap_or("")
            ));
        }
        other => {
            return Err(format!(
                "invalid host '{host}': scheme {other} is not http(s)"
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("invalid host '{host}': no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "invalid host '{host}': credentials in the URL are not supported"
        ));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request offered to a connection that has already closed is handed back unsent,
    /// and that is what `never_dispatched` recognises; other failures are not.
    #[tokio::test]
    async fn a_request_on_a_connection_closed_before_it_went_out_was_never_dispatched() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = tokio::net::TcpStream::connect(listener.local_addr().unwrap());
        let (client, accepted) = tokio::join!(client, listener.accept());
        drop(accepted.unwrap());
        let io = hyper_util::rt::TokioIo::new(client.unwrap());
        let (mut sender, conn) = hyper::client::conn::http1::handshake::<_, String>(io)
            .await
            .unwrap();
        // The server hung up: the connection ends before anything is asked of it.
        let _ended = conn.await;
        let request = hyper::Request::get("/v2/storage/jobs")
            .body(String::new())
            .unwrap();
        let error = sender.send_request(request).await.unwrap_err();
        assert!(never_dispatched(&error), "{error:?}");
        let other = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        assert!(!never_dispatched(&other));
    }

    #[test]
    fn hosts_become_base_urls() {
        let base = |h: &str| base_url(h, false).map(|u| u.to_string());
        assert_eq!(
            base("connection.keboola.com").unwrap(),
            "https://connection.keboola.com/"
        );
        assert_eq!(
            base("https://connection.eu-central-1.keboola.com/").unwrap(),
            "https://connection.eu-central-1.keboola.com/"
        );
        assert_eq!(
            base("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(base("http://localhost:1/").unwrap(), "http://localhost:1/");
        assert_eq!(base("http://[::1]:9").unwrap(), "http://[::1]:9/");
        assert!(
            base("http://example.com")
                .unwrap_err()
                .contains("--insecure-http")
        );
        assert!(base_url("http://example.com", true).is_ok());
        assert!(base("ftp://x").is_err());
        assert!(base("").is_err());
        assert!(base("https://user:pw@x.com").is_err());
    }

    #[test]
    fn dns_and_tls_mismatches_are_told_apart_from_transient_failures() {
        let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let dns = texts(&[
            "error sending request",
            "client error (Connect)",
            "dns error: failed to lookup address information: Name or service not known",
        ]);
        assert_eq!(cause("https", &dns), Cause::Dns);
        let tls = texts(&[
            "error sending request",
            "received corrupt message of type InvalidContentType",
        ]);
        assert!(matches!(cause("https", &tls), Cause::Mismatch(h) if h.contains("use http://")));
        let plain = texts(&["error sending request", "invalid HTTP version parsed"]);
        assert!(matches!(cause("http", &plain), Cause::Mismatch(h) if h.contains("use https://")));
        let refused = texts(&["error sending request", "Connection refused (os error 111)"]);
        assert_eq!(cause("https", &refused), Cause::Other);
        assert_eq!(cause("http", &tls), Cause::Other);
    }

    #[test]
    fn a_host_that_never_answered_gets_a_shorter_wait_for_its_first_byte() {
        let s = Duration::from_secs;
        assert_eq!(first_byte_limit(s(30), false), FIRST_ANSWER_TIMEOUT);
        assert_eq!(first_byte_limit(s(30), true), s(30));
        assert_eq!(first_byte_limit(s(5), false), s(5));
        assert_eq!(no_answer(s(10)), "timed out (no answer began within 10s)");
    }

    #[test]
    fn endpoints_keep_the_base_path_and_the_query_order() {
        let base = Url::parse("https://x.test/prefix/").unwrap();
        let url = endpoint(
            &base,
            "v2/things",
            &[
                ("b[]", "2".into()),
                ("a", "x+y:z".into()),
                ("b[]", "1".into()),
            ],
        );
        assert_eq!(
            url.as_str(),
            "https://x.test/prefix/v2/things?b%5B%5D=2&a=x%2By%3Az&b%5B%5D=1"
        );
        let bare = Url::parse("https://x.test").unwrap();
        assert_eq!(
            endpoint(&bare, "v2/t/1", &[]).as_str(),
            "https://x.test/v2/t/1"
        );
    }
}
