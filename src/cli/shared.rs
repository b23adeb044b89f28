//! The options several subcommands share, as argument groups each subcommand flattens when
//! it uses them (so clap validates, helps and completes them there), and [`Global`], the
//! one value the commands read them from.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::parse;

/// The flags that name a real stack, which `--demo` cannot be combined with.
const DEMO_CONFLICTS: [&str; 4] = ["host", "token", "token_file", "profile"];

/// How to reach the stack and with which token: every command that calls the API.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct ConnectionArgs {
    // The environment variables for the host, the token and the profile are read by
    // `config`, not by clap: whether a value came from a flag or a variable decides its
    // precedence, and a variable must not conflict with a flag like --demo.
    /// Storage API stack: a bare host (https:// is added) or a full URL; beats
    /// KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,

    /// Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other
    /// local users in the process list: prefer --token-file or the environment variable
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,

    /// Read the token from a file ('-' for standard input); wins over --token
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Profile of the config file to take the host and the token from (also
    /// JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Run against the embedded API simulator with made-up data (no account needed; also
    /// JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)
    #[arg(long, conflicts_with_all = DEMO_CONFLICTS)]
    pub demo: bool,

    /// How many times to retry a request that failed for a transient reason
    #[arg(long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=20))]
    pub retries: u32,

    #[command(flatten)]
    pub http: HttpArgs,
}

/// How each request is made and logged: the API commands and `config check`.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct HttpArgs {
    /// Time limit for one HTTP request
    #[arg(long, default_value = "30s", value_parser = parse::duration, value_name = "DURATION")]
    pub request_timeout: Duration,

    /// Allow plain http:// to a host other than loopback (sends the token unencrypted)
    #[arg(long)]
    pub insecure_http: bool,

    /// Log every request, response and retry decision on stderr (token redacted)
    #[arg(long, short = 'v')]
    pub debug: bool,
}

/// How times and colour look: the API commands.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct DisplayArgs {
    /// When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether
    /// the output is a terminal
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Show times in UTC instead of the local zone (TZ, else the system's) on a terminal,
    /// and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON
    /// output keep the server's own times
    #[arg(long, env = "JOBCTL_UTC", hide_env = true,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub utc: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--queue-host`: the commands that ask the Queue API.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct QueueHostArg {
    /// Queue API host for queue jobs [default: the one the stack's index names, else the
    /// stack's host with `connection.` replaced by `queue.`]
    #[arg(long, env = "KBC_QUEUE_API_HOST", value_name = "HOST")]
    pub queue_host: Option<String>,
}

/// The config file's other name, the only one where `--config` is a configuration id
/// ([`ConfigFileArg`]).
const CONFIG_FILE: &str = "config-file";

/// `--config PATH` (also `--config-file`): the commands that read the config file.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct ConfigPathArg {
    /// Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or
    /// ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline|
    /// kill` need, their --config being a configuration id
    #[arg(id = "config", long, env = "JOBCTL_CONFIG", value_name = "PATH", alias = CONFIG_FILE)]
    pub path: Option<PathBuf>,
}

/// The config file where `--config` is a configuration id (`queue list|stats|timeline|
/// kill`): spelt `--config-file` only. Of the same id as [`ConfigPathArg`]'s, so that a
/// `--config PATH` written before the subcommand lands here (see `hoist`).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct ConfigFileArg {
    /// Config file, as --config elsewhere (here --config is a configuration id)
    #[arg(id = "config", long = CONFIG_FILE, env = "JOBCTL_CONFIG", hide_env = true,
          value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// The options of a command that asks the Storage API and the Queue API.
#[derive(Debug, Clone, Args)]
pub struct ApiOptions {
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub queue: QueueHostArg,
    #[command(flatten)]
    pub config: ConfigPathArg,
    #[command(flatten)]
    pub display: DisplayArgs,
}

/// The options of a command that asks the Storage API only.
#[derive(Debug, Clone, Args)]
pub struct StorageOptions {
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub config: ConfigPathArg,
    #[command(flatten)]
    pub display: DisplayArgs,
}

/// The options of a queue command whose `--config` is a configuration id.
#[derive(Debug, Clone, Args)]
pub struct QueueOptions {
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub queue: QueueHostArg,
    #[command(flatten)]
    pub config: ConfigFileArg,
    #[command(flatten)]
    pub display: DisplayArgs,
}

/// The options of the command that runs, as the commands that call the API read them
/// (`context::Context` holds it): its groups, whichever bundle they came in.
#[derive(Debug, Clone)]
pub struct Global {
    pub connection: ConnectionArgs,
    /// `None` also for a command that asks the Storage API only.
    pub queue_host: Option<String>,
    pub config: Option<PathBuf>,
    pub display: DisplayArgs,
}

