//! The job list as text (`jobctl list`): a table fitted to a terminal width, or
//! tab-separated values for a pipe. Pure functions; columns, width and style come from the caller.
//! Widths and cuts are decided here; `grid` (tabled) lays the cells out.

use unicode_width::UnicodeWidthStr;

use super::grid::{Align, grid};

use super::watch_text::{error_text, jsonl_event};
use super::{
    Style, age, human_bytes, human_duration, rfc3339, running_duration, sanitize, truncate,
    truncate_left,
};
use crate::model::{Job, RawJob, Status, Timestamp};

/// Space between table columns.
const GAP: usize = 2;
/// A free-text column is never cut narrower than this (or its header, if wider).
const MIN_FREE_TEXT: usize = 6;

/// A column of some kind of job, for the table machinery below (`Layout`, TSV, width
/// fitting), which storage jobs (`Column`) and queue jobs share.
pub trait TableColumn: Copy + PartialEq {
    /// The job a row shows.
    type Job;
    fn header(self) -> &'static str;
    /// Server text of any length: these give way when the table is too wide.
    fn is_free_text(self) -> bool;
    /// Right-aligned.
    fn is_numeric(self) -> bool;
    /// The cell's text (sanitised), `None` when the job has no value there.
    fn cell(self, job: &Self::Job, style: &Style) -> Option<String>;
    /// The cell as coloured text, for the status column; `None` elsewhere.
    fn painted(self, job: &Self::Job, style: &Style) -> Option<String>;

    /// Free text whose end tells it apart (`…customers`): cut from the left.
    fn cut_from_left(self) -> bool {
        false
    }
    /// The least width at which free text still reads well: a table narrower than its
    /// columns at these widths leaves out columns first (see [`fit_columns`]).
    fn comfortable(self) -> usize {
        usize::MAX
    }
    /// When a table does not fit, columns go by this priority, lowest first, one priority
    /// at a time; `None` (the default) always stays.
    fn drop_priority(self) -> Option<u8> {
        None
    }
    /// The value that says nothing (`0 B`): a column that has one goes first when all its
    /// cells are that or empty.
    fn nothing(self) -> Option<&'static str> {
        None
    }
    /// Part of the error that moves to a line under a failed job's row when the table
    /// does not fit (error code and message).
    fn moves_under_row(self) -> bool {
        false
    }
    /// Its presence lets the error move under the rows (the message column).
    fn opens_under_row(self) -> bool {
        false
    }
    /// The text of the line under a job's row (its error), when the layout has one.
    fn under_row(_job: &Self::Job) -> Option<String> {
        None
    }
    /// The least width of this column in follow-mode change rows, so that every change
    /// keeps the columns (`processing -> success`, a running job's growing duration).
    fn change_width(self) -> usize {
        0
    }
    /// A follow-mode change as a `watch -o jsonl` event: `raw` the job's server text,
    /// `from` its status before (`None` when first seen). `None` for kinds of jobs that
    /// have no events: their raw line is printed instead.
    fn change_event(_raw: &str, _from: Option<&str>, _at: jiff::Timestamp) -> Option<String> {
        None
    }
}

impl TableColumn for Column {
    type Job = Job;

    fn header(self) -> &'static str {
        Column::header(self)
    }

    fn is_free_text(self) -> bool {
        Column::is_free_text(self)
    }

    fn is_numeric(self) -> bool {
        Column::is_numeric(self)
    }

    fn cell(self, job: &Job, style: &Style) -> Option<String> {
        cell(job, self, style)
    }

    fn painted(self, job: &Job, style: &Style) -> Option<String> {
        (self == Column::Status).then(|| style.status(&job.status))
    }

    fn cut_from_left(self) -> bool {
        self == Column::Table
    }

    fn comfortable(self) -> usize {
        Column::comfortable(self)
    }

    fn drop_priority(self) -> Option<u8> {
        match self {
            Column::Duration => Some(0),
            Column::Created | Column::Start | Column::End => Some(1),
            Column::In | Column::Out => Some(2),
            Column::Creator => Some(3),
            Column::ErrorCode => Some(4),
            Column::Operation => Some(5),
            _ => None,
        }
    }

    fn nothing(self) -> Option<&'static str> {
        matches!(self, Column::In | Column::Out).then_some("0 B")
    }

    fn moves_under_row(self) -> bool {
        matches!(self, Column::ErrorCode | Column::ErrorMessage)
    }

    fn opens_under_row(self) -> bool {
        self == Column::ErrorMessage
    }

    fn under_row(job: &Job) -> Option<String> {
        error_text(job)
    }

    fn change_width(self) -> usize {
        match self {
            Column::Status => TRANSITION,
            // `59m 59s` while a job runs.
            Column::Duration => 7,
            _ => 0,
        }
    }

    fn change_event(raw: &str, from: Option<&str>, at: jiff::Timestamp) -> Option<String> {
        let job = RawJob::parse_head(raw).ok()?;
        let from = from.map(Status::parse);
        Some(jsonl_event("change", &job, from.as_ref(), at))
    }
}

