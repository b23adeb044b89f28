//! `stats` figures as text: a table fitted to the terminal (with sparkline trends and a
//! total row), TSV for a pipe, and the JSON object (numbers as numbers, seconds). Pure.

use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use super::grid::{Align, grid};
use super::{Style, human_bytes, human_duration, sanitize, truncate};
use crate::model::figures::{Figures, Report};

/// The widest a group key gets in the table before it is cut.
const KEY_WIDTH: usize = 40;

/// Periods a trend sparkline shows in the table: the last ones (JSON has them all).
const TREND_CELLS: usize = 30;

/// The figures' columns, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Jobs,
    Errors,
    ErrorRate,
    P50,
    P90,
    P99,
    Max,
    WaitP50,
    WaitP90,
    InBytes,
    OutBytes,
    P90Trend,
    ErrorTrend,
    TopErrors,
}

impl Col {
    const ALL: [Col; 14] = [
        Col::Jobs,
        Col::Errors,
        Col::ErrorRate,
        Col::P50,
        Col::P90,
        Col::P99,
        Col::Max,
        Col::WaitP50,
        Col::WaitP90,
        Col::InBytes,
        Col::OutBytes,
        Col::P90Trend,
        Col::ErrorTrend,
        Col::TopErrors,
    ];

    /// Dropped first when the table is too wide for the terminal, to make room for the
    /// top errors. The error-rate trend is not among them: it is the regression signal.
    const DROP_ORDER: [Col; 8] = [
        Col::P99,
        Col::WaitP90,
        Col::OutBytes,
        Col::InBytes,
        Col::Max,
        Col::Errors,
        Col::WaitP50,
        Col::P90Trend,
    ];
    /// Dropped next, after the top errors, when the table still does not fit; the
    /// error-rate trend last of all.
    const THEN_DROP: [Col; 3] = [Col::P50, Col::P90, Col::ErrorTrend];

    fn header(self) -> &'static str {
        match self {
            Col::Jobs => "JOBS",
            Col::Errors => "ERRORS",
            Col::ErrorRate => "ERR%",
            Col::P50 => "P50",
            Col::P90 => "P90",
            Col::P99 => "P99",
            Col::Max => "MAX",
            Col::WaitP50 => "WAIT P50",
            Col::WaitP90 => "WAIT P90",
            Col::InBytes => "IN",
            Col::OutBytes => "OUT",
            Col::P90Trend => "P90 TREND",
            Col::ErrorTrend => "ERR% TREND",
            Col::TopErrors => "TOP ERRORS",
        }
    }

    fn tsv_header(self) -> &'static str {
        match self {
            Col::Jobs => "jobs",
            Col::Errors => "errors",
            Col::ErrorRate => "errorRate",
            Col::P50 => "durationP50",
            Col::P90 => "durationP90",
            Col::P99 => "durationP99",
            Col::Max => "durationMax",
            Col::WaitP50 => "waitP50",
            Col::WaitP90 => "waitP90",
            Col::InBytes => "inBytes",
            Col::OutBytes => "outBytes",
            Col::P90Trend => "p90Trend",
            Col::ErrorTrend => "errorTrend",
            Col::TopErrors => "topErrors",
        }
    }

    fn is_trend(self) -> bool {
        matches!(self, Col::P90Trend | Col::ErrorTrend)
    }

    /// A cell for a person: short durations and sizes, a percentage.
    fn cell(self, f: &Figures, trend: &[Figures]) -> String {
        let secs = |s: Option<f64>| {
            s.map_or("-".to_owned(), |s| {
                human_duration(jiff::SignedDuration::from_millis(
                    (s * 1000.0).round() as i64
                ))
            })
        };
        let trend = &trend[trend.len().saturating_sub(TREND_CELLS)..];
        match self {
            Col::Jobs => f.jobs.to_string(),
            Col::Errors => f.errors.to_string(),
            Col::ErrorRate => format!("{:.1}%", f.error_rate * 100.0),
            Col::P50 => secs(f.duration[0]),
            Col::P90 => secs(f.duration[1]),
            Col::P99 => secs(f.duration[2]),
            Col::Max => secs(f.duration[3]),
            Col::WaitP50 => secs(f.wait[0]),
            Col::WaitP90 => secs(f.wait[1]),
            Col::InBytes => human_bytes(f.in_bytes),
            Col::OutBytes => human_bytes(f.out_bytes),
            Col::P90Trend => sparkline(&trend.iter().map(|t| t.duration[1]).collect::<Vec<_>>()),
            Col::ErrorTrend => sparkline(
                &trend
                    .iter()
                    .map(|t| (t.jobs > 0).then_some(t.error_rate))
                    .collect::<Vec<_>>(),
            ),
            Col::TopErrors => f
                .top_errors
                .iter()
                .map(|(code, n)| format!("{} ({n})", sanitize(code)))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// A cell for a program: plain numbers (seconds, bytes, a fraction).
    fn tsv_cell(self, f: &Figures, trend: &[Figures]) -> String {
        let secs = |s: Option<f64>| s.map_or(String::new(), |s| s.to_string());
        match self {
            Col::ErrorRate => f.error_rate.to_string(),
            Col::P50 => secs(f.duration[0]),
            Col::P90 => secs(f.duration[1]),
            Col::P99 => secs(f.duration[2]),
            Col::Max => secs(f.duration[3]),
            Col::WaitP50 => secs(f.wait[0]),
            Col::WaitP90 => secs(f.wait[1]),
            Col::InBytes => f.in_bytes.to_string(),
            Col::OutBytes => f.out_bytes.to_string(),
            Col::TopErrors => f
                .top_errors
                .iter()
                .map(|(code, n)| format!("{}:{n}", tsv_safe(code)))
                .collect::<Vec<_>>()
                .join(","),
            other => other.cell(f, trend),
        }
    }
}

/// The columns a report has: the trend ones only with a trend.
fn columns(report: &Report) -> Vec<Col> {
    Col::ALL
        .into_iter()
        .filter(|c| !c.is_trend() || !report.periods.is_empty())
        .collect()
}

/// Eight levels of a value against the largest of `values`; a blank where there is none.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = values.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if top <= 0.0 => BARS[0],
            Some(v) => BARS[((v / top * 7.0).round() as usize).min(7)],
        })
        .collect()
}

