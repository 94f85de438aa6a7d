//! The man pages' JSON OUTPUT examples stay true: each example's members appear, in its order,
//! in what the command writes now (the output may hold more where an example elides with
//! `...`). `json_shapes` pins the bytes; this holds the documentation to them. `doctor`'s
//! probes and `serve`'s listening line are checked in `tests/serve/answer_shapes.rs`, where a
//! server is at hand.

use crate::common::{assert_example_holds, json_output_examples, stdout_of, with_key, NOW};

/// `args` run with the key and a pinned clock: stdout, whatever the exit code.
fn json_of(args: &[&str], stdin: &str) -> String {
    let output = with_key()
        .args(["--now", NOW])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// A token with a tenant, an unknown scope and no expiry: every summary member filled.
fn rich_token() -> String {
    stdout_of(with_key().args([
        "--now",
        NOW,
        "issue",
        "--user-id",
        "blah",
        "--scope",
        "made:up",
        "--allow-unknown-scopes",
        "--client-key",
        crate::common::CLIENT_KEY,
        "--no-expiry",
    ]))
    .trim()
    .to_string()
}

#[test]
fn issue_json_is_as_documented() {
    let examples = json_output_examples("issue");
    assert_eq!(examples.len(), 2, "{examples:?}");
    assert_example_holds(
        &examples[0],
        &json_of(&["issue", "--user-id", "alice", "--json"], ""),
    );
    let bulk = json_of(&["issue", "--user-ids-from", "-", "--json"], "alice\n");
    assert_example_holds(&examples[1], &bulk);
}

#[test]
fn verify_json_is_as_documented() {
    let token = stdout_of(with_key().args(["--now", NOW, "issue", "--user-id", "u"]));
    let examples = json_output_examples("verify");
    let later = ["verify", "--json", "--now", "1669659050"];
    let output = with_key()
        .args(later)
        .write_stdin(token)
        .output()
        .expect("runs");
    let verdict = String::from_utf8(output.stdout).expect("UTF-8");
    assert_example_holds(&examples[0], &verdict);
}

#[test]
fn hmac_sign_json_is_as_documented() {
    let examples = json_output_examples("hmac-sign");
    let signed = json_of(&["hmac-sign", "alice", "--json"], "");
    let checked = json_of(
        &["hmac-sign", "alice", "--json", "--verify", &"0".repeat(64)],
        "",
    );
    assert_example_holds(&examples[0], &format!("{signed}{checked}"));
}

#[test]
fn inspect_json_is_as_documented() {
    let examples = json_output_examples("inspect");
    let document = json_of(&["inspect", &rich_token(), "--json"], "");
    assert_example_holds(&examples[0], &document);
}
