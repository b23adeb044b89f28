//! The state of `jobctl top` and its pure update functions: a key, a fetched list, a tick
//! change the state and return the [`Effect`]s the command must carry out (a kill, a copy,
//! a notification). No I/O here, and no waiting: the input path never touches the network.

use std::cmp::Ordering;
use std::collections::HashSet;

use jiff::SignedDuration;

use crate::model::{AnyJob, Event, JobKind, RunNode};
use crate::render::{Zone, notification, sanitize};

pub use super::log_pane::{LogPane, LogRequest};
pub use super::row::{Class, Notice, Row};

/// Which jobs the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Storage,
    Queue,
    Both,
}

impl View {
    pub fn shows(self, kind: JobKind) -> bool {
        matches!(
            (self, kind),
            (View::Both, _) | (View::Storage, JobKind::Storage) | (View::Queue, JobKind::Queue)
        )
    }

    /// The kinds it shows, storage first.
    pub fn kinds(self) -> impl Iterator<Item = JobKind> {
        [JobKind::Storage, JobKind::Queue]
            .into_iter()
            .filter(move |&kind| self.shows(kind))
    }

    fn next(self) -> View {
        match self {
            View::Both => View::Storage,
            View::Storage => View::Queue,
            View::Queue => View::Both,
        }
    }

    fn previous(self) -> View {
        self.next().next()
    }

    pub fn name(self) -> &'static str {
        match self {
            View::Both => "all jobs",
            View::Storage => "storage jobs",
            View::Queue => "queue jobs",
        }
    }
}

/// The status filter of `f` and `r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    All,
    Failed,
    Running,
}

impl Only {
    fn admits(self, class: Class) -> bool {
        match self {
            Only::All => true,
            Only::Failed => class == Class::Failed,
            Only::Running => class.is_live(),
        }
    }
}

/// The table's order, cycled by `s` (`S` reverses it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Running and waiting jobs first, then the newest: what is happening now.
    Live,
    /// The newest first, whatever their status.
    Created,
    /// The longest first; jobs that have not started last.
    Duration,
    /// Failed, warning, running, waiting, then successful jobs; the newest first in each.
    Status,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Live => Sort::Created,
            Sort::Created => Sort::Duration,
            Sort::Duration => Sort::Status,
            Sort::Status => Sort::Live,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Live => "running first",
            Sort::Created => "created",
            Sort::Duration => "duration",
            Sort::Status => "status",
        }
    }
}

/// How the last refresh of one kind went.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    /// When the last list arrived.
    pub refreshed: Option<jiff::Timestamp>,
    /// The last failure, while it lasts: the message and when the next try is due.
    pub error: Option<(String, jiff::Timestamp)>,
    rows: Vec<Row>,
}

/// What the pane beside the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneMode {
    Detail,
    Tree,
    /// The job's log (its events), followed while the job runs.
    Log,
}

/// The open pane: whose, what, how far scrolled, and what has been fetched for it.
#[derive(Debug, Clone)]
pub struct Pane {
    pub key: (JobKind, u64),
    pub mode: PaneMode,
    /// The first line shown of a detail (the job's, or the tree node's when one is open).
    pub scroll: u16,
    /// A fresher copy of the job than the list's (its detail request).
    pub fresh: Option<AnyJob>,
    /// The run tree, once fetched (or why it could not be).
    pub tree: Option<Result<RunNode, String>>,
    /// The tree's selected node, in the order the tree is drawn (depth first).
    pub node: usize,
    /// The first line of the tree shown.
    pub tree_top: usize,
    /// Enter on a node: its detail replaces the tree until Esc.
    pub node_open: bool,
    /// The log, in [`PaneMode::Log`].
    pub log: Option<LogPane>,
}

impl Pane {
    fn new(key: (JobKind, u64), mode: PaneMode) -> Pane {
        Pane {
            key,
            mode,
            scroll: 0,
            fresh: None,
            tree: None,
            node: 0,
            tree_top: 0,
            node_open: false,
            log: None,
        }
    }

    /// The fetched tree, when there is one.
    pub fn tree(&self) -> Option<&RunNode> {
        match &self.tree {
            Some(Ok(root)) if self.mode == PaneMode::Tree => Some(root),
            _ => None,
        }
    }

    /// The node whose detail is open, if one is.
    pub fn open_node(&self) -> Option<&RunNode> {
        match self.node_open {
            true => self.tree()?.nodes().into_iter().nth(self.node),
            false => None,
        }
    }
}

/// Where the arrow keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Pane,
}

/// The keys `top` understands, decoded from the terminal's events by the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPress {
    Char(char),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    CtrlC,
}

/// What the command must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Kill this queue job (the user said yes).
    Kill(u64),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this link in a browser, if the machine has one to show (`O`).
    Open(String),
    /// Fetch the run tree of this queue job.
    FetchTree(u64),
    /// Stop fetching the run tree asked for last: the pane that waited for it closed or
    /// moved on (a hostile server's endless tree would otherwise go on being fetched).
    CancelTree,
    /// Fetch this job's detail now (its pane just opened on a running job).
    FetchDetail(JobKind, u64),
    /// Fetch a page of the open log (after the wait it says).
    FetchLog(LogRequest),
    /// Ring the bell and send a notification (OSC 9).
    Notify(String),
    /// The kinds shown changed: fetch a kind that was not shown before, now.
    ViewChanged(View),
}

/// Everything the dashboard shows; [`crate::render::top::draw`] draws it.
#[derive(Debug, Clone)]
pub struct State {
    pub stack: String,
    pub project: Option<String>,
    /// The token's project id, for the links of queue jobs that do not carry theirs.
    pub project_id: Option<String>,
    pub storage: Feed,
    pub queue: Feed,
    pub view: View,
    pub only: Only,
    pub sort: Sort,
    /// `S`: the sort's order reversed.
    pub reversed: bool,
    pub filter: String,
    /// `/` was pressed: keys go to the filter until Enter or Esc.
    pub typing: bool,
    /// Rows shown, in order: indices into `storage.rows` (storage) or `queue.rows`.
    visible: Vec<(JobKind, usize)>,
    pub selected: usize,
    /// The first visible row shown (the table's scroll).
    pub top: usize,
    /// How many rows the table has room for (set on each resize).
    pub page: usize,
    /// How many lines the open pane shows (set on each resize).
    pub pane_page: usize,
    pub pane: Option<Pane>,
    pub focus: Focus,
    pub watched: HashSet<(JobKind, u64)>,
    /// `K` asked: kill this queue job?
    pub confirm_kill: Option<u64>,
    pub help: bool,
    /// A one-line message in the footer (copied, killed, ...), until the next key.
    pub flash: Option<String>,
    /// Watched jobs that ended, the newest last; each shows until Esc dismisses it.
    pub notices: Vec<Notice>,
    pub now: jiff::Timestamp,
    pub color: bool,
    /// The zone the pane shows times in.
    pub zone: Zone,
    /// How many log panes were opened: each opening's requests carry its number.
    logs_opened: u64,
}

impl State {
    pub fn new(stack: &str, view: View, color: bool, now: jiff::Timestamp, zone: Zone) -> State {
        State {
            stack: sanitize(stack).into_owned(),
            project: None,
            project_id: None,
            storage: Feed::default(),
            queue: Feed::default(),
            view,
            only: Only::All,
            sort: Sort::Live,
            reversed: false,
            filter: String::new(),
            typing: false,
            visible: Vec::new(),
            selected: 0,
            top: 0,
            page: 10,
            pane_page: 10,
            pane: None,
            focus: Focus::List,
            watched: HashSet::new(),
            confirm_kill: None,
            help: false,
            flash: None,
            notices: Vec::new(),
            zone,
            logs_opened: 0,
            now,
            color,
        }
    }

    /// How the refreshes of a kind go, and its rows.
    pub fn feed(&self, kind: JobKind) -> &Feed {
        match kind {
            JobKind::Storage => &self.storage,
            JobKind::Queue => &self.queue,
        }
    }

    fn feed_mut(&mut self, kind: JobKind) -> &mut Feed {
        match kind {
            JobKind::Storage => &mut self.storage,
            JobKind::Queue => &mut self.queue,
        }
    }

