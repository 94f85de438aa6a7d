//! serve's console in a real browser: headless Chromium, driven over the DevTools protocol,
//! loads the page from a running serve and shows the users, a message sent by the test
//! appearing without a reload, a refusal in the requests with the journal's code and reason,
//! a pasted curl command decoded and
//! verified against serve's key, the user list used from the keyboard; then no request went to
//! another origin and no response or event carried the API key. Without Chromium the test says
//! so on stderr and passes (`.ci/run` installs it). `CONSOLE_SCREENSHOTS=DIR` keeps a wide and
//! a narrow screenshot there.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::stream::MaybeTlsStream;
use tokio_tungstenite::tungstenite::{connect, Message, WebSocket};

use super::common::{KEY, REAL_COURIER_TOKEN};
use super::{Serve, INBOX_SCOPE};

/// A headless Chromium with one page, spoken to over its DevTools socket.
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Every event seen, in order.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Chromium, or `None` (with a notice) where it is not installed.
    fn launch() -> Option<Self> {
        let binary = ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|name| {
                Command::new(name)
                    .arg("--version")
                    .output()
                    .is_ok_and(|out| out.status.success())
            })?;
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut lines = stderr.lines().map_while(Result::ok);
        let browser_url = lines
            .by_ref()
            .find_map(|line| {
                line.split_once("DevTools listening on ")
                    .map(|(_, url)| url.trim().to_string())
            })
            .expect("chromium says where DevTools listens");
        // Keep draining stderr so Chromium never blocks on it.
        std::thread::spawn(move || lines.for_each(drop));
        let http = browser_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        let targets = ureq::get(format!("http://{http}/json/list"))
            .call()
            .expect("the target list")
            .body_mut()
            .read_to_string()
            .expect("a body");
        let targets: Value = serde_json::from_str(&targets).expect("JSON");
        let page = targets
            .as_array()
            .and_then(|all| all.iter().find(|target| target["type"] == "page"))
            .and_then(|target| target["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_string();
        let (socket, _) = connect(page).expect("the DevTools socket");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            // A safety net against a hang, not a timed assertion.
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .expect("a timeout");
        }
        Some(Self {
            child,
            socket,
            next_id: 1,
            events: Vec::new(),
            _profile: profile,
        })
    }

    fn send(&mut self, method: &str, params: Value) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"id": id, "method": method, "params": params});
        self.socket
            .send(Message::text(message.to_string()))
            .expect("sent to chromium");
        id
    }

    /// Calls `method` and returns its result, keeping the events that come meanwhile.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        loop {
            let text = match self.socket.read().expect("chromium answers") {
                Message::Text(text) => text.to_string(),
                _ => continue,
            };
            let message: Value = serde_json::from_str(&text).expect("JSON from chromium");
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Evaluates `expression` in the page (awaiting a promise); its value.
    fn evaluate(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Waits until `condition` (a JavaScript expression) is true in the page, watching the
    /// DOM change; fails with `what` after a generous safety limit.
    fn wait_for(&mut self, condition: &str, what: &str) {
        let script = format!(
            "new Promise((resolve) => {{
                const check = () => {{ try {{ return Boolean({condition}); }} catch (_) {{ return false; }} }};
                if (check()) return resolve(true);
                const observer = new MutationObserver(() => {{ if (check()) {{ observer.disconnect(); resolve(true); }} }});
                observer.observe(document, {{subtree: true, childList: true, characterData: true, attributes: true}});
                setTimeout(() => {{ observer.disconnect(); resolve(check()); }}, 30000);
            }})"
        );
        assert_eq!(
            self.evaluate(&script),
            json!(true),
            "the page never showed {what}"
        );
    }

    fn text_of(&mut self, selector: &str) -> String {
        let value = self.evaluate(&format!(
            "document.querySelector({selector:?})?.innerText ?? ''"
        ));
        value.as_str().unwrap_or_default().to_string()
    }

    /// A screenshot at `width`, into `$CONSOLE_SCREENSHOTS/name.png` when that is set.
    fn screenshot(&mut self, width: u32, name: &str) {
        let Some(folder) = std::env::var_os("CONSOLE_SCREENSHOTS") else {
            return;
        };
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("PNG data"))
            .expect("base64");
        std::fs::write(
            std::path::Path::new(&folder).join(format!("{name}.png")),
            png,
        )
        .expect("written");
        self.call("Emulation.clearDeviceMetricsOverride", json!({}));
    }

    /// Every event named `method`.
    fn events_named(&self, method: &str) -> Vec<Value> {
        self.events
            .iter()
            .filter(|event| event["method"] == method)
            .map(|event| event["params"].clone())
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sets a form field as typing would, then submits its form.
fn fill_and_submit(fields: &[(&str, &str)], form: &str) -> String {
    let mut script = String::new();
    for (id, value) in fields {
        script.push_str(&format!(
            "document.getElementById({id:?}).value = {value}; ",
            value = serde_json::to_string(value).expect("a JS string")
        ));
    }
    script.push_str(&format!(
        "document.getElementById({form:?}).requestSubmit(); true"
    ));
    script
}

#[test]
fn the_console_in_headless_chromium() {
    let messages = tempfile::NamedTempFile::new().expect("a file");
    std::fs::write(
        messages.path(),
        "{\"user_id\":\"alice\",\"title\":\"Welcome aboard\",\"body\":\"Your workspace is ready.\"}\n\
         {\"user_id\":\"alice\",\"title\":\"Invoice 42\",\"tenant\":\"acme\",\"read\":true}\n\
         {\"user_id\":\"bob\",\"title\":\"Password changed\",\"archived\":true,\"read\":true}\n",
    )
    .expect("written");
    let serve = Serve::start(&["--messages", messages.path().to_str().expect("a path")]);
    let Some(mut browser) = Browser::launch() else {
        eprintln!("note: chromium is not installed; skipping the console's browser test (apt-get install chromium)");
        return;
    };
    // A refusal for the requests panel: a token from Courier, not signed with serve's key.
    let (status, _) = serve.graphql(REAL_COURIER_TOKEN, "blah", "{ count }");
    assert_eq!(status, 401);
    browser.call("Network.enable", json!({}));
    browser.call("Page.enable", json!({}));
    browser.call("Runtime.enable", json!({}));
    browser.call("Log.enable", json!({}));
    browser.call("Page.navigate", json!({"url": format!("{}/", serve.base)}));

    // The users, with their counts.
    browser.wait_for(
        "document.querySelectorAll('#users-rows tr').length === 2",
        "alice and bob",
    );
    let users = browser.text_of("#users-rows");
    assert!(users.contains("alice\t1\t2\t0\tacme"), "{users:?}");
    assert!(users.contains("bob\t0\t1\t1\t—"), "{users:?}");
    browser.wait_for(
        "document.getElementById('live').textContent === 'live'",
        "the live status",
    );

    // Keyboard: from a fresh page, the first Tab reaches the skip link.
    for kind in ["keyDown", "keyUp"] {
        browser.call(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}),
        );
    }
    assert_eq!(
        browser.evaluate("document.activeElement.className"),
        json!("skip")
    );

    // A message sent by the test appears without a reload; opened from the keyboard.
    browser.evaluate("window.stayedLoaded = true");
    serve.send("dave", Some("acme"), "Fresh from the test");
    browser.wait_for(
        "document.querySelector('#users-rows tr[data-user=\"dave\"]')",
        "dave's new inbox",
    );
    browser.evaluate(
        "document.querySelector('#users-rows tr[data-user=\"dave\"] button').focus(); true",
    );
    for kind in ["keyDown", "keyUp"] {
        browser.call(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"}),
        );
    }
    browser.wait_for(
        "document.getElementById('inbox-messages').innerText.includes('Fresh from the test')",
        "dave's message",
    );
    assert_eq!(
        browser.evaluate("window.stayedLoaded === true"),
        json!(true),
        "the page reloaded"
    );
    assert_eq!(
        browser.evaluate("document.activeElement.id"),
        json!("inbox-title")
    );
    let inbox = browser.text_of("#inbox-messages");
    assert!(
        inbox.contains("unread") && inbox.contains("tenant acme"),
        "{inbox:?}"
    );

    // The send form.
    browser.evaluate(&fill_and_submit(
        &[
            ("send-user", "erin"),
            ("send-title-field", "Sent from the page"),
            ("send-tenant", ""),
        ],
        "send-form",
    ));
    browser.wait_for(
        "document.getElementById('send-result').textContent.startsWith('Sent msg_')",
        "the form's send",
    );
    browser.wait_for(
        "document.querySelector('#users-rows tr[data-user=\"erin\"]')",
        "erin in the list",
    );

    // A refusal, with its reason code and sentence.
    browser.wait_for(
        "document.querySelector('#requests-rows tr.refused')",
        "a refused request",
    );
    let refused = browser.text_of("#requests-rows tr.refused");
    assert!(
        refused.contains("REFUSED") && refused.contains("401"),
        "{refused:?}"
    );
    let bearer = format!("Bearer {KEY}");
    let journal = ureq::get(format!("{}/__serve/requests?status=401", serve.base))
        .header("Authorization", &bearer)
        .call()
        .expect("the journal")
        .body_mut()
        .read_to_string()
        .expect("a body");
    let journal: Value = serde_json::from_str(&journal).expect("JSON");
    let expected = format!(
        "{}: {}",
        journal[0]["code"].as_str().expect("a code"),
        journal[0]["reason"].as_str().expect("a reason")
    );
    assert!(refused.contains(&expected), "{expected:?} in {refused:?}");

    // A pasted curl command, decoded and verified against serve's key.
    let token = serve.issue(INBOX_SCOPE, "1h");
    let curl = format!(
        "curl 'https://inbox.courier.com/q' -H 'authorization: Bearer {token}' --data-raw '{{}}'"
    );
    browser.evaluate(&fill_and_submit(&[("decode-text", &curl)], "decode-form"));
    browser.wait_for(
        "document.getElementById('decoded').innerText.includes(\"verified against serve's key\")",
        "the verdict",
    );
    let decoded = browser.text_of("#decoded");
    for expected in [
        "alice",
        "inbox:read:messages",
        "read inbox messages",
        "in 1h",
        "Warnings: none",
    ] {
        assert!(decoded.contains(expected), "{expected:?} in {decoded:?}");
    }
    browser.screenshot(1280, "console-wide");
    browser.screenshot(390, "console-narrow");
    // Without colour (what achromatopsia sees), and in the dark.
    browser.call(
        "Emulation.setEmulatedVisionDeficiency",
        json!({"type": "achromatopsia"}),
    );
    browser.screenshot(1280, "console-no-colour");
    browser.call(
        "Emulation.setEmulatedVisionDeficiency",
        json!({"type": "none"}),
    );
    browser.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    browser.screenshot(1280, "console-dark");
    browser.call("Emulation.setEmulatedMedia", json!({"features": []}));
    // The API key pasted by mistake is recognised and not shown back.
    browser.evaluate(&fill_and_submit(
        &[("decode-text", &format!("Authorization: Bearer {KEY}"))],
        "decode-form",
    ));
    browser.wait_for(
        "document.getElementById('decoded').innerText.includes('serve_api_key')",
        "the key recognised",
    );
    browser.evaluate("document.getElementById('decode-text').value = ''; true");
    let page = browser.evaluate("document.documentElement.outerHTML + document.body.innerText");
    assert!(!page.as_str().unwrap_or_default().contains(KEY));

    // Nothing went to another origin, and no answer or event carried the API key.
    let sent = browser.events_named("Network.requestWillBeSent");
    assert!(sent.len() >= 8, "{sent:?}");
    for request in &sent {
        let url = request["request"]["url"].as_str().unwrap_or_default();
        // (A data: URL never leaves the browser: the colour emulation above makes one.)
        assert!(
            url.starts_with(&format!("{}/", serve.base)) || url.starts_with("data:"),
            "a request to {url}"
        );
    }
    let finished: Vec<String> = browser
        .events_named("Network.loadingFinished")
        .iter()
        .filter_map(|event| event["requestId"].as_str().map(str::to_string))
        .collect();
    assert!(finished.len() >= 8, "{finished:?}");
    for request_id in finished {
        let body = browser.call("Network.getResponseBody", json!({"requestId": request_id}));
        let text = match body["base64Encoded"].as_bool() {
            Some(true) => String::from_utf8_lossy(
                &base64::engine::general_purpose::STANDARD
                    .decode(body["body"].as_str().unwrap_or_default())
                    .expect("base64"),
            )
            .into_owned(),
            _ => body["body"].as_str().unwrap_or_default().to_string(),
        };
        assert!(!text.contains(KEY), "the API key in an answer: {text}");
    }
    // The script ran without an error, and the Content-Security-Policy blocked nothing.
    let thrown = browser.events_named("Runtime.exceptionThrown");
    assert!(thrown.is_empty(), "{thrown:?}");
    let logged = browser.events_named("Log.entryAdded");
    assert!(
        logged
            .iter()
            .all(|entry| entry["entry"]["level"] != "error"),
        "{logged:?}"
    );
    let pushed = browser.events_named("Network.eventSourceMessageReceived");
    assert!(
        pushed.iter().any(|event| event["eventName"] == "changed"),
        "{pushed:?}"
    );
    assert!(pushed.iter().all(|event| !event.to_string().contains(KEY)));
}
