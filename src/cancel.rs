//! The one place that catches SIGINT (Ctrl-C) and SIGTERM. The handlers are installed once,
//! before any command runs, and the first signal is kept: a command asks a [`Cancel`]
//! handle whether (or waits until) it should stop, so no signal is lost between two waits.

use std::io;

use tokio::sync::watch;

use crate::exit::Exit;

/// A cheap, cloneable view of "has the user asked jobctl to stop, and how".
#[derive(Clone)]
pub struct Cancel {
    signalled: watch::Receiver<Option<Exit>>,
}

impl Cancel {
    /// Installs the signal handlers; must run inside the tokio runtime. From here on a
    /// signal no longer ends the process by itself: it is recorded for [`Cancel::requested`].
    pub fn install() -> io::Result<Cancel> {
        let (tx, signalled) = watch::channel(None);
        let first = first_signal()?;
        tokio::spawn(async move {
            let exit = first.await;
            let _ = tx.send(Some(exit));
            // The sender stays alive for as long as the program runs, so that waiting
            // handles are not woken by its drop; later signals keep the first one's code.
            std::future::pending::<()>().await;
        });
        Ok(Cancel { signalled })
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

/// Registers both handlers now and returns a future of the first signal's exit code.
fn first_signal() -> io::Result<impl Future<Output = Exit> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = int.recv() => Exit::Interrupted,
                _ = term.recv() => Exit::Terminated,
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            Exit::Interrupted
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_recorded_signal_is_seen_by_every_later_wait() {
        let (tx, signalled) = watch::channel(None);
        let cancel = Cancel { signalled };
        tx.send(Some(Exit::Terminated)).unwrap();
        // Handles made or asked after the signal still see it, any number of times.
        let later = cancel.clone();
        assert_eq!(later.requested().await, Exit::Terminated);
        assert_eq!(later.requested().await, Exit::Terminated);
    }
}
