//! Minting tokens exactly as Courier shapes them: header bytes `{"alg":"HS256","typ":"JWT"}`,
//! claims in the order `scope, tenant_scope, tenant_id, <custom>, iat, exp, jti`, compact JSON,
//! base64url without padding, HS256. For the same inputs the result is byte-identical to Node
//! `jsonwebtoken`'s `sign({scope, tenant_scope, tenant_id, iat}, key, {expiresIn, jwtid})`.
//! Everything but the scope and `jti` is rendered once, so bulk minting only fills those in.

use serde_json::Value;

use super::base64url;
use super::signer::Signer;

/// The only header Courier tokens carry, byte for byte.
pub const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
/// [`HEADER_JSON`] in base64url.
pub const HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// Claim names the tool owns; `--claim` may not set them.
pub(crate) const RESERVED_CLAIMS: [&str; 6] =
    ["scope", "tenant_scope", "tenant_id", "iat", "exp", "jti"];

/// Everything about a token except its scope and `jti`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimTemplate {
    pub tenant_scope: Option<String>,
    pub tenant_id: Option<String>,
    /// Extra claims, in the order given.
    pub custom: Vec<(String, Value)>,
    pub iat: i64,
    /// `None`: the token never expires.
    pub exp: Option<i64>,
}

/// Mints tokens sharing one key and one [`ClaimTemplate`].
pub struct Minter {
    signer: Signer,
    /// The JSON between the scope and the `jti`: `,"tenant_scope":...,"iat":N,"exp":N`.
    middle: String,
}

impl Minter {
    pub fn new(signer: Signer, template: &ClaimTemplate) -> Self {
        let mut middle = String::new();
        if let Some(tenant_scope) = &template.tenant_scope {
            push_member(&mut middle, "tenant_scope", tenant_scope);
        }
        if let Some(tenant_id) = &template.tenant_id {
            push_member(&mut middle, "tenant_id", tenant_id);
        }
        for (name, value) in &template.custom {
            middle.push(',');
            push_json_string(&mut middle, name);
            middle.push(':');
            middle.push_str(&value.to_string());
        }
        middle.push_str(&format!(",\"iat\":{}", template.iat));
        if let Some(exp) = template.exp {
            middle.push_str(&format!(",\"exp\":{exp}"));
        }
        Self { signer, middle }
    }

    /// Appends a token for `scope` (and `jti`, if any) to `out`. `payload` is scratch space
    /// reused between calls. For minting many: base64 by the SIMD engine.
    pub fn mint_into(
        &self,
        scope: &str,
        jti: Option<&str>,
        payload: &mut String,
        out: &mut Vec<u8>,
    ) {
        self.fill_payload(scope, jti.map(Jti::Text), payload);
        self.finish_into(payload, out);
    }

