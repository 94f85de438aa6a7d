//! The bodies of serve's refusals, as types: Courier's REST error `{"message","type"}` and
//! GraphQL's `{"errors": [{"message"}]}`. Which status and which words a refusal carries is
//! the caller's; the shape is here.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Courier's REST error: `{"message": …, "type": …}`.
#[derive(Serialize)]
pub(crate) struct ErrorBody<'a> {
    pub(crate) message: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'a str,
}

/// GraphQL's error answer: `{"errors": [{"message": …}]}`, one error.
#[derive(Serialize)]
pub(crate) struct GraphqlErrors<'a> {
    errors: [GraphqlError<'a>; 1],
}

#[derive(Serialize)]
struct GraphqlError<'a> {
    message: &'a str,
}

impl<'a> GraphqlErrors<'a> {
    pub(crate) fn one(message: &'a str) -> Self {
        GraphqlErrors {
            errors: [GraphqlError { message }],
        }
    }
}

/// `status` with GraphQL's `{"errors": [{"message"}]}`.
pub(crate) fn graphql_error(status: StatusCode, message: &str) -> Response {
    (status, Json(GraphqlErrors::one(message))).into_response()
}
