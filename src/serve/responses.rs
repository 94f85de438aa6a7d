//! The answers every handler shares, in the shapes Courier's APIs use (stripe-mock's lesson:
//! every refusal is a body in the real API's error shape): `{"message","type"}` errors, the
//! 401 of the Inbox with the reason code leading its message, and how the headers an SDK sends
//! are read into [`Credentials`].

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::auth::Credentials;
use super::control::journal::RefusalNote;
use super::error_bodies::ErrorBody;
use super::log::LoggedUser;
use super::refusal::Refusal;
use crate::wire::headers;

/// `{"message": …, "type": …}` with `status`.
pub(crate) fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, Json(ErrorBody { message, kind })).into_response()
}

/// 400 `{"message", "type": "invalid_request_error"}`.
pub(crate) fn invalid_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "invalid_request_error", message)
}

/// 401 for a wrong or missing API key.
pub(crate) fn bad_api_key() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        "authentication_error",
        "Unauthorized: Authorization must be Bearer <the workspace's API key>",
    )
}

/// 401 for an Inbox request the policy refuses: `"<code>: <why>"` (noted for the journal,
/// with the user the request named).
pub(crate) fn refusal(refusal: &Refusal, user: Option<&str>) -> Response {
    let mut response = error(
        StatusCode::UNAUTHORIZED,
        "authentication_error",
        &format!("{}: {}", refusal.code, refusal.detail),
    );
    response
        .extensions_mut()
        .insert(RefusalNote(refusal.clone()));
    match user {
        Some(user) => for_user(response, user),
        None => response,
    }
}

/// `response` marked as served to `user` (for the request log).
pub(crate) fn for_user(mut response: Response, user: &str) -> Response {
    response
        .extensions_mut()
        .insert(LoggedUser(user.to_string()));
    response
}

/// The value of `Authorization: Bearer <value>`.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)?
        .to_str()
        .ok()
        .filter(|value| !value.is_empty())
}

/// What an Inbox request carries.
pub(crate) fn credentials(headers: &HeaderMap) -> Credentials<'_> {
    Credentials {
        bearer: bearer(headers),
        user_id: header(headers, headers::USER_ID),
        // courier-js sends `x-courier-client-key: empty` to the client GraphQL endpoint.
        client_key: header(headers, headers::CLIENT_KEY).filter(|key| *key != "empty"),
        user_signature: header(headers, headers::USER_SIGNATURE),
    }
}

/// The connection id courier-js sends with mutations.
pub(crate) fn source_id(headers: &HeaderMap) -> Option<String> {
    header(headers, headers::CLIENT_SOURCE_ID).map(str::to_string)
}

/// Whether the body is declared JSON. A page can POST text/plain or a form to any origin
/// without asking first; only JSON needs the browser's preflight, which the origin policy
/// answers, so the GraphQL endpoints take JSON alone.
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}
