//! The REST API: courier-js's token, list and tracking clients replayed from
//! `tests/fixtures/sdk_client_requests.json`; calls with the API key (the Node SDK's own are
//! replayed in `node_sdk`) and the mobile SDKs' (the user's JWT) hand-written from Courier's API
//! reference and the iOS/Android `PreferenceClient` sources — preferences per tenant, tenants and memberships (which scope a
//! send), device tokens, brands — with each scope missing and each user crossing refused.

use serde_json::{json, Value};

use super::common::KEY;
use super::workspace_file::EXAMPLE;
use super::Serve;

/// `method path` with `headers` and `body`; status and answer (JSON, a string, or null).
fn call(
    serve: &Serve,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .build()
        .into();
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", serve.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(body.to_string()).expect("a request");
    let mut response = agent.run(request).expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let answer = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, answer)
}

fn key(serve: &Serve, method: &str, path: &str, body: Value) -> (u16, Value) {
    let bearer = format!("Bearer {KEY}");
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    call(
        serve,
        method,
        path,
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        &body,
    )
}

/// As the mobile SDKs call: Bearer JWT and x-courier-user-id.
fn mobile(
    serve: &Serve,
    token: &str,
    user: &str,
    method: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let bearer = format!("Bearer {token}");
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    call(
        serve,
        method,
        path,
        &[("Authorization", &bearer), ("x-courier-user-id", user)],
        &body,
    )
}

fn replay(serve: &Serve, name: &str, token: &str) -> (u16, Value) {
    let fixture: Value = serde_json::from_str(include_str!("../fixtures/sdk_client_requests.json"))
        .expect("fixture");
    let recorded_token = fixture["token"].as_str().unwrap();
    let request = fixture["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .expect("recorded")
        .clone();
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let headers: Vec<(String, String)> = request["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            let value = pair[1].as_str().unwrap().replace(recorded_token, token);
            // The recorder's client key is serve's default workspace's.
            assert!(
                pair[0] != "x-courier-client-key" || value == client_key,
                "{value}"
            );
            (pair[0].as_str().unwrap().to_string(), value)
        })
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    call(
        serve,
        request["method"].as_str().unwrap(),
        request["path"].as_str().unwrap(),
        &headers,
        request["body"].as_str().unwrap(),
    )
}

#[test]
fn courier_js_registers_device_tokens_subscribes_and_tracks() {
    let serve = Serve::start(&["--log", "refusals"]);
    let alice = serve.issue("user_id:alice write:user-tokens", "1h");
    assert_eq!(replay(&serve, "put_token", &alice).0, 204);
    let (status, tokens) = key(&serve, "GET", "/users/alice/tokens", Value::Null);
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(
        tokens,
        json!([{"provider_key": "firebase-fcm", "device": {"app_id": "app", "platform": "web"}, "token": "device-1", "status": "active"}])
    );
    assert_eq!(replay(&serve, "delete_token", &alice).0, 204);
    assert_eq!(
        key(&serve, "GET", "/users/alice/tokens", Value::Null).1,
        json!([])
    );
    // Without write:user-tokens, and as another user.
    let reader = serve.issue("user_id:alice read:user-tokens", "1h");
    assert_eq!(replay(&serve, "put_token", &reader).0, 401);
    assert!(serve
        .log_line("refused PUT /users/{id}/tokens/{token}")
        .contains("scope_missing"));
    let bob = serve.issue("user_id:bob write:user-tokens", "1h");
    assert_eq!(replay(&serve, "put_token", &bob).0, 401);
    assert!(serve
        .log_line("refused PUT /users/{id}/tokens/{token}")
        .contains("user_id_mismatch"));

    let any = serve.issue("user_id:alice inbox:read:messages", "1h");
    assert_eq!(replay(&serve, "list_subscribe", &any).0, 204);
    assert_eq!(replay(&serve, "list_unsubscribe", &any).0, 204);
    assert_eq!(
        replay(&serve, "inbound_track", &any),
        (202, json!({"messageId": "m1"}))
    );
    let (status, _) = call(
        &serve,
        "POST",
        "/inbound/courier",
        &[("x-courier-client-key", "bm90IG91cnM=")],
        "{}",
    );
    assert_eq!(status, 401);
}

