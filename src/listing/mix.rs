//! A listing of both kinds (`--kind all`): each kind's listing runs as it would alone,
//! feeding its jobs (newest first) into a `Feed`; `merge` takes the newer of the two jobs
//! at the head of the feeds, so that the result is newest first by creation time across
//! kinds, streamed as the pages arrive. No I/O of its own.

use std::io;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::printer::JobSink;
use crate::model::{AnyJob, Job, QueueJob, RawJob, RawQueueJob};

/// One job on its way to the merge: the server's text, when it was created, and the
/// decoded job when the sink wants it.
#[derive(Debug)]
pub struct Item {
    raw: String,
    created: Option<jiff::Timestamp>,
    job: Option<AnyJob>,
}

/// The kinds a feed carries: how a job of the kind becomes an `AnyJob`, and when a job
/// given as text alone was created.
pub trait Fed {
    fn any(&self) -> AnyJob;
    fn created(&self) -> Option<jiff::Timestamp>;
    /// The creation time of a job given as text only (its head is read, from its brief).
    fn created_in(raw: &str) -> Option<jiff::Timestamp>;
}

impl Fed for Job {
    fn any(&self) -> AnyJob {
        AnyJob::Storage(self.clone())
    }

    fn created(&self) -> Option<jiff::Timestamp> {
        self.created_time.map(|t| t.to_utc())
    }

    fn created_in(raw: &str) -> Option<jiff::Timestamp> {
        RawJob::parse_head(raw).ok()?.job.created()
    }
}

impl Fed for QueueJob {
    fn any(&self) -> AnyJob {
        AnyJob::Queue(self.clone())
    }

    fn created(&self) -> Option<jiff::Timestamp> {
        self.created_time.map(|t| t.to_utc())
    }

    fn created_in(raw: &str) -> Option<jiff::Timestamp> {
        RawQueueJob::parse_head(raw).ok()?.job.created()
    }
}

/// The sink one kind's listing writes into. When the merge has all it wants (and has
/// dropped its end), the feed says it is full, so that the kind's paging stops at its
/// next look at the count.
pub struct Feed {
    tx: UnboundedSender<Item>,
    count: u64,
    wants_job: bool,
}

impl Feed {
    /// A feed and the merge's end of it; `wants_job` is the final sink's.
    pub fn new(wants_job: bool) -> (Feed, UnboundedReceiver<Item>) {
        let (tx, rx) = unbounded_channel();
        let feed = Feed {
            tx,
            count: 0,
            wants_job,
        };
        (feed, rx)
    }
}

impl<J: Fed> JobSink<J> for Feed {
    fn count(&self) -> u64 {
        match self.tx.is_closed() {
            true => u64::MAX,
            false => self.count,
        }
    }

    fn wants_job(&self) -> bool {
        self.wants_job
    }

    fn take(&mut self, raw: &str, job: Option<&J>) -> io::Result<()> {
        let created = match job {
            Some(job) => job.created(),
            None => J::created_in(raw),
        };
        let item = Item {
            raw: raw.to_owned(),
            created,
            job: job.map(J::any),
        };
        self.count += 1;
        // A closed merge wants no more: not an error of this kind's listing.
        let _ = self.tx.send(item);
        Ok(())
    }
}

