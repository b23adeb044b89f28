//! The stdout writer: buffered for speed, but it only ever hands whole lines to the
//! kernel, so a reader never sees half a JSON line, even when jobctl is stopped by a
//! signal between flushes. Every line passes one guard on its way out: a line that a CI
//! runner would take for a workflow command (`::...`) is escaped (see [`data_line`]).

use std::borrow::Cow;
use std::io::{self, Write};

use crate::render::data_line;

const CAPACITY: usize = 64 * 1024;

pub struct DataWriter<W: Write = io::Stdout> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> DataWriter<W> {
    pub fn new(inner: W) -> DataWriter<W> {
        DataWriter {
            inner,
            buf: Vec::with_capacity(CAPACITY),
        }
    }

    /// Writes out every complete line buffered so far, keeping a trailing partial line.
    fn write_lines(&mut self) -> io::Result<()> {
        if let Some(end) = self.buf.iter().rposition(|&b| b == b'\n') {
            self.inner
                .write_all(&guard_lines(&self.buf[..=end]))
                .map_err(named)?;
            self.buf.drain(..=end);
        }
        Ok(())
    }
}

/// `text` with every line that would start a workflow command escaped; borrowed when no
/// line needs it (the usual case: a quick scan for `::`).
fn guard_lines(text: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memmem::find(text, b"::").is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 16);
    for line in text.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(line) => out.extend_from_slice(data_line(line).as_bytes()),
            // Not UTF-8 (a `--jq` string of raw bytes): only ASCII blanks count.
            Err(_) => {
                let blank = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
                if line[blank..].starts_with(b"::") {
                    out.extend_from_slice(&line[..blank]);
                    out.push(b'\\');
                    out.extend_from_slice(&line[blank..]);
                } else {
                    out.extend_from_slice(line);
                }
            }
        }
    }
    Cow::Owned(out)
}

impl<W: Write> Write for DataWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CAPACITY {
            self.write_lines()?;
        }
        Ok(data.len())
    }

    /// Writes everything, a final partial line included.
    fn flush(&mut self) -> io::Result<()> {
        self.inner
            .write_all(&guard_lines(&self.buf))
            .map_err(named)?;
        self.buf.clear();
        self.inner.flush().map_err(named)
    }
}

/// Says where a write failed (`No space left on device` alone names nothing); the kind is
/// kept, so a closed pipe is still recognised as one.
fn named(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

impl<W: Write> Drop for DataWriter<W> {
    /// An unflushed writer is one whose command was cut short: only whole lines go out.
    fn drop(&mut self) {
        let _ = self.write_lines();
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_lines_leave_before_a_flush() {
        let mut sink = Vec::new();
        {
            let mut w = DataWriter::new(&mut sink);
            let line = format!("{}\n", "x".repeat(1000));
            for _ in 0..100 {
                w.write_all(line.as_bytes()).unwrap();
            }
            w.write_all(b"{\"half\":").unwrap();
        }
        assert_eq!(sink.len(), 100 * 1001);
        assert!(sink.ends_with(b"x\n"));
    }

    #[test]
    fn flush_writes_everything() {
        let mut sink = Vec::new();
        {
            let mut w = DataWriter::new(&mut sink);
            w.write_all(b"a\nb").unwrap();
            w.flush().unwrap();
        }
        assert_eq!(sink, b"a\nb");
    }

    #[test]
    fn no_line_leaves_as_a_workflow_command() {
        let mut sink = Vec::new();
        {
            let mut w = DataWriter::new(&mut sink);
            w.write_all(b"1\t::stop-commands::x\n::error::y\n  ::warning::z\na::b\n")
                .unwrap();
            w.write_all(b"\xff::bytes\n::last").unwrap();
            w.flush().unwrap();
        }
        assert_eq!(
            sink,
            b"1\t::stop-commands::x\n\\::error::y\n  \\::warning::z\na::b\n\xff::bytes\n\\::last"
        );
    }
}
