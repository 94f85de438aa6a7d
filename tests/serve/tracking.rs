//! A message's tracking URL: serve's messages carry one (`trackingUrl` in the pushed message, as
//! Courier's push payloads do), and `POST <url>` with the mobile SDKs' `{event}` marks the
//! message (OPENED, READ, UNREAD), is journaled, and is a 404 for a message serve does not hold
//! and a 400 for another event.

use serde_json::{json, Value};

use super::common::KEY;
use super::realtime::{handshake, next, open};
use super::{post_to, Serve, INBOX_SCOPE};

fn post_url(url: &str, body: &str) -> (u16, Value) {
    post_to(url, "", &[], body)
}

#[test]
fn a_message_s_tracking_url_marks_it_and_an_unknown_one_is_404() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);
    let id = serve.send("alice", None, "Track me");
    let pushed = next(&mut socket);
    let url = pushed["data"]["trackingUrl"]
        .as_str()
        .unwrap_or_else(|| panic!("a tracking URL: {pushed}"))
        .to_string();
    assert_eq!(url, format!("{}/t/{id}", serve.base));

    assert_eq!(post_url(&url, r#"{"event": "OPENED"}"#), (200, json!({})));
    assert_eq!(
        next(&mut socket),
        json!({"event": "opened", "messageId": id})
    );
    assert_eq!(post_url(&url, r#"{"event": "READ"}"#).0, 200);
    assert_eq!(next(&mut socket), json!({"event": "read", "messageId": id}));
    let query = format!("{{ message(messageId: \"{id}\") {{ read opened }} }}");
    let (_, answer) = serve.graphql(&token, "alice", &query);
    let message = &answer["data"]["message"];
    assert!(
        message["read"].is_string() && message["opened"].is_string(),
        "{answer}"
    );
    assert_eq!(post_url(&url, r#"{"event": "UNREAD"}"#).0, 200);
    let (_, answer) = serve.graphql(&token, "alice", &query);
    assert!(answer["data"]["message"]["read"].is_null(), "{answer}");

    assert_eq!(post_url(&url, r#"{"event": "SHRUGGED"}"#).0, 400);
    assert_eq!(post_url(&url, "not json").0, 400);
    let unknown = format!("{}/t/msg_999", serve.base);
    assert_eq!(post_url(&unknown, r#"{"event": "OPENED"}"#).0, 404);

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let text = agent
        .get(format!("{}/__serve/requests?path=/t/{id}", serve.base))
        .header("Authorization", format!("Bearer {KEY}"))
        .call()
        .expect("answers")
        .body_mut()
        .read_to_string()
        .expect("a body");
    let journal: Value = serde_json::from_str(&text).expect("JSON");
    let statuses: Vec<&Value> = journal
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| &entry["status"])
        .collect();
    assert_eq!(
        statuses,
        [json!(200), json!(200), json!(200), json!(400), json!(400)]
            .iter()
            .collect::<Vec<_>>(),
        "{journal}"
    );
}
