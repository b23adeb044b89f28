//! Integration tests: the real `jobctl` binary against the embedded simulator on
//! loopback, with a clean environment and a fresh HOME. One test binary (modules below)
//! keeps links short. The harness owns every child process: it states what each run must
//! print (anything not stated must be empty), checks on every run that the token and no
//! panic appear in what was printed, kills a child that hangs and any child a failing
//! test leaves behind, and lets tests wait on events (a line on a pipe, the simulator's
//! request log, a held simulator clock moved on by the test), never on time. Terminal
//! tests run jobctl on a pseudo-terminal of the test's own and read the screen with a
//! terminal emulator (`term.rs`). Beyond the Rust toolchain they need only what every
//! Unix has (`sh`, `kill`, `bash`), but for the opt-in tests ([`ONLINE_TESTS`]).
// The test crate as a whole is test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod any_job;
mod conveniences;
mod ecosystem;
mod events;
mod faults;
mod follow;
mod fuzz_seeds;
mod guards;
mod history;
mod kinds;
mod list;
mod logs;
mod logwire;
mod names;
mod queue;
mod queue_cache;
mod rerun;
mod run;
mod safety;
mod serve;
mod show;
mod term;
mod time;
mod top;
mod watch;
mod watch_history;

use std::ffi::OsStr;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
pub use term::{Key, Term};

use jobctl::sim::{Sim, SimServer};

/// The token every test server accepts; distinctive so a leak is easy to find.
pub const TOKEN: &str = "4242-777-SeCrEtToKeNvAlUeXyZ";

/// A child still running after this long is killed and the test fails as a hang. Not an
/// assertion on speed: only a bug takes this long.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

/// How long a test waits for an event on a child's output before it fails: generous, for
/// the same reason.
pub const EVENT_GUARD: Duration = Duration::from_secs(60);

/// Set to `1`, runs the tests that need the network or programs beyond the Rust toolchain
/// (`.ci/run` does); unset, each of them says it was skipped.
pub const ONLINE_TESTS: &str = "JOBCTL_ONLINE_TESTS";

/// Whether the opt-in test `name`, which needs `needs`, may run. When it may not, it says
/// so where a passing test's output is not hidden (straight to stderr, past the test
/// harness's capture), with the variable that enables it.
pub fn opted_in(name: &str, needs: &str) -> bool {
    if std::env::var_os(ONLINE_TESTS).is_some_and(|v| v == "1") {
        return true;
    }
    let note = format!("note: skipped {name} (needs {needs}); run it with {ONLINE_TESTS}=1\n");
    let _ = std::io::stderr().write_all(note.as_bytes());
    false
}

/// A simulator with no jobs, serving on loopback, accepting `TOKEN`.
pub fn server() -> SimServer {
    server_with(Sim::empty())
}

pub fn server_with(sim: Sim) -> SimServer {
    sim.set_token(TOKEN);
    SimServer::start_in_thread(sim).expect("start simulator")
}

/// Moves a held simulator clock ([`jobctl::sim::Sim::hold_clock`]) through `steps`: for
/// each `(id, status, by)`, waits until an answer showed job `id` in `status`, then moves
/// the clock on by `by`. So the client is served every state it must see, whatever the
/// machine's speed: a state lasts until the client saw it, not for so many milliseconds.
/// Every answer counts, so the client's first request must be its first look at the job
/// (`watch --kind storage`: no lookup of which kind the id is before it).
pub fn walk(s: &SimServer, steps: &[(u64, &str, Duration)]) {
    for &(id, status, by) in steps {
        s.sim()
            .wait_for_log(&format!("an answer with job {id} {status}"), |log| {
                log.iter()
                    .flat_map(|r| &r.served)
                    .any(|(job, st)| *job == id && st == status)
            });
        s.sim().advance_clock(by);
    }
}

/// Milliseconds since the Unix epoch on the wall clock (a simulator's clock unless held),
/// to date jobs from.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("read fixture")
}

