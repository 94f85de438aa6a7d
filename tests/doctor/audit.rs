//! `doctor --audit` against the loopback Inbox and websocket: a workspace that accepts
//! everything (flagged, exit 1), one that accepts only JWTs (exit 0), what is tried without a
//! token or a key, and an unreachable or silent Inbox (exit 2).

use super::modes::{key_mode, SLOW};
use super::*;
use ws_server::{Behaviour, WsServer};

#[test]
fn the_audit_flags_a_workspace_that_accepts_everything() {
    let server = MockServer::start(vec![count(1), count(1), count(1)]);
    let socket = WsServer::start(vec![Behaviour::Accept]);
    let output = run(key_mode(&[
        &alice_token(),
        "--audit",
        "--inbox-url",
        &server.base_url(),
        "--realtime-url",
        &socket.url(),
    ]));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "\
mode             status workspace  note
client key only  200    accepts    anyone with the public client key reads any user's inbox
HMAC signature   200    accepts    legacy mode (deprecated)
JWT              200    accepts
JWT, realtime    101    accepts
"
        ),
        "{text}"
    );
    assert!(text.ends_with("This workspace accepts the client key alone, HMAC user signatures and the JWT at hand. Anyone who reads the client key from your page and guesses a user id reads that user's inbox (an HMAC answer proves nothing while the client key alone is enough). Before going to production, enable JWT authentication on the Inbox integration (Courier: Integrations → Courier Inbox → \"Enable JWT Authentication\") and have your backend issue each user a token (courier-token issue --remote).\n"), "{text}");
    let sent = requests(&server);
    assert_eq!(
        sent.iter()
            .map(|r| r.header("authorization").is_some())
            .collect::<Vec<_>>(),
        [false, false, true]
    );
}

#[test]
fn the_audit_passes_a_workspace_that_accepts_only_jwts() {
    let refusal = || Reply::json(401, r#"{"message":"unauthenticated"}"#);
    let server = MockServer::start(vec![refusal(), refusal(), count(3)]);
    let socket = WsServer::start(vec![Behaviour::Accept]);
    let output = run(key_mode(&[
        &alice_token(),
        "--audit",
        "--json",
        "--inbox-url",
        &server.base_url(),
        "--realtime-url",
        &socket.url(),
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "client_key_only_refused").as_deref(),
        Some("pass")
    );
    assert_eq!(status_of(&report, "hmac_refused").as_deref(), Some("info"));
    assert_eq!(
        status_of(&report, "realtime_accepted").as_deref(),
        Some("pass")
    );
    let rows: Vec<(String, String, Value)> = report["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["mode"].as_str().unwrap().into(),
                row["channel"].as_str().unwrap().into(),
                row["accepted"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("client_key".into(), "graphql".into(), Value::Bool(false)),
            ("hmac".into(), "graphql".into(), Value::Bool(false)),
            ("jwt".into(), "graphql".into(), Value::Bool(true)),
            ("jwt".into(), "realtime".into(), Value::Bool(true)),
        ]
    );
    assert_eq!(report["verdict"], "This workspace accepts the JWT at hand. Only JWTs get in: ready for production as far as Inbox authentication goes.");
}

#[test]
fn the_audit_without_a_token_or_key_tries_what_it_can_and_errors_when_unreachable() {
    let server = MockServer::start(vec![Reply::json(401, "{}")]);
    let output = run(
        key_mode(&["--audit", "--inbox-url", &server.base_url()]).env_remove("COURIER_API_KEY")
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("HMAC signature   -      not tried  no --user-signature and no API key at hand to compute one\nJWT              -      not tried  no token given\n"), "{text}");
    assert_eq!(requests(&server).len(), 1);
    assert_error(
        &run(key_mode(&["--audit", "--inbox-url", &closed_port_url()])),
        "refused the connection",
    );
    let slow = MockServer::start(vec![Reply::Silent(SLOW)]);
    assert_error(
        &run(key_mode(&[
            "--audit",
            "--timeout",
            "300ms",
            "--inbox-url",
            &slow.base_url(),
        ])),
        "within 300ms",
    );
}

#[test]
fn the_audit_takes_its_user_id_from_the_pasted_request_or_the_token() {
    let curl = format!(
        "curl 'https://inbox.courier.com/q' \\\n  -H 'authorization: Bearer {}' \\\n  -H 'x-courier-user-id: bob' \\\n  --data-raw '{{\"query\":\"query {{ count(params: {{ status: \\\"unread\\\" }}) }}\"}}'\n",
        alice_token()
    );
    let output =
        run(doctor(&["-", "--audit", "--dry-run", "--client-key", CLIENT_KEY]).write_stdin(curl));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(
        text.matches("x-courier-user-id: bob\n").count(),
        3,
        "{text}"
    );
    assert!(text.contains("&userId=bob&"), "{text}");
    let output = run(doctor(&[
        &alice_token(),
        "--audit",
        "--dry-run",
        "--client-key",
        CLIENT_KEY,
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output)
            .matches("x-courier-user-id: alice\n")
            .count(),
        3
    );
    let output = run(doctor(&["--audit", "--client-key", CLIENT_KEY]));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--user-id"), "{}", stderr(&output));
}
