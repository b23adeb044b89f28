//! Fuzz target: see `../oracle.rs` for what is checked.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::decode_render(data));
