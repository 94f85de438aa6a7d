//! serve's own addresses as its users take them: the `apiUrls` object courier-js's `signIn`
//! takes (the first stdout line of `--json` carries it, and the console shows it), and the
//! environment variables that point this tool and a test harness at serve.

use std::net::SocketAddr;

use serde_json::{json, Value};

use crate::wire::urls::{CLIENT_GRAPHQL_PATH, INBOX_GRAPHQL_PATH, INBOX_URL_ENV, REALTIME_URL_ENV};

/// The base URL of serve at `address`.
pub(crate) fn base_url(address: SocketAddr) -> String {
    format!("http://{address}")
}

/// The `apiUrls` object courier-js's `signIn` takes, for serve at `address`.
pub(crate) fn api_urls(address: SocketAddr) -> Value {
    let base = base_url(address);
    json!({
        "courier": {"rest": base, "graphql": format!("{base}{CLIENT_GRAPHQL_PATH}")},
        "inbox": {"graphql": format!("{base}{INBOX_GRAPHQL_PATH}"), "webSocket": format!("ws://{address}")},
    })
}

/// The variables that point `courier-token` (issue --remote, doctor) and a harness at serve.
pub(crate) fn environment_variables(address: SocketAddr) -> Vec<(&'static str, String)> {
    let base = base_url(address);
    vec![
        ("COURIER_BASE_URL", base.clone()),
        (INBOX_URL_ENV, base),
        (REALTIME_URL_ENV, format!("ws://{address}")),
    ]
}
