//! Aligned columns without borders, laid out by `tabled`: the one place that builds a
//! `tabled::Table`. Callers decide widths and cut text; this only pads and aligns.

use tabled::builder::Builder;
use tabled::grid::util::string::get_text_width;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Margin, Padding, Style, Width};

/// How one column is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Align {
    /// The least width, in terminal columns; a wider cell widens the column.
    pub width: usize,
    /// Right-aligned (numbers) rather than left-aligned.
    pub right: bool,
}

impl Align {
    pub const fn left(width: usize) -> Align {
        Align {
            width,
            right: false,
        }
    }

    pub const fn right(width: usize) -> Align {
        Align { width, right: true }
    }
}

/// Renders `rows` (each with one cell per entry of `columns`) as lines ending in a
/// newline: cells padded to their column's width (display width, escape sequences not
/// counted), `gap` spaces between columns, `indent` spaces before each line, and nothing
/// after a left-aligned last cell. Nothing at all for no rows.
pub fn grid(rows: Vec<Vec<String>>, columns: &[Align], gap: usize, indent: usize) -> String {
    let Some(last) = columns.len().checked_sub(1) else {
        return String::new();
    };
    if rows.is_empty() {
        return String::new();
    }
    let mut widths: Vec<usize> = columns.iter().map(|c| c.width).collect();
    let mut last_cells = Vec::with_capacity(rows.len());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(get_text_width(cell));
        }
        last_cells.push(row.get(last).map_or(0, |c| get_text_width(c)));
    }
    let last_width = widths[last];
    let trim_last = !columns[last].right;
    // tabled's widths include the cell padding: the gap is every column's right padding
    // but the last one's.
    widths.iter_mut().take(last).for_each(|w| *w += gap);

    let mut table = Builder::from(rows).build();
    table
        .with(Style::empty())
        .with(Padding::new(0, gap, 0, 0))
        .modify(Columns::last(), Padding::zero());
    for (i, column) in columns.iter().enumerate() {
        if column.right {
            table.modify(Columns::one(i), Alignment::right());
        }
    }
    if indent > 0 {
        table.with(Margin::new(indent, 0, 0, 0));
    }
    table.with(Width::list(widths));

    let text = table.to_string();
    let mut out = String::with_capacity(text.len() + last_cells.len());
    for (line, cell) in text.split('\n').zip(last_cells) {
        // The last column's padding is spaces, one byte each, after the cell's text.
        let pad = if trim_last { last_width - cell } else { 0 };
        let keep = line.len().saturating_sub(pad);
        out.push_str(line.get(..keep).unwrap_or(line));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn pads_aligns_and_leaves_no_trailing_space() {
        let out = grid(
            rows(&[&["ID", "NAME"], &["7", "a"], &["1234", "longer"]]),
            &[Align::right(0), Align::left(0)],
            2,
            0,
        );
        assert_eq!(out, "  ID  NAME\n   7  a\n1234  longer\n");
    }

    #[test]
    fn widths_are_at_least_the_given_ones_and_count_display_width() {
        let out = grid(
            rows(&[&["日本", "\x1b[31mred\x1b[0m", "x"]]),
            &[Align::left(6), Align::left(0), Align::right(3)],
            1,
            2,
        );
        assert_eq!(out, "  日本   \x1b[31mred\x1b[0m   x\n");
    }

    #[test]
    fn a_trailing_space_of_the_last_cell_itself_is_kept() {
        let out = grid(
            rows(&[&["a", "b "], &["c", "dddd"]]),
            &[Align::left(0); 2],
            1,
            0,
        );
        assert_eq!(out, "a b \nc dddd\n");
    }

    #[test]
    fn no_rows_is_nothing() {
        assert_eq!(grid(Vec::new(), &[Align::left(3)], 2, 0), "");
    }
}
