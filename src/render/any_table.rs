//! The columns of a listing of both kinds (`list --kind all`): KIND first, then the columns
//! both kinds have, each cell taken from the kind's own columns (`table::Column` for
//! storage jobs, `queue_table::QueueColumn` for queue jobs), so that a cell reads the same
//! as in the listing of one kind. Pure.

use super::Style;
use super::queue_table::QueueColumn;
use super::table::{Column, TableColumn, column_key};
use crate::model::AnyJob;

/// One column of a listing of both kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyColumn {
    /// `storage` or `queue`.
    Kind,
    Id,
    Status,
    /// A storage job's operation, a queue job's component (as `top` shows them).
    What,
    /// A storage job's table, a queue job's configuration.
    Target,
    Created,
    Duration,
    /// A queue job's type (`flow`, `phase`, `job` on a terminal).
    Type,
    RunId,
    /// A storage job's error message, a queue job's result message.
    Message,
    Start,
    End,
}

impl AnyColumn {
    pub const ALL: [AnyColumn; 12] = [
        AnyColumn::Kind,
        AnyColumn::Id,
        AnyColumn::Status,
        AnyColumn::What,
        AnyColumn::Target,
        AnyColumn::Created,
        AnyColumn::Duration,
        AnyColumn::Type,
        AnyColumn::RunId,
        AnyColumn::Message,
        AnyColumn::Start,
        AnyColumn::End,
    ];

    /// The name `--columns` takes (the headers, in any case, are taken too).
    pub fn name(self) -> &'static str {
        match self {
            AnyColumn::Kind => "kind",
            AnyColumn::Id => "id",
            AnyColumn::Status => "status",
            AnyColumn::What => "operation",
            AnyColumn::Target => "target",
            AnyColumn::Created => "createdTime",
            AnyColumn::Duration => "duration",
            AnyColumn::Type => "type",
            AnyColumn::RunId => "runId",
            AnyColumn::Message => "message",
            AnyColumn::Start => "startTime",
            AnyColumn::End => "endTime",
        }
    }

    /// The column of each kind a cell is taken from (`None`: the kind has no such value).
    fn of_kind(self) -> (Option<Column>, Option<QueueColumn>) {
        match self {
            AnyColumn::Kind => (None, None),
            AnyColumn::Id => (Some(Column::Id), Some(QueueColumn::Id)),
            AnyColumn::Status => (Some(Column::Status), Some(QueueColumn::Status)),
            AnyColumn::What => (Some(Column::Operation), Some(QueueColumn::Component)),
            AnyColumn::Target => (Some(Column::Table), Some(QueueColumn::Config)),
            AnyColumn::Created => (Some(Column::Created), Some(QueueColumn::Created)),
            AnyColumn::Duration => (Some(Column::Duration), Some(QueueColumn::Duration)),
            AnyColumn::Type => (None, Some(QueueColumn::Type)),
            AnyColumn::RunId => (Some(Column::RunId), Some(QueueColumn::RunId)),
            AnyColumn::Message => (Some(Column::ErrorMessage), Some(QueueColumn::Message)),
            AnyColumn::Start => (Some(Column::Start), Some(QueueColumn::Start)),
            AnyColumn::End => (Some(Column::End), Some(QueueColumn::End)),
        }
    }
}

/// The default table of both kinds: fits 80 columns with ids whole.
pub const ANY_COLUMNS: [AnyColumn; 7] = [
    AnyColumn::Kind,
    AnyColumn::Id,
    AnyColumn::Status,
    AnyColumn::What,
    AnyColumn::Target,
    AnyColumn::Created,
    AnyColumn::Duration,
];

/// `-o wide` of both kinds: the default plus type, run id and message.
pub const ANY_WIDE_COLUMNS: [AnyColumn; 10] = [
    AnyColumn::Kind,
    AnyColumn::Id,
    AnyColumn::Status,
    AnyColumn::What,
    AnyColumn::Target,
    AnyColumn::Created,
    AnyColumn::Duration,
    AnyColumn::Type,
    AnyColumn::RunId,
    AnyColumn::Message,
];

/// Parses `--columns` names of a listing of both kinds: the names above or the headers,
/// in any case; an unknown name lists the valid ones. KIND always comes first, whether
/// named or not, so that every row says what it is.
pub fn parse_any_columns(names: &[String]) -> Result<Vec<AnyColumn>, String> {
    let mut columns = vec![AnyColumn::Kind];
    for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let c = AnyColumn::ALL
            .into_iter()
            .find(|c| {
                column_key(c.name()) == column_key(n) || column_key(c.header()) == column_key(n)
            })
            .ok_or_else(|| {
                let all: Vec<&str> = AnyColumn::ALL.iter().map(|c| c.name()).collect();
                format!("unknown column '{n}'; the columns are {}", all.join(","))
            })?;
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    Ok(columns)
}

impl TableColumn for AnyColumn {
    type Job = AnyJob;

