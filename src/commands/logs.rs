//! `jobctl logs`: find the named jobs (either kind, as `show` does), plan which runs'
//! events make up their log (a flow's tasks through its run tree), print it oldest first
//! as text, JSON lines, a JSON array or through `--jq`, and with `--follow` keep printing
//! until the jobs end, exiting as `watch` does.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use regex_bites::Regex;

use crate::cancel::Cut;
use crate::cli::KindChoice;
use crate::cli::logs::{EventTypeChoice, LogsArgs, LogsFormat, Timestamps};
use crate::client::QueueClient;
use crate::context::Context;
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::follow::floored;
use crate::jq::Jq;
use crate::logs::{self, Filter, LogRuns, Pace, Reader, Seen, Sink, Source, kind_name, plan};
use crate::lookup::{self, Fetch};
use crate::model::{AnyJob, EventType, RawEvent, Verdict, json_compact};
use crate::output::DataWriter;
use crate::render::log::{LogStyle, TimeShown, log_line};
use crate::render::{JsonArray, sanitize};

/// Why an empty log may be empty, said whenever one is.
const EMPTY_HINT: &str = "a token that is not an admin token sees only the events it created \
     itself, unless it was created with canReadAllProjectEvents";

pub async fn run(ctx: &Context, args: LogsArgs) -> Result<()> {
    // Bad expressions and dates cost no request. The jq program runs here, once per
    // event, not on a thread of its own compiled again for each run as `ctx.jq` arranges
    // (a log has thousands of events: that cost 8.7 s for the demo's 12,003); a program
    // that never ends is still ended by the forced stop 2 s after a signal.
    let jq = match args.jq.as_deref() {
        Some(expr) => Some(Jq::compile(expr)?.for_terminal(ctx.out.stdout_tty)),
        None => None,
    };
    let filter = filter(ctx, &args)?;
    let forced = args.kind.map(KindChoice::kind);
    let kinds = lookup::kinds(&args.ids, forced)?;
    let (storage, queue_host) = ctx.storage_client()?;
    if ctx.demo_url.is_none() {
        lookup::check_stacks(&args.ids, storage.base(), queue_host.as_deref())?;
    }
    let discover = ctx.discover_queue(&storage, queue_host);
    let find = lookup::find(&storage, discover, &args.ids, &kinds, Fetch::Details);
    let (found, queue) = stoppable(ctx, find).await?;
    let (jobs, failure) = super::found_jobs(&ctx.out, found);
    if jobs.is_empty() {
        return Err(failure.unwrap_or(Reported(Exit::NotFound)).into());
    }
    let plan = stoppable(ctx, plan(ctx, &storage, queue.as_ref(), &jobs, args.failed)).await??;
    let reader = Reader {
        storage: storage.clone(),
        q: args.query.clone(),
    };
    let mut sink = LogSink::new(ctx, &args, jq, &filter, plan.several());
    let result = match args.follow {
        false => {
            let mut seen = Seen::off();
            let read = reader.history(&plan.sources, &filter, args.tail, &mut sink, &mut seen);
            let read = stoppable(ctx, read).await??;
            sink.end()?;
            let runs = plan.sources.len();
            say_if_empty(ctx, &plan.ids, runs, &filter, read.fetched, sink.count);
            Ok(())
        }
        true => follow(ctx, &args, reader, queue, plan, &filter, &mut sink).await,
    };
    match (result, failure) {
        (Ok(()), Some(failure)) => Err(failure.into()),
        (Err(e), Some(failure)) if code_for(&e) == Exit::JobFailed => Err(failure.into()),
        (result, _) => result,
    }
}

/// The filters applied here, checked before any request.
fn filter(ctx: &Context, args: &LogsArgs) -> Result<Filter> {
    let grep = match &args.grep {
        Some(re) => Some(
            Regex::new(re)
                .map_err(|e| UsageError(format!("--grep: not a regular expression: {e}")))?,
        ),
        None => None,
    };
    // list's --since, read the same way (an age, a date, a date-time in the display zone).
    let (since, _) = crate::listing::when::time_bounds(
        args.since.as_deref(),
        None,
        jiff::Timestamp::now(),
        &ctx.out.zone,
    )?;
    let mut types: Vec<EventType> = args
        .types
        .iter()
        .map(|t| match t {
            EventTypeChoice::Info => EventType::Info,
            EventTypeChoice::Success => EventType::Success,
            EventTypeChoice::Warn => EventType::Warn,
            EventTypeChoice::Error => EventType::Error,
        })
        .collect();
    types.dedup();
    Ok(Filter { types, grep, since })
}

/// Runs `work` unless a signal comes first (then 130 or 143).
async fn stoppable<T>(ctx: &Context, work: impl Future<Output = T>) -> Result<T> {
    ctx.cancel
        .unless_stopped(None, work)
        .await
        .map_err(|cut| Reported(cut.exit()).into())
}

/// `--follow`: the log so far, then what comes until the jobs end; exits as `watch` does.
async fn follow(
    ctx: &Context,
    args: &LogsArgs,
    reader: Reader,
    queue: Option<QueueClient>,
    plan: LogRuns,
    filter: &Filter,
    sink: &mut LogSink,
) -> Result<()> {
    let started = Instant::now();
    let (interval, note) = floored(args.interval);
    if let Some(note) = note {
        ctx.out.note(&note);
    }
    let pace = Pace {
        tail: args.tail,
        interval,
        deadline: args.timeout.map(|t| started + t),
    };
    let ids = plan.ids.clone();
    let ended = logs::follow(reader, queue, plan, filter, &pace, &ctx.cancel, sink).await?;
    say_if_empty(ctx, &ids, ended.runs, filter, ended.fetched, sink.count);
    match ended.stop {
        Some(cut) => Err(stopped(ctx, &cut, &ended.jobs, started.elapsed())),
        None => finished(ctx, &ended.jobs),
    }
}

