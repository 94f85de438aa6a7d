//! A message's tracking URL, as Courier's push payloads carry one (`trackingUrl`) and the mobile
//! SDKs' `TrackingClient.postTrackingUrl` calls it: `POST <base>/t/<message id>` with
//! `{"event": "CLICKED" | "DELIVERED" | "OPENED" | "READ" | "UNREAD"}` (their
//! `CourierTrackingEvent`). serve answers it for its own messages — OPENED marks the message
//! opened, READ read, UNREAD unread, CLICKED is told to the user's sockets as a click is,
//! DELIVERED changes nothing — with 200 `{}`; an unknown message is a 404, another event a 400.
//! Like Courier's, the URL needs no credentials: it is journaled and logged as every request.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::answer_shapes::Empty;
use super::app::App;
use super::inbox::MessageChange;
use super::responses::{error, for_user, invalid_request};

/// The route.
pub(crate) const TRACKING_PATH: &str = "/t/{message_id}";

/// The events a tracking URL takes, and what each changes.
const EVENTS: [(&str, Option<MessageChange>); 5] = [
    ("CLICKED", Some(MessageChange::Clicked)),
    ("DELIVERED", None),
    ("OPENED", Some(MessageChange::Opened)),
    ("READ", Some(MessageChange::Read)),
    ("UNREAD", Some(MessageChange::Unread)),
];

pub(crate) async fn track(
    State(app): State<Arc<App>>,
    Path(message_id): Path<String>,
    body: Bytes,
) -> Response {
    let event = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| {
            body.get("event")
                .and_then(Value::as_str)
                .map(str::to_string)
        });
    let Some(change) = event.as_deref().and_then(|event| {
        EVENTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(event))
            .map(|(_, change)| *change)
    }) else {
        return invalid_request(
            "the body is {\"event\": \"CLICKED\" | \"DELIVERED\" | \"OPENED\" | \"READ\" | \"UNREAD\"}",
        );
    };
    let Some(user) = app.workspace.owner_of(&message_id) else {
        return error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            "no message with this tracking URL",
        );
    };
    if let Some(change) = change {
        app.workspace.change(&user, &message_id, change, None);
    }
    for_user(Json(Empty {}).into_response(), &user)
}
