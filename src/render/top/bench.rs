//! What the render benchmark (`tests/bench/top_render.rs`) draws: 1,000 jobs of both
//! kinds on a `TestBackend` screen. Not used by jobctl itself.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::{draw, fit};
use crate::dashboard::state::{KeyPress, State, View};
use crate::model::AnyJob;
use crate::model::JobKind;
use crate::model::{RawJob, RawQueueJob};
use crate::render::Zone;

/// A `top` screen with its state, ready to be redrawn.
pub struct TopScreen {
    state: State,
    terminal: Terminal<TestBackend>,
}

impl TopScreen {
    /// `storage` storage jobs and `queue` queue jobs (one in 25 running, one in 40
    /// failed) on a `width` x `height` screen, in colour.
    pub fn new(width: u16, height: u16, storage: usize, queue: usize) -> TopScreen {
        let now = jiff::Timestamp::UNIX_EPOCH + jiff::SignedDuration::from_hours(24 * 20_000);
        let mut state = State::new(
            "https://connection.keboola.com",
            View::Both,
            true,
            now,
            Zone::utc(),
        );
        let status = |i: usize, running: &'static str| match i % 200 {
            n if n % 25 == 0 => running,
            n if n % 40 == 1 => "error",
            _ => "success",
        };
        let time =
            |i: usize| crate::model::rfc3339(now - jiff::SignedDuration::from_secs(i as i64 * 37));
        let jobs = (0..storage)
            .filter_map(|i| {
                let body = serde_json::json!({
                    "id": 386_000_000 + i, "status": status(i, "processing"),
                    "operationName": "tableImport", "tableId": format!("in.c-main.table_{i}"),
                    "createdTime": time(i), "startTime": time(i),
                    "error": {"code": "csvImport.columnsNotMatch",
                              "message": "Some columns are missing in the csv file."},
                });
                RawJob::parse(&body.to_string())
                    .ok()
                    .map(|j| AnyJob::Storage(j.job))
            })
            .collect();
        state.loaded(JobKind::Storage, Ok(jobs), now);
        let jobs = (0..queue)
            .filter_map(|i| {
                let body = serde_json::json!({
                    "id": (1_205_330_000 + i).to_string(), "runId": (1_205_330_000 + i).to_string(),
                    "status": status(i, "processing"), "component": "keboola.ex-db-snowflake",
                    "config": "987654321", "type": "standard",
                    "createdTime": time(i), "startTime": time(i),
                });
                RawQueueJob::parse(&body.to_string())
                    .ok()
                    .map(|j| AnyJob::Queue(j.job))
            })
            .collect();
        state.loaded(JobKind::Queue, Ok(jobs), now);
        fit(Rect::new(0, 0, width, height), &mut state);
        let terminal = match Terminal::new(TestBackend::new(width, height)) {
            Ok(t) => t,
            Err(never) => match never {},
        };
        TopScreen { state, terminal }
    }

    /// Jobs in the table.
    pub fn jobs(&self) -> usize {
        self.state.visible_len()
    }

    /// A full redraw: the screen cleared, every cell drawn and compared.
    pub fn full_redraw(&mut self) {
        let _ = self.terminal.clear();
        let state = &self.state;
        let _ = self.terminal.draw(|f| draw(f, state));
    }

    /// A key press and the redraw it causes (the selection moves down, then wraps to the
    /// top).
    pub fn key_redraw(&mut self) {
        let key = match self.state.selected + 1 >= self.state.visible_len() {
            true => KeyPress::Home,
            false => KeyPress::Down,
        };
        self.state.key(key);
        let state = &self.state;
        let _ = self.terminal.draw(|f| draw(f, state));
    }
}
