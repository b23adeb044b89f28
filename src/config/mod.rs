//! Where the host and the token come from: flags, then the environment variables that
//! Keboola's own tools use, then the selected profile of the config file, then the default
//! host. Never prints the token (nor anything else: warnings are returned).

pub mod file;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::cli::Global;
use crate::client::DEFAULT_HOST;
use crate::exit::UsageError;

pub use file::{ConfigFile, Profile};

/// What `Global`, the environment and the config file decided, before any client exists.
pub struct Resolved {
    pub host: String,
    /// `--queue-host`/`KBC_QUEUE_API_HOST`, else the profile's `queue_host`; `None`: ask
    /// the stack.
    pub queue_host: Option<String>,
    pub token: String,
    /// For the caller to show on stderr (a token in a file others can read).
    pub warnings: Vec<String>,
}

/// The config file path: `--config`/`JOBCTL_CONFIG` (clap reads both; explicit), else the
/// XDG default (not explicit: it may be missing).
pub fn config_path(global: &Global) -> Option<(PathBuf, bool)> {
    match &global.config {
        Some(path) => Some((path.clone(), true)),
        None => file::default_path(env("XDG_CONFIG_HOME").as_deref(), env("HOME").as_deref())
            .map(|p| (p, false)),
    }
}

/// The config file, if there is one. Malformed, or missing when given explicitly, is a
/// usage error naming the file.
pub fn load_file(global: &Global) -> Result<Option<ConfigFile>, UsageError> {
    match config_path(global) {
        Some((path, explicit)) => ConfigFile::load(&path, explicit),
        None => Ok(None),
    }
}

/// The profile in use: `--profile`/`JOBCTL_PROFILE`, else the file's `default_profile`.
/// Naming a profile without a config file is a usage error.
pub fn selected_profile<'a>(
    global: &Global,
    file: Option<&'a ConfigFile>,
) -> Result<Option<&'a Profile>, UsageError> {
    let wanted = global.profile.as_deref().filter(|p| !p.trim().is_empty());
    match (wanted, file) {
        (Some(name), Some(file)) => file.profile(name).map(Some),
        (Some(name), None) => Err(UsageError(format!(
            "no profile '{name}': no config file at {}",
            config_path(global)
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_else(|| "$XDG_CONFIG_HOME/jobctl/config.toml".to_owned())
        ))),
        (None, Some(file)) => match &file.default_profile {
            Some(name) => file.profile(name).map(Some),
            None => Ok(None),
        },
        (None, None) => Ok(None),
    }
}

/// Reads an environment variable, treating empty as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The stack URL: `--host`/`KBC_STORAGE_API_HOST` (clap reads both), then
/// `KBC_STORAGE_API_URL` (kbagent) and `KBC_URL` (inside Keboola), then the profile's
/// host, then the default.
pub fn host(global: &Global, profile: Option<&Profile>) -> String {
    global
        .host
        .clone()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| env("KBC_STORAGE_API_URL"))
        .or_else(|| env("KBC_URL"))
        .or_else(|| profile.and_then(|p| p.host.clone()))
        .unwrap_or_else(|| DEFAULT_HOST.to_owned())
}

/// The token: `--token-file` wins, then `--token`/`KBC_STORAGE_API_TOKEN` (clap reads
/// both), then `KBC_TOKEN`, then the profile's token source (only run when needed). A
/// missing or unreadable token is a usage error.
pub fn token(
    global: &Global,
    file: Option<&ConfigFile>,
    profile: Option<&Profile>,
) -> Result<String, UsageError> {
    let token = match &global.token_file {
        Some(path) => Some(read_token_file(path)?),
        None => global
            .token
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| env("KBC_TOKEN")),
    };
    let token = match (token, file, profile) {
        (Some(t), _, _) => Some(t),
        (None, Some(file), Some(profile)) => file.token(profile)?,
        (None, _, _) => None,
    };
    let token = token.map(|t| t.trim().to_owned()).unwrap_or_default();
    if token.is_empty() {
        return Err(UsageError(
            "no Storage API token: pass --token-file PATH, set KBC_STORAGE_API_TOKEN, pick a \
             profile with a token source (--profile NAME), or use --token (visible to other \
             local users); try --demo to explore without an account"
                .into(),
        ));
    }
    Ok(token)
}

/// Host and token by the documented precedence: flag > environment > profile > default.
pub fn resolve(global: &Global) -> Result<Resolved, UsageError> {
    let file = load_file(global)?;
    let profile = selected_profile(global, file.as_ref())?;
    Ok(Resolved {
        host: host(global, profile),
        queue_host: global
            .queue_host
            .clone()
            .filter(|h| !h.trim().is_empty())
            .or_else(|| profile.and_then(|p| p.queue_host.clone())),
        token: token(global, file.as_ref(), profile)?,
        warnings: file
            .as_ref()
            .and_then(ConfigFile::warning)
            .into_iter()
            .collect(),
    })
}

/// One profile's own host and token, ignoring flags and environment (`config check`).
pub fn resolve_profile(file: &ConfigFile, profile: &Profile) -> Result<Resolved, UsageError> {
    let token = file.token(profile)?.ok_or_else(|| {
        UsageError(format!(
            "profile '{}' has no token source (token_env, token_file or token_command)",
            profile.name
        ))
    })?;
    Ok(Resolved {
        host: profile
            .host
            .clone()
            .unwrap_or_else(|| DEFAULT_HOST.to_owned()),
        queue_host: profile.queue_host.clone(),
        token,
        warnings: Vec::new(),
    })
}

fn read_token_file(path: &Path) -> Result<String, UsageError> {
    let mut s = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut s).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut s).map(|_| ()))
    };
    read.map_err(|e| UsageError(format!("cannot read token file {}: {e}", path.display())))?;
    let t = s.trim();
    if t.is_empty() {
        return Err(UsageError(format!(
            "token file {} is empty",
            path.display()
        )));
    }
    Ok(t.to_owned())
}
