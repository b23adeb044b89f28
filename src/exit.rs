//! The exit code table (README, `--help`) and the one function that maps an error to a code.

use crate::client::ApiError;
use crate::lookup::{LookupError, Unavailable};

/// jobctl's exit codes. Keep in step with the README and `cli::EXIT_CODES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    JobFailed = 1,
    Usage = 2,
    NotFound = 3,
    Auth = 4,
    Api = 5,
    /// jobctl's own part failed: writing its output (a full disk), the embedded
    /// simulator, a task of its own.
    Local = 6,
    Timeout = 124,
    Interrupted = 130,
    Terminated = 143,
}

/// A bad value that only shows up after parsing (a token file that cannot be read, a
/// `--since` that is no date): exit 2 with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// jobctl's own part failed, not the API's (an internal task, a local resource): exit 6
/// with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LocalError(pub String);

/// The outcome has already been told to the user (a failed job, a timeout): exit with
/// this code and print nothing more.
#[derive(Debug, thiserror::Error)]
#[error("exit {0:?}")]
pub struct Reported(pub Exit);

/// The exit code for an error that ended a command.
pub fn code_for(err: &anyhow::Error) -> Exit {
    if let Some(Reported(code)) = err.downcast_ref() {
        return *code;
    }
    if err.downcast_ref::<UsageError>().is_some() {
        return Exit::Usage;
    }
    match err.downcast_ref::<LookupError>() {
        Some(LookupError::Neither { .. }) => return Exit::NotFound,
        Some(_) => return Exit::Usage,
        None => {}
    }
    if let Some(start) = err.downcast_ref::<crate::start::StartError>() {
        return start.exit();
    }
    if let Some(unavailable) = err.downcast_ref::<Unavailable>() {
        return unavailable.code;
    }
    // The client turns its own I/O into `ApiError`s, so an I/O error or a `LocalError`
    // anywhere in the chain is jobctl's side: stdout, a file, a listener.
    if err
        .chain()
        .any(|c| c.is::<LocalError>() || c.is::<std::io::Error>())
    {
        return Exit::Local;
    }
    match err.downcast_ref::<ApiError>() {
        Some(e) if e.is_not_found() => Exit::NotFound,
        Some(e) if e.is_auth() => Exit::Auth,
        Some(ApiError::Usage(_)) => Exit::Usage,
        Some(ApiError::Internal(_)) => Exit::Local,
        _ => Exit::Api,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_documented_codes() {
        let code = |e: anyhow::Error| code_for(&e) as i32;
        assert_eq!(code(Reported(Exit::Timeout).into()), 124);
        assert_eq!(code(UsageError("x".into()).into()), 2);
        assert_eq!(code(ApiError::NotFound { id: 4 }.into()), 3);
        let auth = ApiError::Http {
            status: 401,
            url: "u".into(),
            detail: String::new(),
            api_error: false,
        };
        assert_eq!(code(auth.into()), 4);
        let forbidden = ApiError::Http {
            status: 403,
            url: "u".into(),
            detail: String::new(),
            api_error: false,
        };
        assert_eq!(code(forbidden.into()), 4);
        let server = ApiError::Http {
            status: 500,
            url: "u".into(),
            detail: String::new(),
            api_error: false,
        };
        assert_eq!(code(server.into()), 5);
        let elsewhere = ApiError::NotKeboola {
            url: "u".into(),
            detail: "an HTML page".into(),
        };
        assert_eq!(code(elsewhere.into()), 5);
        assert_eq!(code(anyhow::anyhow!("anything else")), 5);
        assert_eq!(code(LocalError("a task failed".into()).into()), 6);
        assert_eq!(code(ApiError::Internal("a task failed".into()).into()), 6);
        let disk_full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(code(anyhow::Error::from(disk_full).context("writing")), 6);
        let wrapped = anyhow::Error::from(ApiError::NotFound { id: 1 }).context("while showing");
        assert_eq!(code(wrapped), 3);
    }
}
