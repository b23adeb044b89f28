//! Integration tests: the real `jobctl` binary against the embedded simulator on
//! loopback, with a clean environment. One test binary (modules below) keeps links short.
//! Every run checks that the token appears nowhere in what jobctl printed.
// The test crate as a whole is test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ecosystem;
mod faults;
mod fuzz_seeds;
mod list;
mod safety;
mod serve;
mod show;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jobctl::sim::{Sim, SimServer};

/// The token every test server accepts; distinctive so a leak is easy to find.
pub const TOKEN: &str = "4242-777-SeCrEtToKeNvAlUeXyZ";

/// A simulator with no jobs, serving on loopback, accepting `TOKEN`.
pub fn server() -> SimServer {
    server_with(Sim::empty())
}

pub fn server_with(sim: Sim) -> SimServer {
    sim.set_token(TOKEN);
    SimServer::start_in_thread(sim).expect("start simulator")
}

pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("read fixture")
}

/// A jobctl invocation being built.
pub struct Cmd {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

/// What a finished invocation did.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// jobctl with an empty environment (PATH only) and no arguments yet.
pub fn jobctl_bare() -> Cmd {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobctl"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::null());
    Cmd { cmd, stdin: None }
}

/// jobctl pointed at `server` with the test token in the environment.
pub fn jobctl(server: &SimServer) -> Cmd {
    let mut c = jobctl_bare();
    c.cmd
        .env("KBC_STORAGE_API_HOST", server.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN);
    c
}

impl Cmd {
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(mut self, args: I) -> Cmd {
        self.cmd.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Cmd {
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, k: &str, v: impl AsRef<std::ffi::OsStr>) -> Cmd {
        self.cmd.env(k, v);
        self
    }

    pub fn env_remove(mut self, k: &str) -> Cmd {
        self.cmd.env_remove(k);
        self
    }

    pub fn stdin(mut self, data: &str) -> Cmd {
        self.stdin = Some(data.as_bytes().to_vec());
        self
    }

    /// Runs to completion (killed after 60 s so that a hang fails instead of blocking).
    pub fn run(mut self) -> Out {
        let started = Instant::now();
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        if self.stdin.is_some() {
            self.cmd.stdin(Stdio::piped());
        }
        let mut child = self.cmd.spawn().expect("spawn jobctl");
        if let Some(data) = self.stdin.take() {
            let mut stdin = child.stdin.take().expect("stdin");
            std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
        let pid = child.id();
        let watchdog = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
                if !alive(pid) {
                    return;
                }
            }
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        });
        let output = child.wait_with_output().expect("wait for jobctl");
        let _ = watchdog.join();
        let out = Out {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed: started.elapsed(),
        };
        assert!(!out.stdout.contains(TOKEN), "token on stdout: {out:?}");
        assert!(!out.stderr.contains(TOKEN), "token on stderr: {out:?}");
        assert!(!out.stderr.contains("panicked"), "panic: {out:?}");
        out
    }
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}/stat")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| !s.contains(") Z "))
            .unwrap_or(false)
}

impl Out {
    /// Asserts the exit code, showing everything on failure.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Out {
        assert_eq!(self.code, expected, "unexpected exit code: {self:#?}");
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Out {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Out {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Out {
        assert!(self.stdout.is_empty(), "stdout not empty: {self:#?}");
        self
    }
}

/// The server's job body with white space outside strings removed, computed here
/// independently of jobctl's own formatter.
pub fn minified(json: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn cli_help_lists_exit_codes_and_never_token_values() {
    let out = jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["--help"])
        .run();
    out.code(0)
        .stdout_has("124  a wait timed out")
        .stdout_has("KBC_STORAGE_API_TOKEN");
}

#[test]
fn usage_errors_exit_2() {
    jobctl_bare()
        .args(["show", "abc"])
        .run()
        .code(2)
        .stderr_has("not a job id");
    jobctl_bare().args(["show", "-5"]).run().code(2);
    jobctl_bare()
        .args(["show", "99999999999999999999999"])
        .run()
        .code(2)
        .stderr_has("too large");
    jobctl_bare()
        .args(["watch", "1", "--timeout", "soon"])
        .run()
        .code(2)
        .stderr_has("invalid duration");
    jobctl_bare().args(["frobnicate"]).run().code(2);
    jobctl_bare()
        .args(["list", "--status", "cancelled"])
        .run()
        .code(2)
        .stderr_has("invalid value 'cancelled'")
        .stderr_has("waiting, processing, success, error");
    jobctl_bare()
        .args(["watch", "0"])
        .run()
        .code(2)
        .stderr_has("job ids start at 1");
}

/// jobctl with `args` on a real terminal `cols` wide (util-linux `script`), as a command
/// whose stdout is what the terminal receives (stderr is left out). `script` comes with
/// util-linux, on every Debian machine.
pub fn terminal_command(s: &SimServer, cols: u16, args: &str) -> Command {
    let inner = format!(
        "stty rows 40 cols {cols}; env -i PATH=\"$PATH\" TERM=xterm-256color \
         KBC_STORAGE_API_HOST={} KBC_STORAGE_API_TOKEN={TOKEN} {} {args} 2>/dev/null",
        s.url(),
        env!("CARGO_BIN_EXE_jobctl"),
    );
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &inner, "/dev/null"]).stdin(Stdio::null());
    cmd
}

/// Runs [`terminal_command`]: its exit code and what the terminal received.
pub fn on_terminal(s: &SimServer, cols: u16, args: &str) -> (Option<i32>, String) {
    let out = terminal_command(s, cols, args)
        .output()
        .expect("script(1) from util-linux");
    let screen = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    (out.status.code(), screen)
}

/// Display width without colour sequences.
pub fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            width += 1;
        }
    }
    width
}
