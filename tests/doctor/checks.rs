//! The offline checks, each through the binary with `--offline --json` (or text where the
//! words matter): the input, the algorithm, the lifetime, the user, the scopes, the workspace
//! and the signature.

use super::*;

#[test]
fn a_client_key_or_junk_is_not_a_token() {
    let (report, code) = offline_report(CLIENT_KEY, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        checks(&report),
        [("client_key_not_token".into(), "fail".into())]
    );
    assert!(message_of(&report, "client_key_not_token").contains(TENANT_ID));
    let (report, _) = offline_report("hello world", &[]);
    assert_eq!(checks(&report), [("not_a_jwt".into(), "fail".into())]);
    assert_eq!(report["ok"], false);
}

#[test]
fn empty_input_is_an_error() {
    let output = run(doctor(&["-", "--offline"]).write_stdin("  \n"));
    assert_error(&output, "no token given");
}

#[test]
fn the_token_is_found_in_pasted_text_on_stdin() {
    let token = alice_token();
    for pasted in [
        format!("Authorization: Bearer {token}\n"),
        format!("{{\"token\":\"{token}\"}}"),
        format!("curl -H 'Authorization: Bearer {token}' https://inbox.courier.com/q"),
    ] {
        let output = run(doctor(&["--offline", "--json"]).write_stdin(pasted));
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(status_of(&json_of(&output), "jwt").as_deref(), Some("pass"));
    }
}

