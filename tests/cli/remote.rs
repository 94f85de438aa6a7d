//! `issue --remote` against a scripted HTTP server on loopback: the exact request, the output,
//! each error class, the retry count, `--dry-run`, base URL precedence, and that the API key
//! never shows in any output. Nothing here reaches beyond 127.0.0.1.

use crate::common;
use crate::mock_server;

use std::borrow::BorrowMut;
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{bare, bare_for_network, ISSUED_TOKEN};
use mock_server::{closed_port_url, MockServer, Reply};

/// A key distinctive enough that finding it anywhere in output is certainly a leak.
const CANARY_KEY: &str = "sk_canary_Q7v3remote";
const USER_AGENT: &str = concat!("courier-token/", env!("CARGO_PKG_VERSION"));
const INBOX_SCOPE: &str = "user_id:smokey12345 inbox:read:messages inbox:write:events";

/// The binary with the canary key, no proxies, fast retries, and `issue --remote --user-id
/// smokey12345` plus `args`.
fn remote(args: &[&str]) -> Command {
    let mut command = bare_for_network();
    command
        .env("COURIER_API_KEY", CANARY_KEY)
        .args(["issue", "--remote", "--user-id", "smokey12345"])
        .args(args);
    command
}

/// Runs the command and checks the key is in neither stream.
fn run(mut command: impl BorrowMut<Command>) -> Output {
    let output = command.borrow_mut().output().expect("runs");
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        assert!(
            !String::from_utf8_lossy(bytes).contains(CANARY_KEY),
            "the key leaked to {name}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts exit 2, empty stdout, and a single `error:` line (plus an optional hint) containing
/// `expected`.
fn assert_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(output.stdout.is_empty(), "stdout: {}", stdout(output));
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("courier-token: error: ") && lines[0].contains(expected),
        "expected {expected:?} in: {err}"
    );
    assert!(
        lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("  hint: ")),
        "more than an error and a hint: {err}"
    );
}