/// A folder of its own under the system's temp dir, removed on drop (a failing test too).
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("jobctl-test-{}-{n}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create a temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one stream must hold. A stream with no expectation must be empty.
enum Check {
    Has(String),
    Equals(String),
    Satisfies(String, Box<dyn Fn(&str) -> bool + Send>),
    Any,
}

impl Check {
    /// `None` when it holds, else what failed.
    fn failure(&self, text: &str) -> Option<String> {
        match self {
            Check::Has(needle) => {
                (!text.contains(needle.as_str())).then(|| format!("lacks {needle:?}"))
            }
            Check::Equals(expected) => {
                (text != expected).then(|| format!("is not exactly {expected:?}"))
            }
            Check::Satisfies(what, pred) => (!pred(text)).then(|| format!("is not {what}")),
            Check::Any => None,
        }
    }
}

/// Called with the child's pid and each chunk it printed on stdout.
type Observer = Box<dyn FnMut(u32, &[u8]) + Send>;

/// A jobctl (or other program's) invocation being built, with what it must print.
#[must_use = "an invocation does nothing until .run() or .spawn()"]
pub struct Cmd {
    cmd: Command,
    label: String,
    stdin: Option<Vec<u8>>,
    code: Option<i32>,
    stdout: Vec<Check>,
    stderr: Vec<Check>,
    close_stdout_after: Option<usize>,
    observe_stdout: Option<Observer>,
    /// A file the child's stderr goes to instead of a pipe (a terminal's jobctl).
    stderr_file: Option<PathBuf>,
    home: Option<TempDir>,
    /// Run on a pseudo-terminal of this size instead of pipes.
    terminal: Option<Size>,
    /// The terminal's echo of control characters as `^C`, when set (the default is on).
    echoctl: Option<bool>,
}

/// What a finished invocation printed (already checked against its expectations).
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    label: String,
}

/// jobctl with an empty environment (PATH and a fresh HOME only) and no arguments yet.
pub fn jobctl_bare() -> Cmd {
    let home = TempDir::new("home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobctl"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path());
    Cmd::new(cmd, "jobctl", Some(home))
}

/// jobctl pointed at `server` with the test token in the environment.
pub fn jobctl(server: &SimServer) -> Cmd {
    jobctl_bare()
        .env("KBC_STORAGE_API_HOST", server.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
}

/// Another program (python, say) with the test process's environment, under the same
/// checks and guards as jobctl.
pub fn program(path: impl AsRef<OsStr>) -> Cmd {
    let path = path.as_ref();
    Cmd::new(Command::new(path), &path.to_string_lossy(), None)
}

/// jobctl with `args` on a terminal `cols` wide and 40 rows high (a pseudo-terminal of
/// the test's own): stdout is what the terminal received, stderr what jobctl wrote to its
/// stderr (a file, so not a terminal).
pub fn terminal(s: &SimServer, cols: u16, args: &str) -> Cmd {
    terminal_env(s, cols, "", args)
}

/// [`terminal`] with more variables in jobctl's environment (`vars`: `TZ=UTC JOBCTL_UTC=1`).
pub fn terminal_env(s: &SimServer, cols: u16, vars: &str, args: &str) -> Cmd {
    let dir = TempDir::new("terminal");
    let stderr_file = dir.join("stderr");
    // A shell only to send stderr to the file: a pseudo-terminal gives its child the
    // terminal on all three streams.
    let mut sh = Command::new("sh");
    sh.args(["-c", "f=$1; shift; exec \"$@\" 2>\"$f\"", "sh"])
        .arg(&stderr_file)
        .arg(env!("CARGO_BIN_EXE_jobctl"));
    let label = format!("jobctl {args} (on a terminal {cols} wide)");
    let mut c = with_server_env(
        on_terminal(sh, &label, Size { cols, rows: 40 }),
        s,
        dir.path(),
        vars,
    );
    for arg in shell_words::split(args).expect("terminal args in shell syntax") {
        c.cmd.arg(arg);
    }
    c.stderr_file = Some(stderr_file);
    c.home = Some(dir);
    c
}

/// jobctl with `args` alone on a terminal of `cols` x `rows` (stderr too, as a person
/// runs it), pointed at `s`; `vars` as for [`terminal_env`]. Start it with
/// [`Term::start`] to type keys and read the screen.
pub fn interactive(s: &SimServer, cols: u16, rows: u16, vars: &str, args: &str) -> Cmd {
    let home = TempDir::new("home");
    let mut c = on_terminal(
        Command::new(env!("CARGO_BIN_EXE_jobctl")),
        &format!("jobctl {args} (on a terminal {cols}x{rows})"),
        Size { cols, rows },
    );
    c = with_server_env(c, s, home.path(), vars);
    for arg in shell_words::split(args).expect("terminal args in shell syntax") {
        c.cmd.arg(arg);
    }
    c.home = Some(home);
    c
}

/// `cmd` to be run on a pseudo-terminal of `size`; labelled `label` in failures.
fn on_terminal(mut cmd: Command, label: &str, size: Size) -> Cmd {
    cmd.env_clear();
    let mut c = Cmd::new(cmd, label, None);
    c.terminal = Some(size);
    c
}

/// The environment of jobctl on a terminal: PATH, HOME, TERM, the server and the token,
/// and `vars` (`NAME=value` words).
fn with_server_env(c: Cmd, s: &SimServer, home: &Path, vars: &str) -> Cmd {
    let mut c = c
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("TERM", "xterm-256color")
        .env("KBC_STORAGE_API_HOST", s.url())
        .env("KBC_STORAGE_API_TOKEN", TOKEN);
    for var in vars.split_whitespace() {
        let (k, v) = var.split_once('=').expect("vars are NAME=value");
        c = c.env(k, v);
    }
    c
}

/// What a terminal showed, with its line ends made plain.
pub fn screen(out: &Out) -> String {
    out.stdout.replace("\r\n", "\n")
}

/// A terminal's size in character cells.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub cols: u16,
    pub rows: u16,
}

