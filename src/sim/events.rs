//! The simulated events API (a job's log): the events the demo's storage and queue jobs
//! write as they run, the store that numbers them, `GET /v2/storage[/branch/{b}]/events`
//! with its parameters, and `GET /v2/storage/events/{id or uuid}`. No sockets here.
//!
//! Choices where the real API is silent:
//! - A job's events are written when its times become known (a storage job's clock
//!   starts, the queue clock starts, or at once for a job pinned to the wall clock), at
//!   instants within its run; an event is listed only once `created <= now`.
//! - `id` and `uuid` both follow creation: the id is the creation millisecond (since 2020)
//!   times 1000 plus a counter, the uuid a UUIDv7 of the creation millisecond with that
//!   counter, so either one sorts the log as it was written.
//! - `sinceId`/`maxId` take an id (digits) or a uuid and are exclusive. `limit` defaults
//!   to 100 and is capped at 10000 (0 or not a number: 400). `q` is a case-insensitive
//!   substring of the message. `default` (and the main branch's id) is the plain path;
//!   another branch lists the events written in it.
//! - A token that does not see every event ([`Sim::set_token_sees_all_events`]) sees only
//!   those it wrote itself: none of the demo's.

use std::collections::{BTreeMap, HashMap};

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;

use crate::sim::api::Reply;
use crate::sim::clock::format_ts;
use crate::sim::job::{BASE_SENTINEL, JobSpec, SplitBody};
use crate::sim::listing::percent_decode;
use crate::sim::queue::{Anchor, QueueJobSpec, QueueOutcome, php_base};
use crate::sim::{Sim, StorageEntry};

pub(crate) const EVENTS_PATH: &str = "/v2/storage/events";
/// The main branch's id; its events are also those of the plain path.
pub const MAIN_BRANCH_ID: &str = "1203";
/// The simulator's token id (see the token verify answer): its own events.
const SIM_TOKEN_ID: &str = "27978";
const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 10_000;
/// Ids count milliseconds from 2020-01-01 (UTC).
const ID_EPOCH_MS: i64 = 1_577_836_800_000;

/// An event a test adds ([`Sim::add_event`]). Empty strings are sent as `""`, as the API
/// does for absent values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSpec {
    pub run_id: Option<String>,
    /// `info`, `success`, `warn`, `error` (or anything else, sent as it is).
    pub kind: String,
    /// The dotted name, e.g. `storage.tableImportDone`.
    pub event: String,
    pub component: String,
    pub message: String,
    pub description: String,
    pub configuration_id: String,
    pub object_id: String,
    pub object_name: String,
    pub object_type: String,
    pub token_id: String,
    pub token_name: String,
    pub branch_id: String,
    /// Epoch milliseconds; `None`: now on the simulator's clock.
    pub created_ms: Option<i64>,
}

impl EventSpec {
    /// An event of `run_id` written by the demo's scheduler token in the main branch.
    pub fn new(run_id: &str, kind: &str, message: &str) -> EventSpec {
        EventSpec {
            run_id: Some(run_id.to_owned()),
            kind: kind.to_owned(),
            event: "ext.keboola.ex-db-snowflake.".to_owned(),
            component: "keboola.ex-db-snowflake".to_owned(),
            message: message.to_owned(),
            description: String::new(),
            configuration_id: String::new(),
            object_id: String::new(),
            object_name: String::new(),
            object_type: String::new(),
            token_id: "7455".to_owned(),
            token_name: "[_internal] Scheduler".to_owned(),
            branch_id: MAIN_BRANCH_ID.to_owned(),
            created_ms: None,
        }
    }

    pub fn description(mut self, d: &str) -> EventSpec {
        self.description = d.to_owned();
        self
    }

    /// Sets `component` (and `event` to `ext.{component}.`).
    pub fn component(mut self, c: &str) -> EventSpec {
        self.component = c.to_owned();
        self.event = format!("ext.{c}.");
        self
    }

    pub fn configuration(mut self, id: &str) -> EventSpec {
        self.configuration_id = id.to_owned();
        self
    }

    /// Written at these epoch milliseconds.
    pub fn at(mut self, ms: i64) -> EventSpec {
        self.created_ms = Some(ms);
        self
    }

    /// Written by this token (the simulator's own is `27978`).
    pub fn token(mut self, id: &str, name: &str) -> EventSpec {
        self.token_id = id.to_owned();
        self.token_name = name.to_owned();
        self
    }

    /// Written in this dev branch.
    pub fn branch(mut self, id: &str) -> EventSpec {
        self.branch_id = id.to_owned();
        self
    }
}

/// One event in the simulator's own list ([`Sim::events_list`]): what a test compares a
/// client's output with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimEvent {
    pub id: u64,
    pub uuid: String,
    pub run_id: Option<String>,
    pub kind: String,
    pub component: String,
    pub message: String,
    pub description: String,
    pub created_ms: i64,
}

/// One stored event: its facts for filtering and its bytes (split around the base URL).
#[derive(Debug)]
struct Stored {
    facts: SimEvent,
    configuration_id: String,
    message_lower: String,
    token_id: String,
    branch_id: String,
    /// The queue job that wrote it: hidden past that job's kill.
    queue_id: Option<u64>,
    body: SplitBody,
}

/// Where a job's events come from until they are written.
#[derive(Debug)]
enum Source {
    Storage(Box<JobSpec>),
    Queue(Box<QueueJobSpec>),
}

