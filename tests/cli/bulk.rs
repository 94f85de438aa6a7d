//! Bulk mode through the real binary: `issue --user-ids-from` and `hmac-sign --user-ids-from`
//! equal N single invocations, keep input order across blocks and threads, stop at a bad line
//! with everything before it written whole, and end quietly on a closed pipe. Not timed.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as StdCommand, Stdio};

use common::{stdout_of, with_key, NOW};
use courier_token::token::Signer;
use courier_token::user_signature::user_signature;
use predicates::prelude::*;

fn ids_file(dir: &tempfile::TempDir, content: &str) -> std::path::PathBuf {
    let path = dir.path().join("ids.txt");
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn bulk_issue_equals_single_invocations() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ids_file(&dir, "alice\n\nbob\r\nçarla-ü\n\t\nd@e.f");
    let common_args = [
        "--now",
        NOW,
        "--no-jti",
        "--expires-in",
        "2 days",
        "--scope",
        "inbox:read:messages read:preferences",
    ];
    let bulk = stdout_of(
        with_key()
            .arg("issue")
            .arg("--user-ids-from")
            .arg(&ids)
            .arg("--skip-blank-lines")
            .args(common_args),
    );
    let singles = single_runs(&["alice", "bob", "çarla-ü", "d@e.f"], &common_args);
    assert_eq!(bulk, singles);
}

#[test]
fn bulk_issue_json_lines_and_fresh_jtis() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ids_file(&dir, "a\"b\nc\n");
    let out = stdout_of(
        with_key()
            .arg("issue")
            .arg("--user-ids-from")
            .arg(&ids)
            .arg("--json"),
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["user_id"], "a\"b");
    assert_eq!(lines[1]["user_id"], "c");
    let jti = |line: &serde_json::Value| {
        let token = line["token"].as_str().unwrap();
        courier_token::token::decode_token(token)
            .payload
            .object
            .unwrap()["jti"]
            .clone()
    };
    assert_ne!(jti(&lines[0]), jti(&lines[1]));
}

#[test]
fn bulk_hmac_sign_lines_and_json() {
    let signer = Signer::from_bytes(common::KEY.as_bytes());
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-", "--skip-blank-lines"])
        .write_stdin("u1\n\nu2\n")
        .assert()
        .success()
        .stdout(format!(
            "u1\t{}\nu2\t{}\n",
            user_signature(&signer, "u1"),
            user_signature(&signer, "u2")
        ));
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-", "--json"])
        .write_stdin("u1\n")
        .assert()
        .success()
        .stdout(format!(
            "{{\"user_id\":\"u1\",\"user_signature\":\"{}\"}}\n",
            user_signature(&signer, "u1")
        ));
}

#[test]
fn order_is_kept_across_many_blocks() {
    let ids: String = (0..60_000).map(|i| format!("user-{i}\n")).collect();
    let out = stdout_of(
        with_key()
            .args(["hmac-sign", "--user-ids-from", "-"])
            .write_stdin(ids),
    );
    let signer = Signer::from_bytes(common::KEY.as_bytes());
    let mut count = 0;
    for (i, line) in out.lines().enumerate() {
        let user_id = format!("user-{i}");
        let expected = format!("{user_id}\t{}", user_signature(&signer, &user_id));
        assert_eq!(line, expected, "line {i}");
        count += 1;
    }
    assert_eq!(count, 60_000);
}

#[test]
fn a_bad_line_stops_the_run_with_everything_before_it_whole() {
    let mut ids: String = (1..50_000).map(|i| format!("user-{i}\n")).collect();
    ids.push_str("bad\tuser\n");
    ids.extend((0..1000).map(|i| format!("after-{i}\n")));
    for command in [
        &["issue", "--no-jti", "--user-ids-from", "-"][..],
        &["hmac-sign", "--user-ids-from", "-"][..],
    ] {
        let output = with_key()
            .args(command)
            .write_stdin(ids.clone())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains(r#"stdin line 50000: the user id "bad\tuser" contains a tab (U+0009)"#),
            "{stderr}"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.ends_with('\n'), "torn last line");
        assert_eq!(stdout.lines().count(), 49_999, "{command:?}");
        assert!(!stdout.contains("after-"));
        if command[0] == "hmac-sign" {
            // The line before the bad one is written whole, signature and all.
            let signer = Signer::from_bytes(common::KEY.as_bytes());
            let last = format!("user-49999\t{}\n", user_signature(&signer, "user-49999"));
            assert!(stdout.ends_with(&last), "{command:?}");
        }
    }
}

#[test]
fn invalid_utf8_and_overlong_lines_name_their_line() {
    let mut input = b"ok\n".to_vec();
    input.extend_from_slice(b"\xff\xfe\n");
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stdout(format!(
            "ok\t{}\n",
            user_signature(&Signer::from_bytes(common::KEY.as_bytes()), "ok")
        ))
        .stderr(predicate::str::contains("stdin line 2: not valid UTF-8"));
    let long = format!("ok\nok\n{}\n", "x".repeat(10_000));
    with_key()
        .args(["issue", "--user-ids-from", "-"])
        .write_stdin(long)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stdin line 3: longer than 4096 bytes",
        ));
    with_key()
        .args(["issue", "--user-ids-from", "/nonexistent/ids"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open --user-ids-from /nonexistent/ids",
        ));
}

