//! `jobctl stats` and `jobctl timeline` (and their `queue` twins) against the simulator:
//! figures checked against values computed here, the sources list has (API, `--file`),
//! the table, TSV, JSON and `--jq`, the plain and coloured picture, and its SVG rendered
//! to pixels.

use jobctl::sim::{Anchor, QueueJobSpec, QueueOutcome, Sim};
use serde_json::Value;

use super::*;

/// The fixed instant the storage jobs are dated from.
const BASE: &str = "2026-11-20T10:00:00+01:00";
/// A window holding every storage job below.
const SINCE: &str = "2026-11-20T09:00:00+01:00";
const UNTIL: &str = "2026-11-20T12:00:00+01:00";

/// A finished job created `at` seconds after `BASE`, waiting `wait` and running `run`
/// seconds; an error has the code `code`.
fn body(
    id: u64,
    op: &str,
    table: &str,
    at: i64,
    wait: i64,
    run: i64,
    code: Option<&str>,
) -> String {
    let base: jiff::Timestamp = BASE.parse().unwrap();
    let plus_one = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    let t = |s: i64| {
        (base + jiff::SignedDuration::from_secs(s))
            .to_zoned(plus_one.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%z")
            .to_string()
    };
    let (status, error) = match code {
        Some(code) => (
            "error",
            format!(r#","error": {{"code": "{code}", "message": "no"}}"#),
        ),
        None => ("success", String::new()),
    };
    format!(
        r#"{{"id": {id}, "status": "{status}", "tableId": "{table}", "operationName": "{op}", "createdTime": "{}", "startTime": "{}", "endTime": "{}", "runId": null, "results": [], "creatorToken": {{"id": "1", "description": "ann"}}, "metrics": {{"inBytes": {id}, "outBytes": 1}}{error}}}"#,
        t(at),
        t(at + wait),
        t(at + wait + run)
    )
}

/// What the jobs are: (id, operation, table, created, wait, run, error code).
type Spec = (
    u64,
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    Option<&'static str>,
);

/// 30 imports of two tables (every 4th fails, two codes) and 7 exports; durations and
/// waits spread so that the percentiles differ.
fn specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for i in 0..30u64 {
        let code = match i % 8 {
            0 => Some("csvImport.columnsNotMatch"),
            4 => Some("storage.tables.notFound"),
            _ => None,
        };
        let table = if i % 2 == 0 {
            "in.c-main.orders"
        } else {
            "in.c-crm.customers"
        };
        let run = ((i * 37) % 41 + 1) as i64;
        out.push((
            i + 1,
            "tableImport",
            table,
            (i * 60) as i64,
            (i % 7) as i64,
            run,
            code,
        ));
    }
    for i in 0..7u64 {
        let run = (i * 11 + 3) as i64;
        out.push((
            100 + i,
            "tableExport",
            "out.c-rep.daily",
            (i * 300) as i64,
            2,
            run,
            None,
        ));
    }
    out
}

fn serving(specs: &[Spec]) -> SimServer {
    let sim = Sim::empty();
    for (id, op, table, at, wait, run, code) in specs {
        sim.add_raw_job(*id, &body(*id, op, table, *at, *wait, *run, *code));
    }
    server_with(sim)
}

/// Nearest rank, by counting: the smallest value that at least p % do not exceed.
fn naive_percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    *v.iter()
        .find(|x| v.iter().filter(|y| y <= x).count() as f64 * 100.0 >= p * v.len() as f64)
        .unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn stats_json_has_exact_figures_per_operation_and_a_total() {
    let specs = specs();
    let s = serving(&specs);
    let out = jobctl(&s)
        .args(["stats", "--since", SINCE, "--until", UNTIL, "-o", "json"])
        .stdout_any()
        .run();
    let j = json(&out.stdout);
    assert_eq!(j["by"], serde_json::json!(["operation"]));
    let imports: Vec<&Spec> = specs.iter().filter(|s| s.1 == "tableImport").collect();
    let runs: Vec<f64> = imports.iter().map(|s| s.5 as f64).collect();
    let waits: Vec<f64> = imports.iter().map(|s| s.4 as f64).collect();
    let g = &j["groups"][0];
    assert_eq!(g["operation"], "tableImport");
    assert_eq!(g["jobs"], 30);
    let errors = imports.iter().filter(|s| s.6.is_some()).count();
    assert_eq!(g["errors"], errors);
    assert_eq!(g["errorRate"], errors as f64 / 30.0);
    for (field, p) in [
        ("durationP50", 50.0),
        ("durationP90", 90.0),
        ("durationP99", 99.0),
    ] {
        assert_eq!(g[field], naive_percentile(&runs, p), "{field}");
    }
    assert_eq!(g["durationMax"], runs.iter().cloned().fold(0.0, f64::max));
    assert_eq!(g["waitP50"], naive_percentile(&waits, 50.0));
    assert_eq!(g["waitP90"], naive_percentile(&waits, 90.0));
    assert_eq!(g["inBytes"], imports.iter().map(|s| s.0).sum::<u64>());
    assert_eq!(g["outBytes"], 30);
    assert_eq!(
        g["topErrors"],
        serde_json::json!([
            {"code": "csvImport.columnsNotMatch", "count": 4},
            {"code": "storage.tables.notFound", "count": 4}
        ])
    );
    assert_eq!(j["groups"][1]["operation"], "tableExport");
    assert_eq!(j["groups"][1]["durationMax"], 69.0);
    assert_eq!(j["total"]["jobs"], 37);
    assert!(j["total"].get("operation").is_none());
    // The server got the window.
    let q = &s.sim().requests()[0].query;
    assert!(
        q.contains("created_time_from=2026-11-20T08%3A00%3A00%2B00%3A00"),
        "{q}"
    );
}

#[test]
fn stats_from_the_api_default_to_the_last_7_days() {
    let s = serving(&specs());
    jobctl(&s)
        .args(["stats"])
        .stderr_eq("jobctl: no jobs match\n")
        .run();
    let q = &s.sim().requests()[0].query;
    assert!(q.contains("created_time_from="), "{q}");
}

#[test]
fn stats_by_several_keys_pipe_tsv_sorted_by_any_column() {
    let s = serving(&specs());
    let out = jobctl(&s)
        .args([
            "stats",
            "--since",
            SINCE,
            "--by",
            "operation,table",
            "--sort",
            "p90",
        ])
        .stdout_any()
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0]
            .starts_with("operation\ttable\tjobs\terrors\terrorRate\tdurationP50\tdurationP90\t"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    let p90: Vec<f64> = lines[1..]
        .iter()
        .map(|l| l.split('\t').nth(6).unwrap().parse().unwrap())
        .collect();
    assert!(p90.windows(2).all(|w| w[0] >= w[1]), "{p90:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("tableImport\tin.c-crm.customers\t15\t"))
    );
    jobctl(&s)
        .args([
            "stats",
            "--since",
            SINCE,
            "--by",
            "bucket",
            "--jq",
            ".groups[] | .bucket",
        ])
        .stdout_eq("in.c-crm\nin.c-main\nout.c-rep\n")
        .run();
}

#[test]
fn stats_on_a_terminal_is_a_table_with_a_total_and_trend_fitted_to_80_columns() {
    let s = serving(&specs());
    let args = format!("stats --since {SINCE} --trend hour --color never");
    let out = terminal(&s, 80, &args).stdout_any().run();
    let text = screen(&out);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines[0].starts_with("OPERATION"), "{text}");
    assert!(lines[0].contains("P90 TREND"), "{text}");
    assert!(lines[1].starts_with("tableImport"), "{text}");
    assert!(lines[2].starts_with("tableExport"), "{text}");
    assert!(lines[3].starts_with("total"), "{text}");
    for line in &lines {
        assert!(visible_width(line) <= 80, "{line:?}");
    }
    // Three hours of imports (10:00-10:29) and exports (to 10:30): one period with jobs.
    assert!(lines[1].contains('█'), "{text}");
}

