//! The policy matrix: for each authentication mode the workspace accepts, each fault a
//! request's credentials can have gets its own test — the status serve answers, and the one
//! stderr line naming the request and doctor's reason code (never the token or key). Then
//! the missing-scope behaviours and `--enforce soft|off`.

use courier_token::token::{ClaimTemplate, Minter, Signer};
use courier_token::user_signature::user_signature;
use serde_json::{json, Value};

use super::common::{KEY, NOW};
use super::{Serve, INBOX_SCOPE, WORKSPACE};

const COUNT: &str = "{ count(params: { status: \"unread\" }) }";

pub(super) fn now() -> i64 {
    NOW.parse().unwrap()
}

/// A token as Courier's Issue Token API shapes them for serve's workspace, under `key`.
pub(super) fn token_with(
    key: &[u8],
    scope: &str,
    exp: Option<i64>,
    custom: Vec<(String, Value)>,
    tenant: (&str, &str),
) -> String {
    let template = ClaimTemplate {
        tenant_scope: Some(tenant.1.to_string()),
        tenant_id: Some(tenant.0.to_string()),
        custom,
        iat: now(),
        exp,
    };
    Minter::new(Signer::from_bytes(key), &template).mint(scope, Some("jti-1"))
}

fn token(scope: &str) -> String {
    token_with(
        KEY.as_bytes(),
        scope,
        Some(now() + 3600),
        vec![],
        (WORKSPACE, "published/production"),
    )
}

/// Sends the unread count with `headers`, expects `status`, and when refused, the log line
/// with `code`; returns the answer.
fn expect(serve: &Serve, headers: &[(&str, &str)], status: u16, code: Option<&str>) -> Value {
    let body = json!({"query": COUNT}).to_string();
    let (got, answer) = serve.post("/q", headers, &body);
    assert_eq!(got, status, "{answer}");
    if let Some(code) = code {
        let line = serve.log_line(&format!(": {code} ("));
        assert!(line.contains("POST /q"), "{line}");
        assert!(!line.contains(KEY) && !line.contains("eyJ"), "{line}");
        if status == 401 {
            assert!(
                answer["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{code}: ")),
                "{answer}"
            );
        }
    }
    answer
}

fn jwt(serve: &Serve, token: &str, user: &str, status: u16, code: Option<&str>) -> Value {
    let bearer = format!("Bearer {token}");
    expect(
        serve,
        &[("Authorization", &bearer), ("x-courier-user-id", user)],
        status,
        code,
    )
}

#[test]
fn jwt_mode_accepts_a_good_token() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "hi");
    assert_eq!(
        jwt(&serve, &token(INBOX_SCOPE), "alice", 200, None)["data"]["count"],
        1
    );
}

#[test]
fn jwt_mode_refuses_an_expired_token() {
    let serve = Serve::start(&[]);
    let expired = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        Some(now() - 60),
        vec![],
        (WORKSPACE, "published/production"),
    );
    jwt(&serve, &expired, "alice", 401, Some("expired"));
}

#[test]
fn jwt_mode_refuses_a_token_not_yet_valid() {
    let serve = Serve::start(&[]);
    let early = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        None,
        vec![("nbf".into(), json!(now() + 600))],
        (WORKSPACE, "published/production"),
    );
    jwt(&serve, &early, "alice", 401, Some("not_yet_valid"));
}

#[test]
fn jwt_mode_refuses_a_token_signed_with_another_key() {
    let serve = Serve::start(&[]);
    let foreign = token_with(
        b"sk_someone_else",
        INBOX_SCOPE,
        Some(now() + 60),
        vec![],
        (WORKSPACE, "published/production"),
    );
    jwt(&serve, &foreign, "alice", 401, Some("bad_signature"));
}

#[test]
fn jwt_mode_refuses_another_users_token() {
    let serve = Serve::start(&[]);
    jwt(
        &serve,
        &token(INBOX_SCOPE),
        "bob",
        401,
        Some("user_id_mismatch"),
    );
}

