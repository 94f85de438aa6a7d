//! serve's console over plain HTTP: the page at `/` for a browser while `/` still answers the
//! socket, the `Host` and own-origin checks (and no SDK CORS on the console's endpoints), the
//! workspace, users and messages endpoints, the send form, the token decoder (the CLI's
//! extraction and inspection, "verified against serve's key", a pasted key never echoed), the
//! server-sent events, and the API key in no answer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};

use super::common::{KEY, REAL_COURIER_TOKEN};
use super::{Serve, INBOX_SCOPE};

/// One raw HTTP/1.1 request (so `Host` and the browser's headers can be anything): the
/// status, the header block and the body.
fn raw(
    serve: &Serve,
    request_line: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let address = serve.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a safety timeout");
    let mut text = format!("{request_line} HTTP/1.1\r\nConnection: close\r\n");
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        text.push_str(&format!("Host: {address}\r\n"));
    }
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(text.as_bytes()).expect("sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn get(serve: &Serve, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    raw(serve, &format!("GET {path}"), headers, "")
}

fn post_json(serve: &Serve, path: &str, body: &Value) -> (u16, Value) {
    let (status, _, text) = raw(
        serve,
        &format!("POST {path}"),
        &[("Content-Type", "application/json")],
        &body.to_string(),
    );
    assert!(!text.contains(KEY), "{path}: {text}");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

const HTML: (&str, &str) = ("Accept", "text/html,application/xhtml+xml");

#[test]
fn a_browser_gets_the_page_at_the_root_and_the_socket_still_answers_there() {
    let serve = Serve::start(&[]);
    let (status, head, page) = get(&serve, "/", &[HTML]);
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(
        head.contains("content-security-policy: default-src 'none'; script-src 'self'"),
        "{head}"
    );
    assert!(page.contains("<title>serve console"), "{page}");
    // Without a browser's Accept, `/` is the socket's as before.
    let (status, _, body) = get(&serve, "/", &[]);
    assert_ne!(status, 200, "{body}");
    assert!(body.contains("upgrade"), "{body}");
    let (status, head, _) = get(
        &serve,
        "/",
        &[HTML, ("Upgrade", "websocket"), ("Connection", "Upgrade")],
    );
    assert_ne!(status, 200, "an upgrade is never given the page: {head}");
    for asset in ["console.js", "console.css"] {
        let (status, _, text) = get(&serve, &format!("/__serve/console/{asset}"), &[]);
        assert_eq!(status, 200, "{asset}");
        assert!(!text.contains(KEY), "{asset}");
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{asset} names another origin"
        );
    }
}

