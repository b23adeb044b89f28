//! Which runs' events make up the log of the jobs a user named: a queue job's own (its
//! plain id is the events' `runId`), a storage job's run (the run that started it), a
//! flow's or phase's every queue job under it, each named by its place in the run.
//! Pure: the jobs and trees come in fetched; nothing here asks the API.

use crate::model::{AnyJob, QueueJob, RunJob, RunNode};
use crate::render::log::{Prefix, place};

/// One run whose events are part of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The job the events are told as belonging to (`-o jsonl`'s `job`).
    pub job: u64,
    /// The events' `runId`.
    pub run_id: String,
    /// A dev branch's id, when the job ran in one (its events are listed there).
    pub branch: Option<String>,
    /// Its place in front of each line, when the log has more than one run.
    pub prefix: Option<Prefix>,
    /// The unsanitised label, for building the places of the jobs under it.
    pub label: String,
}

/// A queue job of a followed run: where it sits, to name the jobs found under it later.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: u64,
    /// The dotted run id its children name as their `parentRunId`.
    pub run_id: String,
    pub container: bool,
    pub finished: bool,
    /// Its place (`Load › ex-google-drive "Customers"`); empty for a lone root.
    pub label: String,
}

/// The branch of a queue job as the events API takes it: none for the main branch.
pub fn branch_of(job: &QueueJob) -> Option<String> {
    job.branch_id
        .clone()
        .filter(|b| !b.is_empty() && b != "default" && b != "null")
}

/// `a › b`, or the one that is not empty.
pub fn joined(parent: &str, own: &str) -> String {
    match parent.is_empty() {
        true => own.to_owned(),
        false => format!("{parent} › {own}"),
    }
}

/// The source for a job that is not a container. A storage job's events are those of its
/// run; `Err` says why a job has none to find (a storage job with no run id).
pub fn job_source(job: &AnyJob, label: &str) -> Result<Source, String> {
    let Some(run_id) = job.events_run_id() else {
        return Err(format!(
            "storage job {} has no run id: its events cannot be found",
            job.id()
        ));
    };
    let (branch, component) = match job {
        AnyJob::Queue(q) => (branch_of(q), q.component.as_deref()),
        AnyJob::Storage(_) => (None, None),
    };
    Ok(source(job.id(), run_id, branch, label, component))
}

/// A source named `label`, whose own component (if any) its lines need not repeat.
pub fn source(
    job: u64,
    run_id: String,
    branch: Option<String>,
    label: &str,
    component: Option<&str>,
) -> Source {
    Source {
        job,
        run_id,
        branch,
        prefix: (!label.is_empty()).then(|| Prefix::new(label, component)),
        label: label.to_owned(),
    }
}

/// The label of a root job: nothing when it is the only one (a container's own lines
/// then say its place), else its id and place.
pub fn root_label(job: &AnyJob, alone: bool) -> String {
    match (job, alone) {
        (AnyJob::Queue(q), true) if q.is_container() => place(q),
        (_, true) => String::new(),
        (AnyJob::Queue(q), false) => format!("{} {}", q.id, place(q)),
        (AnyJob::Storage(s), false) => format!("storage job {}", s.id),
    }
}

