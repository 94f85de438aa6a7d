//! A message as the socket pushes it in `{"event":"message","data":…}`: courier-js's
//! `InboxMessage` (`messageId`, `accountId`, `title`, `preview`, `actions`, `data`, `tags`,
//! times as ISO strings, `trackingIds`), as a type. The GraphQL answer selects the same fields through
//! `graphql`'s types.

use serde::Serialize;
use serde_json::Value;

use super::message::{iso, Action, Message};

/// courier-js's `InboxMessage` as the socket pushes it; `accountId` only with a tenant,
/// `trackingUrl` only when serve tracks (the workspace adds it).
#[derive(Serialize)]
pub(crate) struct MessageJson {
    #[serde(rename = "messageId")]
    message_id: String,
    #[serde(rename = "accountId", skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
    title: Option<String>,
    preview: Option<String>,
    actions: Vec<ActionJson>,
    data: Value,
    tags: Vec<String>,
    created: String,
    read: Option<String>,
    archived: Option<String>,
    opened: Option<String>,
    #[serde(rename = "trackingIds")]
    tracking_ids: TrackingIds,
    #[serde(rename = "trackingUrl", skip_serializing_if = "Option::is_none")]
    pub(crate) tracking_url: Option<String>,
}

#[derive(Serialize)]
struct TrackingIds {
    #[serde(rename = "clickTrackingId")]
    click_tracking_id: String,
}

/// An action: `{"content","href","data"}`, `null` for what it lacks.
#[derive(Serialize)]
struct ActionJson {
    content: Option<String>,
    href: Option<String>,
    data: Value,
}

/// The message as JSON.
pub(crate) fn message_json(message: &Message) -> MessageJson {
    let text = |text: &Option<Box<str>>| text.as_deref().map(str::to_string);
    MessageJson {
        message_id: message.id().into_owned(),
        account_id: text(&message.tenant),
        title: message.title().map(str::to_string),
        preview: message.preview().map(str::to_string),
        actions: message.actions().iter().map(action_json).collect(),
        data: parsed(message.data()),
        tags: message.tags().iter().map(|tag| tag.to_string()).collect(),
        created: iso(message.created),
        read: message.read.get().map(iso),
        archived: message.archived.get().map(iso),
        opened: message.opened.get().map(iso),
        tracking_ids: TrackingIds {
            click_tracking_id: click_tracking_id(message),
        },
        tracking_url: None,
    }
}

/// The click tracking id courier-js sends back with `clicked`.
pub(crate) fn click_tracking_id(message: &Message) -> String {
    format!("click_{}", message.id())
}

fn action_json(action: &Action) -> ActionJson {
    ActionJson {
        content: action.content.as_deref().map(str::to_string),
        href: action.href.as_deref().map(str::to_string),
        data: parsed(action.data.as_deref()),
    }
}

/// A JSON object kept as text, parsed back (it was written from a parsed value).
pub(crate) fn parsed(text: Option<&str>) -> Value {
    text.and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(Value::Null)
}
