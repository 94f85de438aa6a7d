//! Scopes and user ids as the command line takes them (`--user-id`, `--scope`,
//! `--allow-unknown-scopes`, a bulk file's lines): the typed refusals of `scope` worded with the
//! option names and hints a user can act on. This is the one place that says why a user id
//! cannot go in a scope. The rules themselves (what a scope or user id may be) live in `scope`.

use crate::scope::{
    build_scope, classify_user_id, legacy_replacement, legacy_warning, validate_scope_user_id,
    why_refused, InboxScopes, PreparedScopes, ScopeError, ScopeProblem, ScopeRequest,
    UserIdProblem, UserIdUse, INBOX_SCOPES, MAX_SCOPE_BYTES,
};
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::worded::{Worded, Wording};

/// The scope string for `issue`'s `--user-id`, `--scope` and `--no-inbox-scopes` options (and
/// `--remote`'s request), with a warning for each legacy spelling and for a user's token left
/// without the Inbox scopes.
pub fn scope_option(request: &ScopeRequest<'_>, redaction: &Redaction) -> anyhow::Result<String> {
    let scope = build_scope(request).map_err(|error| match (error, request.user_ids) {
        (ScopeError::Unwritable(ScopeProblem::TooLong(length)), [user_id])
            if user_id.len() + "user_id:".len() > MAX_SCOPE_BYTES =>
        {
            one_user_id_too_long(user_id, length)
        }
        (ScopeError::Unwritable(ScopeProblem::TooLong(length)), [] | [_]) => user_error_with_hint(
            format!("the scope string is {length} bytes, more than {MAX_SCOPE_BYTES}"),
            "tokens travel in an HTTP header, commonly capped at 8 KiB; grant fewer scopes",
        ),
        (error, _) => scope_error(error, redaction),
    })?;
    let pieces: Vec<&str> = scope.split(' ').collect();
    let names_a_user = pieces.iter().any(|piece| piece.starts_with("user_id:"));
    warn_about_scopes(&pieces, names_a_user);
    Ok(scope)
}

/// One `--user-id` that makes the scope too long: about its length, as one token per user is
/// what was asked for already.
fn one_user_id_too_long(user_id: &str, length: usize) -> anyhow::Error {
    user_error_with_hint(
        format!(
            "the user id is {} bytes long: the token's scope would be {length} bytes, more than {MAX_SCOPE_BYTES}",
            user_id.len()
        ),
        "tokens travel in an HTTP header, commonly capped at 8 KiB; give the short id your app passes to Courier's SDK",
    )
}

/// `--scope` values for bulk `issue`, checked once for every line (each line names a user),
/// with the same warnings as [`scope_option`].
pub fn prepared_scopes_option(
    scopes: &[String],
    allow_unknown: bool,
    inbox: InboxScopes,
    redaction: &Redaction,
) -> anyhow::Result<PreparedScopes> {
    let prepared = PreparedScopes::new(scopes, allow_unknown, inbox)
        .map_err(|error| scope_error(error, redaction))?;
    let pieces: Vec<&str> = prepared.for_a_user().iter().map(String::as_str).collect();
    warn_about_scopes(&pieces, true);
    Ok(prepared)
}

/// The catalogue's judgement, said once per token shape: legacy spellings, and the empty-inbox
/// trap when a user's token lacks an Inbox scope (only possible with `--no-inbox-scopes`).
fn warn_about_scopes(pieces: &[&str], names_a_user: bool) {
    for piece in pieces {
        if let Some(use_instead) = legacy_replacement(piece) {
            crate::terminal::diagnostics::warning(legacy_warning(piece, use_instead, pieces));
        }
    }
    let missing: Vec<&str> = INBOX_SCOPES
        .into_iter()
        .filter(|needed| !pieces.contains(needed))
        .collect();
    if names_a_user && !missing.is_empty() {
        crate::terminal::diagnostics::warning(format_args!(
            "the token lacks {} (--no-inbox-scopes): the Inbox will connect but show no messages",
            missing.join(" and ")
        ));
    }
}

/// A `--user-id` given on its own (`verify`, `doctor`): one a scope can carry.
pub fn user_id_option(user_id: &str, redaction: &Redaction) -> anyhow::Result<()> {
    validate_scope_user_id(user_id).map_err(|error| scope_error(error, redaction))
}