/// Hands the jobs of both feeds to `sink`, newer first (by creation time; a job without
/// one counts as oldest, a tie goes to storage), until both feeds end or `limit` jobs
/// were taken. Each feed's own order is kept.
pub async fn merge(
    mut storage: UnboundedReceiver<Item>,
    mut queue: UnboundedReceiver<Item>,
    limit: Option<u64>,
    sink: &mut impl JobSink<AnyJob>,
) -> anyhow::Result<()> {
    let (mut s, mut q) = (None, None);
    let (mut s_done, mut q_done) = (false, false);
    while limit.is_none_or(|l| sink.count() < l) {
        if s.is_none() && !s_done {
            s = storage.recv().await;
            s_done = s.is_none();
        }
        if q.is_none() && !q_done {
            q = queue.recv().await;
            q_done = q.is_none();
        }
        let item = match (&s, &q) {
            (None, None) => break,
            (Some(_), None) => s.take(),
            (None, Some(_)) => q.take(),
            (Some(a), Some(b)) if first(a, b) => s.take(),
            (Some(_), Some(_)) => q.take(),
        };
        if let Some(item) = item {
            sink.take(&item.raw, item.job.as_ref())?;
        }
        // Whatever is on hand goes out before the next wait.
        if storage.is_empty() || queue.is_empty() {
            sink.flush()?;
        }
    }
    sink.flush()?;
    Ok(())
}

/// Whether storage job `a` comes before queue job `b` in a listing newest first.
fn first(a: &Item, b: &Item) -> bool {
    match (a.created, b.created) {
        (Some(x), Some(y)) if x != y => x > y,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes the merged jobs' text.
    #[derive(Default)]
    struct Taken(Vec<String>);

    impl JobSink<AnyJob> for Taken {
        fn count(&self) -> u64 {
            self.0.len() as u64
        }
        fn wants_job(&self) -> bool {
            false
        }
        fn take(&mut self, raw: &str, _: Option<&AnyJob>) -> io::Result<()> {
            self.0.push(raw.to_owned());
            Ok(())
        }
    }

    fn storage(id: u64, minute: u32) -> String {
        format!(
            r#"{{"id":{id},"status":"success","createdTime":"2026-11-29T10:{minute:02}:00+0000"}}"#
        )
    }

    fn queue(id: u64, minute: u32) -> String {
        format!(
            r#"{{"id":"{id}","status":"success","createdTime":"2026-11-29T10:{minute:02}:00Z"}}"#
        )
    }

    async fn mixed(s: &[String], q: &[String], limit: Option<u64>) -> Vec<String> {
        let (mut sf, srx) = Feed::new(false);
        let (mut qf, qrx) = Feed::new(false);
        for raw in s {
            JobSink::<Job>::take(&mut sf, raw, None).unwrap();
        }
        for raw in q {
            JobSink::<QueueJob>::take(&mut qf, raw, None).unwrap();
        }
        drop((sf, qf));
        let mut taken = Taken::default();
        merge(srx, qrx, limit, &mut taken).await.unwrap();
        taken.0
    }

    #[tokio::test]
    async fn both_kinds_interleave_newest_first_keeping_each_kinds_order() {
        let s = [storage(30, 50), storage(20, 30), storage(10, 10)];
        let q = [queue(900, 40), queue(800, 30), queue(700, 5)];
        let got = mixed(&s, &q, None).await;
        let want = [&s[0], &q[0], &s[1], &q[1], &s[2], &q[2]];
        assert_eq!(got, want.map(String::clone));
        // A limit counts jobs of both kinds.
        assert_eq!(mixed(&s, &q, Some(2)).await, [s[0].clone(), q[0].clone()]);
        // One kind alone, or none.
        assert_eq!(mixed(&s, &[], None).await, s.to_vec());
        assert_eq!(mixed(&[], &[], None).await, Vec::<String>::new());
    }

    #[tokio::test]
    async fn an_undated_job_counts_as_oldest() {
        let undated = r#"{"id":5,"status":"success"}"#.to_owned();
        let q = [queue(900, 40)];
        assert_eq!(
            mixed(std::slice::from_ref(&undated), &q, None).await,
            [q[0].clone(), undated]
        );
    }

    #[test]
    fn a_full_merge_stops_a_feed() {
        let (feed, rx) = Feed::new(true);
        assert_eq!(JobSink::<Job>::count(&feed), 0);
        drop(rx);
        assert_eq!(JobSink::<Job>::count(&feed), u64::MAX);
    }
}
