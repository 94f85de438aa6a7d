//! Errors a user can act on: a message naming what was wrong, plus an optional hint saying how to
//! fix it. Everything that ends a run with exit code 2 is an `anyhow::Error`; when its root is a
//! [`UserError`], `main` prints the hint on a second line. This module does not decide exit codes
//! (see `exit_codes`).

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use crate::shown::printable::printable;
use crate::shown::secret_echo::{holds_secret, WITHHELD};

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

/// Longest stretch of a user's input echoed back in an error; longer input is cut so that a
/// 100 KB argument still gives a one-line error a person can read.
const MAX_ECHO_CHARS: usize = 64;

/// `text` quoted for an error message (`"abc"`), with everything a terminal would act on or
/// hide escaped (the one rule of `printable`, on top of Rust's string escapes), shortened with
/// its size when long: `"aaaa…" (100000 bytes)`. Text that holds the API key
/// (`secret_echo::holds_secret`) is never quoted: [`WITHHELD`] stands in for it.
pub fn quoted(text: &str) -> String {
    if holds_secret(text) {
        return WITHHELD.to_string();
    }
    let shown = match text.char_indices().nth(MAX_ECHO_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => {
            let shown = format!("{:?}", &text[..cut]);
            let open = &shown[..shown.len() - 1];
            format!("{open}…\" ({} bytes)", text.len())
        }
    };
    printable(&shown).into_owned()
}

/// `text` as an error shows it without quotes of its own (clap adds them): [`WITHHELD`] when
/// it holds the API key, else cut at 64 characters (`…` marks the cut) and escaped as
/// `printable` does.
pub fn echoed(text: &str) -> String {
    if holds_secret(text) {
        return WITHHELD.to_string();
    }
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        None => printable(text).into_owned(),
        Some((cut, _)) => format!("{}…", printable(&text[..cut])),
    }
}

/// A path the user gave, for an error or a note: as it is when it is short and plain
/// (`./key`), else [`quoted`]; never when it holds the API key.
pub fn shown_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = text.chars().count() <= MAX_ECHO_CHARS
        && !text.contains(['"', '\\'])
        && matches!(printable(&text), Cow::Borrowed(_));
    if plain && !holds_secret(&text) {
        text.into_owned()
    } else {
        quoted(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_short_text_whole_and_long_text_cut() {
        assert_eq!(quoted("a\u{1}b"), "\"a\\u{1}b\"");
        let long = "x".repeat(100_000);
        let shown = quoted(&long);
        assert!(shown.len() < 100, "{shown}");
        assert!(shown.ends_with("…\" (100000 bytes)"), "{shown}");
        let wide = "é".repeat(65);
        assert!(quoted(&wide).ends_with("…\" (130 bytes)"));
    }
}