impl Size {
    fn pty(self) -> portable_pty::PtySize {
        portable_pty::PtySize {
            rows: self.rows,
            cols: self.cols,
            pixel_width: 0,
            pixel_height: 0,
        }
    }
}

impl Cmd {
    fn new(cmd: Command, label: &str, home: Option<TempDir>) -> Cmd {
        Cmd {
            cmd,
            label: label.to_owned(),
            stdin: None,
            code: None,
            stdout: Vec::new(),
            stderr: Vec::new(),
            close_stdout_after: None,
            observe_stdout: None,
            stderr_file: None,
            home,
            terminal: None,
            echoctl: None,
        }
    }

    /// On a terminal: whether it echoes a typed Ctrl-C as `^C` (`stty echoctl`).
    pub fn echoctl(mut self, on: bool) -> Cmd {
        self.echoctl = Some(on);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Cmd {
        for arg in args {
            self = self.arg(arg);
        }
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        let arg = arg.as_ref();
        self.label.push(' ');
        self.label.push_str(&arg.to_string_lossy());
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, k: &str, v: impl AsRef<OsStr>) -> Cmd {
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

    /// The exit code it must end with (0 unless stated).
    pub fn code(mut self, code: i32) -> Cmd {
        self.code = Some(code);
        self
    }

    pub fn stdout_has(mut self, needle: &str) -> Cmd {
        self.stdout.push(Check::Has(needle.to_owned()));
        self
    }

    pub fn stdout_eq(mut self, expected: impl Into<String>) -> Cmd {
        self.stdout.push(Check::Equals(expected.into()));
        self
    }

    /// stdout must satisfy `pred`; `what` says what that means, for the failure.
    pub fn stdout_is(mut self, what: &str, pred: impl Fn(&str) -> bool + Send + 'static) -> Cmd {
        self.stdout
            .push(Check::Satisfies(what.to_owned(), Box::new(pred)));
        self
    }

    /// stdout may hold anything: the test inspects it itself.
    pub fn stdout_any(mut self) -> Cmd {
        self.stdout.push(Check::Any);
        self
    }

    pub fn stderr_has(mut self, needle: &str) -> Cmd {
        self.stderr.push(Check::Has(needle.to_owned()));
        self
    }

    pub fn stderr_eq(mut self, expected: impl Into<String>) -> Cmd {
        self.stderr.push(Check::Equals(expected.into()));
        self
    }

    /// stderr must satisfy `pred`; `what` says what that means, for the failure.
    pub fn stderr_is(mut self, what: &str, pred: impl Fn(&str) -> bool + Send + 'static) -> Cmd {
        self.stderr
            .push(Check::Satisfies(what.to_owned(), Box::new(pred)));
        self
    }

    /// stderr may hold anything: the test inspects it itself.
    pub fn stderr_any(mut self) -> Cmd {
        self.stderr.push(Check::Any);
        self
    }

    /// Hangs up stdout once this many bytes were read (0: before jobctl writes), as
    /// `| head -c N` would; stdout is then what was read.
    pub fn close_stdout_after(mut self, bytes: usize) -> Cmd {
        self.close_stdout_after = Some(bytes);
        self
    }

    /// Calls `f(pid, chunk)` on the reading thread for every chunk read from stdout, while
    /// the child still runs (e.g. to sample its memory as it prints).
    pub fn observe_stdout(mut self, f: impl FnMut(u32, &[u8]) + Send + 'static) -> Cmd {
        self.observe_stdout = Some(Box::new(f));
        self
    }

    /// Runs to completion and checks everything (see [`Running::wait`]).
    pub fn run(self) -> Out {
        self.spawn().wait()
    }

    /// Starts the child with stdout and stderr read into buffers as it prints.
    pub fn spawn(mut self) -> Running {
        if let Some(size) = self.terminal {
            return self.spawn_on_terminal(size);
        }
        self.cmd.stdout(Stdio::piped());
        match &self.stderr_file {
            Some(_) => self.cmd.stderr(Stdio::null()),
            None => self.cmd.stderr(Stdio::piped()),
        };
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = self
            .cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.label));
        if let (Some(data), Some(mut stdin)) = (self.stdin.take(), child.stdin.take()) {
            // A child that exits without reading all of it closes the pipe: not an error.
            std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
        let pid = child.id();
        let streams = Arc::new(Streams::default());
        let mut readers = Vec::new();
        let stdout = child.stdout.take().expect("piped stdout");
        if self.close_stdout_after == Some(0) {
            drop(stdout);
            streams.lock().stdout_closed = true;
        } else {
            let (streams, limit, observe) = (
                streams.clone(),
                self.close_stdout_after,
                self.observe_stdout.take(),
            );
            readers.push(std::thread::spawn(move || {
                read_stdout(stdout, &streams, limit, observe, pid)
            }));
        }
        match child.stderr.take() {
            Some(stderr) => {
                let streams = streams.clone();
                readers.push(std::thread::spawn(move || read_stderr(stderr, &streams)));
            }
            None => streams.lock().stderr_closed = true,
        }
        Running {
            child: Some(Proc::Piped(child)),
            pid,
            streams,
            readers,
            started: Instant::now(),
            terminal: None,
            cmd: self,
        }
    }

    /// Starts the child on a pseudo-terminal of `size`, as its session leader (so that a
    /// Ctrl-C typed there is its SIGINT and a resize its SIGWINCH). What the terminal
    /// receives is read as stdout; stderr is the file it was sent to, if any.
    fn spawn_on_terminal(self, size: Size) -> Running {
        let pair = portable_pty::native_pty_system()
            .openpty(size.pty())
            .expect("open a pseudo-terminal");
        if let Some(on) = self.echoctl {
            set_echoctl(&*pair.master, on);
        }
        let mut builder = portable_pty::CommandBuilder::new(self.cmd.get_program());
        builder.args(self.cmd.get_args());
        builder.env_clear();
        for (k, v) in self.cmd.get_envs() {
            if let Some(v) = v {
                builder.env(k, v);
            }
        }
        if let Some(home) = &self.home {
            builder.cwd(home.path());
        }
        let child = pair
            .slave
            .spawn_command(builder)
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.label));
        // Only the child holds the terminal's other end: at its exit, reads end.
        drop(pair.slave);
        let pid = child.process_id().unwrap_or_default();
        let streams = Arc::new(Streams::default());
        streams.lock().stderr_closed = true;
        let reader = pair.master.try_clone_reader().expect("read the terminal");
        let keys = pair.master.take_writer().expect("write to the terminal");
        let readers = vec![{
            let streams = streams.clone();
            std::thread::spawn(move || read_terminal(reader, &streams))
        }];
        Running {
            child: Some(Proc::Terminal(child)),
            pid,
            streams,
            readers,
            started: Instant::now(),
            terminal: Some(TerminalEnd {
                master: pair.master,
                keys,
            }),
            cmd: self,
        }
    }
}

