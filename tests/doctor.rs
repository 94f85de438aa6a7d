//! `doctor` through the real binary, against a scripted stand-in for Courier's Inbox on
//! loopback that records each request and answers as Courier would: accepted with a count,
//! 401, 403, GraphQL errors, a slow answer, a closed port, 5xx and 429. Every check, the exact
//! request (held to what the real SDK sends, `tests/fixtures/sdk_unread_count_requests.json`),
//! exact text for the main verdicts, the JSON shape, `--dry-run`, and a canary API key that
//! must never show in any output or request. Time is pinned with `--now`; nothing here reaches
//! beyond 127.0.0.1.

mod common;
mod mock_server;

use std::borrow::BorrowMut;
use std::process::Output;

use assert_cmd::Command;
use common::{bare, CLIENT_KEY, KEY, REAL_COURIER_TOKEN, TENANT_ID};
use courier_token::token::{ClaimTemplate, Minter, Signer};
use mock_server::{closed_port_url, MockServer, Recorded, Reply};
use serde_json::Value;

/// An API key distinctive enough that finding it anywhere is certainly a leak.
const CANARY_KEY: &str = "sk_canary_doctor_K3y9";
/// 2022-11-28T15:24:10Z.
const NOW: i64 = 1_669_649_050;
const INBOX_SCOPE: &str = "user_id:alice inbox:read:messages inbox:write:events";
const USER_AGENT: &str = concat!("courier-token/", env!("CARGO_PKG_VERSION"));

/// A token like Courier's, signed with `key`, issued `age` seconds before [`NOW`] and expiring
/// `ttl` seconds after issue (never with `None`).
fn token_with(key: &str, scope: &str, age: i64, ttl: Option<i64>, tenant_id: &str) -> String {
    let iat = NOW - age;
    let template = ClaimTemplate {
        tenant_scope: Some(if tenant_id.ends_with("/test") {
            "published/test".to_string()
        } else {
            "published/production".to_string()
        }),
        tenant_id: Some(tenant_id.to_string()),
        custom: Vec::new(),
        iat,
        exp: ttl.map(|ttl| iat + ttl),
    };
    Minter::new(Signer::from_bytes(key.as_bytes()), &template).mint(scope, Some("jti-1"))
}

/// An Inbox token for alice, one hour long, issued a minute ago, not signed with the canary.
fn alice_token() -> String {
    token_with(KEY, INBOX_SCOPE, 60, Some(3600), TENANT_ID)
}

/// `courier-token doctor` with the canary key in the environment, no proxies, fast retries,
/// the clock pinned, and `args`.
fn doctor(args: &[&str]) -> Command {
    let mut command = bare();
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ] {
        command.env_remove(proxy);
    }
    command
        .env_remove("COURIER_INBOX_URL")
        .env("COURIER_API_KEY", CANARY_KEY)
        .env("COURIER_TOKEN_RETRY_BASE_MS", "1")
        .args(["doctor", "--now", &NOW.to_string()])
        .args(args);
    command
}

/// Runs the command; checks the canary key is in neither stream.
fn run(mut command: impl BorrowMut<Command>) -> Output {
    let output = command.borrow_mut().output().expect("runs");
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(CANARY_KEY),
            "the key leaked to {name}: {text}"
        );
    }
    output
}

