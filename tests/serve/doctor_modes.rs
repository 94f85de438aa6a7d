//! `doctor`'s other modes against serve's workspace policy, both real binaries: the audit
//! flags a workspace that accepts the client key alone and passes one that accepts only JWTs
//! (with a token serve minted and the API key at hand, which signed it); client-key and HMAC
//! modes are accepted or refused as `--auth` says, with the code serve logs equal to doctor's;
//! and the realtime probe opens serve's socket, or is not tried once the Inbox refused the token.
//! The v7 client's recorded requests, which doctor's client-key and HMAC probes copy, get
//! serve's counts.

use assert_cmd::Command;
use serde_json::Value;

use super::common::{bare_for_network, KEY, NOW};
use super::{Serve, INBOX_SCOPE};

/// A signature of 64 hex digits made with no workspace's key.
const WRONG_SIGNATURE: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/// `doctor --json --inbox-url <serve> --realtime-url <serve's socket>` with `args`; the
/// exit code and the diagnosis. `with_key`: the API key serve plays is at hand.
fn doctor(serve: &Serve, with_key: bool, args: &[&str]) -> (i32, Value) {
    let mut command: Command = bare_for_network();
    if with_key {
        command.env("COURIER_API_KEY", KEY);
    }
    let output = command
        .args(["--now", NOW, "doctor", "--json", "--inbox-url", &serve.base])
        .args(["--realtime-url", &serve.socket])
        .args(args)
        .output()
        .expect("doctor runs");
    let diagnosis = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code().expect("an exit code"), diagnosis)
}

fn client_key(serve: &Serve) -> String {
    serve.urls["client_key"]
        .as_str()
        .expect("client_key")
        .to_string()
}

/// The check with `code`, or a panic showing the diagnosis.
fn check<'d>(diagnosis: &'d Value, code: &str) -> &'d Value {
    diagnosis["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|check| check["code"] == code)
        .unwrap_or_else(|| panic!("no {code}: {diagnosis}"))
}

/// The audit's row for `mode` on `channel`: whether the workspace accepted it.
fn audited(diagnosis: &Value, mode: &str, channel: &str) -> Value {
    diagnosis["audit"]
        .as_array()
        .expect("audit")
        .iter()
        .find(|row| row["mode"] == mode && row["channel"] == channel)
        .unwrap_or_else(|| panic!("no {mode}/{channel}: {diagnosis}"))["accepted"]
        .clone()
}

/// `doctor --audit` with a token serve minted and the API key at hand.
fn audit(serve: &Serve) -> (i32, Value) {
    let token = serve.issue(INBOX_SCOPE, "1h");
    let key = client_key(serve);
    doctor(
        serve,
        true,
        &[
            &token,
            "--audit",
            "--client-key",
            &key,
            "--user-id",
            "alice",
        ],
    )
}

#[test]
fn the_audit_flags_a_workspace_that_accepts_every_mode() {
    let serve = Serve::start(&["--auth", "jwt,client-key,hmac"]);
    let (code, diagnosis) = audit(&serve);
    assert_eq!(code, 1, "{diagnosis}");
    assert_eq!(
        check(&diagnosis, "client_key_only_accepted")["status"],
        "fail"
    );
    assert_eq!(check(&diagnosis, "hmac_accepted")["status"], "pass");
    assert_eq!(check(&diagnosis, "realtime_accepted")["status"], "pass");
    for (mode, channel) in [
        ("client_key", "graphql"),
        ("hmac", "graphql"),
        ("jwt", "graphql"),
        ("jwt", "realtime"),
    ] {
        assert_eq!(audited(&diagnosis, mode, channel), true, "{mode}/{channel}");
    }
}

#[test]
fn the_audit_passes_a_workspace_that_accepts_only_jwts() {
    let serve = Serve::start(&["--auth", "jwt"]);
    let (code, diagnosis) = audit(&serve);
    assert_eq!(code, 0, "{diagnosis}");
    assert_eq!(
        check(&diagnosis, "client_key_only_refused")["status"],
        "pass"
    );
    assert_eq!(check(&diagnosis, "hmac_refused")["status"], "info");
    assert_eq!(audited(&diagnosis, "jwt", "realtime"), true);
    // serve signs its tokens with the API key at hand; its acceptance settles signed_locally.
    assert_eq!(check(&diagnosis, "signed_locally")["status"], "warn");
    assert!(serve
        .log_line("refused POST /q")
        .contains(": client_key_refused ("));
    assert!(serve
        .log_line("refused POST /q")
        .contains(": hmac_refused ("));
}

#[test]
fn client_key_mode_is_accepted_or_refused_as_the_workspace_says() {
    let open = Serve::start(&["--auth", "client-key"]);
    let key = client_key(&open);
    open.send("alice", None, "public");
    let (code, diagnosis) = doctor(&open, false, &["--client-key", &key, "--user-id", "alice"]);
    assert_eq!(code, 1, "{diagnosis}");
    assert_eq!(diagnosis["probes"][0]["mode"], "client_key");
    assert_eq!(diagnosis["probes"][0]["unread"], 1, "{diagnosis}");
    assert_eq!(
        check(&diagnosis, "client_key_only_accepted")["status"],
        "fail"
    );
    assert!(open.log_line("POST /q").contains(" 200 user=alice"));

    for auth in ["jwt", "hmac"] {
        let closed = Serve::start(&["--auth", auth]);
        let (code, diagnosis) = doctor(
            &closed,
            false,
            &["--client-key", &key, "--user-id", "alice"],
        );
        assert_eq!(code, 0, "{auth}: {diagnosis}");
        let refused = &check(&diagnosis, "client_key_only_refused")["message"];
        assert!(refused.as_str().unwrap().contains("client_key_refused"));
        let logged = closed.log_line("refused POST /q");
        assert!(
            logged.contains(": client_key_refused ("),
            "{auth}: {logged}"
        );
    }
}