#[test]
fn preferences_over_rest_per_tenant_for_the_key_and_the_users_jwt() {
    let serve = Serve::start(&["--workspace", EXAMPLE, "--log", "refusals"]);
    let (status, listed) = key(&serve, "GET", "/users/alice/preferences", Value::Null);
    assert_eq!(status, 200, "{listed}");
    assert_eq!(
        listed["items"][2],
        json!({"topic_id": "newsletter", "topic_name": "Monthly newsletter", "section_id": "marketing",
               "section_name": "News and offers", "status": "OPTED_OUT", "default_status": "OPTED_OUT",
               "has_custom_routing": false, "custom_routing": [], "digest_schedule": null})
    );
    // The iOS/Android PreferenceClient's putUserPreferenceTopic.
    let writer = serve.issue("user_id:alice read:preferences write:preferences", "1h");
    let change = json!({"topic": {"status": "OPTED_IN", "has_custom_routing": true, "custom_routing": ["email"]}});
    let (status, answer) = mobile(
        &serve,
        &writer,
        "alice",
        "PUT",
        "/users/alice/preferences/newsletter?tenant_id=acme-co",
        change.clone(),
    );
    assert_eq!((status, answer), (200, json!({"message": "success"})));
    let (_, topic) = mobile(
        &serve,
        &writer,
        "alice",
        "GET",
        "/users/alice/preferences/newsletter?tenant_id=acme-co",
        Value::Null,
    );
    assert_eq!(
        (&topic["topic"]["status"], &topic["topic"]["custom_routing"]),
        (&json!("OPTED_IN"), &json!(["email"]))
    );
    let (_, plain) = key(
        &serve,
        "GET",
        "/users/alice/preferences/newsletter",
        Value::Null,
    );
    assert_eq!(plain["topic"]["status"], "OPTED_OUT");
    // The same choice seen through /client/q.
    let bearer = format!("Bearer {writer}");
    let query = json!({"query": "{ recipientPreference(templateId: \"newsletter\", accountId: \"acme-co\") { status } }"});
    let (_, graphql) = serve.post(
        "/client/q",
        &[("Authorization", &bearer), ("x-courier-user-id", "alice")],
        &query.to_string(),
    );
    assert_eq!(
        graphql["data"]["recipientPreference"]["status"], "OPTED_IN",
        "{graphql}"
    );

    let reader = serve.issue("user_id:alice read:preferences", "1h");
    assert_eq!(
        mobile(
            &serve,
            &reader,
            "alice",
            "PUT",
            "/users/alice/preferences/newsletter",
            change.clone()
        )
        .0,
        401
    );
    assert!(serve
        .log_line("refused PUT /users/{id}/preferences/{topic}")
        .contains("scope_missing"));
    assert_eq!(
        mobile(
            &serve,
            &writer,
            "alice",
            "GET",
            "/users/bob/preferences",
            Value::Null
        )
        .0,
        401
    );
    assert!(serve
        .log_line("refused GET /users/{id}/preferences")
        .contains("user_id_mismatch"));
    let inbox_only = serve.issue("user_id:alice inbox:read:messages", "1h");
    assert_eq!(
        mobile(
            &serve,
            &inbox_only,
            "alice",
            "GET",
            "/users/alice/preferences",
            Value::Null
        )
        .0,
        401
    );
    assert_eq!(
        key(&serve, "GET", "/users/alice/preferences/nope", Value::Null).0,
        404
    );
    let required = json!({"topic": {"status": "OPTED_OUT"}});
    assert_eq!(
        key(&serve, "PUT", "/users/alice/preferences/receipts", required).0,
        400
    );
}

