//! `doctor`'s live probes of Courier's Inbox, beside the HTTP client they share: the
//! unread-count requests courier-js (`courier_js_request`) and the v7 web SDK
//! (`v7_sdk_request`) send, the GraphQL probe that sends them and reads the answer
//! (`graphql_probe`), and the realtime socket probe (`realtime_probe`). What a probe found is
//! `doctor::probe_findings`' type; the offline checks stay in `doctor`.

pub(crate) mod courier_js_request;
pub(crate) mod graphql_probe;
pub(crate) mod realtime_probe;
pub(crate) mod v7_sdk_request;

use crate::remote::Target;

/// Where an Inbox probe goes (`url`, the Inbox GraphQL endpoint), named as `doctor`'s options
/// name it: one wording for both SDKs' requests.
fn inbox_target(url: &str) -> Target<'_> {
    Target {
        url,
        url_name: "the Inbox URL",
        url_options: "--inbox-url, --region, COURIER_INBOX_URL",
        service: "Courier's Inbox",
    }
}
