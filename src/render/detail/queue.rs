//! The rows of a queue job's detail view that only a queue job has: its type and
//! configuration (with the name a person knows it by), its place in a flow, its project,
//! its result and metrics, the billed time and a container's summary of its children.

use super::{Block, KindRows, clean, who};
use crate::model::QueueJob;
use crate::render::queue::{queue_status, quoted};
use crate::render::{Style, human_bytes};

impl KindRows for QueueJob {
    fn status(&self, style: &Style) -> String {
        queue_status(style, &self.status)
    }

    fn what_label(&self) -> &'static str {
        "Component"
    }

    /// The status asked for while it differs (a kill under way), and the job's type.
    fn under_status(&self, b: &mut Block) {
        if let Some(desired) = self
            .desired_status
            .as_deref()
            .filter(|d| *d != "processing" && *d != self.status.as_str())
        {
            b.row(0, "Desired", clean(desired));
        }
        b.opt(0, "Type", self.job_type.as_deref().map(clean));
    }

    fn about(&self, b: &mut Block) {
        about(b, self);
    }

    /// The seconds billed for a finished job that ran something.
    fn duration_note(&self) -> String {
        match self.duration_seconds {
            Some(s) if self.is_finished() && !self.is_container() => format!(" ({s}s billed)"),
            _ => String::new(),
        }
    }

    fn sections(&self, b: &mut Block, style: &Style) {
        sections(b, self, style);
    }
}

/// Under the component: its configuration, place in a flow, run and project.
fn about(b: &mut Block, job: &QueueJob) {
    let version = job
        .result
        .as_ref()
        .and_then(|r| r.config_version.as_deref())
        .map(|v| format!(" (version {})", clean(v)))
        .unwrap_or_default();
    let name = quoted(job.names().config.as_deref());
    let config = job.config.as_deref();
    b.opt(
        0,
        "Config",
        config.map(|c| format!("{}{name}{version}", clean(c))),
    );
    b.opt(0, "Phase", job.phase_id.as_deref().map(clean));
    b.opt(0, "Step", job.names().step.as_deref().map(clean));
    b.opt(0, "Mode", job.mode.as_deref().map(clean));
    b.opt(0, "On error", job.on_error.as_deref().map(clean));
    b.row(0, "Run ID", clean(&job.run_id));
    b.opt(0, "Parent run", job.parent_run_id.as_deref().map(clean));
    if let Some((id, name)) = &job.project {
        b.opt(0, "Project", who(name.as_deref(), id.as_deref(), "project"));
    }
    b.opt(0, "Branch", job.branch_id.as_deref().map(clean));
}

/// After the link: the result (its message red when the job failed) and the metrics.
fn sections(b: &mut Block, job: &QueueJob, style: &Style) {
    if let Some(r) = &job.result {
        b.head("Result");
        let failed = job.status.is_failure() || r.error_type.is_some();
        let message = r.message.as_deref().map(|m| match failed {
            true => style.paint("31", &clean(m)),
            false => clean(m),
        });
        b.opt(1, "Message", message);
        b.opt(1, "Error type", r.error_type.as_deref().map(clean));
        b.opt(1, "Exception", r.exception_id.as_deref().map(clean));
        if !r.output_tables.is_empty() {
            let tables: Vec<String> = r.output_tables.iter().map(|t| clean(t)).collect();
            b.row(1, "Output tables", tables.join(", "));
        }
    }
    if let Some(m) = &job.metrics {
        b.head("Metrics");
        b.opt(1, "Input", m.input_bytes.map(human_bytes));
        b.opt(1, "Output", m.output_bytes.map(human_bytes));
        b.opt(1, "Backend", m.backend_size.as_deref().map(clean));
    }
}

/// `8 jobs: 7 success, 1 error` (statuses in order of first appearance), or `none`.
pub(super) fn children_summary(children: &[QueueJob]) -> String {
    if children.is_empty() {
        return "none".to_owned();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in children {
        match counts.iter_mut().find(|(s, _)| *s == c.status.as_str()) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.status.as_str(), 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", clean(s)))
        .collect();
    let noun = if children.len() == 1 { "job" } else { "jobs" };
    format!("{} {noun}: {}", children.len(), parts.join(", "))
}
