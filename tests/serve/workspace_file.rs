//! `serve --workspace FILE`: the example file in `examples/` loads (its messages in the inboxes,
//! beside `--messages`), and a malformed file stops serve before anything is served, with one
//! line naming the field and its line (exit 2).

use std::io::Write as _;

use serde_json::json;

use super::common::with_key;
use super::{Serve, INBOX_SCOPE};

pub(crate) const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/workspace.json");

#[test]
fn the_example_workspace_loads_beside_messages() {
    let mut messages = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        messages,
        "{{\"user_id\": \"carol\", \"title\": \"From --messages\"}}"
    )
    .unwrap();
    let path = messages.path().to_str().unwrap().to_string();
    let serve = Serve::start(&["--workspace", EXAMPLE, "--messages", &path]);
    let token = serve.issue("user_id:carol inbox:read:messages", "1h");
    let (status, answer) = serve.graphql(&token, "carol", "{ messages { nodes { title tags } } }");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["data"]["messages"]["nodes"],
        json!([
            {"title": "Hello from the workspace file", "tags": ["onboarding"]},
            {"title": "From --messages", "tags": []},
        ])
    );
    let _ = INBOX_SCOPE;
}

fn refused(text: &str) -> String {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    let output = with_key()
        .args(["serve", "--port", "0", "--workspace"])
        .arg(file.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "nothing served: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert!(first.contains("--workspace"), "{stderr}");
    first
}

#[test]
fn a_malformed_workspace_file_is_one_line_naming_the_field_and_line() {
    let unknown = refused("{\n  \"tenants\": [\n    {\"id\": \"a\", \"nmae\": \"A\"}\n  ]\n}\n");
    assert!(
        unknown.contains("nmae") && unknown.contains("line 3"),
        "{unknown}"
    );
    let status = refused(
        r#"{"preferences": {"sections": [{"id": "s", "name": "S", "topics": [
  {"id": "t", "name": "T", "default_status": "MAYBE"}]}]}}"#,
    );
    assert!(
        status.contains("MAYBE") && status.contains("line 2"),
        "{status}"
    );
    let helper = refused(
        "{\"templates\": [\n{\"id\": \"W\", \"title\": \"{{upper name}}\", \"body\": \"\"}]}",
    );
    assert!(
        helper.contains("helper") && helper.contains("line 2"),
        "{helper}"
    );
    let message = refused("{\"messages\": [{\"user_id\": \"a\"},\n {\"title\": \"no user\"}]}");
    assert!(
        message.contains("user_id") && message.contains("line 2"),
        "{message}"
    );
    let top = refused("{\"tenant\": []}");
    assert!(top.contains("tenant") && top.contains("line 1"), "{top}");
    let twice = refused(
        r##"{"brands": [{"id": "b", "name": "B", "colors": {"primary": "#000"}},
{"id": "b", "name": "C", "colors": {"primary": "#fff"}}]}"##,
    );
    assert!(
        twice.contains("brands[].id") && twice.contains("\"b\""),
        "{twice}"
    );
}
