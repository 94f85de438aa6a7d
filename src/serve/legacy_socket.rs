//! The older socket protocol of the v7 web SDK (`@trycourier/transport` 7.x) and the mobile
//! SDKs, next to courier-js 3.x's in `socket`: no acknowledgements (v7 hands every frame it
//! gets to the app), `subscribe` naming the user as `channel` — with a `?clientKey=` socket, also
//! where the policy is asked, with the user signature it carries — and pushes tagged by `type`.

use serde_json::{Map, Value};

use super::app::App;
use super::auth::{Credentials, Decision, Need};
use super::control::journal::Entry;
use super::log;
use crate::wire::legacy_socket_messages::{LegacyClientMessage, LegacyRefusal};
use crate::wire::socket as wire;
use crate::wire::socket_messages::ClientAction;

/// What an older-protocol socket was opened with.
pub(crate) struct Legacy {
    /// `?clientKey=`: authenticated at `subscribe`, with the user and signature it carries.
    pub(crate) client_key: Option<String>,
}

/// The reply to one client message (the older protocol sends few), and for a `subscribe` that
/// the policy lets through, the tenant it asks for. A `?clientKey=` socket learns its user here.
pub(crate) fn answer(
    text: &str,
    app: &App,
    user_id: &mut String,
    legacy: &Legacy,
) -> (Option<String>, Option<Option<String>>) {
    let Some(message) = LegacyClientMessage::parse(text) else {
        return (None, None);
    };
    if message.action != ClientAction::Subscribe {
        return (None, None);
    }
    let data = message.subscribe_data();
    let channel = data.channel.as_deref().unwrap_or_default();
    if let Some(client_key) = legacy.client_key.as_deref() {
        let credentials = Credentials {
            client_key: Some(data.client_key.as_deref().unwrap_or(client_key)),
            user_id: Some(channel).filter(|channel| !channel.is_empty()),
            user_signature: data.user_signature.as_deref(),
            ..Credentials::default()
        };
        let what = "subscribe (realtime, v7)";
        match app
            .authority
            .decide(&credentials, Need::Read, app.workspace.now_seconds())
        {
            Decision::Refuse(why) => {
                log::refused(app, what, credentials.user_id, &why);
                let mut entry = Entry::socket("subscribe", channel);
                entry.refusal = Some(why.clone());
                app.journal(entry);
                let refusal = LegacyRefusal {
                    error: format!("{}: {}", why.code, why.detail),
                };
                return (Some(refusal.to_text()), None);
            }
            Decision::Serve { access, finding } => {
                if let Some(finding) = &finding {
                    log::finding(app, what, &access.user_id, finding);
                }
                *user_id = access.user_id;
            }
        }
    } else if channel != user_id.as_str() {
        let refused = format!("this connection is for user {user_id}, not {channel}");
        return (Some(LegacyRefusal { error: refused }.to_text()), None);
    }
    (None, Some(data.account_id))
}

/// A push as the older protocol tags it: a new message is the message itself with
/// `"type": "message"`; a change is `{"type": "event", "event", "messageId"}`.
pub(crate) fn push(json: &str) -> String {
    let Ok(Value::Object(mut push)) = serde_json::from_str::<Value>(json) else {
        return json.to_string();
    };
    if push.get("event").and_then(Value::as_str) == Some(wire::InboxEvent::NewMessage.name()) {
        let mut message = match push.remove("data") {
            Some(Value::Object(message)) => message,
            _ => Map::new(),
        };
        message.insert("type".into(), Value::from(wire::LEGACY_TYPE_MESSAGE));
        return Value::Object(message).to_string();
    }
    push.insert("type".into(), Value::from(wire::LEGACY_TYPE_EVENT));
    Value::Object(push).to_string()
}