/// Every event written so far, by id, and the jobs whose events are not yet written.
#[derive(Debug, Default)]
pub(crate) struct EventStore {
    events: BTreeMap<u64, Stored>,
    by_uuid: HashMap<String, u64>,
    pending: Vec<Source>,
    /// Queue jobs that log this many extra lines (the demo's long log).
    verbose: HashMap<u64, usize>,
    /// Queue jobs killed, and when: what they would have written after is never written.
    killed: HashMap<u64, i64>,
    own_only: bool,
}

impl EventStore {
    /// Forgets the pending events of storage job `id` (replaced or gone).
    pub(crate) fn forget_storage(&mut self, id: u64) {
        self.pending
            .retain(|s| !matches!(s, Source::Storage(spec) if spec.id == id));
    }

    pub(crate) fn storage_job(&mut self, spec: &JobSpec) {
        self.forget_storage(spec.id);
        self.pending.push(Source::Storage(Box::new(spec.clone())));
    }

    pub(crate) fn queue_job(&mut self, spec: &QueueJobSpec) {
        self.pending
            .retain(|s| !matches!(s, Source::Queue(q) if q.id == spec.id));
        self.pending.push(Source::Queue(Box::new(spec.clone())));
    }

    pub(crate) fn forget_queue_job(&mut self, id: u64) {
        self.pending
            .retain(|s| !matches!(s, Source::Queue(q) if q.id == id));
    }

    pub(crate) fn forget_queue(&mut self) {
        self.pending.retain(|s| !matches!(s, Source::Queue(_)));
    }

    pub(crate) fn set_verbose(&mut self, queue_id: u64, lines: usize) {
        self.verbose.insert(queue_id, lines);
    }

    /// Queue job `spec` was killed at `at_ms`: its later events vanish, and the kill is
    /// logged when it takes effect (`terminating` lasts `until_ms - at_ms`).
    pub(crate) fn queue_killed(&mut self, spec: &QueueJobSpec, at_ms: i64, until_ms: i64) {
        self.killed.insert(spec.id, at_ms);
        let mut e = EventSpec::new(
            &spec.id.to_string(),
            "warn",
            &format!("Job {} was terminated: a kill was requested", spec.id),
        )
        .component(&spec.component)
        .configuration(&spec.config);
        e.token_id = spec.token_id.clone();
        e.token_name = spec.token_description.clone();
        self.insert(&e, until_ms, None);
    }

    /// Stores one event at `created_ms`, numbering it; returns its facts.
    fn insert(&mut self, spec: &EventSpec, created_ms: i64, queue_id: Option<u64>) -> SimEvent {
        let slot = created_ms.saturating_sub(ID_EPOCH_MS).max(0) as u64 * 1000;
        // The next number of this millisecond (past a thousand, it borrows the next
        // millisecond's numbers: ids still follow creation, uuids may not).
        let mut id = self
            .events
            .range(slot..slot + 1000)
            .next_back()
            .map_or(slot, |(last, _)| last + 1);
        while self.events.contains_key(&id) {
            id += 1;
        }
        let uuid = uuid_for(created_ms, id);
        let facts = SimEvent {
            id,
            uuid: uuid.clone(),
            run_id: spec.run_id.clone(),
            kind: spec.kind.clone(),
            component: spec.component.clone(),
            message: spec.message.clone(),
            description: spec.description.clone(),
            created_ms,
        };
        let body = render(spec, id, &uuid, created_ms);
        self.by_uuid.insert(uuid, id);
        self.events.insert(
            id,
            Stored {
                facts: facts.clone(),
                configuration_id: spec.configuration_id.clone(),
                message_lower: spec.message.to_lowercase(),
                token_id: spec.token_id.clone(),
                branch_id: spec.branch_id.clone(),
                queue_id,
                body,
            },
        );
        facts
    }

    fn sees(&self, e: &Stored, now_ms: i64) -> bool {
        e.facts.created_ms <= now_ms
            && (!self.own_only || e.token_id == SIM_TOKEN_ID)
            && e.queue_id
                .and_then(|q| self.killed.get(&q))
                .is_none_or(|at| e.facts.created_ms <= *at)
    }
}

/// A UUIDv7 of `ms` whose 12 counter bits are the id's number within its millisecond, so
/// that uuids sort as ids do; the rest derives from the id.
fn uuid_for(ms: i64, id: u64) -> String {
    let ms = (ms.max(0) as u64) & 0xFFFF_FFFF_FFFF;
    let counter = id % 1000;
    let tail = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) & 0x3FFF_FFFF_FFFF_FFFF;
    let tail = tail | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
        ms >> 16,
        ms & 0xFFFF,
        counter,
        tail >> 48,
        tail & 0xFFFF_FFFF_FFFF
    )
}

