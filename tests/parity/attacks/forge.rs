//! The attack table's vocabulary: the shared constants (clock, header, payload, the RSA key and
//! RFC examples), a [`Case`], and helpers that sign exact bytes or bend a token.

use courier_token::token::{base64url, Policy, Signer};

use crate::common::KEY;

/// `--now` for every case: 2022-11-28T15:24:10Z.
pub(crate) const NOW: i64 = 1_669_649_050;
pub(crate) const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
pub(crate) const INBOX: &str = r#"{"scope":"user_id:u1 inbox:read:messages inbox:write:events","iat":1669649050,"exp":1669652650}"#;

/// The RSA public key of RFC 7515 appendix A.2 (its JWK `n`/`e`, as SubjectPublicKeyInfo PEM).
/// Verifiers that pick the key type from the token's `alg` accept an HS256 token whose HMAC
/// key is this text: the classic RS256 → HS256 confusion.
pub(crate) const RSA_PUBLIC_KEY_PEM: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAofgWCuLjybRlzo0tZWJj
NiuSfb4p4fAkd/wWJcyQoTbji9k0l8W26mPddxHmfHQp+Vaw+4qPCJrcS2mJPMEz
P1Pt0Bm4d4QlL+yRT+SFd2lZS+pCgNMsD1W/YpRPEwOWvG6b32690r2jZ47soMZo
9wGzjb/7OMg0LOL+bSf63kpaSHSXndS5z5rexMdbBYUsLA9e+KXBdQOS+UTo7WTB
EMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6/I5IhlJH7aGhyxX
FvUK+DWNmoudF8NAco9/h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXp
oQIDAQAB
-----END PUBLIC KEY-----
";

/// RFC 7515 appendix A.2: the RS256 example JWS, signed with the key above's private half.
pub(crate) const RFC7515_A2_RS256: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
/// RFC 7519 §6.1 (and RFC 7515 A.5): the unsecured JWT example, `alg: none`, empty signature.
pub(crate) const RFC7519_UNSECURED: &str = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

/// One hostile token, the key and policy it meets, and the reason it must get (`None`: the
/// token must be *accepted* — boundary cases and the positive controls for real vectors).
pub(crate) struct Case {
    pub name: String,
    pub token: String,
    pub key: Vec<u8>,
    pub leeway: i64,
    pub user_id: Option<&'static str>,
    pub reason: Option<&'static str>,
}

pub(crate) fn case(
    name: impl Into<String>,
    token: impl Into<String>,
    reason: &'static str,
) -> Case {
    Case {
        name: name.into(),
        token: token.into(),
        key: KEY.as_bytes().to_vec(),
        leeway: 0,
        user_id: None,
        reason: Some(reason),
    }
}

impl Case {
    pub(crate) fn key(mut self, key: &[u8]) -> Self {
        self.key = key.to_vec();
        self
    }

    pub(crate) fn leeway(mut self, leeway: i64) -> Self {
        self.leeway = leeway;
        self
    }

    pub(crate) fn user(mut self, user_id: &'static str) -> Self {
        self.user_id = Some(user_id);
        self
    }

    pub(crate) fn valid(mut self) -> Self {
        self.reason = None;
        self
    }

    pub(crate) fn policy(&self) -> Policy {
        Policy {
            now: NOW,
            leeway: self.leeway,
            user_id: self.user_id.map(str::to_string),
            ..Policy::default()
        }
    }
}

pub(crate) fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64url::encode(bytes.as_ref())
}

pub(crate) fn hmac(key: &[u8], message: &str) -> [u8; 32] {
    Signer::from_bytes(key).sign(message.as_bytes())
}

/// A token with these exact encoded segments, signed with `key`.
pub(crate) fn sign_encoded(key: &[u8], header_b64: &str, payload_b64: &str) -> String {
    let input = format!("{header_b64}.{payload_b64}");
    let tag = hmac(key, &input);
    format!("{input}.{}", b64(tag))
}

/// A token with these exact header and payload bytes, signed with `key`.
pub(crate) fn sign_with(key: &[u8], header: &str, payload: &str) -> String {
    sign_encoded(key, &b64(header), &b64(payload))
}

pub(crate) fn sign(header: &str, payload: &str) -> String {
    sign_with(KEY.as_bytes(), header, payload)
}

pub(crate) fn unsigned(header: &str, payload: &str) -> String {
    format!("{}.{}.", b64(header), b64(payload))
}

pub(crate) fn segments(token: &str) -> (&str, &str, &str) {
    let mut parts = token.splitn(3, '.');
    let header = parts.next().unwrap_or_default();
    let payload = parts.next().unwrap_or_default();
    (header, payload, parts.next().unwrap_or_default())
}

/// The last character of `segment` with one unused low bit set: same bytes for a lenient
/// decoder, a different string — the signature-malleability trick strict base64url refuses.
pub(crate) fn with_noncanonical_tail(segment: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert_ne!(segment.len() % 4, 0, "{segment} has no unused bits");
    let last = segment.as_bytes()[segment.len() - 1];
    let index = ALPHABET.iter().position(|&c| c == last).unwrap();
    let bent = ALPHABET[index | 1] as char;
    format!("{}{bent}", &segment[..segment.len() - 1])
}
