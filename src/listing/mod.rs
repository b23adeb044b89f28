//! Listing jobs of one kind or both: which jobs a listing wants (`Filters`, per kind, with
//! their time bounds), where they come from (the API's pages, with their dedupe and stop
//! rules, or a saved response) and where they go (`JobSink`: the printers, the history's
//! samples). Used by `list`, `queue list`, `stats` and `timeline`. What differs per kind
//! lives in one file per kind (`storage`, `queue`); `mix` interleaves both by time.
//! Nothing here prints but notes through `Output`.

pub mod filter;
pub mod mix;
pub mod paging;
pub mod printer;
pub mod queue;
pub mod storage;
pub mod when;

use std::path::Path;

pub use filter::JobFilter;
pub use printer::{JobSink, Printer, RowFormat};
pub use queue::QueueFilter;

use crate::cli::{JobFilterArgs, ListKind};
use crate::exit::UsageError;
use crate::model::split_array;
use crate::render::Zone;

/// Where a listing's jobs come from: a saved response (already read), or the API through
/// the kind's client.
pub enum Origin<'a, C> {
    Saved { text: &'a str, path: &'a Path },
    Api(&'a C),
}

/// Which jobs of which kinds a listing wants.
#[derive(Debug, Clone, PartialEq)]
pub enum Filters {
    Storage(JobFilter),
    Queue(QueueFilter),
    All(JobFilter, QueueFilter),
}

impl Filters {
    /// The filters of `list`, `stats` and `timeline` for their `--kind`: each kind takes
    /// the flags it understands, and a flag of another kind is a usage error naming it
    /// (with `all`, so is `--run-id`, which means a run and its nested runs to storage jobs
    /// but exactly one run to queue jobs). Naive dates are read in `zone`.
    pub fn from_args(
        args: &JobFilterArgs,
        now: jiff::Timestamp,
        zone: &Zone,
    ) -> Result<Filters, UsageError> {
        let storage_only = storage::own_flags(args);
        let queue_only = queue::own_flags(args);
        let refuse = |flags: &[(&str, bool)], kind: &str| {
            let given = flags.iter().find(|(_, given)| *given);
            match (given, args.kind) {
                (Some((flag, _)), ListKind::All) => Err(UsageError(format!(
                    "{flag} filters {kind} jobs only, and --kind all lists both kinds: use \
                     --kind {kind}"
                ))),
                (Some((flag, _)), _) => Err(UsageError(format!(
                    "{flag} filters {kind} jobs only: use it with --kind {kind}"
                ))),
                (None, _) => Ok(()),
            }
        };
        let queue_filter = || QueueFilter::from_args(&queue::queue_filter_args(args), now, zone);
        Ok(match args.kind {
            ListKind::Storage => {
                refuse(&queue_only, "queue")?;
                Filters::Storage(JobFilter::from_args(args, now, zone)?)
            }
            ListKind::Queue => {
                refuse(&storage_only, "storage")?;
                Filters::Queue(queue_filter()?)
            }
            ListKind::All => {
                refuse(&storage_only, "storage")?;
                refuse(&queue_only, "queue")?;
                if args.run_id.is_some() {
                    return Err(UsageError(
                        "--run-id takes a run and its nested runs for storage jobs but one exact \
                         run for queue jobs: use it with --kind storage or --kind queue"
                            .into(),
                    ));
                }
                Filters::All(JobFilter::from_args(args, now, zone)?, queue_filter()?)
            }
        })
    }
}

/// The jobs of a saved response: whether it is a JSON array (else JSON lines), and each
/// job's text with its item (or line) index.
type SavedItems<'t> = (bool, Vec<(usize, &'t str)>);

/// A saved response's jobs (see [`SavedItems`]). Text that is neither a JSON array nor JSON
/// lines is a usage error naming the file.
pub fn saved_items<'t>(text: &'t str, path: &Path) -> Result<SavedItems<'t>, UsageError> {
    if text.trim_start().starts_with('[') {
        let items = split_array(text)
            .map_err(|e| UsageError(format!("{} is not a list of jobs: {e}", path.display())))?;
        return Ok((
            true,
            items.into_iter().map(|raw| raw.get()).enumerate().collect(),
        ));
    }
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    Ok((false, lines))
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn filters(argv: &str) -> Result<Filters, UsageError> {
        let argv = format!("jobctl list {argv}");
        let Command::List { args, .. } = Cli::try_parse_from(argv.split_whitespace())
            .unwrap()
            .command
        else {
            unreachable!()
        };
        Filters::from_args(&args.filters, jiff::Timestamp::now(), &Zone::utc())
    }

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn each_kind_takes_its_own_flags_and_names_the_others() {
        assert!(matches!(filters("--failed"), Ok(Filters::Storage(_))));
        assert!(matches!(
            filters("--kind queue --component x --status warning"),
            Ok(Filters::Queue(_))
        ));
        assert!(matches!(
            filters("--kind all --failed --since 1h"),
            Ok(Filters::All(..))
        ));
        let err = |argv: &str| filters(argv).unwrap_err().0;
        assert_eq!(
            err("--component x"),
            "--component filters queue jobs only: use it with --kind queue"
        );
        assert_eq!(
            err("--kind queue --table in.c-main"),
            "--table filters storage jobs only: use it with --kind storage"
        );
        assert!(
            err("--kind all --operation x")
                .starts_with("--operation filters storage jobs only, and --kind all")
        );
        assert!(err("--kind all --top-level").starts_with("--top-level filters queue jobs only"));
        assert!(err("--kind all --run-id 7").starts_with("--run-id takes a run"));
        assert!(err("--status warning").contains("invalid value 'warning'"));
        assert!(
            err("--kind all --status cancelled").contains("waiting, processing, success, error")
        );
    }
}
