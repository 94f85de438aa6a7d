//! `/client/q` as courier-js 3.4.0's preference and brand clients call it: the requests recorded
//! by `scripts/sdk-client-requests.js` (`tests/fixtures/sdk_client_requests.json`) replayed
//! against the example workspace with serve's tokens and read as the SDK reads them, the v7
//! Inbox's `GetInAppBrand` and `GetRecipientPreferences` (hand-written from the v7 SDK's
//! documents), and the scope matrix: each scope missing, a user crossing to another's
//! preferences, each refusal logged with its code.

use serde_json::{json, Value};

use super::workspace_file::EXAMPLE;
use super::Serve;

const PREFERENCE_SCOPES: &str = "read:preferences write:preferences read:brands";

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/sdk_client_requests.json")).expect("the fixture")
}

fn recorded(name: &str) -> Value {
    fixture()["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .find(|request| request["name"] == name)
        .unwrap_or_else(|| panic!("no recorded {name}"))
        .clone()
}

/// Replays the recorded request `name` with `token` for `user` (the fixture's brand id swapped
/// for the example's); status and answer.
fn replay(serve: &Serve, name: &str, token: &str, user: &str) -> (u16, Value) {
    let request = recorded(name);
    let recorded_token = fixture()["token"].as_str().expect("token").to_string();
    let headers: Vec<(String, String)> = request["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| {
            let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            let value = value.replace(&recorded_token, token);
            let value = if name == "x-courier-user-id" {
                user.to_string()
            } else {
                value
            };
            (name.to_string(), value)
        })
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let body = request["body"]
        .as_str()
        .expect("body")
        .replace("brand-1", "acme-brand");
    assert_eq!(request["path"], "/client/q");
    serve.post("/client/q", &headers, &body)
}

fn token(serve: &Serve, user: &str, scopes: &str) -> String {
    serve.issue(&format!("user_id:{user} {scopes}"), "1h")
}

#[test]
fn courier_js_reads_and_changes_preferences_per_tenant() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let alice = token(&serve, "alice", PREFERENCE_SCOPES);
    let (status, answer) = replay(&serve, "preferences", &alice, "alice");
    assert_eq!(status, 200, "{answer}");
    let nodes = &answer["data"]["recipientPreferences"]["nodes"];
    assert_eq!(
        nodes[0],
        json!({"templateId": "order-updates", "templateName": "Order updates", "sectionId": "orders",
               "sectionName": "Orders", "defaultStatus": "OPTED_IN", "status": "OPTED_IN",
               "hasCustomRouting": false, "routingPreferences": [], "digestSchedule": null})
    );
    assert_eq!(nodes.as_array().map(Vec::len), Some(3));

    let (_, updated) = replay(&serve, "update_preference", &alice, "alice");
    let node = &updated["data"]["updatePreferenceV2"];
    assert_eq!(
        (
            &node["status"],
            &node["hasCustomRouting"],
            &node["routingPreferences"]
        ),
        (&json!("OPTED_IN"), &json!(true), &json!(["inbox", "email"])),
        "{updated}"
    );
    let (_, tenant) = replay(&serve, "update_preference_tenant", &alice, "alice");
    assert_eq!(
        tenant["data"]["updatePreferenceV2"]["status"], "OPTED_OUT",
        "{tenant}"
    );
    // Per tenant: acme-co's choice leaves the tenant-less one alone, and bob's are his own.
    let (_, topic) = replay(&serve, "preference_topic", &alice, "alice");
    assert_eq!(
        topic["data"]["recipientPreference"]["status"], "OPTED_IN",
        "{topic}"
    );
    assert_eq!(
        topic["data"]["recipientPreference"]["hasCustomRouting"],
        true
    );
    let (_, topic) = replay(&serve, "preference_topic_tenant", &alice, "alice");
    assert_eq!(
        topic["data"]["recipientPreference"]["status"], "OPTED_OUT",
        "{topic}"
    );
    let (_, listed) = replay(&serve, "preferences_tenant", &alice, "alice");
    assert_eq!(
        listed["data"]["recipientPreferences"]["nodes"][0]["status"],
        "OPTED_OUT"
    );
    let bob = token(&serve, "bob", PREFERENCE_SCOPES);
    let (_, theirs) = replay(&serve, "preference_topic", &bob, "bob");
    assert_eq!(
        theirs["data"]["recipientPreference"]["hasCustomRouting"],
        false
    );

    // A REQUIRED topic cannot be opted out of: a GraphQL error, nothing changed.
    let body = json!({"query": "mutation { updatePreferenceV2(templateId: \"receipts\", preferences: {status: OPTED_OUT, hasCustomRouting: false, routingPreferences: []}) { status } }"});
    let bearer = format!("Bearer {alice}");
    let (_, refused) = serve.post(
        "/client/q",
        &[("Authorization", &bearer), ("x-courier-user-id", "alice")],
        &body.to_string(),
    );
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("REQUIRED"),
        "{refused}"
    );
    // Reset puts the preferences back as the workspace file has them.
    let key = format!("Bearer {}", super::common::KEY);
    assert_eq!(
        serve
            .post("/__serve/reset", &[("Authorization", &key)], "")
            .0,
        200
    );
    let (_, topic) = replay(&serve, "preference_topic", &alice, "alice");
    assert_eq!(
        topic["data"]["recipientPreference"]["hasCustomRouting"],
        false
    );
}

