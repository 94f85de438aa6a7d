//! Secrets and hostile text (issue 15): the API key is never echoed from where the user put it
//! by mistake (`--key-env`, `--key-file`, `--client-key`); text from a token, a server or the
//! command line reaches stdout and stderr only through the one escaping rule, in every command
//! (ESC, BEL, NUL, line breaks, bidi controls, U+061C, U+2028/2029, tag characters, U+00AD,
//! U+180E, Hangul fillers, zero-width characters); quotes of user text stop at 64 characters;
//! and `TZ` can neither fill memory nor hang a run. Nothing here reaches beyond 127.0.0.1.

use crate::common;
use crate::mock_server;

use std::process::Output;

use assert_cmd::Command;
use common::{bare, bare_for_network, NOW};
use courier_token::token::{ClaimTemplate, Minter, Signer};
use mock_server::{MockServer, Reply};
use serde_json::Value;

/// The key in `COURIER_API_KEY` for these tests: not `pk_`-shaped, so only the key at hand can
/// give it away.
const KEY: &str = "sk_live_Canary0123456789abcdef";

/// Characters a terminal acts on, or that hide, reorder or break text.
const HOSTILE: [char; 22] = [
    '\u{1b}',
    '\u{7}',
    '\0',
    '\n',
    '\r',
    '\u{7f}',
    '\u{85}',
    '\u{202e}',
    '\u{2066}',
    '\u{61c}',
    '\u{2028}',
    '\u{2029}',
    '\u{e0041}',
    '\u{e007f}',
    '\u{ad}',
    '\u{180e}',
    '\u{115f}',
    '\u{1160}',
    '\u{3164}',
    '\u{ffa0}',
    '\u{200b}',
    '\u{feff}',
];

