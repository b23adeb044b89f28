//! `jobctl top` drawn: a pure function from its [`State`] to a ratatui frame (header,
//! table, detail pane, footer, help), testable on a `TestBackend`. The state and its
//! update functions are in [`state`]; nothing here reads a terminal or the network.

#[doc(hidden)]
pub mod bench;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style as Look};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Row as TableRow, Table};
use unicode_width::UnicodeWidthStr;

use super::detail::Block as Fields;
use crate::dashboard::state::{Class, Feed, Focus, Only, PaneMode, Sort, State, View};
use crate::model::{AnyJob, JobKind, Verdict};
use crate::render::{
    Related, Style, age, detail, human_duration, log_pane_lines, running_duration, tree_lines,
    truncate,
};

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub table: Rect,
    pub pane: Rect,
    /// The line of a watched job that ended, while one is shown.
    pub notice: Rect,
    pub footer: Rect,
}

/// Below this the screen says it is too small instead of drawing a table.
const MIN_WIDTH: u16 = 20;
const MIN_HEIGHT: u16 = 3;
/// Wide enough to put the pane beside the table instead of under it.
const SIDE_BY_SIDE: u16 = 140;

/// Lays the screen out; the command asks it for the table's height (its page).
pub fn areas(area: Rect, state: &State) -> Areas {
    let header_h = match area.height {
        0..12 => 1,
        _ => 3,
    };
    let footer_h = u16::from(area.height >= 6);
    let notice_h = u16::from(area.height >= 8 && !state.notices.is_empty());
    let [header, body, notice, footer] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Min(0),
        Constraint::Length(notice_h),
        Constraint::Length(footer_h),
    ])
    .areas(area);
    let (table, pane) = match &state.pane {
        None => (body, Rect::default()),
        // Too little room for both: the pane takes the body.
        Some(_) if body.height < 10 && body.width < SIDE_BY_SIDE => (Rect::default(), body),
        Some(_) if body.width >= SIDE_BY_SIDE => {
            let [t, p] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
            (t, p)
        }
        // The table keeps the rows it has, up to 2/5 of the body, and more when the pane
        // needs less than the rest; the pane takes what the table does not need.
        Some(_) => {
            let rows = u16::try_from(state.visible_len()).unwrap_or(u16::MAX);
            let table_wants = rows.saturating_add(1).max(2);
            let inner = usize::from(body.width.saturating_sub(2).max(1));
            let pane_lines = u16::try_from(pane_lines(state, inner).len()).unwrap_or(u16::MAX);
            let pane_wants = pane_lines.saturating_add(2);
            let floor = body.height * 2 / 5;
            let table_h = table_wants.min(floor.max(body.height.saturating_sub(pane_wants)));
            let [t, p] =
                Layout::vertical([Constraint::Length(table_h), Constraint::Fill(1)]).areas(body);
            (t, p)
        }
    };
    Areas {
        header,
        table,
        pane,
        notice,
        footer,
    }
}

/// Tells the state how much room the table and the open pane have at this size (the
/// table's page, what the pane's cursor scrolls within).
pub fn fit(area: Rect, state: &mut State) {
    let a = areas(area, state);
    state.resized(
        usize::from(a.table.height.saturating_sub(1)),
        usize::from(a.pane.height.saturating_sub(2)),
    );
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = truncate("jobctl top: terminal too small", usize::from(area.width));
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let a = areas(area, state);
    header(frame, a.header, state);
    if a.table.height > 0 {
        table(frame, a.table, state);
    }
    if a.pane.height > 0 {
        pane(frame, a.pane, state);
    }
    if a.notice.height > 0 {
        notice(frame, a.notice, state);
    }
    if a.footer.height > 0 {
        footer(frame, a.footer, state);
    }
    if state.help {
        help(frame, area, state);
    }
}

fn look(state: &State) -> Looks {
    Looks { color: state.color }
}

/// Colours when they are on; without colour only bold and reverse video mark things.
#[derive(Clone, Copy)]
struct Looks {
    color: bool,
}

impl Looks {
    fn fg(self, c: Color) -> Look {
        match self.color {
            true => Look::new().fg(c),
            false => Look::new(),
        }
    }

    fn class(self, class: Class) -> Look {
        match class {
            Class::Success => self.fg(Color::Green),
            Class::Failed => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Class::Running => self.fg(Color::Yellow),
            Class::Waiting => self.fg(Color::Cyan),
            Class::Warning => self.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            Class::Other => self.fg(Color::Magenta),
        }
    }

