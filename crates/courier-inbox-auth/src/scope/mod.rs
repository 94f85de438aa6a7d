//! Courier scopes: building a token's scope string from user ids and scopes, checking each
//! against the documented catalogue (`catalogue`, with "did you mean" for near misses) and each
//! user id (`user_id`), and the Inbox's own needs (the empty-inbox trap). Refusals are typed
//! ([`ScopeError`]); how they are worded for the command line (the binary's `worded` and
//! `commands::options::scopes`) and how a report is printed are not this module's business.

mod catalogue;
mod error;
mod user_id;

pub use catalogue::{
    is_known_tenant_scope, legacy_replacement, legacy_warning, lookup, suggest,
    suggest_tenant_scope, ScopeEntry, Standing, CATALOGUE, TENANT_SCOPES,
};
pub use error::{ScopeError, ScopeProblem, MAX_SCOPE_BYTES};
pub use user_id::{
    check_user_id, classify_user_id, describe_char, why_refused, UserIdProblem, UserIdUse,
};

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

/// Whether a token that names a user gets the Inbox scopes besides the scopes asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InboxScopes {
    /// `inbox:read:messages inbox:write:events`, right after the user ids: a token for a user
    /// is a token for the Inbox unless asked otherwise.
    #[default]
    Added,
    /// Only the scopes asked for (the empty-inbox trap, taken on purpose).
    LeftOut,
}

/// What to put in a token's scope: user ids, extra scopes, whether unknown ones may pass, and
/// whether a user's token gets the Inbox scopes.
#[derive(Debug, Clone, Default)]
pub struct ScopeRequest<'a> {
    pub user_ids: &'a [String],
    pub scopes: &'a [String],
    pub allow_unknown: bool,
    pub inbox_scopes: InboxScopes,
}

/// Builds the scope string: one `user_id:<id>` per user id (and any `user_id:` scope given),
/// then, for a token that names a user, the Inbox scopes (unless [`InboxScopes::LeftOut`]),
/// then each other given scope in order, duplicates dropped. A token with Inbox scopes must
/// name a user. Bulk `issue` uses the same rule through [`PreparedScopes`].
pub fn build_scope(request: &ScopeRequest<'_>) -> Result<String, ScopeError> {
    for user_id in request.user_ids {
        validate_scope_user_id(user_id)?;
    }
    if request.user_ids.is_empty() && request.scopes.is_empty() {
        return Err(ScopeError::Empty);
    }
    let prepared =
        PreparedScopes::new(request.scopes, request.allow_unknown, request.inbox_scopes)?;
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

/// True for a scope that only makes sense for a user: the Inbox's own, and every legacy
/// spelling of them (the catalogue's legacy entries).
fn needs_a_user(scope: &str) -> bool {
    INBOX_SCOPES.contains(&scope) || legacy_replacement(scope).is_some()
}

/// Checks a user id: non-empty, and no whitespace or control characters (a scope string is
/// space-separated, so a user id with a space cannot be expressed in one). The error carries
/// the id; [`check_user_id`] is the allocation-free form.
pub fn validate_user_id(user_id: &str) -> Result<(), ScopeError> {
    check_user_id(user_id, UserIdUse::Scope).map_err(|problem| ScopeError::BadUserId {
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

/// The scopes of a request besides its user ids, checked and deduplicated once, so that a
/// scope string can be written for any user ids cheaply: once for `issue`, once per line for
/// bulk `issue`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedScopes {
    /// The `user_id:` scopes given, in order.
    user_scopes: Vec<String>,
    /// The other scopes of a token that names a user: the Inbox scopes first (unless left
    /// out), then those given, each once.
    for_a_user: Vec<String>,
    /// The other scopes of a token that names nobody: only those given.
    for_nobody: Vec<String>,
    /// `for_a_user` and `for_nobody` joined by spaces, as written after the user ids.
    for_a_user_text: String,
    for_nobody_text: String,
}

impl PreparedScopes {
    /// Checks `scopes` (each value may hold several, space-separated). A token naming a user
    /// gets the Inbox scopes too unless `inbox` is [`InboxScopes::LeftOut`]; a user's token
    /// left with nothing but `user_id:` scopes would grant nothing and is refused.
    pub fn new(
        scopes: &[String],
        allow_unknown: bool,
        inbox: InboxScopes,
    ) -> Result<Self, ScopeError> {
        let mut user_scopes: Vec<String> = Vec::new();
        let mut for_nobody: Vec<String> = Vec::new();
        for scope in scopes.iter().flat_map(|value| value.split_whitespace()) {
            check_scope(scope, allow_unknown)?;
            let list = if scope.starts_with(USER_ID_PREFIX) {
                &mut user_scopes
            } else {
                &mut for_nobody
            };
            if !list.iter().any(|entry| entry == scope) {
                list.push(scope.to_string());
            }
        }
        let mut for_a_user: Vec<String> = match inbox {
            InboxScopes::Added => INBOX_SCOPES.iter().map(|s| s.to_string()).collect(),
            InboxScopes::LeftOut => Vec::new(),
        };
        for scope in &for_nobody {
            if !for_a_user.contains(scope) {
                for_a_user.push(scope.clone());
            }
        }
        if for_a_user.is_empty() {
            return Err(ScopeError::OnlyUserIds);
        }
        Ok(Self {
            for_a_user_text: for_a_user.join(" "),
            for_nobody_text: for_nobody.join(" "),
            user_scopes,
            for_a_user,
            for_nobody,
        })
    }

    /// True when a `user_id:` scope is among them.
    pub fn names_a_user(&self) -> bool {
        !self.user_scopes.is_empty()
    }

    /// The first scope that is meaningless without a user, if any.
    pub fn first_needing_a_user(&self) -> Option<&str> {
        self.for_nobody
            .iter()
            .map(String::as_str)
            .find(|scope| needs_a_user(scope))
    }

    /// The scopes besides user ids that a token naming a user gets, in order.
    pub fn for_a_user(&self) -> &[String] {
        &self.for_a_user
    }

    /// Writes the scope string for `user_ids` into `out` (cleared first): `user_id:<id>` for
    /// each, the `user_id:` scopes given, then the other scopes, every entry once. The user ids
    /// must already be checked ([`check_user_id`]).
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
        for entry in &self.user_scopes {
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
        let rest = if out.is_empty() {
            &self.for_nobody_text
        } else {
            &self.for_a_user_text
        };
        if !out.is_empty() && !rest.is_empty() {
            out.push(' ');
        }
        out.push_str(rest);
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
mod tests;
