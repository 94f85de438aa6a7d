//! Where the API key comes from, and that it never leaks: env, legacy env, `--key-env`, files
//! with and without a trailing newline, stdin, missing and empty keys, `--key` refused, and a
//! canary key that must not appear in any output of any command.

mod common;

use common::{bare, stdout_of, with_key, KEY};
use courier_token::token::Signer;
use courier_token::user_signature::user_signature;
use predicates::prelude::*;

fn signature_for(key: &[u8]) -> String {
    format!("{}\n", user_signature(&Signer::from_bytes(key), "u1"))
}

#[test]
fn env_then_legacy_env_then_key_env() {
    with_key()
        .args(["hmac-sign", "u1"])
        .assert()
        .success()
        .stdout(signature_for(KEY.as_bytes()));
    bare()
        .env("COURIER_AUTH_TOKEN", "legacy")
        .args(["hmac-sign", "u1"])
        .assert()
        .success()
        .stdout(signature_for(b"legacy"));
    bare()
        .env("COURIER_API_KEY", "current")
        .env("COURIER_AUTH_TOKEN", "legacy")
        .args(["hmac-sign", "u1"])
        .assert()
        .stdout(signature_for(b"current"));
    with_key()
        .env("MY_KEY", "mine")
        .args(["--key-env", "MY_KEY", "hmac-sign", "u1"])
        .assert()
        .stdout(signature_for(b"mine"));
    bare()
        .args(["--key-env", "NOT_SET_ANYWHERE", "hmac-sign", "u1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NOT_SET_ANYWHERE"));
}

#[test]
fn key_files_drop_exactly_one_trailing_newline() {
    let dir = tempfile::tempdir().unwrap();
    for (content, key) in [
        (&b"filekey"[..], &b"filekey"[..]),
        (b"filekey\n", b"filekey"),
        (b"filekey\r\n", b"filekey"),
        (b"filekey\n\n", b"filekey\n"),
        (b" spaced \n", b" spaced "),
        (b"\xff\x00bin", b"\xff\x00bin"),
    ] {
        let path = dir.path().join("key");
        std::fs::write(&path, content).unwrap();
        with_key()
            .arg("--key-file")
            .arg(&path)
            .args(["hmac-sign", "u1"])
            .assert()
            .success()
            .stdout(signature_for(key));
    }
}

#[test]
fn key_from_stdin() {
    bare()
        .args(["--key-file", "-", "hmac-sign", "u1"])
        .write_stdin("stdinkey\n")
        .assert()
        .success()
        .stdout(signature_for(b"stdinkey"));
    bare()
        .args(["--key-file", "-", "verify", "-"])
        .write_stdin("k\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both want stdin"));
}

#[test]
fn missing_and_empty_keys_are_errors() {
    bare()
        .args(["hmac-sign", "u1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no API key"));
    bare()
        .env("COURIER_API_KEY", "")
        .args(["hmac-sign", "u1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("COURIER_API_KEY is empty"));
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "\n").unwrap();
    bare()
        .arg("--key-file")
        .arg(&empty)
        .args(["hmac-sign", "u1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is empty"));
    bare()
        .args(["--key-file", "/nonexistent/key", "hmac-sign", "u1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open key file /nonexistent/key",
        ));
}

#[test]
fn key_on_the_command_line_is_refused_with_the_reason() {
    for args in [
        &["--key", "sk_live_x", "issue", "--user-id", "u"][..],
        &["issue", "--user-id", "u", "--key=sk_live_x"][..],
        &["hmac-sign", "u", "--api-key", "sk_live_x"][..],
    ] {
        bare().args(args).assert().code(2).stdout("").stderr(
            predicate::str::contains("shows up in `ps` and shell history")
                .and(predicate::str::contains("--key-file"))
                .and(predicate::str::contains("sk_live_x").not()),
        );
    }
}

#[cfg(unix)]
#[test]
fn warns_about_a_key_file_others_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("key");
    std::fs::write(&path, "k").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    bare()
        .arg("--key-file")
        .arg(&path)
        .args(["hmac-sign", "u1"])
        .assert()
        .success()
        .stderr(predicate::str::contains("readable by group or others"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    bare()
        .arg("--key-file")
        .arg(&path)
        .args(["hmac-sign", "u1"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_key_never_appears_in_any_output() {
    const CANARY: &str = "sk_canary_9f8e7d6c5b4a";
    let token = stdout_of(
        bare()
            .env("COURIER_API_KEY", CANARY)
            .args(["issue", "--user-id", "u1"]),
    );
    let zeros = "0".repeat(64);
    let runs: Vec<Vec<&str>> = vec![
        vec!["issue", "--user-id", "u1"],
        vec!["issue", "--user-id", "u1", "--json", "--no-expiry"],
        vec!["issue", "--user-id", "bad id"],
        vec!["issue", "--user-id", "u", "--scope", "nope"],
        vec!["verify", token.trim()],
        vec!["verify", "--json", token.trim()],
        vec!["verify", "--json", "not.a.token"],
        vec!["hmac-sign", "u1"],
        vec!["hmac-sign", "u1", "--verify", "00"],
        vec!["hmac-sign", "u1", "--verify", &zeros],
        vec!["inspect", token.trim()],
        vec!["inspect", "--json", token.trim()],
        vec!["inspect", "nothing"],
        vec!["--help"],
        vec!["issue", "--help"],
        vec!["verify", "--help"],
        vec!["--key-file", "/nonexistent", "issue", "--user-id", "u"],
    ];
    for args in runs {
        let output = bare()
            .env("COURIER_API_KEY", CANARY)
            .args(&args)
            .output()
            .unwrap();
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !String::from_utf8_lossy(stream).contains(CANARY),
                "{args:?} leaked the key"
            );
        }
    }
}
