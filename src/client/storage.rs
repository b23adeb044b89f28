//! The Storage API's jobs over the shared HTTP core: its URLs (`v2/storage/jobs...`), the
//! list's query parameters and time format (`ListQuery`), the 404 that means "no such job",
//! and decoding answers into `RawJob`s. Knows nothing of retries or headers (that is
//! `http`'s) and never prints.

use std::collections::HashMap;

use super::Settings;
use super::error::{ApiError, unexpected_body};
use super::fan_out::{MAX_IN_FLIGHT, in_order};
use super::http::{Http, Observer, base_url, endpoint};
use crate::model::{ConfigName, RawJob, Status, config_name, config_names, split_array};

use reqwest::Url;

pub const DEFAULT_HOST: &str = "https://connection.keboola.com";

/// The largest page one list request asks for.
pub const MAX_PAGE: usize = 1000;

/// One request for a page of the job list, as typed values; [`ListQuery::pairs`] spells
/// it the way the API takes it. Empty fields are not sent (the server's defaults apply).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    /// Only jobs with these statuses (empty: any).
    pub statuses: Vec<Status>,
    /// No jobs with these statuses. The API ignores this next to `statuses`.
    pub excluded: Vec<Status>,
    /// Created at or after this instant (sent to the second).
    pub created_from: Option<jiff::Timestamp>,
    /// Created at or before this instant (sent to the second).
    pub created_to: Option<jiff::Timestamp>,
    /// Jobs a page.
    pub limit: Option<u64>,
    /// Jobs skipped before the page, newest first.
    pub offset: Option<u64>,
}

impl ListQuery {
    /// The query parameters in the order they are sent: `storage_job_status[]` (repeated),
    /// `excluded_storage_job_status[]`, `created_time_from`, `created_time_to`, `limit`,
    /// `offset`.
    ///
    /// Times are sent in UTC with an explicit offset, `2026-11-28T10:00:00+00:00` (see
    /// [`api_time`]), never as a bare `YYYY-MM-DD HH:MM:SS`: a bare time would be read in
    /// the stack's own zone (`+0100` on older stacks) and shift the window by an hour.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        for s in &self.statuses {
            q.push(("storage_job_status[]", s.as_str().to_owned()));
        }
        for s in &self.excluded {
            q.push(("excluded_storage_job_status[]", s.as_str().to_owned()));
        }
        if let Some(t) = self.created_from {
            q.push(("created_time_from", api_time(t)));
        }
        if let Some(t) = self.created_to {
            q.push(("created_time_to", api_time(t)));
        }
        if let Some(n) = self.limit {
            q.push(("limit", n.to_string()));
        }
        if let Some(n) = self.offset {
            q.push(("offset", n.to_string()));
        }
        q
    }

    /// The same query with `created_to` at `t`, unless it already ends earlier: what pins
    /// later pages of a listing to the jobs that existed when it started.
    pub fn created_no_later_than(mut self, t: jiff::Timestamp) -> ListQuery {
        self.created_to = Some(self.created_to.map_or(t, |to| to.min(t)));
        self
    }
}

