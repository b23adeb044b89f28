//! `jobctl watch`: poll jobs until each is terminal, with one list request a tick for
//! however many are running, progress on stderr, the final state on stdout, and an exit
//! code that tells success, failure, timeout and interruption apart.

mod schedule;

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Utc;

use super::Context;
use crate::cli::{WatchArgs, WatchFormat};
use crate::client::{ApiError, Client, ListQuery};
use crate::commands::show::json_text;
use crate::exit::{Exit, Reported};
use crate::jq::Jq;
use crate::model::{Job, RawJob, Status};
use crate::output::progress::Progress;
use crate::render::table::{SUMMARY_COLUMNS, table};
use crate::render::{Style, detail, github_error, jsonl_event};

pub use schedule::Schedule;

/// Failed polls in a row (each after the client's own retries) before giving up.
const MAX_FAILED_POLLS: u32 = 3;
/// How often running spinners refresh their elapsed time.
const SPINNER_REFRESH: Duration = Duration::from_millis(500);

enum Outcome {
    Finished,
    FailFast,
    TimedOut,
    Interrupted,
    Terminated,
}

pub async fn run(ctx: &Context, mut args: WatchArgs) -> Result<()> {
    // A bad expression must cost no request; --jq implies the final JSON.
    let jq = ctx.jq(args.jq.as_deref())?;
    if jq.is_some() {
        args.output = WatchFormat::Json;
    }
    let mut ids = args.ids.clone();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));

    let mut progress = Progress::new(ctx.out.progress_kind(args.progress), ctx.out.err_color);
    let client = ctx.client_observed(Some(progress.multi()))?;
    let schedule = match args.interval {
        Some(d) => Schedule::Fixed(d),
        None => Schedule::Adaptive {
            max: args.max_interval,
        },
    };
    let started = Instant::now();
    let deadline = args.timeout.map(|t| started + t);
    let mut w = ctx.out.stdout();
    let jsonl = args.output == WatchFormat::Jsonl;

    let mut jobs = match guarded(deadline, fetch_all(&client, &ids)).await {
        Guarded::Done(jobs) => jobs?,
        Guarded::Stopped(outcome) => {
            progress.finish();
            return stop_early(ctx, outcome, &[], started);
        }
    };
    for job in &jobs {
        progress.changed(&job.job, None, started.elapsed());
        if jsonl {
            writeln!(w, "{}", jsonl_event("change", job, None, Utc::now()))?;
        }
        annotate(ctx, job);
    }
    w.flush()?;

    let mut failed_polls = 0;
    let mut last_heard = Instant::now();
    let outcome = loop {
        if jobs.iter().all(|j| j.job.is_finished()) {
            break Outcome::Finished;
        }
        if args.fail_fast && jobs.iter().any(|j| j.job.status == Status::Error) {
            break Outcome::FailFast;
        }
        let wait = schedule.next(started.elapsed(), fastrand::f64());
        if let Some(outcome) = pause(wait, deadline, &mut progress, &jobs, started).await {
            break outcome;
        }
        let polled = match guarded(deadline, poll(&client, &jobs)).await {
            Guarded::Done(polled) => polled,
            Guarded::Stopped(outcome) => break outcome,
        };
        let updates = match polled {
            Ok(updates) => {
                failed_polls = 0;
                updates
            }
            Err(e) if e.is_permanent() => {
                progress.finish();
                return Err(e.into());
            }
            Err(e) => {
                failed_polls += 1;
                if failed_polls >= MAX_FAILED_POLLS {
                    progress.finish();
                    return Err(e.into());
                }
                progress.note(&format!(
                    "polling failed ({}); trying again",
                    crate::render::sanitize(&e.to_string())
                ));
                continue;
            }
        };
        for (index, fresh) in updates {
            let from = jobs[index].job.status.clone();
            let changed = fresh.job.status != from;
            jobs[index] = fresh;
            if changed {
                last_heard = Instant::now();
                progress.changed(&jobs[index].job, Some(&from), started.elapsed());
                if jsonl {
                    writeln!(
                        w,
                        "{}",
                        jsonl_event("change", &jobs[index], Some(&from), Utc::now())
                    )?;
                    w.flush()?;
                }
                annotate(ctx, &jobs[index]);
            }
        }
        if last_heard.elapsed() >= args.heartbeat {
            last_heard = Instant::now();
            progress.heartbeat(&running(&jobs), started.elapsed());
        }
    };

    match outcome {
        Outcome::Interrupted => progress.interrupted(),
        _ => progress.finish(),
    }
    if matches!(outcome, Outcome::Interrupted | Outcome::Terminated) {
        return stop_early(ctx, outcome, &jobs, started);
    }
    print_final(ctx, &args, jq.as_ref(), &jobs, &mut w)?;
    w.flush()?;
    if matches!(outcome, Outcome::TimedOut) {
        return stop_early(ctx, outcome, &jobs, started);
    }
    let failed = jobs
        .iter()
        .filter(|j| j.job.status == Status::Error)
        .count();
    if args.notify {
        ctx.out.notify(&format!(
            "jobctl: {} job{} finished, {failed} failed",
            jobs.len(),
            if jobs.len() == 1 { "" } else { "s" }
        ));
    }
    if failed > 0 {
        Err(Reported(Exit::JobFailed).into())
    } else {
        Ok(())
    }
}

