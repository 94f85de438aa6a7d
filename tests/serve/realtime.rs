//! The realtime socket as courier-js 3.4.0 opens it (the URL and first messages recorded in
//! `tests/fixtures/sdk_inbox_requests.json`): refused at the upgrade with an HTTP 401, or
//! `config`, `ack` and `pong`, then every change to the user's inbox pushed — a new message
//! from `/send`, a state change from a mutation — except back to the connection that made it,
//! and only the subscribed tenant's messages.

use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::stream::MaybeTlsStream;
use tokio_tungstenite::tungstenite::{connect, Error, Message, WebSocket};

use super::common::KEY;
use super::{Serve, INBOX_SCOPE};

pub(super) type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/sdk_inbox_requests.json")).expect("the fixture")
}

/// The URL courier-js opens, with serve's token and connection id `cid`.
pub(super) fn url(serve: &Serve, token: &str, cid: &str) -> String {
    let path = fixture()["socket"]["path"]
        .as_str()
        .expect("path")
        .to_string();
    format!(
        "{}{}",
        serve.socket,
        path.replace("<token>", token).replace("<cid>", cid)
    )
}

pub(super) fn open(serve: &Serve, token: &str, cid: &str) -> Socket {
    let (socket, response) = connect(url(serve, token, cid)).expect("the upgrade");
    assert_eq!(response.status().as_u16(), 101);
    if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
        // A safety net against a hang, not a timed assertion.
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout");
    }
    socket
}

pub(super) fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::text(message.to_string()))
        .expect("sent");
}

pub(super) fn next(socket: &mut Socket) -> Value {
    loop {
        match socket.read().expect("a frame") {
            Message::Text(text) => return serde_json::from_str(&text).expect("JSON"),
            Message::Close(_) => panic!("closed"),
            _ => continue,
        }
    }
}

/// The SDK's handshake as recorded, with tids of ours; the subscribe's `accountId` if given.
pub(super) fn handshake(socket: &mut Socket, tenant: Option<&str>) {
    let recorded = fixture()["socket"]["messages"]
        .as_array()
        .expect("messages")
        .clone();
    for (at, mut message) in recorded.into_iter().enumerate() {
        message["tid"] = json!(format!("t{at}"));
        if let (Some(tenant), Some(data)) = (tenant, message.get_mut("data")) {
            data["accountId"] = json!(tenant);
        }
        send(socket, message);
    }
    let config = next(socket);
    assert_eq!(
        (&config["tid"], &config["response"]),
        (&json!("t0"), &json!("config")),
        "{config}"
    );
    assert!(
        config["data"]["pingInterval"].as_u64().is_some()
            && config["data"]["maxOutstandingPings"].as_u64().is_some()
    );
    assert_eq!(next(socket), json!({"tid": "t1", "response": "ack"}));
}

fn mutate(serve: &Serve, token: &str, source: &str, mutation: &str) {
    let bearer = format!("Bearer {token}");
    let body = json!({"query": format!("mutation TrackEvent {{ {mutation} }}")}).to_string();
    let headers = [
        ("Authorization", bearer.as_str()),
        ("x-courier-user-id", "alice"),
        ("x-courier-client-source-id", source),
    ];
    let (status, answer) = serve.post("/q", &headers, &body);
    assert_eq!(status, 200, "{answer}");
}

#[test]
fn the_socket_answers_the_sdk_and_pushes_every_change() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);
    send(&mut socket, json!({"tid": "p1", "action": "ping"}));
    assert_eq!(next(&mut socket), json!({"tid": "p1", "response": "pong"}));

    let id = serve.send("alice", None, "Hello");
    let pushed = next(&mut socket);
    assert_eq!(pushed["event"], "message", "{pushed}");
    assert_eq!(
        (&pushed["data"]["messageId"], &pushed["data"]["title"]),
        (&json!(id), &json!("Hello"))
    );
    assert!(pushed["data"]["created"].is_string());
    assert_eq!(
        pushed["data"]["trackingIds"]["clickTrackingId"],
        json!(format!("click_{id}"))
    );

    mutate(
        &serve,
        &token,
        "another-tab",
        &format!("read(messageId: \"{id}\")"),
    );
    assert_eq!(next(&mut socket), json!({"event": "read", "messageId": id}));
    // This connection's own change is not told back to it.
    mutate(
        &serve,
        &token,
        "c1",
        &format!("archive(messageId: \"{id}\")"),
    );
    mutate(&serve, &token, "another-tab", "markAllRead");
    assert_eq!(next(&mut socket), json!({"event": "mark-all-read"}));
    // Nor is another user's news.
    serve.send("bob", None, "Not for alice");
    let later = serve.send("alice", None, "Later");
    assert_eq!(next(&mut socket)["data"]["messageId"], json!(later));
}

