//! The Storage API's data as it really arrives (see API-NOTES): typed, lenient views for
//! decisions and rendering, next to the raw bytes that JSON output passes through untouched.
//! No I/O and no presentation here.

mod any_job;
mod config_name;
mod estimate;
pub mod figures;
mod job;
mod job_ref;
mod queue;
mod raw;
mod time;
mod token;
mod tree;

pub use any_job::{AnyJob, AnyRaw, Verdict};
pub use config_name::{ConfigName, config_name, config_names};
pub use estimate::Estimate;
pub use job::{Job, Metrics, Status};
pub use job_ref::{JobKind, JobRef, same_stack, ui_page};
pub use queue::{QueueJob, QueueStatus};
pub use raw::{RawJob, RawQueueJob, json_compact, json_pretty, split_array};
pub use time::{Timestamp, parse_timestamp};
pub use token::TokenInfo;
pub use tree::{RunJob, RunNode};
