//! The HTTP side of the control surface, every route behind the workspace's API key as
//! `Authorization: Bearer` (as `/__serve/reset` is): `GET /__serve/wait`, `GET`/`DELETE
//! /__serve/requests` (the journal, `?user=`, `?path=`, `?status=`), `GET`/`POST
//! /__serve/clock`, `GET`/`POST`/`DELETE /__serve/faults`, and `GET /__serve/state` (the
//! workspace as `--export-on-exit` writes it). Thin: each parses, calls the
//! concern's module and renders.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::super::answer_shapes::Removed;
use super::super::app::App;
use super::super::responses::{bad_api_key, bearer, invalid_request};
use super::clock::{clock_json, move_clock};
use super::journal::Wanted;
use super::wait::wait;
use crate::serve::changes::Topic;
use crate::serve::workspace_export::workspace_text;

pub(crate) const WAIT_PATH: &str = "/__serve/wait";
pub(crate) const REQUESTS_PATH: &str = "/__serve/requests";
pub(crate) const CLOCK_PATH: &str = "/__serve/clock";
pub(crate) const FAULTS_PATH: &str = "/__serve/faults";
pub(crate) const STATE_PATH: &str = "/__serve/state";

/// The control routes, for `routes` to merge.
pub(crate) fn control_routes(app: &Arc<App>) -> Router<Arc<App>> {
    Router::new()
        .route(WAIT_PATH, get(wait_for))
        .route(REQUESTS_PATH, get(requests).delete(clear_requests))
        .route(CLOCK_PATH, get(show_clock).post(set_clock))
        .route(STATE_PATH, get(show_state))
        .route(
            FAULTS_PATH,
            get(show_faults).post(add_faults).delete(clear_faults),
        )
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(app),
            require_api_key,
        ))
}

async fn require_api_key(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if !bearer(request.headers()).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    next.run(request).await
}

/// The body as JSON, or the message of a 400.
fn json_body(body: &Bytes) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|error| format!("the body is not JSON: {error}"))
}

async fn wait_for(
    State(app): State<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    wait(&app.workspace, &params, app.stopping.clone()).await
}

async fn requests(
    State(app): State<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let status = match params.get("status").map(|status| status.parse::<u16>()) {
        None => None,
        Some(Ok(status)) => Some(status),
        Some(Err(_)) => return invalid_request("?status= is an HTTP status such as 401"),
    };
    let wanted = Wanted {
        user: params.get("user").cloned(),
        path: params.get("path").cloned(),
        status,
    };
    Json(app.control.journal.list(&wanted)).into_response()
}

async fn clear_requests(State(app): State<Arc<App>>) -> Response {
    let removed = app.control.journal.clear();
    app.workspace.changes.notify(Topic::Requests);
    Json(Removed { removed }).into_response()
}

async fn show_clock(State(app): State<Arc<App>>) -> Response {
    Json(clock_json(app.workspace.clock())).into_response()
}

async fn set_clock(State(app): State<Arc<App>>, body: Bytes) -> Response {
    match json_body(&body).and_then(|body| move_clock(app.workspace.clock(), &body)) {
        Ok(()) => Json(clock_json(app.workspace.clock())).into_response(),
        Err(message) => invalid_request(&message),
    }
}

/// The workspace as `--export-on-exit` writes it, byte for byte.
async fn show_state(State(app): State<Arc<App>>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        workspace_text(&app.workspace),
    )
        .into_response()
}

async fn show_faults(State(app): State<Arc<App>>) -> Response {
    Json(app.control.faults.standing()).into_response()
}

async fn add_faults(State(app): State<Arc<App>>, body: Bytes) -> Response {
    match json_body(&body).and_then(|body| app.control.faults.apply(&body)) {
        Ok(answer) => Json(answer).into_response(),
        Err(message) => invalid_request(&message),
    }
}

async fn clear_faults(State(app): State<Arc<App>>) -> Response {
    app.control.faults.clear();
    Json(app.control.faults.standing()).into_response()
}
