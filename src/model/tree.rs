//! A run as a tree: a queue job, the queue jobs under it (by `parentRunId`), and for a
//! component job the storage jobs it started (by `runId`). Pure data; fetching it is the
//! `queue show --tree` command's, drawing it the renderer's.

use std::collections::HashMap;

use super::raw::{RawJob, RawQueueJob};

/// What a node of the tree holds.
#[derive(Debug, Clone)]
pub enum RunJob {
    Queue(RawQueueJob),
    Storage(RawJob),
}

/// One node and the nodes under it, in the order they were created.
#[derive(Debug, Clone)]
pub struct RunNode {
    pub job: RunJob,
    pub children: Vec<RunNode>,
}

impl RunNode {
    #[cfg(test)]
    pub fn queue(job: RawQueueJob) -> RunNode {
        RunNode {
            job: RunJob::Queue(job),
            children: Vec::new(),
        }
    }

    #[cfg(test)]
    pub fn storage(job: RawJob) -> RunNode {
        RunNode {
            job: RunJob::Storage(job),
            children: Vec::new(),
        }
    }

    /// The node's own job ended badly: error, terminated or cancelled (a storage job:
    /// error).
    pub fn failed(&self) -> bool {
        match &self.job {
            RunJob::Queue(q) => q.job.status.is_failure(),
            RunJob::Storage(s) => s.job.status == super::Status::Error,
        }
    }

    /// Whether a failure sits at or under this node: the path a user follows down to
    /// what broke. For every node of a tree at once, [`RunNode::failing_paths`].
    pub fn on_failing_path(&self) -> bool {
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            if node.failed() {
                return true;
            }
            stack.extend(node.children.iter());
        }
        false
    }

    /// The nodes in tree order (a node, then each child's subtree in turn), each with the
    /// index of its parent in the list. No recursion: a tree of any depth costs no stack.
    pub fn walk(&self) -> Vec<(&RunNode, Option<usize>)> {
        let mut out = Vec::new();
        let mut stack = vec![(self, None)];
        while let Some((node, parent)) = stack.pop() {
            let at = out.len();
            out.push((node, parent));
            stack.extend(node.children.iter().rev().map(|c| (c, Some(at))));
        }
        out
    }

    /// For each node of a [`RunNode::walk`], [`RunNode::on_failing_path`]: one pass from
    /// the last node back, each handing its answer to its parent.
    pub fn failing_paths(walk: &[(&RunNode, Option<usize>)]) -> Vec<bool> {
        let mut on: Vec<bool> = walk.iter().map(|(n, _)| n.failed()).collect();
        for at in (0..walk.len()).rev() {
            if on[at]
                && let Some(parent) = walk[at].1
            {
                on[parent] = true;
            }
        }
        on
    }

    /// This node and every node under it, depth first: the order the tree is drawn in.
    pub fn nodes(&self) -> Vec<&RunNode> {
        self.walk().into_iter().map(|(node, _)| node).collect()
    }

    /// Names the phases and tasks of the flows in the tree as the flows' results do
    /// (`result.phases[]` by the phase's `configData.phaseId`, `result.tasks[]` by the
    /// task's `orchestrationTaskId` or its job id), into each job's `names.step`. Walks
    /// without recursion: a tree may be deep.
    pub fn name_steps(&mut self) {
        let mut phases: HashMap<String, String> = HashMap::new();
        let mut tasks: HashMap<String, String> = HashMap::new();
        let mut task_jobs: HashMap<String, String> = HashMap::new();
        let mut stack: Vec<&RunNode> = vec![self];
        while let Some(node) = stack.pop() {
            if let RunJob::Queue(q) = &node.job
                && let Some(result) = &q.job.result
            {
                for p in &result.phases {
                    phases.insert(p.id.clone(), p.name.clone());
                }
                for t in &result.tasks {
                    tasks.insert(t.id.clone(), t.name.clone());
                    if let Some(job) = &t.job_id {
                        task_jobs.insert(job.clone(), t.name.clone());
                    }
                }
            }
            stack.extend(node.children.iter());
        }
        if phases.is_empty() && tasks.is_empty() {
            return;
        }
        let mut stack: Vec<&mut RunNode> = vec![self];
        while let Some(node) = stack.pop() {
            if let RunJob::Queue(q) = &mut node.job {
                let j = &mut q.job;
                let name = match j.job_type.as_deref() {
                    Some("phaseContainer") => j.phase_id.as_ref().and_then(|p| phases.get(p)),
                    _ => j
                        .orchestration_task_id
                        .as_ref()
                        .and_then(|t| tasks.get(t))
                        .or_else(|| task_jobs.get(&j.id.to_string())),
                };
                if let Some(name) = name {
                    j.names_mut().step = Some(name.clone());
                }
            }
            stack.extend(node.children.iter_mut());
        }
    }

    /// Every queue job in the tree, for filling in what their bodies do not say.
    pub fn queue_jobs_mut(&mut self) -> Vec<&mut super::QueueJob> {
        let mut jobs = Vec::new();
        let mut stack: Vec<&mut RunNode> = vec![self];
        while let Some(node) = stack.pop() {
            if let RunJob::Queue(q) = &mut node.job {
                jobs.push(&mut q.job);
            }
            stack.extend(node.children.iter_mut());
        }
        jobs
    }

    /// The server's bytes of the node's job.
    pub fn raw(&self) -> &str {
        match &self.job {
            RunJob::Queue(q) => q.raw(),
            RunJob::Storage(s) => s.raw(),
        }
    }
}

// Dropping a chain of nested nodes one by one, not by recursion: a deep tree must not
// overflow the stack on its way out either.
impl Drop for RunNode {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut node) = stack.pop() {
            stack.append(&mut node.children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(body: &str) -> RunNode {
        RunNode::queue(RawQueueJob::parse(body).unwrap())
    }

    #[test]
    fn phases_and_tasks_take_their_flows_names() {
        let mut flow = queue(
            r#"{"id":"1","status":"error","type":"orchestrationContainer","result":{
                "phases":[{"id":"4821","name":"Extract"},{"id":"4822","name":"Load"}],
                "tasks":[{"id":"10877","name":"Orders","jobId":"3","phase":"4821"},
                         {"id":"10881","name":"Customers","jobId":"9","phase":"4822"}]}}"#,
        );
        let mut phase = queue(
            r#"{"id":"2","status":"error","type":"phaseContainer","configData":{"phaseId":"4822"}}"#,
        );
        // One task found by its task id, one by its job id, one by neither.
        phase.children.push(queue(
            r#"{"id":"4","status":"error","orchestrationTaskId":"10877"}"#,
        ));
        phase.children.push(queue(r#"{"id":"9","status":"error"}"#));
        phase.children.push(queue(r#"{"id":"5","status":"error"}"#));
        flow.children.push(phase);
        flow.name_steps();
        let steps: Vec<(u64, Option<String>)> = flow
            .queue_jobs_mut()
            .into_iter()
            .map(|j| (j.id, j.names().step.clone()))
            .collect();
        let named = |id: u64| {
            steps
                .iter()
                .find(|(i, _)| *i == id)
                .and_then(|(_, n)| n.clone())
        };
        assert_eq!(named(1), None);
        assert_eq!(named(2).as_deref(), Some("Load"));
        assert_eq!(named(4).as_deref(), Some("Orders"));
        assert_eq!(named(9).as_deref(), Some("Customers"));
        assert_eq!(named(5), None);
    }
}