    fn dim(self) -> Look {
        match self.color {
            true => Look::new().add_modifier(Modifier::DIM),
            false => Look::new(),
        }
    }
}

fn health(name: &str, feed: &Feed, state: &State, l: Looks) -> Vec<Span<'static>> {
    let text = match (&feed.error, feed.refreshed) {
        (Some((message, retry)), _) => {
            let secs = retry.duration_since(state.now).as_secs().max(0);
            return vec![Span::styled(
                format!("{name} ✗ retry in {secs}s: {message}"),
                l.fg(Color::Red),
            )];
        }
        (None, Some(at)) => format!("{name} ✓ {}", age(at, state.now)),
        (None, None) => format!("{name} …"),
    };
    vec![Span::styled(text, l.dim())]
}

fn header(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let (running, waiting, failed) = state.counts();
    let mut counts = vec![
        Span::styled(format!("{running} running"), l.class(Class::Running)),
        Span::raw("  "),
        Span::styled(format!("{waiting} waiting"), l.class(Class::Waiting)),
        Span::raw("  "),
        Span::styled(format!("{failed} failed"), l.class(Class::Failed)),
        Span::raw(" in the last hour"),
    ];
    let mut feeds: Vec<Span> = Vec::new();
    for kind in state.view.kinds() {
        feeds.push(Span::raw("  "));
        feeds.extend(health(kind.name(), state.feed(kind), state, l));
    }
    let mut view = format!("  [{}]", state.view.name());
    match state.only {
        Only::All => {}
        Only::Failed => view.push_str(" failed only"),
        Only::Running => view.push_str(" running only"),
    }
    if state.sort != Sort::Live || state.reversed {
        view.push_str(&format!(" sort: {} {}", state.sort.name(), arrow(state)));
    }
    if !state.filter.is_empty() && !state.typing {
        view.push_str(&format!(" /{}", state.filter));
    }
    let lines = match area.height {
        1 => {
            counts.push(Span::raw(view));
            counts.extend(feeds);
            vec![Line::from(counts)]
        }
        _ => {
            let mut first = vec![Span::styled(
                "jobctl top",
                Look::new().add_modifier(Modifier::BOLD),
            )];
            first.push(Span::raw(format!("  {}", state.stack)));
            if let Some(project) = &state.project {
                first.push(Span::raw(format!("  project {project}")));
            }
            // The feeds' health on a line of its own: an error message needs the room.
            let mut second = vec![Span::styled("refreshed", l.dim())];
            second.extend(feeds);
            counts.push(Span::raw(view));
            vec![Line::from(first), Line::from(second), Line::from(counts)]
        }
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// `↓` in the sort's own order, `↑` reversed.
fn arrow(state: &State) -> &'static str {
    match state.reversed {
        true => "↑",
        false => "↓",
    }
}

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// `w` on a watched job.
    Mark,
    JobKind,
    Id,
    Status,
    /// A storage job's operation, a queue job's component.
    What,
    /// A storage job's table, a queue job's config.
    Target,
    Created,
    Duration,
    Error,
}

/// The table's columns at a width, in order, with their widths.
fn columns(width: u16, view: View) -> Vec<(Col, Constraint)> {
    let mut c = vec![(Col::Mark, Constraint::Length(1))];
    if view == View::Both {
        c.push((
            Col::JobKind,
            Constraint::Length(if width >= 100 { 7 } else { 1 }),
        ));
    }
    c.push((Col::Id, Constraint::Length(10)));
    c.push((Col::Status, Constraint::Length(11)));
    if width >= 34 {
        c.push((Col::What, Constraint::Fill(2)));
    }
    if width >= 60 {
        c.push((Col::Target, Constraint::Fill(2)));
    }
    if width >= 80 {
        c.push((Col::Created, Constraint::Length(8)));
    }
    if width >= 46 {
        c.push((Col::Duration, Constraint::Length(9)));
    }
    if width >= 110 {
        c.push((Col::Error, Constraint::Fill(3)));
    }
    c
}

