//! Links the `courier-token` binary hardened on Linux: a position-independent executable (the
//! toolchain's default, so the image loads at a random address like its libraries, stack and
//! heap) with full RELRO and BIND_NOW (`-z relro -z now`: every symbol is bound at load time and
//! the relocated tables are then made read-only, so a memory-corruption bug cannot redirect a
//! call through them). Rust's Linux targets already link this way; the flags are passed
//! explicitly so the binary keeps them whatever a toolchain's defaults become, and
//! `tests/startup.rs` checks the built ELF. The price is the ~3 200 load-time relocations a PIE
//! applies on every start (`scripts/bench.sh` compares start-up with a hello-world linked the
//! same way). Only bin targets are affected; tests and benchmarks link as the toolchain does.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,relro,-z,now");
    }
}
