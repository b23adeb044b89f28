//! `jobctl top`'s dashboard as data: its state and the pure functions that update it (a
//! key, a fetched list, a tick in; effects out). Drawing it is `render::top`'s, running it
//! (the terminal, the fetches, the clock) `commands::top`'s.

mod log_pane;
mod row;
pub mod state;
