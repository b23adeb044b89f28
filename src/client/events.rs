//! The Storage API's events (a job's log lines): the URLs (`v2/storage/events`, a dev
//! branch's `v2/storage/branch/{id}/events`), the query parameters (`EventQuery`), the 404
//! that means "no such event", and decoding a page into `RawEvent`s. GETs retry as every
//! GET of the HTTP core does; nothing here prints.

use reqwest::Url;

use super::error::{ApiError, unexpected_body};
use super::http::endpoint;
use super::storage::{StorageClient, not_found};
use crate::model::{RawEvent, split_array};

/// The API's cap on `limit`: a larger one is answered with at most this many.
#[allow(dead_code, reason = "for `jobctl logs`, which lands on its own branch")]
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

    #[allow(dead_code, reason = "for `jobctl logs`, which lands on its own branch")]
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

#[allow(dead_code, reason = "for `jobctl logs`, which lands on its own branch")]
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

#[cfg(test)]
mod against_the_simulator {
    use std::time::Duration;

    use super::*;
    use crate::model::EventType;
    use crate::sim::{EventSpec, Fault, FaultTarget, Sim, SimServer};

    async fn client(sim: &Sim, retries: u32) -> (SimServer, StorageClient) {
        crate::client::sim_client(sim, retries).await
    }

    /// 25 events of run 7 a second apart (the newest a second old), 5 of run 8.
    fn sim() -> Sim {
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        for k in 0..25 {
            let kind = if k % 10 == 9 { "error" } else { "info" };
            sim.add_event(
                EventSpec::new("7", kind, &format!("Line {k} of run 7"))
                    .configuration("774411")
                    .at(t0 - 25_000 + k * 1_000),
            );
        }
        for k in 0..5 {
            sim.add_event(
                EventSpec::new("8", "info", &format!("Line {k} of run 8"))
                    .component("keboola.ex-http")
                    .at(t0 - 30_000 + k * 10),
            );
        }
        sim
    }

    fn messages(events: &[RawEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| e.event().message.clone().unwrap_or_default())
            .collect()
    }

    #[tokio::test]
    async fn paging_ascending_with_since_id_reads_the_whole_run_once() {
        let sim = sim();
        let (_server, client) = client(&sim, 0).await;
        let mut q = EventQuery {
            limit: 10,
            sort: SortOrder::Asc,
            ..EventQuery::run("7")
        };
        let mut seen = Vec::new();
        loop {
            let page = client.events(&q).await.unwrap();
            let Some(last) = page.last() else { break };
            q.since_id = last.event().cursor();
            seen.extend(messages(&page));
        }
        let expected: Vec<String> = sim.run_events("7").into_iter().map(|e| e.message).collect();
        assert_eq!(seen, expected);
        assert_eq!(seen.len(), 25);
        // By the deprecated integer id as well.
        let all = sim.run_events("7");
        let q = EventQuery {
            since_id: Some(all[22].id.to_string()),
            sort: SortOrder::Asc,
            ..EventQuery::run("7")
        };
        assert_eq!(
            messages(&client.events(&q).await.unwrap()),
            ["Line 23 of run 7", "Line 24 of run 7"]
        );
    }

    #[tokio::test]
    async fn max_id_limit_offset_q_component_and_configuration_filter() {
        let sim = sim();
        let (_server, client) = client(&sim, 0).await;
        let all = sim.run_events("7");
        let q = EventQuery {
            max_id: Some(all[3].uuid.clone()),
            ..EventQuery::run("7")
        };
        assert_eq!(
            messages(&client.events(&q).await.unwrap()),
            ["Line 2 of run 7", "Line 1 of run 7", "Line 0 of run 7"]
        );
        let q = EventQuery {
            limit: 2,
            offset: Some(1),
            ..EventQuery::run("7")
        };
        assert_eq!(
            messages(&client.events(&q).await.unwrap()),
            ["Line 23 of run 7", "Line 22 of run 7"]
        );
        let q = EventQuery {
            q: Some("LINE 1 OF".into()),
            ..EventQuery::default()
        };
        let found = client.events(&q).await.unwrap();
        assert_eq!(messages(&found), ["Line 1 of run 7", "Line 1 of run 8"]);
        let q = EventQuery {
            component: Some("keboola.ex-http".into()),
            ..EventQuery::default()
        };
        assert_eq!(client.events(&q).await.unwrap().len(), 5);
        let q = EventQuery {
            configuration_id: Some("774411".into()),
            ..EventQuery::default()
        };
        let page = client.events(&q).await.unwrap();
        assert_eq!(page.len(), 25);
        assert_eq!(page[5].event().kind, EventType::Error);
        // The default: the newest hundred of every run.
        assert_eq!(
            client.events(&EventQuery::default()).await.unwrap().len(),
            30
        );
    }

