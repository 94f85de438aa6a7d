//! Courier's documented scopes and what each means, matching a scope against them (patterns
//! such as `tenant:<tenant_id>:read` included), and "did you mean" suggestions for near misses.
//! Building and checking a token's scope string is `scope`'s job.

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
        // Scopes are lower case; `INBOX:READ:MESSAGES` is a shouted `inbox:read:messages`.
        let score = similarity(&scope.to_ascii_lowercase(), &candidate.to_ascii_lowercase());
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            suggest("INBOX:READ:MESSAGES").as_deref(),
            Some("inbox:read:messages")
        );
    }
}