#[test]
fn tenants_and_memberships_over_rest_scope_later_sends() {
    let serve = Serve::start(&["--workspace", EXAMPLE, "--log", "refusals"]);
    let (status, tenant) = key(
        &serve,
        "PUT",
        "/tenants/initech",
        json!({"name": "Initech", "properties": {"tier": "gold"}}),
    );
    assert_eq!(status, 200, "{tenant}");
    assert_eq!(tenant["properties"]["tier"], "gold");
    assert_eq!(
        key(&serve, "PUT", "/users/dave/tenants/initech", Value::Null).0,
        204
    );
    let (_, users) = key(&serve, "GET", "/tenants/initech/users", Value::Null);
    assert_eq!(
        users["items"],
        json!([{"user_id": "dave", "tenant_id": "initech", "type": "user"}])
    );
    // dave now belongs to one tenant: a send to him is scoped to it.
    let bearer = format!("Bearer {KEY}");
    let send =
        json!({"message": {"to": {"user_id": "dave"}, "content": {"title": "Hi"}}}).to_string();
    let (_, sent) = serve.post("/send", &[("Authorization", &bearer)], &send);
    let id = sent["requestId"].as_str().unwrap();
    assert_eq!(
        key(&serve, "GET", &format!("/messages/{id}"), Value::Null).1["tenant"],
        "initech"
    );
    assert_eq!(
        key(
            &serve,
            "PUT",
            "/users/dave/tenants",
            json!({"tenants": [{"tenant_id": "globex"}]})
        )
        .0,
        204
    );
    let (_, theirs) = key(&serve, "GET", "/users/dave/tenants", Value::Null);
    assert_eq!(
        theirs["items"].as_array().map(Vec::len),
        Some(2),
        "{theirs}"
    );
    assert_eq!(
        key(&serve, "DELETE", "/users/dave/tenants/initech", Value::Null).0,
        204
    );
    assert_eq!(
        key(&serve, "DELETE", "/tenants/initech", Value::Null).0,
        204
    );
    assert_eq!(key(&serve, "GET", "/tenants/initech", Value::Null).0, 404);
    let (_, all) = key(&serve, "GET", "/tenants", Value::Null);
    assert_eq!(all["items"][0]["id"], "acme-co", "{all}");
    let token = serve.issue("user_id:alice read:preferences", "1h");
    assert_eq!(
        mobile(&serve, &token, "alice", "GET", "/tenants", Value::Null).0,
        401
    );
    assert!(serve
        .log_line("refused GET /tenants")
        .contains("api_key_required"));
}

#[test]
fn brands_over_rest_are_the_brands_client_graphql_answers() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let body =
        json!({"id": "night", "name": "Night", "settings": {"colors": {"primary": "#000000"}}});
    let (status, brand) = key(&serve, "POST", "/brands", body);
    assert_eq!(status, 200, "{brand}");
    assert_eq!(
        key(&serve, "GET", "/brands/night", Value::Null).1["settings"]["colors"]["primary"],
        "#000000"
    );
    let (_, listed) = key(&serve, "GET", "/brands", Value::Null);
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(2));
    let token = serve.issue("user_id:alice read:brands:night", "1h");
    let bearer = format!("Bearer {token}");
    let query =
        json!({"query": "{ brand(brandId: \"night\") { settings { colors { primary } } } }"});
    let (_, answer) = serve.post(
        "/client/q",
        &[("Authorization", &bearer), ("x-courier-user-id", "alice")],
        &query.to_string(),
    );
    assert_eq!(
        answer["data"]["brand"]["settings"]["colors"]["primary"], "#000000",
        "{answer}"
    );
    assert_eq!(key(&serve, "DELETE", "/brands/night", Value::Null).0, 204);
    assert_eq!(key(&serve, "GET", "/brands/night", Value::Null).0, 404);
    let (status, unknown) = key(&serve, "GET", "/lists", Value::Null);
    assert_eq!(status, 404);
    assert!(
        unknown["message"].as_str().unwrap().contains("/brands"),
        "{unknown}"
    );
}