    #[tokio::test]
    async fn a_limit_above_the_cap_gets_ten_thousand() {
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        for k in 0..10_050 {
            sim.add_event(EventSpec::new("9", "info", &format!("row {k}")).at(t0 - 20_000 + k));
        }
        let (_server, client) = client(&sim, 0).await;
        let q = EventQuery {
            limit: 50_000,
            ..EventQuery::run("9")
        };
        assert_eq!(
            client.events(&q).await.unwrap().len(),
            MAX_EVENTS_LIMIT as usize
        );
        let q = EventQuery {
            limit: 50_000,
            offset: Some(10_000),
            ..EventQuery::run("9")
        };
        assert_eq!(client.events(&q).await.unwrap().len(), 50);
    }

    #[tokio::test]
    async fn a_dev_branch_has_its_own_log() {
        let sim = sim();
        sim.add_event(EventSpec::new("7", "info", "In the branch").branch("4242"));
        let (server, client) = client(&sim, 0).await;
        let q = EventQuery {
            branch: Some("4242".into()),
            ..EventQuery::run("7")
        };
        assert_eq!(
            messages(&client.events(&q).await.unwrap()),
            ["In the branch"]
        );
        let main = EventQuery {
            branch: Some("default".into()),
            ..EventQuery::run("7")
        };
        assert_eq!(client.events(&main).await.unwrap().len(), 25);
        let paths: Vec<String> = server
            .sim()
            .requests()
            .iter()
            .map(|r| r.path.clone())
            .collect();
        assert_eq!(
            paths,
            ["/v2/storage/branch/4242/events", "/v2/storage/events"]
        );
    }

    #[tokio::test]
    async fn one_event_by_uuid_or_id_and_a_clear_404() {
        let sim = sim();
        let (_server, client) = client(&sim, 0).await;
        let first = &sim.run_events("8")[0];
        let e = client.event(&first.uuid).await.unwrap();
        assert_eq!(e.event().message.as_deref(), Some("Line 0 of run 8"));
        let e = client.event(&first.id.to_string()).await.unwrap();
        assert_eq!(e.event().uuid.as_deref(), Some(first.uuid.as_str()));
        let e = client.event("0193-none").await.unwrap_err();
        assert!(
            matches!(&e, ApiError::EventNotFound { id } if id == "0193-none"),
            "{e}"
        );
        assert!(e.is_not_found());
        assert_eq!(e.to_string(), "event 0193-none not found");
    }

    #[tokio::test]
    async fn a_body_that_is_not_a_list_is_a_clear_error_and_5xx_is_retried() {
        let sim = sim();
        sim.push_fault(
            Fault::new(crate::sim::FaultKind::Body("{\"events\":[]}".into()))
                .on(FaultTarget::Events),
        );
        let (server, client) = client(&sim, 2).await;
        let e = client.events(&EventQuery::run("7")).await.unwrap_err();
        assert!(
            e.to_string()
                .contains("a list of events expected, but got something else"),
            "{e}"
        );
        sim.push_fault(Fault::status(503).on(FaultTarget::Events).times(2));
        assert_eq!(client.events(&EventQuery::run("8")).await.unwrap().len(), 5);
        let statuses: Vec<u16> = server.sim().requests().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [200, 503, 503, 200]);
        // A body cut short and a 429 with Retry-After are retried as well.
        sim.push_fault(Fault::new(crate::sim::FaultKind::Truncated).on(FaultTarget::Events));
        sim.push_fault(
            Fault::new(crate::sim::FaultKind::Status {
                code: 429,
                body: None,
                retry_after: Some("0".into()),
            })
            .on(FaultTarget::Events),
        );
        assert_eq!(client.events(&EventQuery::run("8")).await.unwrap().len(), 5);
        sim.push_fault(Fault::status(500).on(FaultTarget::Event));
        let first = &sim.run_events("8")[0];
        assert!(client.event(&first.uuid).await.is_ok());
    }

    #[tokio::test]
    async fn events_appear_as_the_held_clock_passes_them() {
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        for k in 1..=3 {
            sim.add_event(EventSpec::new("5", "info", &format!("step {k}")).at(t0 + k * 2_000));
        }
        let (_server, client) = client(&sim, 0).await;
        let asc = EventQuery {
            sort: SortOrder::Asc,
            ..EventQuery::run("5")
        };
        assert!(client.events(&asc).await.unwrap().is_empty());
        sim.advance_clock(Duration::from_secs(2));
        let page = client.events(&asc).await.unwrap();
        assert_eq!(messages(&page), ["step 1"]);
        sim.advance_clock(Duration::from_secs(4));
        let next = EventQuery {
            since_id: page[0].event().cursor(),
            ..asc
        };
        assert_eq!(
            messages(&client.events(&next).await.unwrap()),
            ["step 2", "step 3"]
        );
    }
}
