//! The `timeline` picture: a Gantt chart of jobs over a window, as text fitted to a width
//! (Unicode blocks in colour, plain ASCII glyphs without) or as an SVG document, with a
//! time axis and the concurrency over the window below. Pure: no I/O, no clock.

use std::fmt::Write as _;

use jiff::tz::Offset;
use unicode_width::UnicodeWidthStr;

use super::{sanitize, truncate, truncate_left};

/// How a job ended, which picks its colour (and its glyph without colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Succeeded,
    /// Finished neither well nor badly (a queue job's warning, an unknown status).
    Other,
    Running,
    Failed,
}

/// One job on the chart: created, started (when it did) and ended (`None` while it runs:
/// the bar grows to the chart's `now`).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub created: jiff::Timestamp,
    pub started: Option<jiff::Timestamp>,
    pub ended: Option<jiff::Timestamp>,
    pub outcome: Outcome,
    /// The job, for the SVG's tooltip (`386520001 tableImport in.c-main.orders error`):
    /// server text, sanitised and escaped here; the times follow it.
    pub about: String,
}

/// One row: a job, or every job of an operation, table, component...
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Server text: sanitised here.
    pub label: String,
    /// The table (or configuration) the row is about, after the label: where the text
    /// picture is short of room it is cut from the left, as `list` cuts table ids (their
    /// end names them); the SVG never cuts it.
    pub target: Option<String>,
    pub bars: Vec<Bar>,
}

