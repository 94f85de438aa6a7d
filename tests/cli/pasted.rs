//! Issue 16, section 1: what people paste, read by one extractor in `verify`, `inspect` and
//! `doctor`. Each test feeds the three commands the exact input the issue names (as an
//! argument, on stdin or with `--from`) and checks they pick the same token — told apart by the
//! user it is for — and say the same things about how they found it.

use crate::common;
use crate::mock_server;

use common::{bare, bare_for_network, stdout_of, with_key, NOW};
use mock_server::{MockServer, Reply};
use serde_json::Value;

/// A one-hour Inbox token for `user`, signed with the test key.
fn token_for(user: &str) -> String {
    stdout_of(with_key().args([
        "issue",
        "--user-id",
        user,
        "--now",
        NOW,
        "--expires-in",
        "1h",
    ]))
    .trim()
    .to_string()
}

/// How a command is given its input.
#[derive(Clone)]
enum Input {
    Argument(String),
    Stdin(String),
    File(std::path::PathBuf),
}

impl Input {
    fn apply(&self, command: &mut assert_cmd::Command) {
        match self {
            Input::Argument(text) => {
                command.arg(text);
            }
            Input::Stdin(text) => {
                command.write_stdin(text.clone());
            }
            Input::File(path) => {
                command.arg("--from").arg(path);
            }
        }
    }
}

/// What one command made of an input: the user of the token it used, and its stderr.
struct Answer {
    user: String,
    stderr: String,
}