#[test]
fn jwt_mode_refuses_a_token_for_nobody() {
    let serve = Serve::start(&[]);
    jwt(
        &serve,
        &token("inbox:read:messages inbox:write:events"),
        "alice",
        401,
        Some("user_id_missing"),
    );
}

#[test]
fn jwt_mode_refuses_another_workspaces_and_another_environments_token() {
    let serve = Serve::start(&[]);
    let other = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        None,
        vec![],
        ("another-workspace", "published/production"),
    );
    jwt(&serve, &other, "alice", 401, Some("tenant_mismatch"));
    let test_env = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        None,
        vec![],
        (WORKSPACE, "published/test"),
    );
    jwt(&serve, &test_env, "alice", 401, Some("environment"));
}

#[test]
fn jwt_mode_refuses_malformed_and_unsigned_tokens() {
    let serve = Serve::start(&[]);
    jwt(&serve, "not.a.token", "alice", 401, Some("malformed"));
    // {"alg":"none"} with alice's scope and no signature.
    jwt(
        &serve,
        "eyJhbGciOiJub25lIn0.eyJzY29wZSI6InVzZXJfaWQ6YWxpY2UifQ.",
        "alice",
        401,
        Some("alg_not_hs256"),
    );
    expect(
        &serve,
        &[("x-courier-user-id", "alice")],
        401,
        Some("credentials_missing"),
    );
}

#[test]
fn jwt_mode_refuses_the_client_key_alone() {
    let serve = Serve::start(&[]);
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    expect(
        &serve,
        &[
            ("x-courier-client-key", &client_key),
            ("x-courier-user-id", "alice"),
        ],
        401,
        Some("client_key_refused"),
    );
}

#[test]
fn a_scopeless_token_gets_an_empty_inbox_by_default_and_401_when_told() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "hi");
    let answer = jwt(
        &serve,
        &token("user_id:alice"),
        "alice",
        200,
        Some("inbox_scopes_missing"),
    );
    assert_eq!(answer["data"]["count"], 0);
    let refusing = Serve::start(&["--missing-scopes", "refuse"]);
    jwt(
        &refusing,
        &token("user_id:alice"),
        "alice",
        401,
        Some("inbox_scopes_missing"),
    );
}

#[test]
fn a_read_only_token_changes_nothing() {
    let serve = Serve::start(&["--missing-scopes", "refuse"]);
    let id = serve.send("alice", None, "hi");
    let reader = token("user_id:alice inbox:read:messages");
    let (status, answer) = serve.graphql(
        &reader,
        "alice",
        &format!("mutation {{ read(messageId: \"{id}\") }}"),
    );
    assert_eq!(status, 401, "{answer}");
    assert!(serve
        .log_line("inbox_scopes_missing")
        .contains("inbox:write:events"));
    assert_eq!(jwt(&serve, &reader, "alice", 200, None)["data"]["count"], 1);
}

#[test]
fn the_api_key_as_bearer_reads_any_inbox_as_courier_js_public_api_key() {
    let serve = Serve::start(&[]);
    serve.send("carol", None, "hi");
    assert_eq!(jwt(&serve, KEY, "carol", 200, None)["data"]["count"], 1);
}

#[test]
fn client_key_mode_accepts_the_key_and_a_user() {
    let serve = Serve::start(&["--auth", "client-key"]);
    serve.send("alice", None, "hi");
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let answer = expect(
        &serve,
        &[
            ("x-courier-client-key", &client_key),
            ("x-courier-user-id", "alice"),
        ],
        200,
        None,
    );
    assert_eq!(answer["data"]["count"], 1);
}

#[test]
fn client_key_mode_refuses_another_workspaces_key_and_no_user() {
    let serve = Serve::start(&["--auth", "client-key"]);
    let courier_example = super::common::CLIENT_KEY;
    expect(
        &serve,
        &[
            ("x-courier-client-key", courier_example),
            ("x-courier-user-id", "alice"),
        ],
        401,
        Some("tenant_mismatch"),
    );
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    expect(
        &serve,
        &[("x-courier-client-key", &client_key)],
        401,
        Some("unknown_user"),
    );
}

