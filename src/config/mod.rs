//! Where the host and the token come from: flags, then either an explicit profile or the
//! environment variables that Keboola's own tools use (then the default profile), then the
//! default host; and the check that a profile's token only goes to that profile's host.
//! Never prints the token (nor anything else: warnings are returned).

pub mod cache;
pub mod file;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::cli::Global;
use crate::client::DEFAULT_HOST;
use crate::exit::UsageError;

pub use cache::{ComponentCache, ConfigNameCache, QueueHostCache};
pub use file::{ConfigFile, Profile};

/// What `Global`, the environment and the config file decided, before any client exists.
pub struct Resolved {
    pub host: String,
    /// `--queue-host`/`KBC_QUEUE_API_HOST`, else the profile's `queue_host`; `None`: ask
    /// the stack.
    pub queue_host: Option<String>,
    pub token: String,
    /// Where `host` came from.
    pub host_source: Source,
    /// Where `token` came from (never the token itself).
    pub token_source: Source,
    /// For the caller to show on stderr (a token in a file others can read).
    pub warnings: Vec<String>,
}

/// Where a host or a token came from, for `--debug` and error messages. Holds no token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, e.g. `--host`.
    Flag(&'static str),
    /// An environment variable, e.g. `KBC_STORAGE_API_HOST`.
    Env(&'static str),
    /// A profile of the config file; `explicit` when named by `--profile`/`JOBCTL_PROFILE`
    /// rather than by the file's `default_profile`.
    Profile { name: String, explicit: bool },
    /// The built-in default host.
    Default,
    /// The `--demo` simulator.
    Demo,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "{var}"),
            Source::Profile {
                name,
                explicit: true,
            } => write!(f, "profile '{name}'"),
            Source::Profile {
                name,
                explicit: false,
            } => write!(f, "default profile '{name}'"),
            Source::Default => write!(f, "the default"),
            Source::Demo => write!(f, "--demo"),
        }
    }
}

impl Resolved {
    /// The `--debug` line saying where the host and the token came from (never the token).
    pub fn describe_sources(&self) -> String {
        format!(
            "host {} from {}; token from {}",
            self.host, self.host_source, self.token_source
        )
    }
}

/// The host variables, in the order they are read.
const HOST_VARS: [&str; 3] = ["KBC_STORAGE_API_HOST", "KBC_STORAGE_API_URL", "KBC_URL"];
/// The token variables, in the order they are read.
const TOKEN_VARS: [&str; 2] = ["KBC_STORAGE_API_TOKEN", "KBC_TOKEN"];
/// The variable that names a profile, like `--profile`.
const PROFILE_VAR: &str = "JOBCTL_PROFILE";

/// The first of `vars` that is set (and not empty), with its name.
fn first_env(vars: &[&'static str]) -> Option<(String, &'static str)> {
    vars.iter().find_map(|v| env(v).map(|value| (value, *v)))
}

/// The token from the environment (`KBC_STORAGE_API_TOKEN`, then `KBC_TOKEN`), for
/// `serve`, which accepts it.
pub fn env_token() -> Option<String> {
    first_env(&TOKEN_VARS).map(|(t, _)| t)
}

/// The config file path: `--config`/`JOBCTL_CONFIG` (clap reads both; explicit), else the
/// XDG default (not explicit: it may be missing).
pub fn config_path(config: Option<&Path>) -> Option<(PathBuf, bool)> {
    match config {
        Some(path) => Some((path.to_owned(), true)),
        None => file::default_path(env("XDG_CONFIG_HOME").as_deref(), env("HOME").as_deref())
            .map(|p| (p, false)),
    }
}

/// The config file, if there is one. Malformed, or missing when given explicitly, is a
/// usage error naming the file.
pub fn load_file(config: Option<&Path>) -> Result<Option<ConfigFile>, UsageError> {
    match config_path(config) {
        Some((path, explicit)) => ConfigFile::load(&path, explicit),
        None => Ok(None),
    }
}

/// The profile in use and whether it was asked for: `--profile`, then `JOBCTL_PROFILE`
/// (explicit), else the file's `default_profile`. Naming a profile without a config file
/// is a usage error.
pub fn selected_profile<'a>(
    global: &Global,
    file: Option<&'a ConfigFile>,
) -> Result<Option<(&'a Profile, bool)>, UsageError> {
    let wanted = global
        .connection
        .profile
        .clone()
        .filter(|p| !p.trim().is_empty())
        .or_else(|| env(PROFILE_VAR));
    match (wanted, file) {
        (Some(name), Some(file)) => file.profile(&name).map(|p| Some((p, true))),
        (Some(name), None) => Err(UsageError(format!(
            "no profile '{name}': no config file at {}",
            config_path(global.config.as_deref())
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_else(|| "$XDG_CONFIG_HOME/jobctl/config.toml".to_owned())
        ))),
        (None, Some(file)) => match &file.default_profile {
            Some(name) => file.profile(name).map(|p| Some((p, false))),
            None => Ok(None),
        },
        (None, None) => Ok(None),
    }
}

