//! What `list` does per kind (storage jobs, queue jobs, or both interleaved): its columns,
//! how it fills the printer from the listing service, and how `--watch` follows it. The
//! listing itself (`super::listing`) is written once over these.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;

use super::{Request, named_columns};
use crate::client::{QueueClient, StorageClient};
use crate::commands::{Context, read_input};
use crate::exit::UsageError;
use crate::listing::mix::{Feed, merge};
use crate::listing::paging::request_size;
use crate::listing::{JobFilter, JobSink, Origin, Printer, QueueFilter, queue, storage};
use crate::model::{AnyJob, Status};
use crate::output::DataWriter;
use crate::render::any_table::{ANY_COLUMNS, ANY_WIDE_COLUMNS, AnyColumn, parse_any_columns};
use crate::render::queue_table::{
    QUEUE_COLUMNS, QUEUE_WIDE_COLUMNS, QueueColumn, parse_queue_columns,
};
use crate::render::table::{
    Column, DEFAULT_COLUMNS, TableColumn, WIDE_COLUMNS, parse_column_names,
};

/// The Queue API's largest page.
const QUEUE_MOST_PER_PAGE: u64 = 500;

/// One kind of listing.
pub(super) trait Kind {
    type Column: TableColumn<Job: Clone>;
    /// What `--watch` carries on from the listing: the client and the jobs seen.
    type Follow;

    /// The table's columns (a usage error for a bad `--columns`).
    fn columns(&self, request: &Request) -> Result<Vec<Self::Column>, UsageError>;

    /// Arguments this kind cannot take.
    fn check(&self, _request: &Request) -> Result<(), UsageError> {
        Ok(())
    }

    /// For the "no jobs match" note: how the filters only jobctl applies match.
    fn how_matching_works(&self) -> String {
        String::new()
    }

    /// Gives the listing's jobs to `printer` and finishes it; from the API, returns what
    /// `--watch` follows.
    async fn fill<W: Write>(
        &self,
        ctx: &Context,
        request: &Request,
        printer: &mut Printer<W, Self::Column>,
    ) -> Result<Option<Self::Follow>>;

    /// Follows the listing until a signal ends the command.
    async fn follow(
        &self,
        ctx: &Context,
        request: &Request,
        state: Self::Follow,
        printer: &mut Printer<DataWriter, Self::Column>,
    ) -> Result<()>;
}

/// Storage jobs.
pub(super) struct Storage<'a>(pub &'a JobFilter);

impl<'a> Storage<'a> {
    /// Follow mode polls whole pages, so the listing reads whole pages too: every job on
    /// the first page is then known, and only real changes are printed.
    fn size(&self, request: &Request) -> u64 {
        match request.watch {
            true => request.page_size,
            false => request_size(request.page_size, request.limit, self.0.has_client_side()),
        }
    }

    fn source(&self, request: &Request) -> storage::Source<'a> {
        storage::Source {
            filter: self.0,
            limit: request.limit,
            size: self.size(request),
            concurrency: request.concurrency,
            track: request.watch,
        }
    }
}

impl Kind for Storage<'_> {
    type Column = Column;
    type Follow = (StorageClient, HashMap<u64, Status>);

    /// `--columns` takes the JSON names and the headers; with `-o json` it is ignored,
    /// as it always was.
    fn columns(&self, request: &Request) -> Result<Vec<Column>, UsageError> {
        Ok(match (&request.columns[..], request.output) {
            ([], crate::cli::ListFormat::Wide) => WIDE_COLUMNS.to_vec(),
            ([], _) => DEFAULT_COLUMNS.to_vec(),
            (names, _) => parse_column_names(names).map_err(UsageError)?,
        })
    }

    fn how_matching_works(&self) -> String {
        self.0.how_matching_works()
    }

    async fn fill<W: Write>(
        &self,
        ctx: &Context,
        request: &Request,
        printer: &mut Printer<W, Column>,
    ) -> Result<Option<Self::Follow>> {
        let source = self.source(request);
        let (out, cancel) = (&ctx.out, &ctx.cancel);
        let followed = match &request.file {
            Some(path) => {
                let text = read_input(path)?;
                let origin = Origin::Saved { text: &text, path };
                storage::gather(out, cancel, origin, &source, printer).await?;
                None
            }
            None => {
                let client = ctx.client()?;
                let known =
                    storage::gather(out, cancel, Origin::Api(&client), &source, printer).await?;
                Some((client, known))
            }
        };
        printer.finish()?;
        Ok(followed)
    }

    async fn follow(
        &self,
        ctx: &Context,
        request: &Request,
        (client, known): Self::Follow,
        printer: &mut Printer<DataWriter, Column>,
    ) -> Result<()> {
        let size = self.size(request);
        super::follow::storage(ctx, &client, self.0, size, request.interval, known, printer).await
    }
}

