//! What `run` started, as text: one row per job (id, component/config, configuration
//! name, the UI's page), aligned on a terminal, tab-separated with a header when piped.
//! Pure; server text (names) is sanitised here.

use unicode_width::UnicodeWidthStr;

use super::sanitize;

/// One started job as the table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub id: u64,
    /// `component/config`, or the component alone for an inline configuration.
    pub target: String,
    pub name: Option<String>,
    pub link: Option<String>,
}

const HEADER: [&str; 4] = ["ID", "CONFIG", "NAME", "LINK"];

/// The rows under a header: columns padded to their widest cell on a `terminal`, else
/// tab-separated (a name's tabs and newlines never split a row: `sanitize` removes them).
pub fn started_table(rows: &[Started], terminal: bool) -> String {
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            [
                r.id.to_string(),
                sanitize(&r.target).into_owned(),
                r.name
                    .as_deref()
                    .map_or("-".into(), |n| sanitize(n).into_owned()),
                r.link
                    .as_deref()
                    .map_or("-".into(), |l| sanitize(l).into_owned()),
            ]
        })
        .collect();
    let header = HEADER.map(str::to_owned);
    let all = std::iter::once(&header).chain(&cells);
    let mut out = String::new();
    if !terminal {
        for row in all {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        return out;
    }
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            std::iter::once(&header)
                .chain(&cells)
                .map(|r| r[i].width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in all {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One line for stderr when the jobs are followed next: `started ID CONFIG (NAME) LINK`.
pub fn started_line(row: &Started) -> String {
    let mut line = format!("started {} {}", row.id, sanitize(&row.target));
    if let Some(name) = &row.name {
        line.push_str(&format!(" ({})", sanitize(name)));
    }
    if let Some(link) = &row.link {
        line.push_str(&format!(" {}", sanitize(link)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Started> {
        vec![
            Started {
                id: 1205400001,
                target: "keboola.ex-http/503118".into(),
                name: Some("Exchange\trates\u{1b}[31m".into()),
                link: Some(
                    "https://connection.keboola.com/admin/projects/66/queue/1205400001".into(),
                ),
            },
            Started {
                id: 7,
                target: "keboola.flow/1".into(),
                name: None,
                link: None,
            },
        ]
    }

    #[test]
    fn piped_rows_are_tab_separated_under_a_header() {
        assert_eq!(
            started_table(&rows(), false),
            "ID\tCONFIG\tNAME\tLINK\n\
             1205400001\tkeboola.ex-http/503118\tExchange rates\thttps://connection.keboola.com/admin/projects/66/queue/1205400001\n\
             7\tkeboola.flow/1\t-\t-\n"
        );
    }

    #[test]
    fn terminal_rows_are_aligned() {
        let text = started_table(&rows(), true);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "ID          CONFIG                  NAME            LINK"
        );
        assert!(
            lines[2].starts_with("7           keboola.flow/1          -"),
            "{text}"
        );
        assert_eq!(started_line(&rows()[1]), "started 7 keboola.flow/1");
    }
}
