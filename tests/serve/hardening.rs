//! serve under attack (issue 27): what a hostile client sends is never echoed as the key or a
//! token in the log, and cannot make serve grow without bound, hold every slot, or run a
//! document for minutes.

use serde_json::json;
use tokio_tungstenite::tungstenite::connect;

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
