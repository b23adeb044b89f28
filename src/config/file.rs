//! The config file: `[profiles.NAME]` tables with a host and a token source, and an
//! optional `default_profile`. Reads and checks the TOML; runs a profile's token source on
//! request. Prints nothing: warnings are returned for the caller to show.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::exit::UsageError;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, RawProfile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    host: Option<String>,
    queue_host: Option<String>,
    token_env: Option<String>,
    token_file: Option<PathBuf>,
    token_command: Option<String>,
    /// Accepted, but a file readable by others that holds one gets a warning.
    token: Option<String>,
}

/// Where a profile's token comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    Env(String),
    File(PathBuf),
    /// A command line, run without a shell (split into words like a shell would).
    Command(String),
    Literal(String),
}

impl TokenSource {
    /// A description that never holds a token: `token_env=KBC_PROD`, `token_command=pass …`.
    pub fn describe(&self) -> String {
        match self {
            TokenSource::Env(var) => format!("token_env={var}"),
            TokenSource::File(path) => format!("token_file={}", path.display()),
            TokenSource::Command(cmd) => {
                let mut words = cmd.split_whitespace();
                let first = words.next().unwrap_or_default();
                match words.next() {
                    Some(_) => format!("token_command={first} …"),
                    None => format!("token_command={first}"),
                }
            }
            TokenSource::Literal(_) => "token=(in the file)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub host: Option<String>,
    /// The Queue API host, when the stack's index cannot be trusted to say it.
    pub queue_host: Option<String>,
    pub token: Option<TokenSource>,
}

/// A config file that was read and checked.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub default_profile: Option<String>,
    pub profiles: Vec<Profile>,
    /// Readable by group or others (mode & 0o044).
    pub shared: bool,
    /// Writable by group or others (mode & 0o022): anyone who can write it can make
    /// jobctl run a command (`token_command`) or send the token elsewhere (`host`).
    pub writable_by_others: bool,
}

/// `$XDG_CONFIG_HOME/jobctl/config.toml`, else `~/.config/jobctl/config.toml`; `None`
/// when neither variable is set. An empty or relative `XDG_CONFIG_HOME` is ignored, as
/// the XDG spec asks.
pub fn default_path(xdg_config_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    match xdg_config_home.filter(|x| Path::new(x).is_absolute()) {
        Some(xdg) => Some(Path::new(xdg).join("jobctl/config.toml")),
        None => home
            .filter(|h| !h.is_empty())
            .map(|h| Path::new(h).join(".config/jobctl/config.toml")),
    }
}

impl ConfigFile {
    /// Reads `path`. A missing file is `Ok(None)` unless `explicit` (given with --config or
    /// JOBCTL_CONFIG); an unreadable or malformed one is a usage error naming the file.
    pub fn load(path: &Path, explicit: bool) -> Result<Option<ConfigFile>, UsageError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
            Err(e) => {
                return Err(UsageError(format!(
                    "cannot read config file {}: {e}",
                    path.display()
                )));
            }
        };
        let mut file = ConfigFile::parse(&text, path)?;
        let mode = mode_of(path);
        file.shared = mode.is_some_and(|m| m & 0o044 != 0);
        file.writable_by_others = mode.is_some_and(|m| m & 0o022 != 0);
        Ok(Some(file))
    }

    /// Checks the TOML text of a config file (at `path`, named in errors).
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, UsageError> {
        let bad = |msg: String| UsageError(format!("config file {}: {msg}", path.display()));
        let raw: Raw = toml::from_str(text).map_err(|e| bad(e.message().to_owned()))?;
        let mut profiles = Vec::new();
        for (name, p) in raw.profiles {
            let mut sources = Vec::new();
            if let Some(var) = p.token_env {
                sources.push(TokenSource::Env(var));
            }
            if let Some(path) = p.token_file {
                sources.push(TokenSource::File(path));
            }
            if let Some(cmd) = p.token_command {
                sources.push(TokenSource::Command(cmd));
            }
            if let Some(token) = p.token {
                sources.push(TokenSource::Literal(token));
            }
            if sources.len() > 1 {
                return Err(bad(format!(
                    "profile '{name}' has more than one token source (token_env, token_file, \
                     token_command, token): keep one"
                )));
            }
            profiles.push(Profile {
                name,
                host: p.host,
                queue_host: p.queue_host,
                token: sources.pop(),
            });
        }
        if let Some(default) = &raw.default_profile
            && !profiles.iter().any(|p| &p.name == default)
        {
            return Err(bad(format!("default_profile '{default}' is not a profile")));
        }
        Ok(ConfigFile {
            path: path.to_owned(),
            default_profile: raw.default_profile,
            profiles,
            shared: false,
            writable_by_others: false,
        })
    }

    pub fn profile(&self, name: &str) -> Result<&Profile, UsageError> {
        self.profiles
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                let known: Vec<&str> = self.profiles.iter().map(|p| p.name.as_str()).collect();
                UsageError(format!(
                    "no profile '{name}' in config file {} (profiles: {})",
                    self.path.display(),
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ))
            })
    }

    /// The warnings about the file's own mode: writable by other users (who could make
    /// jobctl run their command), or a token written into it that others can read.
    pub fn warnings(&self) -> Vec<String> {
        let path = self.path.display();
        let mut out = Vec::new();
        if self.writable_by_others {
            out.push(format!(
                "warning: config file {path} can be changed by other users, and a config file \
                 can make jobctl run a command (token_command); chmod 600 {path}"
            ));
        }
        let literal = self
            .profiles
            .iter()
            .any(|p| matches!(p.token, Some(TokenSource::Literal(_))));
        if literal && self.shared {
            out.push(format!(
                "warning: config file {path} holds a token and other users can read it; \
                 chmod 600 {path}, or use token_command, token_file or token_env"
            ));
        }
        out
    }

    /// The warning for a profile's `token_file` that other users can read, if it applies.
    pub fn token_file_warning(&self, profile: &Profile) -> Option<String> {
        match &profile.token {
            Some(TokenSource::File(path)) => token_file_warning(&self.resolve_path(path)),
            _ => None,
        }
    }

    /// Relative token files are relative to the config file's folder.
    fn resolve_path(&self, path: &Path) -> PathBuf {
        match self.path.parent() {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.to_owned(),
        }
    }

    /// The profile's token, from its source. `Ok(None)` when it names no source. Errors
    /// name the profile and the source, never the command's output.
    pub fn token(&self, profile: &Profile) -> Result<Option<String>, UsageError> {
        let name = &profile.name;
        let token = match &profile.token {
            None => return Ok(None),
            Some(TokenSource::Literal(t)) => t.clone(),
            Some(TokenSource::Env(var)) => std::env::var(var)
                .map_err(|_| UsageError(format!("profile '{name}': token_env {var} is not set")))?,
            Some(TokenSource::File(path)) => {
                let path = self.resolve_path(path);
                std::fs::read_to_string(&path).map_err(|e| {
                    UsageError(format!(
                        "profile '{name}': cannot read token_file {}: {e}",
                        path.display()
                    ))
                })?
            }
            Some(TokenSource::Command(cmd)) => run_token_command(name, cmd)?,
        };
        let token = token.trim();
        if token.is_empty() {
            return Err(UsageError(format!(
                "profile '{name}': {} gave an empty token",
                profile
                    .token
                    .as_ref()
                    .map(TokenSource::describe)
                    .unwrap_or_default()
            )));
        }
        Ok(Some(token.to_owned()))
    }
}