fn run_json(mut command: assert_cmd::Command, input: &Input) -> (Value, String, Option<i32>) {
    input.apply(&mut command);
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|_| {
        panic!(
            "not one JSON document: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        value,
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

fn user_in_scope(scope: &Value) -> String {
    scope
        .as_str()
        .unwrap_or("")
        .split(' ')
        .find_map(|s| s.strip_prefix("user_id:"))
        .unwrap_or("")
        .to_string()
}

/// `verify --json`: the valid token's user (the verdict must be valid, and the only one).
fn verify(input: &Input) -> Answer {
    let mut command = with_key();
    command.args(["verify", "--json", "--now", NOW]);
    let (verdict, stderr, code) = run_json(command, input);
    assert_eq!(verdict["valid"], true, "{verdict} {stderr}");
    assert_eq!(code, Some(0));
    Answer {
        user: user_in_scope(&verdict["claims"]["scope"]),
        stderr,
    }
}

/// `inspect --json`: the token's user; the token must decode without a warning of malformed.
fn inspect(input: &Input) -> Answer {
    let mut command = bare();
    command.args(["inspect", "--json", "--now", NOW]);
    let (report, stderr, code) = run_json(command, input);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["problems"], Value::Array(vec![]), "{report}");
    Answer {
        user: user_in_scope(&report["claims"]["scope"]),
        stderr,
    }
}

/// `doctor --offline --json` (no key at hand): the user its `user_id` check passes, and no check fails.
fn doctor(input: &Input, extra: &[&str]) -> (Value, String, Option<i32>) {
    let mut command = bare();
    command
        .env_remove("COURIER_INBOX_URL")
        .args(["doctor", "--offline", "--json", "--now", NOW])
        .args(extra);
    run_json(command, input)
}

fn doctor_user(input: &Input) -> Answer {
    let (report, stderr, code) = doctor(input, &[]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(code, Some(0));
    let user_check = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["code"] == "user_id")
        .unwrap_or_else(|| panic!("{report}"));
    let message = user_check["message"].as_str().unwrap();
    let user = message
        .strip_prefix("for user ")
        .and_then(|rest| rest.split([' ', ',']).next())
        .unwrap_or("")
        .to_string();
    Answer { user, stderr }
}

/// All three commands use the token for `user`, and say `note` (or nothing) alike on stderr.
fn all_three_use(input: &Input, user: &str, note: Option<&str>) {
    for (command, answer) in [
        ("verify", verify(input)),
        ("inspect", inspect(input)),
        ("doctor", doctor_user(input)),
    ] {
        assert_eq!(answer.user, user, "{command}");
        match note {
            Some(note) => assert!(answer.stderr.contains(note), "{command}: {}", answer.stderr),
            None => assert!(
                !answer.stderr.contains("different tokens"),
                "{command}: {}",
                answer.stderr
            ),
        }
    }
}

#[test]
fn name_equals_token_keeps_the_token_whole() {
    let token = token_for("alice");
    for pasted in [
        format!("COURIER_JWT={token}"),
        format!("https://app.example/?token={token}&x=1"),
        format!("courier_jwt={token}; path=/"),
        format!("token={token}"),
        format!("export COURIER_JWT=\"{token}\""),
    ] {
        all_three_use(&Input::Argument(pasted.clone()), "alice", None);
        all_three_use(&Input::Stdin(format!("{pasted}\n")), "alice", None);
    }
}

#[test]
fn verify_reads_what_inspect_reads() {
    let token = token_for("alice");
    let curl = format!(
        "curl 'https://inbox.courier.com/q' \\\n  -H 'accept: */*' \\\n  -H 'authorization: Bearer {token}' \\\n  -H 'content-type: application/json' \\\n  --data-raw '{{\"query\":\"query GetMessages {{ count(params: {{ status: \\\"unread\\\" }}) }}\"}}'\n"
    );
    for pasted in [
        format!("'{token}'"),
        format!("{{\n  \"token\": \"{token}\"\n}}\n"),
        curl,
        format!("Authorization: Bearer {token}"),
        // The request headers copied from the browser's network tab: one paste, not one
        // token per line (each header line would be an "invalid" verdict).
        format!("authorization: Bearer {token}\ncontent-type: application/json\naccept: */*\n"),
    ] {
        all_three_use(&Input::Argument(pasted.clone()), "alice", None);
        all_three_use(&Input::Stdin(pasted), "alice", None);
    }
}

#[test]
fn header_lines_each_with_its_own_token_are_each_verified() {
    // `grep 'Authorization: Bearer' access.log | courier-token verify`: every token is checked,
    // not only the first (a pasted request's header block holds one token and is one paste).
    let good = token_for("alice");
    let forged = format!("{}x", &good[..good.len() - 1]);
    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(format!(
            "authorization: Bearer {good}\nauthorization: Bearer {forged}\n"
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.lines().nth(1).unwrap().starts_with("invalid:"),
        "{stdout}"
    );
}

#[test]
fn many_tokens_one_per_line_stay_one_verdict_per_line() {
    let (alice, bob) = (token_for("alice"), token_for("bob"));
    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(format!("{alice}\nnot-a-token\n{bob}\n"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("valid: user alice") && lines[0].ends_with("(line 1)"));
    assert!(lines[1].starts_with("invalid: ") && lines[1].ends_with("(line 2)"));
    assert!(lines[2].starts_with("valid: user bob") && lines[2].ends_with("(line 3)"));
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn one_rule_picks_among_several_tokens_and_says_so() {
    let (alice, bob) = (token_for("alice"), token_for("bob"));
    // A bad token (its signature cut) under another name, the good one under "token".
    let bad = &bob[..bob.len() - 4];
    let named = format!("{{\"other\":\"{bad}\",\"token\":\"{alice}\"}}");
    let note = "the input holds 2 different tokens; using the one named token (the 2nd found)";
    all_three_use(&Input::Argument(named.clone()), "alice", Some(note));
    all_three_use(&Input::Stdin(named), "alice", Some(note));
    // Two different tokens, neither named: the first, and all three say so.
    let two = format!("{alice} {bob}");
    let note =
        "the input holds 2 different tokens; using the first that looks like a JWT (the 1st found)";
    all_three_use(&Input::Argument(two.clone()), "alice", Some(note));
    let pretty = format!("{{\n  \"first\": \"{alice}\",\n  \"second\": \"{bob}\"\n}}\n");
    all_three_use(&Input::Stdin(pretty), "alice", Some(note));
    // The same token twice is one token: nothing to say.
    all_three_use(&Input::Argument(format!("{alice} {alice}")), "alice", None);
}

#[test]
fn a_token_cut_over_lines_is_joined_and_named() {
    let token = token_for("alice");
    let note = "the token was cut over several lines";
    for width in [40, 76] {
        let wrapped: Vec<String> = token
            .as_bytes()
            .chunks(width)
            .map(|piece| String::from_utf8(piece.to_vec()).unwrap())
            .collect();
        let plain = format!("{}\n", wrapped.join("\n"));
        all_three_use(&Input::Stdin(plain.clone()), "alice", None);
        assert!(inspect(&Input::Stdin(plain.clone())).stderr.contains(note));
        assert!(verify(&Input::Argument(plain)).stderr.contains(note));
        let mail = format!("> Authorization: Bearer {}\n", wrapped.join("\n> "));
        all_three_use(&Input::Stdin(mail), "alice", None);
    }
}

/// A HAR export as a browser writes it: several MB of page content, a login request with
/// another token, and the Inbox's `…/q` request with alice's token, bob as the SDK's user and a
/// tenant in the GraphQL body.
fn har(inbox_token: &str, other_token: &str) -> String {
    let page = "x".repeat(3 * 1024 * 1024);
    let body = serde_json::json!({
        "query": "query GetMessages { count(params: { status: \"unread\", accountId: \"acme-co\" }) }"
    })
    .to_string();
    serde_json::json!({"log": {"version": "1.2", "entries": [
        {"request": {"method": "POST", "url": "https://api.example.com/login",
            "headers": [{"name": "authorization", "value": format!("Bearer {other_token}")}]},
         "response": {"status": 200, "content": {"text": format!("{{\"token\":\"{other_token}\"}}{page}")}}},
        {"request": {"method": "POST", "url": "https://inbox.courier.com/q",
            "headers": [
                {"name": "accept", "value": "*/*"},
                {"name": "authorization", "value": format!("Bearer {inbox_token}")},
                {"name": "x-courier-user-id", "value": "bob"}],
            "postData": {"mimeType": "application/json", "text": body}},
         "response": {"status": 200, "content": {"text": "{\"data\":{\"count\":0}}"}}},
    ]}})
    .to_string()
}

#[test]
fn big_pastes_and_har_files_are_read_in_any_size() {
    let (alice, carol) = (token_for("alice"), token_for("carol"));
    let har = har(&alice, &carol);
    assert!(har.len() > 3 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.har");
    std::fs::write(&path, &har).unwrap();
    let note = "using the one sent to the Inbox";
    for input in [Input::Stdin(har.clone()), Input::File(path)] {
        assert_eq!(verify(&input).user, "alice");
        assert!(verify(&input).stderr.contains(note));
        assert_eq!(inspect(&input).user, "alice");
        // doctor reads the SDK's user from the request: bob, with a token for alice.
        let (report, stderr, code) = doctor(&input, &[]);
        assert_eq!(code, Some(1), "{report}");
        assert!(stderr.contains(note), "{stderr}");
        let mismatch = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|check| check["code"] == "user_id_mismatch")
            .unwrap_or_else(|| panic!("{report}"));
        assert!(mismatch["message"].as_str().unwrap().contains("bob"));
    }
    // Plain text over 1 MiB: a log with the token somewhere in the middle.
    let filler = "GET /static/app.js 200 a log line with nothing in it\n".repeat(40_000);
    let log = format!("{filler}token={alice}\n{filler}");
    assert!(log.len() > 2 * 1024 * 1024);
    all_three_use(&Input::Stdin(log), "alice", None);
}

/// The walk-through's curl command: a token for alice, the SDK signed in as bob, a tenant.
fn curl_as_bob(token: &str) -> String {
    format!(
        "curl 'https://inbox.courier.com/q' \\\n  -H 'authorization: Bearer {token}' \\\n  -H 'content-type: application/json' \\\n  -H 'x-courier-user-id: bob' \\\n  --data-raw '{{\"query\":\"query GetMessages {{ count(params: {{ status: \\\"unread\\\", accountId: \\\"acme-co\\\" }}) }}\"}}'\n"
    )
}

#[test]
fn doctor_reads_the_request_it_was_given() {
    let alice = token_for("alice");
    let curl = curl_as_bob(&alice);
    for input in [Input::Argument(curl.clone()), Input::Stdin(curl.clone())] {
        let (report, stderr, code) = doctor(&input, &[]);
        assert_eq!(code, Some(1), "{report}");
        assert_eq!(report["ok"], false);
        let failed: Vec<&str> = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|check| check["status"] == "fail")
            .map(|check| check["code"].as_str().unwrap())
            .collect();
        assert_eq!(failed, ["user_id_mismatch"], "{report}");
        assert!(report["verdict"].as_str().unwrap().contains("userId bob"));
        assert!(
            stderr.contains("the pasted request's x-courier-user-id is bob"),
            "{stderr}"
        );
        assert!(
            stderr.contains("the pasted request's accountId is acme-co"),
            "{stderr}"
        );
    }
    // --user-id says otherwise: it wins, and says so.
    let (report, stderr, code) = doctor(&Input::Stdin(curl.clone()), &["--user-id", "alice"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(stderr.contains("--user-id alice overrides the pasted request's x-courier-user-id bob"));
    // The tenant goes into the probe, as --tenant would (shown by --dry-run, nothing sent).
    let mut command = bare();
    command.args(["doctor", "--dry-run", "--now", NOW, "--user-id", "alice"]);
    let output = command.write_stdin(curl.clone()).output().unwrap();
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(shown.contains(r#"accountId: \"acme-co\""#), "{shown}");
    let output = bare()
        .args([
            "doctor",
            "--dry-run",
            "--now",
            NOW,
            "--user-id",
            "alice",
            "--tenant",
            "other",
        ])
        .write_stdin(curl)
        .output()
        .unwrap();
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(
        shown.contains(r#"accountId: \"other\""#) && !shown.contains("acme-co"),
        "{shown}"
    );
}

#[test]
fn a_pasted_api_key_has_the_same_code_everywhere() {
    let key = "pk_prod_3EH7GNYRC94VWXJGR63ZM0CK5PFY";
    for input in [
        Input::Argument(key.to_string()),
        Input::Stdin(format!("{key}\n")),
    ] {
        let mut command = with_key();
        command.args(["verify", "--json", "--now", NOW]);
        let (verdict, _, code) = run_json(command, &input);
        assert_eq!(verdict["reason"], "api_key_not_token", "{verdict}");
        assert_eq!(code, Some(1));
        assert!(!verdict.to_string().contains("3EH7GNYRC94"));
        let (report, _, _) = doctor(&input, &[]);
        assert_eq!(report["checks"][0]["code"], "api_key_not_token");
    }
    bare()
        .args(["inspect", key])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("[api_key_not_token]"));
}

#[test]
fn an_inbox_url_copied_with_its_q_is_taken_as_its_base() {
    let alice = token_for("alice");
    for url in [
        "http://127.0.0.1:9/q",
        "http://127.0.0.1:9/q/",
        "http://127.0.0.1:9",
    ] {
        let output = bare()
            .env_remove("COURIER_INBOX_URL")
            .args([
                "doctor",
                "--dry-run",
                "--now",
                NOW,
                "--inbox-url",
                url,
                &alice,
            ])
            .output()
            .unwrap();
        let shown = String::from_utf8(output.stdout).unwrap();
        assert!(
            shown.starts_with("POST http://127.0.0.1:9/q\n"),
            "{url}: {shown}"
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            stderr.contains("ends in /q"),
            url.contains("/q"),
            "{stderr}"
        );
    }
}

#[test]
fn on_a_terminal_with_no_input_the_hint_names_the_command() {
    use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
    let controller = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&controller).unwrap();
    unlockpt(&controller).unwrap();
    let name = ptsname(&controller, Vec::new()).unwrap();
    for command in ["verify", "inspect", "doctor"] {
        let terminal = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("courier-token"))
            .env("COURIER_API_KEY", common::KEY)
            .env("NO_COLOR", "1")
            .arg(command)
            .stdin(std::process::Stdio::from(terminal))
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("... | courier-token {command} -")),
            "{stderr}"
        );
        assert!(!stderr.contains("<command>"));
    }
}

#[test]
fn a_full_stop_after_a_token_is_left_out_with_a_note_but_not_in_a_token_stream() {
    let token = token_for("alice");
    let note = "the '.' after the token was left out";
    let pasted = Input::Argument(format!("{token}."));
    all_three_use(&pasted, "alice", None);
    assert!(verify(&pasted).stderr.contains(note));
    assert!(inspect(&pasted).stderr.contains(note));
    assert!(doctor_user(&pasted).stderr.contains(note));
    let piped = Input::Stdin(format!("{token}.\n"));
    assert!(inspect(&piped).stderr.contains(note));
    assert!(doctor_user(&piped).stderr.contains(note));
    // One token per line: the line is the token, so the dot is an error, with a hint.
    let output = with_key()
        .args(["verify", "--now", NOW])
        .write_stdin(format!("{token}\n{token}.\n"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let second = text.lines().nth(1).unwrap();
    assert!(
        second.contains("[malformed_segments]")
            && second.contains("a '.' after the token: without it, the line is a JWT"),
        "{text}"
    );
}

#[test]
fn the_live_probe_goes_to_q_once_with_the_pasted_requests_tenant() {
    let alice = token_for("alice");
    let server = MockServer::start(vec![
        Reply::json(200, r#"{"data":{"count":3}}"#),
        Reply::json(200, r#"{"data":{"count":7}}"#),
    ]);
    let inbox = format!("{}/q", server.base_url());
    let output = bare_for_network()
        .env_remove("COURIER_INBOX_URL")
        .args([
            "doctor",
            "--now",
            NOW,
            "--json",
            "--user-id",
            "alice",
            "--inbox-url",
            &inbox,
        ])
        .write_stdin(curl_as_bob(&alice))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{report}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert!(
            request.request_line.starts_with("POST /q HTTP/1.1"),
            "{}",
            request.request_line
        );
        assert_eq!(request.header("x-courier-user-id"), Some("alice"));
    }
    assert!(!requests[0].body.contains("accountId"));
    assert!(
        requests[1].body.contains(r#"accountId: \"acme-co\""#),
        "{}",
        requests[1].body
    );
    assert_eq!(report["probes"][1]["tenant"], "acme-co");
}