fn with_key() -> Command {
    let mut command = bare();
    command.env("COURIER_API_KEY", KEY);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Neither stream holds the key, nor any hostile character raw (a line break only as the end
/// of a line).
fn assert_clean(output: &Output) {
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let shown = text(bytes);
        assert!(!shown.contains(KEY), "the key is in {name}: {shown}");
        for line in shown.lines() {
            for c in HOSTILE.iter().filter(|c| **c != '\n') {
                assert!(
                    !line.contains(*c),
                    "{name} holds U+{:04X} raw: {shown:?}",
                    *c as u32
                );
            }
        }
    }
}

/// A token signed with [`KEY`] whose user id carries every hostile character.
fn hostile_token() -> (String, String) {
    let user: String = std::iter::once("al")
        .chain(
            HOSTILE
                .iter()
                .map(|c| c.encode_utf8(&mut [0; 4]).to_string())
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        )
        .chain(std::iter::once("ice"))
        .collect();
    let template = ClaimTemplate {
        tenant_scope: Some("published/production".to_string()),
        tenant_id: Some(format!("t\u{202e}\u{1b}[31m{}", '\u{e0041}')),
        custom: Vec::new(),
        iat: NOW.parse().unwrap(),
        exp: Some(NOW.parse::<i64>().unwrap() + 3600),
    };
    let scope = format!("user_id:{user} inbox:read:messages inbox:write:events");
    let token = Minter::new(Signer::from_bytes(KEY.as_bytes()), &template).mint(&scope, Some("j"));
    (token, user)
}

#[test]
fn the_key_given_as_a_variable_name_a_path_or_a_client_key_is_never_shown() {
    let token = common::stdout_of(with_key().args(["issue", "--user-id", "alice", "--now", NOW]));
    let token = token.trim();
    let runs: Vec<Vec<&str>> = vec![
        vec!["issue", "--user-id", "alice", "--key-env", KEY],
        vec!["issue", "--user-id", "alice", "--key-file", KEY],
        vec![
            "issue",
            "--user-id",
            "alice",
            "--key-file",
            "./sk_live_Canary0123456789abcdef.txt",
        ],
        vec!["issue", "--user-id", "alice", "--client-key", KEY],
        vec!["inspect", "--client-key", KEY, token],
        vec!["inspect", "--key-file", KEY, token],
        vec!["doctor", "--offline", "--client-key", KEY, token],
        vec!["doctor", "--offline", "--key-env", KEY, token],
        vec!["verify", "--key-env", KEY, token],
        vec!["hmac-sign", "--user-id", "alice", "--key-file", KEY],
    ];
    for args in runs {
        let output = with_key().args(&args).output().expect("runs");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert_clean(&output);
        // A piece of the key is as bad as the key.
        assert!(
            !text(&output.stderr).contains("Canary0123"),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn the_key_of_another_variable_is_recognised_too() {
    let output = bare()
        .env("MY_COURIER_KEY", KEY)
        .args([
            "issue",
            "--user-id",
            "a",
            "--key-env",
            "MY_COURIER_KEY",
            "--client-key",
            KEY,
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--client-key <not shown: it holds the API key>"));
    assert_clean(&output);
}

#[test]
fn the_key_in_the_key_file_is_recognised_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("key");
    std::fs::write(&path, format!("{KEY}\n")).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec![
            "issue",
            "--user-id",
            "a",
            "--key-file",
            path,
            "--client-key",
            KEY,
        ],
        vec![
            "inspect",
            "--key-file",
            path,
            "--client-key",
            &KEY[..20],
            "x.y.z",
        ],
    ] {
        let output = bare().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2));
        assert!(
            text(&output.stderr).contains("--client-key <not shown: it holds the API key>"),
            "{}",
            text(&output.stderr)
        );
        assert_clean(&output);
    }
}

#[test]
fn usage_errors_quote_neither_the_key_nor_raw_escapes() {
    for args in [
        vec!["issue", "--user-id", "a", "--color", KEY],
        vec!["issue", "--user-id", "a", KEY],
        vec!["verify", "--date", KEY],
    ] {
        let output = with_key().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains("'<not shown: it holds the API key>'"),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert_clean(&output);
    }
    let hostile = format!("x\u{1b}]0;PWNED\u{7}{}", "y".repeat(5000));
    let output = bare()
        .args(["issue", "--color", &hostile])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = text(&output.stderr);
    assert!(err.contains("'x\\u{1b}]0;PWNED\\u{7}yyy"), "{err}");
    assert!(err.len() < 600, "{err}");
    assert_clean(&output);
}

#[test]
fn a_pasted_api_key_is_never_quoted_back() {
    let pasted = "pk_prod_3EH7GNYRC94VWXJGR63ZM0CK5PFY";
    let output = bare()
        .args(["issue", "--user-id", "a", "--key-env", pasted])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !text(&output.stderr).contains("3EH7GNYRC94"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn a_long_hostile_variable_name_is_cut_and_escaped() {
    let name = format!("{}\u{1b}]0;PWNED\u{7}", "A".repeat(5000));
    let output = bare()
        .args(["issue", "--user-id", "a", "--key-env", &name])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = text(&output.stderr);
    assert!(err.len() < 400, "{err}");
    assert!(
        err.contains(&format!("\"{}…\" (5010 bytes)", "A".repeat(64))),
        "{err}"
    );
    assert_clean(&output);
}

#[test]
fn verify_escapes_user_ids_and_details() {
    let (token, _) = hostile_token();
    for extra in [&[][..], &["--json"][..]] {
        let output = with_key()
            .args(["verify", "--now", NOW, &token])
            .args(extra)
            .output()
            .expect("runs");
        assert_clean(&output);
        if extra.is_empty() {
            let out = text(&output.stdout);
            assert!(
                out.contains("\\u{1b}") && out.contains("\\u{202e}"),
                "{out}"
            );
            assert_eq!(out.lines().count(), 1, "{out}");
        }
    }
}

#[test]
fn inspect_and_doctor_escape_every_hidden_character() {
    let (token, _) = hostile_token();
    for args in [
        vec!["inspect", "--now", NOW, &token],
        vec!["doctor", "--offline", "--now", NOW, &token],
        vec!["doctor", "--offline", "--now", NOW, "--json", &token],
    ] {
        let output = with_key().args(&args).output().expect("runs");
        assert!(output.status.code().is_some(), "{args:?}");
        assert_clean(&output);
    }
    let output = with_key()
        .args(["inspect", "--now", NOW, &token])
        .output()
        .expect("runs");
    let out = text(&output.stdout);
    for c in [
        '\u{61c}',
        '\u{2028}',
        '\u{e0041}',
        '\u{ad}',
        '\u{180e}',
        '\u{3164}',
        '\u{ffa0}',
    ] {
        assert!(
            out.contains(&format!("\\u{{{:x}}}", c as u32)),
            "U+{:04X}: {out}",
            c as u32
        );
    }
}

#[test]
fn doctor_dry_run_escapes_the_user_id_header() {
    let (token, _) = hostile_token();
    let output = bare_for_network()
        .env_remove("COURIER_INBOX_URL")
        .args([
            "doctor",
            "--dry-run",
            "--now",
            NOW,
            &token,
            "--inbox-url",
            "http://127.0.0.1:9",
            "--realtime-url",
            "ws://127.0.0.1:9",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_clean(&output);
    // The v7 modes' requests (client key and HMAC) show the user id as a header too.
    let (_, user) = hostile_token();
    let user = user.replace('\0', "");
    let v7 = bare_for_network()
        .env("COURIER_API_KEY", KEY)
        .args([
            "doctor",
            "--dry-run",
            "--audit",
            "--client-key",
            common::CLIENT_KEY,
        ])
        .args(["--user-id", &user, "--inbox-url", "http://127.0.0.1:9"])
        .output()
        .expect("runs");
    assert_eq!(v7.status.code(), Some(0), "{}", text(&v7.stderr));
    assert!(text(&v7.stdout).contains("x-courier-user-id: al\\u{1b}\\u{7}\\u{a}"));
    assert_clean(&v7);
    let out = text(&output.stdout);
    let header = out
        .lines()
        .find(|line| line.starts_with("x-courier-user-id: "))
        .expect(&out);
    assert!(
        header.starts_with("x-courier-user-id: al\\u{1b}\\u{7}\\u{0}\\u{a}"),
        "{header}"
    );
}

#[test]
fn server_messages_are_escaped_in_issue_remote_and_doctor_errors() {
    let hostile = "Invalid \u{202e}txet\u{1b}[2K\u{7} scope\u{2028}x\u{e0041}";
    let body = serde_json::json!({ "message": hostile }).to_string();
    let server = MockServer::start(vec![Reply::json(400, &body)]);
    let output = bare_for_network()
        .env("COURIER_API_KEY", KEY)
        .args([
            "issue",
            "--remote",
            "--user-id",
            "a",
            "--base-url",
            &server.base_url(),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("Invalid \\u{202e}txet [2K scope x\\u{e0041}"),
        "{}",
        text(&output.stderr)
    );
    assert_clean(&output);

    let token = common::stdout_of(with_key().args(["issue", "--user-id", "alice", "--now", NOW]));
    let server = MockServer::start(vec![Reply::json(404, &body)]);
    let output = bare_for_network()
        .env_remove("COURIER_INBOX_URL")
        .args([
            "doctor",
            "--now",
            NOW,
            token.trim(),
            "--inbox-url",
            &server.base_url(),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert_clean(&output);
}

#[test]
fn tz_on_a_device_or_a_fifo_falls_back_to_utc_with_a_warning() {
    let token = common::stdout_of(with_key().args(["issue", "--user-id", "alice", "--now", NOW]));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("zone");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for tz in [
        "/dev/zero",
        "/dev/urandom",
        ":/dev/zero",
        fifo.to_str().unwrap(),
    ] {
        let output = with_key()
            .env("TZ", tz)
            .args(["inspect", "--date", "local", "--now", NOW, token.trim()])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{tz}");
        assert!(
            text(&output.stderr).starts_with(&format!(
                "courier-token: warning: TZ={tz:?} is not a regular file, so --date local shows UTC\n"
            )),
            "{tz}: {}",
            text(&output.stderr)
        );
        assert!(
            text(&output.stdout).contains("2022-11-28T15:24:10Z"),
            "{}",
            text(&output.stdout)
        );
    }
    let json: Value = serde_json::from_str(&common::stdout_of(
        with_key().env("TZ", "Asia/Kolkata").args([
            "inspect",
            "--date",
            "local",
            "--now",
            NOW,
            "--json",
            token.trim(),
        ]),
    ))
    .unwrap();
    assert!(json.is_object());
}

#[test]
fn partial_and_encoded_echoes_of_the_key_are_scrubbed_from_server_messages() {
    let (front, back) = KEY.split_at(KEY.len() / 2);
    let percent: String = KEY.bytes().map(|byte| format!("%{byte:02X}")).collect();
    let unicode: String = KEY.bytes().map(|byte| format!("\\u00{byte:02x}")).collect();
    let hex: String = KEY.bytes().map(|byte| format!("{byte:02x}")).collect();
    for echo in [
        KEY[1..].to_string(),
        KEY[..KEY.len() - 1].to_string(),
        back.to_string(),
        format!("{front}\n{back}"),
        format!("{front}\u{1b}[0m{back}"),
        percent,
        unicode,
        hex,
    ] {
        let body = serde_json::json!({ "message": format!("unknown key {echo}") }).to_string();
        let server = MockServer::start(vec![Reply::json(401, &body)]);
        let output = bare_for_network()
            .env("COURIER_API_KEY", KEY)
            .args([
                "issue",
                "--remote",
                "--user-id",
                "a",
                "--base-url",
                &server.base_url(),
            ])
            .output()
            .expect("runs");
        let err = text(&output.stderr);
        assert!(err.contains("unknown key <redacted>"), "{echo:?}: {err}");
        assert!(!err.to_lowercase().contains("canary0123"), "{err}");
        assert_clean(&output);
    }
}

#[test]
fn bulk_text_and_json_escape_user_ids() {
    let ids = "a\u{202e}b\nc\u{2028}d\nplain\n";
    let output = with_key()
        .args(["hmac-sign", "--user-ids-from", "-"])
        .write_stdin(ids)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.starts_with("a\\u{202e}b\t"), "{out}");
    assert!(out.contains("\nplain\t"), "{out}");
    assert_clean(&output);
    for args in [
        vec!["hmac-sign", "--user-ids-from", "-", "--json"],
        vec!["issue", "--user-ids-from", "-", "--json", "--now", NOW],
    ] {
        let output = with_key()
            .args(&args)
            .write_stdin("a\u{202e}b\n")
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&output.stderr)
        );
        let out = text(&output.stdout);
        assert!(out.starts_with(r#"{"user_id":"a\u202eb","#), "{out}");
        let record: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(record["user_id"], "a\u{202e}b");
        assert_clean(&output);
    }
}
