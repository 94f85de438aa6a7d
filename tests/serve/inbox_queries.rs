//! The Inbox queries the mobile SDKs and courier-js 3.5 send beyond the list: `message(messageId)`
//! as iOS's and Android's `GetInboxMessage` asks it (hand-written from their `InboxClient`
//! sources: `content { title preview actions { … } }`), answered only with the caller's own
//! message; `accountId` on nodes and the tenant filter; the `from` date filter; the v7 Inbox's
//! `markAllRead(params: {tags})`.

use serde_json::{json, Value};

use super::common::KEY;
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

/// The v7 Inbox's `markAllRead(params: $params)` with `{tags}` marks only the messages with one
/// of them; without tags (and as courier-js sends it, bare) every message of every tenant.
#[test]
fn mark_all_read_takes_the_v7_tags_and_no_tenant() {
    let serve = Serve::start(&[]);
    let bearer = format!("Bearer {KEY}");
    for (title, tags, tenant) in [
        ("Tagged", json!(["billing"]), Value::Null),
        ("Plain", json!([]), Value::Null),
        ("Elsewhere", json!([]), json!("acme-co")),
    ] {
        let mut to = json!({"user_id": "alice"});
        if !tenant.is_null() {
            to["context"] = json!({"tenant_id": tenant});
        }
        let body = json!({"message": {"to": to, "content": {"title": title, "body": "b"},
                          "metadata": {"tags": tags}}});
        let (status, _) = serve.post("/send", &[("Authorization", &bearer)], &body.to_string());
        assert_eq!(status, 202);
    }
    let token = serve.issue(INBOX_SCOPE, "1h");
    let v7 =
        "mutation TrackEvent($params: MarkAllAsReadParamsInput) { markAllRead(params: $params) }";
    let mark = |variables: Value| {
        let body = json!({"query": v7, "variables": variables}).to_string();
        let bearer = format!("Bearer {token}");
        let headers = [
            ("x-courier-user-id", "alice"),
            ("Authorization", bearer.as_str()),
        ];
        let (status, answer) = serve.post("/q", &headers, &body);
        assert!(status == 200 && answer.get("errors").is_none(), "{answer}");
    };
    let unread = |tenant: &str| {
        let query = format!("{{ count(params: {{status: \"unread\"{tenant}}}) }}");
        serve.graphql(&token, "alice", &query).1["data"]["count"].clone()
    };
    mark(json!({"params": {"tags": ["billing"]}}));
    assert_eq!(unread(""), json!(1), "only the tagged one was marked");
    mark(json!({"params": {}}));
    assert_eq!(unread(""), json!(0));
    assert_eq!(
        unread(", accountId: \"acme-co\""),
        json!(0),
        "every tenant's"
    );
}
