//! The render benchmark of `jobctl top` (`cargo bench --bench top_render`): a full redraw
//! of a 200x60 screen listing 1,000 jobs, and the redraw after a key, timed over many
//! rounds. Prints one JSON object (medians and worst, in milliseconds) for
//! `tests/bench/run.py`; the target is a full redraw under 2 ms.
// A benchmark is test code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use jobctl::benching::TopScreen;

fn time(rounds: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut took: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(took[took.len() / 2]), ms(took[took.len() - 1]))
}

fn main() {
    let mut screen = TopScreen::new(200, 60, 800, 200);
    assert_eq!(screen.jobs(), 1000);
    // Warm up the allocator and caches.
    for _ in 0..50 {
        screen.full_redraw();
    }
    let (full, full_worst) = time(1000, || screen.full_redraw());
    let (key, key_worst) = time(1000, || screen.key_redraw());
    println!(
        "{{\"jobs\":1000,\"width\":200,\"height\":60,\"full_redraw_median_ms\":{full:.4},\
         \"full_redraw_worst_ms\":{full_worst:.4},\"key_redraw_median_ms\":{key:.4},\
         \"key_redraw_worst_ms\":{key_worst:.4}}}"
    );
}
