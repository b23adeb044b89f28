//! An event as text, written once for every place that shows one (`jobctl logs`, `show`'s
//! tail, `top`'s log pane): one line an event (time, type, where it came from, the
//! message), its description indented under it, a flow's task named in front in a colour
//! of its own.
//! Pure functions over a `LogStyle`; every server string is sanitised here, and a `--grep`
//! match is highlighted only after that, so no highlight can carry server bytes raw.

use regex_bites::Regex;

use crate::model::{Event, EventType, QueueJob, Timestamp};
use crate::render::queue_table::short_type;
use crate::render::{Zone, rfc3339, sanitize};

/// What a line shows besides the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeShown {
    /// `14:41:18`, in the display zone.
    Short,
    /// `2026-12-07 14:41:18 CET` in the display zone (a terminal).
    Zoned,
    /// The server's own time, RFC 3339 (a pipe).
    Server,
    /// UTC to the second (`2026-12-07T13:41:18Z`), as the plain status lines of a watch
    /// it is interleaved with.
    Utc,
    None,
}

/// How log lines look, decided by the command.
#[derive(Debug, Clone)]
pub struct LogStyle {
    pub color: bool,
    pub time: TimeShown,
    pub zone: Zone,
}

/// The prefixes' colours: none of them red, yellow or green, which the types use; six
/// of the 16 basic colours and six of the 256 (which every terminal of today shows).
const PALETTE: [&str; 12] = [
    "36", "35", "34", "96", "95", "94", "38;5;141", "38;5;39", "38;5;44", "38;5;171", "38;5;110",
    "38;5;176",
];

/// A colour for `label` that stays the same from one run to the next (FNV-1a of the
/// label, its bits mixed as murmur3 finishes: FNV's low bits alone tell `ex-a 1` from
/// `ex-b 2` poorly), as stern gives each pod its own.
pub fn label_color(label: &str) -> &'static str {
    let mut h: u32 = 0x811c_9dc5;
    for b in label.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    PALETTE[(h as usize) % PALETTE.len()]
}

/// Where a line of a multi-job log comes from: its task's place and colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    /// Already sanitised (built from names the server sent).
    pub label: String,
    pub color: &'static str,
    /// The task's component: its own events need not name it again after the place.
    pub component: Option<String>,
}

impl Prefix {
    pub fn new(label: &str, component: Option<&str>) -> Prefix {
        let label = sanitize(label).into_owned();
        let color = label_color(&label);
        Prefix {
            label,
            color,
            component: component.map(str::to_owned),
        }
    }
}

/// What a queue job is called in a flow's log: a phase by its name, a task by its
/// component and its task's (or configuration's) name, a flow by its name:
/// `Load`, `ex-google-drive "Customers"`, `flow "Nightly"`. Not sanitised (see [`Prefix`]).
pub fn place(job: &QueueJob) -> String {
    let names = job.names();
    let name = names.step.as_deref().or(names.config.as_deref());
    match job.job_type.as_deref() {
        Some("phaseContainer") => match (names.step.as_deref(), &job.phase_id) {
            (Some(step), _) => step.to_owned(),
            (None, Some(phase)) => format!("phase {phase}"),
            (None, None) => format!("phase {}", job.id),
        },
        _ => {
            let what = match job.job_type.as_deref() {
                Some("orchestrationContainer") => "flow".to_owned(),
                Some(t) if job.is_container() => short_type(t),
                _ => short_component(job.component.as_deref().unwrap_or("job")),
            };
            match (name, job.config.as_deref()) {
                (Some(name), _) => format!("{what} \"{name}\""),
                (None, Some(config)) => format!("{what} {config}"),
                (None, None) => format!("{what} {}", job.id),
            }
        }
    }
}

/// `keboola.ex-google-drive` -> `ex-google-drive`; flows are `flow`.
fn short_component(component: &str) -> String {
    match component {
        "keboola.orchestrator" | "keboola.flow" => "flow".to_owned(),
        c => c.strip_prefix("keboola.").unwrap_or(c).to_owned(),
    }
}

