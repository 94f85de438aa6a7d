//! Opening a websocket to one of Courier's hosts (the Inbox's realtime socket, for `doctor`),
//! with the transport's rules for HTTP: one deadline from `timeout` for the whole conversation
//! (DNS, connect, TLS, upgrade, and every read and the close after it: a [`SocketDeadline`]
//! shuts the connection down when it passes, so not even a server trickling one frame a byte at
//! a time holds the caller), messages of at most 1 MiB, the proxy the HTTP requests would take (`proxy`: never for this machine, an
//! unusable value refused; an HTTP proxy is asked to `CONNECT`), TLS through rustls with the
//! webpki roots, and `User-Agent` naming this tool. What the socket then says is the caller's
//! business; this module hands back the open socket, the server's refusal at the upgrade, or
//! why it could not be reached, worded as one line with `secret` (the token in the URL)
//! scrubbed.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use tungstenite::client::IntoClientRequest;
use tungstenite::handshake::HandshakeError;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::WebSocket;

use super::endpoint::USER_AGENT;
use super::proxy::{ProxyName, Route};
use crate::shown::scrub::scrub_secret;

/// An open socket.
pub type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// Why the socket did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketFailure {
    /// The server answered the upgrade with this HTTP status instead of 101.
    Refused { status: u16, said: Option<String> },
    /// No answer to the upgrade: one line saying why.
    Unreachable(String),
}

/// The largest message the socket takes from a server (Courier's are a few hundred bytes).
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

/// Ends the conversation on a socket at a deadline: when it passes, the connection is shut
/// down, and any read or write still waiting fails at once. Dropping it stops watching.
pub struct SocketDeadline {
    /// Dropped to tell the watcher the conversation is over.
    done: Option<mpsc::Sender<()>>,
    watcher: Option<std::thread::JoinHandle<()>>,
    deadline: Instant,
}

impl SocketDeadline {
    fn watch(stream: &TcpStream, deadline: Instant) -> Result<Self, SocketFailure> {
        let stream = stream
            .try_clone()
            .map_err(|error| SocketFailure::Unreachable(error.to_string()))?;
        let (done, finished) = mpsc::channel::<()>();
        let watcher = std::thread::Builder::new()
            .name("socket deadline".into())
            .spawn(move || {
                let left = deadline.saturating_duration_since(Instant::now());
                if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(left) {
                    let _ = stream.shutdown(Shutdown::Both);
                }
            })
            .map_err(|error| SocketFailure::Unreachable(error.to_string()))?;
        Ok(Self {
            done: Some(done),
            watcher: Some(watcher),
            deadline,
        })
    }

    /// True once the deadline has passed (and a failure since is its doing).
    pub fn passed(&self) -> bool {
        Instant::now() >= self.deadline
    }
}

impl Drop for SocketDeadline {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
    }
}

/// Opens a websocket to `url`, everything on it ending by `timeout` from now: the socket and
/// the deadline that shuts it down (keep it while talking). The read and write timeouts stay
/// set to what is left, too.
pub fn open_socket(
    url: &str,
    timeout: Duration,
    secret: &[u8],
) -> Result<(Socket, SocketDeadline), SocketFailure> {
    let deadline = Instant::now() + timeout;
    let mut request = url
        .into_client_request()
        .map_err(|error| unreachable(format!("not a websocket URL: {error}"), secret))?;
    if let Ok(agent) = USER_AGENT.parse() {
        request.headers_mut().insert("User-Agent", agent);
    }
    let uri = request.uri().clone();
    let host = uri
        .host()
        .unwrap_or_default()
        .trim_matches(['[', ']'])
        .to_string();
    let tls = uri.scheme_str() == Some("wss");
    let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
    let stream = connect(&host, port, url, timeout, deadline)?;
    set_timeouts(&stream, deadline, timeout)?;
    let watch = SocketDeadline::watch(&stream, deadline)?;
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES));
    match tungstenite::client_tls_with_config(request, stream, Some(config), None) {
        Ok((socket, _)) => Ok((socket, watch)),
        Err(_) if watch.passed() => Err(timed_out(&host, timeout)),
        Err(HandshakeError::Failure(tungstenite::Error::Http(response))) => {
            let said = response
                .body()
                .as_deref()
                .map(|body| scrub_secret(String::from_utf8_lossy(body).trim(), secret))
                .filter(|text| !text.is_empty());
            Err(SocketFailure::Refused {
                status: response.status().as_u16(),
                said,
            })
        }
        Err(HandshakeError::Failure(error)) => {
            Err(handshake_failure(&error, &host, tls, timeout, secret))
        }
        Err(HandshakeError::Interrupted(_)) => Err(timed_out(&host, timeout)),
    }
}

/// Bounds how long the next reads on `socket` may wait, for a close that should be quick.
pub fn limit_reads(socket: &Socket, limit: Duration) {
    let stream = match socket.get_ref() {
        MaybeTlsStream::Plain(stream) => stream,
        MaybeTlsStream::Rustls(tls) => tls.get_ref(),
        _ => return,
    };
    let _ = stream.set_read_timeout(Some(limit));
}

