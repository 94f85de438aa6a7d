//! Messages in and state between cases: `/send` needs the API key and the Send API's shape,
//! `/__serve/reset` empties every inbox, a bad `--messages` file is a one-line error naming the
//! line, and mutations from many connections at once lose no update.

use std::io::Write as _;

use serde_json::json;

use super::common::{with_key, KEY};
use super::{Serve, INBOX_SCOPE};

const UNREAD: &str = "{ count(params: { status: \"unread\" }) }";

#[test]
fn send_needs_the_key_and_the_send_api_shape() {
    let serve = Serve::start(&[]);
    let body =
        json!({"message": {"to": {"user_id": "alice"}, "content": {"title": "t", "body": "b"}}})
            .to_string();
    assert_eq!(serve.post("/send", &[], &body).0, 401);
    assert_eq!(
        serve
            .post("/send", &[("Authorization", "Bearer nope")], &body)
            .0,
        401
    );
    let bearer = format!("Bearer {KEY}");
    for bad in [
        "{",
        "{}",
        r#"{"message": {"to": {"email": "a@example.com"}}}"#,
        r#"{"message": {"to": {"user_id": "a", "tenant_id": "t"}}}"#,
    ] {
        let (status, answer) = serve.post("/send", &[("Authorization", &bearer)], bad);
        assert_eq!(
            (status, &answer["type"]),
            (400, &json!("invalid_request_error")),
            "{bad}: {answer}"
        );
    }
}

#[test]
fn reset_empties_every_inbox() {
    let serve = Serve::start(&[]);
    serve.send("alice", None, "one");
    serve.send("bob", Some("acme-co"), "two");
    assert_eq!(serve.post("/__serve/reset", &[], "").0, 401);
    let bearer = format!("Bearer {KEY}");
    let (status, answer) = serve.post("/__serve/reset", &[("Authorization", &bearer)], "");
    assert_eq!((status, answer), (200, json!({"removed": 2})));
    let token = serve.issue(INBOX_SCOPE, "1h");
    assert_eq!(serve.graphql(&token, "alice", UNREAD).1["data"]["count"], 0);
}

#[test]
fn a_bad_messages_file_is_one_line_naming_the_line() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "{{\"user_id\": \"alice\", \"title\": \"ok\"}}\n{{\"title\": \"nobody's\"}}"
    )
    .unwrap();
    let output = with_key()
        .args([
            "serve",
            "--port",
            "0",
            "--messages",
            file.path().to_str().unwrap(),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 2") && stderr.contains("user_id"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn an_unknown_field_in_messages_is_refused_naming_the_line_and_the_field() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "{{\"user_id\": \"alice\", \"title\": \"ok\"}}\n{{\"user_id\": \"alice\", \"titel\": \"typo\"}}"
    )
    .unwrap();
    let output = with_key()
        .args([
            "serve",
            "--port",
            "0",
            "--messages",
            file.path().to_str().unwrap(),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.contains("line 2")
            && first.contains("unknown field \"titel\"")
            && first.contains("did you mean \"title\""),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn mutations_from_many_connections_at_once_lose_no_update() {
    let serve = Serve::start(&["--log", "refusals"]);
    let ids: Vec<String> = (0..64)
        .map(|n| serve.send("alice", None, &format!("m{n}")))
        .collect();
    let token = serve.issue(INBOX_SCOPE, "1h");
    std::thread::scope(|scope| {
        for chunk in ids.chunks(8) {
            let (base, bearer) = (&serve.base, format!("Bearer {token}"));
            scope.spawn(move || {
                for id in chunk {
                    let body =
                        json!({"query": format!("mutation {{ read(messageId: \"{id}\") }}")})
                            .to_string();
                    let headers = [
                        ("Authorization", bearer.as_str()),
                        ("x-courier-user-id", "alice"),
                    ];
                    let (status, answer) = super::post_to(base, "/q", &headers, &body);
                    assert_eq!(
                        (status, &answer["data"]["read"]),
                        (200, &json!(true)),
                        "{answer}"
                    );
                }
            });
        }
    });
    assert_eq!(serve.graphql(&token, "alice", UNREAD).1["data"]["count"], 0);
}
