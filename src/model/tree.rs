//! A run as a tree: a queue job, the queue jobs under it (by `parentRunId`), and for a
//! component job the storage jobs it started (by `runId`). Pure data; fetching it is the
//! `queue show --tree` command's, drawing it the renderer's.

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
    /// what broke.
    pub fn on_failing_path(&self) -> bool {
        self.failed() || self.children.iter().any(RunNode::on_failing_path)
    }

    /// This node and every node under it, depth first: the order the tree is drawn in.
    pub fn nodes(&self) -> Vec<&RunNode> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.nodes());
        }
        out
    }

    /// The server's bytes of the node's job.
    pub fn raw(&self) -> &str {
        match &self.job {
            RunJob::Queue(q) => q.raw(),
            RunJob::Storage(s) => s.raw(),
        }
    }
}
