//! `jobctl top`: the live dashboard. This module owns the loop and every task around it:
//! an input thread (keys, resizes), one fetch task per kind (one list request a refresh,
//! adaptive, with backoff on errors), the detail, tree, log and kill requests the keys ask
//! for, and a one-second clock tick. The input path only changes the state and redraws: it never
//! waits on the network.

mod browser;
mod terminal;

use std::ops::ControlFlow;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Result;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use tokio::sync::{mpsc, watch};
use tokio::task::AbortHandle;

use crate::cli::{TopArgs, TopKind};
use crate::client::{
    ApiError, EventQuery, ListQuery, QueueClient, QueueQuery, SortOrder, StorageClient,
};
use crate::context::Context;
use crate::dashboard::state::{Effect, KeyPress, LogRequest, PaneMode, State, View};
use crate::exit::{LocalError, Reported, UsageError};
use crate::kill::kill_one;
use crate::model::TokenInfo;
use crate::model::{AnyJob, JobKind};
use crate::output::Output;
use crate::render::top::{draw, fit};
use crate::run_tree as tree;

/// Jobs a list request asks for, per kind: the newest 500 (the Queue API's largest page).
const LIST_SIZE: u64 = 500;
/// No refresh more often than this.
const MIN_INTERVAL: Duration = Duration::from_millis(200);
/// The longest wait after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// `top` draws a full screen: stdout must be a terminal.
pub fn check_terminal(out: &Output) -> Result<()> {
    match out.stdout_tty {
        true => Ok(()),
        false => Err(UsageError(
            "top needs a terminal, and stdout is not one; to follow jobs in a pipe or a log, \
             use `jobctl list --watch` (or `jobctl queue list --watch`)"
                .into(),
        )
        .into()),
    }
}

/// The wait before the next list request of a kind: the interval; doubled for each refresh
/// in a row that found nothing running, up to 4 times; after `failures` failed refreshes in
/// a row, the interval doubled for each, up to a minute.
pub fn next_wait(interval: Duration, idle_rounds: u32, failures: u32) -> Duration {
    if failures > 0 {
        let backoff = interval.saturating_mul(1 << failures.min(8));
        return backoff.min(MAX_BACKOFF).max(interval);
    }
    interval.saturating_mul(1 << idle_rounds.min(2))
}

/// What the tasks tell the loop.
enum Msg {
    KeyPress(KeyPress),
    Resize,
    Loaded(JobKind, Result<Vec<AnyJob>, String>, Duration),
    Detail(AnyJob),
    Tree(u64, Result<crate::model::RunNode, String>),
    /// A page of the open log, and the request it answers.
    Log(LogRequest, Result<Vec<crate::model::Event>, String>),
    Killed(String),
    /// The project's name for the header, and its id for the links.
    Project(String, Option<String>),
    /// The input thread could not read the terminal.
    InputFailed(String),
}

/// The Queue API client, once the fetch task found it.
type SharedQueue = Arc<Mutex<Option<QueueClient>>>;

pub async fn run(ctx: &Context, args: TopArgs) -> Result<()> {
    let interval = args.interval.max(MIN_INTERVAL);
    // Retries are not printed (the screen is top's); the error after them goes to the
    // header.
    let (storage, queue_host) =
        ctx.client_reporting(Arc::new(|_: &crate::client::HttpEvent| {}))?;
    let view = match args.kind {
        TopKind::Storage => View::Storage,
        TopKind::Queue => View::Queue,
        TopKind::Both => View::Both,
    };
    let stack = storage.base().origin().ascii_serialization();
    let mut state = State::new(
        &stack,
        view,
        ctx.out.color,
        jiff::Timestamp::now(),
        ctx.out.zone.clone(),
    );
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let (view_tx, view_rx) = watch::channel(view);
    let queue: SharedQueue = Arc::default();

    let mut guard =
        terminal::enter().map_err(|e| LocalError(format!("cannot set up the terminal: {e}")))?;
    spawn_input(tx.clone());
    let tasks = [
        tokio::spawn(feed(
            JobKind::Storage,
            Fetcher::Storage(storage.clone()),
            interval,
            view_rx.clone(),
            tx.clone(),
        )),
        tokio::spawn(feed(
            JobKind::Queue,
            Fetcher::Queue {
                storage: storage.clone(),
                explicit: queue_host,
                insecure_http: ctx.global.connection.http.insecure_http,
                found: queue.clone(),
            },
            interval,
            view_rx,
            tx.clone(),
        )),
        tokio::spawn(project(storage.clone(), tx.clone())),
    ];
    let requests = Requests { storage, queue, tx };
    let outcome = event_loop(ctx, &mut guard, &mut state, &mut rx, &requests, &view_tx).await;
    for task in tasks {
        task.abort();
    }
    drop(guard);
    outcome
}

