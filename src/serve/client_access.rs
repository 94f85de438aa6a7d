//! Who calls the endpoints beyond the Inbox — the client GraphQL endpoint (preferences, brands)
//! and the REST API — and whether they may: the API key may do anything (the Node server SDK);
//! a user's JWT (courier-js, the mobile SDKs) is checked by the workspace's policy (`auth`) for
//! that user only, and must carry the scope the request needs (`read:preferences`,
//! `write:preferences`, `read:brands` or `read:brands:<id>`, `read:user-tokens`,
//! `write:user-tokens`). Refusals are logged with their codes, and `--enforce soft`/`off` apply
//! as everywhere else.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::app::App;
use super::auth::{Access, Decision, Finding, Need};
use super::log;
use super::refusal::Refusal;
use super::responses::{bearer, credentials, refusal};
use super::settings::Enforcement;

/// A refusal's answer, boxed (a `Response` is large to carry in every `Result`).
#[derive(Debug)]
pub(crate) struct Refused(Box<Response>);

impl From<Response> for Refused {
    fn from(response: Response) -> Self {
        Self(Box::new(response))
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// The caller of a client or REST endpoint.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    /// The workspace's API key.
    ApiKey,
    /// A user, as the policy let them in.
    User(Access),
}

/// Who calls; `user` is the user the request is about (a REST path's `{id}`), checked against
/// the token. A refusal is the 401 to answer, already logged.
pub(crate) fn caller(
    app: &App,
    headers: &HeaderMap,
    user: Option<&str>,
    what: &str,
) -> Result<Caller, Refused> {
    if bearer(headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return Ok(Caller::ApiKey);
    }
    let mut credentials = credentials(headers);
    if let Some(user) = user {
        credentials.user_id = Some(user);
    }
    let now = app.workspace.now_seconds();
    match app.authority.decide(&credentials, Need::Authenticated, now) {
        Decision::Refuse(why) => {
            log::refused(app, what, credentials.user_id, &why);
            Err(refusal(&why, credentials.user_id).into())
        }
        Decision::Serve { access, finding } => {
            if let Some(finding) = &finding {
                log::finding(app, what, &access.user_id, finding);
            }
            Ok(Caller::User(access))
        }
    }
}

/// Whether `caller` holds one of `scopes` (`read:brands` also grants `read:brands:<id>`); a
/// refusal is the 401 to answer, already logged.
pub(crate) fn require_scope(
    app: &App,
    caller: &Caller,
    scopes: &[String],
    what: &str,
) -> Result<(), Refused> {
    let Caller::User(access) = caller else {
        return Ok(());
    };
    let Some(granted) = &access.scope else {
        return Ok(());
    };
    if granted
        .split(' ')
        .any(|scope| scopes.iter().any(|want| want == scope))
    {
        return Ok(());
    }
    let why = Refusal::new(
        "scope_missing",
        format!("the token lacks {}", scopes.join(" or ")),
    );
    refuse(app, access, what, why)
}

/// Refuses under strict enforcement; lets through (logged) under soft and off.
fn refuse(app: &App, access: &Access, what: &str, why: Refusal) -> Result<(), Refused> {
    match app.authority.enforcement {
        Enforcement::Strict => {
            log::refused(app, what, Some(&access.user_id), &why);
            Err(refusal(&why, Some(&access.user_id)).into())
        }
        Enforcement::Soft | Enforcement::Off => {
            log::finding(app, what, &access.user_id, &Finding::LetThrough(why));
            Ok(())
        }
    }
}

/// Refuses a user's token where only the API key may go.
pub(crate) fn require_api_key(app: &App, caller: &Caller, what: &str) -> Result<(), Refused> {
    let Caller::User(access) = caller else {
        return Ok(());
    };
    let why = Refusal::new(
        "api_key_required",
        "this endpoint takes the workspace's API key as Bearer, not a user's token",
    );
    refuse(app, access, what, why)
}
