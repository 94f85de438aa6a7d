//! `serve -- COMMAND` and what a CI job needs around it: the command's exit code passed on
//! (its own, 128 + a signal, 127 when it cannot start), Ctrl-C and SIGTERM forwarded, the
//! environment it sees, the development key made when no key is given (random per run, and
//! only ever printed in the `--json` line), and serve dying with the process that started it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::common::{bare, KEY};
use super::{post_to, WORKSPACE};

fn serve_command(script: &str) -> std::process::Output {
    bare()
        .env("COURIER_API_KEY", KEY)
        .args(["serve", "--", "sh", "-c", script])
        .output()
        .expect("runs")
}

#[test]
fn the_command_s_exit_code_is_passed_on() {
    for (script, code) in [
        ("exit 0", 0),
        ("exit 7", 7),
        ("kill -TERM $$", 143),
        ("kill -KILL $$", 137),
    ] {
        let output = serve_command(script);
        assert_eq!(output.status.code(), Some(code), "{script}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("courier-token serve: stopped"), "{stderr}");
    }
    let output = bare()
        .env("COURIER_API_KEY", KEY)
        .args(["serve", "--", "no-such-command-anywhere", "--flag"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(127));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("error"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("could not run no-such-command-anywhere"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn the_command_sees_serve_in_its_environment_and_owns_stdout() {
    let output = serve_command("env");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let variable = |name: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} in {stdout}"))
            .to_string()
    };
    let base = variable("COURIER_BASE_URL");
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":8787"),
        "{base}"
    );
    assert_eq!(variable("COURIER_API_KEY"), KEY);
    assert_eq!(variable("COURIER_WORKSPACE_ID"), WORKSPACE);
    assert_eq!(variable("COURIER_INBOX_URL"), format!("{base}/q"));
    let socket = base.replace("http://", "ws://");
    assert_eq!(variable("COURIER_REALTIME_URL"), socket);
    let urls: Value = serde_json::from_str(&variable("COURIER_API_URLS")).expect("JSON");
    assert_eq!(urls["inbox"]["webSocket"], socket.as_str());
    assert_eq!(urls["inbox"]["graphql"], format!("{base}/q"));
    assert_eq!(urls["courier"]["rest"], base.as_str());
    use base64::Engine as _;
    let client_key = base64::engine::general_purpose::STANDARD.encode(WORKSPACE);
    assert_eq!(variable("COURIER_CLIENT_KEY"), client_key);
    // serve's own lines go to stderr; stdout is the command's alone.
    assert!(stdout.lines().all(|line| line.contains('=')), "{stdout}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains(KEY));
}

/// Starts `serve -- sh -c SCRIPT` whose script prints `ready` once its traps are set.
fn start_trapping(script: &str) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_courier-token"))
        .env("COURIER_API_KEY", KEY)
        .args(["serve", "--log", "quiet", "--", "sh", "-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("a line");
    assert_eq!(line.trim(), "ready");
    (child, stdout)
}

#[test]
fn sigint_and_sigterm_are_forwarded_to_the_command() {
    use rustix::process::{kill_process, Pid, Signal};
    for (signal, code) in [(Signal::INT, 8), (Signal::TERM, 9)] {
        let (mut child, _stdout) = start_trapping(
            "trap 'exit 8' INT; trap 'exit 9' TERM; echo ready; while :; do sleep 5 & wait $!; done",
        );
        let pid = Pid::from_raw(child.id() as i32).expect("a pid");
        kill_process(pid, signal).expect("signalled");
        let status = child.wait().expect("serve exits");
        assert_eq!(status.code(), Some(code), "{signal:?}");
    }
}

#[test]
fn without_a_key_serve_makes_a_random_one_and_says_so() {
    let run = || {
        let output = bare()
            .args(["serve", "--", "sh", "-c", "echo $COURIER_API_KEY"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert!(stderr.contains("development key"), "{stderr}");
        let key = String::from_utf8_lossy(&output.stdout).trim().to_string();
        assert!(key.starts_with("sk_dev_") && key.len() > 30, "{key}");
        assert!(!stderr.contains(&key), "the key is never on stderr");
        key
    };
    assert_ne!(run(), run());

    // The --json line hands it out, and it is the workspace's key.
    let mut child = Command::new(env!("CARGO_BIN_EXE_courier-token"))
        .env_remove("COURIER_API_KEY")
        .env_remove("COURIER_AUTH_TOKEN")
        .args(["serve", "--port", "0", "--json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    let line: Value = serde_json::from_str(&first).expect("JSON");
    let key = line["api_key"].as_str().expect("api_key").to_string();
    let base = line["base_url"].as_str().expect("base_url");
    let bearer = format!("Bearer {key}");
    let body = r#"{"scope": "user_id:alice inbox:read:messages", "expires_in": "1h"}"#;
    let (status, answer) = post_to(
        base,
        "/auth/issue-token",
        &[("Authorization", &bearer)],
        body,
    );
    assert_eq!(status, 200, "{answer}");
    let _ = child.kill();
    let _ = child.wait();

    // An explicit key source that is empty is still an error, not a development key.
    let output = bare()
        .args(["--key-env", "NO_SUCH_VARIABLE_SET", "serve", "--port", "0"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

/// Whether process `pid` is gone (or a zombie nobody reaped yet: it runs no more).
fn is_gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn serve_dies_when_what_started_it_is_killed() {
    let mut parent = Command::new("sh")
        .args([
            "-c",
            r#""$0" serve --port 0 --json --log quiet & echo $!; wait"#,
            env!("CARGO_BIN_EXE_courier-token"),
        ])
        .env("COURIER_API_KEY", KEY)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the parent starts");
    let mut stdout = BufReader::new(parent.stdout.take().expect("stdout"));
    let mut pid = String::new();
    stdout.read_line(&mut pid).expect("the pid");
    let pid: u32 = pid.trim().parse().expect("a pid");
    // serve's first line: it listens, so its parent-death signal is set.
    let mut first = String::new();
    stdout.read_line(&mut first).expect("serve's line");
    assert!(first.contains("base_url"), "{first}");
    assert!(!is_gone(pid));
    parent.kill().expect("SIGKILL");
    parent.wait().expect("the parent is reaped");
    // A bounded look at /proc until it is gone; a serve still there then fails the test.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !is_gone(pid) {
        assert!(Instant::now() < deadline, "serve {pid} outlived its parent");
        std::thread::sleep(Duration::from_millis(10));
    }
}
