//! The terminal while `top` runs: raw mode, the alternate screen, a hidden cursor, and the
//! way back on every path (drop, a panic through the hook; a signal ends the loop, which
//! drops the guard). Also the two escape sequences top writes itself: OSC 52 and OSC 9.

use std::io::{self, Write};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::render::notification;

pub type Screen = Terminal<CrosstermBackend<io::Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard {
    pub screen: Screen,
}

/// Switches to raw mode and the alternate screen. From here until the guard drops, a
/// panic restores the terminal before its message is printed.
pub fn enter() -> io::Result<Guard> {
    install_panic_hook();
    enable_raw_mode()?;
    let guard = |e: io::Error| {
        restore();
        e
    };
    // Cleared directly: ratatui's own clear asks the terminal where its cursor is, and a
    // terminal that does not answer would stall the start for seconds and fail it.
    execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All)).map_err(guard)?;
    let mut screen = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(guard)?;
    screen.hide_cursor().map_err(guard)?;
    Ok(Guard { screen })
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen, shows the cursor and ends raw mode; harmless when the
/// terminal is already restored.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, Show);
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            before(info);
        }));
    });
}

/// Puts `text` on the clipboard of the terminal (and of the machine it runs on, over ssh):
/// OSC 52.
pub fn copy(text: &str) {
    let mut out = io::stdout().lock();
    let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
    let _ = out.flush();
}

/// Rings the bell and sends a desktop notification (OSC 9).
pub fn notify(text: &str) {
    let mut out = io::stdout().lock();
    let _ = write!(out, "\x07\x1b]9;{}\x1b\\", notification(text));
    let _ = out.flush();
}

/// Standard base64 with padding: a few ids do not need a crate.
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_like_rfc_4648() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("1205330051", "MTIwNTMzMDA1MQ=="),
        ] {
            assert_eq!(base64(input.as_bytes()), want, "{input}");
        }
    }
}
