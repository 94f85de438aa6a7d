//! `GET /users/{id}/preferences`, `GET` and `PUT /users/{id}/preferences/{topic}` (each with
//! `?tenant_id=`), as the Node server SDK calls them with the API key and the mobile SDKs with
//! the user's JWT (`read:preferences` to read, `write:preferences` to change, that user only),
//! in Courier's shapes: `{"items": [topic], "paging"}`, `{"topic": topic}`, and a `PUT` body
//! `{"topic": {"status", "has_custom_routing", "custom_routing"}}`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;

use super::super::answer_shapes::{Items, SUCCESS};
use super::super::app::App;
use super::super::client_access::{caller, require_scope, Refused};
use super::super::directory::{Choice, TopicView};
use super::super::responses::{for_user, invalid_request};
use super::super::workspace_file::{Channel, TopicStatus};
use super::answers::{not_found, object_body};

type TenantQuery = Query<HashMap<String, String>>;

fn allowed(
    app: &App,
    headers: &HeaderMap,
    user: &str,
    scope: &str,
    what: &str,
) -> Result<(), Refused> {
    let caller = caller(app, headers, Some(user), what)?;
    require_scope(app, &caller, &[scope.to_string()], what)
}

pub(crate) async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(user): Path<String>,
    Query(query): TenantQuery,
) -> Response {
    let what = "GET /users/{id}/preferences";
    if let Err(refused) = allowed(&app, &headers, &user, "read:preferences", what) {
        return refused.into_response();
    }
    let tenant = query.get("tenant_id").map(String::as_str);
    let topics = app.workspace.directory.topics(&user, tenant);
    let items = topics.iter().map(topic_json).collect();
    for_user(Json(Items::one_page(items)).into_response(), &user)
}

pub(crate) async fn one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, topic)): Path<(String, String)>,
    Query(query): TenantQuery,
) -> Response {
    let what = "GET /users/{id}/preferences/{topic}";
    if let Err(refused) = allowed(&app, &headers, &user, "read:preferences", what) {
        return refused.into_response();
    }
    let tenant = query.get("tenant_id").map(String::as_str);
    match app.workspace.directory.topic(&user, tenant, &topic) {
        Some(view) => for_user(
            Json(OneTopic {
                topic: topic_json(&view),
            })
            .into_response(),
            &user,
        ),
        None => not_found(&format!(
            "Topic {topic:?} on the workspace's preference page"
        )),
    }
}

pub(crate) async fn put(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((user, topic)): Path<(String, String)>,
    Query(query): TenantQuery,
    body: Bytes,
) -> Response {
    let what = "PUT /users/{id}/preferences/{topic}";
    if let Err(refused) = allowed(&app, &headers, &user, "write:preferences", what) {
        return refused.into_response();
    }
    let body = match object_body(&body) {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let choice = match choice(body.get("topic")) {
        Ok(choice) => choice,
        Err(problem) => return invalid_request(&problem),
    };
    let tenant = query.get("tenant_id").map(String::as_str);
    match app
        .workspace
        .directory
        .choose(&user, tenant, &topic, choice)
    {
        Ok(_) => for_user(Json(SUCCESS).into_response(), &user),
        Err(problem) => invalid_request(&problem),
    }
}

/// A `PUT` body's `topic`.
fn choice(topic: Option<&Value>) -> Result<Choice, String> {
    let topic = topic.ok_or("the body needs {\"topic\": {\"status\": ...}}")?;
    let status: TopicStatus =
        serde_json::from_value(topic.get("status").cloned().unwrap_or(Value::Null))
            .map_err(|_| "topic.status is OPTED_IN, OPTED_OUT or REQUIRED".to_string())?;
    let routing: Vec<Channel> = match topic.get("custom_routing") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => serde_json::from_value(value.clone()).map_err(|_| {
            "topic.custom_routing is a list of inbox, email, push, sms, direct_message, webhook"
                .to_string()
        })?,
    };
    Ok(Choice {
        status,
        has_custom_routing: topic
            .get("has_custom_routing")
            .and_then(Value::as_bool)
            .unwrap_or(!routing.is_empty()),
        routing,
        digest_schedule: topic
            .get("digest_schedule")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// A topic as Courier's preferences API shows it.
#[derive(Serialize)]
struct TopicJson<'a> {
    topic_id: &'a str,
    topic_name: &'a str,
    section_id: &'a str,
    section_name: &'a str,
    status: TopicStatus,
    default_status: TopicStatus,
    has_custom_routing: bool,
    custom_routing: &'a [Channel],
    digest_schedule: Option<&'a str>,
}

/// `GET /users/{id}/preferences/{topic}`: `{"topic": …}`.
#[derive(Serialize)]
struct OneTopic<'a> {
    topic: TopicJson<'a>,
}

fn topic_json(view: &TopicView) -> TopicJson<'_> {
    TopicJson {
        topic_id: &view.topic_id,
        topic_name: &view.topic_name,
        section_id: &view.section_id,
        section_name: &view.section_name,
        status: view.status,
        default_status: view.default_status,
        has_custom_routing: view.has_custom_routing,
        custom_routing: &view.routing,
        digest_schedule: view.digest_schedule.as_deref(),
    }
}
