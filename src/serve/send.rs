//! Messages in. `POST /send` in the Send API's shape (`{"message": {"to": {"user_id",
//! "context": {"tenant_id"}}, "content": {"title", "body"}, "data"}}`, the API key as Bearer)
//! puts a message in the user's inbox and pushes it to their open sockets; its `requestId` is
//! the new message's id. `POST /__serve/reset` (API key too) empties every inbox between test
//! cases. [`read_messages`] reads `--messages` (a JSON array, or JSON Lines).

use std::io::BufRead;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::app::App;
use super::message::{parse_new_message, Millis, NewMessage};
use super::responses::{bad_api_key, bearer, invalid_request};

/// The path of the reset endpoint (serve's own; Courier has none).
pub const RESET_PATH: &str = "/__serve/reset";

pub(crate) async fn send(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    if !bearer(&headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    let new = serde_json::from_slice::<Value>(&body)
        .map_err(|error| format!("the body is not JSON: {error}"))
        .and_then(|body| send_request(&body, app.workspace.now()));
    match new {
        Ok(new) => {
            let id = app.workspace.add(new);
            (StatusCode::ACCEPTED, Json(json!({"requestId": id}))).into_response()
        }
        Err(message) => invalid_request(&message),
    }
}

pub(crate) async fn reset(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if !bearer(&headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    Json(json!({"removed": app.workspace.reset()})).into_response()
}

/// A Send API body as the message it puts in one user's inbox.
fn send_request(body: &Value, now: Millis) -> Result<NewMessage, String> {
    let message = body
        .get("message")
        .and_then(Value::as_object)
        .ok_or("\"message\" is required")?;
    let to = message
        .get("to")
        .and_then(Value::as_object)
        .ok_or("\"message.to\" is required")?;
    if to.contains_key("tenant_id") && to.contains_key("user_id") {
        return Err("\"message.to\" has both tenant_id and user_id; one user in a tenant is {\"user_id\", \"context\": {\"tenant_id\"}}".into());
    }
    let user_id = to
        .get("user_id")
        .ok_or("serve delivers to one user: \"message.to.user_id\" is required")?;
    let content = message
        .get("content")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut inbox_message = Map::new();
    inbox_message.insert("user_id".into(), user_id.clone());
    let tenant = to
        .get("context")
        .and_then(|context| context.get("tenant_id"));
    for (name, value) in [
        ("tenant_id", tenant),
        ("title", content.get("title")),
        ("body", content.get("body")),
        ("data", message.get("data")),
        ("tags", message.get("tags")),
        ("actions", content.get("actions")),
    ] {
        if let Some(value) = value {
            inbox_message.insert(name.into(), value.clone());
        }
    }
    parse_new_message(&Value::Object(inbox_message), now)
        .map_err(|problem| format!("the message {problem}"))
}

/// `--messages FILE`: a JSON array of messages, or one message per line (JSON Lines), each
/// handed to `each` as it is read (a large file is never held whole as messages); how many.
pub(crate) fn read_messages(
    mut reader: impl BufRead,
    now: Millis,
    mut each: impl FnMut(NewMessage),
) -> Result<usize, String> {
    let starts_with_bracket = loop {
        let buffer = reader
            .fill_buf()
            .map_err(|error| format!("could not be read: {error}"))?;
        match buffer.iter().position(|byte| !byte.is_ascii_whitespace()) {
            Some(at) => break buffer[at] == b'[',
            None if buffer.is_empty() => return Ok(0),
            None => {
                let length = buffer.len();
                reader.consume(length);
            }
        }
    };
    if starts_with_bracket {
        let items: Vec<Value> = serde_json::from_reader(reader)
            .map_err(|error| format!("is not a JSON array of messages: {error}"))?;
        for (at, item) in items.iter().enumerate() {
            each(
                parse_new_message(item, now)
                    .map_err(|problem| format!("message {} {problem}", at + 1))?,
            );
        }
        return Ok(items.len());
    }
    let mut count = 0;
    for (at, line) in reader.lines().enumerate() {
        let line = line.map_err(|error| format!("line {}: could not be read: {error}", at + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line)
            .map_err(|error| format!("line {}: not JSON: {error}", at + 1))?;
        each(
            parse_new_message(&value, now)
                .map_err(|problem| format!("line {}: the message {problem}", at + 1))?,
        );
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_bodies_and_message_files_are_read() {
        let body = json!({"message": {"to": {"user_id": "u", "context": {"tenant_id": "t"}},
                          "content": {"title": "Hi", "body": "There"}}});
        let new = send_request(&body, 0).unwrap();
        assert_eq!(
            (new.user_id.as_str(), new.message.tenant.as_deref()),
            ("u", Some("t"))
        );
        let both = json!({"message": {"to": {"user_id": "u", "tenant_id": "t"}}});
        assert!(send_request(&both, 0).is_err());
        let load = |text: &str| read_messages(text.as_bytes(), 0, |_| {});
        assert_eq!(load("{\"user\":\"a\"}\n\n{\"user\":\"b\"}\n"), Ok(2));
        assert_eq!(load("  \n[{\"user\":\"a\"}]"), Ok(1));
        assert_eq!(load(""), Ok(0));
        assert!(load("{\"user\":\"a\"}\n{\"title\":1}")
            .unwrap_err()
            .starts_with("line 2"));
    }
}
