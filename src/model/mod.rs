//! The Storage API's data as it really arrives (see API-NOTES): typed, lenient views for
//! decisions and rendering, next to the raw bytes that JSON output passes through untouched.
//! No I/O and no presentation here.

mod job;
// The `queue` commands, next, are its users.
#[allow(dead_code)]
mod queue;
mod raw;
mod time;

#[allow(unused_imports)]
pub use job::{CreatorToken, Job, Metrics, Status};
#[allow(unused_imports)]
pub use queue::{QueueJob, QueueMetrics, QueueResult, QueueStatus};
pub use raw::{RawJob, RawQueueJob, json_compact, json_pretty, split_array};
pub use time::{Timestamp, parse_timestamp};