#[test]
fn a_subscription_with_a_tenant_hears_that_tenants_messages() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, Some("acme-co"));
    serve.send("alice", None, "No tenant");
    let acme = serve.send("alice", Some("acme-co"), "Acme");
    let pushed = next(&mut socket);
    assert_eq!(
        (&pushed["data"]["messageId"], &pushed["data"]["accountId"]),
        (&json!(acme), &json!("acme-co"))
    );
}

#[test]
fn a_refused_token_is_an_http_401_at_the_upgrade() {
    let serve = Serve::start(&[]);
    let expired = serve.issue(INBOX_SCOPE, "-1h");
    match connect(url(&serve, &expired, "c1")) {
        Err(Error::Http(response)) => assert_eq!(response.status().as_u16(), 401),
        other => panic!(
            "not refused: {:?}",
            other.map(|(_, response)| response.status())
        ),
    }
    let line = serve.log_line("refused GET / (realtime)");
    assert!(line.contains("user=alice: expired ("), "{line}");
    assert!(!line.contains(&expired) && !line.contains(KEY), "{line}");
    let other_user = serve.issue("user_id:bob inbox:read:messages", "1h");
    assert!(matches!(
        connect(url(&serve, &other_user, "c1")),
        Err(Error::Http(_))
    ));
    assert!(serve
        .log_line("refused GET / (realtime)")
        .contains("user_id_mismatch"));
}

#[test]
fn stopping_the_server_closes_open_sockets() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);
    let status = serve.interrupt();
    assert!(status.success(), "{status:?}");
    loop {
        match socket.read() {
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(_) => continue,
        }
    }
}

/// The older protocol's socket (v7 web, mobile): no `iwpv`, nothing acknowledged.
pub(super) fn open_legacy(serve: &Serve, query: &str) -> Socket {
    let (socket, response) = connect(format!("{}/?{query}", serve.socket)).expect("the upgrade");
    assert_eq!(response.status().as_u16(), 101);
    if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout");
    }
    socket
}

/// v7's subscribe for `channel`, with what its transport adds.
pub(super) fn legacy_subscribe(socket: &mut Socket, channel: &str, signature: Option<&str>) {
    let mut data = json!({"channel": channel, "event": "*", "version": 5, "clientKey": null});
    if let Some(signature) = signature {
        data["userSignature"] = json!(signature);
    }
    send(socket, json!({"action": "subscribe", "data": data}));
}

#[test]
fn the_v7_protocol_with_a_jwt_gets_pushes_tagged_by_type() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = open_legacy(&serve, &format!("auth={token}"));
    legacy_subscribe(&mut socket, "alice", None);
    // Nothing is acknowledged; a refused subscribe after it says it has been handled.
    legacy_subscribe(&mut socket, "bob", None);
    assert!(next(&mut socket)["error"].as_str().unwrap().contains("bob"));
    let id = serve.send("alice", None, "Hello");
    let pushed = next(&mut socket);
    assert_eq!(
        (&pushed["type"], &pushed["messageId"], &pushed["title"]),
        (&json!("message"), &json!(id), &json!("Hello"))
    );
    mutate(
        &serve,
        &token,
        "another-tab",
        &format!("read(messageId: \"{id}\")"),
    );
    assert_eq!(
        next(&mut socket),
        json!({"type": "event", "event": "read", "messageId": id})
    );
}

#[test]
fn the_v7_protocol_with_a_client_key_is_checked_at_subscribe() {
    let serve = Serve::start(&["--auth", "hmac"]);
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let mut socket = open_legacy(&serve, &format!("clientKey={client_key}"));
    let signer = courier_token::token::Signer::from_bytes(KEY.as_bytes());
    let bobs = courier_token::user_signature::user_signature(&signer, "bob");
    legacy_subscribe(&mut socket, "alice", Some(&bobs));
    let refused = next(&mut socket);
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .starts_with("user_signature_mismatch: "),
        "{refused}"
    );
    assert!(serve
        .log_line("refused subscribe (realtime, v7)")
        .contains("user=alice: user_signature_mismatch ("));
    let alices = courier_token::user_signature::user_signature(&signer, "alice");
    legacy_subscribe(&mut socket, "alice", Some(&alices));
    legacy_subscribe(&mut socket, "alice", Some(&bobs));
    assert!(next(&mut socket)["error"].is_string());
    let id = serve.send("alice", None, "Signed");
    assert_eq!(next(&mut socket)["messageId"], json!(id));
}
