//! `jobctl watch` (and `queue watch`, which is `watch --kind queue`): finds which API each
//! id belongs to, then hands the jobs to the follow service, which polls them to the end,
//! prints their final state and picks the exit code. `--running` and `--run-id` follow
//! storage jobs found as it goes.

use anyhow::Result;

use super::unless_cancelled_value;
use crate::cli::{KindChoice, WatchArgs, WatchFormat};
use crate::context::Context;
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::follow::{self, Discover, Options};
use crate::lookup::{self, Fetch};
use crate::model::{AnyRaw, JobKind};

pub async fn run(ctx: &Context, mut args: WatchArgs) -> Result<()> {
    // A bad expression must cost no request; --jq implies the final JSON.
    let jq = ctx.jq(args.jq.as_deref())?;
    if jq.is_some() {
        args.output = WatchFormat::Json;
    }
    let options = Options {
        output: args.output,
        jq,
        timeout: args.timeout,
        kill_on_timeout: args.kill_on_timeout,
        fail_fast: args.fail_fast,
        progress: args.progress,
        interval: args.interval,
        max_interval: args.max_interval,
        no_history: args.no_history,
        heartbeat: args.heartbeat,
        notify: args.notify,
        log: args.log,
    };
    if let Some(run_id) = &args.run_id {
        let filter = crate::listing::JobFilter {
            run_id: Some(run_id.trim().to_owned()),
            ..Default::default()
        };
        let run = Discover::Run {
            run_id: run_id.clone(),
            matches: Box::new(move |job| filter.matches(job)),
            grace: args.grace,
        };
        return follow::follow_found(ctx, run, &options).await;
    }
    if args.running {
        return follow::follow_found(ctx, Discover::Running, &options).await;
    }
    let Resolved {
        targets,
        seen,
        failure,
    } = resolve(ctx, &args).await?;
    if args.kill_on_timeout && targets.iter().all(|(_, k)| *k == JobKind::Storage) {
        return Err(UsageError(
            "--kill-on-timeout kills queue jobs; storage jobs cannot be killed".into(),
        )
        .into());
    }
    let result = follow::follow(ctx, &targets, seen, &options).await;
    // An id found on neither API outranks a failed job, as a missing id does in the
    // follow itself (exit 3, not 1).
    match (result, failure) {
        (Ok(()), Some(failure)) => Err(failure.into()),
        (Err(e), Some(failure)) if code_for(&e) == Exit::JobFailed => Err(failure.into()),
        (result, _) => result,
    }
}

/// The ids with their kinds, in argument order: a link or `--kind` fixes the kind, bare ids
/// are looked up on both APIs at once. Ids found on neither are reported here; the first
/// such failure comes back for the exit code. Nothing found at all ends here.
async fn resolve(ctx: &Context, args: &WatchArgs) -> Result<Resolved> {
    let kinds = lookup::kinds(&args.ids, args.kind.map(KindChoice::kind))?;
    let (storage, queue_host) = ctx.storage_client()?;
    if ctx.demo_url.is_none() {
        lookup::check_stacks(&args.ids, storage.base(), queue_host.as_deref())?;
    }
    // Every kind known: the follow's own first look finds what is missing.
    if kinds.iter().all(Option::is_some) {
        let known = args.ids.iter().zip(&kinds);
        let targets = known.filter_map(|(r, k)| Some((r.id, (*k)?))).collect();
        return Ok(Resolved {
            targets,
            seen: Vec::new(),
            failure: None,
        });
    }
    let discover = ctx.discover_queue(&storage, queue_host);
    let found = lookup::find(&storage, discover, &args.ids, &kinds, Fetch::Lists);
    let (found, _) = unless_cancelled_value(&ctx.cancel, found).await?;
    let (seen, failure) = super::found_jobs(&ctx.out, found);
    let targets: Vec<(u64, JobKind)> = seen.iter().map(|j| (j.id(), j.kind())).collect();
    if targets.is_empty() {
        return Err(failure.unwrap_or(Reported(Exit::NotFound)).into());
    }
    Ok(Resolved {
        targets,
        seen,
        failure,
    })
}

/// The jobs a watch follows: their ids and kinds in argument order, the ones the lookup
/// already fetched (the first look takes them as they are), and the first id found on
/// neither API.
struct Resolved {
    targets: Vec<(u64, JobKind)>,
    seen: Vec<AnyRaw>,
    failure: Option<Reported>,
}
