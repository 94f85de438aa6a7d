//! Courier's deprecated HMAC user signature: lowercase hex of HMAC-SHA256(key = API key,
//! message = user id), byte-for-byte what Node's
//! `crypto.createHmac("sha256", apiKey).update(userId).digest("hex")` gives. Checking a
//! signature is constant-time: the hex is decoded to bytes first (its length is checked, which
//! is public), then compared by `Signer::verify` with `subtle::ConstantTimeEq` — never by
//! comparing hex strings with `==`.

use crate::token::Signer;

/// The signature for `user_id`, as 64 lowercase hex digits.
pub fn user_signature(signer: &Signer, user_id: &str) -> String {
    hex::encode(signer.sign(user_id.as_bytes()))
}

/// Appends the signature for `user_id` to `out` without allocating.
pub fn push_user_signature(signer: &Signer, user_id: &str, out: &mut Vec<u8>) {
    let tag = signer.sign(user_id.as_bytes());
    let mut hex_digits = [0u8; 64];
    for (digits, bytes) in hex_digits.chunks_exact_mut(16).zip(tag.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        digits.copy_from_slice(&hex_of_eight(word));
    }
    out.extend_from_slice(&hex_digits);
}

/// The 16 lowercase hex digits of eight bytes, worked out in one 128-bit integer (no table):
/// each byte spread to its own 16-bit lane, split into its two nibbles, and each nibble
/// turned into `0`-`9` or `a`-`f` by adding `'0'`, plus 39 more where it is above 9.
fn hex_of_eight(bytes: [u8; 8]) -> [u8; 16] {
    const fn lanes(pattern: u128, width: u32) -> u128 {
        let mut value = 0;
        let mut shift = 0;
        while shift < 128 {
            value |= pattern << shift;
            shift += width;
        }
        value
    }
    let mut v = u128::from(u64::from_le_bytes(bytes));
    v = (v | (v << 32)) & lanes(0xffff_ffff, 64);
    v = (v | (v << 16)) & lanes(0xffff, 32);
    v = (v | (v << 8)) & lanes(0xff, 16);
    // Little-endian lanes: byte 2i holds input byte i; its high nibble goes first.
    let nibbles = ((v >> 4) & lanes(0x0f, 16)) | ((v & lanes(0x0f, 16)) << 8);
    let above_nine = ((nibbles + lanes(0x06, 8)) >> 4) & lanes(0x01, 8);
    (nibbles + lanes(b'0'.into(), 8) + above_nine * 39).to_le_bytes()
}

/// A signature the user gave us could not even be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedSignature(pub String);

/// The 32 bytes of a signature written as 64 hex digits (either case, surrounding space
/// ignored). Malformed hex is an error, not a mismatch, so a typo is not mistaken for a forgery.
pub fn parse_user_signature(signature_hex: &str) -> Result<Vec<u8>, MalformedSignature> {
    let trimmed = signature_hex.trim();
    if trimmed.len() != 64 {
        return Err(MalformedSignature(format!(
            "the signature has {} characters; an HMAC-SHA256 signature is 64 hex digits",
            trimmed.chars().count()
        )));
    }
    hex::decode(trimmed)
        .map_err(|_| MalformedSignature("the signature is not hexadecimal (0-9, a-f)".to_string()))
}

/// True when `signature_hex` (either case) is the signature of `user_id`; malformed hex is an
/// error (see [`parse_user_signature`]).
pub fn verify_user_signature(
    signer: &Signer,
    user_id: &str,
    signature_hex: &str,
) -> Result<bool, MalformedSignature> {
    let tag = parse_user_signature(signature_hex)?;
    Ok(signer.verify(user_id.as_bytes(), &tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_in_either_case_and_refuses_garbage() {
        let signer = Signer::from_bytes(b"key");
        let signature = user_signature(&signer, "user");
        assert!(verify_user_signature(&signer, "user", &signature).unwrap());
        assert!(verify_user_signature(&signer, "user", &signature.to_uppercase()).unwrap());
        assert!(!verify_user_signature(&signer, "other", &signature).unwrap());
        assert!(verify_user_signature(&signer, "user", "abc").is_err());
        assert!(verify_user_signature(&signer, "user", &"zz".repeat(32)).is_err());
        let mut out = Vec::new();
        push_user_signature(&signer, "user", &mut out);
        assert_eq!(out, signature.as_bytes());
    }

    #[test]
    fn hex_of_eight_is_lowercase_hex() {
        for start in (0..=255u8).step_by(8) {
            let bytes: [u8; 8] = std::array::from_fn(|i| start + i as u8);
            assert_eq!(
                hex_of_eight(bytes).to_vec(),
                hex::encode(bytes).into_bytes()
            );
        }
        let mixed = [0x00, 0xff, 0x09, 0x0a, 0x90, 0xa0, 0x9f, 0xf9];
        assert_eq!(
            hex_of_eight(mixed).to_vec(),
            hex::encode(mixed).into_bytes()
        );
    }
}
