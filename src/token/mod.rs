//! JSON Web Tokens the way Courier uses them: HS256 only, minted with Courier's exact header and
//! claim order, verified strictly, and decoded leniently for display. Keys come from `key`;
//! what scopes mean lives in `scope`.

pub mod base64url;
pub mod claim_checks;
pub mod claim_values;
pub mod claims;
pub mod decode;
mod fast_claims;
pub mod jti;
pub mod mint;
pub mod reason;
pub mod signer;
pub mod strict_json;
pub mod verify;

pub use claim_checks::Policy;
pub use decode::{decode_token, DecodedToken};
pub use jti::JtiGenerator;
pub use mint::{ClaimTemplate, Minter, HEADER_B64, HEADER_JSON};
pub use reason::{Reason, Rejection};
pub use signer::Signer;
pub use verify::{verify_token, verify_token_with_json, Verdict};