/// Reads an environment variable, treating empty as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The stack URL and where it came from: `--host`; then an explicit profile's host (the
/// default host when it names none); else `KBC_STORAGE_API_HOST`, `KBC_STORAGE_API_URL`
/// (kbagent) or `KBC_URL` (inside Keboola), then the default profile's host; then the
/// default.
pub fn host(global: &Global, profile: Option<(&Profile, bool)>) -> (String, Source) {
    if let Some(h) = global
        .connection
        .host
        .clone()
        .filter(|h| !h.trim().is_empty())
    {
        return (h, Source::Flag("--host"));
    }
    let from_profile = |p: &Profile, explicit: bool| {
        p.host.clone().map(|h| {
            let source = Source::Profile {
                name: p.name.clone(),
                explicit,
            };
            (h, source)
        })
    };
    let found = match profile {
        Some((p, true)) => from_profile(p, true),
        Some((p, false)) => first_env(&HOST_VARS)
            .map(|(h, var)| (h, Source::Env(var)))
            .or_else(|| from_profile(p, false)),
        None => first_env(&HOST_VARS).map(|(h, var)| (h, Source::Env(var))),
    };
    found.unwrap_or_else(|| (DEFAULT_HOST.to_owned(), Source::Default))
}

/// Where the token will come from, decided before any token source runs.
enum TokenPlan {
    File(PathBuf),
    Given(String, Source),
    Profile,
    None,
}

/// The token by the same rules as [`host`]: `--token-file`, then `--token`; then an
/// explicit profile's token source; else `KBC_STORAGE_API_TOKEN`, `KBC_TOKEN`, then the
/// default profile's token source. A profile's token goes only to that profile's host:
/// with a host from anywhere else (and different), it is a usage error naming both
/// sources; so is a variable's token for a host taken from a profile that has a token
/// source of its own. A missing or unreadable token is a usage error too.
pub fn token(
    global: &Global,
    file: Option<&ConfigFile>,
    profile: Option<(&Profile, bool)>,
    host: &(String, Source),
) -> Result<(String, Source), UsageError> {
    let explicit = profile.is_some_and(|(_, e)| e);
    let env_token = || (!explicit).then(|| first_env(&TOKEN_VARS)).flatten();
    let plan = match (&global.connection.token_file, &global.connection.token) {
        (Some(path), _) => TokenPlan::File(path.clone()),
        (None, Some(t)) if !t.trim().is_empty() => {
            TokenPlan::Given(t.clone(), Source::Flag("--token"))
        }
        _ => match env_token() {
            Some((t, var)) => TokenPlan::Given(t, Source::Env(var)),
            None if profile.is_some_and(|(p, _)| p.token.is_some()) => TokenPlan::Profile,
            None => TokenPlan::None,
        },
    };
    let (token, source) = match plan {
        TokenPlan::File(path) => (read_token_file(&path)?, Source::Flag("--token-file")),
        TokenPlan::Given(t, source) => {
            check_env_token_host(&source, host, profile)?;
            (t, source)
        }
        TokenPlan::Profile => match (file, profile) {
            (Some(file), Some((p, explicit))) => {
                check_profile_host(p, explicit, host)?;
                let source = Source::Profile {
                    name: p.name.clone(),
                    explicit,
                };
                (file.token(p)?.unwrap_or_default(), source)
            }
            _ => (String::new(), Source::Default),
        },
        TokenPlan::None => (String::new(), Source::Default),
    };
    let token = token.trim().to_owned();
    if token.is_empty() {
        return Err(match profile {
            Some((p, true)) => UsageError(format!(
                "no Storage API token: profile '{}' names no token source (token_env, \
                 token_file or token_command); add one, or pass --token-file PATH",
                p.name
            )),
            _ => UsageError(
                "no Storage API token: pass --token-file PATH, set KBC_STORAGE_API_TOKEN, pick a \
                 profile with a token source (--profile NAME), or use --token (visible to other \
                 local users); try --demo to explore without an account"
                    .into(),
            ),
        });
    }
    Ok((token, source))
}