#[test]
fn client_key_mode_refuses_a_jwt_when_jwt_is_not_accepted() {
    let serve = Serve::start(&["--auth", "client-key"]);
    jwt(
        &serve,
        &token(INBOX_SCOPE),
        "alice",
        401,
        Some("jwt_refused"),
    );
}

#[test]
fn hmac_mode_accepts_the_right_signature() {
    let serve = Serve::start(&["--auth", "hmac"]);
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let signature = user_signature(&Signer::from_bytes(KEY.as_bytes()), "alice");
    let headers = [
        ("x-courier-client-key", client_key.as_str()),
        ("x-courier-user-id", "alice"),
        ("x-courier-user-signature", &signature),
    ];
    expect(&serve, &headers, 200, None);
}

#[test]
fn hmac_mode_refuses_a_wrong_or_missing_signature() {
    let serve = Serve::start(&["--auth", "hmac"]);
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let bobs = user_signature(&Signer::from_bytes(KEY.as_bytes()), "bob");
    let headers = [
        ("x-courier-client-key", client_key.as_str()),
        ("x-courier-user-id", "alice"),
        ("x-courier-user-signature", &bobs),
    ];
    expect(&serve, &headers, 401, Some("user_signature_mismatch"));
    // No signature at all is the client key alone, which the workspace refuses.
    expect(&serve, &headers[..2], 401, Some("client_key_refused"));
}

#[test]
fn soft_enforcement_serves_and_says_what_strict_would_refuse() {
    let serve = Serve::start(&["--enforce", "soft"]);
    serve.send("alice", None, "hi");
    let expired = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        Some(now() - 60),
        vec![],
        (WORKSPACE, "published/production"),
    );
    let answer = jwt(&serve, &expired, "alice", 200, Some("expired"));
    assert_eq!(answer["data"]["count"], 1);
    assert!(serve.log_line("POST /q 200").contains("user=alice"));
}

#[test]
fn enforcement_off_checks_nothing() {
    let serve = Serve::start(&["--enforce", "off", "--log", "refusals"]);
    serve.send("alice", None, "hi");
    assert_eq!(
        jwt(&serve, "anything", "alice", 200, None)["data"]["count"],
        1
    );
}

#[test]
fn a_production_workspace_refuses_a_test_tenant_id_without_tenant_scope() {
    let serve = Serve::start(&[]);
    let template = ClaimTemplate {
        tenant_scope: None,
        tenant_id: Some(format!("{WORKSPACE}/test")),
        custom: vec![],
        iat: now(),
        exp: Some(now() + 3600),
    };
    let test_token =
        Minter::new(Signer::from_bytes(KEY.as_bytes()), &template).mint(INBOX_SCOPE, Some("jti-1"));
    jwt(&serve, &test_token, "alice", 401, Some("environment"));
}

/// A token issued a year ahead of serve's clock: refused under strict enforcement, served
/// and logged under soft.
fn issued_next_year() -> String {
    let template = ClaimTemplate {
        tenant_scope: Some("published/production".into()),
        tenant_id: Some(WORKSPACE.into()),
        custom: vec![],
        iat: now() + 365 * 86_400,
        exp: Some(now() + 366 * 86_400),
    };
    Minter::new(Signer::from_bytes(KEY.as_bytes()), &template).mint(INBOX_SCOPE, Some("jti-1"))
}

#[test]
fn an_iat_in_the_future_is_refused_under_strict_enforcement() {
    let serve = Serve::start(&[]);
    jwt(
        &serve,
        &issued_next_year(),
        "alice",
        401,
        Some("issued_in_future"),
    );
}

#[test]
fn an_iat_in_the_future_is_a_logged_finding_under_soft_enforcement() {
    let serve = Serve::start(&["--enforce", "soft"]);
    jwt(
        &serve,
        &issued_next_year(),
        "alice",
        200,
        Some("issued_in_future"),
    );
    // An iat within the tolerated skew is no finding at all.
    let skewed = token_with(
        KEY.as_bytes(),
        INBOX_SCOPE,
        Some(now() + 3600),
        vec![],
        (WORKSPACE, "published/production"),
    );
    assert_eq!(jwt(&serve, &skewed, "alice", 200, None)["data"]["count"], 0);
}
