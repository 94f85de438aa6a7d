//! serve's answers pinned to the byte (issue 22 made them serde structs): one conversation
//! covering the Issue Token API's refusals, GraphQL's error bodies on `/q` and `/client/q`,
//! `/send`, `GET /messages`, the `/__serve/` clock, faults, waits and journal, tenants and
//! memberships, brands, preferences, the console's JSON and `/__serve/reset`, and the
//! `--json` listening line. The expected bodies were written by the build before the structs;
//! `BASE` and `HOSTPORT` stand for the address serve picked, `DURATION` for a journal entry's
//! measured time.

use super::common::{assert_example_holds, bare_for_network, json_output_examples, KEY, NOW};
use super::Serve;

mod conversation;

use conversation::{Auth, Call, CONVERSATION};

/// `call` sent to `serve`: the status and the body as text, untouched.
fn send(serve: &Serve, call: &Call) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = ureq::http::Request::builder()
        .method(call.method)
        .uri(format!("{}{}", serve.base, call.path));
    let bearer = match call.auth {
        Auth::Key => Some(format!("Bearer {KEY}")),
        Auth::Wrong => Some("Bearer wrong".to_string()),
        Auth::MalformedTokenForAlice => {
            request = request.header("x-courier-user-id", "alice");
            Some("Bearer not.a.token".to_string())
        }
        Auth::None => None,
    };
    if let Some(bearer) = bearer {
        request = request.header("Authorization", bearer);
    }
    if let Some(content_type) = call.content_type {
        request = request.header("Content-Type", content_type);
    }
    let request = request.body(call.body.to_string()).expect("a request");
    let mut response = agent.run(request).expect("serve answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (status, text)
}