#[test]
fn bulk_options_conflict_where_they_make_no_sense() {
    with_key()
        .args(["issue", "--user-ids-from", "-", "--user-id", "u"])
        .assert()
        .code(2);
    with_key()
        .args(["issue", "--user-ids-from", "-", "--jti", "same-for-all"])
        .assert()
        .code(2);
    with_key()
        .args(["hmac-sign", "u", "--user-ids-from", "-"])
        .assert()
        .code(2);
    common::bare()
        .args(["--key-file", "-", "issue", "--user-ids-from", "-"])
        .write_stdin("k\nu\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both want stdin"));
}

#[test]
fn verify_stream_keeps_order_across_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let ids: String = (0..3000).map(|i| format!("u{i}\n")).collect();
    let ids = ids_file(&dir, &ids);
    let mut tokens = stdout_of(
        with_key()
            .arg("issue")
            .arg("--user-ids-from")
            .arg(&ids)
            .args(["--now", NOW]),
    );
    tokens.push_str("not-a-token\n");
    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(tokens)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3001);
    for (i, line) in lines[..3000].iter().enumerate() {
        assert!(line.starts_with(&format!("valid: user u{i}, ")), "{line}");
        assert!(line.ends_with(&format!(" (line {})", i + 1)), "{line}");
    }
    assert!(lines[3000].ends_with("[malformed_segments] (line 3001)"));
}

/// The reader leaves after one line, once the whole input was read: every line was answered,
/// so the run ends quietly with that answer. (Leaving before the input was all read is exit
/// 141: tests/cli/standard_output.rs.)
#[test]
fn a_closed_pipe_after_all_input_was_read_ends_quietly_with_success() {
    let binary = assert_cmd::cargo::cargo_bin("courier-token");
    let mut child = StdCommand::new(binary)
        .args(["hmac-sign", "--user-ids-from", "-"])
        .env("COURIER_API_KEY", common::KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 2 000 ids fit one input block; their signatures (~150 KiB) do not fit the pipe, so the
    // run is still writing when the reader leaves.
    let writer = std::thread::spawn(move || {
        let ids: String = (0..2_000).map(|i| format!("user-{i}\n")).collect();
        let _ = stdin.write_all(ids.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("user-0\t"));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success(), "exit {:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

fn jti_of(token: &str) -> serde_json::Value {
    courier_token::token::decode_token(token.trim())
        .payload
        .object
        .expect("payload decodes")["jti"]
        .clone()
}

fn scope_of(token: &str) -> serde_json::Value {
    courier_token::token::decode_token(token.trim())
        .payload
        .object
        .expect("payload decodes")["scope"]
        .clone()
}

#[test]
fn bulk_issue_builds_the_scope_as_single_runs_do() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ids_file(&dir, "x\ny\n");
    let common_args = [
        "--now",
        NOW,
        "--jti",
        "ci-{user_id}",
        "--scope",
        "user_id:x inbox:read:messages inbox:write:events",
    ];
    let bulk = stdout_of(
        with_key()
            .arg("issue")
            .arg("--user-ids-from")
            .arg(&ids)
            .args(common_args),
    );
    let singles = single_runs(&["x", "y"], &common_args);
    assert_eq!(bulk, singles);
    let tokens: Vec<&str> = bulk.lines().collect();
    assert_eq!(
        scope_of(tokens[0]),
        "user_id:x inbox:read:messages inbox:write:events"
    );
    assert_eq!(
        scope_of(tokens[1]),
        "user_id:y user_id:x inbox:read:messages inbox:write:events"
    );
    assert_eq!(jti_of(tokens[0]), "ci-x");
}

#[test]
fn bulk_jti_templates_give_deterministic_ids_and_a_literal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ids_file(&dir, "alice\n\nbob\n");
    let out = stdout_of(
        with_key()
            .arg("issue")
            .arg("--user-ids-from")
            .arg(&ids)
            .args(["--now", NOW, "--jti", "run7-{n}-{user_id}"])
            .arg("--skip-blank-lines"),
    );
    let jtis: Vec<serde_json::Value> = out.lines().map(jti_of).collect();
    assert_eq!(jtis, ["run7-1-alice", "run7-3-bob"]);

    with_key()
        .arg("issue")
        .arg("--user-ids-from")
        .arg(&ids)
        .args(["--jti", "same-for-all"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("the same id").and(predicate::str::contains("{n}")));
}

#[test]
fn bulk_refuses_a_line_that_is_already_a_user_id_scope() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ids_file(&dir, "alice\nuser_id:bob\n");
    with_key()
        .arg("issue")
        .arg("--user-ids-from")
        .arg(&ids)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2").and(predicate::str::contains("user_id:")));
}

/// What one `issue --user-id ID` per id prints, concatenated: what bulk `issue` must equal.
fn single_runs(ids: &[&str], common_args: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            stdout_of(
                with_key()
                    .args(["issue", "--user-id", id])
                    .args(common_args),
            )
        })
        .collect()
}
