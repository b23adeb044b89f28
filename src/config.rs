//! Where the host and the token come from: flags, then the environment variables that
//! Keboola's own tools use, then the default host. Never prints the token.

use std::io::Read;
use std::path::Path;

use crate::cli::Global;
use crate::client::DEFAULT_HOST;
use crate::exit::UsageError;

/// What `Global` and the environment decided, before any client exists.
pub struct Resolved {
    pub host: String,
    pub token: String,
}

/// Reads an environment variable, treating empty as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The stack URL: `--host`/`KBC_STORAGE_API_HOST` (clap reads both), then
/// `KBC_STORAGE_API_URL` (kbagent) and `KBC_URL` (inside Keboola), then the default.
pub fn host(global: &Global) -> String {
    global
        .host
        .clone()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| env("KBC_STORAGE_API_URL"))
        .or_else(|| env("KBC_URL"))
        .unwrap_or_else(|| DEFAULT_HOST.to_owned())
}

/// The token: `--token-file` wins, then `--token`/`KBC_STORAGE_API_TOKEN` (clap reads
/// both), then `KBC_TOKEN`. A missing or unreadable token is a usage error.
pub fn token(global: &Global) -> Result<String, UsageError> {
    let token = match &global.token_file {
        Some(path) => Some(read_token_file(path)?),
        None => global
            .token
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| env("KBC_TOKEN")),
    };
    let token = token.map(|t| t.trim().to_owned()).unwrap_or_default();
    if token.is_empty() {
        return Err(UsageError(
            "no Storage API token: pass --token-file PATH, set KBC_STORAGE_API_TOKEN, or use \
             --token (visible to other local users); try --demo to explore without an account"
                .into(),
        ));
    }
    Ok(token)
}

pub fn resolve(global: &Global) -> Result<Resolved, UsageError> {
    Ok(Resolved {
        host: host(global),
        token: token(global)?,
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
