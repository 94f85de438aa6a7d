//! serve under attack (issue 27): what a hostile client sends is never echoed as the key or a
//! token in the log, and cannot make serve grow without bound, hold every slot, or run a
//! document for minutes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::HandshakeError;
use tokio_tungstenite::tungstenite::{client, connect, Error, Message, WebSocket};

use super::common::KEY;
use super::realtime::{legacy_subscribe, open_legacy};
use super::{Serve, INBOX_SCOPE};

#[test]
fn the_key_sent_as_a_user_id_never_reaches_the_log() {
    let serve = Serve::start(&["--auth", "jwt,hmac"]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    // As x-courier-user-id beside a token for alice.
    let (status, _) = serve.graphql(&token, KEY, "{ count(params: {}) }");
    assert_eq!(status, 401);
    let line = serve.log_line("refused POST /q");
    assert!(!line.contains(KEY), "{line}");
    assert!(line.contains("user=<not shown"), "{line}");
    let line = serve.log_line("POST /q 401");
    assert!(!line.contains(KEY), "{line}");
    // A whole token as the user id is not shown either.
    let (status, _) = serve.graphql(&token, &token, "{ count(params: {}) }");
    assert_eq!(status, 401);
    let line = serve.log_line("refused POST /q");
    assert!(line.contains("user=<not shown: a token>"), "{line}");
    // As the socket's ?userId=.
    let refused = connect(format!(
        "{}/?auth={token}&userId={KEY}&iwpv=v1",
        serve.socket
    ));
    assert!(refused.is_err());
    let line = serve.log_line("refused GET / (realtime)");
    assert!(!line.contains(KEY), "{line}");
    // As the older protocol's subscribe channel.
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let mut socket = open_legacy(&serve, &format!("clientKey={client_key}"));
    legacy_subscribe(&mut socket, KEY, Some(&"0".repeat(64)));
    let line = serve.log_line("refused subscribe (realtime, v7)");
    assert!(!line.contains(KEY), "{line}");
    assert!(line.contains("user=<not shown"), "{line}");
}

/// serve's peak resident memory so far (`VmHWM` in /proc/PID/status), in MiB.
pub(super) fn peak_rss_mib(serve: &Serve) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", serve.child.id()))
        .expect("/proc/PID/status");
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .expect("VmHWM");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|kib| kib.parse().ok())
        .expect("a number of kB");
    kib / 1024
}

/// The fan-out of issue 27: each fragment spreads the next twice, 30 deep (2^30 fields).
fn fragment_fan_out() -> String {
    let mut query = String::from("{ ...F0 }");
    for level in 0..30 {
        query.push_str(&format!(
            " fragment F{level} on QueryRoot {{ ...F{next} ...F{next} }}",
            next = level + 1
        ));
    }
    query.push_str(" fragment F30 on QueryRoot { count(params: {}) }");
    query
}

#[test]
fn a_fragment_fan_out_is_refused_before_it_runs_and_sigterm_still_stops_serve() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let (status, answer) = serve.graphql(&token, "alice", &fragment_fan_out());
    assert_eq!(status, 200, "{answer}");
    let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("fields with its fragments expanded"),
        "{answer}"
    );
    // Served, and stopped by SIGTERM like any idle server.
    let (status, answer) = serve.graphql(&token, "alice", "{ count(params: {}) }");
    assert_eq!((status, &answer["data"]["count"]), (200, &json!(0)));
    let status = serve.terminate();
    assert!(status.success(), "{status:?}");
}

#[test]
fn aliases_past_the_limit_are_refused_and_a_large_response_is_capped() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let body = "b".repeat(10 * 1024);
    let bearer = format!("Bearer {KEY}");
    for n in 0..200 {
        let message = json!({"message": {"to": {"user_id": "alice"},
            "content": {"title": format!("m{n}"), "body": body}}});
        let (status, _) = serve.post("/send", &[("Authorization", &bearer)], &message.to_string());
        assert_eq!(status, 202);
    }
    let aliased = |count: usize| -> String {
        let fields: String = (0..count)
            .map(|n| format!("a{n}: messages(limit: 1000) {{ nodes {{ body }} }} "))
            .collect();
        format!("{{ {fields} }}")
    };
    // The attack as reported: 660 aliases.
    let (status, answer) = serve.graphql(&token, "alice", &aliased(660));
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("aliased fields"),
        "{answer}"
    );
    // Within the alias limit, the response budget (32 MiB) stops it: 60 pages of 200
    // messages of 10 KB would be 120 MB.
    let (status, answer) = serve.graphql(&token, "alice", &aliased(60));
    assert_eq!(status, 200);
    assert!(
        answer
            .to_string()
            .contains("the response would pass 32 MiB"),
        "{}",
        &answer.to_string()[..200.min(answer.to_string().len())]
    );
    // Before the caps: 2.76 GB for the 660 aliases. The bound stated in SECURITY.md: 256 MiB.
    let peak = peak_rss_mib(&serve);
    eprintln!("serve peaked at {peak} MiB");
    assert!(peak < 256, "serve peaked at {peak} MiB");
}

