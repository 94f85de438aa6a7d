//! Courier's realtime socket as courier-js 3.x speaks it (`src/socket/`): the URL it opens
//! (`{webSocket}?auth=<token>&cid=<id>&iwpv=v1&userId=<id>&sdk=<name>&sdkv=<version>`, the `?`
//! appended straight to the configured URL) and the names of the actions it sends.

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
/// Client → server: leave a user's channel.
pub const ACTION_UNSUBSCRIBE: &str = "unsubscribe";

/// The socket URL's query parameters: the token, the connection id, the protocol version and
/// the user (courier-js `getWebSocketUrl`).
pub const PARAM_AUTH: &str = "auth";
pub const PARAM_CONNECTION_ID: &str = "cid";
pub const PARAM_PROTOCOL_VERSION: &str = "iwpv";
pub const PARAM_USER_ID: &str = "userId";

/// Server → client: the answer to `get-config`, `{"tid","response":"config","data":{...}}`.
pub const RESPONSE_CONFIG: &str = "config";
/// Server → client: the answer to `subscribe`.
pub const RESPONSE_ACK: &str = "ack";
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
