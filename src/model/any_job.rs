//! A job of either kind, for everything jobctl does the same way whatever the kind: its id,
//! where it stands, its times, what it ran, why it failed and where a person opens it. What
//! differs between the kinds is answered here once, by a `match`, so that a view, a loop or
//! a listing written over `AnyJob` is written once. The kind's own types stay for what only
//! that kind has (a storage job's table and metrics, a queue job's run tree).

use super::job::{CreatorToken, Job, Status};
use super::job_ref::{JobKind, ui_page};
use super::queue::{QueueJob, QueueStatus};
use super::raw::Raw;
use super::time::Timestamp;
use super::tree::RunJob;

/// One job, storage or queue.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyJob {
    Storage(Job),
    Queue(QueueJob),
}

/// How a finished job ended, in the terms every view and exit code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Did what it should.
    Success,
    /// Did it, with a warning (queue jobs only); not a failure.
    Warning,
    /// error, terminated, cancelled: exit 1 for a watcher.
    Failed,
}

impl AnyJob {
    pub fn kind(&self) -> JobKind {
        match self {
            AnyJob::Storage(_) => JobKind::Storage,
            AnyJob::Queue(_) => JobKind::Queue,
        }
    }

    pub fn id(&self) -> u64 {
        match self {
            AnyJob::Storage(j) => j.id,
            AnyJob::Queue(j) => j.id,
        }
    }

    /// The status as the server spells it.
    pub fn status(&self) -> &str {
        match self {
            AnyJob::Storage(j) => j.status.as_str(),
            AnyJob::Queue(j) => j.status.as_str(),
        }
    }

    pub fn is_finished(&self) -> bool {
        match self {
            AnyJob::Storage(j) => j.is_finished(),
            AnyJob::Queue(j) => j.is_finished(),
        }
    }

    /// How it ended; `None` while it runs (or in a status jobctl does not know).
    pub fn verdict(&self) -> Option<Verdict> {
        if !self.is_finished() {
            return None;
        }
        Some(match self {
            AnyJob::Storage(j) => match j.status {
                Status::Success => Verdict::Success,
                _ => Verdict::Failed,
            },
            AnyJob::Queue(j) => match j.status {
                QueueStatus::Success => Verdict::Success,
                QueueStatus::Warning => Verdict::Warning,
                _ if j.status.is_failure() => Verdict::Failed,
                // An unknown status the server calls finished: not a failure jobctl saw.
                _ => Verdict::Success,
            },
        })
    }

    pub fn created_time(&self) -> Option<Timestamp> {
        match self {
            AnyJob::Storage(j) => j.created_time,
            AnyJob::Queue(j) => j.created_time,
        }
    }
    pub fn start_time(&self) -> Option<Timestamp> {
        match self {
            AnyJob::Storage(j) => j.start_time,
            AnyJob::Queue(j) => j.start_time,
        }
    }

    pub fn end_time(&self) -> Option<Timestamp> {
        match self {
            AnyJob::Storage(j) => j.end_time,
            AnyJob::Queue(j) => j.end_time,
        }
    }

    /// How long it ran (to `now` while it runs).
    pub fn duration(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        match self {
            AnyJob::Storage(j) => j.duration(now),
            AnyJob::Queue(j) => j.duration(now),
        }
    }

    /// How long it waited before it started (to `now` while it waits).
    pub fn queued(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        match self {
            AnyJob::Storage(j) => j.queued(now),
            AnyJob::Queue(j) => j.queued(now),
        }
    }

    /// What the job does, in one word a person knows it by: a storage job's operation
    /// (`tableImport`), a queue job's component (`keboola.ex-db-snowflake`).
    pub fn what(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(j) => Some(j.operation_name.as_str()).filter(|s| !s.is_empty()),
            AnyJob::Queue(j) => j.component.as_deref(),
        }
    }

    /// The one-line reason it failed, as the server wrote it (untrusted text).
    pub fn error_message(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(j) => j.error.as_ref()?.message.as_deref(),
            AnyJob::Queue(j) => j.error_message(),
        }
    }

    /// The token that started it (a storage job's `creatorToken`, a queue job's `token`).
    pub fn creator(&self) -> Option<&CreatorToken> {
        match self {
            AnyJob::Storage(j) => j.creator_token.as_ref(),
            AnyJob::Queue(j) => j.token.as_ref(),
        }
    }

    /// Where a person opens it: a queue job's UI page when known, else the API URL the
    /// server sent.
    pub fn link(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(j) => j.url.as_deref(),
            AnyJob::Queue(j) => j.names().page.as_deref().or(j.url.as_deref()),
        }
    }
}