impl Global {
    fn new(c: &ConnectionArgs, q: &Option<String>, f: &Option<PathBuf>, d: &DisplayArgs) -> Self {
        let (connection, display) = (c.clone(), d.clone());
        let (queue_host, config) = (q.clone(), f.clone());
        Global {
            connection,
            queue_host,
            config,
            display,
        }
    }
}

impl From<&ApiOptions> for Global {
    fn from(o: &ApiOptions) -> Global {
        Global::new(
            &o.connection,
            &o.queue.queue_host,
            &o.config.path,
            &o.display,
        )
    }
}

impl From<&StorageOptions> for Global {
    fn from(o: &StorageOptions) -> Global {
        Global::new(&o.connection, &None, &o.config.path, &o.display)
    }
}

impl From<&QueueOptions> for Global {
    fn from(o: &QueueOptions) -> Global {
        Global::new(
            &o.connection,
            &o.queue.queue_host,
            &o.config.path,
            &o.display,
        )
    }
}

/// `args` with the shared options written before the subcommand (`jobctl --demo queue
/// list`) moved right after it (`jobctl queue list --demo`), where the subcommand's own
/// groups take them, so that clap checks them there: usage errors name the subcommand,
/// and an option it does not take is rejected. The shared options are the top level's
/// own (`cmd`'s); each is spelt as the subcommand spells the argument of its id
/// (`--config PATH` becomes `queue list`'s `--config-file PATH`). Anything else before the
/// subcommand (`--help`, an unknown option), or no subcommand to run, leaves `args` as
/// they are, for clap to handle at the top level. Also returns the subcommand's path
/// (`["queue", "list"]`), empty when there is none.
pub fn hoist(cmd: &clap::Command, args: Vec<OsString>) -> (Vec<OsString>, Vec<String>) {
    let Some((program, rest)) = args.split_first() else {
        return (args, Vec::new());
    };
    // The options found before the subcommand: each one's argument and its argv words.
    let mut moved: Vec<(&clap::Arg, Vec<OsString>)> = Vec::new();
    let mut path = Vec::new();
    let mut at = cmd;
    let mut words = rest.iter();
    let leaf = loop {
        let Some(word) = words.next() else {
            return (args, Vec::new());
        };
        let text = word.to_string_lossy();
        if let Some(sub) = at.find_subcommand(text.as_ref()) {
            path.push(sub.get_name().to_owned());
            at = sub;
            if sub.get_subcommands().next().is_none() {
                break sub;
            }
            continue;
        }
        let Some((arg, inline)) = shared_option(cmd, &text) else {
            return (args, Vec::new());
        };
        let mut given = vec![word.clone()];
        if !inline && arg.get_action().takes_values() {
            given.extend(words.next().cloned());
        }
        moved.push((arg, given));
    };
    let mut out = vec![program.clone()];
    out.extend(path.iter().map(OsString::from));
    for (arg, mut given) in moved {
        let own = leaf.get_arguments().find(|a| a.get_id() == arg.get_id());
        if let Some(long) = own.and_then(clap::Arg::get_long) {
            let word = given[0].to_string_lossy().into_owned();
            given[0] = match word.split_once('=') {
                Some((_, value)) => format!("--{long}={value}"),
                None => format!("--{long}"),
            }
            .into();
        }
        out.extend(given);
    }
    out.extend(words.cloned());
    (out, path)
}

/// Whether `word` (`--retries`, `-v`) is one of the shared options, the top level's own.
pub fn is_shared(cmd: &clap::Command, word: &str) -> bool {
    shared_option(cmd, word).is_some()
}

/// The top level's option that `word` gives (`--host`, `--host=h`, `-v`), and whether its
/// value is in the word.
fn shared_option<'a>(cmd: &'a clap::Command, word: &str) -> Option<(&'a clap::Arg, bool)> {
    let named = |arg: &clap::Arg, name: &str| match name.strip_prefix("--") {
        Some(long) => {
            arg.get_long() == Some(long) || arg.get_all_aliases().is_some_and(|a| a.contains(&long))
        }
        None => {
            name.len() == 2
                && name.strip_prefix('-').and_then(|s| s.chars().next()) == arg.get_short()
        }
    };
    let (name, inline) = match word.split_once('=') {
        Some((name, _)) if name.starts_with("--") => (name, true),
        _ => (word, false),
    };
    cmd.get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .find(|a| named(a, name))
        .map(|a| (a, inline))
}
