//! `jobctl top` drawn: a pure function from its [`State`] to a ratatui frame (header,
//! table, detail pane, footer, help), testable on a `TestBackend`. The state and its
//! update functions are in [`state`]; nothing here reads a terminal or the network.

#[doc(hidden)]
pub mod bench;
pub mod state;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style as Look};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Row as TableRow, Table};

use self::state::{Class, Entry, Feed, Focus, Kind, Only, PaneMode, State, View};
use crate::render::{Style, age, detail, human_duration, queue_detail, tree_text, truncate};

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub table: Rect,
    pub pane: Rect,
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
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Min(0),
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
        Some(_) => {
            let [t, p] =
                Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body);
            (t, p)
        }
    };
    Areas {
        header,
        table,
        pane,
        footer,
    }
}

/// How many job rows the table shows at this size (its header line taken off).
pub fn page_rows(area: Rect, state: &State) -> usize {
    usize::from(areas(area, state).table.height.saturating_sub(1))
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
            let secs = (*retry - state.now).num_seconds().max(0);
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
    for (kind, name) in [(Kind::Storage, "storage"), (Kind::Queue, "queue")] {
        if state.view.shows(kind) {
            let feed = match kind {
                Kind::Storage => &state.storage,
                Kind::Queue => &state.queue,
            };
            feeds.push(Span::raw("  "));
            feeds.extend(health(name, feed, state, l));
        }
    }
    let mut view = format!("  [{}]", state.view.name());
    match state.only {
        Only::All => {}
        Only::Failed => view.push_str(" failed only"),
        Only::Running => view.push_str(" running only"),
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

/// The table's columns at a width, in order; `true` for the ones that share what is left.
fn columns(width: u16, view: View) -> Vec<(&'static str, Constraint)> {
    let mut c = vec![(" ", Constraint::Length(1))];
    if view == View::Both {
        c.push(match width >= 100 {
            true => ("KIND", Constraint::Length(7)),
            false => ("K", Constraint::Length(1)),
        });
    }
    c.push(("ID", Constraint::Length(10)));
    c.push(("STATUS", Constraint::Length(11)));
    if width >= 34 {
        c.push(("OPERATION", Constraint::Fill(2)));
    }
    if width >= 60 {
        c.push(("TABLE/CONFIG", Constraint::Fill(2)));
    }
    if width >= 80 {
        c.push(("CREATED", Constraint::Length(8)));
    }
    if width >= 46 {
        c.push(("DURATION", Constraint::Length(8)));
    }
    if width >= 110 {
        c.push(("ERROR", Constraint::Fill(3)));
    }
    c
}

fn table(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let cols = columns(area.width, state.view);
    let widths: Vec<Constraint> = cols.iter().map(|c| c.1).collect();
    // Each column's width, to cut texts to (ratatui would cut them without a mark).
    let cells = Layout::horizontal(widths.clone())
        .spacing(1)
        .split(Rect::new(0, 0, area.width, 1));
    let header =
        TableRow::new(cols.iter().map(|c| c.0)).style(l.dim().add_modifier(Modifier::BOLD));
    let rows_shown = usize::from(area.height.saturating_sub(1));
    let mut rows = Vec::with_capacity(rows_shown);
    for (n, row) in state.window(state.top, rows_shown).enumerate() {
        let selected = state.top + n == state.selected;
        let mut out: Vec<Span> = Vec::with_capacity(cols.len());
        for (i, (name, _)) in cols.iter().enumerate() {
            let w = usize::from(cells[i].width);
            let cell = match *name {
                " " => Span::raw(match state.watched.contains(&row.key()) {
                    true => "w",
                    false => " ",
                }),
                "KIND" | "K" => Span::styled(
                    match (row.entry.kind(), w) {
                        (Kind::Storage, 1) => "S",
                        (Kind::Queue, 1) => "Q",
                        (Kind::Storage, _) => "storage",
                        (Kind::Queue, _) => "queue",
                    },
                    l.dim(),
                ),
                "ID" => Span::raw(row.entry.id().to_string()),
                "STATUS" => Span::styled(truncate(&row.status, w), l.class(row.class)),
                "OPERATION" => Span::raw(truncate(&row.what, w)),
                "TABLE/CONFIG" => Span::raw(crate::render::truncate_left(&row.target, w)),
                "CREATED" => Span::styled(
                    row.created.map(|t| age(t, state.now)).unwrap_or_default(),
                    l.dim(),
                ),
                "DURATION" => Span::raw(
                    row.duration(state.now)
                        .map(human_duration)
                        .unwrap_or_default(),
                ),
                _ => Span::styled(truncate(&row.error, w), l.fg(Color::Red)),
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
                "no job matches (Esc clears the filter, f and r toggle)"
            }
            _ => "no jobs",
        };
        let at = Rect::new(area.x, area.y + 1, area.width, 1);
        frame.render_widget(Paragraph::new(text).style(l.dim()), at);
    }
}

/// The text of the open pane: the detail view of `show` / `queue show`, or the run tree.
pub fn pane_text(state: &State, width: usize) -> String {
    let style = Style {
        color: false,
        terminal: true,
        now: state.now,
    };
    let Some(pane) = &state.pane else {
        return String::new();
    };
    match pane.mode {
        PaneMode::Detail => match state.pane_entry() {
            Some(Entry::Storage(job)) => detail(job, &style, Some(width)),
            Some(Entry::Queue(job)) => queue_detail(job, None, &style, Some(width)),
            None => "the job is no longer listed".to_owned(),
        },
        PaneMode::Tree => match &pane.tree {
            None => "fetching the run tree…".to_owned(),
            Some(Err(e)) => format!("cannot fetch the run tree: {e}"),
            Some(Ok(root)) => tree_text(root, &style, Some(width)),
        },
    }
}

fn pane(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let Some(pane) = &state.pane else { return };
    let kind = match pane.key.0 {
        Kind::Storage => "storage job",
        Kind::Queue => "queue job",
    };
    let what = match pane.mode {
        PaneMode::Detail => "",
        PaneMode::Tree => " run tree",
    };
    let border = match state.focus {
        Focus::Pane => l.fg(Color::Blue),
        Focus::List => l.dim(),
    };
    let block = Block::bordered()
        .title(format!(" {kind} {}{what} ", pane.key.1))
        .border_style(border);
    let inner = block.inner(area);
    let text = pane_text(state, usize::from(inner.width.max(1)));
    let lines: Vec<Line> = text.lines().map(|s| Line::raw(s.to_owned())).collect();
    let last = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .scroll((pane.scroll.min(last), 0)),
        area,
    );
}

const HINTS: &str = "↑↓/jk move  / filter  f failed  r running  Tab kind  Enter detail  t tree  w watch  y copy  K kill  ? help  q quit";

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
        let hints = match state.focus {
            Focus::Pane => "↑↓/jk PgUp/PgDn scroll  Esc/Enter close  Tab list  q quit",
            Focus::List => HINTS,
        };
        Line::styled(truncate(hints, width), l.dim())
    };
    frame.render_widget(Paragraph::new(line), area);
}

const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move"),
    ("PgUp PgDn", "a page"),
    ("g G  Home End", "first, last"),
    (
        "/",
        "filter as you type: id, operation, component, table, status, error",
    ),
    ("f  r", "failed only, running only (again: all)"),
    ("Tab  Shift-Tab", "storage jobs, queue jobs, both"),
    ("Enter", "detail of the selected job (Esc or Enter closes)"),
    ("t", "run tree of a queue job"),
    ("w", "watch the job: bell and notification when it ends"),
    ("y", "copy the id (OSC 52)"),
    ("K", "kill a queue job (asks y/n)"),
    ("?", "this help"),
    ("q  Esc  Ctrl-C", "quit"),
];

fn help(frame: &mut Frame, area: Rect, state: &State) {
    let l = look(state);
    let width = area.width.min(76);
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
