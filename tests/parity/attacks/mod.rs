//! Hostile tokens, each with the exact reason code `verify` must reject it with: `alg: none` in
//! every spelling, algorithm confusion (including an HMAC keyed with an RSA public key's PEM
//! text), forged, truncated and foreign signatures, tampering, wrong segment counts, every way
//! base64url can be bent, JSON that is not an object or says a key twice, `crit`, malformed and
//! out-of-range time claims, and the `exp`/`nbf` boundaries one second either side of the
//! leeway. Real cases come from RFC 7515/7519, PyJWT, node-jsonwebtoken and the Rust
//! jsonwebtoken crate (named next to each). The table runs against the library, and every case
//! that fits on one line runs again through `courier-token verify --json` on stdin.

mod claims;
mod encoding;
mod forge;
mod signing;

use crate::common::{self, with_key, KEY};
use courier_token::token::{verify_token, verify_token_with_json, Policy, Signer};
use forge::*;
use predicates::prelude::*;
use serde_json::Value;

fn all_cases() -> Vec<Case> {
    [
        signing::alg_none_cases(),
        signing::algorithm_confusion_cases(),
        signing::embedded_key_cases(),
        signing::signature_cases(),
        signing::tampering_cases(),
        encoding::segment_cases(),
        encoding::base64_cases(),
        encoding::json_cases(),
        encoding::crit_cases(),
        claims::time_claim_cases(),
        claims::boundary_cases(),
        claims::requirement_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn every_attack_is_rejected_with_its_reason() {
    let mut failures = Vec::new();
    let cases = all_cases();
    for case in &cases {
        let verdict =
            verify_token_with_json(&case.token, &Signer::from_bytes(&case.key), &case.policy());
        let got = verdict.rejection.as_ref().map(|r| r.reason.code());
        if got != case.reason {
            failures.push(format!(
                "{}: expected {:?}, got {:?} ({:?})",
                case.name,
                case.reason,
                got,
                verdict.rejection.map(|r| r.detail)
            ));
        }
        // The signature is checked after shape, encoding, header, alg and crit, and the claims
        // are read (and shown) only once it matched.
        let before_signature = matches!(
            got,
            Some(
                "malformed_segments"
                    | "malformed_base64"
                    | "malformed_header"
                    | "alg_none"
                    | "unsupported_alg"
                    | "crit_header"
                    | "bad_signature"
            )
        );
        if before_signature {
            assert!(
                !verdict.signature_matched,
                "{}: signature_matched",
                case.name
            );
            assert!(
                verdict.claims.is_none(),
                "{}: claims shown before the signature matched",
                case.name
            );
        }
        if got.is_none() {
            assert!(
                verdict.signature_matched && verdict.claims.is_some(),
                "{}",
                case.name
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() > 150, "the table shrank to {}", cases.len());
}

#[test]
fn the_table_covers_every_reason_code() {
    let cases = all_cases();
    for reason in courier_token::token::Reason::ALL {
        let code = reason.code();
        if matches!(code, "missing_scope" | "missing_exp") {
            continue; // caller requirements, covered in tests/cli/verify.rs
        }
        if matches!(code, "api_key_not_token" | "client_key_not_token") {
            continue; // a key, not a token: tests/cli/pasted_secrets.rs and tests/cli/pasted.rs
        }
        assert!(
            cases.iter().any(|c| c.reason == Some(code)),
            "no case for {code}"
        );
    }
}

/// Every default-key, default-policy case that fits on one line, through the binary in one
/// run: `verify --json` on stdin gives one verdict per line, in order, and exit code 1.
#[test]
fn attacks_through_the_binary_get_the_same_verdicts() {
    let cases: Vec<Case> = all_cases()
        .into_iter()
        .filter(|c| c.key == KEY.as_bytes() && c.leeway == 0 && c.user_id.is_none())
        .filter(|c| {
            !c.token.is_empty() && c.token.trim() == c.token && !c.token.contains(['\n', '\r'])
        })
        .filter(|c| c.reason.is_some())
        .collect();
    let input: String = cases.iter().map(|c| format!("{}\n", c.token)).collect();
    let output = with_key()
        .args(["verify", "--json", "--now", &NOW.to_string()])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let verdicts: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(verdicts.len(), cases.len());
    for (case, verdict) in cases.iter().zip(&verdicts) {
        assert_eq!(verdict["valid"], false, "{}", case.name);
        assert_eq!(
            verdict["reason"].as_str(),
            case.reason,
            "{}: {verdict}",
            case.name
        );
        assert!(verdict["message"].is_string(), "{}", case.name);
    }
    assert!(
        cases.len() > 120,
        "only {} cases went through the binary",
        cases.len()
    );
}

/// Policy-dependent cases one process each: leeway and `--user-id` as options, exit code and
/// reason from the JSON.
#[test]
fn boundary_and_user_cases_through_the_binary() {
    let cases: Vec<Case> = claims::boundary_cases()
        .into_iter()
        .chain(claims::requirement_cases())
        .filter(|c| c.key == KEY.as_bytes())
        .collect();
    for case in cases {
        let mut command = with_key();
        command.args([
            "verify",
            "--json",
            "--now",
            &NOW.to_string(),
            "--leeway",
            &case.leeway.to_string(),
        ]);
        if let Some(user) = case.user_id {
            command.args(["--user-id", user]);
        }
        let output = command.arg(&case.token).output().unwrap();
        let verdict: Value = serde_json::from_slice(&output.stdout).unwrap();
        let expected_code = if case.reason.is_some() { 1 } else { 0 };
        assert_eq!(
            output.status.code(),
            Some(expected_code),
            "{}: {verdict}",
            case.name
        );
        assert_eq!(verdict["reason"].as_str(), case.reason, "{}", case.name);
    }
}

#[test]
fn the_pem_confusion_token_really_is_signed_with_the_pem_text() {
    // Sanity for the algorithm-confusion cases: the forged token is a correct HMAC under the
    // public key's text — exactly what a key-type-confused verifier would accept.
    let forged = sign_with(RSA_PUBLIC_KEY_PEM.as_bytes(), HS256, INBOX);
    let as_if_confused = verify_token(
        &forged,
        &Signer::from_bytes(RSA_PUBLIC_KEY_PEM.as_bytes()),
        &Policy {
            now: NOW,
            ..Policy::default()
        },
    );
    assert!(as_if_confused.is_valid());
    let here = verify_token_with_json(
        &forged,
        &Signer::from_bytes(KEY.as_bytes()),
        &Policy {
            now: NOW,
            ..Policy::default()
        },
    );
    assert_eq!(here.rejection.unwrap().reason.code(), "bad_signature");
    assert!(
        here.claims.is_none(),
        "claims of a forged token must not be echoed"
    );
}

/// An `exp` that fits in u64 but not i64, or lies after the year 9999, once passed as valid and
/// was *reported as never expiring* (`expires_at: null`). It must read as the far-off expiry it
/// is, in `verify` and in `inspect`.
#[test]
fn far_future_exp_is_never_reported_as_never_expiring() {
    for exp in [
        "18446744073709551615",
        "9223372036854775808",
        "253402300800",
    ] {
        let token = sign(
            HS256,
            &format!(r#"{{"scope":"user_id:u1 inbox:read:messages","exp":{exp}}}"#),
        );
        with_key()
            .args(["verify", "--now", &NOW.to_string(), &token])
            .assert()
            .code(0)
            .stdout(predicates::str::contains(format!("expires {exp}")))
            .stdout(predicates::str::contains("never expires").not());
        let output = with_key()
            .args(["verify", "--json", "--now", &NOW.to_string(), &token])
            .output()
            .unwrap();
        let verdict: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(verdict["expires_at"].to_string(), exp);
        let output = with_key()
            .args(["inspect", "--json", "--now", &NOW.to_string(), &token])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["never_expires"], false, "{exp}");
    }
}

/// Regression: `inspect` printed an unverified token's scopes, user ids, tenant id and claim
/// names raw, so a hostile token could add lines to the report (a fake "signature: matches this
/// key"), hide the rest with ANSI codes, or retitle the terminal. Now they are escaped.
#[test]
fn inspect_does_not_let_a_token_forge_or_hide_report_lines() {
    let payload = serde_json::json!({
        "scope": "user_id:u1\n  signature:  matches this key\u{1b}[8m inbox:read:messages",
        "tenant_id": "t\u{1b}]0;pwned\u{7}\u{202e}",
        "\u{1b}[2J": 1,
        "iat": 1,
    });
    let token = sign(HS256, &payload.to_string());
    let output = common::bare()
        .args(["inspect", "--now", &NOW.to_string(), &token])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "raw control or bidi characters reach the terminal:\n{stdout}"
    );
    let signature_lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("  signature:"))
        .collect();
    assert_eq!(
        signature_lines,
        ["  signature:  not checked (no key)"],
        "{stdout}"
    );
    assert!(stdout.contains("user_id:u1\\u{a}"), "{stdout}");
}

/// Every default-key, default-policy case as one argument, one process each: the extractor
/// `verify` shares with `inspect` and `doctor` (issue 16) must not turn a hostile token into
/// another verdict. Only a `.` after a whole token (the end of a sentence) is read as punctuation.
#[test]
fn attacks_as_an_argument_get_the_same_verdicts() {
    let cases: Vec<Case> = all_cases()
        .into_iter()
        .filter(|c| c.key == KEY.as_bytes() && c.leeway == 0 && c.user_id.is_none())
        .filter(|c| !c.token.is_empty() && !c.token.contains('\0'))
        .filter(|c| c.reason.is_some())
        .collect();
    let mut differ = Vec::new();
    for case in &cases {
        let output = with_key()
            .args(["verify", "--json", "--now", &NOW.to_string(), "--"])
            .arg(&case.token)
            .output()
            .unwrap();
        let verdict: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        if verdict["reason"].as_str() != case.reason {
            differ.push(case.name.clone());
        }
    }
    // A valid token and a full stop: the token is checked (signed bytes unchanged), with a note.
    assert_eq!(differ, ["four segments, empty last"], "{differ:#?}");
}
