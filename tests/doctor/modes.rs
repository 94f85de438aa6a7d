//! The client-key and HMAC modes against the loopback Inbox: each request held to what the v7
//! SDK sends (`tests/fixtures/sdk_v7_unread_count_requests.json`), each mode accepted, refused,
//! unreachable and timing out, the offline signature check, and `--dry-run` for every mode.

use super::*;

pub(super) const SLOW: std::time::Duration = std::time::Duration::from_secs(3);

fn v7_fixture() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdk_v7_unread_count_requests.json"
    ))
    .unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    fixture["requests"].as_array().unwrap().clone()
}

/// Asserts `request` is the SDK's, header for header (the SDK's in its order, then ours).
fn assert_is_the_sdks(request: &Recorded, sdk: &Value) {
    let path = sdk["path"].as_str().unwrap();
    assert_eq!(
        request.request_line,
        format!("{} {path} HTTP/1.1", sdk["method"].as_str().unwrap())
    );
    assert_eq!(request.body, sdk["body"].as_str().unwrap());
    let expected: Vec<(String, String)> = sdk["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().into(),
                pair[1].as_str().unwrap().into(),
            )
        })
        .collect();
    let sent: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| {
            !["host", "content-length", "user-agent"].contains(&name.to_ascii_lowercase().as_str())
        })
        .cloned()
        .collect();
    assert_eq!(sent, expected);
    assert_eq!(request.header("User-Agent"), Some(USER_AGENT));
}

/// `doctor` with the client key and user alice, and `args`.
pub(super) fn key_mode(args: &[&str]) -> Command {
    let mut command = doctor(&["--client-key", CLIENT_KEY, "--user-id", "alice"]);
    command.args(args);
    command
}

#[test]
fn client_key_and_hmac_probes_are_the_v7_sdks_requests_byte_for_byte() {
    let expected = v7_fixture();
    assert_eq!(
        (
            expected[0]["mode"].as_str(),
            expected[1]["tenant_id"].as_str()
        ),
        (Some("client_key"), Some("acme-co"))
    );
    let server = MockServer::start(vec![count(1), count(1), count(1)]);
    let base = [
        "--client-key",
        expected[0]["client_key"].as_str().unwrap(),
        "--user-id",
        "blah",
        "--inbox-url",
        &server.base_url(),
    ];
    run(doctor(&base));
    run(doctor(&base).args(["--tenant", "acme-co"]));
    // The signature computed from the key at hand is Node's for the same key and user.
    run(doctor(&base).args(["--hmac"]).env("COURIER_API_KEY", KEY));
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    for (request, sdk) in sent.iter().zip(&expected) {
        assert_is_the_sdks(request, sdk);
    }
}

