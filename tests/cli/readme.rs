//! The README's install instructions, checked against what they promise (issue 10): the cargo
//! line builds with the lock file, and the system-wide man page line works where the target
//! directory does not exist yet, as on a fresh Debian (run here under a scratch root); the
//! completions page has what the README says it has, and its system-wide lines work there too.

use std::path::Path;
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn cargo_install_uses_the_lock_file() {
    let readme = readme();
    assert!(readme.contains("\ncargo install --locked --path .\n"));
    assert!(!readme.contains("\ncargo install --path ."));
}

#[cfg(unix)]
#[test]
fn system_wide_man_install_creates_its_directory() {
    let line = readme()
        .lines()
        .find(|line| line.starts_with("sudo install ") && line.contains("man/*.1"))
        .expect("a system-wide man install line")
        .to_string();
    let command = line
        .split('#')
        .next()
        .unwrap()
        .trim()
        .trim_start_matches("sudo ")
        .to_string();
    let root = tempfile::tempdir().unwrap();
    // The same command, with every absolute path moved under the scratch root.
    let command = command.replace(" /", &format!(" {}/", root.path().display()));
    let status = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success(), "{command}");
    let installed = root.path().join("usr/local/share/man/man1/courier-token.1");
    assert!(installed.is_file(), "{command}");
}

/// The completions man page, as checked in (the asset test holds it equal to the code's).
fn completions_page() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/man/courier-token-completions.1"
    ))
    .unwrap()
    .replace("\\-", "-")
    .replace("\\(ti", "~")
    .replace("\\*(Aq", "'")
}

#[test]
fn the_completions_page_has_what_the_readme_says_it_has() {
    let readme = readme();
    assert!(readme.contains(
        "`man courier-token-completions` has PowerShell, elvish and the system-wide locations."
    ));
    let page = completions_page();
    for needed in [
        "courier-token completions powershell | Out-String | Invoke-Expression",
        "$PROFILE.AllUsersAllHosts",
        "eval (courier-token completions elvish | slurp)",
        "/usr/local/share/bash-completion/completions/courier-token",
        "/usr/local/share/zsh/site-functions/_courier-token",
        "/usr/local/share/fish/vendor_completions.d/courier-token.fish",
    ] {
        assert!(
            page.contains(needed),
            "man courier-token-completions lacks {needed:?}"
        );
    }
    // Each per-user line of the README is on the page too.
    for line in readme
        .lines()
        .filter(|line| line.starts_with("courier-token completions "))
    {
        let command = line.split('#').next().unwrap().trim();
        let path = command.rsplit("> ").next().unwrap();
        assert!(page.contains(path), "the page lacks README's {path}");
    }
}

#[cfg(unix)]
#[test]
fn the_system_wide_completion_lines_work_on_a_fresh_root() {
    let help = Command::new(assert_cmd::cargo::cargo_bin("courier-token"))
        .args(["completions", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let joined = help.replace("\\\n", " ");
    let lines: Vec<&str> = joined
        .lines()
        .map(str::trim)
        .filter(|line| line.contains("| sudo install "))
        .collect();
    assert_eq!(lines.len(), 3, "{help}");
    let root = tempfile::tempdir().unwrap();
    for line in lines {
        let binary = assert_cmd::cargo::cargo_bin("courier-token");
        let command = line
            .replace("sudo ", "")
            .replace(" /usr/", &format!(" {}/usr/", root.path().display()))
            .replacen("courier-token", &binary.display().to_string(), 1);
        let status = Command::new("sh").arg("-c").arg(&command).status().unwrap();
        assert!(status.success(), "{command}");
    }
    for (shell, path) in [
        (
            "bash",
            "usr/local/share/bash-completion/completions/courier-token",
        ),
        ("zsh", "usr/local/share/zsh/site-functions/_courier-token"),
        (
            "fish",
            "usr/local/share/fish/vendor_completions.d/courier-token.fish",
        ),
    ] {
        let installed = std::fs::read(root.path().join(path)).unwrap();
        let script = std::fs::read(format!(
            "{}/completions/{}",
            env!("CARGO_MANIFEST_DIR"),
            match shell {
                "bash" => "courier-token.bash",
                "zsh" => "_courier-token",
                _ => "courier-token.fish",
            }
        ))
        .unwrap();
        assert_eq!(installed, script, "{path}");
    }
}

/// The marker that makes the README command block after it runnable (CONTRIBUTING.md).
const RUNNABLE: &str = "<!-- runnable -->";

/// Every ```sh block right after a [`RUNNABLE`] marker.
fn runnable_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != RUNNABLE {
            continue;
        }
        let fence = lines.next().unwrap_or_default();
        assert_eq!(
            fence.trim(),
            "```sh",
            "{RUNNABLE} must come right before a ```sh block"
        );
        let block: Vec<&str> = lines
            .by_ref()
            .take_while(|line| line.trim() != "```")
            .collect();
        blocks.push(block.join("\n"));
    }
    blocks
}

#[cfg(unix)]
#[test]
fn every_runnable_readme_block_runs_as_written() {
    let readme = readme();
    let blocks = runnable_blocks(&readme);
    assert!(blocks.len() >= 4, "the README's paths have runnable blocks");
    let binary = assert_cmd::cargo::cargo_bin("courier-token");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workspace.json");
    for block in blocks {
        // A fresh directory that holds what a clone's blocks name: the example workspace.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("examples")).unwrap();
        std::fs::copy(&example, dir.path().join("examples/workspace.json")).unwrap();
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", &block])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("NO_COLOR", "1")
            .env_remove("COURIER_API_KEY")
            .env_remove("COURIER_AUTH_TOKEN")
            .env_remove("COURIER_BASE_URL")
            .env_remove("COURIER_INBOX_URL")
            .env_remove("COURIER_REALTIME_URL")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{block}\n--- stdout\n{}\n--- stderr\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_readme_is_a_short_guide_with_courier_key_shapes() {
    let readme = readme();
    assert!(readme.len() < 20 * 1024, "{} bytes", readme.len());
    assert!(!readme.contains("sk_test_") && !readme.contains("sk_live_"));
    assert!(readme.contains("pk_test_"));
    // The bulk fixtures are verified with the clock they were minted with.
    let fixtures = runnable_blocks(&readme)
        .into_iter()
        .find(|block| block.contains("--user-ids-from"))
        .expect("a runnable bulk example");
    for line in fixtures
        .lines()
        .filter(|line| line.contains("courier-token verify"))
    {
        assert!(line.contains("--now"), "{line}");
    }
    assert!(readme.contains("courier-token-serve.1") || readme.contains("`-serve`"));
}
