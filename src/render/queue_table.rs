//! The columns of `queue list`: what `render::table`'s machinery (terminal tables fitted to
//! a width, TSV for a pipe) needs to print Queue API jobs like storage jobs.

use super::queue::queue_status;
use super::table::{TableColumn, column_key, time_cell};
use super::{Style, age, human_duration, rfc3339, running_duration, sanitize};
use crate::model::QueueJob;

/// One column of `queue list`. Names are the JSON field names where one exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueColumn {
    Id,
    Status,
    Type,
    Component,
    Config,
    Created,
    Duration,
    RunId,
    ParentRunId,
    Token,
    ErrorType,
    Message,
    Start,
    End,
}

impl QueueColumn {
    pub const ALL: [QueueColumn; 14] = [
        QueueColumn::Id,
        QueueColumn::Status,
        QueueColumn::Type,
        QueueColumn::Component,
        QueueColumn::Config,
        QueueColumn::Created,
        QueueColumn::Duration,
        QueueColumn::RunId,
        QueueColumn::ParentRunId,
        QueueColumn::Token,
        QueueColumn::ErrorType,
        QueueColumn::Message,
        QueueColumn::Start,
        QueueColumn::End,
    ];

    /// The name `--columns` takes.
    pub fn name(self) -> &'static str {
        match self {
            QueueColumn::Id => "id",
            QueueColumn::Status => "status",
            QueueColumn::Type => "type",
            QueueColumn::Component => "component",
            QueueColumn::Config => "config",
            QueueColumn::Created => "createdTime",
            QueueColumn::Duration => "duration",
            QueueColumn::RunId => "runId",
            QueueColumn::ParentRunId => "parentRunId",
            QueueColumn::Token => "token",
            QueueColumn::ErrorType => "errorType",
            QueueColumn::Message => "message",
            QueueColumn::Start => "startTime",
            QueueColumn::End => "endTime",
        }
    }
}

/// The default table.
pub const QUEUE_COLUMNS: [QueueColumn; 7] = [
    QueueColumn::Id,
    QueueColumn::Status,
    QueueColumn::Type,
    QueueColumn::Component,
    QueueColumn::Config,
    QueueColumn::Created,
    QueueColumn::Duration,
];

/// `-o wide`: every column but start and end (those only with `--columns`).
pub const QUEUE_WIDE_COLUMNS: [QueueColumn; 12] = [
    QueueColumn::Id,
    QueueColumn::Status,
    QueueColumn::Type,
    QueueColumn::Component,
    QueueColumn::Config,
    QueueColumn::Created,
    QueueColumn::Duration,
    QueueColumn::RunId,
    QueueColumn::ParentRunId,
    QueueColumn::Token,
    QueueColumn::ErrorType,
    QueueColumn::Message,
];

/// Parses `--columns` names: the JSON names or the headers the table shows, in any case
/// (`parent`, `error_type`, `RUN ID`); an unknown name lists the valid ones.
pub fn parse_queue_columns(names: &[String]) -> Result<Vec<QueueColumn>, String> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            QueueColumn::ALL
                .into_iter()
                .find(|c| {
                    column_key(c.name()) == column_key(n) || column_key(c.header()) == column_key(n)
                })
                .ok_or_else(|| {
                    let all: Vec<&str> = QueueColumn::ALL.iter().map(|c| c.name()).collect();
                    format!("unknown column '{n}'; the columns are {}", all.join(","))
                })
        })
        .collect()
}

impl TableColumn for QueueColumn {
    type Job = QueueJob;