#[test]
fn courier_js_reads_the_preference_page_brands_and_digest_schedules() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let alice = token(&serve, "alice", PREFERENCE_SCOPES);
    let (status, answer) = replay(&serve, "preference_page", &alice, "alice");
    assert_eq!(status, 200, "{answer}");
    let page = &answer["data"]["preferencePage"];
    assert_eq!(page["showCourierFooter"], false);
    assert_eq!(page["brand"]["settings"]["colors"]["primary"], "#9122C2");
    assert_eq!(
        page["brand"]["logo"]["image"],
        "https://acme.example/logo.png"
    );
    assert_eq!(
        page["channelConfigs"]["channelLabels"][0],
        json!({"channel": "inbox", "name": "Inbox"})
    );
    let section = &page["sections"]["nodes"][0];
    assert_eq!(
        (
            &section["sectionId"],
            &section["routingOptions"],
            &section["hasCustomRouting"]
        ),
        (
            &json!("orders"),
            &json!(["inbox", "email", "push"]),
            &json!(true)
        )
    );
    assert_eq!(
        section["topics"]["nodes"][1],
        json!({"data": null, "defaultStatus": "REQUIRED", "templateName": "Receipts",
               "templateId": "receipts", "digestSchedules": null})
    );
    assert_eq!(
        answer["data"]["recipientPreferences"]["nodes"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let (_, tenant) = replay(&serve, "preference_page_tenant_brand", &alice, "alice");
    assert_eq!(
        tenant["data"]["preferencePage"]["brand"]["links"]["twitter"]["url"],
        "https://twitter.com/acme"
    );
    let (_, digests) = replay(&serve, "digest_schedules", &alice, "alice");
    assert_eq!(digests, json!({"data": {"digestSchedulesForTopic": []}}));
    let (_, brand) = replay(&serve, "brand", &alice, "alice");
    assert_eq!(
        brand["data"]["brand"]["settings"],
        json!({"colors": {"primary": "#9122C2", "secondary": "#C1B6DD", "tertiary": null}, "inapp": null}),
        "{brand}"
    );
}

/// The v7 Inbox's documents (hand-written from @trycourier/client-graphql 7's
/// `GetInAppBrand` and `GetRecipientPreferences`).
#[test]
fn the_v7_inbox_reads_its_brand_and_preferences() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    let alice = token(&serve, "alice", PREFERENCE_SCOPES);
    let bearer = format!("Bearer {alice}");
    let headers = [
        ("Authorization", bearer.as_str()),
        ("x-courier-user-id", "alice"),
    ];
    let brand = json!({"query": "query GetInAppBrand { inAppBrand { settings { colors { primary secondary tertiary } inapp { borderRadius disableCourierFooter } } preferenceTemplates { templateId templateName } } }"});
    let (status, answer) = serve.post("/client/q", &headers, &brand.to_string());
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["data"]["inAppBrand"]["settings"]["colors"]["primary"],
        "#9122C2"
    );
    let preferences = json!({"query": "query GetRecipientPreferences { recipientPreferences { nodes { templateId status hasCustomRouting routingPreferences } } }"});
    let (_, answer) = serve.post("/client/q", &headers, &preferences.to_string());
    assert_eq!(
        answer["data"]["recipientPreferences"]["nodes"][2]["status"], "OPTED_OUT",
        "{answer}"
    );
}