/// The event's body in the real key order, PHP-escaped, split around the base URL.
fn render(spec: &EventSpec, id: u64, uuid: &str, created_ms: i64) -> SplitBody {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Context<'a> {
        remote_addr: &'a str,
        http_referer: Option<&'a str>,
        http_user_agent: String,
        api_version: &'a str,
        #[serde(rename = "async")]
        is_async: bool,
    }
    #[derive(Serialize)]
    struct Token<'a> {
        id: &'a str,
        name: &'a str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire<'a> {
        id: u64,
        uuid: &'a str,
        event: &'a str,
        component: &'a str,
        message: &'a str,
        description: &'a str,
        #[serde(rename = "type")]
        kind: &'a str,
        run_id: Option<&'a str>,
        created: String,
        configuration_id: &'a str,
        object_id: &'a str,
        object_name: &'a str,
        object_type: &'a str,
        context: Context<'a>,
        params: [(); 0],
        results: [(); 0],
        performance: [(); 0],
        token: Token<'a>,
        id_branch: &'a str,
        uri: String,
        attachments: [(); 0],
    }
    let wire = Wire {
        id,
        uuid,
        event: &spec.event,
        component: &spec.component,
        message: &spec.message,
        description: &spec.description,
        kind: &spec.kind,
        run_id: spec.run_id.as_deref(),
        created: format_ts(created_ms.div_euclid(1000)),
        configuration_id: &spec.configuration_id,
        object_id: &spec.object_id,
        object_name: &spec.object_name,
        object_type: &spec.object_type,
        context: Context {
            remote_addr: "10.0.12.4",
            http_referer: None,
            http_user_agent: format!("Keboola Storage API PHP Client/14 {}", spec.component),
            api_version: "v2",
            is_async: spec.component == "storage",
        },
        params: [],
        results: [],
        performance: [],
        token: Token {
            id: &spec.token_id,
            name: &spec.token_name,
        },
        id_branch: &spec.branch_id,
        uri: format!("{BASE_SENTINEL}/v2/storage/events/{uuid}"),
        attachments: [],
    };
    // PHP's json_encode escapes every `/`, which only occurs inside strings.
    let text = serde_json::to_string(&wire)
        .unwrap_or_default()
        .replace('/', "\\/");
    // `uri` is the last string that holds the sentinel, so a message that happens to
    // contain it cannot move the split.
    SplitBody::at_sentinel(Bytes::from(text.into_bytes()), true)
}

/// `tableImport` → `Table import`.
fn words(operation: &str) -> String {
    let mut out = String::new();
    for (i, c) in operation.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The events a storage job writes when its clock started at `created_ms`: started,
/// in progress (for a job that processes 2 s or more), done or error.
fn storage_lines(spec: &JobSpec, created_ms: i64) -> Vec<(i64, EventSpec)> {
    let (start, end) = spec.lifecycle.marks_ms(created_ms);
    let op = &spec.operation_name;
    let what = words(op);
    let base = |kind: &str, event: String, message: String| {
        let mut e = EventSpec::new("", kind, &message);
        e.run_id = spec.run_id.clone();
        e.event = event;
        e.component = "storage".to_owned();
        e.token_id = spec.creator.id.clone();
        e.token_name = spec
            .creator
            .description
            .clone()
            .or_else(|| spec.creator.name.clone())
            .unwrap_or_default();
        if let crate::sim::job::TableRef::Id(table) = &spec.table_id {
            e.object_id = table.clone();
            e.object_name = table.rsplit('.').next().unwrap_or(table).to_owned();
            e.object_type = "table".to_owned();
        }
        e
    };
    let mut lines = vec![(
        start,
        base(
            "info",
            format!("storage.{op}Started"),
            format!("{what} started"),
        ),
    )];
    if end - start >= 2_000 {
        lines.push((
            start + (end - start) / 2,
            base(
                "info",
                format!("storage.{op}Progress"),
                format!("{what} in progress"),
            ),
        ));
    }
    let last = match &spec.failure {
        None => base(
            "success",
            format!("storage.{op}Done"),
            format!("{what} done"),
        ),
        Some(f) => base(
            "error",
            format!("storage.{op}Error"),
            format!("{what} error"),
        )
        .description(&format!("{}: {}", f.code, f.message)),
    };
    lines.push((end, last));
    lines
}

/// `Missing columns: country.` → `country` (the text between `label` and the next `. `).
fn clause<'a>(message: &'a str, label: &str) -> Option<&'a str> {
    let rest = &message[message.find(label)? + label.len()..];
    Some(
        rest.split(". ")
            .next()
            .unwrap_or(rest)
            .trim_end_matches('.'),
    )
}

/// The events a queue job writes over its run (`live_ms`: the queue clock's start): a
/// component job starts, logs a line per output table (or one that it processes), and
/// ends with its message; a failed one warns first and ends with its error, described
/// over several lines. Flows and phases log their start and end. `extra` more lines of
/// progress in between (the demo's long log). All carry the job's plain id as `runId`.
fn queue_lines(spec: &QueueJobSpec, live_ms: i64, extra: usize) -> Vec<(i64, EventSpec)> {
    let (_, start, end) = spec.abs(live_ms);
    let run = spec.id.to_string();
    let line = |kind: &str, message: String| {
        let mut e = EventSpec::new(&run, kind, &message)
            .component(&spec.component)
            .configuration(&spec.config);
        e.token_id = spec.token_id.clone();
        e.token_name = spec.token_description.clone();
        e
    };
    let span = (end - start).max(1);
    let mut lines = Vec::new();
    let container = spec.job_type != "standard";
    if container {
        let what = match spec.job_type.as_str() {
            "phaseContainer" => spec
                .message
                .strip_suffix(" finished.")
                .map_or_else(|| "Phase".to_owned(), str::to_owned),
            _ => format!("Flow {}", spec.config),
        };
        lines.push((start, line("info", format!("{what} started"))));
    } else {
        lines.push((
            start,
            line(
                "info",
                format!(
                    "Running component {} (config {})",
                    spec.component, spec.config
                ),
            ),
        ));
        let tables = &spec.output_tables;
        let steps: Vec<String> = if tables.is_empty() {
            vec!["Processing data".to_owned()]
        } else {
            tables
                .iter()
                .map(|t| format!("Output table \"{t}\" written"))
                .collect()
        };
        let n = steps.len() as i64 + 1;
        for (k, text) in steps.into_iter().enumerate() {
            lines.push((start + span * (k as i64 + 1) / (n + 1), line("info", text)));
        }
        for k in 0..extra {
            let at = start + 1 + (span - 2) * (k as i64) / (extra.max(1) as i64);
            lines.push((
                at,
                line(
                    "info",
                    format!(
                        "Exported batch {} of {extra}: 1,000 rows from \"ORDERS\"",
                        k + 1
                    ),
                ),
            ));
        }
    }
    match &spec.outcome {
        QueueOutcome::Success => lines.push((
            end,
            line(
                "success",
                if container {
                    spec.message.clone()
                } else {
                    "Component processing finished.".to_owned()
                },
            ),
        )),
        QueueOutcome::Warning(message) => lines.push((end, line("warn", message.clone()))),
        QueueOutcome::Error { message, user } => {
            if !container {
                lines.extend(failure_lines(spec, message, *user, start, end, &line));
            } else {
                lines.push((end, line("error", message.clone())));
            }
        }
    }
    lines
}