/// One column of the list. Names are the JSON field names where one exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Status,
    Operation,
    Table,
    Created,
    Duration,
    In,
    Out,
    RunId,
    Creator,
    ErrorCode,
    ErrorMessage,
    Start,
    End,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Id,
        Column::Status,
        Column::Operation,
        Column::Table,
        Column::Created,
        Column::Duration,
        Column::In,
        Column::Out,
        Column::RunId,
        Column::Creator,
        Column::ErrorCode,
        Column::ErrorMessage,
        Column::Start,
        Column::End,
    ];

    /// The name `--columns` takes.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Status => "status",
            Column::Operation => "operationName",
            Column::Table => "tableId",
            Column::Created => "createdTime",
            Column::Duration => "duration",
            Column::In => "inBytes",
            Column::Out => "outBytes",
            Column::RunId => "runId",
            Column::Creator => "creator",
            Column::ErrorCode => "errorCode",
            Column::ErrorMessage => "errorMessage",
            Column::Start => "startTime",
            Column::End => "endTime",
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Status => "STATUS",
            Column::Operation => "OPERATION",
            Column::Table => "TABLE",
            Column::Created => "CREATED",
            Column::Duration => "DURATION",
            Column::In => "IN",
            Column::Out => "OUT",
            Column::RunId => "RUN ID",
            Column::Creator => "CREATOR",
            Column::ErrorCode => "ERROR CODE",
            Column::ErrorMessage => "ERROR",
            Column::Start => "START",
            Column::End => "END",
        }
    }

    /// Server text of any length: these give way when the table is too wide.
    fn is_free_text(self) -> bool {
        matches!(
            self,
            Column::Operation
                | Column::Table
                | Column::Creator
                | Column::ErrorCode
                | Column::ErrorMessage
        )
    }

    /// The least width at which free text still reads well: a table narrower than its
    /// columns at these widths leaves out low-value columns first (see [`fit_columns`]).
    fn comfortable(self) -> usize {
        match self {
            Column::Table => 16,
            Column::Operation => 11,
            Column::Creator | Column::ErrorCode => 12,
            Column::ErrorMessage => 20,
            _ => usize::MAX,
        }
    }

    fn is_numeric(self) -> bool {
        matches!(self, Column::Id | Column::In | Column::Out)
    }
}

/// The default table.
pub const DEFAULT_COLUMNS: [Column; 8] = [
    Column::Id,
    Column::Status,
    Column::Operation,
    Column::Table,
    Column::Created,
    Column::Duration,
    Column::In,
    Column::Out,
];

/// `watch`'s final table of several jobs: how each ended.
pub const SUMMARY_COLUMNS: [Column; 7] = [
    Column::Id,
    Column::Status,
    Column::Operation,
    Column::Table,
    Column::Duration,
    Column::ErrorCode,
    Column::ErrorMessage,
];

/// `-o wide`: the default table plus run id, creator and error (start and end only with
/// `--columns`).
pub const WIDE_COLUMNS: [Column; 12] = [
    Column::Id,
    Column::Status,
    Column::Operation,
    Column::Table,
    Column::Created,
    Column::Duration,
    Column::In,
    Column::Out,
    Column::RunId,
    Column::Creator,
    Column::ErrorCode,
    Column::ErrorMessage,
];

/// Parses `--columns` names (case-insensitive). An unknown name is an error that lists
/// the valid ones.
pub fn parse_columns(names: &[String]) -> Result<Vec<Column>, String> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            Column::ALL
                .into_iter()
                .find(|c| c.name().eq_ignore_ascii_case(n))
                .ok_or_else(|| {
                    let valid: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                    format!(
                        "unknown column '{}'; valid columns: {}",
                        sanitize(n),
                        valid.join(",")
                    )
                })
        })
        .collect()
}

/// Parses `--columns` names that may be the headers the table shows too (`table`,
/// `operation`, `error`, `run id`, `run_id`, `error-code`, any case): each becomes its JSON
/// name, then as [`parse_columns`].
pub fn parse_column_names(names: &[String]) -> Result<Vec<Column>, String> {
    let names: Vec<String> = names
        .iter()
        .map(|n| {
            Column::ALL
                .into_iter()
                .find(|c| column_key(c.header()) == column_key(n))
                .map_or_else(|| n.clone(), |c| c.name().to_owned())
        })
        .collect();
    parse_columns(&names)
}

