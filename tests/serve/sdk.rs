//! The requests recorded from the real courier-js 3.4.0 (`tests/fixtures/sdk_inbox_requests.json`,
//! by `scripts/sdk-serve-requests.js`) replayed against serve byte for byte — only the token is
//! serve's — and the answers read the way the SDK reads them: `data.count`,
//! `data.unreadCount`, `data.messages.nodes` with every field it selects, `pageInfo.startCursor`
//! sent back as the next page's `after`, the aliased counts, and each mutation's effect.

use std::io::Write as _;

use serde_json::{json, Value};

use super::{Serve, INBOX_SCOPE};

/// alice's inbox: tags, tenants, read and archived states and creation times chosen so every
/// filter the SDK sends tells them apart.
const MESSAGES: &str = r#"{"user_id":"alice","messageId":"m1","title":"One","body":"first","tags":["a"],"created":"2024-03-01T00:00:00Z","data":{"k":1},"actions":[{"content":"Open","href":"https://example.com/1"}]}
{"user_id":"alice","messageId":"m2","title":"Two","tags":["b"],"created":"2024-02-01T00:00:00Z"}
{"user_id":"alice","messageId":"m3","title":"Three","tags":["c"],"created":"2024-01-15T00:00:00Z"}
{"user_id":"alice","messageId":"m4","title":"Old","tags":["a"],"created":"2023-12-01T00:00:00Z"}
{"user_id":"alice","messageId":"m5","title":"Acme","tenant":"acme-co","created":"2024-03-02T00:00:00Z"}
{"user_id":"alice","messageId":"m6","title":"Archived","tags":["a"],"created":"2024-02-15T00:00:00Z","archived":true}
{"user_id":"alice","messageId":"m7","title":"Read","tags":["b"],"created":"2024-02-20T00:00:00Z","read":"2024-02-21T00:00:00Z"}
{"user_id":"alice","messageId":"m8","title":"Eight","tags":["b"],"created":"2024-01-20T00:00:00Z"}
{"user_id":"bob","messageId":"b1","title":"Bob's"}
"#;

/// The node fields courier-js 3.4.0 selects.
const NODE_FIELDS: [&str; 11] = [
    "messageId",
    "read",
    "archived",
    "created",
    "opened",
    "title",
    "preview",
    "data",
    "tags",
    "trackingIds",
    "actions",
];

struct Replay {
    serve: Serve,
    token: String,
    requests: Vec<Value>,
    _messages: tempfile::NamedTempFile,
}

impl Replay {
    fn start() -> Self {
        let mut file = tempfile::NamedTempFile::new().expect("a temp file");
        file.write_all(MESSAGES.as_bytes()).expect("written");
        let path = file.path().to_str().expect("UTF-8").to_string();
        let serve = Serve::start(&["--messages", &path]);
        let token = serve.issue(INBOX_SCOPE, "1h");
        let fixture: Value =
            serde_json::from_str(include_str!("../fixtures/sdk_inbox_requests.json"))
                .expect("the fixture");
        Self {
            serve,
            token,
            requests: fixture["requests"].as_array().expect("requests").clone(),
            _messages: file,
        }
    }

    fn recorded(&self, name: &str) -> &Value {
        self.requests
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("no recorded {name}"))
    }

    /// Sends the recorded request `name` (its body changed by `edit`) with serve's token.
    fn send(&self, name: &str, edit: impl Fn(String) -> String) -> Value {
        let recorded = self.recorded(name);
        let bearer = format!("Bearer {}", self.token);
        let headers: Vec<(String, String)> = recorded["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|pair| {
                let name = pair[0].as_str().unwrap().to_string();
                let value = if name.eq_ignore_ascii_case("authorization") {
                    bearer.clone()
                } else {
                    pair[1].as_str().unwrap().to_string()
                };
                (name, value)
            })
            .collect();
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let body = edit(recorded["body"].as_str().expect("a body").to_string());
        let (status, answer) = self
            .serve
            .post(recorded["path"].as_str().unwrap(), &headers, &body);
        // courier-js throws on anything but a 2xx, and swallows GraphQL errors: neither may happen.
        assert_eq!(status, 200, "{name}: {answer}");
        assert!(answer.get("errors").is_none(), "{name}: {answer}");
        answer
    }

    fn messages(&self, name: &str) -> Value {
        self.send(name, |body| body)
    }

    fn unread(&self) -> u64 {
        self.messages("messages")["data"]["unreadCount"]
            .as_u64()
            .expect("unreadCount")
    }

    fn node(&self, id: &str) -> Value {
        let query =
            format!("{{ message(messageId: \"{id}\") {{ messageId read archived opened }} }}");
        self.serve.graphql(&self.token, "alice", &query).1["data"]["message"].clone()
    }
}

fn ids(answer: &Value) -> Vec<String> {
    answer["data"]["messages"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|node| node["messageId"].as_str().expect("messageId").to_string())
        .collect()
}

