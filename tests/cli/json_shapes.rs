//! Every `--json` document pinned to the byte: field order, `null` against absent, number
//! forms and escaping, through the real binary with a pinned `--now` (the shapes are serde
//! structs since issue 22; courier-token-*(1)'s JSON OUTPUT sections describe them). The
//! expected lines were written by the build before the structs, so a change here is a change
//! users see.

use crate::common::{bare, with_key, CLIENT_KEY, NOW};

/// `--now` as every case pins it.
const NOW_FLAG: &str = "--now=1669649050";

/// `issue --user-id u --jti j1 --expires-in 1h`, signed with `common::KEY` at [`NOW`].
const SIGNED: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6dSBpbmJveDpyZWFkOm1lc3NhZ2VzIGluYm94OndyaXRlOmV2ZW50cyIsImlhdCI6MTY2OTY0OTA1MCwiZXhwIjoxNjY5NjUyNjUwLCJqdGkiOiJqMSJ9.zO4iFPAUAmbmw6O0nWRKmlLCUI5HYodPjLSMNrTYmrk";
/// Users u and v, `read:preferences`, an unknown scope, the example client key's tenant, no
/// `exp`, a number claim.
const UNCHECKED: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6dSB1c2VyX2lkOnYgaW5ib3g6cmVhZDptZXNzYWdlcyBpbmJveDp3cml0ZTpldmVudHMgcmVhZDpwcmVmZXJlbmNlcyBtYWRlOnVwIiwidGVuYW50X3Njb3BlIjoicHVibGlzaGVkL3Byb2R1Y3Rpb24iLCJ0ZW5hbnRfaWQiOiIxYjFlOTUzZi0wZWJiLTQ3YWQtYmVhYi1mNTc5YmQ2MDZlYjEiLCJuIjoxLjUsImlhdCI6MTY2OTY0OTA1MCwianRpIjoiajIifQ.lF9FpzkFlNEaLkwAYSvz_LMWd8yVt0JrQUDGwnLIsHQ";

/// Runs `args` (with `stdin`) and checks the exit code and the exact stdout.
fn assert_json(
    mut command: assert_cmd::Command,
    args: &[&str],
    stdin: &str,
    code: i32,
    stdout: &str,
) {
    command
        .args(args)
        .write_stdin(stdin)
        .assert()
        .code(code)
        .stdout(stdout.to_string());
}

#[test]
fn the_pinned_clock_is_the_shared_one() {
    assert_eq!(NOW_FLAG, format!("--now={NOW}"));
}

/// `issue --json`: `{"token"}`.
#[test]
fn issue_json() {
    assert_json(
        with_key(),
        &[
            "issue",
            "--user-id",
            "u",
            "--jti",
            "j1",
            "--expires-in",
            "1h",
            "--json",
            NOW_FLAG,
        ],
        "",
        0,
        r##"{"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6dSBpbmJveDpyZWFkOm1lc3NhZ2VzIGluYm94OndyaXRlOmV2ZW50cyIsImlhdCI6MTY2OTY0OTA1MCwiZXhwIjoxNjY5NjUyNjUwLCJqdGkiOiJqMSJ9.zO4iFPAUAmbmw6O0nWRKmlLCUI5HYodPjLSMNrTYmrk"}
"##,
    );
}

/// `verify --json` of a valid token given as an argument: no `"line"`.
#[test]
fn verify_json_valid() {
    assert_json(
        with_key(),
        &["verify", SIGNED, "--json", NOW_FLAG],
        "",
        0,
        r##"{"valid":true,"reason":null,"message":null,"header":{"alg":"HS256","typ":"JWT"},"claims":{"scope":"user_id:u inbox:read:messages inbox:write:events","iat":1669649050,"exp":1669652650,"jti":"j1"},"expires_at":1669652650}
"##,
    );
}

/// `verify --json` on stdin: one object per line, each with `"line"`; a rejection has `null` header and claims.
#[test]
fn verify_json_lines() {
    assert_json(
        with_key(),
        &["verify", "--json", NOW_FLAG],
        &format!("{SIGNED}\n{}", "not-a-token\n"),
        1,
        r##"{"valid":true,"reason":null,"message":null,"header":{"alg":"HS256","typ":"JWT"},"claims":{"scope":"user_id:u inbox:read:messages inbox:write:events","iat":1669649050,"exp":1669652650,"jti":"j1"},"expires_at":1669652650,"line":1}
{"valid":false,"reason":"malformed_segments","message":"not a JWT: 1 segment(s) separated by '.', not 3","header":null,"claims":null,"expires_at":null,"line":2}
"##,
    );
}

/// `verify --json` with another key: the header, no claims (shown only once the signature matched).
#[test]
fn verify_json_bad_signature() {
    assert_json(
        other_key(),
        &["verify", "--json", NOW_FLAG],
        &format!("{SIGNED}\n"),
        1,
        r##"{"valid":false,"reason":"bad_signature","message":"the signature does not match the key from COURIER_API_KEY","header":{"alg":"HS256","typ":"JWT"},"claims":null,"expires_at":null,"line":1}
"##,
    );
}

