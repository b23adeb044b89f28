//! The simulated Queue API: `QueueJobSpec` (a component job, flow, phase or task on a
//! timeline), its rendering in the real dialect (key order, `+00:00` times, `\/` escapes,
//! `[]` for empty objects), search with its filters and lag, and the kill state machine.
//! Knows nothing of sockets; `server.rs` routes requests of the queue listener here.
//!
//! Choices where the real API is silent:
//! - Search answers each job as it stood `search_lag` ago (1 s by default): a kill or a
//!   finish shows in the detail at once and in search a moment later. A job created less
//!   than the lag ago is found, as it stands now, so that a fresh demo lists its live jobs.
//! - Live jobs (not pinned to the wall clock) share one clock that starts with the first
//!   request to the queue listener. A job is invisible (404) before its creation time.
//! - A kill moves the job and its unfinished descendants to `terminating` for
//!   `KILL_MS`, then to `terminated` (it had started) or `cancelled` (it had not).
//! - `limit` defaults to 100 and accepts 1..=500 (400 outside).

use bytes::Bytes;
use serde_json::{Value, json};

use crate::sim::api::{ApiRequest, Reply};
use crate::sim::clock::parse_filter_time;
use crate::sim::job::{BASE_SENTINEL, SplitBody, escape_base};
use crate::sim::listing::percent_decode;
use crate::sim::{QueueEntry, Sim};

/// How long a killed job stays `terminating`.
pub const KILL_MS: i64 = 1_000;
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 500;

/// How a simulated queue job ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOutcome {
    Success,
    /// Finished, but a child failed under `behavior.onError: "warning"`.
    Warning(String),
    /// Failed; `user` says whether it was the user's error or the application's.
    Error {
        message: String,
        user: bool,
    },
}

/// Where a job's times are measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Epoch milliseconds: a job of the past (or one pinned to the wall clock).
    Fixed(i64),
    /// The simulator's queue clock, started by the first queue request.
    Live,
}

/// A queue job to simulate. Times are milliseconds after its anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueJobSpec {
    pub id: u64,
    pub run_id: String,
    /// `""` at the top.
    pub parent_run_id: String,
    pub component: String,
    pub config: String,
    /// `standard`, `orchestrationContainer`, `phaseContainer`, ...
    pub job_type: String,
    pub on_error: Option<String>,
    /// `configData.phaseId` of a phase.
    pub phase_id: Option<String>,
    pub orchestration_job_id: Option<u64>,
    pub orchestration_task_id: Option<String>,
    pub token_id: String,
    pub token_description: String,
    pub anchor: Anchor,
    pub created_ms: i64,
    pub start_ms: i64,
    pub end_ms: i64,
    pub outcome: QueueOutcome,
    /// `result.message` of a job that succeeded.
    pub message: String,
    pub output_tables: Vec<String>,
    pub input_bytes: u64,
    pub output_bytes: u64,
    /// A flow's `result.phases` and `result.tasks` once it finished.
    pub plan: Option<Value>,
    /// Fields of the body that replace the rendered ones: what a `POST /jobs` asked for
    /// (mode, rows, tag, branch, variables, backend, ...).
    pub echo: Option<Value>,
}

impl QueueJobSpec {
    /// A top-level standard job of `component`/`config` that succeeds, with all its times
    /// at the anchor until [`QueueJobSpec::times`] sets them.
    pub fn standard(id: u64, component: &str, config: &str, anchor: Anchor) -> QueueJobSpec {
        QueueJobSpec {
            id,
            run_id: id.to_string(),
            parent_run_id: String::new(),
            component: component.to_owned(),
            config: config.to_owned(),
            job_type: "standard".to_owned(),
            on_error: None,
            phase_id: None,
            orchestration_job_id: None,
            orchestration_task_id: None,
            token_id: "7460".to_owned(),
            token_description: "jan.kovar@acme-analytics.io".to_owned(),
            anchor,
            created_ms: 0,
            start_ms: 0,
            end_ms: 0,
            outcome: QueueOutcome::Success,
            message: "Component processing finished.".to_owned(),
            output_tables: Vec::new(),
            input_bytes: 0,
            output_bytes: 0,
            plan: None,
            echo: None,
        }
    }

    /// Sets created, start and end (ms after the anchor).
    pub fn times(mut self, created: i64, start: i64, end: i64) -> QueueJobSpec {
        self.created_ms = created;
        self.start_ms = start.max(created);
        self.end_ms = end.max(self.start_ms);
        self
    }

    /// Makes this job a child of `parent` (runId `parent.runId + "." + id`).
    pub fn under(mut self, parent: &QueueJobSpec) -> QueueJobSpec {
        self.parent_run_id = parent.run_id.clone();
        self.run_id = format!("{}.{}", parent.run_id, self.id);
        self.anchor = parent.anchor;
        self.token_id = parent.token_id.clone();
        self.token_description = parent.token_description.clone();
        self
    }

