//! courier-js's list and tracking clients: `PUT /client/lists/{list}/subscribe/{user}` and
//! `DELETE /client/lists/{list}/unsubscribe/{user}` (the user's JWT, for that user, beside the
//! client key), and `POST /inbound/courier` (the client key alone: the workspace's, or a 401)
//! answered 202 `{"messageId"}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::super::answer_shapes::MessageIdAnswer;
use super::super::app::App;
use super::super::client_access::caller;
use super::super::responses::{error, for_user, invalid_request};
use super::answers::{no_content, object_body};
use crate::client_key::tenant_id_from_client_key;
use crate::wire::headers::CLIENT_KEY;

pub(crate) async fn subscribe(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((list, user)): Path<(String, String)>,
) -> Response {
    listed(
        &app,
        &headers,
        &list,
        &user,
        true,
        "PUT /client/lists/{list}/subscribe/{user}",
    )
}

pub(crate) async fn unsubscribe(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((list, user)): Path<(String, String)>,
) -> Response {
    listed(
        &app,
        &headers,
        &list,
        &user,
        false,
        "DELETE /client/lists/{list}/unsubscribe/{user}",
    )
}

fn listed(
    app: &App,
    headers: &HeaderMap,
    list: &str,
    user: &str,
    subscribed: bool,
    what: &str,
) -> Response {
    if let Err(refused) = caller(app, headers, Some(user), what) {
        return refused.into_response();
    }
    app.workspace.directory.subscribe(list, user, subscribed);
    for_user(no_content(), user)
}

pub(crate) async fn inbound(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let client_key = headers
        .get(CLIENT_KEY)
        .and_then(|value| value.to_str().ok());
    let ours = client_key
        .and_then(|key| tenant_id_from_client_key(key).ok())
        .is_some_and(|workspace| workspace == app.authority.workspace_id);
    if !ours {
        return error(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            "Unauthorized: x-courier-client-key must be the workspace's client key",
        );
    }
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let Some(Value::String(message_id)) = body.get("messageId") else {
        return invalid_request("the body needs \"messageId\"");
    };
    if body.get("type").and_then(Value::as_str) != Some("track")
        || !body.get("event").is_some_and(Value::is_string)
    {
        return invalid_request("the body needs \"event\" and \"type\": \"track\"");
    }
    let answer = MessageIdAnswer { message_id };
    (StatusCode::ACCEPTED, Json(answer)).into_response()
}
