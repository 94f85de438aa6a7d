//! `POST /__serve/console/send`: the console's send form. `{"user_id", "title", "body",
//! "tenant"}` becomes a message read as `--messages` and `/send` read theirs
//! (`message::parse_new_message`), put in the user's inbox and pushed to their sockets like
//! any other. No API key: the console's own-origin check stands in for it (the page never
//! has the key).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

use crate::serve::answer_shapes::SentAnswer;
use crate::serve::app::App;
use crate::serve::message::parse_new_message;
use crate::serve::responses::invalid_request;

pub(crate) async fn send(State(app): State<Arc<App>>, Json(form): Json<Value>) -> Response {
    let Some(fields) = form.as_object() else {
        return invalid_request(
            "the form is a JSON object: {\"user_id\", \"title\", \"body\", \"tenant\"}",
        );
    };
    let mut message = Map::new();
    for name in ["user_id", "title", "body", "tenant"] {
        // An empty field of the form is a field left out (no tenant, no body).
        match fields.get(name) {
            Some(Value::String(text)) if text.trim().is_empty() => {}
            Some(value) => {
                message.insert(name.into(), value.clone());
            }
            None => {}
        }
    }
    match parse_new_message(&Value::Object(message), app.workspace.now()) {
        Ok(new) => {
            let user_id = new.user_id.clone();
            let id = app.workspace.add(new);
            (
                StatusCode::ACCEPTED,
                Json(SentAnswer {
                    message_id: &id,
                    user_id: &user_id,
                }),
            )
                .into_response()
        }
        Err(problem) => invalid_request(&format!("the message {problem}")),
    }
}
