//! Value parsers for arguments that depend only on argv (durations, job ids), so that a
//! bad value is a clap usage error with clap's format and exit code 2.

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};

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

/// Parses a job id: a positive whole number (the API's ids are integers), or the job's
/// URL as jobctl prints it (`https://HOST/v2/storage/jobs/ID`), which stands for its id.
pub fn job_id(s: &str) -> Result<u64, String> {
    if let Some((_, tail)) = s.trim().rsplit_once("/jobs/") {
        let tail = tail.split(['?', '#']).next().unwrap_or("");
        let id = tail.strip_suffix('/').unwrap_or(tail);
        return match id.parse::<u64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "'{s}' is not a job URL: it should end in /jobs/ID, like \
                 https://connection.keboola.com/v2/storage/jobs/22077337"
            )),
        };
    }
    match s.trim().parse::<u64>() {
        Ok(0) => Err("job ids start at 1".into()),
        Ok(n) => Ok(n),
        Err(_) if s.trim().starts_with('-') => Err(format!(
            "'{s}' is not a job id: ids are positive whole numbers"
        )),
        Err(_) if !s.is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) => {
            Err(format!("'{s}' is too large to be a job id"))
        }
        Err(_) => Err(format!(
            "'{s}' is not a job id: ids are positive whole numbers, like 22077337"
        )),
    }
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
    fn job_ids_are_positive_integers() {
        assert_eq!(job_id("22077337"), Ok(22077337));
        assert!(job_id("0").is_err());
        assert!(job_id("-5").unwrap_err().contains("positive"));
        assert!(job_id("abc").unwrap_err().contains("not a job id"));
        assert!(
            job_id("99999999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
        assert!(job_id("").is_err());
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
        assert_eq!(job_id(url), Ok(22077337));
        assert_eq!(job_id(&format!("{url}/")), Ok(22077337));
        assert_eq!(job_id(&format!("{url}?x=1")), Ok(22077337));
        assert_eq!(job_id("http://127.0.0.1:8080/v2/storage/jobs/7"), Ok(7));
        for bad in [
            "https://h/v2/storage/jobs/",
            "https://h/v2/storage/jobs/abc",
            "x/jobs/0",
        ] {
            assert!(job_id(bad).unwrap_err().contains("not a job URL"), "{bad}");
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