/// The sources and nodes of a run tree (the storage jobs in it are left out: their events
/// carry their task's run id). With `failed_only`, only the jobs on a failing path: the
/// failed tasks and the containers above them. `root` is the root's label (see
/// [`root_label`]); a lone root's descendants are named from below it.
pub fn tree_sources(
    tree: &RunNode,
    root: &str,
    alone: bool,
    failed_only: bool,
) -> (Vec<Source>, Vec<Node>) {
    let walk = tree.walk();
    let failing = RunNode::failing_paths(&walk);
    // Each node's label, from its parent's: the tree's order puts a parent first.
    let mut labels: Vec<String> = Vec::with_capacity(walk.len());
    let mut sources = Vec::new();
    let mut nodes = Vec::new();
    for (at, (node, parent)) in walk.iter().enumerate() {
        let RunJob::Queue(q) = &node.job else {
            labels.push(String::new());
            continue;
        };
        let q = &q.job;
        let label = match parent {
            None => root.to_owned(),
            Some(p) => {
                let above = match (*p, alone) {
                    (0, true) => "",
                    (p, _) => labels.get(p).map_or("", String::as_str),
                };
                joined(above, &place(q))
            }
        };
        labels.push(label.clone());
        nodes.push(Node {
            id: q.id,
            run_id: q.run_id.clone(),
            container: q.is_container(),
            finished: q.is_finished(),
            label: label.clone(),
        });
        if failed_only && !failing.get(at).copied().unwrap_or(false) {
            continue;
        }
        sources.push(source(
            q.id,
            q.storage_run_id(),
            branch_of(q),
            &label,
            q.component.as_deref(),
        ));
    }
    (sources, nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RawJob, RawQueueJob};

    fn queue(body: &str) -> RunNode {
        RunNode::queue(RawQueueJob::parse(body).unwrap())
    }

    fn flow() -> RunNode {
        let mut flow = queue(
            r#"{"id":"1","runId":"1","status":"error","type":"orchestrationContainer",
                "component":"keboola.orchestrator","config":"77",
                "result":{"phases":[{"id":"p1","name":"Extract"},{"id":"p2","name":"Load"}],
                "tasks":[{"id":"t1","name":"Orders","jobId":"3"},{"id":"t2","name":"Customers","jobId":"5"}]}}"#,
        );
        let mut extract = queue(
            r#"{"id":"2","runId":"1.2","parentRunId":"1","status":"success","type":"phaseContainer","configData":{"phaseId":"p1"}}"#,
        );
        extract.children.push(queue(
            r#"{"id":"3","runId":"1.2.3","parentRunId":"1.2","status":"success","component":"keboola.ex-db-snowflake","config":"9"}"#,
        ));
        let mut load = queue(
            r#"{"id":"4","runId":"1.4","parentRunId":"1","status":"error","type":"phaseContainer","configData":{"phaseId":"p2"}}"#,
        );
        let mut task = queue(
            r#"{"id":"5","runId":"1.4.5","parentRunId":"1.4","status":"error","component":"keboola.ex-google-drive","config":"4211","branchId":"808"}"#,
        );
        task.children.push(RunNode::storage(
            RawJob::parse(r#"{"id":99,"status":"error","runId":"5"}"#).unwrap(),
        ));
        load.children.push(task);
        flow.children.push(extract);
        flow.children.push(load);
        flow.name_steps();
        flow
    }

    #[test]
    fn a_flows_tasks_are_named_by_their_place() {
        let tree = flow();
        let RunJob::Queue(root) = &tree.job else {
            unreachable!()
        };
        let root_job = AnyJob::Queue(root.job.clone());
        let label = root_label(&root_job, true);
        assert_eq!(label, "flow 77");
        let (sources, nodes) = tree_sources(&tree, &label, true, false);
        let labels: Vec<(&str, &str)> = sources
            .iter()
            .map(|s| (s.run_id.as_str(), s.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("1", "flow 77"),
                ("2", "Extract"),
                ("3", "Extract › ex-db-snowflake \"Orders\""),
                ("4", "Load"),
                ("5", "Load › ex-google-drive \"Customers\""),
            ]
        );
        assert_eq!(sources[4].branch.as_deref(), Some("808"));
        assert_eq!(nodes.len(), 5);
        assert!(nodes[0].container && !nodes[2].container);
    }

    #[test]
    fn failed_only_keeps_the_failing_path() {
        let tree = flow();
        let (sources, _) = tree_sources(&tree, "flow 77", true, true);
        let runs: Vec<&str> = sources.iter().map(|s| s.run_id.as_str()).collect();
        assert_eq!(runs, ["1", "4", "5"]);
    }

    #[test]
    fn several_roots_are_named_with_their_ids() {
        let tree = flow();
        let (sources, _) = tree_sources(&tree, "1 flow 77", false, false);
        assert_eq!(
            sources[2].label,
            "1 flow 77 › Extract › ex-db-snowflake \"Orders\""
        );
        let storage =
            AnyJob::Storage(serde_json::from_str(r#"{"id":8,"status":"success"}"#).unwrap());
        assert!(job_source(&storage, "").unwrap_err().contains("no run id"));
        let storage = AnyJob::Storage(
            serde_json::from_str(r#"{"id":8,"status":"success","runId":"1.4.5"}"#).unwrap(),
        );
        let s = job_source(&storage, "").unwrap();
        assert_eq!((s.run_id.as_str(), s.prefix.is_none()), ("1.4.5", true));
    }
}
