//! A person at a terminal: jobctl on a pseudo-terminal of the test's own, its screen read
//! by a terminal emulator (vt100) as it prints — text, colours, the alternate screen, the
//! cursor, the bell — keys typed and resizes made as a person would. Every wait is on what
//! the terminal received, never on a timer. Needs nothing outside the test process.

use std::io::Write;
use std::time::Instant;

use super::*;

/// Keys as a terminal sends them.
pub struct Key;

impl Key {
    pub const CTRL_C: &'static str = "\x03";
    pub const ENTER: &'static str = "\r";
    pub const ESCAPE: &'static str = "\x1b";
    pub const PAGE_DOWN: &'static str = "\x1b[6~";
}

/// What the emulator saw besides the screen.
#[derive(Default)]
struct Events {
    bells: usize,
}

impl vt100::Callbacks for Events {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
}

/// A child on a pseudo-terminal, and the emulator that shows what it printed.
pub struct Term {
    run: Option<Running>,
    parser: vt100::Parser<Events>,
    /// How many bytes of what the terminal received the emulator has seen.
    fed: usize,
}

impl Term {
    /// Starts `cmd`, made by [`interactive`] (or any command on a terminal). What it must
    /// end with (its exit code) is stated on `cmd`, as for any run.
    pub fn start(cmd: Cmd) -> Term {
        Term::start_below(cmd, "")
    }

    /// [`Term::start`] on a terminal that already shows `above` (a line a shell printed,
    /// say): what the child draws begins below it, as it would after a prompt.
    pub fn start_below(cmd: Cmd, above: &str) -> Term {
        let size = cmd.terminal.expect("a command made to run on a terminal");
        let mut parser = vt100::Parser::new_with_callbacks(
            cells(size.rows),
            cells(size.cols),
            0,
            Events::default(),
        );
        if !above.is_empty() {
            parser.process(format!("{above}\r\n").as_bytes());
        }
        Term {
            run: Some(cmd.stdout_any().spawn()),
            parser,
            fed: 0,
        }
    }

    fn running(&self) -> &Running {
        self.run.as_ref().expect("still running")
    }

    pub fn pid(&self) -> u32 {
        self.running().pid()
    }

    /// Sends `signal` (`"TERM"`, ...) to the child.
    pub fn signal(&self, signal: &str) {
        self.running().signal(signal);
    }

    /// Types `keys` (see [`Key`] for the special ones).
    pub fn keys(&mut self, keys: &str) {
        let end = self.run.as_mut().and_then(|r| r.terminal.as_mut());
        let end = end.expect("a terminal to type on");
        end.keys
            .write_all(keys.as_bytes())
            .expect("type on the terminal");
        end.keys.flush().expect("type on the terminal");
    }

