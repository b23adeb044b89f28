//! The Storage API's jobs over the shared HTTP core: its URLs (`v2/storage/jobs...`), the
//! 404 that means "no such job", and decoding answers into `RawJob`s. Knows nothing of
//! retries or headers (that is `http`'s) and never prints.

use reqwest::Url;

use super::Settings;
use super::error::{ApiError, unexpected_body};
use super::http::{Http, Observer, base_url, endpoint};
use crate::model::{RawJob, split_array};

pub const DEFAULT_HOST: &str = "https://connection.keboola.com";

/// The Storage API of one stack: the shared HTTP core and the stack's base URL.
#[derive(Clone)]
pub struct Client {
    http: Http,
    base: Url,
}

impl Client {
    /// Builds a client for `settings.host`; fails with `ApiError::Usage` on a host or token
    /// that cannot work.
    pub fn new(settings: Settings, observer: Observer) -> Result<Client, ApiError> {
        let base = base_url(&settings.host, settings.insecure_http).map_err(ApiError::Usage)?;
        Ok(Client::with_http(Http::new(&settings, observer)?, base))
    }

    /// The Storage API at `base` over an existing core (shared with the stack's other APIs).
    pub fn with_http(http: Http, base: Url) -> Client {
        Client { http, base }
    }

    /// The HTTP core, for another API of the same stack (same token, settings, observer).
    pub fn http(&self) -> &Http {
        &self.http
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Fetches one job. 404 becomes `ApiError::NotFound`.
    pub async fn job(&self, id: u64) -> Result<RawJob, ApiError> {
        let url = endpoint(&self.base, &format!("v2/storage/jobs/{id}"), &[]);
        let body = match self.http.get(url.clone()).await {
            Err(ApiError::Http { status: 404, .. }) => return Err(ApiError::NotFound { id }),
            other => other?,
        };
        RawJob::parse(&body).map_err(|e| unexpected_body(&url, "a job", &body, &e))
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
        let url = endpoint(&self.base, "v2/storage/jobs", query);
        let body = self.http.get(url.clone()).await?;
        let what = "a list of jobs";
        let items = split_array(&body).map_err(|e| unexpected_body(&url, what, &body, &e))?;
        items
            .iter()
            .map(|raw| parse(raw.get()).map_err(|e| unexpected_body(&url, what, raw.get(), &e)))
            .collect()
    }
}
