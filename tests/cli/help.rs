//! `--help` as users see it: every subcommand's help matches its snapshot in
//! tests/snapshots/help/ (regenerated with the assets), and the examples cover the common jobs.

use crate::common;

use std::path::Path;

use common::bare;
use courier_token::assets::{help_snapshots, HELP_WIDTH, REGENERATE_COMMAND};

/// `courier-token <args> --help` at the snapshot width.
fn help(args: &[&str]) -> String {
    let output = bare()
        .args(args)
        .arg("--help")
        .env("COLUMNS", HELP_WIDTH.to_string())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{args:?} --help failed");
    String::from_utf8(output.stdout).expect("utf-8 help")
}

#[test]
fn help_matches_the_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for snapshot in help_snapshots() {
        let file_name = snapshot
            .path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("name");
        let args: Vec<&str> = match file_name.strip_prefix("courier-token-") {
            Some(subcommand) => vec![subcommand],
            None => vec![],
        };
        let checked_in = std::fs::read_to_string(root.join(&snapshot.path)).unwrap_or_default();
        let printed = help(&args);
        assert!(
            printed == checked_in,
            "`courier-token {} --help` differs from {}.\nIf the change is intended, run `{REGENERATE_COMMAND}` and commit the result.\n--- printed ---\n{printed}",
            args.join(" "),
            snapshot.path.display()
        );
    }
}

fn assert_mentions(text: &str, what: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.contains(line), "{what} --help lacks {line:?}:\n{text}");
    }
}

#[test]
fn issue_help_shows_test_tokens_expired_tokens_and_fixtures() {
    assert_mentions(
        &help(&["issue"]),
        "issue",
        &[
            "# A local test token for the Inbox",
            "courier-token issue --user-id smokey12345 --expires-in '2 days'",
            "# An already-expired token, to test your app's refresh path",
            "courier-token issue --user-id smokey12345 --expires-in -1h",
            "# Reproducible fixtures: pinned clock and token id",
            "courier-token issue --user-id u1 --now 2024-01-01T00:00:00Z \\\n      --jti 00000000-0000-4000-8000-000000000001",
        ],
    );
}

#[test]
fn verify_help_shows_checking_a_token_in_ci() {
    assert_mentions(
        &help(&["verify"]),
        "verify",
        &[
            "# In CI: fail unless the token is valid for this user",
            "--require-scope inbox:read:messages --require-scope inbox:write:events",
            "--now 2024-01-01T00:00:00Z --leeway 30s",
        ],
    );
}

#[test]
fn inspect_help_shows_decoding_a_token_from_the_browser() {
    assert_mentions(
        &help(&["inspect"]),
        "inspect",
        &[
            "# Decode a token pasted from the browser's network tab",
            "courier-token inspect 'Authorization: Bearer eyJhbGciOi...'",
            "pbpaste | courier-token inspect",
        ],
    );
}

#[test]
fn doctor_help_shows_the_checks_the_probe_and_the_json_shape() {
    assert_mentions(
        &help(&["doctor"]),
        "doctor",
        &[
            "api_key_not_token",
            "rejected_by_courier",
            "POST {inbox}/q",
            "API key is never sent anywhere",
            "\"probes\": [{\"mode\", \"channel\", \"url\", \"tenant\", \"http_status\",",
            "client_key_only_accepted",
            "realtime_refused",
            "--audit tries every mode",
            "courier-token doctor \"$TOKEN\" --dry-run",
        ],
    );
}

#[test]
fn completions_help_shows_every_shell() {
    assert_mentions(
        &help(&["completions"]),
        "completions",
        &[
            "source <(courier-token completions bash)",
            "courier-token completions zsh > ~/.zfunc/_courier-token",
            "courier-token completions fish > ~/.config/fish/completions/courier-token.fish",
            "courier-token completions powershell | Out-String | Invoke-Expression",
            "eval (courier-token completions elvish | slurp)",
        ],
    );
}

#[test]
fn suggestions_do_not_flood_help_and_hidden_commands_stay_hidden() {
    let issue = help(&["issue"]);
    assert!(!issue.contains("possible values"), "{issue}");
    assert!(!help(&["verify"]).contains("possible values"));
    let main = help(&[]);
    assert!(main.contains("completions"), "{main}");
    assert!(!main.contains("generate-assets"), "{main}");
}

#[test]
fn the_jti_placeholder_reads_as_written_in_every_help() {
    // Clap turns a literal `{n}` into a line break; the issue's users saw "UUID v4; ⏎ (the
    // line number…" and `--jti 'ci-⏎'`.
    for args in [
        vec!["issue", "--help"],
        vec!["issue", "-h"],
        vec!["help", "issue"],
    ] {
        let output = bare().args(&args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).expect("utf-8 help");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("instead of a random UUID v4; {n} (the line number, 1 for one token)"),
            "{args:?}:\n{text}"
        );
        assert!(
            !text.contains('\u{1b}'),
            "{args:?} prints an escape:\n{text}"
        );
        if args[1] != "-h" {
            assert!(
                text.contains("--jti 'ci-{n}' > tokens.txt"),
                "{args:?}:\n{text}"
            );
            assert!(text.contains("({n}: the line number;"), "{args:?}:\n{text}");
        }
    }
    let man = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/man/courier-token-issue.1"
    ))
    .expect("man page");
    assert!(!man.contains('\u{1b}'));
    assert!(man.contains("ci\\-{n}") || man.contains("ci-{n}"), "{man}");
}
