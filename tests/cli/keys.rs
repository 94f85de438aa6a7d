//! Where the API key comes from, and that it never leaks: env, legacy env, `--key-env`, files
//! with and without a trailing newline, stdin, missing and empty keys, `--key` refused, and a
//! canary key that must not appear in any output of any command.

use crate::common;

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
        // Windows line endings: the `\r` stays, with a warning (tests/cli/fail_closed.rs).
        (b"filekey\r\n", b"filekey\r"),
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

/// How the canary key reaches the binary in the leak tests.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CanarySource {
    /// `COURIER_API_KEY`.
    Env,
    /// `--key-env NAME`.
    KeyEnv,
    /// `--key-file PATH`.
    KeyFile,
    /// `--key-file -`.
    Stdin,
}

const CANARY: &str = "sk_canary_9f8e7d6c5b4a";

/// The binary with the canary supplied through `source` (the key file lives in `dir`).
fn canary_command(source: CanarySource, dir: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_courier-token"));
    command
        .env_remove("COURIER_API_KEY")
        .env_remove("COURIER_AUTH_TOKEN")
        .env("NO_COLOR", "1");
    match source {
        CanarySource::Env => {
            command.env("COURIER_API_KEY", CANARY);
        }
        CanarySource::KeyEnv => {
            command
                .env("MY_SECRET", CANARY)
                .args(["--key-env", "MY_SECRET"]);
        }
        CanarySource::KeyFile => {
            let path = dir.join("canary-key");
            std::fs::write(&path, format!("{CANARY}\n")).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let private = std::fs::Permissions::from_mode(0o600);
                std::fs::set_permissions(&path, private).unwrap();
            }
            command.arg("--key-file").arg(path);
        }
        CanarySource::Stdin => {
            command.args(["--key-file", "-"]);
        }
    }
    command
}

/// Fails if `stream` holds the canary raw, hex-encoded or base64-encoded.
fn assert_no_canary(stream: &[u8], what: &str) {
    let text = String::from_utf8_lossy(stream);
    let encodings = [
        CANARY.to_string(),
        hex::encode(CANARY),
        hex::encode_upper(CANARY),
        courier_token::token::base64url::encode(CANARY.as_bytes()),
        courier_token::token::base64url::encode(CANARY.as_bytes()).replace(['-', '_'], ""),
    ];
    for encoded in &encodings {
        assert!(
            !text.contains(encoded.as_str()),
            "{what} leaked the key as {encoded:?}:\n{text}"
        );
    }
    // Nor a long enough piece of it to recognise.
    assert!(
        !text.contains(&CANARY[3..]),
        "{what} leaked part of the key:\n{text}"
    );
}

