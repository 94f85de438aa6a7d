//! serve's own addresses as its users take them: the `apiUrls` object courier-js's `signIn`
//! takes (the first stdout line of `--json` carries it, and the console shows it), and the
//! environment variables that point a command (`serve -- COMMAND`) or a test at serve; and where
//! a message's tracking URL points.

use std::net::SocketAddr;

use serde::Serialize;

use super::settings::client_key_of;

use crate::wire::urls::{CLIENT_GRAPHQL_PATH, INBOX_GRAPHQL_PATH, INBOX_URL_ENV, REALTIME_URL_ENV};

/// The base URL of serve at `address`.
pub(crate) fn base_url(address: SocketAddr) -> String {
    format!("http://{address}")
}

/// The `apiUrls` object courier-js's `signIn` takes:
/// `{"courier": {"rest", "graphql"}, "inbox": {"graphql", "webSocket"}}`.
#[derive(Serialize)]
pub(crate) struct ApiUrls {
    courier: CourierUrls,
    inbox: InboxUrls,
}

#[derive(Serialize)]
struct CourierUrls {
    rest: String,
    graphql: String,
}

#[derive(Serialize)]
struct InboxUrls {
    graphql: String,
    #[serde(rename = "webSocket")]
    web_socket: String,
}

/// The `apiUrls` object courier-js's `signIn` takes, for serve at `address`.
pub(crate) fn api_urls(address: SocketAddr) -> ApiUrls {
    let base = base_url(address);
    ApiUrls {
        courier: CourierUrls {
            graphql: format!("{base}{CLIENT_GRAPHQL_PATH}"),
            rest: base.clone(),
        },
        inbox: InboxUrls {
            graphql: format!("{base}{INBOX_GRAPHQL_PATH}"),
            web_socket: format!("ws://{address}"),
        },
    }
}

/// What points a command or a test at serve at `address` (all of `serve -- COMMAND`'s
/// environment but the API key, which the caller adds where it may): the base URL, the
/// client key, courier-js's `apiUrls`, the Inbox and realtime URLs and the workspace id.
pub(crate) fn environment_variables(
    address: SocketAddr,
    workspace_id: &str,
) -> Vec<(&'static str, String)> {
    let base = base_url(address);
    vec![
        ("COURIER_BASE_URL", base.clone()),
        ("COURIER_CLIENT_KEY", client_key_of(workspace_id)),
        (
            "COURIER_API_URLS",
            serde_json::to_string(&api_urls(address)).unwrap_or_default(),
        ),
        (INBOX_URL_ENV, format!("{base}{INBOX_GRAPHQL_PATH}")),
        (REALTIME_URL_ENV, format!("ws://{address}")),
        ("COURIER_WORKSPACE_ID", workspace_id.to_string()),
    ]
}

/// Where a message's tracking URL starts, before the message id (`tracking` answers it).
pub(crate) const TRACKING_PREFIX: &str = "/t/";

/// `text` as one path segment: unreserved characters as they are, the rest percent-encoded.
pub(crate) fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
