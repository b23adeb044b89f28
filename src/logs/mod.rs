//! The log of jobs (`jobctl logs`): which runs' events make it up (`plan`), reading them
//! oldest first page by page as they come, or the last N (`read`), the filters applied
//! here (`filter`), following the runs until their jobs end (`follow`), and a whole
//! follow from the log so far to the jobs' end (`live`). Hands each
//! event to a [`Sink`] in the order to print; never prints itself.

mod filter;
mod follow;
mod live;
mod plan;
mod read;
mod runs;

use std::collections::HashSet;

use crate::model::{Event, RawEvent};

pub use filter::Filter;
pub use follow::{Follow, Followed};
pub use live::{Pace, follow};
pub use plan::{Node, Source, job_source, root_label, tree_sources};
pub use read::{ReadCounts, Reader};
pub use runs::{LogRuns, kind_name, plan};

/// Where the log's events go, in the order they are to be printed.
pub trait Sink {
    /// One event, of `source`'s run.
    fn event(&mut self, source: &Source, event: &RawEvent) -> anyhow::Result<()>;
    /// Lets out what was written so far: called after each page and each poll, so a long
    /// log starts printing at once and a followed one line by line.
    fn flush(&mut self) -> anyhow::Result<()>;
    /// Ends the log (closes a JSON array); called once, also when following fails midway.
    fn end(&mut self) -> anyhow::Result<()> {
        self.flush()
    }
}

/// Events in the order of the log: by time, then by id (the API's times are whole
/// seconds); an event without a time first.
fn order(e: &Event) -> (i64, u64) {
    (
        e.created.map_or(i64::MIN, |t| t.to_utc().as_millisecond()),
        e.id.unwrap_or(0),
    )
}

/// The events already handed to the sink, by uuid (else id): a followed log prints none
/// twice, whatever the server repeats. Off (nothing kept) for a log read once, whose
/// memory must stay flat however long it is.
#[derive(Debug)]
pub struct Seen(Option<HashSet<String>>);

impl Seen {
    pub fn on() -> Seen {
        Seen(Some(HashSet::new()))
    }

    pub fn off() -> Seen {
        Seen(None)
    }

    /// Records `event`; false when it was recorded before. An event with neither uuid nor
    /// id cannot be told apart and always counts as new.
    pub fn first_time(&mut self, event: &Event) -> bool {
        match (&mut self.0, event.key()) {
            (Some(set), Some(key)) => set.insert(key),
            _ => true,
        }
    }
}
