//! `inspect` through the real binary: the real Courier token (text and JSON, exact with a
//! pinned clock), pasted forms, tokens no verifier accepts, warnings, the client key, and exit
//! codes.

use crate::common;

use common::{bare, stdout_of, with_key, CLIENT_KEY, REAL_COURIER_TOKEN, TENANT_ID};
use courier_token::token::base64url;
use predicates::prelude::*;
use serde_json::{json, Value};

const NOW: &str = "1700000000";

const REAL_TOKEN_TEXT: &str = "\
Header
  alg: \"HS256\"
  typ: \"JWT\"
Claims
  scope: \"user_id:blah inbox:read:messages\"
  tenant_scope: \"published/production\"
  tenant_id: \"768251cf-3eb8-426a-92eb-faa0e7678768\"
  iat: 1672782076
  jti: \"bcf4b7d3-c249-4434-8e44-ac161ce454bd\"
Summary
  user:       blah
  scopes:     user_id:blah         the user this token is for
              inbox:read:messages  read inbox messages
  tenant:     768251cf-3eb8-426a-92eb-faa0e7678768 (production)
  issued:     2023-01-03T21:41:16Z (10mo 11d ago)
  expires:    never expires
  signature:  not checked (no key)
Warnings
  ! never expires: it works until the workspace's signing key changes, and cannot be revoked [never_expires]
  ! lacks inbox:write:events: the Inbox will connect but show no messages [inbox_scopes_missing]
";

