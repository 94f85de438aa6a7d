//! The HTTP surface, axum's way: one route per endpoint Courier has (the Inbox's `/q`, the
//! Issue Token API, the Send API, the realtime socket at `/`) plus serve's reset, and the
//! layers every request passes: `origin_policy`'s refusal of foreign origins and hosts and its
//! CORS for the headers the SDKs send (so a `<courier-inbox>` on a loopback origin or a
//! `--cors-origin` loads), a body size limit, a time limit per request, and the request log.
//! serve's control routes (`control::endpoints`) come after the time limit (a wait may last
//! longer); the journal sees every request, the faults only Courier's. The console (the page a
//! browser gets at `/`, and its endpoints) sits outside all of these, with its own checks:
//! never under the SDKs' CORS, never given a fault, not journaled.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response as HttpResponse, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower::ServiceBuilder;
use tower_http::body::Limited;
use tower_http::limit::{RequestBodyLimitLayer, ResponseBody};
use tower_http::timeout::TimeoutLayer;

use super::app::{App, MAX_BODY_BYTES, REQUEST_TIMEOUT};
use super::client_graphql::endpoint::client_graphql;
use super::console;
use super::control::endpoints::control_routes;
use super::control::injection::inject_faults;
use super::inbox_endpoint::inbox_graphql;
use super::issue_token::issue_token;
use super::middleware::{front_door, watch_requests};
use super::origin_policy::cors;
use super::responses::error;
use super::rest::rest_routes;
use super::send::{reset, send, RESET_PATH};
use super::socket::socket;
use super::tracking::{track, TRACKING_PATH};
use crate::wire::urls::{CLIENT_GRAPHQL_PATH, INBOX_GRAPHQL_PATH, ISSUE_TOKEN_PATH, SEND_PATH};

pub(crate) fn router(app: Arc<App>) -> Router {
    let courier: Router = Router::new()
        .route(INBOX_GRAPHQL_PATH, post(inbox_graphql))
        .route(CLIENT_GRAPHQL_PATH, post(client_graphql))
        .merge(rest_routes())
        .route(ISSUE_TOKEN_PATH, post(issue_token))
        .route(SEND_PATH, post(send))
        .route(RESET_PATH, post(reset))
        .route(TRACKING_PATH, post(track))
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
        .with_state(Arc::clone(&app));
    // The layers every request to Courier's surface passes, outermost first, composed once
    // around the routes: `Router::layer` would box each layer again around every route, and a
    // request clones its route's whole stack of boxes.
    let courier = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(Arc::clone(&app), front_door))
        .layer(cors(&app.origin_policy))
        // The layers inside answer with the limit's body type; the ones outside take axum's.
        .map_response(|response: HttpResponse<ResponseBody<Body>>| response.map(Body::new))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .map_request(|request: Request<Limited<Body>>| request.map(Body::new))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            watch_requests,
        ))
        .service(courier);
    console::router(Arc::clone(&app))
        .fallback_service(courier)
        .with_state(app)
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "invalid_request_error", "Not Found: serve answers /q, /client/q, /auth/issue-token, /send, /messages, /users/{id}/preferences, /users/{id}/tenants, /users/{id}/tokens, /tenants, /brands, /client/lists, /inbound/courier, /t/{message id}, /__serve/reset, /__serve/wait, /__serve/requests, /__serve/clock, /__serve/faults, /__serve/state and the realtime socket at /")
}
