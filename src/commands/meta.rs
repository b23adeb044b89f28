//! `jobctl completions SHELL` and `jobctl man`: generated from the same clap definition
//! that parses the command line, so they cannot drift from it (a test keeps the copies in
//! `completions/` in step).

use std::io::Write;

use anyhow::Result;
use clap_complete::Shell;

use clap::CommandFactory;

use crate::cli::{Cli, ENVIRONMENT, EXIT_CODES};
use crate::output::Output;

pub fn completions(out: &Output, shell: Shell) -> Result<()> {
    let mut w = out.stdout();
    w.write_all(&completion_script(shell))?;
    w.flush()?;
    Ok(())
}

/// `jobctl __complete WHAT`: the values the completion scripts offer, one a line, from
/// the caches (no request, no token). Completion must never fail: nothing is an answer.
pub fn complete(out: &Output, what: crate::cli::CompleteWhat) -> Result<()> {
    use crate::cli::CompleteWhat;
    use crate::config::{ComponentCache, ConfigNameCache};
    let mut values = ComponentCache::from_env().ids();
    if what == CompleteWhat::Targets {
        values.extend(ConfigNameCache::from_env().targets());
        values.sort();
        values.dedup();
    }
    let mut w = out.stdout();
    for value in values {
        writeln!(w, "{value}")?;
    }
    w.flush()?;
    Ok(())
}

pub fn man(out: &Output) -> Result<()> {
    let mut w = out.stdout();
    w.write_all(&man_page()?)?;
    w.flush()?;
    Ok(())
}

/// The completion script for `shell`. In bash, zsh and fish, `--profile` completes the
/// profile names of the user's config file: a static script cannot know them, so it asks
/// `jobctl config list --names` when completing (clap_complete's dynamic completion would
/// do it for every value, but it is still behind an unstable feature and would replace
/// the plain scripts people install). PowerShell and elvish complete no names.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jobctl", &mut buf);
    let script = String::from_utf8_lossy(&buf);
    let script = complete_lists(shell, &script, &comma_lists(&Cli::command()));
    let script = complete_profiles(shell, &script);
    complete_seen(shell, &script).into_bytes()
}

/// zsh: the components and targets jobctl has seen (`jobctl __complete`).
const ZSH_SEEN: &str = r#"(( $+functions[_jobctl_components] )) ||
_jobctl_components() {
    local -a seen
    seen=(${(f)"$(_call_program components jobctl __complete components 2>/dev/null)"})
    _describe -t components 'component' seen
}
(( $+functions[_jobctl_targets] )) ||
_jobctl_targets() {
    local -a seen
    seen=(${(f)"$(_call_program targets jobctl __complete targets 2>/dev/null)"})
    _describe -t targets 'target' seen
}

"#;