/// A job of either kind with the server's bytes, which stay the source of truth for JSON
/// output.
#[derive(Debug, Clone)]
pub enum AnyRaw {
    Storage(Raw<Job>),
    Queue(Raw<QueueJob>),
}

impl AnyRaw {
    /// Decodes one job object of `kind`, or of the kind its own keys tell (a storage job
    /// has an `operationName`, a queue job a `component` or `isFinished`; storage when
    /// they say nothing): a saved job read back.
    pub fn parse(text: &str, kind: Option<JobKind>) -> Result<AnyRaw, serde_json::Error> {
        match kind.unwrap_or_else(|| kind_of(text)) {
            JobKind::Storage => Raw::parse(text).map(AnyRaw::Storage),
            JobKind::Queue => Raw::parse(text).map(AnyRaw::Queue),
        }
    }

    pub fn kind(&self) -> JobKind {
        match self {
            AnyRaw::Storage(_) => JobKind::Storage,
            AnyRaw::Queue(_) => JobKind::Queue,
        }
    }

    pub fn id(&self) -> u64 {
        match self {
            AnyRaw::Storage(r) => r.job.id,
            AnyRaw::Queue(r) => r.job.id,
        }
    }

    /// The server's bytes for this job.
    pub fn raw(&self) -> &str {
        match self {
            AnyRaw::Storage(r) => r.raw(),
            AnyRaw::Queue(r) => r.raw(),
        }
    }

    /// The typed view (a copy: cheap next to the request that brought it).
    pub fn job(&self) -> AnyJob {
        match self {
            AnyRaw::Storage(r) => AnyJob::Storage(r.job.clone()),
            AnyRaw::Queue(r) => AnyJob::Queue(r.job.clone()),
        }
    }
}

/// The kind a job object's own keys say it is (storage when they say nothing).
fn kind_of(text: &str) -> JobKind {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Keys {
        operation_name: Option<serde::de::IgnoredAny>,
        component: Option<serde::de::IgnoredAny>,
        is_finished: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Keys>(text) {
        Ok(k)
            if k.operation_name.is_none() && (k.component.is_some() || k.is_finished.is_some()) =>
        {
            JobKind::Queue
        }
        _ => JobKind::Storage,
    }
}

/// Where a job stands, finer than [`AnyJob::verdict`]: what a live view colours, counts
/// and sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Created, or waiting for a worker.
    Waiting,
    /// Processing (a queue job also while it is being terminated).
    Running,
    /// Finished, and how.
    Ended(Verdict),
    /// A status jobctl does not know that is not finished (the job counts as running).
    Unknown,
}

/// What only one kind has but a view of both kinds asks every job: its stage, its target,
/// its container, its error's code, the run its events are under, and its link on a stack.
impl AnyJob {
    pub fn stage(&self) -> Stage {
        if let Some(verdict) = self.verdict() {
            return Stage::Ended(verdict);
        }
        match self {
            AnyJob::Storage(j) => match j.status {
                Status::Waiting => Stage::Waiting,
                Status::Processing => Stage::Running,
                _ => Stage::Unknown,
            },
            AnyJob::Queue(j) => match j.status {
                QueueStatus::Created | QueueStatus::Waiting => Stage::Waiting,
                QueueStatus::Processing | QueueStatus::Terminating => Stage::Running,
                _ => Stage::Unknown,
            },
        }
    }

