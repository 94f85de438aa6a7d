//! Where Courier lives, per region: courier-js `src/types/courier-api-urls.ts` (lines 39 for
//! the US, 49 for the EU). The Issue Token API's base URL is `remote`'s (`US_BASE_URL`,
//! `EU_BASE_URL`); the paths under each base are here.

/// Courier's Inbox in the US region (the default).
pub const INBOX_US_URL: &str = "https://inbox.courier.com";
/// Courier's Inbox in the EU region.
pub const INBOX_EU_URL: &str = "https://inbox.eu.courier.io";
/// Courier's realtime socket in the US region.
pub const REALTIME_US_URL: &str = "wss://realtime.courier.io";
/// Courier's realtime socket in the EU region.
pub const REALTIME_EU_URL: &str = "wss://realtime.eu.courier.io";
/// The variable that overrides the Inbox URL (after `--inbox-url` and `--region`).
pub const INBOX_URL_ENV: &str = "COURIER_INBOX_URL";
/// The variable that overrides the realtime socket's URL (after `--realtime-url` and `--region`).
pub const REALTIME_URL_ENV: &str = "COURIER_REALTIME_URL";
/// The Inbox GraphQL endpoint, relative to the Inbox URL.
pub const INBOX_GRAPHQL_PATH: &str = "/q";
/// The client GraphQL endpoint (brands, preferences), relative to the REST base URL.
pub const CLIENT_GRAPHQL_PATH: &str = "/client/q";
/// The Issue Token API, relative to the REST base URL.
pub const ISSUE_TOKEN_PATH: &str = "/auth/issue-token";
/// The Send API, relative to the REST base URL.
pub const SEND_PATH: &str = "/send";
