//! What a Send API body means, and doing it: the recipient shapes Courier takes (`to.user_id`;
//! `to.tenant_id`, every member of the tenant, each message id `<requestId>:<userId>`;
//! `to.context.tenant_id` or `message.context.tenant_id`, one user within a tenant; a user who
//! belongs to exactly one tenant is scoped to it; a list of recipients), inline `content` or a
//! workspace `template` rendered with `data`, `metadata.tags`, and inline `routing`. Courier
//! answers 202 before it knows whether a message can be delivered; so does serve: an unknown
//! template, routing without the Inbox or a tenant without members delivers nothing, and the
//! send's record (`GET /messages/{id}`) and the log say why. A body Courier would refuse at once
//! is a 400.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

use super::answer_shapes::RequestIdAnswer;
use super::app::App;
use super::directory::{SendRecord, SendStatus};
use super::message::parse_new_message;
use super::responses::invalid_request;
use super::settings::LogLevel;

/// The longest tag Courier takes in `metadata.tags`.
const MAX_TAG_CHARS: usize = 30;
/// Channels whose messages land in the Inbox.
const INBOX_CHANNELS: [&str; 2] = ["inbox", "push"];

/// Handles a parsed `POST /send` body.
pub(crate) fn deliver(app: &App, body: &Value) -> Response {
    match plan(app, body) {
        Ok(plan) => {
            let request_id = carry_out(app, plan);
            let answer = RequestIdAnswer {
                request_id: &request_id,
            };
            (StatusCode::ACCEPTED, Json(answer)).into_response()
        }
        Err(problem) => invalid_request(&problem),
    }
}

/// One inbox a send reaches.
struct Recipient {
    user: String,
    tenant: Option<String>,
}

/// What a send asks for, checked.
struct Plan {
    recipients: Vec<Recipient>,
    /// A single `to.user_id`: its message's id is the request id.
    single_user: bool,
    /// A tenant send that reached no one.
    empty_tenant: Option<String>,
    title: Option<String>,
    body: Option<String>,
    template: Option<String>,
    /// Why nothing is delivered, decided before any message exists.
    undeliverable: Option<(SendStatus, String)>,
    data: Option<Value>,
    tags: Vec<String>,
    actions: Option<Value>,
}

