//! What `verify` reads, through the real binary (the rest of what it reads, as `inspect` and
//! `doctor` do, is in `tests/cli/pasted.rs`): the forms this tool writes (a quoted token,
//! `{"token": ...}`, the JSON Lines of bulk `issue --json`), one or many, and how verdicts read
//! from a stream name their input line.

use crate::common;

use common::{stdout_of, with_key, NOW};
use predicates::prelude::*;
use serde_json::Value;

fn issue_one() -> String {
    stdout_of(with_key().args(["issue", "--user-id", "alice", "--now", NOW]))
        .trim()
        .to_string()
}

#[test]
fn verify_reads_quoted_tokens_and_token_bodies() {
    let token = issue_one();
    for wrapped in [
        format!("\"{token}\""),
        format!("{{\"token\": \"{token}\"}}"),
        format!("Bearer \"{token}\""),
    ] {
        with_key()
            .args(["verify", "--now", NOW, &wrapped])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with("valid: user alice"));
        with_key()
            .args(["verify", "--now", NOW])
            .write_stdin(format!("{wrapped}\n"))
            .assert()
            .code(0);
    }
    // Text around a token: verify finds it as inspect and doctor do (issue 16).
    with_key()
        .args(["verify", "--now", NOW, &format!("see {token}")])
        .assert()
        .code(0);
    // Nothing that looks like a token: the text itself is judged.
    with_key()
        .args(["verify", "--now", NOW, "see nothing"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[malformed_segments]"));
}

#[test]
fn verify_reads_the_json_lines_of_bulk_issue() {
    let dir = tempfile::tempdir().unwrap();
    let ids = dir.path().join("ids.txt");
    std::fs::write(&ids, "alice\nbob\ncarol\n").unwrap();
    let lines = stdout_of(
        with_key()
            .args(["issue", "--json", "--now", NOW, "--user-ids-from"])
            .arg(&ids),
    );
    let verdicts = stdout_of(
        with_key()
            .args(["verify", "--json", "--now", NOW])
            .write_stdin(lines),
    );
    let verdicts: Vec<Value> = verdicts
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(verdicts.len(), 3);
    for (index, verdict) in verdicts.iter().enumerate() {
        assert_eq!(verdict["valid"], true, "{verdict}");
        assert_eq!(verdict["line"], index as u64 + 1);
    }
}

#[test]
fn verdicts_from_a_stream_name_their_line_and_a_single_token_does_not() {
    let token = issue_one();
    let input = format!("{token}\n\nnot-a-token\n");
    let output = with_key()
        .args(["verify", "--json", "--now", NOW])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let verdicts: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(verdicts[0]["line"], 1);
    assert_eq!(verdicts[1]["line"], 3);
    assert_eq!(verdicts[1]["valid"], false);

    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("valid: user alice") && lines[0].ends_with(" (line 1)"));
    assert!(lines[1].starts_with("invalid: ") && lines[1].ends_with(" (line 3)"));

    let single = stdout_of(with_key().args(["verify", "--json", "--now", NOW, &token]));
    let verdict: Value = serde_json::from_str(single.trim()).unwrap();
    assert!(verdict.get("line").is_none());
    let single = stdout_of(with_key().args(["verify", "--now", NOW, &token]));
    assert!(!single.contains("(line"));
}