    /// What it works on: a storage job's table, a queue job's configuration (its id).
    pub fn target(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(j) => j.table_id.as_deref(),
            AnyJob::Queue(j) => j.config.as_deref(),
        }
    }

    /// The container a queue job is, in a word (`flow`, `phase`, `retry`, `container`);
    /// `None` for a job that runs something itself, and for every storage job.
    pub fn container(&self) -> Option<&'static str> {
        let AnyJob::Queue(j) = self else {
            return None;
        };
        match j.job_type.as_deref()? {
            "orchestrationContainer" => Some("flow"),
            "phaseContainer" => Some("phase"),
            "retryContainer" => Some("retry"),
            "container" => Some("container"),
            _ => None,
        }
    }

    /// The type the server gives the job, where the kind has one (a queue job's `type`:
    /// `standard`, `orchestrationContainer`, ...).
    pub fn job_type(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(_) => None,
            AnyJob::Queue(j) => j.job_type.as_deref(),
        }
    }

    /// The code of its error, where the kind has one (a storage job's `error.code`, such
    /// as `storage.tableNotFound`; untrusted text).
    pub fn error_code(&self) -> Option<&str> {
        match self {
            AnyJob::Storage(j) => j.error.as_ref()?.code.as_deref(),
            AnyJob::Queue(_) => None,
        }
    }

    /// The `runId` its events are listed under: a queue job's plain id, a storage job's
    /// run; `None` for a storage job without one (its events cannot be found).
    pub fn events_run_id(&self) -> Option<String> {
        match self {
            AnyJob::Storage(j) => j.run_id.clone().filter(|r| !r.is_empty()),
            AnyJob::Queue(j) => Some(j.storage_run_id()),
        }
    }

    /// Where a person opens it on `stack` (`https://connection.keboola.com`): a queue
    /// job's UI page, in the job's own project or else `project`; a storage job's API URL,
    /// the one the server sent when it is a web address, else the stack's job endpoint.
    /// `None`: a queue job whose project is not known. The server's URL is untrusted text.
    pub fn link_on(&self, stack: &str, project: Option<&str>) -> Option<String> {
        match self {
            AnyJob::Storage(j) => Some(match j.url.as_deref().map(str::trim) {
                Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                    url.to_owned()
                }
                _ => format!("{stack}/v2/storage/jobs/{}", j.id),
            }),
            AnyJob::Queue(j) => {
                let own = j.project.as_ref().and_then(|(id, _)| id.as_deref());
                ui_page(stack, own.or(project), j.id)
            }
        }
    }
}

