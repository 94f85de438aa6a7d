//! Base64url as JWTs use it (RFC 7515 §2): URL-safe alphabet, no padding, canonical trailing
//! bits. `decode_strict` is what verification accepts; `decode_lenient` is for `inspect`, which
//! shows what a malformed segment would have said and names what was wrong with it.
//!
//! The hot paths (encoding, strict decoding) use `base64-simd`, which picks SSE/AVX2/NEON code
//! at run time; it refuses exactly what the `base64` crate's strict engine refuses (a test below
//! holds them to that), and the `base64` crate stays for the lenient decode and the messages.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;

const FAST: base64_simd::Base64 = base64_simd::URL_SAFE_NO_PAD;

/// Encodes without padding.
pub fn encode(bytes: &[u8]) -> String {
    FAST.encode_to_string(bytes)
}

/// Appends the encoding of `bytes` to a byte buffer.
pub fn encode_into_vec(bytes: &[u8], out: &mut Vec<u8>) {
    FAST.encode_append(bytes, out);
}

/// Appends the encoding of `bytes` to `out` by the scalar engine: the same text as
/// [`encode_into_vec`], without the SIMD engine's one-off CPU feature detection (tens of
/// microseconds under a hypervisor), for encoding just once.
pub fn encode_into_string_scalar(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_string(bytes, out);
}

/// Strict decode: refuses padding, the standard alphabet's `+` and `/`, anything else outside
/// the URL-safe alphabet, impossible lengths, and non-canonical trailing bits.
pub fn decode_strict(text: &str) -> Result<Vec<u8>, String> {
    FAST.decode_to_vec(text).map_err(|_| describe_problem(text))
}

/// [`decode_strict`] into `out` (cleared first), reusing its allocation.
pub fn decode_strict_into(text: &str, out: &mut Vec<u8>) -> Result<(), String> {
    out.clear();
    FAST.decode_append(text, out)
        .map_err(|_| describe_problem(text))
}

/// [`decode_strict`] of exactly 32 bytes (an HS256 signature) onto the stack; `None` when the
/// text is not strict base64url of 32 bytes.
pub fn decode_strict_32(text: &str) -> Option<[u8; 32]> {
    let mut bytes = [0u8; 32];
    if text.len() != 43 {
        return None;
    }
    FAST.decode(text.as_bytes(), base64_simd::Out::from_slice(&mut bytes))
        .ok()?;
    Some(bytes)
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

    /// The fast engine must accept and refuse exactly what the `base64` crate's strict one does.
    #[test]
    fn fast_engine_agrees_with_the_base64_crate() {
        let symbols = [
            "A", "Q", "g", "w", "z", "0", "9", "-", "_", "+", "/", "=", " ", "\n", "é",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| symbols.iter().map(move |s| format!("{t}{s}")))
                .collect();
            texts.extend(longer);
        }
        for body in [
            "eyJzY29wZSI6InUifQ",
            "xDnaHaODkRsQwwUKPMQzQ9n-muLjrlQM2VUmlOj9ILE",
        ] {
            for tail in [
                "", "A", "Q", "g", "AA", "AQ", "Ag", "AAA", "AAE", "=", "==", "+", ".",
            ] {
                texts.push(format!("{body}{tail}"));
                texts.push(format!("{tail}{body}"));
            }
        }
        for text in &texts {
            let reference = URL_SAFE_NO_PAD.decode(text).ok();
            assert_eq!(decode_strict(text).ok(), reference, "{text:?}");
            let mut out = vec![1, 2, 3];
            assert_eq!(
                decode_strict_into(text, &mut out).is_ok(),
                reference.is_some()
            );
            if let Some(bytes) = &reference {
                assert_eq!(&out, bytes);
                assert_eq!(encode(bytes), URL_SAFE_NO_PAD.encode(bytes));
                let expected_32: Option<[u8; 32]> = bytes.as_slice().try_into().ok();
                assert_eq!(decode_strict_32(text), expected_32, "{text:?}");
            } else {
                assert_eq!(decode_strict_32(text), None);
            }
        }
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..data.len() {
            let mut out = b"x.".to_vec();
            encode_into_vec(&data[..len], &mut out);
            assert_eq!(&out[2..], URL_SAFE_NO_PAD.encode(&data[..len]).as_bytes());
            let mut scalar = String::from("x.");
            encode_into_string_scalar(&data[..len], &mut scalar);
            assert_eq!(scalar.as_bytes(), out);
        }
    }
}
