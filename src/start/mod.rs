//! Starting jobs: the typed request of `POST /jobs` ([`CreateJob`]), what a target names
//! (`[BRANCH/]COMPONENT/CONFIG[@TAG]`), and [`create`], which sends one creation at most
//! once and says, when the answer is lost, that the job may have started and how to find
//! it. Used by `run` and `rerun`; it never prints.

use serde::Serialize;
use serde_json::Value;

use crate::client::{ApiError, QueueClient};
use crate::exit::Exit;
use crate::model::RawQueueJob;

/// How the job runs (`mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    #[default]
    Run,
    /// Runs even a disabled configuration.
    ForceRun,
    /// Keeps the job's data for debugging.
    Debug,
}

/// One variable's value for the run (`variableValuesData.values[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variable {
    pub name: String,
    pub value: String,
}

/// `variableValuesData`: values given inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariableValues {
    pub values: Vec<Variable>,
}

/// The backend size, sent as the API's documentation spells it: `{"type": SIZE}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backend {
    #[serde(rename = "type")]
    pub size: String,
}

/// `parallelism`: a number of tasks at once, or `"infinity"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Parallelism {
    Tasks(u32),
    Infinity(&'static str),
}

/// The body of `POST /jobs`, as typed values; absent fields are not sent. The deprecated
/// `onlyOrchestrationTaskIds` has no field: it must not go with `onlyFlowTaskIds`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateJob {
    pub component: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    pub mode: Mode,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub config_row_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable_values_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable_values_data: Option<VariableValues>,
    /// An inline configuration (a JSON object): then `config` and rows are not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<Backend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<Parallelism>,
    /// Run only these tasks of a flow.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_flow_task_ids: Vec<String>,
}

impl CreateJob {
    /// The JSON body sent (the field order above).
    pub fn body(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `component/config`, or the component alone for an inline configuration.
    pub fn label(&self) -> String {
        match &self.config {
            Some(config) => format!("{}/{config}", self.component),
            None => self.component.clone(),
        }
    }

    /// The `jobctl queue list` command that finds the jobs this request may have created,
    /// created at or after `since`.
    pub fn find_command(&self, since: jiff::Timestamp) -> String {
        let mut words = vec![
            "jobctl".to_owned(),
            "queue".to_owned(),
            "list".to_owned(),
            "--component".to_owned(),
            shell_word(&self.component),
        ];
        if let Some(config) = &self.config {
            words.push("--config".to_owned());
            words.push(shell_word(config));
        }
        if let Some(branch) = &self.branch_id {
            words.push("--branch".to_owned());
            words.push(shell_word(branch));
        }
        words.push("--since".to_owned());
        words.push(crate::model::rfc3339_secs(since));
        words.join(" ")
    }
}

/// A word as a POSIX shell reads it back: bare when it is plain, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/@+=,".contains(c));
    match plain {
        true => word.to_owned(),
        false => format!("'{}'", word.replace('\'', r"'\''")),
    }
}

/// What a target on the command line names: `[BRANCH/]COMPONENT/CONFIG[@TAG]`, or a bare
/// `COMPONENT` (for an inline configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub branch: Option<String>,
    pub component: String,
    pub config: Option<String>,
    pub tag: Option<String>,
}

impl std::str::FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Target, String> {
        let usage = || {
            format!(
                "'{s}' is not a target: expected [BRANCH/]COMPONENT/CONFIG[@TAG], e.g. keboola.ex-http/503118"
            )
        };
        let (rest, tag) = match s.rsplit_once('@') {
            Some((rest, tag)) if !tag.is_empty() && !tag.contains('/') => {
                (rest, Some(tag.to_owned()))
            }
            Some(_) => return Err(usage()),
            None => (s, None),
        };
        let parts: Vec<&str> = rest.split('/').collect();
        if parts.iter().any(|p| p.trim().is_empty() || p.trim() != *p) {
            return Err(usage());
        }
        let own = |p: &&str| (*p).to_owned();
        let (branch, component, config) = match parts.as_slice() {
            [component] => (None, own(component), None),
            [component, config] => (None, own(component), Some(own(config))),
            [branch, component, config] => (Some(own(branch)), own(component), Some(own(config))),
            _ => return Err(usage()),
        };
        Ok(Target {
            branch,
            component,
            config,
            tag,
        })
    }
}

