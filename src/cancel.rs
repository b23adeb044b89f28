//! The one place that catches SIGINT (Ctrl-C) and SIGTERM. The handlers are installed once,
//! before any command runs, and the first signal is kept: a command asks a [`Cancel`]
//! handle whether (or waits until) it should stop, so no signal is lost between two waits.
//! Work that cannot wait (a CPU-bound loop, a jq program) is not trusted to look: a
//! command still running [`GRACE`] after the first signal is ended by force, and a second
//! signal ends jobctl at once, both with the first signal's code.

use std::io;
use std::time::Duration;

use tokio::sync::watch;

use crate::exit::Exit;

/// How long a command has after the first signal to stop by itself (say which jobs still
/// run, restore the terminal) before jobctl ends it by force.
pub const GRACE: Duration = Duration::from_secs(2);

/// A cheap, cloneable view of "has the user asked jobctl to stop, and how".
#[derive(Clone)]
pub struct Cancel {
    signalled: watch::Receiver<Option<Exit>>,
}

impl Cancel {
    /// Installs the signal handlers; must run inside the tokio runtime. From here on a
    /// signal no longer ends the process by itself: it is recorded for [`Cancel::requested`].
    ///
    /// `forced`: end a command still running [`GRACE`] after the first signal (not for
    /// `serve`, whose stop may wait on its connections). A second signal ends jobctl at
    /// once either way.
    pub fn install(forced: bool) -> io::Result<Cancel> {
        let (tx, signalled) = watch::channel(None);
        let mut signals = signals()?;
        tokio::spawn(async move {
            let Some(exit) = signals.recv().await else {
                return std::future::pending().await;
            };
            let _ = tx.send(Some(exit));
            // This task runs on a worker thread of its own, so it acts even while the
            // command's thread is busy. The sender stays alive for as long as the program
            // runs, so that waiting handles are not woken by its drop.
            until_forced(signals.recv(), forced).await;
            end_now(exit);
        });
        Ok(Cancel { signalled })
    }

    /// A handle that sees `exit` as already signalled (or never a signal), for tests.
    #[cfg(test)]
    pub(crate) fn fake(exit: Option<Exit>) -> Cancel {
        Cancel {
            signalled: watch::channel(exit).1,
        }
    }

    /// The exit code of the signal that asked jobctl to stop, if one has: for loops that
    /// do not wait on anything to look between steps.
    pub fn now(&self) -> Option<Exit> {
        *self.signalled.borrow()
    }

    /// Resolves with the exit code (130 for SIGINT, 143 for SIGTERM) once a signal has
    /// arrived, at once when one already has.
    pub async fn requested(&self) -> Exit {
        let mut rx = self.signalled.clone();
        loop {
            if let Some(exit) = *rx.borrow_and_update() {
                return exit;
            }
            if rx.changed().await.is_err() {
                return std::future::pending().await;
            }
        }
    }
}

/// Why [`Cancel::unless_stopped`] cut its work short.
pub enum Cut {
    /// A signal: exit with this code.
    Signal(Exit),
    /// The deadline passed.
    Deadline,
}

impl Cut {
    /// The exit code of work cut short: the signal's, or 124 for the deadline.
    pub fn exit(&self) -> Exit {
        match self {
            Cut::Signal(exit) => *exit,
            Cut::Deadline => Exit::Timeout,
        }
    }
}

impl Cancel {
    /// Runs `work` unless a signal or the deadline (if any) comes first. A signal that came
    /// while the caller was busy (a write blocked on a full pipe) wins before more work
    /// starts.
    pub async fn unless_stopped<T>(
        &self,
        deadline: Option<std::time::Instant>,
        work: impl Future<Output = T>,
    ) -> Result<T, Cut> {
        let timeout = async {
            match deadline {
                Some(d) => tokio::time::sleep_until(d.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            exit = self.requested() => Err(Cut::Signal(exit)),
            _ = timeout => Err(Cut::Deadline),
            value = work => Ok(value),
        }
    }
}

/// After the first signal: resolves when jobctl must end by force, at the `second` signal
/// or, when `forced`, [`GRACE`] later.
async fn until_forced(second: impl Future<Output = Option<Exit>>, forced: bool) {
    let deadline = async {
        match forced {
            true => tokio::time::sleep(GRACE).await,
            false => std::future::pending().await,
        }
    };
    tokio::select! {
        Some(_) = second => {}
        _ = deadline => {}
    }
}

/// Ends the process with `exit`'s code: what a second signal, or a command that did not
/// stop within [`GRACE`], gets. Whole lines already written are out (stdout is written a
/// line at a time); nothing else is cleaned up.
fn end_now(exit: Exit) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::process::exit(exit as i32)
}

/// SIGINT and SIGTERM, registered now, as a stream of the exit codes they ask for.
struct Signals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Signals {
    async fn recv(&mut self) -> Option<Exit> {
        #[cfg(unix)]
        {
            tokio::select! {
                s = self.int.recv() => s.map(|_| Exit::Interrupted),
                s = self.term.recv() => s.map(|_| Exit::Terminated),
            }
        }
        #[cfg(not(unix))]
        {
            tokio::signal::ctrl_c()
                .await
                .ok()
                .map(|_| Exit::Interrupted)
        }
    }
}

fn signals() -> io::Result<Signals> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }
    #[cfg(not(unix))]
    {
        Ok(Signals {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_second_signal_forces_the_end_at_once_with_or_without_a_grace() {
        let second = async { Some(Exit::Interrupted) };
        until_forced(second, false).await;
        until_forced(async { Some(Exit::Terminated) }, true).await;
        // Without a second signal and without force (serve), nothing ends jobctl.
        let waiting = until_forced(std::future::pending(), false);
        assert!(tokio::time::timeout(Duration::ZERO, waiting).await.is_err());
    }

    #[tokio::test]
    async fn a_recorded_signal_is_seen_by_every_later_wait() {
        let (tx, signalled) = watch::channel(None);
        let cancel = Cancel { signalled };
        tx.send(Some(Exit::Terminated)).unwrap();
        // Handles made or asked after the signal still see it, any number of times.
        let later = cancel.clone();
        assert_eq!(later.requested().await, Exit::Terminated);
        assert_eq!(later.requested().await, Exit::Terminated);
        assert_eq!(later.now(), Some(Exit::Terminated));
    }
}
