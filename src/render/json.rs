//! The one writer of `-o json` for show, list and watch: jobs' server bytes as one array
//! (streamed item by item, so a long listing needs no memory) or one object alone, pretty
//! in the layout of `jq .` for a person, compact otherwise. Never re-encodes a job, except
//! that the pretty form (a terminal's) writes the characters that would rewrite the screen
//! as `\uXXXX` escapes: the same JSON value.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::{json_compact, json_pretty};
use crate::render::is_bidi_or_invisible;

/// Valid JSON text with every C1 control, DEL, bidi override or isolate and invisible
/// character (see [`is_bidi_or_invisible`]) written as a `\uXXXX` escape (a surrogate pair
/// beyond the BMP). The JSON value is unchanged: raw, those characters can only stand
/// inside strings, where the escape means the same. Borrowed when there is none.
pub fn escape_for_terminal(json: &str) -> Cow<'_, str> {
    let risky = |c: char| matches!(c, '\u{7f}'..='\u{9f}') || is_bidi_or_invisible(c);
    if !json.chars().any(risky) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match risky(c) {
            true => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            false => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A JSON array being written: `item` for each job, then `end`.
#[derive(Debug)]
pub struct JsonArray {
    pretty: bool,
    count: u64,
    buf: String,
}

impl JsonArray {
    pub fn new(pretty: bool) -> JsonArray {
        JsonArray {
            pretty,
            count: 0,
            buf: String::new(),
        }
    }

    /// Writes one job (valid JSON text) as the array's next item.
    pub fn item(&mut self, raw: &str, w: &mut impl Write) -> io::Result<()> {
        self.count += 1;
        self.buf.clear();
        self.buf.push(if self.count == 1 { '[' } else { ',' });
        if self.pretty {
            self.buf.push_str("\n  ");
            let mut one = String::with_capacity(raw.len() * 2);
            json_pretty(raw, &mut one);
            // JSON strings hold no raw newline, so this only indents the layout.
            self.buf
                .push_str(&escape_for_terminal(&one).replace('\n', "\n  "));
        } else {
            json_compact(raw, &mut self.buf);
        }
        w.write_all(self.buf.as_bytes())
    }

    /// Closes the array (`[]` when no item came) and ends the line.
    pub fn end(&mut self, w: &mut impl Write) -> io::Result<()> {
        let close: &[u8] = match (self.count, self.pretty) {
            (0, _) => b"[]\n",
            (_, true) => b"\n]\n",
            (_, false) => b"]\n",
        };
        w.write_all(close)
    }
}

/// Jobs as one JSON text ending in a newline: `one` job alone as an object when asked
/// (`show 42`), otherwise an array.
pub fn json_text(raw: &[&str], one: bool, pretty: bool) -> String {
    let mut out = Vec::new();
    match raw {
        [job] if one => {
            let mut text = String::with_capacity(job.len() + 1);
            match pretty {
                true => {
                    let mut one = String::with_capacity(job.len() + 1);
                    json_pretty(job, &mut one);
                    text.push_str(&escape_for_terminal(&one));
                }
                false => json_compact(job, &mut text),
            }
            text.push('\n');
            return text;
        }
        _ => {
            let mut array = JsonArray::new(pretty);
            // Writing to a Vec cannot fail.
            for job in raw {
                let _ = array.item(job, &mut out);
            }
            let _ = array.end(&mut out);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = r#"{"id": 2, "x": [1, {"y": "a b"}], "e": {}}"#;
    const B: &str = r#"{"id":1}"#;

    #[test]
    fn arrays_are_the_layout_of_jq() {
        assert_eq!(
            json_text(&[A, B], false, false),
            "[{\"id\":2,\"x\":[1,{\"y\":\"a b\"}],\"e\":{}},{\"id\":1}]\n"
        );
        assert_eq!(
            json_text(&[A, B], false, true),
            "[\n  {\n    \"id\": 2,\n    \"x\": [\n      1,\n      {\n        \"y\": \"a b\"\n      }\n    ],\n    \"e\": {}\n  },\n  {\n    \"id\": 1\n  }\n]\n"
        );
        assert_eq!(json_text(&[], false, true), "[]\n");
        assert_eq!(json_text(&[], false, false), "[]\n");
    }

    #[test]
    fn one_job_alone_is_an_object_and_an_array_when_asked() {
        assert_eq!(json_text(&[B], true, false), "{\"id\":1}\n");
        assert_eq!(json_text(&[B], true, true), "{\n  \"id\": 1\n}\n");
        assert_eq!(json_text(&[B], false, false), "[{\"id\":1}]\n");
    }

    #[test]
    fn a_terminal_gets_screen_changing_characters_escaped_and_a_pipe_the_bytes() {
        let job = "{\"m\":\"a\u{9b}2J\u{202e}b\u{2066}\u{200b}\u{e0041}\u{7f}é\"}";
        let pretty = json_text(&[job], true, true);
        assert_eq!(
            pretty,
            "{\n  \"m\": \"a\\u009b2J\\u202eb\\u2066\\u200b\\udb40\\udc41\\u007fé\"\n}\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        let original: serde_json::Value = serde_json::from_str(job).unwrap();
        assert_eq!(parsed, original);
        assert_eq!(
            json_text(&[job, job], false, true),
            format!(
                "[\n  {},\n  {}\n]\n",
                pretty.trim_end().replace('\n', "\n  "),
                pretty.trim_end().replace('\n', "\n  ")
            )
        );
        assert_eq!(json_text(&[job], true, false), format!("{job}\n"));
        assert_eq!(
            json_text(&[job, job], false, false),
            format!("[{job},{job}]\n")
        );
    }
}
