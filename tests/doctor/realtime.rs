//! JWT mode's realtime probe against a scripted websocket on loopback: the URL and first
//! messages held to what courier-js 3.4.0 sends (`tests/fixtures/sdk_socket_connections.json`),
//! and the socket accepting, refusing at the upgrade (with the offline reason in the verdict),
//! closing without an ack, unreachable and timing out; `--no-realtime`.

use super::*;
use ws_server::{Behaviour, WsServer};

fn socket_fixture() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdk_socket_connections.json"
    ))
    .unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    fixture["connections"].as_array().unwrap().clone()
}

/// `doctor TOKEN` against `inbox` (accepting) and the socket at `socket`, with `args`.
fn with_socket(token: &str, inbox: &MockServer, socket: &str, args: &[&str]) -> Output {
    run(doctor(&[
        token,
        "--inbox-url",
        &inbox.base_url(),
        "--realtime-url",
        socket,
    ])
    .args(args))
}

/// `text` with the random nanoid after `key` (`cid=`, `"tid":"`) replaced by `placeholder`.
fn without_ids(text: &str) -> String {
    let mut out = text.to_string();
    for (key, placeholder) in [("cid=", "<cid>"), ("\"tid\":\"", "<tid>")] {
        let mut at = 0;
        while let Some(found) = out[at..].find(key) {
            let start = at + found + key.len();
            let end = start + out[start..].find(['&', '"']).unwrap_or(out.len() - start);
            assert_eq!(end - start, 21, "a 21-character nanoid in {text}");
            out.replace_range(start..end, placeholder);
            at = start + placeholder.len();
        }
    }
    out
}

