//! An API key or client key pasted where a token belongs, through the real binary: `inspect`
//! and `verify` say what it is, exit 1, and never echo the key's secret part.

use crate::common;

use common::{bare, with_key, CLIENT_KEY, NOW};
use predicates::prelude::*;
use predicates::str::contains;

const SECRET_PART: &str = "3EH7GNYRC94VWXJGR63ZM0CK5PFY";

fn api_keys() -> [String; 3] {
    [
        format!("pk_prod_{SECRET_PART}"),
        format!("pk_test_{SECRET_PART}"),
        format!("Bearer dk_{SECRET_PART}"),
    ]
}

#[test]
fn inspect_recognises_api_keys_and_client_keys() {
    for key in api_keys() {
        bare()
            .args(["inspect", &key])
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains("Courier API key").and(contains(SECRET_PART).not()));
    }
    bare()
        .args(["inspect", CLIENT_KEY])
        .assert()
        .code(1)
        .stderr(contains("client key").and(contains("client_key_not_token")));
}

#[test]
fn verify_recognises_api_keys_and_client_keys() {
    for key in api_keys() {
        // With no key at hand too: the pasted text is explained, not a missing key.
        bare()
            .args(["verify", "--now", NOW, &key])
            .assert()
            .code(1)
            .stdout(contains("Courier API key").and(contains(SECRET_PART).not()))
            .stderr("");
        with_key()
            .args(["verify", "--json", "--now", NOW])
            .write_stdin(format!("{key}\n"))
            .assert()
            .code(1)
            .stdout(contains("Courier API key").and(contains(SECRET_PART).not()));
    }
    with_key()
        .args(["verify", "--now", NOW, CLIENT_KEY])
        .assert()
        .code(1)
        .stdout(contains("client key"));
}

#[test]
fn an_sk_key_is_recognised_as_a_key_by_verify_and_inspect_and_never_echoed() {
    let key = format!("sk_test_{SECRET_PART}");
    bare()
        .args(["verify", "--now", NOW, &key])
        .assert()
        .code(1)
        .stdout(
            contains("looks like an API key (sk_test_…")
                .and(contains("api_key_not_token"))
                .and(contains(SECRET_PART).not()),
        );
    bare()
        .args(["inspect", &key])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("looks like an API key (sk_test_…").and(contains(SECRET_PART).not()));
}