impl Row {
    /// The label and the target, as one text.
    fn full_label(&self) -> String {
        let label = sanitize(&self.label);
        match self.target.as_deref().map(sanitize) {
            Some(t) if label.is_empty() => t.into_owned(),
            Some(t) => format!("{label} {t}"),
            None => label.into_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub start: jiff::Timestamp,
    pub end: jiff::Timestamp,
    /// Where running jobs end (clamped to the window).
    pub now: jiff::Timestamp,
    /// The zone of the axis labels, and its name for the header (`CET`, `UTC`).
    pub offset: Offset,
    pub zone: String,
    pub rows: Vec<Row>,
    /// What the rows are, for the header (`jobs`, `operations`).
    pub what: String,
}

impl Chart {
    /// `t` on the chart's clock, written with `fmt`.
    fn local(&self, t: jiff::Timestamp, fmt: &str) -> String {
        self.offset.to_datetime(t).strftime(fmt).to_string()
    }

    fn span_ms(&self) -> i64 {
        ms(self.end, self.start).max(1)
    }

    /// The processing part of a bar, clipped to the window: `None` when it never started
    /// or lies outside.
    fn processing(&self, b: &Bar) -> Option<(jiff::Timestamp, jiff::Timestamp)> {
        let s = b.started?;
        let e = b.ended.unwrap_or(self.now.max(s));
        clip(s, e, self.start, self.end)
    }

    /// The queue wait of a bar (created to started, or to now while it waits), clipped.
    fn waiting(&self, b: &Bar) -> Option<(jiff::Timestamp, jiff::Timestamp)> {
        let e = match (b.started, b.ended) {
            (Some(s), _) => s,
            (None, Some(e)) => e,
            (None, None) => self.now.max(b.created),
        };
        clip(b.created, e, self.start, self.end)
    }

    /// The most jobs processing at the same moment within each of `cells` equal slices
    /// of the window (a sweep over the starts and ends, so the answer does not depend on
    /// how wide a slice is).
    pub fn concurrency(&self, cells: usize) -> Vec<u32> {
        let at = |t: jiff::Timestamp| ms(t, self.start);
        let mut events: Vec<(i64, i64)> = Vec::new();
        for bar in self.rows.iter().flat_map(|r| &r.bars) {
            if let Some((s, e)) = self.processing(bar) {
                events.push((at(s), 1));
                events.push((at(e), -1));
            }
        }
        // A start before an end at the same instant: a job of no length still counts.
        events.sort_unstable_by_key(|&(t, d)| (t, -d));
        let span = self.span_ms() as i128;
        let (mut out, mut running, mut k) = (Vec::with_capacity(cells), 0i64, 0);
        for i in 0..cells {
            let from = (span * i as i128 / cells as i128) as i64;
            let to = (span * (i as i128 + 1) / cells as i128) as i64;
            // Whatever happens on the slice's first instant sets where it starts.
            while k < events.len() && events[k].0 <= from {
                running += events[k].1;
                k += 1;
            }
            let mut peak = running;
            while k < events.len() && (events[k].0 < to || i + 1 == cells) {
                running += events[k].1;
                peak = peak.max(running);
                k += 1;
            }
            out.push(peak.max(0) as u32);
        }
        out
    }

    /// The cells `[a, b)` that the time span `[s, e]` touches, at least one.
    fn cells_of(&self, s: jiff::Timestamp, e: jiff::Timestamp, cells: usize) -> (usize, usize) {
        let at = |t: jiff::Timestamp| {
            let ms = ms(t, self.start).max(0) as i128;
            (ms * cells as i128 / self.span_ms() as i128) as usize
        };
        let a = at(s).min(cells.saturating_sub(1));
        // A span ending exactly on a cell edge does not reach into the next cell.
        let ms = ms(e, self.start).max(0) as u128;
        let b = (ms * cells as u128).div_ceil(self.span_ms() as u128) as usize;
        (a, b.clamp(a + 1, cells))
    }
}

/// Milliseconds from `from` to `t`.
fn ms(t: jiff::Timestamp, from: jiff::Timestamp) -> i64 {
    i64::try_from(t.duration_since(from).as_millis()).unwrap_or(i64::MAX)
}

fn clip(
    s: jiff::Timestamp,
    e: jiff::Timestamp,
    start: jiff::Timestamp,
    end: jiff::Timestamp,
) -> Option<(jiff::Timestamp, jiff::Timestamp)> {
    let (s, e) = (s.max(start), e.min(end));
    (s <= e && e >= start && s <= end).then_some((s, e))
}

/// The glyphs of the text picture.
struct Glyphs {
    wait: char,
    /// Per outcome: succeeded, other, running, failed.
    run: [char; 4],
    levels: &'static [char],
}

const PLAIN: Glyphs = Glyphs {
    wait: '.',
    run: ['=', '~', '>', 'x'],
    levels: &[' ', '.', ':', '-', '=', '+', '*', '#'],
};

const BLOCKS: Glyphs = Glyphs {
    wait: '░',
    run: ['█', '█', '█', '█'],
    levels: &[' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

impl Glyphs {
    /// The glyph of a cell's kind.
    fn of(&self, c: Cell) -> char {
        match c {
            Cell::Empty => ' ',
            Cell::Wait => self.wait,
            Cell::Run(o) => self.run[o as usize],
        }
    }
}

/// The SGR colour of an outcome.
fn sgr(o: Outcome) -> &'static str {
    match o {
        Outcome::Succeeded => "32",
        Outcome::Other => "35",
        Outcome::Running => "33",
        Outcome::Failed => "31",
    }
}

/// What one cell of a text row shows, and the kinds that both legends and the SVG fills
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cell {
    Empty,
    Wait,
    Run(Outcome),
}

/// The chart as text lines fitted to `width` columns (at least 40): a header, a row per
/// job (label, then its bar), the time axis with labels, the concurrency sparkline and
/// a legend. `color` uses coloured Unicode blocks, otherwise plain ASCII glyphs.
pub fn timeline_text(chart: &Chart, color: bool, width: usize) -> String {
    let pic = TextPicture::new(chart, color, width.max(40));
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(chart, &chart.what));
    for row in &chart.rows {
        let label = pic.row_label(row);
        let _ = writeln!(out, "{label}{}", pic.paint_line(&pic.row_cells(row)));
    }
    let (ticks, labels) = axis(chart, pic.cells);
    let indent = " ".repeat(pic.label_w + 1);
    let _ = writeln!(out, "{indent}{ticks}");
    let _ = writeln!(out, "{indent}{}", labels.trim_end());
    let conc = chart.concurrency(pic.cells);
    let top = peak(&conc);
    let spark = pic.sparkline(&conc, top);
    let _ = writeln!(out, "{}{}", pic.label("concurrency"), spark.trim_end());
    let _ = writeln!(out, "{}  concurrency max {top}", pic.legend());
    out
}

/// The layout and glyphs of one text picture.
struct TextPicture<'a> {
    chart: &'a Chart,
    color: bool,
    glyphs: &'static Glyphs,
    /// Columns for the labels (a space follows them), then `cells` columns of chart.
    label_w: usize,
    cells: usize,
}

impl<'a> TextPicture<'a> {
    /// The labels take the longest label's width (and `concurrency`'s), at most a third
    /// of `width` and 32 columns; the chart takes the rest.
    fn new(chart: &'a Chart, color: bool, width: usize) -> Self {
        let longest = chart
            .rows
            .iter()
            .map(|r| r.full_label().width())
            .max()
            .unwrap_or(0)
            .max("concurrency".len());
        let label_w = longest.min(width / 3).min(32);
        TextPicture {
            chart,
            color,
            glyphs: if color { &BLOCKS } else { &PLAIN },
            label_w,
            cells: width - label_w - 1,
        }
    }

