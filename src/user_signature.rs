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

/// Appends the signature for `user_id` to `out` without allocating. The hex comes from
/// `const-hex`'s SIMD encoder (picked at run time): bulk `hmac-sign` does this once a line.
pub fn push_user_signature(signer: &Signer, user_id: &str, out: &mut Vec<u8>) {
    let tag = signer.sign(user_id.as_bytes());
    let mut hex_digits = [0u8; 64];
    // The output is exactly twice the input: this cannot fail.
    let _ = const_hex::encode_to_slice(tag, &mut hex_digits);
    out.extend_from_slice(&hex_digits);
}

/// A signature the user gave us could not even be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedSignature(pub String);

/// True when `signature_hex` (either case) is the signature of `user_id`. Malformed hex is an
/// error, not a mismatch, so a typo is not mistaken for a forgery.
pub fn verify_user_signature(
    signer: &Signer,
    user_id: &str,
    signature_hex: &str,
) -> Result<bool, MalformedSignature> {
    let trimmed = signature_hex.trim();
    if trimmed.len() != 64 {
        return Err(MalformedSignature(format!(
            "the signature has {} characters; an HMAC-SHA256 signature is 64 hex digits",
            trimmed.chars().count()
        )));
    }
    let tag = hex::decode(trimmed).map_err(|_| {
        MalformedSignature("the signature is not hexadecimal (0-9, a-f)".to_string())
    })?;
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
    fn bulk_hex_matches_the_hex_crate() {
        let signer = Signer::from_bytes(b"key");
        for n in 0..2000 {
            let user_id = format!("user-{n}");
            let mut out = b"x".to_vec();
            push_user_signature(&signer, &user_id, &mut out);
            let expected = hex::encode(signer.sign(user_id.as_bytes()));
            assert_eq!(&out[1..], expected.as_bytes());
        }
    }
}
