//! Courier scopes: the documented catalogue with each entry's meaning, checking a scope against
//! it (with "did you mean" for near misses), user ids, and building a token's scope string.
//! What the scopes mean for an Inbox (the empty-inbox trap) is judged here too; how a report is
//! printed is not.

use crate::error::{quoted, user_error, user_error_with_hint};

/// The two scopes the Inbox needs besides `user_id:<id>`; without them it connects but shows no
/// messages.
pub const INBOX_SCOPES: [&str; 2] = ["inbox:read:messages", "inbox:write:events"];

/// Longest scope string accepted: tokens travel in an HTTP header, commonly capped at 8 KiB.
pub const MAX_SCOPE_BYTES: usize = 6 * 1024;

/// One documented scope: a literal, or a pattern with one `<placeholder>`.
#[derive(Debug, Clone, Copy)]
pub struct ScopeEntry {
    pub pattern: &'static str,
    pub meaning: &'static str,
}

/// Courier's documented scopes (COURIER.md). Longer suffixes come first so `tenant:<id>:...`
/// patterns match their most specific entry.
pub const CATALOGUE: &[ScopeEntry] = &[
    ScopeEntry {
        pattern: "user_id:<id>",
        meaning: "the user this token is for",
    },
    ScopeEntry {
        pattern: "read:messages",
        meaning: "read messages",
    },
    ScopeEntry {
        pattern: "inbox:read:messages",
        meaning: "read inbox messages",
    },
    ScopeEntry {
        pattern: "inbox:write:events",
        meaning: "write inbox events, such as marking a message read",
    },
    ScopeEntry {
        pattern: "read:preferences",
        meaning: "read the user's preferences",
    },
    ScopeEntry {
        pattern: "write:preferences",
        meaning: "write the user's preferences",
    },
    ScopeEntry {
        pattern: "read:user-tokens",
        meaning: "read the user's push tokens",
    },
    ScopeEntry {
        pattern: "write:user-tokens",
        meaning: "write the user's push tokens",
    },
    ScopeEntry {
        pattern: "read:brands",
        meaning: "read brands",
    },
    ScopeEntry {
        pattern: "read:brands:<brand_id>",
        meaning: "read one brand",
    },
    ScopeEntry {
        pattern: "write:brands",
        meaning: "write brands",
    },
    ScopeEntry {
        pattern: "write:brands:<brand_id>",
        meaning: "write one brand",
    },
    ScopeEntry {
        pattern: "tenants:read",
        meaning: "Courier Create: read all tenants",
    },
    ScopeEntry {
        pattern: "tenants:notifications:read",
        meaning: "Courier Create: read all tenants' notifications",
    },
    ScopeEntry {
        pattern: "tenants:notifications:write",
        meaning: "Courier Create: write all tenants' notifications",
    },
    ScopeEntry {
        pattern: "tenants:brand:read",
        meaning: "Courier Create: read all tenants' brands",
    },
    ScopeEntry {
        pattern: "tenant:<tenant_id>:notification:read",
        meaning: "Courier Create: read one tenant's notifications",
    },
    ScopeEntry {
        pattern: "tenant:<tenant_id>:notification:write",
        meaning: "Courier Create: write one tenant's notifications",
    },
    ScopeEntry {
        pattern: "tenant:<tenant_id>:brand:read",
        meaning: "Courier Create: read one tenant's brand",
    },
    ScopeEntry {
        pattern: "tenant:<tenant_id>:brand:write",
        meaning: "Courier Create: write one tenant's brand",
    },
    ScopeEntry {
        pattern: "tenant:<tenant_id>:read",
        meaning: "Courier Create: read one tenant",
    },
    ScopeEntry {
        pattern: "write:events",
        meaning: "legacy spelling of inbox:write:events (older Inbox docs)",
    },
];

impl ScopeEntry {
    /// The fixed text before and after the placeholder; `None` for a literal entry.
    fn split_pattern(&self) -> Option<(&'static str, &'static str)> {
        let open = self.pattern.find('<')?;
        let close = self.pattern.find('>')?;
        Some((&self.pattern[..open], &self.pattern[close + 1..]))
    }

    /// True when `scope` is this entry (a literal match, or the pattern with a non-empty id).
    pub fn matches(&self, scope: &str) -> bool {
        match self.split_pattern() {
            None => self.pattern == scope,
            Some((prefix, suffix)) => scope
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .is_some_and(|id| !id.is_empty()),
        }
    }

    /// The literal scope names, for shell completion.
    pub fn is_literal(&self) -> bool {
        !self.pattern.contains('<')
    }
}

/// The documented entry a scope matches, if any.
pub fn lookup(scope: &str) -> Option<&'static ScopeEntry> {
    CATALOGUE.iter().find(|entry| entry.matches(scope))
}

/// The user id in a `user_id:<id>` scope.
pub fn user_id_of(scope: &str) -> Option<&str> {
    scope.strip_prefix("user_id:").filter(|id| !id.is_empty())
}

