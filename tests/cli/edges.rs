//! Bad input at the edges, through the real binary: inputs over the 1 MiB bound, invalid UTF-8,
//! control characters in user ids, enormous scope strings and user ids, and `--now` /
//! `--expires-in` values that would overflow time arithmetic. Each must end in a clear error
//! (one `courier-token: error:` line, at most a hint after it) and exit code 2 — never a panic,
//! never a wrapped-around or pre-1970 timestamp in a token.

use crate::common;

use common::with_key;
use courier_token::input::MAX_INPUT_BYTES;
use courier_token::token::base64url;
use predicates::prelude::*;
use serde_json::Value;

/// Runs `command` and checks it failed the way every edge must: exit 2, nothing on stdout, a
/// short error on stderr that names the problem. Returns stderr.
fn assert_clear_error(command: &mut assert_cmd::Command, names: &str) -> String {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    assert!(stderr.starts_with("courier-token: error: "), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.len() <= 2, "more than an error and a hint: {stderr}");
    if let Some(hint) = lines.get(1) {
        assert!(hint.starts_with("  hint: "), "{stderr}");
    }
    assert!(
        stderr.len() < 600,
        "an error a person cannot read: {} bytes",
        stderr.len()
    );
    assert!(stderr.contains(names), "expected {names:?} in: {stderr}");
    stderr
}

/// A key file only its owner can read (so no permission warning joins the error).
fn write_private(path: &std::path::Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// The payload of a minted token as JSON.
fn payload_of(token: &str) -> Value {
    let payload = token.trim().split('.').nth(1).unwrap();
    serde_json::from_slice(&base64url::decode_strict(payload).unwrap()).unwrap()
}

#[test]
fn stdin_over_the_bound_is_refused() {
    let one_line = "a".repeat(MAX_INPUT_BYTES + 1);
    assert_clear_error(
        with_key()
            .args(["verify", "-"])
            .write_stdin(one_line.clone()),
        "stdin line 1: longer than 1048576 bytes",
    );
    // inspect and doctor read any size (issue 16): a big input with no token is "no token".
    with_key()
        .args(["inspect", "-"])
        .write_stdin(one_line)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no token found"));
    // Many short lines are a stream, not one input: they are each checked.
    let many = format!("{}\n", "x.y.z").repeat(MAX_INPUT_BYTES / 6 + 10);
    with_key()
        .args(["verify", "-q", "-"])
        .write_stdin(many)
        .assert()
        .code(1);
}

#[test]
fn key_files_over_the_bound_are_refused_and_at_the_bound_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big");
    write_private(&big, &vec![b'k'; MAX_INPUT_BYTES + 1]);
    let stderr = assert_clear_error(
        common::bare()
            .arg("--key-file")
            .arg(&big)
            .args(["hmac-sign", "u1"]),
        "more than 1 MiB; that is not an API key",
    );
    assert!(!stderr.contains("kkkk"));
    assert_clear_error(
        common::bare()
            .args(["--key-file", "-", "hmac-sign", "u1"])
            .write_stdin(vec![b'k'; MAX_INPUT_BYTES + 1]),
        "stdin holds more than 1 MiB",
    );
    let exact = dir.path().join("exact");
    write_private(&exact, &vec![b'k'; MAX_INPUT_BYTES]);
    common::bare()
        .arg("--key-file")
        .arg(&exact)
        .args(["hmac-sign", "u1"])
        .assert()
        .success();
    // A big key read from stdin in small pieces comes out the same as from a file.
    let from_file = common::bare()
        .arg("--key-file")
        .arg(&exact)
        .args(["hmac-sign", "u1"])
        .output()
        .unwrap()
        .stdout;
    common::bare()
        .args(["--key-file", "-", "hmac-sign", "u1"])
        .write_stdin(vec![b'k'; MAX_INPUT_BYTES])
        .assert()
        .success()
        .stdout(from_file);
}

#[test]
fn tokens_that_are_not_utf8_on_stdin_are_input_errors() {
    assert_clear_error(
        with_key()
            .args(["verify", "-"])
            .write_stdin(&b"eyJ.eyJ.\xff\n"[..]),
        "stdin line 1: not UTF-8",
    );
    assert_clear_error(
        with_key()
            .args(["inspect", "-"])
            .write_stdin(&b"Bearer eyJ\xfe.eyJ.x"[..]),
        "not UTF-8",
    );
}

