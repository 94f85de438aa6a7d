//! `serve --export-on-exit FILE` and `GET /__serve/state`: the workspace written when serve
//! stops (SIGTERM, Ctrl-C, the end of `serve -- COMMAND`) in `--workspace`'s format, read back
//! equal (messages with their read/archived state, preference choices, tenants, device tokens);
//! the state route answers the same text; an export path that cannot be written is refused at
//! start when that can be known, and a write that fails at the end is one line and exit 2. The
//! API key is in neither.

use serde_json::{json, Value};

use super::common::{bare, KEY};
use super::workspace_file::EXAMPLE;
use super::{Serve, INBOX_SCOPE};

/// `method path` with the API key; status and body text.
fn with_key(serve: &Serve, method: &str, path: &str, body: Value) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .build()
        .into();
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", serve.base))
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Content-Type", "application/json")
        .body(if body.is_null() {
            String::new()
        } else {
            body.to_string()
        })
        .expect("a request");
    let mut response = agent.run(request).expect("serve answers");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

fn state(serve: &Serve) -> String {
    let (status, text) = with_key(serve, "GET", "/__serve/state", Value::Null);
    assert_eq!(status, 200, "{text}");
    text
}

/// A workspace with something of everything changed since it started.
fn change_everything(serve: &Serve) {
    serve.send("alice", Some("acme-co"), "Read me");
    serve.send("alice", None, "Archive me");
    serve.send("bob", None, "Leave me");
    let token = serve.issue(INBOX_SCOPE, "1h");
    let (_, listed) = serve.graphql(
        &token,
        "alice",
        "{ messages(params: {accountId: \"acme-co\"}) { nodes { messageId title } } }",
    );
    let mut changed = 0;
    for node in listed["data"]["messages"]["nodes"]
        .as_array()
        .expect("nodes")
    {
        let verb = match node["title"].as_str() {
            Some("Read me") => "read",
            Some("Archive me") => "archive",
            _ => continue,
        };
        let id = node["messageId"].as_str().expect("an id");
        let query = format!("mutation {{ {verb}(messageId: \"{id}\") }}");
        let (status, answer) = serve.graphql(&token, "alice", &query);
        assert!(status == 200 && answer.get("errors").is_none(), "{answer}");
        changed += 1;
    }
    assert_eq!(changed, 2, "{listed}");
    let choice = json!({"topic": {"status": "OPTED_IN", "has_custom_routing": true, "custom_routing": ["email"]}});
    let path = "/users/alice/preferences/newsletter?tenant_id=acme-co";
    assert_eq!(with_key(serve, "PUT", path, choice).0, 200);
    let device = json!({"provider_key": "firebase-fcm", "device": {"platform": "android"}});
    assert_eq!(
        with_key(serve, "PUT", "/users/alice/tokens/tok-1", device).0,
        204
    );
    assert_eq!(
        with_key(serve, "PUT", "/tenants/initech", json!({"name": "Initech"})).0,
        200
    );
    assert_eq!(
        with_key(serve, "PUT", "/users/dave/tenants/initech", Value::Null).0,
        204
    );
}

