//! The Node server SDK (@trycourier/courier 7.10.2 with `COURIER_BASE_URL`) against serve: the
//! requests recorded by `scripts/sdk-node-server-requests.js`
//! (`tests/fixtures/sdk_node_server_requests.json`) replayed in order with serve's API key —
//! tenants and memberships, preferences per tenant, device tokens (with a JSON Patch), brands,
//! message status — each answered 2xx, and the answers the SDK's types describe.

use serde_json::Value;

use super::common::KEY;
use super::workspace_file::EXAMPLE;
use super::Serve;

fn call(serve: &Serve, request: &Value, message_id: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .build()
        .into();
    let path = request["path"]
        .as_str()
        .unwrap()
        .replace("%3Cmessage%3E", message_id);
    let mut builder = ureq::http::Request::builder()
        .method(request["method"].as_str().unwrap())
        .uri(format!("{}{path}", serve.base));
    for pair in request["headers"].as_array().unwrap() {
        let value = pair[1].as_str().unwrap().replace("sk_test_recorded", KEY);
        builder = builder.header(pair[0].as_str().unwrap(), value);
    }
    let built = builder
        .body(request["body"].as_str().unwrap().to_string())
        .expect("a request");
    let mut response = agent.run(built).expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[test]
fn the_node_server_sdk_manages_tenants_preferences_tokens_brands_and_reads_messages() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let fixture: Value =
        serde_json::from_str(include_str!("../fixtures/sdk_node_server_requests.json"))
            .expect("fixture");
    let bearer = format!("Bearer {KEY}");
    let send =
        serde_json::json!({"message": {"to": {"user_id": "dave"}, "content": {"title": "Hi"}}})
            .to_string();
    let (_, sent) = serve.post("/send", &[("Authorization", &bearer)], &send);
    let message_id = sent["requestId"].as_str().expect("requestId").to_string();
    let mut answers = std::collections::BTreeMap::new();
    for request in fixture["requests"].as_array().unwrap() {
        let name = request["name"].as_str().unwrap();
        let (status, answer) = call(&serve, request, &message_id);
        assert!((200..300).contains(&status), "{name}: {status} {answer}");
        answers.insert(name.to_string(), answer);
    }
    assert_eq!(answers["tenant_retrieve"]["properties"]["tier"], "gold");
    assert_eq!(
        answers["user_tenants_list"]["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(answers["tenant_users"]["items"][0]["user_id"], "dave");
    assert_eq!(answers["preference_topic"]["topic"]["status"], "OPTED_IN");
    let topics = answers["preferences"]["items"].as_array().unwrap();
    assert!(topics
        .iter()
        .any(|t| t["topic_id"] == "newsletter" && t["custom_routing"][0] == "email"));
    assert_eq!(answers["token_retrieve"]["status"], "revoked");
    assert_eq!(answers["tokens_list"][0]["provider_key"], "apn");
    assert_eq!(
        answers["brand_retrieve"]["settings"]["colors"]["primary"],
        "#000000"
    );
    assert_eq!(answers["message_retrieve"]["status"], "DELIVERED");
    assert_eq!(
        answers["messages_list"]["results"][0]["id"],
        Value::String(message_id)
    );
    // What the calls left behind.
    let (status, _) = call(&serve, &fixture["requests"][1], "");
    assert_eq!(status, 404, "the tenant was deleted");
}
