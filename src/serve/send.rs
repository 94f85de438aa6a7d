//! Messages in. `POST /send` in the Send API's shape, the API key as Bearer, handed to
//! `delivery` (recipients, templates, routing, what became of each message). `POST
//! /__serve/reset` (API key too) empties every inbox between test cases. [`read_messages`]
//! reads `--messages` (a JSON array, or JSON Lines).

use std::io::BufRead;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::answer_shapes::Removed;
use super::app::App;
use super::delivery::deliver;
use super::message::{parse_new_message, Millis, NewMessage};
use super::responses::{bad_api_key, bearer, invalid_request};

/// The path of the reset endpoint (serve's own; Courier has none).
pub const RESET_PATH: &str = "/__serve/reset";

pub(crate) async fn send(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    if !bearer(&headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(body) => deliver(&app, &body),
        Err(error) => invalid_request(&format!("the body is not JSON: {error}")),
    }
}

pub(crate) async fn reset(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if !bearer(&headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    Json(Removed {
        removed: app.workspace.reset(),
    })
    .into_response()
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
    fn message_files_are_read() {
        let load = |text: &str| read_messages(text.as_bytes(), 0, |_| {});
        assert_eq!(load("{\"user\":\"a\"}\n\n{\"user\":\"b\"}\n"), Ok(2));
        assert_eq!(load("  \n[{\"user\":\"a\"}]"), Ok(1));
        assert_eq!(load(""), Ok(0));
        assert!(load("{\"user\":\"a\"}\n{\"title\":1}")
            .unwrap_err()
            .starts_with("line 2"));
    }
}