#[test]
fn stats_of_a_saved_listing_equal_those_of_the_api_and_a_bad_entry_is_a_usage_error() {
    let s = serving(&specs());
    let dir = TempDir::new("stats-file");
    let saved = jobctl(&s)
        .args(["list", "--all", "-o", "json"])
        .stdout_any()
        .run()
        .stdout;
    let path = dir.join("jobs.json");
    std::fs::write(&path, &saved).unwrap();
    let api = jobctl(&s)
        .args(["stats", "--since", SINCE, "-o", "json", "--by", "table"])
        .stdout_any()
        .run()
        .stdout;
    let file = jobctl_bare()
        .args(["stats", "-o", "json", "--by", "table", "--file"])
        .arg(&path)
        .stdout_any()
        .run()
        .stdout;
    assert_eq!(json(&api), json(&file));
    // A filter over the file too.
    jobctl_bare()
        .args(["stats", "--failed", "--jq", ".total.jobs", "--file"])
        .arg(&path)
        .stdout_eq("8\n")
        .run();
    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        format!("{}\n{{\"id\":\"x\"}}\n", body(1, "a", "b", 0, 0, 1, None)),
    )
    .unwrap();
    jobctl_bare()
        .args(["stats", "--file"])
        .arg(&bad)
        .code(2)
        .stderr_is("an error naming the entry", |e| {
            e.starts_with("jobctl: error: ") && e.contains("bad.jsonl: entry 2 is not a job")
        })
        .run();
    jobctl_bare()
        .args(["stats", "--by", "weather"])
        .code(2)
        .stderr_has("invalid value 'weather'")
        .run();
}

