//! Whole screens of `top` drawn on a `TestBackend` at a few sizes and compared with the
//! snapshots beside this file. A difference rewrites the snapshot and fails, so one
//! `cargo test` both detects a change and produces the new screen to review and commit.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{draw, fit};
use crate::dashboard::state::tests::{at, queue, run_tree, sample, storage};
use crate::dashboard::state::{KeyPress, State, View};
use crate::model::JobKind;
use crate::render::Zone;

/// The screen as text, one line a row, trailing blanks kept off.
pub fn screen(state: &mut State, width: u16, height: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    fit(area, state);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check(name: &str, shown: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/render/top/snapshots")
        .join(format!("{name}.txt"));
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    if before != shown {
        std::fs::write(&path, shown).unwrap();
        panic!(
            "the screen {name} changed; {} is rewritten, review and commit it:\n{shown}",
            path.display()
        );
    }
}

#[test]
fn snapshot_80x24_both_kinds() {
    let mut s = sample(View::Both);
    s.project = Some("Acme Analytics (9876)".into());
    check("80x24-both", &screen(&mut s, 80, 24));
}

#[test]
fn snapshot_80x24_detail_pane() {
    let mut s = sample(View::Both);
    s.key(KeyPress::Down);
    s.key(KeyPress::Down);
    s.key(KeyPress::Down);
    s.key(KeyPress::Enter);
    check("80x24-detail", &screen(&mut s, 80, 24));
}

#[test]
fn snapshot_200x60_with_filter_pane_and_an_error() {
    let mut s = sample(View::Both);
    let retry = s.now + jiff::SignedDuration::from_secs(8);
    s.loaded(
        JobKind::Queue,
        Err("HTTP 503 Service Unavailable".into()),
        retry,
    );
    s.key(KeyPress::Char('/'));
    s.key(KeyPress::Char('t'));
    s.key(KeyPress::Char('a'));
    s.key(KeyPress::Char('b'));
    s.key(KeyPress::Enter);
    s.key(KeyPress::Down);
    s.key(KeyPress::Enter);
    check("200x60-filter-detail", &screen(&mut s, 200, 60));
}

#[test]
fn snapshot_200x60_help() {
    let mut s = sample(View::Storage);
    s.key(KeyPress::Char('?'));
    check("200x60-help", &screen(&mut s, 200, 60));
}

#[test]
fn snapshot_tiny_sizes_degrade() {
    let mut s = sample(View::Both);
    check("40x8", &screen(&mut s, 40, 8));
    check("10x2", &screen(&mut s, 10, 2));
}

#[test]
fn the_kill_prompt_and_the_typed_filter_show_in_the_footer() {
    let mut s = sample(View::Queue);
    s.key(KeyPress::Char('K'));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("Kill queue job 1205330070? y/n"), "{shown}");
    s.key(KeyPress::Char('n'));
    s.key(KeyPress::Char('/'));
    s.key(KeyPress::Char('x'));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("/x▏ (Enter keeps, Esc clears)"), "{shown}");
}

#[test]
fn a_running_jobs_duration_ticks_with_the_clock() {
    let mut s = sample(View::Storage);
    let before = screen(&mut s, 80, 24);
    assert!(before.contains("1m 00s"), "{before}");
    s.now += jiff::SignedDuration::from_secs(5);
    let after = screen(&mut s, 80, 24);
    assert!(after.contains("1m 05s"), "{after}");
}

#[test]
fn server_text_is_sanitised_on_screen() {
    let now = at("2026-12-01T12:00:00Z");
    let mut s = State::new("stack", View::Storage, true, now, Zone::utc());
    s.loaded(
        JobKind::Storage,
        Ok(vec![storage(
            7,
            "success",
            "table\u{1b}]0;pwned\u{7}Import\u{202e}",
            "in.c-x.\u{1b}[2Jt",
            "2026-12-01T11:59:00Z",
        )]),
        now,
    );
    let shown = screen(&mut s, 120, 10);
    assert!(shown.contains("tableImport"), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
}

#[test]
fn the_footer_at_80_columns_starts_with_help_and_quit_and_cuts_no_hint() {
    for width in [80, 60, 40, 200] {
        let mut s = sample(View::Both);
        let shown = screen(&mut s, width, 24);
        let footer = shown.lines().last().unwrap();
        assert!(footer.starts_with("? help  q quit"), "{width}: {footer}");
        assert!(!footer.contains('…'), "{width}: {footer}");
        assert!(footer.chars().count() <= usize::from(width), "{footer}");
    }
    let mut s = sample(View::Both);
    assert!(screen(&mut s, 200, 24).contains("K kill  y copy  Tab kind"));
}

#[test]
fn the_queue_tab_names_its_columns_component_and_config() {
    let mut s = sample(View::Queue);
    let shown = screen(&mut s, 80, 24);
    let header = shown.lines().nth(3).unwrap();
    assert!(
        header.contains("COMPONENT") && header.contains("CONFIG"),
        "{header}"
    );
    assert!(
        !header.contains("OPERATION") && !header.contains("TABLE"),
        "{header}"
    );
    s.key(KeyPress::Tab);
    let shown = screen(&mut s, 80, 24);
    let header = shown.lines().nth(3).unwrap();
    assert!(
        header.contains("OPERATION") && header.contains("TABLE/CONFIG"),
        "{header}"
    );
    s.key(KeyPress::Tab);
    let shown = screen(&mut s, 80, 24);
    let header = shown.lines().nth(3).unwrap();
    assert!(
        header.contains("OPERATION  ") && header.contains("TABLE "),
        "{header}"
    );
}

#[test]
fn the_sort_shows_in_the_header_and_on_its_column() {
    let mut s = sample(View::Both);
    s.key(KeyPress::Char('s'));
    s.key(KeyPress::Char('s'));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("[all jobs] sort: duration ↓"), "{shown}");
    assert!(shown.contains(" DURATION↓"), "{shown}");
    s.key(KeyPress::Char('S'));
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("sort: duration ↑") && shown.contains("DURATION↑"),
        "{shown}"
    );
}

