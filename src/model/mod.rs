//! The Storage API's data as it really arrives (see API-NOTES): typed, lenient views for
//! decisions and rendering, next to the raw bytes that JSON output passes through untouched.
//! No I/O and no presentation here.

mod job;
mod raw;
mod time;
mod token;

pub use job::{Job, Metrics, Status};
pub use raw::{RawJob, json_compact, json_pretty, split_array};
pub use time::{Timestamp, parse_timestamp};
pub use token::TokenInfo;
