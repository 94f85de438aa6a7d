//! Courier scopes: building a token's scope string from user ids and scopes, checking each
//! against the documented catalogue (`catalogue`, with "did you mean" for near misses) and each
//! user id (`user_id`), and the Inbox's own needs (the empty-inbox trap). Refusals are typed
//! ([`ScopeError`]); how they are worded for the command line (`commands::options::scopes`) and
//! how a report is printed are not this module's business.

mod catalogue;
mod error;
mod user_id;

pub use catalogue::{lookup, suggest, ScopeEntry, CATALOGUE};
pub use error::{ScopeError, ScopeProblem, MAX_SCOPE_BYTES};
pub use user_id::{check_user_id, describe_char, UserIdProblem};

/// The two scopes the Inbox needs besides `user_id:<id>`; without them it connects but shows no
/// messages.
pub const INBOX_SCOPES: [&str; 2] = ["inbox:read:messages", "inbox:write:events"];

/// The user id in a `user_id:<id>` scope.
pub fn user_id_of(scope: &str) -> Option<&str> {
    scope.strip_prefix("user_id:").filter(|id| !id.is_empty())
}

/// The user ids a scope string names, in order: `scope.split(' ').filter_map(user_id_of)`,
/// without a pattern searcher per piece (bulk `verify` lists them for every token).
pub fn user_ids_in(scope: &str) -> impl Iterator<Item = &str> {
    let bytes = scope.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start <= bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |offset| start + offset);
            // Cutting at ASCII spaces keeps every piece valid UTF-8.
            let piece = &scope[start..end];
            start = end + 1;
            if let Some(user_id) = user_id_of(piece) {
                return Some(user_id);
            }
        }
        None
    })
}

/// What to put in a token's scope: user ids, extra scopes, and whether unknown ones may pass.
#[derive(Debug, Clone, Default)]
pub struct ScopeRequest<'a> {
    pub user_ids: &'a [String],
    pub scopes: &'a [String],
    pub allow_unknown: bool,
}

/// Builds the scope string: one `user_id:<id>` per user id, then each given scope in order,
/// duplicates dropped; the Inbox scopes when user ids come without scopes. A token with Inbox
/// scopes must name a user. Bulk `issue` uses the same rule through [`PreparedScopes`].
pub fn build_scope(request: &ScopeRequest<'_>) -> Result<String, ScopeError> {
    for user_id in request.user_ids {
        validate_scope_user_id(user_id)?;
    }
    if request.user_ids.is_empty() && request.scopes.is_empty() {
        return Err(ScopeError::Empty);
    }
    let prepared = PreparedScopes::new(request.scopes, request.allow_unknown)?;
    if request.user_ids.is_empty() && !prepared.names_a_user() {
        if let Some(inbox_scope) = prepared.first_needing_a_user() {
            return Err(ScopeError::NoUserFor(inbox_scope.to_string()));
        }
    }
    let mut scope = String::new();
    prepared
        .write_for(request.user_ids.iter().map(String::as_str), &mut scope)
        .map_err(ScopeError::Unwritable)?;
    Ok(scope)
}

/// Scopes that only make sense for a user: the Inbox's own, and their legacy spellings.
const SCOPES_NEEDING_A_USER: [&str; 4] = [
    "inbox:read:messages",
    "inbox:write:events",
    "read:messages",
    "write:events",
];

/// Checks a user id: non-empty, and no whitespace or control characters (a scope string is
/// space-separated, so a user id with a space cannot be expressed in one). The error carries
/// the id; [`check_user_id`] is the allocation-free form.
pub fn validate_user_id(user_id: &str) -> Result<(), ScopeError> {
    check_user_id(user_id).map_err(|problem| ScopeError::BadUserId {
        user_id: user_id.to_string(),
        problem,
    })
}

/// Checks a user id given on its own (not inside a scope): a valid user id that is not already
/// written as a scope.
pub fn validate_scope_user_id(user_id: &str) -> Result<(), ScopeError> {
    validate_user_id(user_id)?;
    refuse_scope_prefix(user_id)
}