    pub fn outcome(mut self, outcome: QueueOutcome) -> QueueJobSpec {
        self.outcome = outcome;
        self
    }

    /// The absolute (epoch ms) created, start and end times, with `live_ms` the start of
    /// the queue clock (`None`: not started yet, taken as `now`).
    pub(crate) fn abs(&self, live_ms: i64) -> (i64, i64, i64) {
        let a = match self.anchor {
            Anchor::Fixed(ms) => ms,
            Anchor::Live => live_ms,
        };
        (a + self.created_ms, a + self.start_ms, a + self.end_ms)
    }
}

/// A kill request the simulator accepted: when, and whether the job had started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kill {
    pub(crate) at_ms: i64,
}

/// What a job looks like at one instant.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueueState {
    pub(crate) status: &'static str,
    pub(crate) desired: &'static str,
    pub(crate) created: i64,
    pub(crate) start: Option<i64>,
    pub(crate) end: Option<i64>,
    pub(crate) finished: bool,
    /// Processing seconds once finished, 0 while processing, null before.
    pub(crate) duration: Option<i64>,
}

/// The state of `spec` at `t`, or `None` before it was created.
pub(crate) fn state_at(
    spec: &QueueJobSpec,
    kill: Option<Kill>,
    live_ms: i64,
    t: i64,
) -> Option<QueueState> {
    let (c, s, e) = spec.abs(live_ms);
    if t < c {
        return None;
    }
    let kill = kill.filter(|k| k.at_ms <= t && k.at_ms < e);
    if let Some(k) = kill {
        let started = k.at_ms >= s;
        let start = started.then_some(s);
        if t < k.at_ms + KILL_MS {
            return Some(QueueState {
                status: "terminating",
                desired: "terminating",
                created: c,
                start,
                end: None,
                finished: false,
                duration: started.then_some(0),
            });
        }
        let end = k.at_ms + KILL_MS;
        return Some(QueueState {
            status: if started { "terminated" } else { "cancelled" },
            desired: "terminating",
            created: c,
            start,
            end: Some(end),
            finished: true,
            duration: Some(if started { (end - s) / 1000 } else { 0 }),
        });
    }
    let (status, start, end, finished, duration) = if t < s {
        let status = if spec.job_type == "standard" && t < c + 300 {
            "created"
        } else {
            "waiting"
        };
        (status, None, None, false, None)
    } else if t < e {
        ("processing", Some(s), None, false, Some(0))
    } else {
        let status = match spec.outcome {
            QueueOutcome::Success => "success",
            QueueOutcome::Warning(_) => "warning",
            QueueOutcome::Error { .. } => "error",
        };
        (status, Some(s), Some(e), true, Some((e - s) / 1000))
    };
    Some(QueueState {
        status,
        desired: "processing",
        created: c,
        start,
        end,
        finished,
        duration,
    })
}

/// `2022-01-24T22:40:58+00:00`, as the Queue API writes times.
pub(crate) fn queue_time(ms: i64) -> Value {
    match jiff::Timestamp::from_second(ms.div_euclid(1000)) {
        Ok(t) => Value::String(crate::model::rfc3339(t)),
        Err(_) => Value::Null,
    }
}

