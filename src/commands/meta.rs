//! `jobctl completions SHELL` and `jobctl man`: generated from the same clap definition
//! that parses the command line, so they cannot drift from it (a test keeps the copies in
//! `completions/` in step).

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, ENVIRONMENT, EXIT_CODES};
use crate::output::Output;

pub fn completions(out: &Output, shell: Shell) -> Result<()> {
    let mut w = out.stdout();
    w.write_all(&completion_script(shell))?;
    w.flush()?;
    Ok(())
}

pub fn man(out: &Output) -> Result<()> {
    let mut w = out.stdout();
    w.write_all(&man_page()?)?;
    w.flush()?;
    Ok(())
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jobctl", &mut buf);
    buf
}

/// The man page: clap_mangen's sections, with the exit codes and the environment as
/// sections of their own (clap_mangen would run `after_help` together as one paragraph).
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command().after_help(None::<&str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    let mut extra = Vec::new();
    for sub in Cli::command().get_subcommands() {
        subcommand_section(&mut extra, sub)?;
    }
    table_section(&mut extra, "EXIT STATUS", EXIT_CODES)?;
    table_section(&mut extra, "ENVIRONMENT", ENVIRONMENT)?;
    // Before the VERSION section, which clap_mangen puts last.
    let at = page
        .windows(12)
        .position(|w| w == b"\n.SH VERSION")
        .map_or(page.len(), |i| i + 1);
    page.splice(at..at, extra);
    Ok(page)
}

/// One section per subcommand (one page holds everything): what it does, its synopsis and
/// options, and its own subcommands.
fn subcommand_section(w: &mut Vec<u8>, sub: &clap::Command) -> std::io::Result<()> {
    let name = format!("jobctl {}", sub.get_name());
    writeln!(w, ".SH \"{}\"", name.to_uppercase())?;
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        for para in about.to_string().split("\n\n") {
            writeln!(w, ".PP\n{}", roff(&para.replace('\n', " ")))?;
        }
    }
    let man = clap_mangen::Man::new(sub.clone().bin_name(&name));
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    if sub.get_arguments().next().is_some() {
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
    for nested in sub.get_subcommands() {
        let about = nested
            .get_about()
            .map(|a| a.to_string())
            .unwrap_or_default();
        writeln!(
            w,
            ".TP\n\\fB{} {}\\fR\n{}",
            roff(&name),
            roff(nested.get_name()),
            roff(&about.replace('\n', " "))
        )?;
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
        assert!(page.contains("\\fB124\\fR\na wait timed out (watch \\-\\-timeout)"));
        assert!(page.contains(".SH \"ENVIRONMENT\"\n.TP\n\\fBKBC_STORAGE_API_HOST\\fR\n"));
        assert!(page.contains("JOBCTL_PROFILE"));
        assert!(page.contains("completions"));
        assert!(page.contains(".SH \"JOBCTL LIST\""));
        assert!(page.contains("\\fB\\-\\-jq\\fR"));
        assert!(page.contains("\\fBjobctl config check\\fR"));
        assert_eq!(page.matches(".ie \\n(.g").count(), 1);
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
