//! The core crate's typed errors worded for people, the binary's way: values quoted by the
//! run's `shown::redaction::Redaction` (the API key withheld, terminal controls escaped, long
//! text cut) and instants shown in the run's `terminal::date_zone::DateZone`, both handed in as
//! a [`Wording`] (from `commands::resolved::ResolvedOptions`, a command's plan or serve's
//! `App`), never read from a global. The core crate (`courier_inbox_auth`) decides what went
//! wrong and never quotes or formats a date itself; this module is the one place its errors
//! become the binary's sentences.

use crate::scope::ScopeError;
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::token::{Detail, Rejection};

/// How a run words what it shows: the zone its instants are shown in and what may be quoted.
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    pub dates: &'a DateZone,
    pub redaction: &'a Redaction,
}

/// A core value as the binary shows it to people.
pub trait Worded {
    /// The sentence, with the run's quoting and time zone.
    fn worded(&self, wording: Wording<'_>) -> String;
}

impl Worded for Detail {
    fn worded(&self, wording: Wording<'_>) -> String {
        self.render(
            |value| wording.redaction.quoted(value),
            |seconds, now| wording.dates.describe_instant(seconds, now),
        )
    }
}

impl Worded for Rejection {
    fn worded(&self, wording: Wording<'_>) -> String {
        self.detail.worded(wording)
    }
}

impl Worded for ScopeError {
    fn worded(&self, wording: Wording<'_>) -> String {
        let quoted = |value: &str| wording.redaction.quoted(value);
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
