//! The Inbox queries the mobile SDKs and courier-js 3.5 send beyond the list: `message(messageId)`
//! as iOS's and Android's `GetInboxMessage` asks it (hand-written from their `InboxClient`
//! sources: `content { title preview actions { … } }`), answered only with the caller's own
//! message; `accountId` on nodes and the tenant filter; the `from` date filter.

use serde_json::{json, Value};

use super::{Serve, INBOX_SCOPE};

fn mobile_get_message(id: &str) -> String {
    format!(
        "query GetInboxMessage {{ message(messageId: \"{id}\") {{ messageId read archived created opened data trackingIds {{ clickTrackingId }} content {{ title preview actions {{ background_color content href style }} }} }} }}"
    )
}

#[test]
fn message_by_id_is_the_callers_own_only() {
    let serve = Serve::start(&[]);
    let id = serve.send("alice", None, "Yours");
    let alice = serve.issue(INBOX_SCOPE, "1h");
    let (status, answer) = serve.graphql(&alice, "alice", &mobile_get_message(&id));
    assert_eq!(status, 200, "{answer}");
    let message = &answer["data"]["message"];
    assert_eq!(message["messageId"], json!(id));
    assert_eq!(
        message["content"],
        json!({"title": "Yours", "preview": "b", "actions": []})
    );
    assert_eq!(
        message["trackingIds"]["clickTrackingId"],
        json!(format!("click_{id}"))
    );
    let bob = serve.issue("user_id:bob inbox:read:messages", "1h");
    let (status, answer) = serve.graphql(&bob, "bob", &mobile_get_message(&id));
    assert_eq!(
        (status, &answer["data"]["message"]),
        (200, &Value::Null),
        "{answer}"
    );
}

#[test]
fn tenant_and_from_filters_as_courier_js_3_5_sends_them() {
    let serve = Serve::start(&[]);
    let acme = serve.send("alice", Some("acme-co"), "Acme");
    serve.send("alice", None, "Mine");
    let token = serve.issue(INBOX_SCOPE, "1h");
    let query = |params: &str| {
        format!("query GetInboxMessages($params: FilterParamsInput = {{ {params} }}) {{ count(params: $params) messages(params: $params) {{ nodes {{ messageId accountId title }} }} }}")
    };
    let (_, answer) = serve.graphql(&token, "alice", &query("accountId: \"acme-co\""));
    assert_eq!(answer["data"]["count"], 1, "{answer}");
    assert_eq!(
        answer["data"]["messages"]["nodes"],
        json!([{"messageId": acme, "accountId": "acme-co", "title": "Acme"}])
    );
    // serve's clock is pinned (--now): messages are created at that moment.
    let (_, before) = serve.graphql(
        &token,
        "alice",
        &query("from: \"2000-01-01T00:00:00.000Z\""),
    );
    assert_eq!(before["data"]["count"], 1, "{before}");
    let (_, after) = serve.graphql(
        &token,
        "alice",
        &query("from: \"2999-01-01T00:00:00.000Z\""),
    );
    assert_eq!(after["data"]["count"], 0, "{after}");
}