/// A node of a run tree as a job of either kind (a copy).
impl From<&RunJob> for AnyJob {
    fn from(node: &RunJob) -> AnyJob {
        match node {
            RunJob::Storage(s) => AnyJob::Storage(s.job.clone()),
            RunJob::Queue(q) => AnyJob::Queue(q.job.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(body: &str) -> AnyJob {
        AnyJob::Storage(serde_json::from_str(body).unwrap())
    }

    fn queue(body: &str) -> AnyJob {
        AnyJob::Queue(serde_json::from_str(body).unwrap())
    }

    #[test]
    fn verdicts_follow_each_kinds_statuses() {
        assert_eq!(
            storage(r#"{"id":1,"status":"success"}"#).verdict(),
            Some(Verdict::Success)
        );
        assert_eq!(
            storage(r#"{"id":1,"status":"error"}"#).verdict(),
            Some(Verdict::Failed)
        );
        assert_eq!(storage(r#"{"id":1,"status":"processing"}"#).verdict(), None);
        assert_eq!(
            queue(r#"{"id":"2","status":"warning"}"#).verdict(),
            Some(Verdict::Warning)
        );
        assert_eq!(
            queue(r#"{"id":"2","status":"terminated"}"#).verdict(),
            Some(Verdict::Failed)
        );
        assert_eq!(queue(r#"{"id":"2","status":"created"}"#).verdict(), None);
        assert_eq!(
            queue(r#"{"id":"2","status":"archived","isFinished":true}"#).verdict(),
            Some(Verdict::Success)
        );
    }

    #[test]
    fn a_saved_job_is_of_the_kind_its_keys_or_the_caller_say() {
        let kind = |text: &str, forced| AnyRaw::parse(text, forced).unwrap().kind();
        let queue = r#"{"id":"2","status":"success","component":"keboola.ex-http"}"#;
        let storage = r#"{"id":1,"status":"success","operationName":"tableImport"}"#;
        assert_eq!(kind(queue, None), JobKind::Queue);
        assert_eq!(
            kind(r#"{"id":"2","status":"x","isFinished":true}"#, None),
            JobKind::Queue
        );
        assert_eq!(kind(storage, None), JobKind::Storage);
        assert_eq!(
            kind(r#"{"id":1,"status":"success"}"#, None),
            JobKind::Storage
        );
        assert_eq!(kind(queue, Some(JobKind::Storage)), JobKind::Storage);
        assert!(AnyRaw::parse("[1]", None).is_err());
    }

    #[test]
    fn a_queue_jobs_link_is_its_ui_page_when_known() {
        let mut job = queue(r#"{"id":"7","status":"success","url":"https://queue.x/jobs/7"}"#);
        assert_eq!(job.link(), Some("https://queue.x/jobs/7"));
        if let AnyJob::Queue(q) = &mut job {
            q.names_mut().page = Some("https://connection.x/admin/projects/1/queue/7".into());
        }
        assert_eq!(
            job.link(),
            Some("https://connection.x/admin/projects/1/queue/7")
        );
        assert_eq!(job.kind(), JobKind::Queue);
        assert_eq!(job.id(), 7);
    }

    #[test]
    fn the_stage_says_waiting_running_or_how_it_ended_for_both_kinds() {
        let stage = |job: AnyJob| job.stage();
        assert_eq!(
            stage(storage(r#"{"id":1,"status":"waiting"}"#)),
            Stage::Waiting
        );
        assert_eq!(
            stage(storage(r#"{"id":1,"status":"processing"}"#)),
            Stage::Running
        );
        assert_eq!(
            stage(storage(r#"{"id":1,"status":"error"}"#)),
            Stage::Ended(Verdict::Failed)
        );
        assert_eq!(
            stage(storage(r#"{"id":1,"status":"paused"}"#)),
            Stage::Unknown
        );
        assert_eq!(
            stage(queue(r#"{"id":"2","status":"created"}"#)),
            Stage::Waiting
        );
        assert_eq!(
            stage(queue(r#"{"id":"2","status":"terminating"}"#)),
            Stage::Running
        );
        assert_eq!(
            stage(queue(r#"{"id":"2","status":"warning"}"#)),
            Stage::Ended(Verdict::Warning)
        );
        assert_eq!(
            stage(queue(r#"{"id":"2","status":"archived"}"#)),
            Stage::Unknown
        );
        assert_eq!(
            stage(queue(r#"{"id":"2","status":"archived","isFinished":true}"#)),
            Stage::Ended(Verdict::Success)
        );
    }

    #[test]
    fn target_container_type_and_error_code_come_from_the_kind_that_has_them() {
        let table = storage(
            r#"{"id":1,"status":"error","tableId":"in.c-main.orders","runId":"",
                "error":{"code":"storage.tableNotFound","message":"gone"}}"#,
        );
        assert_eq!(table.target(), Some("in.c-main.orders"));
        assert_eq!(table.error_code(), Some("storage.tableNotFound"));
        assert_eq!(table.error_message(), Some("gone"));
        assert_eq!((table.container(), table.job_type()), (None, None));
        assert_eq!(table.events_run_id(), None);
        let flow = queue(
            r#"{"id":"9","status":"error","config":"77","type":"orchestrationContainer",
                "component":"keboola.orchestrator"}"#,
        );
        assert_eq!(flow.target(), Some("77"));
        assert_eq!(flow.container(), Some("flow"));
        assert_eq!(flow.job_type(), Some("orchestrationContainer"));
        assert_eq!(flow.error_code(), None);
        assert_eq!(flow.events_run_id().as_deref(), Some("9"));
        let task = queue(r#"{"id":"10","status":"success","type":"standard"}"#);
        assert_eq!(task.container(), None);
        let run = storage(r#"{"id":1,"status":"success","runId":"9.10"}"#);
        assert_eq!(run.events_run_id().as_deref(), Some("9.10"));
    }

    #[test]
    fn a_link_on_a_stack_is_a_queue_jobs_ui_page_or_a_storage_jobs_api_url() {
        let stack = "https://connection.x";
        let own = queue(r#"{"id":"7","status":"success","project":{"id":"66"}}"#);
        assert_eq!(
            own.link_on(stack, Some("1")).as_deref(),
            Some("https://connection.x/admin/projects/66/queue/7")
        );
        let bare = queue(r#"{"id":"7","status":"success"}"#);
        assert_eq!(
            bare.link_on(stack, Some("1")).as_deref(),
            Some("https://connection.x/admin/projects/1/queue/7")
        );
        assert_eq!(bare.link_on(stack, None), None);
        let sent = storage(r#"{"id":5,"status":"success","url":" https://api.x/jobs/5 "}"#);
        assert_eq!(
            sent.link_on(stack, None).as_deref(),
            Some("https://api.x/jobs/5")
        );
        let odd = storage(r#"{"id":5,"status":"success","url":"javascript:alert(1)"}"#);
        assert_eq!(
            odd.link_on(stack, None).as_deref(),
            Some("https://connection.x/v2/storage/jobs/5")
        );
    }

    #[test]
    fn a_run_tree_node_is_a_job_of_its_kind() {
        let raw = crate::model::RawJob::parse(r#"{"id":3,"status":"success"}"#).unwrap();
        let job = AnyJob::from(&RunJob::Storage(raw));
        assert_eq!((job.kind(), job.id()), (JobKind::Storage, 3));
    }
}