#[test]
fn snapshot_80x24_a_watched_job_ended_and_the_table_sorted_by_status() {
    let mut s = sample(View::Both);
    s.key(KeyPress::Char('w'));
    let now = s.now;
    let mut jobs: Vec<_> = s.storage_jobs();
    jobs[0] = storage(
        105,
        "success",
        "tableImport",
        "in.c-main.orders",
        "2026-12-01T11:59:00Z",
    );
    s.loaded(JobKind::Storage, Ok(jobs), now);
    s.key(KeyPress::Char('s'));
    s.key(KeyPress::Char('s'));
    s.key(KeyPress::Char('s'));
    let shown = screen(&mut s, 80, 24);
    check("80x24-notice-sorted", &shown);
    assert!(
        shown.contains("✓ 105 tableImport in.c-main.orders success in 0s  Esc dismisses"),
        "{shown}"
    );
    s.key(KeyPress::Esc);
    assert!(!screen(&mut s, 80, 24).contains("Esc dismisses"));
}

#[test]
fn the_pane_under_the_table_takes_the_rows_the_table_does_not_need() {
    // Six jobs: the table needs seven rows with its header; the tree pane the rest of
    // 40 - 3 (header) - 1 (footer), not 60% of it.
    let mut s = sample(View::Queue);
    s.key(KeyPress::Char('t'));
    s.tree_loaded(1205330070, Ok(run_tree()));
    let a = super::areas(ratatui::layout::Rect::new(0, 0, 80, 40), &s);
    assert_eq!(a.table.height, 3, "two queue jobs and the header");
    assert_eq!(a.pane.height, 36 - 3);
    // A pane that needs little leaves the table more than 40%.
    let mut s = sample(View::Queue);
    let now = s.now;
    let jobs = (0..40u64)
        .map(|n| {
            queue(
                1_205_320_000 + n,
                "success",
                "keboola.ex-http",
                "2026-12-01T10:00:00Z",
            )
        })
        .collect();
    s.loaded(JobKind::Queue, Ok(jobs), now);
    s.key(KeyPress::Char('t'));
    s.tree_loaded(1_205_320_039, Ok(run_tree()));
    let a = super::areas(ratatui::layout::Rect::new(0, 0, 80, 40), &s);
    assert_eq!(
        a.pane.height,
        11 + 2,
        "the tree's eleven lines (its error wrapped to four) and the borders"
    );
    assert_eq!(a.table.height, 36 - 13);
}

#[test]
fn snapshot_80x24_the_tree_pane_with_its_cursor_on_the_failure() {
    let mut s = sample(View::Queue);
    s.key(KeyPress::Char('t'));
    s.tree_loaded(1205330070, Ok(run_tree()));
    let shown = screen(&mut s, 80, 24);
    check("80x24-tree", &shown);
    // The cursor is the failed storage job's line and its error's lines (wrapped, never
    // cut), in reverse video.
    let reversed = reversed_lines(&mut s, 80, 24);
    assert_eq!(reversed.len(), 5, "{reversed:?}");
    assert!(reversed[0].contains("✗ storage"), "{reversed:?}");
    assert!(reversed[1].contains("error: "), "{reversed:?}");
    assert!(
        reversed[4].contains("is used in the csv file."),
        "{reversed:?}"
    );
    // Enter: the node's detail, its error first.
    s.key(KeyPress::Enter);
    let shown = screen(&mut s, 80, 24);
    check("80x24-tree-node", &shown);
    assert!(shown.contains("run tree › storage job"), "{shown}");
}

/// The pane's lines drawn in reverse video (the tree's cursor).
fn reversed_lines(state: &mut State, width: u16, height: u16) -> Vec<String> {
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    fit(area, state);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer();
    let pane = super::areas(area, state).pane;
    (pane.y..pane.y + pane.height)
        .filter(|&y| {
            buffer[(pane.x + 1, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .map(|y| {
            (pane.x..pane.x + pane.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// 1,000 jobs on a 200x60 screen, for the render benchmark.
pub fn thousand_jobs() -> State {
    let now = at("2026-12-01T12:00:00Z");
    let mut s = State::new(
        "https://connection.keboola.com",
        View::Both,
        true,
        now,
        Zone::utc(),
    );
    let jobs = (0..1000u64)
        .map(|i| {
            let status = match i % 50 {
                0 => "processing",
                1 => "error",
                2 => "waiting",
                _ => "success",
            };
            storage(
                386_000_000 + i,
                status,
                "tableImport",
                "in.c-main.orders",
                "2026-12-01T11:00:00Z",
            )
        })
        .collect();
    s.loaded(JobKind::Storage, Ok(jobs), now);
    s
}

#[test]
fn a_thousand_jobs_draw_one_screenful() {
    let mut s = thousand_jobs();
    let shown = screen(&mut s, 200, 60);
    assert_eq!(
        shown.lines().filter(|l| l.contains("tableImport")).count(),
        55
    );
}