    /// A label cut and padded to the label column, and the space after it.
    fn label(&self, text: &str) -> String {
        let label = truncate(text, self.label_w);
        let pad = self.label_w.saturating_sub(label.width());
        format!("{label}{}", " ".repeat(pad + 1))
    }

    /// A row's label in the label column: what does not fit is cut from the target's
    /// start (`1 tableImport …c-main.orders`), and from the label's end only when the
    /// target has no room left at all.
    fn row_label(&self, row: &Row) -> String {
        let full = row.full_label();
        let Some(target) = row.target.as_deref().map(sanitize) else {
            return self.label(&full);
        };
        if full.width() <= self.label_w {
            return self.label(&full);
        }
        let head = sanitize(&row.label);
        let head = match head.is_empty() {
            true => String::new(),
            false => format!("{head} "),
        };
        let room = self.label_w.saturating_sub(head.width());
        // A target cut to a couple of columns says nothing: cut the label instead.
        if room < 4 {
            return self.label(&full);
        }
        self.label(&format!("{head}{}", truncate_left(&target, room)))
    }

    /// What each cell of a row shows: processing over waiting over nothing.
    fn row_cells(&self, row: &Row) -> Vec<Cell> {
        let mut line = vec![Cell::Empty; self.cells];
        let mut mark = |span: Option<(jiff::Timestamp, jiff::Timestamp)>, cell: Cell| {
            if let Some((s, e)) = span {
                let (a, b) = self.chart.cells_of(s, e, self.cells);
                for c in &mut line[a..b] {
                    *c = (*c).max(cell);
                }
            }
        };
        for bar in &row.bars {
            mark(self.chart.waiting(bar), Cell::Wait);
            mark(self.chart.processing(bar), Cell::Run(bar.outcome));
        }
        line
    }

    /// A row's cells as glyphs, without the trailing empty ones. Runs of one kind are
    /// painted together: fewer escape sequences.
    fn paint_line(&self, line: &[Cell]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < line.len() {
            let c = line[i];
            let j = i + line[i..].iter().take_while(|&&d| d == c).count();
            if j == line.len() && c == Cell::Empty {
                break;
            }
            out.push_str(&self.paint(c, j - i));
            i = j;
        }
        out
    }

    /// `n` glyphs of a cell, in its colour when in colour.
    fn paint(&self, c: Cell, n: usize) -> String {
        let run: String = std::iter::repeat_n(self.glyphs.of(c), n).collect();
        match (self.color, c) {
            (false, _) | (_, Cell::Empty) => run,
            (true, Cell::Wait) => format!("\x1b[2m{run}\x1b[0m"),
            (true, Cell::Run(o)) => format!("\x1b[{}m{run}\x1b[0m", sgr(o)),
        }
    }