/// `storage`'s events are Storage's; the rest are their component's, with the
/// configuration where there is one.
pub fn source(event: &Event) -> String {
    match (
        event.component.as_deref(),
        event.configuration_id.as_deref(),
    ) {
        (None | Some("storage"), _) => "Storage".to_owned(),
        (Some(c), Some(config)) => format!("{}/{}", sanitize(c), sanitize(config)),
        (Some(c), None) => sanitize(c).into_owned(),
    }
}

/// Where a description's lines start, under an indented line or not.
const DESCRIPTION_INDENT: &str = "    ";

/// How an event's lines look where they are shown: `jobctl logs` (no indent, every line
/// of the description, a task's prefix, `--grep` highlighted) or a log's tail under
/// `show` and in `top`'s pane (indented under a heading, a few description lines).
#[derive(Debug, Clone, Copy)]
pub struct EventLook<'a> {
    pub color: bool,
    /// In front of the event's line (its description starts at [`DESCRIPTION_INDENT`]).
    pub indent: &'a str,
    pub prefix: Option<&'a Prefix>,
    pub grep: Option<&'a Regex>,
    /// Description lines shown at most; the rest are counted on a line of their own.
    pub description_lines: usize,
}

/// One event as text: its line and, where it has one, the description indented under
/// it (its own lines kept, each sanitised), each line ending in `\n`. `time` is the time
/// column as the caller shows it (blank keeps the column; `None`: no column). The one
/// event renderer: `jobctl logs`, `show`'s tail and `top`'s log pane all write through it.
pub fn write_event(out: &mut String, event: &Event, time: Option<&str>, look: &EventLook) {
    let paint = |sgr: &str, text: &str| match look.color {
        true => format!("\x1b[{sgr}m{text}\x1b[0m"),
        false => text.to_owned(),
    };
    let mut line = String::with_capacity(128);
    line.push_str(look.indent);
    match time {
        Some(t) if t.trim().is_empty() => line.push_str(t),
        Some(t) => line.push_str(&paint("2", t)),
        None => {}
    }
    if time.is_some() {
        line.push(' ');
    }
    if let Some(p) = look.prefix {
        line.push_str(&paint(p.color, &p.label));
        line.push_str(&paint("2", " │ "));
    }
    let kind = sanitize(event.kind.as_str());
    let padded = format!("{kind:<7}");
    line.push_str(&match &event.kind {
        EventType::Error => paint("31;1", &padded),
        EventType::Warn => paint("33", &padded),
        EventType::Success => paint("32", &padded),
        EventType::Info | EventType::Other(_) => paint("2", &padded),
    });
    line.push(' ');
    // A task's own lines are named by its place already.
    let own = look
        .prefix
        .is_some_and(|p| p.component.is_some() && p.component == event.component);
    if !own {
        line.push_str(&paint("2", &source(event)));
        line.push_str("  ");
    }
    let message = event.message.as_deref().unwrap_or("");
    line.push_str(&highlighted(&sanitize(message), look.grep, look.color));
    out.push_str(line.trim_end());
    out.push('\n');
    let Some(description) = event.description.as_deref() else {
        return;
    };
    let mut shown = 0;
    let mut more = 0;
    for part in description.lines() {
        let clean = sanitize(part);
        if clean.trim().is_empty() {
            continue;
        }
        if shown == look.description_lines {
            more += 1;
            continue;
        }
        shown += 1;
        out.push_str(DESCRIPTION_INDENT);
        out.push_str(&highlighted(clean.trim_end(), look.grep, look.color));
        out.push('\n');
    }
    if more > 0 {
        out.push_str(DESCRIPTION_INDENT);
        out.push_str(&paint("2", &format!("… {more} more lines")));
        out.push('\n');
    }
}

