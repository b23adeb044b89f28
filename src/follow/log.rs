//! The jobs' log while a follow runs (`watch --log`, `run -f`, `rerun -f`): the logs
//! service's follow (its plan of runs, one events request per feed, dedupe by uuid, the
//! tasks of a flow found as they start), driven by the follow's own ticks: the jobs'
//! status the follow already has costs no request here, and the events are asked at most
//! once per [`LOG_EVERY`] (with a fixed `--interval`, at most once per poll). Lines go to stderr through the progress (above the spinners,
//! or among the plain lines), so stdout stays the final state.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::client::{QueueClient, StorageClient};
use crate::context::Context;
use crate::logs::{self, Filter, Reader, Sink, Source};
use crate::model::{AnyJob, AnyRaw, RawEvent};
use crate::output::progress::{Progress, ProgressKind};
use crate::render::log::{LogStyle, TimeShown, log_line};
use crate::render::sanitize;
use crate::run_tree::Listed;

use super::followed::Followed;

/// The shortest time between two looks at the events (what `logs -f` waits, and no
/// more than one request per 2 s per followed job, as the issue asks).
pub const LOG_EVERY: Duration = Duration::from_secs(2);
/// Steps of the drain after the end at most: one more look, and the tasks found late
/// that still wait to be read from their start.
const DRAIN_STEPS: usize = 3;

/// The log of the followed jobs.
pub struct Log {
    follow: logs::Follow,
    filter: Filter,
    style: LogStyle,
    /// A flow's lines name their task.
    prefixes: bool,
    /// The shortest time between two looks.
    every: Duration,
    last: Instant,
    /// The last step failed (said once, until one succeeds).
    failing: bool,
}

impl Log {
    /// Plans the log of `jobs` (a flow's tasks through its run tree), marks where
    /// following starts, then prints what was logged so far. `every`: the shortest time
    /// between two looks at the events.
    pub async fn start(
        ctx: &Context,
        every: Duration,
        storage: &StorageClient,
        queue: Option<&QueueClient>,
        jobs: &[AnyRaw],
        progress: &Progress<Followed>,
    ) -> Result<Log> {
        let plan = logs::plan(ctx, storage, queue, jobs, false).await?;
        let reader = Reader {
            storage: storage.clone(),
            q: None,
        };
        let prefixes = plan.several();
        let mut follow = logs::Follow::new(reader, queue.cloned(), plan, every);
        follow.start().await?;
        let time = match progress.kind() {
            ProgressKind::Spinner => TimeShown::Short,
            // One time form in one stream: the plain status lines' UTC.
            ProgressKind::Plain | ProgressKind::Quiet => TimeShown::Utc,
        };
        let mut log = Log {
            follow,
            filter: Filter::default(),
            style: LogStyle {
                color: ctx.out.err_color,
                time,
                zone: ctx.out.zone.clone(),
            },
            prefixes,
            every,
            last: Instant::now(),
            failing: false,
        };
        let mut printer = Printer::new(progress, &log.style, log.prefixes);
        log.follow.history(&log.filter, None, &mut printer).await?;
        Ok(log)
    }

    /// Whether the next tick should look at the events.
    pub fn due(&self) -> bool {
        self.last.elapsed() >= self.every
    }

    /// One look at the events, `jobs` as the follow last saw them, `flows` its listing of
    /// the running flows this tick (the tasks found there cost no request). A failed request is
    /// said once and asked again at the next step, from where this one got.
    pub async fn step(
        &mut self,
        jobs: &[AnyJob],
        flows: &Listed,
        progress: &Progress<Followed>,
    ) -> Result<()> {
        self.last = Instant::now();
        let mut printer = Printer::new(progress, &self.style, self.prefixes);
        let looked = self.follow.step(jobs, flows, &self.filter, &mut printer);
        let looked = looked.await?;
        match looked {
            Ok(()) => self.failing = false,
            Err(e) if !self.failing => {
                self.failing = true;
                progress.note(&format!(
                    "reading the log failed ({}); trying again",
                    sanitize(&e.to_string())
                ));
            }
            Err(_) => {}
        }
        Ok(())
    }

    /// After the end: what came late, and the tasks still to be read from their start.
    pub async fn drain(&mut self, jobs: &[AnyJob], progress: &Progress<Followed>) -> Result<()> {
        for _ in 0..DRAIN_STEPS {
            self.step(jobs, &Listed::default(), progress).await?;
            if !self.follow.catching_up() && !self.failing {
                break;
            }
        }
        Ok(())
    }
}

/// Log lines rendered into one buffer, printed whole at each flush (one redraw of the
/// spinners per batch, not per line).
struct Printer<'p> {
    progress: &'p Progress<Followed>,
    style: &'p LogStyle,
    prefixes: bool,
    buf: String,
}

impl<'p> Printer<'p> {
    fn new(progress: &'p Progress<Followed>, style: &'p LogStyle, prefixes: bool) -> Printer<'p> {
        Printer {
            progress,
            style,
            prefixes,
            buf: String::new(),
        }
    }
}

impl Sink for Printer<'_> {
    fn event(&mut self, source: &Source, event: &RawEvent) -> Result<()> {
        let prefix = source.prefix.as_ref().filter(|_| self.prefixes);
        self.buf
            .push_str(&log_line(&event.job, prefix, self.style, None));
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.progress.log(&self.buf);
        self.buf.clear();
        Ok(())
    }
}
