//! Courier's wire protocol for Inbox authentication, as data: the hosts of each region, the
//! header names each SDK sends, the GraphQL documents of the Inbox endpoint, courier-js's
//! unread-count request (`courier_js`) and the messages of the realtime socket as serde types,
//! one per message and direction (`socket_messages`, `inbox_push`, `legacy_socket_messages`). It is the one place both sides read: `doctor`'s probes (a client that
//! must send byte for byte what Courier's SDKs send) and `serve` (a server that must answer
//! them), so the two cannot drift. It knows nothing of HTTP clients, servers, tokens or flags;
//! the facts come from `@trycourier/courier-js` 3.4.0 (trycourier/courier-web) and the v7
//! `@trycourier/client-graphql`, and the fixtures under `tests/fixtures/` hold them to it.

pub mod courier_js;
pub mod graphql;
pub mod headers;
pub mod inbox_push;
pub mod legacy_socket_messages;
pub mod socket;
pub mod socket_messages;
pub mod urls;
pub mod v7;
