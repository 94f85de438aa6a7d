//! A recording proxy on loopback: it speaks HTTP CONNECT, SOCKS5 and SOCKS4(a), writes down
//! where each client asked to go (`CONNECT courier.test:80`, `SOCKS5 courier.test:80`,
//! `SOCKS4 192.0.2.1:80`), and whatever was asked, tunnels to one loopback `upstream` (the
//! scripted server), so a test can send a request "to" a name or address that is not this
//! machine without any network. It stops by itself when nobody connects for a while.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const IDLE_LIMIT: Duration = Duration::from_secs(15);

pub(crate) struct RecordingProxy {
    address: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

impl RecordingProxy {
    /// Starts a proxy that tunnels every accepted request to `upstream`.
    pub(crate) fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let address = listener.local_addr().expect("local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        thread::spawn(move || {
            while let Some(client) =
                crate::common::accept_before(&listener, Instant::now() + IDLE_LIMIT)
            {
                let record = Arc::clone(&record);
                thread::spawn(move || {
                    let _ = handle(client, upstream, &record);
                });
            }
        });
        Self { address, seen }
    }

    /// `scheme://127.0.0.1:PORT`, for a proxy variable.
    pub(crate) fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.address)
    }

    /// Where clients asked to go, in order.
    pub(crate) fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("lock").clone()
    }
}

fn handle(
    mut client: TcpStream,
    upstream: SocketAddr,
    record: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    client.set_nonblocking(false)?;
    client.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut first = [0u8; 1];
    client.read_exact(&mut first)?;
    let asked = match first[0] {
        5 => socks5(&mut client)?,
        4 => socks4(&mut client)?,
        _ => connect(&mut client, first[0])?,
    };
    record.lock().expect("lock").push(asked);
    let server = TcpStream::connect(upstream)?;
    let (mut client_in, mut server_out) = (client.try_clone()?, server.try_clone()?);
    let forward = thread::spawn(move || {
        let _ = std::io::copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(std::net::Shutdown::Write);
    });
    let (mut server_in, mut client_out) = (server, client);
    let _ = std::io::copy(&mut server_in, &mut client_out);
    let _ = client_out.shutdown(std::net::Shutdown::Write);
    let _ = forward.join();
    Ok(())
}

/// `CONNECT host:port HTTP/1.1` and its headers, answered 200.
fn connect(client: &mut TcpStream, first: u8) -> std::io::Result<String> {
    let mut head = vec![first];
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
        client.read_exact(&mut byte)?;
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let request_line = head.lines().next().unwrap_or("").to_string();
    let asked = request_line
        .rsplit_once(' ')
        .map_or(request_line.clone(), |(front, _)| front.to_string());
    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    Ok(asked)
}

/// SOCKS5 without authentication, CONNECT to an IPv4, IPv6 or domain address.
fn socks5(client: &mut TcpStream) -> std::io::Result<String> {
    let mut count = [0u8; 1];
    client.read_exact(&mut count)?;
    let mut methods = vec![0u8; count[0] as usize];
    client.read_exact(&mut methods)?;
    client.write_all(&[5, 0])?;
    let mut request = [0u8; 4];
    client.read_exact(&mut request)?;
    let host = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            client.read_exact(&mut ip)?;
            Ipv4Addr::from(ip).to_string()
        }
        4 => {
            let mut ip = [0u8; 16];
            client.read_exact(&mut ip)?;
            Ipv6Addr::from(ip).to_string()
        }
        _ => {
            let mut length = [0u8; 1];
            client.read_exact(&mut length)?;
            let mut name = vec![0u8; length[0] as usize];
            client.read_exact(&mut name)?;
            String::from_utf8_lossy(&name).into_owned()
        }
    };
    let mut port = [0u8; 2];
    client.read_exact(&mut port)?;
    client.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])?;
    Ok(format!("SOCKS5 {host}:{}", u16::from_be_bytes(port)))
}

/// SOCKS4 and SOCKS4a: CONNECT to an IPv4 address, or (4a) a name after the user id.
fn socks4(client: &mut TcpStream) -> std::io::Result<String> {
    let mut request = [0u8; 7];
    client.read_exact(&mut request)?;
    let port = u16::from_be_bytes([request[1], request[2]]);
    let ip = Ipv4Addr::new(request[3], request[4], request[5], request[6]);
    let read_until_nul = |client: &mut TcpStream| -> std::io::Result<Vec<u8>> {
        let mut text = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            client.read_exact(&mut byte)?;
            if byte[0] == 0 || text.len() > 255 {
                return Ok(text);
            }
            text.push(byte[0]);
        }
    };
    read_until_nul(client)?;
    let host = if ip.octets()[..3] == [0, 0, 0] && ip.octets()[3] != 0 {
        String::from_utf8_lossy(&read_until_nul(client)?).into_owned()
    } else {
        ip.to_string()
    };
    client.write_all(&[0, 90, 0, 0, 0, 0, 0, 0])?;
    Ok(format!("SOCKS4 {host}:{port}"))
}