    fn header(self) -> &'static str {
        match self {
            QueueColumn::Id => "ID",
            QueueColumn::Status => "STATUS",
            QueueColumn::Type => "TYPE",
            QueueColumn::Component => "COMPONENT",
            QueueColumn::Config => "CONFIG",
            QueueColumn::Created => "CREATED",
            QueueColumn::Duration => "DURATION",
            QueueColumn::RunId => "RUN ID",
            QueueColumn::ParentRunId => "PARENT",
            QueueColumn::Token => "TOKEN",
            QueueColumn::ErrorType => "ERROR TYPE",
            QueueColumn::Message => "MESSAGE",
            QueueColumn::Start => "START",
            QueueColumn::End => "END",
        }
    }

    /// Run ids are ids: never cut (their columns go whole when there is no room).
    fn is_free_text(self) -> bool {
        matches!(
            self,
            QueueColumn::Component | QueueColumn::Token | QueueColumn::Message
        )
    }

    fn is_numeric(self) -> bool {
        self == QueueColumn::Id
    }

    /// As for storage jobs: ages, human durations for a person; RFC 3339 and whole seconds
    /// of finished jobs (never depending on "now") for a pipe.
    fn cell(self, job: &QueueJob, style: &Style) -> Option<String> {
        let text = |s: &str| Some(sanitize(s).into_owned()).filter(|s| !s.is_empty());
        match self {
            QueueColumn::Id => Some(job.id.to_string()),
            QueueColumn::Status => text(job.status.as_str()),
            // On a terminal the short name the tree uses (`flow`, not
            // `orchestrationContainer`), so the component keeps its room; a pipe gets the
            // server's.
            QueueColumn::Type if style.terminal => job.job_type.as_deref().map(short_type),
            QueueColumn::Type => job.job_type.as_deref().and_then(text),
            QueueColumn::Component => job.component.as_deref().and_then(text),
            QueueColumn::Config => job.config.as_deref().and_then(text),
            QueueColumn::Created => job.created_time.as_ref().map(|t| {
                if style.terminal {
                    age(t.to_utc(), style.now)
                } else {
                    rfc3339(t)
                }
            }),
            QueueColumn::Duration if style.terminal => {
                job.duration(style.now).map(|d| match job.end_time {
                    Some(_) => human_duration(d),
                    None => running_duration(d),
                })
            }
            QueueColumn::Duration => job
                .end_time
                .and(job.duration(style.now))
                .map(|d| d.as_secs().to_string()),
            QueueColumn::RunId => text(&job.run_id),
            QueueColumn::ParentRunId => job.parent_run_id.as_deref().and_then(text),
            QueueColumn::Token => job
                .token
                .as_ref()
                .and_then(|t| t.description.as_deref())
                .and_then(text),
            QueueColumn::ErrorType => job
                .result
                .as_ref()
                .and_then(|r| r.error_type.as_deref())
                .and_then(text),
            QueueColumn::Message => job
                .result
                .as_ref()
                .and_then(|r| r.message.as_deref())
                .and_then(text),
            QueueColumn::Start => time_cell(job.start_time.as_ref(), style),
            QueueColumn::End => time_cell(job.end_time.as_ref(), style),
        }
    }

    fn painted(self, job: &QueueJob, style: &Style) -> Option<String> {
        (self == QueueColumn::Status).then(|| queue_status(style, &job.status))
    }

    /// A component's end tells it apart (`…ex-db-snowflake`, not `keboola.…`).
    fn cut_from_left(self) -> bool {
        self == QueueColumn::Component
    }

    /// What gives way first when a table does not fit: the wide columns' details, then
    /// the times; id, status, type, component, config and the message stay.
    fn drop_priority(self) -> Option<u8> {
        match self {
            QueueColumn::Token | QueueColumn::Start | QueueColumn::End => Some(0),
            QueueColumn::ParentRunId => Some(1),
            QueueColumn::RunId => Some(2),
            QueueColumn::ErrorType => Some(3),
            QueueColumn::Duration => Some(4),
            QueueColumn::Created => Some(5),
            _ => None,
        }
    }

    fn comfortable(self) -> usize {
        match self {
            QueueColumn::Component => 14,
            QueueColumn::Token => 12,
            QueueColumn::Message => 20,
            _ => usize::MAX,
        }
    }
}

