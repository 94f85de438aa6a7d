//! The checked-in generated files: completions/, man/ and tests/snapshots/help/ must be exactly
//! what the code generates now, the hidden `generate-assets` command must write them, and what
//! `--help` hides must stay out of them. Man pages must render without warnings.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::bare;
use courier_token::assets::{
    all_assets, Asset, ASSET_DIRS, COMPLETIONS_DIR, MAN_DIR, REGENERATE_COMMAND, SHELLS,
};

fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn generated() -> Vec<Asset> {
    all_assets().expect("assets generate")
}

/// Where `expected` and `actual` first differ, for a failure message a person can act on.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let mut actual_lines = actual.lines();
    for (index, line) in expected.lines().enumerate() {
        match actual_lines.next() {
            Some(found) if found == line => continue,
            Some(found) => {
                return format!(
                    "line {}: expected {line:?}, checked in {found:?}",
                    index + 1
                )
            }
            None => return format!("the checked-in copy ends before line {}", index + 1),
        }
    }
    "the checked-in copy has extra lines at the end".to_string()
}

#[test]
fn checked_in_assets_match_what_the_code_generates() {
    let assets = generated();
    let mut problems = Vec::new();
    for asset in &assets {
        let path = project_root().join(&asset.path);
        match std::fs::read(&path) {
            Ok(contents) if contents == asset.contents => {}
            Ok(contents) => problems.push(format!(
                "{} is out of date ({})",
                asset.path.display(),
                first_difference(&asset.contents, &contents)
            )),
            Err(_) => problems.push(format!("{} is missing", asset.path.display())),
        }
    }
    let expected: BTreeSet<&PathBuf> = assets.iter().map(|asset| &asset.path).collect();
    for dir in ASSET_DIRS {
        for entry in std::fs::read_dir(project_root().join(dir))
            .into_iter()
            .flatten()
        {
            let path = Path::new(dir).join(entry.expect("directory entry").file_name());
            if !expected.contains(&path) {
                problems.push(format!(
                    "{} is no longer generated: delete it (git rm {})",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "generated files differ from the code:\n  {}\nRun `{REGENERATE_COMMAND}` from the project root and commit the result.",
        problems.join("\n  ")
    );
}

#[test]
fn generate_assets_writes_every_asset_under_out_dir() {
    let out = tempfile::tempdir().expect("temp dir");
    bare()
        .args(["generate-assets", "--out-dir"])
        .arg(out.path())
        .assert()
        .success()
        .stdout("");
    for asset in generated() {
        let written = std::fs::read(out.path().join(&asset.path))
            .unwrap_or_else(|_| panic!("{} was not written", asset.path.display()));
        assert!(
            written == asset.contents,
            "{} differs from the library's",
            asset.path.display()
        );
    }
}

#[test]
fn completions_command_prints_the_checked_in_script() {
    for shell in SHELLS {
        let name = shell.to_string();
        let file = clap_complete::Generator::file_name(&shell, "courier-token");
        let expected = std::fs::read(project_root().join(COMPLETIONS_DIR).join(&file))
            .expect("checked-in script");
        let output = bare().args(["completions", &name]).output().expect("runs");
        assert!(output.status.success(), "completions {name} failed");
        assert!(
            output.stderr.is_empty(),
            "completions {name} wrote to stderr"
        );
        assert!(
            output.stdout == expected,
            "`courier-token completions {name}` differs from completions/{file}"
        );
    }
}

#[test]
fn completions_rejects_an_unknown_shell() {
    bare()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "possible values: bash, elvish, fish, powershell, zsh",
        ));
}

#[test]
fn hidden_options_and_commands_stay_out_of_completions_and_man_pages() {
    for asset in generated() {
        let path = asset.path.display().to_string();
        let text = String::from_utf8_lossy(&asset.contents).replace("\\-", "-");
        assert!(
            !text.contains("generate-assets"),
            "{path} mentions generate-assets"
        );
        assert!(
            !text.contains("generate__assets"),
            "{path} mentions generate-assets"
        );
        assert!(!text.contains("--api-key"), "{path} offers --api-key");
        assert!(!text.contains("--secret"), "{path} offers --secret");
        if asset.path.starts_with(COMPLETIONS_DIR) {
            let offers_key = text
                .match_indices("--key")
                .any(|(at, _)| !text[at + "--key".len()..].starts_with('-'));
            assert!(!offers_key, "{path} offers the refused --key");
        }
        if asset.path.starts_with(MAN_DIR) {
            assert!(
                !text.contains("\\fB--key\\fR"),
                "{path} documents --key as an option"
            );
        }
    }
}

#[test]
fn man_pages_have_the_sections_a_reader_expects() {
    let main = std::fs::read_to_string(project_root().join("man/courier-token.1")).expect("page");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        ".SH SECURITY",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(main.contains(section), "courier-token.1 lacks {section}");
    }
    for variable in [
        "COURIER_API_KEY",
        "COURIER_AUTH_TOKEN",
        "COURIER_BASE_URL",
        "COURIER_INBOX_URL",
        "NO_COLOR",
        "TZ",
        "TZDIR",
    ] {
        assert!(
            main.contains(&format!(".TP\n\\fB{variable}\\fR")),
            "ENVIRONMENT lacks {variable}"
        );
    }
    for page in [
        "issue",
        "verify",
        "hmac-sign",
        "inspect",
        "doctor",
        "completions",
    ] {
        let path = project_root().join(format!("man/courier-token-{page}.1"));
        let text = std::fs::read_to_string(&path).expect("subcommand page");
        assert!(
            text.contains(".SH EXAMPLES"),
            "{} lacks EXAMPLES",
            path.display()
        );
        let reference = format!("courier-token-{page}(1)").replace('-', "\\-");
        assert!(main.contains(&reference), "main page lacks {reference}");
    }
}

#[test]
fn man_pages_carry_no_date() {
    for asset in generated()
        .iter()
        .filter(|asset| asset.path.starts_with(MAN_DIR))
    {
        let text = String::from_utf8_lossy(&asset.contents);
        let title = text
            .lines()
            .find(|line| line.starts_with(".TH "))
            .expect("title line");
        assert!(title.contains(" 1 \"\" "), "{title}");
    }
}

fn on_path(program: &str) -> bool {
    Process::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// What mandoc says about a page, less the one warning the pages earn on purpose: they have no
/// date, so that the same code always generates the same bytes.
fn mandoc_warnings(page: &Path) -> String {
    let output = Process::new("mandoc")
        .args(["-T", "lint", "-W", "warning"])
        .arg(page)
        .output()
        .expect("mandoc runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&output.stderr).lines())
        .filter(|line| !line.contains("missing date"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// What groff says while man-db renders a page, in the C locale so that any character outside
/// ASCII is reported too.
fn groff_warnings(page: &Path) -> String {
    let output = Process::new("man")
        .args(["--warnings=w", "-l"])
        .arg(page)
        .env("LC_ALL", "C")
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs");
    assert!(output.status.success(), "man -l {} failed", page.display());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Renders a page and returns what the renderer warned about.
type Checker = fn(&Path) -> String;

#[test]
fn man_pages_render_without_warnings() {
    let checkers: Vec<(&str, Checker)> = [
        ("mandoc", mandoc_warnings as Checker),
        ("man", groff_warnings as Checker),
    ]
    .into_iter()
    .filter(|(program, _)| on_path(program))
    .collect();
    assert!(
        !checkers.is_empty(),
        "no man page checker is installed: install mandoc (apt-get install mandoc) or man-db"
    );
    let pages: Vec<PathBuf> = generated()
        .iter()
        .filter(|asset| asset.path.starts_with(MAN_DIR))
        .map(|asset| project_root().join(&asset.path))
        .collect();
    assert_eq!(pages.len(), 8, "one main page and seven subcommand pages");
    for (program, warnings_of) in &checkers {
        for page in &pages {
            let warnings = warnings_of(page);
            assert!(
                warnings.trim().is_empty(),
                "{program} warns about {}:\n{warnings}",
                page.display()
            );
        }
    }
    let names: Vec<&str> = checkers.iter().map(|(program, _)| *program).collect();
    println!("man pages checked with: {}", names.join(", "));
}