/// `text` with serve's address as `BASE`/`HOSTPORT` and each `"duration_ms"` as `DURATION`.
fn comparable(serve: &Serve, text: &str) -> String {
    let hostport = serve.base.trim_start_matches("http://");
    let text = text
        .replace(&serve.base, "BASE")
        .replace(hostport, "HOSTPORT");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("\"duration_ms\":") {
        let (before, after) = rest.split_at(at + "\"duration_ms\":".len());
        out.push_str(before);
        out.push_str("DURATION");
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_listening_line_keeps_its_shape() {
    let serve = Serve::start(&[]);
    assert_eq!(
        comparable(&serve, &serve.urls.to_string()),
        r##"{"base_url":"BASE","apiUrls":{"courier":{"rest":"BASE","graphql":"BASE/client/q"},"inbox":{"graphql":"BASE/q","webSocket":"ws://HOSTPORT"}},"workspace_id":"00000000-0000-4000-8000-000000000001","client_key":"MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx","environment":"production"}"##
    );
}

#[test]
fn every_answer_keeps_its_bytes() {
    let serve = Serve::start(&[]);
    for call in CONVERSATION {
        let (status, text) = send(&serve, call);
        assert_eq!(
            (status, comparable(&serve, &text).as_str()),
            (call.status, call.answer),
            "{} {}",
            call.method,
            call.path
        );
    }
}

#[test]
fn an_issued_token_is_the_one_member() {
    let serve = Serve::start(&[]);
    let token = serve.issue("user_id:alice", "1h");
    let call = Call {
        method: "POST",
        path: "/auth/issue-token",
        body: r#"{"scope":"user_id:alice","expires_in":"1h"}"#,
        auth: Auth::Key,
        content_type: Some("application/json"),
        status: 200,
        answer: "",
    };
    let (status, text) = send(&serve, &call);
    assert_eq!(status, 200);
    assert!(
        text.starts_with(r#"{"token":"eyJ"#) && text.ends_with(r#""}"#),
        "{text}"
    );
    assert_eq!(text.matches('"').count(), 4, "{text}");
    assert_eq!(token.matches('.').count(), 2);
}

/// Two messages as `--messages` reads them: a tenant, a title with a bidirectional control,
/// data, tags, actions (one with only `href`), read; and a bare one.
const MESSAGES: &str = r##"{"user_id":"alice","tenant":"t1","title":"T \u202e","preview":"p","data":{"k":[1,2.5,"x"]},"tags":["a","b"],"actions":[{"content":"Open","href":"https://x","data":{"z":null}},{"href":"h2"}],"read":true,"created":"2024-05-01T12:00:00Z"}
{"user_id":"bob","body":"plain"}
"##;

#[test]
fn messages_keep_their_bytes_in_the_console_and_the_export() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("messages.jsonl");
    std::fs::write(&path, MESSAGES).expect("written");
    let serve = Serve::start(&["--messages", path.to_str().expect("UTF-8 path")]);
    let get = |path: &'static str| Call {
        method: "GET",
        path,
        body: "",
        auth: Auth::Key,
        content_type: None,
        status: 200,
        answer: "",
    };
    // The title's U+202E stands as `BIDI` below (the compiler refuses it in a literal).
    let shown = |(_, text): (u16, String)| text.replace('\u{202e}', "BIDI");
    let alice = shown(send(&serve, &get("/__serve/console/messages?user=alice")));
    assert_eq!(
        alice,
        r##"{"user_id":"alice","total":1,"messages":[{"messageId":"msg_1","accountId":"t1","title":"T BIDI","preview":"p","actions":[{"content":"Open","href":"https://x","data":{"z":null}},{"content":null,"href":"h2","data":null}],"data":{"k":[1,2.5,"x"]},"tags":["a","b"],"created":"2024-05-01T12:00:00.000Z","read":"2024-05-01T12:00:00.000Z","archived":null,"opened":null,"trackingIds":{"clickTrackingId":"click_msg_1"}}]}"##
    );
    let bob = shown(send(&serve, &get("/__serve/console/messages?user=bob")));
    assert_eq!(
        bob,
        r##"{"user_id":"bob","total":1,"messages":[{"messageId":"msg_2","title":null,"preview":"plain","actions":[],"data":null,"tags":[],"created":"2022-11-28T15:24:10.000Z","read":null,"archived":null,"opened":null,"trackingIds":{"clickTrackingId":"click_msg_2"}}]}"##
    );
    let state = shown(send(&serve, &get("/__serve/state")));
    assert_eq!(
        state,
        r##"{
  "messages": [
    {
      "user_id": "alice",
      "id": "msg_1",
      "tenant": "t1",
      "title": "T BIDI",
      "preview": "p",
      "data": {
        "k": [
          1,
          2.5,
          "x"
        ]
      },
      "tags": [
        "a",
        "b"
      ],
      "actions": [
        {
          "content": "Open",
          "href": "https://x",
          "data": {
            "z": null
          }
        },
        {
          "href": "h2"
        }
      ],
      "created": "2024-05-01T12:00:00.000Z",
      "read": "2024-05-01T12:00:00.000Z"
    },
    {
      "user_id": "bob",
      "id": "msg_2",
      "preview": "plain",
      "created": "2022-11-28T15:24:10.000Z"
    }
  ]
}
"##
    );
}

/// courier-token-serve(1)'s example of the listening line and courier-token-doctor(1)'s of a
/// diagnosis with a probe stay true: their members appear in the order serve and doctor write
/// them (`tests/cli/json_schemas.rs` holds the other commands' examples).
#[test]
fn the_man_pages_examples_hold() {
    let serve = Serve::start(&[]);
    let listening = json_output_examples("serve");
    assert_example_holds(&listening[0], &serve.urls.to_string());
    let token = serve.issue(super::INBOX_SCOPE, "1h");
    let output = bare_for_network()
        .args([
            "--now",
            NOW,
            "doctor",
            &token,
            "--inbox-url",
            &serve.base,
            "--json",
        ])
        .output()
        .expect("doctor runs");
    let diagnosis = String::from_utf8(output.stdout).expect("UTF-8");
    assert_example_holds(&json_output_examples("doctor")[0], &diagnosis);
}