/// Every request the server saw, checked for the canary key.
fn requests(server: &MockServer) -> Vec<Recorded> {
    let requests = server.requests();
    for request in &requests {
        let all = format!("{:?}{}", request.headers, request.body);
        assert!(!all.contains(CANARY_KEY), "the key was sent: {all}");
    }
    requests
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn count(unread: u64) -> Reply {
    Reply::json(200, &format!(r#"{{"data":{{"count":{unread}}}}}"#))
}

/// The JSON report of a run, after checking it is one line ending in a newline.
fn json_of(output: &Output) -> Value {
    let text = stdout(output);
    assert!(
        text.ends_with('\n') && text.matches('\n').count() == 1,
        "{text}"
    );
    serde_json::from_str(&text).expect("JSON")
}

/// The codes and statuses of the checks, in order.
fn checks(report: &Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().into(),
                c["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn status_of(report: &Value, code: &str) -> Option<String> {
    checks(report)
        .into_iter()
        .find(|(c, _)| c == code)
        .map(|(_, status)| status)
}

fn message_of(report: &Value, code: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .and_then(|c| c["message"].as_str())
        .unwrap_or_else(|| panic!("no check {code} in {report}"))
        .to_string()
}

/// An offline JSON report for `token` with `args`.
fn offline_report(token: &str, args: &[&str]) -> (Value, Option<i32>) {
    let output = run(doctor(&[token, "--offline", "--json"]).args(args));
    (json_of(&output), output.status.code())
}

#[test]
fn the_probe_is_the_sdks_request_byte_for_byte() {
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/sdk_unread_count_requests.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let expected = fixture["requests"].as_array().unwrap();
    assert_eq!(expected[1]["tenant_id"], "acme-co");
    let server = MockServer::start(vec![count(3), count(7)]);
    let output = run(doctor(&[
        expected[0]["token"].as_str().unwrap(),
        "--user-id",
        expected[0]["user_id"].as_str().unwrap(),
        "--tenant",
        "acme-co",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output)); // one scope is missing
    let sent = requests(&server);
    assert_eq!(sent.len(), 2);
    for (request, sdk) in sent.iter().zip(expected) {
        let path = sdk["path"].as_str().unwrap();
        assert_eq!(request.request_line, format!("POST {path} HTTP/1.1"));
        assert_eq!(request.body, sdk["body"].as_str().unwrap());
        for pair in sdk["headers"].as_array().unwrap() {
            let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            if name == "x-courier-ua" {
                assert_eq!(
                    request.header(name),
                    None,
                    "the SDK's telemetry header is not ours"
                );
            } else {
                assert_eq!(request.header(name), Some(value), "header {name}");
            }
        }
        assert_eq!(request.header("User-Agent"), Some(USER_AGENT));
    }
}

#[test]
fn accepted_text_report_is_exact() {
    let server = MockServer::start(vec![count(3)]);
    let output = run(doctor(&[&alice_token(), "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "\
✓ jwt                   a JWT whose header and claims decode
✓ alg                   alg is HS256
✓ expiry                expires 2022-11-28T16:23:10Z (in 59m)
✓ user_id               for user alice (the SDK's userId must be alice)
✓ inbox_scopes          has inbox:read:messages and inbox:write:events
i environment           production environment (tenant_scope published/production)
✓ signature             not signed with this API key, so not minted locally with it
✓ accepted              Courier accepts the token for user alice: 3 unread

Courier accepts this token for user alice (3 unread).
"
    );
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn a_tenant_gets_a_second_probe_and_both_counts_show() {
    let server = MockServer::start(vec![count(0), count(7)]);
    let output = run(doctor(&[
        &alice_token(),
        "--tenant",
        "acme-co",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).ends_with(
        "\nCourier accepts this token for user alice (0 unread). With tenant acme-co: 7 unread — the frontend must pass tenantId acme-co.\n"
    ), "{}", stdout(&output));
    let sent = requests(&server);
    assert!(!sent[0].body.contains("accountId"));
    assert!(sent[1].body.contains(r#"accountId: \"acme-co\""#));
}

#[test]
fn a_401_for_an_expired_token_says_why_in_one_sentence() {
    let expired = token_with(KEY, INBOX_SCOPE, 4 * 3600, Some(3600), TENANT_ID);
    let server = MockServer::start(vec![Reply::json(401, r#"{"message":"Unauthorized"}"#)]);
    let output = run(doctor(&[&expired, "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("\n✗ expired               expired 3h ago\n"),
        "{text}"
    );
    assert!(
        text.contains("\n✗ rejected_by_courier   Courier answered 401: Unauthorized\n"),
        "{text}"
    );
    assert!(text.ends_with(
        "\nCourier rejects this token (401): expired 3h ago. Issue a new one, and have the frontend sign in again with it before it expires.\n"
    ), "{text}");
}

#[test]
fn a_403_for_a_locally_signed_token_points_to_issue_remote() {
    let local = token_with(CANARY_KEY, INBOX_SCOPE, 60, Some(3600), TENANT_ID);
    let server = MockServer::start(vec![Reply::json(403, "{}")]);
    let output = run(doctor(&[
        &local,
        "--json",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(
        status_of(&report, "signed_locally").as_deref(),
        Some("fail")
    );
    assert_eq!(
        status_of(&report, "rejected_by_courier").as_deref(),
        Some("fail")
    );
    let verdict = report["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with("Courier rejects this token (403): signed with this API key"),
        "{verdict}"
    );
    assert!(
        verdict.ends_with("courier-token issue --remote --user-id <id>."),
        "{verdict}"
    );
    assert_eq!(report["probes"][0]["http_status"], 403);
    assert_eq!(report["probes"][0]["accepted"], false);
    assert_eq!(report["probes"][0]["unread"], Value::Null);
    // The key checked the signature locally and went nowhere.
    assert_eq!(
        requests(&server)[0].header("Authorization"),
        Some(format!("Bearer {local}").as_str())
    );
}

#[test]
fn graphql_errors_fail_with_couriers_message() {
    let server = MockServer::start(vec![Reply::json(
        200,
        r#"{"errors":[{"message":"Cannot query field \"count\""}],"data":null}"#,
    )]);
    let output = run(doctor(&[&alice_token(), "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("✗ graphql_errors        Courier answered 200 with errors: Cannot query field \"count\"\n"), "{text}");
    assert!(
        text.ends_with("\nCourier refused the Inbox query: Cannot query field \"count\".\n"),
        "{text}"
    );
}

/// Asserts exit 2, empty stdout, and one error line (plus a hint) containing `expected`.
fn assert_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(output.stdout.is_empty(), "stdout: {}", stdout(output));
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("courier-token: error: ") && lines[0].contains(expected),
        "expected {expected:?} in: {err}"
    );
    assert!(lines.len() <= 2, "{err}");
}

#[test]
fn a_slow_inbox_times_out_with_one_line() {
    let server = MockServer::start(vec![Reply::Silent(std::time::Duration::from_secs(3))]);
    let output = run(doctor(&[
        &alice_token(),
        "--timeout",
        "300ms",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_error(&output, "within 300ms (--timeout)");
}

#[test]
fn a_closed_port_is_an_error_naming_the_inbox_url_options() {
    let output = run(doctor(&[&alice_token(), "--inbox-url", &closed_port_url()]));
    assert_error(&output, "refused the connection");
    assert!(stderr(&output).contains("--inbox-url, --region, COURIER_INBOX_URL"));
}

#[test]
fn server_errors_are_retried_then_exit_2() {
    let server = MockServer::start(vec![
        Reply::json(503, "{}"),
        Reply::json(503, "{}"),
        Reply::json(503, "{}"),
    ]);
    let output = run(doctor(&[&alice_token(), "--inbox-url", &server.base_url()]));
    assert_error(&output, "Courier's Inbox failed with 503 after 3 attempts");
    assert_eq!(requests(&server).len(), 3);
}

#[test]
fn a_429_with_retry_after_is_waited_out() {
    let server = MockServer::start(vec![
        Reply::json(429, "{}").with_header("Retry-After", "0"),
        count(2),
    ]);
    let output = run(doctor(&[&alice_token(), "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(requests(&server).len(), 2);
}

#[test]
fn dry_run_redacts_the_token_and_sends_nothing() {
    let server = MockServer::start(vec![]);
    let token = alice_token();
    let output = run(doctor(&[
        &token,
        "--dry-run",
        "--tenant",
        "acme-co",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains(&token));
    let first = format!(
        "POST {}/q\nContent-Type: application/json\nx-courier-user-id: alice\nAuthorization: Bearer <redacted>\nUser-Agent: {USER_AGENT}\n\n{{\"query\":\"\\n      query GetMessages {{\\n        count(params: {{ status: \\\"unread\\\"  }})\\n      }}\\n    \"}}\n",
        server.base_url()
    );
    assert!(text.starts_with(&first), "{text}");
    assert!(text.contains("accountId: \\\"acme-co\\\""), "{text}");
    assert!(stderr(&output).contains("dry run, nothing was sent"));
    assert!(requests(&server).is_empty());
}

#[test]
fn an_api_key_pasted_as_the_token_is_named_and_never_echoed() {
    let pasted = "pk_prod_3EH7GNYRC94VWXJGR63ZM0CK5PFY";
    let server = MockServer::start(vec![]);
    let output = run(doctor(&[pasted, "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "✗ api_key_not_token     this is a Courier API key (pk_prod_…), not a token"
        ),
        "{text}"
    );
    assert!(!text.contains("3EH7GNYRC94VWXJGR63ZM0CK5PFY"), "{text}");
    assert!(requests(&server).is_empty());
}

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
fn json_has_the_documented_shape_and_no_colour() {
    let server = MockServer::start(vec![count(4), count(5)]);
    let output = run(doctor(&[
        &alice_token(),
        "--json",
        "--color",
        "always",
        "--tenant",
        "acme-co",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(0));
    assert!(!stdout(&output).contains('\u{1b}'));
    let report = json_of(&output);
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["ok", "verdict", "checks", "probes"]);
    assert_eq!(report["ok"], true);
    for check in report["checks"].as_array().unwrap() {
        let keys: Vec<&String> = check.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "status", "message"]);
    }
    let url = format!("{}/q", server.base_url());
    assert_eq!(
        report["probes"],
        serde_json::json!([
            {"url": url, "tenant": null, "http_status": 200, "accepted": true, "unread": 4},
            {"url": url, "tenant": "acme-co", "http_status": 200, "accepted": true, "unread": 5},
        ])
    );
}

#[test]
fn offline_asks_nothing_and_the_inbox_url_follows_its_precedence() {
    let (report, _) = offline_report(&alice_token(), &["--inbox-url", &closed_port_url()]);
    assert_eq!(report["probes"], serde_json::json!([]));
    assert_eq!(status_of(&report, "probe_skipped").as_deref(), Some("info"));
    let first_line = |mut command: Command| {
        stdout(&run(&mut command))
            .lines()
            .next()
            .map(str::to_string)
    };
    let token = alice_token();
    assert_eq!(
        first_line(doctor(&[&token, "--dry-run"])).as_deref(),
        Some("POST https://inbox.courier.com/q")
    );
    assert_eq!(
        first_line(doctor(&[&token, "--dry-run", "--region", "eu"])).as_deref(),
        Some("POST https://inbox.eu.courier.io/q")
    );
    assert_eq!(
        first_line({
            let mut command = doctor(&[&token, "--dry-run"]);
            command.env("COURIER_INBOX_URL", "http://127.0.0.1:1/");
            command
        })
        .as_deref(),
        Some("POST http://127.0.0.1:1/q")
    );
    assert_eq!(
        first_line({
            let mut command = doctor(&[&token, "--dry-run", "--region", "us"]);
            command.env("COURIER_INBOX_URL", "http://127.0.0.1:1");
            command
        })
        .as_deref(),
        Some("POST https://inbox.courier.com/q")
    );
    let output = run(doctor(&[&token, "--inbox-url", "inbox.courier.com"]));
    assert_error(
        &output,
        "--inbox-url \"inbox.courier.com\" is not an http(s) base URL",
    );
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
