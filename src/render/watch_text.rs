//! The text of `watch`: spinner messages, plain log lines for CI, the final tick/cross
//! lines and jsonl events. Pure functions of the jobs and a clock.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

use super::{Style, human_duration, sanitize, truncate};
use crate::model::{Job, RawJob, Status, json_compact};

/// `22070846 tableImport in.c-main.test`: who a line is about.
pub fn job_label(job: &Job) -> String {
    let mut s = format!("{} {}", job.id, sanitize(&job.operation_name));
    if let Some(table) = &job.table_id {
        s.push(' ');
        s.push_str(&sanitize(table));
    }
    s
}

/// The live spinner text: label, status and how long the watch has waited.
pub fn spinner_message(job: &Job, style: &Style, waited: Duration) -> String {
    format!(
        "{}  {}  {}",
        job_label(job),
        style.status(&job.status),
        style.dim(&human_duration(chrono_duration(waited)))
    )
}

/// The line a finished job leaves behind: a tick or a cross, with its run time and, for
/// a failure, the error code and message.
pub fn final_message(job: &Job, style: &Style) -> String {
    let mark = match job.status {
        Status::Success => style.paint("32", "✔"),
        Status::Error => style.paint("31", "✘"),
        _ => style.paint("33", "…"),
    };
    let mut s = format!("{mark} {}  {}", job_label(job), style.status(&job.status));
    if let Some(d) = job.duration(style.now) {
        s.push_str(&format!(" in {}", human_duration(d)));
    }
    if let Some(error) = error_text(job) {
        s.push_str(": ");
        s.push_str(&truncate(&error, 100));
    }
    s
}

/// `code: message` of a failed job, sanitised, if it has either.
pub fn error_text(job: &Job) -> Option<String> {
    let e = job.error.as_ref()?;
    let text = match (&e.code, &e.message) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (Some(c), None) => c.clone(),
        (None, Some(m)) => m.clone(),
        (None, None) => return None,
    };
    Some(sanitize(&text).into_owned())
}

/// A GitHub Actions `::error` workflow command for a failed job (its data escaped as the
/// runner expects), so the failure shows in the run's summary.
pub fn github_error(job: &Job) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let message = error_text(job).unwrap_or_else(|| "failed".to_owned());
    let title = format!(
        "jobctl: job {} {} failed",
        job.id,
        sanitize(&job.operation_name)
    );
    format!(
        "::error title={}::{}",
        escape(&title).replace(':', "%3A").replace(',', "%2C"),
        escape(&message)
    )
}

/// A plain-mode line for CI logs: `2026-11-29T10:00:01Z job 42 tableImport t: waiting -> processing`.
pub fn change_line(
    at: DateTime<Utc>,
    job: &Job,
    from: Option<&Status>,
    now: DateTime<Utc>,
) -> String {
    let mut s = format!("{} job {}: ", timestamp(at), job_label(job));
    match from {
        Some(from) => s.push_str(&format!(
            "{} -> {}",
            sanitize(from.as_str()),
            sanitize(job.status.as_str())
        )),
        None => s.push_str(&sanitize(job.status.as_str())),
    }
    if job.is_finished() {
        if let Some(d) = job.duration(now) {
            s.push_str(&format!(" in {}", human_duration(d)));
        }
        if let Some(e) = error_text(job) {
            s.push_str(": ");
            s.push_str(&e);
        }
    }
    s
}

/// A plain-mode heartbeat: which jobs are still running and how long the watch has waited.
pub fn heartbeat_line(at: DateTime<Utc>, running: &[&Job], waited: Duration) -> String {
    let jobs: Vec<String> = running
        .iter()
        .map(|j| format!("{} {}", j.id, sanitize(j.status.as_str())))
        .collect();
    format!(
        "{} still waiting after {} for {} job{}: {}",
        timestamp(at),
        human_duration(chrono_duration(waited)),
        running.len(),
        if running.len() == 1 { "" } else { "s" },
        jobs.join(", ")
    )
}