/// `inspect --json` of a token signed with the key at hand: instants as `{"unix","rfc3339","relative"}`, absent ones `null`.
#[test]
fn inspect_json_signed() {
    assert_json(
        with_key(),
        &["inspect", SIGNED, "--json", NOW_FLAG],
        "",
        0,
        r##"{"header":{"alg":"HS256","typ":"JWT"},"claims":{"scope":"user_id:u inbox:read:messages inbox:write:events","iat":1669649050,"exp":1669652650,"jti":"j1"},"problems":[],"summary":{"user_ids":["u"],"scopes":[{"scope":"user_id:u","known":true,"meaning":"the user this token is for"},{"scope":"inbox:read:messages","known":true,"meaning":"read inbox messages"},{"scope":"inbox:write:events","known":true,"meaning":"write inbox events, such as marking a message read"}],"tenant_id":null,"tenant_scope":null,"environment":null,"issued_at":{"unix":1669649050,"rfc3339":"2022-11-28T15:24:10Z","relative":"now"},"expires_at":{"unix":1669652650,"rfc3339":"2022-11-28T16:24:10Z","relative":"in 1h"},"not_before":null,"never_expires":false,"signature":"matches"},"warnings":[]}
"##,
    );
}

/// `inspect --json` without a key: a tenant, an unknown scope, no expiry, warnings.
#[test]
fn inspect_json_unchecked() {
    assert_json(
        bare(),
        &[
            "inspect",
            UNCHECKED,
            "--json",
            "--client-key",
            CLIENT_KEY,
            NOW_FLAG,
        ],
        "",
        0,
        r##"{"header":{"alg":"HS256","typ":"JWT"},"claims":{"scope":"user_id:u user_id:v inbox:read:messages inbox:write:events read:preferences made:up","tenant_scope":"published/production","tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1","n":1.5,"iat":1669649050,"jti":"j2"},"problems":[],"summary":{"user_ids":["u","v"],"scopes":[{"scope":"user_id:u","known":true,"meaning":"the user this token is for"},{"scope":"user_id:v","known":true,"meaning":"the user this token is for"},{"scope":"inbox:read:messages","known":true,"meaning":"read inbox messages"},{"scope":"inbox:write:events","known":true,"meaning":"write inbox events, such as marking a message read"},{"scope":"read:preferences","known":true,"meaning":"read the user's preferences"},{"scope":"made:up","known":false,"meaning":null}],"tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1","tenant_scope":"published/production","environment":"production","issued_at":{"unix":1669649050,"rfc3339":"2022-11-28T15:24:10Z","relative":"now"},"expires_at":null,"not_before":null,"never_expires":true,"signature":"not_checked"},"warnings":[{"code":"never_expires","message":"never expires: it works until the workspace's signing key changes, and cannot be revoked"},{"code":"unknown_scope","message":"\"made:up\" is not a documented Courier scope"}]}
"##,
    );
}

/// `inspect --client-key K --json` with no token: `{"client_key","tenant_id"}`.
#[test]
fn inspect_client_key_json() {
    assert_json(
        bare(),
        &["inspect", "--client-key", CLIENT_KEY, "--json"],
        "",
        0,
        r##"{"client_key":"MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx","tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1"}
"##,
    );
}

/// `hmac-sign --json`: `{"user_id","user_signature"}`.
#[test]
fn hmac_sign_json() {
    assert_json(
        with_key(),
        &["hmac-sign", "u", "--json"],
        "",
        0,
        r##"{"user_id":"u","user_signature":"aa884eb17dc2f3bed3e28be3876096b9d5aab115c44966c00612aa066f54445e"}
"##,
    );
}

/// `hmac-sign --verify --json`: `{"user_id","valid"}`.
#[test]
fn hmac_sign_verify_json() {
    assert_json(
        with_key(),
        &[
            "hmac-sign",
            "u",
            "--json",
            "--verify",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ],
        "",
        1,
        r##"{"user_id":"u","valid":false}
"##,
    );
}

/// `doctor --offline --json`: `{"ok","verdict","checks","probes","audit"}`, no `"error"`.
#[test]
fn doctor_offline_json() {
    assert_json(
        with_key(),
        &["doctor", SIGNED, "--offline", "--json", NOW_FLAG],
        "",
        1,
        r##"{"ok":false,"verdict":"This token will not work: signed with this API key: a token minted locally, which Courier does not accept (it signs its own with the workspace's private key). Get a token from Courier instead: courier-token issue --remote --user-id <id>.","checks":[{"code":"jwt","status":"pass","message":"a JWT whose header and claims decode"},{"code":"alg","status":"pass","message":"alg is HS256"},{"code":"expiry","status":"pass","message":"expires 2022-11-28T16:24:10Z (in 1h)"},{"code":"user_id","status":"pass","message":"for user u (the SDK's userId must be u)"},{"code":"inbox_scopes","status":"pass","message":"has inbox:read:messages and inbox:write:events"},{"code":"environment","status":"info","message":"no tenant_scope or tenant_id says which environment"},{"code":"signed_locally","status":"fail","message":"signed with this API key: a token minted locally, which Courier does not accept (it signs its own with the workspace's private key)"},{"code":"probe_skipped","status":"info","message":"Courier was not asked (--offline)"}],"probes":[],"audit":[]}
"##,
    );
}

/// `verify` with a key that did not sign [`SIGNED`].
fn other_key() -> assert_cmd::Command {
    let mut command = bare();
    command.env("COURIER_API_KEY", "another_key");
    command
}
