//! The thin HTTP layer over the Storage API: URLs, the token header, timeouts, retries,
//! redirects, body limits, and how an answer becomes a job or a typed error. It never
//! prints: what it does is reported through an `Observer` the caller supplies.

mod error;
mod retry;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue, LOCATION, RETRY_AFTER, USER_AGENT};
use reqwest::{StatusCode, Url};

use crate::model::{RawJob, split_array};

pub use error::{ApiError, describe_error_body};
pub use retry::{backoff, is_retryable_status, parse_retry_after};

pub const DEFAULT_HOST: &str = "https://connection.keboola.com";
const TOKEN_HEADER: &str = "X-StorageApi-Token";
/// No job or page of jobs comes near this; a body beyond it is a broken or hostile server.
const MAX_BODY_BYTES: u64 = 64 << 20;
const MAX_REDIRECTS: usize = 5;

/// What the client is doing, for progress and `--debug` lines. Holds no token.
#[derive(Debug, Clone)]
pub enum Event {
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
}

pub type Observer = Arc<dyn Fn(&Event) + Send + Sync>;

/// Everything needed to talk to one stack.
#[derive(Clone)]
pub struct Settings {
    pub host: String,
    pub token: String,
    pub request_timeout: Duration,
    pub retries: u32,
    pub insecure_http: bool,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: HeaderValue,
    retries: u32,
    observer: Observer,
}

