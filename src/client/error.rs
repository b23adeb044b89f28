//! The client's typed errors: what callers branch on (not found, auth) and what the user
//! reads (one line naming the URL and the status). Server text inside them is untrusted and
//! is sanitised by whoever prints it.

use reqwest::Url;
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The configuration cannot work (no token, a refused `http://` host, a bad URL).
    #[error("{0}")]
    Usage(String),

    #[error("job {id} not found")]
    NotFound { id: u64 },

    /// The Storage API's own 404 for one event (`GET /v2/storage/events/{id}`).
    #[allow(dead_code, reason = "for `jobctl logs`, which lands on its own branch")]
    #[error("event {id} not found")]
    EventNotFound { id: String },

    #[error("{url} answered HTTP {status}{detail}")]
    Http {
        status: u16,
        url: String,
        /// Starts with ": " when there is something to say.
        detail: String,
        /// Whether the body is the API's own JSON error (see [`is_api_error_body`]), not
        /// an HTML page or a proxy's text.
        api_error: bool,
    },

    #[error("cannot reach {url}: {detail}")]
    Transport { url: String, detail: String },

    /// The host name does not resolve: not retried, a second later it will not either.
    #[error("cannot reach {url}: {detail}")]
    Unresolved { url: String, detail: String },

    /// What answered is not a Keboola Storage API: a 404 that is not the API's own, TLS
    /// on one side only. `detail` says what it answered and what to try instead.
    #[error("{url} does not look like a Keboola Storage API: {detail}")]
    NotKeboola { url: String, detail: String },

    /// What answered at the Queue API's host is not a Queue API: a 404 that is not its own.
    #[error("{url} does not look like the stack's Queue API: {detail}")]
    NotQueue { url: String, detail: String },

    #[error("{url} answered HTTP {status} with {detail}")]
    BadBody {
        url: String,
        status: u16,
        detail: String,
    },

    #[error("{url} sent more than {limit_mib} MiB; refusing to read further")]
    TooLarge { url: String, limit_mib: u64 },

    #[error("{url} redirected {detail}")]
    Redirect { url: String, detail: String },

    /// The API's answers add up to something jobctl will not hold: a run tree deeper or
    /// larger than its caps. Permanent: asking again gets the same answers.
    #[error("{0}")]
    Runaway(String),

    /// jobctl's own part failed, not the API (a request task that died).
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            ApiError::NotFound { .. } | ApiError::EventNotFound { .. }
        )
    }

    pub fn is_auth(&self) -> bool {
        matches!(
            self,
            ApiError::Http {
                status: 401 | 403,
                ..
            }
        )
    }

    /// Whether asking again cannot help: the job does not exist, the token is refused, or
    /// the configuration cannot work. A poller stops on these and tries the rest again
    /// (transient statuses have already had the HTTP core's retries).
    pub fn is_permanent(&self) -> bool {
        self.is_not_found()
            || self.is_auth()
            || matches!(
                self,
                ApiError::Usage(_)
                    | ApiError::NotKeboola { .. }
                    | ApiError::NotQueue { .. }
                    | ApiError::Runaway(_)
            )
    }
}

/// Describes a Keboola error body (`error`, `code`, `exceptionId`, or the maintenance
/// form's `reason`) for an error message: ": message [code] (exception id)". Falls back to
/// the start of the body when it is not such JSON.
pub fn describe_error_body(body: &str) -> String {
    let Ok(Value::Object(o)) = serde_json::from_str::<Value>(body) else {
        let snippet = snippet(body);
        return if snippet.is_empty() {
            String::new()
        } else {
            format!(": {snippet}")
        };
    };
    let text = |k: &str| match o.get(k) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut out = String::new();
    if let Some(message) = text("error").or_else(|| text("message")) {
        out.push_str(": ");
        out.push_str(&message);
    } else if let Some(reason) = text("reason") {
        out.push_str(": ");
        if let Some(status) = text("status") {
            out.push_str(&status);
            out.push_str(", ");
        }
        out.push_str(&reason);
    }
    if let Some(code) = text("code") {
        out.push_str(&format!(" [{code}]"));
    }
    if let Some(id) = text("exceptionId") {
        out.push_str(&format!(" (exception {id})"));
    }
    out
}

