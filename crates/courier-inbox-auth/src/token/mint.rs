//! Minting tokens exactly as Courier shapes them: header bytes `{"alg":"HS256","typ":"JWT"}`,
//! claims in the order `scope, tenant_scope, tenant_id, <custom>, iat, exp, jti`, compact JSON,
//! base64url without padding, HS256. For the same inputs the result is byte-identical to Node
//! `jsonwebtoken`'s `sign({scope, tenant_scope, tenant_id, iat}, key, {expiresIn, jwtid})`.
//! Custom claims are written as `JSON.stringify` writes them (`js_json`). Everything but the
//! scope and `jti` is rendered once, so bulk minting only fills those in.

use std::fmt::Write as _;

use serde_json::Value;

use super::base64url;
use super::js_json::{push_js_json, push_json_string};
use super::signer::Signer;

/// The only header Courier tokens carry, byte for byte.
pub const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
/// [`HEADER_JSON`] in base64url.
pub const HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// Claim names the tool owns; `--claim` may not set them.
pub const RESERVED_CLAIMS: [&str; 6] = ["scope", "tenant_scope", "tenant_id", "iat", "exp", "jti"];

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
            push_js_json(&mut middle, value);
        }
        // Written in place: `serve` makes a Minter per Issue Token request.
        let _ = write!(middle, ",\"iat\":{}", template.iat);
        if let Some(exp) = template.exp {
            let _ = write!(middle, ",\"exp\":{exp}");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_constant_matches_its_json() {
        assert_eq!(base64url::encode(HEADER_JSON.as_bytes()), HEADER_B64);
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
