//! serve's control surface through the real binary: `/__serve/wait` (a subscribed socket,
//! message counts, timeouts), the request journal (refusals with doctor's codes, GraphQL
//! operation names, socket events, filters, the bound, no secrets), the clock (a token expires,
//! the Issue Token API's `iat` and `exp` follow it), and each injected fault — courier-js's
//! socket, replayed from `tests/fixtures/sdk_socket_connections.json`, answering `reconnect`.

use std::net::TcpStream;

use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::stream::MaybeTlsStream;
use tokio_tungstenite::tungstenite::{connect, Message};

use super::common::{KEY, NOW};
use super::realtime::{handshake, legacy_subscribe, next, open, open_legacy, send, Socket};
use super::{Serve, INBOX_SCOPE};

/// `method path` on serve with the API key as Bearer (or `bearer`); the status and JSON body.
fn call_as(
    serve: &Serve,
    bearer: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", serve.base))
        .header("Authorization", format!("Bearer {bearer}"));
    let mut response = match body {
        Some(body) => agent.run(request.body(body.to_string()).expect("a request")),
        None => agent.run(request.body(()).expect("a request")),
    }
    .expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn call(serve: &Serve, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    call_as(serve, KEY, method, path, body)
}

fn journal(serve: &Serve, query: &str) -> Vec<Value> {
    let (status, list) = call(serve, "GET", &format!("/__serve/requests{query}"), None);
    assert_eq!(status, 200, "{list}");
    list.as_array().expect("a list").clone()
}

/// The claims of a token (its middle segment).
fn claims(token: &str) -> Value {
    use base64::Engine as _;
    let payload = token.split('.').nth(1).expect("a payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

#[test]
fn wait_answers_once_a_socket_is_subscribed_or_the_inbox_holds_enough() {
    let serve = Serve::start(&[]);
    let (status, seen) = call(
        &serve,
        "GET",
        "/__serve/wait?subscribed=alice&timeout=50ms",
        None,
    );
    assert_eq!(
        (status, &seen["subscribed"]),
        (408, &json!(false)),
        "{seen}"
    );

    let token = serve.issue(INBOX_SCOPE, "1h");
    let base = serve.base.clone();
    // Asked before the socket exists: it answers when the subscribe is taken.
    let waiting = std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(format!("{base}/__serve/wait?subscribed=alice&timeout=60s"))
            .header("Authorization", format!("Bearer {KEY}"))
            .call()
            .expect("an answer");
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().expect("a body"),
        )
    });
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);
    let (status, body) = waiting.join().expect("the waiter");
    assert_eq!(status, 200, "{body}");
    // From then on a message is pushed: no sleep between the wait and /send.
    let id = serve.send("alice", None, "Pushed");
    let pushed = next(&mut socket);
    assert_eq!(pushed["data"]["messageId"], id.as_str(), "{pushed}");

    let (status, seen) = call(&serve, "GET", "/__serve/wait?messages=alice&count=1", None);
    assert_eq!((status, &seen["messages"]), (200, &json!(1)), "{seen}");
    let (status, seen) = call(
        &serve,
        "GET",
        "/__serve/wait?messages=alice&count=3&timeout=50ms",
        None,
    );
    assert_eq!(
        (status, &seen["messages"], &seen["type"]),
        (408, &json!(1), &json!("timeout")),
        "{seen}"
    );
    for bad in [
        "",
        "?subscribed=a&messages=b",
        "?messages=a&count=x",
        "?subscribed=a&timeout=1y",
    ] {
        let (status, answer) = call(&serve, "GET", &format!("/__serve/wait{bad}"), None);
        assert_eq!(status, 400, "{bad}: {answer}");
    }
    let (status, _) = call_as(
        &serve,
        "not-the-key",
        "GET",
        "/__serve/wait?subscribed=alice",
        None,
    );
    assert_eq!(status, 401);
}