/// A profile's token may go to its own host only (its `host`, or the default host when it
/// names none), whatever the host's source says.
fn check_profile_host(
    profile: &Profile,
    explicit: bool,
    (host, host_source): &(String, Source),
) -> Result<(), UsageError> {
    let own = profile.host.as_deref().unwrap_or(DEFAULT_HOST);
    if same_host(own, host) {
        return Ok(());
    }
    let which = Source::Profile {
        name: profile.name.clone(),
        explicit,
    };
    Err(UsageError(format!(
        "refusing to send the token of {which} to {host} (the host from {host_source}): \
         that profile's host is {own}. Give the token for {host} too (--token-file PATH or \
         KBC_STORAGE_API_TOKEN), or drop {host_source} to use the profile's host",
    )))
}

/// A token from a variable is not sent to a host that came from a profile with a token
/// source of its own: that profile's host goes with that profile's token.
fn check_env_token_host(
    token_source: &Source,
    (host, host_source): &(String, Source),
    profile: Option<(&Profile, bool)>,
) -> Result<(), UsageError> {
    let (Source::Env(var), Source::Profile { name, .. }) = (token_source, host_source) else {
        return Ok(());
    };
    match profile {
        Some((p, _)) if p.token.is_some() => Err(UsageError(format!(
            "refusing to send the token from {var} to {host} (the host from {host_source}): \
             set KBC_STORAGE_API_HOST to the token's stack too, or pass --profile {name} to \
             use the profile's own token"
        ))),
        _ => Ok(()),
    }
}

/// Whether two hosts name the same stack: `connection.keboola.com`,
/// `https://connection.keboola.com/` and `HTTPS://Connection.Keboola.com` do.
fn same_host(a: &str, b: &str) -> bool {
    let norm = |h: &str| {
        let h = h.trim().trim_end_matches('/').to_ascii_lowercase();
        match h.contains("://") {
            true => h,
            false => format!("https://{h}"),
        }
    };
    norm(a) == norm(b)
}

/// Host and token by the documented precedence (see [`host`] and [`token`]).
pub fn resolve(global: &Global) -> Result<Resolved, UsageError> {
    let file = load_file(global.config.as_deref())?;
    let profile = selected_profile(global, file.as_ref())?;
    let host = host(global, profile);
    let (token, token_source) = token(global, file.as_ref(), profile, &host)?;
    let (host, host_source) = host;
    let mut warnings = file.as_ref().map(ConfigFile::warnings).unwrap_or_default();
    let token_file = match (
        &token_source,
        &global.connection.token_file,
        file.as_ref(),
        profile,
    ) {
        (Source::Flag("--token-file"), Some(path), _, _) => file::token_file_warning(path),
        (Source::Profile { .. }, _, Some(file), Some((p, _))) => file.token_file_warning(p),
        _ => None,
    };
    warnings.extend(token_file);
    Ok(Resolved {
        host,
        queue_host: global
            .queue_host
            .clone()
            .filter(|h| !h.trim().is_empty())
            .or_else(|| profile.and_then(|(p, _)| p.queue_host.clone())),
        token,
        host_source,
        token_source,
        warnings,
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
    let source = Source::Profile {
        name: profile.name.clone(),
        explicit: true,
    };
    let (host, host_source) = match &profile.host {
        Some(h) => (h.clone(), source.clone()),
        None => (DEFAULT_HOST.to_owned(), Source::Default),
    };
    Ok(Resolved {
        host,
        queue_host: profile.queue_host.clone(),
        token,
        host_source,
        token_source: source,
        warnings: file.token_file_warning(profile).into_iter().collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_compare_as_the_stack_they_name() {
        assert!(same_host(
            "connection.keboola.com",
            "https://Connection.Keboola.com/"
        ));
        assert!(same_host(DEFAULT_HOST, "connection.keboola.com"));
        assert!(!same_host(
            "connection.keboola.com",
            "connection.eu-central-1.keboola.com"
        ));
        assert!(!same_host("http://127.0.0.1:1", "https://127.0.0.1:1"));
    }

    #[test]
    fn sources_read_as_the_user_would_name_them() {
        let r = Resolved {
            host: "https://h".into(),
            queue_host: None,
            token: "secret-token".into(),
            host_source: Source::Env("KBC_STORAGE_API_HOST"),
            token_source: Source::Profile {
                name: "prod".into(),
                explicit: false,
            },
            warnings: Vec::new(),
        };
        let line = r.describe_sources();
        assert_eq!(
            line,
            "host https://h from KBC_STORAGE_API_HOST; token from default profile 'prod'"
        );
        assert!(!line.contains("secret"));
        assert_eq!(Source::Flag("--token-file").to_string(), "--token-file");
        assert_eq!(Source::Default.to_string(), "the default");
    }
}