    /// Makes the terminal `cols` x `rows`: the child gets SIGWINCH, and what it prints
    /// from now on is shown at the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.feed();
        let size = Size { cols, rows };
        let end = self.run.as_ref().and_then(|r| r.terminal.as_ref());
        end.expect("a terminal to resize")
            .master
            .resize(size.pty())
            .expect("resize the terminal");
        self.parser.screen_mut().set_size(cells(rows), cells(cols));
    }

    /// Feeds the emulator what arrived since; returns whether the terminal was closed.
    fn feed(&mut self) -> bool {
        let Some(run) = self.run.as_ref() else {
            return true;
        };
        let st = run.streams.lock();
        self.parser.process(&st.stdout[self.fed..]);
        self.fed = st.stdout.len();
        st.stdout_closed
    }

    /// The screen as text: one line a row, without trailing blanks.
    pub fn screen(&mut self) -> String {
        self.feed();
        let text = screen_text(self.parser.screen());
        assert_clean("the screen", &text);
        text
    }

    /// Everything the terminal received so far, escape sequences included.
    pub fn raw(&self) -> String {
        let st = self.running().streams.lock();
        String::from_utf8_lossy(&st.stdout).into_owned()
    }

    /// Whether the alternate screen is on, and whether the cursor is visible.
    pub fn modes(&mut self) -> (bool, bool) {
        self.feed();
        let screen = self.parser.screen();
        (screen.alternate_screen(), !screen.hide_cursor())
    }

    /// Whether any character on the screen has a foreground colour of its own.
    pub fn coloured(&mut self) -> bool {
        self.feed();
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                screen
                    .cell(r, c)
                    .is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)
            })
        })
    }

    /// How many times the bell rang.
    pub fn bells(&mut self) -> usize {
        self.feed();
        self.parser.callbacks().bells
    }

    /// Waits until the screen shows `needle`; returns the screen.
    pub fn wait_for(&mut self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |screen| screen.contains(needle))
    }

    /// Waits until `done` holds for the screen; returns the screen. Fails, showing the
    /// screen, when the child closes the terminal first or after [`EVENT_GUARD`].
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + EVENT_GUARD;
        loop {
            let closed = self.feed();
            let screen = screen_text(self.parser.screen());
            if done(&screen) {
                assert_clean("the terminal", &self.raw());
                return screen;
            }
            self.block(deadline, closed, || format!("{what}:\n{screen}"));
        }
    }

    /// Waits until the terminal has received `needle` (bytes as sent, escape sequences
    /// included: an OSC sequence, say).
    pub fn wait_printed(&mut self, needle: &str) {
        let deadline = Instant::now() + EVENT_GUARD;
        loop {
            let closed = self.feed();
            let raw = self.raw();
            if raw.contains(needle) {
                assert_clean("the terminal", &raw);
                return;
            }
            self.block(deadline, closed, || {
                format!("the bytes {needle:?}:\n{raw:?}")
            });
        }
    }

    /// Blocks until the terminal receives more, failing with `what` when it was closed or
    /// the guard ran out.
    fn block(&self, deadline: Instant, closed: bool, what: impl Fn() -> String) {
        let left = deadline.saturating_duration_since(Instant::now());
        if closed || left.is_zero() {
            let why = if closed {
                "it ended"
            } else {
                "the guard ran out"
            };
            panic!("the terminal never showed ({why}) {}", what());
        }
        let run = self.running();
        let st = run.streams.lock();
        if st.stdout.len() == self.fed && !st.stdout_closed {
            drop(
                run.streams
                    .changed
                    .wait_timeout(st, left)
                    .unwrap_or_else(PoisonError::into_inner),
            );
        }
    }

    /// Waits for the child to end and checks it as any run (its exit code above all);
    /// returns what it printed and the screen it left, with the terminal's modes.
    pub fn wait(mut self) -> Ended {
        let run = self.run.take().expect("still running");
        let streams = run.streams.clone();
        let out = run.wait();
        self.parser.process(&streams.lock().stdout[self.fed..]);
        let screen = self.parser.screen();
        Ended {
            screen: screen_text(screen),
            alternate: screen.alternate_screen(),
            cursor_visible: !screen.hide_cursor(),
            bells: self.parser.callbacks().bells,
            out,
        }
    }
}

/// What a child on a terminal left when it ended.
pub struct Ended {
    pub out: Out,
    pub screen: String,
    pub alternate: bool,
    pub cursor_visible: bool,
    pub bells: usize,
}

/// A size in cells, at least 1.
fn cells(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal at least 1 cell wide and high")
}

fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let rows: Vec<String> = screen
        .rows(0, cols.get())
        .map(|row| row.trim_end().to_owned())
        .collect();
    rows.join("\n")
}

#[test]
fn the_terminal_harness_reads_the_screen_and_fails_on_what_never_shows() {
    let s = server();
    let version = || Term::start(interactive(&s, 40, 5, "", "--version"));
    let mut term = version();
    let screen = term.wait_for("jobctl ");
    assert!(screen.starts_with("jobctl "), "{screen:?}");
    let ended = term.wait();
    assert_eq!(
        (ended.alternate, ended.cursor_visible, ended.bells),
        (false, true, 0)
    );
    // The child ends without showing it: a failure naming what was awaited, not a hang.
    let never = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        version().wait_for("not printed");
    }));
    let message = never.expect_err("the screen never shows it");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("the terminal never showed"), "{message}");
    assert!(message.contains("not printed"), "{message}");
}
