//! Issue 15, section 1: stdout as callers really hand it over, each setting built for the real
//! binary exactly as a caller builds it: a descriptor opened read-write on `/dev/null` (Python's
//! `DEVNULL`, Node's `stdio: 'ignore'`, systemd's `StandardOutput=null`), a read-only
//! descriptor, a pipe whose reader leaves after one line while input keeps coming, an
//! `O_NONBLOCK` pipe with a slow reader, and a signal in the middle of a bulk run.
#![cfg(unix)]

use crate::common;

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};

use common::{with_key, CLIENT_KEY, KEY, NOW};

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("courier-token")
}

/// The binary with the test key, colour off and `args`.
fn courier(args: &[&str]) -> Command {
    let mut command = Command::new(binary());
    command
        .args(args)
        .env("COURIER_API_KEY", KEY)
        .env_remove("COURIER_AUTH_TOKEN")
        .env("NO_COLOR", "1");
    command
}

fn mint(user: &str) -> String {
    common::stdout_of(with_key().args(["issue", "--user-id", user, "--now", NOW]))
        .trim()
        .to_string()
}

/// Every command that writes results, single and bulk, with its stdin.
fn writing_commands() -> Vec<(Vec<String>, String)> {
    let token = mint("alice");
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        (
            owned(&["issue", "--user-id", "a", "--now", NOW]),
            String::new(),
        ),
        (
            owned(&["issue", "--user-ids-from", "-", "--now", NOW]),
            "a\nb\n".into(),
        ),
        (owned(&["hmac-sign", "alice"]), String::new()),
        (
            owned(&["hmac-sign", "--user-ids-from", "-"]),
            "a\nb\n".into(),
        ),
        (owned(&["inspect", &token]), String::new()),
        (owned(&["inspect", "-"]), format!("{token}\n")),
        (owned(&["verify", "--now", NOW, &token]), String::new()),
        (
            owned(&["verify", "--now", NOW, "-"]),
            format!("{token}\n{token}\n"),
        ),
        (owned(&["doctor", "--dry-run", &token]), String::new()),
        (owned(&["doctor", "--dry-run", "-"]), format!("{token}\n")),
        (
            owned(&[
                "doctor",
                "--dry-run",
                "--client-key",
                CLIENT_KEY,
                "--user-id",
                "a",
            ]),
            String::new(),
        ),
        (
            owned(&[
                "doctor",
                "--dry-run",
                "--hmac",
                "--client-key",
                CLIENT_KEY,
                "--user-id",
                "a",
            ]),
            String::new(),
        ),
        (
            owned(&[
                "doctor",
                "--dry-run",
                "--audit",
                "--client-key",
                CLIENT_KEY,
                &token,
            ]),
            String::new(),
        ),
        (owned(&["hmac-sign", "-"]), "alice\n".into()),
        (
            owned(&["hmac-sign", "--verify", "--user-ids-from", "-"]),
            "alice\tecc5dccb90ebb7bf96247077dfd7c19c9e1eac682bb92c563154040a5ab92573\n".into(),
        ),
        (owned(&["--version"]), String::new()),
        (owned(&["--help"]), String::new()),
        (owned(&["help", "issue"]), String::new()),
        (owned(&["completions", "bash"]), String::new()),
    ]
}

/// Runs `args` with `stdin` on its standard input and `stdout` as its standard output.
fn run_with_stdout(args: &[String], stdin: &str, stdout: File) -> std::process::Output {
    let input = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(input.path(), stdin).unwrap();
    courier(&[])
        .args(args)
        .stdin(File::open(input.path()).unwrap())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("runs")
}

