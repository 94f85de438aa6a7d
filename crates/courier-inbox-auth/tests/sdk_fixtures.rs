//! The recorded requests and socket messages of Courier's SDKs (`tests/fixtures/sdk_*.json` at
//! the repository root, see its README) checked against the wire types: what courier-js and the
//! v7 client sent must be what these types build, byte for byte, and what a server parses with
//! them must read back the same.

use std::path::Path;

use courier_inbox_auth::wire::courier_js::{self, GraphqlBody, UnreadCountRequest};
use courier_inbox_auth::wire::graphql::{INBOX_MUTATIONS, MESSAGE_MUTATIONS};
use courier_inbox_auth::wire::socket::{realtime_url, Client};
use courier_inbox_auth::wire::socket_messages::ClientMessage;
use courier_inbox_auth::wire::v7::{self, Credentials};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the fixture is readable");
    serde_json::from_str(&text).expect("the fixture is JSON")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is text"))
}

fn headers(request: &Value) -> Vec<(String, String)> {
    request["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_string(),
                pair[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn courier_js_unread_count_requests_are_the_wire_type() {
    let recorded = fixture("sdk_unread_count_requests.json");
    for request in recorded["requests"].as_array().expect("requests") {
        let wire = UnreadCountRequest::new(text(request, "user_id"), request["tenant_id"].as_str());
        assert_eq!(text(request, "method"), courier_js::METHOD);
        assert_eq!(text(request, "path"), UnreadCountRequest::PATH);
        assert_eq!(text(request, "body"), wire.body().to_text());
        // The SDK's own telemetry header is left out on purpose (doctor names itself instead).
        let sent: Vec<(String, String)> = headers(request)
            .into_iter()
            .filter(|(name, _)| name != "x-courier-ua")
            .collect();
        let mut built: Vec<(String, String)> = wire
            .headers_before_authorization()
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        built.push((
            "Authorization".into(),
            UnreadCountRequest::authorization(text(request, "token")),
        ));
        assert_eq!(sent, built);
    }
}

#[test]
fn courier_js_socket_messages_are_the_wire_types() {
    let recorded = fixture("sdk_socket_connections.json");
    for connection in recorded["connections"].as_array().expect("connections") {
        let (user_id, tenant) = (
            text(connection, "user_id"),
            connection["tenant_id"].as_str(),
        );
        let client = Client {
            sdk: "courier-js",
            version: "3.4.0",
        };
        let url = realtime_url("ws://h", text(connection, "token"), "CID", user_id, client);
        assert_eq!(
            url.replace("ws://h", "").replace("CID", "<cid>"),
            text(connection, "url")
        );
        let messages: Vec<&str> = connection["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            messages,
            [
                ClientMessage::get_config("<tid>").to_text(),
                ClientMessage::subscribe("<tid>", user_id, tenant).to_text(),
            ]
        );
        for message in messages {
            let parsed = ClientMessage::parse(message).expect("a server reads it");
            assert_eq!(parsed.to_text(), message);
        }
    }
}

#[test]
fn v7_unread_count_requests_are_the_wire_facts() {
    let recorded = fixture("sdk_v7_unread_count_requests.json");
    for request in recorded["requests"].as_array().expect("requests") {
        let tenant = request["tenant_id"].as_str();
        let credentials = match request["user_signature"].as_str() {
            Some(signature) => Credentials::Signature { signature },
            None => Credentials::ClientKey,
        };
        let built: Vec<(String, String)> = v7::inbox_headers(
            text(request, "client_key"),
            text(request, "user_id"),
            credentials,
        )
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect();
        assert_eq!(headers(request), built);
        assert_eq!(text(request, "body"), v7::unread_count_body(tenant));
        let parsed: v7::UrqlBody<v7::CountVariables> =
            serde_json::from_str(text(request, "body")).expect("a server reads it");
        assert_eq!(parsed, v7::unread_count(tenant));
    }
}

#[test]
fn every_inbox_request_courier_js_sends_is_a_graphql_body_with_wire_names() {
    let recorded = fixture("sdk_inbox_requests.json");
    for request in recorded["requests"].as_array().expect("requests") {
        let body = text(request, "body");
        let parsed: GraphqlBody = serde_json::from_str(body).expect("a {query} body");
        assert_eq!(parsed.to_text(), body, "{}", text(request, "name"));
        if parsed.query.trim_start().starts_with("mutation") {
            let words: Vec<&str> = parsed
                .query
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .collect();
            let named = MESSAGE_MUTATIONS
                .iter()
                .chain(INBOX_MUTATIONS.iter())
                .any(|name| words.contains(name));
            assert!(named, "{}: {}", text(request, "name"), parsed.query);
        }
    }
    for message in recorded["socket"]["messages"]
        .as_array()
        .expect("socket messages")
    {
        let written = message.to_string();
        let parsed = ClientMessage::parse(&written).expect("a server reads it");
        assert_eq!(parsed.to_text(), written);
    }
}