/// Runs a token command without a shell and returns its stdout. Its stderr goes to the
/// user (a password manager's prompt or complaint); its stdout is never shown.
fn run_token_command(profile: &str, cmd: &str) -> Result<String, UsageError> {
    let failed = |why: String| {
        UsageError(format!(
            "profile '{profile}': token_command '{cmd}' failed: {why}"
        ))
    };
    let words = shell_words::split(cmd).map_err(|e| failed(e.to_string()))?;
    let (program, args) = words
        .split_first()
        .ok_or_else(|| failed("it is empty".to_owned()))?;
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| failed(format!("cannot start it: {e}")))?;
    if !output.status.success() {
        return Err(failed(output.status.to_string()));
    }
    String::from_utf8(output.stdout).map_err(|_| failed("its output is not UTF-8".to_owned()))
}

/// The warning for a token file that group or others can read (as ssh refuses a private
/// key that others can read); nothing for what is not a regular file (`-`, a pipe).
pub fn token_file_warning(path: &Path) -> Option<String> {
    let readable = std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && mode_of(path).is_some_and(|m| m & 0o044 != 0);
    readable.then(|| {
        let path = path.display();
        format!("warning: token file {path} can be read by other users; chmod 600 {path}")
    })
}

/// The permission bits of `path` (following links, as reading it does).
#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode())
}