/// A TCP connection to `host:port`, straight or through the environment's proxy.
fn connect(
    host: &str,
    port: u16,
    url: &str,
    timeout: Duration,
    deadline: Instant,
) -> Result<TcpStream, SocketFailure> {
    let as_http = url
        .replacen("wss://", "https://", 1)
        .replacen("ws://", "http://", 1);
    let route = Route::from_environment(&as_http)
        .map_err(|error| SocketFailure::Unreachable(format!("{error:#}")))?;
    let Some(name) = route.named() else {
        return tcp(host, port, timeout, deadline);
    };
    let Some(proxy) = route.into_proxy() else {
        return tcp(host, port, timeout, deadline);
    };
    if proxy.protocol() != ureq::ProxyProtocol::Http {
        return Err(SocketFailure::Unreachable(format!(
            "{name} is not an http:// proxy, which is all the realtime probe can use"
        )));
    }
    let stream = tcp(proxy.host(), proxy.port(), timeout, deadline)?;
    set_timeouts(&stream, deadline, timeout)?;
    tunnel(stream, &proxy, &name, host, port, timeout)
}

/// Asks an HTTP proxy to `CONNECT` to `host:port`.
fn tunnel(
    mut stream: TcpStream,
    proxy: &ureq::Proxy,
    name: &ProxyName,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<TcpStream, SocketFailure> {
    let authority = match host.contains(':') {
        true => format!("[{host}]:{port}"),
        false => format!("{host}:{port}"),
    };
    let mut head = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(user) = proxy.username() {
        let pair = format!("{user}:{}", proxy.password().unwrap_or_default());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        head.push_str(&format!("Proxy-Authorization: Basic {encoded}\r\n"));
    }
    head.push_str("\r\n");
    let proxy_name = name.to_string();
    let io_failure = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
            timed_out(&proxy_name, timeout)
        }
        _ => SocketFailure::Unreachable(format!("{proxy_name} failed: {error}")),
    };
    stream.write_all(head.as_bytes()).map_err(io_failure)?;
    let mut reader = BufReader::new(stream.try_clone().map_err(io_failure)?);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).map_err(io_failure)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(io_failure)? == 0 || line.trim().is_empty() {
            break;
        }
    }
    match status_line.split_whitespace().nth(1) {
        Some(code) if code.starts_with('2') => Ok(stream),
        _ => Err(SocketFailure::Unreachable(format!(
            "{proxy_name} refused to CONNECT to {authority}: {}",
            status_line.trim()
        ))),
    }
}

/// Connects to the first address of `host:port` that answers before `deadline`.
fn tcp(
    host: &str,
    port: u16,
    timeout: Duration,
    deadline: Instant,
) -> Result<TcpStream, SocketFailure> {
    let addresses: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|_| SocketFailure::Unreachable(format!("{host} was not found (DNS)")))?
        .collect();
    let mut last = None;
    for address in addresses {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        match TcpStream::connect_timeout(&address, left) {
            Ok(stream) => return Ok(stream),
            Err(error) => last = Some(error),
        }
    }
    Err(match last {
        Some(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => {
            SocketFailure::Unreachable(format!("{host}:{port} refused the connection"))
        }
        Some(error) if error.kind() != std::io::ErrorKind::TimedOut => {
            SocketFailure::Unreachable(format!("could not connect to {host}:{port}: {error}"))
        }
        _ => timed_out(host, timeout),
    })
}

/// Read and write timeouts of what is left before `deadline`.
fn set_timeouts(
    stream: &TcpStream,
    deadline: Instant,
    timeout: Duration,
) -> Result<(), SocketFailure> {
    let left = deadline
        .checked_duration_since(Instant::now())
        .filter(|left| !left.is_zero())
        .ok_or_else(|| timed_out("the server", timeout))?;
    stream
        .set_read_timeout(Some(left))
        .and_then(|()| stream.set_write_timeout(Some(left)))
        .map_err(|error| SocketFailure::Unreachable(error.to_string()))
}

fn timed_out(host: &str, timeout: Duration) -> SocketFailure {
    SocketFailure::Unreachable(format!(
        "no answer from {host} within {} (--timeout)",
        humantime::format_duration(timeout)
    ))
}

fn unreachable(text: String, secret: &[u8]) -> SocketFailure {
    SocketFailure::Unreachable(scrub_secret(&text, secret))
}

/// A handshake that failed without an HTTP answer: timeout, TLS, or not a websocket server.
fn handshake_failure(
    error: &tungstenite::Error,
    host: &str,
    tls: bool,
    timeout: Duration,
    secret: &[u8],
) -> SocketFailure {
    match error {
        tungstenite::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            timed_out(host, timeout)
        }
        tungstenite::Error::Tls(error) => {
            unreachable(format!("TLS with {host} failed: {error}"), secret)
        }
        // rustls reports a failed handshake or certificate through the stream as InvalidData.
        tungstenite::Error::Io(io) if tls && io.kind() == std::io::ErrorKind::InvalidData => {
            unreachable(format!("TLS with {host} failed: {io}"), secret)
        }
        tungstenite::Error::Io(io) => {
            unreachable(format!("could not talk to {host}: {io}"), secret)
        }
        other => unreachable(format!("{host} did not open a websocket: {other}"), secret),
    }
}
