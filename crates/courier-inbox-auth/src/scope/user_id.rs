//! The one rule for user ids, in every command and mode (single and bulk alike, nothing
//! trimmed): non-empty, no control characters, no whitespace at either end — the SDK sends the
//! id in the `x-courier-user-id` header, which cannot carry the first and drops the second, so
//! such an id could never be the one Courier sees. A user id that goes into a JWT's scope
//! ([`UserIdUse::Scope`]) may hold no whitespace at all, as scope strings are space-separated;
//! the HMAC ([`UserIdUse::Signature`]) signs an inner space as given.

/// Where a user id goes, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserIdUse {
    /// Into a token's `user_id:<id>` scope (`issue`, `verify --user-id`, `doctor --user-id`).
    Scope,
    /// Only into the HMAC user signature and the `x-courier-user-id` header (`hmac-sign`).
    Signature,
}

/// What is wrong with a user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserIdProblem {
    Empty,
    /// A control character anywhere, or (for a scope) whitespace anywhere.
    BadCharacter(char),
    /// Whitespace as the first character.
    StartsWith(char),
    /// Whitespace as the last character.
    EndsWith(char),
}

impl UserIdProblem {
    /// What is wrong, after "the user id": `ends with a space`.
    pub fn predicate(&self) -> String {
        match self {
            UserIdProblem::Empty => "is empty".to_string(),
            UserIdProblem::BadCharacter(c) => format!("contains {}", describe_char(*c)),
            UserIdProblem::StartsWith(c) => format!("starts with {}", describe_char(*c)),
            UserIdProblem::EndsWith(c) => format!("ends with {}", describe_char(*c)),
        }
    }
}

impl std::fmt::Display for UserIdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the user id {}", self.predicate())
    }
}

impl std::error::Error for UserIdProblem {}

/// Why an id with this problem cannot be used this way: the reason that fits the command.
pub fn why_refused(problem: &UserIdProblem, used: UserIdUse) -> &'static str {
    match (problem, used) {
        (UserIdProblem::Empty, _) => "give the id your app passes to the Inbox",
        (_, UserIdUse::Scope) => "Courier scopes are space-separated, so a user id in a token cannot hold whitespace or control characters",
        (_, UserIdUse::Signature) => "the SDK sends the user id in the x-courier-user-id header, which cannot carry control characters and drops whitespace at either end",
    }
}

/// Checks `user_id` for `used`, allocation-free (bulk input calls it for every line).
pub fn check_user_id(user_id: &str, used: UserIdUse) -> Result<(), UserIdProblem> {
    classify_user_id(user_id, used).map(|_| ())
}

/// [`check_user_id`], also giving the whitespace inside an accepted id (only a signature's id
/// may hold any), which is worth a note: no JWT scope could hold that id. One pass for the
/// usual id, printable ASCII; bulk runs call this for every line, so that pass is inlined.
#[inline]
pub fn classify_user_id(user_id: &str, used: UserIdUse) -> Result<Option<char>, UserIdProblem> {
    if !user_id.is_empty() && user_id.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(None);
    }
    classify_unusual_user_id(user_id, used)
}

/// [`classify_user_id`] for an empty id or one with a byte outside printable ASCII.
#[cold]
fn classify_unusual_user_id(user_id: &str, used: UserIdUse) -> Result<Option<char>, UserIdProblem> {
    if user_id.is_empty() {
        return Err(UserIdProblem::Empty);
    }
    if let Some(bad) = user_id.chars().find(|c| c.is_control()) {
        return Err(UserIdProblem::BadCharacter(bad));
    }
    if let Some(first) = user_id.chars().next().filter(|c| c.is_whitespace()) {
        return Err(UserIdProblem::StartsWith(first));
    }
    if let Some(last) = user_id.chars().next_back().filter(|c| c.is_whitespace()) {
        return Err(UserIdProblem::EndsWith(last));
    }
    match user_id.chars().find(|c| c.is_whitespace()) {
        Some(inner) if used == UserIdUse::Scope => Err(UserIdProblem::BadCharacter(inner)),
        inner => Ok(inner),
    }
}

/// A character a user id may not hold, for messages: `a space`, `a tab (U+0009)`, `whitespace
/// (U+00A0)`, `a control character (U+0000)`.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab (U+0009)".to_string(),
        c if c.is_whitespace() => format!("whitespace (U+{:04X})", c as u32),
        c => format!("a control character (U+{:04X})", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_both_uses_except_inner_whitespace() {
        use UserIdUse::{Scope, Signature};
        for used in [Scope, Signature] {
            assert_eq!(check_user_id("alice", used), Ok(()));
            assert_eq!(check_user_id("", used), Err(UserIdProblem::Empty));
            assert_eq!(
                check_user_id("alice ", used),
                Err(UserIdProblem::EndsWith(' '))
            );
            assert_eq!(
                check_user_id(" alice", used),
                Err(UserIdProblem::StartsWith(' '))
            );
            assert_eq!(
                check_user_id("a\tb", used),
                Err(UserIdProblem::BadCharacter('\t'))
            );
            assert_eq!(check_user_id("\u{feff}alice", used), Ok(()));
        }
        assert_eq!(
            check_user_id("bad user", Scope),
            Err(UserIdProblem::BadCharacter(' '))
        );
        assert_eq!(check_user_id("bad user", Signature), Ok(()));
        assert_eq!(classify_user_id("bad user", Signature), Ok(Some(' ')));
        assert_eq!(classify_user_id("alice", Signature), Ok(None));
    }
}