    /// [`Minter::mint_into`] with a `jti` from [`super::JtiGenerator`]: a UUID's hex digits and
    /// dashes need no JSON escaping, so they are not looked at for it.
    pub fn mint_into_with_uuid(
        &self,
        scope: &str,
        uuid: &str,
        payload: &mut String,
        out: &mut Vec<u8>,
    ) {
        debug_assert!(uuid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
        self.fill_payload(scope, Some(Jti::Uuid(uuid)), payload);
        self.finish_into(payload, out);
    }

    /// Appends `header.payload.signature` for the claims in `payload`.
    fn finish_into(&self, payload: &str, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(HEADER_B64.as_bytes());
        out.push(b'.');
        base64url::encode_into_vec(payload.as_bytes(), out);
        let tag = self.signer.sign(&out[start..]);
        out.push(b'.');
        base64url::encode_into_vec(&tag, out);
    }

    /// A token for `scope` as a new string. For minting one: base64 by the scalar engine, as
    /// setting up the SIMD one (CPU feature detection) costs more than it saves on one token.
    /// Built as a `String` throughout, so the type itself says the token is text.
    pub fn mint(&self, scope: &str, jti: Option<&str>) -> String {
        let mut payload = String::with_capacity(256);
        self.fill_payload(scope, jti.map(Jti::Text), &mut payload);
        let mut token = String::with_capacity(320);
        token.push_str(HEADER_B64);
        token.push('.');
        base64url::encode_into_string_scalar(payload.as_bytes(), &mut token);
        let tag = self.signer.sign(token.as_bytes());
        token.push('.');
        base64url::encode_into_string_scalar(&tag, &mut token);
        token
    }

    /// Writes the claims JSON for `scope` and `jti` into `payload` (cleared first).
    fn fill_payload(&self, scope: &str, jti: Option<Jti<'_>>, payload: &mut String) {
        payload.clear();
        payload.push_str("{\"scope\":");
        push_json_string(payload, scope);
        payload.push_str(&self.middle);
        match jti {
            Some(Jti::Text(text)) => {
                payload.push_str(",\"jti\":");
                push_json_string(payload, text);
            }
            Some(Jti::Uuid(uuid)) => {
                payload.push_str(",\"jti\":\"");
                payload.push_str(uuid);
                payload.push('"');
            }
            None => {}
        }
        payload.push('}');
    }
}

/// A `jti` as the payload gets it.
#[derive(Clone, Copy)]
enum Jti<'a> {
    /// Any text, escaped as JSON needs.
    Text(&'a str),
    /// A generated UUID: nothing to escape.
    Uuid(&'a str),
}

fn push_member(out: &mut String, name: &str, value: &str) {
    out.push(',');
    push_json_string(out, name);
    out.push(':');
    push_json_string(out, value);
}

/// Appends `text` as a JSON string, escaped exactly as `JSON.stringify` does: `"` and `\`, the
/// short escapes `\b \f \n \r \t`, other control characters as lowercase `\u00xx`, and nothing
/// else (not `/`, not U+2028, not non-ASCII).
pub(crate) fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !needs_escape(text.as_bytes()) {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut clean_from = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[clean_from..index]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        clean_from = index + 1;
    }
    out.push_str(&text[clean_from..]);
    out.push('"');
}

/// True when `bytes` holds a control character, `"` or `\`. Looks at eight bytes at a time
/// (the classic "has a zero byte" bit trick, exact for "any"): ids and scopes almost never need
/// escaping, and this check runs for every token.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let suspect = |word: u64| {
        // A byte below 0x20 (bytes >= 0x80 cannot borrow into a false hit), `"`, `\`.
        word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
            || has_zero(word ^ (ONES * u64::from(b'"')))
            || has_zero(word ^ (ONES * u64::from(b'\\')))
    };
    let word_at = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    // Whole words, then the last eight bytes (overlapping the words already looked at).
    (0..bytes.len() / 8).any(|index| suspect(word_at(index * 8)))
        || suspect(word_at(bytes.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_constant_matches_its_json() {
        assert_eq!(base64url::encode(HEADER_JSON.as_bytes()), HEADER_B64);
    }

    #[test]
    fn escapes_like_json_stringify() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c/d\u{1}\n\u{2028}é");
        assert_eq!(out, "\"a\\\"b\\\\c/d\\u0001\\n\u{2028}é\"");
        let serde = serde_json::to_string("a\"b\\c/d\u{1}\n\u{2028}é\u{7f}\u{8}").unwrap();
        let mut ours = String::new();
        push_json_string(&mut ours, "a\"b\\c/d\u{1}\n\u{2028}é\u{7f}\u{8}");
        assert_eq!(ours, serde);
    }

    #[test]
    fn word_at_a_time_escape_check_agrees_with_bytewise() {
        let bytewise = |t: &[u8]| t.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for special in (0u8..=0x7f).chain([0x80, 0x9f, 0xa0, 0xdc, 0xe2, 0xff]) {
            for at in 0..20 {
                for len in at + 1..21 {
                    let mut text = vec![b'a'; len];
                    text[at] = special;
                    assert_eq!(
                        needs_escape(&text),
                        bytewise(&text),
                        "{special:#x} at {at}/{len}"
                    );
                    let mut high = vec![0xffu8; len];
                    high[at] = special;
                    assert_eq!(needs_escape(&high), bytewise(&high), "{special:#x} in 0xff");
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    #[test]
    fn courier_example_payload_order() {
        let template = ClaimTemplate {
            tenant_scope: Some("published/production".into()),
            tenant_id: Some("1b1e953f-0ebb-47ad-beab-f579bd606eb1".into()),
            custom: Vec::new(),
            iat: 1_669_649_050,
            exp: Some(1_669_821_850),
        };
        let minter = Minter::new(Signer::from_bytes(b"k"), &template);
        let token = minter.mint(
            "user_id:smokey12345 inbox:read:messages inbox:write:events",
            Some("6a8ed7d6-229b-4629-9cdc-68fb9c6dd580"),
        );
        let payload = token.split('.').nth(1).unwrap();
        assert_eq!(
            String::from_utf8(base64url::decode_strict(payload).unwrap()).unwrap(),
            r#"{"scope":"user_id:smokey12345 inbox:read:messages inbox:write:events","tenant_scope":"published/production","tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1","iat":1669649050,"exp":1669821850,"jti":"6a8ed7d6-229b-4629-9cdc-68fb9c6dd580"}"#
        );
    }
}
