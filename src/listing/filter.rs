//! Which storage jobs a listing wants: the filters built from `JobFilterArgs`, the query the
//! Storage API gets for the ones it understands, and `matches` for all of them (the
//! server's included, so that `--file` and a careless server give the same answer). Pure.

use super::when::time_bounds;
use crate::cli::{JobFilterArgs, StatusArg};
use crate::client::ListQuery;
use crate::exit::UsageError;
use crate::model::{Job, Status, StorageBrief, rfc3339_secs};
use crate::render::Zone;

/// The filters of one listing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobFilter {
    /// Only these statuses (empty: any). Already has the excluded ones taken out.
    pub statuses: Vec<Status>,
    /// Never these statuses (only used when `statuses` is empty).
    pub excluded: Vec<Status>,
    /// Created at or after this instant.
    pub since: Option<jiff::Timestamp>,
    /// Created at or before this instant.
    pub until: Option<jiff::Timestamp>,
    /// Operation patterns (any may match): a glob with `*`/`?`, else any part of the
    /// name; case-insensitive.
    pub operations: Vec<String>,
    /// A table id, or whole `.`-separated parts of one (`in.c-main`, `customers`), or a glob.
    pub table: Option<String>,
    /// A run id; nested runs (`ID.…`) match too.
    pub run_id: Option<String>,
}

impl JobFilter {
    /// Builds the filters; a `--since`/`--until` that is no time, or statuses that leave
    /// nothing to match, are usage errors. Naive dates are read in `tz`: the zone jobctl
    /// shows times in (`Output::zone`: local, or UTC with `--utc`).
    pub fn from_args(
        args: &JobFilterArgs,
        now: jiff::Timestamp,
        tz: &Zone,
    ) -> Result<JobFilter, UsageError> {
        let queue_only = (args.status.iter().map(|s| ("status", s)))
            .chain(args.exclude_status.iter().map(|s| ("exclude-status", s)))
            .find(|(_, s)| !s.is_storage());
        if let Some((flag, s)) = queue_only {
            let s = s.as_str();
            return Err(UsageError(format!(
                "invalid value '{s}' for '--{flag} <STATUS>': storage jobs are waiting, \
                 processing, success, error ({s} is a queue job status: --kind queue)"
            )));
        }
        let mut wanted: Vec<StatusArg> = args.status.clone();
        if args.failed {
            wanted.push(StatusArg::Error);
        }
        if args.running {
            wanted.extend([StatusArg::Waiting, StatusArg::Processing]);
        }
        let to_status = |s: &StatusArg| Status::parse(s.as_str());
        let mut excluded: Vec<Status> = args.exclude_status.iter().map(to_status).collect();
        dedup(&mut excluded);
        let mut statuses: Vec<Status> = wanted
            .iter()
            .map(to_status)
            .filter(|s| !excluded.contains(s))
            .collect();
        dedup(&mut statuses);
        if !wanted.is_empty() && statuses.is_empty() {
            return Err(UsageError(
                "the excluded statuses leave none of the wanted ones: nothing could match".into(),
            ));
        }
        if !statuses.is_empty() {
            // The server ignores exclusions next to inclusions; they are applied above.
            excluded.clear();
        }
        let (since, until) = time_bounds(args.since.as_deref(), args.until.as_deref(), now, tz)?;
        Ok(JobFilter {
            statuses,
            excluded,
            since,
            until,
            operations: args
                .operation
                .iter()
                .map(|o| o.trim().to_ascii_lowercase())
                .filter(|o| !o.is_empty())
                .collect(),
            table: nonempty(&args.table),
            run_id: nonempty(&args.run_id),
        })
    }

