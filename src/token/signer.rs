//! HS256 keyed once: the HMAC-SHA256 state with the key already absorbed, cloned per message so
//! minting or verifying a million tokens pays for the key schedule once.
//!
//! Timing: [`Signer::verify`] is the one place any signature or user signature is compared, and
//! it is constant-time in the tag's contents: `hmac::Mac::verify_slice` compares the computed
//! and given tags with `subtle::ConstantTimeEq`. Only the tag's *length* (public: always 32
//! bytes for HS256) is checked with an early return.
//!
//! Key hygiene: `Hmac<Sha256>` does not hold the key itself but the SHA-256 states after
//! absorbing `key ^ ipad` and `key ^ opad`. Those are key-equivalent for HMAC (whoever has them
//! can sign), and hmac 0.12 / sha2 0.10 neither wipe them on drop nor offer a `zeroize`
//! feature (hmac 0.13 adds one, with digest 0.11 / sha2 0.11); `new_from_slice` also leaves its
//! padded key block on the stack unwiped. With `unsafe` forbidden in this crate, that residue is
//! accepted: the process is short-lived and the raw key itself (`key::ApiKey`) is wiped.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::key::ApiKey;

/// An HMAC-SHA256 primed with the API key.
#[derive(Clone)]
pub struct Signer {
    keyed: Hmac<Sha256>,
}

impl Signer {
    pub fn new(key: &ApiKey) -> Self {
        Self::from_bytes(key.expose_bytes())
    }

    /// Keys the HMAC with raw bytes (tests and attack cases use keys that are not `ApiKey`s,
    /// such as an empty one).
    pub fn from_bytes(key: &[u8]) -> Self {
        // HMAC accepts keys of any length (longer ones are hashed first), so this cannot fail.
        let keyed = match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
        };
        Self { keyed }
    }

    /// HMAC-SHA256 of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    /// True when `tag` is the HMAC of `message`. Constant-time in the tag's contents
    /// (`Mac::verify_slice`); a tag of the wrong length is refused outright.
    pub fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        let mut mac = self.keyed.clone();
        mac.update(message);
        mac.verify_slice(tag).is_ok()
    }
}
