//! Where listed jobs go: JSON lines, one JSON array, TSV (all streamed as they come) or a
//! table fitted to the terminal (laid out from its first rows, then streamed in that
//! layout). Follow-mode updates reuse the table's layout so that new rows line up.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::model::{Job, json_compact};
use crate::output::{DataWriter, Output};
use crate::render::table::{Column, Layout, tsv_header, tsv_row};
use crate::render::{JsonArray, Style};

/// Rows a terminal table holds to decide its column widths. A longer listing (`--all`)
/// is laid out from these and later rows stream in that layout (free text cut to its
/// widths), so that the first rows show at once and memory stays flat.
const LAYOUT_ROWS: usize = 1000;

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

pub struct Printer<W: Write = DataWriter> {
    w: W,
    format: RowFormat,
    columns: Vec<Column>,
    style: Style,
    width: Option<usize>,
    count: u64,
    /// Jobs held for the table until its widths are known (up to `layout_rows`).
    rows: Vec<Job>,
    layout_rows: usize,
    layout: Option<Layout>,
    buf: String,
    array: JsonArray,
    started: bool,
}

impl<W: Write> Printer<W> {
    pub fn new(w: W, format: RowFormat, columns: Vec<Column>, out: &Output) -> Printer<W> {
        let style = Style {
            color: out.color && matches!(format, RowFormat::Table | RowFormat::Tsv),
            terminal: out.stdout_tty,
            now: Utc::now(),
        };
        Printer::with_style(w, format, columns, style, out.width)
    }

    pub fn with_style(
        w: W,
        format: RowFormat,
        columns: Vec<Column>,
        style: Style,
        width: Option<usize>,
    ) -> Printer<W> {
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
            buf: String::new(),
            array: JsonArray::new(matches!(format, RowFormat::Json { pretty: true })),
            started: false,
        }
    }

    /// Jobs printed so far (not counting follow-mode updates).
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn is_table(&self) -> bool {
        matches!(self.format, RowFormat::Table | RowFormat::Tsv)
    }

    pub fn set_now(&mut self, now: DateTime<Utc>) {
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
    pub fn emit(&mut self, raw: &str, job: Option<&Job>) -> io::Result<()> {
        self.header()?;
        self.count += 1;
        match self.format {
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
        let refs: Vec<&Job> = rows.iter().collect();
        let layout = Layout::new(&refs, &self.columns, &self.style, self.width);
        self.w
            .write_all(layout.lines(&refs, &self.style).as_bytes())?;
        self.layout = Some(layout);
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

    /// A follow-mode change: a table row (in the listing's layout), a TSV line, or one
    /// compact JSON line (also after a `-o json` array, which cannot be extended).
    pub fn update(&mut self, raw: &str, job: &Job) -> io::Result<()> {
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

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// The writer back, e.g. the buffer that collected a listing for `--jq`.
    pub fn into_inner(self) -> W {
        self.w
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

    const A: &str = "{\"id\": 2, \"status\": \"success\", \"x\": [1, {\"y\": \"a b\"}]}";
    const B: &str = "{\"id\": 1, \"status\": \"error\"}";

    fn style() -> Style {
        Style {
            color: false,
            terminal: false,
            now: Utc::now(),
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

    #[test]
    fn updates_after_an_empty_listing_start_with_a_header() {
        for (mode, expected) in [
            (RowFormat::Table, "ID  STATUS\n 1  error\n"),
            (RowFormat::Tsv, "ID\tSTATUS\n1\terror\n"),
            (RowFormat::Jsonl, "{\"id\":1,\"status\":\"error\"}\n"),
        ] {
            let columns = vec![Column::Id, Column::Status];
            let mut p = Printer::with_style(Vec::new(), mode, columns, style(), None);
            p.finish().unwrap();
            let job: Job = serde_json::from_str(B).unwrap();
            p.update(B, &job).unwrap();
            assert_eq!(String::from_utf8(p.w).unwrap(), expected, "{mode:?}");
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
