//! `issue --remote` at the edges (issue 10): the plain-http warning decided from the parsed
//! host, a failed DNS lookup worded as one, and key text a server echoes back transformed kept
//! out of every message. Nothing here needs a network: names under `.invalid` fail in the
//! resolver (RFC 6761), and the scripted server listens on loopback.

use crate::common;
use crate::mock_server;

use std::process::Output;

use assert_cmd::Command;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use common::bare_for_network;
use mock_server::{closed_port_url, MockServer, Reply};

/// A key with a `/`, so its JSON-escaped form differs from it.
const KEY: &str = "sk_canary_Q7v3/remote+edge";

fn remote(args: &[&str]) -> Command {
    let mut command = bare_for_network();
    command
        .env("COURIER_API_KEY", KEY)
        .args(["issue", "--remote", "--user-id", "smokey12345"])
        .args(args);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn plain_http_warning_looks_at_the_parsed_host() {
    // A name that starts like a loopback address is somebody else's host.
    let output = remote(&[
        "--base-url",
        "http://127.0.0.1.evil.invalid",
        "--timeout",
        "60s",
    ])
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is plain http, so the API key crosses the network"),
        "{}",
        stderr(&output)
    );
    // A real loopback address gets no warning (nothing listens there: the run fails later).
    let output = remote(&["--base-url", &closed_port_url()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !stderr(&output).contains("plain http"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_failed_lookup_says_the_host_cannot_be_found() {
    // A generous timeout: without a network, the resolver's own retries (about 10 s with
    // glibc's defaults) must end first, with its "temporary failure": still a failed lookup.
    let output = remote(&[
        "--base-url",
        "https://courier-token-test.invalid",
        "--timeout",
        "60s",
    ])
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with(
            "courier-token: error: cannot find the host courier-token-test.invalid: the DNS lookup failed"
        ),
        "{stderr}"
    );
}

#[test]
fn key_echoed_transformed_is_scrubbed() {
    let echoes = [
        KEY.to_ascii_uppercase(),
        KEY.replace('/', "\\/"),
        STANDARD.encode(KEY),
        STANDARD.encode(format!("Bearer {KEY}")),
    ];
    for echo in echoes {
        // Plain text, as a proxy or a debugging server might answer, so the echo arrives as is.
        let body = format!("bad key {echo}");
        let server = MockServer::start(vec![Reply::json(400, &body)]);
        let output = remote(&["--base-url", &server.base_url()])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = stderr(&output);
        assert!(
            stderr.contains("Courier refused the request (400): bad key "),
            "{stderr}"
        );
        assert!(stderr.contains("<redacted>"), "{stderr}");
        assert!(!stderr.contains(&echo), "{stderr}");
        assert!(!stderr.to_ascii_lowercase().contains("canary"), "{stderr}");
    }
}
