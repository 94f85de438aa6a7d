//! Errors a user can act on: a message naming what was wrong, plus an optional hint saying how to
//! fix it. Everything that ends a run with exit code 2 is an `anyhow::Error`; when its root is a
//! [`UserError`], `main` prints the hint on a second line. This module does not decide exit codes
//! (see `exit_codes`); quoting what the user typed is `shown::quoting`'s.

use std::fmt;

/// A message for the user and, optionally, what to do about it.
#[derive(Debug)]
pub struct UserError {
    message: String,
    hint: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// The suggestion printed after the message, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// Shorthand for returning a [`UserError`] as an `anyhow::Error`.
pub fn user_error(message: impl Into<String>) -> anyhow::Error {
    UserError::new(message).into()
}

/// Shorthand for returning a [`UserError`] with a hint as an `anyhow::Error`.
pub fn user_error_with_hint(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    UserError::with_hint(message, hint).into()
}
