//! The checked-in completion scripts, loaded in the real shells: bash always (it is required),
//! zsh, fish and elvish where installed (a note says when one is skipped; PowerShell is not
//! packaged for this machine, so its script is only held to the asset test). Also that values
//! offered for completion are suggestions, not limits.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use common::with_key;
use predicates::prelude::*;
use predicates::str::contains;

fn script(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
}

fn installed(shell: &str) -> bool {
    let found = Process::new("sh")
        .args(["-c", &format!("command -v {shell}")])
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        // Straight to the test run's stderr, past libtest's capture: a skip is said, not hidden.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: {shell} is not installed; its completion test is skipped"
        );
    }
    found
}

fn stdout_lines(output: &Output, what: &str) -> Vec<String> {
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// What bash offers for the last of `words`, as the registered completion function sees it when
/// the user presses Tab at the end of the line. `COMP_WORDS` is split as bash splits it, at the
/// characters of `COMP_WORDBREAKS` too (`inbox:re` is `inbox`, `:`, `re`). Runs in `dir`.
fn bash_complete(words: &[&str], dir: &Path) -> Vec<String> {
    const HARNESS: &str = r#"
source "$1"; shift
function=$(complete -p courier-token | sed -E 's/.*-F ([^ ]+).*/\1/')
COMP_LINE="$1"; shift
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$function" courier-token "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let output = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", HARNESS, "bash"])
        .arg(script("courier-token.bash"))
        .arg(words.join(" "))
        .args(split_at_colons(words))
        .current_dir(dir)
        .output()
        .expect("bash runs");
    let mut offers = stdout_lines(&output, "bash completion");
    offers.retain(|offer| !offer.is_empty());
    offers.sort();
    offers
}

/// `COMP_WORDS` as bash builds it with `:` in `COMP_WORDBREAKS`: each colon is a word of its own.
fn split_at_colons(words: &[&str]) -> Vec<String> {
    let mut split = Vec::new();
    for word in words {
        if word.is_empty() {
            split.push(String::new());
        }
        for (index, piece) in word.split(':').enumerate() {
            if index > 0 {
                split.push(":".to_string());
            }
            if !piece.is_empty() {
                split.push(piece.to_string());
            }
        }
    }
    split
}

#[test]
fn bash_completes_scopes_across_colons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let complete = |words: &[&str]| bash_complete(words, dir.path());
    // Bash keeps what comes before the last colon and replaces only what follows it.
    assert_eq!(
        complete(&["courier-token", "issue", "--scope", "inbox:"]),
        ["read:messages", "write:events"]
    );
    assert_eq!(
        complete(&["courier-token", "issue", "--scope", "inbox:read:m"]),
        ["messages"]
    );
    assert_eq!(
        complete(&[
            "courier-token",
            "verify",
            "--require-scope",
            "tenants:notifications:"
        ]),
        ["read", "write"]
    );
    assert_eq!(
        split_at_colons(&["a", "inbox:re", "x:"]),
        ["a", "inbox", ":", "re", "x", ":"]
    );
}

#[test]
fn bash_completes_subcommands_options_and_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("key.txt"), "k").expect("write");
    let complete = |words: &[&str]| bash_complete(words, dir.path());

    assert_eq!(complete(&["courier-token", "i"]), ["inspect", "issue"]);
    assert_eq!(complete(&["courier-token", "g"]), Vec::<String>::new());
    assert_eq!(
        complete(&["courier-token", "--k"]),
        ["--key-env", "--key-file"]
    );
    let shells: Vec<String> = complete(&["courier-token", "completions", ""])
        .into_iter()
        .filter(|offer| !offer.starts_with('-'))
        .collect();
    assert_eq!(shells, ["bash", "elvish", "fish", "powershell", "zsh"]);
    assert_eq!(
        complete(&["courier-token", "issue", "--no-e"]),
        ["--no-expiry"]
    );
    assert_eq!(
        complete(&["courier-token", "--color", "a"]),
        ["always", "auto"]
    );
    assert_eq!(
        complete(&["courier-token", "verify", "--color", "n"]),
        ["never"]
    );
    assert_eq!(
        complete(&["courier-token", "issue", "--tenant-scope", "pub"]),
        ["published/production", "published/test"]
    );
    assert_eq!(
        complete(&["courier-token", "issue", "--scope", "inb"]),
        ["inbox:read:messages", "inbox:write:events"]
    );
    assert_eq!(
        complete(&["courier-token", "verify", "--require-scope", "read:p"]),
        ["preferences"]
    );
    assert_eq!(
        complete(&["courier-token", "issue", "--key-file", "ke"]),
        ["key.txt"]
    );
}

