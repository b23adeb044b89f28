//! The filters `logs` applies on its side: `--type`, `--grep` and `--since` (the server
//! has no parameter for them). `-q` is the server's and travels in the query instead.

use regex_bites::Regex;

use crate::model::{Event, EventType};

/// Which events are printed.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Empty: every type.
    pub types: Vec<EventType>,
    pub grep: Option<Regex>,
    /// Events created before this are left out (an event with no time is kept).
    pub since: Option<jiff::Timestamp>,
}

impl Filter {
    pub fn keeps(&self, event: &Event) -> bool {
        if !self.types.is_empty() && !self.types.contains(&event.kind) {
            return false;
        }
        if let (Some(since), Some(created)) = (self.since, event.created)
            && created.to_utc() < since
        {
            return false;
        }
        match &self.grep {
            None => true,
            Some(re) => [event.message.as_deref(), event.description.as_deref()]
                .into_iter()
                .flatten()
                .any(|text| re.is_match(text)),
        }
    }

    /// Whether anything is filtered here: an empty result then means "nothing matched",
    /// not "no events".
    pub fn is_active(&self) -> bool {
        !self.types.is_empty() || self.grep.is_some() || self.since.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RawEvent;

    fn event(body: &str) -> Event {
        RawEvent::parse(body).unwrap().job
    }

    #[test]
    fn types_grep_and_since_all_must_hold() {
        let e = event(
            r#"{"type":"error","message":"Quota exceeded","description":"try later",
                "created":"2026-12-07T14:00:00+0000"}"#,
        );
        let since = |s: &str| Some(s.parse::<jiff::Timestamp>().unwrap());
        let f = Filter {
            types: vec![EventType::Error, EventType::Warn],
            grep: Some(Regex::new("(?i)quota").unwrap()),
            since: since("2026-12-07T13:00:00Z"),
        };
        assert!(f.keeps(&e));
        let only_info = Filter {
            types: vec![EventType::Info],
            ..Filter::default()
        };
        assert!(!only_info.keeps(&e));
        let later = Filter {
            since: since("2026-12-07T14:00:01Z"),
            ..Filter::default()
        };
        assert!(!later.keeps(&e));
        // The description is searched too.
        let in_description = Filter {
            grep: Some(Regex::new("later$").unwrap()),
            ..Filter::default()
        };
        assert!(in_description.keeps(&e));
        assert!(!Filter::default().is_active() && f.is_active());
    }
}
