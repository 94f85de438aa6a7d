//! `doctor` through the real binary, against a scripted stand-in for Courier's Inbox on
//! loopback that records each request and answers as Courier would: accepted with a count,
//! 401, 403, GraphQL errors, a slow answer, a closed port, 5xx and 429 (`probe`), and every
//! offline check (`checks`); the client-key, HMAC and audit modes (`modes`) and the realtime
//! socket against a scripted websocket stand-in (`realtime`), each accepted, refused,
//! unreachable and timing out. The exact request is held to what the real SDK sends
//! (`tests/fixtures/sdk_*.json`: courier-js, the v7 client, the socket); the main verdicts are exact text; a
//! canary API key must never show in any output or request. This file holds the shared
//! helpers. Time is pinned with `--now`; nothing here reaches beyond 127.0.0.1.

mod audit;
mod checks;
#[path = "../common/mod.rs"]
mod common;
#[path = "../mock_server/mod.rs"]
mod mock_server;
mod modes;
mod probe;
mod realtime;
#[path = "../ws_server/mod.rs"]
mod ws_server;

use std::borrow::BorrowMut;
use std::process::Output;

use assert_cmd::Command;
use common::{bare_for_network, CLIENT_KEY, KEY, REAL_COURIER_TOKEN, TENANT_ID};
use courier_token::token::{ClaimTemplate, Minter, Signer};
use mock_server::{closed_port_url, MockServer, Recorded, Reply};
use serde_json::Value;

/// An API key distinctive enough that finding it anywhere is certainly a leak.
const CANARY_KEY: &str = "sk_canary_doctor_K3y9";
/// 2022-11-28T15:24:10Z.
const NOW: i64 = 1_669_649_050;
const INBOX_SCOPE: &str = "user_id:alice inbox:read:messages inbox:write:events";
const USER_AGENT: &str = concat!("courier-token/", env!("CARGO_PKG_VERSION"));

/// A token like Courier's, signed with `key`, issued `age` seconds before [`NOW`] and expiring
/// `ttl` seconds after issue (never with `None`).
fn token_with(key: &str, scope: &str, age: i64, ttl: Option<i64>, tenant_id: &str) -> String {
    let iat = NOW - age;
    let template = ClaimTemplate {
        tenant_scope: Some(if tenant_id.ends_with("/test") {
            "published/test".to_string()
        } else {
            "published/production".to_string()
        }),
        tenant_id: Some(tenant_id.to_string()),
        custom: Vec::new(),
        iat,
        exp: ttl.map(|ttl| iat + ttl),
    };
    Minter::new(Signer::from_bytes(key.as_bytes()), &template).mint(scope, Some("jti-1"))
}

/// An Inbox token for alice, one hour long, issued a minute ago, not signed with the canary.
fn alice_token() -> String {
    token_with(KEY, INBOX_SCOPE, 60, Some(3600), TENANT_ID)
}

/// `courier-token doctor` with the canary key in the environment, no proxies, fast retries,
/// the clock pinned, and `args`.
fn doctor(args: &[&str]) -> Command {
    let mut command = bare_for_network();
    command
        .env_remove("COURIER_INBOX_URL")
        .env_remove("COURIER_REALTIME_URL")
        .env("COURIER_API_KEY", CANARY_KEY)
        .args(["doctor", "--now", &NOW.to_string()])
        .args(args);
    command
}

/// Runs the command; checks the canary key is in neither stream.
fn run(mut command: impl BorrowMut<Command>) -> Output {
    let output = command.borrow_mut().output().expect("runs");
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(CANARY_KEY),
            "the key leaked to {name}: {text}"
        );
    }
    output
}

/// Every request the server saw, checked for the canary key.
fn requests(server: &MockServer) -> Vec<Recorded> {
    let requests = server.requests();
    for request in &requests {
        let all = format!("{:?}{}", request.headers, request.body);
        assert!(!all.contains(CANARY_KEY), "the key was sent: {all}");
    }
    requests
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn count(unread: u64) -> Reply {
    Reply::json(200, &format!(r#"{{"data":{{"count":{unread}}}}}"#))
}

/// The JSON report of a run, after checking it is one line ending in a newline.
fn json_of(output: &Output) -> Value {
    let text = stdout(output);
    assert!(
        text.ends_with('\n') && text.matches('\n').count() == 1,
        "{text}"
    );
    serde_json::from_str(&text).expect("JSON")
}

/// The codes and statuses of the checks, in order.
fn checks(report: &Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().into(),
                c["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn status_of(report: &Value, code: &str) -> Option<String> {
    checks(report)
        .into_iter()
        .find(|(c, _)| c == code)
        .map(|(_, status)| status)
}

fn message_of(report: &Value, code: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .and_then(|c| c["message"].as_str())
        .unwrap_or_else(|| panic!("no check {code} in {report}"))
        .to_string()
}

/// An offline JSON report for `token` with `args`.
fn offline_report(token: &str, args: &[&str]) -> (Value, Option<i32>) {
    let output = run(doctor(&[token, "--offline", "--json"]).args(args));
    (json_of(&output), output.status.code())
}

/// Asserts a JWT-mode run whose probe could not reach the Inbox: the offline findings on
/// stdout with a `probe_unreachable` check, then exit 2 with the error containing `expected`
/// and a hint naming `--offline`.
fn assert_unreachable(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    let out = stdout(output);
    assert!(
        out.contains("✓ jwt") && out.contains("✗ probe_unreachable"),
        "stdout: {out}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("courier-token: error: ") && lines[0].contains(expected),
        "expected {expected:?} in: {err}"
    );
    assert!(lines.len() == 2 && lines[1].contains("--offline"), "{err}");
}

/// Asserts exit 2, empty stdout, and one error line (plus a hint) containing `expected`.
fn assert_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(output.stdout.is_empty(), "stdout: {}", stdout(output));
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("courier-token: error: ") && lines[0].contains(expected),
        "expected {expected:?} in: {err}"
    );
    assert!(lines.len() <= 2, "{err}");
}