/// `script` with `run`'s targets and every `--component` completed from what jobctl has
/// seen (`jobctl __complete targets|components`, read from its caches: no request). The
/// generated text is matched exactly; a test checks the result.
fn complete_seen(shell: Shell, script: &str) -> String {
    match shell {
        Shell::Bash => {
            let from = "--component)\n                    COMPREPLY=($(compgen -f \"${cur}\"))";
            let to = "--component)\n                    COMPREPLY=($(compgen -W \"$(jobctl __complete components 2>/dev/null)\" -- \"${cur}\"))";
            let mut out = String::with_capacity(script.len());
            let script = script.replace(from, to);
            let mut in_run = false;
            for line in script.lines() {
                out.push_str(line);
                out.push('\n');
                if line.trim() == "jobctl__subcmd__run)" {
                    in_run = true;
                } else if in_run && line.trim_start().starts_with("opts=") {
                    out.push_str(
                        "            [[ ${cur} != -* ]] && opts=\"$(jobctl __complete targets 2>/dev/null) ${opts}\"\n",
                    );
                    in_run = false;
                }
            }
            out
        }
        Shell::Zsh => {
            let script = script
                .lines()
                .map(|l| {
                    if l.starts_with("'*--component=[") {
                        l.replace(":ID:_default'", ":ID:_jobctl_components'")
                    } else if l.starts_with("'*::targets -- ") {
                        l.replace(":_default'", ":_jobctl_targets'")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let tail = "if [ \"$funcstack[1]\" = \"_jobctl\" ]; then";
            match script.rfind(tail) {
                Some(at) => format!("{}{ZSH_SEEN}{}\n", &script[..at], &script[at..]),
                None => script,
            }
        }
        Shell::Fish => {
            let mut out: String = script
                .lines()
                .map(
                    |l| match l.contains(" -l component ") && l.ends_with(" -r") {
                        true => format!("{l} -f -a '(jobctl __complete components 2>/dev/null)'"),
                        false => l.to_owned(),
                    },
                )
                .map(|l| l + "\n")
                .collect();
            out.push_str(
                "complete -c jobctl -n \"__fish_jobctl_using_subcommand run\" -f -a \
                 '(jobctl __complete targets 2>/dev/null)'\n",
            );
            out
        }
        _ => script.to_owned(),
    }
}

/// An option that takes a comma-separated list of known values (`list --columns`,
/// `stats --by`): the subcommand path it belongs to, its long name, its value name and
/// its values.
struct CommaList {
    path: Vec<String>,
    long: String,
    value_name: String,
    values: Vec<String>,
}

/// Every comma-list option of `cmd` and its subcommands.
fn comma_lists(cmd: &clap::Command) -> Vec<CommaList> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<CommaList>) {
        for arg in cmd.get_arguments() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            if let (Some(','), Some(long), false) =
                (arg.get_value_delimiter(), arg.get_long(), values.is_empty())
            {
                out.push(CommaList {
                    path: path.clone(),
                    long: long.to_owned(),
                    value_name: arg
                        .get_value_names()
                        .and_then(|n| n.first())
                        .map_or_else(|| long.to_uppercase(), |n| n.to_string()),
                    values,
                });
            }
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_owned());
            walk(sub, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(cmd, &mut Vec::new(), &mut out);
    out
}

/// bash: the values after the last comma of the word, the part before it kept.
const BASH_LIST: &str = r#"_jobctl_list() {
    local prefix=""
    [[ "$2" == *,* ]] && prefix="${2%,*},"
    compgen -W "$1" -P "$prefix" -- "${2##*,}"
}

"#;

/// fish: the values after the last comma of the token, the part before it kept.
const FISH_LIST: &str = r#"function __jobctl_list --description 'Values of a comma-separated list'
    set -l prefix (string match -r -- '^.*,' (commandline -ct))
    for v in $argv
        printf '%s%s\n' "$prefix" $v
    end
end

"#;

/// `script` with the comma-list options completing each value of the list, after a comma
/// too (`--columns id,st<Tab>`): clap_complete's static scripts offer the values for the
/// whole word only. The generated text is matched exactly; a test checks the result.
fn complete_lists(shell: Shell, script: &str, lists: &[CommaList]) -> String {
    match shell {
        Shell::Bash => {
            let mut out = String::with_capacity(script.len() + BASH_LIST.len());
            out.push_str(BASH_LIST);
            let mut section = String::new();
            let mut option: Option<&CommaList> = None;
            for line in script.lines() {
                let trimmed = line.trim();
                if line.starts_with("        jobctl") && trimmed.ends_with(')') {
                    section = trimmed.trim_end_matches(')').to_owned();
                }
                let mut line = line.to_owned();
                if let Some(list) = option.take() {
                    let words = list.values.join(" ");
                    let from = format!(r#"COMPREPLY=($(compgen -W "{words}" -- "${{cur}}"))"#);
                    let to = format!(r#"COMPREPLY=($(_jobctl_list "{words}" "${{cur}}"))"#);
                    line = line.replace(&from, &to);
                }
                option = lists.iter().find(|l| {
                    trimmed == format!("--{})", l.long) && section == bash_section(&l.path)
                });
                out.push_str(&line);
                out.push('\n');
            }
            out
        }
        Shell::Zsh => {
            let mut script = script.to_owned();
            for list in lists {
                let start = format!("'*--{}=[", list.long);
                let mut from = 0;
                while let Some(at) = script[from..].find(&start).map(|i| i + from) {
                    let spec = format!("]:{}:", list.value_name);
                    let Some(open) = script[at..].find(&spec).map(|i| i + at + spec.len()) else {
                        break;
                    };
                    let Some(end) = script[open..].find("' \\\n").map(|i| i + open) else {
                        break;
                    };
                    // Only the spec of this option's own values (another subcommand's
                    // option of the same name may take other values).
                    if zsh_values(&script[open..end]) == list.values {
                        let to = format!("_sequence compadd - {}", list.values.join(" "));
                        script.replace_range(open..end, &to);
                        from = open + to.len();
                    } else {
                        from = end;
                    }
                }
            }
            script
        }
        Shell::Fish => {
            let mut script = script.to_owned();
            for list in lists {
                let cond = fish_condition(&list.path);
                let start = format!("-n \"{cond}\" -l {} ", list.long);
                let Some(at) = script.find(&start) else {
                    continue;
                };
                let Some(open) = script[at..].find(" -a \"").map(|i| i + at) else {
                    continue;
                };
                let Some(end) = script[open + 5..].find("\"\n").map(|i| i + open + 5) else {
                    continue;
                };
                let to = format!(" -a '(__jobctl_list {})'", list.values.join(" "));
                script.replace_range(open..end + 1, &to);
            }
            format!("{FISH_LIST}{script}")
        }
        _ => script.to_owned(),
    }
}

/// The values of a zsh value spec: `(a b c)`, or `((a\:"help"` one per line `))`.
fn zsh_values(spec: &str) -> Vec<String> {
    match spec.strip_prefix("((") {
        Some(described) => described
            .lines()
            .filter_map(|l| l.split_once("\\:").map(|(name, _)| name.to_owned()))
            .collect(),
        None => spec
            .trim_start_matches('(')
            .trim_end_matches(')')
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    }
}

/// The name of a subcommand's section in clap_complete's bash script.
fn bash_section(path: &[String]) -> String {
    let mut name = "jobctl".to_owned();
    for part in path {
        name.push_str("__subcmd__");
        name.push_str(part);
    }
    name
}

/// The condition of a subcommand's lines in clap_complete's fish script.
fn fish_condition(path: &[String]) -> String {
    match path {
        [] => "__fish_jobctl_needs_command".to_owned(),
        [one] => format!("__fish_jobctl_using_subcommand {one}"),
        [first, rest @ ..] => format!(
            "__fish_jobctl_using_subcommand {first}; and __fish_seen_subcommand_from {}",
            rest.join(" ")
        ),
    }
}

/// bash: the names, with the `--config` given on the line, if any.
const BASH_PROFILES: &str = r#"_jobctl_profiles() {
    local i config=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --config) config=(--config "${COMP_WORDS[i+1]}") ;;
            --config=*) config=("${COMP_WORDS[i]}") ;;
        esac
    done
    jobctl "${config[@]}" config list --names 2>/dev/null
}

