//! The Send API's recipient shapes and metadata, against the example workspace: `to.tenant_id`
//! fans out to every member (`<requestId>:<userId>`, `accountId` the tenant), a user of exactly
//! one tenant is scoped to it, `metadata.tags` and the Inbox's `tags` filter, templates rendered
//! from `data`, and the sends that deliver nothing (an unknown template, routing without the
//! Inbox) answered 202 with `GET /messages/{id}` and the log saying why.

use serde_json::{json, Value};

use super::common::KEY;
use super::workspace_file::EXAMPLE;
use super::Serve;

fn send(serve: &Serve, message: Value) -> (u16, Value) {
    let bearer = format!("Bearer {KEY}");
    serve.post(
        "/send",
        &[("Authorization", &bearer)],
        &json!({ "message": message }).to_string(),
    )
}

fn request_id(serve: &Serve, message: Value) -> String {
    let (status, answer) = send(serve, message);
    assert_eq!(status, 202, "{answer}");
    answer["requestId"].as_str().expect("requestId").to_string()
}

/// `GET {path}` with the API key.
pub(crate) fn get(serve: &Serve, path: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(format!("{}{path}", serve.base))
        .header("Authorization", &format!("Bearer {KEY}"))
        .call()
        .expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn nodes(serve: &Serve, user: &str, params: &str) -> Value {
    let token = serve.issue(&format!("user_id:{user} inbox:read:messages"), "1h");
    let query = format!("{{ messages(params: {{ {params} }}) {{ nodes {{ messageId accountId title preview tags }} }} }}");
    let (status, answer) = serve.graphql(&token, user, &query);
    assert_eq!(status, 200, "{answer}");
    answer["data"]["messages"]["nodes"].clone()
}

#[test]
fn a_tenant_send_fans_out_to_every_member() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let request = request_id(
        &serve,
        json!({"to": {"tenant_id": "acme-co"}, "content": {"title": "Maintenance", "body": "Tonight"}}),
    );
    for user in ["alice", "bob"] {
        assert_eq!(
            nodes(&serve, user, "accountId: \"acme-co\""),
            json!([{"messageId": format!("{request}:{user}"), "accountId": "acme-co",
                    "title": "Maintenance", "preview": "Tonight", "tags": []}]),
            "{user}"
        );
        // Invisible without the tenant filter, as in Courier.
        assert_eq!(nodes(&serve, user, ""), json!([]));
    }
    let (status, record) = get(&serve, &format!("/messages/{request}:bob"));
    assert_eq!(
        (status, &record["status"]),
        (200, &json!("DELIVERED")),
        "{record}"
    );
    assert_eq!(record["tenant"], "acme-co");
    // Opened in the Inbox: OPENED, as Courier reports it.
    let bob = serve.issue("user_id:bob inbox:read:messages inbox:write:events", "1h");
    let opened = format!("mutation {{ opened(messageId: \"{request}:bob\") }}");
    assert_eq!(serve.graphql(&bob, "bob", &opened).0, 200);
    assert_eq!(
        get(&serve, &format!("/messages/{request}:bob")).1["status"],
        "OPENED"
    );
    assert_eq!(
        get(&serve, &format!("/messages/{request}:alice")).1["status"],
        "DELIVERED"
    );
}

#[test]
fn one_user_within_a_tenant_and_users_of_one_tenant() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    // alice belongs to acme-co alone: scoped to it. bob belongs to two: not scoped.
    let alice = request_id(
        &serve,
        json!({"to": {"user_id": "alice"}, "content": {"title": "a"}}),
    );
    let bob = request_id(
        &serve,
        json!({"to": {"user_id": "bob"}, "content": {"title": "b"}}),
    );
    let globex = request_id(
        &serve,
        json!({"to": {"user_id": "bob", "context": {"tenant_id": "globex"}}, "content": {"title": "g"}}),
    );
    let context = request_id(
        &serve,
        json!({"to": {"user_id": "bob"}, "context": {"tenant_id": "acme-co"}, "content": {"title": "c"}}),
    );
    assert_eq!(
        nodes(&serve, "alice", "accountId: \"acme-co\"")[0]["messageId"],
        json!(alice)
    );
    assert_eq!(nodes(&serve, "bob", "")[0]["messageId"], json!(bob));
    assert_eq!(
        nodes(&serve, "bob", "accountId: \"globex\"")[0]["messageId"],
        json!(globex)
    );
    assert_eq!(
        nodes(&serve, "bob", "accountId: \"acme-co\"")[0]["messageId"],
        json!(context)
    );
    let (status, answer) = send(
        &serve,
        json!({"to": {"user_id": "bob", "tenant_id": "acme-co"}}),
    );
    assert_eq!(status, 400, "{answer}");
    assert_eq!(send(&serve, json!({"to": []})).0, 400);
}