/// Sets the terminal's ECHOCTL flag through its other end (the flag belongs to the
/// terminal, so the child inherits it as `stty` would have set it).
fn set_echoctl(master: &dyn portable_pty::MasterPty, on: bool) {
    use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
    let name = master.tty_name().expect("the terminal's name");
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&name)
        .expect("open the terminal");
    let mut modes = tcgetattr(&tty).expect("the terminal's modes");
    modes.local_modes.set(LocalModes::ECHOCTL, on);
    tcsetattr(&tty, OptionalActions::Now, &modes).expect("set the terminal's modes");
}

/// Reads what the terminal shows until the child and all it started have closed it.
fn read_terminal(mut pipe: Box<dyn Read + Send>, streams: &Streams) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match pipe.read(&mut buf) {
            // EIO is how Linux says the other end closed.
            Ok(0) | Err(_) => break,
            Ok(n) => streams.update(|s| s.stdout.extend_from_slice(&buf[..n])),
        }
    }
    streams.update(|s| s.stdout_closed = true);
}

/// A child on pipes or on a pseudo-terminal.
enum Proc {
    Piped(Child),
    Terminal(Box<dyn portable_pty::Child + Send + Sync>),
}

impl Proc {
    /// The exit code, or `None` while it runs; a child ended by a signal has no code (-1).
    fn try_wait(&mut self) -> Option<i32> {
        match self {
            Proc::Piped(c) => c
                .try_wait()
                .expect("wait for the child")
                .map(|st| st.code().unwrap_or(-1)),
            Proc::Terminal(c) => c.try_wait().expect("wait for the child").map(|st| {
                if st.signal().is_some() {
                    -1
                } else {
                    i32::try_from(st.exit_code()).unwrap_or(-1)
                }
            }),
        }
    }

