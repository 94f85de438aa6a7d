//! HS256 keyed once: HMAC-SHA256 (RFC 2104) on the SHA-256 compression function, with the
//! states after absorbing `key ^ ipad` and `key ^ opad` computed once, so minting or verifying a
//! million tokens pays for the key schedule once and each message costs only its own blocks
//! (5 compressions for a 237-byte signing input, 2 for a short user id). The construction is
//! checked against the `hmac` crate and RFC 4231's vectors in the tests.
//!
//! Timing: [`Signer::verify`] is the one place any signature or user signature is compared, and
//! it is constant-time in the tag's contents (`subtle::ConstantTimeEq`). Only the tag's
//! *length* (public: always 32 bytes for HS256) is checked with an early return.
//!
//! Key hygiene: the two keyed states are key-equivalent for HMAC (whoever has them can sign);
//! they are wiped when the `Signer` is dropped, and so is the padded key block used to make
//! them. With `unsafe` forbidden in this crate, copies the compiler makes on the stack are not
//! reachable for wiping; the process is short-lived and the raw key itself (`key::ApiKey`) is
//! wiped.

// sha2 0.10's `compress256` takes generic-array 0.14 blocks, which that crate now marks
// deprecated in favour of its 1.x (sha2 0.11 moves on); nothing else reaches the compression
// function until then.
#![allow(deprecated)]

use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::key::ApiKey;

type Block = GenericArray<u8, U64>;

const BLOCK: usize = 64;
/// Full message blocks hashed per call before the tail, leaving room for the tail's two
/// (a token's 237-byte signing input is three full blocks and a tail: one call).
const BATCH: usize = 3;

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// An HMAC-SHA256 primed with the API key.
#[derive(Clone)]
pub struct Signer {
    /// SHA-256 state after the block `key ^ ipad`.
    inner: [u32; 8],
    /// SHA-256 state after the block `key ^ opad`.
    outer: [u32; 8],
}

impl Drop for Signer {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl Signer {
    pub fn new(key: &ApiKey) -> Self {
        Self::from_bytes(key.expose_bytes())
    }

    /// Keys the HMAC with raw bytes (tests and attack cases use keys that are not `ApiKey`s,
    /// such as an empty one). Keys longer than a block are hashed first, as RFC 2104 says.
    pub fn from_bytes(key: &[u8]) -> Self {
        let mut key_block = Block::default();
        if key.len() > BLOCK {
            let mut digest = Sha256::digest(key);
            key_block[..32].copy_from_slice(&digest);
            digest.as_mut_slice().zeroize();
        } else {
            key_block[..key.len()].copy_from_slice(key);
        }
        let signer = Self {
            inner: keyed_state(&mut key_block, 0x36),
            outer: keyed_state(&mut key_block, 0x36 ^ 0x5c),
        };
        key_block.as_mut_slice().zeroize();
        signer
    }

    /// HMAC-SHA256 of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 32] {
        let inner_hash = finish(self.inner, message, BLOCK);
        state_bytes(&finish(self.outer, &state_bytes(&inner_hash), BLOCK))
    }

    /// True when `tag` is the HMAC of `message`. Constant-time in the tag's contents; a tag of
    /// the wrong length is refused outright.
    pub fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        let Ok(tag) = <&[u8; 32]>::try_from(tag) else {
            return false;
        };
        let computed = self.sign(message);
        // XOR-OR over four words, then one constant-time comparison of the result with zero.
        let difference = computed
            .chunks_exact(8)
            .zip(tag.chunks_exact(8))
            .fold(0u64, |acc, (a, b)| acc | (word(a) ^ word(b)));
        bool::from(difference.ct_eq(&0))
    }
}

/// XORs `pad` into `key_block` (in place, so the caller can undo or wipe it) and returns the
/// SHA-256 state after compressing it.
fn keyed_state(key_block: &mut Block, pad: u8) -> [u32; 8] {
    for byte in key_block.iter_mut() {
        *byte ^= pad;
    }
    let mut state = SHA256_IV;
    sha2::compress256(&mut state, std::slice::from_ref(key_block));
    state
}

/// Hashes `message` onto `state` (which has absorbed `prefix_len` bytes already) and adds
/// SHA-256's padding: the final state.
fn finish(mut state: [u32; 8], message: &[u8], prefix_len: usize) -> [u32; 8] {
    let bits = ((prefix_len + message.len()) as u64) * 8;
    if message.len() + 9 <= BLOCK {
        // One block: a user id, or the inner hash in the outer one.
        let mut block = Block::default();
        block[..message.len()].copy_from_slice(message);
        block[message.len()] = 0x80;
        block[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        sha2::compress256(&mut state, std::slice::from_ref(&block));
        return state;
    }
    let mut blocks = [Block::default(); BATCH + 2];
    let mut rest = message;
    while rest.len() >= BATCH * BLOCK {
        for (block, chunk) in blocks.iter_mut().zip(rest.chunks_exact(BLOCK)) {
            copy_block(block, chunk);
        }
        sha2::compress256(&mut state, &blocks[..BATCH]);
        rest = &rest[BATCH * BLOCK..];
    }
    let full = rest.len() / BLOCK;
    for (block, chunk) in blocks.iter_mut().zip(rest.chunks_exact(BLOCK)) {
        copy_block(block, chunk);
    }
    let tail = &rest[full * BLOCK..];
    blocks[full] = Block::default();
    blocks[full][..tail.len()].copy_from_slice(tail);
    blocks[full][tail.len()] = 0x80;
    let used = if tail.len() + 9 <= BLOCK {
        full + 1
    } else {
        blocks[full + 1] = Block::default();
        full + 2
    };
    blocks[used - 1][BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
    sha2::compress256(&mut state, &blocks[..used]);
    state
}

/// Copies a 64-byte chunk as a fixed-size value (inline moves rather than a `memcpy` call).
fn copy_block(block: &mut Block, chunk: &[u8]) {
    if let Ok(bytes) = <[u8; BLOCK]>::try_from(chunk) {
        *block = bytes.into();
    }
}

fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

fn state_bytes(state: &[u32; 8]) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    for (chunk, word) in bytes.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

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
    fn agrees_with_the_hmac_crate_for_every_length() {
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