/// Why a job was not started, or may not have been.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The request may have reached the server, but no answer says what came of it: the
    /// job may have started. Never sent again; `find` lists what it may have created.
    #[error(
        "{target}: the job may have started: {cause}. jobctl does not send a creation twice; \
         to see whether it started: {find}"
    )]
    MaybeStarted {
        target: String,
        cause: ApiError,
        find: String,
    },
    /// The server refused it (or could not be reached before anything was sent): no job.
    #[error("{target}: {cause}")]
    NotStarted { target: String, cause: ApiError },
}

impl StartError {
    /// The exit code: 2 a body the server calls bad (400), 3 an unknown component or
    /// configuration (404), 4 a token that may not run it (401, 403), else 5.
    pub fn exit(&self) -> Exit {
        match self {
            StartError::MaybeStarted { .. } => Exit::Api,
            StartError::NotStarted { cause, .. } => match cause {
                ApiError::Http { status: 400, .. } | ApiError::Usage(_) => Exit::Usage,
                ApiError::Http { status: 404, .. } => Exit::NotFound,
                e if e.is_auth() => Exit::Auth,
                ApiError::Internal(_) => Exit::Local,
                _ => Exit::Api,
            },
        }
    }
}

/// Creates one job: `POST /jobs` with `request`, sent at most once. The answer is the
/// created job as the server sent it.
pub async fn create(queue: &QueueClient, request: &CreateJob) -> Result<RawQueueJob, StartError> {
    // A minute early: the server's clock and this one need not agree.
    let since = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(1);
    let since = since - jiff::SignedDuration::from_secs(since.as_second().rem_euclid(60));
    match queue.create_job(request.body()).await {
        Ok(job) => Ok(job),
        Err(cause @ ApiError::Unconfirmed { .. }) => Err(StartError::MaybeStarted {
            target: request.label(),
            cause,
            find: request.find_command(since),
        }),
        Err(cause) => Err(StartError::NotStarted {
            target: request.label(),
            cause,
        }),
    }
}

/// Several creations under way at once (the targets of one command line), each sent at
/// most once; their results come as they are answered.
pub struct Starting {
    set: tokio::task::JoinSet<(usize, Result<RawQueueJob, StartError>)>,
    requests: Vec<CreateJob>,
    done: Vec<bool>,
}

/// Starts creating every job of `requests` at once.
pub fn start_all(queue: &QueueClient, requests: &[CreateJob]) -> Starting {
    let mut set = tokio::task::JoinSet::new();
    for (index, request) in requests.iter().enumerate() {
        let (queue, request) = (queue.clone(), request.clone());
        set.spawn(async move { (index, create(&queue, &request).await) });
    }
    Starting {
        set,
        requests: requests.to_vec(),
        done: vec![false; requests.len()],
    }
}

impl Starting {
    /// The next answered creation: the index of its request and what came of it; `None`
    /// when all are answered. Cancel-safe: a result is never lost to a `select!`.
    pub async fn next(&mut self) -> Option<(usize, Result<RawQueueJob, StartError>)> {
        let joined = self.set.join_next().await?;
        let (index, result) = match joined {
            Ok(done) => done,
            // The task died, perhaps after sending: as unknown as a lost answer. Which
            // one it was is the first not yet answered (tasks only die by a panic).
            Err(e) => {
                let index = self.done.iter().position(|d| !d).unwrap_or(0);
                let request = &self.requests[index];
                let failure = StartError::MaybeStarted {
                    target: request.label(),
                    cause: ApiError::Internal(format!("the request's task failed: {e}")),
                    find: request
                        .find_command(jiff::Timestamp::now() - jiff::SignedDuration::from_mins(1)),
                };
                (index, Err(failure))
            }
        };
        if let Some(done) = self.done.get_mut(index) {
            *done = true;
        }
        Some((index, result))
    }