#[cfg(not(unix))]
fn mode_of(_path: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, UsageError> {
        ConfigFile::parse(text, Path::new("/c/config.toml"))
    }

    #[test]
    fn profiles_and_their_token_sources() {
        let f = parse(
            r#"
            default_profile = "prod"
            [profiles.prod]
            host = "connection.eu-central-1.keboola.com"
            token_command = "pass show kbc/prod"
            [profiles.dev]
            token_env = "KBC_DEV"
            [profiles.ci]
            token_file = "ci.token"
            "#,
        )
        .unwrap();
        assert_eq!(f.default_profile.as_deref(), Some("prod"));
        let describe = |n: &str| f.profile(n).unwrap().token.as_ref().unwrap().describe();
        assert_eq!(describe("prod"), "token_command=pass …");
        assert_eq!(describe("dev"), "token_env=KBC_DEV");
        assert_eq!(describe("ci"), "token_file=ci.token");
        assert_eq!(
            f.resolve_path(Path::new("ci.token")),
            PathBuf::from("/c/ci.token")
        );
    }

    #[test]
    fn bad_files_are_usage_errors_naming_the_file() {
        for text in [
            "profiles = 3",
            "[profiles.a]\nhots = \"x\"",
            "[profiles.a]\ntoken_env = \"A\"\ntoken_file = \"b\"",
            "default_profile = \"nope\"",
            "[profiles.a",
        ] {
            let e = parse(text).unwrap_err().0;
            assert!(e.starts_with("config file /c/config.toml: "), "{e}");
        }
        let f = parse("[profiles.a]\n").unwrap();
        let e = f.profile("b").unwrap_err().0;
        assert!(
            e.contains("no profile 'b' in config file /c/config.toml (profiles: a)"),
            "{e}"
        );
    }

    #[test]
    fn config_path_prefers_xdg_then_home() {
        assert_eq!(
            default_path(Some("/x"), Some("/h")),
            Some(PathBuf::from("/x/jobctl/config.toml"))
        );
        assert_eq!(
            default_path(Some(""), Some("/h")),
            Some(PathBuf::from("/h/.config/jobctl/config.toml"))
        );
        assert_eq!(
            default_path(Some("rel"), Some("/h")),
            Some(PathBuf::from("/h/.config/jobctl/config.toml"))
        );
        assert_eq!(default_path(None, None), None);
    }

    #[test]
    fn a_failing_token_command_names_the_profile_and_command_only() {
        let f =
            parse("[profiles.p]\ntoken_command = \"sh -c 'printf %s%s SEC RET; exit 3'\"").unwrap();
        let e = f.token(f.profile("p").unwrap()).unwrap_err().0;
        assert!(e.contains("profile 'p': token_command"), "{e}");
        assert!(!e.contains("SECRET") && e.contains("exit status: 3"), "{e}");
        let f = parse("[profiles.p]\ntoken_command = \"printf ' tok\\\\n'\"").unwrap();
        assert_eq!(
            f.token(f.profile("p").unwrap()).unwrap().as_deref(),
            Some("tok")
        );
        let f = parse("[profiles.p]\ntoken_command = \"/no/such/cmd\"").unwrap();
        let e = f.token(f.profile("p").unwrap()).unwrap_err().0;
        assert!(e.contains("cannot start it"), "{e}");
    }
}
