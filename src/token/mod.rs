//! JSON Web Tokens the way Courier uses them: HS256 only, minted with Courier's exact header and
//! claim order, verified strictly, and decoded leniently for display. Keys come from `key`;
//! what scopes mean lives in `scope`.

#[doc(hidden)]
pub mod base64url;
mod claim_checks;
pub(crate) mod claim_values;
pub(crate) mod claims;
pub(crate) mod decode;
mod fast_claims;
pub(crate) mod js_json;
pub(crate) mod jti;
pub(crate) mod mint;
mod numeric_date;
mod reason;
mod signer;
pub(crate) mod strict_json;
mod verify;

pub use claim_checks::Policy;
pub use claim_values::NumericDate;
pub use decode::{decode_token, DecodedToken};
pub use jti::JtiGenerator;
pub use mint::{ClaimTemplate, Minter, HEADER_B64, HEADER_JSON};
pub use reason::{Reason, Rejection};
pub use signer::Signer;
pub use verify::{verify_token, verify_token_with_json, Verdict};