fn inspect_json(input: &str, extra: &[&str]) -> Value {
    let out = stdout_of(
        bare()
            .args(["inspect", "--json", "--now", NOW])
            .args(extra)
            .arg(input),
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn real_courier_token_as_text() {
    bare()
        .args(["inspect", "--now", NOW, REAL_COURIER_TOKEN])
        .assert()
        .code(0)
        .stdout(REAL_TOKEN_TEXT)
        .stderr("");
}

#[test]
fn real_courier_token_as_json() {
    let report = inspect_json(REAL_COURIER_TOKEN, &[]);
    assert_eq!(
        report,
        json!({
            "header": {"alg": "HS256", "typ": "JWT"},
            "claims": {"scope": "user_id:blah inbox:read:messages", "tenant_scope": "published/production",
                       "tenant_id": "768251cf-3eb8-426a-92eb-faa0e7678768", "iat": 1672782076,
                       "jti": "bcf4b7d3-c249-4434-8e44-ac161ce454bd"},
            "problems": [],
            "summary": {
                "user_ids": ["blah"],
                "scopes": [
                    {"scope": "user_id:blah", "known": true, "meaning": "the user this token is for"},
                    {"scope": "inbox:read:messages", "known": true, "meaning": "read inbox messages"}
                ],
                "tenant_id": "768251cf-3eb8-426a-92eb-faa0e7678768",
                "tenant_scope": "published/production",
                "environment": "production",
                "issued_at": {"unix": 1672782076, "rfc3339": "2023-01-03T21:41:16Z", "relative": "10mo 11d ago"},
                "expires_at": null,
                "not_before": null,
                "never_expires": true,
                "signature": "not_checked"
            },
            "warnings": [
                {"code": "never_expires", "message": "never expires: it works until the workspace's signing key changes, and cannot be revoked"},
                {"code": "inbox_scopes_missing", "message": "lacks inbox:write:events: the Inbox will connect but show no messages"}
            ]
        })
    );
}

#[test]
fn claims_keep_their_original_order() {
    let out = stdout_of(bare().args(["inspect", "--json", REAL_COURIER_TOKEN]));
    let claims_start = out.find("\"claims\":").unwrap();
    let order: Vec<usize> = [
        "\"scope\"",
        "\"tenant_scope\"",
        "\"tenant_id\"",
        "\"iat\"",
        "\"jti\"",
    ]
    .iter()
    .map(|key| out[claims_start..].find(key).unwrap())
    .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{out}");
}

#[test]
fn finds_the_token_in_pasted_text() {
    for pasted in [
        format!("Bearer {REAL_COURIER_TOKEN}"),
        format!("Authorization: Bearer {REAL_COURIER_TOKEN}"),
        format!("\"{REAL_COURIER_TOKEN}\""),
        format!("curl 'https://api.courier.com/inbox' -H 'authorization: Bearer {REAL_COURIER_TOKEN}' -H 'x-courier-client-key: abc'"),
    ] {
        assert_eq!(inspect_json(&pasted, &[])["summary"]["user_ids"], json!(["blah"]), "{pasted}");
    }
    let out = stdout_of(
        bare()
            .args(["inspect", "--json", "-"])
            .write_stdin(format!("copied:\n{REAL_COURIER_TOKEN}\n")),
    );
    assert!(out.contains("\"user_ids\":[\"blah\"]"));
}

#[test]
fn no_token_found_exits_1() {
    bare()
        .args(["inspect", "hello world"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no token found"));
}

#[test]
fn shows_unsigned_and_malformed_tokens() {
    let header = base64url::encode(br#"{"alg":"none"}"#);
    let payload = base64url::encode(br#"{"scope":"user_id:mallory read:prefs","exp":1600000000}"#);
    let report = inspect_json(&format!("{header}.{payload}."), &[]);
    assert_eq!(report["header"]["alg"], "none");
    let codes: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    for expected in [
        "alg_not_hs256",
        "expired",
        "unknown_scope",
        "inbox_scopes_missing",
    ] {
        assert!(codes.contains(&expected), "{expected} in {codes:?}");
    }
    let unknown = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "unknown_scope")
        .unwrap();
    assert!(unknown["message"]
        .as_str()
        .unwrap()
        .contains("did you mean read:preferences?"));

    let report = inspect_json(&format!("{header}.ab=cd.sig"), &[]);
    assert_eq!(report["header"]["alg"], "none");
    assert_eq!(report["claims"], Value::Null);
    assert!(
        report["problems"][0]
            .as_str()
            .unwrap()
            .contains("the payload"),
        "{report}"
    );
    let report = inspect_json(&format!("{header}=.{payload}.c2ln"), &[]);
    assert!(
        report["problems"][0].as_str().unwrap().contains("padding"),
        "{report}"
    );
    assert_eq!(report["claims"]["scope"], "user_id:mallory read:prefs");
}

#[test]
fn checks_the_signature_when_a_key_is_available() {
    let token = stdout_of(with_key().args(["issue", "--user-id", "u1"]));
    assert_eq!(
        inspect_json(token.trim(), &[])["summary"]["signature"],
        "not_checked"
    );
    let out = stdout_of(with_key().args(["inspect", "--json", token.trim()]));
    assert!(out.contains("\"signature\":\"matches\""));
    let out = stdout_of(with_key().args(["inspect", "--json", REAL_COURIER_TOKEN]));
    assert!(out.contains("\"signature\":\"mismatch\""));
    assert!(stdout_of(with_key().args(["inspect", token.trim()]))
        .contains("signature:  matches this key"));
}

#[test]
fn client_key_alone_prints_its_tenant_and_flags_a_mismatch() {
    bare()
        .args(["inspect", "--client-key", CLIENT_KEY])
        .assert()
        .code(0)
        .stdout(format!("{TENANT_ID}\n"));
    let report = inspect_json(REAL_COURIER_TOKEN, &["--client-key", CLIENT_KEY]);
    let codes: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"tenant_mismatch"), "{codes:?}");
    bare()
        .args(["inspect", "--client-key", "@@@", REAL_COURIER_TOKEN])
        .assert()
        .code(2);
}

#[test]
fn colour_is_off_for_json_and_on_only_when_asked() {
    let plain = stdout_of(bare().args([
        "inspect",
        "--now",
        NOW,
        "--color",
        "always",
        "--json",
        REAL_COURIER_TOKEN,
    ]));
    assert!(!plain.contains('\u{1b}'));
    let coloured = stdout_of(bare().args([
        "inspect",
        "--now",
        NOW,
        "--color",
        "always",
        REAL_COURIER_TOKEN,
    ]));
    assert!(coloured.contains('\u{1b}'));
    let never = stdout_of(bare().env_remove("NO_COLOR").args([
        "inspect",
        "--color",
        "never",
        REAL_COURIER_TOKEN,
    ]));
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn empty_input_is_an_error_as_in_doctor_and_verify() {
    for command in ["inspect", "doctor"] {
        for input in ["", "  \n\n"] {
            let output = bare()
                .args([command, "--now", "1700000000"])
                .write_stdin(input)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {input:?}: {stderr}"
            );
            assert!(
                stderr.starts_with("courier-token: error: no token given: the input is empty\n"),
                "{command}: {stderr}"
            );
        }
    }
    with_key()
        .args(["verify", "--now", "1700000000"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no token on stdin"));
}

#[test]
fn an_empty_argument_is_the_same_error_in_verify_inspect_and_doctor() {
    for command in ["verify", "inspect", "doctor"] {
        for argument in ["", "   "] {
            let output = with_key()
                .args([command, "--now", "1700000000", argument])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {argument:?}: {stderr}"
            );
            assert!(
                stderr.starts_with("courier-token: error: no token given: the input is empty\n"),
                "{command}: {stderr}"
            );
            assert!(output.stdout.is_empty(), "{command}");
        }
    }
}