/// The user id `hmac-sign` signs, by the one user-id rule ([`UserIdUse::Signature`]): an
/// inner space is signed as given, with a note that no token's scope could hold it.
pub fn hmac_user_id_option(user_id: &str, redaction: &Redaction) -> anyhow::Result<()> {
    let inner = classify_user_id(user_id, UserIdUse::Signature)
        .map_err(|problem| user_id_error(user_id, problem, UserIdUse::Signature, redaction))?;
    if let Some(inner) = inner {
        crate::terminal::diagnostics::note(format_args!(
            "note: {}",
            hmac_inner_whitespace_note(user_id, inner, redaction)
        ));
    }
    Ok(())
}

/// The note for an id the HMAC signs but no JWT scope could hold (single and bulk alike).
pub fn hmac_inner_whitespace_note(user_id: &str, inner: char, redaction: &Redaction) -> String {
    format!(
        "{} ({}), so it cannot appear in a JWT scope; the HMAC signs it as given",
        UserIdProblem::BadCharacter(inner),
        redaction.quoted(user_id)
    )
}

/// A user id refused for `used`, with the reason that fits the command.
pub fn user_id_error(
    user_id: &str,
    problem: UserIdProblem,
    used: UserIdUse,
    redaction: &Redaction,
) -> anyhow::Error {
    let hint = why_refused(&problem, used);
    match problem {
        UserIdProblem::Empty => user_error_with_hint("the user id is empty", hint),
        problem => user_error_with_hint(
            format!(
                "the user id {} {}",
                redaction.quoted(user_id),
                problem.predicate()
            ),
            hint,
        ),
    }
}

fn scope_error(error: ScopeError, redaction: &Redaction) -> anyhow::Error {
    match error {
        ScopeError::Empty => user_error_with_hint(
            "a token needs a user and scopes: nothing to put in this one",
            "pass --user-id ID (gives the Inbox scopes inbox:read:messages inbox:write:events), and --scope for others",
        ),
        ScopeError::NoUserFor(scope) => user_error_with_hint(
            format!("{scope} with no user: this token would be for nobody, and its Inbox would stay empty"),
            "add --user-id ID (the id your app passes to the Inbox)",
        ),
        ScopeError::OnlyUserIds => user_error_with_hint(
            "user_id:<id> must come with other scopes; this token would grant nothing",
            "drop --no-inbox-scopes to get what the Inbox needs (inbox:read:messages inbox:write:events), or add --scope for what this token grants",
        ),
        ScopeError::BadUserId { user_id, problem } => {
            user_id_error(&user_id, problem, UserIdUse::Scope, redaction)
        }
        ScopeError::UserIdWithPrefix { user_id, bare } => user_error_with_hint(
            format!(
                "the user id {} already starts with user_id:; the scope would read user_id:{user_id}",
                redaction.quoted(&user_id)
            ),
            format!("give the id alone: --user-id {bare}"),
        ),
        error @ ScopeError::ControlCharacter { .. } => user_error(error.worded(Wording {
            // A scope error shows no instant: the zone is not consulted.
            dates: &DateZone::utc(),
            redaction,
        })),
        ScopeError::Unknown {
            scope,
            spaced: Some(spaced),
            ..
        } => user_error_with_hint(
            format!(
                "unknown scope {}: scopes are separated by spaces, not commas",
                redaction.quoted(&scope)
            ),
            format!("write --scope '{spaced}'"),
        ),
        ScopeError::Unknown { scope, near, .. } => user_error_with_hint(
            format!("unknown scope {}", redaction.quoted(&scope)),
            match near {
                Some(near) => format!("did you mean {near}? (--allow-unknown-scopes lets an undocumented scope through)"),
                None => "see `courier-token issue --help` for Courier's scopes; --allow-unknown-scopes lets an undocumented scope through".to_string(),
            },
        ),
        ScopeError::Unwritable(ScopeProblem::TooLong(length)) => user_error_with_hint(
            format!("the scope string is {length} bytes, more than {MAX_SCOPE_BYTES}"),
            "tokens travel in an HTTP header, commonly capped at 8 KiB; issue one token per user instead",
        ),
        ScopeError::Unwritable(ScopeProblem::UserIdIsAScope) => {
            user_error("a user id starts with user_id:")
        }
    }
}