"#;

/// zsh: the names, with the `--config` given on the line, if any.
const ZSH_PROFILES: &str = r#"(( $+functions[_jobctl_profiles] )) ||
_jobctl_profiles() {
    local -a config profiles
    [[ -n ${opt_args[--config]} ]] && config=(--config "${opt_args[--config]}")
    profiles=(${(f)"$(_call_program profiles jobctl $config config list --names 2>/dev/null)"})
    _describe -t profiles 'profile' profiles
}

"#;

/// `script` with its `--profile` values completed from `jobctl config list --names`; the
/// generated text is matched exactly, and a test checks that every `--profile` got it.
fn complete_profiles(shell: Shell, script: &str) -> String {
    match shell {
        Shell::Bash => {
            let indent = "\n                    ";
            let from = format!(r#"--profile){indent}COMPREPLY=($(compgen -f "${{cur}}"))"#);
            let to = format!(
                r#"--profile){indent}COMPREPLY=($(compgen -W "$(_jobctl_profiles)" -- "${{cur}}"))"#
            );
            let script = script.replace(&from, &to);
            format!("{BASH_PROFILES}{script}")
        }
        Shell::Zsh => {
            let script = script
                .lines()
                .map(|l| match l.starts_with("'--profile=[") {
                    true => l.replace(":NAME:_default'", ":NAME:_jobctl_profiles'"),
                    false => l.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            let tail = "if [ \"$funcstack[1]\" = \"_jobctl\" ]; then";
            match script.rfind(tail) {
                Some(at) => format!("{}{ZSH_PROFILES}{}\n", &script[..at], &script[at..]),
                None => script,
            }
        }
        Shell::Fish => script
            .lines()
            .map(|l| match l.contains(" -l profile ") && l.ends_with(" -r") {
                true => format!("{l} -f -a '(jobctl config list --names 2>/dev/null)'"),
                false => l.to_owned(),
            })
            .map(|l| l + "\n")
            .collect(),
        _ => script.to_owned(),
    }
}

/// The man page: clap_mangen's sections, with the exit codes and the environment as
/// sections of their own (clap_mangen would run `after_help` together as one paragraph).
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command().after_help(None::<&str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    let mut extra = Vec::new();
    for sub in Cli::command().get_subcommands() {
        subcommand_section(&mut extra, "jobctl", sub)?;
    }
    text_section(&mut extra, "OUTPUT FORMATS", OUTPUT_FORMATS)?;
    table_section(&mut extra, "EXIT STATUS", EXIT_CODES)?;
    table_section(&mut extra, "ENVIRONMENT", ENVIRONMENT)?;
    text_section(&mut extra, "FILES", FILES)?;
    // Before the VERSION section, which clap_mangen puts last.
    let at = page
        .windows(12)
        .position(|w| w == b"\n.SH VERSION")
        .map_or(page.len(), |i| i + 1);
    page.splice(at..at, extra);
    // clap_mangen names a page per subcommand (`jobctl-show(1)`); they are sections of
    // this one, so say where instead of naming pages that do not exist.
    let page = String::from_utf8_lossy(&page).into_owned();
    let mut out = String::with_capacity(page.len());
    for line in page.lines() {
        match line
            .strip_prefix("jobctl\\-")
            .and_then(|rest| rest.strip_suffix("(1)"))
        {
            Some(sub) => out.push_str(&format!("\\fBjobctl {sub}\\fR (below)")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// What `-o` and `--jq` give, for the man page.
const OUTPUT_FORMATS: &str = "\
table (the default) is for people: on a terminal, times in the local zone (TZ) or in UTC
(--utc) that name it (2026-11-29 17:32:24 CET), relative ages, colour,
and tables fitted to the width; piped, RFC 3339 times, no colour, and tab-separated
tables with a header line, sizes in bytes and durations in seconds.

json is the job exactly as the server sent it: one object for one id, an array for
several and for a list. Keys, key order, numbers and string escapes are the server's own.

jsonl (watch, list) is one JSON object per line, flushed as it is produced.

--jq EXPR runs a jq expression inside jobctl (jaq): for show and watch once per job, for
list over the whole array. Strings print raw, other results as compact JSON, one per line.
An expression that does not compile is a usage error before any request.";

/// The config file, for the man page.
const FILES: &str = "\
$XDG_CONFIG_HOME/jobctl/config.toml, else ~/.config/jobctl/config.toml (or --config,
JOBCTL_CONFIG): named profiles, each a host and one token source, so that no token need be
stored in the file. default_profile = \"prod\" names the profile used without --profile.

[profiles.prod] host = \"connection.eu-central-1.keboola.com\" with one of:
token_command = \"pass show kbc/prod\" (run without a shell; its stdout, trimmed),
token_env = \"KBC_PROD_TOKEN\", token_file = \"prod.token\" (relative to the file's folder),
or token = \"...\" (jobctl warns when the file is readable by others).";

/// A section of paragraphs (separated by blank lines).
fn text_section(w: &mut impl Write, title: &str, text: &str) -> std::io::Result<()> {
    writeln!(w, ".SH \"{title}\"")?;
    for para in text.split("\n\n") {
        writeln!(w, ".PP\n{}", roff(&para.replace('\n', " ")))?;
    }
    Ok(())
}

/// One section per subcommand, nested ones included (`jobctl queue list`), since one page
/// holds everything: what it does, its synopsis and every option, its examples; a
/// subcommand with its own subcommands lists them, then each gets its own section.
fn subcommand_section(w: &mut Vec<u8>, parent: &str, sub: &clap::Command) -> std::io::Result<()> {
    let name = format!("{parent} {}", sub.get_name());
    writeln!(w, ".SH \"{}\"", name.to_uppercase())?;
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        for para in about.to_string().split("\n\n") {
            writeln!(w, ".PP\n{}", roff(&para.replace('\n', " ")))?;
        }
    }
    let man = clap_mangen::Man::new(sub.clone().bin_name(&name));
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut part)?;
    }
    // Sub-sections of this one, without the roff preamble clap_mangen repeats per call.
    for line in String::from_utf8_lossy(&part).lines() {
        if line.starts_with(".ie \\n(.g") || line.starts_with(".el .ds Aq") {
            continue;
        }
        match line.strip_prefix(".SH ") {
            Some(title) => writeln!(w, ".SS {title}")?,
            None => writeln!(w, "{line}")?,
        }
    }
    if let Some(examples) = sub.get_after_help() {
        let examples = examples.to_string();
        writeln!(w, ".SS EXAMPLES\n.nf")?;
        for line in examples.lines().skip(1) {
            writeln!(w, "{}", roff(line))?;
        }
        writeln!(w, ".fi")?;
    }
    let nested: Vec<&clap::Command> = sub.get_subcommands().filter(|c| !c.is_hide_set()).collect();
    if !nested.is_empty() {
        writeln!(w, ".SS COMMANDS")?;
    }
    for cmd in &nested {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(
            w,
            ".TP\n\\fB{} {}\\fR\n{}",
            roff(&name),
            roff(cmd.get_name()),
            roff(&about.replace('\n', " "))
        )?;
    }
    for cmd in nested {
        subcommand_section(w, &name, cmd)?;
    }
    Ok(())
}

/// A `.TP` list from one of `cli`'s help tables ("Title:" then "  key  meaning" lines).
fn table_section(w: &mut impl Write, title: &str, table: &str) -> std::io::Result<()> {
    writeln!(w, ".SH \"{title}\"")?;
    for line in table.lines().skip(1) {
        let line = line.trim();
        let (key, meaning) = line.split_once("  ").unwrap_or((line, ""));
        writeln!(w, ".TP\n\\fB{}\\fR\n{}", roff(key), roff(meaning.trim()))?;
    }
    Ok(())
}

/// Escapes text for roff: backslashes, hyphens (so they copy as ASCII), leading dots.
fn roff(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    match s.starts_with(['.', '\'']) {
        true => format!("\\&{s}"),
        false => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man_page_has_exit_codes_and_environment() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(page.starts_with(".ie"), "{}", &page[..40]);
        assert!(page.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nsuccess"));
        assert!(page.contains("\\fB124\\fR\na wait timed out (watch, run \\-\\-wait, logs \\-f"));
        assert!(page.contains(".SH \"ENVIRONMENT\"\n.TP\n\\fBKBC_STORAGE_API_HOST\\fR\n"));
        assert!(page.contains("JOBCTL_PROFILE"));
        assert!(page.contains("completions"));
        assert!(page.contains(".SH \"JOBCTL LIST\""));
        assert!(page.contains("\\fB\\-\\-jq\\fR"));
        assert!(page.contains("\\fBjobctl config check\\fR"));
        assert_eq!(page.matches(".ie \\n(.g").count(), 1);
        // No page is named that does not exist: the subcommands are sections of this one.
        assert!(!page.contains("(1)"), "{page}");
        assert!(page.contains("\\fBjobctl show\\fR (below)"));
        for section in ["FILES", "OUTPUT FORMATS"] {
            assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
        }
        assert!(page.contains("token_command"));
        assert!(page.contains(".SS EXAMPLES\n.nf\n  jobctl show 22077337"));
    }

    /// The text of the page's section titled `title`, up to the next section.
    fn section<'a>(page: &'a str, title: &str) -> Option<&'a str> {
        let head = format!(".SH \"{title}\"\n");
        let from = page.find(&head)? + head.len();
        let len = page[from..].find("\n.SH ").unwrap_or(page.len() - from);
        Some(&page[from..from + len])
    }

    /// Every visible option of `cmd` appears in its own section, then its subcommands'.
    fn check_options(page: &str, parent: &str, cmd: &clap::Command, checked: &mut usize) {
        let name = format!("{parent} {}", cmd.get_name());
        let text =
            section(page, &name.to_uppercase()).unwrap_or_else(|| panic!("no section for {name}"));
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let shown = match (arg.get_long(), arg.get_short()) {
                (Some(long), _) => format!("\\fB\\-\\-{}", roff(long)),
                (None, Some(short)) => format!("\\fB\\-{short}"),
                (None, None) => {
                    let value = arg
                        .get_value_names()
                        .and_then(|v| v.first())
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
                    format!("\\fI{}\\fR", roff(&value))
                }
            };
            assert!(
                text.to_lowercase().contains(&shown.to_lowercase()),
                "{name}: {shown} missing from its section:\n{text}"
            );
            *checked += 1;
        }
        for nested in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            check_options(page, &name, nested, checked);
        }
    }

    #[test]
    fn man_page_has_every_option_of_every_subcommand_nested_ones_included() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        let mut checked = 0;
        for sub in Cli::command().get_subcommands() {
            check_options(&page, "jobctl", sub, &mut checked);
        }
        assert!(checked > 100, "{checked} options checked");
        // The options the issue found missing, each in its own section.
        let list = section(&page, "JOBCTL QUEUE LIST").unwrap();
        assert!(list.contains("\\fB\\-\\-component\\fR"), "{list}");
        assert!(list.contains("\\fB\\-\\-top\\-level\\fR"), "{list}");
        let watch = section(&page, "JOBCTL QUEUE WATCH").unwrap();
        assert!(watch.contains("\\-\\-kill\\-on\\-timeout"), "{watch}");
        assert!(page.contains(".SH \"JOBCTL CONFIG CHECK\""));
    }

    #[test]
    fn completions_offer_the_targets_and_components_seen() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = String::from_utf8(completion_script(shell)).unwrap();
            assert!(script.contains("jobctl __complete targets"), "{shell:?}");
            assert!(script.contains("jobctl __complete components"), "{shell:?}");
            // Every --component got it (queue list, kill, stats, timeline).
            let plain = match shell {
                Shell::Bash => "--component)\n                    COMPREPLY=($(compgen -f",
                Shell::Zsh => ":ID:_default'",
                _ => {
                    " -l component -d 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r\n"
                }
            };
            let left = script
                .lines()
                .filter(|l| !matches!(shell, Shell::Zsh) || l.starts_with("'*--component="))
                .any(|l| l.contains(plain.trim_end_matches('\n')) && !l.contains("__complete"));
            let joined = matches!(shell, Shell::Bash) && script.contains(plain);
            assert!(
                !left && !joined,
                "{shell:?}: a --component without the components seen"
            );
        }
        // The hidden word is no subcommand: nothing offers it.
        let bash = String::from_utf8(completion_script(Shell::Bash)).unwrap();
        assert!(
            !bash.contains("subcmd____complete"),
            "__complete offered as a subcommand"
        );
        assert!(
            !bash.contains("top run __complete"),
            "__complete offered as a subcommand"
        );
    }

    #[test]
    fn completions_offer_operations_and_statuses() {
        let bash = String::from_utf8(completion_script(Shell::Bash)).unwrap();
        assert!(bash.contains("tableImport"));
        assert!(bash.contains("waiting processing success error"));
        assert!(bash.contains("operationName"), "--columns values");
        assert!(bash.contains("yesterday"), "--since values");
        let zsh = String::from_utf8(completion_script(Shell::Zsh)).unwrap();
        assert!(zsh.contains("errorMessage") && zsh.contains("yesterday"));
    }
}