    /// The rows shown, in order.
    #[cfg(test)]
    pub fn visible(&self) -> impl ExactSizeIterator<Item = &Row> + '_ {
        self.visible.iter().map(|&(k, i)| &self.feed(k).rows[i])
    }

    /// The visible rows from `from`, at most `n`.
    pub fn window(&self, from: usize, n: usize) -> impl Iterator<Item = &Row> + '_ {
        self.visible
            .iter()
            .skip(from)
            .take(n)
            .map(|&(k, i)| &self.feed(k).rows[i])
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn selected_row(&self) -> Option<&Row> {
        let &(k, i) = self.visible.get(self.selected)?;
        self.feed(k).rows.get(i)
    }

    /// The row of a key, shown or not.
    pub fn row(&self, key: (JobKind, u64)) -> Option<&Row> {
        self.feed(key.0).rows.iter().find(|r| r.job.id() == key.1)
    }

    /// Jobs running, waiting, and failed in the last hour, over the kinds shown.
    pub fn counts(&self) -> (usize, usize, usize) {
        let hour_ago = self.now - SignedDuration::from_hours(1);
        let mut counts = (0, 0, 0);
        for kind in self.view.kinds() {
            for row in &self.feed(kind).rows {
                let ended = row.job.end_time().or(row.job.created_time());
                match row.class() {
                    Class::Running | Class::Other => counts.0 += 1,
                    Class::Waiting => counts.1 += 1,
                    Class::Failed if ended.is_some_and(|t| t.to_utc() >= hour_ago) => counts.2 += 1,
                    _ => {}
                }
            }
        }
        counts
    }

    /// A list arrived (or failed; `retry_at` is when the next try is due). Returns the
    /// notifications of watched jobs that ended.
    pub fn loaded(
        &mut self,
        kind: JobKind,
        result: Result<Vec<AnyJob>, String>,
        retry_at: jiff::Timestamp,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        let now = self.now;
        match result {
            Ok(entries) => {
                let feed = self.feed_mut(kind);
                feed.refreshed = Some(now);
                feed.error = None;
                feed.rows = entries.into_iter().map(Row::new).collect();
                let ended: Vec<(u64, String, Notice)> = self
                    .feed(kind)
                    .rows
                    .iter()
                    .filter(|r| r.job.is_finished() && self.watched.contains(&r.key()))
                    .map(|r| (r.job.id(), r.status(), r.notice(now)))
                    .collect();
                for (id, status, notice) in ended {
                    self.watched.remove(&(kind, id));
                    // The status is the server's: bounded and clean, whatever its size.
                    let text = notification(&format!("jobctl: {} job {id} {status}", kind.name()));
                    effects.push(Effect::Notify(text));
                    self.notices.push(notice);
                }
                if let Some(pane) = &mut self.pane
                    && pane.key.0 == kind
                {
                    pane.fresh = None;
                }
            }
            Err(message) => {
                let message = sanitize(&message).replace(['\n', '\r'], " ");
                self.feed_mut(kind).error = Some((message, retry_at));
            }
        }
        self.relist();
        effects
    }

    /// A detail request for the open pane's job arrived.
    pub fn detail_loaded(&mut self, job: AnyJob) {
        if let Some(pane) = &mut self.pane
            && pane.key == (job.kind(), job.id())
        {
            pane.fresh = Some(job);
        }
    }

    /// The run tree of a queue job arrived (or could not be fetched). The cursor starts on
    /// what failed, the deepest failure first met (the storage job under the failed task),
    /// so that Enter shows why; on the root when nothing failed.
    pub fn tree_loaded(&mut self, id: u64, tree: Result<RunNode, String>) {
        if let Some(pane) = &mut self.pane
            && pane.key == (JobKind::Queue, id)
            && pane.mode == PaneMode::Tree
        {
            pane.tree = Some(tree.map_err(|e| sanitize(&e).into_owned()));
            pane.node = pane
                .tree()
                .and_then(|root| {
                    root.nodes().iter().position(|n| {
                        n.failed() && !n.children.iter().any(RunNode::on_failing_path)
                    })
                })
                .unwrap_or(0);
            pane.tree_top = 0;
            self.show_node();
        }
    }

    /// The log pane waiting for a page: its job and run, when one is open and followed.
    pub fn awaited_log(&self) -> Option<(u64, &str)> {
        let pane = self.pane.as_ref()?;
        let log = pane.log.as_ref().filter(|l| l.following)?;
        (pane.mode == PaneMode::Log).then_some((log.session, log.run_id.as_str()))
    }

    /// A page of the open log arrived (or could not be fetched): its events join the
    /// pane, and the next request is returned while it is followed (see
    /// [`LogPane::arrived`]). A page for a pane since closed or moved on is dropped.
    pub fn log_loaded(
        &mut self,
        asked: &LogRequest,
        page: Result<Vec<Event>, String>,
    ) -> Vec<Effect> {
        let listed = self.row(asked.key).map(|r| r.job.is_finished());
        let Some(pane) = &mut self.pane else {
            return Vec::new();
        };
        if pane.key != asked.key || pane.mode != PaneMode::Log {
            return Vec::new();
        }
        let Some(log) = pane
            .log
            .as_mut()
            .filter(|l| l.session == asked.session && l.following)
        else {
            return Vec::new();
        };
        log.arrived(asked, page, listed)
            .map(Effect::FetchLog)
            .into_iter()
            .collect()
    }

    /// Moves the tree's cursor to node `to` (clamped) and scrolls the tree to show it.
    fn move_node(&mut self, to: usize) {
        if let Some(pane) = &mut self.pane
            && let Some(root) = pane.tree()
        {
            pane.node = to.min(root.nodes().len().saturating_sub(1));
            self.show_node();
        }
    }

    /// Scrolls the tree so that the selected node's lines are in the pane.
    fn show_node(&mut self) {
        let page = self.pane_page.max(1);
        let Some(pane) = &mut self.pane else { return };
        let Some(root) = pane.tree() else { return };
        let style = crate::render::Style {
            color: false,
            terminal: false,
            now: self.now,
            zone: self.zone.clone(),
        };
        let lines = crate::render::tree_lines(root, &style, None);
        let first = lines.iter().position(|(n, _)| *n == pane.node).unwrap_or(0);
        let last = lines
            .iter()
            .rposition(|(n, _)| *n == pane.node)
            .unwrap_or(first);
        if last >= pane.tree_top + page {
            pane.tree_top = (last + 1).saturating_sub(page);
        }
        if first < pane.tree_top {
            pane.tree_top = first;
        }
    }

    /// The job whose pane is open, as fresh as known.
    pub fn pane_job(&self) -> Option<&AnyJob> {
        let pane = self.pane.as_ref()?;
        pane.fresh
            .as_ref()
            .or_else(|| self.row(pane.key).map(|r| &r.job))
    }

    /// Recomputes the visible rows (after a list, a filter or a view change), keeping the
    /// selected job selected when it is still shown.
    fn relist(&mut self) {
        // The selected job stays selected when it moves; on the first row without a pane,
        // the selection stays on the first row (the newest job, as the user left it).
        let keep = match self.selected > 0 || self.pane.is_some() {
            true => self.selected_row().map(Row::key),
            false => None,
        };
        self.relist_keeping(keep);
    }

    /// The order of two rows under the chosen sort; the newest first, then the highest id,
    /// breaks ties, so that the order is stable.
    fn order(&self, a: &Row, b: &Row) -> Ordering {
        let newest = b
            .job
            .created_time()
            .cmp(&a.job.created_time())
            .then(b.job.id().cmp(&a.job.id()));
        let by = |o: Ordering| match self.reversed {
            true => o.reverse(),
            false => o,
        };
        match self.sort {
            Sort::Live => by(b.class().is_live().cmp(&a.class().is_live()).then(newest)),
            Sort::Created => by(newest),
            // Jobs that have not started stay last either way.
            Sort::Duration => match (a.duration(self.now), b.duration(self.now)) {
                (Some(da), Some(db)) => by(db.cmp(&da).then(newest)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => newest,
            },
            Sort::Status => by(a.class().rank().cmp(&b.class().rank()).then(newest)),
        }
    }

    /// [`State::relist`], keeping `keep` selected when it is still shown.
    fn relist_keeping(&mut self, keep: Option<(JobKind, u64)>) {
        let needle = self.filter.to_lowercase();
        let mut visible: Vec<(JobKind, usize)> = Vec::new();
        for kind in self.view.kinds() {
            let rows = &self.feed(kind).rows;
            visible.extend(
                (0..rows.len())
                    .filter(|&i| self.only.admits(rows[i].class()) && rows[i].contains(&needle))
                    .map(|i| (kind, i)),
            );
        }
        visible.sort_by(|&(ka, a), &(kb, b)| {
            self.order(&self.feed(ka).rows[a], &self.feed(kb).rows[b])
        });
        self.visible = visible;
        self.selected = keep
            .and_then(|key| {
                self.visible
                    .iter()
                    .position(|&(k, i)| (k, self.feed(k).rows[i].job.id()) == key)
            })
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
        self.scroll_into_view();
    }

    fn scroll_into_view(&mut self) {
        let page = self.page.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
        self.top = self.top.min(self.visible.len().saturating_sub(page));
    }

    /// The table has room for `rows` rows now, the open pane for `pane_rows` lines.
    pub fn resized(&mut self, rows: usize, pane_rows: usize) {
        self.page = rows.max(1);
        self.scroll_into_view();
        if self.pane_page != pane_rows.max(1) {
            self.pane_page = pane_rows.max(1);
            self.show_node();
        }
    }

    fn select(&mut self, to: usize) {
        self.selected = to.min(self.visible.len().saturating_sub(1));
        self.scroll_into_view();
        // The pane follows the selection.
        if let Some(pane) = &self.pane
            && let Some(row) = self.selected_row()
            && row.key() != pane.key
        {
            let mode = pane.mode;
            self.pane = None;
            if mode == PaneMode::Detail {
                self.open_detail();
            }
        }
    }

    fn open_detail(&mut self) -> Vec<Effect> {
        let Some(row) = self.selected_row() else {
            return Vec::new();
        };
        let key = row.key();
        let running = !row.job.is_finished();
        self.pane = Some(Pane::new(key, PaneMode::Detail));
        match running {
            true => vec![Effect::FetchDetail(key.0, key.1)],
            false => Vec::new(),
        }
    }

    /// The queue job whose run tree the open pane still waits for.
    pub fn awaited_tree(&self) -> Option<u64> {
        match &self.pane {
            Some(p) if p.mode == PaneMode::Tree && p.tree.is_none() => Some(p.key.1),
            _ => None,
        }
    }

    /// A key press. A fetch of a run tree the pane no longer waits for is cancelled
    /// ([`Effect::CancelTree`] first, before a new fetch).
    pub fn key(&mut self, key: KeyPress) -> Vec<Effect> {
        let waiting = self.awaited_tree();
        let mut effects = self.react(key);
        if waiting.is_some() && self.awaited_tree() != waiting {
            effects.insert(0, Effect::CancelTree);
        }
        effects
    }

    fn react(&mut self, key: KeyPress) -> Vec<Effect> {
        self.flash = None;
        if key == KeyPress::CtrlC {
            return vec![Effect::Quit];
        }
        if self.help {
            self.help = false;
            return match key {
                KeyPress::Char('q') => vec![Effect::Quit],
                _ => Vec::new(),
            };
        }
        if let Some(id) = self.confirm_kill.take() {
            if key == KeyPress::Char('y') || key == KeyPress::Char('Y') {
                self.flash = Some(format!("killing queue job {id}…"));
                return vec![Effect::Kill(id)];
            }
            self.flash = Some("not killed".to_owned());
            return Vec::new();
        }
        if self.typing {
            match key {
                KeyPress::Char(c) => self.filter.push(c),
                KeyPress::Backspace => {
                    self.filter.pop();
                }
                KeyPress::Enter => {
                    self.typing = false;
                    return Vec::new();
                }
                KeyPress::Esc => {
                    self.typing = false;
                    self.clear_filter();
                    return Vec::new();
                }
                KeyPress::Up | KeyPress::Down | KeyPress::PageUp | KeyPress::PageDown => {
                    return self.movement(key);
                }
                _ => return Vec::new(),
            }
            self.selected = 0;
            self.relist();
            return Vec::new();
        }
        if key == KeyPress::Esc {
            self.back();
            return Vec::new();
        }
        if self.focus == Focus::Pane && self.pane.is_some() {
            return self.pane_key(key);
        }
        match key {
            KeyPress::Up
            | KeyPress::Down
            | KeyPress::PageUp
            | KeyPress::PageDown
            | KeyPress::Home
            | KeyPress::End
            | KeyPress::Char('j' | 'k' | 'g' | 'G') => self.movement(key),
            KeyPress::Tab | KeyPress::BackTab => {
                self.view = match key {
                    KeyPress::Tab => self.view.next(),
                    _ => self.view.previous(),
                };
                self.relist();
                vec![Effect::ViewChanged(self.view)]
            }
            KeyPress::Enter => {
                let effects = self.open_detail();
                if self.pane.is_some() {
                    self.focus = Focus::Pane;
                }
                effects
            }
            _ => self.command(key),
        }
    }

    /// Esc: one step back, never a quit. The newest notice of a watched job first (it is
    /// what just appeared), then an open tree node, the pane, the typed filter, the
    /// failed/running filter.
    fn back(&mut self) {
        if self.notices.pop().is_some() {
            return;
        }
        if let Some(pane) = &mut self.pane {
            if pane.node_open {
                pane.node_open = false;
                pane.scroll = 0;
            } else {
                self.close_pane();
            }
            return;
        }
        if !self.filter.is_empty() {
            self.clear_filter();
        } else if self.only != Only::All {
            self.only = Only::All;
            let keep = self.selected_row().map(Row::key);
            self.relist_keeping(keep);
        } else {
            self.flash = Some("q quits (Esc only goes back)".to_owned());
        }
    }

    /// The typed filter cleared; the job selected under it stays selected.
    fn clear_filter(&mut self) {
        let keep = self.selected_row().map(Row::key);
        self.filter.clear();
        self.relist_keeping(keep);
    }

    fn close_pane(&mut self) {
        self.pane = None;
        self.focus = Focus::List;
    }

    /// A key with the pane focused: the arrows scroll a detail or move through the tree's
    /// nodes; Enter opens the selected node's detail (again: the tree; on the job's own
    /// detail, Enter closes the pane).
    fn pane_key(&mut self, key: KeyPress) -> Vec<Effect> {
        if self.pane.as_ref().is_some_and(|p| p.mode == PaneMode::Log) {
            return self.log_key(key);
        }
        let on_tree = self
            .pane
            .as_ref()
            .is_some_and(|p| p.tree().is_some() && !p.node_open);
        let node = self.pane.as_ref().map_or(0, |p| p.node);
        let half = (self.pane_page / 2).max(1);
        match key {
            KeyPress::Tab => self.focus = Focus::List,
            KeyPress::Enter if on_tree => {
                if let Some(pane) = &mut self.pane {
                    pane.node_open = true;
                    pane.scroll = 0;
                }
            }
            KeyPress::Enter => match &mut self.pane {
                Some(pane) if pane.node_open => {
                    pane.node_open = false;
                    pane.scroll = 0;
                }
                _ => self.close_pane(),
            },
            KeyPress::Up | KeyPress::Char('k') if on_tree => self.move_node(node.saturating_sub(1)),
            KeyPress::Down | KeyPress::Char('j') if on_tree => self.move_node(node + 1),
            KeyPress::PageUp if on_tree => self.move_node(node.saturating_sub(half)),
            KeyPress::PageDown if on_tree => self.move_node(node + half),
            KeyPress::Home | KeyPress::Char('g') if on_tree => self.move_node(0),
            KeyPress::End | KeyPress::Char('G') if on_tree => self.move_node(usize::MAX),
            KeyPress::Up | KeyPress::Char('k') => self.scroll_pane(-1),
            KeyPress::Down | KeyPress::Char('j') => self.scroll_pane(1),
            KeyPress::PageUp => self.scroll_pane(-(self.pane_page as i32)),
            KeyPress::PageDown => self.scroll_pane(self.pane_page as i32),
            KeyPress::Home | KeyPress::Char('g') => self.scroll_pane(-(u16::MAX as i32)),
            _ => return self.command(key),
        }
        Vec::new()
    }

    /// A key with the log pane focused: the arrows scroll it (up: older lines; `G`/End:
    /// back to the newest, which then follow as they come); Enter closes it.
    fn log_key(&mut self, key: KeyPress) -> Vec<Effect> {
        let page = self.pane_page.max(1);
        let style = crate::render::Style {
            color: false,
            terminal: true,
            now: self.now,
            zone: self.zone.clone(),
        };
        let Some(log) = self.pane.as_mut().and_then(|p| p.log.as_mut()) else {
            return Vec::new();
        };
        let most = crate::render::log_pane_lines(log, &style)
            .len()
            .saturating_sub(page);
        let back = match key {
            KeyPress::Up | KeyPress::Char('k') => log.back + 1,
            KeyPress::Down | KeyPress::Char('j') => log.back.saturating_sub(1),
            KeyPress::PageUp => log.back + page,
            KeyPress::PageDown => log.back.saturating_sub(page),
            KeyPress::Home | KeyPress::Char('g') => most,
            KeyPress::End | KeyPress::Char('G') => 0,
            KeyPress::Tab => {
                self.focus = Focus::List;
                return Vec::new();
            }
            KeyPress::Enter => {
                self.close_pane();
                return Vec::new();
            }
            _ => return self.command(key),
        };
        log.back = back.min(most);
        Vec::new()
    }

    /// `l`: the log of the job `y` and `o` act on (a tree node's in the tree), in the pane,
    /// followed while the job runs; `l` in the log closes it. A storage job's log is its
    /// run's (`runId`), a queue job's its plain id's.
    fn open_log(&mut self) -> Vec<Effect> {
        if self.focus == Focus::Pane && self.pane.as_ref().is_some_and(|p| p.mode == PaneMode::Log)
        {
            self.close_pane();
            return Vec::new();
        }
        let Some(job) = self.target() else {
            return Vec::new();
        };
        let key = (job.kind(), job.id());
        let Some(run_id) = job.events_run_id() else {
            self.flash = Some(format!(
                "l: {} job {} has no run id, so no log",
                key.0.name(),
                key.1
            ));
            return Vec::new();
        };
        let finished = job.is_finished();
        self.logs_opened += 1;
        let session = self.logs_opened;
        let mut pane = Pane::new(key, PaneMode::Log);
        pane.log = Some(LogPane::new(run_id.clone(), finished, session));
        self.pane = Some(pane);
        self.focus = Focus::Pane;
        vec![Effect::FetchLog(LogRequest {
            key,
            session,
            run_id,
            since: None,
            after: std::time::Duration::ZERO,
        })]
    }

    fn movement(&mut self, key: KeyPress) -> Vec<Effect> {
        let log_open = self.pane.as_ref().is_some_and(|p| p.mode == PaneMode::Log);
        let page = self.page.max(1);
        let to = match key {
            KeyPress::Up | KeyPress::Char('k') => self.selected.saturating_sub(1),
            KeyPress::Down | KeyPress::Char('j') => self.selected + 1,
            KeyPress::PageUp => self.selected.saturating_sub(page),
            KeyPress::PageDown => self.selected + page,
            KeyPress::Home | KeyPress::Char('g') => 0,
            KeyPress::End | KeyPress::Char('G') => usize::MAX,
            _ => self.selected,
        };
        self.select(to);
        // The log follows the selection, as the detail does.
        if log_open && self.pane.is_none() {
            let focus = self.focus;
            let effects = self.open_log();
            self.focus = focus;
            return effects;
        }
        match &self.pane {
            Some(p) if p.mode == PaneMode::Detail && p.fresh.is_none() => {
                match self.selected_row() {
                    Some(r) if !r.job.is_finished() => {
                        vec![Effect::FetchDetail(r.job.kind(), r.job.id())]
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    fn scroll_pane(&mut self, by: i32) {
        if let Some(pane) = &mut self.pane {
            pane.scroll = (pane.scroll as i32 + by).clamp(0, u16::MAX as i32) as u16;
        }
    }

    /// The letter commands, the same with the list or the pane focused.
    fn command(&mut self, key: KeyPress) -> Vec<Effect> {
        let selected = self.selected_row().map(|r| (r.key(), r.job.is_finished()));
        let KeyPress::Char(letter) = key else {
            return Vec::new();
        };
        match letter {
            'q' => return vec![Effect::Quit],
            '?' => self.help = true,
            '/' => {
                self.typing = true;
                self.focus = Focus::List;
            }
            'f' => self.toggle_only(Only::Failed),
            'r' => self.toggle_only(Only::Running),
            't' => return self.open_tree(selected),
            'l' => return self.open_log(),
            'w' => self.toggle_watch(selected),
            'y' => return self.copy_id(),
            's' | 'S' => {
                match letter {
                    's' => {
                        self.sort = self.sort.next();
                        self.reversed = false;
                    }
                    _ => self.reversed = !self.reversed,
                }
                let keep = self.selected_row().map(Row::key);
                self.relist_keeping(keep);
            }
            'o' | 'O' => return self.link_key(letter == 'O'),
            'K' => self.ask_kill(selected),
            _ => {}
        }
        Vec::new()
    }

    /// `f`, `r`: only the failed (or running) jobs, or all again.
    fn toggle_only(&mut self, wanted: Only) {
        self.only = match self.only == wanted {
            true => Only::All,
            false => wanted,
        };
        self.selected = 0;
        self.relist();
    }

    /// `t`: the run tree of the selected queue job, in the pane.
    fn open_tree(&mut self, selected: Option<((JobKind, u64), bool)>) -> Vec<Effect> {
        match selected {
            Some(((JobKind::Queue, id), _)) => {
                self.pane = Some(Pane::new((JobKind::Queue, id), PaneMode::Tree));
                self.focus = Focus::Pane;
                return vec![Effect::FetchTree(id)];
            }
            Some(((JobKind::Storage, _), _)) => {
                self.flash = Some("t: the run tree is for queue jobs".to_owned())
            }
            None => {}
        }
        Vec::new()
    }

    /// `w`: watch the selected job until it ends, or no longer.
    fn toggle_watch(&mut self, selected: Option<((JobKind, u64), bool)>) {
        self.flash = match selected {
            Some((key, false)) if self.watched.remove(&key) => {
                Some(format!("no longer watching {}", key.1))
            }
            Some((key, false)) => {
                self.watched.insert(key);
                Some(format!("watching {}: notified when it ends", key.1))
            }
            Some((key, true)) => Some(format!("{} has already ended", key.1)),
            None => return,
        };
    }

    /// `y`: the job's id on the clipboard.
    fn copy_id(&mut self) -> Vec<Effect> {
        let Some(job) = self.target() else {
            return Vec::new();
        };
        let id = job.id();
        self.flash = Some(format!("copied {id} (OSC 52)"));
        vec![Effect::Copy(id.to_string())]
    }

    /// `o`: the job's link shown and copied; `O`: opened.
    fn link_key(&mut self, open: bool) -> Vec<Effect> {
        let Some(job) = self.target() else {
            return Vec::new();
        };
        match self.link(&job) {
            Ok(url) if open => {
                self.flash = Some(format!("opening {url}"));
                vec![Effect::Open(url)]
            }
            Ok(url) => {
                self.flash = Some(format!("{url}  (copied)"));
                vec![Effect::Copy(url)]
            }
            Err(why) => {
                self.flash = Some(why);
                Vec::new()
            }
        }
    }

    /// `K`: ask before killing the selected queue job.
    fn ask_kill(&mut self, selected: Option<((JobKind, u64), bool)>) {
        match selected {
            Some(((JobKind::Queue, id), false)) => self.confirm_kill = Some(id),
            Some(((JobKind::Queue, id), true)) => {
                self.flash = Some(format!("{id} has already ended"))
            }
            Some(((JobKind::Storage, _), _)) => {
                self.flash = Some("K: storage jobs cannot be killed".to_owned())
            }
            None => {}
        }
    }

    /// The job `y`, `o` and `l` act on: the tree's selected node while the tree pane is
    /// focused, else the selected row (a copy).
    fn target(&self) -> Option<AnyJob> {
        if self.focus == Focus::Pane
            && let Some(pane) = &self.pane
            && let Some(root) = pane.tree()
        {
            let node = root.nodes().into_iter().nth(pane.node)?;
            return Some(AnyJob::from(&node.job));
        }
        Some(self.selected_row()?.job.clone())
    }

    /// The address of a job for a browser ([`AnyJob::link_on`] on this stack, the token's
    /// project for queue jobs that do not name theirs), clean for the footer. An error
    /// says why there is none yet.
    pub fn link(&self, job: &AnyJob) -> Result<String, String> {
        match job.link_on(&self.stack, self.project_id.as_deref()) {
            Some(link) => Ok(sanitize(&link).into_owned()),
            None => Err(format!(
                "o: the project of {} job {} is not known yet (the token check has not \
                 answered)",
                job.kind().name(),
                job.id()
            )),
        }
    }

    /// What a kill came to, for the footer.
    pub fn killed(&mut self, message: String) {
        self.flash = Some(sanitize(&message).into_owned());
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::dashboard::log_pane::{LOG_EVERY, LOG_FIRST, LOG_PAGE};
    use crate::model::{RawJob, RunJob};

    pub fn at(s: &str) -> jiff::Timestamp {
        crate::model::parse_timestamp(s).unwrap().to_utc()
    }

    pub fn storage(id: u64, status: &str, op: &str, table: &str, created: &str) -> AnyJob {
        let (start, end) = match status {
            "waiting" => (None, None),
            "processing" => (Some(created), None),
            _ => (Some(created), Some(created)),
        };
        let error = match status {
            "error" => serde_json::json!({
                "code": "csvImport.columnsNotMatch",
                "message": "Some columns are missing in the csv file. Missing columns: country."
            }),
            _ => serde_json::Value::Null,
        };
        let body = serde_json::json!({
            "id": id, "status": status, "operationName": op, "tableId": table,
            "createdTime": created, "startTime": start, "endTime": end, "error": error,
        });
        AnyJob::Storage(RawJob::parse(&body.to_string()).unwrap().job)
    }

    pub fn queue(id: u64, status: &str, component: &str, created: &str) -> AnyJob {
        let body = format!(
            r#"{{"id":"{id}","runId":"{id}","status":"{status}","component":"{component}","config":"77","type":"standard","createdTime":"{created}","startTime":"{created}","isFinished":{}}}"#,
            matches!(
                status,
                "success" | "error" | "warning" | "terminated" | "cancelled"
            )
        );
        AnyJob::Queue(crate::model::RawQueueJob::parse(&body).unwrap().job)
    }

    pub fn sample(view: View) -> State {
        let now = at("2026-12-01T12:00:00Z");
        let mut s = State::new("http://127.0.0.1:9", view, false, now, Zone::utc());
        s.loaded(
            JobKind::Storage,
            Ok(vec![
                storage(
                    105,
                    "processing",
                    "tableImport",
                    "in.c-main.orders",
                    "2026-12-01T11:59:00Z",
                ),
                storage(
                    104,
                    "error",
                    "tableImport",
                    "in.c-crm.customers",
                    "2026-12-01T11:50:00Z",
                ),
                storage(
                    103,
                    "success",
                    "tableExport",
                    "out.c-main.orders",
                    "2026-12-01T11:40:00Z",
                ),
                storage(
                    102,
                    "waiting",
                    "tableSnapshotCreate",
                    "in.c-main.items",
                    "2026-12-01T11:30:00Z",
                ),
            ]),
            now,
        );
        s.loaded(
            JobKind::Queue,
            Ok(vec![
                queue(
                    1205330070,
                    "processing",
                    "keboola.ex-db-snowflake",
                    "2026-12-01T11:58:00Z",
                ),
                queue(
                    1205330069,
                    "success",
                    "keboola.orchestrator",
                    "2026-12-01T11:00:00Z",
                ),
            ]),
            now,
        );
        s
    }

    impl State {
        /// The storage jobs listed, as the API sent them.
        pub fn storage_jobs(&self) -> Vec<AnyJob> {
            self.storage.rows.iter().map(|r| r.job.clone()).collect()
        }
    }

    fn ids(s: &State) -> Vec<u64> {
        s.visible().map(|r| r.job.id()).collect()
    }

    #[test]
    fn running_jobs_come_first_then_the_newest() {
        let s = sample(View::Both);
        assert_eq!(ids(&s), [105, 1205330070, 102, 104, 103, 1205330069]);
        assert_eq!(s.counts(), (2, 1, 1));
    }

    #[test]
    fn tab_switches_between_both_storage_and_queue() {
        let mut s = sample(View::Both);
        assert_eq!(s.key(KeyPress::Tab), [Effect::ViewChanged(View::Storage)]);
        assert_eq!(ids(&s), [105, 102, 104, 103]);
        s.key(KeyPress::Tab);
        assert_eq!(ids(&s), [1205330070, 1205330069]);
        s.key(KeyPress::BackTab);
        assert_eq!(s.view, View::Storage);
    }

    #[test]
    fn moving_stops_at_the_ends_and_g_jumps() {
        let mut s = sample(View::Both);
        s.key(KeyPress::Up);
        assert_eq!(s.selected, 0);
        s.key(KeyPress::Char('j'));
        s.key(KeyPress::Down);
        assert_eq!(s.selected, 2);
        s.key(KeyPress::Char('G'));
        assert_eq!(s.selected, 5);
        s.key(KeyPress::Down);
        assert_eq!(s.selected, 5);
        s.key(KeyPress::Char('g'));
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn page_down_scrolls_the_table_by_its_height() {
        let mut s = sample(View::Both);
        s.resized(2, 10);
        s.key(KeyPress::PageDown);
        assert_eq!((s.selected, s.top), (2, 1));
        s.key(KeyPress::End);
        assert_eq!((s.selected, s.top), (5, 4));
        s.key(KeyPress::PageUp);
        assert_eq!((s.selected, s.top), (3, 3));
    }

    #[test]
    fn the_filter_matches_as_you_type_and_esc_clears_it() {
        let mut s = sample(View::Both);
        s.key(KeyPress::Char('/'));
        for c in "CUSTOM".chars() {
            s.key(KeyPress::Char(c));
        }
        assert_eq!(ids(&s), [104]);
        s.key(KeyPress::Backspace);
        assert_eq!(s.filter, "CUSTO");
        s.key(KeyPress::Enter);
        assert!(!s.typing);
        // Letters are commands again; the filter stays.
        s.key(KeyPress::Char('q'));
        assert_eq!(ids(&s), [104]);
        s.key(KeyPress::Char('/'));
        s.key(KeyPress::Esc);
        assert_eq!(s.visible_len(), 6);
    }

    #[test]
    fn the_filter_reads_error_text_component_status_and_id() {
        let mut s = sample(View::Both);
        s.key(KeyPress::Char('/'));
        for (needle, want) in [
            ("missing columns", vec![104]),
            ("columnsnotmatch", vec![104]),
            ("snowflake", vec![1205330070]),
            ("waiting", vec![102]),
            ("1033", vec![]),
            ("103", vec![103]),
        ] {
            s.filter = needle.to_owned();
            s.relist();
            assert_eq!(ids(&s), want, "{needle}");
        }
    }

    #[test]
    fn f_and_r_toggle_failed_and_running_only() {
        let mut s = sample(View::Both);
        s.key(KeyPress::Char('f'));
        assert_eq!(ids(&s), [104]);
        s.key(KeyPress::Char('r'));
        assert_eq!(ids(&s), [105, 1205330070, 102]);
        s.key(KeyPress::Char('r'));
        assert_eq!(s.visible_len(), 6);
    }

    #[test]
    fn the_selection_follows_its_job_across_refreshes() {
        let mut s = sample(View::Storage);
        s.key(KeyPress::Down);
        s.key(KeyPress::Down);
        assert_eq!(s.selected_row().unwrap().job.id(), 104);
        let now = s.now;
        s.loaded(
            JobKind::Storage,
            Ok(vec![
                storage(
                    106,
                    "processing",
                    "tableImport",
                    "in.c-main.x",
                    "2026-12-01T11:59:30Z",
                ),
                storage(
                    104,
                    "error",
                    "tableImport",
                    "in.c-crm.customers",
                    "2026-12-01T11:50:00Z",
                ),
            ]),
            now,
        );
        assert_eq!(s.selected_row().unwrap().job.id(), 104);
    }

    #[test]
    fn the_first_row_stays_selected_when_newer_jobs_arrive() {
        let mut s = sample(View::Storage);
        let now = s.now;
        let mut jobs = vec![storage(
            106,
            "processing",
            "tableImport",
            "in.c-main.x",
            "2026-12-01T11:59:30Z",
        )];
        jobs.extend(s.storage.rows.iter().map(|r| r.job.clone()));
        s.loaded(JobKind::Storage, Ok(jobs), now);
        assert_eq!(s.selected_row().unwrap().job.id(), 106);
    }

    #[test]
    fn enter_opens_the_detail_and_fetches_a_running_job() {
        let mut s = sample(View::Both);
        assert_eq!(
            s.key(KeyPress::Enter),
            [Effect::FetchDetail(JobKind::Storage, 105)]
        );
        assert_eq!(s.focus, Focus::Pane);
        s.key(KeyPress::Down);
        assert_eq!(s.pane.as_ref().unwrap().scroll, 1);
        s.key(KeyPress::Esc);
        assert!(s.pane.is_none());
        s.key(KeyPress::Char('G'));
        // A finished job needs no request.
        assert_eq!(s.key(KeyPress::Enter), []);
        assert_eq!(s.pane.as_ref().unwrap().key, (JobKind::Queue, 1205330069));
    }

    #[test]
    fn an_error_keeps_the_rows_and_a_later_list_clears_it() {
        let mut s = sample(View::Both);
        let retry = s.now + SignedDuration::from_secs(4);
        s.loaded(JobKind::Queue, Err("HTTP 503\x1b[31m down".into()), retry);
        assert_eq!(s.visible_len(), 6);
        let (message, at) = s.queue.error.clone().unwrap();
        assert_eq!((message.as_str(), at), ("HTTP 503 down", retry));
        s.loaded(JobKind::Queue, Ok(vec![]), retry);
        assert!(s.queue.error.is_none());
        assert_eq!(s.visible_len(), 4);
    }

    #[test]
    fn k_asks_before_killing_and_only_yes_kills() {
        let mut s = sample(View::Queue);
        assert_eq!(s.key(KeyPress::Char('K')), []);
        assert_eq!(s.confirm_kill, Some(1205330070));
        assert_eq!(s.key(KeyPress::Char('n')), []);
        assert_eq!(s.flash.as_deref(), Some("not killed"));
        s.key(KeyPress::Char('K'));
        assert_eq!(s.key(KeyPress::Char('y')), [Effect::Kill(1205330070)]);
        // Storage jobs and finished jobs cannot be killed.
        s.key(KeyPress::Char('G'));
        s.key(KeyPress::Char('K'));
        assert_eq!(s.confirm_kill, None);
        s.view = View::Storage;
        s.relist();
        s.key(KeyPress::Char('K'));
        assert_eq!(s.confirm_kill, None);
    }

    #[test]
    fn a_watched_job_that_ends_notifies_once() {
        let mut s = sample(View::Storage);
        s.key(KeyPress::Char('w'));
        assert!(s.watched.contains(&(JobKind::Storage, 105)));
        let now = s.now;
        let done = |s: &mut State| {
            s.loaded(
                JobKind::Storage,
                Ok(vec![storage(
                    105,
                    "success",
                    "tableImport",
                    "in.c-main.orders",
                    "2026-12-01T11:59:00Z",
                )]),
                now,
            )
        };
        assert_eq!(
            done(&mut s),
            [Effect::Notify("jobctl: storage job 105 success".into())]
        );
        assert_eq!(done(&mut s), []);
    }

    #[test]
    fn a_notification_carries_a_bounded_clean_status() {
        let mut s = sample(View::Queue);
        s.key(KeyPress::Char('w'));
        let &(kind, id) = s.watched.iter().next().unwrap();
        let now = s.now;
        // A finished job whose status is 3 KB of server text.
        let status = format!("\u{200b}\u{e0041}{}", "x".repeat(3000));
        let body = format!(
            r#"{{"id":"{id}","runId":"{id}","status":"{status}","component":"c","config":"77","type":"standard","createdTime":"2026-12-01T11:59:00Z","isFinished":true}}"#
        );
        let job = AnyJob::Queue(crate::model::RawQueueJob::parse(&body).unwrap().job);
        let effects = s.loaded(kind, Ok(vec![job]), now);
        let [Effect::Notify(text)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(text.chars().count(), 200, "{text}");
        assert!(
            text.starts_with(&format!("jobctl: queue job {id} xxx")),
            "{text}"
        );
    }

    #[test]
    fn y_copies_t_opens_the_tree_and_q_quits() {
        let mut s = sample(View::Queue);
        assert_eq!(
            s.key(KeyPress::Char('y')),
            [Effect::Copy("1205330070".into())]
        );
        assert_eq!(s.key(KeyPress::Char('t')), [Effect::FetchTree(1205330070)]);
        assert_eq!(s.pane.as_ref().unwrap().mode, PaneMode::Tree);
        assert_eq!(s.key(KeyPress::Char('q')), [Effect::Quit]);
        assert_eq!(s.key(KeyPress::CtrlC), [Effect::Quit]);
    }

    #[test]
    fn closing_or_leaving_a_tree_pane_cancels_its_fetch() {
        let mut s = sample(View::Queue);
        assert_eq!(s.key(KeyPress::Char('t')), [Effect::FetchTree(1205330070)]);
        assert_eq!(s.awaited_tree(), Some(1205330070));
        // Scrolling the pane keeps waiting.
        assert_eq!(s.key(KeyPress::Down), []);
        assert_eq!(s.key(KeyPress::Esc), [Effect::CancelTree]);
        assert_eq!(s.awaited_tree(), None);
        // Moving to another job closes the tree pane; `t` there fetches its tree instead.
        s.key(KeyPress::Char('t'));
        s.key(KeyPress::Tab);
        let effects = s.key(KeyPress::Down);
        assert_eq!(effects, [Effect::CancelTree]);
        let effects = s.key(KeyPress::Char('t'));
        assert!(
            matches!(effects[..], [Effect::FetchTree(id)] if id != 1205330070),
            "{effects:?}"
        );
        // A tree that arrived needs no cancel.
        let id = s.awaited_tree().unwrap();
        s.tree_loaded(id, Err("gone".into()));
        assert_eq!(s.key(KeyPress::Esc), []);
    }

    #[test]
    fn esc_goes_back_one_step_at_a_time_and_never_quits() {
        let mut s = sample(View::Both);
        s.key(KeyPress::Char('?'));
        assert_eq!(s.key(KeyPress::Esc), []);
        assert!(!s.help);
        s.key(KeyPress::Enter);
        assert_eq!(s.key(KeyPress::Esc), []);
        assert!(s.pane.is_none());
        assert_eq!(s.focus, Focus::List);
        s.key(KeyPress::Char('f'));
        s.key(KeyPress::Char('/'));
        s.key(KeyPress::Char('x'));
        s.key(KeyPress::Enter);
        // The typed filter first, then the failed-only filter, then nothing to go back to.
        assert_eq!(s.key(KeyPress::Esc), []);
        assert_eq!((s.filter.as_str(), s.only), ("", Only::Failed));
        assert_eq!(s.key(KeyPress::Esc), []);
        assert_eq!(s.only, Only::All);
        assert_eq!(s.key(KeyPress::Esc), []);
        assert_eq!(s.flash.as_deref(), Some("q quits (Esc only goes back)"));
        assert_eq!(s.key(KeyPress::Char('q')), [Effect::Quit]);
    }

    #[test]
    fn clearing_the_filter_keeps_the_selected_job_selected() {
        for finish in [KeyPress::Esc, KeyPress::Enter] {
            let mut s = sample(View::Both);
            s.key(KeyPress::Char('/'));
            for c in "table".chars() {
                s.key(KeyPress::Char(c));
            }
            s.key(KeyPress::Down);
            s.key(KeyPress::Down);
            assert_eq!(s.selected_row().unwrap().job.id(), 104);
            s.key(finish);
            if finish == KeyPress::Enter {
                s.key(KeyPress::Esc);
            }
            assert!(s.filter.is_empty());
            assert_eq!(s.visible_len(), 6);
            assert_eq!(s.selected_row().unwrap().job.id(), 104, "{finish:?}");
        }
    }

    /// A storage job that ran from 11:58:03 to 11:59:00.
    fn ended(status: &str) -> AnyJob {
        let body = serde_json::json!({
            "id": 105, "status": status, "operationName": "tableImport",
            "tableId": "in.c-main.orders", "createdTime": "2026-12-01T11:58:00Z",
            "startTime": "2026-12-01T11:58:03Z", "endTime": "2026-12-01T11:59:00Z",
            "error": if status == "error" {
                serde_json::json!({"code": "storage.tableNotFound", "message": "no \u{1b}[2Jtable"})
            } else {
                serde_json::Value::Null
            },
        });
        AnyJob::Storage(RawJob::parse(&body.to_string()).unwrap().job)
    }

    #[test]
    fn a_watched_job_that_ends_leaves_a_line_saying_how_until_esc() {
        let mut s = sample(View::Storage);
        s.key(KeyPress::Char('w'));
        let now = s.now;
        s.loaded(JobKind::Storage, Ok(vec![ended("success")]), now);
        assert_eq!(s.notices.len(), 1);
        assert_eq!(s.notices[0].class, Class::Success);
        assert_eq!(
            s.notices[0].line(80),
            "105 tableImport in.c-main.orders success in 57s"
        );
        // Narrow: the table goes first (from its left, as in the table), the outcome stays.
        assert_eq!(
            s.notices[0].line(40),
            "105 tableImport …n.orders success in 57s"
        );
        assert_eq!(s.notices[0].line(30), "105 tableImport success in 57s");
        assert_eq!(s.notices[0].line(20), "105 tableImport suc…");
        // It stays through refreshes and other keys.
        s.loaded(JobKind::Storage, Ok(vec![ended("success")]), now);
        s.key(KeyPress::Down);
        assert_eq!(s.notices.len(), 1);
        // Esc dismisses it before it closes anything else.
        s.key(KeyPress::Enter);
        s.key(KeyPress::Esc);
        assert!(s.notices.is_empty());
        assert!(s.pane.is_some());
        // A failure says why, sanitised.
        s.key(KeyPress::Esc);
        s.watched.insert((JobKind::Storage, 105));
        s.loaded(JobKind::Storage, Ok(vec![ended("error")]), now);
        assert_eq!(
            s.notices[0].line(200),
            "105 tableImport in.c-main.orders error in 57s: no table"
        );
    }

    fn order(s: &State) -> Vec<u64> {
        s.visible().map(|r| r.job.id()).collect()
    }

    #[test]
    fn s_cycles_the_sort_and_capital_s_reverses_it() {
        let mut s = sample(View::Storage);
        assert_eq!(s.sort, Sort::Live);
        assert_eq!(order(&s), [105, 102, 104, 103]);
        s.key(KeyPress::Char('s'));
        assert_eq!(s.sort, Sort::Created);
        assert_eq!(order(&s), [105, 104, 103, 102]);
        s.key(KeyPress::Char('S'));
        assert_eq!(order(&s), [102, 103, 104, 105]);
        // Duration: the longest first, the waiting job (not started) last either way.
        s.key(KeyPress::Char('s'));
        assert_eq!((s.sort, s.reversed), (Sort::Duration, false));
        assert_eq!(order(&s), [105, 104, 103, 102]);
        s.key(KeyPress::Char('S'));
        assert_eq!(order(&s), [103, 104, 105, 102]);
        // Status: failed first, then running, waiting, success.
        s.key(KeyPress::Char('s'));
        assert_eq!(order(&s), [104, 105, 102, 103]);
        s.key(KeyPress::Char('s'));
        assert_eq!(s.sort, Sort::Live);
    }

    #[test]
    fn the_sort_keeps_the_selected_job_selected() {
        let mut s = sample(View::Storage);
        s.key(KeyPress::Char('G'));
        assert_eq!(s.selected_row().unwrap().job.id(), 103);
        s.key(KeyPress::Char('s'));
        s.key(KeyPress::Char('s'));
        assert_eq!(s.selected_row().unwrap().job.id(), 103);
    }

    #[test]
    fn o_shows_and_copies_the_link_and_capital_o_asks_to_open_it() {
        let mut s = sample(View::Queue);
        s.stack = "https://connection.eu-central-1.keboola.com".into();
        // The token's project is not known yet, nor the job's own.
        assert_eq!(s.key(KeyPress::Char('o')), []);
        assert!(
            s.flash.as_deref().unwrap().contains("not known yet"),
            "{:?}",
            s.flash
        );
        s.project_id = Some("9431".into());
        let link =
            "https://connection.eu-central-1.keboola.com/admin/projects/9431/queue/1205330070";
        assert_eq!(s.key(KeyPress::Char('o')), [Effect::Copy(link.into())]);
        assert_eq!(
            s.flash.as_deref(),
            Some(format!("{link}  (copied)").as_str())
        );
        assert_eq!(s.key(KeyPress::Char('O')), [Effect::Open(link.into())]);
        // A storage job's link is its API URL.
        s.key(KeyPress::Tab);
        s.key(KeyPress::Tab);
        assert_eq!(
            s.key(KeyPress::Char('o')),
            [Effect::Copy(
                "https://connection.eu-central-1.keboola.com/v2/storage/jobs/105".into()
            )]
        );
    }

    #[test]
    fn a_queue_jobs_link_names_its_own_project() {
        let s = sample(View::Queue);
        let job = crate::model::RawQueueJob::parse(
            r#"{"id":"7","runId":"7","status":"success","project":{"id":"66","name":"Acme"}}"#,
        )
        .unwrap()
        .job;
        assert_eq!(
            s.link(&AnyJob::Queue(job)).unwrap(),
            "http://127.0.0.1:9/admin/projects/66/queue/7"
        );
    }

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    /// flow 0 > phase 1 > (task 2 > storage 3 ok), (job 4 > storage 5 failed).
    pub fn run_tree() -> RunNode {
        let queue = |name: &str| {
            RunNode::queue(
                crate::model::RawQueueJob::parse(&fixture(&format!("queue/{name}"))).unwrap(),
            )
        };
        let storage = |name: &str| RunNode::storage(RawJob::parse(&fixture(name)).unwrap());
        let mut flow = queue("queue-flow-processing.json");
        let mut phase = queue("queue-phase-waiting.json");
        let mut ok = queue("queue-standard-success.json");
        ok.children.push(storage("tableImport-success.json"));
        let mut bad = queue("queue-standard-error.json");
        bad.children.push(storage("tableImport-error.json"));
        phase.children.push(ok);
        phase.children.push(bad);
        flow.children.push(phase);
        flow
    }

    fn node_id(s: &State) -> u64 {
        let pane = s.pane.as_ref().unwrap();
        match &pane.tree().unwrap().nodes()[pane.node].job {
            RunJob::Queue(q) => q.job.id,
            RunJob::Storage(j) => j.job.id,
        }
    }

    #[test]
    fn the_tree_cursor_starts_on_the_failure_moves_and_enter_opens_the_node() {
        let mut s = sample(View::Queue);
        s.resized(5, 3);
        assert_eq!(s.key(KeyPress::Char('t')), [Effect::FetchTree(1205330070)]);
        s.tree_loaded(1205330070, Ok(run_tree()));
        let pane = s.pane.as_ref().unwrap();
        // The failed storage job under the failed job, and the tree scrolled to it: its
        // line and its error line are the last two of the six nodes' eight lines.
        assert_eq!(pane.node, 5);
        assert_eq!(pane.tree_top, 8 - 3);
        let failed = node_id(&s);
        s.key(KeyPress::Char('k'));
        assert_eq!(s.pane.as_ref().unwrap().node, 4);
        s.key(KeyPress::Char('g'));
        assert_eq!(s.pane.as_ref().unwrap().node, 0);
        assert_eq!(s.pane.as_ref().unwrap().tree_top, 0);
        s.key(KeyPress::End);
        assert_eq!(node_id(&s), failed);
        s.key(KeyPress::Down);
        assert_eq!(node_id(&s), failed, "the last node stays selected");
        // y copies the node's id, not the row's.
        assert_eq!(
            s.key(KeyPress::Char('y')),
            [Effect::Copy(failed.to_string())]
        );
        // Enter opens the node's detail; the arrows scroll it; Esc is back on the tree.
        s.key(KeyPress::Enter);
        let pane = s.pane.as_ref().unwrap();
        assert!(pane.node_open);
        assert!(matches!(
            pane.open_node().map(|n| &n.job),
            Some(RunJob::Storage(j)) if j.job.id == failed
        ));
        s.key(KeyPress::Down);
        assert_eq!(s.pane.as_ref().unwrap().scroll, 1);
        s.key(KeyPress::Esc);
        let pane = s.pane.as_ref().unwrap();
        assert!(!pane.node_open);
        assert_eq!(pane.node, 5);
        s.key(KeyPress::Esc);
        assert!(s.pane.is_none());
    }

    #[test]
    fn a_tree_without_a_failure_starts_on_its_root() {
        let mut s = sample(View::Queue);
        s.key(KeyPress::Char('t'));
        let mut ok = run_tree();
        ok.children[0].children.pop();
        s.tree_loaded(1205330070, Ok(ok));
        assert_eq!(s.pane.as_ref().unwrap().node, 0);
    }

    fn event(n: u64, kind: &str) -> Event {
        Event {
            uuid: Some(format!("0193-{n:04}")),
            id: Some(n),
            message: Some(format!("line {n}")),
            kind: crate::model::EventType::parse(kind),
            ..Event::default()
        }
    }

    fn events(s: &State) -> Vec<u64> {
        let log = s.pane.as_ref().and_then(|p| p.log.as_ref()).unwrap();
        log.events.iter().filter_map(|e| e.id).collect()
    }

    fn fetch(effects: Vec<Effect>) -> LogRequest {
        match effects.as_slice() {
            [Effect::FetchLog(r)] => r.clone(),
            other => panic!("not one log request: {other:?}"),
        }
    }

    #[test]
    fn l_opens_the_log_of_a_running_job_and_follows_it_until_after_its_end() {
        let mut s = sample(View::Queue);
        assert_eq!(s.selected_row().unwrap().job.id(), 1205330070);
        let first = fetch(s.key(KeyPress::Char('l')));
        assert_eq!(
            first,
            LogRequest {
                key: (JobKind::Queue, 1205330070),
                session: 1,
                run_id: "1205330070".into(),
                since: None,
                after: std::time::Duration::ZERO,
            }
        );
        assert_eq!((first.limit(), first.first()), (LOG_FIRST, true));
        assert_eq!(s.pane.as_ref().unwrap().mode, PaneMode::Log);
        assert_eq!(s.focus, Focus::Pane);
        // The first page comes newest first and is shown oldest first.
        let next = fetch(s.log_loaded(
            &first,
            Ok(vec![event(3, "info"), event(2, "warn"), event(1, "info")]),
        ));
        assert_eq!(events(&s), [1, 2, 3]);
        assert_eq!(next.since.as_deref(), Some("0193-0003"));
        assert_eq!((next.after, next.limit()), (LOG_EVERY, LOG_PAGE));
        // Each event once, whatever a retried request repeats.
        let next = fetch(s.log_loaded(&next, Ok(vec![event(3, "info"), event(4, "error")])));
        assert_eq!(events(&s), [1, 2, 3, 4]);
        assert_eq!(next.since.as_deref(), Some("0193-0004"));
        // A full page: the next at once.
        let page: Vec<Event> = (5..5 + LOG_PAGE).map(|n| event(n, "info")).collect();
        let next = fetch(s.log_loaded(&next, Ok(page)));
        assert_eq!(next.after, std::time::Duration::ZERO);
        assert_eq!(next.since.as_deref(), Some("0193-0104"));
        // The job ends: one more round after the end, then no more.
        let now = s.now;
        s.loaded(
            JobKind::Queue,
            Ok(vec![queue(
                1205330070,
                "success",
                "keboola.ex-db-snowflake",
                "2026-12-01T11:58:00Z",
            )]),
            now,
        );
        let last = fetch(s.log_loaded(&next, Ok(vec![event(200, "success")])));
        assert_eq!(last.after, LOG_EVERY);
        assert!(s.awaited_log().is_some());
        assert_eq!(s.log_loaded(&last, Ok(Vec::new())), []);
        assert_eq!(s.awaited_log(), None);
        let log = s.pane.as_ref().and_then(|p| p.log.as_ref()).unwrap();
        assert!(!log.following);
        assert_eq!(log.events.len(), 4 + LOG_PAGE as usize + 1);
    }

    #[test]
    fn a_finished_jobs_log_is_read_once_and_a_closed_panes_page_is_dropped() {
        let mut s = sample(View::Queue);
        s.key(KeyPress::Down);
        assert_eq!(s.selected_row().unwrap().job.id(), 1205330069);
        let first = fetch(s.key(KeyPress::Char('l')));
        assert_eq!(s.log_loaded(&first, Ok(vec![event(1, "info")])), []);
        assert_eq!(s.awaited_log(), None);
        // l again (or Esc) closes it; a page that arrives later changes nothing.
        assert_eq!(s.key(KeyPress::Char('l')), []);
        assert!(s.pane.is_none());
        let again = fetch(s.key(KeyPress::Char('l')));
        assert_eq!(again.session, 2);
        s.key(KeyPress::Esc);
        assert!(s.pane.is_none());
        assert_eq!(s.log_loaded(&again, Ok(vec![event(1, "info")])), []);
        // A late page of the first opening does not feed a later one.
        let third = fetch(s.key(KeyPress::Char('l')));
        assert_eq!(s.log_loaded(&first, Ok(vec![event(9, "info")])), []);
        assert_eq!(events(&s), Vec::<u64>::new());
        assert_eq!(third.session, 3);
    }

    #[test]
    fn a_failed_page_is_asked_again_later_and_keeps_what_was_shown() {
        let mut s = sample(View::Queue);
        let first = fetch(s.key(KeyPress::Char('l')));
        let next = fetch(s.log_loaded(&first, Ok(vec![event(1, "info")])));
        let retry = fetch(s.log_loaded(&next, Err("HTTP 503\x1b[2J".into())));
        assert_eq!(retry.since, next.since);
        assert_eq!(retry.after, LOG_EVERY * 2);
        let log = s.pane.as_ref().and_then(|p| p.log.as_ref()).unwrap();
        assert_eq!(log.error.as_deref(), Some("HTTP 503"));
        let retry = fetch(s.log_loaded(&retry, Err("again".into())));
        assert_eq!(retry.after, LOG_EVERY * 4);
        fetch(s.log_loaded(&retry, Ok(vec![event(2, "info")])));
        assert_eq!(events(&s), [1, 2]);
        assert!(
            s.pane
                .as_ref()
                .and_then(|p| p.log.as_ref())
                .unwrap()
                .error
                .is_none()
        );
    }

    #[test]
    fn a_storage_jobs_log_is_its_runs_and_one_without_a_run_id_has_none() {
        let mut s = sample(View::Storage);
        assert_eq!(s.key(KeyPress::Char('l')), []);
        assert_eq!(
            s.flash.as_deref(),
            Some("l: storage job 105 has no run id, so no log")
        );
        let body = serde_json::json!({"id": 106, "status": "processing", "runId": "1205330070",
            "operationName": "tableImport", "createdTime": "2026-12-01T11:59:30Z"});
        let job = AnyJob::Storage(RawJob::parse(&body.to_string()).unwrap().job);
        let now = s.now;
        let mut rows = s.storage_jobs();
        rows.insert(0, job);
        s.loaded(JobKind::Storage, Ok(rows), now);
        s.key(KeyPress::Home);
        let first = fetch(s.key(KeyPress::Char('l')));
        assert_eq!(
            (first.key, first.run_id.as_str()),
            ((JobKind::Storage, 106), "1205330070")
        );
    }

    #[test]
    fn the_log_scrolls_back_and_g_returns_to_the_newest() {
        let mut s = sample(View::Queue);
        s.resized(10, 5);
        let first = fetch(s.key(KeyPress::Char('l')));
        let page: Vec<Event> = (1..=20).rev().map(|n| event(n, "info")).collect();
        s.log_loaded(&first, Ok(page));
        let back = |s: &State| s.pane.as_ref().and_then(|p| p.log.as_ref()).unwrap().back;
        s.key(KeyPress::Up);
        s.key(KeyPress::Up);
        assert_eq!(back(&s), 2);
        s.key(KeyPress::Down);
        assert_eq!(back(&s), 1);
        s.key(KeyPress::Home);
        // 20 lines and the follow line, 5 shown.
        assert_eq!(back(&s), 21 - 5);
        s.key(KeyPress::PageUp);
        assert_eq!(back(&s), 21 - 5, "no further than the first line");
        s.key(KeyPress::Char('G'));
        assert_eq!(back(&s), 0);
        // The log follows the selection, as the detail does.
        s.key(KeyPress::Tab);
        let next = fetch(s.key(KeyPress::Down));
        assert_eq!(next.key, (JobKind::Queue, 1205330069));
        assert_eq!(s.focus, Focus::List);
    }
}