/// A column's name or header as `--columns` compares it: without spaces, `_` and `-`, in
/// lower case (`RUN ID`, `run_id` and `runId` are one). Shared by `list` and `queue list`.
pub fn column_key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// A start or end cell, of storage and queue jobs alike: the moment in the display zone
/// for a person (`17:32:24 CET`), RFC 3339 for a pipe.
pub fn time_cell(t: Option<&Timestamp>, style: &Style) -> Option<String> {
    t.map(|t| match style.terminal {
        true => style.zone.moment(t, style.now),
        false => rfc3339(t),
    })
}

/// One cell's plain text, sanitised, `None` when the job has no value.
///
/// For a person (`style.terminal`): ages (created), times of day in the display zone
/// (start, end: `17:32:24 CET`, with the date when not today), human durations and
/// sizes. For a pipe:
/// RFC 3339 times, durations in whole seconds (finished jobs only, so the output never
/// depends on "now") and sizes in bytes.
pub fn cell(job: &Job, column: Column, style: &Style) -> Option<String> {
    let text = |s: &str| Some(sanitize(s).into_owned());
    match column {
        Column::Id => Some(job.id.to_string()),
        Column::Status => text(job.status.as_str()),
        Column::Operation => Some(job.operation_name.as_str())
            .filter(|s| !s.is_empty())
            .and_then(text),
        Column::Table => job.table_id.as_deref().and_then(text),
        Column::Created => job.created_time.as_ref().map(|t| {
            if style.terminal {
                age(t.to_utc(), style.now)
            } else {
                rfc3339(t)
            }
        }),
        Column::Start => time_cell(job.start_time.as_ref(), style),
        Column::End => time_cell(job.end_time.as_ref(), style),
        Column::Duration if style.terminal => job.duration(style.now).map(|d| match job.end_time {
            Some(_) => human_duration(d),
            None => running_duration(d),
        }),
        Column::Duration => job
            .end_time
            .and(job.duration(style.now))
            .map(|d| d.as_secs().to_string()),
        Column::In | Column::Out => job.metrics.map(|m| {
            let n = if column == Column::In {
                m.in_bytes
            } else {
                m.out_bytes
            };
            if style.terminal {
                human_bytes(n)
            } else {
                n.to_string()
            }
        }),
        Column::RunId => job.run_id.as_deref().and_then(text),
        Column::Creator => job.creator().and_then(text),
        Column::ErrorCode => job
            .error
            .as_ref()
            .and_then(|e| e.code.as_deref())
            .and_then(text),
        Column::ErrorMessage => job
            .error
            .as_ref()
            .and_then(|e| e.message.as_deref())
            .and_then(text),
    }
}

/// The TSV header line (the table's headers), with a newline. Printed when piped too, so
/// that `awk 'NR>1'` or a spreadsheet knows the columns.
pub fn tsv_header<C: TableColumn>(columns: &[C]) -> String {
    let mut line = columns
        .iter()
        .map(|c| c.header())
        .collect::<Vec<_>>()
        .join("\t");
    line.push('\n');
    line
}

