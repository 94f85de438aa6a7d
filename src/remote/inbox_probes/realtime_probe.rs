//! The realtime probe of JWT mode: what courier-js 3.x does when the Inbox loads — open the
//! websocket with the token in its URL (`wire::socket::realtime_url`), send `get-config` and a
//! `subscribe` for the user — then close it (1000, so nothing retries). 101 and an `ack` is a
//! pass; an HTTP refusal at the upgrade means the Inbox loads but live updates never arrive.
//! One deadline from `--timeout` bounds it all (connect, handshake, every read, the close):
//! past it the probe ends as `realtime_timeout`. Read-only: nothing sent changes state. The SDK's telemetry parameters (`sdk`, `sdkv`) name
//! this tool, as its `User-Agent` does on the GraphQL probe; the connection and transaction ids
//! are random nanoids like the SDK's. `tests/fixtures/sdk_socket_connections.json` (recorded by
//! `scripts/sdk-socket.js`) holds the URL and messages to the real SDK's.

use std::time::{Duration, Instant};

use rand_chacha::rand_core::{OsRng, TryRngCore};
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::protocol::CloseFrame;
use tungstenite::Message;

use crate::doctor::modes::{Channel, Mode};
use crate::doctor::probe_findings::{ProbeOutcome, ProbeResult};
use crate::remote::{limit_reads, open_socket, Socket, SocketFailure};
use crate::shown::scrub::scrub_secret;
use crate::wire::socket::{realtime_url, Client, NANOID_ALPHABET};
use crate::wire::socket_messages::{ClientAction, ClientMessage, ResponseKind, ServerMessage};

/// How this tool names itself in the socket URL's `sdk` and `sdkv`.
pub(crate) const CLIENT: Client = Client {
    sdk: "courier-token",
    version: env!("CARGO_PKG_VERSION"),
};

/// Opens the socket as courier-js does, subscribes, and closes.
pub(crate) fn probe_realtime(
    base: &str,
    token: &str,
    user_id: &str,
    tenant: Option<&str>,
    timeout: Duration,
) -> ProbeResult {
    let cid = nanoid();
    let url = realtime_url(base, token, &cid, user_id, CLIENT);
    let shown = with_placeholders(realtime_url(base, "<redacted>", &cid, user_id, CLIENT));
    let deadline = Instant::now() + timeout;
    let (http_status, outcome) = match open_socket(&url, timeout, token.as_bytes()) {
        Err(SocketFailure::Refused { status, said }) => {
            (Some(status), ProbeOutcome::Rejected { said })
        }
        Err(SocketFailure::Unreachable(why)) => (None, ProbeOutcome::Unreachable { why }),
        Ok((mut socket, watch)) => {
            let outcome = match subscribe(&mut socket, user_id, tenant, deadline, timeout, token) {
                // A failure after the deadline is the deadline's (it shut the connection).
                ProbeOutcome::NoAck { .. } if watch.passed() => timed_out(timeout),
                outcome => outcome,
            };
            close(&mut socket);
            drop(watch);
            (Some(101), outcome)
        }
    };
    ProbeResult {
        mode: Mode::Jwt,
        channel: Channel::Realtime,
        url: shown,
        user_id: user_id.to_string(),
        tenant: tenant.map(str::to_string),
        http_status,
        outcome,
    }
}

/// What `--dry-run` shows: the upgrade request's URL (token redacted, ids as placeholders) and
/// the two messages.
pub fn dry_run_text(base: &str, user_id: &str, tenant: Option<&str>) -> String {
    format!(
        "GET {}\n\n> {}\n> {}\n",
        with_placeholders(realtime_url(base, "<redacted>", "<cid>", user_id, CLIENT)),
        ClientMessage::get_config("<tid>").to_text(),
        ClientMessage::subscribe("<tid>", user_id, tenant).to_text()
    )
}

/// `url` with the placeholders `<redacted>` and `<cid>` shown as written, not percent-encoded.
fn with_placeholders(url: String) -> String {
    url.replace("%3Credacted%3E", "<redacted>")
        .replace("%3Ccid%3E", "<cid>")
}

/// Sends `get-config` and `subscribe`, answers server pings, and waits for the `ack`.
fn subscribe(
    socket: &mut Socket,
    user_id: &str,
    tenant: Option<&str>,
    deadline: Instant,
    timeout: Duration,
    token: &str,
) -> ProbeOutcome {
    let subscribe_tid = nanoid();
    let first = [
        ClientMessage::get_config(&nanoid()).to_text(),
        ClientMessage::subscribe(&subscribe_tid, user_id, tenant).to_text(),
    ];
    for text in first {
        if let Err(error) = socket.send(Message::text(text)) {
            return no_ack(format!("sending to it failed: {error}"), token);
        }
    }
    while Instant::now() < deadline {
        let message = match socket.read() {
            Ok(message) => message,
            Err(tungstenite::Error::Io(io))
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break;
            }
            Err(error) => {
                return no_ack(
                    format!("the connection failed before an ack: {error}"),
                    token,
                )
            }
        };
        match message {
            Message::Text(text) => {
                let Some(answer) = ServerMessage::parse(text.as_str()) else {
                    continue;
                };
                let tid = answer.tid_text();
                if answer.response == Some(ResponseKind::Ack) && tid == Some(subscribe_tid.as_str())
                {
                    return ProbeOutcome::Subscribed;
                }
                if answer.action == Some(ClientAction::Ping) {
                    let pong = ClientMessage::pong(tid);
                    let _ = socket.send(Message::text(pong.to_text()));
                }
            }
            Message::Close(frame) => {
                let said = frame
                    .map(|frame| format!(" (code {}: {})", u16::from(frame.code), frame.reason))
                    .unwrap_or_default();
                return no_ack(
                    format!("it closed the socket{said} before acknowledging the subscription"),
                    token,
                );
            }
            _ => {}
        }
    }
    timed_out(timeout)
}

fn timed_out(timeout: Duration) -> ProbeOutcome {
    ProbeOutcome::TimedOut {
        why: format!(
            "it did not acknowledge the subscription within {} (--timeout)",
            humantime::format_duration(timeout)
        ),
    }
}

fn no_ack(why: String, token: &str) -> ProbeOutcome {
    ProbeOutcome::NoAck {
        why: scrub_secret(&why, token.as_bytes()),
    }
}

/// How long to wait for the server to answer the close.
const CLOSE_WAIT: Duration = Duration::from_secs(2);

/// Closes with 1000, as courier-js does when it is done, and reads until the server agrees
/// (for at most [`CLOSE_WAIT`] per read, and never past the probe's deadline, which shuts the
/// connection however chatty the server is).
fn close(socket: &mut Socket) {
    limit_reads(socket, CLOSE_WAIT);
    let frame = CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    };
    if socket.close(Some(frame)).is_err() {
        return;
    }
    while socket.read().is_ok() {}
}

/// A 21-character id from courier-js's nanoid alphabet.
fn nanoid() -> String {
    let mut bytes = [0u8; 21];
    // The ids only tell connections and messages apart; without OS randomness they stay fixed.
    let _ = OsRng.try_fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|byte| char::from(NANOID_ALPHABET[usize::from(byte & 63)]))
        .collect()
}