fn token_reply() -> Reply {
    Reply::json(200, &format!(r#"{{"token":"{ISSUED_TOKEN}"}}"#))
}

#[test]
fn sends_the_exact_request_line_headers_and_body() {
    let server = MockServer::start(vec![token_reply()]);
    let output = run(remote(&[
        "--base-url",
        &server.base_url(),
        "--expires-in",
        "2 days",
    ]));
    assert!(output.status.success(), "{}", stderr(&output));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.request_line, "POST /auth/issue-token HTTP/1.1");
    assert_eq!(
        request.header("Authorization"),
        Some(format!("Bearer {CANARY_KEY}").as_str())
    );
    assert_eq!(request.header("Content-Type"), Some("application/json"));
    assert_eq!(request.header("User-Agent"), Some(USER_AGENT));
    assert_eq!(
        request.body,
        format!(r#"{{"scope":"{INBOX_SCOPE}","expires_in":"2 days"}}"#)
    );
}

#[test]
fn prints_the_token_like_a_local_one() {
    let server = MockServer::start(vec![token_reply(), token_reply()]);
    let plain = run(remote(&["--base-url", &server.base_url()]));
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert_eq!(stdout(&plain), format!("{ISSUED_TOKEN}\n"));

    let json = run(remote(&["--base-url", &server.base_url(), "--json"]));
    assert!(json.status.success(), "{}", stderr(&json));
    assert_eq!(stdout(&json), format!("{{\"token\":\"{ISSUED_TOKEN}\"}}\n"));
}

#[test]
fn default_lifetime_bare_seconds_and_no_expiry_on_the_wire() {
    let server = MockServer::start(vec![token_reply(), token_reply(), token_reply()]);
    let base = server.base_url();
    for args in [
        vec!["--base-url", &base],
        vec!["--base-url", &base, "--expires-in", "3600"],
        vec![
            "--base-url",
            &base,
            "--no-expiry",
            "--scope",
            "read:preferences",
        ],
    ] {
        let output = run(remote(&args));
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let bodies: Vec<String> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(
        bodies,
        [
            format!(r#"{{"scope":"{INBOX_SCOPE}","expires_in":"1h"}}"#),
            format!(r#"{{"scope":"{INBOX_SCOPE}","expires_in":3600}}"#),
            r#"{"scope":"user_id:smokey12345 inbox:read:messages inbox:write:events read:preferences"}"#.to_string(),
        ]
    );
}

#[test]
fn a_400_reports_the_api_message() {
    let server = MockServer::start(vec![Reply::json(
        400,
        r#"{"message":"Invalid expires_in value","type":"invalid_request_error"}"#,
    )]);
    let output = run(remote(&["--base-url", &server.base_url()]));
    assert_error(
        &output,
        "Courier refused the request (400): Invalid expires_in value",
    );
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
}

#[test]
fn a_401_or_403_says_the_key_was_rejected_without_echoing_it() {
    for status in [401, 403] {
        let server = MockServer::start(vec![Reply::json(
            status,
            &format!(r#"{{"message":"Unauthorized: unknown key {CANARY_KEY}"}}"#),
        )]);
        let output = run(remote(&["--base-url", &server.base_url()]));
        assert_error(&output, "the API key was rejected");
        assert!(stderr(&output).contains(&format!("answered {status}")));
        assert!(
            stderr(&output).contains("<redacted>"),
            "{}",
            stderr(&output)
        );
        assert_eq!(server.requests().len(), 1, "{status} is not retried");
    }
}

#[test]
fn a_429_is_retried_and_then_succeeds() {
    let server = MockServer::start(vec![
        Reply::json(429, r#"{"message":"Too many requests"}"#).with_header("Retry-After", "0"),
        token_reply(),
    ]);
    let output = run(remote(&["--base-url", &server.base_url()]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{ISSUED_TOKEN}\n"));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn server_errors_are_retried_three_times_then_reported() {
    let failure = Reply::json(503, r#"{"message":"Service Unavailable"}"#);
    let server = MockServer::start(vec![
        failure.clone(),
        failure.clone(),
        failure.clone(),
        token_reply(),
    ]);
    let output = run(remote(&["--base-url", &server.base_url()]));
    assert_error(&output, "Courier's API failed with 503 after 3 attempts");
    assert_eq!(server.requests().len(), 3, "the bound is three attempts");
}

#[test]
fn a_long_retry_after_ends_the_retries_at_once() {
    let server = MockServer::start(vec![
        Reply::json(429, "{}").with_header("Retry-After", "3600"),
        token_reply(),
    ]);
    let output = run(remote(&["--base-url", &server.base_url()]));
    assert_error(&output, "rate limiting this key: 429; it asks to wait 1h");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = MockServer::start(vec![Reply::Silent(Duration::from_secs(8))]);
    let started = Instant::now();
    let output = run(remote(&[
        "--base-url",
        &server.base_url(),
        "--timeout",
        "1s",
    ]));
    assert_error(&output, "no answer from 127.0.0.1:");
    assert!(stderr(&output).contains("within 1s (--timeout)"));
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 1, "a timeout is not retried");
}

#[test]
fn a_refused_connection_is_reported() {
    let output = run(remote(&["--base-url", &closed_port_url()]));
    assert_error(&output, "refused the connection");
}

#[test]
fn a_failed_tls_handshake_is_reported() {
    let server = MockServer::start(vec![Reply::Blurt(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".to_string(),
    )]);
    let https = server.base_url().replace("http://", "https://");
    let output = run(remote(&["--base-url", &https]));
    assert_error(&output, "the TLS connection to 127.0.0.1:");
}

#[test]
fn a_success_without_a_jwt_is_an_error() {
    let server = MockServer::start(vec![
        Reply::json(200, r#"{"token":"not-a-jwt"}"#),
        Reply::json(200, r#"{"ok":true}"#),
    ]);
    let first = run(remote(&["--base-url", &server.base_url()]));
    assert_error(&first, "its \"token\" is not a JWT");
    let second = run(remote(&["--base-url", &server.base_url()]));
    assert_error(&second, "its answer has no \"token\"");
}

#[test]
fn dry_run_sends_nothing_and_redacts_the_key() {
    let server = MockServer::start(vec![token_reply()]);
    let base = format!("{}/", server.base_url());
    let output = run(remote(&[
        "--base-url",
        &base,
        "--dry-run",
        "--expires-in",
        "2 days",
    ]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "POST {}/auth/issue-token\nAuthorization: Bearer <redacted>\nContent-Type: application/json\nAccept: application/json\nUser-Agent: {USER_AGENT}\n\n{{\"scope\":\"{INBOX_SCOPE}\",\"expires_in\":\"2 days\"}}\n",
            server.base_url()
        )
    );
    assert!(stderr(&output)
        .contains("the key would come from the environment variable COURIER_API_KEY"));
    assert!(server.requests().is_empty());
}

#[test]
fn dry_run_needs_no_key() {
    let output = run(remote(&["--dry-run"]).env_remove("COURIER_API_KEY"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("POST https://api.courier.com/auth/issue-token\n"));
    assert!(stderr(&output).contains("a real run would fail"));
}

#[test]
fn base_url_flag_beats_the_environment_which_beats_the_default() {
    let flagged = MockServer::start(vec![token_reply()]);
    let from_env = MockServer::start(vec![token_reply()]);
    let output =
        run(remote(&["--base-url", &flagged.base_url()])
            .env("COURIER_BASE_URL", from_env.base_url()));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        (flagged.requests().len(), from_env.requests().len()),
        (1, 0)
    );

    let output = run(remote(&[]).env("COURIER_BASE_URL", format!("{}/", from_env.base_url())));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(from_env.requests().len(), 1);
    assert_eq!(
        from_env.requests()[0].request_line,
        "POST /auth/issue-token HTTP/1.1"
    );
}

#[test]
fn region_picks_the_base_url_and_beats_the_environment() {
    let eu =
        run(remote(&["--region", "eu", "--dry-run"]).env("COURIER_BASE_URL", "http://127.0.0.1:9"));
    assert!(stdout(&eu).starts_with("POST https://api.eu.courier.com/auth/issue-token\n"));
    let us = run(remote(&["--region", "us", "--dry-run"]));
    assert!(stdout(&us).starts_with("POST https://api.courier.com/auth/issue-token\n"));

    let both = run(remote(&[
        "--region",
        "eu",
        "--base-url",
        "http://127.0.0.1:9",
    ]));
    assert_eq!(both.status.code(), Some(2));
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );
}

#[test]
fn a_bad_base_url_is_an_error() {
    let output = run(remote(&["--base-url", "api.courier.com"]));
    assert_error(
        &output,
        "--base-url \"api.courier.com\" is not an http(s) base URL",
    );
    let output = run(remote(&[]).env("COURIER_BASE_URL", "ftp://x"));
    assert_error(
        &output,
        "COURIER_BASE_URL \"ftp://x\" is not an http(s) base URL",
    );
}

#[test]
fn local_only_options_are_refused() {
    let server = MockServer::start(vec![token_reply()]);
    let base = server.base_url();
    let cases: [&[&str]; 8] = [
        &["--now", "1669649050"],
        &["--jti", "fixed"],
        &["--no-jti"],
        &["--tenant-id", "t1"],
        &["--tenant-scope", "published/test"],
        &["--client-key", common::CLIENT_KEY],
        &["--claim", "beta=true"],
        &["--now", "1669649050", "--dry-run"],
    ];
    for extra in cases {
        let mut args = vec!["--base-url", base.as_str()];
        args.extend_from_slice(extra);
        let output = run(remote(&args));
        assert_error(
            &output,
            &format!("{} cannot be used with --remote", extra[0]),
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn remote_options_need_remote() {
    for args in [
        ["--base-url", "http://127.0.0.1:9"],
        ["--region", "eu"],
        ["--timeout", "5s"],
    ] {
        let output = run(bare()
            .env("COURIER_API_KEY", CANARY_KEY)
            .args(["issue", "--user-id", "u"])
            .args(args));
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains("--remote"), "{}", stderr(&output));
    }
}

#[test]
fn scope_and_lifetime_are_checked_before_sending() {
    let server = MockServer::start(vec![token_reply()]);
    let base = server.base_url();
    let output = run(remote(&[
        "--base-url",
        &base,
        "--scope",
        "inbox:read:message",
    ]));
    assert_error(&output, "inbox:read:message");
    let output = run(remote(&["--base-url", &base, "--expires-in", "soon"]));
    assert_error(&output, "--expires-in \"soon\" is not a lifetime");
    let output = run(remote(&["--base-url", &base, "--timeout", "0"]));
    assert_error(&output, "--timeout \"0\" must be more than zero");
    assert!(server.requests().is_empty());
}

#[test]
fn no_key_is_an_error_before_anything_is_sent() {
    let server = MockServer::start(vec![token_reply()]);
    let output = run(remote(&["--base-url", &server.base_url()]).env_remove("COURIER_API_KEY"));
    assert_error(&output, "no API key");
    assert!(server.requests().is_empty());
}
