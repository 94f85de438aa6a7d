//! The older socket protocol's messages (the v7 web SDK's `@trycourier/transport` and the
//! mobile SDKs) as serde types read by `serve`: [`LegacyClientMessage`] (`subscribe` naming the
//! user as `channel`, with `version`, `clientKey`, `userSignature` and `accountId`; `keepAlive`)
//! and [`LegacyRefusal`], the `{"error": …}` a server answers a refused subscribe with. Nothing
//! is acknowledged in this protocol. courier-js 3.x's messages are `socket_messages`.

use serde::{Deserialize, Serialize};

use super::socket_messages::{as_text, lenient, ClientAction};

/// Client → server: `{"action", "data"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyClientMessage {
    pub action: ClientAction,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub data: Option<LegacySubscribeData>,
}

/// What a v7 `subscribe` carries; every field may be absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacySubscribeData {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub channel: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub version: Option<u64>,
    #[serde(
        rename = "clientKey",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub client_key: Option<String>,
    #[serde(
        rename = "userSignature",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub user_signature: Option<String>,
    #[serde(
        rename = "accountId",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub account_id: Option<String>,
}

impl LegacyClientMessage {
    /// A client's message, or `None` for text that is not one.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// What a `subscribe` carries (all absent for other actions or no `data`).
    pub fn subscribe_data(&self) -> LegacySubscribeData {
        self.data.clone().unwrap_or_default()
    }
}

/// Server → client: `{"error": "<why>"}`, a refused subscribe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyRefusal {
    pub error: String,
}

impl LegacyRefusal {
    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        as_text(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_v7_subscribe() {
        let message = LegacyClientMessage::parse(
            r#"{"action":"subscribe","data":{"channel":"u","version":5,"clientKey":"k","userSignature":"s","accountId":"t"}}"#,
        )
        .expect("a subscribe");
        assert_eq!(message.action, ClientAction::Subscribe);
        let data = message.subscribe_data();
        assert_eq!(
            (
                data.channel.as_deref(),
                data.version,
                data.client_key.as_deref()
            ),
            (Some("u"), Some(5), Some("k"))
        );
        assert_eq!(data.user_signature.as_deref(), Some("s"));
        assert_eq!(data.account_id.as_deref(), Some("t"));
        let bare = LegacyClientMessage::parse(r#"{"action":"keepAlive","data":7}"#);
        assert_eq!(
            bare.map(|m| m.subscribe_data()),
            Some(LegacySubscribeData::default())
        );
    }

    #[test]
    fn a_refusal_is_one_error_field() {
        let refusal = LegacyRefusal { error: "no".into() };
        assert_eq!(refusal.to_text(), r#"{"error":"no"}"#);
    }
}