/// The table for a terminal: a header, a row per group and a total row, fitted to
/// `width` by leaving out the least needed figures, then cutting the error codes.
/// `names` are the group keys' headers (`operation`, `table`).
pub fn stats_table(report: &Report, names: &[&str], style: &Style, width: Option<usize>) -> String {
    let mut cols = columns(report);
    let key_cells = |keys: &[String]| -> Vec<String> {
        keys.iter()
            .map(|k| truncate(&sanitize(k), KEY_WIDTH))
            .collect()
    };
    let mut rows: Vec<(Vec<String>, &Figures, &[Figures])> = report
        .groups
        .iter()
        .map(|g| (key_cells(&g.keys), &g.figures, g.trend.as_slice()))
        .collect();
    let mut total_keys = vec![String::new(); names.len()];
    if let Some(first) = total_keys.first_mut() {
        *first = "total".into();
    }
    rows.push((total_keys, &report.total, &[]));
    let cell_width = |c: &Col| {
        rows.iter()
            .map(|(_, f, t)| c.cell(f, t).width())
            .chain([c.header().width()])
            .max()
            .unwrap_or(0)
    };
    let key_widths: Vec<usize> = (0..names.len())
        .map(|i| {
            rows.iter()
                .map(|(k, _, _)| k[i].width())
                .chain([names[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    const GAP: usize = 2;
    // The error codes are cut to fit rather than left out, down to this width.
    const MIN_ERRORS: usize = "TOP ERRORS".len();
    let mut errors_width = None;
    if let Some(width) = width {
        let total = |cols: &[Col]| -> usize {
            let figures = cols.iter().filter(|c| **c != Col::TopErrors);
            key_widths.iter().sum::<usize>()
                + figures.clone().map(cell_width).sum::<usize>()
                + GAP * (names.len() + figures.count()).saturating_sub(1)
        };
        for drop in Col::DROP_ORDER {
            if total(&cols) + GAP + MIN_ERRORS <= width {
                break;
            }
            cols.retain(|c| *c != drop);
        }
        let room = width.saturating_sub(total(&cols) + GAP);
        match room >= MIN_ERRORS {
            true => errors_width = Some(room),
            false => {
                cols.retain(|c| *c != Col::TopErrors);
                for drop in Col::THEN_DROP {
                    if total(&cols) <= width {
                        break;
                    }
                    cols.retain(|c| *c != drop);
                }
            }
        }
    }
    render_rows(&rows, names, &cols, style, errors_width)
}

fn render_rows(
    rows: &[(Vec<String>, &Figures, &[Figures])],
    names: &[&str],
    cols: &[Col],
    style: &Style,
    errors_width: Option<usize>,
) -> String {
    let mut header: Vec<String> = names.iter().map(|n| n.to_ascii_uppercase()).collect();
    header.extend(cols.iter().map(|c| c.header().to_owned()));
    let header = header.into_iter().map(|h| style.dim(&h)).collect();
    let mut out = vec![header];
    let last = rows.len().saturating_sub(1);
    for (i, (keys, f, trend)) in rows.iter().enumerate() {
        let mut row = keys.clone();
        for c in cols {
            let mut cell = c.cell(f, trend);
            if *c == Col::TopErrors
                && let Some(w) = errors_width
            {
                cell = truncate(&cell, w);
            }
            if *c == Col::ErrorRate && f.errors > 0 {
                cell = style.paint("31", &cell);
            }
            row.push(cell);
        }
        if i == last {
            row = row.into_iter().map(|c| style.paint("1", &c)).collect();
        }
        out.push(row);
    }
    let mut align: Vec<Align> = names.iter().map(|_| Align::left(0)).collect();
    align.extend(cols.iter().map(|c| match c {
        Col::TopErrors | Col::P90Trend | Col::ErrorTrend => Align::left(0),
        _ => Align::right(0),
    }));
    grid(out, &align, 2, 0)
}

/// Tab-separated: a header line, then a row per group (no total row: a program sums
/// what it needs). Seconds, bytes and the error rate as plain numbers.
pub fn stats_tsv(report: &Report, names: &[&str]) -> String {
    let cols = columns(report);
    let mut out = String::new();
    let header: Vec<&str> = names
        .iter()
        .copied()
        .chain(cols.iter().map(|c| c.tsv_header()))
        .collect();
    out.push_str(&header.join("\t"));
    out.push('\n');
    for g in &report.groups {
        let cells: Vec<String> = g
            .keys
            .iter()
            .map(|k| tsv_safe(k))
            .chain(cols.iter().map(|c| c.tsv_cell(&g.figures, &g.trend)))
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// A TSV cell cannot hold tabs or line breaks, nor control characters for a terminal.
fn tsv_safe(s: &str) -> String {
    sanitize(s).replace(['\t', '\n', '\r'], " ")
}

/// The JSON object: `by` (the key names), `groups` (the keys as fields, then the
/// figures), `total`, and with a trend `periods` and each group's `trend`.
pub fn stats_json(report: &Report, names: &[&str]) -> Value {
    let groups: Vec<Value> = report
        .groups
        .iter()
        .map(|g| {
            let mut o = Map::new();
            for (name, key) in names.iter().zip(&g.keys) {
                o.insert((*name).to_owned(), Value::String(key.clone()));
            }
            figures_json(&g.figures, &mut o);
            if !report.periods.is_empty() {
                let trend = report
                    .periods
                    .iter()
                    .zip(&g.trend)
                    .map(|(p, f)| {
                        let mut o = Map::new();
                        o.insert("period".into(), Value::String(p.clone()));
                        figures_json(f, &mut o);
                        o.remove("topErrors");
                        Value::Object(o)
                    })
                    .collect();
                o.insert("trend".into(), Value::Array(trend));
            }
            Value::Object(o)
        })
        .collect();
    let mut total = Map::new();
    figures_json(&report.total, &mut total);
    let mut out = Map::new();
    out.insert("by".into(), json!(names));
    if !report.periods.is_empty() {
        out.insert("periods".into(), json!(report.periods));
    }
    out.insert("groups".into(), Value::Array(groups));
    out.insert("total".into(), Value::Object(total));
    Value::Object(out)
}

fn figures_json(f: &Figures, o: &mut Map<String, Value>) {
    o.insert("jobs".into(), json!(f.jobs));
    o.insert("errors".into(), json!(f.errors));
    o.insert("errorRate".into(), json!(f.error_rate));
    let names = ["durationP50", "durationP90", "durationP99", "durationMax"];
    for (name, v) in names.iter().zip(f.duration) {
        o.insert((*name).into(), json!(v));
    }
    for (name, v) in ["waitP50", "waitP90"].iter().zip(f.wait) {
        o.insert((*name).into(), json!(v));
    }
    o.insert("inBytes".into(), json!(f.in_bytes));
    o.insert("outBytes".into(), json!(f.out_bytes));
    let top: Vec<Value> = f
        .top_errors
        .iter()
        .map(|(code, count)| json!({"code": code, "count": count}))
        .collect();
    o.insert("topErrors".into(), Value::Array(top));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::Group;
    use crate::render::Zone;

    fn figures(jobs: u64, errors: u64, p50: f64) -> Figures {
        Figures {
            jobs,
            errors,
            error_rate: errors as f64 / jobs as f64,
            duration: [Some(p50), Some(p50 * 2.0), Some(p50 * 3.0), Some(p50 * 4.0)],
            wait: [Some(1.0), Some(2.5)],
            in_bytes: 2048,
            out_bytes: 0,
            top_errors: match errors {
                0 => vec![],
                n => vec![("csvImport.columnsNotMatch".into(), n)],
            },
        }
    }

    fn report() -> Report {
        Report {
            keys: vec![],
            groups: vec![
                Group {
                    keys: vec!["tableImport".into()],
                    figures: figures(10, 2, 30.0),
                    trend: vec![],
                },
                Group {
                    keys: vec!["tableExport".into()],
                    figures: figures(4, 0, 5.0),
                    trend: vec![],
                },
            ],
            total: figures(14, 2, 20.0),
            periods: vec![],
        }
    }

    fn plain() -> Style {
        Style {
            color: false,
            terminal: true,
            now: jiff::Timestamp::now(),
            zone: Zone::utc(),
        }
    }

    #[test]
    fn the_table_has_a_row_per_group_and_a_total() {
        let t = stats_table(&report(), &["operation"], &plain(), Some(200));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert!(
            lines[0].starts_with("OPERATION    JOBS  ERRORS   ERR%"),
            "{t}"
        );
        assert!(
            lines[1].starts_with("tableImport    10       2  20.0%  30s  1m 00s"),
            "{t}"
        );
        assert!(lines[1].ends_with("csvImport.columnsNotMatch (2)"), "{t}");
        assert!(lines[3].starts_with("total          14"), "{t}");
    }

    #[test]
    fn a_narrow_table_leaves_out_figures_before_it_overflows() {
        let t = stats_table(&report(), &["operation"], &plain(), Some(80));
        for line in t.lines() {
            assert!(line.width() <= 80, "{line:?}");
        }
        assert!(!t.contains("P99"), "{t}");
        assert!(t.contains("P90") && t.contains("TOP ERRORS"), "{t}");
    }

    #[test]
    fn the_error_rate_trend_is_the_last_figure_to_go() {
        let mut r = report();
        r.periods = (0..40).map(|d| format!("p{d}")).collect();
        r.groups[0].trend = (0..40).map(|d| figures(10, d % 3, 30.0)).collect();
        r.groups[1].trend = r.groups[0].trend.clone();
        let header = |width: usize| {
            let t = stats_table(&r, &["operation"], &plain(), Some(width));
            for line in t.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            t.lines().next().unwrap().to_owned()
        };
        // Room for one trend of 40 periods: the error rate's.
        let wide = header(100);
        assert!(wide.contains("ERR% TREND"), "{wide}");
        assert!(!wide.contains("P90 TREND"), "{wide}");
        // Narrower: the top errors go, then the durations; the error rate and its trend
        // stay.
        let narrow = header(70);
        assert!(narrow.contains("ERR% TREND"), "{narrow}");
        assert!(!narrow.contains("TOP ERRORS"), "{narrow}");
        let narrowest = header(60);
        assert!(narrowest.contains("ERR% TREND"), "{narrowest}");
        assert!(!narrowest.contains("P50"), "{narrowest}");
        // Only when nothing else is left does it go.
        assert!(!header(40).contains("TREND"));
    }

    #[test]
    fn tsv_and_json_carry_plain_numbers() {
        let tsv = stats_tsv(&report(), &["operation"]);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(
            lines[0],
            "operation\tjobs\terrors\terrorRate\tdurationP50\tdurationP90\tdurationP99\t\
             durationMax\twaitP50\twaitP90\tinBytes\toutBytes\ttopErrors"
        );
        assert_eq!(
            lines[1],
            "tableImport\t10\t2\t0.2\t30\t60\t90\t120\t1\t2.5\t2048\t0\tcsvImport.columnsNotMatch:2"
        );
        assert_eq!(lines.len(), 3);
        let j = stats_json(&report(), &["operation"]);
        assert_eq!(j["groups"][0]["operation"], "tableImport");
        assert_eq!(j["groups"][0]["durationP90"], 60.0);
        assert_eq!(j["groups"][0]["topErrors"][0]["count"], 2);
        assert_eq!(j["total"]["jobs"], 14);
        assert!(j.get("periods").is_none());
    }

    #[test]
    fn a_long_trend_shows_its_last_periods() {
        let mut r = report();
        r.periods = (0..100).map(|d| format!("p{d}")).collect();
        r.groups[0].trend = (0..100).map(|d| figures(1, 0, d as f64 + 1.0)).collect();
        r.groups[1].trend = r.groups[0].trend.clone();
        let t = stats_table(&r, &["operation"], &plain(), Some(200));
        let row = t.lines().nth(1).unwrap();
        assert_eq!(
            row.matches(['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'])
                .count(),
            60,
            "{t}"
        );
    }

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[Some(0.0), Some(5.0), None, Some(10.0)]), "▁▅ █");
        assert_eq!(sparkline(&[Some(0.0), Some(0.0)]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }
}
