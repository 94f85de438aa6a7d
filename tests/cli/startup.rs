//! How the binary is linked (build.rs): a hardened executable (PIE, full RELRO, BIND_NOW, read
//! from the built ELF) that still resolves host names through the system resolver (glibc NSS:
//! /etc/hosts), here `localhost` for a server on loopback. No real network.

use crate::common;
use crate::mock_server;

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

/// The link arguments really reach the binary (build.rs): a position-independent executable
/// (`ET_DYN`, so the image loads at a random address), with a `PT_GNU_RELRO` segment and
/// BIND_NOW (full RELRO: every symbol bound at load, then the tables made read-only), as
/// checksec and Debian's hardening checks want it.
#[cfg(all(
    target_os = "linux",
    target_pointer_width = "64",
    target_endian = "little"
))]
#[test]
fn the_binary_is_a_position_independent_executable_with_full_relro() {
    let binary = std::fs::read(assert_cmd::cargo::cargo_bin("courier-token")).expect("reads");
    let elf = Elf64::parse(&binary);
    assert_eq!(
        elf.elf_type, ET_DYN,
        "a PIE is ET_DYN; 2 (ET_EXEC) loads at a fixed address"
    );
    assert!(
        elf.has_segment(PT_INTERP),
        "a PIE executable, not a shared library"
    );
    assert!(
        elf.has_segment(PT_GNU_RELRO),
        "no PT_GNU_RELRO segment: no RELRO"
    );
    let dynamic = elf.dynamic_entries();
    let flag = |tag: u64| {
        dynamic
            .iter()
            .filter(move |(t, _)| *t == tag)
            .map(|(_, v)| *v)
    };
    let bind_now = flag(DT_BIND_NOW).next().is_some()
        || flag(DT_FLAGS).any(|flags| flags & DF_BIND_NOW != 0)
        || flag(DT_FLAGS_1).any(|flags| flags & DF_1_NOW != 0);
    assert!(bind_now, "no BIND_NOW: RELRO is only partial");
    assert!(
        flag(DT_FLAGS_1).any(|flags| flags & DF_1_PIE != 0),
        "DT_FLAGS_1 lacks DF_1_PIE"
    );
}

const ET_DYN: u16 = 3;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const PT_GNU_RELRO: u32 = 0x6474_e552;
const DT_BIND_NOW: u64 = 24;
const DT_FLAGS: u64 = 30;
const DT_FLAGS_1: u64 = 0x6fff_fffb;
const DF_BIND_NOW: u64 = 0x8;
const DF_1_NOW: u64 = 0x1;
const DF_1_PIE: u64 = 0x0800_0000;

/// The few fields of a 64-bit little-endian ELF file the hardening checks read (the layout of
/// `Elf64_Ehdr`, `Elf64_Phdr` and `Elf64_Dyn` in `elf.h`).
struct Elf64<'a> {
    bytes: &'a [u8],
    elf_type: u16,
    /// (type, file offset, size in the file) of each program header.
    segments: Vec<(u32, usize, usize)>,
}

impl<'a> Elf64<'a> {
    fn parse(bytes: &'a [u8]) -> Self {
        assert_eq!(&bytes[..4], b"\x7fELF");
        assert_eq!(bytes[4], 2, "ELFCLASS64");
        assert_eq!(bytes[5], 1, "little-endian");
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let phoff = u64_at(bytes, 32) as usize;
        let (phentsize, phnum) = (usize::from(u16_at(54)), usize::from(u16_at(56)));
        let segments = (0..phnum)
            .map(|n| {
                let header = &bytes[phoff + n * phentsize..];
                let kind = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
                (
                    kind,
                    u64_at(header, 8) as usize,
                    u64_at(header, 32) as usize,
                )
            })
            .collect();
        Elf64 {
            bytes,
            elf_type: u16_at(16),
            segments,
        }
    }

    fn has_segment(&self, kind: u32) -> bool {
        self.segments.iter().any(|(k, _, _)| *k == kind)
    }

    /// (tag, value) of each entry of the dynamic section, up to `DT_NULL`.
    fn dynamic_entries(&self) -> Vec<(u64, u64)> {
        let (_, offset, size) = *self
            .segments
            .iter()
            .find(|(k, _, _)| *k == PT_DYNAMIC)
            .expect("a dynamically linked executable has PT_DYNAMIC");
        self.bytes[offset..offset + size]
            .chunks_exact(16)
            .map(|entry| (u64_at(entry, 0), u64_at(entry, 8)))
            .take_while(|(tag, _)| *tag != 0)
            .collect()
    }
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}
