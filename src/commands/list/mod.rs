//! `jobctl list` (of `--kind storage`, `queue` or `all`) and `jobctl queue list`, its short
//! form for queue jobs: one listing written once over the kind (`kinds::Kind`). It pages
//! through the list (or reads a saved one), prints the jobs the filters want up to the
//! limit as each page arrives, and with `--watch` then follows new jobs and status changes
//! until Ctrl-C.

mod follow;
mod kinds;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::cli::queue::QueueListArgs;
use crate::cli::{ListArgs, ListFormat};
use crate::context::Context;
use crate::exit::UsageError;
use crate::jq::Jq;
use crate::listing::{Filters, Printer, QueueFilter, RowFormat};
use crate::render::table::TableColumn;
use kinds::{Both, Kind, Queue, Storage};

/// `jobctl list`.
pub async fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let now = jiff::Timestamp::now();
    let filters = Filters::from_args(&args.filters, now, &ctx.out.zone)?;
    if let Filters::Storage(f) | Filters::All(f, _) = &filters {
        for warning in f.warnings(now) {
            ctx.out.note(&warning);
        }
    }
    let request = Request {
        filters,
        limit: (!args.all).then_some(args.limit),
        page_size: args.page_size,
        concurrency: args.concurrency,
        output: args.output,
        columns: args.columns,
        file: args.file,
        watch: args.watch,
        interval: args.interval,
        jq: args.jq,
    };
    list(ctx, request).await
}

/// `jobctl queue list`: `list --kind queue` with the flags `queue list` has always had.
pub async fn run_queue(ctx: &Context, args: QueueListArgs) -> Result<()> {
    let filter = QueueFilter::from_args(&args.filters, jiff::Timestamp::now(), &ctx.out.zone)?;
    let request = Request {
        filters: Filters::Queue(filter),
        limit: (!args.all).then_some(args.limit),
        page_size: args.page_size,
        concurrency: 1,
        output: args.output,
        columns: args.columns,
        file: args.file,
        watch: args.watch,
        interval: args.interval,
        jq: args.jq,
    };
    list(ctx, request).await
}

/// A listing as either command asked for it.
pub struct Request {
    filters: Filters,
    /// How many matches to print; `None` for `--all`.
    limit: Option<u64>,
    page_size: u64,
    concurrency: usize,
    output: ListFormat,
    columns: Vec<String>,
    file: Option<PathBuf>,
    watch: bool,
    interval: Duration,
    jq: Option<String>,
}

async fn list(ctx: &Context, request: Request) -> Result<()> {
    match &request.filters {
        Filters::Storage(filter) => listing(ctx, &request, Storage(filter)).await,
        Filters::Queue(filter) => listing(ctx, &request, Queue(filter)).await,
        Filters::All(storage, queue) => listing(ctx, &request, Both(storage, queue)).await,
    }
}

/// The listing of one kind (or both): everything that can be wrong with the arguments is
/// found before any request; then the jobs are printed, or collected as the `-o json`
/// array and given to `--jq`; then followed with `--watch`.
async fn listing<K: Kind>(ctx: &Context, request: &Request, kind: K) -> Result<()> {
    let jq = ctx.jq(request.jq.as_deref())?;
    let columns = kind.columns(request)?;
    kind.check(request)?;
    if let Some(jq) = jq {
        let format = RowFormat::Json { pretty: false };
        let mut printer = Printer::new(Vec::new(), format, Vec::new(), &ctx.out);
        kind.fill(ctx, request, &mut printer).await?;
        return run_jq(ctx, &jq, printer.into_inner());
    }
    let mut printer = Printer::new(
        ctx.out.stdout(),
        row_format(ctx, request),
        columns,
        &ctx.out,
    );
    if request.watch {
        printer = printer.following();
    }
    let followed = kind.fill(ctx, request, &mut printer).await?;
    if printer.count() == 0 && printer.is_table() {
        ctx.out
            .note(&format!("no jobs match{}", kind.how_matching_works()));
    }
    match followed.filter(|_| request.watch) {
        Some(state) => kind.follow(ctx, request, state, &mut printer).await,
        None => Ok(()),
    }
}

fn run_jq(ctx: &Context, jq: &Jq, json: Vec<u8>) -> Result<()> {
    let mut w = ctx.out.stdout();
    jq.run(&String::from_utf8_lossy(&json), &mut w)?;
    w.flush()?;
    Ok(())
}

fn row_format(ctx: &Context, request: &Request) -> RowFormat {
    let tty = ctx.out.stdout_tty;
    match request.output {
        ListFormat::Json => RowFormat::Json { pretty: tty },
        ListFormat::Jsonl => RowFormat::Jsonl,
        ListFormat::Table | ListFormat::Wide if tty => RowFormat::Table,
        ListFormat::Table | ListFormat::Wide => RowFormat::Tsv,
    }
}

/// `--columns` of a kind whose columns are named as `queue list` names them: the default
/// and wide sets, or the names given; an error with `-o json` or `jsonl`, which always
/// carry whole jobs.
fn named_columns<C: TableColumn>(
    request: &Request,
    default: &[C],
    wide: &[C],
    parse: fn(&[String]) -> Result<Vec<C>, String>,
) -> Result<Vec<C>, UsageError> {
    match (&request.columns[..], request.output) {
        ([], ListFormat::Wide) => Ok(wide.to_vec()),
        ([], _) => Ok(default.to_vec()),
        (_, ListFormat::Json | ListFormat::Jsonl) => Err(UsageError(
            "--columns picks table columns; -o json and jsonl always carry whole jobs".into(),
        )),
        (names, _) => parse(names).map_err(UsageError),
    }
}
