//! Courier scopes: building a token's scope string from user ids and scopes, checking each
//! against the documented catalogue (`catalogue`, with "did you mean" for near misses) and each
//! user id (`user_id`), and the Inbox's own needs (the empty-inbox trap). How a report is
//! printed is not this module's business.

mod catalogue;
mod user_id;

pub use catalogue::{lookup, suggest, ScopeEntry, CATALOGUE};
pub use user_id::{check_user_id, validate_user_id, UserIdProblem};

use crate::error::{quoted, user_error, user_error_with_hint};

/// The two scopes the Inbox needs besides `user_id:<id>`; without them it connects but shows no
/// messages.
pub const INBOX_SCOPES: [&str; 2] = ["inbox:read:messages", "inbox:write:events"];

/// Longest scope string accepted: tokens travel in an HTTP header, commonly capped at 8 KiB.
pub const MAX_SCOPE_BYTES: usize = 6 * 1024;

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
/// duplicates dropped; the Inbox scopes when user ids come without scopes.
pub fn build_scope(request: &ScopeRequest<'_>) -> anyhow::Result<String> {
    for user_id in request.user_ids {
        validate_user_id(user_id)?;
    }
    if request.user_ids.is_empty() && request.scopes.is_empty() {
        return Err(user_error_with_hint(
            "a token needs a user and scopes: nothing to put in this one",
            "pass --user-id ID (gives the Inbox scopes inbox:read:messages inbox:write:events), and --scope for others",
        ));
    }
    let mut entries: Vec<String> = request
        .user_ids
        .iter()
        .map(|id| format!("user_id:{id}"))
        .collect();
    if request.scopes.is_empty() {
        entries.extend(INBOX_SCOPES.iter().map(|s| s.to_string()));
    }
    for scope in request
        .scopes
        .iter()
        .flat_map(|value| value.split_whitespace())
    {
        check_scope(scope, request.allow_unknown)?;
        entries.push(scope.to_string());
    }
    let mut unique: Vec<String> = Vec::with_capacity(entries.len());
    for entry in entries {
        if !unique.contains(&entry) {
            unique.push(entry);
        }
    }
    if unique.iter().all(|scope| scope.starts_with("user_id:")) {
        return Err(user_error_with_hint(
            "user_id:<id> must come with other scopes; this token would grant nothing",
            "add --scope inbox:read:messages --scope inbox:write:events (what the Inbox needs), or drop --scope to get them by default",
        ));
    }
    let scope = unique.join(" ");
    if scope.len() > MAX_SCOPE_BYTES {
        return Err(user_error_with_hint(
            format!("the scope string is {} bytes, more than {MAX_SCOPE_BYTES}", scope.len()),
            "tokens travel in an HTTP header, commonly capped at 8 KiB; issue one token per user instead",
        ));
    }
    Ok(scope)
}

fn check_scope(scope: &str, allow_unknown: bool) -> anyhow::Result<()> {
    if let Some(user_id) = scope.strip_prefix("user_id:") {
        return validate_user_id(user_id);
    }
    if let Some(bad) = scope.chars().find(|c| c.is_control()) {
        return Err(user_error(format!(
            "the scope {} contains a control character (U+{:04X})",
            quoted(scope),
            bad as u32
        )));
    }
    if allow_unknown || lookup(scope).is_some() {
        return Ok(());
    }
    let hint = match suggest(scope) {
        Some(near) => format!("did you mean {near}? (--allow-unknown-scopes lets an undocumented scope through)"),
        None => "see `courier-token issue --help` for Courier's scopes; --allow-unknown-scopes lets an undocumented scope through".to_string(),
    };
    Err(user_error_with_hint(
        format!("unknown scope {}", quoted(scope)),
        hint,
    ))
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
        assert!(build_scope(&ScopeRequest::default()).is_err());
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
}
