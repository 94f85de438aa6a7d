//! Courier's realtime socket as courier-js 3.x speaks it (`src/socket/`): the URL it opens
//! (`{webSocket}?auth=<token>&cid=<id>&iwpv=v1&userId=<id>&sdk=<name>&sdkv=<version>`, the `?`
//! appended straight to the configured URL), the names of the actions it sends, the first two
//! messages (`get-config`, then `subscribe` for the user) and the server's answers to them
//! (the messages themselves are types in `socket_messages`).
//! `scripts/sdk-socket.js` records the real SDK into `tests/fixtures/sdk_socket_connections.json`.

use std::fmt::Write as _;

/// The inbox web protocol version courier-js sends as `iwpv`.
pub const PROTOCOL_VERSION: &str = "v1";
/// Client → server: ask for the ping interval.
pub const ACTION_GET_CONFIG: &str = "get-config";
/// Client → server: subscribe to a user's channel.
pub const ACTION_SUBSCRIBE: &str = "subscribe";
/// Either way: keep-alive.
pub const ACTION_PING: &str = "ping";
/// Either way: the answer to a ping.
pub const ACTION_PONG: &str = "pong";
/// Server → client: the answer to `get-config` (`data: {pingInterval, maxOutstandingPings}`).
pub const RESPONSE_CONFIG: &str = "config";
/// Server → client: the answer to `subscribe`.
pub const RESPONSE_ACK: &str = "ack";
/// The close code courier-js uses for an ordinary close (it retries after any other).
pub const CLOSE_NORMAL: u16 = 1000;
/// Server → client: `{"event": "reconnect", "message", "retryAfter": seconds, "code"}` — courier-js
/// closes the socket and opens a new one after `retryAfter` seconds.
pub const EVENT_RECONNECT: &str = "reconnect";
/// The alphabet of courier-js's `UUID.nanoid` (connection and transaction ids, 21 characters).
pub const NANOID_ALPHABET: &[u8; 64] =
    b"useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

/// Who opens the socket: the SDK's name and version, sent as `sdk` and `sdkv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client<'a> {
    pub sdk: &'a str,
    pub version: &'a str,
}

/// The URL courier-js opens for `user_id` with `token` and connection id `cid`. courier-js
/// writes the values in unescaped; a browser's URL parser then percent-encodes what a query
/// cannot hold (controls, space, `"`, `#`, `'`, `<`, `>` and non-ASCII as UTF-8), which is
/// done here too (a `#` would make the browser's `WebSocket` throw). A base URL without a path
/// gets the `/` the URL parser gives it.
pub fn realtime_url(base: &str, token: &str, cid: &str, user_id: &str, client: Client) -> String {
    let after_scheme = base.find("://").map_or(0, |at| at + 3);
    let slash = if base[after_scheme..].contains('/') {
        ""
    } else {
        "/"
    };
    format!(
        "{base}{slash}?auth={}&cid={}&iwpv={PROTOCOL_VERSION}&userId={}&sdk={}&sdkv={}",
        query_text(token),
        query_text(cid),
        query_text(user_id),
        query_text(client.sdk),
        query_text(client.version),
    )
}

/// `text` as a browser puts it in a query: bytes outside printable ASCII and the characters
/// of the URL standard's special-query percent-encode set (plus `#`) percent-encoded.
pub fn query_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b' ' | b'"' | b'#' | b'\'' | b'<' | b'>' => {
                let _ = write!(out, "%{byte:02X}");
            }
            0x21..=0x7e => out.push(char::from(byte)),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// Client → server: leave a user's channel.
pub const ACTION_UNSUBSCRIBE: &str = "unsubscribe";

/// The socket URL's query parameters: the token, the connection id, the protocol version and
/// the user (courier-js `getWebSocketUrl`).
pub const PARAM_AUTH: &str = "auth";
pub const PARAM_CONNECTION_ID: &str = "cid";
pub const PARAM_PROTOCOL_VERSION: &str = "iwpv";
pub const PARAM_USER_ID: &str = "userId";

/// Server → client: the answer to a client's `ping`.
pub const RESPONSE_PONG: &str = "pong";
/// The seconds between a client's pings that courier-js falls back to without a config.
pub const DEFAULT_PING_INTERVAL_SECONDS: u64 = 60;
/// How many unanswered pings courier-js tolerates without a config before it reconnects.
pub const DEFAULT_MAX_OUTSTANDING_PINGS: u64 = 3;

/// What the server pushes about a user's inbox, `{"event": <name>, "messageId"?, "data"?}`
/// (courier-js `InboxMessageEvent`): a new message carries it in `data`, a change to one
/// message names it in `messageId`, a change to all of them names neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxEvent {
    NewMessage,
    Read,
    Unread,
    Opened,
    Archive,
    Unarchive,
    Clicked,
    MarkAllRead,
    ArchiveAll,
    ArchiveRead,
}

impl InboxEvent {
    /// Every event.
    pub const ALL: [InboxEvent; 10] = [
        InboxEvent::NewMessage,
        InboxEvent::Read,
        InboxEvent::Unread,
        InboxEvent::Opened,
        InboxEvent::Archive,
        InboxEvent::Unarchive,
        InboxEvent::Clicked,
        InboxEvent::MarkAllRead,
        InboxEvent::ArchiveAll,
        InboxEvent::ArchiveRead,
    ];

    /// The event's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            InboxEvent::NewMessage => "message",
            InboxEvent::Read => "read",
            InboxEvent::Unread => "unread",
            InboxEvent::Opened => "opened",
            InboxEvent::Archive => "archive",
            InboxEvent::Unarchive => "unarchive",
            InboxEvent::Clicked => "clicked",
            InboxEvent::MarkAllRead => "mark-all-read",
            InboxEvent::ArchiveAll => "archive-all",
            InboxEvent::ArchiveRead => "archive-read",
        }
    }
}

/// The older protocol of the v7 web SDK (`@trycourier/transport`) and the mobile SDKs: the URL
/// is `{ws}/?auth=<jwt>` or `{ws}/?clientKey=<key>` (no `iwpv`), `subscribe` carries the user as
/// `channel` with `version`, `clientKey`, `userSignature` and `accountId` in its data, nothing
/// is acknowledged, and what the server pushes is tagged by `type`: a new message is the
/// message itself with `"type": "message"`, a change `{"type": "event", "event", "messageId"}`.
pub const PARAM_CLIENT_KEY: &str = "clientKey";
/// The `version` the v7 transport puts in every subscribe.
pub const LEGACY_SUBSCRIPTION_VERSION: u64 = 5;
/// v7's keep-alive action, which needs no answer.
pub const ACTION_KEEP_ALIVE: &str = "keepAlive";
/// The `type` of a legacy push carrying a new message.
pub const LEGACY_TYPE_MESSAGE: &str = "message";
/// The `type` of a legacy push carrying a change.
pub const LEGACY_TYPE_EVENT: &str = "event";

#[cfg(test)]
mod tests {
    use super::*;

    const CLIENT: Client = Client {
        sdk: "s",
        version: "1",
    };

    #[test]
    fn the_url_is_the_sdks_with_a_path_and_browser_escaping() {
        assert_eq!(
            realtime_url("wss://realtime.courier.io", "t.k.n", "c1", "a b#é", CLIENT),
            "wss://realtime.courier.io/?auth=t.k.n&cid=c1&iwpv=v1&userId=a%20b%23%C3%A9&sdk=s&sdkv=1"
        );
        assert!(realtime_url("ws://h:1/x", "t", "c", "u", CLIENT).starts_with("ws://h:1/x?auth="));
    }
}