    fn kill(&mut self) {
        let _ = match self {
            Proc::Piped(c) => c.kill(),
            Proc::Terminal(c) => c.kill(),
        };
    }

    fn reap(&mut self) -> i32 {
        loop {
            if let Some(code) = self.try_wait() {
                return code;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// The test's end of a pseudo-terminal: to type on it and resize it.
struct TerminalEnd {
    master: Box<dyn portable_pty::MasterPty + Send>,
    keys: Box<dyn Write + Send>,
}

#[derive(Default)]
struct Streams {
    state: Mutex<StreamState>,
    changed: Condvar,
}

#[derive(Default)]
struct StreamState {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// At EOF, or hung up by the test.
    stdout_closed: bool,
    stderr_closed: bool,
}

impl Streams {
    fn lock(&self) -> MutexGuard<'_, StreamState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, f: impl FnOnce(&mut StreamState)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }
}

fn read_stdout(
    mut pipe: ChildStdout,
    streams: &Streams,
    limit: Option<usize>,
    mut observe: Option<Observer>,
    pid: u32,
) {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0;
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if let Some(f) = observe.as_mut() {
                    f(pid, &buf[..n]);
                }
                streams.update(|s| s.stdout.extend_from_slice(&buf[..n]));
                total += n;
                if limit.is_some_and(|l| total >= l) {
                    break;
                }
            }
        }
    }
    drop(pipe);
    streams.update(|s| s.stdout_closed = true);
}

fn read_stderr(mut pipe: ChildStderr, streams: &Streams) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => streams.update(|s| s.stderr.extend_from_slice(&buf[..n])),
        }
    }
    streams.update(|s| s.stderr_closed = true);
}

/// A running child. Dropping it (a failing test, say) kills it with SIGKILL and reaps it.
#[must_use = "a running child must be waited for, or it is killed when dropped"]
pub struct Running {
    child: Option<Proc>,
    pid: u32,
    streams: Arc<Streams>,
    readers: Vec<JoinHandle<()>>,
    started: Instant,
    /// Set when the child runs on a pseudo-terminal.
    terminal: Option<TerminalEnd>,
    cmd: Cmd,
}