/// Draws, then waits for the next message, signal or tick, until a quit.
async fn event_loop(
    ctx: &Context,
    guard: &mut terminal::Guard,
    state: &mut State,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    requests: &Requests,
    view_tx: &watch::Sender<View>,
) -> Result<()> {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut in_flight = InFlight::default();
    loop {
        redraw(guard, state)?;
        let msg = tokio::select! {
            biased;
            exit = ctx.cancel.requested() => return Err(Reported(exit).into()),
            msg = rx.recv() => msg,
            _ = tick.tick() => {
                state.now = jiff::Timestamp::now();
                continue;
            }
        };
        let Some(msg) = msg else { return Ok(()) };
        state.now = jiff::Timestamp::now();
        for effect in received(state, msg, requests)? {
            if carry_out(effect, state, requests, view_tx, &mut in_flight).is_break() {
                return Ok(());
            }
        }
        in_flight.drop_unawaited(state);
    }
}

/// A task's message changes the state; returns what the state asks for in turn.
fn received(state: &mut State, msg: Msg, requests: &Requests) -> Result<Vec<Effect>> {
    Ok(match msg {
        Msg::KeyPress(key) => state.key(key),
        // The next draw reads the new size and redraws the whole screen.
        Msg::Resize => Vec::new(),
        Msg::Loaded(kind, result, wait) => {
            let retry_at = state.now + jiff::SignedDuration::try_from(wait).unwrap_or_default();
            let effects = state.loaded(kind, result, retry_at);
            // The open pane of a running job: one detail request a refresh.
            if let Some(pane) = &state.pane
                && pane.mode == PaneMode::Detail
                && pane.key.0 == kind
                && state.row(pane.key).is_some_and(|r| !r.job.is_finished())
            {
                requests.detail(pane.key);
            }
            effects
        }
        Msg::Detail(job) => {
            state.detail_loaded(job);
            Vec::new()
        }
        Msg::Tree(id, tree) => {
            state.tree_loaded(id, tree);
            Vec::new()
        }
        Msg::Log(asked, page) => state.log_loaded(&asked, page),
        Msg::Killed(text) => {
            state.killed(text);
            Vec::new()
        }
        Msg::Project(name, id) => {
            state.project = Some(crate::render::sanitize(&name).into_owned());
            state.project_id = id;
            Vec::new()
        }
        Msg::InputFailed(e) => {
            return Err(LocalError(format!("cannot read the terminal: {e}")).into());
        }
    })
}

/// Does what the state asked for; `Break` to quit.
fn carry_out(
    effect: Effect,
    state: &mut State,
    requests: &Requests,
    view_tx: &watch::Sender<View>,
    in_flight: &mut InFlight,
) -> ControlFlow<()> {
    match effect {
        Effect::Quit => return ControlFlow::Break(()),
        Effect::Copy(text) => terminal::copy(&text),
        Effect::Open(url) => state.flash = Some(browser::open(&url)),
        Effect::Notify(text) => terminal::notify(&text),
        Effect::ViewChanged(view) => {
            let _ = view_tx.send(view);
        }
        Effect::FetchDetail(kind, id) => requests.detail((kind, id)),
        Effect::FetchTree(id) => in_flight.tree(id, requests.tree(id)),
        Effect::CancelTree => in_flight.cancel_tree(),
        Effect::Kill(id) => requests.kill(id),
        Effect::FetchLog(request) => {
            let task = requests.log(request.clone());
            in_flight.log(request, task);
        }
    }
    ControlFlow::Continue(())
}

/// The run tree and the log page being fetched for the pane, to stop when the pane no
/// longer waits for them (a hostile server's endless tree would otherwise go on being
/// fetched).
#[derive(Default)]
struct InFlight {
    tree: Option<(u64, AbortHandle)>,
    /// The open log's next page (waiting for its turn, or in flight).
    log: Option<(LogRequest, AbortHandle)>,
}

impl InFlight {
    fn tree(&mut self, id: u64, task: AbortHandle) {
        if let Some((_, old)) = self.tree.replace((id, task)) {
            old.abort();
        }
    }

    fn cancel_tree(&mut self) {
        if let Some((_, task)) = self.tree.take() {
            task.abort();
        }
    }

    fn log(&mut self, request: LogRequest, task: AbortHandle) {
        if let Some((_, old)) = self.log.replace((request, task)) {
            old.abort();
        }
    }

    /// Whatever closed the pane (a key, a refresh that moved the selection), a log or a
    /// tree it no longer waits for (or no longer follows) is not fetched on.
    fn drop_unawaited(&mut self, state: &State) {
        if let Some((asked, task)) = &self.log
            && state.awaited_log() != Some((asked.session, asked.run_id.as_str()))
        {
            task.abort();
            self.log = None;
        }
        if let Some((id, task)) = &self.tree
            && state.awaited_tree() != Some(*id)
        {
            task.abort();
            self.tree = None;
        }
    }
}

