//! Links the `courier-token` binary as a non-PIE executable on Linux with glibc: its code then
//! needs no load-time relocation (a PIE build carries ~3 200 of them, applied on every start),
//! and with `-z noseparate-code` its read-only data and code share pages instead of each
//! starting on a fresh one, so one `courier-token issue` starts about as fast as a hello-world
//! binary. Still dynamically linked against glibc, so name lookups for `--remote` and `doctor`
//! go through NSS (/etc/hosts, DNS) as usual (`tests/startup.rs` checks it). The trade-off: the
//! executable image itself loads at a fixed address (shared libraries, stack and heap stay
//! randomized; RELRO and BIND_NOW stay on). Only bin targets are affected; tests and benchmarks
//! link as usual.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
        println!("cargo:rustc-link-arg-bins=-Wl,-z,noseparate-code");
    }
}
