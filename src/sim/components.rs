//! The Storage API's components and their configurations, as far as names go:
//! `GET /v2/storage/components[?include=configuration]` and one configuration
//! (`GET /v2/storage/[branch/{b}/]components/{c}/configs/{id}`), in the real shapes
//! (see `tests/fixtures/components-configs.json`).

use serde_json::{Value, json};

use super::Sim;

impl Sim {
    /// Adds a configuration `config` of `component` named `name` (the demo's flows and
    /// component runs have theirs).
    pub fn add_config(&self, component: &str, config: &str, name: &str) {
        self.state()
            .configs
            .push((component.to_owned(), config.to_owned(), name.to_owned()));
    }

    /// Every component with configurations, in the order added; with `with_configs`, each
    /// with its configurations.
    pub(crate) fn components_body(&self, with_configs: bool) -> String {
        let st = self.state();
        let mut components: Vec<(String, Vec<Value>)> = Vec::new();
        for (component, config, name) in &st.configs {
            let at = match components.iter().position(|(c, _)| c == component) {
                Some(at) => at,
                None => {
                    components.push((component.clone(), Vec::new()));
                    components.len() - 1
                }
            };
            components[at].1.push(configuration(config, name));
        }
        let body: Vec<Value> = components
            .into_iter()
            .map(|(id, configs)| {
                let mut c = json!({
                    "id": id,
                    "type": component_type(&id),
                    "name": id.rsplit('.').next().unwrap_or(&id),
                    "description": "",
                });
                if with_configs {
                    c["configurations"] = Value::Array(configs);
                }
                c
            })
            .collect();
        Value::Array(body).to_string()
    }

    /// One configuration, or `None` when the component has no such configuration.
    pub(crate) fn config_body(&self, component: &str, config: &str) -> Option<String> {
        let st = self.state();
        let (_, id, name) = st
            .configs
            .iter()
            .find(|(c, id, _)| c == component && id == config)?;
        let mut body = configuration(id, name);
        body["rows"] = json!([]);
        Some(body.to_string())
    }
}

fn configuration(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "description": "",
        "created": "2024-03-11T09:21:44+0100",
        "creatorToken": {"id": 7460, "description": "jan.kovar@acme-analytics.io"},
        "version": 4,
        "changeDescription": "",
        "isDeleted": false,
    })
}

/// What the Storage API calls a component by its id's usual prefix.
fn component_type(id: &str) -> &'static str {
    let name = id.rsplit('.').next().unwrap_or(id);
    match name.split('-').next().unwrap_or("") {
        "ex" => "extractor",
        "wr" => "writer",
        _ if name.contains("transformation") => "transformation",
        _ => "other",
    }
}
