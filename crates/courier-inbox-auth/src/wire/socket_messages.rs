//! The realtime socket's messages as courier-js 3.x writes them, one serde type per message and
//! direction, read by both sides (mini-redis `cmd/get.rs`'s way): [`ClientMessage`] is what
//! the SDK and `doctor`'s probe send and what `serve` parses; [`ServerMessage`] what `serve`
//! answers and `doctor` reads; [`ReconnectMessage`] the server's request to reconnect (what
//! it pushes about a user's inbox is `inbox_push`). Fields
//! are declared in the SDK's order, so a serialized message is byte for byte courier-js's.
//! The names on the wire are `socket`'s constants (a test holds the serde names to them); the
//! v7/mobile protocol is `legacy_socket_messages`. A field of the wrong JSON type is read as
//! absent, as a lenient server does, rather than failing the whole message.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// An action a client sends (`"action"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientAction {
    #[serde(rename = "get-config")]
    GetConfig,
    #[serde(rename = "subscribe")]
    Subscribe,
    #[serde(rename = "unsubscribe")]
    Unsubscribe,
    #[serde(rename = "ping")]
    Ping,
    #[serde(rename = "pong")]
    Pong,
    /// The v7 transport's keep-alive, which needs no answer.
    #[serde(rename = "keepAlive")]
    KeepAlive,
    /// Any other action: read, and ignored.
    #[serde(other, skip_serializing)]
    Other,
}

/// Client → server: `{"tid", "action", "data"?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientMessage {
    /// The transaction id (a nanoid) the answer echoes, kept as whatever JSON came.
    #[serde(default)]
    pub tid: Value,
    pub action: ClientAction,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub data: Option<SubscribeData>,
}

/// What `subscribe` carries: `{"channel": <user>, "event": "*", "accountId"?: <tenant>}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeData {
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
    pub event: Option<String>,
    #[serde(
        rename = "accountId",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub account_id: Option<String>,
}

impl ClientMessage {
    /// `{"tid":"<tid>","action":"get-config"}`, courier-js's first message.
    pub fn get_config(tid: &str) -> Self {
        Self {
            tid: Value::from(tid),
            action: ClientAction::GetConfig,
            data: None,
        }
    }

    /// `{"tid","action":"subscribe","data":{"channel":<user>,"event":"*"[,"accountId"]}}`,
    /// courier-js's second message.
    pub fn subscribe(tid: &str, user_id: &str, tenant: Option<&str>) -> Self {
        Self {
            tid: Value::from(tid),
            action: ClientAction::Subscribe,
            data: Some(SubscribeData {
                channel: Some(user_id.to_string()),
                event: Some("*".to_string()),
                account_id: tenant.map(str::to_string),
            }),
        }
    }

    /// `{"tid","action":"pong"}`: the answer to a server's ping (`tid` null when it had none).
    pub fn pong(tid: Option<&str>) -> Self {
        Self {
            tid: tid.map_or(Value::Null, Value::from),
            action: ClientAction::Pong,
            data: None,
        }
    }

    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        as_text(self)
    }

    /// A client's message, or `None` for text that is not one.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// What a server says in `"response"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseKind {
    #[serde(rename = "config")]
    Config,
    #[serde(rename = "ack")]
    Ack,
    #[serde(rename = "pong")]
    Pong,
    #[serde(rename = "error")]
    Error,
    /// Any other response: read, and ignored.
    #[serde(other, skip_serializing)]
    Other,
}

/// What an answer carries in `"data"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResponseData {
    /// The answer to `get-config`.
    Config {
        #[serde(rename = "pingInterval")]
        ping_interval: u64,
        #[serde(rename = "maxOutstandingPings")]
        max_outstanding_pings: u64,
    },
    /// Why a message was refused.
    Error { message: String },
}

/// Server → client: an answer `{"tid", "response", "data"?}`, or the server's own ping
/// `{"tid", "action": "ping"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerMessage {
    #[serde(default)]
    pub tid: Value,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub response: Option<ResponseKind>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub action: Option<ClientAction>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub data: Option<ResponseData>,
}

impl ServerMessage {
    /// The answer to a client's message with `tid`: `response` and its `data`.
    pub fn answer(tid: Value, response: ResponseKind, data: Option<ResponseData>) -> Self {
        Self {
            tid,
            response: Some(response),
            action: None,
            data,
        }
    }

    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        as_text(self)
    }

    /// A server's message, or `None` for text that is not one.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The transaction id, when it is a string (as courier-js's nanoids are).
    pub fn tid_text(&self) -> Option<&str> {
        self.tid.as_str()
    }
}