/// A websocket to serve over a plain TCP stream with a read and write timeout (a safety net
/// against a hang, not a timed assertion): the socket, or the HTTP status of a refusal.
fn socket_to(url: &str) -> Result<WebSocket<TcpStream>, u16> {
    let address = url.trim_start_matches("ws://");
    let address = &address[..address.find('/').unwrap_or(address.len())];
    let stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    stream
        .set_write_timeout(Some(Duration::from_secs(2)))
        .expect("a timeout");
    match client(url, stream) {
        Ok((socket, _)) => Ok(socket),
        Err(HandshakeError::Failure(Error::Http(response))) => Err(response.status().as_u16()),
        Err(other) => panic!("the upgrade neither succeeded nor was refused: {other}"),
    }
}

/// A client-to-server frame, masked as RFC 6455 requires: `opcode` with `payload_length`
/// announced and the first `payload.len()` bytes of it.
fn frame_header(opcode: u8, payload_length: u64) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload_length {
        0..=125 => frame.push(0x80 | payload_length as u8),
        126..=65_535 => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(payload_length as u16).to_be_bytes());
        }
        _ => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&payload_length.to_be_bytes());
        }
    }
    // A zero mask: the payload goes as it is.
    frame.extend_from_slice(&[0; 4]);
    frame
}

/// Reads until serve closes the connection (EOF, a reset, or a close frame's end).
fn closed_by_serve(stream: &mut TcpStream) -> bool {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(error) if error.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
}

/// Waits (60 s at most, a safety net) for serve to hang up, without reading what it sent.
fn hung_up_by_serve(stream: &TcpStream) -> bool {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    let mut watched = [PollFd::new(stream, PollFlags::RDHUP)];
    let limit = Timespec {
        tv_sec: 60,
        tv_nsec: 0,
    };
    poll(&mut watched, Some(&limit)).expect("poll");
    let events = watched[0].revents();
    events.intersects(PollFlags::RDHUP | PollFlags::HUP | PollFlags::ERR)
}

#[test]
fn a_ping_flood_that_never_reads_is_closed_with_memory_bounded() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = socket_to(&format!(
        "{}/?auth={token}&userId=alice&iwpv=v1",
        serve.socket
    ))
    .expect("the upgrade");
    let stream = socket.get_mut();
    let mut ping = frame_header(0x9, 125);
    ping.extend_from_slice(&[b'p'; 125]);
    let burst: Vec<u8> = ping.repeat(8192);
    // At most 256 MiB of pings (serve grew to 1.96 GB in 5 s before the fix), or until serve stops
    // reading them (a write blocked for 2 s), or closes.
    let mut sent = 0usize;
    let mut stopped_reading = false;
    while sent < 256 << 20 {
        match stream.write_all(&burst) {
            Ok(()) => sent += burst.len(),
            Err(_) => {
                stopped_reading = true;
                break;
            }
        }
    }
    assert!(
        stopped_reading,
        "serve read {sent} bytes of pings it could not answer"
    );
    // Never read, the pongs are not taken: serve closes the socket (seen without reading,
    // which would take them).
    assert!(hung_up_by_serve(stream), "serve kept the socket open");
    let peak = peak_rss_mib(&serve);
    eprintln!("serve peaked at {peak} MiB after {sent} bytes of pings");
    assert!(peak < 100, "serve peaked at {peak} MiB");
}

#[test]
fn a_60_mib_frame_is_refused() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = socket_to(&format!(
        "{}/?auth={token}&userId=alice&iwpv=v1",
        serve.socket
    ))
    .expect("the upgrade");
    let stream = socket.get_mut();
    let length = 60 * 1024 * 1024;
    stream
        .write_all(&frame_header(0x1, length))
        .expect("the header");
    let chunk = vec![b' '; 1024 * 1024];
    let mut sent = 0;
    while sent < length {
        if stream.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len() as u64;
    }
    assert!(sent < length, "serve read the whole 60 MiB frame");
    assert!(closed_by_serve(stream));
    let peak = peak_rss_mib(&serve);
    eprintln!("serve peaked at {peak} MiB");
    assert!(peak < 48, "serve peaked at {peak} MiB");
}

#[test]
fn a_request_is_answered_while_1000_idle_sockets_are_open() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let url = format!("{}/?auth={token}&userId=alice&iwpv=v1", serve.socket);
    let mut open = Vec::new();
    let mut refused = 0;
    for _ in 0..1100 {
        match socket_to(&url) {
            Ok(socket) => open.push(socket),
            Err(503) => refused += 1,
            Err(status) => panic!("status {status}"),
        }
    }
    // Sockets have a pool of their own (512), so requests keep theirs.
    assert_eq!((open.len(), refused), (512, 588));
    let (status, answer) = serve.graphql(&token, "alice", "{ count(params: {}) }");
    assert_eq!((status, &answer["data"]["count"]), (200, &json!(0)));
    assert!(open.iter_mut().all(|socket| socket.can_write()));
}

