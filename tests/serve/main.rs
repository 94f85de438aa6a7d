//! `serve` through the real binary: each test starts `courier-token serve --port 0 --json`,
//! reads the first stdout line for its URLs (never sleeping for readiness), and talks to it
//! over loopback: the Issue Token API (`issue_token`), the requests recorded from the real
//! courier-js replayed and read as the SDK reads them (`sdk`), the policy matrix (`policy`),
//! messages in (`messages_in`), the realtime socket (`realtime`), `serve -- COMMAND`, the
//! development key and parent death (`harness`), serve's control surface (`control`), the workspace exported and read back (`export`), tracking URLs (`tracking`), the console over HTTP (`console`) and in headless
//! Chromium (`console_browser`), and `doctor` agreeing with serve
//! in JWT mode (`agree`) and in its other modes and the audit (`doctor_modes`). This file holds
//! the harness. The clock is pinned with `--now`.

mod agree;
mod answer_shapes;
mod client_sdk;
#[path = "../common/mod.rs"]
mod common;
mod console;
mod console_browser;
mod control;
mod doctor_modes;
mod export;
mod hardening;
mod harness;
mod inbox_queries;
mod issue_token;
mod messages_in;
mod node_sdk;
mod policy;
mod realtime;
mod rest;
mod sdk;
mod sends;
mod tracking;
mod workspace_file;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use common::{KEY, NOW};
use serde_json::Value;

/// serve's default workspace id.
const WORKSPACE: &str = "00000000-0000-4000-8000-000000000001";
const INBOX_SCOPE: &str = "user_id:alice inbox:read:messages inbox:write:events";

/// A running `serve`, stopped when dropped.
struct Serve {
    child: Child,
    base: String,
    socket: String,
    urls: Value,
    stderr: Receiver<String>,
}

impl Serve {
    /// `serve --port 0 --json --now NOW` with [`KEY`] and `args`.
    fn start(args: &[&str]) -> Self {
        Self::start_with(args, |_| {})
    }

    fn start_with(args: &[&str], adjust: impl FnOnce(&mut Command)) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_courier-token"));
        command
            .env_remove("COURIER_AUTH_TOKEN")
            .env("COURIER_API_KEY", KEY)
            .args(["--now", NOW, "serve", "--port", "0", "--json"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        adjust(&mut command);
        let mut child = command.spawn().expect("serve starts");
        let mut first = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a first line");
        let (send, stderr) = channel();
        let reader = BufReader::new(child.stderr.take().expect("stderr"));
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let urls: Value = serde_json::from_str(&first)
            .unwrap_or_else(|_| panic!("the first line is JSON: {first:?}"));
        Self {
            child,
            base: urls["base_url"].as_str().expect("base_url").to_string(),
            socket: urls["apiUrls"]["inbox"]["webSocket"]
                .as_str()
                .expect("webSocket")
                .to_string(),
            urls,
            stderr,
        }
    }

    /// POSTs `body` to `path` with `headers`; the status and the body as JSON (or a string).
    fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, Value) {
        post_to(&self.base, path, headers, body)
    }

    /// A token from serve's Issue Token API.
    fn issue(&self, scope: &str, expires_in: &str) -> String {
        let body = serde_json::json!({"scope": scope, "expires_in": expires_in}).to_string();
        let bearer = format!("Bearer {KEY}");
        let (status, answer) = self.post("/auth/issue-token", &[("Authorization", &bearer)], &body);
        assert_eq!(status, 200, "{answer}");
        answer["token"].as_str().expect("a token").to_string()
    }

    /// Puts a message in `user`'s inbox through `/send`; its id.
    fn send(&self, user: &str, tenant: Option<&str>, title: &str) -> String {
        let mut to = serde_json::json!({"user_id": user});
        if let Some(tenant) = tenant {
            to["context"] = serde_json::json!({"tenant_id": tenant});
        }
        let body =
            serde_json::json!({"message": {"to": to, "content": {"title": title, "body": "b"}}});
        let bearer = format!("Bearer {KEY}");
        let (status, answer) = self.post("/send", &[("Authorization", &bearer)], &body.to_string());
        assert_eq!(status, 202, "{answer}");
        answer["requestId"].as_str().expect("requestId").to_string()
    }

