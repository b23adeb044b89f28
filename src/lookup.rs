//! Finding the jobs a user named, whatever their kind: a link or `--kind` fixes the API to
//! ask; a bare id is asked of the Storage API and the Queue API at once (one round trip),
//! and the answers decide. Never guesses: an id that is a job on both is an error that
//! names both. No printing here.

use std::future::Future;

use anyhow::Result;

use crate::client::{ApiError, QueueClient, QueueQuery, StorageClient};
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

/// Looks every reference up, in argument order, asking both APIs at once. `queue` builds
/// the Queue API client (it may cost a request to the stack's index): it is awaited only
/// when some reference may be a queue job. Returns the results and the queue client if
/// one was built.
///
/// With [`Fetch::Details`] each id costs one request to each API it may be on, all at
/// once, and each job found is its detail as the API sends it. With [`Fetch::Lists`] one
/// id costs the same, and several cost what a watch's first look costs: the Storage API's lists of unfinished and recently finished
/// jobs (single fetches only for ids they do not hold) and one Queue API search by id
/// (a hundred ids a request), then the queue details of the ids that search found (its
/// status lags: the detail is the truth) and of those neither API has shown, which a
/// search made just after the job was created can miss. An id the Storage API has and the
/// search does not is taken as a storage job: only a queue job of that id created within
/// the search's lag, seconds, could make that a guess.
pub async fn find<Q>(
    storage: &StorageClient,
    queue: Q,
    refs: &[JobRef],
    kinds: &[Option<JobKind>],
    fetch: Fetch,
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
    // A search pays off for ids that may be on either API.
    let many = fetch == Fetch::Lists
        && queue_ids.len() > 1
        && queue_ids.iter().any(|id| storage_ids.contains(id));
    let storage_side = async {
        if storage_ids.is_empty() {
            return Vec::new();
        }
        if fetch == Fetch::Details {
            let found = storage.jobs(&storage_ids).await.into_iter();
            return found.map(|r| r.map_err(anyhow::Error::from)).collect();
        }
        match storage.find_many(&storage_ids).await {
            Ok(found) => found
                .into_iter()
                .zip(&storage_ids)
                .map(|(job, &id)| job.ok_or(ApiError::NotFound { id }.into()))
                .collect(),
            Err(e) => shared_failure(&e.into(), storage_ids.len()),
        }
    };
    // The first step on the Queue API: the client, then one id's detail, or many ids'
    // search.
    let queue_side = async {
        if queue_ids.is_empty() {
            return Ok((None, QueueFirst::Details(Vec::new())));
        }
        let client = queue.await?;
        let first = match many {
            false => QueueFirst::Details(client.jobs(&queue_ids).await),
            true => QueueFirst::Searched(search_ids(&client, &queue_ids).await),
        };
        Ok((Some(client), first))
    };
    let (storage_found, queue_first) = tokio::join!(storage_side, queue_side);
    let (client, queue_found) = match queue_first {
        Err(e) => (None, shared_failure(&e, queue_ids.len())),
        Ok((client, QueueFirst::Details(found))) => (client, from_api(found)),
        Ok((client, QueueFirst::Searched(Err(e)))) => {
            (client, shared_failure(&e.into(), queue_ids.len()))
        }
        Ok((Some(client), QueueFirst::Searched(Ok(listed)))) => {
            // Details for what the search found and for what neither API has shown.
            let on_storage = |id: u64| {
                storage_ids
                    .iter()
                    .zip(&storage_found)
                    .any(|(&s, found)| s == id && found.is_ok())
            };
            let asked: Vec<u64> = queue_ids
                .iter()
                .copied()
                .filter(|&id| listed.contains(&id) || !on_storage(id))
                .collect();
            let mut details = client.jobs(&asked).await.into_iter();
            let found = queue_ids
                .iter()
                .map(|&id| match asked.contains(&id) {
                    true => details
                        .next()
                        .unwrap_or(Err(ApiError::NotFound { id }))
                        .map_err(anyhow::Error::from),
                    false => Err(ApiError::NotFound { id }.into()),
                })
                .collect();
            (Some(client), found)
        }
        Ok((None, QueueFirst::Searched(_))) => (None, Vec::new()),
    };
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

/// How [`find`] fetches what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetch {
    /// Each job's own detail (what `show` prints).
    Details,
    /// Many jobs from the lists a watch's first look reads (what a watch follows).
    Lists,
}

/// What the Queue API answered first: each id's detail, or (for many ids) the ids its
/// search holds.
enum QueueFirst {
    Details(Vec<Result<RawQueueJob, ApiError>>),
    Searched(Result<std::collections::HashSet<u64>, ApiError>),
}

/// The largest number of ids one search asks for (a URL stays short).
const IDS_PER_SEARCH: usize = 100;

/// The ids of `ids` that the Queue API's search holds: a request per hundred ids.
async fn search_ids(
    client: &QueueClient,
    ids: &[u64],
) -> Result<std::collections::HashSet<u64>, ApiError> {
    let mut held = std::collections::HashSet::new();
    // One chunk but for hundreds of ids: in turn is simple and costs little.
    for chunk in ids.chunks(IDS_PER_SEARCH) {
        let query = QueueQuery {
            ids: chunk.to_vec(),
            limit: Some(chunk.len() as u64),
            ..QueueQuery::default()
        };
        let listed = client.search_heads(&query).await?;
        held.extend(listed.into_iter().map(|j| j.job.id));
    }
    Ok(held)
}

fn from_api(found: Vec<Result<RawQueueJob, ApiError>>) -> Vec<Result<RawQueueJob>> {
    found
        .into_iter()
        .map(|r| r.map_err(anyhow::Error::from))
        .collect()
}

/// One failure for `n` answers (anyhow errors do not clone): its text and exit code.
fn shared_failure<T>(e: &anyhow::Error, n: usize) -> Vec<Result<T>> {
    let text = format!("{e:#}");
    let code = crate::exit::code_for(e);
    (0..n)
        .map(|_| {
            Err(Unavailable {
                text: text.clone(),
                code,
            }
            .into())
        })
        .collect()
}

/// An API could not be reached or found (or failed a request many ids shared): what it
/// said, and its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{text}")]
pub struct Unavailable {
    text: String,
    pub code: crate::exit::Exit,
}

fn decide(
    id: u64,
    storage: Option<Result<RawJob>>,
    queue: Option<Result<RawQueueJob>>,
) -> Result<AnyRaw> {
    let missing = |e: &anyhow::Error| {
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
        (Some(Err(s)), Some(Err(q))) => match (missing(&s), missing(&q)) {
            (true, true) => Err(LookupError::Neither { id }.into()),
            // What went wrong matters more than what is missing.
            (true, false) => Err(q),
            (false, _) => Err(s),
        },
        (Some(Err(s)), None) => Err(s),
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