/// `flow`, `phase`, `retry`, `container` and `job` for the Queue API's job types; another
/// type as the server spells it (sanitised).
pub fn short_type(job_type: &str) -> String {
    match job_type {
        "orchestrationContainer" => "flow".to_owned(),
        "phaseContainer" => "phase".to_owned(),
        "retryContainer" => "retry".to_owned(),
        "container" => "container".to_owned(),
        "standard" => "job".to_owned(),
        other => sanitize(other).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;
    use crate::render::Zone;
    use crate::render::table::{table, tsv_row};

    fn job(name: &str) -> QueueJob {
        let path = format!("{}/tests/fixtures/queue/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn style(terminal: bool) -> Style {
        Style {
            color: false,
            terminal,
            now: parse_timestamp("2022-01-25T07:00:00Z").unwrap().to_utc(),
            zone: Zone::utc(),
        }
    }

    #[test]
    fn a_pipe_gets_tsv_with_rfc3339_times_and_seconds_of_finished_jobs() {
        let error = job("queue-standard-error.json");
        let flow = job("queue-flow-processing.json");
        assert_eq!(
            tsv_row(&error, &QUEUE_COLUMNS, &style(false)),
            "10441200\terror\tstandard\tkeboola.python-transformation-v2\t1180022\t\
             2022-01-25T06:00:02+00:00\t82\n"
        );
        assert_eq!(
            tsv_row(&flow, &QUEUE_COLUMNS, &style(false)),
            "10440530\tprocessing\torchestrationContainer\tkeboola.orchestrator\t55512\t\
             2022-01-24T22:40:58+00:00\t\n"
        );
    }

    #[test]
    fn a_terminal_table_fits_its_width_cutting_free_text_only() {
        let jobs = [
            job("queue-standard-error.json"),
            job("queue-standard-success.json"),
        ];
        let refs: Vec<&QueueJob> = jobs.iter().collect();
        let out = table(&refs, &QUEUE_WIDE_COLUMNS, &style(true), Some(120));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("      ID  STATUS   TYPE"), "{out}");
        // A terminal gets the short type; the run ids, which would be cut, went whole.
        assert!(lines[1].starts_with("10441200  error    job   "), "{out}");
        assert!(!lines[0].contains("RUN ID"), "{out}");
        assert!(out.contains("  1180022    59m ago  1m 22s "), "{out}");
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(*l) <= 120),
            "{out}"
        );
    }

    #[test]
    fn at_80_columns_the_table_fits_and_a_pipe_keeps_the_servers_type() {
        let jobs = [
            job("queue-flow-processing.json"),
            job("queue-phase-waiting.json"),
            job("queue-standard-error.json"),
        ];
        let refs: Vec<&QueueJob> = jobs.iter().collect();
        for columns in [&QUEUE_COLUMNS[..], &QUEUE_WIDE_COLUMNS[..]] {
            let out = table(&refs, columns, &style(true), Some(80));
            assert!(
                out.lines()
                    .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
                "{out}"
            );
            // Ids whole, types short, the component's end kept.
            assert!(out.contains("10440530  processing  flow "), "{out}");
            assert!(out.contains("10440533  waiting     phase"), "{out}");
            assert!(out.contains("keboola.orchestrator"), "{out}");
        }
        let tsv = tsv_row(&jobs[0], &QUEUE_COLUMNS, &style(false));
        assert!(tsv.contains("\torchestrationContainer\t"), "{tsv}");
    }

    #[test]
    fn columns_are_named_as_in_the_json() {
        let names: Vec<String> = ["id", "STATUS", "parentRunId", "errorType"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            parse_queue_columns(&names).unwrap(),
            [
                QueueColumn::Id,
                QueueColumn::Status,
                QueueColumn::ParentRunId,
                QueueColumn::ErrorType
            ]
        );
        assert!(
            parse_queue_columns(&["operationName".into()])
                .unwrap_err()
                .contains("component")
        );
    }
}