#[test]
fn wait_sees_the_older_protocol_s_unacknowledged_subscribe_and_the_journal_its_refusal() {
    let serve = Serve::start(&["--auth", "jwt,client-key"]);
    use base64::Engine as _;
    let client_key = base64::engine::general_purpose::STANDARD.encode(super::WORKSPACE);
    let mut socket = open_legacy(&serve, &format!("clientKey={client_key}"));
    // v7 acknowledges nothing: only serve can say when the subscribe was taken.
    legacy_subscribe(&mut socket, "alice", None);
    let (status, seen) = call(
        &serve,
        "GET",
        "/__serve/wait?subscribed=alice&timeout=60s",
        None,
    );
    assert_eq!(status, 200, "{seen}");
    let id = serve.send("alice", None, "Hello v7");
    assert_eq!(next(&mut socket)["messageId"], id.as_str());

    let serve = Serve::start(&[]);
    let mut socket = open_legacy(&serve, &format!("clientKey={client_key}"));
    legacy_subscribe(&mut socket, "bob", None);
    assert!(next(&mut socket)["error"]
        .as_str()
        .unwrap()
        .starts_with("client_key_refused"));
    let refused = journal(&serve, "?user=bob");
    assert_eq!(
        (&refused[0]["event"], &refused[0]["code"]),
        (&json!("subscribe"), &json!("client_key_refused")),
        "{refused:?}"
    );
}

#[test]
fn the_journal_names_each_request_and_why_a_refusal_was_one_without_secrets() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let bob_token = serve.issue("user_id:bob inbox:read:messages", "1h");
    let (status, _) = serve.graphql(&token, "alice", "query GetInboxCount { count }");
    assert_eq!(status, 200);
    let (status, _) = serve.graphql(&bob_token, "alice", "query GetMessages { count }");
    assert_eq!(status, 401);
    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);

    let all = journal(&serve, "");
    let text = serde_json::to_string(&all).unwrap();
    for secret in [KEY, token.as_str(), bob_token.as_str()] {
        assert!(!text.contains(secret), "a secret in the journal: {text}");
    }
    let signature = token.rsplit('.').next().unwrap();
    assert!(!text.contains(signature));

    let refused = journal(&serve, "?status=401");
    assert_eq!(refused.len(), 1, "{refused:?}");
    let refused = &refused[0];
    assert_eq!(
        (
            &refused["method"],
            &refused["path"],
            &refused["user"],
            &refused["code"],
            &refused["operation"]
        ),
        (
            &json!("POST"),
            &json!("/q"),
            &json!("alice"),
            &json!("user_id_mismatch"),
            &json!("GetMessages")
        ),
        "{refused}"
    );
    assert!(
        refused["reason"].as_str().unwrap().contains("token"),
        "{refused}"
    );

    let issued = journal(&serve, "?path=/auth/issue-token");
    assert_eq!(issued.len(), 2);
    assert!(issued
        .iter()
        .all(|entry| entry["status"] == 200 && entry["duration_ms"].is_number()));
    let alice = journal(&serve, "?user=alice");
    let events: Vec<&str> = alice
        .iter()
        .filter_map(|entry| entry["event"].as_str())
        .collect();
    assert_eq!(events, ["upgrade", "subscribe"], "{alice:?}");
    assert_eq!(alice[0]["operation"], "GetInboxCount");
    // Newest last.
    let seqs: Vec<u64> = all
        .iter()
        .map(|entry| entry["seq"].as_u64().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]), "{seqs:?}");

    let (status, cleared) = call(&serve, "DELETE", "/__serve/requests", None);
    assert_eq!((status, &cleared["removed"]), (200, &json!(all.len())));
    assert!(journal(&serve, "").is_empty());
    let (status, _) = call(&serve, "GET", "/__serve/requests?status=abc", None);
    assert_eq!(status, 400);
}

#[test]
fn the_journal_keeps_the_newest_thousand() {
    let serve = Serve::start(&["--log", "quiet"]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for n in 0..1005 {
        let response = agent
            .get(format!("{}/nothing/{n}", serve.base))
            .call()
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 404);
    }
    let all = journal(&serve, "");
    assert_eq!(all.len(), 1000);
    assert_eq!(all[0]["path"], "/nothing/5");
    assert_eq!(all[999]["path"], "/nothing/1004");
}