fn plan(app: &App, body: &Value) -> Result<Plan, String> {
    let message = body
        .get("message")
        .and_then(Value::as_object)
        .ok_or("\"message\" is required")?;
    let directory = &app.workspace.directory;
    let message_tenant = text_at(message.get("context"), "tenant_id");
    let mut recipients = Vec::new();
    let mut empty_tenant = None;
    let to = message.get("to").ok_or("\"message.to\" is required")?;
    let tos: Vec<&Value> = match to {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    if tos.is_empty() {
        return Err("\"message.to\" is an empty list".into());
    }
    for to in &tos {
        let to = to
            .as_object()
            .ok_or("\"message.to\" is an object or a list of objects")?;
        match (to.get("user_id"), to.get("tenant_id")) {
            (Some(_), Some(_)) => return Err("\"message.to\" has both tenant_id and user_id; one user in a tenant is {\"user_id\", \"context\": {\"tenant_id\"}}".into()),
            (Some(user), None) => {
                let user = user.as_str().filter(|u| !u.is_empty()).ok_or("\"message.to.user_id\" is not a user id")?;
                let tenant = text_at(to.get("context"), "tenant_id")
                    .or_else(|| message_tenant.clone())
                    .or_else(|| directory.sole_tenant(user));
                recipients.push(Recipient { user: user.to_string(), tenant });
            }
            (None, Some(tenant)) => {
                let tenant = tenant.as_str().ok_or("\"message.to.tenant_id\" is not a string")?;
                let members = directory.members(tenant).unwrap_or_default();
                if members.is_empty() {
                    empty_tenant = Some(tenant.to_string());
                }
                recipients.extend(members.into_iter().map(|user| Recipient {
                    user,
                    tenant: Some(tenant.to_string()),
                }));
            }
            (None, None) => return Err("serve delivers to \"message.to.user_id\" or \"message.to.tenant_id\" (email, phone_number and list_id recipients are not served)".into()),
        }
    }
    let single_user = tos.len() == 1 && tos[0].get("user_id").is_some();
    let content = message.get("content").and_then(Value::as_object);
    let template = message
        .get("template")
        .map(|t| {
            t.as_str()
                .map(str::to_string)
                .ok_or("\"message.template\" is not a string")
        })
        .transpose()?;
    if content.is_some() && template.is_some() {
        return Err("\"message\" has both content and template; give one".into());
    }
    let data = match message.get("data") {
        None | Some(Value::Null) => None,
        Some(data @ Value::Object(_)) => Some(data.clone()),
        Some(_) => return Err("\"message.data\" is not a JSON object".into()),
    };
    let mut plan = Plan {
        recipients,
        single_user,
        empty_tenant,
        title: content.and_then(|c| text_in(c, "title")),
        body: content.and_then(|c| text_in(c, "body")),
        template: template.clone(),
        undeliverable: None,
        tags: tags(message)?,
        actions: content.and_then(|c| c.get("actions")).cloned(),
        data,
    };
    if let Some(id) = &template {
        match directory.template(id) {
            Some(found) => {
                plan.title = Some(found.title.render(plan.data.as_ref()));
                plan.body = Some(found.body.render(plan.data.as_ref()));
            }
            None => {
                plan.undeliverable = Some((
                    SendStatus::Unmapped,
                    format!("no template {id:?} in the workspace file's templates"),
                ))
            }
        }
    }
    if let Some(channels) = routing_channels(message.get("routing"))? {
        if !channels
            .iter()
            .any(|c| INBOX_CHANNELS.contains(&c.as_str()))
        {
            plan.undeliverable.get_or_insert((
                SendStatus::Unroutable,
                format!(
                    "the routing's channels {channels:?} include no inbox channel (inbox or push)"
                ),
            ));
        }
    }
    Ok(plan)
}

/// Puts the plan's messages in their inboxes (or records why not); the request id.
fn carry_out(app: &App, plan: Plan) -> String {
    let workspace = &app.workspace;
    let directory = &workspace.directory;
    let now = workspace.now();
    let request_id = if plan.single_user && plan.undeliverable.is_none() {
        None
    } else {
        Some(directory.next_request_id())
    };
    let record = |request_id: &str, recipient: Option<&Recipient>, status, reason: Option<&str>| {
        SendRecord {
            request_id: request_id.into(),
            recipient: recipient.map(|r| r.user.as_str().into()),
            tenant: recipient.and_then(|r| r.tenant.as_deref()).map(Box::from),
            template: plan.template.as_deref().map(Box::from),
            status,
            reason: reason.map(Box::from),
            enqueued: now,
            tags: plan.tags.iter().map(|t| t.as_str().into()).collect(),
        }
    };
    let not_delivered = plan.undeliverable.clone().or_else(|| {
        let tenant = plan.empty_tenant.as_ref().filter(|_| plan.recipients.is_empty())?;
        Some((SendStatus::Undeliverable, format!("tenant {tenant:?} has no members (the workspace file's tenants, or PUT /users/{{id}}/tenants/{tenant})")))
    });
    if let Some((status, reason)) = not_delivered {
        let request_id = request_id.unwrap_or_default();
        if plan.recipients.is_empty() {
            directory.record_send(
                &request_id,
                record(&request_id, None, status, Some(&reason)),
            );
        }
        for recipient in &plan.recipients {
            let id = message_id(&request_id, &plan, recipient);
            directory.record_send(
                &id,
                record(&request_id, Some(recipient), status, Some(&reason)),
            );
        }
        if app.log >= LogLevel::Refusals {
            crate::terminal::diagnostics::line(format_args!(
                "courier-token serve: not delivered POST /send {request_id}: {} ({reason})",
                status.name()
            ));
        }
        return request_id;
    }
    let mut first_id = None;
    for recipient in &plan.recipients {
        let id = request_id
            .as_ref()
            .map(|request| message_id(request, &plan, recipient));
        let mut inbox_message = Map::new();
        inbox_message.insert("user_id".into(), recipient.user.clone().into());
        for (name, value) in [
            ("messageId", id.clone().map(Value::from)),
            ("tenant_id", recipient.tenant.clone().map(Value::from)),
            ("title", plan.title.clone().map(Value::from)),
            ("body", plan.body.clone().map(Value::from)),
            ("data", plan.data.clone()),
            (
                "tags",
                (!plan.tags.is_empty()).then(|| plan.tags.clone().into()),
            ),
            ("actions", plan.actions.clone()),
        ] {
            if let Some(value) = value {
                inbox_message.insert(name.into(), value);
            }
        }
        // Every value above was checked while planning; a message that still does not read is
        // recorded as undeliverable rather than lost.
        let added =
            parse_new_message(&Value::Object(inbox_message), now).map(|new| workspace.add(new));
        let (id, status, reason) = match added {
            Ok(id) => (id, SendStatus::Delivered, None),
            Err(problem) => (
                id.unwrap_or_default(),
                SendStatus::Undeliverable,
                Some(format!("the message {problem}")),
            ),
        };
        let request = request_id.clone().unwrap_or_else(|| id.clone());
        directory.record_send(
            &id,
            record(&request, Some(recipient), status, reason.as_deref()),
        );
        first_id.get_or_insert(id);
    }
    request_id.or(first_id).unwrap_or_default()
}

/// `<requestId>:<userId>` for a fan-out's messages; the request id for a single user.
fn message_id(request_id: &str, plan: &Plan, recipient: &Recipient) -> String {
    if plan.single_user {
        request_id.to_string()
    } else {
        format!("{request_id}:{}", recipient.user)
    }
}

fn text_at(object: Option<&Value>, name: &str) -> Option<String> {
    object?.get(name)?.as_str().map(str::to_string)
}

fn text_in(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name)?.as_str().map(str::to_string)
}