#[test]
fn the_key_never_appears_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let token = stdout_of(
        bare()
            .env("COURIER_API_KEY", CANARY)
            .args(["issue", "--user-id", "u1"]),
    );
    let token = token.trim();
    let foreign = stdout_of(with_key().args(["issue", "--user-id", "u1"]));
    let zeros = "0".repeat(64);
    let ids = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    };
    let ids_ok = ids("ids-ok", "u1\nu2\n");
    let ids_bad = ids("ids-bad", "u1\nbad\tuser\nu3\n");
    let ids_nul = ids("ids-nul", "u1\nu\u{0}2\n");
    let ids_utf8 = dir.path().join("ids-utf8");
    std::fs::write(&ids_utf8, b"u1\n\xff\n").unwrap();
    let ids_utf8 = ids_utf8.to_str().unwrap().to_string();
    let signature = user_signature(&Signer::from_bytes(CANARY.as_bytes()), "u1");
    // (arguments, stdin, expected exit code)
    let runs: Vec<(Vec<&str>, Option<String>, i32)> = vec![
        (vec!["issue", "--user-id", "u1"], None, 0),
        (
            vec!["issue", "--user-id", "u1", "--json", "--no-expiry"],
            None,
            0,
        ),
        (
            vec![
                "issue",
                "--user-id",
                "u1",
                "--client-key",
                common::CLIENT_KEY,
                "--claim",
                "a=1",
            ],
            None,
            0,
        ),
        (vec!["issue", "--user-id", "bad id"], None, 2),
        (vec!["issue", "--user-id", "u", "--scope", "nope"], None, 2),
        (
            vec!["issue", "--user-id", "u", "--scope", "inbox:read:message"],
            None,
            2,
        ),
        (
            vec!["issue", "--user-id", "u", "--expires-in", "forever"],
            None,
            2,
        ),
        (
            vec![
                "issue",
                "--user-id",
                "u",
                "--expires-in",
                "99999999999999999999y",
            ],
            None,
            2,
        ),
        (
            vec!["issue", "--user-id", "u", "--claim", "scope=x"],
            None,
            2,
        ),
        (
            vec!["issue", "--user-id", "u", "--client-key", "!!"],
            None,
            2,
        ),
        (vec!["verify", token], None, 0),
        (vec!["verify", "--json", token], None, 0),
        (
            vec!["verify", "-q", "--user-id", "someone-else", token],
            None,
            1,
        ),
        (vec!["verify", "--json", "not.a.token"], None, 1),
        (vec!["verify", "--json", foreign.trim()], None, 1),
        (
            vec!["verify", "--json", "-"],
            Some(format!("{token}\nbad\n{foreign}")),
            1,
        ),
        (vec!["verify", "-"], Some(String::new()), 2),
        (vec!["verify", "--leeway", "soon", token], None, 2),
        (vec!["hmac-sign", "u1"], None, 0),
        (vec!["hmac-sign", "u1", "--json"], None, 0),
        (vec!["hmac-sign", "u1", "--verify", &signature], None, 0),
        (vec!["hmac-sign", "u1", "--verify", &zeros], None, 1),
        (vec!["hmac-sign", "u1", "--verify", "00"], None, 2),
        (vec!["hmac-sign", "bad\u{1}id"], None, 2),
        (vec!["inspect", token], None, 0),
        (vec!["inspect", "--json", token], None, 0),
        (vec!["inspect", "--json", foreign.trim()], None, 0),
        (vec!["inspect", "nothing"], None, 1),
        (
            vec!["inspect", "-"],
            Some(format!("Authorization: Bearer {token}")),
            0,
        ),
        // doctor: the key only tells a locally signed token (this one), and is never shown.
        (vec!["doctor", "--offline", token], None, 1),
        (
            vec!["doctor", "--offline", "--json", foreign.trim()],
            None,
            0,
        ),
        (vec!["doctor", "--dry-run", token], None, 0),
        (
            vec!["doctor", "--offline", "-"],
            Some(format!("Authorization: Bearer {token}")),
            1,
        ),
        (vec!["doctor", "--offline", CANARY], None, 1),
        (vec!["--help"], None, 0),
        (vec!["issue", "--help"], None, 0),
        (vec!["verify", "--help"], None, 0),
        (vec!["--key", CANARY, "issue", "--user-id", "u"], None, 2),
        // Bulk mode: success, a bad line, a NUL, bad UTF-8, a missing file, ids on stdin.
        (vec!["issue", "--user-ids-from", &ids_ok], None, 0),
        (vec!["issue", "--json", "--user-ids-from", &ids_ok], None, 0),
        (vec!["hmac-sign", "--user-ids-from", &ids_ok], None, 0),
        (
            vec!["hmac-sign", "--json", "--user-ids-from", &ids_ok],
            None,
            0,
        ),
        (vec!["issue", "--user-ids-from", &ids_bad], None, 2),
        (vec!["hmac-sign", "--user-ids-from", &ids_bad], None, 2),
        (vec!["issue", "--user-ids-from", &ids_nul], None, 2),
        (vec!["hmac-sign", "--user-ids-from", &ids_utf8], None, 2),
        (
            vec!["issue", "--user-ids-from", "/nonexistent/ids"],
            None,
            2,
        ),
        (
            vec!["hmac-sign", "--user-ids-from", "-"],
            Some("u1\nbad\tuser\n".to_string()),
            2,
        ),
        (
            vec!["issue", "--user-ids-from", "-", "--scope", "nope"],
            Some("u1\n".to_string()),
            2,
        ),
    ];
    let sources = [
        CanarySource::Env,
        CanarySource::KeyEnv,
        CanarySource::KeyFile,
        CanarySource::Stdin,
    ];
    for source in sources {
        for (args, stdin, code) in &runs {
            let mut command = canary_command(source, dir.path());
            command.args(args);
            // With --key-file -, the key is stdin; a command that also reads stdin must refuse.
            let (stdin, code) = match (source, stdin) {
                (CanarySource::Stdin, Some(_)) => (Some(format!("{CANARY}\n")), 2),
                (CanarySource::Stdin, None) => (Some(format!("{CANARY}\n")), *code),
                (_, stdin) => (stdin.clone(), *code),
            };
            let output = run_with_stdin(&mut command, stdin.as_deref());
            let what = format!("{source:?} {args:?}");
            // `--help` and `--key` do not depend on the key source.
            assert_eq!(
                output.status.code(),
                Some(code),
                "{what}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert_no_canary(&output.stdout, &format!("{what} stdout"));
            assert_no_canary(&output.stderr, &format!("{what} stderr"));
        }
    }
    for (args, code) in [
        (
            vec!["--key-file", "/nonexistent/key", "issue", "--user-id", "u"],
            2,
        ),
        (vec!["--key-env", "NOT_SET_ANYWHERE", "hmac-sign", "u"], 2),
        (vec!["--key-file", "/nonexistent/key", "inspect", token], 2),
        (
            vec![
                "--key-file",
                "/nonexistent/key",
                "doctor",
                "--offline",
                token,
            ],
            2,
        ),
    ] {
        let output = canary_command(CanarySource::Env, dir.path())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        assert_no_canary(&output.stdout, &format!("{args:?} stdout"));
        assert_no_canary(&output.stderr, &format!("{args:?} stderr"));
    }
}

