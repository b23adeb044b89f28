//! Takes the token out of what a server sends back, before anything reads it: an API that
//! echoes the header it refused (`Invalid header X-StorageApi-Token: ...`), a gateway's
//! error page, a job's message. Every body and redirect target passes here, so error
//! messages, job text, `-o json`, `--jq` and `top` never hold it.

/// What stands where the token was (GitHub Actions masks its secrets the same way).
pub const MASK: &str = "***";

/// Shorter than any Storage API token (`PROJECT-ID-` and 40 characters); a shorter string
/// is not looked for, since it would also match ordinary text.
const MIN_LEN: usize = 8;

/// `body` with every occurrence of `token` replaced by [`MASK`]; returned as it is (no
/// copy) when there is none, the usual case.
///
/// The token is also found where JSON escapes hide it (`\u0034242-...`): a JSON string
/// whose escapes are worth decoding (`\uXXXX`, or any escape when the token holds a
/// character JSON escapes briefly, `/`) is decoded and, when it holds the token, written
/// again with the token masked. Anything else keeps the server's bytes: the result is the
/// same JSON as before, but for the mask. (Real tokens start with the project's number and
/// hold letters: a token of digits only would also match inside a number, one that starts
/// with `n` could look like it follows a `\n`; neither is one jobctl is given.)
pub fn redact(body: String, token: &str) -> String {
    if token.len() < MIN_LEN {
        return body;
    }
    let escapable = token.contains(['/', '"', '\\']);
    let may_hide = |text: &str| text.contains("\\u") || (escapable && text.contains('\\'));
    if !body.contains(token) && !may_hide(&body) {
        return body;
    }
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    // `body[plain..]` is not written yet; masked as plain text unless a string is rewritten.
    let mut plain = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'"', &bytes[i..]) {
        let start = i + k;
        let end = string_end(bytes, start);
        let literal = &body[start..end];
        if literal.contains('\\')
            && (literal.contains(token) || may_hide(literal))
            && let Ok(text) = serde_json::from_str::<String>(literal)
            && (text.contains(token) || literal.contains(token))
        {
            out.push_str(&body[plain..start].replace(token, MASK));
            // Writing a String as JSON cannot fail.
            let masked = serde_json::to_string(&text.replace(token, MASK));
            out.push_str(masked.as_deref().unwrap_or("\"***\""));
            plain = end;
        }
        i = end;
        if i >= bytes.len() {
            break;
        }
    }
    out.push_str(&body[plain..].replace(token, MASK));
    out
}

/// The index just past the closing quote of the string that opens at `start` (the end of
/// `bytes` when it never closes). Quotes and backslashes are ASCII: char boundaries.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(k) = bytes.get(i..).and_then(|r| memchr::memchr2(b'"', b'\\', r)) {
        i += k;
        if bytes[i] == b'"' {
            return i + 1;
        }
        i += 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "4242-777-SeCrEtToKeN";

    fn r(body: &str) -> String {
        redact(body.to_owned(), T)
    }

    #[test]
    fn an_echoed_token_is_masked_anywhere() {
        assert_eq!(
            r(r#"{"error":"Invalid header X-StorageApi-Token: 4242-777-SeCrEtToKeN","code":401}"#),
            r#"{"error":"Invalid header X-StorageApi-Token: ***","code":401}"#
        );
        assert_eq!(
            r("<html><p>token 4242-777-SeCrEtToKeN and again 4242-777-SeCrEtToKeN</p>"),
            "<html><p>token *** and again ***</p>"
        );
        // Keys too, and the rest of the bytes stay the server's.
        assert_eq!(
            r(r#"{"4242-777-SeCrEtToKeN": "a\/b", "n": 1.50}"#),
            r#"{"***": "a\/b", "n": 1.50}"#
        );
    }

    #[test]
    fn a_token_hidden_by_json_escapes_is_masked_too() {
        let body = r#"{"m":"x \u0034242-777-SeCrEtToKe\u004e y \u00e9","o":"\u00e9 a\/b"}"#;
        let masked = r(body);
        assert_eq!(masked, r#"{"m":"x *** y é","o":"\u00e9 a\/b"}"#);
        // The token overlapping an escape of its own: the string is written again.
        let body = r#"{"m":"\u00414242-777-SeCrEtToKeN"}"#;
        assert_eq!(r(body), r#"{"m":"A***"}"#);
        // Bytes that only look like the token across an escape are no token: the JSON
        // stays valid and means the same.
        let tricky = "{\"m\":\"\\n4242-777-SeCrEtToKeN\"}";
        let out = redact(tricky.to_owned(), "n4242-777-SeCrEtToKeN");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["m"], "\n4242-777-SeCrEtToKeN");
    }

    #[test]
    fn bodies_without_the_token_are_untouched() {
        for body in [
            r#"{"id":1,"m":"\u00e9 \"q\" a\/b 4242-777"}"#,
            "<html>\"unclosed \\u",
            "",
            "\"",
        ] {
            assert_eq!(r(body), body);
        }
        // Too short to be a token: not looked for.
        assert_eq!(redact("id 1234".into(), "1234"), "id 1234");
    }
}