#[test]
fn timeline_piped_is_a_plain_gantt_chart_with_axis_and_concurrency() {
    let s = serving(&specs());
    let out = jobctl(&s)
        .args([
            "timeline",
            "--since",
            SINCE,
            "--until",
            UNTIL,
            "--operation",
            "tableExport",
        ])
        .stdout_any()
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("7 jobs, "), "{}", out.stdout);
    assert_eq!(lines.len(), 1 + 7 + 4, "{}", out.stdout);
    for (i, line) in lines[1..8].iter().enumerate() {
        assert!(
            line.starts_with(&format!("{} tableExport", 100 + i)),
            "{line}"
        );
        assert!(line.contains('='), "{line}");
    }
    // Plain glyphs: ASCII but for the mark of a cut label.
    for line in &lines {
        assert!(line.chars().all(|c| c.is_ascii() || c == '…'), "{line:?}");
        assert!(visible_width(line) <= 80, "{line:?}");
    }
    assert!(lines[8].contains('|'), "{}", lines[8]);
    assert!(lines[10].starts_with("concurrency"), "{}", lines[10]);
    assert!(lines[11].ends_with("concurrency max 1"), "{}", lines[11]);
}

#[test]
fn timeline_draws_the_jobs_that_ran_into_the_window_from_its_left_edge() {
    // From BASE to two hours later. Job 1 was created an hour before and ran into the
    // window; job 2 was over before it began.
    let s = serving(&[
        (1, "tableSwap", "in.c-main.orders", -3600, 60, 5400, None),
        (2, "tableSwap", "in.c-main.orders", -5400, 60, 1200, None),
        (3, "tableSwap", "in.c-main.orders", 600, 60, 60, None),
    ]);
    let out = jobctl(&s)
        .args(["timeline", "--since", BASE, "--until", UNTIL, "--utc"])
        .stdout_any()
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("2 jobs, 2026-11-20 09:00:00 to 2026-11-20 11:00:00 UTC"),
        "{}",
        out.stdout
    );
    // Job 1 runs from the window's first cell (the label column is 27 wide).
    assert!(lines[1].starts_with("1 tableSwap "), "{}", out.stdout);
    assert_eq!(lines[1].chars().nth(27), Some('='), "{}", out.stdout);
    assert!(lines[2].starts_with("3 tableSwap "), "{}", out.stdout);
    // The listing asked for jobs created up to the window's length before it.
    let log = s.sim().requests();
    assert!(
        log.iter().any(|r| r
            .query
            .contains("created_time_from=2026-11-20T07%3A00%3A00")),
        "{log:?}"
    );
}