#[test]
fn each_scope_is_needed_and_no_user_reads_anothers() {
    let serve = Serve::start(&["--workspace", EXAMPLE, "--log", "refusals"]);
    let cases = [
        (
            "preferences",
            "write:preferences read:brands",
            "read:preferences",
        ),
        (
            "preference_page",
            "write:preferences read:brands",
            "read:preferences",
        ),
        ("digest_schedules", "read:brands", "read:preferences"),
        (
            "update_preference",
            "read:preferences read:brands",
            "write:preferences",
        ),
        ("brand", "read:preferences read:brands:other", "read:brands"),
    ];
    for (name, scopes, missing) in cases {
        let without = token(&serve, "alice", scopes);
        let (status, answer) = replay(&serve, name, &without, "alice");
        assert_eq!(status, 401, "{name}: {answer}");
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .starts_with("scope_missing"),
            "{answer}"
        );
        let line = serve.log_line("refused POST /client/q");
        assert!(
            line.contains("scope_missing") && line.contains(missing),
            "{name}: {line}"
        );
    }
    // read:brands:<id> is that brand only.
    let one = token(&serve, "alice", "read:brands:acme-brand");
    assert_eq!(replay(&serve, "brand", &one, "alice").0, 200);
    // A token for alice asking as bob.
    let alice = token(&serve, "alice", PREFERENCE_SCOPES);
    let (status, answer) = replay(&serve, "preferences", &alice, "bob");
    assert_eq!(status, 401, "{answer}");
    assert!(serve
        .log_line("refused POST /client/q")
        .contains("user_id_mismatch"));
    // No credentials at all.
    let (status, _) = serve.post(
        "/client/q",
        &[],
        &json!({"query": "{ recipientPreferences { nodes { status } } }"}).to_string(),
    );
    assert_eq!(status, 401);
}

#[test]
fn soft_enforcement_lets_a_missing_scope_through_and_the_key_needs_a_user() {
    let serve = Serve::start(&[
        "--workspace",
        EXAMPLE,
        "--enforce",
        "soft",
        "--log",
        "refusals",
    ]);
    let without = token(&serve, "alice", "inbox:read:messages");
    let (status, answer) = replay(&serve, "preferences", &without, "alice");
    assert_eq!(status, 200, "{answer}");
    let line = serve.log_line("would refuse");
    assert!(line.contains("scope_missing"), "{line}");
    // courier-js's publicApiKey: the API key as Bearer, for the user x-courier-user-id names.
    let key = format!("Bearer {}", super::common::KEY);
    let query = json!({"query": "{ recipientPreferences { nodes { templateId } } }"}).to_string();
    let (status, answer) = serve.post(
        "/client/q",
        &[("Authorization", &key), ("x-courier-user-id", "alice")],
        &query,
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["data"]["recipientPreferences"]["nodes"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let (status, answer) = serve.post("/client/q", &[("Authorization", &key)], &query);
    assert_eq!(status, 400, "{answer}");
}

#[test]
fn a_field_hidden_in_nested_fragments_is_not_let_past_the_scope_check() {
    let serve = Serve::start(&["--workspace", EXAMPLE]);
    // A token that may read preferences but not change them.
    let reader = token(&serve, "alice", "read:preferences");
    let headers = [
        ("authorization", format!("Bearer {reader}")),
        ("x-courier-user-id", "alice".to_string()),
    ];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    // The mutation sits ten fragments down: the scope walk must refuse, not skip it.
    let mut document = String::from("mutation Hidden { ...F0 }");
    for level in 0..10 {
        document.push_str(&format!(
            " fragment F{level} on ClientMutation {{ ...F{} }}",
            level + 1
        ));
    }
    document.push_str(
        r#" fragment F10 on ClientMutation { updatePreferenceV2(templateId: "x", preferences: {status: OPTED_OUT}) { status } }"#,
    );
    let (status, answer) = serve.post(
        "/client/q",
        &headers,
        &json!({ "query": document }).to_string(),
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer.to_string().contains("fragments nested"), "{answer}");
    // A fan-out of fragments is costed and refused before anything else, as on /q.
    let mut fan_out = String::from("query FanOut { ...G0 }");
    for level in 0..30 {
        fan_out.push_str(&format!(
            " fragment G{level} on ClientQuery {{ ...G{next} ...G{next} }}",
            next = level + 1
        ));
    }
    fan_out.push_str(" fragment G30 on ClientQuery { recipientPreferences { nodes { status } } }");
    let (status, answer) = serve.post(
        "/client/q",
        &headers,
        &json!({ "query": fan_out }).to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer["errors"].is_array() && answer.get("data").is_none_or(Value::is_null),
        "{answer}"
    );
    // JSON only: a page may POST text/plain anywhere without a preflight.
    let mut plain = headers.clone();
    plain.push(("content-type", "text/plain"));
    let body = json!({"query": "{ recipientPreferences { nodes { status } } }"}).to_string();
    assert_eq!(serve.post("/client/q", &plain, &body).0, 415);
}