/// Queue jobs.
pub(super) struct Queue<'a>(pub &'a QueueFilter);

impl Kind for Queue<'_> {
    type Column = QueueColumn;
    type Follow = (QueueClient, queue::Known);

    fn columns(&self, request: &Request) -> Result<Vec<QueueColumn>, UsageError> {
        named_columns(
            request,
            &QUEUE_COLUMNS,
            &QUEUE_WIDE_COLUMNS,
            parse_queue_columns,
        )
    }

    fn check(&self, request: &Request) -> Result<(), UsageError> {
        check_queue_page(request)
    }

    async fn fill<W: Write>(
        &self,
        ctx: &Context,
        request: &Request,
        printer: &mut Printer<W, QueueColumn>,
    ) -> Result<Option<Self::Follow>> {
        let (limit, size) = (request.limit, request.page_size);
        let followed = match &request.file {
            Some(path) => {
                let text = read_input(path)?;
                let origin = Origin::Saved { text: &text, path };
                queue::gather(&ctx.cancel, origin, self.0, limit, size, printer).await?;
                None
            }
            None => {
                let (_, client) = ctx.queue_client().await?;
                let origin = Origin::Api(&client);
                let known =
                    queue::gather(&ctx.cancel, origin, self.0, limit, size, printer).await?;
                Some((client, known))
            }
        };
        printer.finish()?;
        Ok(followed)
    }

    async fn follow(
        &self,
        _ctx: &Context,
        request: &Request,
        (client, known): Self::Follow,
        printer: &mut Printer<DataWriter, QueueColumn>,
    ) -> Result<()> {
        let (size, interval) = (request.page_size, request.interval);
        super::follow::queue(&client, self.0, size, interval, known, printer).await
    }
}

/// A page size the Queue API takes.
fn check_queue_page(request: &Request) -> Result<(), UsageError> {
    match request.page_size > QUEUE_MOST_PER_PAGE {
        true => Err(UsageError(format!(
            "--page-size {}: the Queue API takes at most {QUEUE_MOST_PER_PAGE} jobs a page",
            request.page_size
        ))),
        false => Ok(()),
    }
}

/// Both kinds, interleaved by creation time.
pub(super) struct Both<'a>(pub &'a JobFilter, pub &'a QueueFilter);

impl Kind for Both<'_> {
    type Column = AnyColumn;
    type Follow = std::convert::Infallible;

    fn columns(&self, request: &Request) -> Result<Vec<AnyColumn>, UsageError> {
        named_columns(request, &ANY_COLUMNS, &ANY_WIDE_COLUMNS, parse_any_columns)
    }

    /// Each kind is read from its API: a saved list holds one kind, and following both
    /// at once is for another day.
    fn check(&self, request: &Request) -> Result<(), UsageError> {
        if request.file.is_some() {
            return Err(UsageError(
                "--file reads a saved list of one kind: use --kind storage or --kind queue".into(),
            ));
        }
        if request.watch {
            return Err(UsageError(
                "--watch follows one kind at a time: use --kind storage or --kind queue".into(),
            ));
        }
        Ok(())
    }

    async fn fill<W: Write>(
        &self,
        ctx: &Context,
        request: &Request,
        printer: &mut Printer<W, AnyColumn>,
    ) -> Result<Option<Self::Follow>> {
        let (storage_client, queue_client) = ctx.queue_client().await?;
        let wants_job = JobSink::<AnyJob>::wants_job(printer);
        let (storage_feed, storage_jobs) = Feed::new(wants_job);
        let (queue_feed, queue_jobs) = Feed::new(wants_job);
        let source = Storage(self.0).source(request);
        let (out, cancel) = (&ctx.out, &ctx.cancel);
        let storage = async move {
            let mut feed = storage_feed;
            let origin = Origin::Api(&storage_client);
            storage::gather(out, cancel, origin, &source, &mut feed).await
        };
        let limit = request.limit;
        // Each kind pages as it would alone; the queue's pages stay within its largest.
        let size = request.page_size.min(QUEUE_MOST_PER_PAGE);
        let queue = async move {
            let mut feed = queue_feed;
            let origin = Origin::Api(&queue_client);
            queue::gather(cancel, origin, self.1, limit, size, &mut feed).await
        };
        let merged = merge(storage_jobs, queue_jobs, limit, printer);
        tokio::try_join!(storage, queue, merged)?;
        printer.finish()?;
        Ok(None)
    }

    async fn follow(
        &self,
        _ctx: &Context,
        _request: &Request,
        state: Self::Follow,
        _printer: &mut Printer<DataWriter, AnyColumn>,
    ) -> Result<()> {
        match state {}
    }
}
