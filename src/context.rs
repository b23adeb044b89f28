//! What every command and service gets: the global options, the output, the signal
//! handle, and the clients built from them (the Storage API, the stack's Queue API found or
//! cached, the demo's simulator in place of a stack).

use std::sync::Arc;

use anyhow::Result;

use crate::cancel::Cancel;
use crate::cli::{Global, HttpArgs};
use crate::client::{OnDiscovered, QueueClient, Settings, StorageClient};
use crate::config::QueueHostCache;
use crate::jq::Jq;
use crate::output::Output;
use crate::output::progress::Notices;
use crate::sim::DEMO_TOKEN;

/// What every command gets: the global options and the terminal facts.
pub struct Context {
    pub global: Global,
    pub out: Output,
    /// The embedded simulator's URL in `--demo` mode.
    pub demo_url: Option<String>,
    /// Whether SIGINT or SIGTERM asked jobctl to stop.
    pub cancel: Cancel,
    /// The configuration's warnings are shown once, however many clients are built.
    warned: std::sync::Once,
}

impl Context {
    /// The context of one run: `demo_url` is the embedded simulator's in `--demo` mode.
    pub fn new(global: Global, out: Output, demo_url: Option<String>, cancel: Cancel) -> Self {
        Context {
            global,
            out,
            demo_url,
            cancel,
            warned: std::sync::Once::new(),
        }
    }

    /// `--jq EXPR`, compiled before any request so that a bad expression costs nothing.
    pub fn jq(&self, expr: Option<&str>) -> Result<Option<Jq>> {
        let Some(expr) = expr else { return Ok(None) };
        Ok(Some(
            Jq::compile(expr)?
                .for_terminal(self.out.stdout_tty)
                .cancelled_by(self.cancel.clone()),
        ))
    }

    /// The API client for the configured stack and token.
    pub fn client(&self) -> Result<StorageClient> {
        Ok(self.client_observed(None)?.0)
    }

    /// The Storage API client and the stack's Queue API client, found as
    /// [`QueueClient::discover`] says (one request to the stack's index unless a queue host
    /// is configured or cached for the stack), both over one HTTP core. `--demo` neither
    /// reads nor writes the cache: its simulator is on a new port each run.
    pub async fn queue_client(&self) -> Result<(StorageClient, QueueClient)> {
        let (storage, explicit) = self.storage_client()?;
        let queue = self.discover_queue(&storage, explicit).await?;
        Ok((storage, queue))
    }

    /// The Storage API client and the configured Queue API host, if any (for
    /// [`Context::discover_queue`]).
    pub fn storage_client(&self) -> Result<(StorageClient, Option<String>)> {
        self.client_observed(None)
    }

    /// The stack's Queue API client over `storage`'s HTTP core: `explicit` when configured,
    /// else cached or discovered (see [`Context::queue_client`]).
    pub async fn discover_queue(
        &self,
        storage: &StorageClient,
        explicit: Option<String>,
    ) -> Result<QueueClient> {
        let insecure = self.global.connection.http.insecure_http;
        if explicit.is_some() || self.demo_url.is_some() {
            return Ok(QueueClient::discover(storage, explicit.as_deref(), insecure).await?);
        }
        let cache = QueueHostCache::from_env();
        let now = || jiff::Timestamp::now().as_second();
        let stack = storage.base().as_str().to_owned();
        let cached = cache
            .get(&stack, now())
            .and_then(|u| reqwest::Url::parse(&u).ok());
        if self.out.debug
            && let Some(url) = &cached
        {
            self.out.note(&format!(
                "debug: the Queue API of this stack, cached: {url}"
            ));
        }
        let on_discovered: OnDiscovered =
            Arc::new(move |stack: &reqwest::Url, queue: &reqwest::Url| {
                cache.put(stack.as_str(), queue.as_str(), now());
            });
        Ok(QueueClient::discover_cached(storage, cached, insecure, on_discovered).await?)
    }

    /// Fills in the UI page and the configuration names of `jobs` (see [`crate::names`]); a name that
    /// cannot be had is left out, and `--debug` says why. The demo's simulator is on a new
    /// port each run, so it neither reads nor writes the cache.
    pub async fn fill_names(
        &self,
        storage: &StorageClient,
        jobs: &mut [&mut crate::model::QueueJob],
    ) {
        let cache = match self.demo_url {
            Some(_) => None,
            None => Some(crate::config::ConfigNameCache::from_env()),
        };
        // The components seen, for shell completion (not the demo's).
        if self.demo_url.is_none() {
            let seen: Vec<&str> = jobs.iter().filter_map(|j| j.component.as_deref()).collect();
            crate::config::ComponentCache::from_env()
                .add(&seen, jiff::Timestamp::now().as_second());
        }
        Context::fill_pages(storage, jobs);
        if let Some(problem) = crate::names::fill(storage, cache.as_ref(), jobs).await
            && self.out.debug
        {
            self.out
                .note(&format!("debug: {}", crate::render::sanitize(&problem)));
        }
    }

