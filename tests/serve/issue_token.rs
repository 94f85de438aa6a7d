//! `POST /auth/issue-token`: the API key required (401 otherwise), the body checked as
//! Courier checks it (400 with `{"message","type":"invalid_request_error"}`), and tokens minted
//! exactly as `issue` mints them — they pass `verify` under the same key, and `issue --remote`
//! pointed at serve gets one.

use base64::Engine as _;
use serde_json::Value;

use super::common::{with_key, KEY, NOW};
use super::{Serve, INBOX_SCOPE, WORKSPACE};

fn claims(token: &str) -> String {
    let payload = token.split('.').nth(1).expect("a payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn tokens_are_issues_tokens_and_pass_verify() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "2 days");
    assert!(token.starts_with(courier_token::token::HEADER_B64));
    let payload = claims(&token);
    let expected_prefix = format!(
        "{{\"scope\":\"{INBOX_SCOPE}\",\"tenant_scope\":\"published/production\",\"tenant_id\":\"{WORKSPACE}\",\"iat\":{NOW},\"exp\":{},\"jti\":\"",
        NOW.parse::<i64>().unwrap() + 2 * 86_400
    );
    assert!(payload.starts_with(&expected_prefix), "{payload}");
    with_key()
        .args([
            "--now",
            NOW,
            "verify",
            &token,
            "--user-id",
            "alice",
            "--require-exp",
        ])
        .assert()
        .success();
    let seconds = serve.issue(INBOX_SCOPE, "60");
    assert!(claims(&seconds).contains(&format!("\"exp\":{}", NOW.parse::<i64>().unwrap() + 60)));
    let body = format!("{{\"scope\":\"{INBOX_SCOPE}\",\"expires_in\":3600}}");
    let bearer = format!("Bearer {KEY}");
    let (status, answer) = serve.post("/auth/issue-token", &[("Authorization", &bearer)], &body);
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = serve.post(
        "/auth/issue-token",
        &[("Authorization", &bearer)],
        &format!("{{\"scope\":\"{INBOX_SCOPE}\"}}"),
    );
    assert_eq!(status, 200);
    assert!(!claims(answer["token"].as_str().unwrap()).contains("\"exp\""));
}

#[test]
fn a_wrong_or_missing_key_is_401_and_a_bad_body_400() {
    let serve = Serve::start(&[]);
    let body = format!("{{\"scope\":\"{INBOX_SCOPE}\"}}");
    for headers in [
        vec![],
        vec![("Authorization", "Bearer sk_not_the_key")],
        vec![("Authorization", KEY)],
    ] {
        let (status, answer) = serve.post("/auth/issue-token", &headers, &body);
        assert_eq!(status, 401, "{headers:?}");
        assert!(!answer.to_string().contains(KEY));
    }
    let bearer = format!("Bearer {KEY}");
    for bad in [
        "",
        "[]",
        "{\"scope\": 3}",
        "{}",
        "{\"scope\":\"\"}",
        "{\"scope\":\"x\",\"expires_in\":\"soon\"}",
        "{\"scope\":\"x\",\"expires_in\":[1]}",
    ] {
        let (status, answer) = serve.post("/auth/issue-token", &[("Authorization", &bearer)], bad);
        assert_eq!(status, 400, "{bad}: {answer}");
        assert_eq!(answer["type"], "invalid_request_error", "{bad}");
        assert!(answer["message"].is_string());
    }
    let log = serve.log_line("POST /auth/issue-token 400");
    assert!(!log.contains(KEY), "{log}");
}

#[test]
fn issue_remote_gets_its_token_from_serve() {
    let serve = Serve::start(&[]);
    let output = super::common::with_key()
        .args([
            "issue",
            "--remote",
            "--base-url",
            &serve.base,
            "--user-id",
            "alice",
            "--json",
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let token = answer["token"].as_str().expect("a token");
    assert!(claims(token).contains(&format!("\"tenant_id\":\"{WORKSPACE}\"")));
}
