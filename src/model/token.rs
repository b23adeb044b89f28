//! The answer of `GET /v2/storage/tokens/verify`: who a token is, in a lenient typed view
//! (ids as numbers or strings, any field absent). The token itself is never kept.

use serde_json::{Map, Value};

use super::time::{Timestamp, parse_timestamp};

/// What `jobctl whoami` shows about a token.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenInfo {
    pub id: Option<String>,
    pub description: Option<String>,
    /// The project (the API calls it the token's owner).
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    /// `None` when the token never expires (`expires: null`) or the key is absent.
    pub expires: Option<Timestamp>,
    /// Whether the answer had an `expires` key at all.
    pub expiry_known: bool,
    pub is_master: Option<bool>,
}

/// A JSON string or number as text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl TokenInfo {
    /// Decodes the verify answer; fails only when it is not a JSON object.
    pub fn parse(body: &str) -> Result<TokenInfo, serde_json::Error> {
        let v: Map<String, Value> = serde_json::from_str(body)?;
        let field = |k: &str| v.get(k).unwrap_or(&Value::Null);
        let owner = field("owner");
        Ok(TokenInfo {
            id: text(field("id")),
            description: text(field("description")),
            project_id: text(&owner["id"]),
            project_name: text(&owner["name"]),
            expiry_known: v.contains_key("expires"),
            expires: field("expires").as_str().and_then(parse_timestamp),
            is_master: field("isMasterToken").as_bool(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_answers_decode_leniently() {
        let t = TokenInfo::parse(
            r#"{"id":"27978","description":"ci","expires":"2027-01-01T00:00:00+0100",
                "isMasterToken":false,"owner":{"id":9431,"name":"Sales"}}"#,
        )
        .unwrap();
        assert_eq!(t.id.as_deref(), Some("27978"));
        assert_eq!(t.project_id.as_deref(), Some("9431"));
        assert_eq!(t.project_name.as_deref(), Some("Sales"));
        assert!(t.expiry_known && t.expires.is_some());
        assert_eq!(t.is_master, Some(false));
        let never = TokenInfo::parse(r#"{"id":5,"expires":null}"#).unwrap();
        assert!(never.expiry_known && never.expires.is_none());
        assert_eq!(never.id.as_deref(), Some("5"));
        assert_eq!(TokenInfo::parse("{}").unwrap(), TokenInfo::default());
        assert!(TokenInfo::parse("[1]").is_err());
    }
}
