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
