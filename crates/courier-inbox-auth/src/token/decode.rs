//! Lenient decoding for `inspect`: show what a token says even when no verifier would accept
//! it (`alg: none`, odd headers, one segment of bad base64). Each segment is decoded on its own
//! and each problem is named, never fatal. Nothing here checks a signature.

use serde_json::{Map, Value};

use super::base64url;
use super::strict_json::{self, JsonProblem};

/// One decoded JSON segment (header or payload).
#[derive(Debug, Clone, Default)]
pub struct JsonSegment {
    /// The object, when the segment decoded to one.
    pub object: Option<Map<String, Value>>,
    /// Each thing wrong with the segment, in words.
    pub problems: Vec<String>,
}

/// A token taken apart for display.
#[derive(Debug, Clone, Default)]
pub struct DecodedToken {
    /// The number of `.`-separated segments (3 for a JWT).
    pub segment_count: usize,
    pub header: JsonSegment,
    pub payload: JsonSegment,
    /// The signature bytes, when they decoded.
    pub signature: Option<Vec<u8>>,
    /// Problems with the token as a whole or with its signature segment.
    pub problems: Vec<String>,
}

/// Decodes what can be decoded of `token`.
pub fn decode_token(token: &str) -> DecodedToken {
    let segments: Vec<&str> = token.split('.').collect();
    let mut decoded = DecodedToken {
        segment_count: segments.len(),
        ..DecodedToken::default()
    };
    if segments.len() != 3 {
        decoded.problems.push(format!(
            "has {} segment(s) separated by '.', not the 3 of a JWT",
            segments.len()
        ));
    }
    decoded.header = decode_json_segment(segments.first().copied().unwrap_or(""), "header");
    decoded.payload = decode_json_segment(segments.get(1).copied().unwrap_or(""), "payload");
    if let Some(signature) = segments.get(2) {
        match base64url::decode_lenient(signature) {
            Ok((bytes, problem)) => {
                if let Some(problem) = problem {
                    decoded.problems.push(format!("the signature {problem}"));
                }
                if bytes.is_empty() {
                    decoded.problems.push("the signature is empty".to_string());
                }
                decoded.signature = Some(bytes);
            }
            Err(problem) => decoded
                .problems
                .push(format!("the signature {problem} and does not decode")),
        }
    }
    decoded
}

fn decode_json_segment(text: &str, name: &str) -> JsonSegment {
    let mut segment = JsonSegment::default();
    let bytes = match base64url::decode_lenient(text) {
        Ok((bytes, problem)) => {
            if let Some(problem) = problem {
                segment.problems.push(format!("the {name} {problem}"));
            }
            bytes
        }
        Err(problem) => {
            segment
                .problems
                .push(format!("the {name} {problem} and does not decode"));
            return segment;
        }
    };
    match strict_json::parse_object(&bytes) {
        Ok(object) => segment.object = Some(object),
        Err(JsonProblem::DuplicateKey(key)) => {
            segment
                .problems
                .push(format!("the {name} has the key {key:?} twice"));
            segment.object = serde_json::from_slice::<Map<String, Value>>(&bytes).ok();
        }
        Err(problem) => segment.problems.push(format!("the {name} {problem}")),
    }
    segment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_unsigned_token() {
        let decoded = decode_token("eyJhbGciOiJub25lIn0.eyJzY29wZSI6InVzZXJfaWQ6YSJ9.");
        assert_eq!(decoded.header.object.unwrap()["alg"], "none");
        assert_eq!(decoded.payload.object.unwrap()["scope"], "user_id:a");
        assert!(decoded.problems.iter().any(|p| p.contains("empty")));
    }

    #[test]
    fn names_bad_segments_without_giving_up() {
        let decoded = decode_token("eyJhbGciOiJIUzI1NiJ9.!!!.c2ln");
        assert!(decoded.header.object.is_some());
        assert!(decoded.payload.object.is_none());
        assert!(decoded.payload.problems[0].contains("'!'"));
    }
}