#[test]
fn the_export_reads_back_equal_and_the_state_route_answers_it() {
    let directory = tempfile::tempdir().unwrap();
    let first = directory.path().join("first.json");
    let second = directory.path().join("second.json");
    let serve = Serve::start(&[
        "--workspace",
        EXAMPLE,
        "--export-on-exit",
        first.to_str().unwrap(),
    ]);
    change_everything(&serve);
    let answered = state(&serve);
    assert!(serve.terminate().success());
    let exported = std::fs::read_to_string(&first).expect("the export was written");
    assert_eq!(
        exported, answered,
        "GET /__serve/state is the exported file"
    );
    assert!(
        !exported.contains(KEY),
        "the API key is no part of the workspace"
    );
    let file: Value = serde_json::from_str(&exported).unwrap();
    let alice: Vec<&Value> = file["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["user_id"] == "alice")
        .collect();
    let by_title = |title: &str| *alice.iter().find(|m| m["title"] == title).unwrap();
    assert_eq!(by_title("Read me")["tenant"], "acme-co");
    assert!(by_title("Read me")["read"].is_string(), "{exported}");
    assert!(by_title("Archive me")["archived"].is_string(), "{exported}");
    assert!(by_title("Archive me").get("read").is_none(), "{exported}");
    assert_eq!(
        file["choices"],
        json!([{"user_id": "alice", "tenant_id": "acme-co", "topic_id": "newsletter",
                "status": "OPTED_IN", "has_custom_routing": true, "routing": ["email"]}])
    );
    assert_eq!(file["tokens"][0]["tokens"][0]["token"], "tok-1");
    assert!(file["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "initech" && t["members"] == json!(["dave"])));

    let again = Serve::start(&[
        "--workspace",
        first.to_str().unwrap(),
        "--export-on-exit",
        second.to_str().unwrap(),
    ]);
    assert_eq!(
        state(&again),
        exported,
        "read back, the workspace is the same"
    );
    let (_, tokens) = with_key(&again, "GET", "/users/alice/tokens", Value::Null);
    assert!(tokens.contains("tok-1"), "{tokens}");
    let token = again.issue(INBOX_SCOPE, "1h");
    let (_, shown) = again.graphql(
        &token,
        "alice",
        "{ count(params: {accountId: \"acme-co\"}) }",
    );
    assert_eq!(
        shown["data"]["count"], 1,
        "the archived one stays archived: {shown}"
    );
    let (_, unread) = again.graphql(
        &token,
        "alice",
        "{ count(params: {accountId: \"acme-co\", status: \"unread\"}) }",
    );
    assert_eq!(
        unread["data"]["count"], 0,
        "the read one stays read: {unread}"
    );
    // New messages after an import never take an imported id.
    again.send("alice", None, "After");
    assert!(again.interrupt().success());
    let last: Value = serde_json::from_str(&std::fs::read_to_string(&second).unwrap()).unwrap();
    let ids: Vec<&str> = last["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

#[test]
fn the_state_route_needs_the_api_key() {
    let serve = Serve::start(&[]);
    let token = serve.issue(INBOX_SCOPE, "1h");
    let (status, _) = super::post_to(&serve.base, "/__serve/state", &[], "");
    assert_ne!(status, 200);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .get(format!("{}/__serve/state", serve.base))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .expect("answers");
    assert_eq!(response.status().as_u16(), 401);
}

#[test]
fn an_export_path_that_cannot_be_written_is_refused_at_start() {
    let directory = tempfile::tempdir().unwrap();
    let missing = directory.path().join("no-such-directory").join("out.json");
    for path in [missing.as_path(), directory.path()] {
        let output = bare()
            .env("COURIER_API_KEY", KEY)
            .args(["serve", "--port", "0", "--export-on-exit"])
            .arg(path)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(output.stdout.is_empty(), "nothing served: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.contains("error: --export-on-exit"), "{stderr}");
    }
}

#[test]
fn serve_command_exports_passes_the_code_on_and_a_failed_write_is_exit_2() {
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("out").join("state.json");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    let run = |script: &str| {
        bare()
            .env("COURIER_API_KEY", KEY)
            .args(["serve", "--workspace", EXAMPLE, "--export-on-exit"])
            .arg(&out)
            .args(["--", "sh", "-c", script])
            .output()
            .expect("runs")
    };
    let output = run("exit 3");
    assert_eq!(output.status.code(), Some(3), "{output:?}");
    let kept = std::fs::read_to_string(&out).expect("exported");
    assert!(kept.contains("Hello from the workspace file"), "{kept}");
    assert!(!kept.contains(KEY));

    // The command removes the export's directory: the write fails, and that is the exit code.
    let gone = format!("rm -r '{}'; exit 3", out.parent().unwrap().display());
    let output = run(&gone);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr
        .lines()
        .find(|line| line.contains("--export-on-exit"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("could not write"), "{stderr}");
}
