//! Base64url as JWTs use it (RFC 7515 §2): URL-safe alphabet, no padding, canonical trailing
//! bits. `decode_strict` is what verification accepts; `decode_lenient` is for `inspect`, which
//! shows what a malformed segment would have said and names what was wrong with it.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Encodes without padding.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Appends the encoding of `bytes` to a byte buffer.
pub fn encode_into_vec(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(
        start + base64::encoded_len(bytes.len(), false).unwrap_or(0),
        0,
    );
    let written = URL_SAFE_NO_PAD
        .encode_slice(bytes, &mut out[start..])
        .unwrap_or(0);
    out.truncate(start + written);
}

/// Strict decode: refuses padding, the standard alphabet's `+` and `/`, anything else outside
/// the URL-safe alphabet, impossible lengths, and non-canonical trailing bits.
pub fn decode_strict(text: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| describe_problem(text))
}

/// [`decode_strict`] into `out` (cleared first), reusing its allocation.
pub fn decode_strict_into(text: &str, out: &mut Vec<u8>) -> Result<(), String> {
    out.clear();
    URL_SAFE_NO_PAD
        .decode_vec(text, out)
        .map_err(|_| describe_problem(text))
}

/// Forgiving decode for display: accepts padding, the standard alphabet and stray trailing
/// bits. Returns the bytes and, when the text was not strict base64url, what was wrong.
pub fn decode_lenient(text: &str) -> Result<(Vec<u8>, Option<String>), String> {
    if let Ok(bytes) = URL_SAFE_NO_PAD.decode(text) {
        return Ok((bytes, None));
    }
    let problem = describe_problem(text);
    const FORGIVING: GeneralPurpose = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let normalized: String = text
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    FORGIVING
        .decode(normalized)
        .map(|bytes| (bytes, Some(problem.clone())))
        .map_err(|_| problem)
}

/// Names the first thing that keeps `text` from being strict base64url.
fn describe_problem(text: &str) -> String {
    if text.contains('=') {
        return "has '=' padding, which base64url in a JWT must not".to_string();
    }
    if let Some(c) = text.chars().find(|c| *c == '+' || *c == '/') {
        return format!("uses '{c}' from the standard base64 alphabet instead of base64url");
    }
    if let Some(c) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return format!("contains {c:?}, which is not base64url");
    }
    if text.len() % 4 == 1 {
        return format!("has an impossible length ({} characters)", text.len());
    }
    "has non-canonical trailing bits (its last character is not the one an encoder writes)"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_refuses_what_lenient_forgives() {
        assert_eq!(decode_strict("eyJ9").unwrap(), b"{\"}");
        assert!(decode_strict("YQ==").unwrap_err().contains("padding"));
        assert!(decode_strict("a+8").unwrap_err().contains("'+'"));
        assert!(decode_strict("YR").unwrap_err().contains("trailing bits"));
        assert!(decode_strict("Y").unwrap_err().contains("length"));
        assert_eq!(decode_lenient("YQ==").unwrap().0, b"a");
        assert_eq!(decode_lenient("YR").unwrap().0, b"a");
        assert!(decode_lenient("Y").is_err());
    }
}
