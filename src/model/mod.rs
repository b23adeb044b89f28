//! The Storage API's data as it really arrives (see API-NOTES): typed, lenient views for
//! decisions and rendering, next to the raw bytes that JSON output passes through untouched.
//! No I/O and no presentation here.

mod any_job;
mod brief;
mod config_name;
mod estimate;
mod event;
pub mod figures;
mod job;
mod job_ref;
mod queue;
mod raw;
mod rerun;
mod time;
mod token;
mod tree;

pub use any_job::{AnyJob, AnyRaw, Stage, Verdict};
pub use brief::{QueueBrief, StorageBrief};
pub use config_name::{ConfigName, config_name, config_names};
pub use estimate::Estimate;
#[allow(unused_imports, reason = "EventToken is for `jobctl logs`")]
pub use event::{Event, EventToken, EventType};
pub use job::{Job, Metrics, Status};
pub use job_ref::{JobKind, JobRef, same_stack, ui_page};
pub use queue::{QueueJob, QueueStatus};
pub use raw::{RawEvent, RawJob, RawQueueJob, json_compact, json_pretty, split_array};
pub use rerun::{
    FlowPlan, JobShape, PlanError, RerunSource, Selection, phase_label, plan as flow_plan,
};
pub use time::{Timestamp, offset_text, parse_timestamp, read_timestamp, rfc3339, rfc3339_secs};
pub use token::TokenInfo;
pub use tree::{RunJob, RunNode};
