//! The job list as text (`jobctl list`): a table fitted to a terminal width, or
//! tab-separated values for a pipe. Pure functions; columns, width and style come from the caller.
//! Widths and cuts are decided here; `grid` (tabled) lays the cells out.

use unicode_width::UnicodeWidthStr;

use super::grid::{Align, grid};
use super::{Style, age, human_bytes, human_duration, rfc3339, sanitize, truncate};
use crate::model::Job;

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
}

impl Column {
    pub const ALL: [Column; 12] = [
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
        }
    }

    /// Server text of any length: these give way when the table is too wide.
    fn is_free_text(self) -> bool {
        matches!(
            self,
            Column::Operation
                | Column::Table
                | Column::RunId
                | Column::Creator
                | Column::ErrorCode
                | Column::ErrorMessage
        )
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

/// `-o wide`: the default table plus run id, creator and error.
pub const WIDE_COLUMNS: [Column; 12] = Column::ALL;

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

/// One cell's plain text, sanitised, `None` when the job has no value.
///
/// For a person (`style.terminal`): ages, human durations and sizes. For a pipe:
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
        Column::Duration if style.terminal => job.duration(style.now).map(human_duration),
        Column::Duration => job
            .end_time
            .and(job.duration(style.now))
            .map(|d| d.num_seconds().to_string()),
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

/// A table's column widths, decided once from the first rows so that later rows (follow
/// mode) line up with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout<C = Column> {
    columns: Vec<C>,
    widths: Vec<usize>,
}

impl<C: TableColumn> Layout<C> {
    /// Widths that fit `jobs` into `width` terminal columns (no limit with `None`).
    pub fn new(jobs: &[&C::Job], columns: &[C], style: &Style, width: Option<usize>) -> Layout<C> {
        let mut natural: Vec<usize> = columns.iter().map(|c| c.header().len()).collect();
        for job in jobs {
            for (w, &c) in natural.iter_mut().zip(columns) {
                *w = (*w).max(shown(c.cell(job, style)).width());
            }
        }
        let widths = match width {
            Some(width) => fit_widths(&natural, columns, width),
            None => natural,
        };
        Layout {
            columns: columns.to_vec(),
            widths,
        }
    }

    /// The header line and one line per job, in these widths.
    pub fn lines(&self, jobs: &[&C::Job], style: &Style) -> String {
        let mut rows = Vec::with_capacity(jobs.len() + 1);
        rows.push(self.columns.iter().map(|c| c.header().to_owned()).collect());
        rows.extend(jobs.iter().map(|job| self.cells(job, style)));
        grid(rows, &self.aligns(), GAP, 0)
    }

    /// One row; status coloured when the style says so.
    pub fn row(&self, job: &C::Job, style: &Style) -> String {
        grid(vec![self.cells(job, style)], &self.aligns(), GAP, 0)
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
    use crate::model::parse_timestamp;

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
        Style {
            color: false,
            terminal: true,
            now: parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc(),
        }
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

    #[test]
    fn fits_a_60_column_terminal_as_far_as_it_can_without_cutting_ids() {
        assert_eq!(
            render(Some(60), &DEFAULT_COLUMNS, &tty()),
            "      ID  STATUS   OPERATION  TABLE   CREATED   DURATION       IN   OUT\n\
             22077337  success  tableImp…  in.c-…  5m ago    41s       1.8 KiB   0 B\n\
             22077300  error    tableImp…  in.c-…  3h ago    2m 05s    5.0 MiB  12 B\n\
             \u{20}      9  waiting  workspac…  -       just now  -               -     -\n"
        );
    }

    #[test]
    fn fits_a_100_column_terminal_by_cutting_the_widest_text() {
        let out = render(Some(100), &DEFAULT_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE                          CREATED   DURATION       IN   OUT\n\
             22077337  success  tableImport      in.c-main.orders               5m ago    41s       1.8 KiB   0 B\n\
             22077300  error    tableImport      in.c-main.very-long-table-na…  3h ago    2m 05s    5.0 MiB  12 B\n\
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
    fn wide_adds_run_id_creator_and_error_and_cuts_the_longest_first() {
        let out = render(Some(200), &WIDE_COLUMNS, &tty());
        assert_eq!(
            out,
            "      ID  STATUS   OPERATION        TABLE                                  CREATED   DURATION       IN   OUT  RUN ID   CREATOR          ERROR CODE                 ERROR\n\
             22077337  success  tableImport      in.c-main.orders                       5m ago    41s       1.8 KiB   0 B  881.882  ann@example.com  -                          -\n\
             22077300  error    tableImport      in.c-main.very-long-table-name-for-c…  3h ago    2m 05s    5.0 MiB  12 B  -        -                csvImport.columnsNotMatch  Some columns are missing in the csv …\n\
             \u{20}      9  waiting  workspaceCreate  -                                      just now  -               -     -  -        -                -                          -\n"
        );
        assert!(out.lines().all(|l| l.width() <= 200));
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
             duration,inBytes,outBytes,runId,creator,errorCode,errorMessage"
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