/// Ends a watch that did not see every job finish: says why and which jobs are still
/// running (they keep running on the server), and picks the exit code.
fn stop_early(ctx: &Context, outcome: Outcome, jobs: &[RawJob], started: Instant) -> Result<()> {
    let still: Vec<String> = running(jobs)
        .iter()
        .map(|j| format!("{} ({})", j.id, crate::render::sanitize(j.status.as_str())))
        .collect();
    let still = if still.is_empty() {
        String::new()
    } else {
        format!("; still running: {}", still.join(", "))
    };
    let (what, code) = match outcome {
        Outcome::TimedOut => ("timed out", Exit::Timeout),
        Outcome::Terminated => ("terminated", Exit::Terminated),
        _ => ("interrupted", Exit::Interrupted),
    };
    ctx.out.note(&format!(
        "{what} after {}{still}; the jobs keep running on the server",
        crate::render::human_duration(
            chrono::Duration::from_std(started.elapsed()).unwrap_or_default()
        )
    ));
    Err(Reported(code).into())
}

fn print_final(
    ctx: &Context,
    args: &WatchArgs,
    jq: Option<&Jq>,
    jobs: &[RawJob],
    w: &mut impl Write,
) -> Result<()> {
    if let Some(jq) = jq {
        let raw: Vec<&str> = jobs.iter().map(RawJob::raw).collect();
        return jq.run(&json_text(&raw, jobs.len() == 1, false), w);
    }
    match args.output {
        WatchFormat::Table => {
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now: Utc::now(),
            };
            // One job gets the full detail view, several a row each in list's table.
            let text = match jobs {
                [one] => detail(&one.job, &style),
                _ => table(
                    &jobs.iter().map(|j| &j.job).collect::<Vec<_>>(),
                    &SUMMARY_COLUMNS,
                    &style,
                    ctx.out.width,
                ),
            };
            w.write_all(text.as_bytes())?;
        }
        WatchFormat::Json => {
            let raw: Vec<&str> = jobs.iter().map(RawJob::raw).collect();
            w.write_all(json_text(&raw, jobs.len() == 1, ctx.out.stdout_tty).as_bytes())?;
        }
        WatchFormat::Jsonl => {
            for job in jobs {
                writeln!(w, "{}", jsonl_event("final", job, None, Utc::now()))?;
            }
        }
    }
    Ok(())
}

/// A GitHub Actions error annotation for a failed job, so it shows in the run summary.
fn annotate(ctx: &Context, job: &RawJob) {
    if ctx.out.github_actions && job.job.status == Status::Error {
        ctx.out.raw_stderr(&github_error(&job.job));
    }
}

enum Guarded<T> {
    Done(T),
    Stopped(Outcome),
}

