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
