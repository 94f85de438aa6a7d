//! Attacks on the signature and the algorithm: `alg: none`, algorithm confusion, keys carried in
//! the header, forged/truncated/foreign signatures, and tampering with signed bytes.

use super::forge::*;
use crate::common::KEY;

pub(crate) fn alg_none_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        cases.push(case(
            format!("alg {alg}, empty signature"),
            unsigned(&header, INBOX),
            "alg_none",
        ));
        cases.push(case(
            format!("alg {alg}, HMAC signature with the right key"),
            sign(&header, INBOX),
            "alg_none",
        ));
        cases.push(case(
            format!("alg {alg}, HMAC signature with an empty key"),
            sign_with(b"", &header, INBOX),
            "alg_none",
        ));
    }
    cases.push(case(
        "RFC 7519 §6.1 unsecured JWT",
        RFC7519_UNSECURED,
        "alg_none",
    ));
    cases.push(case(
        "alg none without the trailing dot",
        unsigned(r#"{"alg":"none"}"#, INBOX).trim_end_matches('.'),
        "malformed_segments",
    ));
    cases.push(case(
        "alg none and HS256 in one header",
        sign(r#"{"alg":"none","alg":"HS256"}"#, INBOX),
        "duplicate_key",
    ));
    cases
}

pub(crate) fn algorithm_confusion_cases() -> Vec<Case> {
    let pem = RSA_PUBLIC_KEY_PEM.as_bytes();
    vec![
        case(
            "RS256 header over an HS256 signature with the right key",
            sign(r#"{"alg":"RS256","typ":"JWT"}"#, INBOX),
            "unsupported_alg",
        ),
        case(
            "RS256 header, HMAC keyed with the RSA public key's PEM text",
            sign_with(pem, r#"{"alg":"RS256","typ":"JWT"}"#, INBOX),
            "unsupported_alg",
        ),
        case(
            "HS256 header, HMAC keyed with the RSA public key's PEM text",
            sign_with(pem, HS256, INBOX),
            "bad_signature",
        ),
        case(
            "HS256 header, HMAC keyed with the PEM text without its final newline",
            sign_with(RSA_PUBLIC_KEY_PEM.trim_end().as_bytes(), HS256, INBOX),
            "bad_signature",
        ),
        case(
            "HS384 header over an HS256 signature",
            sign(r#"{"alg":"HS384","typ":"JWT"}"#, INBOX),
            "unsupported_alg",
        ),
        case(
            "HS512 header over an HS256 signature",
            sign(r#"{"alg":"HS512"}"#, INBOX),
            "unsupported_alg",
        ),
        case("lower-case hs256", sign(r#"{"alg":"hs256"}"#, INBOX), "unsupported_alg"),
        case("Hs256", sign(r#"{"alg":"Hs256"}"#, INBOX), "unsupported_alg"),
        case("alg with a trailing space", sign(r#"{"alg":"HS256 "}"#, INBOX), "unsupported_alg"),
        case("alg with a NUL", sign(r#"{"alg":"HS256\u0000"}"#, INBOX), "unsupported_alg"),
        case("alg in fullwidth letters", sign(r#"{"alg":"ＨＳ256"}"#, INBOX), "unsupported_alg"),
        case("alg as an array", sign(r#"{"alg":["HS256"]}"#, INBOX), "unsupported_alg"),
        case("alg null", sign(r#"{"alg":null}"#, INBOX), "unsupported_alg"),
        case("alg as a number", sign(r#"{"alg":256}"#, INBOX), "unsupported_alg"),
        case("missing alg", sign(r#"{"typ":"JWT"}"#, INBOX), "unsupported_alg"),
        case("empty header object", sign("{}", INBOX), "unsupported_alg"),
        case("RFC 7515 A.2 RS256 example", RFC7515_A2_RS256, "unsupported_alg"),
        case(
            "RFC 7515 A.2 payload re-signed as HS256 with the RSA key's PEM text",
            sign_encoded(pem, "eyJhbGciOiJIUzI1NiJ9", segments(RFC7515_A2_RS256).1),
            "bad_signature",
        ),
        // PyJWT tests/test_advisory.py (GHSA-ffqj-6fqr-9h24): HS256 keyed with an ssh-ed25519
        // public key, and the genuine EdDSA / ES256 tokens beside them.
        case(
            "PyJWT advisory: HS256 keyed with an ssh-ed25519 public key",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ0ZXN0IjoxMjM0fQ.6ulDpqSlbHmQ8bZXhZRLFko9SwcHrghCwh8d-exJEE4",
            "bad_signature",
        ),
        case(
            "PyJWT advisory: HS256 keyed with an ecdsa-sha2-nistp256 public key",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0ZXN0IjoxMjM0fQ.5eYfbrbeGYmWfypQ6rMWXNZ8bdHcqKng5GPr9MJZITU",
            "bad_signature",
        ),
        case(
            "PyJWT advisory: genuine EdDSA token",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJ0ZXN0IjoxMjM0fQ.M5y1EEavZkHSlj9i8yi9nXKKyPBSAUhDRTOYZi3zZY11tZItDaR3qwAye8pc74_lZY3Ogt9KPNFbVOSGnUBHDg",
            "unsupported_alg",
        ),
        case(
            "PyJWT advisory: genuine ES256 token",
            "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0ZXN0IjoxMjM0fQ.NX42mS8cNqYoL3FOW9ZcKw8Nfq2mb6GqJVADeMA1-kyHAclilYo_edhdM_5eav9tBRQTlL0XMeu_WFE_mz3OXg",
            "unsupported_alg",
        ),
        // node-jsonwebtoken test/jwt.malicious.tests.js: HS256 keyed with an RSA public key,
        // `kid` naming the RSA key.
        case(
            "node-jsonwebtoken: HS256 with an RSA public key and its kid",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InJzYUtleUlkIn0.eyJmb28iOiJiYXIiLCJpYXQiOjE2NTk1MTA2MDh9.cOcHI1TXPbxTMlyVTfjArSWskrmezbrG8iR7uJHwtrQ",
            "bad_signature",
        ),
        // jsonwebtoken (Rust) tests/hmac.rs: an HS512 token.
        case(
            "jsonwebtoken crate: HS512 token",
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiQGIuY29tIiwiY29tcGFueSI6IkFDTUUiLCJleHAiOjI1MzI1MjQ4OTF9.fLxey-hxAKX5rNHHIx1_Ch0KmrbiuoakDVbsJjLWrx8fbjKjrPuWMYEJzTU3SBnYgnZokC-wqSdqckXUOunC-g",
            "unsupported_alg",
        ),
    ]
}

pub(crate) fn embedded_key_cases() -> Vec<Case> {
    let attacker = b"attacker's own key";
    let jwk = format!(
        r#"{{"alg":"HS256","jwk":{{"kty":"oct","k":"{}"}}}}"#,
        b64(attacker)
    );
    vec![
        case(
            "jwk header carrying the signer's own key (CVE-2018-0114 style)",
            sign_with(attacker, &jwk, INBOX),
            "bad_signature",
        ),
        case(
            "kid pointing at /dev/null, signed with an empty key",
            sign_with(
                b"",
                r#"{"alg":"HS256","kid":"../../../../dev/null"}"#,
                INBOX,
            ),
            "bad_signature",
        ),
        case(
            "jku and x5u headers, signed with another key",
            sign_with(
                attacker,
                r#"{"alg":"HS256","jku":"https://evil.example/jwks","x5u":"https://evil.example/c"}"#,
                INBOX,
            ),
            "bad_signature",
        ),
    ]
}

pub(crate) fn signature_cases() -> Vec<Case> {
    let good = sign(HS256, INBOX);
    let (header, payload, _) = segments(&good);
    let tag = hmac(KEY.as_bytes(), &format!("{header}.{payload}"));
    let other = sign(
        HS256,
        r#"{"scope":"user_id:admin inbox:read:messages","iat":1669649050}"#,
    );
    let mut long = tag.to_vec();
    long.push(0);
    vec![
        case("empty signature", format!("{header}.{payload}."), "bad_signature"),
        case(
            "signature truncated to 16 bytes",
            format!("{header}.{payload}.{}", b64(&tag[..16])),
            "bad_signature",
        ),
        case(
            "signature truncated to 31 bytes",
            format!("{header}.{payload}.{}", b64(&tag[..31])),
            "bad_signature",
        ),
        case(
            "signature with a byte appended",
            format!("{header}.{payload}.{}", b64(&long)),
            "bad_signature",
        ),
        case(
            "signature twice over",
            format!("{header}.{payload}.{}", b64([tag, tag].concat())),
            "bad_signature",
        ),
        case(
            "signature of all zero bytes",
            format!("{header}.{payload}.{}", b64([0u8; 32])),
            "bad_signature",
        ),
        case(
            "signature from a foreign key",
            sign_with(b"sk_test_124", HS256, INBOX),
            "bad_signature",
        ),
        case(
            "signature from an empty key when the key is not empty",
            sign_with(b"", HS256, INBOX),
            "bad_signature",
        ),
        case(
            "signature of another token",
            format!("{header}.{payload}.{}", segments(&other).2),
            "bad_signature",
        ),
        case(
            "signature over the signing input with a trailing dot",
            format!("{header}.{payload}.{}", b64(hmac(KEY.as_bytes(), &format!("{header}.{payload}.")))),
            "bad_signature",
        ),
        case(
            "signature over the decoded JSON instead of the encoded input",
            format!("{header}.{payload}.{}", b64(hmac(KEY.as_bytes(), &format!("{HS256}.{INBOX}")))),
            "bad_signature",
        ),
        case(
            "b64:false (RFC 7797) without crit: signature over the raw payload",
            {
                let header = b64(r#"{"alg":"HS256","b64":false}"#);
                format!("{header}.{payload}.{}", b64(hmac(KEY.as_bytes(), &format!("{header}.{INBOX}"))))
            },
            "bad_signature",
        ),
        // jsonwebtoken (Rust) tests/hmac.rs: signed with the bytes 01 02 03.
        case(
            "jsonwebtoken crate: token for the key 01 02 03",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiQGIuY29tIiwiY29tcGFueSI6IkFDTUUiLCJleHAiOjI1MzI1MjQ4OTF9.Hm0yvKH25TavFPz7J_coST9lZFYH1hQo0tvhvImmaks",
            "bad_signature",
        ),
        case(
            "jsonwebtoken crate: the same token with its own key",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiQGIuY29tIiwiY29tcGFueSI6IkFDTUUiLCJleHAiOjI1MzI1MjQ4OTF9.Hm0yvKH25TavFPz7J_coST9lZFYH1hQo0tvhvImmaks",
            "",
        )
        .key(b"\x01\x02\x03")
        .valid(),
    ]
}

pub(crate) fn tampering_cases() -> Vec<Case> {
    let good = sign(HS256, INBOX);
    let (header, payload, signature) = segments(&good);
    let swap_payload = |json: &str| format!("{header}.{}.{signature}", b64(json));
    vec![
        case(
            "payload: another user",
            swap_payload(&INBOX.replace("user_id:u1", "user_id:u2")),
            "bad_signature",
        ),
        case(
            "payload: later exp",
            swap_payload(&INBOX.replace("1669652650", "9999999999")),
            "bad_signature",
        ),
        case(
            "payload: same claims, other whitespace",
            swap_payload(&INBOX.replace(',', ", ")),
            "bad_signature",
        ),
        case(
            "payload: exp removed",
            swap_payload(
                r#"{"scope":"user_id:u1 inbox:read:messages inbox:write:events","iat":1669649050}"#,
            ),
            "bad_signature",
        ),
        case(
            "header: same members, other order",
            format!(
                "{}.{payload}.{signature}",
                b64(r#"{"typ":"JWT","alg":"HS256"}"#)
            ),
            "bad_signature",
        ),
        case(
            "header and payload swapped",
            format!("{payload}.{header}.{signature}"),
            "unsupported_alg",
        ),
    ]
}