/// The job's body in the real key order, before the PHP escaping of `/`.
pub(crate) fn render(spec: &QueueJobSpec, st: &QueueState, base: &str) -> Value {
    let standard = spec.job_type == "standard";
    let exception = format!(
        "exception-{:020x}",
        spec.id.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    );
    let result = if st.finished {
        let message = match (&spec.outcome, st.status) {
            (_, "terminated" | "cancelled") => "Job has been terminated.".to_owned(),
            (QueueOutcome::Success, _) => spec.message.clone(),
            (QueueOutcome::Warning(m), _) => m.clone(),
            (QueueOutcome::Error { message, .. }, _) => message.clone(),
        };
        let tables: Vec<Value> = spec
            .output_tables
            .iter()
            .map(|t| {
                let name = t.rsplit('.').next().unwrap_or(t);
                json!({"id": t, "name": name, "displayName": name, "columns": []})
            })
            .collect();
        let mut r = json!({"message": message, "configVersion": "4"});
        if standard {
            r["input"] = json!({"tables": []});
            r["output"] = json!({"tables": tables});
        }
        if let Some(plan) = &spec.plan {
            r["phases"] = plan["phases"].clone();
            r["tasks"] = plan["tasks"].clone();
        }
        if let (QueueOutcome::Error { user, .. }, "error") = (&spec.outcome, st.status) {
            r["error"] = json!({
                "type": if *user { "user" } else { "application" },
                "exceptionId": exception,
            });
        }
        r
    } else {
        json!([])
    };
    let metrics = if st.finished && standard {
        json!({"storage": {"inputTablesBytesSum": spec.input_bytes,
            "outputTablesBytesSum": spec.output_bytes},
            "backend": {"size": "small", "containerSize": null, "context": null}})
    } else {
        json!([])
    };
    let config_data = match &spec.phase_id {
        Some(p) => {
            json!({"phaseId": p, "orchestrationJobId": spec.orchestration_job_id.map(|i| i.to_string())})
        }
        None => json!([]),
    };
    let mut body = json!({
        "id": spec.id.to_string(),
        "runId": spec.run_id,
        "parentRunId": spec.parent_run_id,
        "project": {"id": "66", "name": "Acme Analytics"},
        "token": {"id": spec.token_id, "description": spec.token_description},
        "status": st.status,
        "desiredStatus": st.desired,
        "mode": "run",
        "component": spec.component,
        "config": spec.config,
        "configData": config_data,
        "configRowIds": [],
        "tag": null,
        "createdTime": queue_time(st.created),
        "startTime": st.start.map_or(Value::Null, queue_time),
        "endTime": st.end.map_or(Value::Null, queue_time),
        "durationSeconds": st.duration,
        "result": result,
        "usageData": [],
        "isFinished": st.finished,
        "url": format!("{base}/jobs/{}", spec.id),
        "branchId": null,
        "variableValuesId": null,
        "variableValuesData": {"values": []},
        "backend": if standard { json!({"type": "small", "containerType": null, "context": null}) } else { json!([]) },
        "metrics": metrics,
        "behavior": {"onError": spec.on_error},
        "parallelism": if spec.job_type == "orchestrationContainer" { json!("infinity") } else { Value::Null },
        "type": spec.job_type,
        "orchestrationJobId": spec.orchestration_job_id.map(|i| i.to_string()),
        "orchestrationTaskId": spec.orchestration_task_id,
        "onlyOrchestrationTaskIds": null,
        "previousJobId": null,
        "delayedStartTime": null,
    });
    if let (Some(Value::Object(echo)), Value::Object(fields)) = (&spec.echo, &mut body) {
        for (k, v) in echo {
            fields.insert(k.clone(), v.clone());
        }
    }
    body
}

/// JSON text with `/` escaped as PHP's `json_encode` does (`https:\/\/...`). A `/` can
/// only occur inside JSON strings, so a plain replacement is exact.
pub(crate) fn php_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('/', "\\/")
}

/// A job's filterable facts at one instant (for search): its body (for a stored job, the
/// fields search reads) and, for a stored job, the bytes to answer.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub(crate) id: u64,
    pub(crate) body: Value,
    pub(crate) stored: Option<SplitBody>,
}

/// The fields of a job body that search filters and sorts on.
const FACT_FIELDS: &[&str] = &[
    "id",
    "runId",
    "parentRunId",
    "token",
    "status",
    "mode",
    "component",
    "config",
    "createdTime",
    "startTime",
    "endTime",
    "durationSeconds",
    "branchId",
    "type",
];

/// A finished job serialised once: its body split around the base URL, and its facts.
pub(crate) fn stored_entry(spec: &QueueJobSpec) -> QueueEntry {
    let end = spec.abs(0).2;
    let state = state_at(spec, None, 0, end).unwrap_or(QueueState {
        status: "success",
        desired: "processing",
        created: end,
        start: None,
        end: None,
        finished: true,
        duration: None,
    });
    let full = render(spec, &state, BASE_SENTINEL);
    // Times as epoch seconds, so that deep pages of a time-bounded search parse nothing.
    let facts: serde_json::Map<String, Value> = FACT_FIELDS
        .iter()
        .filter_map(|k| {
            let v = full.get(*k)?;
            let v = match v.as_str().filter(|_| k.ends_with("Time")) {
                Some(t) => parse_filter_time(t).map_or(Value::Null, Value::from),
                None => v.clone(),
            };
            Some(((*k).to_owned(), v))
        })
        .collect();
    // The sentinel is in `url` only.
    let body = SplitBody::at_sentinel(Bytes::from(php_json(&full)), false);
    let time = |k: &str| facts.get(k).and_then(Value::as_i64);
    let times = [time("createdTime"), time("startTime"), time("endTime")];
    QueueEntry::Stored {
        body,
        facts: Value::Object(facts),
        times,
    }
}

/// The base URL as it appears inside a body: JSON-escaped, `/` as `\/`.
pub(crate) fn php_base(base: &str) -> String {
    escape_base(base).replace('/', "\\/")
}