#[test]
fn timeline_by_table_on_a_colour_terminal_uses_blocks() {
    let s = serving(&specs());
    let args = format!("timeline --since {SINCE} --until {UNTIL} --by table --color always");
    let out = terminal(&s, 80, &args).stdout_any().run();
    let text = screen(&out);
    assert!(text.starts_with("3 tables, "), "{text}");
    assert!(text.contains("in.c-main.orders"), "{text}");
    assert!(text.contains("\x1b[32m█"), "{text}");
    assert!(text.contains("\x1b[31m█"), "{text}");
    for line in text.lines() {
        assert!(visible_width(line) <= 80, "{line:?}");
    }
}

/// An SVG picture rendered to pixels (no fonts: its text is not drawn).
struct Picture {
    pixmap: resvg::tiny_skia::Pixmap,
}

type Rgb = (u8, u8, u8);

const WHITE: Rgb = (0xff, 0xff, 0xff);
const SUCCEEDED: Rgb = (0x2e, 0x9e, 0x44);
const FAILED: Rgb = (0xd3, 0x3a, 0x2c);

impl Picture {
    fn render(svg: &str) -> Picture {
        let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
            .expect("a valid SVG document");
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        Picture { pixmap }
    }

    fn at(&self, x: u32, y: u32) -> Rgb {
        let p = self.pixmap.pixel(x, y).unwrap();
        (p.red(), p.green(), p.blue())
    }

    /// The row holding the time axis: the last one whose plot is mostly one grey (the
    /// axis line, drawn across the pixel boundary, greys two rows).
    fn axis_row(&self, plot: std::ops::Range<u32>) -> u32 {
        let grey = |(r, g, b): Rgb| r == g && g == b && r < 0xd0;
        (0..self.pixmap.height())
            .filter(|&y| {
                plot.clone().filter(|&x| grey(self.at(x, y))).count() * 10 > plot.len() * 9
            })
            .max()
            .expect("an axis line")
    }

    /// The centre of each vertical line crossing row `y` within `plot`, left to right:
    /// runs of non-white pixels, weighted by how dark each is (lines fall between pixels).
    fn lines_across(&self, y: u32, plot: std::ops::Range<u32>) -> Vec<f64> {
        let mut centres = Vec::new();
        let mut run: Vec<(f64, f64)> = Vec::new();
        for x in plot.chain(std::iter::once(u32::MAX)) {
            let ink = if x == u32::MAX {
                0.0
            } else {
                255.0 - f64::from(self.at(x, y).0)
            };
            if ink > 0.0 {
                run.push((f64::from(x) + 0.5, ink));
            } else if !run.is_empty() {
                let weight: f64 = run.iter().map(|(_, w)| w).sum();
                centres.push(run.iter().map(|(x, w)| x * w).sum::<f64>() / weight);
                run.clear();
            }
        }
        centres
    }
}

/// The text of each `<text ...>` element whose attributes contain `attr`, in order.
fn texts_with<'a>(svg: &'a str, attr: &str) -> Vec<(&'a str, &'a str)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (attrs, rest) = t.split_once('>')?;
            let text = rest.split_once("</text>")?.0;
            attrs.contains(attr).then_some((attrs, text))
        })
        .collect()
}