/// The warning and error lines of a component job that failed with `message`, at the
/// end of its run.
fn failure_lines(
    spec: &QueueJobSpec,
    message: &str,
    user: bool,
    start: i64,
    end: i64,
    line: &dyn Fn(&str, String) -> EventSpec,
) -> Vec<(i64, EventSpec)> {
    let warn_at = (end - 6_000).max(start);
    let error_at = end;
    let missing = clause(message, "Missing columns: ");
    let expected = clause(message, "Expected columns: ");
    if let (Some(missing), Some(expected)) = (missing, expected) {
        let table = message.split('"').nth(1).unwrap_or("the table").to_owned();
        let found: Vec<&str> = expected
            .split(',')
            .filter(|c| !missing.split(',').any(|m| m.trim() == *c))
            .collect();
        let fewer = expected.split(',').count() - found.len();
        let sheet = table.rsplit('.').next().unwrap_or(&table).to_owned();
        let mut sheet_name = sheet.clone();
        if let Some(first) = sheet_name.get(..1) {
            sheet_name = format!("{}{}", first.to_uppercase(), &sheet[1..]);
        }
        return vec![
            (
                warn_at,
                line(
                    "warn",
                    format!(
                        "Sheet \"{sheet_name}\" has {fewer} column{} fewer than configured; \
                         writing what it has",
                        if fewer == 1 { "" } else { "s" }
                    ),
                ),
            ),
            (
                error_at,
                line("error", message.to_owned()).description(&format!(
                    "csvImport.columnsNotMatch\nTable: {table}\nExpected columns: {expected}\n\
                     Columns in the file: {}\nMissing columns: {missing}",
                    found.join(",")
                )),
            ),
        ];
    }
    vec![
        (
            warn_at,
            line(
                "warn",
                format!(
                    "{} reported a problem; the job will fail if it persists",
                    spec.component
                ),
            ),
        ),
        (
            error_at,
            line("error", message.to_owned()).description(&format!(
                "{} error in {} (config {})\nExit code: {}\nJob: {}",
                if user { "User" } else { "Application" },
                spec.component,
                spec.config,
                if user { 1 } else { 2 },
                spec.id
            )),
        ),
    ]
}

/// A parsed events query; `Err` is the 400 message.
#[derive(Debug, Default)]
struct Query {
    run_id: Option<String>,
    since: Option<Cursor>,
    max: Option<Cursor>,
    limit: usize,
    offset: usize,
    asc: bool,
    component: Option<String>,
    configuration_id: Option<String>,
    q: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Cursor {
    Id(u64),
    Uuid(String),
}

impl Cursor {
    fn parse(s: &str) -> Cursor {
        match s.parse::<u64>() {
            Ok(id) if s.bytes().all(|b| b.is_ascii_digit()) => Cursor::Id(id),
            _ => Cursor::Uuid(s.to_ascii_lowercase()),
        }
    }

    /// Where `e` stands against this cursor.
    fn cmp(&self, e: &SimEvent) -> std::cmp::Ordering {
        match self {
            Cursor::Id(id) => e.id.cmp(id),
            Cursor::Uuid(u) => e.uuid.as_str().cmp(u.as_str()),
        }
    }
}

impl Query {
    fn parse(raw: &str) -> Result<Query, String> {
        let mut q = Query {
            limit: DEFAULT_LIMIT,
            ..Query::default()
        };
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(v);
            let some = || Some(value.clone()).filter(|v| !v.is_empty());
            match percent_decode(k).as_str() {
                "runId" => q.run_id = some(),
                "sinceId" => q.since = some().map(|v| Cursor::parse(&v)),
                "maxId" => q.max = some().map(|v| Cursor::parse(&v)),
                "limit" => match value.parse::<usize>() {
                    Ok(n) if n > 0 => q.limit = n.min(MAX_LIMIT),
                    _ => return Err(format!("Invalid limit \"{value}\": a positive integer")),
                },
                "offset" => {
                    q.offset = value
                        .parse()
                        .map_err(|_| format!("Invalid offset \"{value}\""))?;
                }
                "sortOrder" => match value.as_str() {
                    "asc" => q.asc = true,
                    "desc" => q.asc = false,
                    _ => return Err(format!("Invalid sortOrder \"{value}\": asc or desc")),
                },
                "component" => q.component = some(),
                "configurationId" => q.configuration_id = some(),
                "q" => q.q = some().map(|v| v.to_lowercase()),
                _ => {}
            }
        }
        Ok(q)
    }

