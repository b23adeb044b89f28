//! `jobctl queue kill`: asks the Queue API to kill jobs and reports each one's outcome
//! (`killed`, `already finished (STATUS)`, `not found`). Explicit ids need no
//! confirmation; a kill by filter names a component or configuration (or says
//! `--all-components`), checks every job the search returns against the filter itself,
//! and without `--yes` lists what it would kill with the command that kills exactly those.

use std::io::Write;

use anyhow::Result;

use crate::cli::queue::{QueueKillArgs, QueueStatusArg};
use crate::context::Context;
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::kill::{KillFilter, kill_all, matching};
use crate::render::sanitize;

pub async fn run(ctx: &Context, args: QueueKillArgs) -> Result<()> {
    let named = !args.component.is_empty() || !args.config.is_empty();
    let by_filter = !args.status.is_empty() || named || args.all_components;
    if args.ids.is_empty() && !by_filter {
        return Err(UsageError(
            "name the jobs to kill: ids, or a filter (--component, --config, --status) with --yes"
                .into(),
        )
        .into());
    }
    if by_filter && !named && !args.all_components {
        return Err(UsageError(
            "a kill by --status alone would hit every component's jobs: name a --component or \
             a --config, or pass --all-components to mean it"
                .into(),
        )
        .into());
    }
    let (_, queue) = ctx.queue_client().await?;
    let ids = match by_filter {
        false => args.ids.clone(),
        true => {
            let (matched, dropped) = matching(&queue, &kill_filter(&args), &ctx.cancel).await?;
            if dropped > 0 {
                ctx.out.note(&format!(
                    "left out {dropped} job{} the search returned that do{} not match the filter",
                    plural(dropped),
                    if dropped == 1 { "es" } else { "" }
                ));
            }
            if matched.is_empty() {
                ctx.out.note("no jobs match: nothing to kill");
                return Ok(());
            }
            if !args.yes {
                ctx.out.note(&format!(
                    "would kill {} job{} (--yes kills what matches when it runs):",
                    matched.len(),
                    plural(matched.len())
                ));
                for (_, label) in &matched {
                    ctx.out.note(&format!("  {label}"));
                }
                let ids: Vec<u64> = matched.iter().map(|(id, _)| *id).collect();
                ctx.out.note(&format!(
                    "to kill exactly these: {}",
                    kill_command(ctx, &ids)
                ));
                return Err(Reported(Exit::Usage).into());
            }
            matched.into_iter().map(|(id, _)| id).collect()
        }
    };
    let outcomes = kill_all(&queue, &ids).await;
    let mut w = ctx.out.stdout();
    let mut code = None;
    for (id, outcome) in ids.iter().zip(outcomes) {
        let text = match outcome {
            Ok(text) => text,
            Err(e) if e.is_not_found() => {
                code.get_or_insert(Exit::NotFound);
                "not found".to_owned()
            }
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                code.get_or_insert(code_for(&e.into()));
                "failed".to_owned()
            }
        };
        writeln!(w, "{id}\t{text}")?;
    }
    w.flush()?;
    match code {
        Some(code) => Err(Reported(code).into()),
        None => Ok(()),
    }
}

/// The filter of a kill by filter: `--status` (by default the jobs not started or running),
/// `--component`, `--config`.
fn kill_filter(args: &QueueKillArgs) -> KillFilter {
    let statuses = match args.status.is_empty() {
        true => vec![
            QueueStatusArg::Created,
            QueueStatusArg::Waiting,
            QueueStatusArg::Processing,
        ],
        false => args.status.clone(),
    };
    KillFilter {
        statuses: statuses.iter().map(|s| s.as_str().to_owned()).collect(),
        components: args.component.clone(),
        configs: args.config.clone(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The command line that kills exactly `ids` with this run's connection: its stack,
/// profile, config file and token file as given (never a token), the environment as is.
fn kill_command(ctx: &Context, ids: &[u64]) -> String {
    let mut words: Vec<String> = vec!["jobctl".into()];
    words.extend(ctx.connection_words());
    words.extend(["queue".into(), "kill".into()]);
    words.extend(ids.iter().map(u64::to_string));
    sanitize(&shell_words::join(&words)).into_owned()
}