/// A parsed `/search/jobs` query.
#[derive(Debug, Default)]
pub(crate) struct Search {
    arrays: Vec<(String, Vec<String>)>,
    parent_run_id: Option<String>,
    times: Vec<(&'static str, bool, i64)>,
    durations: (Option<i64>, Option<i64>),
    pub(crate) offset: usize,
    pub(crate) limit: usize,
    sort_by: String,
    descending: bool,
}

/// Array filters and the job field each one looks at.
const ARRAY_FILTERS: &[(&str, &str)] = &[
    ("id", "id"),
    ("runId", "runId"),
    ("status", "status"),
    ("componentId", "component"),
    ("configId", "config"),
    ("branchId", "branchId"),
    ("type", "type"),
    ("mode", "mode"),
    ("tokenId", "token.id"),
    ("tokenDescription", "token.description"),
];

const SORTABLE: &[&str] = &[
    "id",
    "runId",
    "componentId",
    "configId",
    "status",
    "createdTime",
    "startTime",
    "endTime",
    "durationSeconds",
];

impl Search {
    /// Parses a raw query string; `Err` is the 400 message. Unknown parameters are ignored.
    pub(crate) fn parse(raw: &str, now_ms: i64) -> Result<Search, String> {
        let mut q = Search {
            limit: DEFAULT_LIMIT,
            sort_by: "id".to_owned(),
            descending: true,
            ..Search::default()
        };
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k);
            let value = percent_decode(v);
            let name = key.strip_suffix("[]").unwrap_or(&key);
            if let Some((_, field)) = ARRAY_FILTERS.iter().find(|(n, _)| *n == name) {
                match q.arrays.iter_mut().find(|(f, _)| f == field) {
                    Some((_, values)) => values.push(value),
                    None => q.arrays.push(((*field).to_owned(), vec![value])),
                }
                continue;
            }
            let time = |v: &str| {
                parse_relative(v, now_ms)
                    .or_else(|| parse_filter_time(v).map(|s| s * 1000))
                    .ok_or_else(|| format!("Invalid date \"{v}\" for {name}"))
            };
            match name {
                "parentRunId" => q.parent_run_id = Some(value),
                "createdTimeFrom" => q.times.push(("createdTime", true, time(&value)?)),
                "createdTimeTo" => q.times.push(("createdTime", false, time(&value)?)),
                "startTimeFrom" => q.times.push(("startTime", true, time(&value)?)),
                "startTimeTo" => q.times.push(("startTime", false, time(&value)?)),
                "endTimeFrom" => q.times.push(("endTime", true, time(&value)?)),
                "endTimeTo" => q.times.push(("endTime", false, time(&value)?)),
                "durationSecondsFrom" => q.durations.0 = Some(number(name, &value)?),
                "durationSecondsTo" => q.durations.1 = Some(number(name, &value)?),
                "offset" => q.offset = usize::try_from(number(name, &value)?).unwrap_or(0),
                "limit" => {
                    let n = number(name, &value)?;
                    if !(1..=MAX_LIMIT as i64).contains(&n) {
                        return Err(format!("limit must be between 1 and {MAX_LIMIT}"));
                    }
                    q.limit = n as usize;
                }
                "sortBy" if SORTABLE.contains(&value.as_str()) => q.sort_by = value,
                "sortBy" => return Err(format!("Invalid sortBy \"{value}\"")),
                "sortOrder" if value == "asc" || value == "desc" => {
                    q.descending = value == "desc";
                }
                "sortOrder" => return Err(format!("Invalid sortOrder \"{value}\"")),
                _ => {}
            }
        }
        Ok(q)
    }

    /// Whether a job body passes every filter.
    pub(crate) fn admits(&self, body: &Value) -> bool {
        self.admits_with(body, |key| match body.get(key) {
            Some(Value::Number(n)) => n.as_i64(),
            Some(v) => v.as_str().and_then(parse_filter_time),
            None => None,
        })
    }

    /// [`Search::admits`] for a stored job, whose times (epoch seconds of `createdTime`,
    /// `startTime`, `endTime`) are at hand: deep pages of a time-bounded search pass over
    /// many of them.
    pub(crate) fn admits_stored(&self, facts: &Value, times: &[Option<i64>; 3]) -> bool {
        self.admits_with(facts, |key| match key {
            "createdTime" => times[0],
            "startTime" => times[1],
            _ => times[2],
        })
    }

    /// `time(key)` is the job's time `key` in epoch seconds.
    fn admits_with(&self, body: &Value, time: impl Fn(&str) -> Option<i64>) -> bool {
        let field = |path: &str| -> &Value {
            path.split('.')
                .fold(body, |v, k| v.get(k).unwrap_or(&Value::Null))
        };
        let as_text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => "null".to_owned(),
            other => other.to_string(),
        };
        for (path, values) in &self.arrays {
            let have = as_text(field(path));
            if !values.contains(&have) {
                return false;
            }
        }
        if let Some(p) = &self.parent_run_id
            && as_text(field("parentRunId")) != *p
        {
            return false;
        }
        for (key, from, bound) in &self.times {
            let t = time(key).map(|s| s * 1000);
            match t {
                Some(t) if (*from && t >= *bound) || (!*from && t <= *bound) => {}
                _ => return false,
            }
        }
        if self.durations.0.is_some() || self.durations.1.is_some() {
            let Some(d) = field("durationSeconds").as_i64() else {
                return false;
            };
            if self.durations.0.is_some_and(|f| d < f) || self.durations.1.is_some_and(|t| d > t) {
                return false;
            }
        }
        true
    }

    /// Sorts matching jobs by the requested key (ties by id), newest first by default.
    pub(crate) fn sort(&self, jobs: &mut [Facts]) {
        let key = match self.sort_by.as_str() {
            "componentId" => "component",
            "configId" => "config",
            other => other,
        }
        .to_owned();
        jobs.sort_by(|a, b| {
            let ka = sort_key(&a.body, &key, a.id);
            let kb = sort_key(&b.body, &key, b.id);
            ka.cmp(&kb).then(a.id.cmp(&b.id))
        });
        if self.descending {
            jobs.reverse();
        }
    }
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Missing,
    Number(i64),
    Text(String),
}

