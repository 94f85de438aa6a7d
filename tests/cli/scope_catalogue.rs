//! Issue 16, section 2: never mint the empty-inbox trap. `--scope` adds to the Inbox scopes
//! (leaving them out takes `--no-inbox-scopes`, and warns), `--remote` asks for the same
//! string, `--tenant-scope` is checked, and one scope catalogue judges legacy spellings the
//! same way in `issue`, `inspect`, `doctor`, the help, the completions and the man pages.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{stdout_of, with_key, NOW};
use courier_token::scope::{legacy_warning, Standing, CATALOGUE, INBOX_SCOPES};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const INBOX_WITH_PREFERENCES: &str =
    "user_id:a inbox:read:messages inbox:write:events read:preferences";

fn payload_of(token: &str) -> Value {
    courier_token::token::decode_token(token.trim())
        .payload
        .object
        .map(Value::Object)
        .expect("payload decodes")
}

fn codes(list: &Value, code: &str) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .filter(|entry| entry["code"] == code)
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn inspect_json(token: &str) -> Value {
    let out = stdout_of(with_key().args(["inspect", "--json", "--now", NOW, token.trim()]));
    serde_json::from_str(&out).unwrap()
}

fn doctor_json(token: &str) -> Value {
    let output = with_key()
        .args(["doctor", "--offline", "--json", "--now", NOW, token.trim()])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn scope_adds_to_the_inbox_scopes_and_the_token_passes_inspect_and_doctor() {
    let output = with_key()
        .args(["issue", "--user-id", "a", "--scope", "read:preferences"])
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let token = String::from_utf8(output.stdout).unwrap();
    assert_eq!(payload_of(&token)["scope"], INBOX_WITH_PREFERENCES);
    assert!(codes(&inspect_json(&token)["warnings"], "inbox_scopes_missing").is_empty());
    let doctor = doctor_json(&token);
    assert!(codes(&doctor["checks"], "inbox_scopes_missing").is_empty());
    assert_eq!(codes(&doctor["checks"], "inbox_scopes").len(), 1);
    // Giving an Inbox scope again changes nothing: Courier's order, each scope once.
    let again = stdout_of(with_key().args([
        "issue",
        "--user-id",
        "a",
        "--scope",
        "read:preferences inbox:write:events",
        "--now",
        NOW,
    ]));
    assert_eq!(payload_of(&again)["scope"], INBOX_WITH_PREFERENCES);
}

#[test]
fn leaving_the_inbox_scopes_out_is_explicit_and_warned() {
    let output = with_key()
        .args(["issue", "--user-id", "a", "--scope", "read:preferences"])
        .args(["--no-inbox-scopes", "--now", NOW])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("warning: the token lacks inbox:read:messages and inbox:write:events")
            && stderr.contains("show no messages"),
        "{stderr}"
    );
    let token = String::from_utf8(output.stdout).unwrap();
    assert_eq!(payload_of(&token)["scope"], "user_id:a read:preferences");
    // The same judgement as inspect's.
    assert_eq!(
        codes(&inspect_json(&token)["warnings"], "inbox_scopes_missing").len(),
        1
    );
    // Bulk warns once, before the run.
    let output = with_key()
        .args(["issue", "--user-ids-from", "-", "--no-inbox-scopes"])
        .args(["--scope", "read:preferences"])
        .write_stdin("a\nb\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.matches("warning: the token lacks").count(),
        1,
        "{stderr}"
    );
    // Nothing but the user left: refused.
    with_key()
        .args(["issue", "--user-id", "a", "--no-inbox-scopes"])
        .assert()
        .code(2)
        .stderr(contains("must come with other scopes").and(contains("--no-inbox-scopes")));
}

#[test]
fn remote_asks_courier_for_the_same_scope_string() {
    with_key()
        .args(["issue", "--remote", "--dry-run", "--user-id", "a"])
        .args(["--scope", "read:preferences"])
        .assert()
        .success()
        .stdout(contains(format!(
            r#"{{"scope":"{INBOX_WITH_PREFERENCES}","expires_in":"1h"}}"#
        )));
}

