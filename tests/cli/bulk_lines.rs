//! Issue 16, section 3: bulk equals single, line for line. Output line N is input line N (a
//! blank line is refused by number unless `--skip-blank-lines`), one user-id rule in every mode
//! and command (nothing trimmed; the reason fits the command), a byte order mark dropped with a
//! note, repeated ids under `--jti '{user_id}'` warned about, `hmac-sign -` reading stdin, one
//! rule for empty input, and bulk `hmac-sign --verify` over what bulk signing writes.

use crate::common;

use common::{stdout_of, with_key, KEY, NOW};
use courier_token::token::Signer;
use courier_token::user_signature::user_signature;
use predicates::prelude::*;
use predicates::str::contains;

fn file_with(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn signature(user_id: &str) -> String {
    user_signature(&Signer::from_bytes(KEY.as_bytes()), user_id)
}

/// One `issue --user-id ID --now NOW --no-jti` per id, concatenated.
fn single_tokens(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| stdout_of(with_key().args(["issue", "--user-id", id, "--now", NOW, "--no-jti"])))
        .collect()
}

#[test]
fn a_blank_line_is_refused_by_number_so_paste_never_misaligns() {
    let dir = tempfile::tempdir().unwrap();
    let users = file_with(&dir, "users.txt", b"alice\n\nbob\n");
    for command in [&["issue", "--now", NOW, "--no-jti"][..], &["hmac-sign"][..]] {
        let output = with_key()
            .args(command)
            .arg("--user-ids-from")
            .arg(&users)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("users.txt line 2: blank line")
                && stderr.contains("--skip-blank-lines"),
            "{stderr}"
        );
        // Line 1 was written; nothing after the blank line.
        assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
    }
    // Skipping them is explicit.
    let skipped = stdout_of(
        with_key()
            .args(["issue", "--now", NOW, "--no-jti", "--skip-blank-lines"])
            .arg("--user-ids-from")
            .arg(&users),
    );
    assert_eq!(skipped, single_tokens(&["alice", "bob"]));
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-", "--skip-blank-lines"])
        .write_stdin("alice\n\nbob\n")
        .assert()
        .success()
        .stdout(format!(
            "alice\t{}\nbob\t{}\n",
            signature("alice"),
            signature("bob")
        ));
    // --skip-blank-lines means nothing without bulk input.
    for command in [&["issue", "--user-id", "a"][..], &["hmac-sign", "a"][..]] {
        with_key()
            .args(command)
            .arg("--skip-blank-lines")
            .assert()
            .code(2)
            .stderr(contains("--skip-blank-lines is for bulk input"));
    }
}

/// What a command says about `user_id`, given alone and as line 1 of bulk input.
fn single_and_bulk(command: &str, user_id: &str) -> [std::process::Output; 2] {
    let single = match command {
        "issue" => with_key()
            .args(["issue", "--now", NOW, "--no-jti", "--user-id", user_id])
            .output(),
        _ => with_key().args(["hmac-sign", user_id]).output(),
    };
    let bulk = with_key()
        .args([command, "--user-ids-from", "-"])
        .args(if command == "issue" {
            &["--now", NOW, "--no-jti"][..]
        } else {
            &[][..]
        })
        .write_stdin(format!("{user_id}\n"))
        .output();
    [single.unwrap(), bulk.unwrap()]
}

