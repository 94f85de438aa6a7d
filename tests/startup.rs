//! How the binary is linked (build.rs: non-PIE on Linux with glibc, for start-up time) must not
//! cost anything users rely on: the built binary still resolves host names through the system
//! resolver (glibc NSS: /etc/hosts), here `localhost` for a server on loopback. No real network.

mod common;
mod mock_server;

use common::{bare, ISSUED_TOKEN};
use mock_server::{MockServer, Reply};

#[test]
fn the_built_binary_resolves_a_name_through_etc_hosts() {
    let server = MockServer::start(vec![Reply::json(
        200,
        &format!(r#"{{"token":"{ISSUED_TOKEN}"}}"#),
    )]);
    // `http://127.0.0.1:PORT` with the address replaced by a name only /etc/hosts knows.
    let by_name = server.base_url().replace("127.0.0.1", "localhost");
    let output = bare()
        .env("COURIER_API_KEY", "sk_test_startup")
        .env("COURIER_TOKEN_RETRY_BASE_MS", "1")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .args([
            "issue",
            "--remote",
            "--user-id",
            "u",
            "--base-url",
            &by_name,
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{ISSUED_TOKEN}\n")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("Host"),
        Some(by_name.trim_start_matches("http://"))
    );
}

/// The link arguments really reach the binary: an ELF of type `ET_EXEC`, not a PIE (`ET_DYN`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_is_linked_as_a_fixed_position_executable() {
    let binary = std::fs::read(assert_cmd::cargo::cargo_bin("courier-token")).expect("reads");
    assert_eq!(&binary[..4], b"\x7fELF");
    let bytes = [binary[16], binary[17]];
    // EI_DATA: 1 little-endian, 2 big-endian.
    let elf_type = if binary[5] == 2 {
        u16::from_be_bytes(bytes)
    } else {
        u16::from_le_bytes(bytes)
    };
    assert_eq!(elf_type, 2, "ET_EXEC expected; 3 would be a PIE");
}