#[test]
fn an_unauthenticated_socket_is_refused_at_the_upgrade_or_closed_without_subscribe() {
    let serve = Serve::start(&["--auth", "jwt,client-key"]);
    // A client key of no workspace: refused before any upgrade.
    assert_eq!(
        socket_to(&format!("{}/?clientKey=x", serve.socket)).err(),
        Some(401)
    );
    // The workspace's: upgraded, then closed (1008) when no subscribe comes.
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let mut socket =
        socket_to(&format!("{}/?clientKey={client_key}", serve.socket)).expect("the upgrade");
    match socket.read() {
        Ok(Message::Close(Some(frame))) => assert_eq!(u16::from(frame.code), 1008),
        other => panic!("not closed for policy: {other:?}"),
    }
}

/// A raw HTTP/1.1 request to serve with `head` (request line and headers); the whole answer.
fn raw(serve: &Serve, head: &str, body: &str) -> String {
    let address = serve.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    write!(
        stream,
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

#[test]
fn pages_on_foreign_origins_and_foreign_host_names_are_refused() {
    let serve = Serve::start(&[
        "--auth",
        "client-key",
        "--cors-origin",
        "https://app.example",
    ]);
    serve.send("alice", None, "keep me");
    let client_key = serve.urls["client_key"].as_str().unwrap().to_string();
    let archive_all = json!({"query": "mutation { archiveAll }"}).to_string();
    let count = json!({"query": "{ count(params: {}) }"}).to_string();
    let as_alice = |origin: &str, body: &str| {
        serve.post(
            "/q",
            &[
                ("Origin", origin),
                ("x-courier-client-key", &client_key),
                ("x-courier-user-id", "alice"),
            ],
            body,
        )
    };
    for foreign in [
        "https://evil.example",
        "null",
        "http://localhost.evil.example",
    ] {
        let (status, answer) = as_alice(foreign, &archive_all);
        assert_eq!(status, 403, "{answer}");
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .contains("--cors-origin"),
            "{answer}"
        );
    }
    // Nothing was archived; loopback pages and the named origin are served.
    for allowed in [
        "http://localhost:5173",
        "http://[::1]:3000",
        "https://app.example",
    ] {
        let (status, answer) = as_alice(allowed, &count);
        assert_eq!(
            (status, &answer["data"]["count"]),
            (200, &json!(1)),
            "{allowed}"
        );
    }
    // A form or text/plain body (which a page may send without a preflight) is refused.
    let (status, _) = serve.post(
        "/q",
        &[
            ("Content-Type", "text/plain"),
            ("x-courier-client-key", &client_key),
            ("x-courier-user-id", "alice"),
        ],
        &archive_all,
    );
    assert_eq!(status, 415);
    // DNS rebinding: another host name for this address.
    let answer = raw(
        &serve,
        "POST /q HTTP/1.1\r\nHost: rebound.evil.example\r\nContent-Type: application/json",
        &count,
    );
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    let answer = raw(
        &serve,
        &format!("POST /q HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nx-courier-client-key: {client_key}\r\nx-courier-user-id: alice"),
        &count,
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // The socket checks the origin too.
    let mut request = format!("{}/?clientKey={client_key}", serve.socket)
        .into_client_request()
        .expect("a request");
    request
        .headers_mut()
        .insert("Origin", "https://evil.example".parse().unwrap());
    match connect(request) {
        Err(Error::Http(response)) => assert_eq!(response.status().as_u16(), 403),
        other => panic!("upgraded a foreign page's socket: {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_cors_origin_that_is_not_an_origin_is_refused_at_start() {
    for bad in ["app.example", "https://app.example/inbox", "*"] {
        let output = super::common::with_key()
            .args(["serve", "--port", "0", "--cors-origin", bad])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--cors-origin") && stderr.lines().count() <= 2,
            "{stderr}"
        );
    }
}

#[test]
fn a_push_of_the_largest_message_still_reaches_the_socket() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let mut socket = socket_to(&format!(
        "{}/?auth={token}&userId=alice&iwpv=v1",
        serve.socket
    ))
    .expect("the upgrade");
    socket
        .send(Message::text(
            json!({"tid": "t1", "action": "subscribe", "data": {"channel": "alice", "event": "*"}})
                .to_string(),
        ))
        .expect("sent");
    assert!(matches!(socket.read(), Ok(Message::Text(_))), "the ack");
    // Near the 1 MiB body limit: more than any small write buffer holds.
    let body = "x".repeat(900 * 1024);
    let message =
        json!({"message": {"to": {"user_id": "alice"}, "content": {"title": "big", "body": body}}});
    let bearer = format!("Bearer {KEY}");
    let (status, _) = serve.post("/send", &[("Authorization", &bearer)], &message.to_string());
    assert_eq!(status, 202);
    match socket.read() {
        Ok(Message::Text(text)) => assert!(text.len() > 900 * 1024, "{}", text.len()),
        other => panic!("no push: {other:?}"),
    }
}
