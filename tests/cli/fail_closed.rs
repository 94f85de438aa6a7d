//! Issue 10, "never crash" and "fail closed", through the real binary: hostile input that once
//! panicked, stderr and stdout that cannot be written, closed pipes after a rejection, empty
//! option values, and process hardening. Each test failed before its fix.

use crate::common;

use std::process::{Command, Stdio};

use common::{bare, stdout_of, with_key, KEY, NOW};
use courier_token::token::base64url;

/// The built binary, for runs that need a shell's redirections (`>&-`, `2>/dev/full`).
fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("courier-token")
}

/// Runs `script` in `sh` with `$0` the binary and the test key in the environment.
fn shell(script: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(binary())
        .env("COURIER_API_KEY", KEY)
        .env_remove("COURIER_AUTH_TOKEN")
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs")
}

fn mint(user: &str) -> String {
    stdout_of(with_key().args(["issue", "--user-id", user, "--now", NOW]))
        .trim()
        .to_string()
}

#[test]
fn inspect_survives_a_scope_word_wider_than_the_formatter_allows() {
    let header = base64url::encode(br#"{"alg":"none"}"#);
    let scope = format!("user_id:{}", "a".repeat(70_000));
    let payload =
        base64url::encode(format!(r#"{{"scope":"{scope} inbox:read:messages"}}"#).as_bytes());
    let token = format!("{header}.{payload}.");
    let output = bare().args(["inspect", &token]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("inbox:read:messages"), "{stdout}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_stderr_that_cannot_be_written_does_not_abort() {
    // An error: still exit 2, not SIGABRT.
    let failed = shell(r#"exec "$0" issue --user-id 'a b' 2>/dev/full"#);
    assert_eq!(failed.status.code(), Some(2), "{failed:?}");
    // A success with a note on stderr: still exit 0, the token still on stdout.
    let minted = shell(r#"exec "$0" issue --user-id alice --no-expiry 2>/dev/full"#);
    assert_eq!(minted.status.code(), Some(0), "{minted:?}");
    assert!(String::from_utf8_lossy(&minted.stdout).starts_with("eyJ"));
}

/// Runs `command` (a shell fragment, `$0` the binary) with stdout a pipe whose reader has
/// already gone (its read end is closed before the command starts: no race with a reader
/// that is still leaving), and returns the exit status it reported.
fn status_with_reader_gone(command: &str, stdin: &str) -> String {
    let input = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(input.path(), stdin).unwrap();
    let (reader, writer) = rustix::pipe::pipe().unwrap();
    drop(reader);
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(r#"{command} < "$INPUT"; echo "status=$?" >&2"#))
        .arg(binary())
        .stdout(Stdio::from(writer))
        .env("COURIER_API_KEY", KEY)
        .env("INPUT", input.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .find_map(|line| line.strip_prefix("status="))
        .unwrap_or_else(|| panic!("no status in: {stderr}"))
        .to_string()
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_after_a_rejection_still_exits_1() {
    let good = mint("alice");
    let forged = format!("{}x", &good[..good.len() - 1]);
    let verify = format!(r#""$0" verify --now {NOW}"#);
    let stream = format!("{good}\n{forged}\n").repeat(500);
    assert_eq!(
        status_with_reader_gone(&format!("{verify} -"), &stream),
        "1"
    );
    assert_eq!(
        status_with_reader_gone(&format!("{verify} {forged}"), ""),
        "1"
    );
    let good_stream = format!("{good}\n").repeat(500);
    assert_eq!(
        status_with_reader_gone(&format!("{verify} -"), &good_stream),
        "0"
    );
    let mismatch = format!(r#""$0" hmac-sign alice --verify {}"#, "0".repeat(64));
    assert_eq!(status_with_reader_gone(&mismatch, ""), "1");
}

#[cfg(unix)]
#[test]
fn lost_output_is_an_error() {
    // A stdout closed at start-up is reopened on a read-write /dev/null by Rust's runtime before
    // `main`, indistinguishable from the /dev/null that Python, Node and systemd hand over: it
    // is a sink (issue 15; README and SECURITY say so).
    let closed = shell(r#"exec "$0" issue --user-id alice >&-"#);
    assert_eq!(closed.status.code(), Some(0), "{closed:?}");
    let discarded = shell(r#"exec "$0" issue --user-id alice >/dev/null"#);
    assert_eq!(discarded.status.code(), Some(0), "{discarded:?}");
    // A read-only stdout cannot take the output: an error (tests/cli/standard_output.rs has more).
    let read_only = shell(r#"exec "$0" issue --user-id alice 1</dev/null"#);
    assert_eq!(read_only.status.code(), Some(2), "{read_only:?}");
    // verify --quiet writes nothing, so it may run with a read-only stdout.
    let token = mint("alice");
    let quiet = shell(&format!(
        r#"exec "$0" verify --quiet --now {NOW} {token} 1</dev/null"#
    ));
    assert_eq!(quiet.status.code(), Some(0), "{quiet:?}");
    #[cfg(target_os = "linux")]
    for script in [
        r#"exec "$0" --version >/dev/full"#,
        r#"exec "$0" --help >/dev/full"#,
        r#"exec "$0" issue --user-id alice >/dev/full"#,
    ] {
        let full = shell(script);
        assert_eq!(full.status.code(), Some(2), "{script}: {full:?}");
        assert!(String::from_utf8_lossy(&full.stderr).starts_with("courier-token: error: "));
    }
    let version = shell(r#"exec "$0" --version 1</dev/null"#);
    assert_eq!(version.status.code(), Some(2), "{version:?}");
    // The documented quiet end on a closed pipe stays.
    assert_eq!(status_with_reader_gone(r#""$0" --help"#, ""), "0");
    let issue = r#""$0" issue --user-id alice"#;
    assert_eq!(status_with_reader_gone(issue, ""), "0");
}

#[test]
fn empty_option_values_are_usage_errors() {
    let token = mint("alice");
    for blank in ["", "   "] {
        let output = with_key()
            .args(["verify", "--now", NOW, "--require-scope", blank, &token])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("--require-scope"), "{stderr}");
    }
    let output = with_key()
        .args(["--key-env", "", "issue", "--user-id", "alice"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--key-env \"\" is empty"));
    for blank in ["", " "] {
        let output = with_key()
            .args([
                "issue",
                "--user-id",
                "alice",
                "--scope",
                "inbox:read:messages",
            ])
            .args(["--scope", blank])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("--scope"));
    }
    for (option, value) in [("--user-id", ""), ("--tenant", " ")] {
        let output = with_key()
            .args(["doctor", "--offline", option, value, &token])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{option}: {stderr}");
        assert!(stderr.contains(&format!("{option} ")), "{stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn core_dumps_are_off_from_start_up() {
    // A verify left waiting on stdin stays alive long enough to be looked at from outside.
    let mut child = Command::new(binary())
        .args(["verify", "-"])
        .env("COURIER_API_KEY", KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let limits_path = format!("/proc/{}/limits", child.id());
    let mut core_line = String::new();
    for _ in 0..200 {
        let limits = std::fs::read_to_string(&limits_path).unwrap_or_default();
        core_line = limits
            .lines()
            .find(|line| line.starts_with("Max core file size"))
            .unwrap_or_default()
            .to_string();
        if core_line.split_whitespace().skip(4).take(2).eq(["0", "0"]) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let fields: Vec<&str> = core_line.split_whitespace().collect();
    // "Max core file size  0  0  bytes": soft and hard limits both zero.
    let not_dumpable = not_dumpable(child.id());
    drop(child.stdin.take());
    let _ = child.wait();
    assert_eq!(fields.get(4..6), Some(&["0", "0"][..]), "{core_line}");
    if let Some(not_dumpable) = not_dumpable {
        assert!(not_dumpable, "the process is still dumpable");
    }
}

/// Whether `/proc/PID` of a process of ours is owned by root, which is what Linux does to a
/// process marked not dumpable. Unknowable when the test itself runs as root.
#[cfg(target_os = "linux")]
fn not_dumpable(pid: u32) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    let ours = std::fs::metadata("/proc/self").ok()?.uid();
    if ours == 0 {
        return None;
    }
    Some(
        std::fs::metadata(format!("/proc/{pid}/environ"))
            .ok()?
            .uid()
            == 0,
    )
}

#[test]
fn hmac_sign_signs_an_id_a_scope_could_not_hold() {
    let output = with_key().args(["hmac-sign", "a b"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.trim().len(), 64, "{stdout}");
    assert!(stderr.contains("cannot appear in a JWT scope"), "{stderr}");
    let empty = with_key().args(["hmac-sign", ""]).output().unwrap();
    assert_eq!(empty.status.code(), Some(2));
}

#[test]
fn hints_meet_users_where_they_type() {
    let exp = with_key()
        .args(["issue", "--user-id", "alice", "--exp", "2d"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&exp.stderr);
    assert_eq!(exp.status.code(), Some(2));
    assert!(stderr.contains("'--expires-in'"), "{stderr}");
    assert!(!stderr.contains("--no-expiry'"), "{stderr}");

    let unquoted = with_key()
        .args(["issue", "--user-id", "alice", "--expires-in", "2", "days"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&unquoted.stderr);
    assert_eq!(unquoted.status.code(), Some(2));
    assert!(stderr.contains("--expires-in '2 days'"), "{stderr}");

    let millis = with_key()
        .args(["issue", "--user-id", "alice", "--now", "1714564800000"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&millis.stderr);
    assert_eq!(millis.status.code(), Some(2));
    assert!(stderr.contains("milliseconds"), "{stderr}");
}

#[test]
fn a_key_with_stray_whitespace_is_named_and_bad_signatures_say_which_key() {
    let dir = tempfile::tempdir().unwrap();
    let clean = mint("alice");
    // A key file saved on Windows (issue 15): the newline is dropped, the carriage return is
    // used as read, with a warning, as README and SECURITY say.
    let crlf = dir.path().join("key.crlf");
    std::fs::write(&crlf, format!("{KEY}\r\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&crlf, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let output = bare()
        .arg("--key-file")
        .arg(&crlf)
        .args(["verify", "--now", NOW, &clean])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("ends with whitespace (a carriage return)"),
        "{stderr}"
    );
    assert!(
        stdout.contains(&format!("does not match the key in {}", crlf.display())),
        "{stdout}"
    );
    assert!(!stderr.contains(KEY) && !stdout.contains(KEY));
    // `export K="$(cat key.crlf)"`: the shell strips the newline, the CR stays.
    let output = bare()
        .env("COURIER_API_KEY", format!("{KEY}\r"))
        .args(["verify", "--now", NOW, &clean])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stderr.contains("ends with whitespace (a carriage return)"),
        "{stderr}"
    );
    assert!(
        stdout.contains("does not match the key from COURIER_API_KEY"),
        "{stdout}"
    );
    // A BOM in front.
    let output = bare()
        .env("MY_KEY", format!("\u{feff}{KEY}"))
        .args(["--key-env", "MY_KEY", "hmac-sign", "alice"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("byte order mark"));
}
