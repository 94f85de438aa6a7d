//! Device tokens over REST: `GET /users/{id}/tokens`, `PUT` (several, `{"tokens": [...]}`; the
//! Node SDK's `addMultiple` sends no body, which adds nothing), and
//! `GET/PUT/PATCH/DELETE /users/{id}/tokens/{token}` — with the API key (Node server SDK) or the
//! user's JWT for that user only (courier-js's token client, the mobile SDKs): `read:user-tokens`
//! to read, `write:user-tokens` to change.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::super::app::App;
use super::super::client_access::{caller, require_scope, Refused};
use super::super::responses::{for_user, invalid_request};
use super::answers::{no_content, not_found, object_body};

fn allowed(
    app: &App,
    headers: &HeaderMap,
    user: &str,
    scope: &str,
    what: &str,
) -> Result<(), Refused> {
    let caller = caller(app, headers, Some(user), what)?;
    require_scope(app, &caller, &[scope.to_string()], what)
}

pub(crate) async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(user): Path<String>,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "read:user-tokens",
        "GET /users/{id}/tokens",
    ) {
        return refused.into_response();
    }
    for_user(
        Json(app.workspace.directory.tokens_of(&user)).into_response(),
        &user,
    )
}

/// `PUT /users/{id}/tokens` with `{"tokens": [{"token", "provider_key", …}]}`.
pub(crate) async fn put_many(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(user): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "write:user-tokens",
        "PUT /users/{id}/tokens",
    ) {
        return refused.into_response();
    }
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    // The Node SDK's `addMultiple` sends no body: nothing to add.
    let empty = Vec::new();
    let tokens = match body.get("tokens") {
        None => &empty,
        Some(Value::Array(tokens)) => tokens,
        Some(_) => return invalid_request("\"tokens\" is a list of {\"token\", \"provider_key\"}"),
    };
    for item in tokens {
        let (Some(object), Some(token)) =
            (item.as_object(), item.get("token").and_then(Value::as_str))
        else {
            return invalid_request("each of \"tokens\" is an object with a \"token\" string");
        };
        app.workspace
            .directory
            .put_token(&user, token, object.clone());
    }
    for_user(no_content(), &user)
}

pub(crate) async fn get_one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, token)): Path<(String, String)>,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "read:user-tokens",
        "GET /users/{id}/tokens/{token}",
    ) {
        return refused.into_response();
    }
    match app.workspace.directory.token_of(&user, &token) {
        Some(stored) => for_user(Json(stored).into_response(), &user),
        None => not_found("The token"),
    }
}

pub(crate) async fn put_one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, token)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "write:user-tokens",
        "PUT /users/{id}/tokens/{token}",
    ) {
        return refused.into_response();
    }
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    if !body.get("provider_key").is_some_and(Value::is_string) {
        return invalid_request(
            "a token needs \"provider_key\" (apn, firebase-fcm, expo, onesignal)",
        );
    }
    app.workspace.directory.put_token(&user, &token, body);
    for_user(no_content(), &user)
}

/// `PATCH` with `{"patch": [{"op", "path", "value"}]}`.
pub(crate) async fn patch_one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, token)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "write:user-tokens",
        "PATCH /users/{id}/tokens/{token}",
    ) {
        return refused.into_response();
    }
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let Some(patch) = body.get("patch").and_then(Value::as_array) else {
        return invalid_request("the body needs {\"patch\": [{\"op\", \"path\", \"value\"}]}");
    };
    match app.workspace.directory.patch_token(&user, &token, patch) {
        Ok(true) => for_user(no_content(), &user),
        Ok(false) => not_found("The token"),
        Err(problem) => invalid_request(&problem),
    }
}

pub(crate) async fn delete_one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, token)): Path<(String, String)>,
) -> Response {
    if let Err(refused) = allowed(
        &app,
        &headers,
        &user,
        "write:user-tokens",
        "DELETE /users/{id}/tokens/{token}",
    ) {
        return refused.into_response();
    }
    app.workspace.directory.delete_token(&user, &token);
    for_user(no_content(), &user)
}
