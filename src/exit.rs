//! The exit code table (README, `--help`) and the one function that maps an error to a code.

use crate::client::ApiError;

/// jobctl's exit codes. Keep in step with the README and `cli::EXIT_CODES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    JobFailed = 1,
    Usage = 2,
    NotFound = 3,
    Auth = 4,
    Api = 5,
    Timeout = 124,
    Interrupted = 130,
    Terminated = 143,
}

/// A bad value that only shows up after parsing (a token file that cannot be read, a
/// `--since` that is no date): exit 2 with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

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
    match err.downcast_ref::<ApiError>() {
        Some(e) if e.is_not_found() => Exit::NotFound,
        Some(e) if e.is_auth() => Exit::Auth,
        Some(ApiError::Usage(_)) => Exit::Usage,
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
        };
        assert_eq!(code(auth.into()), 4);
        let forbidden = ApiError::Http {
            status: 403,
            url: "u".into(),
            detail: String::new(),
        };
        assert_eq!(code(forbidden.into()), 4);
        let server = ApiError::Http {
            status: 500,
            url: "u".into(),
            detail: String::new(),
        };
        assert_eq!(code(server.into()), 5);
        assert_eq!(code(anyhow::anyhow!("anything else")), 5);
        let wrapped = anyhow::Error::from(ApiError::NotFound { id: 1 }).context("while showing");
        assert_eq!(code(wrapped), 3);
    }
}
