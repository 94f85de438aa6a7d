//! Shared helpers for the integration tests: the real binary with a clean, pinned environment.
#![allow(dead_code)]

use assert_cmd::Command;

/// The key most tests sign with (the Node parity vectors use it too).
pub(crate) const KEY: &str = "sk_test_123";
/// A pinned clock: 2022-11-28T15:24:10Z, the `iat` of Courier's documented example token.
pub(crate) const NOW: &str = "1669649050";
/// Courier's documented example client key and the tenant id it encodes.
pub(crate) const CLIENT_KEY: &str = "MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx";
pub(crate) const TENANT_ID: &str = "1b1e953f-0ebb-47ad-beab-f579bd606eb1";
/// The real token from a test in Courier's open-source React SDK (trycourier/courier-react); its
/// key is unknown.
pub(crate) const REAL_COURIER_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YmxhaCBpbmJveDpyZWFkOm1lc3NhZ2VzIiwidGVuYW50X3Njb3BlIjoicHVibGlzaGVkL3Byb2R1Y3Rpb24iLCJ0ZW5hbnRfaWQiOiI3NjgyNTFjZi0zZWI4LTQyNmEtOTJlYi1mYWEwZTc2Nzg3NjgiLCJpYXQiOjE2NzI3ODIwNzYsImp0aSI6ImJjZjRiN2QzLWMyNDktNDQzNC04ZTQ0LWFjMTYxY2U0NTRiZCJ9.J7k0OQ1qfFR5MpdoP13mCusQWejpx7VB6Z6A194RxU8";
/// A token shaped as the Issue Token API returns one, for the loopback stand-ins to hand back:
/// Courier's header, and claims whose scope holds what the remote tests ask for
/// (`user_id:smokey12345 user_id:u inbox:read:messages inbox:write:events read:preferences`),
/// with `iat` 1669649050 and `exp` two days later; signed with a key no test knows, as
/// Courier's are.
pub(crate) const ISSUED_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6c21va2V5MTIzNDUgdXNlcl9pZDp1IGluYm94OnJlYWQ6bWVzc2FnZXMgaW5ib3g6d3JpdGU6ZXZlbnRzIHJlYWQ6cHJlZmVyZW5jZXMiLCJ0ZW5hbnRfc2NvcGUiOiJwdWJsaXNoZWQvcHJvZHVjdGlvbiIsInRlbmFudF9pZCI6IjFiMWU5NTNmLTBlYmItNDdhZC1iZWFiLWY1NzliZDYwNmViMSIsImlhdCI6MTY2OTY0OTA1MCwiZXhwIjoxNjY5ODIxODUwLCJqdGkiOiI2YThlZDdkNi0yMjliLTQ2MjktOWNkYy02OGZiOWM2ZGQ1ODAifQ.qeDsz9ejJXTpECeyn2-H1JilbiT-eWXP_L-thizEpjY";

/// `courier-token` with no key in the environment and colour off by environment.
pub(crate) fn bare() -> Command {
    let mut command = Command::cargo_bin("courier-token").expect("binary builds");
    command
        .env_remove("COURIER_API_KEY")
        .env_remove("COURIER_AUTH_TOKEN")
        .env_remove("COURIER_BASE_URL")
        .env("NO_COLOR", "1");
    command
}

/// [`bare`] for a run that talks to a loopback stand-in: no proxy variables (which would send
/// loopback requests elsewhere), and retries 1 ms apart instead of half a second.
pub(crate) fn bare_for_network() -> Command {
    let mut command = bare();
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ] {
        command.env_remove(proxy);
    }
    command.env("COURIER_TOKEN_RETRY_BASE_MS", "1");
    command
}

/// `courier-token` with [`KEY`] in `COURIER_API_KEY`.
pub(crate) fn with_key() -> Command {
    let mut command = bare();
    command.env("COURIER_API_KEY", KEY);
    command
}

/// Stdout of a successful run, as a string.
pub(crate) fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// The next connection on `listener` (set non-blocking by the caller), waiting for it with
/// `poll(2)` until `deadline`: the loopback stand-ins wake when a client connects, never on a
/// timer. `None` once the deadline passes with no client, or on an accept error.
pub(crate) fn accept_before(
    listener: &std::net::TcpListener,
    deadline: std::time::Instant,
) -> Option<std::net::TcpStream> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok()?;
                return Some(stream);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => return None,
        }
        let left = deadline.checked_duration_since(std::time::Instant::now())?;
        let timeout = Timespec::try_from(left).ok()?;
        let mut fds = [PollFd::new(listener, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => return None,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(_) => return None,
        }
    }
}

/// The examples of a man page's JSON OUTPUT section (`man/courier-token-<page>.1`): each
/// literal block's text, roff's `\-` read as `-`.
pub(crate) fn json_output_examples(page: &str) -> Vec<String> {
    let path = format!("{}/man/courier-token-{page}.1", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the man page is checked in");
    let section = text
        .split(".SH \"JSON OUTPUT\"")
        .nth(1)
        .and_then(|rest| rest.split("\n.SH ").next())
        .expect("a JSON OUTPUT section");
    section
        .split("\n.nf\n")
        .skip(1)
        .map(|block| {
            block
                .split("\n.fi")
                .next()
                .unwrap_or(block)
                .replace("\\-", "-")
        })
        .collect()
}

/// The member names in `json` (or in a man page's example of it) in order of appearance:
/// every string followed by `:`.
pub(crate) fn member_names(json: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                c => text.push(c),
            }
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&':') {
            names.push(text);
        }
    }
    names
}

/// Asserts that the man page's example names its members in the order `actual` writes them
/// (`actual` may hold more: the examples elide with `...`).
pub(crate) fn assert_example_holds(example: &str, actual: &str) {
    let documented = member_names(example);
    let written = member_names(actual);
    let mut rest = written.iter();
    for name in &documented {
        assert!(
            rest.any(|seen| seen == name),
            "the man page's {name:?} is not where the output has it:\nexample: {documented:?}\noutput: {written:?}"
        );
    }
    assert!(
        !documented.is_empty(),
        "an example without members: {example}"
    );
}