    fn admits(&self, e: &Stored) -> bool {
        let f = &e.facts;
        self.run_id
            .as_ref()
            .is_none_or(|r| f.run_id.as_ref() == Some(r))
            && self
                .since
                .as_ref()
                .is_none_or(|c| c.cmp(f) == std::cmp::Ordering::Greater)
            && self
                .max
                .as_ref()
                .is_none_or(|c| c.cmp(f) == std::cmp::Ordering::Less)
            && self.component.as_ref().is_none_or(|c| &f.component == c)
            && self
                .configuration_id
                .as_ref()
                .is_none_or(|c| &e.configuration_id == c)
            && self.q.as_ref().is_none_or(|q| e.message_lower.contains(q))
    }
}

/// The branch of `/v2/storage/branch/{b}/events` (`None` for the plain path), or `None`
/// when the path is not an events listing at all.
pub(crate) fn events_path(path: &str) -> Option<Option<&str>> {
    if path == EVENTS_PATH || path == "/v2/storage/events/" {
        return Some(None);
    }
    let rest = path.strip_prefix("/v2/storage/branch/")?;
    let (branch, tail) = rest.split_once('/')?;
    (!branch.is_empty() && (tail == "events" || tail == "events/")).then_some(Some(branch))
}

/// The id or uuid of `/v2/storage/events/{id}`.
pub(crate) fn event_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v2/storage/events/")?;
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

impl Sim {
    /// Writes the events of every job whose times are now known.
    fn write_pending_events(&self) {
        let mut st = self.state();
        if st.events.pending.is_empty() {
            return;
        }
        let live = st.queue_clock_ms;
        let pending = std::mem::take(&mut st.events.pending);
        let mut lines = Vec::new();
        for source in pending {
            match &source {
                Source::Storage(spec) => {
                    let created = match spec.created_at {
                        Some(secs) => Some(secs.saturating_mul(1000)),
                        None => match st.jobs.get(&spec.id) {
                            Some(StorageEntry::Timed { created_ms, .. }) => *created_ms,
                            _ => None,
                        },
                    };
                    match created {
                        Some(c) => lines.extend(
                            storage_lines(spec, c)
                                .into_iter()
                                .map(|(at, e)| (at, e, None)),
                        ),
                        None => st.events.pending.push(source),
                    }
                }
                Source::Queue(spec) => {
                    let live = match (spec.anchor, live) {
                        (Anchor::Fixed(_), _) => 0,
                        (Anchor::Live, Some(l)) => l,
                        (Anchor::Live, None) => {
                            st.events.pending.push(source);
                            continue;
                        }
                    };
                    let extra = st.events.verbose.get(&spec.id).copied().unwrap_or(0);
                    lines.extend(
                        queue_lines(spec, live, extra)
                            .into_iter()
                            .map(|(at, e)| (at, e, Some(spec.id))),
                    );
                }
            }
        }
        // Written in creation order, so that numbers within a millisecond follow it too.
        lines.sort_by_key(|(at, _, _)| *at);
        for (at, spec, queue_id) in lines {
            st.events.insert(&spec, at, queue_id);
        }
    }

    /// Adds an event (now on the simulator's clock unless [`EventSpec::at`] says when) and
    /// returns it as stored, with its id and uuid.
    pub fn add_event(&self, spec: EventSpec) -> SimEvent {
        self.write_pending_events();
        let at = spec.created_ms.unwrap_or_else(|| self.now_ms());
        self.state().events.insert(&spec, at, None)
    }

    /// Every event the simulator's token can list now, oldest first: the simulator's own
    /// list, to compare with what a client printed.
    pub fn events_list(&self) -> Vec<SimEvent> {
        self.write_pending_events();
        let now_ms = self.now_ms();
        let st = self.state();
        st.events
            .events
            .values()
            .filter(|e| st.events.sees(e, now_ms))
            .map(|e| e.facts.clone())
            .collect()
    }

    /// The events of run `run_id` listed now, oldest first.
    pub fn run_events(&self, run_id: &str) -> Vec<SimEvent> {
        self.events_list()
            .into_iter()
            .filter(|e| e.run_id.as_deref() == Some(run_id))
            .collect()
    }

    /// `false` makes the token one that is not an admin token and was not created with
    /// `canReadAllProjectEvents`: it lists only the events it wrote itself (token id
    /// `27978`), so every demo job's log is empty. `true` (the default) sees every event.
    pub fn set_token_sees_all_events(&self, all: bool) {
        self.state().events.own_only = !all;
    }

    /// The demo job whose log is longer than one page of 10,000 events.
    pub(crate) fn set_verbose_job(&self, queue_id: u64, lines: usize) {
        self.state().events.set_verbose(queue_id, lines);
    }