/// A `-o jsonl` event: `{"event":"change","id":..,"from":..,"to":..,"time":..,"job":{raw}}`,
/// or with `event` `final` and no `from`/`to` for the closing lines.
pub fn jsonl_event(event: &str, job: &RawJob, from: Option<&Status>, at: DateTime<Utc>) -> String {
    let mut s = format!("{{\"event\":\"{event}\",\"id\":{}", job.job.id);
    if event == "change" {
        let from = match from {
            Some(f) => serde_json::Value::from(f.as_str()),
            None => serde_json::Value::Null,
        };
        s.push_str(&format!(
            ",\"from\":{from},\"to\":{}",
            serde_json::Value::from(job.job.status.as_str())
        ));
    }
    s.push_str(&format!(",\"time\":\"{}\",\"job\":", timestamp(at)));
    json_compact(job.raw(), &mut s);
    s.push('}');
    s
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;

    fn fixture(name: &str) -> RawJob {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        RawJob::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        parse_timestamp(s).unwrap().to_utc()
    }

    fn style(terminal: bool) -> Style {
        Style {
            color: false,
            terminal,
            now: at("2026-11-29T12:00:00Z"),
        }
    }

    #[test]
    fn plain_lines_name_the_job_and_the_change() {
        let now = at("2026-11-29T12:00:00Z");
        let waiting = fixture("tableImport-waiting.json");
        assert_eq!(
            change_line(now, &waiting.job, None, now),
            "2026-11-29T12:00:00Z job 22070846 tableImport in.c-main.test: waiting"
        );
        let failed = fixture("tableImport-error.json");
        assert_eq!(
            change_line(now, &failed.job, Some(&Status::Processing), now),
            "2026-11-29T12:00:00Z job 123456 tableImport in.c-API-tests.languages: processing -> error in 3s: \
             csvImport.columnsNotMatch: Some columns are missing in the csv file. Missing columns: missing. \
             Expected columns: id,name,missing. Please check if the expected delimiter \",\" is used in the csv file."
        );
        assert_eq!(
            heartbeat_line(now, &[&waiting.job], Duration::from_secs(90)),
            "2026-11-29T12:00:00Z still waiting after 1m 30s for 1 job: 22070846 waiting"
        );
    }

    #[test]
    fn github_annotation_carries_code_and_message() {
        let failed = fixture("tableImport-error.json");
        let line = github_error(&failed.job);
        assert!(
            line.starts_with("::error title=jobctl%3A job 123456 tableImport failed::csvImport.columnsNotMatch: Some columns"),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn final_lines_tick_or_cross() {
        let ok = fixture("tableImport-success.json");
        assert_eq!(
            final_message(&ok.job, &style(true)),
            "✔ 22070846 tableImport in.c-main.test  success in 41s"
        );
        let branch = fixture("devBranchCreate-success.json");
        assert_eq!(
            final_message(&branch.job, &style(true)),
            "✔ 386488069 devBranchCreate  success in 4s"
        );
    }

    #[test]
    fn jsonl_events_carry_the_raw_job() {
        let job = fixture("tableExport-success.json");
        let line = jsonl_event(
            "change",
            &job,
            Some(&Status::Processing),
            at("2026-11-29T12:00:00Z"),
        );
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["event"], "change");
        assert_eq!(v["id"], 22070936);
        assert_eq!(v["from"], "processing");
        assert_eq!(v["to"], "success");
        assert_eq!(v["time"], "2026-11-29T12:00:00Z");
        assert_eq!(v["job"]["metrics"]["outBytes"], 1257);
        assert!(
            line.contains("\"url\":\"https://connection.keboola.com/v2/storage/jobs/22070936\"")
        );
        let fin = jsonl_event("final", &job, None, at("2026-11-29T12:00:00Z"));
        assert!(
            fin.starts_with("{\"event\":\"final\",\"id\":22070936,\"time\":"),
            "{fin}"
        );
    }
}