#[test]
fn values_that_are_not_files_do_not_complete_file_names() {
    // The issue: `--expires-in <Tab>` offered the files of the current folder.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("2days.txt"), "").expect("write");
    std::fs::write(dir.path().join("users.txt"), "").expect("write");
    let complete = |words: &[&str]| bash_complete(words, dir.path());
    for option in [
        "--expires-in",
        "--user-id",
        "--jti",
        "--claim",
        "--tenant-id",
    ] {
        let offers = complete(&["courier-token", "issue", option, "2"]);
        assert!(
            offers.iter().all(|offer| !offer.ends_with(".txt")),
            "issue {option}: {offers:?}"
        );
    }
    for (subcommand, option) in [
        ("verify", "--leeway"),
        ("doctor", "--min-ttl"),
        ("doctor", "--timeout"),
    ] {
        let offers = complete(&["courier-token", subcommand, option, "u"]);
        assert!(
            offers.is_empty() || offers == ["u"],
            "{subcommand} {option}: {offers:?}"
        );
    }
    assert_eq!(complete(&["courier-token", "--now", "u"]), ["u"]);
    // Files still complete where a file is meant.
    assert_eq!(
        complete(&["courier-token", "issue", "--user-ids-from", "us"]),
        ["users.txt"]
    );
    let zsh = std::fs::read_to_string(script("_courier-token")).expect("zsh script");
    let expires = zsh
        .lines()
        .find(|line| line.starts_with("'--expires-in="))
        .expect("--expires-in in the zsh script");
    assert!(!expires.ends_with(":_default' \\"), "{expires}");
    let fish = std::fs::read_to_string(script("courier-token.fish")).expect("fish script");
    assert!(fish
        .lines()
        .filter(|line| line.contains("-l expires-in"))
        .all(|line| line.ends_with(" -r -f")));
}

#[test]
fn zsh_loads_the_script_and_registers_it() {
    if !installed("zsh") {
        return;
    }
    let output = Process::new("zsh")
        .args([
            "-f",
            "-c",
            "autoload -U compinit && compinit -u -D && source \"$1\" && print -r -- ${_comps[courier-token]}",
            "zsh",
        ])
        .arg(script("_courier-token"))
        .output()
        .expect("zsh runs");
    assert_eq!(stdout_lines(&output, "zsh"), ["_courier-token"]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn fish_completes_subcommands_and_values() {
    if !installed("fish") {
        return;
    }
    let complete = |line: &str| -> Vec<String> {
        let output = Process::new("fish")
            .args(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"])
            .arg(script("courier-token.fish"))
            .arg(line)
            .output()
            .expect("fish runs");
        let mut offers: Vec<String> = stdout_lines(&output, "fish completion")
            .iter()
            .map(|line| line.split('\t').next().unwrap_or_default().to_string())
            .collect();
        offers.sort();
        offers
    };
    assert_eq!(complete("courier-token i"), ["inspect", "issue"]);
    assert_eq!(
        complete("courier-token issue --tenant-scope "),
        ["published/production", "published/test"]
    );
    assert_eq!(
        complete("courier-token issue --scope inbox:"),
        ["inbox:read:messages", "inbox:write:events"]
    );
    assert!(!complete("courier-token ").contains(&"generate-assets".to_string()));
}

#[test]
fn elvish_loads_the_script_and_completes_subcommands() {
    if !installed("elvish") {
        return;
    }
    // Outside an interactive session elvish has no `edit:` module; stand in for the two names
    // the script uses, then ask its completer directly.
    const HARNESS: &str = r#"
var completion: = (ns [&arg-completer=[&]])
var edit: = (ns [&completion:=$completion: &complex-candidate~={|text &display=''| put $text}])
eval (slurp < $args[0])
$edit:completion:arg-completer[courier-token] courier-token i
"#;
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = dir.path().join("harness.elv");
    std::fs::write(&harness, HARNESS).expect("write");
    let output = Process::new("elvish")
        .arg("-norc")
        .arg(&harness)
        .arg(script("courier-token.elv"))
        .output()
        .expect("elvish runs");
    let offers = stdout_lines(&output, "elvish completion");
    for expected in ["issue", "inspect", "verify", "completions"] {
        assert!(
            offers.iter().any(|offer| offer.ends_with(expected)),
            "{offers:?}"
        );
    }
    assert!(!offers.iter().any(|offer| offer.contains("generate-assets")));
}

#[test]
fn tenant_scope_outside_the_suggestions_gets_the_domain_check_not_clap_s() {
    let args = [
        "issue",
        "--user-id",
        "u1",
        "--tenant-id",
        "t1",
        "--tenant-scope",
        "drafts/staging",
        "--now",
        common::NOW,
        "--no-jti",
        "--json",
    ];
    with_key()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains(
            "Courier issues only published/production or published/test",
        ))
        .stderr(contains("invalid value").not());
    with_key()
        .args(args)
        .arg("--allow-unknown-scopes")
        .assert()
        .success();
}

#[test]
fn unknown_scope_still_gets_the_domain_error_not_clap_s() {
    with_key()
        .args(["issue", "--user-id", "u1", "--scope", "inbox:read:message"])
        .assert()
        .code(2)
        .stderr(contains("inbox:read:messages"))
        .stderr(contains("invalid value").not());
    with_key()
        .args([
            "issue",
            "--user-id",
            "u1",
            "--scope",
            "custom:thing",
            "--allow-unknown-scopes",
        ])
        .assert()
        .success();
}
