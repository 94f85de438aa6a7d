//! What `issue --remote` makes of the Issue Token API's answer (issue 15): a 2xx is printed only
//! when its token decodes to Courier's header and claims, with every scope asked for and the
//! user; anything else is exit 2 naming what came back wrong without printing the token; an
//! answer with a key twice is refused; a 401/403 is a rejected key (and `doctor`'s
//! `rejected_by_courier`, exit 1) whatever its body, even bytes that are not UTF-8.

use crate::common;
use crate::mock_server;

use std::process::Output;

use assert_cmd::Command;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::{bare_for_network, ISSUED_TOKEN};
use mock_server::{MockServer, Reply};

const CANARY_KEY: &str = "sk_canary_Q7v3answers";

fn remote(server: &MockServer) -> Command {
    let mut command = bare_for_network();
    command.env("COURIER_API_KEY", CANARY_KEY).args([
        "issue",
        "--remote",
        "--user-id",
        "smokey12345",
        "--base-url",
        &server.base_url(),
    ]);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn token(header: &str, claims: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims),
        URL_SAFE_NO_PAD.encode([9u8; 32])
    )
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const CLAIMS: &str = r#"{"scope":"user_id:smokey12345 inbox:read:messages inbox:write:events","tenant_scope":"published/production","tenant_id":"t","iat":1669649050,"exp":1669652650,"jti":"j"}"#;

/// Runs against one scripted answer; asserts exit 2, nothing on stdout, and `expected` in a
/// one-line error that never holds the token handed back.
fn refused(body: &str, expected: &str) {
    let server = MockServer::start(vec![Reply::json(200, body)]);
    let output = remote(&server).output().expect("runs");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{body}: {err}");
    assert!(output.stdout.is_empty(), "{body}");
    assert!(
        err.starts_with("courier-token: error: Courier answered 200, but ")
            && err.contains(expected),
        "expected {expected:?} in {err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    for token in body
        .split('"')
        .filter(|part| part.matches('.').count() == 2)
    {
        assert!(!err.contains(token), "the token was echoed: {err}");
    }
}

#[test]
fn a_courier_shaped_token_for_the_user_is_printed() {
    let good = token(HEADER, CLAIMS);
    let server = MockServer::start(vec![Reply::json(200, &format!(r#"{{"token":"{good}"}}"#))]);
    let output = remote(&server).output().expect("runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), format!("{good}\n"));
}

#[test]
fn what_is_not_couriers_token_for_this_request_is_refused() {
    let answer = |token: &str| format!(r#"{{"token":"{token}"}}"#);
    refused(&answer("AAAA.AAAA.AAAA"), "the token's header is not JSON");
    refused(
        &answer(&token(r#"{"alg":"none","typ":"JWT"}"#, CLAIMS)),
        "the token's header is not Courier's {\"alg\":\"HS256\",\"typ\":\"JWT\"} (alg is \"none\")",
    );
    refused(
        &answer(&token(HEADER, &CLAIMS.replace("smokey12345", "mallory"))),
        "the token's scope lacks \"user_id:smokey12345\"",
    );
    refused(
        &answer(&token(HEADER, &CLAIMS.replace(" inbox:write:events", ""))),
        "the token's scope lacks \"inbox:write:events\"",
    );
    refused(
        &answer(&token(HEADER, &CLAIMS.replace(r#","exp":1669652650"#, ""))),
        "the token has no exp",
    );
    refused(&answer("not-a-jwt"), "is not a JWT");
}

#[test]
fn an_answer_with_a_key_twice_is_refused() {
    let other = token(HEADER, &CLAIMS.replace("smokey12345", "mallory"));
    refused(
        &format!(r#"{{"token":"{ISSUED_TOKEN}","token":"{other}"}}"#),
        "its answer has the key \"token\" twice",
    );
}

/// A JSON error body that is not UTF-8.
const NOT_UTF8: &[u8] = b"{\"message\":\"\xff\xfe denied\"}";

#[test]
fn a_401_or_403_says_the_key_was_rejected_whatever_its_body() {
    for status in [401, 403] {
        let server = MockServer::start(vec![Reply::RawJson(status, NOT_UTF8.to_vec())]);
        let output = remote(&server).output().expect("runs");
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!(
                "courier-token: error: the API key was rejected: Courier answered {status}: "
            )),
            "{err}"
        );
        assert!(err.contains("denied"), "{err}");
        assert_eq!(output.status.code(), Some(2), "{err}");
    }
}

#[test]
fn a_401_with_a_body_past_the_limit_is_still_a_rejection() {
    let mut body = br#"{"message":"denied","padding":""#.to_vec();
    body.extend(std::iter::repeat_n(b'x', 200 * 1024));
    body.extend_from_slice(br#""}"#);
    let server = MockServer::start(vec![
        Reply::RawJson(401, body.clone()),
        Reply::RawJson(200, body),
    ]);
    let output = remote(&server).output().expect("runs");
    let err = stderr(&output);
    assert!(
        err.starts_with("courier-token: error: the API key was rejected: Courier answered 401"),
        "{err}"
    );
    let output = remote(&server).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output)
            .starts_with("courier-token: error: Courier answered 200, but its answer is not JSON"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn doctor_reads_a_401_or_403_as_rejected_by_courier_whatever_its_body() {
    let token = common::stdout_of(common::with_key().args([
        "issue",
        "--user-id",
        "alice",
        "--now",
        common::NOW,
    ]));
    for status in [401, 403] {
        let server = MockServer::start(vec![Reply::RawJson(status, NOT_UTF8.to_vec())]);
        let output = bare_for_network()
            .env_remove("COURIER_INBOX_URL")
            .args(["doctor", "--now", common::NOW, token.trim()])
            .args(["--inbox-url", &server.base_url()])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{}{text}", stderr(&output));
        assert!(
            text.contains(&format!("rejected_by_courier   Courier answered {status}")),
            "{text}"
        );
    }
}