/// Runs `work` unless Ctrl-C or the deadline comes first.
async fn guarded<T>(deadline: Option<Instant>, work: impl Future<Output = T>) -> Guarded<T> {
    let timeout = async {
        match deadline {
            Some(d) => tokio::time::sleep_until(d.into()).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        value = work => Guarded::Done(value),
        exit = super::stop_signal() => Guarded::Stopped(match exit {
            Exit::Terminated => Outcome::Terminated,
            _ => Outcome::Interrupted,
        }),
        _ = timeout => Guarded::Stopped(Outcome::TimedOut),
    }
}

/// Waits `wait` (refreshing spinners) unless Ctrl-C or the deadline comes first.
async fn pause(
    wait: Duration,
    deadline: Option<Instant>,
    progress: &mut Progress,
    jobs: &[RawJob],
    started: Instant,
) -> Option<Outcome> {
    let until = Instant::now() + wait;
    loop {
        let now = Instant::now();
        if now >= until {
            return None;
        }
        let slice = (until - now).min(SPINNER_REFRESH);
        if let Guarded::Stopped(outcome) = guarded(deadline, tokio::time::sleep(slice)).await {
            return Some(outcome);
        }
        progress.tick(&running(jobs), started.elapsed());
    }
}

/// The jobs still waiting or processing.
fn running(jobs: &[RawJob]) -> Vec<&Job> {
    jobs.iter()
        .map(|j| &j.job)
        .filter(|j| !j.is_finished())
        .collect()
}

/// Fetches every job once, in order: one job singly, several as one tick of [`fetch`]
/// would, so that first sight of 100 jobs costs a list request or two, not 100 requests.
/// Any failure ends the watch.
async fn fetch_all(client: &Client, ids: &[u64]) -> Result<Vec<RawJob>> {
    let wanted: Vec<(usize, u64)> = ids.iter().copied().enumerate().collect();
    let mut got = fetch(client, &wanted).await?;
    got.sort_by_key(|(i, _)| *i);
    Ok(got.into_iter().map(|(_, job)| job).collect())
}

/// One tick: the fresh state of every running job, as (index, job) pairs.
async fn poll(client: &Client, jobs: &[RawJob]) -> Result<Vec<(usize, RawJob)>, ApiError> {
    let running: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| !j.job.is_finished())
        .map(|(i, j)| (i, j.job.id))
        .collect();
    fetch(client, &running).await
}

/// Lists the project's jobs with `statuses` (a page large enough for `wanted`), moves the
/// wanted jobs it holds into `found`, and returns the others and whether the list was
/// complete (shorter than the page, so a job missing from it does not have those statuses).
async fn list_and_pick(
    client: &Client,
    statuses: [Status; 2],
    wanted: &[(usize, u64)],
    found: &mut Vec<(usize, RawJob)>,
) -> Result<(Vec<(usize, u64)>, bool), ApiError> {
    let limit = (wanted.len() * 2).clamp(100, 1000);
    let query = ListQuery {
        statuses: statuses.to_vec(),
        limit: Some(limit as u64),
        ..ListQuery::default()
    };
    let listed = client.list(&query).await?;
    let complete = listed.len() < limit;
    let mut by_id: HashMap<u64, RawJob> = listed.into_iter().map(|j| (j.job.id, j)).collect();
    let mut missing = Vec::new();
    for &(i, id) in wanted {
        match by_id.remove(&id) {
            Some(job) => found.push((i, job)),
            None => missing.push((i, id)),
        }
    }
    Ok((missing, complete))
}

/// The fresh state of the `(index, id)` jobs. One job costs one request; several cost one
/// list request of the project's unfinished jobs, plus one list of recently finished jobs
/// when some are not in it, plus single fetches only for jobs neither list covered.
async fn fetch(client: &Client, wanted: &[(usize, u64)]) -> Result<Vec<(usize, RawJob)>, ApiError> {
    if let [(only, id)] = wanted[..] {
        return Ok(vec![(only, client.job(id).await?)]);
    }
    let mut updates = Vec::with_capacity(wanted.len());
    let (mut missing, complete) = list_and_pick(
        client,
        [Status::Waiting, Status::Processing],
        wanted,
        &mut updates,
    )
    .await?;
    if complete && missing.len() > 1 {
        // They are no longer waiting or processing: most likely among the newest finished.
        (missing, _) = list_and_pick(
            client,
            [Status::Success, Status::Error],
            &missing,
            &mut updates,
        )
        .await?;
    }
    let ids: Vec<u64> = missing.iter().map(|&(_, id)| id).collect();
    for (&(i, _), job) in missing.iter().zip(client.jobs(&ids).await) {
        updates.push((i, job?));
    }
    Ok(updates)
}