    /// Warnings about filters that are valid but cannot be what the user meant: a
    /// `--since` in the future matches no job yet.
    pub fn warnings(&self, now: jiff::Timestamp) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(since) = self.since.filter(|s| *s > now) {
            out.push(format!(
                "warning: --since is in the future ({}): no job can match yet",
                rfc3339_secs(since)
            ));
        }
        out
    }

    /// For the "no jobs match" note: how the client-side filters in use match, so that a
    /// near miss can be corrected (empty when none is in use).
    pub fn how_matching_works(&self) -> String {
        let mut how = Vec::new();
        if !self.operations.is_empty() {
            how.push("--operation matches any part of the name, in any case");
        }
        if self.table.is_some() {
            how.push("--table matches whole dot-separated parts (in.c-main, customers)");
        }
        if self.run_id.is_some() {
            how.push("--run-id matches the run and the runs nested in it (ID.*)");
        }
        match how.is_empty() {
            true => String::new(),
            false => format!(
                " ({}; globs like '*cust*' match the whole value)",
                how.join("; ")
            ),
        }
    }

    /// Whether some filter only jobctl can apply (the server would return non-matching jobs).
    pub fn has_client_side(&self) -> bool {
        !self.operations.is_empty() || self.table.is_some() || self.run_id.is_some()
    }

    /// The filters the server understands, as a list query (no paging yet); the client
    /// spells them (and their times) the way the API takes them.
    pub fn server_query(&self) -> ListQuery {
        ListQuery {
            statuses: self.statuses.clone(),
            excluded: self.excluded.clone(),
            created_from: self.since,
            created_to: self.until,
            ..ListQuery::default()
        }
    }

    /// Whether `job` passes every filter, server-side ones included.
    pub fn matches(&self, job: &Job) -> bool {
        self.matches_facts(&Facts {
            status: job.status.as_str(),
            operation: &job.operation_name,
            table_id: job.table_id.as_deref(),
            run_id: job.run_id.as_deref(),
            created: job.created_time.map(|t| t.to_utc()),
        })
    }

    /// Whether a job given as JSON text passes, decoding only the fields the filters read
    /// (much cheaper than a whole `Job` for `--file`). `None` when the text is not a plain
    /// job object; the caller then decodes it fully for a precise error.
    pub fn matches_json(&self, json: &str) -> Option<bool> {
        let brief = StorageBrief::parse(json)?;
        let (operation, table_id, run_id) =
            (brief.operation_name(), brief.table_id(), brief.run_id());
        Some(self.matches_facts(&Facts {
            status: &brief.status,
            operation: operation.as_deref().unwrap_or(""),
            table_id: table_id.as_deref(),
            run_id: run_id.as_deref(),
            created: brief.created(),
        }))
    }

    fn matches_facts(&self, job: &Facts<'_>) -> bool {
        let status = Status::parse(job.status);
        let status_ok = if self.statuses.is_empty() {
            !self.excluded.contains(&status)
        } else {
            self.statuses.contains(&status)
        };
        let time_ok = |bound: Option<jiff::Timestamp>,
                       ok: fn(jiff::Timestamp, jiff::Timestamp) -> bool| {
            bound.is_none_or(|b| job.created.is_some_and(|c| ok(c, b)))
        };
        status_ok
            && time_ok(self.since, |c, b| c >= b)
            && time_ok(self.until, |c, b| c <= b)
            && (self.operations.is_empty()
                || self
                    .operations
                    .iter()
                    .any(|p| operation_matches(p, job.operation)))
            && self
                .table
                .as_deref()
                .is_none_or(|t| job.table_id.is_some_and(|id| table_match(t, id)))
            && self
                .run_id
                .as_deref()
                .is_none_or(|r| job.run_id.is_some_and(|id| dotted_match(r, id)))
    }
}

/// What the filters look at in a job.
struct Facts<'a> {
    status: &'a str,
    operation: &'a str,
    table_id: Option<&'a str>,
    run_id: Option<&'a str>,
    created: Option<jiff::Timestamp>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn dedup(v: &mut Vec<Status>) {
    let mut seen = Vec::new();
    v.retain(|s| {
        let new = !seen.contains(s);
        seen.push(s.clone());
        new
    });
}

