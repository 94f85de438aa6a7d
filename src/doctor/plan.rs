//! What `doctor` was asked, resolved from the options by `commands::doctor`: the clock, the
//! user and tenant the frontend uses, the client key's workspace, the least lifetime wanted,
//! the API key's signer when one is at hand, and where and how to probe Courier's Inbox. Only
//! data: nothing here parses flags or talks to the network.

use std::time::Duration;

use crate::remote::{BaseUrl, RetryPolicy};
use crate::token::Signer;

/// Where and how to probe Courier's Inbox.
#[derive(Debug, Clone)]
pub struct ProbeSettings {
    /// The Inbox's base URL; the GraphQL endpoint is `{inbox}/q`.
    pub inbox: BaseUrl,
    pub timeout: Duration,
    pub policy: RetryPolicy,
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
    /// The workspace id the client key (`--client-key`) encodes.
    pub client_key_workspace: Option<&'a str>,
    /// The tenant the frontend filters on (`--tenant`, else a pasted request's `accountId`;
    /// sent as `accountId`).
    pub tenant: Option<&'a str>,
    /// The least remaining lifetime acceptable (`--min-ttl`).
    pub min_ttl: Option<Duration>,
    /// The API key's signer, when a key is at hand, to tell a locally minted token.
    pub signer: Option<&'a Signer>,
    /// `None` with `--offline`.
    pub probe: Option<&'a ProbeSettings>,
}