    /// Fills in the UI page of `jobs`, the link a person opens (no request: the stack and
    /// the job's project say it).
    pub fn fill_pages(storage: &StorageClient, jobs: &mut [&mut crate::model::QueueJob]) {
        for job in jobs.iter_mut() {
            let project = job.project.as_ref().and_then(|(id, _)| id.as_deref());
            let page = crate::model::ui_page(storage.base().as_str(), project, job.id);
            job.names_mut().page = page;
        }
    }

    /// The options that name this run's stack, as words to put after `jobctl` in a command
    /// jobctl prints for the user to run next: `--host`, `--queue-host`, `--profile`, the
    /// config file, a token file (never a token), `--insecure-http`, `--demo`. Empty when
    /// the environment alone named them.
    pub fn connection_words(&self) -> Vec<String> {
        let (g, c) = (&self.global, &self.global.connection);
        let mut words = Vec::new();
        let mut with = |flag: &str, value: Option<String>| {
            if let Some(v) = value {
                words.push(flag.to_owned());
                words.push(v);
            }
        };
        with("--host", c.host.clone());
        with("--queue-host", g.queue_host.clone());
        with("--profile", c.profile.clone());
        with(
            "--config-file",
            g.config.as_ref().map(|p| p.display().to_string()),
        );
        with(
            "--token-file",
            c.token_file
                .as_ref()
                .filter(|p| p.as_os_str() != "-")
                .map(|p| p.display().to_string()),
        );
        if c.http.insecure_http {
            words.push("--insecure-http".to_owned());
        }
        if c.demo {
            words.push("--demo".to_owned());
        }
        words
    }

    /// A `jobctl ...` command for the user to run next, with this run's connection
    /// options after `jobctl` (see [`Context::connection_words`]), so that it reaches the
    /// same stack.
    pub fn with_connection(&self, command: &str) -> String {
        let words = self.connection_words();
        match (command.strip_prefix("jobctl "), words.is_empty()) {
            (Some(rest), false) => format!("jobctl {} {rest}", shell_words::join(&words)),
            _ => command.to_owned(),
        }
    }

    /// The host and token, from the demo or the configuration; warnings shown (once).
    fn resolved(&self) -> Result<crate::config::Resolved> {
        // --demo ignores the config file and its profiles.
        let resolved = match &self.demo_url {
            Some(url) => crate::config::Resolved {
                host: url.clone(),
                queue_host: None,
                token: DEMO_TOKEN.to_owned(),
                host_source: crate::config::Source::Demo,
                token_source: crate::config::Source::Demo,
                warnings: Vec::new(),
            },
            None => crate::config::resolve(&self.global)?,
        };
        self.warned.call_once(|| {
            if self.out.debug {
                self.out
                    .note(&format!("debug: {}", resolved.describe_sources()));
            }
            for warning in &resolved.warnings {
                self.out.note(warning);
            }
        });
        Ok(resolved)
    }

    /// The Storage API client reporting to `observer` instead of stderr (`top` owns the
    /// screen), and the configured Queue API host, if any.
    pub fn client_reporting(
        &self,
        observer: crate::client::Observer,
    ) -> Result<(StorageClient, Option<String>)> {
        let resolved = self.resolved()?;
        let queue_host = resolved.queue_host.clone();
        let connection = &self.global.connection;
        let client = client_for(&connection.http, resolved, connection.retries, observer)?;
        Ok((client, queue_host))
    }

    /// The Storage API client, showing its notices among a watch's spinners when given,
    /// and the configured Queue API host, if any (for [`Context::discover_queue`]).
    pub fn client_observed(
        &self,
        notices: Option<Notices>,
    ) -> Result<(StorageClient, Option<String>)> {
        self.client_reporting(self.out.observer(notices))
    }
}

/// A client for a resolved host and token with the global request options.
pub fn client_for(
    http: &HttpArgs,
    resolved: crate::config::Resolved,
    retries: u32,
    observer: crate::client::Observer,
) -> Result<StorageClient> {
    let settings = Settings {
        host: resolved.host,
        token: resolved.token,
        request_timeout: http.request_timeout,
        retries,
        insecure_http: http.insecure_http,
    };
    Ok(StorageClient::new(settings, observer)?)
}