#[test]
fn timeline_svg_draws_each_bar_where_its_axis_puts_the_jobs_times() {
    let s = serving(&specs());
    let dir = TempDir::new("svg");
    let svg = dir.join("t.svg");
    // 35 minutes: ticks every 2 minutes, bars a few pixels a second wide.
    let (since, until) = ("2026-11-20T10:00:00+01:00", "2026-11-20T10:35:00+01:00");
    jobctl(&s)
        .args([
            "timeline", "--since", since, "--until", until, "--utc", "-o", "svg",
        ])
        .arg("--out")
        .arg(&svg)
        .run();
    let text = std::fs::read_to_string(&svg).unwrap();
    let picture = Picture::render(&text);
    let (width, height) = (picture.pixmap.width(), picture.pixmap.height());
    assert_eq!(width, 1200);
    assert!(height > 37 * 16, "a row for each of the 37 jobs: {height}");

    // The axis as drawn: tick lines below the axis line, named by the labels under them.
    let plot = 280..1190;
    let axis = picture.axis_row(plot.clone());
    let ticks = picture.lines_across(axis + 2, plot);
    let labels: Vec<&str> = texts_with(&text, "text-anchor=\"middle\"")
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    assert_eq!(labels.len(), ticks.len(), "{labels:?} at {ticks:?}");
    // In UTC: 10:00+01:00 is 09:00.
    assert_eq!(labels[0], "09:00", "{labels:?}");
    let minute = |label: &str| -> f64 {
        let (h, m) = label.split_once(':').unwrap();
        f64::from(h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap())
    };
    // Where the axis puts a time (minutes after 09:00 UTC, when the jobs begin): between
    // its two ticks.
    let x_of = |at: f64| -> f64 {
        let i = labels
            .windows(2)
            .position(|w| minute(w[1]) - 540.0 >= at)
            .unwrap();
        let (t0, t1) = (minute(labels[i]) - 540.0, minute(labels[i + 1]) - 540.0);
        ticks[i] + (at - t0) / (t1 - t0) * (ticks[i + 1] - ticks[i])
    };
    // Every tick is the same distance from the next: the axis is linear.
    let steps: Vec<f64> = ticks.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps.iter().all(|d| (d - steps[0]).abs() < 0.6),
        "{steps:?}"
    );

    // Each job's row, by its label; its processing bar, in its outcome's colour, from its
    // start to its end as the axis reads them, and nothing of that colour just outside.
    let rows = texts_with(&text, "x=\"10\"");
    let row_middle = |id: u64| -> u32 {
        let (attrs, _) = rows
            .iter()
            .find(|(_, label)| label.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no row for job {id}"));
        let baseline: u32 = attrs
            .split("y=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        // The label sits on the row's baseline, 4 above its bottom; a row is 16 high.
        baseline + 4 - 8
    };
    let specs = specs();
    for (id, colour) in [(5, FAILED), (9, FAILED), (106, SUCCEEDED), (104, SUCCEEDED)] {
        let (_, _, _, at, wait, run, _) = *specs.iter().find(|s| s.0 == id).unwrap();
        let start = x_of((at + wait) as f64 / 60.0);
        let end = x_of((at + wait + run) as f64 / 60.0);
        let y = row_middle(id);
        let inside = (start + 1.5).ceil() as u32..(end - 1.5).floor() as u32;
        assert!(!inside.is_empty(), "job {id}: {start}..{end}");
        for x in inside {
            assert_eq!(
                picture.at(x, y),
                colour,
                "job {id} at x={x}, its bar {start:.1}..{end:.1}"
            );
        }
        for x in [(start - 2.5) as u32, (end + 2.5) as u32] {
            assert_ne!(
                picture.at(x, y),
                colour,
                "job {id} at x={x}, its bar {start:.1}..{end:.1}"
            );
        }
    }
    // The picture's other colours: background, stripes, the queue wait, concurrency.
    let mut seen = std::collections::BTreeSet::new();
    for y in (0..height).step_by(2) {
        for x in (0..width).step_by(2) {
            seen.insert(picture.at(x, y));
        }
    }
    for colour in [
        WHITE,
        (0xf4, 0xf4, 0xf4),
        (0xc8, 0xc8, 0xc8),
        (0x4a, 0x6f, 0xa5),
        SUCCEEDED,
        FAILED,
    ] {
        assert!(seen.contains(&colour), "{colour:x?} is not drawn");
    }
}

#[test]
fn timeline_to_an_unwritable_file_exits_6_and_no_jobs_is_a_note() {
    let s = serving(&specs());
    jobctl(&s)
        .args([
            "timeline",
            "--since",
            SINCE,
            "--out",
            "/nonexistent/dir/t.txt",
        ])
        .code(6)
        .stderr_has("cannot write /nonexistent/dir/t.txt")
        .run();
    // The last hour of a history from November holds nothing.
    jobctl(&s)
        .args(["timeline"])
        .stderr_eq("jobctl: no jobs match\n")
        .run();
}

#[test]
fn queue_stats_and_timeline_group_by_component_and_config() {
    let s = server();
    let at = Anchor::Fixed(now_ms() - 1_800_000);
    for (id, component, config, run, fails) in [
        (1, "keboola.ex-a", "1", 10_000, false),
        (2, "keboola.ex-a", "1", 30_000, true),
        (3, "keboola.ex-a", "2", 20_000, false),
        (4, "keboola.ex-b", "1", 50_000, false),
    ] {
        let mut spec = QueueJobSpec::standard(id, component, config, at).times(
            id as i64 * 1000,
            id as i64 * 1000 + 500,
            id as i64 * 1000 + 500 + run,
        );
        if fails {
            spec = spec.outcome(QueueOutcome::Error {
                message: "boom".into(),
                user: true,
            });
        }
        s.sim().add_queue_job(spec);
    }
    let out = jobctl(&s)
        .args(["queue", "stats", "-o", "json"])
        .stdout_any()
        .run();
    let j = json(&out.stdout);
    assert_eq!(j["by"], serde_json::json!(["component", "config"]));
    let g = &j["groups"][0];
    assert_eq!(
        (&g["component"], &g["config"]),
        (&"keboola.ex-a".into(), &"1".into())
    );
    assert_eq!(
        (g["jobs"].as_u64(), g["errors"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(g["durationMax"], 30.0);
    assert_eq!(g["topErrors"][0]["code"], "user");
    assert_eq!(j["total"]["jobs"], 4);
    let out = jobctl(&s)
        .args(["queue", "timeline", "--by", "component"])
        .stdout_any()
        .run();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("2 components, "), "{}", out.stdout);
    assert!(
        lines[1].starts_with("keboola.ex-a ") && lines[1].contains('x'),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].starts_with("keboola.ex-b ") && lines[2].contains('='),
        "{}",
        out.stdout
    );
}

#[test]
fn server_text_reaches_no_terminal_raw_in_stats_or_timeline() {
    let sim = Sim::empty();
    let evil = body(
        1,
        "op\\u001b[2Jx",
        "in.c-\\u0007b.t",
        0,
        1,
        5,
        Some("e\\u001b]8;;x"),
    );
    sim.add_raw_job(1, &evil);
    let s = server_with(sim);
    let clean = |out: &str| !out.contains(['\x1b', '\x07']);
    for args in [
        format!("stats --since {SINCE} --by operation,table"),
        format!("timeline --since {SINCE} --until {UNTIL}"),
    ] {
        let out = terminal(&s, 100, &format!("{args} --color never"))
            .stdout_any()
            .run();
        let text = screen(&out);
        assert!(clean(&text) && text.contains("opx"), "{text:?}");
    }
    jobctl(&s)
        .args(["stats", "--since", SINCE, "--by", "table"])
        .stdout_is("TSV without control characters", move |o| {
            clean(o) && o.contains("in.c-b.t")
        })
        .run();
}

#[test]
fn utc_counts_hours_and_draws_the_axis_in_utc() {
    let s = serving(&specs());
    let hours = |utc: bool| {
        let mut cmd = jobctl(&s).env("TZ", "Asia/Kolkata").args([
            "stats", "--by", "hour", "--since", SINCE, "--until", UNTIL, "-o", "json",
        ]);
        if utc {
            cmd = cmd.arg("--utc");
        }
        let j = json(&cmd.stdout_any().run().stdout);
        let mut keys: Vec<String> = j["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["hour"].as_str().unwrap().to_owned())
            .collect();
        keys.sort();
        keys
    };
    // The jobs were created from 09:00 UTC for half an hour: 14:30-15:00 in India.
    let (local, utc) = (hours(false), hours(true));
    assert_eq!(utc.len(), 1, "{utc:?}");
    assert_eq!(utc[0], "2026-11-20 09:00", "{utc:?}");
    assert_eq!(local.len(), 2, "{local:?}");
    assert_eq!(local, ["2026-11-20 14:00", "2026-11-20 15:00"], "{local:?}");
    let axis = |utc: bool| {
        let mut cmd = jobctl(&s).env("TZ", "Asia/Kolkata").args([
            "timeline",
            "--since",
            SINCE,
            "--until",
            UNTIL,
            "--operation",
            "tableExport",
        ]);
        if utc {
            cmd = cmd.arg("--utc");
        }
        cmd.stdout_any().run().stdout
    };
    let (utc, local) = (axis(true), axis(false));
    assert!(utc.contains("09:") && !utc.contains("14:"), "{utc}");
    assert!(local.contains("14:") && !local.contains("09:"), "{local}");
}
