//! The core crate's typed errors worded for people, the binary's way: values quoted by
//! `error::quoted` (the API key withheld, terminal controls escaped, long text cut) and instants
//! shown in the zone the user chose (`clock::describe_instant`). The core crate
//! (`courier_inbox_auth`) decides what went wrong and never quotes or formats a date itself;
//! this module is the one place its errors become the binary's sentences.

use crate::clock::describe_instant;
use crate::error::quoted;
use crate::scope::ScopeError;
use crate::token::{Detail, Rejection};

/// A core value as the binary shows it to people.
pub trait Worded {
    /// The sentence, with the binary's quoting and time zone.
    fn worded(&self) -> String;
}

impl Worded for Detail {
    fn worded(&self) -> String {
        self.render(quoted, describe_instant)
    }
}

impl Worded for Rejection {
    fn worded(&self) -> String {
        self.detail.worded()
    }
}

impl Worded for ScopeError {
    fn worded(&self) -> String {
        match self {
            ScopeError::BadUserId { user_id, problem } => {
                format!("{problem} ({})", quoted(user_id))
            }
            ScopeError::UserIdWithPrefix { user_id, .. } => format!(
                "the user id {} already starts with user_id:",
                quoted(user_id)
            ),
            ScopeError::ControlCharacter { scope, character } => format!(
                "the scope {} contains a control character (U+{:04X})",
                quoted(scope),
                *character as u32
            ),
            ScopeError::Unknown { scope, .. } => format!("unknown scope {}", quoted(scope)),
            // The other cases quote nothing: the core's sentence is the binary's.
            other => other.to_string(),
        }
    }
}