#[test]
fn hmac_mode_is_accepted_with_the_workspaces_signature() {
    let serve = Serve::start(&["--auth", "hmac"]);
    let key = client_key(&serve);
    let (code, diagnosis) = doctor(
        &serve,
        true,
        &["--hmac", "--client-key", &key, "--user-id", "alice"],
    );
    assert_eq!(code, 0, "{diagnosis}");
    assert_eq!(check(&diagnosis, "hmac_accepted")["status"], "pass");
    assert_eq!(check(&diagnosis, "hmac_deprecated")["status"], "warn");
    assert!(serve.log_line("POST /q").contains(" 200 user=alice"));
}

#[test]
fn doctor_and_serve_agree_on_a_wrong_signature() {
    let serve = Serve::start(&["--auth", "hmac"]);
    let key = client_key(&serve);
    let args = [
        "--user-signature",
        WRONG_SIGNATURE,
        "--client-key",
        &key,
        "--user-id",
        "alice",
    ];
    // With the key at hand doctor finds it offline; serve refuses the probe for the same cause.
    let (code, diagnosis) = doctor(&serve, true, &args);
    assert_eq!(code, 1, "{diagnosis}");
    assert_eq!(
        check(&diagnosis, "user_signature_mismatch")["status"],
        "fail"
    );
    let logged = serve.log_line("refused POST /q");
    assert!(logged.contains(": user_signature_mismatch ("), "{logged}");
    // Without it, doctor quotes serve's code in its refusal.
    let (code, diagnosis) = doctor(&serve, false, &args);
    assert_eq!(code, 1, "{diagnosis}");
    let refused = check(&diagnosis, "hmac_refused");
    assert_eq!(refused["status"], "fail");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("user_signature_mismatch"));
    let logged = serve.log_line("refused POST /q");
    assert!(logged.contains(": user_signature_mismatch ("), "{logged}");
}

#[test]
fn doctor_and_serve_agree_on_hmac_in_a_jwt_workspace() {
    let serve = Serve::start(&["--auth", "jwt"]);
    let key = client_key(&serve);
    let (code, diagnosis) = doctor(
        &serve,
        true,
        &["--hmac", "--client-key", &key, "--user-id", "alice"],
    );
    assert_eq!(code, 1, "{diagnosis}");
    assert_eq!(check(&diagnosis, "hmac_refused")["status"], "fail");
    let logged = serve.log_line("refused POST /q");
    assert!(logged.contains(": hmac_refused ("), "{logged}");
}

#[test]
fn the_realtime_probe_opens_serves_socket() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let (code, diagnosis) = doctor(&serve, false, &[&token]);
    assert_eq!(code, 0, "{diagnosis}");
    assert_eq!(check(&diagnosis, "realtime_accepted")["status"], "pass");
    assert_eq!(diagnosis["probes"][1]["mode"], "jwt");
    assert_eq!(diagnosis["probes"][1]["channel"], "realtime");
    assert_eq!(diagnosis["probes"][1]["http_status"], 101);
    assert!(serve.log_line("GET / ").contains(" 101 user=alice"));
}

#[test]
fn an_expired_token_is_refused_by_the_inbox_before_the_socket() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "-1h");
    let (code, diagnosis) = doctor(&serve, false, &[&token]);
    assert_eq!(code, 1, "{diagnosis}");
    assert_eq!(check(&diagnosis, "expired")["status"], "fail");
    assert_eq!(check(&diagnosis, "rejected_by_courier")["status"], "fail");
    // The GraphQL probe refuses first, so doctor does not open the socket.
    assert_eq!(check(&diagnosis, "realtime_skipped")["status"], "info");
    assert_eq!(diagnosis["probes"].as_array().unwrap().len(), 1);
    assert!(serve.log_line("refused POST /q").contains(": expired ("));
}

/// The v7 client's requests doctor's client-key and HMAC probes copy, replayed as recorded
/// (`tests/fixtures/sdk_v7_unread_count_requests.json`): serve answers each with the count.
#[test]
fn serve_answers_the_recorded_v7_requests_of_both_modes() {
    let recorded: Value = serde_json::from_str(include_str!(
        "../fixtures/sdk_v7_unread_count_requests.json"
    ))
    .expect("the fixture");
    let serve = Serve::start(&[
        "--workspace-id",
        super::common::TENANT_ID,
        "--auth",
        "client-key,hmac",
    ]);
    serve.send("blah", None, "one");
    serve.send("blah", Some("acme-co"), "two");
    serve.send("blah", Some("acme-co"), "three");
    for request in recorded["requests"].as_array().expect("requests") {
        let headers: Vec<(&str, &str)> = request["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|pair| (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
            .collect();
        let body = request["body"].as_str().expect("body");
        let (status, answer) = serve.post(request["path"].as_str().unwrap(), &headers, body);
        let unread = if request["tenant_id"].is_null() { 1 } else { 2 };
        assert_eq!(status, 200, "{request}: {answer}");
        assert_eq!(answer["data"]["count"], unread, "{request}: {answer}");
        assert!(serve.log_line("POST /q").contains(" 200 user=blah"));
    }
}
