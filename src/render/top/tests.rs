//! Whole screens of `top` drawn on a `TestBackend` at a few sizes and compared with the
//! snapshots beside this file. A difference rewrites the snapshot and fails, so one
//! `cargo test` both detects a change and produces the new screen to review and commit.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::state::tests::{at, sample, storage};
use super::state::{Key, Kind, State, View};
use super::{draw, page_rows};

/// The screen as text, one line a row, trailing blanks kept off.
pub fn screen(state: &mut State, width: u16, height: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    state.resized(page_rows(area, state));
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
    s.key(Key::Down);
    s.key(Key::Down);
    s.key(Key::Down);
    s.key(Key::Enter);
    check("80x24-detail", &screen(&mut s, 80, 24));
}

#[test]
fn snapshot_200x60_with_filter_pane_and_an_error() {
    let mut s = sample(View::Both);
    let retry = s.now + chrono::Duration::seconds(8);
    s.loaded(
        Kind::Queue,
        Err("HTTP 503 Service Unavailable".into()),
        retry,
    );
    s.key(Key::Char('/'));
    s.key(Key::Char('t'));
    s.key(Key::Char('a'));
    s.key(Key::Char('b'));
    s.key(Key::Enter);
    s.key(Key::Down);
    s.key(Key::Enter);
    check("200x60-filter-detail", &screen(&mut s, 200, 60));
}

#[test]
fn snapshot_200x60_help() {
    let mut s = sample(View::Storage);
    s.key(Key::Char('?'));
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
    s.key(Key::Char('K'));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("Kill queue job 1205330070? y/n"), "{shown}");
    s.key(Key::Char('n'));
    s.key(Key::Char('/'));
    s.key(Key::Char('x'));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("/x▏ (Enter keeps, Esc clears)"), "{shown}");
}

#[test]
fn a_running_jobs_duration_ticks_with_the_clock() {
    let mut s = sample(View::Storage);
    let before = screen(&mut s, 80, 24);
    assert!(before.contains("1m 00s"), "{before}");
    s.now += chrono::Duration::seconds(5);
    let after = screen(&mut s, 80, 24);
    assert!(after.contains("1m 05s"), "{after}");
}

#[test]
fn server_text_is_sanitised_on_screen() {
    let now = at("2026-12-01T12:00:00Z");
    let mut s = State::new("stack", View::Storage, true, now);
    s.loaded(
        Kind::Storage,
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

/// 1,000 jobs on a 200x60 screen, for the render benchmark.
pub fn thousand_jobs() -> State {
    let now = at("2026-12-01T12:00:00Z");
    let mut s = State::new("https://connection.keboola.com", View::Both, true, now);
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
    s.loaded(Kind::Storage, Ok(jobs), now);
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