fn redraw(guard: &mut terminal::Guard, state: &mut State) -> Result<()> {
    let size = guard.screen.size()?;
    fit(Rect::new(0, 0, size.width, size.height), state);
    guard.screen.draw(|frame| draw(frame, state))?;
    Ok(())
}

/// Reads keys and resizes on a thread of its own (crossterm's read blocks), so that no
/// key waits for anything else.
fn spawn_input(tx: mpsc::UnboundedSender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match key(k) {
                    Some(key) => Msg::KeyPress(key),
                    None => continue,
                },
                Ok(Event::Resize(..)) => Msg::Resize,
                Ok(_) => continue,
                Err(e) => Msg::InputFailed(e.to_string()),
            };
            let failed = matches!(msg, Msg::InputFailed(_));
            if tx.send(msg).is_err() || failed {
                return;
            }
        }
    });
}

/// The terminal's key event as one of the keys `top` knows.
fn key(k: KeyEvent) -> Option<KeyPress> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char('c') if ctrl => KeyPress::CtrlC,
        KeyCode::Char('d') if ctrl => KeyPress::PageDown,
        KeyCode::Char('u') if ctrl => KeyPress::PageUp,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => KeyPress::Char(c),
        KeyCode::Up => KeyPress::Up,
        KeyCode::Down => KeyPress::Down,
        KeyCode::PageUp => KeyPress::PageUp,
        KeyCode::PageDown => KeyPress::PageDown,
        KeyCode::Home => KeyPress::Home,
        KeyCode::End => KeyPress::End,
        KeyCode::Enter => KeyPress::Enter,
        KeyCode::Esc => KeyPress::Esc,
        KeyCode::Backspace => KeyPress::Backspace,
        KeyCode::Tab => KeyPress::Tab,
        KeyCode::BackTab => KeyPress::BackTab,
        _ => return None,
    })
}

/// How one kind's list is fetched.
enum Fetcher {
    Storage(StorageClient),
    /// The Queue API is found (from the stack's index) on the first refresh that can.
    Queue {
        storage: StorageClient,
        explicit: Option<String>,
        insecure_http: bool,
        found: SharedQueue,
    },
}

impl Fetcher {
    async fn list(&self) -> Result<Vec<AnyJob>, ApiError> {
        match self {
            Fetcher::Storage(client) => {
                let query = ListQuery {
                    limit: Some(LIST_SIZE),
                    ..ListQuery::default()
                };
                let jobs = client.list(&query).await?;
                Ok(jobs.into_iter().map(|j| AnyJob::Storage(j.job)).collect())
            }
            Fetcher::Queue {
                storage,
                explicit,
                insecure_http,
                found,
            } => {
                let known = found.lock().unwrap_or_else(PoisonError::into_inner).clone();
                let queue = match known {
                    Some(q) => q,
                    None => {
                        let q = QueueClient::discover(storage, explicit.as_deref(), *insecure_http)
                            .await?;
                        *found.lock().unwrap_or_else(PoisonError::into_inner) = Some(q.clone());
                        q
                    }
                };
                let query = QueueQuery {
                    limit: Some(LIST_SIZE),
                    ..QueueQuery::default()
                };
                let jobs = queue.search(&query).await?;
                Ok(jobs.into_iter().map(|j| AnyJob::Queue(j.job)).collect())
            }
        }
    }
}

/// One kind's refreshes: a list request, then the wait [`next_wait`] says, for as long as
/// the view shows the kind; a kind that comes into view is fetched at once.
async fn feed(
    kind: JobKind,
    fetcher: Fetcher,
    interval: Duration,
    mut view: watch::Receiver<View>,
    tx: mpsc::UnboundedSender<Msg>,
) {
    let (mut idle, mut failures) = (0u32, 0u32);
    loop {
        if !view.borrow_and_update().shows(kind) {
            if view.changed().await.is_err() {
                return;
            }
            continue;
        }
        let result = fetcher.list().await;
        match &result {
            Ok(jobs) => {
                failures = 0;
                let running = jobs.iter().any(|j| !j.is_finished());
                idle = if running { 0 } else { idle + 1 };
            }
            Err(_) => failures += 1,
        }
        let wait = next_wait(interval, idle.saturating_sub(1), failures);
        let result = result.map_err(|e| e.to_string());
        if tx.send(Msg::Loaded(kind, result, wait)).is_err() {
            return;
        }
        // A view change does not cut the wait short for a kind already shown.
        let sleep = tokio::time::sleep(wait);
        tokio::pin!(sleep);
        let shown = view.borrow().shows(kind);
        loop {
            tokio::select! {
                _ = &mut sleep => break,
                changed = view.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    if !shown && view.borrow().shows(kind) {
                        break;
                    }
                }
            }
        }
    }
}

