//! The one reader of a GraphQL request body that `/q` and `/client/q` share: JSON declared,
//! then parsed as `{"query", "operationName", "variables"}`, each failure answered in
//! GraphQL's error shape. What the request may do is the endpoint's business.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::error_bodies::graphql_error;
use super::responses::is_json;

/// A body refused before anything ran: its status and GraphQL error message.
#[derive(Debug)]
pub(crate) struct BodyRefused {
    status: StatusCode,
    message: String,
}

impl IntoResponse for BodyRefused {
    fn into_response(self) -> Response {
        graphql_error(self.status, &self.message)
    }
}

/// A GraphQL endpoint's body as a request: a body not declared JSON gets a 415, one that is
/// not a GraphQL request a 400, both in GraphQL's error shape (never a crash).
pub(crate) fn graphql_request(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<async_graphql::Request, BodyRefused> {
    if !is_json(headers) {
        // A page can POST text/plain or a form to any origin without asking first; only
        // JSON needs the browser's preflight, which the origin policy answers.
        return Err(BodyRefused {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: "the body must be JSON, with Content-Type: application/json".to_string(),
        });
    }
    serde_json::from_slice(body).map_err(|error| BodyRefused {
        status: StatusCode::BAD_REQUEST,
        message: format!("the body is not a GraphQL request ({{\"query\": …}}): {error}"),
    })
}
