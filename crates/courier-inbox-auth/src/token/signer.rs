//! HS256 keyed once: HMAC-SHA256 (RFC 2104) from the `hmac` crate, keyed with the API key a
//! single time and cloned for each message, so minting or verifying a million tokens pays for
//! the key schedule once and each message costs only its own blocks (5 compressions for a
//! 237-byte signing input, 2 for a short user id). The tests hold RFC 4231's vectors.
//!
//! Timing: [`Signer::verify`] is the one place any signature or user signature is compared, and
//! it is constant-time in the tag's contents (`subtle::ConstantTimeEq`). Only the tag's
//! *length* (public: always 32 bytes for HS256) is checked with an early return.
//!
//! Key hygiene: the keyed HMAC state is key-equivalent (whoever has it can sign). The `hmac`
//! crate does not wipe it on drop, and with `unsafe` forbidden in this crate nothing here can;
//! the process is short-lived and the raw key itself (`api_key::ApiKey`) is wiped.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::credentials::api_key::ApiKey;

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
    /// such as an empty one). Keys longer than a block are hashed first, as RFC 2104 says.
    pub fn from_bytes(key: &[u8]) -> Self {
        // HMAC takes a key of any length, so this cannot fail.
        let keyed = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
        Self { keyed }
    }

    /// HMAC-SHA256 of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    /// True when `tag` is the HMAC of `message`. Constant-time in the tag's contents; a tag of
    /// the wrong length is refused outright.
    pub fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        let Ok(tag) = <&[u8; 32]>::try_from(tag) else {
            return false;
        };
        bool::from(self.sign(message).ct_eq(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4231_vectors() {
        let cases: [(&[u8], &[u8], &str); 3] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, message, expected) in cases {
            assert_eq!(hex::encode(Signer::from_bytes(key).sign(message)), expected);
        }
    }

    #[test]
    fn keyed_once_agrees_with_a_fresh_hmac_for_every_length() {
        let message: Vec<u8> = (0..700u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [0, 1, 23, 63, 64, 65, 130] {
            let key = &message[..key_len];
            let signer = Signer::from_bytes(key);
            for len in 0..message.len() {
                let mut reference = Hmac::<Sha256>::new_from_slice(key).unwrap();
                reference.update(&message[..len]);
                let expected: [u8; 32] = reference.finalize().into_bytes().into();
                assert_eq!(
                    signer.sign(&message[..len]),
                    expected,
                    "key {key_len} msg {len}"
                );
                assert!(signer.verify(&message[..len], &expected));
                let mut wrong = expected;
                wrong[31] ^= 1;
                assert!(!signer.verify(&message[..len], &wrong));
                assert!(!signer.verify(&message[..len], &expected[..31]));
            }
        }
    }
}