/// A follow cut short by a signal or `--timeout`: which jobs still run (they keep running
/// on the server), and the exit code.
fn stopped(ctx: &Context, cut: &Cut, jobs: &[AnyJob], after: Duration) -> anyhow::Error {
    let still = jobs
        .iter()
        .filter(|j| !j.is_finished())
        .map(|j| format!("{} ({})", j.id(), sanitize(j.status())))
        .collect::<Vec<_>>()
        .join(", ");
    let note = match cut {
        Cut::Signal(Exit::Terminated) => {
            format!("terminated after {}; still running: {still}", short(after))
        }
        Cut::Signal(_) => format!("interrupted after {}; still running: {still}", short(after)),
        Cut::Deadline => format!(
            "timed out after {}; still running: {still} (the jobs keep running)",
            short(after)
        ),
    };
    ctx.out.note(&note);
    Reported(cut.exit()).into()
}

/// The jobs ended: how each did; exit 1 when one failed.
fn finished(ctx: &Context, jobs: &[AnyJob]) -> Result<()> {
    let mut failed = false;
    for job in jobs {
        failed |= job.verdict() == Some(Verdict::Failed);
        ctx.out.note(&format!(
            "{} {} finished: {}",
            kind_name(job),
            job.id(),
            sanitize(job.status())
        ));
    }
    match failed {
        true => Err(Reported(Exit::JobFailed).into()),
        false => Ok(()),
    }
}

/// `1m05s`, `12s`: how long a follow ran, in a note.
fn short(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s >= 60 => format!("{}m{:02}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}

/// An empty log (of jobs `ids`, `runs` runs) says why it may be empty; a log the filters
/// emptied says so.
fn say_if_empty(
    ctx: &Context,
    ids: &[u64],
    runs: usize,
    filter: &Filter,
    fetched: u64,
    printed: u64,
) {
    if printed > 0 || runs == 0 {
        return;
    }
    let ids = ids
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if fetched == 0 {
        ctx.out
            .note(&format!("no events for job {ids}; possibly: {EMPTY_HINT}"));
    } else if filter.is_active() {
        ctx.out.note(&format!(
            "no event of job {ids} matched the filters ({fetched} in its log)"
        ));
    }
}

/// Where the events go: text lines, JSON lines, a JSON array, or a jq program; counts
/// what it printed.
struct LogSink {
    w: DataWriter,
    kind: SinkKind,
    count: u64,
    buf: String,
}

enum SinkKind {
    Text {
        style: LogStyle,
        grep: Option<Regex>,
        prefixes: bool,
    },
    Jsonl,
    Json(JsonArray),
    Jq(Jq),
}

impl LogSink {
    fn new(
        ctx: &Context,
        args: &LogsArgs,
        jq: Option<Jq>,
        filter: &Filter,
        several: bool,
    ) -> LogSink {
        let kind = match (jq, args.output) {
            (Some(jq), _) => SinkKind::Jq(jq),
            (None, LogsFormat::Jsonl) => SinkKind::Jsonl,
            (None, LogsFormat::Json) => SinkKind::Json(JsonArray::new(ctx.out.stdout_tty)),
            (None, LogsFormat::Text) => {
                let tty = ctx.out.stdout_tty;
                let time = match (args.timestamps, tty) {
                    (Some(Timestamps::None), _) => TimeShown::None,
                    (Some(Timestamps::Short), _) | (None, true) => TimeShown::Short,
                    (Some(Timestamps::Full), true) => TimeShown::Zoned,
                    (Some(Timestamps::Full), false) | (None, false) => TimeShown::Server,
                };
                SinkKind::Text {
                    style: LogStyle {
                        color: ctx.out.color,
                        time,
                        zone: ctx.out.zone.clone(),
                    },
                    grep: filter.grep.clone(),
                    prefixes: several,
                }
            }
        };
        LogSink {
            w: ctx.out.stdout(),
            kind,
            count: 0,
            buf: String::new(),
        }
    }

    /// `{"job":ID,"event":<the server's event, compact>}`.
    fn object(&mut self, source: &Source, event: &RawEvent) {
        self.buf.clear();
        self.buf.push_str("{\"job\":");
        self.buf.push_str(&source.job.to_string());
        self.buf.push_str(",\"event\":");
        json_compact(event.raw(), &mut self.buf);
        self.buf.push('}');
    }
}

impl Sink for LogSink {
    fn event(&mut self, source: &Source, event: &RawEvent) -> Result<()> {
        self.count += 1;
        match &self.kind {
            SinkKind::Text {
                style,
                grep,
                prefixes,
            } => {
                let prefix = source.prefix.as_ref().filter(|_| *prefixes);
                let line = log_line(&event.job, prefix, style, grep.as_ref());
                self.w.write_all(line.as_bytes())?;
            }
            SinkKind::Jsonl => {
                self.object(source, event);
                self.buf.push('\n');
                self.w.write_all(self.buf.as_bytes())?;
            }
            SinkKind::Json(_) => {
                self.object(source, event);
                if let SinkKind::Json(array) = &mut self.kind {
                    array.item(&self.buf, &mut self.w)?;
                }
            }
            SinkKind::Jq(_) => {
                self.object(source, event);
                if let SinkKind::Jq(jq) = &self.kind {
                    jq.run(&self.buf, &mut self.w)?;
                }
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }

    /// Closes a JSON array.
    fn end(&mut self) -> Result<()> {
        if let SinkKind::Json(array) = &mut self.kind {
            array.end(&mut self.w)?;
        }
        self.w.flush()?;
        Ok(())
    }
}