/// `pattern` (lower case) against an operation name: a glob when it has `*` or `?`,
/// otherwise any part of it (`table` matches every `table…` operation, `export` both
/// `tableExport` and `workspaceTableExport`). Case-insensitive.
fn operation_matches(pattern: &str, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    if pattern.contains(['*', '?']) {
        glob(pattern, &name)
    } else {
        name.contains(pattern)
    }
}

/// `want` against a dotted id: equal, or a prefix ending on a `.` boundary, so that
/// `in.c-main` matches `in.c-main.orders` but not `in.c-mainframe.x`. A glob (`*`, `?`)
/// is matched whole. (Run ids: a run and the runs nested in it.)
fn dotted_match(want: &str, id: &str) -> bool {
    if want.contains(['*', '?']) {
        return glob(want, id);
    }
    let want = want.strip_suffix('.').unwrap_or(want);
    id == want
        || id
            .strip_prefix(want)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// `want` against a table id: whole `.`-separated parts anywhere in it, so that
/// `in.c-main` (a bucket), `customers` (a table name) and `c-crm.customers` all match
/// `in.c-crm.customers`-like ids, but `cust` or `in.c-ma` do not. A glob is matched whole.
fn table_match(want: &str, id: &str) -> bool {
    if want.contains(['*', '?']) {
        return glob(want, id);
    }
    let want = want.trim_matches('.');
    if want.is_empty() {
        return false;
    }
    let parts: Vec<&str> = id.split('.').collect();
    let wanted: Vec<&str> = want.split('.').collect();
    parts.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// Shell-style glob: `*` any run of characters, `?` one character, all else literal.
/// Iterative with one backtrack point, so it is linear-ish and never explodes.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command, ListArgs};
    use crate::model::parse_timestamp;
    use clap::Parser;
    use jiff::tz::{TimeZone, offset};

    fn now() -> jiff::Timestamp {
        parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc()
    }

    fn args(argv: &str) -> ListArgs {
        let argv = format!("jobctl list {argv}");
        match Cli::try_parse_from(argv.split_whitespace())
            .unwrap()
            .command
        {
            Command::List { args, .. } => *args,
            _ => unreachable!(),
        }
    }

    fn filter(argv: &str) -> JobFilter {
        JobFilter::from_args(
            &args(argv).filters,
            now(),
            &Zone::new(TimeZone::fixed(offset(1))),
        )
        .unwrap()
    }

    fn query(argv: &str) -> ListQuery {
        filter(argv).server_query()
    }

    fn statuses(s: &[Status]) -> ListQuery {
        ListQuery {
            statuses: s.to_vec(),
            ..ListQuery::default()
        }
    }

    fn utc(s: &str) -> Option<jiff::Timestamp> {
        Some(parse_timestamp(s).unwrap().to_utc())
    }

    fn job(s: &str) -> Job {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn no_filters_send_nothing() {
        assert_eq!(query(""), ListQuery::default());
        assert!(!filter("").has_client_side());
    }

    #[test]
    fn statuses_repeat_or_split_on_commas() {
        assert_eq!(
            query("--status error,waiting --status error"),
            statuses(&[Status::Error, Status::Waiting])
        );
    }

    #[test]
    fn exclusions_are_sent_alone_and_folded_into_inclusions() {
        assert_eq!(
            query("--exclude-status success,waiting"),
            ListQuery {
                excluded: vec![Status::Success, Status::Waiting],
                ..ListQuery::default()
            }
        );
        assert_eq!(
            query("--running --exclude-status waiting"),
            statuses(&[Status::Processing])
        );
        let e = JobFilter::from_args(
            &args("--failed --exclude-status error").filters,
            now(),
            &Zone::utc(),
        )
        .unwrap_err();
        assert!(e.0.contains("nothing could match"));
    }

    #[test]
    fn failed_and_running_are_status_shorthands() {
        assert_eq!(query("--failed"), statuses(&[Status::Error]));
        assert_eq!(
            query("--running"),
            statuses(&[Status::Waiting, Status::Processing])
        );
    }

    #[test]
    fn since_and_until_bound_the_creation_time() {
        assert_eq!(
            query("--since 2h --until 2026-11-29T12:30:00+0100"),
            ListQuery {
                created_from: utc("2026-11-29T10:00:00Z"),
                created_to: utc("2026-11-29T11:30:00Z"),
                ..ListQuery::default()
            }
        );
        // A naive date-time is local (here +01:00).
        assert_eq!(
            query("--since 2026-11-28").created_from,
            utc("2026-11-27T23:00:00Z")
        );
    }

    #[test]
    fn typed_dates_are_read_in_the_zone_handed_in() {
        let prague = Zone::new(jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap());
        let since = |argv: &str, zone: &Zone| {
            JobFilter::from_args(&args(argv).filters, now(), zone)
                .unwrap()
                .since
        };
        assert_eq!(
            since("--since 2026-11-28", &prague),
            utc("2026-11-27T23:00:00Z")
        );
        assert_eq!(
            since("--since 2026-11-28", &Zone::utc()),
            utc("2026-11-28T00:00:00Z")
        );
        assert_eq!(
            since("--since 2026-07-01T10:00", &prague),
            utc("2026-07-01T08:00:00Z")
        );
        assert_eq!(since("--since today", &prague), utc("2026-11-28T23:00:00Z"));
        assert_eq!(
            since("--since today", &Zone::utc()),
            utc("2026-11-29T00:00:00Z")
        );
    }

    #[test]
    fn all_server_filters_combine() {
        assert_eq!(
            query("--status success --since 7d --until 30m --operation table*"),
            ListQuery {
                statuses: vec![Status::Success],
                created_from: utc("2026-11-22T12:00:00Z"),
                created_to: utc("2026-11-29T11:30:00Z"),
                ..ListQuery::default()
            }
        );
    }

    #[test]
    fn since_after_until_is_a_usage_error() {
        assert!(
            JobFilter::from_args(&args("--since 1h --until 2h").filters, now(), &Zone::utc())
                .is_err()
        );
    }

    #[test]
    fn globs_match_stars_and_question_marks() {
        assert!(glob("table*", "tableimport"));
        assert!(glob("*import", "tableimport"));
        assert!(glob("t?ble*t", "tableimport"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
        assert!(!glob("table", "tableimport"));
        assert!(!glob("?", ""));
        assert!(glob("in.c-*.orders", "in.c-main.orders"));
    }

    const IMPORT: &str = r#"{"id":3,"status":"error","operationName":"tableImport",
        "tableId":"in.c-main.orders","runId":"881.882","createdTime":"2026-11-29T12:30:00+0100"}"#;

    #[test]
    fn operation_takes_a_name_prefix_or_glob() {
        let j = job(IMPORT);
        assert!(filter("--operation tableImport").matches(&j));
        assert!(filter("--operation table").matches(&j));
        assert!(filter("--operation TABLEIMP").matches(&j));
        assert!(filter("--operation import").matches(&j));
        assert!(filter("--operation leImp").matches(&j));
        assert!(filter("--operation *Import").matches(&j));
        assert!(filter("--operation workspace* --operation table*").matches(&j));
        assert!(!filter("--operation tableExport").matches(&j));
        assert!(!filter("--operation *Export").matches(&j));
        assert!(filter("--operation x").has_client_side());
    }

    #[test]
    fn table_matches_whole_dotted_segments() {
        let j = job(IMPORT);
        for yes in [
            "in.c-main.orders",
            "in.c-main",
            "in",
            "in.c-main.",
            "in.c-*.orders",
            "orders",
            "c-main.orders",
            "c-main",
        ] {
            assert!(filter(&format!("--table {yes}")).matches(&j), "{yes}");
        }
        for no in [
            "in.c-ma",
            "in.c-main.ord",
            "out",
            "in.c-main.orders.x",
            "ord",
            "main",
            ".",
        ] {
            assert!(!filter(&format!("--table {no}")).matches(&j), "{no}");
        }
        let no_table = job(r#"{"id":1,"status":"success","operationName":"tableCreate"}"#);
        assert!(!filter("--table in").matches(&no_table));
    }

    #[test]
    fn a_future_since_warns_and_no_match_says_how_matching_works() {
        assert!(filter("--since 1h").warnings(now()).is_empty());
        let w = filter("--since 2026-12-30").warnings(now());
        assert_eq!(
            w,
            ["warning: --since is in the future (2026-12-29T23:00:00Z): no job can match yet"]
        );
        assert_eq!(filter("--failed").how_matching_works(), "");
        let how = filter("--operation x --table y").how_matching_works();
        assert!(
            how.contains("--operation matches any part of the name"),
            "{how}"
        );
        assert!(
            how.contains("--table matches whole dot-separated parts"),
            "{how}"
        );
        assert!(how.contains("globs like '*cust*'"), "{how}");
    }

    #[test]
    fn run_id_matches_nested_runs() {
        let j = job(IMPORT);
        assert!(filter("--run-id 881").matches(&j));
        assert!(filter("--run-id 881.882").matches(&j));
        assert!(!filter("--run-id 88").matches(&j));
        assert!(!filter("--run-id 882").matches(&j));
    }

    #[test]
    fn server_filters_also_apply_locally() {
        let j = job(IMPORT); // created 11:30 UTC, error
        assert!(filter("--failed --since 1h").matches(&j));
        assert!(!filter("--since 20m").matches(&j));
        assert!(!filter("--until 40m").matches(&j));
        assert!(filter("--until 30m").matches(&j));
        assert!(!filter("--running").matches(&j));
        assert!(!filter("--exclude-status error").matches(&j));
        assert!(filter("--exclude-status success").matches(&j));
        let undated = job(r#"{"id":1,"status":"error"}"#);
        assert!(!filter("--since 1h").matches(&undated));
        assert!(filter("--failed").matches(&undated));
    }

    #[test]
    fn brief_json_matching_agrees_with_the_full_job() {
        // A numeric run id reads as the whole job reads it: as its text.
        let numeric = r#"{"id":1,"status":"error","runId":881,"tableId":"in.c-main.t"}"#;
        let escaped = r#"{"id":1,"status":"error","operationName":"table\u0049mport","createdTime":"2026-11-29T12:30:00+0100"}"#;
        for argv in [
            "--failed --operation table* --table in.c-main --run-id 881",
            "--since 1h --operation tableImport",
            "--until 40m",
            "--exclude-status error",
            "--table in",
            "",
        ] {
            let f = filter(argv);
            for text in [IMPORT, escaped, numeric] {
                assert_eq!(
                    f.matches_json(text),
                    Some(f.matches(&job(text))),
                    "{argv} {text}"
                );
            }
            assert_eq!(f.matches_json(r#"{"id":1,"status":7}"#), None);
            assert_eq!(f.matches_json("[1]"), None);
            assert_eq!(f.matches_json(r#"{"status":"error"}"#), None);
            assert_eq!(f.matches_json(r#"{"id":-1,"status":"error"}"#), None);
            assert!(f.matches_json(r#"{"id":"7","status":"error"}"#).is_some());
        }
    }

    #[test]
    fn filters_combine_with_and() {
        let j = job(IMPORT);
        assert!(filter("--failed --operation table* --table in.c-main --run-id 881").matches(&j));
        assert!(!filter("--failed --operation table* --table in.c-main --run-id 7").matches(&j));
        assert!(!filter("--status success --table in.c-main").matches(&j));
    }
}
