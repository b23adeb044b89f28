//! Makes untrusted text harmless on a terminal: escape sequences (CSI, OSC, DCS, ...) are
//! removed whole, other control characters, bidi overrides and invisible characters
//! (zero-width, tags) dropped, and line breaks and tabs become spaces so one value stays on
//! one line. Also owns the two other guards on text that leaves jobctl: the bound on a
//! desktop notification and the escape of a data line that a CI runner would obey.

use std::borrow::Cow;

/// Returns `s` unchanged when it is already harmless (the common case, no allocation).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_work) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(' '),
            '\x1b' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // A two-character escape (ESC c, ESC 7, ...): drop both.
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if needs_work(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_work(c: char) -> bool {
    c.is_control() || is_bidi_or_invisible(c)
}

/// Characters that are not control characters but still rewrite what a terminal shows:
/// bidi overrides, isolates and marks (text that reads in another order than it is
/// stored), line and paragraph separators, and the invisible ones (zero-width spaces and
/// joiners, word joiner and invisible operators, the byte-order mark, tag characters) that
/// make two different strings look alike.
pub fn is_bidi_or_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// The most characters a desktop notification (OSC 9) carries: a status line, not a page.
pub const NOTIFICATION_CHARS: usize = 200;

/// `text` made fit for a desktop notification: sanitised, and cut to
/// [`NOTIFICATION_CHARS`] characters (the last one `…` when cut).
pub fn notification(text: &str) -> String {
    let clean = sanitize(text);
    if clean.chars().count() <= NOTIFICATION_CHARS {
        return clean.into_owned();
    }
    let mut out: String = clean.chars().take(NOTIFICATION_CHARS - 1).collect();
    out.push('…');
    out
}

/// A line of data made safe for a CI log: GitHub Actions runs any line of a step's output
/// whose first non-blank characters are `::` as a workflow command (`::stop-commands::`,
/// `::add-mask::`, ...), so such a line gets a `\` before the `::`. Every other line is
/// returned as it is (no allocation).
pub fn data_line(line: &str) -> Cow<'_, str> {
    let blank = line.len() - line.trim_start().len();
    match line[blank..].starts_with("::") {
        true => Cow::Owned(format!("{}\\{}", &line[..blank], &line[blank..])),
        false => Cow::Borrowed(line),
    }
}

/// Skips a CSI sequence's parameters up to and including its final byte.
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars {
        if ('\x40'..='\x7e').contains(&c) {
            break;
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to its terminator (BEL, ESC \ or ST).
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            '\x07' | '\u{9c}' => break,
            '\x1b' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harmless_text_is_borrowed() {
        assert!(matches!(sanitize("in.c-main.test é 表"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\x1b[31;1mred\x1b[0m b"), "ared b");
        assert_eq!(sanitize("x\x1b]0;title\x07y"), "xy");
        assert_eq!(
            sanitize("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\x1bPq#0;2;0;0;0\x1b\\y"), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("x\x1bcy"), "xy");
        assert_eq!(sanitize("trailing\x1b"), "trailing");
        assert_eq!(sanitize("x\x1b[31"), "x");
    }

    #[test]
    fn controls_and_bidi_overrides_go_and_breaks_become_spaces() {
        assert_eq!(sanitize("a\rb\nc\td"), "a b c d");
        assert_eq!(sanitize("bell\x07 nul\0 del\x7f"), "bell nul del");
        assert_eq!(sanitize("abc\u{202e}fed\u{2066}x\u{2069}"), "abcfedx");
    }

    #[test]
    fn zero_width_and_tag_characters_go() {
        assert_eq!(
            sanitize("a\u{200b}d\u{200d}m\u{feff}i\u{2060}n\u{e0041}\u{e007f}"),
            "admin"
        );
    }

    #[test]
    fn notifications_are_clean_and_bounded() {
        let long = format!("\x1b]0;x\x07{}", "é".repeat(3000));
        let text = notification(&long);
        assert_eq!(text.chars().count(), NOTIFICATION_CHARS);
        assert!(text.ends_with("é…"), "{text}");
        assert_eq!(
            notification("jobctl: job 1 success"),
            "jobctl: job 1 success"
        );
    }

    #[test]
    fn data_lines_never_start_a_workflow_command() {
        assert_eq!(data_line("::stop-commands::x"), "\\::stop-commands::x");
        assert_eq!(data_line("  \t::error::x"), "  \t\\::error::x");
        assert_eq!(data_line("a::b"), "a::b");
        assert_eq!(data_line(":x"), ":x");
        assert_eq!(data_line(""), "");
    }
}
