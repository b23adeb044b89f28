//! Bounded concurrency for the client's per-item requests: at most N in flight, results in
//! the order of the inputs. No HTTP here, only tasks.

use std::future::Future;

use tokio::task::JoinSet;

use super::error::ApiError;

/// Requests one command has in flight at most when it fans out over ids (like
/// `list --concurrency`'s default), so that `show $(seq 1 5000)` or a kill of many jobs
/// does not open thousands of connections to a customer's stack.
pub const MAX_IN_FLIGHT: usize = 8;

/// Runs `work` for each item, at most `max` at once, and returns the results in the order
/// of `items`. Dropping the future abandons the requests still in flight; a task that
/// panicked becomes `ApiError::Internal`.
pub async fn in_order<I, T, F, Fut>(items: Vec<I>, max: usize, work: F) -> Vec<Result<T, ApiError>>
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> Fut,
    Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
{
    let mut results: Vec<Option<Result<T, ApiError>>> = items.iter().map(|_| None).collect();
    let mut queue = items.into_iter().enumerate();
    let mut running = JoinSet::new();
    loop {
        while running.len() < max.max(1) {
            let Some((i, item)) = queue.next() else { break };
            let fut = work(item);
            running.spawn(async move { (i, fut.await) });
        }
        match running.join_next().await {
            Some(Ok((i, result))) => results[i] = Some(result),
            // A task that panicked leaves its slot empty; it is reported below.
            Some(Err(_)) => {}
            None => break,
        }
    }
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(ApiError::Internal(
                    "a request task of jobctl's failed".into(),
                ))
            })
        })
        .collect()
}
