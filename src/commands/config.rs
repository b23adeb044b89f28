//! `jobctl config list|check`: shows the config file's profiles without secrets, and tries
//! each profile's host and token with one cheap request.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::cli::{ConfigCommand, ConfigListArgs, HttpArgs};
use crate::client::ListQuery;
use crate::config::{self, ConfigFile};
use crate::context::client_for;
use crate::exit::{Exit, Reported, UsageError, code_for};
use crate::output::Output;
use crate::render::sanitize;

pub async fn run(out: &Output, action: ConfigCommand) -> Result<()> {
    // `check` has request options; `list` has none.
    let (config, http) = match &action {
        ConfigCommand::List {
            args: ConfigListArgs { names: true },
            config,
        } => return names(config.path.as_deref(), out),
        ConfigCommand::List { config, .. } => (config.path.as_deref(), None),
        ConfigCommand::Check { http, config } => (config.path.as_deref(), Some(http)),
    };
    let Some(file) = config::load_file(config)? else {
        let path = config::config_path(config)
            .map(|(p, _)| p.display().to_string())
            .unwrap_or_else(|| "$XDG_CONFIG_HOME/jobctl/config.toml".to_owned());
        // Having no profiles is a fine state to list; there is nothing to check, though.
        return match http {
            None => {
                out.note(&format!("no config file at {path}: no profiles"));
                Ok(())
            }
            Some(_) => Err(UsageError(format!("no config file at {path}")).into()),
        };
    };
    for warning in file.warnings() {
        out.note(&warning);
    }
    match http {
        None => list(out, &file),
        Some(http) => check(http, out, &file).await,
    }
}

/// The profile names, one per line, for shell completion of `--profile`: nothing (and no
/// note) without a config file, no warnings; a malformed file is the usual usage error.
fn names(config: Option<&Path>, out: &Output) -> Result<()> {
    let Some(file) = config::load_file(config)? else {
        return Ok(());
    };
    let mut w = out.stdout();
    for p in &file.profiles {
        writeln!(w, "{}", sanitize(&p.name))?;
    }
    w.flush()?;
    Ok(())
}

/// One line per profile: a `*` for the default, the name, the host and where the token
/// comes from (never the token).
fn list(out: &Output, file: &ConfigFile) -> Result<()> {
    let rows: Vec<[String; 4]> = file
        .profiles
        .iter()
        .map(|p| {
            let default = file.default_profile.as_deref() == Some(p.name.as_str());
            [
                if default { "*" } else { " " }.to_owned(),
                sanitize(&p.name).into_owned(),
                sanitize(p.host.as_deref().unwrap_or("-")).into_owned(),
                p.token
                    .as_ref()
                    .map_or("-".to_owned(), |t| sanitize(&t.describe()).into_owned()),
            ]
        })
        .collect();
    let name_w = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    let host_w = rows.iter().map(|r| r[2].chars().count()).max().unwrap_or(0);
    let mut w = out.stdout();
    for [mark, name, host, token] in &rows {
        writeln!(w, "{mark} {name:name_w$}  {host:host_w$}  {token}")?;
    }
    w.flush()?;
    if rows.is_empty() {
        out.note(&format!("no profiles in {}", file.path.display()));
    }
    Ok(())
}

/// One list request for a single job per profile, without retries so that a dead host answers
/// quickly. Exit 0 when every profile works, else the highest failing code (2 a profile
/// whose token cannot be read, 4 a token the API rejects, 5 an unreachable API).
async fn check(http: &HttpArgs, out: &Output, file: &ConfigFile) -> Result<()> {
    // Resolved first, so that the columns line up before the first answer is printed.
    let profiles: Vec<_> = file
        .profiles
        .iter()
        .map(|profile| match config::resolve_profile(file, profile) {
            Ok(resolved) => (profile, resolved.host.clone(), Ok(resolved)),
            Err(e) => (
                profile,
                profile.host.clone().unwrap_or_else(|| "-".to_owned()),
                Err(e),
            ),
        })
        .collect();
    // A token file shared by two profiles is one warning.
    let mut warned = std::collections::BTreeSet::new();
    for (_, _, resolved) in &profiles {
        for warning in resolved.iter().flat_map(|r| &r.warnings) {
            if warned.insert(warning.clone()) {
                out.note(warning);
            }
        }
    }
    let width = |text: &dyn Fn(usize) -> String| {
        (0..profiles.len())
            .map(|i| text(i).chars().count())
            .max()
            .unwrap_or(0)
    };
    let name_w = width(&|i| sanitize(&profiles[i].0.name).into_owned());
    let host_w = width(&|i| sanitize(&profiles[i].1).into_owned());
    let mut worst: Option<Exit> = None;
    let mut w = out.stdout();
    for (profile, host, resolved) in profiles {
        let result = match resolved {
            Ok(resolved) => match client_for(http, resolved, 0, out.observer(None)) {
                Ok(client) => client
                    .list(&ListQuery {
                        limit: Some(1),
                        ..ListQuery::default()
                    })
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from),
                Err(e) => Err(e),
            },
            Err(e) => Err(e.into()),
        };
        let name = sanitize(&profile.name);
        let host = sanitize(&host);
        let line = match result {
            Ok(()) => format!("ok    {name:name_w$}  {host}"),
            Err(e) => {
                worst = Some(pick_worse(worst, code_for(&e)));
                let why = sanitize(&format!("{e:#}")).into_owned();
                format!("fail  {name:name_w$}  {host:host_w$}  {why}")
            }
        };
        writeln!(w, "{line}")?;
        w.flush()?;
    }
    match worst {
        Some(code) => Err(Reported(code).into()),
        None => Ok(()),
    }
}

fn pick_worse(current: Option<Exit>, new: Exit) -> Exit {
    match current {
        Some(c) if (c as i32) >= (new as i32) => c,
        _ => new,
    }
}
