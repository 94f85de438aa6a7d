//! Known answers and attacks, as one test executable: about 200 hostile tokens with the exact
//! reason code expected (`attacks`), byte-for-byte parity with Node's `jsonwebtoken` and `ms`
//! (`node_parity`), Project Wycheproof's HMAC-SHA256 vectors (`wycheproof`), and properties
//! over generated inputs (`properties`).

mod attacks;
#[path = "../common/mod.rs"]
mod common;
mod node_parity;
mod properties;
mod wycheproof;
