//! The client owns the wire: URLs, query parameters and their formats, HTTP, retries, and
//! how an answer becomes a job or a typed error. `http` is the core every API of a stack
//! shares (token, retries, redirects, limits, events); `storage` is the Storage API over it.
//! It never prints: what it does is reported through an `Observer` the caller supplies.
//! Whatever a server sends back passes `redact` first: the token never comes out of it.

mod error;
mod events;
mod fan_out;
mod http;
mod queue;
mod redact;
mod retry;
mod storage;

use std::time::Duration;

pub use error::ApiError;
#[allow(unused_imports, reason = "MAX_EVENTS_LIMIT is for `jobctl logs`")]
pub use events::{EventQuery, MAX_EVENTS_LIMIT, SortOrder};
pub use fan_out::{MAX_IN_FLIGHT, in_order};
pub use http::{HttpEvent, Observer, seconds};
pub use queue::{KillOutcome, OnDiscovered, QueueClient, QueueQuery};
pub use storage::{DEFAULT_HOST, ListQuery, MAX_PAGE, StorageClient};

/// Everything needed to talk to one stack: the Storage API's host, the token and the
/// request options every API of the stack shares.
#[derive(Clone)]
pub struct Settings {
    pub host: String,
    pub token: String,
    pub request_timeout: Duration,
    pub retries: u32,
    pub insecure_http: bool,
}

/// A Storage API client of the demo token against `sim`, served on loopback for as long
/// as the returned server lives (for the client's own tests).
#[cfg(test)]
pub(crate) async fn sim_client(
    sim: &crate::sim::Sim,
    retries: u32,
) -> (crate::sim::SimServer, StorageClient) {
    let server =
        crate::sim::SimServer::start(sim.clone(), (std::net::Ipv4Addr::LOCALHOST, 0).into())
            .await
            .unwrap();
    let settings = Settings {
        host: server.url(),
        token: crate::sim::DEMO_TOKEN.to_owned(),
        request_timeout: std::time::Duration::from_secs(5),
        retries,
        insecure_http: false,
    };
    let client = StorageClient::new(settings, std::sync::Arc::new(|_: &_| {})).unwrap();
    (server, client)
}