#[test]
fn the_clock_moves_expiry_and_what_the_issue_token_api_mints() {
    let serve = Serve::start(&[]);
    let now: i64 = NOW.parse().unwrap();
    let token = serve.issue(INBOX_SCOPE, "1h");
    assert_eq!(
        (
            claims(&token)["iat"].as_i64(),
            claims(&token)["exp"].as_i64()
        ),
        (Some(now), Some(now + 3600))
    );
    assert_eq!(serve.graphql(&token, "alice", "{ count }").0, 200);

    let (status, clock) = call(
        &serve,
        "POST",
        "/__serve/clock",
        Some(json!({"advance": "2h"})),
    );
    assert_eq!(
        (status, &clock["unix"], &clock["pinned"]),
        (200, &json!(now + 7200), &json!(true)),
        "{clock}"
    );
    let (status, answer) = serve.graphql(&token, "alice", "{ count }");
    assert_eq!(status, 401);
    assert!(
        answer["message"].as_str().unwrap().starts_with("expired:"),
        "{answer}"
    );
    assert_eq!(journal(&serve, "?status=401")[0]["code"], "expired");

    let later = serve.issue(INBOX_SCOPE, "1h");
    assert_eq!(
        (
            claims(&later)["iat"].as_i64(),
            claims(&later)["exp"].as_i64()
        ),
        (Some(now + 7200), Some(now + 7200 + 3600))
    );
    assert_eq!(serve.graphql(&later, "alice", "{ count }").0, 200);

    let (status, clock) = call(
        &serve,
        "POST",
        "/__serve/clock",
        Some(json!({"set": "2030-01-01T00:00:00Z"})),
    );
    assert_eq!(
        (status, &clock["now"]),
        (200, &json!("2030-01-01T00:00:00.000Z")),
        "{clock}"
    );
    let (_, shown) = call(&serve, "GET", "/__serve/clock", None);
    assert_eq!(shown["unix"], 1_893_456_000);
    for bad in [
        json!({"advance": "soon"}),
        json!({"set": "yesterday"}),
        json!({"advance": "1h", "set": "1"}),
        json!([]),
    ] {
        let (status, answer) = call(&serve, "POST", "/__serve/clock", Some(bad.clone()));
        assert_eq!(status, 400, "{bad}: {answer}");
    }
}

/// `/send` for alice; its status.
fn send_status(serve: &Serve) -> u16 {
    let body = json!({"message": {"to": {"user_id": "alice"}, "content": {"title": "t"}}});
    serve
        .post(
            "/send",
            &[("Authorization", &format!("Bearer {KEY}"))],
            &body.to_string(),
        )
        .0
}

#[test]
fn http_faults_are_injected_repeatably_and_journaled() {
    let serve = Serve::start(&[]);
    let (status, _) = call(
        &serve,
        "POST",
        "/__serve/faults",
        Some(json!({"latency_ms": 1})),
    );
    assert_eq!(status, 200);
    assert_eq!(send_status(&serve), 202);
    assert_eq!(journal(&serve, "?path=/send")[0]["fault"], "latency_ms 1");
    call(&serve, "DELETE", "/__serve/faults", None);

    let (status, _) = call(
        &serve,
        "POST",
        "/__serve/faults",
        Some(json!({"error_rate": 1.0, "status": 503})),
    );
    assert_eq!(status, 200);
    assert_eq!(send_status(&serve), 503);
    // The control surface itself is never faulted.
    assert_eq!(call(&serve, "GET", "/__serve/clock", None).0, 200);
    let faulted = journal(&serve, "?status=503");
    assert_eq!(faulted[0]["fault"], "error 503", "{faulted:?}");

    let statuses = |serve: &Serve| {
        call(
            serve,
            "POST",
            "/__serve/faults",
            Some(json!({"error_rate": 0.5, "status": 500, "seed": 42})),
        );
        let statuses: Vec<u16> = (0..24).map(|_| send_status(serve)).collect();
        call(serve, "DELETE", "/__serve/faults", None);
        statuses
    };
    let first = statuses(&serve);
    assert!(first.contains(&500) && first.contains(&202), "{first:?}");
    assert_eq!(
        first,
        statuses(&serve),
        "the same seed fails the same requests"
    );
    assert_eq!(send_status(&serve), 202, "DELETE clears");
    for bad in [
        json!({}),
        json!({"error_rate": 1.5}),
        json!({"socket": "boom"}),
        json!({"upgrade": 200}),
    ] {
        let (status, answer) = call(&serve, "POST", "/__serve/faults", Some(bad.clone()));
        assert_eq!(status, 400, "{bad}: {answer}");
    }
}

