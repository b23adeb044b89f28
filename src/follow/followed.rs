//! One followed job of either kind as the loop last saw it (the server's bytes, the typed
//! view, a flow's progress), and what it says of itself on the spinners and in plain
//! lines: one line format and one summary for every kind (`render::watch_text`).

use std::time::Duration;

use crate::model::{AnyJob, AnyRaw, Verdict};
use crate::output::progress::{Standing, Watched};
use crate::render::{
    FlowProgress, Style, WatchLines, change_line, heartbeat_line, queue_final_message,
    queue_spinner_message, seen_ago,
};

/// A followed job.
pub struct Followed {
    /// The server's bytes: what JSON output prints.
    pub raw: AnyRaw,
    /// The typed view of `raw`.
    pub job: AnyJob,
    /// A running flow's or phase's tasks done of total (queue containers).
    pub flow: Option<FlowProgress>,
}

impl Followed {
    pub fn new(raw: AnyRaw) -> Followed {
        Followed {
            job: raw.job(),
            raw,
            flow: None,
        }
    }

    /// Takes a fresh answer; the status before it.
    pub fn update(&mut self, raw: AnyRaw) -> String {
        let from = self.job.status().to_owned();
        self.job = raw.job();
        self.raw = raw;
        from
    }
}

impl Watched for Followed {
    type Status = String;
    type Lines = WatchLines;

    fn id(&self) -> u64 {
        self.job.id()
    }

    fn is_finished(&self) -> bool {
        self.job.is_finished()
    }

    fn tally(&self) -> Standing {
        match self.job.verdict() {
            None => Standing::Running,
            Some(Verdict::Success | Verdict::Warning) => Standing::Succeeded,
            Some(Verdict::Failed) => Standing::Failed,
        }
    }

    fn change_line(&self, from: Option<&String>) -> String {
        change_line(jiff::Timestamp::now(), &self.job, from.map(String::as_str))
    }

    /// The columns of the storage jobs' lines (queue lines keep their own shape).
    fn lines(jobs: &[&Followed]) -> WatchLines {
        let storage: Vec<&crate::model::Job> = jobs
            .iter()
            .filter_map(|f| match &f.job {
                AnyJob::Storage(j) => Some(j),
                AnyJob::Queue(_) => None,
            })
            .collect();
        WatchLines::new(&storage)
    }

    fn final_message(&self, lines: &WatchLines, style: &Style, width: Option<usize>) -> String {
        match &self.job {
            AnyJob::Storage(j) => lines.finished(j, style, width),
            AnyJob::Queue(j) => queue_final_message(j, style),
        }
    }

    fn spinner_message(
        &self,
        lines: &WatchLines,
        style: &Style,
        waited: Duration,
        seen: Option<jiff::Timestamp>,
        width: Option<usize>,
    ) -> String {
        match &self.job {
            // The job's own times, not the watch's.
            AnyJob::Storage(j) => lines.running(j, style, seen, width),
            AnyJob::Queue(j) => {
                let mut line = queue_spinner_message(j, self.flow.as_ref(), style, waited);
                // Sparse polls (an estimate's): say how old the status shown is.
                if let Some(ago) = seen_ago(seen, style.now) {
                    line.push_str(&style.dim(&format!(", {ago}")));
                }
                line
            }
        }
    }

    fn heartbeat_line(running: &[&Followed], waited: Duration) -> String {
        let jobs: Vec<&AnyJob> = running.iter().map(|f| &f.job).collect();
        heartbeat_line(jiff::Timestamp::now(), &jobs, waited)
    }
}