#[test]
fn only_this_address_and_the_console_itself_are_answered() {
    let serve = Serve::start(&[]);
    let port = serve.base.rsplit(':').next().expect("a port").to_string();
    let localhost = format!("localhost:{port}");
    for path in [
        "/",
        "/__serve/console/workspace",
        "/__serve/console/events",
        "/__serve/console/requests",
    ] {
        let (status, _, body) = get(&serve, path, &[HTML, ("Host", "attacker.test")]);
        assert_eq!(status, 403, "{path}: {body}");
        assert!(body.contains("answers only Host"), "{body}");
        let (status, _, _) = get(
            &serve,
            path,
            &[
                HTML,
                (
                    "Host",
                    &format!("127.0.0.1:{}", port.parse::<u32>().unwrap() + 1),
                ),
            ],
        );
        assert_eq!(status, 403, "{path} with another port");
    }
    let (status, _, _) = get(&serve, "/__serve/console/users", &[("Host", &localhost)]);
    assert_eq!(status, 200);
    let (status, _, body) = get(
        &serve,
        "/__serve/console/users",
        &[("Origin", "http://localhost:3000")],
    );
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = get(
        &serve,
        "/__serve/console/users",
        &[("Sec-Fetch-Site", "same-site")],
    );
    assert_eq!(status, 403);
    let own = format!("http://{localhost}");
    let (status, _, _) = get(
        &serve,
        "/__serve/console/users",
        &[("Origin", &own), ("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(status, 200);
    // A link from another site may open the page, but not read the endpoints.
    let link = [
        HTML,
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Mode", "navigate"),
    ];
    assert_eq!(get(&serve, "/", &link).0, 200);
    assert_eq!(get(&serve, "/__serve/console/workspace", &link).0, 403);
    // A cross-origin POST is refused before it does anything.
    let (status, _, _) = raw(
        &serve,
        "POST /__serve/console/send",
        &[
            ("Origin", "http://app.test"),
            ("Content-Type", "application/json"),
        ],
        r#"{"user_id":"mallory","title":"x"}"#,
    );
    assert_eq!(status, 403);
    assert!(get(&serve, "/__serve/console/users", &[]).2.contains("[]"));
    // The SDK routes' CORS does not reach the console: no preflight is granted.
    let (_, head, _) = raw(
        &serve,
        "OPTIONS /__serve/console/inspect",
        &[
            // An origin the SDK routes let in (loopback): still no preflight here.
            ("Origin", "http://localhost:5173"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert!(!head.contains("access-control-allow-origin"), "{head}");
    let (_, head, _) = raw(
        &serve,
        "OPTIONS /q",
        &[
            ("Origin", "http://localhost:5173"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert!(head.contains("access-control-allow-origin"), "{head}");
}

#[test]
fn the_workspace_users_and_messages_and_the_send_form() {
    let serve = Serve::start(&["--auth", "jwt,client-key", "--enforce", "soft"]);
    let (status, _, text) = get(&serve, "/__serve/console/workspace", &[]);
    assert_eq!(status, 200);
    assert!(!text.contains(KEY), "{text}");
    let workspace: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(workspace["workspace_id"], super::WORKSPACE);
    assert_eq!(workspace["client_key"], serve.urls["client_key"]);
    assert_eq!(
        workspace["auth"],
        json!({"jwt": true, "client_key": true, "hmac": false})
    );
    assert_eq!(workspace["enforcement"], "soft");
    assert_eq!(workspace["apiUrls"], serve.urls["apiUrls"]);
    assert_eq!(
        workspace["environment_variables"][0],
        json!({"name": "COURIER_BASE_URL", "value": serve.base})
    );

    serve.send("alice", None, "First");
    let (status, sent) = post_json(
        &serve,
        "/__serve/console/send",
        &json!({"user_id": "alice", "title": "From the form", "body": "hello", "tenant": "acme"}),
    );
    assert_eq!(status, 202, "{sent}");
    let (status, refused) = post_json(&serve, "/__serve/console/send", &json!({"title": "nobody"}));
    assert_eq!(status, 400, "{refused}");
    let token = serve.issue(INBOX_SCOPE, "1h");
    let read = format!(
        r#"mutation {{ read(messageId: "{}") }}"#,
        sent["messageId"].as_str().unwrap()
    );
    assert_eq!(serve.graphql(&token, "alice", &read).0, 200);

    let (_, _, users) = get(&serve, "/__serve/console/users", &[]);
    let users: Value = serde_json::from_str(&users).expect("JSON");
    assert_eq!(
        users["users"],
        json!([{"user_id": "alice", "total": 2, "unread": 1, "archived": 0, "tenants": ["acme"]}])
    );
    let (_, _, messages) = get(&serve, "/__serve/console/messages?user=alice", &[]);
    let messages: Value = serde_json::from_str(&messages).expect("JSON");
    assert_eq!(messages["total"], 2);
    let newest = &messages["messages"][0];
    assert_eq!(
        (newest["title"].as_str(), newest["accountId"].as_str()),
        (Some("From the form"), Some("acme"))
    );
    assert!(newest["read"].is_string(), "{newest}");
    assert!(messages["messages"][1]["read"].is_null());
}

#[test]
fn the_decoder_explains_like_inspect_and_never_echoes_a_key() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let curl = format!("curl https://inbox.courier.com/q -H 'Authorization: Bearer {token}' -H 'x-courier-user-id: alice'");
    let (status, answer) = post_json(&serve, "/__serve/console/inspect", &json!({"text": curl}));
    assert_eq!(status, 200);
    assert_eq!(answer["signature"], "verified against serve's key");
    assert_eq!(answer["request"]["user_id"], "alice");
    // The same document `courier-token inspect --json` prints for the token.
    let cli = super::common::stdout_of(super::common::with_key().args([
        "--now",
        super::common::NOW,
        "inspect",
        "--json",
        &token,
    ]));
    let cli: Value = serde_json::from_str(&cli).expect("inspect's JSON");
    let mut from_console = answer["inspection"].clone();
    from_console["warnings"] = cli["warnings"].clone(); // serve also compares the tenant
    assert_eq!(from_console, cli);

    let (_, answer) = post_json(
        &serve,
        "/__serve/console/inspect",
        &json!({"text": REAL_COURIER_TOKEN}),
    );
    assert!(
        answer["signature"]
            .as_str()
            .unwrap()
            .starts_with("does NOT match serve's key"),
        "{answer}"
    );
    let codes: Vec<&str> = answer["inspection"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"tenant_mismatch"), "{codes:?}");

    for pasted in [
        format!("Authorization: Bearer {KEY}"),
        format!("COURIER_API_KEY={KEY}"),
        format!("{{\"apiKey\": \"{KEY}\"}}"),
    ] {
        let (status, answer) =
            post_json(&serve, "/__serve/console/inspect", &json!({"text": pasted}));
        assert_eq!(
            (status, answer["code"].as_str()),
            (200, Some("serve_api_key")),
            "{pasted}"
        );
    }
    let secret = "pk_prod_Q9W8E7R6T5Y4U3I2O1P0ASDFGH";
    let (_, answer) = post_json(
        &serve,
        "/__serve/console/inspect",
        &json!({"text": format!("Bearer {secret}")}),
    );
    assert_eq!(answer["code"], "api_key_not_token");
    assert!(!answer.to_string().contains("Q9W8E7R6"), "{answer}");
    let (_, answer) = post_json(
        &serve,
        "/__serve/console/inspect",
        &json!({"text": "hello"}),
    );
    assert_eq!(answer["code"], "no_token");
}

#[test]
fn events_say_ready_then_what_changed() {
    let serve = Serve::start(&[]);
    let address = serve.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a safety timeout");
    write!(stream, "GET /__serve/console/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n").expect("sent");
    let mut lines = BufReader::new(stream).lines().map_while(Result::ok);
    let mut next_event = || {
        let mut event = String::new();
        for line in lines.by_ref() {
            if line.is_empty() && event.contains("event:") {
                return event;
            }
            if line.starts_with("event:") || line.starts_with("data:") {
                event.push_str(&line);
                event.push('\n');
            }
        }
        panic!("the stream ended")
    };
    assert_eq!(next_event(), "event: ready\ndata: all\n");
    serve.send("alice", None, "Hello");
    // The message is an inbox change; the journal's entry for POST /send a request change
    // (in one event or two, as they fall).
    let mut topics = String::new();
    while !(topics.contains("inbox") && topics.contains("requests")) {
        let event = next_event();
        assert!(event.starts_with("event: changed\ndata: "), "{event}");
        topics.push_str(&event);
    }
}

#[test]
fn the_page_reads_the_journal_without_the_key_and_is_not_in_it() {
    let serve = Serve::start(&[]);
    let (status, _) = serve.graphql(REAL_COURIER_TOKEN, "blah", "{ count }");
    assert_eq!(status, 401);
    assert_eq!(get(&serve, "/", &[HTML]).0, 200);
    assert_eq!(get(&serve, "/__serve/console/users", &[]).0, 200);
    // The control route itself still wants the key.
    assert_eq!(get(&serve, "/__serve/requests", &[]).0, 401);
    let (status, _, text) = get(&serve, "/__serve/console/requests", &[]);
    assert_eq!(status, 200);
    assert!(!text.contains(KEY), "{text}");
    let journal: Value = serde_json::from_str(&text).expect("JSON");
    let entries = journal.as_array().expect("a list");
    assert_eq!(
        entries.len(),
        1,
        "only the refused query, not the page's loads: {journal}"
    );
    assert_eq!(
        (entries[0]["path"].as_str(), entries[0]["status"].as_u64()),
        (Some("/q"), Some(401))
    );
    assert!(entries[0]["code"].is_string(), "{journal}");
}
