//! The README's install instructions, checked against what they promise (issue 10): the cargo
//! line builds with the lock file, and the system-wide man page line works where the target
//! directory does not exist yet, as on a fresh Debian (run here under a scratch root).

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
