//! The HTTP surface, axum's way: one route per endpoint Courier has (the Inbox's `/q`, the
//! Issue Token API, the Send API, the realtime socket at `/`) plus serve's reset, and the
//! `tower-http` layers every request passes: CORS for the headers the SDKs send (so a
//! `<courier-inbox>` on another origin loads), a body size limit, a time limit per request,
//! and the request log. serve's control routes (`control::endpoints`) come after the time
//! limit (a wait may last longer); the journal sees every request, the faults only Courier's.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::app::App;
use super::client_graphql::endpoint::client_graphql;
use super::control::endpoints::control_routes;
use super::control::injection::inject_faults;
use super::control::recording::journal_requests;
use super::inbox_endpoint::inbox_graphql;
use super::issue_token::issue_token;
use super::log::log_requests;
use super::responses::error;
use super::rest::rest_routes;
use super::send::{reset, send, RESET_PATH};
use super::socket::socket;
use crate::wire::headers::SDK_REQUEST_HEADERS;
use crate::wire::urls::{CLIENT_GRAPHQL_PATH, INBOX_GRAPHQL_PATH, ISSUE_TOKEN_PATH, SEND_PATH};

/// The largest request body accepted (a GraphQL document or a message is far smaller).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long one request may take, body included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(INBOX_GRAPHQL_PATH, post(inbox_graphql))
        .route(CLIENT_GRAPHQL_PATH, post(client_graphql))
        .merge(rest_routes())
        .route(ISSUE_TOKEN_PATH, post(issue_token))
        .route(SEND_PATH, post(send))
        .route(RESET_PATH, post(reset))
        .route("/", get(socket))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            inject_faults,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // After the time limit: a wait may last longer than a request.
        .merge(control_routes(&app))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            journal_requests,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            log_requests,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(cors())
        .with_state(app)
}

/// Any origin, the methods the SDKs use, and every header they may send.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(SDK_REQUEST_HEADERS.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600))
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "invalid_request_error", "Not Found: serve answers /q, /client/q, /auth/issue-token, /send, /messages, /users/{id}/preferences, /users/{id}/tenants, /users/{id}/tokens, /tenants, /brands, /client/lists, /inbound/courier, /__serve/reset, /__serve/wait, /__serve/requests, /__serve/clock, /__serve/faults and the realtime socket at /")
}
