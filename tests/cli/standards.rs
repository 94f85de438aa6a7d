//! Agreeing with the standards (issue 10), through the binary: RFC 7519 §4.1.3 `aud` handling
//! with `verify --audience`, and fractional NumericDates (RFC 7519 §2), accepted by `verify`
//! and shown as times by `inspect`.

use crate::common;

use common::{bare, with_key, KEY, NOW};
use courier_token::token::{base64url, Signer};
use serde_json::Value;

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

fn craft(payload: &str) -> String {
    let signing_input = format!(
        "{}.{}",
        base64url::encode(HS256.as_bytes()),
        base64url::encode(payload.as_bytes())
    );
    let tag = Signer::from_bytes(KEY.as_bytes()).sign(signing_input.as_bytes());
    format!("{signing_input}.{}", base64url::encode(&tag))
}

/// `verify --json` of `token` with `extra` options: exit code and the reason.
fn verdict(token: &str, extra: &[&str]) -> (Option<i32>, Value) {
    verdict_at(NOW, token, extra)
}

fn verdict_at(now: &str, token: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let output = with_key()
        .args(["verify", "--json", "--now", now])
        .args(extra)
        .arg(token)
        .output()
        .unwrap();
    let verdict: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), verdict["reason"].clone())
}

#[test]
fn a_token_with_aud_is_rejected_unless_an_audience_names_it() {
    let scope = r#""scope":"user_id:u1 inbox:read:messages","exp":1669652650"#;
    let single = craft(&format!(r#"{{{scope},"aud":"https://app.example"}}"#));
    let several = craft(&format!(r#"{{{scope},"aud":["a","https://app.example"]}}"#));
    let none = craft(&format!("{{{scope}}}"));
    assert_eq!(verdict(&single, &[]), (Some(1), "audience_mismatch".into()));
    assert_eq!(
        verdict(&several, &[]),
        (Some(1), "audience_mismatch".into())
    );
    assert_eq!(verdict(&none, &[]), (Some(0), Value::Null));
    let app = ["--audience", "https://app.example"];
    assert_eq!(verdict(&single, &app), (Some(0), Value::Null));
    assert_eq!(verdict(&several, &app), (Some(0), Value::Null));
    assert_eq!(
        verdict(
            &single,
            &["--audience", "other", "--audience", "https://app.example"]
        ),
        (Some(0), Value::Null)
    );
    assert_eq!(
        verdict(&single, &["--audience", "other"]),
        (Some(1), "audience_mismatch".into())
    );
    assert_eq!(verdict(&none, &app), (Some(1), "audience_mismatch".into()));
    let empty = with_key()
        .args(["verify", "--now", NOW, "--audience", " ", &none])
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(2));
}

#[test]
fn fractional_numeric_dates_are_accepted_and_compared_exactly() {
    let token = craft(
        r#"{"scope":"user_id:u1 inbox:read:messages","iat":1669649050.25,"exp":1669652650.5}"#,
    );
    assert_eq!(verdict(&token, &[]), (Some(0), Value::Null));
    // exp is half a second into 1669652650: still valid at that whole second, expired at the
    // next (rounding exp down first would have expired it a second early).
    assert_eq!(
        verdict_at("1669652650", &token, &[]),
        (Some(0), Value::Null)
    );
    assert_eq!(
        verdict_at("1669652651", &token, &[]),
        (Some(1), "expired".into())
    );
    for bad in [r#""1669652650""#, "-1.5", "-0.0", "1.9e19"] {
        let token = craft(&format!(
            r#"{{"scope":"user_id:u1 inbox:read:messages","exp":{bad}}}"#
        ));
        assert_eq!(
            verdict(&token, &[]),
            (Some(1), "invalid_time_claim".into()),
            "{bad}"
        );
    }
}

/// Issue 15: NumericDates are read from the token's digits, never through a float, so a
/// nanosecond counts, a fraction just below 2^64 is in range, and an exponent too large for a
/// float is out of range like any number of 2^64 and beyond.
#[test]
fn numeric_dates_are_compared_exactly_from_their_digits() {
    let with = |claims: &str| {
        craft(&format!(
            r#"{{"scope":"user_id:u1 inbox:read:messages",{claims}}}"#
        ))
    };
    let nbf = with(r#""nbf":1700000000.000000001"#);
    assert_eq!(
        verdict_at("1700000000", &nbf, &[]),
        (Some(1), "not_yet_valid".into())
    );
    assert_eq!(verdict_at("1700000001", &nbf, &[]), (Some(0), Value::Null));
    let exp = with(r#""exp":1700000000.000000001"#);
    assert_eq!(verdict_at("1700000000", &exp, &[]), (Some(0), Value::Null));
    assert_eq!(
        verdict_at("1700000001", &exp, &[]),
        (Some(1), "expired".into())
    );
    let far = with(&format!(
        r#""exp":18446744073709551614.{}"#,
        "9".repeat(300)
    ));
    assert_eq!(verdict(&far, &[]), (Some(0), Value::Null));
    let tiny = with(r#""nbf":1e-400"#);
    assert_eq!(verdict(&tiny, &[]), (Some(0), Value::Null));
    for out_of_range in [
        "1e400",
        "18446744073709551616.5",
        "1.8446744073709551616e19",
    ] {
        let token = with(&format!(r#""exp":{out_of_range}"#));
        assert_eq!(
            verdict(&token, &[]),
            (Some(1), "invalid_time_claim".into()),
            "{out_of_range}"
        );
    }
    // Outside the time claims, a number beyond a float's range is a JSON problem.
    assert_eq!(
        verdict(&with(r#""x":1e400"#), &[]),
        (Some(1), "malformed_payload".into())
    );
}

#[test]
fn inspect_shows_fractional_times_as_times() {
    let token =
        craft(r#"{"scope":"user_id:u1 inbox:read:messages","iat":1.5e9,"exp":1669652650.5}"#);
    let output = bare()
        .args(["inspect", "--now", NOW, &token])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("(no iat)"), "{stdout}");
    assert!(stdout.contains("2017-07-14T02:40:00Z"), "{stdout}");
    assert!(!stdout.contains("invalid_time_claim"), "{stdout}");
    let json = bare()
        .args(["inspect", "--json", "--now", NOW, &token])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        report["summary"]["issued_at"]["unix"], 1_500_000_000,
        "{report}"
    );
}
