//! The authentication modes Courier's Inbox knows, and `doctor`'s probes for the two that
//! courier-js 3.x does not speak: the client key alone (`client_key`) and the legacy HMAC user
//! signature (`hmac`), both sent as the v7 web SDK sends them (`remote::inbox_probes::v7_sdk_request`); the live
//! socket a JWT opens (`remote::inbox_probes::realtime_probe`); and the audit that tries every mode on one workspace (`audit`).
//! The JWT mode's GraphQL probe is `remote::inbox_probes::graphql_probe`'s.

pub(super) mod audit;
pub(super) mod client_key;
pub(super) mod hmac;

/// How the frontend authenticates to the Inbox, as Courier's docs name the modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A per-user JWT (courier-js 3.x, `Authorization: Bearer`).
    Jwt,
    /// The public client key and a user id alone ("Default (No Auth)", v7 web and mobile).
    ClientKey,
    /// The deprecated HMAC user signature (v7 web, `x-courier-user-signature`).
    Hmac,
}

impl Mode {
    /// The stable name used in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Jwt => "jwt",
            Mode::ClientKey => "client_key",
            Mode::Hmac => "hmac",
        }
    }
}

/// Which of the Inbox's endpoints a probe asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The GraphQL endpoint (`{inbox}/q`).
    Graphql,
    /// The realtime websocket.
    Realtime,
}

impl Channel {
    /// The stable name used in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Graphql => "graphql",
            Channel::Realtime => "realtime",
        }
    }
}
