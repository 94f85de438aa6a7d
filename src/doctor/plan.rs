//! What `doctor` was asked, resolved from the options by `commands::doctor`: the clock, the
//! user and tenant the frontend uses, the client key (its workspace, and the key itself for the
//! modes that send it), a given HMAC user signature, the least lifetime wanted, the API key's
//! signer when one is at hand, and where and how to probe Courier's Inbox and its realtime
//! socket. Only data: nothing here parses flags or talks to the network.

use std::time::Duration;

use crate::remote::{BaseUrl, RetryPolicy};
use crate::shown::redaction::Redaction;
use crate::token::Signer;

/// Where the realtime probe goes, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Realtime {
    /// The socket's base URL (`wss://realtime.courier.io`).
    Url(String),
    /// Not probed, and why (`--no-realtime`, a custom Inbox URL without a realtime URL).
    Skipped(&'static str),
}

/// Where and how to probe Courier's Inbox.
#[derive(Debug, Clone)]
pub struct ProbeSettings {
    /// The Inbox's base URL; the GraphQL endpoint is `{inbox}/q`.
    pub inbox: BaseUrl,
    /// The realtime socket, in JWT mode.
    pub realtime: Realtime,
    pub timeout: Duration,
    pub policy: RetryPolicy,
    /// What a probe's errors may quote (a user id no header can carry).
    pub redaction: Redaction,
}

/// Everything `doctor` needs besides the pasted text, resolved from the options.
#[derive(Clone, Copy)]
pub struct Plan<'a> {
    /// Unix seconds standing in for now.
    pub now: i64,
    /// The `userId` the frontend passes to the SDK (`--user-id`, else a pasted request's
    /// `x-courier-user-id`).
    pub user_id: Option<&'a str>,
    /// True when `user_id` was read from the pasted request rather than given.
    pub user_id_from_request: bool,
    /// The public client key (`--client-key`), sent as `x-courier-client-key` by the client-key
    /// and HMAC modes.
    pub client_key: Option<&'a str>,
    /// The workspace id the client key encodes.
    pub client_key_workspace: Option<&'a str>,
    /// An HMAC user signature the frontend uses (`--user-signature`).
    pub user_signature: Option<&'a str>,
    /// The tenant the frontend filters on (`--tenant`, else a pasted request's `accountId`;
    /// sent as `accountId`).
    pub tenant: Option<&'a str>,
    /// The least remaining lifetime acceptable (`--min-ttl`).
    pub min_ttl: Option<Duration>,
    /// The API key's signer, when a key is at hand: to tell a locally minted token, and to
    /// compute or check an HMAC user signature. The key itself is never sent.
    pub signer: Option<&'a Signer>,
    /// `None` with `--offline`.
    pub probe: Option<&'a ProbeSettings>,
    /// The zone instants are shown in (`--date local`); `None` is UTC.
    pub zone: Option<&'a jiff::tz::TimeZone>,
}