/// Which of a child's streams.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Sends `signal` (`"INT"`, `"TERM"`, ...) to the child, which has not been reaped.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args(["-s", signal, &self.pid.to_string()])
            .status()
            .expect("run kill(1)");
        assert!(status.success(), "kill -s {signal} {}", self.pid);
    }

    /// Blocks until what `stream` printed so far satisfies `done`, and returns it. Fails,
    /// showing everything, when the stream ends first or after [`EVENT_GUARD`].
    pub fn wait_for(
        &self,
        stream: Stream,
        what: &str,
        mut done: impl FnMut(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + EVENT_GUARD;
        let mut st = self.streams.lock();
        loop {
            let (bytes, closed) = match stream {
                Stream::Stdout => (&st.stdout, st.stdout_closed),
                Stream::Stderr => (&st.stderr, st.stderr_closed),
            };
            let text = String::from_utf8_lossy(bytes);
            if done(&text) {
                return text.into_owned();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if closed || left.is_zero() {
                let why = if closed {
                    "it ended"
                } else {
                    "the guard ran out"
                };
                let out = self.snapshot(&st, None);
                drop(st);
                panic!("{stream:?} never showed {what} ({why}):\n{out}");
            }
            st = self
                .streams
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits for `needle` on stdout; returns stdout so far.
    pub fn wait_stdout_has(&self, needle: &str) -> String {
        self.wait_for(Stream::Stdout, &format!("{needle:?}"), |s| {
            s.contains(needle)
        })
    }

    /// Waits for `needle` on stderr; returns stderr so far.
    pub fn wait_stderr_has(&self, needle: &str) -> String {
        self.wait_for(Stream::Stderr, &format!("{needle:?}"), |s| {
            s.contains(needle)
        })
    }

    fn snapshot(&self, st: &StreamState, code: Option<i32>) -> Out {
        Out {
            code: code.unwrap_or(-1),
            stdout: String::from_utf8_lossy(&st.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&st.stderr).into_owned(),
            label: self.cmd.label.clone(),
        }
    }

    /// Waits for the child to end (killing it after [`HANG_GUARD`] as a hang) and checks
    /// its exit code (0 unless stated), stdout and stderr against what was stated (empty
    /// unless stated), that the token appears in neither and that nothing panicked.
    pub fn wait(mut self) -> Out {
        let deadline = self.started + HANG_GUARD;
        let mut hung = false;
        {
            let mut st = self.streams.lock();
            while !(st.stdout_closed && st.stderr_closed) {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    hung = true;
                    break;
                }
                st = self
                    .streams
                    .changed
                    .wait_timeout(st, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        let mut child = self.child.take().expect("a child not yet reaped");
        // Its pipes are closed, so it is ending: wait for the exit itself, still guarded.
        let code = loop {
            match child.try_wait() {
                Some(code) => break code,
                None if hung || Instant::now() >= deadline => {
                    hung = true;
                    child.kill();
                    break child.reap();
                }
                None => std::thread::sleep(Duration::from_millis(1)),
            }
        };
        for reader in self.readers.drain(..) {
            if !hung {
                let _ = reader.join();
            }
        }
        let mut out = self.snapshot(&self.streams.lock(), Some(code));
        if let Some(file) = &self.cmd.stderr_file {
            out.stderr = std::fs::read_to_string(file).unwrap_or_default();
        }
        assert!(!hung, "hung: killed after {HANG_GUARD:?}:\n{out}");
        out.check(&self.cmd);
        out
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill();
            child.reap();
        }
    }
}

impl Out {
    fn check(&self, cmd: &Cmd) {
        assert!(!self.stdout.contains(TOKEN), "the token on stdout:\n{self}");
        assert!(!self.stderr.contains(TOKEN), "the token on stderr:\n{self}");
        assert!(!self.stderr.contains("panicked"), "a panic:\n{self}");
        assert!(!self.stdout.contains("panicked"), "a panic:\n{self}");
        let code = cmd.code.unwrap_or(0);
        assert_eq!(
            self.code, code,
            "exit code {} instead of {code}:\n{self}",
            self.code
        );
        for (name, text, checks) in [
            ("stdout", &self.stdout, &cmd.stdout),
            ("stderr", &self.stderr, &cmd.stderr),
        ] {
            if checks.is_empty() {
                assert!(text.is_empty(), "{name} is not empty:\n{self}");
            }
            for check in checks {
                if let Some(failure) = check.failure(text) {
                    panic!("{name} {failure}:\n{self}");
                }
            }
        }
    }
}

/// Shows at most this much of a stream in a failure.
const SHOW: usize = 6000;

fn shown(text: &str) -> String {
    if text.len() <= SHOW {
        return text.to_owned();
    }
    let head = text.floor_char_boundary(SHOW / 2);
    let tail = text.ceil_char_boundary(text.len() - SHOW / 2);
    format!(
        "{}\n[... {} bytes left out ...]\n{}",
        &text[..head],
        tail - head,
        &text[tail..]
    )
}

impl fmt::Display for Out {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  command: {}", self.label.replace(TOKEN, "$TOKEN"))?;
        writeln!(f, "  exit code: {}", self.code)?;
        writeln!(
            f,
            "  stdout ({} bytes):\n{}",
            self.stdout.len(),
            shown(&self.stdout)
        )?;
        write!(
            f,
            "  stderr ({} bytes):\n{}",
            self.stderr.len(),
            shown(&self.stderr)
        )
    }
}

/// Fails when `text` (a terminal's screen, say) shows the token or a panic.
#[track_caller]
pub fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(TOKEN), "the token on {what}: {text}");
    assert!(!text.contains("panicked"), "a panic on {what}: {text}");
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
    jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["--help"])
        .stdout_has("124  a wait timed out")
        .stdout_has("KBC_STORAGE_API_TOKEN")
        .run();
}

