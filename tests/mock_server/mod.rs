//! A scripted HTTP/1.1 server on loopback for the `issue --remote` tests and `doctor`'s
//! stand-in for Courier's Inbox. It answers each connection
//! with the next scripted reply (then closes it, so every attempt is a new connection), records
//! each request's request line, headers and body, and stops by itself when the script runs out
//! or nobody connects for a few seconds. It never touches anything but 127.0.0.1.
#![allow(dead_code)]

pub(crate) mod proxy;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long the server waits for the next connection before it stops.
const IDLE_LIMIT: Duration = Duration::from_secs(15);

/// One scripted answer.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// Answer with this status, extra headers and body.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Answer with this status and these bytes as an `application/json` body, UTF-8 or not.
    RawJson(u16, Vec<u8>),
    /// Read the request, then hold the connection open without answering for this long.
    Silent(Duration),
    /// Write these bytes as soon as the connection opens, without reading anything (a plain
    /// HTTP answer to a TLS handshake, say).
    Blurt(String),
}

impl Reply {
    pub(crate) fn json(status: u16, body: &str) -> Self {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    pub(crate) fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub request_line: String,
    /// Header lines in order, names as sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// The value of the header `name` (case-insensitive), if it was sent once.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let first = values.next();
        assert!(values.next().is_none(), "header {name} sent twice");
        first
    }
}

pub(crate) struct MockServer {
    address: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl MockServer {
    /// Starts a server that plays `script`, one reply per connection.
    pub(crate) fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let address = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        thread::spawn(move || serve(listener, script, recorded));
        Self { address, requests }
    }

    /// `http://127.0.0.1:PORT`, for `--base-url`.
    pub(crate) fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The loopback address it listens on.
    pub(crate) fn address(&self) -> SocketAddr {
        self.address
    }

    /// Everything received so far.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }
}

/// A loopback URL where nothing listens: bind a port, then let it go.
pub(crate) fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    drop(listener);
    format!("http://{address}")
}

fn serve(listener: TcpListener, script: Vec<Reply>, requests: Arc<Mutex<Vec<Recorded>>>) {
    for reply in script {
        let Some(stream) = accept_before(&listener, Instant::now() + IDLE_LIMIT) else {
            return;
        };
        if let Reply::Blurt(bytes) = &reply {
            let mut stream = stream;
            let _ = stream.write_all(bytes.as_bytes());
            continue;
        }
        let Some(request) = read_request(&stream) else {
            continue;
        };
        requests.lock().expect("lock").push(request);
        answer(stream, &reply);
    }
}

fn accept_before(listener: &TcpListener, deadline: Instant) -> Option<TcpStream> {
    let stream = crate::common::accept_before(listener, deadline)?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    Some(stream)
}

fn read_request(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded {
        request_line: request_line.trim_end_matches(['\r', '\n']).to_string(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn answer(mut stream: TcpStream, reply: &Reply) {
    match reply {
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Scripted\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            let _ = stream.flush();
        }
        Reply::RawJson(status, body) => {
            let head = format!(
                "HTTP/1.1 {status} Scripted\r\nContent-Length: {}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
            let _ = stream.flush();
        }
        Reply::Silent(hold) => thread::sleep(*hold),
        Reply::Blurt(_) => {}
    }
}
