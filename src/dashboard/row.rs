//! A row of `jobctl top`'s table: a job of either kind and what `/` finds it by; its
//! cells, its class (what its status means for colour, counts and sorting) and the line it
//! leaves when a watched job ends, all read from [`AnyJob`]. Pure.

use jiff::SignedDuration;

use crate::model::{AnyJob, JobKind, Stage, Timestamp, Verdict};
use crate::render::sanitize;

/// What a status means, for sorting, counting and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Waiting,
    Running,
    Success,
    Warning,
    Failed,
    Other,
}

impl From<Stage> for Class {
    fn from(stage: Stage) -> Class {
        match stage {
            Stage::Waiting => Class::Waiting,
            Stage::Running => Class::Running,
            Stage::Unknown => Class::Other,
            Stage::Ended(Verdict::Success) => Class::Success,
            Stage::Ended(Verdict::Warning) => Class::Warning,
            Stage::Ended(Verdict::Failed) => Class::Failed,
        }
    }
}

impl Class {
    pub(super) fn is_live(self) -> bool {
        matches!(self, Class::Waiting | Class::Running | Class::Other)
    }

    /// The order of the status sort: what needs a look first.
    pub(super) fn rank(self) -> u8 {
        match self {
            Class::Failed => 0,
            Class::Warning => 1,
            Class::Running => 2,
            Class::Other => 3,
            Class::Waiting => 4,
            Class::Success => 5,
        }
    }
}

/// A table row: the job as the API sent it, and what `/` matches it against. Its cells
/// are the job's own texts, each sanitised and cut to one line as it is drawn.
#[derive(Debug, Clone)]
pub struct Row {
    pub job: AnyJob,
    /// What `/` matches against, lowercase: the id and the cells, and what the table does
    /// not show (a storage error's code, a queue job's type).
    haystack: String,
}

/// Server text as one clean line of a cell.
fn line(s: &str) -> String {
    sanitize(s).replace(['\n', '\r', '\t'], " ")
}

impl Row {
    pub fn new(job: AnyJob) -> Row {
        let mut row = Row {
            job,
            haystack: String::new(),
        };
        let extra = row.job.error_code().or(row.job.job_type()).unwrap_or("");
        row.haystack = format!(
            "{} {} {} {} {} {}",
            row.job.id(),
            row.status(),
            row.what(),
            row.target(),
            row.error(),
            sanitize(extra)
        )
        .to_lowercase();
        row
    }

    pub fn key(&self) -> (JobKind, u64) {
        (self.job.kind(), self.job.id())
    }

    /// What its status means, for sorting, counting and colour.
    pub fn class(&self) -> Class {
        Class::from(self.job.stage())
    }

    pub fn status(&self) -> String {
        line(self.job.status())
    }

    /// The operation of a storage job; the component of a queue job, after the container
    /// it is (`flow keboola.orchestrator`).
    pub fn what(&self) -> String {
        let what = self.job.what().unwrap_or("");
        match self.job.container() {
            Some(container) => line(format!("{container} {what}").trim_end()),
            None => line(what),
        }
    }

    /// The table of a storage job; the config of a queue job.
    pub fn target(&self) -> String {
        line(self.job.target().unwrap_or(""))
    }

    /// Why it failed: the message (a storage error's code when it has none).
    pub fn error(&self) -> String {
        line(
            self.job
                .error_message()
                .or(self.job.error_code())
                .unwrap_or(""),
        )
    }

    pub fn created(&self) -> Option<jiff::Timestamp> {
        self.job.created_time().map(Timestamp::to_utc)
    }

    /// How long it ran (or has run so far); `None` before it started.
    pub fn duration(&self, now: jiff::Timestamp) -> Option<SignedDuration> {
        self.job.duration(now)
    }

