//! The one rule for a token cut before its end — a customer's truncated paste, a log line cut
//! at a width: a JWT-shaped prefix whose first segment decodes as a JWT header, with one or two
//! segments, or a third segment too short for an HS256 signature (43 characters). `verify`,
//! `inspect` and `doctor` all ask this rule, and say "cut off" with what can still be read,
//! instead of "no token found" or a bare segment count. Finding only: the commands word it.

use crate::token::decode::{decode_token, DecodedToken};

/// Characters of an HS256 signature (32 bytes) in unpadded base64url.
pub const HS256_SIGNATURE_CHARS: usize = 43;

/// A token cut before its end, and what can still be read from it.
#[derive(Debug, Clone)]
pub struct CutOff {
    /// The prefix found, as it was pasted.
    pub token: String,
    /// How many segments it has (1 to 3).
    pub segments: usize,
    /// How many signature characters it has (0 unless it has a third segment).
    pub signature_chars: usize,
    /// Its header and payload, as far as they decode.
    pub decoded: DecodedToken,
}

impl CutOff {
    /// One sentence: where it was cut, whose token it is when the payload says, what to do.
    pub fn explanation(&self) -> String {
        let place = match self.segments {
            1 => "after its header (1 of 3 segments)".to_string(),
            2 => "after its claims (2 of 3 segments: no signature)".to_string(),
            _ => format!(
                "in its signature ({} of {HS256_SIGNATURE_CHARS} characters)",
                self.signature_chars
            ),
        };
        let readable = match &self.decoded.payload.object {
            Some(_) => "; its header and claims still decode",
            None if self.segments > 1 => "; its header decodes, its claims are cut too",
            None => "; its header decodes",
        };
        format!(
            "the token is cut off {place}{readable}: ask for the whole token (a JWT has three \
             segments, the last one {HS256_SIGNATURE_CHARS} characters for HS256)"
        )
    }
}

/// The first cut-off token in `text`, if any; a whole token is not one.
pub fn find_cut_off(text: &str) -> Option<CutOff> {
    let mut from = 0;
    while let Some(found) = text[from..].find("eyJ") {
        let start = from + found;
        let run_length = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(text.len() - start);
        from = start + run_length.max(1);
        if let Some(cut) = cut_off(&text[start..start + run_length]) {
            return Some(cut);
        }
    }
    None
}

/// `candidate` (a run of base64url characters and dots) as a cut-off token, if it is one.
fn cut_off(candidate: &str) -> Option<CutOff> {
    let parts: Vec<&str> = candidate.split('.').collect();
    let signature_chars = match parts.as_slice() {
        [_] | [_, _] => 0,
        [_, _, signature] if signature.len() < HS256_SIGNATURE_CHARS => signature.len(),
        _ => return None,
    };
    let token = candidate.trim_end_matches('.');
    let decoded = decode_token(token);
    let header = decoded.header.object.as_ref()?;
    if !header.contains_key("alg") {
        return None;
    }
    Some(CutOff {
        token: candidate.to_string(),
        segments: parts.len(),
        signature_chars,
        decoded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YWxpY2UifQ.Xo3i1W8Qk2P6m3d3u8o0x7p1m0q9r7s6t5u4v3w2y1z";

    #[test]
    fn a_whole_token_is_not_cut_off() {
        assert!(find_cut_off(TOKEN).is_none());
        assert!(find_cut_off("eyJub3QiOiJhIGhlYWRlciJ9").is_none());
    }

    #[test]
    fn one_two_or_a_short_third_segment_is_cut_off() {
        let (header, rest) = TOKEN.split_once('.').unwrap();
        let two = TOKEN.rsplit_once('.').unwrap().0;
        let cut = find_cut_off(&format!("Bearer {header}")).unwrap();
        assert_eq!(cut.segments, 1);
        let cut = find_cut_off(two).unwrap();
        assert_eq!(cut.segments, 2);
        assert!(cut.decoded.payload.object.is_some());
        let cut = find_cut_off(&TOKEN[..TOKEN.len() - 10]).unwrap();
        assert_eq!((cut.segments, cut.signature_chars), (3, 33));
        assert!(rest.len() > 43);
    }
}