/// `metadata.tags` (and the older `message.tags`), each at most 30 characters.
fn tags(message: &Map<String, Value>) -> Result<Vec<String>, String> {
    let mut tags = Vec::new();
    let lists = [
        message.get("metadata").and_then(|m| m.get("tags")),
        message.get("tags"),
    ];
    for list in lists.into_iter().flatten() {
        let items = list
            .as_array()
            .ok_or("\"message.metadata.tags\" is not a list of strings")?;
        for item in items {
            let tag = item
                .as_str()
                .ok_or("\"message.metadata.tags\" is not a list of strings")?;
            if tag.chars().count() > MAX_TAG_CHARS {
                return Err(format!(
                    "the tag {tag:?} is longer than {MAX_TAG_CHARS} characters"
                ));
            }
            tags.push(tag.to_string());
        }
    }
    Ok(tags)
}

/// The channels inline `routing` names (nested `{method, channels}` flattened), if any.
fn routing_channels(routing: Option<&Value>) -> Result<Option<Vec<String>>, String> {
    fn collect(channels: &Value, out: &mut Vec<String>, depth: usize) -> Result<(), String> {
        let items = channels
            .as_array()
            .ok_or("\"message.routing.channels\" is not a list")?;
        for item in items {
            match item {
                Value::String(channel) => out.push(channel.clone()),
                Value::Object(nested) if depth < 8 => {
                    if let Some(inner) = nested.get("channels") {
                        collect(inner, out, depth + 1)?;
                    }
                }
                _ => return Err("\"message.routing.channels\" holds a value that is neither a channel nor {method, channels}".into()),
            }
        }
        Ok(())
    }
    let Some(channels) = routing.and_then(|r| r.get("channels")) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    collect(channels, &mut out, 0)?;
    Ok(Some(out))
}
