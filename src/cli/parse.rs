//! Value parsers for arguments that depend only on argv (durations, job ids), so that a
//! bad value is a clap usage error with clap's format and exit code 2.

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};

use crate::model::{JobKind, JobRef};

/// Parses `500ms`, `3s`, `2m`, `1h`, `1d`, `1w`, combinations like `1m30s`, and bare seconds
/// (`90`, `1.5`).
pub fn duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let bad = || {
        format!(
            "invalid duration '{s}': use a number with a unit, like 500ms, 3s, 2m, 1h (bare numbers are seconds)"
        )
    };
    if s.is_empty() {
        return Err(bad());
    }
    if let Ok(secs) = s.parse::<f64>() {
        return seconds(secs).ok_or_else(bad);
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        if num_len == 0 {
            return Err(bad());
        }
        let n: f64 = rest[..num_len].parse().map_err(|_| bad())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "ms" => 0.001,
            "s" | "sec" => 1.0,
            "m" | "min" => 60.0,
            "h" => 3600.0,
            "d" => 86400.0,
            "w" => 7.0 * 86400.0,
            _ => return Err(bad()),
        };
        total += n * factor;
        rest = &rest[unit_len..];
    }
    seconds(total).ok_or_else(bad)
}

fn seconds(secs: f64) -> Option<Duration> {
    // Bounded to a century so that arithmetic on deadlines can never overflow.
    (secs.is_finite() && (0.0..=3.2e9).contains(&secs)).then(|| Duration::from_secs_f64(secs))
}

/// Parses where a job is expected: a bare id or a link (see [`JobRef::parse`]).
pub fn job_ref(s: &str) -> Result<JobRef, String> {
    JobRef::parse(s)
}

/// Parses a queue job: a bare id or a link to a queue job (the UI's job page, the Queue
/// API's URL); a link to a storage job is refused, naming the command that shows it.
pub fn queue_job_ref(s: &str) -> Result<JobRef, String> {
    let r = JobRef::parse(s)?;
    match r.kind {
        Some(JobKind::Storage) => Err(format!(
            "'{s}' is a storage job, not a queue job: use `jobctl show {}`",
            r.id
        )),
        _ => Ok(JobRef {
            kind: Some(JobKind::Queue),
            ..r
        }),
    }
}

/// [`queue_job_ref`]'s id.
pub fn queue_job_id(s: &str) -> Result<u64, String> {
    queue_job_ref(s).map(|r| r.id)
}