    /// `GET /v2/storage[/branch/{b}]/events`: a bare JSON array.
    pub(crate) fn events_reply(&self, branch: Option<&str>, query: &str, base: &str) -> Reply {
        let q = match Query::parse(query) {
            Ok(q) => q,
            Err(message) => {
                return Reply::json(400, self.error_body(&message, "validation.failed"));
            }
        };
        self.write_pending_events();
        let branch = match branch {
            None | Some("default") => MAIN_BRANCH_ID,
            Some(b) => b,
        };
        let now_ms = self.now_ms();
        let php = php_base(base);
        let st = self.state();
        let store = &st.events;
        let admitted = |e: &&Stored| store.sees(e, now_ms) && e.branch_id == branch && q.admits(e);
        let iter: Box<dyn Iterator<Item = &Stored>> = if q.asc {
            Box::new(store.events.values())
        } else {
            Box::new(store.events.values().rev())
        };
        let page: Vec<&Stored> = iter.filter(admitted).skip(q.offset).take(q.limit).collect();
        let size: usize = page
            .iter()
            .map(|e| e.body.head.len() + php.len() + e.body.tail.len() + 1)
            .sum();
        let mut buf = BytesMut::with_capacity(size + 2);
        buf.put_u8(b'[');
        for (i, e) in page.iter().enumerate() {
            if i > 0 {
                buf.put_u8(b',');
            }
            buf.put_slice(&e.body.head);
            buf.put_slice(php.as_bytes());
            buf.put_slice(&e.body.tail);
        }
        buf.put_u8(b']');
        drop(st);
        Reply::json(200, buf.freeze())
    }