/// The user id `user_id:alice` would give the scope `user_id:user_id:alice`.
fn refuse_scope_prefix(user_id: &str) -> Result<(), ScopeError> {
    match strip_user_id_prefix(user_id) {
        Some(bare) => Err(ScopeError::UserIdWithPrefix {
            user_id: user_id.to_string(),
            bare: bare.to_string(),
        }),
        None => Ok(()),
    }
}

/// The id after a `user_id:` prefix (any case), if the text has one.
fn strip_user_id_prefix(text: &str) -> Option<&str> {
    let head = text.get(..USER_ID_PREFIX.len())?;
    head.eq_ignore_ascii_case(USER_ID_PREFIX)
        .then(|| &text[USER_ID_PREFIX.len()..])
}

const USER_ID_PREFIX: &str = "user_id:";

/// The scopes of a request besides its user ids, checked and deduplicated once (the Inbox
/// scopes when none are given), so that a scope string can be written for any user ids
/// cheaply: once for `issue`, once per line for bulk `issue`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedScopes {
    entries: Vec<String>,
}

impl PreparedScopes {
    /// Checks `scopes` (each value may hold several, space-separated); an empty list means the
    /// Inbox scopes. Refuses a list of `user_id:` scopes alone, which would grant nothing.
    pub fn new(scopes: &[String], allow_unknown: bool) -> Result<Self, ScopeError> {
        let mut entries: Vec<String> = Vec::new();
        if scopes.is_empty() {
            entries.extend(INBOX_SCOPES.iter().map(|s| s.to_string()));
        }
        for scope in scopes.iter().flat_map(|value| value.split_whitespace()) {
            check_scope(scope, allow_unknown)?;
            if !entries.iter().any(|entry| entry == scope) {
                entries.push(scope.to_string());
            }
        }
        if entries
            .iter()
            .all(|scope| scope.starts_with(USER_ID_PREFIX))
        {
            return Err(ScopeError::OnlyUserIds);
        }
        Ok(Self { entries })
    }

    /// True when a `user_id:` scope is among them.
    pub fn names_a_user(&self) -> bool {
        self.entries
            .iter()
            .any(|scope| scope.starts_with(USER_ID_PREFIX))
    }

    /// The first scope that is meaningless without a user, if any.
    pub fn first_needing_a_user(&self) -> Option<&str> {
        self.entries
            .iter()
            .map(String::as_str)
            .find(|scope| SCOPES_NEEDING_A_USER.contains(scope))
    }

