//! What a server pushes on the realtime socket about a user's inbox, as a serde type:
//! [`InboxPush`], written by `serve` when a message arrives or changes, in courier-js's shape
//! (`InboxMessageEvent`). The event names are `socket::InboxEvent`'s; the v7/mobile protocol
//! re-tags the same push by `type` (`serve`'s `legacy_socket`).

use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::socket::InboxEvent;
use super::socket_messages::as_text;

/// Server → client: `{"event": <name>, "messageId"?, "data"?}` (courier-js
/// `InboxMessageEvent`): a new message carries it in `data`, a change to one message names it
/// in `messageId`, a change to all of them names neither. `D` is the message's type: a server
/// writes its own message type straight into the text; a reader takes any JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPush<D = Value> {
    pub event: InboxEvent,
    #[serde(rename = "messageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default = "no_data", skip_serializing_if = "Option::is_none")]
    pub data: Option<D>,
}

/// An absent `data` (serde's `default` would ask `D: Default`).
fn no_data<D>() -> Option<D> {
    None
}

impl<D: Serialize> InboxPush<D> {
    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        as_text(self)
    }
}

impl Serialize for InboxEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for InboxEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        InboxEvent::ALL
            .into_iter()
            .find(|event| event.name() == name)
            .ok_or_else(|| de::Error::custom(format!("unknown inbox event {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_in_the_sdks_key_order_and_back() {
        let change: InboxPush = InboxPush {
            event: InboxEvent::MarkAllRead,
            message_id: None,
            data: None,
        };
        assert_eq!(change.to_text(), r#"{"event":"mark-all-read"}"#);
        let read = r#"{"event":"read","messageId":"m1"}"#;
        let parsed: InboxPush = serde_json::from_str(read).expect("a push");
        assert_eq!(
            (parsed.event, parsed.to_text()),
            (InboxEvent::Read, read.to_string())
        );
        for event in InboxEvent::ALL {
            assert_eq!(
                serde_json::to_value(event).ok(),
                Some(Value::from(event.name()))
            );
        }
    }
}
