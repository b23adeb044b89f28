//! Finding the jobs a user named, whatever their kind: a link or `--kind` fixes the API to
//! ask; a bare id is asked of the Storage API and the Queue API at once (one round trip),
//! and the answers decide. Never guesses: an id that is a job on both is an error that
//! names both. No printing here.

use std::future::Future;

use anyhow::Result;

use crate::client::{ApiError, QueueClient, StorageClient};
use crate::model::{AnyRaw, JobKind, JobRef, RawJob, RawQueueJob, same_stack};
use crate::render::sanitize;

/// Why a named job was not found, beyond what one API says.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// Exit 3.
    #[error("job {id} not found: neither the Storage API nor the Queue API has it")]
    Neither { id: u64 },
    /// Exit 2: the two id sequences are separate and met.
    #[error(
        "{id} is a job on both APIs: storage job {storage}, and queue job {queue}; \
         say which with --kind storage or --kind queue"
    )]
    Both {
        id: u64,
        storage: String,
        queue: String,
    },
    /// Exit 2.
    #[error(
        "the link to job {link} is to another stack ({host}) than the one configured \
         ({configured}); use --host or a --profile for that stack"
    )]
    OtherStack {
        link: u64,
        host: String,
        configured: String,
    },
    /// Exit 2: `--kind` says one kind, a link the other.
    #[error("job {id}: --kind {wanted} was given, but its link is to a {linked} job")]
    KindConflict {
        id: u64,
        wanted: &'static str,
        linked: &'static str,
    },
}

/// The kind each reference will be asked as: its link's, else `forced`, else both (`None`).
/// A link of one kind under `--kind` of the other is refused before any request.
pub fn kinds(refs: &[JobRef], forced: Option<JobKind>) -> Result<Vec<Option<JobKind>>> {
    refs.iter()
        .map(|r| match (r.kind, forced) {
            (Some(linked), Some(wanted)) if linked != wanted => Err(LookupError::KindConflict {
                id: r.id,
                wanted: wanted.name(),
                linked: linked.name(),
            }
            .into()),
            (linked, forced) => Ok(linked.or(forced)),
        })
        .collect()
}

/// Refuses links to another stack than `storage`'s (before any request). The demo plays
/// every stack, so its callers skip this check under `--demo`.
pub fn check_stacks(
    refs: &[JobRef],
    storage: &reqwest::Url,
    queue_host: Option<&str>,
) -> Result<()> {
    let configured = storage.host_str().unwrap_or_default();
    let queue_host = queue_host
        .and_then(|q| reqwest::Url::parse(q).ok())
        .and_then(|u| u.host_str().map(str::to_owned));
    for r in refs {
        if let Some(host) = &r.host
            && !same_stack(host, configured, queue_host.as_deref())
        {
            return Err(LookupError::OtherStack {
                link: r.id,
                host: sanitize(host).into_owned(),
                configured: configured.to_owned(),
            }
            .into());
        }
    }
    Ok(())
}

/// Looks every reference up, in argument order, asking each API once for all its ids and
/// both at once. `queue` builds the Queue API client (it may cost a request to the stack's
/// index): it is awaited only when some reference may be a queue job. Returns the results
/// and the queue client if one was built.
pub async fn find<Q>(
    storage: &StorageClient,
    queue: Q,
    refs: &[JobRef],
    kinds: &[Option<JobKind>],
) -> (Vec<Result<AnyRaw>>, Option<QueueClient>)
where
    Q: Future<Output = Result<QueueClient>>,
{
    let asks = |kind: JobKind| -> Vec<u64> {
        refs.iter()
            .zip(kinds)
            .filter(|(_, k)| k.is_none_or(|k| k == kind))
            .map(|(r, _)| r.id)
            .collect()
    };
    let (storage_ids, queue_ids) = (asks(JobKind::Storage), asks(JobKind::Queue));
    let storage_side = async {
        match storage_ids.is_empty() {
            true => Vec::new(),
            false => storage.jobs(&storage_ids).await,
        }
    };
    let queue_side = async {
        if queue_ids.is_empty() {
            return (Vec::new(), None);
        }
        match queue.await {
            Ok(client) => {
                let found = client.jobs(&queue_ids).await;
                let found = found.into_iter().map(|r| r.map_err(anyhow::Error::from));
                (found.collect(), Some(client))
            }
            // Every queue answer is this failure (shared: anyhow errors do not clone).
            Err(e) => {
                let text = format!("{e:#}");
                let code = crate::exit::code_for(&e);
                let failed = queue_ids
                    .iter()
                    .map(|_| {
                        Err(QueueUnavailable {
                            text: text.clone(),
                            code,
                        }
                        .into())
                    })
                    .collect();
                (failed, None)
            }
        }
    };
    let (storage_found, (queue_found, client)) = tokio::join!(storage_side, queue_side);
    let mut storage_found = storage_found.into_iter();
    let mut queue_found = queue_found.into_iter();
    let mut results = Vec::with_capacity(refs.len());
    for (r, kind) in refs.iter().zip(kinds) {
        let s = match kind.is_none_or(|k| k == JobKind::Storage) {
            true => storage_found.next(),
            false => None,
        };
        let q = match kind.is_none_or(|k| k == JobKind::Queue) {
            true => queue_found.next(),
            false => None,
        };
        results.push(decide(r.id, s, q));
    }
    (results, client)
}

/// The Queue API could not be reached or found: what it said, and its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{text}")]
pub struct QueueUnavailable {
    text: String,
    pub code: crate::exit::Exit,
}

fn decide(
    id: u64,
    storage: Option<Result<RawJob, ApiError>>,
    queue: Option<Result<RawQueueJob>>,
) -> Result<AnyRaw> {
    let queue_missing = |e: &anyhow::Error| {
        e.downcast_ref::<ApiError>()
            .is_some_and(ApiError::is_not_found)
    };
    match (storage, queue) {
        (Some(Ok(s)), Some(Ok(q))) => Err(LookupError::Both {
            id,
            storage: storage_label(&s),
            queue: crate::render::queue_label(&q.job),
        }
        .into()),
        (Some(Ok(s)), _) => Ok(AnyRaw::Storage(s)),
        (_, Some(Ok(q))) => Ok(AnyRaw::Queue(q)),
        (Some(Err(s)), Some(Err(q))) => match (s.is_not_found(), queue_missing(&q)) {
            (true, true) => Err(LookupError::Neither { id }.into()),
            // What went wrong matters more than what is missing.
            (true, false) => Err(q),
            (false, _) => Err(s.into()),
        },
        (Some(Err(s)), None) => Err(s.into()),
        (None, Some(Err(q))) => Err(q),
        (None, None) => Err(ApiError::Internal(format!("job {id} was not asked for")).into()),
    }
}

/// `22077337 tableImport in.c-main.orders`: a storage job in a message.
fn storage_label(job: &RawJob) -> String {
    let job = &job.job;
    let mut s = format!("{} {}", job.id, sanitize(&job.operation_name));
    if let Some(table) = job.table_id.as_deref() {
        s.push(' ');
        s.push_str(&sanitize(table));
    }
    s
}
