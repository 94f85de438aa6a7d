//! One duration grammar for every option (issue 10): compounds are parts in Courier's `ms`
//! grammar, case-insensitive, so `1h 30M` is 90 minutes (not humantime's 2.5 years); units
//! `ms` does not know are refused with a hint; `--remote` sends what it would sign.

use crate::common;

use common::{stdout_of, with_key, NOW};
use courier_token::token::base64url;
use serde_json::Value;

fn exp_minus_iat(lifetime: &str) -> i64 {
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "alice",
        "--now",
        NOW,
        "--expires-in",
        lifetime,
    ]));
    let payload = token.trim().split('.').nth(1).unwrap().to_string();
    let claims: Value =
        serde_json::from_slice(&base64url::decode_strict(&payload).unwrap()).unwrap();
    claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap()
}

#[test]
fn compounds_are_parts_in_the_ms_grammar() {
    assert_eq!(exp_minus_iat("1h 30M"), 5_400);
    assert_eq!(exp_minus_iat("1H 30m"), 5_400);
    assert_eq!(exp_minus_iat("2 Days 3h"), 2 * 86_400 + 3 * 3_600);
    assert_eq!(exp_minus_iat("1h30m"), 5_400);
    // Single values keep Node `ms` parity.
    assert_eq!(exp_minus_iat("2.5 hrs"), 9_000);
    assert_eq!(exp_minus_iat("90"), 90);
}

#[test]
fn units_ms_does_not_know_are_refused_with_a_hint() {
    for (lifetime, names) in [
        ("1 month", "no fixed length"),
        ("1h 2months", "no fixed length"),
        ("5ns", "\"ns\" is not a unit"),
        ("10us", "\"us\" is not a unit"),
        ("1h 30", "needs a unit"),
    ] {
        let output = with_key()
            .args(["issue", "--user-id", "alice", "--expires-in", lifetime])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{lifetime}: {stderr}");
        assert!(stderr.contains(names), "{lifetime}: {stderr}");
        assert!(
            stderr.contains("hint: units are ms, s, m (minutes)"),
            "{stderr}"
        );
    }
}

#[test]
fn remote_sends_the_seconds_it_would_sign() {
    for (lifetime, wire) in [
        ("1h 30M", r#""expires_in":5400"#),
        ("2 Days 3h", r#""expires_in":183600"#),
        ("007", r#""expires_in":7"#),
        ("2 days", r#""expires_in":"2 days""#),
    ] {
        let shown = stdout_of(with_key().args([
            "issue",
            "--user-id",
            "alice",
            "--remote",
            "--dry-run",
            "--expires-in",
            lifetime,
        ]));
        assert!(shown.contains(wire), "{lifetime}: {shown}");
    }
}

#[test]
fn leeway_and_timeout_share_the_grammar() {
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "alice",
        "--now",
        NOW,
        "--expires-in",
        "1m",
    ]));
    let now_plus = |seconds: i64| (NOW.parse::<i64>().unwrap() + seconds).to_string();
    // Expired 30 s ago: a 1m 30S leeway still covers it, 20s does not.
    let verify = |leeway: &str| {
        with_key()
            .args([
                "verify",
                "--now",
                &now_plus(90),
                "--leeway",
                leeway,
                token.trim(),
            ])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(verify("1m 30S"), Some(0));
    assert_eq!(verify("20s"), Some(1));
    let timeout = with_key()
        .args([
            "issue",
            "--user-id",
            "a",
            "--remote",
            "--dry-run",
            "--timeout",
            "1 month",
        ])
        .output()
        .unwrap();
    assert_eq!(timeout.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&timeout.stderr).contains("no fixed length"));
}