#[test]
fn one_user_id_rule_in_every_mode_with_the_reason_that_fits_the_command() {
    const SCOPE_REASON: &str = "Courier scopes are space-separated";
    const HEADER_REASON: &str = "x-courier-user-id header";
    // Trailing spaces: refused everywhere, never trimmed in one mode and signed in another.
    for (command, reason) in [("issue", SCOPE_REASON), ("hmac-sign", HEADER_REASON)] {
        for output in single_and_bulk(command, "alice ") {
            assert_eq!(output.status.code(), Some(2), "{command}");
            assert!(output.stdout.is_empty());
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(
                stderr.contains(r#"the user id "alice " ends with a space"#)
                    && stderr.contains(reason),
                "{command}: {stderr}"
            );
        }
    }
    // A tab: refused everywhere; hmac-sign's reason is the header's, not a JWT scope's.
    for (command, reason) in [("issue", SCOPE_REASON), ("hmac-sign", HEADER_REASON)] {
        for output in single_and_bulk(command, "bad\tuser") {
            assert_eq!(output.status.code(), Some(2), "{command}");
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(
                stderr.contains("contains a tab (U+0009)") && stderr.contains(reason),
                "{command}: {stderr}"
            );
            if command == "hmac-sign" {
                assert!(!stderr.contains("scope"), "{stderr}");
            }
        }
    }
    // `bad user`: the HMAC signs it in both modes (with the same note); a token cannot hold it.
    let [single, bulk] = single_and_bulk("hmac-sign", "bad user");
    assert!(single.status.success() && bulk.status.success());
    assert_eq!(
        String::from_utf8_lossy(&single.stdout),
        format!("{}\n", signature("bad user"))
    );
    assert_eq!(
        String::from_utf8_lossy(&bulk.stdout),
        format!("bad user\t{}\n", signature("bad user"))
    );
    for (output, place) in [(&single, "note: "), (&bulk, "note: stdin line 1: ")] {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                r#"{place}the user id contains a space ("bad user"), so it cannot appear in a JWT scope"#
            )),
            "{stderr}"
        );
    }
    for output in single_and_bulk("issue", "bad user") {
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains(SCOPE_REASON));
    }
}

#[test]
fn a_byte_order_mark_is_dropped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let users = file_with(&dir, "users.txt", b"\xEF\xBB\xBFalice\nbob\n");
    let output = with_key()
        .args(["issue", "--now", NOW, "--no-jti", "--user-ids-from"])
        .arg(&users)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        single_tokens(&["alice", "bob"])
    );
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("users.txt starts with a UTF-8 byte order mark (BOM); it was dropped"));
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-"])
        .write_stdin(&b"\xEF\xBB\xBFalice\n"[..])
        .assert()
        .success()
        .stdout(format!("alice\t{}\n", signature("alice")))
        .stderr(contains("stdin starts with a UTF-8 byte order mark"));
    // A file of just the mark (or nothing) holds no user id.
    with_key()
        .args(["hmac-sign", "--user-ids-from", "-"])
        .write_stdin(&b"\xEF\xBB\xBF"[..])
        .assert()
        .code(2)
        .stderr(contains("no user id on stdin"));
}

#[test]
fn repeated_user_ids_under_a_user_id_jti_are_warned_about() {
    let output = with_key()
        .args([
            "issue",
            "--user-ids-from",
            "-",
            "--now",
            NOW,
            "--jti",
            "{user_id}",
        ])
        .write_stdin("alice\nbob\nalice\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 3);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr
            .contains(r#"warning: 1 line(s) repeat an earlier user id ("alice" on lines 1 and 3)"#)
            && stderr.contains("same jti")
            && stderr.contains("{n}"),
        "{stderr}"
    );
    // Unique ids, or {n} in the template: nothing to say.
    for (input, jti) in [
        ("alice\nbob\n", "{user_id}"),
        ("alice\nalice\n", "{user_id}-{n}"),
    ] {
        with_key()
            .args(["issue", "--user-ids-from", "-", "--now", NOW, "--jti", jti])
            .write_stdin(input)
            .assert()
            .success()
            .stderr("");
    }
}

#[test]
fn hmac_sign_dash_reads_the_user_id_from_stdin() {
    with_key()
        .args(["hmac-sign", "-"])
        .write_stdin("alice\n")
        .assert()
        .success()
        .stdout(format!("{}\n", signature("alice")));
    with_key()
        .args(["hmac-sign", "-", "--verify", &signature("alice")])
        .write_stdin("alice\r\n")
        .assert()
        .success()
        .stdout("valid\n");
    with_key()
        .args(["hmac-sign", "-"])
        .write_stdin("alice\nbob\n")
        .assert()
        .code(2)
        .stderr(contains("more than one line").and(contains("--user-ids-from -")));
    common::bare()
        .args(["--key-file", "-", "hmac-sign", "-"])
        .write_stdin("k\nalice\n")
        .assert()
        .code(2)
        .stderr(contains("both want stdin"));
}

#[test]
fn empty_bulk_input_is_one_error_for_issue_hmac_sign_and_verify() {
    for command in [
        &["issue", "--user-ids-from", "-"][..],
        &["hmac-sign", "--user-ids-from", "-"][..],
        &["hmac-sign", "--user-ids-from", "-", "--verify"][..],
        &["verify", "-"][..],
    ] {
        with_key()
            .args(command)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("courier-token: error: no ").and(contains("on stdin")));
    }
}

