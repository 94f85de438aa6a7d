//! Scopes and user ids as the command line takes them (`--user-id`, `--scope`,
//! `--allow-unknown-scopes`, a bulk file's lines): the typed refusals of `scope` worded with the
//! option names and hints a user can act on. This is the one place that says why a user id
//! cannot go in a scope. The rules themselves (what a scope or user id may be) live in `scope`.

use crate::error::{quoted, user_error, user_error_with_hint};
use crate::scope::{
    build_scope, check_user_id, describe_char, validate_scope_user_id, PreparedScopes, ScopeError,
    ScopeProblem, ScopeRequest, UserIdProblem, MAX_SCOPE_BYTES,
};

/// Why a user id cannot be part of a token's scope.
const WHY_NO_SPACES: &str =
    "Courier scopes are space-separated, so a user id cannot hold whitespace or control characters";

/// The scope string for `issue`'s `--user-id` and `--scope` options.
pub fn scope_option(request: &ScopeRequest<'_>) -> anyhow::Result<String> {
    build_scope(request).map_err(|error| match (error, request.user_ids) {
        (ScopeError::Unwritable(ScopeProblem::TooLong(length)), [user_id])
            if user_id.len() + "user_id:".len() > MAX_SCOPE_BYTES =>
        {
            one_user_id_too_long(user_id, length)
        }
        (ScopeError::Unwritable(ScopeProblem::TooLong(length)), [] | [_]) => user_error_with_hint(
            format!("the scope string is {length} bytes, more than {MAX_SCOPE_BYTES}"),
            "tokens travel in an HTTP header, commonly capped at 8 KiB; grant fewer scopes",
        ),
        (error, _) => scope_error(error),
    })
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

/// `--scope` values for bulk `issue`, checked once for every line.
pub fn prepared_scopes_option(
    scopes: &[String],
    allow_unknown: bool,
) -> anyhow::Result<PreparedScopes> {
    PreparedScopes::new(scopes, allow_unknown).map_err(scope_error)
}

/// A `--user-id` given on its own (`verify`, `doctor`): one a scope can carry.
pub fn user_id_option(user_id: &str) -> anyhow::Result<()> {
    validate_scope_user_id(user_id).map_err(scope_error)
}

/// The HMAC signs any non-empty id without control characters: it has no scope, so the JWT
/// rule against spaces does not apply. Such an id gets a note, as it could never be put in a
/// token's scope. Control characters stay refused: no `x-courier-user-id` header can carry one.
pub fn hmac_user_id_option(user_id: &str) -> anyhow::Result<()> {
    match check_user_id(user_id) {
        Ok(()) => Ok(()),
        Err(UserIdProblem::BadCharacter(c)) if !c.is_control() => {
            crate::diagnostics::note(format_args!(
                "note: {} ({}), so it cannot appear in a JWT scope; the HMAC signs it as given",
                UserIdProblem::BadCharacter(c),
                quoted(user_id)
            ));
            Ok(())
        }
        Err(problem) => Err(user_id_error(user_id, problem)),
    }
}

fn user_id_error(user_id: &str, problem: UserIdProblem) -> anyhow::Error {
    match problem {
        UserIdProblem::Empty => {
            user_error("the user id is empty; give the id your app uses for this user")
        }
        UserIdProblem::BadCharacter(bad) => user_error_with_hint(
            format!(
                "the user id {} contains {}",
                quoted(user_id),
                describe_char(bad)
            ),
            WHY_NO_SPACES,
        ),
    }
}

fn scope_error(error: ScopeError) -> anyhow::Error {
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
            "add --scope inbox:read:messages --scope inbox:write:events (what the Inbox needs), or drop --scope to get them by default",
        ),
        ScopeError::BadUserId { user_id, problem } => user_id_error(&user_id, problem),
        ScopeError::UserIdWithPrefix { user_id, bare } => user_error_with_hint(
            format!(
                "the user id {} already starts with user_id:; the scope would read user_id:{user_id}",
                quoted(&user_id)
            ),
            format!("give the id alone: --user-id {bare}"),
        ),
        error @ ScopeError::ControlCharacter { .. } => user_error(error.to_string()),
        ScopeError::Unknown {
            scope,
            spaced: Some(spaced),
            ..
        } => user_error_with_hint(
            format!(
                "unknown scope {}: scopes are separated by spaces, not commas",
                quoted(&scope)
            ),
            format!("write --scope '{spaced}'"),
        ),
        ScopeError::Unknown { scope, near, .. } => user_error_with_hint(
            format!("unknown scope {}", quoted(&scope)),
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
