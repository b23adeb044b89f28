//! The Storage API's events (a job's log lines): the URLs (`v2/storage/events`, a dev
//! branch's `v2/storage/branch/{id}/events`), the query parameters (`EventQuery`), the 404
//! that means "no such event", and decoding a page into `RawEvent`s. GETs retry as every
//! GET of the HTTP core does; nothing here prints.

#![allow(dead_code, reason = "used by show, top and logs as they land")]

use reqwest::Url;

use super::error::{ApiError, unexpected_body};
use super::http::endpoint;
use super::storage::{StorageClient, not_found};
use crate::model::{RawEvent, split_array};

/// The API's cap on `limit`: a larger one is answered with at most this many.
pub const MAX_EVENTS_LIMIT: u64 = 10_000;

/// Which end of the log comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Oldest first.
    Asc,
    /// Newest first (the API's default).
    #[default]
    Desc,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

/// One request for a page of events, as typed values; [`EventQuery::pairs`] spells it the
/// way the API takes it. `None` fields are not sent. `sort` and `limit` are always sent.
#[derive(Debug, Clone, PartialEq)]
pub struct EventQuery {
    /// Only the events of this run (a queue job's plain id: a dotted run id matches none).
    pub run_id: Option<String>,
    /// Only events after this one (an id or a uuid; exclusive).
    pub since_id: Option<String>,
    /// Only events before this one (an id or a uuid; exclusive).
    pub max_id: Option<String>,
    /// Events a page (the API takes at most [`MAX_EVENTS_LIMIT`]).
    pub limit: u64,
    pub offset: Option<u64>,
    pub sort: SortOrder,
    pub component: Option<String>,
    pub configuration_id: Option<String>,
    /// The server's search (`q`).
    pub q: Option<String>,
    /// A dev branch's id; `None` (or `default`) is the main branch's plain path.
    pub branch: Option<String>,
}

impl Default for EventQuery {
    fn default() -> EventQuery {
        EventQuery {
            run_id: None,
            since_id: None,
            max_id: None,
            limit: 100,
            offset: None,
            sort: SortOrder::Desc,
            component: None,
            configuration_id: None,
            q: None,
            branch: None,
        }
    }
}

impl EventQuery {
    /// The events of one run, newest first, 100 a page.
    pub fn run(run_id: impl Into<String>) -> EventQuery {
        EventQuery {
            run_id: Some(run_id.into()),
            ..EventQuery::default()
        }
    }

    /// The query parameters in the order they are sent: `runId`, `sinceId`, `maxId`,
    /// `limit`, `offset`, `sortOrder`, `component`, `configurationId`, `q`.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        let mut opt = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                q.push((k, v.clone()));
            }
        };
        opt("runId", &self.run_id);
        opt("sinceId", &self.since_id);
        opt("maxId", &self.max_id);
        q.push(("limit", self.limit.to_string()));
        if let Some(n) = self.offset {
            q.push(("offset", n.to_string()));
        }
        q.push(("sortOrder", self.sort.as_str().to_owned()));
        let mut opt = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                q.push((k, v.clone()));
            }
        };
        opt("component", &self.component);
        opt("configurationId", &self.configuration_id);
        opt("q", &self.q);
        q
    }
}

impl StorageClient {
    /// One page of events (`GET /v2/storage[/branch/{b}]/events`), in the order asked for.
    /// A body that is not a JSON array, or an element that is not an object, is
    /// `ApiError::BadBody`.
    pub async fn events(&self, query: &EventQuery) -> Result<Vec<RawEvent>, ApiError> {
        let url = events_url(self.base(), query);
        let body = self
            .http()
            .get(url.clone())
            .await
            .map_err(|e| not_found(self.base(), None, e))?;
        let what = "a list of events";
        let items = split_array(&body).map_err(|e| unexpected_body(&url, what, &body, &e))?;
        items
            .iter()
            .map(|raw| {
                RawEvent::parse(raw.get()).map_err(|e| unexpected_body(&url, what, raw.get(), &e))
            })
            .collect()
    }

    /// One event by its id or uuid (`GET /v2/storage/events/{id}`). The API's own 404 is
    /// `ApiError::EventNotFound`.
    pub async fn event(&self, id_or_uuid: &str) -> Result<RawEvent, ApiError> {
        let url = event_url(self.base(), id_or_uuid);
        let body = match self.http().get(url.clone()).await {
            Err(ApiError::Http {
                status: 404,
                api_error: true,
                ..
            }) if !self.base().path().contains("/v2/storage") => {
                return Err(ApiError::EventNotFound {
                    id: id_or_uuid.to_owned(),
                });
            }
            Err(e) => return Err(not_found(self.base(), None, e)),
            Ok(body) => body,
        };
        RawEvent::parse(&body).map_err(|e| unexpected_body(&url, "an event", &body, &e))
    }
}

fn events_url(base: &Url, query: &EventQuery) -> Url {
    let mut url = endpoint(base, "v2/storage", &query.pairs());
    if let Ok(mut segments) = url.path_segments_mut() {
        match query.branch.as_deref() {
            Some(branch) if branch != "default" => {
                segments.extend(["branch", branch, "events"]);
            }
            _ => {
                segments.push("events");
            }
        }
    }
    url
}

fn event_url(base: &Url, id_or_uuid: &str) -> Url {
    let mut url = endpoint(base, "v2/storage/events", &[]);
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.push(id_or_uuid);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://127.0.0.1:9/").unwrap()
    }

    #[test]
    fn the_default_query_asks_for_the_newest_hundred() {
        assert_eq!(
            events_url(&base(), &EventQuery::default()).as_str(),
            "http://127.0.0.1:9/v2/storage/events?limit=100&sortOrder=desc"
        );
    }

    #[test]
    fn every_field_is_sent_in_a_fixed_order() {
        let q = EventQuery {
            run_id: Some("123".into()),
            since_id: Some("0193-a".into()),
            max_id: Some("99".into()),
            limit: 500,
            offset: Some(20),
            sort: SortOrder::Asc,
            component: Some("keboola.ex-db-snowflake".into()),
            configuration_id: Some("774411".into()),
            q: Some("Missing columns & more".into()),
            branch: Some("1203".into()),
        };
        assert_eq!(
            events_url(&base(), &q).as_str(),
            "http://127.0.0.1:9/v2/storage/branch/1203/events?runId=123&sinceId=0193-a\
             &maxId=99&limit=500&offset=20&sortOrder=asc&component=keboola.ex-db-snowflake\
             &configurationId=774411&q=Missing+columns+%26+more"
        );
    }

    #[test]
    fn the_default_branch_is_the_plain_path_and_ids_are_escaped() {
        let q = EventQuery {
            branch: Some("default".into()),
            ..EventQuery::run("7")
        };
        assert_eq!(
            events_url(&base(), &q).as_str(),
            "http://127.0.0.1:9/v2/storage/events?runId=7&limit=100&sortOrder=desc"
        );
        let odd = EventQuery {
            branch: Some("a/b".into()),
            ..EventQuery::default()
        };
        assert!(
            events_url(&base(), &odd)
                .as_str()
                .starts_with("http://127.0.0.1:9/v2/storage/branch/a%2Fb/events?")
        );
        assert_eq!(
            event_url(&base(), "01939a7e-5b1c").as_str(),
            "http://127.0.0.1:9/v2/storage/events/01939a7e-5b1c"
        );
        assert_eq!(
            event_url(&base(), "../jobs/1").as_str(),
            "http://127.0.0.1:9/v2/storage/events/..%2Fjobs%2F1"
        );
    }
}