fn run_with_stdin(
    command: &mut std::process::Command,
    stdin: Option<&str>,
) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The child may exit before reading it all; that is not this test's concern.
        let _ = pipe.write_all(text.as_bytes());
    }
    child.wait_with_output().unwrap()
}

/// A reader that goes away mid-stream (`| head -1`): the run ends quietly, and nothing it
/// prints on the way out — stderr included — holds the key.
#[test]
fn the_key_never_appears_when_the_reader_goes_away() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let token = stdout_of(
        bare()
            .env("COURIER_API_KEY", CANARY)
            .args(["issue", "--user-id", "u1"]),
    );
    let lines: String = std::iter::repeat_n(token.as_str(), 20_000).collect();
    for source in [
        CanarySource::Env,
        CanarySource::KeyEnv,
        CanarySource::KeyFile,
    ] {
        for args in [
            &["verify", "-"][..],
            &["verify", "--json", "-"][..],
            &["hmac-sign", "u1"][..],
            // Bulk mode: each token line doubles as a (valid) user id.
            &["hmac-sign", "--user-ids-from", "-"][..],
            &["issue", "--no-jti", "--user-ids-from", "-"][..],
        ] {
            let mut child = canary_command(source, dir.path())
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let mut stdin = child.stdin.take().unwrap();
            let input = lines.clone();
            let feeder = std::thread::spawn(move || {
                let _ = stdin.write_all(input.as_bytes());
            });
            let output = child.wait_with_output().unwrap();
            feeder.join().unwrap();
            let what = format!("{source:?} {args:?} with stdout closed");
            // 0 once every line was answered, 141 when the reader left before (issue 15: as a
            // process ended by SIGPIPE); quiet either way.
            assert!(
                matches!(output.status.code(), Some(0 | 141)),
                "{what}: {:?} {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{what}");
            assert_no_canary(&output.stderr, &what);
        }
    }
}

#[test]
fn a_key_of_only_nul_bytes_is_refused_like_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros");
    std::fs::write(&path, [0u8; 16]).unwrap();
    bare()
        .arg("--key-file")
        .arg(&path)
        .args(["hmac-sign", "u1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("is empty (or only NUL bytes)"));
}
