//! A queue job in a line: its coloured status, the label a person knows it by
//! (`1205335001 keboola.ex-db-snowflake 987654321 "Orders"`), and the lines a watch
//! prints of it. Pure; server text passes through `sanitize`.

use super::detail::clean;
use super::{Style, human_duration, running_duration, truncate};
use crate::model::{QueueJob, QueueStatus};

/// A queue status coloured by what it means: green success, yellow warning and running,
/// red failures, magenta unknown.
pub fn queue_status(style: &Style, status: &QueueStatus) -> String {
    let sgr = match status {
        QueueStatus::Success => "32",
        QueueStatus::Warning => "33;1",
        QueueStatus::Error | QueueStatus::Terminated | QueueStatus::Cancelled => "31;1",
        QueueStatus::Created
        | QueueStatus::Waiting
        | QueueStatus::Processing
        | QueueStatus::Terminating => "33",
        QueueStatus::Other(_) => "35",
    };
    style.paint(sgr, &clean(status.as_str()))
}

/// How far a flow has got: tasks finished of those created so far, and what runs now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowProgress {
    pub done: usize,
    pub total: usize,
    /// Component ids of the tasks processing now.
    pub running: Vec<String>,
}

/// `1205335001 keboola.orchestrator 55512`: who a line is about.
pub fn queue_label(job: &QueueJob) -> String {
    format!("{} {}", job.id, component_label(job))
        .trim_end()
        .to_owned()
}

/// `keboola.ex-db-snowflake 987654321 "Orders from Snowflake"`: component, configuration
/// and the name a person knows it by (the flow's task name, else the configuration's),
/// when known.
pub(super) fn component_label(job: &QueueJob) -> String {
    let mut s = [job.component.as_deref(), job.config.as_deref()]
        .into_iter()
        .flatten()
        .map(clean)
        .collect::<Vec<_>>()
        .join(" ");
    s.push_str(&quoted(
        job.names()
            .step
            .as_deref()
            .or(job.names().config.as_deref()),
    ));
    s
}

/// ` "Name"`, cleaned, or nothing.
pub(super) fn quoted(name: Option<&str>) -> String {
    name.map(|n| format!(" \"{}\"", clean(n)))
        .unwrap_or_default()
}

/// The live spinner text: label, status, time waited, and a flow's progress.
pub fn queue_spinner_message(
    job: &QueueJob,
    flow: Option<&FlowProgress>,
    style: &Style,
    waited: std::time::Duration,
) -> String {
    let waited = jiff::SignedDuration::try_from(waited).unwrap_or_default();
    let mut s = format!(
        "{}  {}  {}",
        queue_label(job),
        queue_status(style, &job.status),
        style.dim(&running_duration(waited))
    );
    if let Some(p) = flow {
        s.push_str(&format!("  {}/{} tasks done", p.done, p.total));
        if !p.running.is_empty() {
            let running: Vec<String> = p.running.iter().map(|r| clean(r)).collect();
            s.push_str(&format!(", running {}", running.join(", ")));
        }
    }
    s
}

/// The line a finished queue job leaves: a mark, its run time and, unless it succeeded,
/// the result message.
pub fn queue_final_message(job: &QueueJob, style: &Style) -> String {
    let mark = match &job.status {
        QueueStatus::Success => style.paint("32", "✔"),
        QueueStatus::Warning => style.paint("33", "!"),
        s if s.is_failure() => style.paint("31", "✘"),
        _ => style.paint("33", "…"),
    };
    let mut s = format!(
        "{mark} {}  {}",
        queue_label(job),
        queue_status(style, &job.status)
    );
    if let Some(d) = job.duration(style.now) {
        s.push_str(&format!(" in {}", human_duration(d)));
    }
    if job.status != QueueStatus::Success
        && let Some(m) = job.result.as_ref().and_then(|r| r.message.as_deref())
    {
        s.push_str(": ");
        s.push_str(&truncate(&clean(m), 100));
    }
    s
}

/// A queue job's plain-mode line: `watch`'s one format ([`super::change_line`]).
pub fn queue_change_line(
    at: jiff::Timestamp,
    job: &QueueJob,
    from: Option<&QueueStatus>,
) -> String {
    let job = crate::model::AnyJob::Queue(job.clone());
    super::change_line(at, &job, from.map(QueueStatus::as_str))
}