/// The one event a server sends of its own: `reconnect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServerEvent {
    #[serde(rename = "reconnect")]
    Reconnect,
}

/// Server → client: `{"event": "reconnect", "message", "retryAfter": seconds, "code"}` —
/// courier-js closes the socket and opens a new one after `retryAfter` seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReconnectMessage {
    pub event: ServerEvent,
    pub message: String,
    #[serde(rename = "retryAfter")]
    pub retry_after: f64,
    pub code: u16,
}

impl ReconnectMessage {
    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        as_text(self)
    }
}

/// A message as JSON text. These types hold only strings, numbers and JSON values, which
/// always serialize.
pub(super) fn as_text(message: &impl Serialize) -> String {
    serde_json::to_string(message).unwrap_or_default()
}

/// A field of the wrong JSON type reads as absent.
pub(super) fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

#[cfg(test)]
mod tests {
    use super::super::socket::{
        ACTION_GET_CONFIG, ACTION_KEEP_ALIVE, ACTION_PING, ACTION_PONG, ACTION_SUBSCRIBE,
        ACTION_UNSUBSCRIBE, EVENT_RECONNECT, RESPONSE_ACK, RESPONSE_CONFIG, RESPONSE_PONG,
    };
    use super::*;

    /// The name a unit variant has on the wire.
    fn name(value: impl Serialize) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn serde_names_are_the_wire_constants() {
        for (action, wire) in [
            (ClientAction::GetConfig, ACTION_GET_CONFIG),
            (ClientAction::Subscribe, ACTION_SUBSCRIBE),
            (ClientAction::Unsubscribe, ACTION_UNSUBSCRIBE),
            (ClientAction::Ping, ACTION_PING),
            (ClientAction::Pong, ACTION_PONG),
            (ClientAction::KeepAlive, ACTION_KEEP_ALIVE),
        ] {
            assert_eq!(name(action), wire);
        }
        for (response, wire) in [
            (ResponseKind::Config, RESPONSE_CONFIG),
            (ResponseKind::Ack, RESPONSE_ACK),
            (ResponseKind::Pong, RESPONSE_PONG),
        ] {
            assert_eq!(name(response), wire);
        }
        assert_eq!(name(ServerEvent::Reconnect), EVENT_RECONNECT);
    }

    #[test]
    fn messages_in_the_sdks_key_order() {
        assert_eq!(
            ClientMessage::get_config("T").to_text(),
            r#"{"tid":"T","action":"get-config"}"#
        );
        assert_eq!(
            ClientMessage::subscribe("T", "u", Some("acme")).to_text(),
            r#"{"tid":"T","action":"subscribe","data":{"channel":"u","event":"*","accountId":"acme"}}"#
        );
        assert_eq!(
            ClientMessage::pong(None).to_text(),
            r#"{"tid":null,"action":"pong"}"#
        );
    }

    #[test]
    fn a_server_reads_what_a_client_wrote_and_leniently() {
        let sent = ClientMessage::subscribe("T", "u", None);
        assert_eq!(ClientMessage::parse(&sent.to_text()), Some(sent));
        let odd = ClientMessage::parse(r#"{"action":"subscribe","data":{"channel":5}}"#);
        let odd = odd.expect("a subscribe");
        assert_eq!(odd.tid, Value::Null);
        assert_eq!(odd.data, Some(SubscribeData::default()));
        assert_eq!(
            ClientMessage::parse(r#"{"action":"dance"}"#).map(|m| m.action),
            Some(ClientAction::Other)
        );
        assert_eq!(ClientMessage::parse(r#"{"tid":"T"}"#), None);
    }

    #[test]
    fn answers_in_the_servers_key_order() {
        let config = ServerMessage::answer(
            Value::from("T"),
            ResponseKind::Config,
            Some(ResponseData::Config {
                ping_interval: 60,
                max_outstanding_pings: 3,
            }),
        );
        assert_eq!(
            config.to_text(),
            r#"{"tid":"T","response":"config","data":{"pingInterval":60,"maxOutstandingPings":3}}"#
        );
        let ack = ServerMessage::parse(r#"{"tid":"T","response":"ack"}"#).expect("an answer");
        assert_eq!(
            (ack.tid_text(), ack.response),
            (Some("T"), Some(ResponseKind::Ack))
        );
        let reconnect = ReconnectMessage {
            event: ServerEvent::Reconnect,
            message: "m".into(),
            retry_after: 1.5,
            code: 1000,
        };
        assert_eq!(
            reconnect.to_text(),
            r#"{"event":"reconnect","message":"m","retryAfter":1.5,"code":1000}"#
        );
    }
}