#[test]
fn socket_faults_refuse_upgrades_and_close_open_sockets() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    call(
        &serve,
        "POST",
        "/__serve/faults",
        Some(json!({"upgrade": 401})),
    );
    let url = format!("{}/?auth={token}&cid=c1&iwpv=v1&userId=alice", serve.socket);
    match connect(url.as_str()) {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status().as_u16(), 401)
        }
        other => panic!(
            "the upgrade was not refused: {:?}",
            other.map(|(_, response)| response.status())
        ),
    }
    let refused = journal(&serve, "?status=401");
    assert_eq!(refused[0]["fault"], "upgrade 401", "{refused:?}");
    call(&serve, "DELETE", "/__serve/faults", None);

    let mut socket = open(&serve, &token, "c1");
    handshake(&mut socket, None);
    let (status, answer) = call(
        &serve,
        "POST",
        "/__serve/faults",
        Some(json!({"socket": "close", "code": 4000})),
    );
    assert_eq!((status, &answer["sockets"]), (200, &json!(1)), "{answer}");
    loop {
        match socket.read().expect("a frame") {
            Message::Close(Some(frame)) => {
                assert_eq!(u16::from(frame.code), 4000);
                break;
            }
            Message::Close(None) => panic!("closed without the code"),
            _ => continue,
        }
    }
    let closes = journal(&serve, "?user=alice");
    assert!(
        closes
            .iter()
            .any(|entry| entry["event"] == "close" && entry["fault"] == "socket close 4000"),
        "{closes:?}"
    );
}

/// courier-js's recorded connections.
fn recorded_connections() -> Vec<Value> {
    let fixture: Value =
        serde_json::from_str(include_str!("../fixtures/sdk_socket_connections.json"))
            .expect("the fixture");
    fixture["connections"]
        .as_array()
        .expect("connections")
        .clone()
}

/// Opens the socket as courier-js does (the recorded URL and messages, serve's token) and
/// reads the `ack`.
fn replay(serve: &Serve, recorded: &Value, token: &str, cid: &str) -> Socket {
    let path = recorded["url"].as_str().expect("url");
    let path = path
        .replace(recorded["token"].as_str().expect("token"), token)
        .replace("<cid>", cid);
    let (mut socket, response) = connect(format!("{}{path}", serve.socket)).expect("the upgrade");
    assert_eq!(response.status().as_u16(), 101);
    if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
        TcpStream::set_read_timeout(stream, Some(std::time::Duration::from_secs(30)))
            .expect("a safety net");
    }
    for (at, message) in recorded["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .enumerate()
    {
        let text = message
            .as_str()
            .expect("text")
            .replace("<tid>", &format!("{cid}-{at}"));
        send(&mut socket, serde_json::from_str(&text).expect("JSON"));
    }
    assert_eq!(next(&mut socket)["response"], "config");
    assert_eq!(next(&mut socket)["response"], "ack");
    socket
}

#[test]
fn courier_js_s_socket_reconnects_on_the_reconnect_fault() {
    let serve = Serve::start(&[]);
    let recorded = &recorded_connections()[0];
    let user = recorded["user_id"].as_str().expect("user");
    let token = serve.issue(&format!("user_id:{user} inbox:read:messages"), "1h");
    let mut socket = replay(&serve, recorded, &token, "first");
    let (status, answer) = call(
        &serve,
        "POST",
        "/__serve/faults",
        Some(json!({"socket": "reconnect", "retry_after_ms": 250})),
    );
    assert_eq!((status, &answer["sockets"]), (200, &json!(1)), "{answer}");
    let told = next(&mut socket);
    // What courier-js reads: `event`, and `retryAfter` in seconds (it multiplies by 1000).
    assert_eq!(told["event"], "reconnect", "{told}");
    assert_eq!(
        told["retryAfter"].as_f64().map(|seconds| seconds * 1000.0),
        Some(250.0)
    );
    assert_eq!(told["code"], 1000);
    // courier-js closes with 1000 and opens a new socket the same way.
    socket.close(None).expect("closed");
    let _ = socket.flush();
    let mut again = replay(&serve, recorded, &token, "second");
    let id = serve.send(user, None, "After the reconnect");
    assert_eq!(next(&mut again)["data"]["messageId"], id.as_str());
    let events: Vec<(String, String)> = journal(&serve, &format!("?user={user}"))
        .iter()
        .filter_map(|entry| {
            Some((
                entry["event"].as_str()?.to_string(),
                entry["fault"].as_str().unwrap_or("").to_string(),
            ))
        })
        .collect();
    assert_eq!(
        events,
        [
            ("upgrade".into(), String::new()),
            ("subscribe".into(), String::new()),
            (
                "reconnect".into(),
                "socket reconnect retry_after_ms 250".into()
            ),
            ("upgrade".into(), String::new()),
            ("subscribe".into(), String::new()),
        ]
    );
}