#[test]
fn metadata_tags_are_the_messages_tags_and_filter_the_inbox() {
    let serve = Serve::start(&[]);
    let tagged = request_id(
        &serve,
        json!({"to": {"user_id": "dana"}, "content": {"title": "t"}, "metadata": {"tags": ["billing", "urgent"]},
               "routing": {"method": "single", "channels": ["inbox"]}}),
    );
    request_id(
        &serve,
        json!({"to": {"user_id": "dana"}, "content": {"title": "u"}}),
    );
    assert_eq!(
        nodes(&serve, "dana", "tags: [\"urgent\"]"),
        json!([{"messageId": tagged, "accountId": null, "title": "t", "preview": null, "tags": ["billing", "urgent"]}])
    );
    let long = "x".repeat(31);
    let (status, answer) = send(
        &serve,
        json!({"to": {"user_id": "dana"}, "metadata": {"tags": [long]}}),
    );
    assert_eq!(status, 400, "{answer}");
}

#[test]
fn templates_render_data_and_unknown_ones_deliver_nothing_and_say_why() {
    let serve = Serve::start(&["--workspace", EXAMPLE, "--log", "refusals"]);
    request_id(
        &serve,
        json!({"to": {"user_id": "erin"}, "template": "WELCOME",
               "data": {"name": "Erin", "order": {"id": 42, "eta": "tomorrow"}}}),
    );
    assert_eq!(
        nodes(&serve, "erin", "")[0],
        json!({"messageId": nodes(&serve, "erin", "")[0]["messageId"], "accountId": null,
               "title": "Welcome, Erin!", "preview": "Your order 42 ships tomorrow.", "tags": []})
    );
    let missing = request_id(
        &serve,
        json!({"to": {"user_id": "erin"}, "template": "NOPE", "data": {}}),
    );
    assert_eq!(nodes(&serve, "erin", "").as_array().map(Vec::len), Some(1));
    let (status, record) = get(&serve, &format!("/messages/{missing}"));
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["status"], "UNMAPPED", "{record}");
    assert!(
        record["error"].as_str().unwrap().contains("NOPE"),
        "{record}"
    );
    let line = serve.log_line("not delivered");
    assert!(line.contains(&missing) && line.contains("NOPE"), "{line}");

    let unroutable = request_id(
        &serve,
        json!({"to": {"user_id": "erin"}, "content": {"title": "mail"},
               "routing": {"method": "single", "channels": ["email"]}}),
    );
    assert_eq!(
        get(&serve, &format!("/messages/{unroutable}")).1["status"],
        "UNROUTABLE"
    );
    let (_, list) = get(&serve, "/messages?recipient=erin");
    assert_eq!(list["results"].as_array().map(Vec::len), Some(3), "{list}");
    assert_eq!(get(&serve, "/messages/unknown").0, 404);
}

#[test]
fn the_legacy_read_messages_scope_reads_the_inbox() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "Hi");
    let token = serve.issue("user_id:alice read:messages", "1h");
    let (_, answer) = serve.graphql(&token, "alice", "{ count }");
    assert_eq!(answer["data"]["count"], 1, "{answer}");
}

#[test]
fn a_list_of_recipients_and_reset_back_to_the_workspace_file() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let request = request_id(
        &serve,
        json!({"to": [{"user_id": "erin"}, {"user_id": "frank", "context": {"tenant_id": "globex"}}],
               "content": {"title": "Both"}}),
    );
    assert_eq!(
        nodes(&serve, "erin", "")[0]["messageId"],
        json!(format!("{request}:erin"))
    );
    assert_eq!(
        nodes(&serve, "frank", "accountId: \"globex\"")[0]["messageId"],
        json!(format!("{request}:frank"))
    );
    let bearer = format!("Bearer {KEY}");
    let tenant = json!({"name": "Initech"}).to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let put = agent
        .put(format!("{}/tenants/initech", serve.base))
        .header("Authorization", &bearer)
        .send(tenant.as_str())
        .expect("serve answers");
    assert_eq!(put.status().as_u16(), 200);
    assert_eq!(get(&serve, "/tenants/initech").0, 200);
    let (status, answer) = serve.post("/__serve/reset", &[("Authorization", &bearer)], "");
    assert_eq!((status, answer), (200, json!({"removed": 3})));
    assert_eq!(get(&serve, "/tenants/initech").0, 404);
    assert_eq!(get(&serve, "/tenants/acme-co").0, 200);
    assert_eq!(get(&serve, &format!("/messages/{request}:erin")).0, 404);
}
