//! `O` in top: which program opens a link in a browser here, if any, decided by a pure
//! function of the environment; and running it detached from the terminal. A machine
//! without a display opens nothing and says so (`o` shows and copies the link anywhere).

use std::process::{Command, Stdio};

/// How a link is opened on this machine, or why it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opener {
    /// Run this program (with these first arguments) and the link as the last argument.
    Run(Vec<String>),
    /// Nothing opens a browser here: why, for the footer.
    Not(String),
}

/// `$BROWSER` when set (the user's own choice, split into words like a shell would, never
/// run through one); else `open` on macOS; else `xdg-open` when there is a display
/// (`DISPLAY` or `WAYLAND_DISPLAY`). Over ssh or on a server without one, nothing runs:
/// a browser there would open nowhere the user can see, or block on a text browser.
pub fn opener(os: &str, var: impl Fn(&str) -> Option<String>) -> Opener {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    if let Some(browser) = set("BROWSER") {
        return match shell_words::split(&browser) {
            Ok(words) if !words.is_empty() => Opener::Run(words),
            _ => Opener::Not(format!(
                "O: cannot read BROWSER ({browser:?}); o copies the link"
            )),
        };
    }
    match os {
        "macos" => Opener::Run(vec!["open".to_owned()]),
        "windows" => Opener::Not("O: set BROWSER to open links; o copies the link".to_owned()),
        _ if set("DISPLAY").is_some() || set("WAYLAND_DISPLAY").is_some() => {
            Opener::Run(vec!["xdg-open".to_owned()])
        }
        _ => Opener::Not(
            "O: no display here (DISPLAY, WAYLAND_DISPLAY, BROWSER unset); o copies \
             the link"
                .to_owned(),
        ),
    }
}

/// Opens `url` as [`opener`] says for this machine, without waiting: the program's
/// input and output are closed (the screen is top's) and a thread reaps it. Returns what
/// the footer says.
pub fn open(url: &str) -> String {
    let words = match opener(std::env::consts::OS, |name| std::env::var(name).ok()) {
        Opener::Run(words) => words,
        Opener::Not(why) => return why,
    };
    let Some((program, args)) = words.split_first() else {
        return "O: no browser to run".to_owned();
    };
    let child = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
            format!("opened {url} with {program}")
        }
        Err(e) => format!("O: cannot run {program}: {e}; o copies the link"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn a_headless_linux_opens_nothing_and_says_why() {
        match opener("linux", env(&[("SSH_CONNECTION", "10.0.0.1 22")])) {
            Opener::Not(why) => assert!(why.contains("no display here"), "{why}"),
            other => panic!("{other:?}"),
        }
        // An empty DISPLAY is no display.
        assert!(matches!(
            opener("linux", env(&[("DISPLAY", " ")])),
            Opener::Not(_)
        ));
    }

    #[test]
    fn a_display_uses_xdg_open_and_macos_open() {
        assert_eq!(
            opener("linux", env(&[("DISPLAY", ":0")])),
            Opener::Run(vec!["xdg-open".into()])
        );
        assert_eq!(
            opener("linux", env(&[("WAYLAND_DISPLAY", "wayland-0")])),
            Opener::Run(vec!["xdg-open".into()])
        );
        assert_eq!(opener("macos", env(&[])), Opener::Run(vec!["open".into()]));
    }

    #[test]
    fn browser_wins_everywhere_split_into_words() {
        assert_eq!(
            opener("linux", env(&[("BROWSER", "firefox --new-tab")])),
            Opener::Run(vec!["firefox".into(), "--new-tab".into()])
        );
        assert_eq!(
            opener("windows", env(&[("BROWSER", "'/opt/my browser/run'")])),
            Opener::Run(vec!["/opt/my browser/run".into()])
        );
        assert!(matches!(
            opener("linux", env(&[("BROWSER", "'unclosed")])),
            Opener::Not(_)
        ));
    }
}