/// Clap refuses a non-UTF-8 argument before our code runs: exit 2 and its own usage error
/// (`error: invalid UTF-8 was detected...`), not a panic.
#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_usage_errors() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"u\xff1");
    for args in [
        vec![OsStr::new("hmac-sign"), bad],
        vec![OsStr::new("issue"), OsStr::new("--user-id"), bad],
        vec![
            OsStr::new("verify"),
            OsStr::new("--user-id"),
            bad,
            OsStr::new("x.y.z"),
        ],
        vec![OsStr::new("verify"), bad],
        vec![OsStr::new("inspect"), bad],
        vec![
            OsStr::new("issue"),
            OsStr::new("--user-id"),
            OsStr::new("u"),
            OsStr::new("--scope"),
            bad,
        ],
    ] {
        let output = with_key().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: invalid UTF-8"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"));
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn control_characters_in_user_ids_are_refused_and_shown_escaped() {
    for (user_id, names) in [
        ("u\u{1}1", "control character (U+0001)"),
        ("u\u{1b}[31m1", "control character (U+001B)"),
        ("u\u{7f}", "control character (U+007F)"),
        ("u\u{9b}1", "control character (U+009B)"),
        ("u\t1", "a tab (U+0009)"),
        ("u\n1", "whitespace (U+000A)"),
        ("u\u{85}1", "whitespace (U+0085)"),
        ("u\u{2028}1", "whitespace (U+2028)"),
        ("u\u{3000}1", "whitespace (U+3000)"),
        ("u 1", "a space"),
    ] {
        let in_scope = format!("user_id:{user_id}");
        let mut runs = vec![
            vec!["issue", "--user-id", user_id],
            vec!["verify", "--user-id", user_id, "x.y.z"],
        ];
        // The HMAC has no scope, so it signs ids with spaces (tests/cli/fail_closed.rs); control
        // characters, which no HTTP header can carry, it still refuses.
        if user_id.contains(char::is_control) {
            runs.push(vec!["hmac-sign", user_id]);
        }
        // In a --scope value whitespace separates scopes, so only other controls get this far.
        if !user_id.contains(char::is_whitespace) {
            runs.push(vec!["issue", "--user-id", "u", "--scope", &in_scope]);
        }
        for args in runs {
            let stderr = assert_clear_error(with_key().args(&args), names);
            // Escaped, so a terminal never interprets it.
            assert!(
                !stderr.contains(['\u{1}', '\u{1b}', '\u{7f}', '\u{9b}']),
                "{args:?}"
            );
        }
    }
    assert_clear_error(with_key().args(["hmac-sign", ""]), "the user id is empty");
    // NUL cannot travel in an argument (the OS ends the string there), but it can in bulk input.
    assert!(courier_token::scope::validate_user_id("u\u{0}1").is_err());
    for (line, names) in [
        ("u\u{0}1", "control character (U+0000)"),
        ("u\u{1b}[2J", "control character (U+001B)"),
        ("u\r1", "whitespace (U+000D)"),
    ] {
        for command in ["issue", "hmac-sign"] {
            let output = with_key()
                .args([command, "--user-ids-from", "-"])
                .write_stdin(format!("ok\n{line}\n"))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains("stdin line 2") && stderr.contains(names),
                "{stderr}"
            );
            assert!(!stderr.contains(['\u{0}', '\u{1b}']), "{stderr}");
            assert!(!stderr.contains("panicked"));
        }
    }
}

#[test]
fn enormous_scopes_and_user_ids_are_refused_briefly() {
    let mut many = vec![
        "issue".to_string(),
        "--user-id".to_string(),
        "u1".to_string(),
    ];
    for n in 0..10_000 {
        many.push("--scope".to_string());
        many.push(format!("read:brands:b{n}"));
    }
    assert_clear_error(with_key().args(&many), "the scope string is");
    // One argument may hold at most 128 KiB on Linux, so 5 000 scopes in a single --scope.
    let spaced: String = (0..5_000).map(|n| format!("read:brands:b{n} ")).collect();
    assert_clear_error(
        with_key().args(["issue", "--user-id", "u1", "--scope", &spaced]),
        "more than 6144",
    );
    // One long user id: told about its length, not to "issue one token per user instead".
    let huge_user = "u".repeat(100 * 1024);
    let stderr = assert_clear_error(
        with_key().args(["issue", "--user-id", &huge_user]),
        "the user id is 102400 bytes long",
    );
    assert!(!stderr.contains("one token per user"), "{stderr}");
    let huge_scope = "x".repeat(100 * 1024);
    let stderr = assert_clear_error(
        with_key().args(["issue", "--user-id", "u1", "--scope", &huge_scope]),
        "(102400 bytes)",
    );
    assert!(stderr.contains("unknown scope"));
    let bad_huge_user = format!("{}\u{1}", "u".repeat(100 * 1024));
    assert_clear_error(
        with_key().args(["hmac-sign", &bad_huge_user]),
        "(102401 bytes)",
    );
    // A long but clean user id is fine for the legacy signature, which has no size limit.
    with_key()
        .args(["hmac-sign", &huge_user])
        .assert()
        .success();
}

