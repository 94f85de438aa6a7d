//! Nothing to link: this package holds courier-token's criterion benchmarks (`benches/core.rs`)
//! and the references `scripts/bench.sh` and `scripts/bench-serve.sh` measure against
//! (`examples/hmac_limit.rs`, the HMAC-SHA256 limit; `examples/hello_axum.rs`, the smallest
//! axum server), apart from the main package so its test build never compiles them.