#[test]
fn legacy_spellings_get_one_judgement_in_issue_inspect_and_doctor() {
    let legacy: Vec<(&str, &str)> = CATALOGUE
        .iter()
        .filter_map(|entry| match entry.standing {
            Standing::Legacy { use_instead } => Some((entry.pattern, use_instead)),
            Standing::Current => None,
        })
        .collect();
    assert_eq!(
        legacy.iter().map(|(scope, _)| *scope).collect::<Vec<_>>(),
        [
            "read:messages",
            "write:events",
            "inbox:write:messages",
            "inbox:read:write"
        ]
    );
    for (scope, use_instead) in legacy {
        // The token also has the Inbox scopes `issue` adds: where the legacy spelling's
        // replacement is one of them, every command says to drop the old one.
        let token_scopes = ["user_id:a", INBOX_SCOPES[0], INBOX_SCOPES[1], scope];
        let sentence = legacy_warning(scope, use_instead, &token_scopes);
        let output = with_key()
            .args(["issue", "--user-id", "a", "--scope", scope, "--now", NOW])
            .output()
            .unwrap();
        assert!(output.status.success(), "{scope}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr, format!("courier-token: warning: {sentence}\n"));
        let token = String::from_utf8(output.stdout).unwrap();
        let inspected = inspect_json(&token);
        assert_eq!(
            codes(&inspected["warnings"], "legacy_scope"),
            std::slice::from_ref(&sentence)
        );
        assert!(codes(&inspected["warnings"], "unknown_scope").is_empty());
        let doctor = doctor_json(&token);
        assert_eq!(
            codes(&doctor["checks"], "legacy_scope"),
            std::slice::from_ref(&sentence)
        );
        assert!(codes(&doctor["checks"], "unknown_scope").is_empty());
    }
}

#[test]
fn a_legacy_spelling_beside_its_replacement_is_told_to_go_not_to_be_replaced() {
    with_key()
        .args(["issue", "--user-id", "a", "--scope", "read:messages", "--now", NOW])
        .assert()
        .success()
        .stderr(
            "courier-token: warning: read:messages is an old spelling of inbox:read:messages, which is there too: drop read:messages\n",
        );
    with_key()
        .args(["issue", "--user-id", "a", "--no-inbox-scopes", "--scope", "read:messages", "--now", NOW])
        .assert()
        .success()
        .stderr(contains(
            "courier-token: warning: read:messages is an old spelling: the current Inbox needs inbox:read:messages\n",
        ));
}

fn project_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn catalogue(standing_is_current: bool) -> BTreeSet<String> {
    CATALOGUE
        .iter()
        .filter(|entry| (entry.standing == Standing::Current) == standing_is_current)
        .map(|entry| entry.pattern.to_string())
        .collect()
}

/// The words of `issue --help` from the line starting with `heading` to the next line that is
/// not indented.
fn help_block(help: &str, heading: &str) -> BTreeSet<String> {
    let start = help.find(heading).expect("the heading is there");
    help[start..]
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
        .collect()
}

#[test]
fn help_completions_and_man_pages_list_the_catalogue() {
    let help = stdout_of(with_key().args(["issue", "--help"]));
    assert_eq!(
        help_block(&help, "Scopes (Courier's documented list"),
        catalogue(true)
    );
    assert_eq!(help_block(&help, "Legacy spellings"), catalogue(false));
    let man = project_file("man/courier-token-issue.1").replace("\\-", "-");
    for scope in catalogue(true).iter().chain(&catalogue(false)) {
        assert!(
            man.contains(scope.as_str()),
            "courier-token-issue.1 lacks {scope}"
        );
    }
    // Completion offers what to write today: the current literal scopes, no legacy spelling.
    let bash = project_file("completions/courier-token.bash");
    let completed: BTreeSet<String> = bash
        .lines()
        .filter(|line| line.contains("compgen -W \"inbox:read:messages"))
        .flat_map(|line| {
            let list = &line[line.find("-W \"").unwrap() + 4..];
            list[..list.find('"').unwrap()]
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let literal: BTreeSet<String> = catalogue(true)
        .into_iter()
        .filter(|scope| !scope.contains('<'))
        .collect();
    assert_eq!(completed, literal);
    // Both man pages that judge legacy spellings name every one of them.
    for page in ["man/courier-token-inspect.1", "man/courier-token-doctor.1"] {
        let text = project_file(page);
        let entry = &text[text.find("\\fBlegacy_scope").unwrap()..];
        let entry = entry.lines().nth(1).unwrap();
        for scope in catalogue(false) {
            assert!(entry.contains(scope.as_str()), "{page}: {entry}");
        }
    }
}

#[test]
fn tenant_scope_is_checked_against_what_courier_issues() {
    with_key()
        .args(["issue", "--user-id", "a", "--tenant-id", "t", "--tenant-scope", "foo"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("--tenant-scope \"foo\": Courier issues only published/production or published/test")
                .and(contains("--allow-unknown-scopes")),
        );
    with_key()
        .args([
            "issue",
            "--user-id",
            "a",
            "--tenant-id",
            "t",
            "--tenant-scope",
            "test",
        ])
        .assert()
        .code(2)
        .stderr(contains("did you mean --tenant-scope published/test?"));
    for (given, args) in [
        ("published/test", &[][..]),
        ("published/production", &[][..]),
        ("foo", &["--allow-unknown-scopes"][..]),
    ] {
        let token = stdout_of(
            with_key()
                .args([
                    "issue",
                    "--user-id",
                    "a",
                    "--tenant-id",
                    "t",
                    "--tenant-scope",
                    given,
                ])
                .args(args),
        );
        assert_eq!(payload_of(&token)["tenant_scope"], given);
    }
}
