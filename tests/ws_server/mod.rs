//! A scripted websocket server on loopback, standing in for Courier's realtime socket in the
//! `doctor` tests. Each connection gets the next scripted behaviour: accept the upgrade and
//! answer as Courier does (`config` to `get-config`, `ack` to `subscribe`), refuse the upgrade
//! with an HTTP status, accept and then close without an ack, or take the connection and never
//! answer. It records each upgrade's request target and headers and the text messages
//! received, and stops when the script runs out or nobody connects for a while. It never
//! touches anything but 127.0.0.1.
// tungstenite's handshake callback returns a large error type: its API, not ours to box.
#![allow(dead_code, clippy::result_large_err)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::Message;

const IDLE_LIMIT: Duration = Duration::from_secs(15);

/// What the server does with one connection.
#[derive(Debug, Clone)]
pub(crate) enum Behaviour {
    /// Upgrade, answer `get-config` and `subscribe` as Courier does, then wait for the close.
    Accept,
    /// Answer the upgrade with this HTTP status and body.
    Refuse(u16, &'static str),
    /// Upgrade, read the first messages, then close with this code and no ack.
    CloseWithoutAck(u16),
    /// Take the connection and say nothing for this long.
    Silent(Duration),
}

/// One connection as the server saw it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Connection {
    /// The upgrade's request target: path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// Text messages received, in order.
    pub messages: Vec<String>,
    /// True when the client closed with 1000.
    pub closed_normally: bool,
}

pub(crate) struct WsServer {
    address: SocketAddr,
    connections: Arc<Mutex<Vec<Connection>>>,
}

impl WsServer {
    pub(crate) fn start(script: Vec<Behaviour>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let address = listener.local_addr().expect("local address");
        let connections = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&connections);
        thread::spawn(move || serve(listener, script, recorded));
        Self {
            address,
            connections,
        }
    }

    /// `ws://127.0.0.1:PORT`, for `--realtime-url`.
    pub(crate) fn url(&self) -> String {
        format!("ws://{}", self.address)
    }

    /// Every connection so far. A connection is recorded once its script is played out, so
    /// this is complete once the client process has exited.
    pub(crate) fn connections(&self) -> Vec<Connection> {
        self.connections.lock().expect("lock").clone()
    }
}

fn serve(listener: TcpListener, script: Vec<Behaviour>, connections: Arc<Mutex<Vec<Connection>>>) {
    for behaviour in script {
        let deadline = Instant::now() + IDLE_LIMIT;
        let Some(stream) = crate::common::accept_before(&listener, deadline) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let connection = play(stream, &behaviour);
        connections.lock().expect("lock").push(connection);
    }
}

fn play(stream: TcpStream, behaviour: &Behaviour) -> Connection {
    let mut connection = Connection::default();
    if let Behaviour::Silent(hold) = behaviour {
        thread::sleep(*hold);
        return connection;
    }
    let seen = Arc::new(Mutex::new(Connection::default()));
    let record = Arc::clone(&seen);
    let refusal = match behaviour {
        Behaviour::Refuse(status, body) => Some((*status, *body)),
        _ => None,
    };
    let callback =
        move |request: &Request, response: Response| -> Result<Response, ErrorResponse> {
            let mut seen = record.lock().expect("lock");
            seen.target = request.uri().to_string();
            seen.headers = request
                .headers()
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_str().unwrap_or("").to_string()))
                .collect();
            match refusal {
                Some((status, body)) => {
                    let mut error = ErrorResponse::new(Some(body.to_string()));
                    *error.status_mut() = status.try_into().expect("a status");
                    Err(error)
                }
                None => Ok(response),
            }
        };
    let accepted = tungstenite::accept_hdr(stream, callback);
    connection.target = seen.lock().expect("lock").target.clone();
    connection.headers = seen.lock().expect("lock").headers.clone();
    let Ok(mut socket) = accepted else {
        return connection;
    };
    while let Ok(message) = socket.read() {
        match message {
            Message::Text(text) => {
                connection.messages.push(text.to_string());
                let Ok(request) = serde_json::from_str::<Value>(text.as_str()) else {
                    continue;
                };
                let tid = request["tid"].clone();
                match (behaviour, request["action"].as_str()) {
                    (Behaviour::CloseWithoutAck(code), Some("subscribe")) => {
                        let _ = socket.close(Some(tungstenite::protocol::CloseFrame {
                            code: (*code).into(),
                            reason: "unauthenticated".into(),
                        }));
                    }
                    (_, Some("get-config")) => {
                        let answer = json!({"tid": tid, "response": "config", "data": {"pingInterval": 60, "maxOutstandingPings": 3}});
                        let _ = socket.send(Message::text(answer.to_string()));
                    }
                    (_, Some("subscribe")) => {
                        let _ = socket.send(Message::text(
                            json!({"tid": tid, "response": "ack"}).to_string(),
                        ));
                    }
                    _ => {}
                }
            }
            Message::Close(frame) => {
                connection.closed_normally =
                    frame.is_some_and(|frame| u16::from(frame.code) == 1000);
            }
            _ => {}
        }
    }
    connection
}