    /// What the job came to, for the line a watched job leaves when it ends:
    /// `386520005 tableImport in.c-main.orders success in 57s`, and the error of a failure.
    pub(super) fn notice(&self, now: jiff::Timestamp) -> Notice {
        let mut who = self.job.id().to_string();
        let what = self.what();
        if !what.is_empty() {
            who.push(' ');
            who.push_str(&what);
        }
        let mut outcome = self.status();
        if let Some(d) = self.duration(now) {
            outcome.push_str(&format!(" in {}", crate::render::human_duration(d)));
        }
        let error = self.error();
        if matches!(self.class(), Class::Failed | Class::Warning) && !error.is_empty() {
            outcome.push_str(": ");
            outcome.push_str(&error);
        }
        Notice {
            class: self.class(),
            who,
            target: self.target(),
            outcome,
        }
    }

    /// `/` finds it: the lowercase `needle` is in its id, its cells, its error's code or
    /// its type (an empty needle finds every row).
    pub fn contains(&self, needle: &str) -> bool {
        needle.is_empty() || self.haystack.contains(needle)
    }
}

/// What a watched job came to, shown until Esc dismisses it; each part sanitised, one
/// line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub class: Class,
    /// `386520005 tableImport`: the id and the operation or component.
    pub who: String,
    /// The table or config; cut first when the line is too narrow.
    pub target: String,
    /// `success in 57s`, and the error of a failure.
    pub outcome: String,
}

impl Notice {
    /// The line in `width` columns: whole when it fits, else the target cut from the left
    /// (as the table cuts it), then the end cut.
    pub fn line(&self, width: usize) -> String {
        let fixed = self.who.chars().count() + self.outcome.chars().count() + 2;
        let target = match width.checked_sub(fixed) {
            _ if self.target.is_empty() => String::new(),
            Some(room) if room >= 8 => crate::render::truncate_left(&self.target, room),
            _ => String::new(),
        };
        let text = match target.is_empty() {
            true => format!("{} {}", self.who, self.outcome),
            false => format!("{} {target} {}", self.who, self.outcome),
        };
        crate::render::truncate(&text, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(body: &str) -> Row {
        let job = match body.contains("operationName") {
            true => AnyJob::Storage(serde_json::from_str(body).unwrap()),
            false => AnyJob::Queue(serde_json::from_str(body).unwrap()),
        };
        Row::new(job)
    }

    #[test]
    fn a_containers_cell_says_what_it_is_before_its_component() {
        let flow = row(
            r#"{"id":"1","status":"processing","type":"orchestrationContainer",
                "component":"keboola.orchestrator","config":"55512"}"#,
        );
        assert_eq!(flow.what(), "flow keboola.orchestrator");
        assert_eq!(flow.target(), "55512");
        assert_eq!(flow.class(), Class::Running);
        let phase = row(r#"{"id":"2","status":"created","type":"phaseContainer"}"#);
        assert_eq!(
            (phase.what().as_str(), phase.class()),
            ("phase", Class::Waiting)
        );
        let task = row(r#"{"id":"3","status":"success","component":"keboola.ex-http"}"#);
        assert_eq!(task.what(), "keboola.ex-http");
    }

    #[test]
    fn cells_are_one_clean_line_and_the_filter_also_finds_the_code_and_type() {
        let failed = row(
            r#"{"id":7,"status":"error","operationName":"tableImport","tableId":"in.c-a.b",
                "error":{"code":"storage.tableNotFound"}}"#,
        );
        // No message: the code stands in.
        assert_eq!(failed.error(), "storage.tableNotFound");
        assert_eq!(failed.class(), Class::Failed);
        assert!(
            failed.contains("tablenotfound") && failed.contains("in.c-a") && failed.contains("")
        );
        let odd = row(
            "{\"id\":8,\"status\":\"pa\\u001b[31mused\",\"operationName\":\"x\\ny\",\
             \"error\":{\"code\":\"C\",\"message\":\"m\"}}",
        );
        assert_eq!(
            (odd.status().as_str(), odd.what().as_str()),
            ("paused", "x y")
        );
        assert_eq!((odd.error().as_str(), odd.class()), ("m", Class::Other));
        assert!(odd.contains("c") && !odd.contains("\u{1b}"));
        let queue = row(r#"{"id":"9","status":"warning","type":"standard"}"#);
        assert!(queue.contains("standard") && queue.contains("9 warning"));
        assert_eq!(queue.class(), Class::Warning);
    }
}