fn sort_key(body: &Value, key: &str, id: u64) -> SortKey {
    if key == "id" {
        return SortKey::Number(i64::try_from(id).unwrap_or(i64::MAX));
    }
    match body.get(key) {
        Some(Value::Number(n)) => SortKey::Number(n.as_i64().unwrap_or(0)),
        Some(Value::String(s)) if key.ends_with("Time") => parse_filter_time(s)
            .map(SortKey::Number)
            .unwrap_or(SortKey::Missing),
        Some(Value::String(s)) => SortKey::Text(s.clone()),
        _ => SortKey::Missing,
    }
}

fn number(name: &str, value: &str) -> Result<i64, String> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("{name} must be a non-negative integer"))
}

/// PHP-style relative times the API accepts: `-8 hours`, `-30 minutes`, `-2 days`, `now`.
fn parse_relative(s: &str, now_ms: i64) -> Option<i64> {
    let s = s.trim();
    if s == "now" {
        return Some(now_ms);
    }
    let rest = s.strip_prefix('-')?.trim();
    let (n, unit) = rest.split_once(' ')?;
    let n: i64 = n.trim().parse().ok()?;
    let secs = match unit.trim().trim_end_matches('s') {
        "second" | "sec" => 1,
        "minute" | "min" => 60,
        "hour" => 3600,
        "day" => 86_400,
        "week" => 7 * 86_400,
        _ => return None,
    };
    Some(now_ms - n * secs * 1000)
}

impl Sim {
    /// The queue clock's start, starting it now if no queue request came before.
    pub(crate) fn queue_clock(&self) -> i64 {
        let now = self.now_ms();
        *self.state().queue_clock_ms.get_or_insert(now)
    }

    /// The body of job `id` as it stands at `t` (None: unknown or not created yet).
    pub(crate) fn queue_body_at(&self, id: u64, t: i64, base: &str) -> Option<Bytes> {
        let live = self.queue_clock();
        let st = self.state();
        match st.queue_jobs.get(&id)? {
            QueueEntry::Raw(body) => Some(body.clone()),
            QueueEntry::Stored { body, .. } => Some(joined(body, &php_base(base))),
            QueueEntry::Timed { spec, kill } => {
                let state = state_at(spec, *kill, live, t)?;
                Some(Bytes::from(php_json(&render(spec, &state, base))))
            }
        }
    }

    /// Every job that exists at `now` as parsed bodies, as it stood at `t` (or, when it
    /// was created after `t`, as it stands now), for search.
    pub(crate) fn queue_facts_at(&self, t: i64, now: i64, base: &str) -> Vec<Facts> {
        let live = self.queue_clock();
        let st = self.state();
        st.queue_jobs
            .iter()
            .filter_map(|(id, entry)| facts_of(*id, entry, live, t, now, base))
            .collect()
    }