    fn header(self) -> &'static str {
        match self {
            AnyColumn::Kind => "KIND",
            AnyColumn::Id => "ID",
            AnyColumn::Status => "STATUS",
            AnyColumn::What => "OPERATION",
            AnyColumn::Target => "TABLE/CONFIG",
            AnyColumn::Created => "CREATED",
            AnyColumn::Duration => "DURATION",
            AnyColumn::Type => "TYPE",
            AnyColumn::RunId => "RUN ID",
            AnyColumn::Message => "MESSAGE",
            AnyColumn::Start => "START",
            AnyColumn::End => "END",
        }
    }

    /// Ids (job, run, configuration) are never cut; a table id is free text, as in `list`.
    fn is_free_text(self) -> bool {
        matches!(
            self,
            AnyColumn::What | AnyColumn::Target | AnyColumn::Message
        )
    }

    fn is_numeric(self) -> bool {
        self == AnyColumn::Id
    }

    fn cell(self, job: &AnyJob, style: &Style) -> Option<String> {
        let (storage, queue) = self.of_kind();
        match job {
            _ if self == AnyColumn::Kind => Some(job.kind().name().to_owned()),
            AnyJob::Storage(j) => storage?.cell(j, style),
            AnyJob::Queue(j) => queue?.cell(j, style),
        }
    }

    fn painted(self, job: &AnyJob, style: &Style) -> Option<String> {
        let (storage, queue) = self.of_kind();
        match job {
            AnyJob::Storage(j) => storage?.painted(j, style),
            AnyJob::Queue(j) => queue?.painted(j, style),
        }
    }

    /// A table id's and a component's end tell them apart.
    fn cut_from_left(self) -> bool {
        matches!(self, AnyColumn::What | AnyColumn::Target)
    }

    fn drop_priority(self) -> Option<u8> {
        match self {
            AnyColumn::Start | AnyColumn::End => Some(0),
            AnyColumn::RunId => Some(1),
            AnyColumn::Type => Some(2),
            AnyColumn::Duration => Some(3),
            AnyColumn::Created => Some(4),
            _ => None,
        }
    }

    fn comfortable(self) -> usize {
        match self {
            AnyColumn::What => 11,
            AnyColumn::Target => 12,
            AnyColumn::Message => 20,
            _ => usize::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::table::{table, tsv_header, tsv_row};
    use unicode_width::UnicodeWidthStr;

    fn style(terminal: bool) -> Style {
        Style::fixed(terminal)
    }

    fn jobs() -> Vec<AnyJob> {
        let storage = r#"{"id":123456,"status":"error","operationName":"tableImport",
            "tableId":"in.c-crm.customers-with-a-long-name","createdTime":"2026-11-29T11:50:00Z",
            "startTime":"2026-11-29T11:50:02Z","endTime":"2026-11-29T11:51:00Z",
            "runId":"881.882","error":{"message":"Some columns are missing"}}"#;
        let queue = r#"{"id":"1205330051","runId":"1205330051","status":"processing",
            "type":"orchestrationContainer","component":"keboola.orchestrator","config":"987654321",
            "createdTime":"2026-11-29T11:55:00Z","startTime":"2026-11-29T11:55:05Z"}"#;
        vec![
            AnyJob::Queue(serde_json::from_str(queue).unwrap()),
            AnyJob::Storage(serde_json::from_str(storage).unwrap()),
        ]
    }

    #[test]
    fn each_kind_fills_the_shared_columns_from_its_own() {
        let jobs = jobs();
        assert_eq!(
            tsv_header(&ANY_COLUMNS),
            "KIND\tID\tSTATUS\tOPERATION\tTABLE/CONFIG\tCREATED\tDURATION\n"
        );
        assert_eq!(
            tsv_row(&jobs[0], &ANY_WIDE_COLUMNS, &style(false)),
            "queue\t1205330051\tprocessing\tkeboola.orchestrator\t987654321\t\
             2026-11-29T11:55:00+00:00\t\torchestrationContainer\t1205330051\t\n"
        );
        assert_eq!(
            tsv_row(&jobs[1], &ANY_WIDE_COLUMNS, &style(false)),
            "storage\t123456\terror\ttableImport\tin.c-crm.customers-with-a-long-name\t\
             2026-11-29T11:50:00+00:00\t58\t\t881.882\tSome columns are missing\n"
        );
    }

    #[test]
    fn at_80_columns_the_table_fits_with_the_kind_and_whole_ids() {
        let jobs = jobs();
        let refs: Vec<&AnyJob> = jobs.iter().collect();
        for columns in [&ANY_COLUMNS[..], &ANY_WIDE_COLUMNS[..]] {
            let out = table(&refs, columns, &style(true), Some(80));
            assert!(out.lines().all(|l| l.width() <= 80), "{out}");
            let lines: Vec<&str> = out.lines().collect();
            assert!(lines[0].starts_with("KIND     "), "{out}");
            assert!(
                lines[1].starts_with("queue    1205330051  processing"),
                "{out}"
            );
            assert!(lines[2].starts_with("storage      123456  error"), "{out}");
        }
    }

    #[test]
    fn columns_always_start_with_the_kind() {
        let names = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            parse_any_columns(&names("id,TABLE/CONFIG,kind")).unwrap(),
            [AnyColumn::Kind, AnyColumn::Id, AnyColumn::Target]
        );
        assert!(
            parse_any_columns(&names("tableId"))
                .unwrap_err()
                .contains("target")
        );
    }
}