#[test]
fn bulk_hmac_verify_checks_what_bulk_signing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let signed = stdout_of(
        with_key()
            .args(["hmac-sign", "--user-ids-from", "-"])
            .write_stdin("alice\nbob\ncarol\n"),
    );
    let good = file_with(&dir, "good.tsv", signed.as_bytes());
    with_key()
        .args(["hmac-sign", "--verify", "--user-ids-from"])
        .arg(&good)
        .assert()
        .success()
        .stdout("alice\tvalid\nbob\tvalid\ncarol\tvalid\n");
    // One signature from another user: one verdict per line, exit 1.
    let swapped = signed.replace(&signature("bob"), &signature("mallory"));
    let bad = file_with(&dir, "bad.tsv", swapped.as_bytes());
    with_key()
        .args(["hmac-sign", "--verify", "--user-ids-from"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("alice\tvalid\nbob\tinvalid\ncarol\tvalid\n");
    with_key()
        .args(["hmac-sign", "--verify", "--json", "--user-ids-from"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(concat!(
            "{\"user_id\":\"alice\",\"valid\":true}\n",
            "{\"user_id\":\"bob\",\"valid\":false}\n",
            "{\"user_id\":\"carol\",\"valid\":true}\n"
        ));
    // What signing with --json writes reads back too.
    let records = stdout_of(
        with_key()
            .args(["hmac-sign", "--json", "--user-ids-from", "-"])
            .write_stdin("alice\nbob\n"),
    );
    with_key()
        .args(["hmac-sign", "--verify", "--user-ids-from", "-"])
        .write_stdin(records.replace(&signature("bob"), &signature("eve")))
        .assert()
        .code(1)
        .stdout("alice\tvalid\nbob\tinvalid\n");
    // A signature that cannot be read is an error naming its line, as in single mode (exit 2).
    let short = file_with(
        &dir,
        "short.tsv",
        format!("alice\t{}\nbob\tabc\n", signature("alice")).as_bytes(),
    );
    with_key()
        .args(["hmac-sign", "--verify", "--user-ids-from"])
        .arg(&short)
        .assert()
        .code(2)
        .stdout("alice\tvalid\n")
        .stderr(contains("short.tsv line 2: the signature has 3 characters"));
    with_key()
        .args(["hmac-sign", "--verify", "--user-ids-from", "-"])
        .write_stdin("alice\n")
        .assert()
        .code(2)
        .stderr(contains(
            "stdin line 1: no tab: expected USER_ID<TAB>SIGNATURE",
        ));
    // --verify SIGNATURE and a file of signatures do not mix; --verify alone needs one.
    with_key()
        .args(["hmac-sign", "--verify", "abc", "--user-ids-from"])
        .arg(&good)
        .assert()
        .code(2)
        .stderr(contains("each line carries its own"));
    with_key()
        .args(["hmac-sign", "alice", "--verify"])
        .assert()
        .code(2)
        .stderr(contains("--verify needs the SIGNATURE"));
}

#[test]
fn windows_line_endings_are_read_without_the_cr_with_one_note() {
    let output = with_key()
        .args([
            "issue",
            "--user-ids-from",
            "-",
            "--now",
            NOW,
            "--jti",
            "j-{n}",
        ])
        .write_stdin("alice\r\nbob\r\ncarla\r\n")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let unix = stdout_of(
        with_key()
            .args([
                "issue",
                "--user-ids-from",
                "-",
                "--now",
                NOW,
                "--jti",
                "j-{n}",
            ])
            .write_stdin("alice\nbob\ncarla\n"),
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), unix);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("Windows line endings").count(),
        1,
        "one note: {stderr}"
    );
    // Single mode still refuses the `\r` it cannot send.
    with_key()
        .args(["issue", "--user-id", "alice\r", "--now", NOW])
        .assert()
        .code(2);
}