/// The project's name for the header: one token check at the start.
async fn project(storage: StorageClient, tx: mpsc::UnboundedSender<Msg>) {
    if let Ok(body) = storage.verify_token().await
        && let Ok(info) = TokenInfo::parse(&body)
    {
        let name = match (info.project_name, &info.project_id) {
            (Some(name), Some(id)) => format!("{name} ({id})"),
            (Some(name), None) => name,
            (None, Some(id)) => id.clone(),
            (None, None) => return,
        };
        let _ = tx.send(Msg::Project(name, info.project_id));
    }
}

fn known_queue(queue: &SharedQueue) -> Option<QueueClient> {
    queue.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// What the requests the keys ask for need: the clients (the Queue API's once found) and
/// the way back to the loop. Each request runs on a task of its own and answers by a
/// [`Msg`].
struct Requests {
    storage: StorageClient,
    queue: SharedQueue,
    tx: mpsc::UnboundedSender<Msg>,
}

impl Requests {
    /// Fetches a job's detail (a failure is dropped: the next refresh asks again).
    fn detail(&self, (kind, id): (JobKind, u64)) {
        let (tx, storage, queue) = (self.tx.clone(), self.storage.clone(), self.queue());
        if kind == JobKind::Queue && queue.is_none() {
            return;
        }
        tokio::spawn(async move {
            let job = match (kind, queue) {
                (JobKind::Storage, _) => storage.job(id).await.map(|j| AnyJob::Storage(j.job)),
                (JobKind::Queue, Some(queue)) => queue.job(id).await.map(|j| AnyJob::Queue(j.job)),
                (JobKind::Queue, None) => return,
            };
            if let Ok(job) = job {
                let _ = tx.send(Msg::Detail(job));
            }
        });
    }

    /// Starts fetching the run tree of queue job `id`; returns the handle that stops it.
    fn tree(&self, id: u64) -> AbortHandle {
        let (tx, storage, queue) = (self.tx.clone(), self.storage.clone(), self.queue());
        tokio::spawn(async move {
            let tree = match queue {
                Some(queue) => tree::fetch(&storage, &queue, id, jiff::Timestamp::now())
                    .await
                    .map_err(|e| e.to_string()),
                None => Err("the Queue API is not reachable yet".into()),
            };
            let _ = tx.send(Msg::Tree(id, tree));
        })
        .abort_handle()
    }

    /// Asks for a page of the open log once `request.after` has passed; returns the
    /// handle that stops it (waiting or in flight).
    fn log(&self, request: LogRequest) -> AbortHandle {
        let (tx, storage) = (self.tx.clone(), self.storage.clone());
        tokio::spawn(async move {
            tokio::time::sleep(request.after).await;
            let query = EventQuery {
                since_id: request.since.clone(),
                limit: request.limit(),
                sort: match request.first() {
                    true => SortOrder::Desc,
                    false => SortOrder::Asc,
                },
                ..EventQuery::run(request.run_id.clone())
            };
            let page = storage
                .events(&query)
                .await
                .map(|events| events.into_iter().map(|e| e.job).collect())
                .map_err(|e| e.to_string());
            let _ = tx.send(Msg::Log(request, page));
        })
        .abort_handle()
    }

    fn kill(&self, id: u64) {
        let tx = self.tx.clone();
        let Some(queue) = self.queue() else {
            let _ = tx.send(Msg::Killed("the Queue API is not reachable yet".into()));
            return;
        };
        tokio::spawn(async move {
            let text = match kill_one(&queue, id).await {
                Ok(outcome) => format!("queue job {id}: {outcome}"),
                Err(e) => format!("cannot kill queue job {id}: {e}"),
            };
            let _ = tx.send(Msg::Killed(text));
        });
    }

    fn queue(&self) -> Option<QueueClient> {
        known_queue(&self.queue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refresh_slows_down_while_nothing_runs_and_backs_off_on_errors() {
        let s = Duration::from_secs;
        assert_eq!(next_wait(s(2), 0, 0), s(2));
        assert_eq!(next_wait(s(2), 1, 0), s(4));
        assert_eq!(next_wait(s(2), 2, 0), s(8));
        assert_eq!(next_wait(s(2), 9, 0), s(8));
        assert_eq!(next_wait(s(2), 0, 1), s(4));
        assert_eq!(next_wait(s(2), 0, 3), s(16));
        assert_eq!(next_wait(s(2), 0, 30), s(60));
        // An interval longer than the backoff's cap is kept.
        assert_eq!(next_wait(s(90), 0, 2), s(90));
    }
}