#[test]
fn a_read_write_dev_null_is_a_sink() {
    for (args, stdin) in writing_commands() {
        let dev_null = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .unwrap();
        let output = run_with_stdout(&args, &stdin, dev_null);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_read_only_stdout_is_an_error_not_lost_output() {
    let file = tempfile::NamedTempFile::new().unwrap();
    for (args, stdin) in writing_commands() {
        // `1</dev/null`, and `3<file >&3`: a regular file opened for reading only.
        for read_only in [
            File::open("/dev/null").unwrap(),
            File::open(file.path()).unwrap(),
        ] {
            let output = run_with_stdout(&args, &stdin, read_only);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
            // One wording whatever printed the answer (a command, or clap's help and version).
            assert!(
                stderr.starts_with(
                    "courier-token: error: stdout is open for reading only, so the output would be lost\n"
                ),
                "{args:?}: {stderr}"
            );
        }
    }
    assert_eq!(std::fs::read(file.path()).unwrap(), b"");
}

/// Feeds `line` to the child's stdin over and over (with `bad` once, after `good_first` lines)
/// until the child stops reading: input that never ends, so the run cannot have answered all
/// of it when its output breaks.
fn feed_forever(mut stdin: std::process::ChildStdin, line: String, bad: String, good_first: usize) {
    std::thread::spawn(move || {
        let chunk = format!("{line}\n").repeat(100);
        let mut sent = 0;
        loop {
            let written = if sent == good_first {
                stdin.write_all(format!("{bad}\n").as_bytes())
            } else {
                stdin.write_all(chunk.as_bytes())
            };
            if written.is_err() {
                return;
            }
            sent += 100;
        }
    });
}

#[test]
fn a_pipe_closed_after_one_line_before_all_input_was_answered_exits_141_quietly() {
    let good = mint("alice");
    let forged = format!("{}x", &good[..good.len() - 1]);
    let cases: [(&[&str], String, String); 3] = [
        (&["verify", "--now", NOW, "-"], good.clone(), forged),
        (
            &["issue", "--user-ids-from", "-", "--now", NOW],
            "alice".into(),
            "bob".into(),
        ),
        (
            &["hmac-sign", "--user-ids-from", "-"],
            "alice".into(),
            "bob".into(),
        ),
    ];
    for (args, line, bad) in cases {
        let mut child = courier(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        feed_forever(child.stdin.take().unwrap(), line, bad, 5_000);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        assert!(first.ends_with('\n'), "{args:?}: {first:?}");
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(141), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn a_non_blocking_stdout_is_waited_on() {
    let ids: String = (0..20_000).map(|n| format!("user-{n}\n")).collect();
    let (reader, writer) = rustix::pipe::pipe().unwrap();
    let flags = rustix::fs::fcntl_getfl(&writer).unwrap();
    rustix::fs::fcntl_setfl(&writer, flags | rustix::fs::OFlags::NONBLOCK).unwrap();
    let mut child = courier(&["issue", "--user-ids-from", "-", "--now", NOW])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    // A slow reader: nothing is read until the child has filled the pipe (64 KiB, less than a
    // tenth of the output), so its writes have met EAGAIN; then small reads.
    wait_until_full(&reader);
    let mut reader = File::from(reader);
    let mut output = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match reader.read(&mut chunk).unwrap() {
            0 => break,
            read => output.extend_from_slice(&chunk[..read]),
        }
    }
    let status = child.wait_with_output().unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = String::from_utf8(output).unwrap();
    assert_eq!(text.lines().count(), 20_000);
    assert!(text.lines().all(|line| line.split('.').count() == 3));
}

/// Starts bulk `issue` on input that is still coming (stdin held open, so the run cannot end
/// by itself), waits for its first output, sends `signal`, and returns the exit code with
/// everything it wrote.
fn signalled_bulk_run(signal: rustix::process::Signal) -> (Option<i32>, String) {
    let mut child: Child = courier(&["issue", "--user-ids-from", "-", "--now", NOW])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (done_sender, done) = std::sync::mpsc::channel::<()>();
    let feeder = std::thread::spawn(move || {
        let ids: String = (0..100_000).map(|n| format!("user-{n}\n")).collect();
        let _ = stdin.write_all(ids.as_bytes());
        // Holds stdin open until the signal was sent.
        let _ = done.recv();
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut output = vec![0u8; 1000];
    stdout.read_exact(&mut output).unwrap();
    rustix::process::kill_process(rustix::process::Pid::from_child(&child), signal).unwrap();
    stdout.read_to_end(&mut output).unwrap();
    let status = child.wait().unwrap();
    let _ = done_sender.send(());
    feeder.join().unwrap();
    (status.code(), String::from_utf8(output).unwrap())
}

/// Whether this test process ignores `signal` (a shell's `&` ignores SIGINT, `nohup` SIGHUP):
/// the binary inherits that, and keeps an ignored signal ignored.
fn ignored_here(signal: rustix::process::Signal) -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .unwrap_or(0);
    mask & (1u64 << (signal.as_raw() - 1)) != 0
}

#[test]
fn a_signal_mid_run_never_tears_a_line() {
    use rustix::process::Signal;
    for (signal, status) in [(Signal::INT, 130), (Signal::TERM, 143), (Signal::HUP, 129)] {
        if ignored_here(signal) {
            eprintln!("{signal:?} is ignored by this test run, and so by the binary: not sent");
            continue;
        }
        let (code, output) = signalled_bulk_run(signal);
        assert_eq!(code, Some(status), "{signal:?}");
        assert!(output.ends_with('\n'), "{signal:?}: output ends mid-line");
        for line in output.lines() {
            let segments: Vec<&str> = line.split('.').collect();
            assert_eq!(segments.len(), 3, "{signal:?}: torn line {line:?}");
            // An HS256 signature is 32 bytes: 43 base64url characters.
            assert_eq!(segments[2].len(), 43, "{signal:?}: torn line {line:?}");
        }
    }
}

/// `nohup` (SIGHUP ignored) and a shell's `&` (SIGINT ignored) hand over signals ignored: the
/// run keeps them ignored and finishes, every line written.
#[test]
fn a_signal_ignored_at_start_stays_ignored() {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" HUP; exec "$0" issue --user-ids-from - --now "$1""#)
        .arg(binary())
        .arg(NOW)
        .env("COURIER_API_KEY", KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let ids: String = (0..100_000).map(|n| format!("user-{n}\n")).collect();
        stdin.write_all(ids.as_bytes()).unwrap();
        stdin
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut output = vec![0u8; 1000];
    stdout.read_exact(&mut output).unwrap();
    let pid = rustix::process::Pid::from_child(&child);
    rustix::process::kill_process(pid, rustix::process::Signal::HUP).unwrap();
    let reader = std::thread::spawn(move || {
        stdout.read_to_end(&mut output).unwrap();
        output
    });
    // The end of the input, after the signal: the run can only finish by reading it.
    drop(feeder.join().unwrap());
    let output = reader.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let text = String::from_utf8(output).unwrap();
    assert_eq!(text.lines().count(), 100_000);
}

/// Returns once the pipe behind `reader` holds as many bytes as it can take: its writer has
/// met a full pipe. Waits on the condition itself, not on a guessed time.
fn wait_until_full(reader: &rustix::fd::OwnedFd) {
    let capacity = rustix::pipe::fcntl_getpipe_size(reader).unwrap() as u64;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while rustix::io::ioctl_fionread(reader).unwrap() < capacity {
        assert!(
            std::time::Instant::now() < deadline,
            "the child never filled the pipe"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}
