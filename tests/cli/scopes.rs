//! Scope mistakes users make, through the real binary: a user id given as a scope, Inbox
//! scopes for nobody, shouted scopes and comma-separated lists. Each is refused with a hint.

use crate::common;

use common::{with_key, NOW};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn a_user_id_given_as_a_scope_is_refused_with_the_bare_id() {
    with_key()
        .args(["issue", "--user-id", "user_id:alice"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("already starts with user_id:").and(contains("--user-id alice")));
}

#[test]
fn verify_refuses_a_user_id_given_as_a_scope_instead_of_never_matching() {
    with_key()
        .args(["verify", "--user-id", "USER_ID:alice", "x.y.z"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("already starts with user_id:").and(contains("--user-id alice")));
}

#[test]
fn inbox_scopes_without_a_user_are_refused_but_brands_are_not() {
    with_key()
        .args(["issue", "--scope", "inbox:read:messages inbox:write:events"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("for nobody").and(contains("--user-id")));
    with_key()
        .args(["issue", "--now", NOW, "--scope", "read:brands"])
        .assert()
        .success();
    with_key()
        .args([
            "issue",
            "--now",
            NOW,
            "--scope",
            "user_id:alice inbox:read:messages",
        ])
        .assert()
        .success();
}

#[test]
fn shouted_scopes_suggest_the_lower_case_spelling() {
    with_key()
        .args(["issue", "--user-id", "a", "--scope", "INBOX:READ:MESSAGES"])
        .assert()
        .code(2)
        .stderr(contains("did you mean inbox:read:messages?").and(contains("user_id:READ").not()));
}

#[test]
fn comma_separated_scopes_are_told_to_use_spaces() {
    with_key()
        .args([
            "issue",
            "--user-id",
            "a",
            "--scope",
            "inbox:read:messages,inbox:write:events",
        ])
        .assert()
        .code(2)
        .stderr(
            contains("separated by spaces")
                .and(contains("--scope 'inbox:read:messages inbox:write:events'")),
        );
}
