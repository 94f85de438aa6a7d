//! `GET /messages/{id}` and `GET /messages` (API key): what became of each message a send asked
//! for — `DELIVERED`, or `UNMAPPED` / `UNROUTABLE` / `UNDELIVERABLE` with the reason in `error`
//! — or `OPENED` once the recipient opened or read it in the Inbox — in the shape of Courier's
//! message API (`{"results": [...], "paging": {...}}` for the list,
//! filtered by `recipient`, `tenant_id` and `tags`).

use std::collections::HashMap;
use std::sync::Arc;

use super::super::answer_shapes::Results;
use super::super::app::App;
use super::super::client_access::{caller, require_api_key};
use super::super::directory::SendRecordJson;
use super::super::responses::error;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

pub(crate) async fn one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(refused) = caller(&app, &headers, None, "GET /messages/{id}")
        .and_then(|caller| require_api_key(&app, &caller, "GET /messages/{id}"))
    {
        return refused.into_response();
    }
    match app.workspace.directory.send_record(&id) {
        Some(record) => Json(with_inbox_state(&app, record)).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            &format!("Message {id} was not found (serve knows the messages of its /send)"),
        ),
    }
}

pub(crate) async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = caller(&app, &headers, None, "GET /messages")
        .and_then(|caller| require_api_key(&app, &caller, "GET /messages"))
    {
        return refused.into_response();
    }
    let results = app.workspace.directory.send_records(
        query.get("recipient").map(String::as_str),
        query.get("tenant_id").map(String::as_str),
        query.get("tags").map(String::as_str),
    );
    let results: Vec<SendRecordJson> = results
        .into_iter()
        .map(|record| with_inbox_state(&app, record))
        .collect();
    Json(Results::one_page(results)).into_response()
}

/// A delivered message the recipient has opened or read since is `OPENED`, as Courier reports
/// it, with when.
fn with_inbox_state(app: &App, mut record: SendRecordJson) -> SendRecordJson {
    let Some(user) = record.recipient.as_deref() else {
        return record;
    };
    if record.status != "DELIVERED" {
        return record;
    }
    let Some(message) = app.workspace.find(user, &record.id) else {
        return record;
    };
    if let Some(opened) = message.opened.get().or(message.read.get()) {
        record.status = "OPENED";
        record.opened = Some(opened);
    }
    record
}
