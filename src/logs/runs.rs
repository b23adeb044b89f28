//! Which runs make up the log of jobs already found: a flow's or phase's tree is fetched
//! (its tasks named by their configurations), every other job is its own run. Shared by
//! `jobctl logs` and the follow's `--log` (`watch --log`, `run -f`, `rerun -f`).

use std::collections::HashSet;

use anyhow::Result;

use crate::client::{QueueClient, StorageClient};
use crate::context::Context;
use crate::model::{AnyJob, AnyRaw, JobKind, RunJob, Verdict};
use crate::render::sanitize;
use crate::run_tree;

use super::{Followed, Node, Source, job_source, root_label, tree_sources};

/// Which runs make up the log, and the jobs to follow.
pub struct LogRuns {
    pub sources: Vec<Source>,
    pub nodes: Vec<Node>,
    pub roots: Vec<Followed>,
    /// The ids named, for messages.
    pub ids: Vec<u64>,
}

impl LogRuns {
    /// Whether the lines name their task: several runs, or a flow (even while it has run
    /// only one task so far).
    pub fn several(&self) -> bool {
        self.sources.len() > 1 || self.nodes.iter().any(|n| n.container)
    }
}

/// The plan of `jobs`' log; `failed` keeps only what failed (`logs --failed`). Notes on
/// stderr say what a storage job's log is and why a job has none.
pub async fn plan(
    ctx: &Context,
    storage: &StorageClient,
    queue: Option<&QueueClient>,
    jobs: &[AnyRaw],
    failed: bool,
) -> Result<LogRuns> {
    let alone = jobs.len() == 1;
    let mut plan = LogRuns {
        sources: Vec::new(),
        nodes: Vec::new(),
        roots: Vec::new(),
        ids: Vec::new(),
    };
    for found in jobs {
        let job = found.job();
        plan.ids.push(job.id());
        plan.roots.push(Followed { job: job.clone() });
        if failed
            && !matches!(&job, AnyJob::Queue(q) if q.is_container())
            && job.verdict() != Some(Verdict::Failed)
        {
            ctx.out.note(&format!(
                "{} {} did not fail: --failed leaves its log out",
                kind_name(&job),
                job.id()
            ));
            continue;
        }
        match (found, queue) {
            (AnyRaw::Queue(q), Some(queue)) if q.job.is_container() => {
                let now = jiff::Timestamp::now();
                let mut tree = run_tree::fetch_queue_jobs(storage, queue, q.clone(), now).await?;
                ctx.fill_names(storage, &mut tree.queue_jobs_mut()).await;
                let RunJob::Queue(named) = &tree.job else {
                    continue;
                };
                let label = root_label(&AnyJob::Queue(named.job.clone()), alone);
                let (sources, nodes) = tree_sources(&tree, &label, alone, failed);
                if failed && sources.is_empty() {
                    ctx.out
                        .note(&format!("nothing failed in queue job {}", job.id()));
                }
                plan.sources.extend(sources);
                plan.nodes.extend(nodes);
            }
            _ => {
                let mut job = job.clone();
                if let AnyJob::Queue(q) = &mut job {
                    ctx.fill_names(storage, &mut [q]).await;
                }
                let label = root_label(&job, alone);
                match job_source(&job, &label) {
                    Ok(source) => {
                        if let AnyJob::Storage(s) = &job {
                            ctx.out.note(&format!(
                                "storage job {}: the events of run {}, the run that started it",
                                s.id,
                                sanitize(&source.run_id)
                            ));
                        }
                        plan.sources.push(source);
                    }
                    Err(why) => ctx.out.note(&sanitize(&why)),
                }
            }
        }
    }
    // A run named twice (a storage job and the queue job that started it) is read once.
    let mut runs = HashSet::new();
    plan.sources
        .retain(|s| runs.insert((s.branch.clone(), s.run_id.clone())));
    Ok(plan)
}

/// `storage job` or `queue job`, for messages.
pub fn kind_name(job: &AnyJob) -> &'static str {
    match job.kind() {
        JobKind::Storage => "storage job",
        JobKind::Queue => "queue job",
    }
}
