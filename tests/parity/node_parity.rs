//! Known answers from Node: tokens minted by `jsonwebtoken` 9 and expiries computed by `ms` 2,
//! recorded by `scripts/node-vectors.js` into `tests/fixtures/`. The library must reproduce
//! every token byte for byte and every `exp` exactly, and the binary must write `--claim`
//! values as `JSON.stringify` does (`node_claim_vectors.json`).

use crate::common;

use courier_token::expires_in::parse_ms;
use courier_token::token::{ClaimTemplate, Minter, Signer};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture exists"))
        .expect("fixture is JSON")
}

/// `exp` as Node computes it: `floor(iat + ms/1000)` for strings, `iat + n` for numbers.
fn node_exp(expires_in: &Value, iat: i64) -> Option<i64> {
    match expires_in {
        Value::String(text) => parse_ms(text).map(|ms| (iat as f64 + ms / 1000.0).floor() as i64),
        Value::Number(n) => n.as_i64().map(|seconds| iat + seconds),
        _ => None,
    }
}

#[test]
fn tokens_match_node_jsonwebtoken_byte_for_byte() {
    let vectors = fixture("node_vectors.json");
    let cases = vectors["tokens"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let iat = case["iat"].as_i64().unwrap();
        let template = ClaimTemplate {
            tenant_scope: case["tenant_scope"].as_str().map(str::to_string),
            tenant_id: case["tenant_id"].as_str().map(str::to_string),
            custom: Vec::new(),
            iat,
            exp: if case["expires_in"].is_null() {
                None
            } else {
                node_exp(&case["expires_in"], iat)
            },
        };
        let minter = Minter::new(
            Signer::from_bytes(case["key"].as_str().unwrap().as_bytes()),
            &template,
        );
        let token = minter.mint(case["scope"].as_str().unwrap(), case["jwtid"].as_str());
        assert_eq!(
            token,
            case["token"].as_str().unwrap(),
            "case {}",
            case["name"]
        );
    }
}

#[test]
fn expires_in_matches_node_ms_and_jsonwebtoken() {
    let vectors = fixture("node_vectors.json");
    let cases = vectors["expires_in"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let iat = case["iat"].as_i64().unwrap();
        let ours = match &case["input"] {
            // Node refuses non-integer numbers and empty strings in option validation.
            Value::Number(n) if n.as_i64().is_none() => None,
            input => node_exp(input, iat),
        };
        assert_eq!(ours, case["exp"].as_i64(), "input {}", case["input"]);
    }
}

/// `issue` for the claim vectors' token, with `--claim c=TEXT`.
fn issue_with_claim(text: &str) -> std::process::Output {
    issue_with_claim_and_jti(text, None, false)
}

/// [`issue_with_claim`] with another `jti` (bulk needs `{n}` in it), in single or bulk mode.
fn issue_with_claim_and_jti(text: &str, jti: Option<&str>, bulk: bool) -> std::process::Output {
    let vectors = fixture("node_claim_vectors.json");
    let claim = &vectors["claim"];
    let mut command = common::bare();
    command
        .env("COURIER_API_KEY", claim["key"].as_str().unwrap())
        .args(["--now", &claim["iat"].to_string(), "issue"])
        .args(["--tenant-id", claim["tenant_id"].as_str().unwrap()])
        .args(["--tenant-scope", claim["tenant_scope"].as_str().unwrap()])
        .args(["--expires-in", claim["expires_in"].as_str().unwrap()])
        .args(["--jti", jti.unwrap_or(claim["jwtid"].as_str().unwrap())])
        .arg(format!("--claim=c={text}"));
    let user_id = claim["scope"].as_str().unwrap().split(' ').next().unwrap();
    let user_id = user_id.strip_prefix("user_id:").unwrap();
    if bulk {
        command
            .args(["--user-ids-from", "-"])
            .write_stdin(format!("{user_id}\n"));
    } else {
        command.args(["--user-id", user_id]);
    }
    command.output().unwrap()
}

#[test]
fn claim_values_are_written_as_node_writes_them() {
    let vectors = fixture("node_claim_vectors.json");
    let cases = vectors["written"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let output = issue_with_claim(text);
        assert!(output.status.success(), "{text}: {output:?}");
        let token = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            token.trim_end(),
            case["token"].as_str().unwrap(),
            "--claim c={text}"
        );
    }
}

#[test]
fn bulk_writes_claim_values_as_a_single_run_does() {
    let vectors = fixture("node_claim_vectors.json");
    for case in vectors["written"].as_array().unwrap().iter().take(12) {
        let text = case["text"].as_str().unwrap();
        let single = issue_with_claim_and_jti(text, Some("id-{n}"), false);
        let bulk = issue_with_claim_and_jti(text, Some("id-{n}"), true);
        assert!(
            single.status.success() && bulk.status.success(),
            "{text}: {bulk:?}"
        );
        assert_eq!(single.stdout, bulk.stdout, "bulk --claim c={text}");
    }
}

#[test]
fn json_that_node_would_alter_is_refused_saying_what_node_writes() {
    let vectors = fixture("node_claim_vectors.json");
    for case in vectors["altered"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        assert!(case["value_json"].as_str().unwrap().contains("null"));
        let output = issue_with_claim(text);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("past what JavaScript holds: Node would write null"),
            "{text}: {stderr}"
        );
    }
}

#[test]
fn integers_a_javascript_number_cannot_hold_are_written_as_node_does_with_a_note() {
    let output = issue_with_claim("12345678901234567890");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("12345678901234567890 has more digits than a JavaScript number holds; the token carries 12345678901234567000, as Node's would"),
        "{stderr}"
    );
    let exact = issue_with_claim("9007199254740992");
    assert!(exact.status.success());
    assert!(!String::from_utf8(exact.stderr).unwrap().contains("digits"));
}

#[test]
fn claims_named_by_a_number_are_refused_as_javascript_would_move_them() {
    let output = common::with_key()
        .args([
            "--now",
            common::NOW,
            "issue",
            "--user-id",
            "a",
            "--claim",
            "5=x",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("JavaScript puts a claim named by a number before all the others"),
        "{stderr}"
    );
}
