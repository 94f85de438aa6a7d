//! Proxies (issue 15): a loopback target never goes through one, whatever the variables say; a
//! target that is not this machine goes through the proxy its scheme's variable names — HTTP
//! CONNECT or SOCKS 4/4a/5/5h — with the plain-http warning naming the proxy; a proxy of a kind
//! the tool cannot use is an error naming the variable, never a silent direct connection. The
//! proxy is a recording one on loopback that tunnels every request to the scripted server,
//! whatever host was asked for (`courier.test`, TEST-NET-1's 192.0.2.1), so nothing leaves
//! this machine.

use crate::common;
use crate::mock_server;

use std::process::Output;

use assert_cmd::Command;
use common::{bare_for_network, ISSUED_TOKEN, KEY, NOW};
use mock_server::proxy::RecordingProxy;
use mock_server::{MockServer, Reply};

const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

fn token_reply() -> Reply {
    Reply::json(200, &format!(r#"{{"token":"{ISSUED_TOKEN}"}}"#))
}

fn remote(base_url: &str) -> Command {
    let mut command = bare_for_network();
    command.env("COURIER_API_KEY", KEY).args([
        "issue",
        "--remote",
        "--user-id",
        "smokey12345",
        "--base-url",
        base_url,
    ]);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn every_proxy_variable(command: &mut Command, value: &str) {
    for variable in PROXY_VARIABLES {
        command.env(variable, value);
    }
}

#[test]
fn issue_remote_to_loopback_never_goes_through_a_proxy() {
    let server = MockServer::start(vec![token_reply(), token_reply()]);
    let proxy = RecordingProxy::start(server.address());
    for base in [
        server.base_url(),
        server.base_url().replace("127.0.0.1", "localhost"),
    ] {
        let mut command = remote(&base);
        every_proxy_variable(&mut command, &proxy.url("http"));
        let output = command.output().expect("runs");
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            format!("{ISSUED_TOKEN}\n")
        );
        assert!(
            !stderr(&output).contains("plain http"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        proxy.seen(),
        Vec::<String>::new(),
        "the proxy saw a request"
    );
}

#[test]
fn doctor_to_loopback_never_goes_through_a_proxy() {
    let token =
        common::stdout_of(common::with_key().args(["issue", "--user-id", "alice", "--now", NOW]));
    let server = MockServer::start(vec![Reply::json(200, r#"{"data":{"count":3}}"#)]);
    let proxy = RecordingProxy::start(server.address());
    let mut command = bare_for_network();
    every_proxy_variable(&mut command, &proxy.url("socks5h"));
    let output = command
        .env_remove("COURIER_INBOX_URL")
        .args([
            "doctor",
            "--now",
            NOW,
            token.trim(),
            "--inbox-url",
            &server.base_url(),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.requests().len(), 1);
    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());
}

#[test]
fn plain_http_through_a_connect_proxy_warns_and_names_the_proxy() {
    let server = MockServer::start(vec![token_reply()]);
    let proxy = RecordingProxy::start(server.address());
    let output = remote("http://courier.test")
        .env("HTTP_PROXY", proxy.url("http"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(proxy.seen(), ["CONNECT courier.test:80"]);
    assert_eq!(
        stderr(&output),
        "courier-token: warning: http://courier.test is plain http, so the API key crosses the \
         network unencrypted, and the proxy in HTTP_PROXY reads it too\n"
    );
    let requests = server.requests();
    assert_eq!(requests[0].header("Host"), Some("courier.test"));
}

#[test]
fn every_socks_flavour_carries_the_request() {
    for (scheme, base, asked) in [
        (
            "socks5h",
            "http://courier.test:8080",
            "SOCKS5 courier.test:8080",
        ),
        ("socks", "http://192.0.2.1:8080", "SOCKS5 192.0.2.1:8080"),
        ("socks5", "http://192.0.2.1:8080", "SOCKS5 192.0.2.1:8080"),
        ("socks4", "http://192.0.2.1:8080", "SOCKS4 192.0.2.1:8080"),
        (
            "socks4a",
            "http://courier.test:8080",
            "SOCKS4 courier.test:8080",
        ),
    ] {
        let server = MockServer::start(vec![token_reply()]);
        let proxy = RecordingProxy::start(server.address());
        let output = remote(base)
            .env("ALL_PROXY", proxy.url(scheme))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{scheme}: {}", stderr(&output));
        assert_eq!(proxy.seen(), [asked], "{scheme}");
        assert!(stderr(&output).contains("the proxy in ALL_PROXY reads it too"));
    }
}

#[test]
fn no_proxy_sends_the_request_direct() {
    // Direct means the tool's own resolver, which fails for a name under `.invalid` (RFC 6761):
    // through the proxy, the proxy would have been asked for it.
    let server = MockServer::start(vec![token_reply()]);
    let proxy = RecordingProxy::start(server.address());
    let output = remote("http://no-such-host.invalid")
        .env("HTTP_PROXY", proxy.url("http"))
        .env("NO_PROXY", "example.com,.invalid")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot find the host no-such-host.invalid"),
        "{}",
        stderr(&output)
    );
    assert!(proxy.seen().is_empty());
}

#[test]
fn a_proxy_the_tool_cannot_use_is_an_error_naming_the_variable() {
    for (variable, value) in [
        ("ALL_PROXY", "ftp://user:hunter2@127.0.0.1:21"),
        ("HTTPS_PROXY", "quic://127.0.0.1:1"),
        ("https_proxy", "http://[broken"),
    ] {
        let output = remote("https://api.courier.com")
            .env(variable, value)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{variable}={value}");
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!("courier-token: error: {variable} is set to ")),
            "{err}"
        );
        assert!(
            !err.contains("hunter2") && !err.contains("[broken"),
            "{err}"
        );
    }
}

#[test]
fn a_proxy_that_is_down_is_named_by_its_variable() {
    let closed = mock_server::closed_port_url();
    let port = closed.rsplit(':').next().unwrap();
    for scheme in ["http", "socks5h", "socks4a"] {
        let output = remote("https://api.courier.com")
            .env(
                "ALL_PROXY",
                format!("{scheme}://user:hunter2@127.0.0.1:{port}"),
            )
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2));
        let err = stderr(&output);
        assert_eq!(
            err.lines().next(),
            Some(
                format!(
                    "courier-token: error: the proxy in ALL_PROXY (127.0.0.1:{port}) refused the connection"
                )
                .as_str()
            ),
            "{scheme}: {err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
    }
}

#[test]
fn doctor_warns_about_plain_http_through_a_proxy() {
    let token =
        common::stdout_of(common::with_key().args(["issue", "--user-id", "alice", "--now", NOW]));
    let server = MockServer::start(vec![Reply::json(200, r#"{"data":{"count":3}}"#)]);
    let proxy = RecordingProxy::start(server.address());
    let output = bare_for_network()
        .env_remove("COURIER_INBOX_URL")
        .env("http_proxy", proxy.url("socks5h"))
        .args([
            "doctor",
            "--now",
            NOW,
            token.trim(),
            "--inbox-url",
            "http://inbox.test",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(proxy.seen(), ["SOCKS5 inbox.test:80"]);
    assert_eq!(
        stderr(&output),
        "courier-token: warning: http://inbox.test is plain http, so the token crosses the \
         network unencrypted, and the proxy in http_proxy reads it too\n"
    );
}
