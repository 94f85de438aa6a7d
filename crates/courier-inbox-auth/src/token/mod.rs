//! JSON Web Tokens the way Courier uses them: HS256 only, minted with Courier's exact header and
//! claim order, verified strictly, and decoded leniently for display. Keys come from `credentials::api_key`;
//! what scopes mean lives in `scope`.

#[doc(hidden)]
pub mod base64url;
mod claim_checks;
#[doc(hidden)]
pub mod claim_values;
#[doc(hidden)]
pub mod claims;
#[doc(hidden)]
pub mod decode;
mod detail;
mod fast_claims;
#[doc(hidden)]
pub mod js_json;
#[doc(hidden)]
pub mod jti;
#[doc(hidden)]
pub mod mint;
mod numeric_date;
mod reason;
mod signer;
#[doc(hidden)]
pub mod strict_json;
mod verify;

pub use claim_checks::Policy;
pub use claim_values::NumericDate;
pub use decode::{decode_token, DecodedToken};
pub use detail::{Detail, Part};
pub use jti::JtiGenerator;
pub use mint::{ClaimTemplate, Minter, HEADER_B64, HEADER_JSON};
pub use reason::{Reason, Rejection};
pub use signer::Signer;
pub use verify::{verify_token, verify_token_with_json, Verdict};
