//! Configuration names for queue jobs, from the Storage API's components: asked once per
//! command (one request per configuration for a few, one request for all of them for
//! more), what was found cached per stack for an hour. A name that cannot be had is left
//! out, never an error: what went wrong comes back for `--debug`.

use std::collections::{BTreeMap, BTreeSet};

use crate::client::{StorageClient, in_order};
use crate::config::ConfigNameCache;
use crate::model::QueueJob;

/// Up to this many configurations are asked one by one (concurrently); more, all at once.
const ONE_BY_ONE: usize = 3;

fn key(component: &str, config: &str) -> String {
    format!("{component}/{config}")
}

/// Fills `names.config` of every job whose configuration's name it finds. Returns why
/// names are missing, if they are.
pub async fn fill(
    storage: &StorageClient,
    cache: Option<&ConfigNameCache>,
    jobs: &mut [&mut QueueJob],
) -> Option<String> {
    let wanted: BTreeSet<(String, String, Option<String>)> = jobs
        .iter()
        .filter_map(|j| Some((j.component.clone()?, j.config.clone()?, j.branch_id.clone())))
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let stack = storage.base().as_str().to_owned();
    let now = jiff::Timestamp::now().as_second();
    let cached = cache.and_then(|c| c.get(&stack, now));
    let complete = cached.as_ref().is_some_and(|names| {
        wanted
            .iter()
            .all(|(c, id, _)| names.contains_key(&key(c, id)))
    });
    let (names, problem) = match (cached, complete) {
        (Some(names), true) => (names, None),
        _ if wanted.len() <= ONE_BY_ONE => {
            let (names, problem) = one_by_one(storage, wanted).await;
            if let Some(cache) = cache.filter(|_| !names.is_empty()) {
                cache.put(&stack, names.clone(), false, now);
            }
            (names, problem)
        }
        _ => match storage.config_names().await {
            Ok(all) => {
                let names: BTreeMap<String, String> = all
                    .into_iter()
                    .map(|n| (key(&n.component, &n.config), n.name))
                    .collect();
                if let Some(cache) = cache {
                    cache.put(&stack, names.clone(), true, now);
                }
                (names, None)
            }
            Err(e) => (BTreeMap::new(), Some(e.to_string())),
        },
    };
    for job in jobs.iter_mut() {
        if let (Some(c), Some(id)) = (&job.component, &job.config) {
            job.names_mut().config = names.get(&key(c, id)).cloned();
        }
    }
    problem.map(|p| format!("configuration names left out: {p}"))
}

async fn one_by_one(
    storage: &StorageClient,
    wanted: BTreeSet<(String, String, Option<String>)>,
) -> (BTreeMap<String, String>, Option<String>) {
    let wanted: Vec<_> = wanted.into_iter().collect();
    let asked = wanted.clone();
    let found = in_order(asked, ONE_BY_ONE, |(component, config, branch)| {
        let storage = storage.clone();
        async move {
            storage
                .config_name(branch.as_deref(), &component, &config)
                .await
        }
    })
    .await;
    let mut names = BTreeMap::new();
    let mut problem = None;
    for ((component, config, _), result) in wanted.iter().zip(found) {
        match result {
            Ok(Some(name)) => {
                names.insert(key(component, config), name);
            }
            Ok(None) => {}
            Err(e) => {
                problem.get_or_insert(e.to_string());
            }
        }
    }
    (names, problem)
}