/// Whether `body` is the JSON error of a Keboola API: an object with an `error` message
/// and a `code` (a string or a number, in whatever spelling) or a `status`. Neither a web
/// server's page, an empty body nor other JSON is.
pub fn is_api_error_body(body: &str) -> bool {
    let Ok(Value::Object(o)) = serde_json::from_str::<Value>(body) else {
        return false;
    };
    let has = |k: &str| match o.get(k) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(_)) => true,
        _ => false,
    };
    matches!(o.get("error"), Some(Value::String(_))) && (has("code") || has("status"))
}

/// A 2xx body that is not `what` (e.g. "a job"): not JSON, or JSON of another shape.
pub(super) fn unexpected_body(
    url: &Url,
    what: &str,
    body: &str,
    e: &serde_json::Error,
) -> ApiError {
    let detail = if e.is_syntax() || e.is_eof() {
        format!(
            "{what} expected, but the body is not JSON ({e}): {}",
            snippet(body)
        )
    } else {
        format!("{what} expected, but got something else ({e})")
    };
    ApiError::BadBody {
        url: url.to_string(),
        status: 200,
        detail,
    }
}

/// The first line of a body, shortened, for an error message.
pub fn snippet(body: &str) -> String {
    let line = body.trim().lines().next().unwrap_or("");
    let mut s: String = line.chars().take(80).collect();
    if s.len() < line.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_auth_and_usage_are_permanent() {
        let http = |status: u16| ApiError::Http {
            status,
            url: "u".into(),
            detail: String::new(),
            api_error: false,
        };
        for e in [
            ApiError::NotFound { id: 1 },
            http(401),
            http(403),
            ApiError::Usage("no token".into()),
            ApiError::NotKeboola {
                url: "u".into(),
                detail: "an HTML page".into(),
            },
        ] {
            assert!(e.is_permanent(), "{e}");
        }
        for e in [
            http(404),
            http(500),
            http(503),
            ApiError::Transport {
                url: "u".into(),
                detail: "timed out".into(),
            },
            ApiError::TooLarge {
                url: "u".into(),
                limit_mib: 64,
            },
        ] {
            assert!(!e.is_permanent(), "{e}");
        }
    }

    #[test]
    fn keboola_error_bodies_become_one_line() {
        let body = include_str!("../../tests/fixtures/api-error-401.json");
        assert_eq!(
            describe_error_body(body),
            ": Invalid access token [storage.tokenInvalid] (exception keboola-connection-0f1e2d3c4b5a6978)"
        );
        let body = include_str!("../../tests/fixtures/api-error-503-maintenance.json");
        assert_eq!(
            describe_error_body(body),
            ": maintenance, Scheduled maintenance of the storage backend"
        );
        assert_eq!(
            describe_error_body(r#"{"error":"x","code":42}"#),
            ": x [42]"
        );
        assert_eq!(describe_error_body("<html>\n<h1>Bad"), ": <html>");
        assert_eq!(describe_error_body(""), "");
    }

    #[test]
    fn only_the_apis_json_errors_are_its_own_whatever_the_code() {
        for body in [
            r#"{"error":"Job not found","code":"storage.jobs.notFound","status":"error"}"#,
            r#"{"error":"Job not found","code":"notFound"}"#,
            r#"{"error":"Table not found","code":"storage.tableNotFound"}"#,
            r#"{"error":"x","code":404}"#,
            r#"{"error":"Job \"9\" not found","status":"error"}"#,
        ] {
            assert!(is_api_error_body(body), "{body}");
        }
        for body in [
            "<html><h1>404 Not Found</h1></html>",
            r#"{"message":"Not Found","code":"notFound"}"#,
            r#"{"error":"Not Found"}"#,
            r#"{"error":"x","code":""}"#,
            r#"["notFound"]"#,
            "",
        ] {
            assert!(!is_api_error_body(body), "{body}");
        }
    }
}