    /// `GET /v2/storage/events/{id or uuid}`; 404 in the API's error shape when no such
    /// event is listed now.
    pub(crate) fn event_reply(&self, id: &str, base: &str) -> Reply {
        self.write_pending_events();
        let now_ms = self.now_ms();
        let id = percent_decode(id);
        let found = {
            let st = self.state();
            let key = match Cursor::parse(&id) {
                Cursor::Id(n) => Some(n),
                Cursor::Uuid(u) => st.events.by_uuid.get(&u).copied(),
            };
            key.and_then(|k| st.events.events.get(&k))
                .filter(|e| st.events.sees(e, now_ms))
                .map(|e| {
                    let php = php_base(base);
                    let mut out = Vec::new();
                    out.extend_from_slice(&e.body.head);
                    out.extend_from_slice(php.as_bytes());
                    out.extend_from_slice(&e.body.tail);
                    Bytes::from(out)
                })
        };
        match found {
            Some(body) => Reply::json(200, body),
            None => Reply::json(
                404,
                self.error_body(&format!("Event {id} not found"), "notFound"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventType, RawEvent, split_array};
    use serde_json::Value;

    fn page(sim: &Sim, branch: Option<&str>, query: &str) -> Vec<RawEvent> {
        let reply = sim.events_reply(branch, query, "http://127.0.0.1:1");
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let text = String::from_utf8(reply.body.to_vec()).unwrap();
        split_array(&text)
            .unwrap()
            .iter()
            .map(|r| RawEvent::parse(r.get()).unwrap())
            .collect()
    }

    fn messages(events: &[RawEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| e.event().message.clone().unwrap_or_default())
            .collect()
    }

    fn sim_with(n: usize) -> (Sim, i64) {
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        for k in 0..n {
            sim.add_event(
                EventSpec::new("7", "info", &format!("line {k}")).at(t0 - n as i64 + k as i64),
            );
        }
        (sim, t0)
    }

    #[test]
    fn uuids_and_ids_sort_as_creation() {
        let (sim, _) = sim_with(50);
        let list = sim.events_list();
        assert_eq!(list.len(), 50);
        assert!(
            list.windows(2)
                .all(|w| w[0].id < w[1].id && w[0].uuid < w[1].uuid)
        );
        let u = &list[0].uuid;
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "7", "{u}");
        // Two events in one millisecond keep their order too.
        let sim = Sim::empty();
        let t = sim.hold_clock();
        let a = sim.add_event(EventSpec::new("1", "info", "a").at(t));
        let b = sim.add_event(EventSpec::new("1", "info", "b").at(t));
        assert!(a.id < b.id && a.uuid < b.uuid);
    }

    #[test]
    fn the_listing_takes_every_parameter() {
        let (sim, _) = sim_with(30);
        let all = sim.events_list();
        assert_eq!(
            messages(&page(&sim, None, "limit=3")),
            ["line 29", "line 28", "line 27"]
        );
        assert_eq!(
            messages(&page(&sim, None, "limit=2&sortOrder=asc&offset=1")),
            ["line 1", "line 2"]
        );
        let since = &all[27].uuid;
        assert_eq!(
            messages(&page(&sim, None, &format!("sinceId={since}&sortOrder=asc"))),
            ["line 28", "line 29"]
        );
        let since_id = all[27].id;
        assert_eq!(
            messages(&page(&sim, None, &format!("sinceId={since_id}"))),
            ["line 29", "line 28"]
        );
        assert_eq!(
            messages(&page(&sim, None, &format!("maxId={}&limit=2", all[2].uuid))),
            ["line 1", "line 0"]
        );
        assert_eq!(
            messages(&page(&sim, None, "q=LINE%202&limit=100")).len(),
            1 + 10
        );
        assert!(page(&sim, None, "runId=8").is_empty());
        assert_eq!(page(&sim, None, "runId=7&limit=100000").len(), 30);
        assert!(page(&sim, None, "component=storage").is_empty());
        assert!(page(&sim, Some("42"), "").is_empty());
        assert_eq!(page(&sim, Some("default"), "").len(), 30);
        assert_eq!(page(&sim, Some(MAIN_BRANCH_ID), "").len(), 30);
        for bad in ["limit=0", "limit=x", "sortOrder=up", "offset=-1"] {
            assert_eq!(sim.events_reply(None, bad, "http://h").status, 400, "{bad}");
        }
    }

    #[test]
    fn the_limit_is_capped_at_ten_thousand() {
        let (sim, _) = sim_with(10_005);
        assert_eq!(page(&sim, None, "limit=20000").len(), 10_000);
        assert_eq!(page(&sim, None, "").len(), 100);
    }

    #[test]
    fn events_appear_as_the_clock_passes() {
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        sim.add_event(EventSpec::new("7", "info", "later").at(t0 + 5_000));
        assert!(page(&sim, None, "").is_empty());
        let uuid = sim.events_list();
        assert!(uuid.is_empty());
        sim.advance_clock(std::time::Duration::from_secs(5));
        assert_eq!(messages(&page(&sim, None, "")), ["later"]);
    }

    #[test]
    fn one_event_by_id_or_uuid_and_404_otherwise() {
        let (sim, _) = sim_with(2);
        let e = &sim.events_list()[1];
        for key in [e.uuid.clone(), e.id.to_string()] {
            let r = sim.event_reply(&key, "http://h:1");
            assert_eq!(r.status, 200);
            let ev = RawEvent::parse(std::str::from_utf8(&r.body).unwrap()).unwrap();
            assert_eq!(ev.event().message.as_deref(), Some("line 1"));
            assert!(
                ev.raw()
                    .contains("\"uri\":\"http:\\/\\/h:1\\/v2\\/storage\\/events\\/")
            );
        }
        let r = sim.event_reply("0193-nope", "http://h");
        assert_eq!(r.status, 404);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["code"], "notFound");
        assert_eq!(body["error"], "Event 0193-nope not found");
    }

    #[test]
    fn a_token_that_is_not_an_admin_sees_only_its_own_events() {
        let (sim, _) = sim_with(3);
        sim.set_token_sees_all_events(false);
        assert!(page(&sim, None, "").is_empty());
        sim.add_event(EventSpec::new("7", "info", "mine").token(SIM_TOKEN_ID, "jobctl simulator"));
        assert_eq!(messages(&page(&sim, None, "")), ["mine"]);
    }

    #[test]
    fn storage_and_queue_jobs_log_their_runs() {
        let spec = JobSpec::success(5, "tableImport")
            .table("in.c-main.orders")
            .run_id("1205")
            .waiting(std::time::Duration::from_secs(1))
            .processing(std::time::Duration::from_secs(4))
            .fails("csvImport.columnsNotMatch", "Missing columns: country");
        let lines = storage_lines(&spec, 1_000_000);
        let texts: Vec<(i64, &str, &str)> = lines
            .iter()
            .map(|(t, e)| (*t, e.kind.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (1_001_000, "info", "Table import started"),
                (1_003_000, "info", "Table import in progress"),
                (1_005_000, "error", "Table import error"),
            ]
        );
        assert_eq!(
            lines[2].1.description,
            "csvImport.columnsNotMatch: Missing columns: country"
        );
        assert_eq!(lines[2].1.run_id.as_deref(), Some("1205"));
        let message = "Failed to import table \"in.c-crm.customers\": Some columns are missing \
                       in the csv file. Missing columns: country. Expected columns: \
                       id,name,email,country. Please check the delimiter.";
        let q = QueueJobSpec::standard(77, "keboola.ex-google-drive", "774411", Anchor::Fixed(0))
            .times(0, 1_000, 30_000)
            .outcome(QueueOutcome::Error {
                message: message.to_owned(),
                user: true,
            });
        let lines = queue_lines(&q, 0, 0);
        let last = &lines[lines.len() - 1].1;
        assert_eq!(last.kind, "error");
        assert_eq!(last.message, message);
        assert!(last.description.contains("\nMissing columns: country"));
        assert!(
            last.description
                .contains("Columns in the file: id,name,email")
        );
        let warn = &lines[lines.len() - 2].1;
        assert_eq!(warn.kind, "warn");
        assert_eq!(
            warn.message,
            "Sheet \"Customers\" has 1 column fewer than configured; writing what it has"
        );
        assert!(
            lines
                .iter()
                .all(|(t, e)| (1_000..=30_000).contains(t) && e.run_id.as_deref() == Some("77"))
        );
        assert_eq!(queue_lines(&q, 0, 12).len(), lines.len() + 12);
    }

    #[test]
    fn a_live_jobs_events_appear_as_its_clock_passes_them() {
        use std::time::Duration;
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        sim.add_job(
            JobSpec::success(42, "tableImport")
                .table("in.c-main.orders")
                .run_id("900")
                .waiting(Duration::from_secs(1))
                .processing(Duration::from_secs(4)),
        );
        // Its clock has not started: no events yet.
        assert!(sim.run_events("900").is_empty());
        let get = |path: &str| {
            sim.answer(crate::sim::api::ApiRequest {
                method: "GET",
                path,
                query: "",
                base: "http://h",
                token: Some(crate::sim::DEMO_TOKEN),
            })
        };
        assert_eq!(get("/v2/storage/jobs/42").status, 200);
        let seen = |sim: &Sim| -> Vec<String> {
            sim.run_events("900")
                .into_iter()
                .map(|e| e.message)
                .collect()
        };
        assert!(seen(&sim).is_empty());
        sim.advance_clock(Duration::from_secs(1));
        assert_eq!(seen(&sim), ["Table import started"]);
        sim.advance_clock(Duration::from_secs(2));
        assert_eq!(
            seen(&sim),
            ["Table import started", "Table import in progress"]
        );
        sim.advance_clock(Duration::from_secs(2));
        assert_eq!(
            seen(&sim),
            [
                "Table import started",
                "Table import in progress",
                "Table import done"
            ]
        );
        assert!(sim.run_events("900").iter().all(|e| e.created_ms >= t0));
        // A live queue job writes its events once the queue clock starts.
        sim.add_queue_job(
            QueueJobSpec::standard(77, "keboola.ex-http", "1", Anchor::Live).times(0, 500, 3_000),
        );
        assert!(sim.run_events("77").is_empty());
        let live = sim.queue_clock();
        sim.advance_clock(Duration::from_secs(3));
        let log = sim.run_events("77");
        assert_eq!(log.len(), 3, "{log:#?}");
        assert_eq!(log[0].created_ms, live + 500);
        assert_eq!(log[2].kind, "success");
    }

    #[test]
    fn a_killed_jobs_log_stops_at_the_kill_and_says_so() {
        use std::time::Duration;
        let sim = Sim::empty();
        let t0 = sim.hold_clock();
        sim.add_queue_job(
            QueueJobSpec::standard(88, "keboola.ex-http", "1", Anchor::Fixed(t0))
                .times(0, 1_000, 60_000),
        );
        sim.advance_clock(Duration::from_secs(5));
        let now = sim.now_ms();
        assert_eq!(sim.queue_kill(88, now), Ok(()));
        sim.advance_clock(Duration::from_secs(120));
        let log: Vec<String> = sim
            .run_events("88")
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            log,
            [
                "Running component keboola.ex-http (config 1)",
                "Job 88 was terminated: a kill was requested"
            ]
        );
    }

