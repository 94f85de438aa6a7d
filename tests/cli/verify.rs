//! `verify` through the real binary: the RFC 7515 example, every rejection reason with a
//! crafted token, stdin streams, output forms, exit codes, and interop with jsonwebtoken.

use crate::common;

use common::{with_key, KEY, NOW};
use courier_token::token::{base64url, Signer};
use jsonwebtoken::{encode, EncodingKey, Header};
use predicates::prelude::*;
use serde_json::{json, Value};

/// RFC 7515 appendix A.1: an HS256 JWS whose header and payload contain CRLFs.
const RFC7515_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_JWK_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

/// A token with these exact header and payload bytes, signed with `key`.
fn craft_with(key: &[u8], header: &str, payload: &str) -> String {
    let signing_input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload.as_bytes())
    );
    let tag = Signer::from_bytes(key).sign(signing_input.as_bytes());
    format!("{signing_input}.{}", base64url::encode(&tag))
}

fn craft(header: &str, payload: &str) -> String {
    craft_with(KEY.as_bytes(), header, payload)
}

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const INBOX: &str = r#"{"scope":"user_id:u1 inbox:read:messages inbox:write:events","iat":1669649050,"exp":1669652650}"#;

fn verify_json(token: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let output = with_key()
        .args(["verify", "--json", "--now", NOW])
        .args(extra)
        .arg(token)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (
        output.status.code(),
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("not JSON: {stdout}")),
    )
}

fn assert_rejected(token: &str, extra: &[&str], reason: &str) {
    let (code, verdict) = verify_json(token, extra);
    assert_eq!(code, Some(1), "{reason}: {verdict}");
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["reason"], reason, "{verdict}");
}

#[test]
fn rfc7515_example_is_valid_before_its_exp_and_expired_after() {
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("jwk-k");
    std::fs::write(&key_path, base64url::decode_strict(RFC7515_JWK_K).unwrap()).unwrap();
    let run = |now: Option<&str>| {
        let mut command = common::bare();
        command
            .arg("--key-file")
            .arg(&key_path)
            .args(["verify", RFC7515_TOKEN]);
        if let Some(now) = now {
            command.args(["--now", now]);
        }
        command.assert()
    };
    run(Some("1300819379"))
        .code(0)
        .stdout(predicate::str::starts_with(
            "valid: no user, expires 2011-03-22T18:43:00Z (in 1s)",
        ));
    run(Some("1300819380"))
        .code(1)
        .stdout(predicate::str::contains("[expired]"));
    run(None)
        .code(1)
        .stdout(predicate::str::contains("[expired]"));
}

#[test]
fn a_valid_token_reports_user_and_expiry() {
    with_key()
        .args(["verify", "--now", NOW, &craft(HS256, INBOX)])
        .assert()
        .code(0)
        .stdout("valid: user u1, expires 2022-11-28T16:24:10Z (in 1h)\n")
        .stderr("");
}

#[test]
fn json_verdict_has_the_documented_shape() {
    let (code, verdict) = verify_json(&craft(HS256, INBOX), &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        verdict,
        json!({"valid": true, "reason": null, "message": null, "header": {"alg": "HS256", "typ": "JWT"},
               "claims": {"scope": "user_id:u1 inbox:read:messages inbox:write:events", "iat": 1669649050, "exp": 1669652650},
               "expires_at": 1669652650})
    );
}

#[test]
fn never_expiring_tokens_are_valid_but_say_so() {
    let token = craft(
        HS256,
        r#"{"scope":"user_id:u1 inbox:read:messages","iat":1}"#,
    );
    with_key()
        .args(["verify", "--now", NOW, &token])
        .assert()
        .code(0)
        .stdout("valid: user u1, never expires\n");
    assert_rejected(&token, &["--require-exp"], "missing_exp");
}

