//! Why a request cannot become a token's scope, as a value: [`ScopeError`], carrying the raw
//! values it refused. Its `Display` reads well to a library caller (values quoted as Rust
//! strings); the binary words the same cases with its own quoting, option names and hints
//! (`worded`, `commands::options::scopes`). Deciding *whether* something is wrong is `scope`'s
//! job.

use std::fmt;

use super::user_id::UserIdProblem;

/// A value as a library caller reads it in a message: a Rust string literal.
fn quoted(value: &str) -> String {
    format!("{value:?}")
}

/// Longest scope string accepted: tokens travel in an HTTP header, commonly capped at 8 KiB.
pub const MAX_SCOPE_BYTES: usize = 6 * 1024;

/// Why a scope string could not be written for a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeProblem {
    /// The result would be this many bytes, more than [`MAX_SCOPE_BYTES`].
    TooLong(usize),
    /// The user id already starts with `user_id:`.
    UserIdIsAScope,
}

impl std::fmt::Display for ScopeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScopeProblem::TooLong(_) => write!(
                f,
                "the scope for this user id is longer than {MAX_SCOPE_BYTES} bytes"
            ),
            ScopeProblem::UserIdIsAScope => {
                f.write_str("the user id already starts with user_id:; give the id alone")
            }
        }
    }
}

/// Why a scope request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeError {
    /// Neither user ids nor scopes: nothing to put in the token.
    Empty,
    /// A scope that only makes sense for a user (an Inbox scope), with no user.
    NoUserFor(String),
    /// Only `user_id:` scopes: the token would grant nothing.
    OnlyUserIds,
    /// A user id that cannot be written in a scope string.
    BadUserId {
        user_id: String,
        problem: UserIdProblem,
    },
    /// A user id already written as a scope (`user_id:alice`); `bare` is the id alone.
    UserIdWithPrefix { user_id: String, bare: String },
    /// A scope holding a control character.
    ControlCharacter { scope: String, character: char },
    /// A scope not in Courier's catalogue. `spaced` is the same text split at commas, when it
    /// holds any; `near` a documented scope it may be a typo of.
    Unknown {
        scope: String,
        spaced: Option<String>,
        near: Option<String>,
    },
    /// The scope string could not be written (too long, or a user id written as a scope).
    Unwritable(ScopeProblem),
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeError::Empty => f.write_str("a token needs a user and scopes: none were given"),
            ScopeError::NoUserFor(scope) => {
                write!(f, "{scope} with no user: the token would be for nobody")
            }
            ScopeError::OnlyUserIds => f.write_str(
                "user_id:<id> must come with other scopes; the token would grant nothing",
            ),
            ScopeError::BadUserId { user_id, problem } => {
                write!(f, "{problem} ({})", quoted(user_id))
            }
            ScopeError::UserIdWithPrefix { user_id, .. } => write!(
                f,
                "the user id {} already starts with user_id:",
                quoted(user_id)
            ),
            ScopeError::ControlCharacter { scope, character } => write!(
                f,
                "the scope {} contains a control character (U+{:04X})",
                quoted(scope),
                *character as u32
            ),
            ScopeError::Unknown { scope, .. } => write!(f, "unknown scope {}", quoted(scope)),
            ScopeError::Unwritable(ScopeProblem::TooLong(length)) => write!(
                f,
                "the scope string is {length} bytes, more than {MAX_SCOPE_BYTES}"
            ),
            ScopeError::Unwritable(problem) => problem.fmt(f),
        }
    }
}

impl std::error::Error for ScopeError {}