    /// The Inbox GraphQL endpoint as courier-js calls it.
    fn graphql(&self, token: &str, user: &str, query: &str) -> (u16, Value) {
        let bearer = format!("Bearer {token}");
        let body = serde_json::json!({"query": query}).to_string();
        self.post(
            "/q",
            &[
                ("Content-Type", "application/json"),
                ("x-courier-user-id", user),
                ("Authorization", &bearer),
            ],
            &body,
        )
    }

    /// The next stderr line containing `needle` (a safety limit, not a timed assertion).
    fn log_line(&self, needle: &str) -> String {
        loop {
            let line = self
                .stderr
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no stderr line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    /// Asks serve to stop as `kill` (SIGTERM) does and waits for it.
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).expect("a pid");
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).expect("signalled");
        self.child.wait().expect("serve exits")
    }

    /// Asks serve to stop as Ctrl-C does and waits for it.
    fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).expect("a pid");
        rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("signalled");
        self.child.wait().expect("serve exits")
    }
}

/// POSTs `body` to `{base}{path}` with `headers`; the status and the body as JSON (or a string).
fn post_to(base: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        // A safety net against a server that never answers, not a timed assertion.
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut request = agent.post(format!("{base}{path}"));
    // Every body here is JSON, said so as the SDKs say it unless the test says otherwise.
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    {
        request = request.header("Content-Type", "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.send(body).expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::io::stderr().flush();
    }
}

#[test]
fn the_first_line_says_where_and_sigint_stops_it_cleanly() {
    let serve = Serve::start(&[]);
    let base = serve.base.clone();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(
        serve.urls["apiUrls"]["inbox"]["graphql"],
        format!("{base}/q")
    );
    assert_eq!(serve.urls["apiUrls"]["courier"]["rest"], base);
    assert_eq!(serve.socket, base.replace("http://", "ws://"));
    assert!(!serve.urls.to_string().contains(KEY));
    // A real key is never printed: api_key is there only for a development key.
    assert!(serve.urls.get("api_key").is_none());
    let status = serve.interrupt();
    assert!(status.success(), "{status:?}");
}

#[test]
fn non_loopback_needs_the_option_and_errors_are_one_line() {
    let output = common::with_key()
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--allow-non-loopback"), "{stderr}");
}

#[test]
fn bad_bodies_get_errors_not_crashes_and_cors_allows_the_sdk_headers() {
    let serve = Serve::start(&["--cors-origin", "http://app.test"]);
    let (status, body) = serve.post("/q", &[], "{not json");
    assert_eq!(status, 400);
    assert!(body["errors"][0]["message"].is_string(), "{body}");
    let token = serve.issue(INBOX_SCOPE, "1h");
    let (status, body) = serve.graphql(&token, "alice", "query { count(");
    assert_eq!(status, 200);
    assert!(body["errors"][0]["message"].is_string(), "{body}");
    // Hostile documents: nesting far past any stack, thousands of root fields.
    let deep = format!("{}{}", "{".repeat(50_000), "}".repeat(50_000));
    let wide = format!(
        "query {{ {} }}",
        (0..20_000)
            .map(|n| format!("a{n}: count"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for hostile in [deep, wide] {
        let (status, body) = serve.graphql(&token, "alice", &hostile);
        assert_eq!(status, 200);
        assert!(body["errors"][0]["message"].is_string());
    }
    assert_eq!(
        serve.graphql(&token, "alice", "{ count }").1["data"]["count"],
        0
    );
    // Refused on its Content-Length, before a byte of it is read.
    let address = serve.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    write!(
        stream,
        "POST /q HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n",
        2 * 1024 * 1024
    )
    .unwrap();
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut stream, &mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .run(
            ureq::http::Request::options(format!("{}/q", serve.base))
                .header("Origin", "http://app.test")
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers",
                    "authorization,x-courier-user-id,x-courier-ua,x-courier-client-source-id",
                )
                .body(())
                .expect("a request"),
        )
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 200);
    let allowed = response.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_string();
    for header in courier_token::wire::headers::SDK_REQUEST_HEADERS {
        assert!(allowed.contains(header), "{allowed}");
    }
}
