//! Tenants over REST, the API key only (as the Node server SDK calls them):
//! `GET /tenants`, `GET/PUT/DELETE /tenants/{id}`, `GET /tenants/{id}/users`,
//! `GET/PUT/DELETE /users/{id}/tenants` and `PUT/DELETE /users/{id}/tenants/{tenant}`.
//! Membership decides which tenant a send to a user is scoped to (`delivery`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::super::answer_shapes::TenantList;
use super::super::app::App;
use super::super::responses::invalid_request;
use super::answers::{no_content, not_found, object_body};
use super::key_holder::KeyHolder;

fn listing(items: Vec<impl serde::Serialize>, url: &str) -> Response {
    Json(TenantList::one_page(items, url)).into_response()
}

pub(crate) async fn list(State(app): State<Arc<App>>, _key: KeyHolder) -> Response {
    listing(app.workspace.directory.tenants_json(), "/tenants")
}

pub(crate) async fn get_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
) -> Response {
    match app.workspace.directory.tenant_json(&id) {
        Some(tenant) => Json(tenant).into_response(),
        None => not_found(&format!("Tenant {id:?}")),
    }
}

pub(crate) async fn put_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let mut body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let Some(Value::String(name)) = body.remove("name") else {
        return invalid_request("a tenant needs \"name\"");
    };
    Json(app.workspace.directory.put_tenant(&id, name, body)).into_response()
}

pub(crate) async fn delete_one(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
) -> Response {
    app.workspace.directory.delete_tenant(&id);
    no_content()
}

pub(crate) async fn users(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(id): Path<String>,
) -> Response {
    match app.workspace.directory.memberships_of_tenant(&id) {
        Some(items) => listing(items, &format!("/tenants/{id}/users")),
        None => not_found(&format!("Tenant {id:?}")),
    }
}

pub(crate) async fn of_user(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(user): Path<String>,
) -> Response {
    listing(
        app.workspace.directory.memberships_of_user(&user),
        &format!("/users/{user}/tenants"),
    )
}

/// `PUT /users/{id}/tenants` with `{"tenants": [{"tenant_id"}, …]}`.
pub(crate) async fn join_many(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(user): Path<String>,
    body: Bytes,
) -> Response {
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let Some(tenants) = body.get("tenants").and_then(Value::as_array) else {
        return invalid_request("the body needs {\"tenants\": [{\"tenant_id\": ...}]}");
    };
    let ids: Option<Vec<&str>> = tenants
        .iter()
        .map(|t| t.get("tenant_id").and_then(Value::as_str))
        .collect();
    let Some(ids) = ids else {
        return invalid_request("each of \"tenants\" needs a \"tenant_id\" string");
    };
    for id in ids {
        app.workspace.directory.join(&user, id);
    }
    no_content()
}

pub(crate) async fn join(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path((user, tenant)): Path<(String, String)>,
) -> Response {
    app.workspace.directory.join(&user, &tenant);
    no_content()
}

pub(crate) async fn leave(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path((user, tenant)): Path<(String, String)>,
) -> Response {
    app.workspace.directory.leave(&user, Some(&tenant));
    no_content()
}

pub(crate) async fn leave_all(
    State(app): State<Arc<App>>,
    _key: KeyHolder,
    Path(user): Path<String>,
) -> Response {
    app.workspace.directory.leave(&user, None);
    no_content()
}