/// One TSV line: cells untruncated, empty when there is no value; the status coloured only
/// when colour was asked for on a pipe (`--color always`).
pub fn tsv_row<C: TableColumn>(job: &C::Job, columns: &[C], style: &Style) -> String {
    let mut line = columns
        .iter()
        .map(|&c| {
            // Colour in TSV only when asked for (--color always / CLICOLOR_FORCE).
            let painted = style.color.then(|| c.painted(job, style)).flatten();
            painted.unwrap_or_else(|| c.cell(job, style).unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join("\t");
    line.push('\n');
    line
}

/// Whether `columns` leave a failed job's error out: follow-mode change rows then carry it
/// themselves (a line under the row; a last field in TSV).
fn error_left_out<C: TableColumn>(columns: &[C]) -> bool {
    !columns.iter().any(|c| c.opens_under_row())
}

/// The header over piped follow-mode change rows: `TIME`, the columns, and `ERROR` when
/// the columns leave the error out.
pub fn tsv_change_header<C: TableColumn>(columns: &[C]) -> String {
    let mut line = format!("TIME\t{}", tsv_header(columns));
    if error_left_out(columns) {
        line.insert_str(line.len() - 1, "\tERROR");
    }
    line
}

/// A piped follow-mode change row: the time of the change (RFC 3339, UTC), the job's
/// fields with `from -> to` in STATUS (`new -> to` for a job first seen), and its error
/// when the columns leave it out, as on a terminal.
pub fn tsv_change_row<C: TableColumn>(
    job: &C::Job,
    columns: &[C],
    from: Option<&str>,
    style: &Style,
) -> String {
    let mut fields = vec![crate::model::rfc3339_secs(style.now)];
    for &c in columns {
        let painted = c.painted(job, style);
        let plain = c.cell(job, style).unwrap_or_default();
        fields.push(match painted {
            // The status column (the one that paints): its transition.
            Some(status) => {
                let from = from.map_or_else(|| "new".to_owned(), |f| sanitize(f).into_owned());
                let to = if style.color { status } else { plain };
                format!("{from} -> {to}")
            }
            None => plain,
        });
    }
    if error_left_out(columns) {
        fields.push(C::under_row(job).unwrap_or_default());
    }
    let mut line = fields.join("\t");
    line.push('\n');
    line
}

/// A table's column widths, decided once from the first rows so that later rows (follow
/// mode) line up with them. Columns that cannot fit the width are left out, and a failed
/// job's error may move to a line of its own under its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout<C = Column> {
    columns: Vec<C>,
    widths: Vec<usize>,
    /// The error code and message go on a line of their own under a failed job's row,
    /// indented and cut to this many terminal columns.
    error_line: Option<usize>,
    /// Follow-mode change rows: the width of their time column (`17:32:24 CET`), 0 for
    /// other tables; and `old -> new` in STATUS.
    time: usize,
}

/// The widest status transition a change row shows (`processing -> success`).
const TRANSITION: usize = 21;
/// The indent of an error line under its row.
const ERROR_INDENT: usize = 4;

impl<C: TableColumn> Layout<C> {
    /// Widths that fit `jobs` into `width` terminal columns (no limit with `None`).
    pub fn new(jobs: &[&C::Job], columns: &[C], style: &Style, width: Option<usize>) -> Layout<C> {
        Layout::build(jobs, columns, style, width, 0)
    }

    /// The layout of follow-mode change rows (`17:32:24 CET  ID  old -> new  ...`): room
    /// for any status transition, a running job's growing duration and a zone name one
    /// letter longer (`CEST`), so that every change row keeps the same columns, fitted to
    /// `width` with the time.
    pub fn for_changes(
        jobs: &[&C::Job],
        columns: &[C],
        style: &Style,
        width: Option<usize>,
    ) -> Layout<C> {
        let time = style.zone.clock(style.now).width() + 1;
        Layout::build(
            jobs,
            columns,
            style,
            width.map(|w| w.saturating_sub(time + GAP)),
            time,
        )
    }

    fn build(
        jobs: &[&C::Job],
        columns: &[C],
        style: &Style,
        width: Option<usize>,
        time: usize,
    ) -> Layout<C> {
        let mut natural: Vec<usize> = columns.iter().map(|c| c.header().len()).collect();
        let mut empty: Vec<bool> = vec![true; columns.len()];
        for job in jobs {
            for (i, &c) in columns.iter().enumerate() {
                let cell = c.cell(job, style);
                if cell.as_deref().is_some_and(|s| Some(s) != c.nothing()) {
                    empty[i] = false;
                }
                natural[i] = natural[i].max(shown(cell).width());
            }
        }
        if time > 0 {
            for (w, &c) in natural.iter_mut().zip(columns) {
                *w = (*w).max(c.change_width());
            }
        }
        let Some(width) = width else {
            // Change rows of a failed job say why, whatever the columns.
            let error_line = (time > 0 && error_left_out(columns)).then_some(usize::MAX);
            return Layout {
                columns: columns.to_vec(),
                widths: natural,
                error_line,
                time,
            };
        };
        let (kept, error_line) = fit_columns(&natural, columns, &empty, width);
        let natural: Vec<usize> = kept.iter().map(|&i| natural[i]).collect();
        let columns: Vec<C> = kept.iter().map(|&i| columns[i]).collect();
        let widths = fit_widths(&natural, &columns, width);
        let error_line = error_line || (time > 0 && error_left_out(&columns));
        Layout {
            columns,
            widths,
            error_line: error_line.then_some(width),
            time,
        }
    }

    /// The header line and one line per job, in these widths.
    pub fn lines(&self, jobs: &[&C::Job], style: &Style) -> String {
        let mut rows = Vec::with_capacity(jobs.len() + 1);
        rows.push(self.columns.iter().map(|c| c.header().to_owned()).collect());
        rows.extend(jobs.iter().map(|job| self.cells(job, style)));
        let text = grid(rows, &self.aligns(), GAP, 0);
        if self.error_line.is_none() {
            return text;
        }
        // Each job's row followed by its error line, if any.
        let mut out = String::with_capacity(text.len());
        let mut lines = text.split_inclusive('\n');
        out.push_str(lines.next().unwrap_or_default());
        for (line, job) in lines.zip(jobs) {
            out.push_str(line);
            out.push_str(&self.error_line(job));
        }
        out
    }

    /// One row (and its error line, if any); status coloured when the style says so.
    pub fn row(&self, job: &C::Job, style: &Style) -> String {
        let mut out = grid(vec![self.cells(job, style)], &self.aligns(), GAP, 0);
        out.push_str(&self.error_line(job));
        out
    }

    /// A follow-mode change row (from a [`Layout::for_changes`] layout): the time `at`
    /// (`17:32:24 CET`, see [`Zone::clock`]), then the job's row with `from -> to` (`new -> to` for a job first seen) in
    /// STATUS.
    pub fn change_row(&self, job: &C::Job, from: Option<&str>, at: &str, style: &Style) -> String {
        let mut cells = self.cells(job, style);
        let mut status = self.columns.iter().enumerate();
        if let Some((i, status)) = status.find_map(|(i, c)| Some((i, c.painted(job, style)?))) {
            let from = from.map_or_else(|| "new".to_owned(), |f| sanitize(f).into_owned());
            cells[i] = format!("{from} -> {status}");
        }
        cells.insert(0, style.dim(at));
        let mut aligns = self.aligns();
        aligns.insert(0, Align::left(self.time));
        let mut out = grid(vec![cells], &aligns, GAP, 0);
        out.push_str(&self.error_line(job));
        out
    }

    /// The header over change rows: `TIME` and the columns.
    pub fn change_header(&self) -> String {
        let mut cells: Vec<String> = self.columns.iter().map(|c| c.header().to_owned()).collect();
        cells.insert(0, "TIME".to_owned());
        let mut aligns = self.aligns();
        aligns.insert(0, Align::left(self.time));
        grid(vec![cells], &aligns, GAP, 0)
    }

    /// `    ↳ code: message` under a failed job's row when the layout moved errors there.
    fn error_line(&self, job: &C::Job) -> String {
        let (Some(width), Some(error)) = (self.error_line, C::under_row(job)) else {
            return String::new();
        };
        let indent = ERROR_INDENT + if self.time > 0 { self.time + GAP } else { 0 };
        let text = truncate(&error, width.saturating_sub(indent + 2));
        format!("{:indent$}↳ {text}\n", "")
    }

    fn aligns(&self) -> Vec<Align> {
        self.columns
            .iter()
            .zip(&self.widths)
            .map(|(c, &w)| {
                if c.is_numeric() {
                    Align::right(w)
                } else {
                    Align::left(w)
                }
            })
            .collect()
    }

    fn cells(&self, job: &C::Job, style: &Style) -> Vec<String> {
        self.columns
            .iter()
            .zip(&self.widths)
            .map(|(&column, &width)| match column.painted(job, style) {
                Some(painted) => painted,
                // A table id's end names it (`…customers`): it is cut from the left.
                None if column.cut_from_left() => {
                    truncate_left(&shown(column.cell(job, style)), width)
                }
                // Only free text gives way; a later row (follow mode, a long listing) with
                // a wider id, status or size widens its own line rather than lose
                // characters.
                None if column.is_free_text() => truncate(&shown(column.cell(job, style)), width),
                None => shown(column.cell(job, style)),
            })
            .collect()
    }
}

/// The whole table, header and rows: fitted to `width` on a terminal (`style.terminal`),
/// else TSV.
pub fn table<C: TableColumn>(
    jobs: &[&C::Job],
    columns: &[C],
    style: &Style,
    width: Option<usize>,
) -> String {
    if !style.terminal {
        let mut out = tsv_header(columns);
        for job in jobs {
            out.push_str(&tsv_row(*job, columns, style));
        }
        return out;
    }
    Layout::new(jobs, columns, style, width).lines(jobs, style)
}

fn shown(cell: Option<String>) -> String {
    cell.unwrap_or_else(|| "-".to_owned())
}

/// Which columns (indices into `columns`) a table of `natural` widths keeps to fit
/// `width`, and whether errors move to a line of their own under each row. A table that
/// fits keeps everything. Otherwise, in this order until it fits: the error code and
/// message move under the rows ([`TableColumn::moves_under_row`]); columns go that are
/// `empty` (nothing but [`TableColumn::nothing`], `0 B` for IN and OUT, or no value);
/// then columns go by [`TableColumn::drop_priority`] (storage jobs: DURATION, CREATED,
/// IN/OUT, CREATOR, ERROR CODE, OPERATION), one priority at a time, until the rest fits
/// with free text at readable widths ([`fit_widths`] then cuts it). Columns without a
/// priority (ID, STATUS, RUN ID) always stay, whole.
pub fn fit_columns<C: TableColumn>(
    natural: &[usize],
    columns: &[C],
    empty: &[bool],
    width: usize,
) -> (Vec<usize>, bool) {
    let total = |kept: &[usize], w: &dyn Fn(usize) -> usize| {
        kept.iter().map(|&i| w(i)).sum::<usize>() + GAP * kept.len().saturating_sub(1)
    };
    let natural_of = |i: usize| natural[i];
    let mut kept: Vec<usize> = (0..columns.len()).collect();
    if total(&kept, &natural_of) <= width {
        return (kept, false);
    }
    let error_line = columns.iter().any(|c| c.opens_under_row());
    if error_line {
        kept.retain(|&i| !columns[i].moves_under_row());
        if total(&kept, &natural_of) <= width {
            return (kept, true);
        }
    }
    kept.retain(|&i| !(columns[i].nothing().is_some() && empty[i]));
    let comfortable = |i: usize| natural[i].min(columns[i].comfortable());
    let mut priorities: Vec<u8> = columns.iter().filter_map(|c| c.drop_priority()).collect();
    priorities.sort_unstable();
    priorities.dedup();
    for priority in priorities {
        if total(&kept, &comfortable) <= width {
            break;
        }
        kept.retain(|&i| columns[i].drop_priority() != Some(priority));
    }
    (kept, error_line)
}

/// Narrows free-text columns, widest first, until the row fits `width`. The id and the
/// other short columns are never cut; when even the narrowest free text does not fit, the
/// table stays wider than the terminal rather than losing ids.
pub fn fit_widths<C: TableColumn>(natural: &[usize], columns: &[C], width: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
    let floor: Vec<usize> = natural
        .iter()
        .zip(columns)
        .map(|(&n, c)| n.min(c.header().len().max(MIN_FREE_TEXT)))
        .collect();
    let mut excess = total(&widths).saturating_sub(width);
    while excess > 0 {
        // The widest free-text column (the rightmost of equals) gives way first, down to
        // the next widest; equals then take turns one column at a time.
        let widest = (0..widths.len())
            .filter(|&i| columns[i].is_free_text() && widths[i] > floor[i])
            .max_by_key(|&i| (widths[i], i));
        let Some(i) = widest else { break };
        let next = (0..widths.len())
            .filter(|&j| j != i && columns[j].is_free_text())
            .map(|j| widths[j])
            .filter(|&w| w <= widths[i])
            .max()
            .unwrap_or(0)
            .max(floor[i]);
        let cut = (widths[i] - next).clamp(1, excess);
        widths[i] -= cut;
        excess -= cut;
    }
    widths
}

#[cfg(test)]
mod tests_support {
    pub use super::*;

    pub fn job(s: &str) -> Job {
        serde_json::from_str(s).unwrap()
    }

    pub fn jobs() -> Vec<Job> {
        vec![
            job(
                r#"{"id":22077337,"status":"success","tableId":"in.c-main.orders",
                "operationName":"tableImport","createdTime":"2026-11-29T12:55:00+0100",
                "startTime":"2026-11-29T12:55:02+0100","endTime":"2026-11-29T12:55:43+0100",
                "runId":"881.882","creatorToken":{"id":"1","description":"ann@example.com"},
                "metrics":{"inBytes":1843,"outBytes":0}}"#,
            ),
            job(
                r#"{"id":22077300,"status":"error","tableId":"in.c-main.very-long-table-name-for-customers",
                "operationName":"tableImport","createdTime":"2026-11-29T10:00:00+0100",
                "startTime":"2026-11-29T10:00:00+0100","endTime":"2026-11-29T10:02:05+0100",
                "error":{"code":"csvImport.columnsNotMatch","message":"Some columns are missing in the csv file.\nMissing: id"},
                "metrics":{"inBytes":5242880,"outBytes":12}}"#,
            ),
            job(
                r#"{"id":9,"status":"waiting","operationName":"workspaceCreate",
                "createdTime":"2026-11-29T11:59:58Z"}"#,
            ),
        ]
    }

    pub fn tty() -> Style {
        Style::fixed(true)
    }

    pub fn pipe() -> Style {
        Style {
            terminal: false,
            ..tty()
        }
    }

    pub fn render(width: Option<usize>, columns: &[Column], style: &Style) -> String {
        let jobs = jobs();
        let refs: Vec<&Job> = jobs.iter().collect();
        table(&refs, columns, style, width)
    }

    pub fn render_tsv(columns: &[Column]) -> String {
        let jobs = jobs();
        let mut out = tsv_header(columns);
        for j in &jobs {
            out.push_str(&tsv_row(j, columns, &pipe()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;
    use crate::render::truncate_left;

    #[test]
    fn columns_take_header_names_too() {
        let names = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        let cols = parse_column_names(&names("id,table,OPERATION,error,run id,Error_Code"));
        assert_eq!(
            cols.unwrap(),
            [
                Column::Id,
                Column::Table,
                Column::Operation,
                Column::ErrorMessage,
                Column::RunId,
                Column::ErrorCode
            ]
        );
        assert!(
            parse_column_names(&names("tableId,nope"))
                .unwrap_err()
                .contains("'nope'")
        );
    }

    #[test]
    fn completion_offers_every_column() {
        let all: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(all, crate::cli::parse::COLUMNS);
    }

    #[test]
    fn fits_a_60_column_terminal_by_leaving_out_low_value_columns() {
        let out = render(Some(60), &DEFAULT_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE\n\
             22077337  success  tableImport      in.c-main.orders\n\
             22077300  error    tableImport      …able-name-for-customers\n\
             \u{20}      9  waiting  workspaceCreate  -\n"
        );
        assert!(out.lines().all(|l| l.width() <= 60));
    }

    #[test]
    fn any_width_fits_and_ids_stay_whole() {
        for width in [20, 30, 40, 50, 70, 80, 90] {
            let out = render(Some(width), &WIDE_COLUMNS, &tty());
            assert!(
                out.lines().all(|l| l.width() <= width.max(34)),
                "{width}:\n{out}"
            );
            assert!(out.contains("22077300"), "{width}:\n{out}");
        }
        assert_eq!(
            render(Some(30), &DEFAULT_COLUMNS, &tty()),
            "      ID  STATUS   TABLE\n\
             22077337  success  …ain.orders\n\
             22077300  error    …-customers\n\
             \u{20}      9  waiting  -\n"
        );
    }

    #[test]
    fn sizes_that_are_all_zero_go_first() {
        let jobs: Vec<Job> = jobs()
            .into_iter()
            .map(|mut j| {
                j.metrics = None;
                j
            })
            .collect();
        let refs: Vec<&Job> = jobs.iter().collect();
        assert_eq!(
            table(&refs, &DEFAULT_COLUMNS, &tty(), Some(90)),
            "      ID  STATUS   OPERATION        TABLE                               CREATED   DURATION\n\
             22077337  success  tableImport      in.c-main.orders                    5m ago    41s\n\
             22077300  error    tableImport      …ery-long-table-name-for-customers  3h ago    2m 05s\n\
             \u{20}      9  waiting  workspaceCreate  -                                   just now  -\n"
        );
    }

    #[test]
    fn fits_a_100_column_terminal_by_cutting_the_widest_text_from_the_left() {
        let out = render(Some(100), &DEFAULT_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE                          CREATED   DURATION       IN   OUT\n\
             22077337  success  tableImport      in.c-main.orders               5m ago    41s       1.8 KiB   0 B\n\
             22077300  error    tableImport      …ong-table-name-for-customers  3h ago    2m 05s    5.0 MiB  12 B\n\
             \u{20}      9  waiting  workspaceCreate  -                              just now  -               -     -\n"
        );
        assert!(out.lines().all(|l| l.width() <= 100));
    }

    #[test]
    fn a_200_column_terminal_shows_everything() {
        assert_eq!(
            render(Some(200), &DEFAULT_COLUMNS, &tty()),
            "      ID  STATUS   OPERATION        TABLE                                         CREATED   DURATION       IN   OUT\n\
             22077337  success  tableImport      in.c-main.orders                              5m ago    41s       1.8 KiB   0 B\n\
             22077300  error    tableImport      in.c-main.very-long-table-name-for-customers  3h ago    2m 05s    5.0 MiB  12 B\n\
             \u{20}      9  waiting  workspaceCreate  -                                             just now  -               -     -\n"
        );
    }

    #[test]
    fn wide_puts_errors_under_their_rows_when_they_do_not_fit() {
        let out = render(Some(200), &WIDE_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE                                         CREATED   DURATION       IN   OUT  RUN ID   CREATOR\n\
             22077337  success  tableImport      in.c-main.orders                              5m ago    41s       1.8 KiB   0 B  881.882  ann@example.com\n\
             22077300  error    tableImport      in.c-main.very-long-table-name-for-customers  3h ago    2m 05s    5.0 MiB  12 B  -        -\n\
             \u{20}   ↳ csvImport.columnsNotMatch: Some columns are missing in the csv file. Missing: id\n\
             \u{20}      9  waiting  workspaceCreate  -                                             just now  -               -     -  -        -\n"
        );
        let out = render(Some(120), &WIDE_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE                    CREATED   DURATION       IN   OUT  RUN ID   CREATOR\n\
             22077337  success  tableImport      in.c-main.orders         5m ago    41s       1.8 KiB   0 B  881.882  ann@example.com\n\
             22077300  error    tableImport      …ble-name-for-customers  3h ago    2m 05s    5.0 MiB  12 B  -        -\n\
             \u{20}   ↳ csvImport.columnsNotMatch: Some columns are missing in the csv file. Missing: id\n\
             \u{20}      9  waiting  workspaceCreate  -                        just now  -               -     -  -        -\n"
        );
        assert!(out.lines().all(|l| l.width() <= 120));
        // Wide enough for everything: one line per job, errors in their columns.
        let out = render(Some(250), &WIDE_COLUMNS, &tty());
        assert_eq!(out.lines().count(), 4);
        assert!(out.starts_with("      ID  STATUS ") && out.contains("  ERROR CODE "));
    }

    #[test]
    fn run_ids_are_never_cut_and_table_ids_are_cut_from_the_left() {
        let j = job(
            r#"{"id":1,"status":"success","tableId":"in.c-bucket.customers",
            "runId":"386519998.386520002.386520007"}"#,
        );
        let t = table(
            &[&j],
            &[Column::Id, Column::Table, Column::RunId],
            &tty(),
            Some(45),
        );
        assert_eq!(
            t,
            "ID  TABLE       RUN ID\n\
             \u{20}1  …customers  386519998.386520002.386520007\n"
        );
        assert_eq!(truncate_left("in.c-crm.customers", 10), "…customers");
        assert_eq!(truncate_left("abc", 3), "abc");
    }

    #[test]
    fn piped_output_is_exact_tsv_with_absolute_times_and_raw_numbers() {
        assert_eq!(
            render_tsv(&WIDE_COLUMNS),
            "ID\tSTATUS\tOPERATION\tTABLE\tCREATED\tDURATION\tIN\tOUT\tRUN ID\tCREATOR\tERROR CODE\tERROR\n\
             22077337\tsuccess\ttableImport\tin.c-main.orders\t2026-11-29T12:55:00+01:00\t41\t1843\t0\t881.882\tann@example.com\t\t\n\
             22077300\terror\ttableImport\tin.c-main.very-long-table-name-for-customers\t2026-11-29T10:00:00+01:00\t125\t5242880\t12\t\t\tcsvImport.columnsNotMatch\tSome columns are missing in the csv file. Missing: id\n\
             9\twaiting\tworkspaceCreate\t\t2026-11-29T11:59:58+00:00\t\t\t\t\t\t\t\n"
        );
    }

    #[test]
    fn server_text_is_sanitised_in_tables_and_tsv() {
        let j = job(
            r#"{"id":1,"status":"error","operationName":"x\u001b[31mred\ttab",
            "tableId":"in.c\u0007.t\n"}"#,
        );
        let row = tsv_row(&j, &[Column::Operation, Column::Table], &pipe());
        assert_eq!(row, "xred tab\tin.c.t \n");
        let t = table(&[&j], &[Column::Operation], &tty(), None);
        assert_eq!(t, "OPERATION\nxred tab\n");
    }

    #[test]
    fn status_is_coloured_without_breaking_alignment() {
        let jobs = jobs();
        let style = Style {
            color: true,
            ..tty()
        };
        let t = table(
            &[&jobs[1], &jobs[2]],
            &[Column::Status, Column::Id],
            &style,
            None,
        );
        assert_eq!(
            t,
            "STATUS         ID\n\x1b[31;1merror\x1b[0m    22077300\n\x1b[33mwaiting\x1b[0m         9\n"
        );
    }

    #[test]
    fn columns_are_picked_by_json_name() {
        let names = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            parse_columns(&names("id,STATUS,tableId,errorMessage")),
            Ok(vec![
                Column::Id,
                Column::Status,
                Column::Table,
                Column::ErrorMessage
            ])
        );
        let e = parse_columns(&names("id,bogus")).unwrap_err();
        assert_eq!(
            e,
            "unknown column 'bogus'; valid columns: id,status,operationName,tableId,createdTime,\
             duration,inBytes,outBytes,runId,creator,errorCode,errorMessage,startTime,endTime"
        );
    }

    #[test]
    fn fitting_never_cuts_fixed_columns() {
        let cols = [Column::Id, Column::Operation, Column::ErrorMessage];
        assert_eq!(fit_widths(&[8, 20, 40], &cols, 50), vec![8, 19, 19]);
        assert_eq!(fit_widths(&[8, 20, 40], &cols, 60), vec![8, 20, 28]);
        assert_eq!(fit_widths(&[8, 30, 30], &cols, 50), vec![8, 19, 19]);
        assert_eq!(fit_widths(&[8, 30, 30], &cols, 10), vec![8, 9, 6]);
        assert_eq!(fit_widths(&[8, 3, 3], &cols, 10), vec![8, 3, 3]);
    }

    #[test]
    fn truncation_counts_display_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
    }
}
