//! Makes untrusted text harmless on a terminal: escape sequences (CSI, OSC, DCS, ...) are
//! removed whole, other control characters and bidi overrides dropped, and line breaks and
//! tabs become spaces so one value stays on one line.

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
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2028}'
                | '\u{2029}'
        )
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
}