    /// The concurrency of each cell as a level glyph, the highest for `top`.
    fn sparkline(&self, conc: &[u32], top: u32) -> String {
        let levels = self.glyphs.levels;
        let last = levels.len() - 1;
        conc.iter()
            .map(|&n| match n {
                0 => levels[0],
                n => levels[((n as usize * last).div_ceil(top.max(1) as usize)).clamp(1, last)],
            })
            .collect()
    }

    /// The legend's items: each glyph (painted) and what it means.
    fn legend(&self) -> String {
        LEGEND
            .iter()
            .map(|&(c, what)| format!("{} {what}", self.paint(c, 1)))
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// The legend of both pictures, in order.
const LEGEND: [(Cell, &str); 5] = [
    (Cell::Wait, "queued"),
    (Cell::Run(Outcome::Succeeded), "success"),
    (Cell::Run(Outcome::Failed), "error"),
    (Cell::Run(Outcome::Running), "running"),
    (Cell::Run(Outcome::Other), "other"),
];

/// The header of both pictures: how many rows of what (`what` as given: escaped for
/// the SVG), over which window in the chart's zone, named.
fn title(chart: &Chart, what: &str) -> String {
    let fmt = |t: jiff::Timestamp| chart.local(t, "%Y-%m-%d %H:%M:%S");
    format!(
        "{} {what}, {} to {} {}",
        chart.rows.len(),
        fmt(chart.start),
        fmt(chart.end),
        sanitize(&chart.zone)
    )
}

/// The most jobs processing at once over the whole window, from `Chart::concurrency`.
fn peak(conc: &[u32]) -> u32 {
    conc.iter().copied().max().unwrap_or(0)
}

/// Tick steps for the axis, in seconds, up to a week; beyond, whole years (see
/// [`tick_steps`]).
const STEPS: [i64; 20] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172_800, 604_800,
];

const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

/// Every step worth trying, shortest first: [`STEPS`], then 4 weeks, then 1, 2 and 5 times
/// a power of ten of years, far enough to cover any span a date can have (jiff's
/// ±9,999 years): the step grows with the span, so the ticks stay as few as the labels
/// that fit, however far apart the jobs are.
fn tick_steps() -> impl Iterator<Item = i64> {
    let years = (0..7u32).flat_map(|e| [1, 2, 5].map(|m| m * 10i64.pow(e) * YEAR));
    STEPS.into_iter().chain([28 * DAY]).chain(years)
}

/// A tick step whose labels fit `cells` columns over the chart's span, and the label
/// format for it.
fn tick_step(chart: &Chart, cells: usize) -> (i64, &'static str) {
    let span = chart.span_ms() as f64 / 1000.0;
    let mut last = (STEPS[0], "%H:%M:%S");
    for step in tick_steps() {
        let (format, label) = match step {
            s if s < 60 => ("%H:%M:%S", 8),
            s if s < DAY => ("%H:%M", 5),
            s if s < 28 * DAY => ("%m-%d", 5),
            s if s < YEAR => ("%Y-%m-%d", 10),
            // Years are counted from 1970 in whole 365 days: the month keeps a label true.
            _ => ("%Y-%m", 7),
        };
        last = (step, format);
        let cols_per_step = step as f64 / span * cells as f64;
        if cols_per_step >= (label + 2) as f64 {
            return last;
        }
    }
    last
}

/// The tick times inside the window: whole multiples of the step in the chart's zone.
fn ticks(chart: &Chart, step: i64) -> Vec<jiff::Timestamp> {
    let offset = i64::from(chart.offset.seconds());
    let local = chart.start.as_second() + offset;
    let mut first = local.div_euclid(step) * step;
    if first < local {
        first += step;
    }
    let first = first - offset;
    let mut out = Vec::new();
    let mut t = first;
    // A step that fits the span makes a few dozen ticks; the cap only guards the arithmetic.
    while t <= chart.end.as_second() && out.len() < MAX_TICKS {
        if let Ok(at) = jiff::Timestamp::from_second(t) {
            out.push(at);
        }
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    out
}

/// More ticks than any axis has room for labels.
const MAX_TICKS: usize = 1000;

/// The axis line (`-` with `|` at each tick) and the line of labels under it.
fn axis(chart: &Chart, cells: usize) -> (String, String) {
    let (step, format) = tick_step(chart, cells);
    let mut line = vec!['-'; cells];
    let mut labels = vec![' '; cells];
    let mut free = 0;
    for t in ticks(chart, step) {
        let (a, _) = chart.cells_of(t, t, cells);
        line[a] = '|';
        let text = chart.local(t, format);
        // A label starts at its tick, or ends at the right edge where it would overflow.
        let at = a.min(cells.saturating_sub(text.len()));
        if at >= free {
            for (i, ch) in text.chars().enumerate() {
                labels[at + i] = ch;
            }
            free = at + text.len() + 1;
        }
    }
    (line.into_iter().collect(), labels.into_iter().collect())
}

/// The SVG picture's sizes, in pixels: the least width, the least label column, a row,
/// the space above the rows, the concurrency's height, and the plot (right of the
/// labels). A label column wider than `LABEL` (long table names are never cut) widens
/// the picture by as much.
const WIDTH: usize = 1200;
const LABEL: usize = 280;
const ROW: usize = 16;
const TOP: usize = 30;
const CONC: usize = 60;
const PLOT: usize = WIDTH - LABEL - 10;
/// The advance of one character of the 11-pixel monospace font, rounded up.
const CHAR: usize = 7;

/// The label column of an SVG picture: room for its longest label.
fn svg_label(chart: &Chart) -> usize {
    let longest = chart
        .rows
        .iter()
        .map(|r| r.full_label().width())
        .max()
        .unwrap_or(0);
    (20 + longest * CHAR).max(LABEL)
}

/// The chart as a standalone SVG document: the same rows, axis and concurrency.
pub fn timeline_svg(chart: &Chart) -> String {
    let label = svg_label(chart);
    let width = label + PLOT + 10;
    let axis_y = TOP + chart.rows.len() * ROW + 4;
    let conc_y = axis_y + 30;
    let legend_y = conc_y + CONC + 24;
    let height = legend_y + 12;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="monospace" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r##"<rect width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r#"<text x="10" y="18" font-size="13">{}</text>"#,
        title(chart, &xml(&chart.what))
    );
    for (i, row) in chart.rows.iter().enumerate() {
        svg_row(&mut s, chart, label, i, row);
    }
    svg_axis(&mut s, chart, label, axis_y);
    svg_concurrency(&mut s, chart, label, conc_y);
    for (i, (c, what)) in LEGEND.iter().enumerate() {
        let lx = label + i * 100;
        let _ = writeln!(
            s,
            r#"<rect x="{lx}" y="{}" width="12" height="10" fill="{}"/><text x="{}" y="{legend_y}">{what}</text>"#,
            legend_y - 9,
            svg_fill(*c),
            lx + 16
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Where a time falls across the plot, right of a label column `label` wide.
fn svg_x(chart: &Chart, label: usize, t: jiff::Timestamp) -> f64 {
    label as f64 + ms(t, chart.start) as f64 / chart.span_ms() as f64 * PLOT as f64
}

/// The fill of a cell's kind: grey for the queue wait (nothing is never drawn), else the
/// outcome's colour.
fn svg_fill(c: Cell) -> &'static str {
    match c {
        Cell::Empty | Cell::Wait => "#c8c8c8",
        Cell::Run(Outcome::Succeeded) => "#2e9e44",
        Cell::Run(Outcome::Other) => "#9b4fc9",
        Cell::Run(Outcome::Running) => "#d9a400",
        Cell::Run(Outcome::Failed) => "#d33a2c",
    }
}

/// Row `i`: its stripe (every other row), its label, and its bars, the queue wait thin
/// and grey, the processing thick in the outcome's colour.
fn svg_row(s: &mut String, chart: &Chart, label_w: usize, i: usize, row: &Row) {
    let y = TOP + i * ROW;
    if i % 2 == 1 {
        let _ = writeln!(
            s,
            r##"<rect x="0" y="{y}" width="{}" height="{ROW}" fill="#f4f4f4"/>"##,
            label_w + PLOT + 10
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="10" y="{}">{}</text>"#,
        y + ROW - 4,
        xml(&row.full_label())
    );
    let x = |t| svg_x(chart, label_w, t);
    for bar in &row.bars {
        // One group per job, so that its tooltip covers its wait and its run.
        let _ = writeln!(s, "<g><title>{}</title>", xml(&tooltip(chart, bar)));
        if let Some((a, b)) = chart.waiting(bar) {
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{}" width="{:.1}" height="{}" fill="{}"/>"#,
                x(a),
                y + 5,
                (x(b) - x(a)).max(1.0),
                ROW - 10,
                svg_fill(Cell::Wait)
            );
        }
        if let Some((a, b)) = chart.processing(bar) {
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{}" width="{:.1}" height="{}" fill="{}"/>"#,
                x(a),
                y + 2,
                (x(b) - x(a)).max(1.5),
                ROW - 4,
                svg_fill(Cell::Run(bar.outcome))
            );
        }
        s.push_str("</g>\n");
    }
}

/// A bar's tooltip: the job, then its times in the chart's zone (`386520001 tableImport
/// in.c-main.orders error, created 10:00:00, started 10:00:02, ended 10:00:05 CET`).
fn tooltip(chart: &Chart, bar: &Bar) -> String {
    let at = |t: jiff::Timestamp| chart.local(t, "%Y-%m-%d %H:%M:%S");
    let mut text = sanitize(&bar.about).into_owned();
    let mut times = vec![format!("created {}", at(bar.created))];
    times.extend(bar.started.map(|t| format!("started {}", at(t))));
    times.extend(bar.ended.map(|t| format!("ended {}", at(t))));
    for part in times {
        text.push_str(", ");
        text.push_str(&part);
    }
    text.push(' ');
    text.push_str(&sanitize(&chart.zone));
    text
}

/// The time axis at `axis_y`, with a grid line up through the rows and a label at each
/// tick.
fn svg_axis(s: &mut String, chart: &Chart, label: usize, axis_y: usize) {
    let _ = writeln!(
        s,
        r##"<line x1="{label}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#444444"/>"##,
        label + PLOT
    );
    let (step, format) = tick_step(chart, PLOT / 7);
    for t in ticks(chart, step) {
        let tx = svg_x(chart, label, t);
        let _ = writeln!(
            s,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{}" stroke="#dddddd"/>"##,
            axis_y + 4
        );
        let _ = writeln!(
            s,
            r#"<text x="{tx:.1}" y="{}" text-anchor="middle">{}</text>"#,
            axis_y + 16,
            chart.local(t, format)
        );
    }
}

/// The concurrency from `conc_y` down: its name and peak, and a 2-pixel column per
/// slice, the peak at full height.
fn svg_concurrency(s: &mut String, chart: &Chart, label: usize, conc_y: usize) {
    let conc = chart.concurrency(PLOT / 2);
    let top = peak(&conc);
    let _ = writeln!(
        s,
        r#"<text x="10" y="{}">concurrency (at most {top})</text>"#,
        conc_y + CONC / 2
    );
    for (i, n) in conc.iter().enumerate().filter(|(_, n)| **n > 0) {
        let h = *n as f64 / top.max(1) as f64 * CONC as f64;
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{:.1}" width="2" height="{h:.1}" fill="#4a6fa5"/>"##,
            label + i * 2,
            (conc_y + CONC) as f64 - h
        );
    }
}

/// Text for an SVG element: characters XML 1.0 forbids (C0 controls but tab and line
/// breaks, U+FFFE, U+FFFF) dropped, the five XML specials escaped.
fn xml(s: &str) -> String {
    let allowed = |c: &char| match *c {
        '\t' | '\n' | '\r' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => c >= ' ',
    };
    s.chars()
        .filter(allowed)
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> jiff::Timestamp {
        crate::model::parse_timestamp(s).unwrap().to_utc()
    }

    fn bar(created: &str, started: Option<&str>, ended: Option<&str>, outcome: Outcome) -> Bar {
        Bar {
            created: t(created),
            started: started.map(t),
            ended: ended.map(t),
            outcome,
            about: "7 tableImport in.c-main.orders success".into(),
        }
    }

    fn chart() -> Chart {
        Chart {
            start: t("2026-11-29T10:00:00Z"),
            end: t("2026-11-29T11:00:00Z"),
            now: t("2026-11-29T11:00:00Z"),
            offset: Offset::UTC,
            zone: "UTC".into(),
            what: "jobs".into(),
            rows: vec![
                Row {
                    label: "1 tableImport".into(),
                    target: None,
                    bars: vec![bar(
                        "2026-11-29T10:00:00Z",
                        Some("2026-11-29T10:15:00Z"),
                        Some("2026-11-29T10:30:00Z"),
                        Outcome::Succeeded,
                    )],
                },
                Row {
                    label: "2 tableExport\x1b[31m".into(),
                    target: None,
                    bars: vec![bar(
                        "2026-11-29T10:20:00Z",
                        Some("2026-11-29T10:25:00Z"),
                        None,
                        Outcome::Running,
                    )],
                },
            ],
        }
    }

    #[test]
    fn plain_text_shows_wait_run_and_growing_bars_in_ascii() {
        let text = timeline_text(&chart(), false, 80);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "2 jobs, 2026-11-29 10:00:00 to 2026-11-29 11:00:00 UTC"
        );
        // 80 columns: a 13-wide label, a space, 66 cells of about 55 s each.
        let row1 = lines[1];
        assert!(row1.starts_with("1 tableImport "), "{row1:?}");
        let bar1 = &row1[14..];
        assert_eq!(
            bar1.trim_end(),
            format!("{}{}", ".".repeat(16), "=".repeat(17))
        );
        // The label's escape sequence is gone; the running job grows to the end.
        let row2 = lines[2];
        assert!(row2.starts_with("2 tableExport "), "{row2:?}");
        assert!(row2.ends_with('>'), "{row2:?}");
        assert!(row2.contains(".....>"), "{row2:?}");
        for line in &lines {
            assert!(line.width() <= 80, "{line:?}");
            assert!(line.is_ascii(), "{line:?}");
        }
        assert!(
            lines[3].starts_with(&format!("{}|", " ".repeat(14))),
            "{}",
            lines[3]
        );
        assert!(
            lines[4].contains("10:00") && lines[4].contains("10:50"),
            "{}",
            lines[4]
        );
        assert!(lines[5].starts_with("concurrency"), "{}", lines[5]);
        assert!(
            lines[6].ends_with("~ other  concurrency max 2"),
            "{}",
            lines[6]
        );
    }