/// A column's header: named for the kinds shown, with the sort's arrow on the sorted one.
fn title(col: Col, width: u16, state: &State) -> String {
    let name = match (col, state.view) {
        (Col::Mark, _) => " ",
        (Col::JobKind, _) if width >= 7 => "KIND",
        (Col::JobKind, _) => "K",
        (Col::Id, _) => "ID",
        (Col::Status, _) => "STATUS",
        (Col::What, View::Storage) => "OPERATION",
        (Col::What, View::Queue) => "COMPONENT",
        (Col::What, View::Both) => "OPERATION",
        (Col::Target, View::Storage) => "TABLE",
        (Col::Target, View::Queue) => "CONFIG",
        (Col::Target, View::Both) => "TABLE/CONFIG",
        (Col::Created, _) => "CREATED",
        (Col::Duration, _) => "DURATION",
        (Col::Error, _) => "ERROR",
    };
    let sorted = matches!(
        (col, state.sort),
        (Col::Created, Sort::Created)
            | (Col::Duration, Sort::Duration)
            | (Col::Status, Sort::Status)
    );
    match sorted {
        true => format!("{name}{}", arrow(state)),
        false => name.to_owned(),
    }
}

fn table(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let cols = columns(area.width, state.view);
    let widths: Vec<Constraint> = cols.iter().map(|c| c.1).collect();
    // Each column's width, to cut texts to (ratatui would cut them without a mark).
    let cells = Layout::horizontal(widths.clone())
        .spacing(1)
        .split(Rect::new(0, 0, area.width, 1));
    let header = TableRow::new(
        cols.iter()
            .zip(cells.iter())
            .map(|(c, cell)| title(c.0, cell.width, state)),
    )
    .style(l.dim().add_modifier(Modifier::BOLD));
    let rows_shown = usize::from(area.height.saturating_sub(1));
    let mut rows = Vec::with_capacity(rows_shown);
    for (n, row) in state.window(state.top, rows_shown).enumerate() {
        let selected = state.top + n == state.selected;
        let mut out: Vec<Span> = Vec::with_capacity(cols.len());
        for (i, (col, _)) in cols.iter().enumerate() {
            let w = usize::from(cells[i].width);
            let cell = match *col {
                Col::Mark => Span::raw(match state.watched.contains(&row.key()) {
                    true => "w",
                    false => " ",
                }),
                Col::JobKind => Span::styled(
                    match (row.job.kind(), w) {
                        (JobKind::Storage, 1) => "S",
                        (JobKind::Queue, 1) => "Q",
                        (kind, _) => kind.name(),
                    },
                    l.dim(),
                ),
                Col::Id => Span::raw(row.job.id().to_string()),
                Col::Status => Span::styled(truncate(&row.status(), w), l.class(row.class())),
                Col::What => Span::raw(truncate(&row.what(), w)),
                Col::Target => Span::raw(crate::render::truncate_left(&row.target(), w)),
                Col::Created => Span::styled(
                    row.created().map(|t| age(t, state.now)).unwrap_or_default(),
                    l.dim(),
                ),
                Col::Duration => Span::raw(
                    row.duration(state.now)
                        .map(human_duration)
                        .unwrap_or_default(),
                ),
                Col::Error => Span::styled(truncate(&row.error(), w), l.fg(Color::Red)),
            };
            out.push(cell);
        }
        let mut r = TableRow::new(out);
        if selected {
            let focus = match state.focus {
                Focus::List => Modifier::REVERSED,
                Focus::Pane => Modifier::REVERSED | Modifier::DIM,
            };
            r = r.style(Look::new().add_modifier(focus));
        }
        rows.push(r);
    }
    let empty = state.visible_len() == 0;
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
    if empty && area.height > 1 {
        let text = match (state.storage.refreshed, state.queue.refreshed) {
            (None, None) => "loading…",
            _ if !state.filter.is_empty() || state.only != Only::All => {
                "no job matches (Esc clears the filter)"
            }
            _ => "no jobs",
        };
        let at = Rect::new(area.x, area.y + 1, area.width, 1);
        frame.render_widget(Paragraph::new(text).style(l.dim()), at);
    }
}

/// The lines of the open pane, each with whether it is the tree's selected node: the
/// detail view of `show` / `queue show` (a failed job's status, duration and error on
/// top), the run tree with its cursor, or the detail of the tree node opened.
pub fn pane_lines(state: &State, width: usize) -> Vec<(String, bool)> {
    let style = Style {
        color: false,
        terminal: true,
        now: state.now,
        zone: state.zone.clone(),
    };
    let Some(pane) = &state.pane else {
        return Vec::new();
    };
    let plain = |text: String| text.lines().map(|l| (l.to_owned(), false)).collect();
    match pane.mode {
        PaneMode::Detail => plain(match state.pane_job() {
            Some(job) => job_text(job, &style, width),
            None => "the job is no longer listed".to_owned(),
        }),
        PaneMode::Log => match &pane.log {
            Some(log) => log_pane_lines(log, &style)
                .into_iter()
                .map(|l| (l, false))
                .collect(),
            None => Vec::new(),
        },
        PaneMode::Tree => match (&pane.tree, pane.open_node()) {
            (None, _) => plain("fetching the run tree…".to_owned()),
            (Some(Err(e)), _) => plain(format!("cannot fetch the run tree: {e}")),
            (Some(Ok(_)), Some(node)) => plain(job_text(&AnyJob::from(&node.job), &style, width)),
            (Some(Ok(root)), None) => tree_lines(root, &style, Some(width))
                .into_iter()
                .map(|(n, line)| (line, n == pane.node))
                .collect(),
        },
    }
}