impl Client {
    /// Builds a client; fails with `ApiError::Usage` on a host or token that cannot work.
    pub fn new(settings: Settings, observer: Observer) -> Result<Client, ApiError> {
        let base = base_url(&settings.host, settings.insecure_http).map_err(ApiError::Usage)?;
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
        Ok(Client {
            http,
            base,
            token,
            retries: settings.retries,
            observer,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Fetches one job. 404 becomes `ApiError::NotFound`.
    pub async fn job(&self, id: u64) -> Result<RawJob, ApiError> {
        let url = self.url(&format!("v2/storage/jobs/{id}"), &[]);
        let body = match self.get(url.clone()).await {
            Err(ApiError::Http { status: 404, .. }) => return Err(ApiError::NotFound { id }),
            other => other?,
        };
        RawJob::parse(&body).map_err(|e| not_a(&url, "a job", &body, &e))
    }

    /// Fetches several jobs concurrently; the results come back in the order of `ids`.
    pub async fn jobs(&self, ids: &[u64]) -> Vec<Result<RawJob, ApiError>> {
        let tasks: Vec<_> = ids
            .iter()
            .map(|&id| {
                let client = self.clone();
                tokio::spawn(async move { client.job(id).await })
            })
            .collect();
        let mut jobs = Vec::with_capacity(ids.len());
        for task in tasks {
            jobs.push(task.await.unwrap_or_else(|e| {
                Err(ApiError::Transport {
                    url: self.base.to_string(),
                    detail: format!("the request task failed: {e}"),
                })
            }));
        }
        jobs
    }

    /// Fetches one page of the job list with the given query parameters.
    pub async fn list(&self, query: &[(&str, String)]) -> Result<Vec<RawJob>, ApiError> {
        self.list_with(query, RawJob::parse).await
    }

    /// Like [`Client::list`], but each job's typed view holds only `id`, `status` and
    /// `createdTime` (see [`RawJob::parse_head`]): for callers that pass the bytes through.
    pub async fn list_heads(&self, query: &[(&str, String)]) -> Result<Vec<RawJob>, ApiError> {
        self.list_with(query, RawJob::parse_head).await
    }

    async fn list_with(
        &self,
        query: &[(&str, String)],
        parse: fn(&str) -> Result<RawJob, serde_json::Error>,
    ) -> Result<Vec<RawJob>, ApiError> {
        let url = self.url("v2/storage/jobs", query);
        let body = self.get(url.clone()).await?;
        let items = split_array(&body).map_err(|e| not_a(&url, "a list of jobs", &body, &e))?;
        items
            .iter()
            .map(|raw| parse(raw.get()).map_err(|e| not_a(&url, "a list of jobs", raw.get(), &e)))
            .collect()
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        let base_path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base_path}/{path}"));
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// GET with retries, same-origin redirects and a body limit; returns the 2xx body.
    async fn get(&self, url: Url) -> Result<String, ApiError> {
        let mut attempt = 0;
        let mut url = url;
        let mut redirects = 0;
        loop {
            let outcome = self.get_once(&url).await;
            let (reason, retry_after) = match outcome {
                Ok(Answer::Body(body)) => return Ok(body),
                Ok(Answer::Redirect(to)) => {
                    redirects += 1;
                    url = self.check_redirect(&url, to, redirects)?;
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
            (self.observer)(&Event::Retry {
                url: url.to_string(),
                reason,
                wait,
                attempt,
                of: self.retries,
            });
            tokio::time::sleep(wait).await;
        }
    }

    /// One request: a body, a redirect, or a non-2xx answer; transport failures and
    /// unreadable bodies are errors.
    async fn get_once(&self, url: &Url) -> Result<Answer, ApiError> {
        let started = Instant::now();
        let failed = |detail: String| {
            (self.observer)(&Event::Failed {
                method: "GET",
                url: url.to_string(),
                detail: detail.clone(),
                elapsed: started.elapsed(),
            });
            ApiError::Transport {
                url: url.to_string(),
                detail,
            }
        };
        let request = self
            .http
            .get(url.clone())
            .header(TOKEN_HEADER, self.token.clone());
        let mut response = request
            .send()
            .await
            .map_err(|e| failed(transport_detail(&e)))?;
        let status = response.status();
        (self.observer)(&Event::Response {
            method: "GET",
            url: url.to_string(),
            status: status.as_u16(),
            elapsed: started.elapsed(),
        });
        if status.is_redirection() {
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| url.join(loc).ok());
            return match to {
                Some(to) => Ok(Answer::Redirect(to)),
                None => Err(ApiError::Redirect {
                    url: url.to_string(),
                    detail: "without a usable Location".into(),
                }),
            };
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        if response.content_length().unwrap_or(0) > MAX_BODY_BYTES {
            return Err(too_large(url));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| failed(format!("the answer broke off: {}", transport_detail(&e))))?
        {
            if body.len() as u64 + chunk.len() as u64 > MAX_BODY_BYTES {
                return Err(too_large(url));
            }
            body.extend_from_slice(&chunk);
        }
        let body = String::from_utf8(body).map_err(|_| ApiError::BadBody {
            url: url.to_string(),
            status: status.as_u16(),
            detail: "a body that is not UTF-8 text".into(),
        })?;
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

    fn check_redirect(&self, from: &Url, to: Url, count: usize) -> Result<Url, ApiError> {
        if count > MAX_REDIRECTS {
            return Err(ApiError::Redirect {
                url: from.to_string(),
                detail: format!("more than {MAX_REDIRECTS} times (a redirect loop?)"),
            });
        }
        if to.origin() != self.base.origin() {
            return Err(ApiError::Redirect {
                url: from.to_string(),
                detail: format!(
                    "to another origin ({}); jobctl does not send the token there",
                    to.origin().ascii_serialization()
                ),
            });
        }
        (self.observer)(&Event::Redirect {
            from: from.to_string(),
            to: to.to_string(),
        });
        Ok(to)
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

fn too_large(url: &Url) -> ApiError {
    ApiError::TooLarge {
        url: url.to_string(),
        limit_mib: MAX_BODY_BYTES >> 20,
    }
}

fn not_a(url: &Url, what: &str, body: &str, e: &serde_json::Error) -> ApiError {
    let detail = if e.is_syntax() || e.is_eof() {
        format!(
            "{what} expected, but the body is not JSON ({e}): {}",
            error::snippet(body)
        )
    } else {
        format!("{what} expected, but got something else ({e})")
    };
    ApiError::BadBody {
        url: url.to_string(),
        status: StatusCode::OK.as_u16(),
        detail,
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

/// Turns `--host` into the base URL: a bare host gets `https://`, a trailing `/` is
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
}