#[test]
fn times_that_would_overflow_are_refused() {
    for (args, names) in [
        (
            vec!["--now", "253402300799", "--expires-in", "1y"],
            "outside the years 1970 to 9999",
        ),
        (vec!["--expires-in", "1e308"], "is not a lifetime"),
        (vec!["--expires-in", "1e308y"], "is not a lifetime"),
        (vec!["--expires-in", "inf"], "is not a lifetime"),
        (vec!["--expires-in", "NaN"], "is not a lifetime"),
        (
            vec!["--expires-in", "99999999999999999999"],
            "outside the years 1970 to 9999",
        ),
        (
            vec!["--expires-in", "-99999999999999999999"],
            "outside the years 1970 to 9999",
        ),
        (
            vec!["--expires-in", "9999999999999999999999999999h"],
            "outside the years 1970 to 9999",
        ),
        (
            vec!["--expires-in", &format!("{}y", "9".repeat(99))],
            "outside the years 1970 to 9999",
        ),
        (
            vec!["--expires-in", &format!("{}y", "9".repeat(300))],
            "is not a lifetime",
        ),
        // A compound in the `ms` grammar (issue 10), too long for any expiry.
        (
            vec!["--expires-in", "18446744073709551615s 1s"],
            "outside the years 1970 to 9999",
        ),
        (
            vec!["--now", "0", "--expires-in", "-1s"],
            "outside the years 1970 to 9999",
        ),
        (vec!["--now", "99999999999999999999"], "after the year 9999"),
        (vec!["--now", "253402300800"], "after the year 9999"),
        (vec!["--now", "-1"], "before 1970"),
        (vec!["--now=-99999999999999999999"], "before 1970"),
        (
            vec!["--now", "1970-01-01T00:00:00+01:00", "--no-expiry"],
            "before 1970",
        ),
        (
            vec!["--now", "9999-12-31T23:59:59-01:00", "--no-expiry"],
            "after the year 9999",
        ),
        (vec!["--now", "+5"], "is not a time"),
    ] {
        let mut command = with_key();
        command.args(["issue", "--user-id", "u1"]).args(&args);
        assert_clear_error(&mut command, names);
    }
    for (args, names) in [
        (vec!["--now", "-5"], "before 1970"),
        (vec!["--now", "99999999999999999999"], "after the year 9999"),
        (
            vec!["--leeway", "18446744073709551615"],
            "more than ten years",
        ),
        // One duration grammar for every option (issue 10): this is a duration, a long one.
        (
            vec!["--leeway", "99999999999999999999999y"],
            "more than ten years",
        ),
        (vec!["--leeway", "1 month"], "month has no fixed length"),
    ] {
        let mut command = with_key();
        command.arg("verify").args(&args).arg("x.y.z");
        assert_clear_error(&mut command, names);
    }
}

/// The last representable instants still work, exactly, and nothing is wrapped or clamped.
#[test]
fn the_edges_of_time_that_fit_are_exact() {
    let token = common::stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u1",
        "--now",
        "253402300798",
        "--expires-in",
        "1s",
    ]));
    let payload = payload_of(&token);
    assert_eq!(payload["iat"], 253_402_300_798_i64);
    assert_eq!(payload["exp"], 253_402_300_799_i64);
    with_key()
        .args(["verify", "--now", "253402300798", token.trim()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("9999-12-31T23:59:59Z"));
    let token = common::stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u1",
        "--now",
        "1970-01-01T01:00:00+01:00",
        "--no-expiry",
    ]));
    assert_eq!(payload_of(&token)["iat"], 0);
    // floor(1 - 0.5) = 0: the earliest exp there is (from 0 it would be -1, refused).
    let token = common::stdout_of(with_key().args([
        "issue",
        "--user-id",
        "u1",
        "--now",
        "1",
        "--expires-in",
        "-0.5s",
    ]));
    assert_eq!(payload_of(&token)["exp"], 0);
}