    /// The requests not answered yet (sent, or about to be).
    pub fn pending(&self) -> impl Iterator<Item = &CreateJob> {
        self.requests
            .iter()
            .zip(&self.done)
            .filter(|(_, done)| !**done)
            .map(|(r, _)| r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_like_kbc_spells_them() {
        let t = |s: &str| s.parse::<Target>();
        assert_eq!(
            t("keboola.ex-http/503118").unwrap(),
            Target {
                branch: None,
                component: "keboola.ex-http".into(),
                config: Some("503118".into()),
                tag: None,
            }
        );
        assert_eq!(
            t("4242/keboola.ex-http/503118@1.4.2").unwrap(),
            Target {
                branch: Some("4242".into()),
                component: "keboola.ex-http".into(),
                config: Some("503118".into()),
                tag: Some("1.4.2".into()),
            }
        );
        assert_eq!(t("keboola.ex-http").unwrap().config, None);
        for bad in ["", "a//b", "a/b/c/d", "a/b@", "a/ b", "/a/b", "a/b@x/y"] {
            assert!(t(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_body_sends_only_what_was_given_in_the_documented_spelling() {
        let minimal = CreateJob {
            component: "keboola.ex-http".into(),
            config: Some("503118".into()),
            ..CreateJob::default()
        };
        assert_eq!(
            minimal.body(),
            r#"{"component":"keboola.ex-http","config":"503118","mode":"run"}"#
        );
        let full = CreateJob {
            component: "keboola.orchestrator".into(),
            config: Some("55512".into()),
            mode: Mode::ForceRun,
            config_row_ids: vec!["7".into()],
            tag: Some("1.2.3".into()),
            branch_id: Some("4242".into()),
            variable_values_data: Some(VariableValues {
                values: vec![Variable {
                    name: "day".into(),
                    value: "monday".into(),
                }],
            }),
            backend: Some(Backend {
                size: "large".into(),
            }),
            parallelism: Some(Parallelism::Infinity("infinity")),
            only_flow_task_ids: vec!["110".into()],
            ..CreateJob::default()
        };
        assert_eq!(
            full.body(),
            r#"{"component":"keboola.orchestrator","config":"55512","mode":"forceRun","configRowIds":["7"],"tag":"1.2.3","branchId":"4242","variableValuesData":{"values":[{"name":"day","value":"monday"}]},"backend":{"type":"large"},"parallelism":"infinity","onlyFlowTaskIds":["110"]}"#
        );
        assert!(!full.body().contains("onlyOrchestrationTaskIds"));
    }

    #[test]
    fn the_find_command_names_the_configuration_and_a_time_before_the_request() {
        let job = CreateJob {
            component: "keboola.ex-http".into(),
            config: Some("50 3".into()),
            branch_id: Some("4242".into()),
            ..CreateJob::default()
        };
        let since = "2026-12-07T19:30:00Z".parse::<jiff::Timestamp>().unwrap();
        assert_eq!(
            job.find_command(since),
            "jobctl queue list --component keboola.ex-http --config '50 3' --branch 4242 \
             --since 2026-12-07T19:30:00Z"
        );
    }

    #[test]
    fn the_created_job_decodes_as_the_api_sends_it() {
        let body = include_str!("../../tests/fixtures/queue/queue-job-created.json");
        let job = RawQueueJob::parse(body).unwrap();
        assert_eq!(job.job.id, 10441301);
        assert_eq!(job.job.status, crate::model::QueueStatus::Created);
        assert!(!job.job.is_finished());
        assert_eq!(job.raw(), body.trim_end());
    }

    #[test]
    fn refusals_map_to_usage_not_found_and_auth() {
        let refused = |status: u16| StartError::NotStarted {
            target: "c/1".into(),
            cause: ApiError::Http {
                status,
                url: "u".into(),
                detail: String::new(),
                api_error: true,
            },
        };
        assert_eq!(refused(400).exit(), Exit::Usage);
        assert_eq!(refused(404).exit(), Exit::NotFound);
        assert_eq!(refused(403).exit(), Exit::Auth);
        assert_eq!(refused(401).exit(), Exit::Auth);
        assert_eq!(refused(409).exit(), Exit::Api);
        let maybe = StartError::MaybeStarted {
            target: "c/1".into(),
            cause: ApiError::Unconfirmed {
                url: "u".into(),
                detail: "HTTP 503".into(),
            },
            find: "jobctl queue list".into(),
        };
        assert_eq!(maybe.exit(), Exit::Api);
        assert!(maybe.to_string().contains("may have started"));
    }
}