    #[test]
    fn concurrency_counts_jobs_processing_at_once() {
        let c = chart();
        // 10:00-10:15 nothing; 10:15-10:30 job 1, and job 2 from 10:25; then job 2.
        assert_eq!(c.concurrency(4), [0, 2, 1, 1]);
        // Two jobs one after the other in one wide slice never ran at once.
        let mut c = chart();
        c.rows[1].bars[0].started = Some(t("2026-11-29T10:40:00Z"));
        assert_eq!(c.concurrency(1), [1]);
        assert_eq!(c.concurrency(2), [1, 1]);
    }

    #[test]
    fn colour_uses_blocks_and_the_outcome_colour() {
        let text = timeline_text(&chart(), true, 80);
        assert!(text.contains("\x1b[32m█"), "{text}");
        assert!(text.contains("\x1b[2m░"), "{text}");
        assert!(!text.contains("\x1b[31m\n"), "{text}");
    }

    #[test]
    fn a_table_is_cut_from_the_left_in_text_and_never_in_svg() {
        let mut c = chart();
        let table = "in.c-a-rather-long-bucket-name.table-with-a-long-name";
        c.rows[0].target = Some(table.into());
        let text = timeline_text(&c, false, 80);
        // 80 columns: the labels get a third, 26 columns; the id and operation stay.
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("1 tableImport …a-long-name "), "{text}");
        let svg = timeline_svg(&c);
        assert!(
            svg.contains(&format!(">1 tableImport {table}</text>")),
            "{svg}"
        );
        // The picture widens for the label instead: a column of 20 + 67 characters of 7
        // pixels, the plot and a margin.
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1409\""));
        // A row that is only a table (`--by table`) keeps its end too.
        c.rows[0].label = String::new();
        let text = timeline_text(&c, false, 80);
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("…me.table-with-a-long-name "), "{text}");
    }

    #[test]
    fn each_svg_bar_has_a_title_naming_the_job_and_its_times() {
        let svg = timeline_svg(&chart());
        assert_eq!(svg.matches("<g><title>").count(), 2, "{svg}");
        assert!(
            svg.contains(
                "<g><title>7 tableImport in.c-main.orders success, created 2026-11-29 10:00:00, \
                 started 2026-11-29 10:15:00, ended 2026-11-29 10:30:00 UTC</title>"
            ),
            "{svg}"
        );
        assert!(
            svg.contains(", started 2026-11-29 10:25:00 UTC</title>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<g>").count(), svg.matches("</g>").count());
    }

    #[test]
    fn svg_is_one_document_with_escaped_labels() {
        let mut c = chart();
        c.rows[0].label = "a<b>&\"c\"".into();
        let svg = timeline_svg(&c);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        assert!(svg.contains("a&lt;b&gt;&amp;&quot;c&quot;"));
        assert!(!svg.contains('\x1b'));
        assert!(svg.contains("fill=\"#2e9e44\""));
    }

    #[test]
    fn svg_drops_what_xml_forbids() {
        let mut c = chart();
        c.rows[0].label = "a\u{fffe}b\u{ffff}c\u{1}d".into();
        let svg = timeline_svg(&c);
        assert!(svg.contains(">abcd</text>"), "{svg}");
        assert!(!svg.contains(['\u{fffe}', '\u{ffff}', '\u{1}']));
    }

    /// Two jobs `years` apart, as a chart of their whole span.
    fn apart(first: &str, last: &str) -> Chart {
        let mut c = chart();
        c.start = t(first);
        c.end = t(last);
        c.now = c.end;
        c.rows[0].bars = vec![bar(first, Some(first), Some(first), Outcome::Succeeded)];
        c.rows[1].bars = vec![bar(last, Some(last), Some(last), Outcome::Failed)];
        c
    }

    fn tick_count(svg: &str) -> usize {
        svg.matches("text-anchor=\"middle\"").count()
    }

    #[test]
    fn jobs_years_apart_make_a_small_picture_with_a_few_ticks() {
        let c = apart("2021-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        let svg = timeline_svg(&c);
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
        let ticks = tick_count(&svg);
        assert!((3..=20).contains(&ticks), "{ticks} ticks");
        assert!(svg.contains(">2022-"), "{svg}");
        let text = timeline_text(&c, false, 80);
        assert!(text.len() < 2_000, "{text}");
        assert!(text.contains("2022-"), "{text}");
        // Thousands of years: still a few ticks, far below a megabyte.
        let c = apart("1971-01-01T00:00:00Z", "9998-12-31T00:00:00Z");
        let svg = timeline_svg(&c);
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
        assert!(tick_count(&svg) <= 20, "{} ticks", tick_count(&svg));
        assert!(timeline_text(&c, true, 200).len() < 10_000);
    }
}