/// A time as the API's list filters take it: UTC with an explicit offset, to the second.
pub(super) fn api_time(t: jiff::Timestamp) -> String {
    jiff::tz::Offset::UTC
        .to_datetime(t)
        .strftime("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string()
}

/// The Storage API of one stack: the shared HTTP core and the stack's base URL.
#[derive(Clone)]
pub struct StorageClient {
    http: Http,
    base: Url,
}

impl StorageClient {
    /// Builds a client for `settings.host`; fails with `ApiError::Usage` on a host or token
    /// that cannot work.
    pub fn new(settings: Settings, observer: Observer) -> Result<StorageClient, ApiError> {
        let base = base_url(&settings.host, settings.insecure_http).map_err(ApiError::Usage)?;
        Ok(StorageClient::with_http(
            Http::new(&settings, observer)?,
            base,
        ))
    }

    /// The shared HTTP core, for the stack's other APIs.
    pub(super) fn http(&self) -> &Http {
        &self.http
    }

    /// The stack's base URL (`https://connection.keboola.com/`), as requests are sent to it.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The Storage API at `base` over an existing core (shared with the stack's other APIs).
    pub fn with_http(http: Http, base: Url) -> StorageClient {
        StorageClient { http, base }
    }

    /// Fetches one job. The Storage API's own 404 becomes `ApiError::NotFound`; any other
    /// 404 is `ApiError::NotKeboola` (see [`not_found`]).
    pub async fn job(&self, id: u64) -> Result<RawJob, ApiError> {
        let url = job_url(&self.base, id);
        let body = match self.http.get(url.clone()).await {
            Err(e) => return Err(not_found(&self.base, Some(id), e)),
            Ok(body) => body,
        };
        RawJob::parse(&body).map_err(|e| unexpected_body(&url, "a job", &body, &e))
    }

    /// Fetches several jobs, 8 at a time (`MAX_IN_FLIGHT`); the results come back in the
    /// order of `ids`. Dropping the future abandons the requests still in flight.
    pub async fn jobs(&self, ids: &[u64]) -> Vec<Result<RawJob, ApiError>> {
        let client = self.clone();
        in_order(ids.to_vec(), MAX_IN_FLIGHT, move |id| {
            let client = client.clone();
            async move { client.job(id).await }
        })
        .await
    }

    /// The jobs `ids` names, in order (`None` for one the API does not know), cheaply
    /// for many: one job costs one request; several cost one list request of the
    /// project's unfinished jobs, plus one list of recently finished jobs when some are
    /// not in it, plus single fetches only for jobs neither list covered.
    pub async fn find_many(&self, ids: &[u64]) -> Result<Vec<Option<RawJob>>, ApiError> {
        if let &[id] = ids {
            return match self.job(id).await {
                Ok(job) => Ok(vec![Some(job)]),
                Err(ApiError::NotFound { .. }) => Ok(vec![None]),
                Err(e) => Err(e),
            };
        }
        let mut found: Vec<Option<RawJob>> = ids.iter().map(|_| None).collect();
        let mut left: Vec<usize> = (0..ids.len()).collect();
        for statuses in [
            [Status::Waiting, Status::Processing],
            // No longer waiting or processing: most likely among the newest finished.
            [Status::Success, Status::Error],
        ] {
            if left.len() < 2 {
                break;
            }
            let limit = (left.len() * 2).clamp(100, MAX_PAGE);
            let query = ListQuery {
                statuses: statuses.to_vec(),
                limit: Some(limit as u64),
                ..ListQuery::default()
            };
            let listed = self.list(&query).await?;
            let complete = listed.len() < limit;
            let mut by_id: HashMap<u64, RawJob> =
                listed.into_iter().map(|j| (j.job.id, j)).collect();
            left.retain(|&i| match by_id.remove(&ids[i]) {
                Some(job) => {
                    found[i] = Some(job);
                    false
                }
                None => true,
            });
            // A list cut at its page may have left out a wanted job that has those
            // statuses: ask singly rather than guess.
            if !complete {
                break;
            }
        }
        let singles: Vec<u64> = left.iter().map(|&i| ids[i]).collect();
        for (&i, job) in left.iter().zip(self.jobs(&singles).await) {
            match job {
                Ok(job) => found[i] = Some(job),
                Err(ApiError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(found)
    }

    /// Fetches one page of the job list.
    pub async fn list(&self, query: &ListQuery) -> Result<Vec<RawJob>, ApiError> {
        self.list_with(query, RawJob::parse).await
    }

    /// Like [`StorageClient::list`], but each job's typed view holds only `id`, `status` and
    /// `createdTime`, from the job's brief (see [`RawJob::parse_head`]): for callers that
    /// pass the bytes through.
    pub async fn list_heads(&self, query: &ListQuery) -> Result<Vec<RawJob>, ApiError> {
        self.list_with(query, RawJob::parse_head).await
    }

    /// The stack's answer about the token (`GET /v2/storage/tokens/verify`), as sent.
    pub async fn verify_token(&self) -> Result<String, ApiError> {
        let url = endpoint(&self.base, "v2/storage/tokens/verify", &[]);
        self.http
            .get(url)
            .await
            .map_err(|e| not_found(&self.base, None, e))
    }

    /// Every configuration's name, in one request
    /// (`GET /v2/storage/components?include=configuration`).
    pub async fn config_names(&self) -> Result<Vec<ConfigName>, ApiError> {
        let query = [("include", "configuration".to_owned())];
        let url = endpoint(&self.base, "v2/storage/components", &query);
        let body = self.http.get(url.clone()).await?;
        config_names(&body).ok_or_else(|| {
            let e = serde_json::Error::io(std::io::Error::other("not a list of components"));
            unexpected_body(&url, "a list of components", &body, &e)
        })
    }

    /// One configuration's name (`GET /v2/storage/[branch/{b}/]components/{c}/configs/{id}`).
    pub async fn config_name(
        &self,
        branch: Option<&str>,
        component: &str,
        config: &str,
    ) -> Result<Option<String>, ApiError> {
        let mut url = endpoint(&self.base, "v2/storage", &[]);
        if let Ok(mut segments) = url.path_segments_mut() {
            if let Some(branch) = branch {
                segments.extend(["branch", branch]);
            }
            segments.extend(["components", component, "configs", config]);
        }
        let body = self.http.get(url).await?;
        Ok(config_name(&body))
    }

    async fn list_with(
        &self,
        query: &ListQuery,
        parse: fn(&str) -> Result<RawJob, serde_json::Error>,
    ) -> Result<Vec<RawJob>, ApiError> {
        let url = list_url(&self.base, query);
        let body = self
            .http
            .get(url.clone())
            .await
            .map_err(|e| not_found(&self.base, None, e))?;
        let what = "a list of jobs";
        let items = split_array(&body).map_err(|e| unexpected_body(&url, what, &body, &e))?;
        items
            .iter()
            .map(|raw| parse(raw.get()).map_err(|e| unexpected_body(&url, what, raw.get(), &e)))
            .collect()
    }
}

/// What a 404 means (other errors pass through): for job `id`, the Storage API's own JSON
/// error is `NotFound`, whatever its code says (Keboola's codes are spelled many ways, and
/// no public example shows the one for an unknown job). Anything else (another server's
/// page, an empty body, a listing that is not there, a host with `/v2/storage` pasted in)
/// does not look like the Storage API, with a hint.
pub(super) fn not_found(base: &Url, id: Option<u64>, e: ApiError) -> ApiError {
    let ApiError::Http {
        status: 404,
        url,
        detail,
        api_error,
    } = e
    else {
        return e;
    };
    let pasted = base.path().contains("/v2/storage");
    if let Some(id) = id
        && api_error
        && !pasted
    {
        return ApiError::NotFound { id };
    }
    let hint = if pasted {
        let mut host = base.clone();
        host.set_path("");
        format!(
            "strip the pasted /v2/storage from the host (--host {})",
            host.as_str().trim_end_matches('/')
        )
    } else {
        "check --host: it should be the stack's URL, like https://connection.keboola.com".into()
    };
    ApiError::NotKeboola {
        url,
        detail: format!("it answered HTTP 404{detail}, not the API's own JSON error; {hint}"),
    }
}

fn job_url(base: &Url, id: u64) -> Url {
    endpoint(base, &format!("v2/storage/jobs/{id}"), &[])
}

fn list_url(base: &Url, query: &ListQuery) -> Url {
    endpoint(base, "v2/storage/jobs", &query.pairs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;

    fn utc(s: &str) -> jiff::Timestamp {
        parse_timestamp(s).unwrap().to_utc()
    }

    fn query_string(q: &ListQuery) -> String {
        let base = Url::parse("https://connection.keboola.com").unwrap();
        list_url(&base, q).query().unwrap_or("").to_owned()
    }

    fn http_404(api_error: bool, detail: &str) -> ApiError {
        ApiError::Http {
            status: 404,
            url: "https://x.test/v2/storage/jobs/7".into(),
            detail: detail.into(),
            api_error,
        }
    }

    #[test]
    fn only_the_apis_own_404_means_job_not_found() {
        let base = Url::parse("https://x.test").unwrap();
        let e = not_found(&base, Some(7), http_404(true, ": Job not found"));
        assert!(matches!(e, ApiError::NotFound { id: 7 }), "{e}");
        let html = not_found(&base, Some(7), http_404(false, ": <html>"));
        assert_eq!(
            html.to_string(),
            "https://x.test/v2/storage/jobs/7 does not look like a Keboola Storage API: it \
             answered HTTP 404: <html>, not the API's own JSON error; check --host: it \
             should be the stack's URL, like https://connection.keboola.com"
        );
        // A listing that is not there is never a missing job.
        let list = not_found(&base, None, http_404(true, ": Not found"));
        assert!(matches!(list, ApiError::NotKeboola { .. }), "{list}");
        // Other statuses pass through.
        let e = not_found(
            &base,
            Some(7),
            ApiError::Http {
                status: 500,
                url: "u".into(),
                detail: String::new(),
                api_error: false,
            },
        );
        assert!(matches!(e, ApiError::Http { status: 500, .. }));
    }

    #[test]
    fn a_pasted_v2_storage_gets_the_host_to_use_instead() {
        let base = Url::parse("https://connection.keboola.com/v2/storage/").unwrap();
        let e = not_found(&base, Some(7), http_404(true, ": Route not found"));
        assert!(
            e.to_string().ends_with(
                "strip the pasted /v2/storage from the host (--host https://connection.keboola.com)"
            ),
            "{e}"
        );
    }

    #[test]
    fn urls_are_under_v2_storage_jobs() {
        let base = Url::parse("http://127.0.0.1:9/").unwrap();
        assert_eq!(
            job_url(&base, 42).as_str(),
            "http://127.0.0.1:9/v2/storage/jobs/42"
        );
        assert_eq!(
            list_url(&base, &ListQuery::default()).as_str(),
            "http://127.0.0.1:9/v2/storage/jobs"
        );
    }

    #[test]
    fn a_list_query_is_sent_in_a_fixed_order_with_every_field() {
        let q = ListQuery {
            statuses: vec![Status::Waiting, Status::Processing],
            excluded: vec![Status::Success],
            created_from: Some(utc("2026-11-29T10:00:00Z")),
            created_to: Some(utc("2026-11-29T12:30:00+0100")),
            limit: Some(100),
            offset: Some(200),
        };
        assert_eq!(
            query_string(&q),
            "storage_job_status%5B%5D=waiting&storage_job_status%5B%5D=processing\
             &excluded_storage_job_status%5B%5D=success\
             &created_time_from=2026-11-29T10%3A00%3A00%2B00%3A00\
             &created_time_to=2026-11-29T11%3A30%3A00%2B00%3A00\
             &limit=100&offset=200"
        );
    }

    #[test]
    fn empty_fields_are_not_sent() {
        assert_eq!(query_string(&ListQuery::default()), "");
        let q = ListQuery {
            limit: Some(1),
            ..ListQuery::default()
        };
        assert_eq!(query_string(&q), "limit=1");
        let q = ListQuery {
            statuses: vec![Status::Error],
            offset: Some(0),
            ..ListQuery::default()
        };
        assert_eq!(
            q.pairs(),
            [
                ("storage_job_status[]", "error".to_owned()),
                ("offset", "0".to_owned())
            ]
        );
    }

    #[test]
    fn times_are_sent_in_utc_with_an_offset_to_the_second() {
        let t = utc("2026-11-28T10:00:05.750+0200");
        assert_eq!(api_time(t), "2026-11-28T08:00:05+00:00");
        let q = ListQuery {
            created_from: Some(t),
            ..ListQuery::default()
        };
        assert_eq!(
            q.pairs(),
            [("created_time_from", "2026-11-28T08:00:05+00:00".to_owned())]
        );
    }

    #[test]
    fn pinning_sets_created_to_unless_it_ends_earlier() {
        let pin = utc("2026-11-29T11:00:00Z");
        let failed = ListQuery {
            statuses: vec![Status::Error],
            ..ListQuery::default()
        };
        assert_eq!(
            query_string(&failed.created_no_later_than(pin)),
            "storage_job_status%5B%5D=error&created_time_to=2026-11-29T11%3A00%3A00%2B00%3A00"
        );
        let until = |t: &str| ListQuery {
            created_to: Some(utc(t)),
            ..ListQuery::default()
        };
        let early = until("2026-11-29T10:00:00Z");
        assert_eq!(early.clone().created_no_later_than(pin), early);
        let late = until("2026-11-29T12:00:00Z");
        assert_eq!(
            late.created_no_later_than(pin),
            until("2026-11-29T11:00:00Z")
        );
    }
}