#[test]
fn every_rejection_reason() {
    let good = craft(HS256, INBOX);
    let (head, rest) = good.split_once('.').unwrap();
    let (payload, signature) = rest.split_once('.').unwrap();
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (format!("{head}.{payload}"), vec![], "malformed_segments"),
        (format!("{good}.x"), vec![], "malformed_segments"),
        (
            format!("{head}=.{payload}.{signature}"),
            vec![],
            "malformed_base64",
        ),
        (
            format!(
                "{head}.{payload}.{}",
                signature.replace('_', "/").replace('-', "+") + "+"
            ),
            vec![],
            "malformed_base64",
        ),
        (
            format!("{}.{payload}.{signature}", base64url::encode(b"not json")),
            vec![],
            "malformed_header",
        ),
        (craft(HS256, "[1,2]"), vec![], "malformed_payload"),
        (
            craft(r#"{"alg":"HS256","alg":"HS256"}"#, INBOX),
            vec![],
            "duplicate_key",
        ),
        (
            craft(HS256, r#"{"exp":1,"exp":9999999999}"#),
            vec![],
            "duplicate_key",
        ),
        (
            craft(r#"{"alg":"hs256"}"#, INBOX),
            vec![],
            "unsupported_alg",
        ),
        (
            craft(r#"{"alg":"HS384"}"#, INBOX),
            vec![],
            "unsupported_alg",
        ),
        (
            craft(r#"{"alg":"RS256"}"#, INBOX),
            vec![],
            "unsupported_alg",
        ),
        (craft(r#"{"typ":"JWT"}"#, INBOX), vec![], "unsupported_alg"),
        (
            craft(r#"{"alg":"HS256","crit":["exp"]}"#, INBOX),
            vec![],
            "crit_header",
        ),
        (
            format!("{head}.{payload}.{}", base64url::encode(&[0; 32])),
            vec![],
            "bad_signature",
        ),
        (format!("{head}.{payload}."), vec![], "bad_signature"),
        (
            craft_with(b"another key", HS256, INBOX),
            vec![],
            "bad_signature",
        ),
        (
            craft(
                HS256,
                r#"{"scope":"user_id:u1 inbox:read:messages","exp":"1669652650"}"#,
            ),
            vec![],
            "invalid_time_claim",
        ),
        (
            craft(
                HS256,
                r#"{"scope":"user_id:u1 inbox:read:messages","nbf":null}"#,
            ),
            vec![],
            "invalid_time_claim",
        ),
        (
            craft(
                HS256,
                r#"{"scope":"user_id:u1 inbox:read:messages","iat":"now"}"#,
            ),
            vec![],
            "invalid_time_claim",
        ),
        (craft(HS256, r#"{"exp":1669649050}"#), vec![], "expired"),
        (
            craft(HS256, r#"{"nbf":1669649051}"#),
            vec![],
            "not_yet_valid",
        ),
        (
            good.clone(),
            vec!["--user-id", "someone-else"],
            "user_id_mismatch",
        ),
        (
            good.clone(),
            vec!["--require-scope", "read:preferences"],
            "missing_scope",
        ),
    ];
    for (token, extra, reason) in cases {
        assert_rejected(&token, &extra, reason);
    }
}

#[test]
fn alg_none_in_any_spelling_is_refused() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let unsigned = format!(
            "{}.{}.",
            base64url::encode(header.as_bytes()),
            base64url::encode(INBOX.as_bytes())
        );
        assert_rejected(&unsigned, &[], "alg_none");
        assert_rejected(&craft(&header, INBOX), &[], "alg_none");
    }
}

#[test]
fn leeway_moves_the_boundaries_by_exactly_its_length() {
    let expired_at_now = craft(HS256, r#"{"exp":1669649050}"#);
    assert_rejected(&expired_at_now, &[], "expired");
    assert_eq!(verify_json(&expired_at_now, &["--leeway", "1"]).0, Some(0));
    let nbf_later = craft(HS256, r#"{"nbf":1669649080}"#);
    assert_rejected(&nbf_later, &["--leeway", "29s"], "not_yet_valid");
    assert_eq!(verify_json(&nbf_later, &["--leeway", "30s"]).0, Some(0));
}

#[test]
fn passes_user_and_scope_requirements() {
    let (code, _) = verify_json(
        &craft(HS256, INBOX),
        &[
            "--user-id",
            "u1",
            "--require-scope",
            "inbox:read:messages inbox:write:events",
        ],
    );
    assert_eq!(code, Some(0));
}

#[test]
fn strips_bearer_and_authorization_wrapping() {
    let token = craft(HS256, INBOX);
    for wrapped in [
        format!("Bearer {token}"),
        format!("Authorization: Bearer {token}"),
        format!("  {token}\n"),
    ] {
        with_key()
            .args(["verify", "-q", "--now", NOW, &wrapped])
            .assert()
            .code(0)
            .stdout("");
    }
}

#[test]
fn many_tokens_on_stdin_are_reported_in_order() {
    let good = craft(HS256, INBOX);
    let bad = craft_with(b"x", HS256, INBOX);
    let input = format!("{good}\n\nBearer {bad}\r\n{good}\n");
    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("valid:") && lines[2].starts_with("valid:"));
    assert_eq!(
        lines[1],
        "invalid: the signature does not match the key from COURIER_API_KEY [bad_signature] (line 3)"
    );
    with_key()
        .args(["verify", "--now", NOW, "-"])
        .write_stdin(format!("{good}\n{good}\n"))
        .assert()
        .code(0);
}

#[test]
fn quiet_prints_nothing_and_errors_exit_2() {
    with_key()
        .args(["verify", "-q", "--now", NOW, &craft(HS256, r#"{"exp":1}"#)])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    with_key()
        .args(["verify"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no token on stdin"));
    with_key()
        .args(["verify", "--leeway", "soon", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--leeway"));
    common::bare()
        .args(["verify", &craft(HS256, INBOX)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no API key"));
    with_key()
        .args(["verify", "--json", "-q", "x"])
        .assert()
        .code(2);
}

#[test]
fn tokens_minted_by_the_jsonwebtoken_crate_verify_here() {
    let claims = json!({"scope": "user_id:u1 inbox:read:messages inbox:write:events", "iat": 1669649050, "exp": 1669652650, "jti": "abc"});
    let token = encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(KEY.as_bytes()),
    )
    .unwrap();
    assert!(
        token.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."),
        "jsonwebtoken writes typ first"
    );
    let (code, verdict) = verify_json(&token, &["--user-id", "u1"]);
    assert_eq!(code, Some(0), "{verdict}");
    assert_eq!(verdict["claims"]["jti"], "abc");
}

#[test]
fn an_expiry_beyond_year_9999_is_shown_as_written_not_as_never() {
    let token = craft(
        HS256,
        r#"{"scope":"user_id:u1 inbox:read:messages","exp":18446744073709551615}"#,
    );
    with_key()
        .args(["verify", "--now", NOW, &token])
        .assert()
        .code(0)
        .stdout("valid: user u1, expires 18446744073709551615 (not a representable date)\n");
    let (_, verdict) = verify_json(&token, &[]);
    assert_eq!(verdict["expires_at"], 18446744073709551615u64);
}