    #[test]
    fn bodies_decode_as_events_in_the_real_shape() {
        let (sim, _) = sim_with(1);
        let e = &page(&sim, None, "")[0];
        let ev = e.event();
        assert_eq!(ev.kind, EventType::Info);
        assert_eq!(ev.run_id.as_deref(), Some("7"));
        assert_eq!(ev.branch_id.as_deref(), Some(MAIN_BRANCH_ID));
        assert!(ev.created.is_some());
        assert!(e.raw().starts_with("{\"id\":"));
        assert!(
            e.raw()
                .contains("\"params\":[],\"results\":[],\"performance\":[]")
        );
    }
}

#[cfg(test)]
mod demo_tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_demo_logs_its_failed_flow_and_one_long_log() {
        let sim = Sim::demo(1);
        let ids = sim.demo_queue().unwrap();
        let long = sim.run_events(&ids.long_log.to_string());
        assert!(long.len() > MAX_LIMIT, "{}", long.len());
        assert!(long.windows(2).all(|w| w[0].uuid < w[1].uuid));
        // The failed flow's failing task: a warning, the storage job's error, its own error.
        let failing = sim
            .events_list()
            .into_iter()
            .filter(|e| e.kind == "error" && e.message.contains("Missing columns: country"))
            .collect::<Vec<_>>();
        assert_eq!(failing.len(), 1, "{failing:#?}");
        let run = failing[0].run_id.clone().unwrap();
        let log = sim.run_events(&run);
        let kinds: Vec<&str> = log.iter().map(|e| e.kind.as_str()).collect();
        assert!(kinds.contains(&"warn"), "{log:#?}");
        assert!(
            log.iter()
                .any(|e| e.component == "storage" && e.kind == "error"),
            "{log:#?}"
        );
        assert!(failing[0].description.lines().count() > 2);
        // The flow logs under its own plain id.
        assert!(!sim.run_events(&ids.failed_flow.to_string()).is_empty());
        // The failed storage import of the demo logs under its run id.
        let import = sim.demo_failed_import_id().unwrap();
        let reply = sim.answer(crate::sim::api::ApiRequest {
            method: "GET",
            path: &format!("/v2/storage/jobs/{import}"),
            query: "",
            base: "http://h",
            token: Some(crate::sim::DEMO_TOKEN),
        });
        let job: Value = serde_json::from_slice(&reply.body).unwrap();
        let run = job["runId"].as_str().unwrap();
        assert!(
            sim.run_events(run)
                .iter()
                .any(|e| e.kind == "error" && e.description.contains("columnsNotMatch")),
        );
    }

    #[test]
    fn every_live_demo_storage_job_logs_under_a_run_id_as_it_runs() {
        use std::time::Duration;
        let sim = Sim::demo(1);
        sim.hold_clock();
        let get = |path: &str| {
            let reply = sim.answer(crate::sim::api::ApiRequest {
                method: "GET",
                path,
                query: "",
                base: "http://h",
                token: Some(crate::sim::DEMO_TOKEN),
            });
            serde_json::from_slice::<Value>(&reply.body).unwrap()
        };
        let runs: Vec<String> = sim
            .live_job_ids()
            .iter()
            .map(|id| {
                let job = get(&format!("/v2/storage/jobs/{id}"));
                job["runId"].as_str().unwrap_or_default().to_owned()
            })
            .collect();
        assert!(runs.iter().all(|r| !r.is_empty()), "{runs:?}");
        let last = runs.last().unwrap();
        assert!(sim.run_events(last).is_empty());
        sim.advance_clock(Duration::from_secs(3));
        assert_eq!(sim.run_events(last).len(), 1);
        sim.advance_clock(Duration::from_secs(57));
        let log = sim.run_events(last);
        assert_eq!(log.len(), 3, "{log:#?}");
        assert_eq!(log[2].message, "Table import done");
    }
}
