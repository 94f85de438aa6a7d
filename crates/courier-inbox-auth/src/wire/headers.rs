//! The header names Courier's SDKs send to the Inbox, lowercase as HTTP/2 and Node's `fetch`
//! write them. Which SDK sends which in each mode was read from the SDKs' sources (courier-js's
//! `inbox-client.ts`, the v7 `@trycourier/client-graphql`, iOS `InboxClient.swift`, Android
//! `InboxClient.kt`) and is checked against their recordings in `tests/fixtures/`.

/// The user the SDK signed in as (courier-js, mobile, v7 client-key and HMAC modes).
pub const USER_ID: &str = "x-courier-user-id";
/// The public client key (v7 web in every mode; mobile without a token).
pub const CLIENT_KEY: &str = "x-courier-client-key";
/// The legacy HMAC user signature (v7 HMAC mode).
pub const USER_SIGNATURE: &str = "x-courier-user-signature";
/// courier-js telemetry: `sdk=<name>,sdkv=<version>,cid=<connection id>`.
pub const SDK_USER_AGENT: &str = "x-courier-ua";
/// courier-js mutations: the connection id that made the change.
pub const CLIENT_SOURCE_ID: &str = "x-courier-client-source-id";
/// Every header a browser SDK may send, for a CORS preflight.
pub const SDK_REQUEST_HEADERS: [&str; 7] = [
    "content-type",
    "authorization",
    USER_ID,
    SDK_USER_AGENT,
    CLIENT_SOURCE_ID,
    CLIENT_KEY,
    USER_SIGNATURE,
];
