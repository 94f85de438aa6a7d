//! `issue` through the real binary: byte-exact tokens with a pinned clock and jti, Node
//! parity, options, errors and exit codes; plus interop with the jsonwebtoken crate.

use crate::common;

use common::{bare, stdout_of, with_key, CLIENT_KEY, KEY, NOW, TENANT_ID};
use courier_token::token::base64url;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use predicates::prelude::*;
use serde_json::Value;

/// Courier's documented example payload, minted by Node jsonwebtoken with key `sk_test_123`
/// (tests/fixtures/node_vectors.json, case `inbox_default`).
const NODE_EXAMPLE_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6c21va2V5MTIzNDUgaW5ib3g6cmVhZDptZXNzYWdlcyBpbmJveDp3cml0ZTpldmVudHMiLCJ0ZW5hbnRfc2NvcGUiOiJwdWJsaXNoZWQvcHJvZHVjdGlvbiIsInRlbmFudF9pZCI6IjFiMWU5NTNmLTBlYmItNDdhZC1iZWFiLWY1NzliZDYwNmViMSIsImlhdCI6MTY2OTY0OTA1MCwiZXhwIjoxNjY5ODIxODUwLCJqdGkiOiI2YThlZDdkNi0yMjliLTQ2MjktOWNkYy02OGZiOWM2ZGQ1ODAifQ.oilHXa4_u0keSldpdyOY7VHyzdiGfTW1pkQ4bUN1tW4";

fn payload_of(token: &str) -> String {
    let payload = token.trim().split('.').nth(1).expect("three segments");
    String::from_utf8(base64url::decode_strict(payload).expect("base64url")).expect("utf-8")
}

#[test]
fn mints_courier_example_byte_for_byte() {
    with_key()
        .args([
            "issue",
            "--user-id",
            "smokey12345",
            "--expires-in",
            "2 days",
        ])
        .args([
            "--client-key",
            CLIENT_KEY,
            "--now",
            NOW,
            "--jti",
            "6a8ed7d6-229b-4629-9cdc-68fb9c6dd580",
        ])
        .assert()
        .success()
        .stdout(format!("{NODE_EXAMPLE_TOKEN}\n"))
        .stderr("");
}

#[test]
fn claim_order_is_courier_order_with_custom_claims_before_iat() {
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u1",
        "--tenant-id",
        TENANT_ID,
        "--now",
        NOW,
        "--jti",
        "j1",
        "--claim",
        "account_id=\"acme\"",
        "--claim",
        "beta=true",
        "--claim",
        "note=plain text",
    ]));
    assert_eq!(
        payload_of(&token),
        r#"{"scope":"user_id:u1 inbox:read:messages inbox:write:events","tenant_scope":"published/production","tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1","account_id":"acme","beta":true,"note":"plain text","iat":1669649050,"exp":1669652650,"jti":"j1"}"#
    );
}

#[test]
fn header_is_exactly_courier_header() {
    let token = stdout_of(with_key().args(["issue", "--user-id", "u1"]));
    let header = token.split('.').next().unwrap();
    assert_eq!(
        base64url::decode_strict(header).unwrap(),
        br#"{"alg":"HS256","typ":"JWT"}"#
    );
}

#[test]
fn no_expiry_and_no_jti_leave_claims_out_and_say_so() {
    with_key()
        .args([
            "issue",
            "--user-id",
            "u1",
            "--now",
            NOW,
            "--no-expiry",
            "--no-jti",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("never expires"));
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u1",
        "--now",
        NOW,
        "--no-expiry",
        "--no-jti",
    ]));
    assert_eq!(
        payload_of(&token),
        r#"{"scope":"user_id:u1 inbox:read:messages inbox:write:events","iat":1669649050}"#
    );
}

#[test]
fn random_jti_is_a_uuid_v4_and_differs_per_token() {
    let first = payload_of(&stdout_of(with_key().args(["issue", "--user-id", "u1"])));
    let second = payload_of(&stdout_of(with_key().args(["issue", "--user-id", "u1"])));
    let jti = |payload: &str| {
        serde_json::from_str::<Value>(payload).unwrap()["jti"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_ne!(jti(&first), jti(&second));
    assert_eq!(jti(&first).len(), 36);
    assert_eq!(&jti(&first)[14..15], "4");
}

#[test]
fn expiry_grammar_and_negative_lifetimes() {
    for (lifetime, exp) in [
        ("1h", 1669652650),
        ("2.5 hrs", 1669658050),
        ("-1.5s", 1669649048),
        ("3600", 1669652650),
        ("1h 30m", 1669654450),
        ("1y", 1701206650),
    ] {
        let token = stdout_of(with_key().args([
            "issue",
            "--user-id",
            "u",
            "--now",
            NOW,
            "--no-jti",
            "--expires-in",
            lifetime,
        ]));
        let claims: Value = serde_json::from_str(&payload_of(&token)).unwrap();
        assert_eq!(claims["exp"], exp, "{lifetime}");
    }
}

#[test]
fn json_output_is_the_issue_token_api_shape() {
    let out = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "smokey12345",
        "--expires-in",
        "2 days",
        "--client-key",
        CLIENT_KEY,
        "--now",
        NOW,
        "--jti",
        "6a8ed7d6-229b-4629-9cdc-68fb9c6dd580",
        "--json",
    ]));
    assert_eq!(out, format!("{{\"token\":\"{NODE_EXAMPLE_TOKEN}\"}}\n"));
}