/// The detail view of a job; a failed one starts with what a person opens it for (its
/// status, how long it ran, its error), then the whole view.
fn job_text(job: &AnyJob, style: &Style, width: usize) -> String {
    let full = detail(job, &Related::default(), style, Some(width));
    if job.verdict() != Some(Verdict::Failed) {
        return full;
    }
    let error = match (job.error_code(), job.error_message()) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (c, m) => c.or(m).unwrap_or("none reported").to_owned(),
    };
    let (status, duration, ended) = (job.status(), job.duration(style.now), job.end_time());
    let mut head = Fields::default();
    head.row(0, "Status", crate::render::sanitize(status).into_owned());
    if let Some(d) = duration {
        let ago = ended
            .map(|e| format!(" (ended {})", age(e.to_utc(), style.now)))
            .unwrap_or_default();
        let d = match ended {
            Some(_) => human_duration(d),
            None => running_duration(d),
        };
        head.row(0, "Duration", format!("{d}{ago}"));
    }
    head.row(0, "Error", crate::render::sanitize(&error).into_owned());
    let rule = "─".repeat(width.min(40));
    format!("{}{rule}\n{full}", head.finish(Some(width)))
}

fn pane(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let Some(p) = &state.pane else { return };
    let mut title = format!(" {} job {}", p.key.0.name(), p.key.1);
    if p.mode == PaneMode::Tree {
        title.push_str(" run tree");
    }
    if let Some(log) = p.log.as_ref().filter(|_| p.mode == PaneMode::Log) {
        title.push_str(&format!(
            " log (run {})",
            crate::render::sanitize(&log.run_id)
        ));
    }
    if let Some(node) = p.open_node() {
        let job = AnyJob::from(&node.job);
        let (kind, id) = (job.kind().name(), job.id());
        title.push_str(&format!(" › {kind} job {id} (Esc: the tree)"));
    }
    title.push(' ');
    let border = match state.focus {
        Focus::Pane => l.fg(Color::Blue),
        Focus::List => l.dim(),
    };
    let block = Block::bordered().title(title).border_style(border);
    let inner = block.inner(area);
    let lines = pane_lines(state, usize::from(inner.width.max(1)));
    let on_tree = p.tree().is_some() && !p.node_open;
    let top = match (on_tree, p.log.as_ref().filter(|_| p.mode == PaneMode::Log)) {
        (true, _) => p.tree_top,
        // A log shows its end (the newest lines), or as far back as scrolled.
        (false, Some(log)) => lines
            .len()
            .saturating_sub(usize::from(inner.height))
            .saturating_sub(log.back),
        (false, None) => {
            let last = lines.len().saturating_sub(usize::from(inner.height));
            usize::from(p.scroll).min(last)
        }
    };
    let cursor = match state.focus {
        Focus::Pane => Look::new().add_modifier(Modifier::REVERSED),
        Focus::List => Look::new().add_modifier(Modifier::REVERSED | Modifier::DIM),
    };
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(usize::from(inner.height))
        .map(|(text, selected)| match selected {
            // The cursor spans the pane's width, as the table's selection does.
            true => {
                let pad = usize::from(inner.width).saturating_sub(text.width());
                Line::styled(format!("{text}{}", " ".repeat(pad)), cursor)
            }
            false => Line::raw(text),
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(Text::from(shown)).block(block), area);
}

/// The line a watched job leaves when it ends, until Esc: the newest, and how many more.
fn notice(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let Some(last) = state.notices.last() else {
        return;
    };
    let more = match state.notices.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    let tail = format!("{more}  Esc dismisses");
    let mark = match last.class {
        Class::Success => "✓",
        Class::Warning => "!",
        Class::Failed => "✗",
        _ => "•",
    };
    let room = usize::from(area.width).saturating_sub(2 + tail.chars().count());
    let line = Line::from(vec![
        Span::styled(
            format!("{mark} {}", last.line(room.max(1))),
            l.class(last.class).add_modifier(Modifier::REVERSED),
        ),
        Span::styled(tail, l.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer's keys, the most needed first: as many as the width holds, whole.
const HINTS: &[&str] = &[
    "? help",
    "q quit",
    "/ filter",
    "Enter open",
    "f failed",
    "r running",
    "s sort",
    "t tree",
    "l log",
    "w watch",
    "o link",
    "K kill",
    "y copy",
    "Tab kind",
];
const PANE_HINTS: &[&str] = &[
    "? help",
    "q quit",
    "Esc back",
    "↑↓ scroll",
    "Enter close",
    "Tab table",
    "o link",
];
const LOG_HINTS: &[&str] = &[
    "? help",
    "q quit",
    "Esc close",
    "↑↓ scroll",
    "G newest",
    "Tab table",
];
const NODE_HINTS: &[&str] = &[
    "? help",
    "q quit",
    "Esc tree",
    "↑↓ scroll",
    "o link",
    "y copy",
    "Tab table",
];
const TREE_HINTS: &[&str] = &[
    "? help",
    "q quit",
    "Esc back",
    "↑↓ move",
    "Enter open",
    "o link",
    "y copy",
    "Tab table",
];

/// The hints that fit in `width`, two spaces apart; a hint is never cut.
fn fit_hints(hints: &[&str], width: usize) -> String {
    let mut out = String::new();
    for hint in hints {
        let sep = if out.is_empty() { 0 } else { 2 };
        if out.chars().count() + sep + hint.chars().count() > width {
            break;
        }
        if sep > 0 {
            out.push_str("  ");
        }
        out.push_str(hint);
    }
    out
}

fn footer(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let width = usize::from(area.width);
    let line = if let Some(id) = state.confirm_kill {
        Line::styled(
            truncate(&format!("Kill queue job {id}? y/n"), width),
            l.fg(Color::Red).add_modifier(Modifier::BOLD),
        )
    } else if state.typing {
        Line::raw(truncate(
            &format!("/{}▏ (Enter keeps, Esc clears)", state.filter),
            width,
        ))
    } else if let Some(flash) = &state.flash {
        Line::raw(truncate(flash, width))
    } else {
        let hints = match (&state.pane, state.focus) {
            (Some(p), Focus::Pane) if p.mode == PaneMode::Log => LOG_HINTS,
            (Some(p), Focus::Pane) if p.node_open => NODE_HINTS,
            (Some(p), Focus::Pane) if p.tree().is_some() => TREE_HINTS,
            (Some(_), Focus::Pane) => PANE_HINTS,
            _ => HINTS,
        };
        Line::styled(fit_hints(hints, width), l.dim())
    };
    frame.render_widget(Paragraph::new(line), area);
}

const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move (in a pane: scroll, or the tree's nodes)"),
    ("PgUp PgDn", "a page"),
    ("g G  Home End", "first, last"),
    (
        "/",
        "filter as you type: id, operation, component, table, status, error",
    ),
    ("f  r", "failed only, running only (again: all)"),
    (
        "s  S",
        "sort: running first, created, duration, status; reverse",
    ),
    (
        "Tab  Shift-Tab",
        "storage jobs, queue jobs, both; from a pane: the table",
    ),
    (
        "Enter",
        "detail of the job, or of the tree's node (again: close)",
    ),
    ("t", "run tree of a queue job, the cursor on what failed"),
    (
        "l",
        "the job's log (in the tree: the node's), followed while it runs",
    ),
    (
        "w",
        "watch the job: a line, bell and notification when it ends",
    ),
    (
        "o",
        "show and copy the job's link (UI page, storage: API URL)",
    ),
    (
        "O",
        "open the link in a browser (needs a display or $BROWSER)",
    ),
    ("y", "copy the id (OSC 52)"),
    ("K", "kill a queue job (asks y/n)"),
    ("Esc", "back: the notice, the node, the pane, the filter"),
    ("?", "this help"),
    ("q  Ctrl-C", "quit"),
];

fn help(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    // As wide as the longest line (the keys' column, two spaces, the text, the borders).
    let widest = HELP
        .iter()
        .map(|(_, what)| 17 + what.chars().count() + 2)
        .max()
        .unwrap_or(0);
    let width = area.width.min(u16::try_from(widest).unwrap_or(u16::MAX));
    let height = (HELP.len() as u16 + 2).min(area.height);
    let at = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>15}  "), l.fg(Color::Cyan)),
                Span::raw(*what),
            ])
        })
        .collect();
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" keys (any key closes) ")),
        at,
    );
}

#[cfg(test)]
mod tests;
