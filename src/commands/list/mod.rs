//! `jobctl list`: pages through the job list (or reads a saved one), keeps the jobs the
//! filters want up to the limit, and prints them as each page arrives; `--watch` then
//! follows new jobs and status changes until Ctrl-C.

mod filter;
mod paging;
mod printer;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::Utc;

use super::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::client::Client;
use crate::exit::{Exit, Reported, UsageError};
use crate::model::{Job, RawJob, Status, split_array};
use crate::render::sanitize;
use crate::render::table::{DEFAULT_COLUMNS, WIDE_COLUMNS, parse_columns};

use filter::Filter;
use paging::{Pages, in_flight, request_size};
use printer::{Mode, Printer};

pub async fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let filter = Filter::from_args(&args, Utc::now())?;
    let columns = if !args.columns.is_empty() {
        parse_columns(&args.columns).map_err(UsageError)?
    } else if args.output == ListFormat::Wide {
        WIDE_COLUMNS.to_vec()
    } else {
        DEFAULT_COLUMNS.to_vec()
    };
    let mode = match args.output {
        ListFormat::Json => Mode::Json {
            pretty: ctx.out.stdout_tty,
        },
        ListFormat::Jsonl => Mode::Jsonl,
        ListFormat::Table | ListFormat::Wide if ctx.out.stdout_tty => Mode::Table,
        ListFormat::Table | ListFormat::Wide => Mode::Tsv,
    };
    let limit = (!args.all).then_some(args.limit);
    let mut printer = Printer::new(ctx.out.stdout(), mode, columns, &ctx.out);
    match &args.file {
        Some(path) => {
            let text = read_file(path)?;
            from_saved(&text, path, &filter, limit, &mut printer)?;
            printer.finish()?;
            if printer.count() == 0 && printer.is_table() {
                ctx.out.note("no jobs match");
            }
            Ok(())
        }
        None => {
            let client = ctx.client()?;
            let size = request_size(args.page_size, limit, filter.has_client_side());
            let known = from_api(&client, &filter, limit, size, &mut printer).await?;
            printer.finish()?;
            if printer.count() == 0 && printer.is_table() {
                ctx.out.note("no jobs match");
            }
            if args.watch {
                follow(
                    ctx,
                    &client,
                    &filter,
                    size,
                    args.interval,
                    known,
                    &mut printer,
                )
                .await
            } else {
                Ok(())
            }
        }
    }
}

/// Pages until `limit` matches were printed (or the end); returns the status of every
/// matching job seen, for follow mode.
async fn from_api(
    client: &Client,
    filter: &Filter,
    limit: Option<u64>,
    size: u64,
    printer: &mut Printer,
) -> Result<HashMap<u64, Status>> {
    let client_side = filter.has_client_side();
    let mut pages = Pages::new(client.clone(), filter.server_query(), size);
    // JSON output copies the server's bytes, and without a client-side filter nothing
    // else of a job is read: decoding whole jobs was most of the time of `list --all`.
    if !client_side && !printer.is_table() {
        pages = pages.heads_only();
    }
    let mut known = HashMap::new();
    loop {
        let remaining = limit.map(|l| l.saturating_sub(printer.count()));
        let Some(page) = pages.next(in_flight(remaining, size, client_side)).await? else {
            break;
        };
        for raw in page.iter().filter(|r| filter.matches(&r.job)) {
            known.insert(raw.job.id, raw.job.status.clone());
            if limit.is_none_or(|l| printer.count() < l) {
                printer.emit(raw.raw(), Some(&raw.job))?;
            }
        }
        // Each page reaches the reader as soon as it is printed (jsonl, TSV).
        printer.flush()?;
        if limit.is_some_and(|l| printer.count() >= l) {
            pages.finish();
            break;
        }
    }
    Ok(known)
}

/// Applies the filters and the limit to a saved list response: a JSON array or JSON lines.
/// With no filter and JSON output the jobs' bytes pass through without being decoded.
fn from_saved(
    text: &str,
    path: &Path,
    filter: &Filter,
    limit: Option<u64>,
    printer: &mut Printer,
) -> Result<()> {
    let name = path.display();
    let decode = *filter != Filter::default() || printer.is_table();
    let mut take = |raw: &str, at: &dyn Fn() -> String| -> Result<bool> {
        if limit.is_some_and(|l| printer.count() >= l) {
            return Ok(false);
        }
        if decode {
            let job: Job = serde_json::from_str(raw)
                .map_err(|e| UsageError(format!("{name}: {} is not a job: {e}", at())))?;
            if filter.matches(&job) {
                printer.emit(raw, Some(&job))?;
            }
        } else {
            printer.emit(raw, None)?;
        }
        Ok(true)
    };
    if text.trim_start().starts_with('[') {
        let items = split_array(text)
            .map_err(|e| UsageError(format!("{name} is not a list of jobs: {e}")))?;
        for (i, raw) in items.iter().enumerate() {
            if !take(raw.get(), &|| format!("item {}", i + 1))? {
                break;
            }
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if !take(line, &|| format!("line {}", i + 1))? {
                break;
            }
        }
    }
    Ok(())
}

fn read_file(path: &Path) -> Result<String> {
    let mut text = String::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(text)
}

/// Polls the first page every `interval` and prints jobs not seen before and jobs whose
/// status changed, oldest first, until Ctrl-C (exit 130). A failed poll is reported and
/// retried at the next tick, except a token problem, which ends the watch.
async fn follow(
    ctx: &Context,
    client: &Client,
    filter: &Filter,
    size: u64,
    interval: std::time::Duration,
    mut known: HashMap<u64, Status>,
    printer: &mut Printer,
) -> Result<()> {
    let mut query = filter.server_query();
    query.push(("limit", size.to_string()));
    query.push(("offset", "0".to_owned()));
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        tokio::select! {
            _ = &mut ctrl_c => break,
            _ = tokio::time::sleep(interval) => {}
        }
        let page = tokio::select! {
            _ = &mut ctrl_c => break,
            page = client.list(&query) => page,
        };
        let page: Vec<RawJob> = match page {
            Ok(page) => page,
            Err(e) if e.is_auth() => return Err(e.into()),
            Err(e) => {
                ctx.out
                    .note(&format!("error: {}", sanitize(&e.to_string())));
                continue;
            }
        };
        printer.set_now(Utc::now());
        for raw in page.iter().rev().filter(|r| filter.matches(&r.job)) {
            let changed =
                known.insert(raw.job.id, raw.job.status.clone()) != Some(raw.job.status.clone());
            if changed {
                printer.update(raw.raw(), &raw.job)?;
            }
        }
        printer.flush()?;
    }
    printer.flush()?;
    Err(Reported(Exit::Interrupted).into())
}