#[test]
fn the_socket_is_courier_js_s_url_and_first_messages() {
    let expected = socket_fixture();
    assert_eq!(expected[1]["tenant_id"], "acme-co");
    let token = expected[0]["token"].as_str().unwrap();
    let inbox = MockServer::start(vec![count(1), count(1), count(2)]);
    let socket = WsServer::start(vec![Behaviour::Accept, Behaviour::Accept]);
    with_socket(token, &inbox, &socket.url(), &["--user-id", "blah"]);
    with_socket(
        token,
        &inbox,
        &socket.url(),
        &["--user-id", "blah", "--tenant", "acme-co"],
    );
    let seen = socket.connections();
    assert_eq!(seen.len(), 2);
    let sdk_telemetry = "&sdk=courier-js&sdkv=3.4.0";
    let ours = format!("&sdk=courier-token&sdkv={}", env!("CARGO_PKG_VERSION"));
    for (connection, sdk) in seen.iter().zip(&expected) {
        let sdk_url = sdk["url"].as_str().unwrap();
        assert!(sdk_url.ends_with(sdk_telemetry));
        assert_eq!(
            without_ids(&connection.target),
            sdk_url.replace(sdk_telemetry, &ours)
        );
        let messages: Vec<String> = connection.messages.iter().map(|m| without_ids(m)).collect();
        assert_eq!(
            messages,
            sdk["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        );
        assert!(
            connection.closed_normally,
            "closed with 1000, so courier-js would not retry"
        );
        let header = |name: &str| {
            connection
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("user-agent"), Some(USER_AGENT));
        assert_eq!(
            header("authorization"),
            None,
            "the token travels only in the URL"
        );
    }
}

#[test]
fn an_accepted_socket_passes() {
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![Behaviour::Accept]);
    let output = with_socket(&alice_token(), &inbox, &socket.url(), &["--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json_of(&output);
    assert_eq!(
        message_of(&report, "realtime_accepted"),
        "the realtime socket accepts the token: 101, and subscribed to user alice"
    );
    let probe = &report["probes"][1];
    assert_eq!(
        (
            probe["mode"].as_str(),
            probe["channel"].as_str(),
            probe["http_status"].as_u64()
        ),
        (Some("jwt"), Some("realtime"), Some(101))
    );
    assert!(probe["url"].as_str().unwrap().contains("auth=<redacted>&"));
    assert_eq!(
        report["verdict"],
        "Courier accepts this token for user alice (3 unread)."
    );
}

#[test]
fn a_refusal_at_the_upgrade_fails_with_the_offline_reason() {
    let expired = token_with(KEY, INBOX_SCOPE, 4 * 3600, Some(3600), TENANT_ID);
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![Behaviour::Refuse(401, "Unauthorized")]);
    let output = with_socket(&expired, &inbox, &socket.url(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("\n✗ realtime_refused      the realtime socket refused the token at the upgrade (401: Unauthorized): the Inbox loads but live updates will not arrive\n"), "{text}");
    assert!(text.ends_with(" But the realtime socket refuses it (401): the Inbox loads, yet live updates will not arrive. Offline: expired 3h ago.\n"), "{text}");
    // Without an offline reason, the region is what to check.
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![Behaviour::Refuse(401, "")]);
    let text = stdout(&with_socket(&alice_token(), &inbox, &socket.url(), &[]));
    assert!(text.ends_with("Check that the realtime host is in the workspace's region (--region eu for EU workspaces) and that nothing between here and it blocks websockets.\n"), "{text}");
}

#[test]
fn a_socket_that_closes_without_an_ack_fails() {
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![Behaviour::CloseWithoutAck(4001)]);
    let output = with_socket(&alice_token(), &inbox, &socket.url(), &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        message_of(&json_of(&output), "realtime_no_ack"),
        "the realtime socket opened (101) but it closed the socket (code 4001: unauthenticated) before acknowledging the subscription: live updates will not arrive"
    );
}

#[test]
fn an_unreachable_or_silent_socket_is_a_failing_finding_not_an_error() {
    let inbox = MockServer::start(vec![count(3)]);
    let closed = closed_port_url().replace("http://", "ws://");
    let output = with_socket(&alice_token(), &inbox, &closed, &["--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json_of(&output);
    assert!(
        message_of(&report, "realtime_unreachable").contains("refused the connection"),
        "{report}"
    );
    assert_eq!(status_of(&report, "accepted").as_deref(), Some("pass"));
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![Behaviour::Silent(std::time::Duration::from_secs(3))]);
    let output = with_socket(
        &alice_token(),
        &inbox,
        &socket.url(),
        &["--json", "--timeout", "300ms"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        message_of(&json_of(&output), "realtime_unreachable").contains("within 300ms (--timeout)")
    );
}

#[test]
fn no_realtime_and_a_refused_inbox_skip_the_socket() {
    let inbox = MockServer::start(vec![count(3)]);
    let socket = WsServer::start(vec![]);
    let output = run(doctor(&[
        &alice_token(),
        "--json",
        "--inbox-url",
        &inbox.base_url(),
        "--no-realtime",
    ]));
    assert_eq!(
        message_of(&json_of(&output), "realtime_skipped"),
        "the realtime socket was not tried: --no-realtime"
    );
    let inbox = MockServer::start(vec![Reply::json(401, "{}")]);
    let output = with_socket(&alice_token(), &inbox, &socket.url(), &["--json"]);
    assert_eq!(
        message_of(&json_of(&output), "realtime_skipped"),
        "the realtime socket was not tried: the Inbox already refuses the token"
    );
    assert!(socket.connections().is_empty());
    assert_error(
        &run(doctor(&[&alice_token(), "--realtime-url", "https://x"])),
        "is not a ws(s):// URL",
    );
}

#[test]
fn dry_run_shows_the_socket_with_the_token_redacted() {
    let token = alice_token();
    let output = run(doctor(&[
        &token,
        "--dry-run",
        "--region",
        "eu",
        "--tenant",
        "acme-co",
    ]));
    let text = stdout(&output);
    assert!(text.ends_with(&format!("\nGET wss://realtime.eu.courier.io/?auth=<redacted>&cid=<cid>&iwpv=v1&userId=alice&sdk=courier-token&sdkv={}\n\n> {{\"tid\":\"<tid>\",\"action\":\"get-config\"}}\n> {{\"tid\":\"<tid>\",\"action\":\"subscribe\",\"data\":{{\"channel\":\"alice\",\"event\":\"*\",\"accountId\":\"acme-co\"}}}}\n", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(!text.contains(&token));
}

#[test]
fn the_socket_goes_through_the_environments_proxy() {
    let inbox = MockServer::start(vec![count(3)]);
    let proxy = MockServer::start(vec![Reply::json(407, "{}")]);
    // A name that is not this machine: only the proxy is asked to reach it.
    let output = run(doctor(&[
        &alice_token(),
        "--json",
        "--inbox-url",
        &inbox.base_url(),
        "--realtime-url",
        "ws://realtime.test:8080",
    ])
    .env("HTTP_PROXY", proxy.base_url()));
    let report = json_of(&output);
    let port = proxy.base_url().rsplit(':').next().unwrap().to_string();
    assert!(
        message_of(&report, "realtime_unreachable").contains(&format!(
            "the proxy in HTTP_PROXY (127.0.0.1:{port}) refused to CONNECT to realtime.test:8080: HTTP/1.1 407"
        )),
        "{report}"
    );
    assert_eq!(
        requests(&proxy)[0].request_line,
        "CONNECT realtime.test:8080 HTTP/1.1"
    );
    assert_eq!(
        requests(&inbox).len(),
        1,
        "the Inbox on loopback is reached directly"
    );
}

#[test]
fn a_socket_to_this_machine_never_goes_through_a_proxy() {
    let inbox = MockServer::start(vec![count(3)]);
    let proxy = MockServer::start(vec![Reply::json(407, "{}")]);
    let socket = WsServer::start(vec![]);
    let through_localhost = socket.url().replace("127.0.0.1", "localhost");
    let output = run(doctor(&[
        &alice_token(),
        "--json",
        "--inbox-url",
        &inbox.base_url(),
        "--realtime-url",
        &through_localhost,
    ])
    .env("HTTP_PROXY", proxy.base_url())
    .env("HTTPS_PROXY", proxy.base_url())
    .env("ALL_PROXY", proxy.base_url()));
    let report = json_of(&output);
    assert!(!report.to_string().contains("proxy"), "{report}");
    assert!(requests(&proxy).is_empty(), "the proxy was asked");
    assert_eq!(requests(&inbox).len(), 1);
}

#[test]
fn a_wss_url_to_a_server_without_tls_is_a_tls_failure() {
    let inbox = MockServer::start(vec![count(3)]);
    let plain = MockServer::start(vec![Reply::Blurt("HTTP/1.1 400 Bad\r\n\r\n".into())]);
    let wss = plain.base_url().replace("http://", "wss://");
    let output = with_socket(&alice_token(), &inbox, &wss, &["--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = message_of(&json_of(&output), "realtime_unreachable");
    assert!(message.contains("TLS with 127.0.0.1 failed"), "{message}");
}

/// `doctor` against `socket` with `--timeout 2s`, waited for at most 60 s (a safety net far
/// past the deadline, not a timed assertion): its output, or a failure saying it hung.
fn bounded_doctor(socket: &WsServer) -> Output {
    let inbox = MockServer::start(vec![count(3)]);
    let mut command = doctor(&[
        &alice_token(),
        "--inbox-url",
        &inbox.base_url(),
        "--realtime-url",
        &socket.url(),
        "--json",
        "--timeout",
        "2s",
    ]);
    // Killed past the bound: no exit code, and the test says it hung.
    let output = command
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("doctor ran");
    assert!(
        output.status.code().is_some(),
        "doctor's realtime probe ran past its --timeout 2s (killed after 60 s)"
    );
    output
}

#[test]
fn a_socket_that_pings_and_never_acknowledges_ends_at_the_deadline() {
    let socket = WsServer::start(vec![Behaviour::PingWithoutAck]);
    let output = bounded_doctor(&socket);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        message_of(&json_of(&output), "realtime_timeout"),
        "the realtime socket opened (101) but it did not acknowledge the subscription within 2s (--timeout): live updates may not arrive"
    );
}

#[test]
fn a_socket_that_trickles_a_frame_ends_at_the_deadline_and_a_huge_one_at_once() {
    let socket = WsServer::start(vec![Behaviour::TrickleFrame(512 * 1024)]);
    let output = bounded_doctor(&socket);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "realtime_timeout").as_deref(),
        Some("fail"),
        "{report}"
    );
    // 50 MiB announced: refused on its header, nothing of it kept.
    let socket = WsServer::start(vec![Behaviour::TrickleFrame(50 * 1024 * 1024)]);
    let output = bounded_doctor(&socket);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json_of(&output);
    assert!(
        message_of(&report, "realtime_no_ack").contains("Message too long"),
        "{report}"
    );
}

#[test]
fn a_socket_that_acknowledges_then_never_stops_talking_is_closed_at_the_deadline() {
    let socket = WsServer::start(vec![Behaviour::AckThenChatter]);
    let output = bounded_doctor(&socket);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        status_of(&json_of(&output), "realtime_accepted").as_deref(),
        Some("pass")
    );
}
