//! Courier's documented scopes and what each means, matching a scope against them (patterns
//! such as `tenant:<tenant_id>:read` included), and "did you mean" suggestions for near misses.
//! Building and checking a token's scope string is `scope`'s job.

/// One documented scope: a literal, or a pattern with one `<placeholder>`.
#[derive(Debug, Clone, Copy)]
pub struct ScopeEntry {
    pub pattern: &'static str,
    pub meaning: &'static str,
    pub standing: Standing,
}

/// Whether a scope is what Courier documents today, or an old spelling it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Current,
    /// An old spelling seen in Courier's older docs and code; `use_instead` is what the current
    /// Inbox needs. Accepted everywhere, and warned about everywhere (`issue`, `inspect`,
    /// `doctor`'s `legacy_scope`).
    Legacy {
        use_instead: &'static str,
    },
}

const fn current(pattern: &'static str, meaning: &'static str) -> ScopeEntry {
    ScopeEntry {
        pattern,
        meaning,
        standing: Standing::Current,
    }
}

const fn legacy(
    pattern: &'static str,
    use_instead: &'static str,
    meaning: &'static str,
) -> ScopeEntry {
    ScopeEntry {
        pattern,
        meaning,
        standing: Standing::Legacy { use_instead },
    }
}

/// Courier's scopes (as its JWT authentication docs list them), current then legacy: the one table every command, the help,
/// the completions and the man pages read. Longer suffixes come first so `tenant:<id>:...`
/// patterns match their most specific entry.
pub const CATALOGUE: &[ScopeEntry] = &[
    current("user_id:<id>", "the user this token is for"),
    current("inbox:read:messages", "read inbox messages"),
    current(
        "inbox:write:events",
        "write inbox events, such as marking a message read",
    ),
    current("read:preferences", "read the user's preferences"),
    current("write:preferences", "write the user's preferences"),
    current("read:user-tokens", "read the user's push tokens"),
    current("write:user-tokens", "write the user's push tokens"),
    current("read:brands", "read brands"),
    current("read:brands:<brand_id>", "read one brand"),
    current("write:brands", "write brands"),
    current("write:brands:<brand_id>", "write one brand"),
    current("tenants:read", "Courier Create: read all tenants"),
    current(
        "tenants:notifications:read",
        "Courier Create: read all tenants' notifications",
    ),
    current(
        "tenants:notifications:write",
        "Courier Create: write all tenants' notifications",
    ),
    current(
        "tenants:brand:read",
        "Courier Create: read all tenants' brands",
    ),
    current(
        "tenant:<tenant_id>:notification:read",
        "Courier Create: read one tenant's notifications",
    ),
    current(
        "tenant:<tenant_id>:notification:write",
        "Courier Create: write one tenant's notifications",
    ),
    current(
        "tenant:<tenant_id>:brand:read",
        "Courier Create: read one tenant's brand",
    ),
    current(
        "tenant:<tenant_id>:brand:write",
        "Courier Create: write one tenant's brand",
    ),
    current("tenant:<tenant_id>:read", "Courier Create: read one tenant"),
    legacy(
        "read:messages",
        "inbox:read:messages",
        "read messages: the older Inbox docs' spelling of inbox:read:messages",
    ),
    legacy(
        "write:events",
        "inbox:write:events",
        "write events: the older Inbox docs' spelling of inbox:write:events",
    ),
    legacy(
        "inbox:write:messages",
        "inbox:write:events",
        "a misspelling of inbox:write:events seen in older code",
    ),
    legacy(
        "inbox:read:write",
        "inbox:read:messages inbox:write:events",
        "a misspelling of inbox:read:messages inbox:write:events seen in older code",
    ),
];

/// The `tenant_scope` values Courier issues, with what each selects.
pub const TENANT_SCOPES: [(&str, &str); 2] = [
    (
        "published/production",
        "the workspace's production environment",
    ),
    ("published/test", "the workspace's test environment"),
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

/// What the current Inbox needs instead of a legacy spelling (`read:messages` →
/// `inbox:read:messages`); `None` for a current or unknown scope.
pub fn legacy_replacement(scope: &str) -> Option<&'static str> {
    match lookup(scope)?.standing {
        Standing::Legacy { use_instead } => Some(use_instead),
        Standing::Current => None,
    }
}

/// The one sentence every command says about a legacy spelling, given the token's (or the
/// request's) other scopes: when they already hold the current spelling, the old one is only
/// noise to drop.
pub fn legacy_warning(scope: &str, use_instead: &str, others: &[&str]) -> String {
    if others.contains(&use_instead) {
        return format!(
            "{scope} is an old spelling of {use_instead}, which is there too: drop {scope}"
        );
    }
    format!("{scope} is an old spelling: the current Inbox needs {use_instead}")
}

/// True for a `tenant_scope` Courier issues (`published/production`, `published/test`).
pub fn is_known_tenant_scope(tenant_scope: &str) -> bool {
    TENANT_SCOPES
        .iter()
        .any(|(known, _)| *known == tenant_scope)
}

/// The `tenant_scope` Courier issues closest to `tenant_scope`: `test` → `published/test`.
pub fn suggest_tenant_scope(tenant_scope: &str) -> Option<&'static str> {
    let lower = tenant_scope.to_ascii_lowercase();
    let (score, best) = TENANT_SCOPES
        .iter()
        .map(|(known, _)| {
            let environment = known.trim_start_matches("published/");
            let score =
                strsim::jaro_winkler(&lower, known).max(strsim::jaro_winkler(&lower, environment));
            (score, *known)
        })
        .fold(
            (0.0, ""),
            |best, next| if next.0 > best.0 { next } else { best },
        );
    (score >= 0.8).then_some(best)
}

/// A documented scope close to an unknown one ("inbox:read:message" → "inbox:read:messages").
pub fn suggest(scope: &str) -> Option<String> {
    let mut best: Option<(f64, String)> = None;
    // A near miss is pointed at what to write today, never at a legacy spelling.
    for entry in CATALOGUE.iter().filter(|e| e.standing == Standing::Current) {
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
    fn legacy_spellings_name_their_replacement() {
        assert_eq!(
            legacy_replacement("read:messages"),
            Some("inbox:read:messages")
        );
        assert_eq!(
            legacy_replacement("inbox:read:write"),
            Some("inbox:read:messages inbox:write:events")
        );
        assert_eq!(legacy_replacement("inbox:read:messages"), None);
        assert_eq!(legacy_replacement("made:up"), None);
    }

    #[test]
    fn tenant_scopes_are_checked_with_a_hint() {
        assert!(is_known_tenant_scope("published/test"));
        assert!(!is_known_tenant_scope("foo"));
        assert_eq!(suggest_tenant_scope("test"), Some("published/test"));
        assert_eq!(
            suggest_tenant_scope("production"),
            Some("published/production")
        );
        assert_eq!(
            suggest_tenant_scope("Published/Prod"),
            Some("published/production")
        );
        assert_eq!(suggest_tenant_scope("foo"), None);
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
