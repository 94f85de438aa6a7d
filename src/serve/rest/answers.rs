//! What the REST handlers share: a JSON object body read or refused in Courier's error shape,
//! `204 No Content`, and a 404 naming what was not found.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::super::client_access::Refused;
use super::super::responses::{error, invalid_request};

/// The body as a JSON object (an empty body is an empty object).
pub(crate) fn object_body(body: &Bytes) -> Result<Map<String, Value>, Refused> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(invalid_request("the body is not a JSON object").into()),
        Err(problem) => Err(invalid_request(&format!("the body is not JSON: {problem}")).into()),
    }
}

pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

pub(crate) fn not_found(what: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        &format!("{what} was not found"),
    )
}