#[test]
fn client_key_mode_accepted_is_the_failing_finding() {
    let server = MockServer::start(vec![count(2)]);
    let output = run(key_mode(&["--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("\
i workspace                 the client key is workspace {TENANT_ID}'s
✗ client_key_only_accepted  Courier's Inbox answered 200 to the client key and user id alone (2 unread for alice): anyone who reads the client key from the page and guesses a user id reads that user's inbox

This workspace answers Inbox queries with public information only: the client key and user id alice were enough. Before going to production, enable JWT authentication on the Inbox integration (Courier: Integrations → Courier Inbox → \"Enable JWT Authentication\") and have your backend issue each user a token (courier-token issue --remote).
")
    );
    let sent = requests(&server);
    assert_eq!(sent[0].header("authorization"), None);
    assert_eq!(sent[0].header("x-courier-user-signature"), None);
}

#[test]
fn client_key_mode_refused_is_a_pass() {
    let server = MockServer::start(vec![Reply::json(401, r#"{"message":"unauthenticated"}"#)]);
    let output = run(key_mode(&["--inbox-url", &server.base_url(), "--json"]));
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output);
    assert_eq!(
        checks(&report)[1],
        ("client_key_only_refused".into(), "pass".into())
    );
    assert_eq!(report["verdict"], "Client-key-only access is refused (401): the Inbox needs a JWT (or a legacy HMAC signature).");
    assert_eq!(report["probes"][0]["mode"], "client_key");
}

#[test]
fn every_key_mode_unreachable_or_timing_out_is_an_error() {
    for extra in [&[][..], &["--hmac"][..]] {
        let output = run(key_mode(&["--inbox-url", &closed_port_url()]).args(extra));
        assert_error(&output, "refused the connection");
        let server = MockServer::start(vec![Reply::Silent(SLOW)]);
        let output =
            run(key_mode(&["--inbox-url", &server.base_url(), "--timeout", "300ms"]).args(extra));
        assert_error(&output, "within 300ms (--timeout)");
    }
}

#[test]
fn hmac_accepted_carries_the_deprecation_note_and_never_sends_the_key() {
    let server = MockServer::start(vec![count(4)]);
    let output = run(key_mode(&[
        "--hmac",
        "--inbox-url",
        &server.base_url(),
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json_of(&output);
    assert_eq!(
        checks(&report),
        [
            ("workspace".into(), "info".into()),
            ("user_signature".into(), "info".into()),
            ("hmac_deprecated".into(), "warn".into()),
            ("hmac_accepted".into(), "pass".into()),
        ]
    );
    assert!(report["verdict"]
        .as_str()
        .unwrap()
        .contains("legacy mode (deprecated)"));
    assert_eq!(report["probes"][0]["mode"], "hmac");
    let sent = requests(&server);
    let signature = courier_token::user_signature::user_signature(
        &Signer::from_bytes(CANARY_KEY.as_bytes()),
        "alice",
    );
    assert_eq!(
        sent[0].header("x-courier-user-signature"),
        Some(signature.as_str())
    );
    assert!(
        !stdout(&output).contains(&signature),
        "the signature is a credential"
    );
}

#[test]
fn hmac_refused_fails_and_says_what_to_check() {
    let server = MockServer::start(vec![Reply::json(401, "{}")]);
    let signature = "ab".repeat(32);
    let output = run(key_mode(&[
        "--user-signature",
        &signature,
        "--inbox-url",
        &server.base_url(),
        "--json",
    ])
    .env_remove("COURIER_API_KEY"));
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "user_signature").as_deref(),
        Some("info")
    );
    assert_eq!(status_of(&report, "hmac_refused").as_deref(), Some("fail"));
    assert!(report["verdict"].as_str().unwrap().starts_with("Courier refuses the HMAC user signature for user alice (401): HMAC authentication is not enabled"));
    assert_eq!(
        requests(&server)[0].header("x-courier-user-signature"),
        Some(signature.as_str())
    );
}

#[test]
fn a_signature_that_does_not_match_the_key_at_hand_is_found_offline() {
    let other =
        courier_token::user_signature::user_signature(&Signer::from_bytes(b"another key"), "alice");
    let output = run(key_mode(&[
        "--user-signature",
        &other,
        "--offline",
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "user_signature_mismatch").as_deref(),
        Some("fail")
    );
    assert_eq!(status_of(&report, "probe_skipped").as_deref(), Some("info"));
    assert!(report["verdict"].as_str().unwrap().starts_with(
        "This signature will not work: the signature is not HMAC-SHA256 of user alice"
    ));
    let good = courier_token::user_signature::user_signature(
        &Signer::from_bytes(CANARY_KEY.as_bytes()),
        "alice",
    );
    let (report, code) = (
        json_of(&run(key_mode(&[
            "--user-signature",
            &good.to_uppercase(),
            "--offline",
            "--json",
        ]))),
        0,
    );
    assert_eq!(
        (status_of(&report, "user_signature").as_deref(), code),
        (Some("pass"), 0)
    );
    assert_error(
        &run(key_mode(&["--user-signature", "abc"])),
        "--user-signature: the signature has 3 characters",
    );
    assert_error(
        &run(key_mode(&["--hmac"]).env_remove("COURIER_API_KEY")),
        "HMAC mode needs a signature",
    );
    assert_error(
        &run(doctor(&[
            &alice_token(),
            "--client-key",
            CLIENT_KEY,
            "--user-id",
            "alice",
            "--hmac",
        ])),
        "HMAC mode takes no token",
    );
}

#[test]
fn dry_run_shows_every_probe_with_secrets_redacted() {
    let signature = "cd".repeat(32);
    let output = run(key_mode(&[
        "--user-signature",
        &signature,
        "--dry-run",
        "--inbox-url",
        "http://127.0.0.1:9",
    ]));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("\
POST http://127.0.0.1:9/q
accept: application/graphql+json, application/json
content-type: application/json
x-courier-client-key: {CLIENT_KEY}
x-courier-user-id: alice
x-courier-user-signature: <redacted>
User-Agent: {USER_AGENT}

{{\"query\":\"query GetInboxCount($params: FilterParamsInput) {{\\n  count(params: $params)\\n}}\\n\",\"operationName\":\"GetInboxCount\",\"variables\":{{\"params\":{{\"status\":\"unread\"}}}}}}
"));
    let token = alice_token();
    let output = run(key_mode(&[&token, "--audit", "--dry-run"]));
    let text = stdout(&output);
    assert_eq!(
        text.matches("POST https://inbox.courier.com/q\n").count(),
        3,
        "{text}"
    );
    assert!(text.contains("\nGET wss://realtime.courier.io/?auth=<redacted>&cid=<cid>&iwpv=v1&userId=alice&sdk=courier-token&sdkv="), "{text}");
    assert!(!text.contains(&token) && !text.contains(&signature));
}

#[test]
fn without_a_token_the_client_key_and_user_id_mean_client_key_mode_and_dash_reads_a_token() {
    let output = run(key_mode(&["--offline", "--json"]).write_stdin(alice_token()));
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output);
    assert_eq!(
        checks(&report),
        [
            ("workspace".into(), "info".into()),
            ("probe_skipped".into(), "info".into())
        ]
    );
    let output = run(key_mode(&["-", "--offline", "--json"]).write_stdin(alice_token()));
    assert_eq!(checks(&json_of(&output))[0], ("jwt".into(), "pass".into()));
}
