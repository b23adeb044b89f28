//! `jobctl top`: the live dashboard. This module owns the loop and every task around it:
//! an input thread (keys, resizes), one fetch task per kind (one list request a refresh,
//! adaptive, with backoff on errors), the detail, tree, log and kill requests the keys ask
//! for, and a one-second clock tick. The input path only changes the state and redraws: it never
//! waits on the network.

mod browser;
mod terminal;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Result;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use tokio::sync::{mpsc, watch};

use crate::cli::{TopArgs, TopKind};
use crate::client::{
    ApiError, EventQuery, ListQuery, QueueClient, QueueQuery, SortOrder, StorageClient,
};
use crate::context::Context;
use crate::dashboard::state::{Effect, KeyPress, LogRequest, PaneMode, State, View};
use crate::exit::{LocalError, Reported, UsageError};
use crate::kill::kill_one;
use crate::model::{AnyJob, JobKind};
use crate::model::TokenInfo;
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
    let outcome = event_loop(
        ctx, &mut guard, &mut state, &mut rx, &tx, &storage, &queue, &view_tx,
    )
    .await;
    for task in tasks {
        task.abort();
    }
    drop(guard);
    outcome
}

/// Draws, then waits for the next message, signal or tick, until a quit.
#[allow(clippy::too_many_arguments)]
async fn event_loop(
    ctx: &Context,
    guard: &mut terminal::Guard,
    state: &mut State,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    tx: &mpsc::UnboundedSender<Msg>,
    storage: &StorageClient,
    queue: &SharedQueue,
    view_tx: &watch::Sender<View>,
) -> Result<()> {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The run tree being fetched, to stop when its pane no longer waits for it.
    let mut tree_task: Option<(u64, tokio::task::AbortHandle)> = None;
    // The open log's next page (waiting for its turn, or in flight), likewise.
    let mut log_task: Option<(LogRequest, tokio::task::AbortHandle)> = None;
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
        let effects = match msg {
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
                    fetch_detail(pane.key, storage, queue, tx);
                }
                effects
            }
            Msg::Detail(entry) => {
                state.detail_loaded(entry);
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
        };
        for effect in effects {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Copy(text) => terminal::copy(&text),
                Effect::Open(url) => state.flash = Some(browser::open(&url)),
                Effect::Notify(text) => terminal::notify(&text),
                Effect::ViewChanged(view) => {
                    let _ = view_tx.send(view);
                }
                Effect::FetchDetail(kind, id) => fetch_detail((kind, id), storage, queue, tx),
                Effect::FetchTree(id) => {
                    let task = fetch_tree(id, storage, queue, tx);
                    if let Some((_, old)) = tree_task.replace((id, task)) {
                        old.abort();
                    }
                }
                Effect::CancelTree => {
                    if let Some((_, task)) = tree_task.take() {
                        task.abort();
                    }
                }
                Effect::Kill(id) => kill(id, queue, tx),
                Effect::FetchLog(request) => {
                    let task = fetch_log(request.clone(), storage, tx);
                    if let Some((_, old)) = log_task.replace((request, task)) {
                        old.abort();
                    }
                }
            }
        }
        // A log no longer open (or no longer followed) is not asked for again.
        if let Some((asked, task)) = &log_task
            && state.awaited_log() != Some((asked.session, asked.run_id.as_str()))
        {
            task.abort();
            log_task = None;
        }
        // Whatever closed the pane (a key, a refresh that moved the selection), a tree it
        // no longer waits for is not fetched on.
        if let Some((id, task)) = &tree_task
            && state.awaited_tree() != Some(*id)
        {
            task.abort();
            tree_task = None;
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

fn fetch_detail(
    key: (JobKind, u64),
    storage: &StorageClient,
    queue: &SharedQueue,
    tx: &mpsc::UnboundedSender<Msg>,
) {
    let tx = tx.clone();
    match key.0 {
        JobKind::Storage => {
            let storage = storage.clone();
            tokio::spawn(async move {
                if let Ok(job) = storage.job(key.1).await {
                    let _ = tx.send(Msg::Detail(AnyJob::Storage(job.job)));
                }
            });
        }
        JobKind::Queue => {
            let Some(queue) = known_queue(queue) else {
                return;
            };
            tokio::spawn(async move {
                if let Ok(job) = queue.job(key.1).await {
                    let _ = tx.send(Msg::Detail(AnyJob::Queue(job.job)));
                }
            });
        }
    }
}

/// Starts fetching the run tree of queue job `id`; returns the handle that stops it.
fn fetch_tree(
    id: u64,
    storage: &StorageClient,
    queue: &SharedQueue,
    tx: &mpsc::UnboundedSender<Msg>,
) -> tokio::task::AbortHandle {
    let tx = tx.clone();
    let queue = known_queue(queue);
    let storage = storage.clone();
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

/// Asks for a page of the open log once `request.after` has passed; returns the handle
/// that stops it (waiting or in flight).
fn fetch_log(
    request: LogRequest,
    storage: &StorageClient,
    tx: &mpsc::UnboundedSender<Msg>,
) -> tokio::task::AbortHandle {
    let tx = tx.clone();
    let storage = storage.clone();
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

fn kill(id: u64, queue: &SharedQueue, tx: &mpsc::UnboundedSender<Msg>) {
    let tx = tx.clone();
    let Some(queue) = known_queue(queue) else {
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