/// Parses `serve --listen`: `IP:PORT`, `localhost:PORT` (loopback, 127.0.0.1), or a bare
/// `PORT` (or `:PORT`) on loopback.
pub fn listen_addr(s: &str) -> Result<SocketAddr, String> {
    let s = s.trim();
    let loopback = |port: &str| {
        port.parse::<u16>()
            .ok()
            .map(|p| SocketAddr::from((Ipv4Addr::LOCALHOST, p)))
    };
    let port = s
        .strip_prefix("localhost:")
        .or_else(|| s.strip_prefix(':'))
        .unwrap_or(s);
    if let Some(addr) = loopback(port) {
        return Ok(addr);
    }
    s.parse().map_err(|_| {
        format!(
            "'{s}' is not an address to listen on: use a port (8080), localhost:8080 or \
             IP:PORT (0.0.0.0:8080, [::1]:8080)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_units_and_bare_seconds() {
        let ms = |s: &str| duration(s).map(|d| d.as_millis());
        assert_eq!(ms("500ms"), Ok(500));
        assert_eq!(ms("3s"), Ok(3000));
        assert_eq!(ms("2m"), Ok(120_000));
        assert_eq!(ms("1h"), Ok(3_600_000));
        assert_eq!(ms("1m30s"), Ok(90_000));
        assert_eq!(ms("1w"), Ok(604_800_000));
        assert_eq!(ms("90"), Ok(90_000));
        assert_eq!(ms("1.5"), Ok(1500));
        assert_eq!(ms("0"), Ok(0));
    }

    #[test]
    fn bad_durations_say_what_is_expected() {
        for s in [
            "", "s", "5x", "-3s", "abc", "1e400", "NaN", "3s5", "inf", "m5",
        ] {
            let e = duration(s).unwrap_err();
            assert!(e.contains("500ms, 3s, 2m"), "{s}: {e}");
        }
    }

    #[test]
    fn queue_job_ids_take_queue_links_and_refuse_storage_ones() {
        assert_eq!(queue_job_id("1205330051"), Ok(1205330051));
        assert_eq!(
            queue_job_id("https://connection.keboola.com/admin/projects/1/queue/7/x"),
            Ok(7)
        );
        assert_eq!(queue_job_id("https://queue.keboola.com/jobs/8"), Ok(8));
        let e = queue_job_id("https://connection.keboola.com/v2/storage/jobs/9").unwrap_err();
        assert!(e.contains("jobctl show 9"), "{e}");
        assert!(queue_job_id("0").is_err());
    }

    #[test]
    fn listen_takes_a_port_localhost_or_an_address() {
        let a = |s: &str| listen_addr(s).map(|a| a.to_string());
        assert_eq!(a("8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(a(":8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(a("localhost:8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(a("0.0.0.0:9000").unwrap(), "0.0.0.0:9000");
        assert_eq!(a("[::1]:9000").unwrap(), "[::1]:9000");
        for bad in ["", "localhost", "99999", "example.com:80", "1.2.3.4"] {
            assert!(a(bad).unwrap_err().contains("use a port (8080)"), "{bad}");
        }
    }

    #[test]
    fn job_urls_stand_for_their_ids() {
        let url = "https://connection.keboola.com/v2/storage/jobs/22077337";
        for link in [url.to_owned(), format!("{url}/"), format!("{url}?x=1")] {
            assert_eq!(job_ref(&link).map(|r| r.id), Ok(22077337));
        }
        for bad in [
            "https://h/v2/storage/jobs/",
            "https://h/v2/storage/jobs/abc",
            "x/jobs/0",
        ] {
            assert!(job_ref(bad).is_err(), "{bad}");
        }
    }
}

/// Operation names seen in the Storage API (API-NOTES.md); the list is open.
pub const OPERATIONS: &[&str] = &[
    "aliasCreate",
    "bucketDelete",
    "bucketLink",
    "bucketRefresh",
    "bucketShare",
    "bucketListingCreate",
    "bucketListingUpdate",
    "bucketListingDelete",
    "devBranchCreate",
    "devBranchDelete",
    "fileDelete",
    "tableColumnAdd",
    "tableColumnDelete",
    "tableCreate",
    "tableDefinitionCreate",
    "tableDefinitionUpdate",
    "tableDrop",
    "tableExport",
    "tableImport",
    "tablePrimaryKeyAdd",
    "tablePrimaryKeyDelete",
    "tableProfile",
    "tableRowsDelete",
    "tableSnapshotCreate",
    "tableSnapshotDelete",
    "tableSwap",
    "tableUpdate",
    "workspaceCreate",
    "workspaceDrop",
    "workspaceLoad",
    "workspaceLoadClone",
    "workspaceTableExport",
    "workspaceUnload",
];

/// `list --columns` names (the JSON names; header names are accepted too), for completion.
pub const COLUMNS: &[&str] = &[
    "id",
    "status",
    "operationName",
    "tableId",
    "createdTime",
    "duration",
    "inBytes",
    "outBytes",
    "runId",
    "creator",
    "errorCode",
    "errorMessage",
    "startTime",
    "endTime",
];

/// `queue list --columns` names (the JSON names; header names are accepted too), for
/// completion.
pub const QUEUE_COLUMNS: &[&str] = &[
    "id",
    "status",
    "type",
    "component",
    "config",
    "createdTime",
    "duration",
    "runId",
    "parentRunId",
    "token",
    "errorType",
    "message",
    "startTime",
    "endTime",
];

/// Typical `--since`/`--until` values, for completion (any time is accepted).
pub const WHEN_EXAMPLES: &[&str] = &["30m", "1h", "2h", "1d", "7d", "1w", "today", "yesterday"];

/// Any text, offering `values` to shell completion (`--operation`, `--columns`,
/// `--since`): the completion scripts list them statically, the parser takes anything and
/// leaves the checks to the command.
#[derive(Debug, Clone, Copy)]
pub struct Hinted(pub &'static [&'static str]);

impl TypedValueParser for Hinted {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|o| PossibleValue::new(*o))))
    }
}

/// `--status` / `--exclude-status`: the four statuses, as a value enum would take them,
/// with a pointer to the flag that was probably meant for the words people try first
/// (`running` is `--running`, `failed` is `--failed`).
#[derive(Debug, Clone, Copy)]
pub struct StatusValue;

impl TypedValueParser for StatusValue {
    type Value = crate::cli::StatusArg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        use clap::error::{ContextKind, ContextValue};
        let inner = clap::builder::EnumValueParser::<crate::cli::StatusArg>::new();
        inner.parse_ref(cmd, arg, value).map_err(|mut e| {
            let said = value.to_string_lossy().trim().to_ascii_lowercase();
            let tip = match said.as_str() {
                "running" | "active" | "queued" | "pending" | "in-progress" => {
                    Some("use --running for waiting and processing jobs")
                }
                "failed" | "failure" | "errored" => Some("use --failed (the status is 'error')"),
                "succeeded" | "successful" | "done" | "ok" | "finished" => {
                    Some("the status of a job that worked is 'success'")
                }
                _ => None,
            };
            if let Some(tip) = tip {
                e.insert(
                    ContextKind::Suggested,
                    ContextValue::StyledStrs(vec![tip.into()]),
                );
            }
            e
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        use clap::ValueEnum;
        Some(Box::new(
            crate::cli::StatusArg::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value()),
        ))
    }
}