/// A documented scope close to an unknown one ("inbox:read:message" → "inbox:read:messages").
pub fn suggest(scope: &str) -> Option<String> {
    let mut best: Option<(f64, String)> = None;
    for entry in CATALOGUE {
        let candidate = match entry.split_pattern() {
            None => entry.pattern.to_string(),
            Some((prefix, suffix)) => match retarget_pattern(scope, prefix, suffix) {
                Some(candidate) => candidate,
                None => continue,
            },
        };
        let score = similarity(scope, &candidate);
        if score > best.as_ref().map_or(0.0, |(s, _)| *s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.8)
        .map(|(_, candidate)| candidate)
}

/// For a pattern entry, the scope rewritten onto the pattern keeping the user's id:
/// `userid:bob` → `user_id:bob`.
fn retarget_pattern(scope: &str, prefix: &str, suffix: &str) -> Option<String> {
    let prefix_segments = prefix.matches(':').count();
    let segments: Vec<&str> = scope.split(':').collect();
    if segments.len() <= prefix_segments {
        return None;
    }
    let id = if suffix.is_empty() {
        segments[prefix_segments..].join(":")
    } else {
        segments.get(prefix_segments)?.to_string()
    };
    (!id.is_empty()).then(|| format!("{prefix}{id}{suffix}"))
}

/// 0.0..=1.0: Jaro-Winkler, raised for abbreviations whose letters appear in order
/// ("prefs" in "preferences").
fn similarity(scope: &str, candidate: &str) -> f64 {
    let mut score = strsim::jaro_winkler(scope, candidate);
    let (ours, theirs): (Vec<&str>, Vec<&str>) =
        (scope.split(':').collect(), candidate.split(':').collect());
    if ours.len() == theirs.len()
        && ours
            .iter()
            .zip(&theirs)
            .all(|(a, b)| a == b || is_abbreviation(a, b))
    {
        score = score.max(0.9);
    }
    score
}

/// True when `short` starts like `long` and its letters appear in `long` in order.
fn is_abbreviation(short: &str, long: &str) -> bool {
    if short.is_empty() || short.len() >= long.len() || short.chars().next() != long.chars().next()
    {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Checks a user id: non-empty, and no whitespace or control characters (a scope string is
/// space-separated, so a user id with a space cannot be expressed in one).
pub fn validate_user_id(user_id: &str) -> anyhow::Result<()> {
    check_user_id(user_id).map_err(|problem| match problem {
        UserIdProblem::Empty => {
            user_error("the user id is empty; give the id your app uses for this user")
        }
        UserIdProblem::BadCharacter(bad) => user_error_with_hint(
            format!(
                "the user id {} contains {}",
                quoted(user_id),
                describe_char(bad)
            ),
            "Courier scopes are space-separated, so a user id cannot hold whitespace or control characters",
        ),
    })
}

/// What is wrong with a user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserIdProblem {
    Empty,
    BadCharacter(char),
}

impl std::fmt::Display for UserIdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UserIdProblem::Empty => f.write_str("the user id is empty"),
            UserIdProblem::BadCharacter(c) => {
                write!(f, "the user id contains {}", describe_char(*c))
            }
        }
    }
}

/// The allocation-free core of [`validate_user_id`], for bulk input.
pub fn check_user_id(user_id: &str) -> Result<(), UserIdProblem> {
    if user_id.is_empty() {
        return Err(UserIdProblem::Empty);
    }
    if user_id.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(());
    }
    match user_id
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        Some(bad) => Err(UserIdProblem::BadCharacter(bad)),
        None => Ok(()),
    }
}

fn describe_char(c: char) -> String {
    if c == ' ' {
        "a space".to_string()
    } else if c.is_whitespace() {
        format!("whitespace (U+{:04X})", c as u32)
    } else {
        format!("a control character (U+{:04X})", c as u32)
    }
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

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_documented_patterns() {
        assert!(lookup("user_id:bob").is_some());
        assert!(lookup("user_id:").is_none());
        assert_eq!(
            lookup("tenant:acme:notification:read").unwrap().pattern,
            "tenant:<tenant_id>:notification:read"
        );
        assert_eq!(
            lookup("read:brands:b1").unwrap().pattern,
            "read:brands:<brand_id>"
        );
        assert!(lookup("inbox:read:message").is_none());
    }

    #[test]
    fn suggests_near_misses() {
        assert_eq!(
            suggest("inbox:read:message").as_deref(),
            Some("inbox:read:messages")
        );
        assert_eq!(suggest("read:prefs").as_deref(), Some("read:preferences"));
        assert_eq!(
            suggest("inbox:write:event").as_deref(),
            Some("inbox:write:events")
        );
        assert_eq!(suggest("userid:bob").as_deref(), Some("user_id:bob"));
        assert_eq!(suggest("completely-else"), None);
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