#[test]
fn alg_other_than_hs256_fails() {
    let none = "eyJhbGciOiJub25lIn0.eyJzY29wZSI6InVzZXJfaWQ6YWxpY2UifQ.c2ln";
    let (report, code) = offline_report(none, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(status_of(&report, "alg_not_hs256").as_deref(), Some("fail"));
    assert_eq!(status_of(&report, "alg"), None);
}

#[test]
fn lifetime_checks_expired_expires_soon_future_and_never() {
    let (report, _) = offline_report(
        &token_with(KEY, INBOX_SCOPE, 7200, Some(3600), TENANT_ID),
        &[],
    );
    assert_eq!(message_of(&report, "expired"), "expired 1h ago");
    let soon = token_with(KEY, INBOX_SCOPE, 0, Some(600), TENANT_ID);
    let (report, code) = offline_report(&soon, &["--min-ttl", "1h"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        message_of(&report, "expires_soon"),
        "expires 2022-11-28T15:34:10Z (in 10m), sooner than --min-ttl 1h"
    );
    let (report, code) = offline_report(&soon, &["--min-ttl", "5m"]);
    assert_eq!(
        (code, status_of(&report, "expiry").as_deref()),
        (Some(0), Some("pass"))
    );
    let future = token_with(KEY, INBOX_SCOPE, -3600, Some(7200), TENANT_ID);
    let (report, _) = offline_report(&future, &[]);
    assert_eq!(
        status_of(&report, "issued_in_future").as_deref(),
        Some("warn")
    );
    let never = token_with(KEY, INBOX_SCOPE, 60, None, TENANT_ID);
    let (report, code) = offline_report(&never, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(status_of(&report, "never_expires").as_deref(), Some("warn"));
    let output = run(doctor(&[&never, "--offline", "--min-ttl", "soon"]));
    assert_error(&output, "--min-ttl \"soon\" is not a duration");
}

#[test]
fn user_checks_missing_and_mismatch() {
    let nobody = token_with(
        KEY,
        "inbox:read:messages inbox:write:events",
        60,
        Some(3600),
        TENANT_ID,
    );
    let (report, code) = offline_report(&nobody, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        status_of(&report, "user_id_missing").as_deref(),
        Some("fail")
    );
    let (report, code) = offline_report(&alice_token(), &["--user-id", "bob"]);
    assert_eq!(code, Some(1));
    assert!(message_of(&report, "user_id_mismatch")
        .starts_with("the frontend's userId bob is not in the token, which is for alice"));
    let (report, _) = offline_report(&alice_token(), &["--user-id", "alice"]);
    assert_eq!(message_of(&report, "user_id"), "for user alice");
}

#[test]
fn scope_checks_missing_and_legacy_spellings() {
    let legacy = token_with(
        KEY,
        "user_id:alice read:messages write:events inbox:write:messages inbox:read:write",
        60,
        Some(3600),
        TENANT_ID,
    );
    let (report, code) = offline_report(&legacy, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        message_of(&report, "inbox_scopes_missing"),
        "lacks inbox:read:messages and inbox:write:events: the Inbox will connect but show no messages"
    );
    let legacy_messages: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == "legacy_scope")
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        legacy_messages,
        [
            "read:messages is an old spelling: the current Inbox needs inbox:read:messages",
            "write:events is an old spelling: the current Inbox needs inbox:write:events",
            "inbox:write:messages is an old spelling: the current Inbox needs inbox:write:events",
            "inbox:read:write is an old spelling: the current Inbox needs inbox:read:messages inbox:write:events",
        ]
    );
    assert_eq!(status_of(&report, "unknown_scope"), None);
}

#[test]
fn environment_and_tenant_checks() {
    let test_token = token_with(
        KEY,
        INBOX_SCOPE,
        60,
        Some(3600),
        &format!("{TENANT_ID}/test"),
    );
    let (report, code) = offline_report(&test_token, &["--client-key", CLIENT_KEY]);
    assert_eq!(code, Some(0));
    assert!(message_of(&report, "environment")
        .starts_with("test environment (tenant_scope published/test)"));
    assert_eq!(status_of(&report, "tenant").as_deref(), Some("pass"));
    let other = token_with(
        KEY,
        INBOX_SCOPE,
        60,
        Some(3600),
        "00000000-0000-4000-8000-000000000000",
    );
    let (report, code) = offline_report(&other, &["--client-key", CLIENT_KEY]);
    assert_eq!(code, Some(1));
    assert_eq!(
        status_of(&report, "tenant_mismatch").as_deref(),
        Some("fail")
    );
    let output = run(doctor(&[
        &other,
        "--offline",
        "--client-key",
        "not base64!",
    ]));
    assert_error(&output, "is not a Courier client key");
}

#[test]
fn without_a_key_the_signature_check_is_skipped_but_a_failing_explicit_source_is_an_error() {
    let output =
        run(doctor(&[&alice_token(), "--offline", "--json"]).env_remove("COURIER_API_KEY"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        status_of(&json_of(&output), "signature").as_deref(),
        Some("info")
    );
    let output = run(doctor(&[
        &alice_token(),
        "--offline",
        "--key-env",
        "NO_SUCH_VARIABLE_HERE",
    ]));
    assert_error(&output, "NO_SUCH_VARIABLE_HERE");
}

#[test]
fn the_real_courier_token_offline() {
    let (report, code) = offline_report(REAL_COURIER_TOKEN, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        checks(&report)
            .iter()
            .map(|(code, status)| format!("{status} {code}"))
            .collect::<Vec<_>>(),
        [
            "pass jwt",
            "pass alg",
            "warn issued_in_future", // --now is before its iat
            "warn never_expires",
            "pass user_id",
            "fail inbox_scopes_missing",
            "info environment",
            "pass signature",
            "info probe_skipped",
        ]
    );
    assert_eq!(
        report["verdict"],
        "This token will not work: lacks inbox:write:events: the Inbox will connect but show no messages. Issue one with the scope user_id:<id> inbox:read:messages inbox:write:events."
    );
}

#[test]
fn a_pasted_requests_client_key_is_checked_against_the_tokens_tenant() {
    let other = token_with(
        KEY,
        INBOX_SCOPE,
        60,
        Some(3600),
        "00000000-0000-4000-8000-000000000000",
    );
    let curl = format!(
        "curl 'https://inbox.courier.com/q' -H 'x-courier-user-id: alice' \
         -H 'x-courier-client-key: {CLIENT_KEY}' -H 'authorization: Bearer {other}' \
         --data-raw '{{\"query\":\"query {{ count }}\"}}'"
    );
    let output = run(doctor(&["--offline", "--json"]).write_stdin(curl.clone()));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "tenant_mismatch").as_deref(),
        Some("fail")
    );
    assert!(
        stderr(&output).contains("the pasted request's x-courier-client-key"),
        "{}",
        stderr(&output)
    );
    // The same request with the token's own workspace key passes.
    let same = curl.replace(&other, &alice_token());
    let output = run(doctor(&["--offline", "--json"]).write_stdin(same));
    assert_eq!(
        status_of(&json_of(&output), "tenant").as_deref(),
        Some("pass")
    );
}

#[test]
fn a_token_cut_off_is_called_cut_off_by_doctor_verify_and_inspect() {
    let token = alice_token();
    let two_segments = token.rsplit_once('.').unwrap().0.to_string();
    let short_signature = token[..token.len() - 10].to_string();
    for cut in [&two_segments, &short_signature] {
        let (report, code) = offline_report(cut, &[]);
        assert_eq!(code, Some(1));
        assert_eq!(status_of(&report, "cut_off").as_deref(), Some("fail"));
        assert!(message_of(&report, "cut_off").starts_with("the token is cut off"));
        let verify = common::with_key()
            .args(["verify", "--now", &NOW.to_string(), cut])
            .output()
            .expect("runs");
        assert_eq!(verify.status.code(), Some(1));
        assert!(
            stdout(&verify).starts_with("invalid: the token is cut off"),
            "{}",
            stdout(&verify)
        );
    }
    // inspect shows the header and claims the cut token still has.
    let inspect = common::bare()
        .args(["inspect", "--now", &NOW.to_string(), &two_segments])
        .output()
        .expect("runs");
    assert_eq!(inspect.status.code(), Some(1));
    let shown = stdout(&inspect);
    assert!(
        shown.contains("alg: \"HS256\"") && shown.contains("user_id:alice"),
        "{shown}"
    );
    assert!(stderr(&inspect).contains("the token is cut off after its claims"));
}