    /// One page of search: the bodies of the jobs `q` admits at `t` (see
    /// [`Sim::queue_facts_at`]), sorted, from `q.offset`, `q.limit` at most. Sorted by id
    /// (the default), it walks the jobs in order and stops at the page's end, so paging
    /// deep into a large generated set stays cheap.
    pub(crate) fn queue_search(&self, q: &Search, t: i64, now: i64, base: &str) -> Vec<Bytes> {
        let live = self.queue_clock();
        let php = php_base(base);
        let out = |f: Facts| match f.stored {
            Some(body) => joined(&body, &php),
            None => Bytes::from(php_json(&f.body)),
        };
        if q.sort_by == "id" {
            let st = self.state();
            let jobs: Box<dyn Iterator<Item = (&u64, &QueueEntry)>> = match q.descending {
                true => Box::new(st.queue_jobs.iter().rev()),
                false => Box::new(st.queue_jobs.iter()),
            };
            let (mut skipped, mut page) = (0, Vec::new());
            for (id, entry) in jobs {
                if page.len() >= q.limit {
                    break;
                }
                // Stored jobs are read in place: a deep page passes over many of them.
                let facts = match entry {
                    QueueEntry::Stored { facts, times, .. } if !q.admits_stored(facts, times) => {
                        continue;
                    }
                    QueueEntry::Stored { .. } => None,
                    _ => match facts_of(*id, entry, live, t, now, base) {
                        Some(f) if q.admits(&f.body) => Some(f),
                        _ => continue,
                    },
                };
                if skipped < q.offset {
                    skipped += 1;
                    continue;
                }
                page.push(match (facts, entry) {
                    (Some(f), _) => out(f),
                    (None, QueueEntry::Stored { body, .. }) => joined(body, &php),
                    (None, _) => continue,
                });
            }
            return page;
        }
        let mut jobs: Vec<Facts> = self
            .queue_facts_at(t, now, base)
            .into_iter()
            .filter(|f| q.admits(&f.body))
            .collect();
        q.sort(&mut jobs);
        jobs.into_iter()
            .skip(q.offset)
            .take(q.limit)
            .map(out)
            .collect()
    }

    /// Kills job `id` and its unfinished descendants at `now`. `Err(true)`: it has
    /// finished (or is a raw job, which cannot change); `Err(false)`: no such job.
    pub(crate) fn queue_kill(&self, id: u64, now: i64) -> Result<(), bool> {
        let live = self.queue_clock();
        let mut st = self.state();
        let (run_id, finished) = match st.queue_jobs.get(&id) {
            None => return Err(false),
            Some(QueueEntry::Raw(_) | QueueEntry::Stored { .. }) => return Err(true),
            Some(QueueEntry::Timed { spec, kill }) => match state_at(spec, *kill, live, now) {
                None => return Err(false),
                Some(s) => (spec.run_id.clone(), s.finished || s.status == "terminating"),
            },
        };
        if finished {
            return Err(true);
        }
        let prefix = format!("{run_id}.");
        let mut killed = Vec::new();
        for entry in st.queue_jobs.values_mut() {
            if let QueueEntry::Timed { spec, kill } = entry
                && (spec.run_id == run_id || spec.run_id.starts_with(&prefix))
                && kill.is_none()
                && state_at(spec, None, live, now).is_none_or(|s| !s.finished)
            {
                *kill = Some(Kill { at_ms: now });
                killed.push(spec.clone());
            }
        }
        // Their logs end with the kill.
        for spec in killed {
            st.events.queue_killed(&spec, now, now + KILL_MS);
        }
        Ok(())
    }
}

/// The facts of one stored job at `t` (or, when it was created after `t`, at `now`);
/// `None` for a job that does not exist yet or a raw body that is not JSON.
fn facts_of(id: u64, entry: &QueueEntry, live: i64, t: i64, now: i64, base: &str) -> Option<Facts> {
    let (body, stored) = match entry {
        QueueEntry::Raw(b) => (serde_json::from_slice(b).ok()?, None),
        QueueEntry::Stored { body, facts, .. } => (facts.clone(), Some(body.clone())),
        QueueEntry::Timed { spec, kill } => {
            let state =
                state_at(spec, *kill, live, t).or_else(|| state_at(spec, *kill, live, now))?;
            (render(spec, &state, base), None)
        }
    };
    Some(Facts { id, body, stored })
}

/// A split body with `base` (already escaped) put back.
fn joined(body: &SplitBody, base: &str) -> Bytes {
    let mut out = Vec::with_capacity(body.head.len() + base.len() + body.tail.len());
    out.extend_from_slice(&body.head);
    out.extend_from_slice(base.as_bytes());
    out.extend_from_slice(&body.tail);
    Bytes::from(out)
}

/// A Queue API error body: `{"error","code","exceptionId","status","context"}`.
fn queue_error(status: u16, message: &str, n: u64) -> Reply {
    let body = json!({
        "error": message,
        "code": status,
        "exceptionId": format!("job-queue-internal-api-{:016x}", n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xC0FFEE),
        "status": "error",
        "context": [],
    });
    Reply::json(status, Bytes::from(php_json(&body)))
}

impl Sim {
    /// The normal answer of the queue listener (no faults) to a request without a body:
    /// `GET /jobs/{id}`, `GET /search/jobs`, `POST /jobs/{id}/kill`.
    pub(crate) fn answer_queue(&self, req: ApiRequest<'_>) -> Reply {
        self.answer_queue_with(req, "")
    }

