//! The names of configurations, from the Storage API's components: all of them
//! (`GET /v2/storage/components?include=configuration`: `[{id, configurations: [{id,
//! name}]}]`) or one (`.../components/{c}/configs/{id}`: `{id, name}`). Lenient: an entry
//! without an id or a name is left out. No I/O.

use serde_json::Value;

/// A configuration of a component and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigName {
    pub component: String,
    pub config: String,
    pub name: String,
}

/// Every named configuration in a components listing; `None` when the body is not one.
pub fn config_names(body: &str) -> Option<Vec<ConfigName>> {
    let components: Vec<Value> = serde_json::from_str(body).ok()?;
    let mut names = Vec::new();
    for c in &components {
        let Some(component) = c.get("id").and_then(text) else {
            continue;
        };
        let configs = c.get("configurations").and_then(Value::as_array);
        for config in configs.into_iter().flatten() {
            if let (Some(id), Some(name)) = (
                config.get("id").and_then(text),
                config.get("name").and_then(text),
            ) {
                names.push(ConfigName {
                    component: component.clone(),
                    config: id,
                    name,
                });
            }
        }
    }
    Some(names)
}

/// The name in one configuration's body.
pub fn config_name(body: &str) -> Option<String> {
    let config: Value = serde_json::from_str(body).ok()?;
    config.get("name").and_then(text)
}

/// A string, or a number as text; empty strings count as absent.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_names_every_configuration_of_every_component() {
        let path = format!(
            "{}/tests/fixtures/components/components-configs.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let names = config_names(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            names,
            [
                ConfigName {
                    component: "keboola.ex-google-drive".into(),
                    config: "774411".into(),
                    name: "Customers sheet".into(),
                },
                ConfigName {
                    component: "keboola.flow".into(),
                    config: "55512".into(),
                    name: "Nightly load".into(),
                },
            ]
        );
    }

    #[test]
    fn odd_entries_are_left_out_and_other_bodies_are_none() {
        let body = r#"[{"id":"a","configurations":[{"id":1,"name":"One"},{"id":"2"},{"name":"x"}]},
                       {"configurations":[{"id":"3","name":"Three"}]},{"id":"b"},{"id":"c","configurations":[]}]"#;
        let names = config_names(body).unwrap();
        assert_eq!(names.len(), 1);
        assert_eq!(
            (names[0].config.as_str(), names[0].name.as_str()),
            ("1", "One")
        );
        assert_eq!(config_names(r#"{"error":"x"}"#), None);
        assert_eq!(
            config_name(r#"{"id":"1","name":"Orders"}"#).as_deref(),
            Some("Orders")
        );
        assert_eq!(config_name(r#"{"id":"1","name":""}"#), None);
        assert_eq!(config_name("<html>"), None);
    }
}