#[test]
fn scope_building_defaults_and_duplicates() {
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "pigeon",
        "--user-id",
        "bluebird",
        "--scope",
        "read:preferences inbox:read:messages",
        "--scope",
        "read:preferences",
        "--no-jti",
        "--now",
        NOW,
    ]));
    let claims: Value = serde_json::from_str(&payload_of(&token)).unwrap();
    assert_eq!(
        claims["scope"],
        "user_id:pigeon user_id:bluebird inbox:read:messages inbox:write:events read:preferences"
    );
}

#[test]
fn unknown_scopes_are_refused_with_a_suggestion_unless_allowed() {
    with_key()
        .args(["issue", "--user-id", "u", "--scope", "inbox:read:message"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("unknown scope \"inbox:read:message\"").and(
                predicate::str::contains("did you mean inbox:read:messages?"),
            ),
        );
    with_key()
        .args(["issue", "--user-id", "u", "--scope", "read:prefs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean read:preferences?"));
    with_key()
        .args([
            "issue",
            "--user-id",
            "u",
            "--scope",
            "read:prefs",
            "--allow-unknown-scopes",
        ])
        .assert()
        .success();
}

#[test]
fn bad_requests_exit_2_with_one_error_line_and_a_hint() {
    let cases: &[(&[&str], &str)] = &[
        (&["issue"], "a token needs a user and scopes"),
        (&["issue", "--user-id", "has space"], "contains a space"),
        (&["issue", "--user-id", ""], "the user id is empty"),
        (
            &["issue", "--user-id", "u", "--expires-in", "1 fortnight"],
            "is not a lifetime",
        ),
        (
            &["issue", "--user-id", "u", "--expires-in", "100000000000y"],
            "outside the years 1970 to 9999",
        ),
        (
            &[
                "issue",
                "--user-id",
                "u",
                "--client-key",
                CLIENT_KEY,
                "--tenant-id",
                "other",
            ],
            "but --tenant-id says other",
        ),
        (
            &["issue", "--user-id", "u", "--client-key", "not a key!"],
            "is not a Courier client key",
        ),
        (
            &["issue", "--user-id", "u", "--claim", "exp=1"],
            "may not set \"exp\"",
        ),
        (
            &["issue", "--user-id", "u", "--claim", "novalue"],
            "has no '='",
        ),
        (
            &["issue", "--user-id", "u", "--now", "yesterday"],
            "--now \"yesterday\" is not a time",
        ),
        (
            &["issue", "--scope", "user_id:only", "--no-inbox-scopes"],
            "must come with other scopes",
        ),
    ];
    for (args, message) in cases {
        let output = with_key().args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("courier-token: error: "),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(stderr.lines().count() <= 2, "{args:?}: {stderr}");
    }
}

#[test]
fn tenant_scope_defaults_and_overrides() {
    let token = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u",
        "--tenant-id",
        "t1/test",
        "--tenant-scope",
        "published/test",
        "--no-jti",
        "--now",
        NOW,
    ]));
    let claims: Value = serde_json::from_str(&payload_of(&token)).unwrap();
    assert_eq!(claims["tenant_scope"], "published/test");
    assert_eq!(claims["tenant_id"], "t1/test");
}

#[test]
fn every_minted_token_verifies_with_the_jsonwebtoken_crate() {
    for extra in [
        &[][..],
        &["--no-expiry"][..],
        &["--client-key", CLIENT_KEY][..],
        &["--claim", "n=[1,2]"][..],
    ] {
        let token = stdout_of(
            with_key()
                .args(["issue", "--user-id", "ü-ser\"/x"])
                .args(extra),
        );
        let mut validation = Validation::new(Algorithm::HS256);
        validation.required_spec_claims.clear();
        let decoded = decode::<Value>(
            token.trim(),
            &DecodingKey::from_secret(KEY.as_bytes()),
            &validation,
        )
        .unwrap_or_else(|err| panic!("{extra:?}: {err}"));
        assert_eq!(
            decoded.claims["scope"],
            "user_id:ü-ser\"/x inbox:read:messages inbox:write:events"
        );
    }
}

#[test]
fn a_missing_key_is_an_error_naming_where_it_looked() {
    bare()
        .args(["issue", "--user-id", "u"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("COURIER_API_KEY")
                .and(predicate::str::contains("COURIER_AUTH_TOKEN")),
        );
}