/// One line of `jobctl logs` (see [`write_event`]), the time as `style` says.
pub fn log_line(
    event: &Event,
    prefix: Option<&Prefix>,
    style: &LogStyle,
    grep: Option<&Regex>,
) -> String {
    let time = match (event.created.as_ref(), style.time) {
        (_, TimeShown::None) => None,
        (Some(t), _) => Some(time_text(t, style)),
        // No time from the server: keep the columns.
        (None, shown) => Some(" ".repeat(time_width(shown))),
    };
    let look = EventLook {
        color: style.color,
        indent: "",
        prefix,
        grep,
        description_lines: usize::MAX,
    };
    let mut out = String::with_capacity(128);
    write_event(&mut out, event, time.as_deref(), &look);
    out
}

/// `text` with every match of `grep` in reverse video (colour on), else as it is.
fn highlighted(text: &str, grep: Option<&Regex>, color: bool) -> String {
    let Some(re) = grep.filter(|_| color) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for m in re.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        out.push_str(&text[last..m.start()]);
        out.push_str("\x1b[1;7m");
        out.push_str(m.as_str());
        out.push_str("\x1b[0m");
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

fn time_text(t: &Timestamp, style: &LogStyle) -> String {
    match style.time {
        TimeShown::Short => {
            let (offset, _) = style.zone.at(t.to_utc());
            offset
                .to_datetime(t.to_utc())
                .strftime("%H:%M:%S")
                .to_string()
        }
        TimeShown::Zoned => style.zone.date_time(t),
        TimeShown::Server => rfc3339(t),
        TimeShown::Utc => crate::model::rfc3339_secs(t.to_utc()),
        TimeShown::None => String::new(),
    }
}

fn time_width(shown: TimeShown) -> usize {
    match shown {
        TimeShown::Short => 8,
        TimeShown::Zoned => 23,
        TimeShown::Server => 25,
        TimeShown::Utc => 20,
        TimeShown::None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RawEvent;

    fn event(body: &str) -> Event {
        RawEvent::parse(body).unwrap().job
    }

    fn plain(time: TimeShown) -> LogStyle {
        LogStyle {
            color: false,
            time,
            zone: Zone::utc(),
        }
    }

    #[test]
    fn a_line_has_time_type_source_message_and_the_description_under_it() {
        let e = event(
            r#"{"uuid":"u1","id":7,"type":"error","component":"keboola.ex-google-drive",
                "configurationId":"4211","message":"Sheet not found",
                "description":"Sheet 'Customers' is gone.\nAsk the owner.",
                "created":"2026-12-07T14:41:18+0100"}"#,
        );
        assert_eq!(
            log_line(&e, None, &plain(TimeShown::Short), None),
            "13:41:18 error   keboola.ex-google-drive/4211  Sheet not found\n    Sheet 'Customers' is gone.\n    Ask the owner.\n"
        );
        assert_eq!(
            log_line(&e, None, &plain(TimeShown::Utc), None)
                .lines()
                .next(),
            Some("2026-12-07T13:41:18Z error   keboola.ex-google-drive/4211  Sheet not found")
        );
        assert_eq!(
            log_line(&e, None, &plain(TimeShown::Server), None)
                .lines()
                .next(),
            Some("2026-12-07T14:41:18+01:00 error   keboola.ex-google-drive/4211  Sheet not found")
        );
        assert_eq!(
            log_line(&e, None, &plain(TimeShown::Zoned), None)
                .lines()
                .next(),
            Some("2026-12-07 13:41:18 UTC error   keboola.ex-google-drive/4211  Sheet not found")
        );
        // No time from the server: the columns stay.
        let untimed = event(r#"{"type":"info","message":"x"}"#);
        assert_eq!(
            log_line(&untimed, None, &plain(TimeShown::Short), None),
            "         info    Storage  x\n"
        );
        let storage = event(r#"{"type":"info","component":"storage","message":"Imported"}"#);
        assert_eq!(
            log_line(&storage, None, &plain(TimeShown::None), None),
            "info    Storage  Imported\n"
        );
    }

    #[test]
    fn a_prefix_names_the_task_and_keeps_its_colour() {
        let e = event(
            r#"{"type":"warn","component":"storage","message":"slow","created":"2026-12-07T14:41:18+0000"}"#,
        );
        let p = Prefix::new(
            "Load › ex-google-drive \"Customers\"",
            Some("keboola.ex-google-drive"),
        );
        assert_eq!(
            log_line(&e, Some(&p), &plain(TimeShown::Short), None),
            "14:41:18 Load › ex-google-drive \"Customers\" │ warn    Storage  slow\n"
        );
        assert_eq!(label_color(&p.label), p.color);
        assert_eq!(
            Prefix::new("Load", None).color,
            Prefix::new("Load", None).color
        );
        // The task's own events do not repeat its component.
        let own =
            event(r#"{"type":"info","component":"keboola.ex-google-drive","message":"Done"}"#);
        assert_eq!(
            log_line(&own, Some(&p), &plain(TimeShown::None), None),
            "Load › ex-google-drive \"Customers\" │ info    Done\n"
        );
        let colored = LogStyle {
            color: true,
            ..plain(TimeShown::None)
        };
        let line = log_line(&e, Some(&p), &colored, None);
        assert!(line.starts_with(&format!("\x1b[{}m", p.color)), "{line:?}");
        assert!(line.contains("\x1b[33mwarn   \x1b[0m"), "{line:?}");
    }

    #[test]
    fn hostile_text_never_reaches_the_terminal_raw() {
        let e = event(
            r#"{"type":"error","component":"x\u001b]0;pwn\u0007","message":"a\u001b[2Jb\u202ec",
                "description":"\u001b[31mred\u009b1m"}"#,
        );
        let colored = LogStyle {
            color: true,
            ..plain(TimeShown::None)
        };
        let re = Regex::new("b").unwrap();
        let line = log_line(&e, None, &colored, Some(&re));
        assert!(!line.contains("\x1b[2J") && !line.contains("\x1b]") && !line.contains('\u{202e}'));
        assert!(!line.contains("\x1b[31mred") && !line.contains('\u{9b}'));
        assert!(line.contains("a\x1b[1;7mb\x1b[0mc"), "{line:?}");
    }

    #[test]
    fn a_tail_indents_its_line_and_cuts_a_long_description() {
        let e = event(
            r#"{"type":"success","component":"storage","message":"m","description":"1\n2\n \n3\n4"}"#,
        );
        let look = EventLook {
            color: false,
            indent: "  ",
            prefix: None,
            grep: None,
            description_lines: 2,
        };
        let mut out = String::new();
        write_event(&mut out, &e, Some("?"), &look);
        assert_eq!(
            out,
            "  ? success Storage  m\n    1\n    2\n    … 2 more lines\n"
        );
    }

    #[test]
    fn places_name_phases_tasks_and_flows() {
        let job = |body: &str| -> QueueJob { serde_json::from_str(body).unwrap() };
        let mut task = job(
            r#"{"id":"5","status":"error","component":"keboola.ex-google-drive","config":"4211"}"#,
        );
        assert_eq!(place(&task), "ex-google-drive 4211");
        task.names_mut().config = Some("Customers".into());
        assert_eq!(place(&task), "ex-google-drive \"Customers\"");
        task.names_mut().step = Some("Customers sheet".into());
        assert_eq!(place(&task), "ex-google-drive \"Customers sheet\"");
        let phase = job(
            r#"{"id":"4","status":"error","type":"phaseContainer","configData":{"phaseId":"p2"}}"#,
        );
        assert_eq!(place(&phase), "phase p2");
        let flow = job(
            r#"{"id":"1","status":"error","type":"orchestrationContainer","component":"keboola.orchestrator","config":"77"}"#,
        );
        assert_eq!(place(&flow), "flow 77");
    }

    #[test]
    fn grep_matches_are_highlighted_only_in_colour() {
        let re = Regex::new("(?i)quota").unwrap();
        assert_eq!(
            highlighted("Quota hit, quota", Some(&re), true),
            "\x1b[1;7mQuota\x1b[0m hit, \x1b[1;7mquota\x1b[0m"
        );
        assert_eq!(highlighted("Quota", Some(&re), false), "Quota");
    }
}