    /// Writes the scope string for `user_ids` into `out` (cleared first): `user_id:<id>` for
    /// each, then the prepared scopes, every entry once. The user ids must already be checked
    /// ([`check_user_id`]).
    pub fn write_for<'a>(
        &self,
        user_ids: impl Iterator<Item = &'a str> + Clone,
        out: &mut String,
    ) -> Result<(), ScopeProblem> {
        out.clear();
        for (index, user_id) in user_ids.clone().enumerate() {
            if strip_user_id_prefix(user_id).is_some() {
                return Err(ScopeProblem::UserIdIsAScope);
            }
            if user_ids
                .clone()
                .take(index)
                .any(|earlier| earlier == user_id)
            {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(USER_ID_PREFIX);
            out.push_str(user_id);
        }
        for entry in &self.entries {
            let repeats_a_user = entry
                .strip_prefix(USER_ID_PREFIX)
                .is_some_and(|id| user_ids.clone().any(|user_id| user_id == id));
            if repeats_a_user {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(entry);
        }
        if out.len() > MAX_SCOPE_BYTES {
            return Err(ScopeProblem::TooLong(out.len()));
        }
        Ok(())
    }
}

fn check_scope(scope: &str, allow_unknown: bool) -> Result<(), ScopeError> {
    if let Some(user_id) = scope.strip_prefix("user_id:") {
        return validate_user_id(user_id);
    }
    if let Some(character) = scope.chars().find(|c| c.is_control()) {
        return Err(ScopeError::ControlCharacter {
            scope: scope.to_string(),
            character,
        });
    }
    if allow_unknown || lookup(scope).is_some() {
        return Ok(());
    }
    let spaced = comma_separated(scope);
    let near = if spaced.is_some() {
        None
    } else {
        suggest(scope)
    };
    Err(ScopeError::Unknown {
        scope: scope.to_string(),
        spaced,
        near,
    })
}

/// `inbox:read:messages,inbox:write:events`: the same scopes, space-separated, when the text
/// holds a comma.
fn comma_separated(scope: &str) -> Option<String> {
    if !scope.contains(',') {
        return None;
    }
    let parts: Vec<&str> = scope.split(',').filter(|part| !part.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_in_agrees_with_split() {
        for scope in [
            "",
            " ",
            "user_id:a",
            "user_id:",
            "user_id:a user_id:b inbox:read:messages",
            "  user_id:a  user_id: xuser_id:c user_id:d ",
            "inbox:read:messages user_id:é",
        ] {
            let expected: Vec<&str> = scope.split(' ').filter_map(user_id_of).collect();
            assert_eq!(
                user_ids_in(scope).collect::<Vec<_>>(),
                expected,
                "{scope:?}"
            );
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn builds_the_inbox_default_and_drops_duplicates() {
        let users = strings(&["pigeon", "bluebird", "pigeon"]);
        let request = ScopeRequest {
            user_ids: &users,
            ..Default::default()
        };
        assert_eq!(
            build_scope(&request).unwrap(),
            "user_id:pigeon user_id:bluebird inbox:read:messages inbox:write:events"
        );
        let scopes = strings(&["read:preferences inbox:read:messages", "read:preferences"]);
        let request = ScopeRequest {
            user_ids: &users[..1],
            scopes: &scopes,
            allow_unknown: false,
        };
        assert_eq!(
            build_scope(&request).unwrap(),
            "user_id:pigeon read:preferences inbox:read:messages"
        );
    }

    #[test]
    fn refuses_bad_requests() {
        assert_eq!(
            build_scope(&ScopeRequest::default()),
            Err(ScopeError::Empty)
        );
        let users = strings(&["has space"]);
        assert!(build_scope(&ScopeRequest {
            user_ids: &users,
            ..Default::default()
        })
        .is_err());
        let scopes = strings(&["user_id:only"]);
        assert!(build_scope(&ScopeRequest {
            scopes: &scopes,
            ..Default::default()
        })
        .is_err());
        let scopes = strings(&["made:up"]);
        assert!(build_scope(&ScopeRequest {
            scopes: &scopes,
            ..Default::default()
        })
        .is_err());
        assert!(build_scope(&ScopeRequest {
            scopes: &scopes,
            allow_unknown: true,
            ..Default::default()
        })
        .is_ok());
    }

    #[test]
    fn refusals_say_what_was_wrong_without_naming_options() {
        let scopes = strings(&["inbox:read:mesages"]);
        let error = PreparedScopes::new(&scopes, false).unwrap_err();
        assert!(matches!(&error, ScopeError::Unknown { near: Some(_), .. }));
        let scopes = strings(&["inbox:read:messages,inbox:write:events"]);
        let error = PreparedScopes::new(&scopes, false).unwrap_err();
        assert!(
            matches!(&error, ScopeError::Unknown { spaced: Some(s), .. } if s == "inbox:read:messages inbox:write:events")
        );
        let error = validate_scope_user_id("user_id:alice").unwrap_err();
        assert_eq!(
            error,
            ScopeError::UserIdWithPrefix {
                user_id: "user_id:alice".to_string(),
                bare: "alice".to_string()
            }
        );
        let scopes = strings(&["inbox:read:messages"]);
        let error = build_scope(&ScopeRequest {
            scopes: &scopes,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            error,
            ScopeError::NoUserFor("inbox:read:messages".to_string())
        );
        for error in [error, ScopeError::Empty, ScopeError::OnlyUserIds] {
            assert!(!error.to_string().contains("--"), "{error}");
        }
    }
}
