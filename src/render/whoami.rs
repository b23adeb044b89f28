//! `jobctl whoami`'s view of a token: project, description, expiry and stack, one
//! labelled line each. Pure; server text is sanitised here.

use super::{Style, sanitize};
use crate::model::TokenInfo;

/// The labelled lines for `info` on the stack at `stack` (never the token itself).
pub fn whoami(info: &TokenInfo, stack: &str, style: &Style) -> String {
    let clean = |v: &Option<String>| v.as_deref().map(|s| sanitize(s).into_owned());
    let with_id = |name: Option<String>, id: Option<String>| match (name, id) {
        (Some(n), Some(id)) => format!("{n} (id {id})"),
        (Some(n), None) => n,
        (None, Some(id)) => format!("id {id}"),
        (None, None) => "-".to_owned(),
    };
    let project = with_id(clean(&info.project_name), clean(&info.project_id));
    let mut token = with_id(clean(&info.description), clean(&info.id));
    if info.is_master == Some(true) {
        token.push_str(", master token");
    }
    let expires = match (&info.expires, info.expiry_known) {
        (Some(t), _) => style.time(t),
        (None, true) => "never".to_owned(),
        (None, false) => "-".to_owned(),
    };
    format!(
        "Project:  {project}\nToken:    {token}\nExpires:  {expires}\nStack:    {}\n",
        sanitize(stack)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piped() -> Style {
        Style::fixed(false)
    }

    #[test]
    fn whoami_names_project_token_expiry_and_stack() {
        let info = TokenInfo::parse(
            r#"{"id":"27978","description":"ci\u001b[2J","expires":"2027-01-01T00:00:00+0100",
                "owner":{"id":9431,"name":"Sales"}}"#,
        )
        .unwrap();
        assert_eq!(
            whoami(&info, "https://connection.keboola.com", &piped()),
            "Project:  Sales (id 9431)\nToken:    ci (id 27978)\n\
             Expires:  2027-01-01T00:00:00+01:00\nStack:    https://connection.keboola.com\n"
        );
        let never = TokenInfo::parse(r#"{"isMasterToken":true,"expires":null}"#).unwrap();
        assert_eq!(
            whoami(&never, "http://127.0.0.1:1", &piped()),
            "Project:  -\nToken:    -, master token\nExpires:  never\nStack:    http://127.0.0.1:1\n"
        );
    }
}
