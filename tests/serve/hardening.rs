//! serve under attack (issue 27): what a hostile client sends is never echoed as the key or a
//! token in the log, and cannot make serve grow without bound, hold every slot, or run a
//! document for minutes.

use tokio_tungstenite::tungstenite::connect;

use super::common::KEY;
use super::realtime::{legacy_subscribe, open_legacy};
use super::{Serve, INBOX_SCOPE};

#[test]
fn the_key_sent_as_a_user_id_never_reaches_the_log() {
    let serve = Serve::start(&["--auth", "jwt,hmac"]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    // As x-courier-user-id beside a token for alice.
    let (status, _) = serve.graphql(&token, KEY, "{ count(params: {}) }");
    assert_eq!(status, 401);
    let line = serve.log_line("refused POST /q");
    assert!(!line.contains(KEY), "{line}");
    assert!(line.contains("user=<not shown"), "{line}");
    let line = serve.log_line("POST /q 401");
    assert!(!line.contains(KEY), "{line}");
    // A whole token as the user id is not shown either.
    let (status, _) = serve.graphql(&token, &token, "{ count(params: {}) }");
    assert_eq!(status, 401);
    let line = serve.log_line("refused POST /q");
    assert!(line.contains("user=<not shown: a token>"), "{line}");
    // As the socket's ?userId=.
    let refused = connect(format!(
        "{}/?auth={token}&userId={KEY}&iwpv=v1",
        serve.socket
    ));
    assert!(refused.is_err());
    let line = serve.log_line("refused GET / (realtime)");
    assert!(!line.contains(KEY), "{line}");
    // As the older protocol's subscribe channel.
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let mut socket = open_legacy(&serve, &format!("clientKey={client_key}"));
    legacy_subscribe(&mut socket, KEY, Some(&"0".repeat(64)));
    let line = serve.log_line("refused subscribe (realtime, v7)");
    assert!(!line.contains(KEY), "{line}");
    assert!(line.contains("user=<not shown"), "{line}");
}