fn is_iso_or_null(value: &Value) -> bool {
    value.is_null()
        || value
            .as_str()
            .is_some_and(|text| text.len() == 24 && text.ends_with('Z') && text.contains('T'))
}

#[test]
fn get_messages_is_answered_as_the_sdk_reads_it() {
    let replay = Replay::start();
    let answer = replay.messages("messages");
    let data = &answer["data"];
    assert_eq!(
        (data["count"].as_u64(), data["unreadCount"].as_u64()),
        (Some(6), Some(5))
    );
    assert_eq!(ids(&answer), ["m1", "m7", "m2", "m8", "m3", "m4"]);
    assert_eq!(data["messages"]["totalCount"], 6);
    assert_eq!(
        data["messages"]["pageInfo"],
        json!({"startCursor": null, "hasNextPage": false})
    );
    let first = &data["messages"]["nodes"][0];
    for field in NODE_FIELDS {
        assert!(first.get(field).is_some(), "{field} in {first}");
    }
    for field in ["read", "archived", "created", "opened"] {
        assert!(is_iso_or_null(&first[field]), "{field}: {first}");
    }
    assert_eq!(first["created"], "2024-03-01T00:00:00.000Z");
    assert_eq!(first["data"], json!({"k": 1}));
    assert_eq!(first["actions"][0]["href"], "https://example.com/1");
    assert_eq!(first["preview"], "first");
    assert_eq!(
        data["messages"]["nodes"][1]["read"],
        "2024-02-21T00:00:00.000Z"
    );

    assert_eq!(ids(&replay.messages("messages_archived")), ["m6"]);
    let tenant = replay.messages("messages_tenant");
    assert_eq!(ids(&tenant), ["m5"]);
}

#[test]
fn filters_and_pages_follow_start_cursor_as_the_sdk_does() {
    let replay = Replay::start();
    let first = replay.send("messages_filtered_page", |body| {
        body.replace(r#" = \"<cursor>\""#, "")
    });
    assert_eq!(ids(&first), ["m1", "m2"]);
    assert_eq!(first["data"]["count"], 3);
    let page_info = &first["data"]["messages"]["pageInfo"];
    assert_eq!(page_info["hasNextPage"], true);
    let cursor = page_info["startCursor"]
        .as_str()
        .expect("a cursor")
        .to_string();
    let second = replay.send("messages_filtered_page", |body| {
        body.replace("<cursor>", &cursor)
    });
    assert_eq!(ids(&second), ["m8"]);
    assert_eq!(second["data"]["messages"]["pageInfo"]["hasNextPage"], false);

    let counts = replay.messages("unread_counts");
    assert_eq!(counts["data"]["id_all"], 5);
    assert_eq!(counts["data"]["id_tagged_a"], 2);
}

#[test]
fn every_mutation_changes_the_inbox_as_asked() {
    let replay = Replay::start();
    assert_eq!(replay.unread(), 5);
    replay.messages("read");
    assert!(replay.node("m1")["read"].is_string());
    assert_eq!(replay.unread(), 4);
    replay.messages("unread");
    assert!(replay.node("m1")["read"].is_null());
    replay.messages("open");
    assert!(replay.node("m1")["opened"].is_string());
    replay.messages("click");
    replay.messages("archive");
    assert!(replay.node("m2")["archived"].is_string());
    assert!(!ids(&replay.messages("messages")).contains(&"m2".to_string()));
    replay.messages("unarchive");
    assert!(replay.node("m2")["archived"].is_null());
    let batch = replay.messages("batch_open");
    assert_eq!(
        batch["data"],
        json!({"open_0": true, "open_1": true, "open_2": true})
    );
    assert!(replay.node("m3")["opened"].is_string());
    replay.messages("read_all");
    assert_eq!(replay.unread(), 0);
    replay.messages("archive_read");
    assert_eq!(replay.messages("messages")["data"]["count"], 0);
    replay.messages("archive_all");
    // bob's inbox was never touched.
    let bob = replay.serve.issue("user_id:bob inbox:read:messages", "1h");
    let (_, answer) = replay
        .serve
        .graphql(&bob, "bob", "{ count(params: {status: \"unread\"}) }");
    assert_eq!(answer["data"]["count"], 1);
}

#[test]
fn v7_variables_and_an_unknown_message_are_graphql_answers() {
    let replay = Replay::start();
    let bearer = format!("Bearer {}", replay.token);
    let body = json!({
        "query": "query GetInboxCount($params: FilterParamsInput) { count(params: $params) }",
        "variables": {"params": {"status": "unread", "from": 1_704_067_200_000_i64}},
    });
    let (status, answer) = replay.serve.post(
        "/q",
        &[("Authorization", &bearer), ("x-courier-user-id", "alice")],
        &body.to_string(),
    );
    assert_eq!(
        (status, &answer["data"]["count"]),
        (200, &json!(4)),
        "{answer}"
    );
    let (status, answer) = replay.serve.graphql(
        &replay.token,
        "alice",
        "mutation { read(messageId: \"nope\") }",
    );
    assert_eq!(status, 200);
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nope"),
        "{answer}"
    );
}
