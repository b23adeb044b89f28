//! Where listed jobs go: JSON lines, one JSON array, TSV (all streamed as they come) or a
//! table fitted to the terminal (laid out from its first rows, then streamed in that
//! layout). Follow-mode changes are marked rows of their own (time, `old -> new`) in
//! columns that every change keeps, or `watch`-shaped events for `-o jsonl`.

use std::io::{self, Write};

use crate::model::json_compact;
use crate::output::{DataWriter, Output};
use crate::render::JsonArray;
use crate::render::Style;
use crate::render::table::{
    Column, Layout, TableColumn, tsv_change_header, tsv_change_row, tsv_header, tsv_row,
};

/// Rows a terminal table holds to decide its column widths. A longer listing (`--all`)
/// is laid out from these and later rows stream in that layout (free text cut to its
/// widths), so that the first rows show at once and memory stays flat.
const LAYOUT_ROWS: usize = 1000;

/// Where the matching jobs of a listing go: the printer, or a command that reads them
/// (`stats`, `timeline`). `J` is the decoded kind of job.
pub trait JobSink<J> {
    /// Jobs taken so far (the listing stops at its limit).
    fn count(&self) -> u64;
    /// Whether `take` needs the decoded job; when not, it may get the text alone, which
    /// spares decoding whole jobs.
    fn wants_job(&self) -> bool;
    /// One matching job: the server's text, and its decoded view when there is one.
    fn take(&mut self, raw: &str, job: Option<&J>) -> io::Result<()>;
    /// A page is done: what was taken may go out.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<W: Write, C: TableColumn> JobSink<C::Job> for Printer<W, C>
where
    C::Job: Clone,
{
    fn count(&self) -> u64 {
        self.count
    }

    fn wants_job(&self) -> bool {
        self.is_table()
    }

    fn take(&mut self, raw: &str, job: Option<&C::Job>) -> io::Result<()> {
        self.emit(raw, job)
    }

    fn flush(&mut self) -> io::Result<()> {
        Printer::flush(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    /// One compact job per line.
    Jsonl,
    /// One array; pretty for a person.
    Json { pretty: bool },
    /// Tab-separated with a header line, for a pipe.
    Tsv,
    /// Aligned columns fitted to the terminal.
    Table,
}

/// Generic over the kind of job through its columns (`Column` for storage jobs), so that
/// `queue list` prints the same ways.
pub struct Printer<W: Write = DataWriter, C: TableColumn = Column> {
    w: W,
    format: RowFormat,
    columns: Vec<C>,
    style: Style,
    width: Option<usize>,
    count: u64,
    /// Jobs held for the table until its widths are known (up to `layout_rows`).
    rows: Vec<C::Job>,
    layout_rows: usize,
    layout: Option<Layout<C>>,
    /// Follow mode (`list --watch`): jsonl lines are events, and the table's change rows
    /// have this layout, made with the listing's.
    follow: bool,
    changes: Option<Layout<C>>,
    /// Whether the change rows' header is out.
    changes_shown: bool,
    buf: String,
    array: JsonArray,
    started: bool,
}

impl<W: Write, C: TableColumn> Printer<W, C>
where
    C::Job: Clone,
{
    pub fn new(w: W, format: RowFormat, columns: Vec<C>, out: &Output) -> Printer<W, C> {
        let style = Style {
            color: out.color && matches!(format, RowFormat::Table | RowFormat::Tsv),
            terminal: out.stdout_tty,
            now: jiff::Timestamp::now(),
            zone: out.zone.clone(),
        };
        Printer::with_style(w, format, columns, style, out.width)
    }

    pub fn with_style(
        w: W,
        format: RowFormat,
        columns: Vec<C>,
        style: Style,
        width: Option<usize>,
    ) -> Printer<W, C> {
        Printer {
            w,
            format,
            columns,
            style,
            width,
            count: 0,
            rows: Vec::new(),
            layout_rows: LAYOUT_ROWS,
            layout: None,
            follow: false,
            changes: None,
            changes_shown: false,
            buf: String::new(),
            array: JsonArray::new(matches!(format, RowFormat::Json { pretty: true })),
            started: false,
        }
    }

    /// Follow mode: `-o jsonl` lines become `watch`'s events (`{"event":"change",...}`,
    /// `from` null for the listing) and table changes get rows of their own.
    pub fn following(mut self) -> Printer<W, C> {
        self.follow = true;
        self
    }

    /// Jobs printed so far (not counting follow-mode updates).
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn is_table(&self) -> bool {
        matches!(self.format, RowFormat::Table | RowFormat::Tsv)
    }

    pub fn set_now(&mut self, now: jiff::Timestamp) {
        self.style.now = now;
    }

    /// The TSV header goes out with the first row, so that a listing that fails before any
    /// job arrives, or matches none, prints nothing on stdout (like the terminal table).
    fn header(&mut self) -> io::Result<()> {
        if self.format == RowFormat::Tsv && !self.started {
            self.w.write_all(tsv_header(&self.columns).as_bytes())?;
        }
        self.started = true;
        Ok(())
    }

    /// One job of the listing: `raw` is the server's text, `job` its decoded view (needed
    /// for the table formats only).
    pub fn emit(&mut self, raw: &str, job: Option<&C::Job>) -> io::Result<()> {
        self.header()?;
        self.count += 1;
        match self.format {
            RowFormat::Jsonl if self.follow => self.event(raw, None),
            RowFormat::Jsonl => self.line(raw),
            RowFormat::Json { .. } => self.array.item(raw, &mut self.w),
            RowFormat::Tsv => match job {
                Some(job) => self
                    .w
                    .write_all(tsv_row(job, &self.columns, &self.style).as_bytes()),
                None => Ok(()),
            },
            RowFormat::Table => {
                let Some(job) = job else { return Ok(()) };
                if let Some(layout) = &self.layout {
                    return self.w.write_all(layout.row(job, &self.style).as_bytes());
                }
                self.rows.push(job.clone());
                if self.rows.len() >= self.layout_rows {
                    self.lay_out()?;
                }
                Ok(())
            }
        }
    }

    /// Fixes the table's widths from the rows held so far and prints them with the header
    /// (nothing when there are none).
    fn lay_out(&mut self) -> io::Result<()> {
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return Ok(());
        }
        let refs: Vec<&C::Job> = rows.iter().collect();
        let layout = Layout::new(&refs, &self.columns, &self.style, self.width);
        self.w
            .write_all(layout.lines(&refs, &self.style).as_bytes())?;
        self.layout = Some(layout);
        if self.follow {
            let changes = Layout::for_changes(&refs, &self.columns, &self.style, self.width);
            self.changes = Some(changes);
        }
        Ok(())
    }

    /// Ends the listing: closes the JSON array or lays out and prints the table.
    pub fn finish(&mut self) -> io::Result<()> {
        match self.format {
            RowFormat::Json { .. } => self.array.end(&mut self.w)?,
            // Lays out a table of fewer rows than `layout_rows` (a no-op once laid out).
            RowFormat::Table => self.lay_out()?,
            RowFormat::Jsonl | RowFormat::Tsv => {}
        }
        self.flush()
    }

    /// A follow-mode change in the listing's own layout: a table row, a TSV line, or one
    /// compact JSON line (also after a `-o json` array, which cannot be extended). For
    /// kinds of jobs that have no marked changes yet (`queue list --watch`).
    pub fn update(&mut self, raw: &str, job: &C::Job) -> io::Result<()> {
        match self.format {
            RowFormat::Jsonl | RowFormat::Json { .. } => self.line(raw),
            RowFormat::Tsv => {
                self.header()?;
                self.w
                    .write_all(tsv_row(job, &self.columns, &self.style).as_bytes())
            }
            RowFormat::Table => match &self.layout {
                Some(layout) => self.w.write_all(layout.row(job, &self.style).as_bytes()),
                // After an empty listing the first change sets the widths and the header.
                None => {
                    self.rows.push(job.clone());
                    self.lay_out()
                }
            },
        }
    }

    /// A follow-mode change of the job `raw` (its decoded view `job`) from the status
    /// `from` (`None` for a job not seen before): a marked table row (local time,
    /// `from -> to`, a failed job's error under it) in the columns every change row keeps,
    /// under a header of their own before the first; the same as a TSV line (time in
    /// RFC 3339, the error as a last field); a `watch`-shaped event for `-o jsonl`; one compact
    /// JSON line after a `-o json` array, which cannot be extended.
    pub fn change(&mut self, raw: &str, job: &C::Job, from: Option<&str>) -> io::Result<()> {
        match self.format {
            RowFormat::Jsonl => self.event(raw, from),
            RowFormat::Json { .. } => self.line(raw),
            // As on a terminal: a header of their own, the time and `from -> to`.
            RowFormat::Tsv => {
                self.started = true;
                if !self.changes_shown {
                    self.changes_shown = true;
                    self.w
                        .write_all(tsv_change_header(&self.columns).as_bytes())?;
                }
                let row = tsv_change_row(job, &self.columns, from, &self.style);
                self.w.write_all(row.as_bytes())
            }
            RowFormat::Table => {
                // After an empty listing, the first change sets the columns.
                let changes = self.changes.take().unwrap_or_else(|| {
                    Layout::for_changes(&[job], &self.columns, &self.style, self.width)
                });
                if !self.changes_shown {
                    self.changes_shown = true;
                    self.w.write_all(changes.change_header().as_bytes())?;
                }
                let at = self.style.zone.clock(self.style.now);
                let row = changes.change_row(job, from, &at, &self.style);
                self.changes = Some(changes);
                self.w.write_all(row.as_bytes())
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// The writer back, e.g. the buffer that collected a listing for `--jq`.
    pub fn into_inner(self) -> W {
        self.w
    }

    /// A `watch -o jsonl` change event for the job `raw`, at the style's "now".
    /// Jobs with no events ([`TableColumn::change_event`]) print their line as it came.
    fn event(&mut self, raw: &str, from: Option<&str>) -> io::Result<()> {
        let Some(mut line) = C::change_event(raw, from, self.style.now) else {
            return self.line(raw);
        };
        line.push('\n');
        self.w.write_all(line.as_bytes())
    }

    fn line(&mut self, raw: &str) -> io::Result<()> {
        self.buf.clear();
        json_compact(raw, &mut self.buf);
        self.buf.push('\n');
        self.w.write_all(self.buf.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Job, RawJob, Status};
    use crate::render::Zone;
    use unicode_width::UnicodeWidthStr;

    const A: &str = "{\"id\": 2, \"status\": \"success\", \"x\": [1, {\"y\": \"a b\"}]}";
    const B: &str = "{\"id\": 1, \"status\": \"error\"}";

    fn style() -> Style {
        Style {
            color: false,
            terminal: false,
            now: jiff::Timestamp::now(),
            zone: Zone::utc(),
        }
    }

    fn print(format: RowFormat, raws: &[&str]) -> String {
        let mut p = Printer::with_style(
            Vec::new(),
            format,
            vec![Column::Id, Column::Status],
            style(),
            None,
        );
        for raw in raws {
            let job: Job = serde_json::from_str(raw).unwrap();
            p.emit(raw, Some(&job)).unwrap();
        }
        p.finish().unwrap();
        String::from_utf8(p.w).unwrap()
    }

    #[test]
    fn json_array_matches_show_layout() {
        let raws = [A, B];
        assert_eq!(
            print(RowFormat::Json { pretty: false }, &raws),
            crate::render::json_text(&raws, false, false)
        );
        assert_eq!(
            print(RowFormat::Json { pretty: true }, &raws),
            crate::render::json_text(&raws, false, true)
        );
        assert_eq!(print(RowFormat::Json { pretty: true }, &[]), "[]\n");
        assert_eq!(print(RowFormat::Json { pretty: false }, &[]), "[]\n");
    }

    #[test]
    fn jsonl_is_one_compact_job_per_line() {
        assert_eq!(
            print(RowFormat::Jsonl, &[A, B]),
            "{\"id\":2,\"status\":\"success\",\"x\":[1,{\"y\":\"a b\"}]}\n{\"id\":1,\"status\":\"error\"}\n"
        );
        assert_eq!(print(RowFormat::Jsonl, &[]), "");
    }

    #[test]
    fn tsv_has_a_header_then_rows() {
        assert_eq!(
            print(RowFormat::Tsv, &[A, B]),
            "ID\tSTATUS\n2\tsuccess\n1\terror\n"
        );
        assert_eq!(print(RowFormat::Tsv, &[]), "");
    }

    fn change(p: &mut Printer<Vec<u8>>, raw: &RawJob, from: Option<&Status>) {
        p.change(raw.raw(), &raw.job, from.map(Status::as_str))
            .unwrap();
    }

    fn at_noon() -> Style {
        Style {
            now: "2026-11-29T12:00:05Z".parse().unwrap(),
            ..style()
        }
    }

    #[test]
    fn updates_after_an_empty_listing_start_with_a_header() {
        // `17:32:24 CET` in the zone the tests run in, one column wider for `CEST`.
        let time = Zone::utc().clock(at_noon().now);
        let w = time.len() + 1;
        for (mode, expected) in [
            (
                RowFormat::Table,
                format!(
                    "{:w$}  ID  STATUS\n{time:w$}   1  waiting -> error\n{time:w$}   2  new -> success\n",
                    "TIME"
                ),
            ),
            (
                RowFormat::Tsv,
                "TIME\tID\tSTATUS\tERROR\n\
                 2026-11-29T12:00:05Z\t1\twaiting -> error\t\n\
                 2026-11-29T12:00:05Z\t2\tnew -> success\t\n"
                    .to_owned(),
            ),
            (
                RowFormat::Jsonl,
                "{\"event\":\"change\",\"id\":1,\"from\":\"waiting\",\"to\":\"error\",\
                 \"time\":\"2026-11-29T12:00:05Z\",\"job\":{\"id\":1,\"status\":\"error\"}}\n\
                 {\"event\":\"change\",\"id\":2,\"from\":null,\"to\":\"success\",\
                 \"time\":\"2026-11-29T12:00:05Z\",\"job\":{\"id\":2,\"status\":\"success\",\"x\":[1,{\"y\":\"a b\"}]}}\n"
                    .to_owned(),
            ),
        ] {
            let columns = vec![Column::Id, Column::Status];
            let mut p = Printer::with_style(Vec::new(), mode, columns, at_noon(), None).following();
            p.finish().unwrap();
            change(&mut p, &RawJob::parse(B).unwrap(), Some(&Status::Waiting));
            change(&mut p, &RawJob::parse(A).unwrap(), None);
            assert_eq!(String::from_utf8(p.w).unwrap(), expected, "{mode:?}");
        }
    }

    #[test]
    fn change_rows_are_marked_and_keep_their_columns_within_the_width() {
        let job = |id: u64, status: &str, table: &str| -> RawJob {
            RawJob::parse(&format!(
                r#"{{"id":{id},"status":"{status}","operationName":"tableImport","tableId":"{table}"}}"#
            ))
            .unwrap()
        };
        let columns = vec![Column::Id, Column::Status, Column::Operation, Column::Table];
        // 60 columns for the job's cells, whatever the width of the zone's name.
        let time = Zone::utc().clock(at_noon().now);
        let w = time.len() + 1;
        let width = 60 + w + 2;
        let mut p = Printer::with_style(
            Vec::new(),
            RowFormat::Table,
            columns,
            at_noon(),
            Some(width),
        )
        .following();
        let listed = job(31, "waiting", "in.c-main.a-rather-long-table-name");
        p.emit(listed.raw(), Some(&listed.job)).unwrap();
        p.finish().unwrap();
        let processing = job(31, "processing", "in.c-main.a-rather-long-table-name");
        change(&mut p, &processing, Some(&Status::Waiting));
        let done = job(31, "success", "in.c-main.a-rather-long-table-name");
        change(&mut p, &done, Some(&Status::Processing));
        assert_eq!(
            String::from_utf8_lossy(&p.w),
            format!(
                "ID  STATUS   OPERATION    TABLE\n\
                 31  waiting  tableImport  in.c-main.a-rather-long-table-name\n\
                 {:w$}  ID  STATUS                 OPERATION    TABLE\n\
                 {time:w$}  31  waiting -> processing  tableImport  …her-long-table-name\n\
                 {time:w$}  31  processing -> success  tableImport  …her-long-table-name\n",
                "TIME"
            )
        );
        let out = String::from_utf8(p.w).unwrap();
        assert!(out.lines().all(|l| l.width() <= width), "{out}");
    }

    const FAILED: &str = r#"{"id":31,"status":"error","operationName":"tableImport",
        "tableId":"in.c-main.orders","error":{"code":"csvImport.columnsNotMatch",
        "message":"Some columns are missing"}}"#;

    #[test]
    fn piped_change_rows_carry_their_time_the_transition_and_the_error() {
        let columns = vec![Column::Id, Column::Status, Column::Operation];
        let mut p =
            Printer::with_style(Vec::new(), RowFormat::Tsv, columns, at_noon(), None).following();
        let listed = RawJob::parse(B).unwrap();
        p.emit(listed.raw(), Some(&listed.job)).unwrap();
        p.finish().unwrap();
        change(
            &mut p,
            &RawJob::parse(FAILED).unwrap(),
            Some(&Status::Processing),
        );
        change(&mut p, &RawJob::parse(A).unwrap(), None);
        assert_eq!(
            String::from_utf8(p.w).unwrap(),
            "ID\tSTATUS\tOPERATION\n\
             1\terror\t\n\
             TIME\tID\tSTATUS\tOPERATION\tERROR\n\
             2026-11-29T12:00:05Z\t31\tprocessing -> error\ttableImport\t\
             csvImport.columnsNotMatch: Some columns are missing\n\
             2026-11-29T12:00:05Z\t2\tnew -> success\t\t\n"
        );
        // With the error among the columns, no field of its own.
        let columns = vec![
            Column::Id,
            Column::Status,
            Column::ErrorCode,
            Column::ErrorMessage,
        ];
        let mut p =
            Printer::with_style(Vec::new(), RowFormat::Tsv, columns, at_noon(), None).following();
        change(
            &mut p,
            &RawJob::parse(FAILED).unwrap(),
            Some(&Status::Waiting),
        );
        assert_eq!(
            String::from_utf8(p.w).unwrap(),
            "TIME\tID\tSTATUS\tERROR CODE\tERROR\n\
             2026-11-29T12:00:05Z\t31\twaiting -> error\tcsvImport.columnsNotMatch\t\
             Some columns are missing\n"
        );
    }

    #[test]
    fn a_terminal_change_row_of_a_failed_job_says_why_under_it() {
        let columns = vec![Column::Id, Column::Status, Column::Operation, Column::Table];
        let time = Zone::utc().clock(at_noon().now);
        for width in [None, Some(120)] {
            let mut p = Printer::with_style(
                Vec::new(),
                RowFormat::Table,
                columns.clone(),
                at_noon(),
                width,
            )
            .following();
            change(
                &mut p,
                &RawJob::parse(FAILED).unwrap(),
                Some(&Status::Processing),
            );
            let out = String::from_utf8(p.w).unwrap();
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 3, "{out}");
            let row: Vec<&str> = lines[1].split_whitespace().collect();
            assert_eq!(
                row,
                [
                    &time[..8],
                    &time[9..],
                    "31",
                    "processing",
                    "->",
                    "error",
                    "tableImport",
                    "in.c-main.orders"
                ],
                "{out}"
            );
            assert_eq!(
                lines[2].trim_start(),
                "↳ csvImport.columnsNotMatch: Some columns are missing",
                "{out}"
            );
        }
    }

    #[test]
    fn a_long_table_is_laid_out_from_its_first_rows_then_streamed() {
        let job = |id: u64, status: &str, table: &str| -> Job {
            serde_json::from_str(&format!(
                r#"{{"id":{id},"status":"{status}","tableId":"{table}"}}"#
            ))
            .unwrap()
        };
        let mut p = Printer::with_style(
            Vec::new(),
            RowFormat::Table,
            vec![Column::Id, Column::Status, Column::Table],
            style(),
            Some(60),
        );
        p.layout_rows = 2;
        p.emit("", Some(&job(31, "error", "in.c-a.t"))).unwrap();
        assert!(p.w.is_empty(), "held until the layout is known");
        p.emit("", Some(&job(30, "success", "in.c-a.u"))).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&p.w),
            "ID  STATUS   TABLE\n31  error    in.c-a.t\n30  success  in.c-a.u\n"
        );
        // Later rows go out at once in the same layout: free text is cut to its column;
        // an id or status wider than its column overflows it rather than lose characters.
        p.emit("", Some(&job(1234, "processing", "in.c-a.longer")))
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&p.w).lines().last(),
            Some("1234  processing  ….longer")
        );
        p.finish().unwrap();
        assert_eq!(String::from_utf8(p.w).unwrap().lines().count(), 4);
    }

    #[test]
    fn table_prints_nothing_when_empty() {
        assert_eq!(print(RowFormat::Table, &[]), "");
        assert_eq!(
            print(RowFormat::Table, &[A, B]),
            "ID  STATUS\n 2  success\n 1  error\n"
        );
    }
}
