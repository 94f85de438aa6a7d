//! The live probe against the loopback Inbox: the SDK's exact request, each answer Courier
//! can give, the network failures, `--dry-run`, the JSON shape and the Inbox URL's precedence.

use super::*;

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
i realtime_skipped      the realtime socket was not tried: a custom Inbox URL has no known realtime URL (pass --realtime-url)

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
    assert_unreachable(&output, "within 300ms (--timeout)");
}

#[test]
fn a_closed_port_is_an_error_naming_the_inbox_url_options() {
    let output = run(doctor(&[&alice_token(), "--inbox-url", &closed_port_url()]));
    assert_unreachable(&output, "refused the connection");
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
    assert_unreachable(&output, "Courier's Inbox failed with 503 after 3 attempts");
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
        "POST {}/q\nContent-Type: application/json\nx-courier-user-id: alice\nAuthorization: Bearer <redacted>\nAccept: */*\nUser-Agent: {USER_AGENT}\n\n{{\"query\":\"\\n      query GetMessages {{\\n        count(params: {{ status: \\\"unread\\\"  }})\\n      }}\\n    \"}}\n",
        server.base_url()
    );
    assert!(text.starts_with(&first), "{text}");
    assert!(text.contains("accountId: \\\"acme-co\\\""), "{text}");
    assert!(stderr(&output).contains("dry run, nothing was sent"));
    assert!(requests(&server).is_empty());
}

#[test]
fn dry_run_shows_every_header_the_probe_sends_in_order() {
    // The issue: --dry-run left out the `Accept: */*` that was sent, while the man page calls
    // the request byte for byte the SDK's. Only Host and Content-Length are the HTTP client's.
    let server = MockServer::start(vec![count(3), count(7)]);
    let token = alice_token();
    let base = server.base_url();
    let args = [
        token.as_str(),
        "--tenant",
        "acme-co",
        "--inbox-url",
        base.as_str(),
    ];
    let shown = stdout(&run(doctor(&[&args[..], &["--dry-run"]].concat())));
    let output = run(doctor(&args));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let sent = requests(&server);
    assert_eq!(sent.len(), 2);
    let shown: Vec<&str> = shown.split("\n\n").collect();
    for (request, shown) in sent.iter().zip([shown[0], shown[2]]) {
        let mut lines = shown.lines();
        let path = request.request_line.split(' ').nth(1).unwrap();
        assert_eq!(lines.next(), Some(format!("POST {base}{path}").as_str()));
        let expected: Vec<String> = request
            .headers
            .iter()
            .filter(|(name, _)| {
                !["host", "content-length"].contains(&name.to_ascii_lowercase().as_str())
            })
            .map(|(name, value)| match name.to_ascii_lowercase().as_str() {
                "authorization" => "authorization: Bearer <redacted>".to_string(),
                lower => format!("{lower}: {value}"),
            })
            .collect();
        let printed: Vec<String> = lines
            .map(|line| {
                let (name, value) = line.split_once(": ").unwrap();
                format!("{}: {value}", name.to_ascii_lowercase())
            })
            .collect();
        assert_eq!(printed, expected);
        assert!(printed.contains(&"accept: */*".to_string()));
    }
    let bodies: Vec<&str> = sent.iter().map(|request| request.body.as_str()).collect();
    assert_eq!(vec![shown[1], shown[3].trim_end()], bodies);
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
    assert_eq!(keys, ["ok", "verdict", "checks", "probes", "audit"]);
    assert_eq!(report["ok"], true);
    for check in report["checks"].as_array().unwrap() {
        let keys: Vec<&String> = check.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "status", "message"]);
    }
    let url = format!("{}/q", server.base_url());
    assert_eq!(
        report["probes"],
        serde_json::json!([
            {"mode": "jwt", "channel": "graphql", "url": url, "tenant": null, "http_status": 200, "accepted": true, "unread": 4},
            {"mode": "jwt", "channel": "graphql", "url": url, "tenant": "acme-co", "http_status": 200, "accepted": true, "unread": 5},
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
fn a_rejected_test_environment_token_names_the_environment() {
    let test_token = token_with(
        KEY,
        INBOX_SCOPE,
        60,
        Some(3600),
        &format!("{TENANT_ID}/test"),
    );
    let server = MockServer::start(vec![Reply::json(401, "{}")]);
    let output = run(doctor(&[
        &test_token,
        "--json",
        "--inbox-url",
        &server.base_url(),
    ]));
    assert_eq!(output.status.code(), Some(1));
    let verdict = json_of(&output)["verdict"].as_str().unwrap().to_string();
    assert!(
        verdict.starts_with(
            "Courier rejects this token (401): test environment (tenant_scope published/test)"
        ),
        "{verdict}"
    );
    assert!(
        verdict.ends_with("or test with test (pk_test_) keys throughout."),
        "{verdict}"
    );
}

#[test]
fn a_rejection_nothing_offline_explains_says_so() {
    let server = MockServer::start(vec![Reply::json(401, "{}")]);
    let output = run(doctor(&[&alice_token(), "--inbox-url", &server.base_url()]));
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).ends_with(
        "\nCourier rejects this token (401), and nothing offline explains why. Check the region (--region eu for EU workspaces) and that the token was issued for this workspace.\n"
    ), "{}", stdout(&output));
}

#[test]
fn an_unreachable_inbox_still_gets_the_offline_findings_and_json() {
    let expired = token_with(KEY, "user_id:alice", 7200, Some(3600), TENANT_ID);
    let output = run(doctor(&[&expired, "--inbox-url", &closed_port_url()]));
    assert_unreachable(&output, "refused the connection");
    let out = stdout(&output);
    assert!(
        out.contains("✗ expired") && out.contains("✗ inbox_scopes_missing"),
        "{out}"
    );
    let output = run(doctor(&[
        &expired,
        "--json",
        "--inbox-url",
        &closed_port_url(),
    ]));
    assert_eq!(output.status.code(), Some(2));
    let report = json_of(&output);
    assert_eq!(status_of(&report, "expired").as_deref(), Some("fail"));
    assert_eq!(
        status_of(&report, "probe_unreachable").as_deref(),
        Some("fail")
    );
    assert!(report["error"]
        .as_str()
        .is_some_and(|error| error.contains("refused the connection")));
}
