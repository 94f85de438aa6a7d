//! `doctor --inbox-url <serve>` and serve agree: a token serve minted is accepted with the
//! unread count serve holds; an expired, foreign-key, wrong-user or scope-less token gets from
//! doctor the same reason code serve logged for it (doctor's own check, or — for a signature
//! only the workspace can check — in the 401 message doctor quotes).

use serde_json::Value;

use super::common::{bare_for_network, NOW};
use super::policy::{now, token_with};
use super::{Serve, INBOX_SCOPE};

/// `doctor --json` on `token` against serve (no API key at hand, as on a support desk).
fn doctor(serve: &Serve, token: &str, extra: &[&str]) -> Value {
    let output = bare_for_network()
        .args([
            "--now",
            NOW,
            "doctor",
            token,
            "--inbox-url",
            &serve.base,
            "--json",
        ])
        .args(extra)
        .output()
        .expect("doctor runs");
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&output.stderr)))
}

fn codes(diagnosis: &Value) -> Vec<String> {
    diagnosis["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|check| check["status"] == "fail")
        .map(|check| check["code"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts doctor failed with `code` and serve logged the same code for the probe.
fn agree_on(serve: &Serve, diagnosis: &Value, code: &str) {
    let logged = serve.log_line("POST /q user=");
    assert!(logged.contains(&format!(": {code} (")), "serve: {logged}");
    assert!(
        codes(diagnosis).contains(&code.to_string()),
        "doctor: {diagnosis}"
    );
    assert_eq!(diagnosis["ok"], false);
}

#[test]
fn doctor_accepts_serves_token_with_serves_unread_count() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "one");
    serve.send("alice", None, "two");
    let token = serve.issue(INBOX_SCOPE, "1h");
    let diagnosis = doctor(&serve, &token, &[]);
    assert_eq!(diagnosis["ok"], true, "{diagnosis}");
    assert_eq!(diagnosis["probes"][0]["accepted"], true);
    assert_eq!(diagnosis["probes"][0]["unread"], 2);
}

#[test]
fn doctor_and_serve_agree_on_an_expired_token() {
    let serve = Serve::start(&[]);
    let diagnosis = doctor(&serve, &serve.issue(INBOX_SCOPE, "-1h"), &[]);
    agree_on(&serve, &diagnosis, "expired");
}

#[test]
fn doctor_and_serve_agree_on_another_users_token() {
    let serve = Serve::start(&[]);
    let diagnosis = doctor(
        &serve,
        &serve.issue(INBOX_SCOPE, "1h"),
        &["--user-id", "bob"],
    );
    agree_on(&serve, &diagnosis, "user_id_mismatch");
}

#[test]
fn doctor_and_serve_agree_on_a_scopeless_token() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "hidden");
    let diagnosis = doctor(&serve, &serve.issue("user_id:alice", "1h"), &[]);
    // Served as Courier's docs describe it: an empty inbox, and the reason on stderr.
    assert_eq!(diagnosis["probes"][0]["unread"], 0);
    let logged = serve.log_line("served an empty inbox");
    assert!(logged.contains(": inbox_scopes_missing ("), "{logged}");
    assert!(
        codes(&diagnosis).contains(&"inbox_scopes_missing".to_string()),
        "{diagnosis}"
    );
}

#[test]
fn doctor_and_serve_agree_on_a_token_signed_with_another_key() {
    let serve = Serve::start(&[]);
    let tenant = (super::WORKSPACE, "published/production");
    let foreign = token_with(
        b"sk_another_workspace",
        INBOX_SCOPE,
        Some(now() + 3600),
        vec![],
        tenant,
    );
    let diagnosis = doctor(&serve, &foreign, &[]);
    let logged = serve.log_line("refused POST /q");
    assert!(logged.contains(": bad_signature ("), "{logged}");
    let rejected = diagnosis["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["code"] == "rejected_by_courier")
        .unwrap_or_else(|| panic!("{diagnosis}"));
    assert!(
        rejected["message"]
            .as_str()
            .unwrap()
            .contains("bad_signature"),
        "{rejected}"
    );
}
