//! A message as the socket pushes it in `{"event":"message","data":…}`: courier-js's
//! `InboxMessage` (`messageId`, `accountId`, `title`, `preview`, `actions`, `data`, `tags`,
//! times as ISO strings, `trackingIds`). The GraphQL answer selects the same fields through
//! `graphql`'s types.

use serde_json::{json, Map, Value};

use super::message::{iso, Action, Message};

/// The message as JSON.
pub(crate) fn message_json(message: &Message) -> Value {
    let mut object = Map::new();
    object.insert("messageId".into(), Value::from(message.id()));
    if let Some(tenant) = &message.tenant {
        object.insert("accountId".into(), Value::from(&**tenant));
    }
    object.insert("title".into(), optional_text(message.title()));
    object.insert("preview".into(), optional_text(message.preview()));
    object.insert(
        "actions".into(),
        message.actions().iter().map(action_json).collect(),
    );
    object.insert("data".into(), parsed(message.data()));
    object.insert(
        "tags".into(),
        message
            .tags()
            .iter()
            .map(|tag| Value::from(&**tag))
            .collect(),
    );
    object.insert("created".into(), Value::from(iso(message.created)));
    for (name, stamp) in [
        ("read", message.read.get()),
        ("archived", message.archived.get()),
        ("opened", message.opened.get()),
    ] {
        object.insert(name.into(), stamp.map(iso).map_or(Value::Null, Value::from));
    }
    object.insert(
        "trackingIds".into(),
        json!({"clickTrackingId": click_tracking_id(message)}),
    );
    Value::Object(object)
}

/// The click tracking id courier-js sends back with `clicked`.
pub(crate) fn click_tracking_id(message: &Message) -> String {
    format!("click_{}", message.id())
}

fn action_json(action: &Action) -> Value {
    json!({
        "content": action.content.as_deref(),
        "href": action.href.as_deref(),
        "data": parsed(action.data.as_deref()),
    })
}

fn optional_text(text: Option<&str>) -> Value {
    text.map_or(Value::Null, Value::from)
}

/// A JSON object kept as text, parsed back (it was written from a parsed value).
pub(crate) fn parsed(text: Option<&str>) -> Value {
    text.and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(Value::Null)
}
