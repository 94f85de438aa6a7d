//! Brands over REST, the API key only: `POST /brands` (an `id` in the body, or one made up),
//! `GET /brands` (`{"results", "paging"}`), `GET/PUT/DELETE /brands/{id}`; the brand the
//! client GraphQL endpoint answers is the same record.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::super::answer_shapes::Results;
use super::super::app::App;
use super::super::responses::invalid_request;
use super::answers::{no_content, not_found, object_body};
use super::key_holder::KeyHolder;

pub(crate) async fn list(State(app): State<Arc<App>>, _key: KeyHolder) -> Response {
    let results = app.workspace.directory.brands_json();
    Json(Results::one_page(results)).into_response()
}

pub(crate) async fn create(State(app): State<Arc<App>>, _key: KeyHolder, body: Bytes) -> Response {
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let id = match body.get("id") {
        Some(Value::String(id)) if !id.is_empty() => id.clone(),
        Some(_) => return invalid_request("a brand's \"id\" is a non-empty string"),
        None => app
            .workspace
            .directory
            .next_request_id()
            .replacen("req_", "brand_", 1),
    };
    match app.workspace.directory.put_brand(&id, &body) {
        Ok(brand) => Json(brand).into_response(),
        Err(problem) => invalid_request(&problem),
    }
}

pub(crate) async fn get_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
) -> Response {
    match app.workspace.directory.brand_json(&id) {
        Some(brand) => Json(brand).into_response(),
        None => not_found(&format!("Brand {id:?}")),
    }
}

pub(crate) async fn put_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    match app.workspace.directory.put_brand(&id, &body) {
        Ok(brand) => Json(brand).into_response(),
        Err(problem) => invalid_request(&problem),
    }
}

pub(crate) async fn delete_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
) -> Response {
    if app.workspace.directory.delete_brand(&id) {
        no_content()
    } else {
        not_found(&format!("Brand {id:?}"))
    }
}