#[test]
fn usage_errors_exit_2() {
    jobctl_bare()
        .args(["show", "abc"])
        .code(2)
        .stderr_has("not a job id")
        .run();
    jobctl_bare()
        .args(["show", "-5"])
        .code(2)
        .stderr_any()
        .run();
    jobctl_bare()
        .args(["show", "99999999999999999999999"])
        .code(2)
        .stderr_has("too large")
        .run();
    jobctl_bare()
        .args(["watch", "1", "--timeout", "soon"])
        .code(2)
        .stderr_has("invalid duration")
        .run();
    jobctl_bare()
        .args(["frobnicate"])
        .code(2)
        .stderr_any()
        .run();
    jobctl_bare()
        .args(["list", "--status", "cancelled"])
        .code(2)
        .stderr_has("invalid value 'cancelled'")
        .stderr_has("waiting, processing, success, error")
        .run();
    jobctl_bare()
        .args(["watch", "0"])
        .code(2)
        .stderr_has("job ids start at 1")
        .run();
}

#[test]
fn the_harness_fails_a_run_that_prints_what_was_not_stated() {
    let unstated = std::panic::catch_unwind(|| jobctl_bare().args(["--version"]).run());
    let message = unstated.expect_err("stdout was not stated, so it must be empty");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("stdout is not empty"), "{message}");
    assert!(message.contains("command: jobctl --version"), "{message}");
    let wrong_code =
        std::panic::catch_unwind(|| jobctl_bare().args(["frobnicate"]).stderr_any().run());
    assert!(wrong_code.is_err(), "exit code 2 is not the default 0");
}

#[test]
#[cfg(target_os = "linux")] // /proc tells a reaped child from a zombie.
fn a_dropped_child_is_killed_and_reaped() {
    let s = server();
    s.sim()
        .add_job(jobctl::sim::JobSpec::success(1, "tableImport").waiting(Duration::from_secs(600)));
    let running = jobctl(&s).args(["watch", "1"]).spawn();
    let pid = running.pid();
    s.wait_for_requests(1);
    assert!(Path::new(&format!("/proc/{pid}")).exists());
    drop(running);
    // Reaped, not a zombie: its /proc entry is gone at once (or is another process).
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    assert!(
        !String::from_utf8_lossy(&cmdline).contains("jobctl"),
        "{pid} is still there"
    );
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