    /// [`Sim::answer_queue`] of a request with `body`: also `POST /jobs` (see
    /// `create.rs`).
    pub(crate) fn answer_queue_with(&self, req: ApiRequest<'_>, body: &str) -> Reply {
        let n = self.next_error_number();
        let path = req.path.trim_end_matches('/');
        let (route, id) = if path == "/search/jobs" {
            ("search", None)
        } else if path == "/jobs" {
            ("create", None)
        } else if let Some(rest) = path.strip_prefix("/jobs/") {
            match rest.strip_suffix("/kill") {
                Some(id) => ("kill", Some(id)),
                None if !rest.contains('/') => ("detail", Some(rest)),
                None => ("other", None),
            }
        } else {
            ("other", None)
        };
        if route == "other" {
            return queue_error(404, "Route not found", n);
        }
        let method = if route == "kill" || route == "create" {
            "POST"
        } else {
            "GET"
        };
        if req.method != method {
            let mut reply = queue_error(405, "Method not allowed", n);
            reply.headers.push(("allow", method.to_owned()));
            return reply;
        }
        match req.token {
            None => return queue_error(401, "Authentication failed: missing token", n),
            Some(t) if t != self.state().token => {
                return queue_error(401, "Authentication failed: invalid token", n);
            }
            Some(_) => {}
        }
        // The live jobs' clock starts with the first queue request, before `now` is read:
        // started after it, a job created at the clock's start would not exist yet at
        // `now` (a 404 for the first request on a busy machine).
        self.queue_clock();
        let now = self.now_ms();
        let id = match id.map(|raw| (raw, raw.parse::<u64>())) {
            None => None,
            Some((_, Ok(id))) => Some(id),
            Some((raw, Err(_))) => {
                return queue_error(400, &format!("Invalid job id \"{raw}\""), n);
            }
        };
        match (route, id) {
            ("search", _) => match Search::parse(req.query, now) {
                Ok(q) => {
                    let lag = i64::try_from(self.state().search_lag.as_millis()).unwrap_or(0);
                    let page = self.queue_search(&q, now - lag, now, req.base);
                    let mut body = Vec::with_capacity(page.iter().map(|b| b.len() + 1).sum());
                    body.push(b'[');
                    for (i, job) in page.iter().enumerate() {
                        if i > 0 {
                            body.push(b',');
                        }
                        body.extend_from_slice(job);
                    }
                    body.push(b']');
                    Reply::json(200, Bytes::from(body))
                }
                Err(message) => queue_error(400, &message, n),
            },
            ("detail", Some(id)) => match self.queue_body_at(id, now, req.base) {
                Some(body) => Reply::json(200, body),
                None => queue_error(404, &format!("Job \"{id}\" not found"), n),
            },
            ("create", _) => self.create_queue_job(body, req.base, n),
            ("kill", Some(id)) => match self.queue_kill(id, now) {
                Ok(()) => match self.queue_body_at(id, now, req.base) {
                    Some(body) => Reply::json(202, body),
                    None => queue_error(404, &format!("Job \"{id}\" not found"), n),
                },
                Err(true) => queue_error(
                    400,
                    &format!(
                        "Job \"{id}\" is not in one of killable states: \"created\", \"waiting\", \"processing\"."
                    ),
                    n,
                ),
                Err(false) => queue_error(404, &format!("Job \"{id}\" not found"), n),
            },
            _ => queue_error(404, "Route not found", n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> QueueJobSpec {
        QueueJobSpec::standard(5, "keboola.ex-db-snowflake", "12", Anchor::Fixed(1_000_000))
            .times(0, 2_000, 10_000)
    }

    #[test]
    fn a_job_moves_from_created_to_processing_to_its_outcome() {
        let s = spec();
        let at = |t: i64| state_at(&s, None, 0, 1_000_000 + t).map(|x| x.status);
        assert_eq!(at(-1), None);
        assert_eq!(at(0), Some("created"));
        assert_eq!(at(1_000), Some("waiting"));
        assert_eq!(at(2_000), Some("processing"));
        assert_eq!(at(10_000), Some("success"));
        let failed = spec().outcome(QueueOutcome::Error {
            message: "x".into(),
            user: true,
        });
        let st = state_at(&failed, None, 0, 1_020_000).unwrap();
        assert_eq!(
            (st.status, st.finished, st.duration),
            ("error", true, Some(8))
        );
    }

    #[test]
    fn a_kill_terminates_a_running_job_and_cancels_a_waiting_one() {
        let s = spec();
        let kill = |at: i64| {
            Some(Kill {
                at_ms: 1_000_000 + at,
            })
        };
        let at = |k, t: i64| state_at(&s, k, 0, 1_000_000 + t).map(|x| x.status);
        assert_eq!(at(kill(3_000), 3_500), Some("terminating"));
        assert_eq!(at(kill(3_000), 3_000 + KILL_MS), Some("terminated"));
        assert_eq!(at(kill(1_000), 1_000 + KILL_MS), Some("cancelled"));
        // Before the kill the job is as it was.
        assert_eq!(at(kill(3_000), 2_500), Some("processing"));
    }

    #[test]
    fn bodies_have_the_real_key_order_and_php_escapes() {
        let s = spec();
        let st = state_at(&s, None, 0, 1_001_000).unwrap();
        let text = php_json(&render(&s, &st, "http://127.0.0.1:9"));
        assert!(
            text.starts_with(r#"{"id":"5","runId":"5","parentRunId":"","project":"#),
            "{text}"
        );
        assert!(
            text.contains(r#""url":"http:\/\/127.0.0.1:9\/jobs\/5""#),
            "{text}"
        );
        assert!(
            text.contains(r#""result":[],"usageData":[],"isFinished":false"#),
            "{text}"
        );
        assert!(
            text.contains(r#""createdTime":"1970-01-01T00:16:40+00:00""#),
            "{text}"
        );
        assert!(text.contains(r#""metrics":[]"#), "{text}");
    }

    #[test]
    fn search_filters_by_arrays_parent_and_time() {
        let now = 10_000_000;
        let q = Search::parse(
            "status%5B%5D=error&status[]=success&parentRunId=1.2&createdTimeFrom=-1%20hours",
            now,
        )
        .unwrap();
        let job = |status: &str, parent: &str, created: &str| json!({"status": status, "parentRunId": parent, "createdTime": created});
        let recent = "1970-01-01T02:40:00+00:00";
        assert!(q.admits(&job("error", "1.2", recent)));
        assert!(!q.admits(&job("processing", "1.2", recent)));
        assert!(!q.admits(&job("error", "1.23", recent)));
        assert!(!q.admits(&job("error", "1.2", "1970-01-01T00:00:00+00:00")));
        assert!(Search::parse("limit=501", now).is_err());
        assert!(Search::parse("sortBy=color", now).is_err());
        assert_eq!(Search::parse("", now).unwrap().limit, 100);
    }

    #[test]
    fn generated_jobs_page_newest_first_and_filter_like_the_others() {
        use crate::sim::GENERATED_QUEUE_BASE as BASE;
        let sim = Sim::empty();
        sim.add_generated_queue_jobs(1200, 1);
        let now = sim.now_ms();
        let page = |query: &str| -> Vec<Value> {
            let q = Search::parse(query, now).unwrap();
            sim.queue_search(&q, now, now, "http://q:1")
                .iter()
                .map(|b| serde_json::from_slice(b).unwrap())
                .collect()
        };
        let all: Vec<Value> = (0..3)
            .flat_map(|k| page(&format!("limit=500&offset={}", k * 500)))
            .collect();
        let ids: Vec<u64> = all
            .iter()
            .map(|j| j["id"].as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(ids, (BASE + 1..=BASE + 1200).rev().collect::<Vec<_>>());
        assert_eq!(all[0]["url"], format!("http://q:1/jobs/{}", BASE + 1200));
        assert_eq!(all[0]["isFinished"], true);
        let failed = page("status[]=error&limit=500");
        assert!(failed.len() > 50 && failed.len() < 250, "{}", failed.len());
        assert!(
            failed
                .iter()
                .all(|j| j["result"]["error"]["type"].is_string())
        );
        let oldest = page("sortBy=createdTime&sortOrder=asc&limit=1");
        assert_eq!(oldest[0]["id"], (BASE + 1).to_string());
        // A time bound reads the stored times as the rendered ones say.
        let bound = all[600]["createdTime"].as_str().unwrap().to_owned();
        let older = page(&format!(
            "createdTimeTo={}&limit=500",
            bound.replace('+', "%2B")
        ));
        assert_eq!(older[0]["id"], all[600]["id"]);
        let detail = sim.queue_body_at(BASE + 7, now, "http://q:1").unwrap();
        assert!(
            std::str::from_utf8(&detail)
                .unwrap()
                .contains(r#""url":"http:\/\/q:1\/jobs\/1000000007""#)
        );
        assert_eq!(sim.queue_kill(BASE + 7, now), Err(true));
        // Search reads a stored job's times as numbers, parsing nothing per request.
        let st = sim.state();
        let Some(QueueEntry::Stored { facts, .. }) = st.queue_jobs.get(&(BASE + 7)) else {
            panic!("a stored job");
        };
        assert!(facts["createdTime"].is_i64(), "{facts}");
        assert!(facts["endTime"].is_i64(), "{facts}");
    }
}
