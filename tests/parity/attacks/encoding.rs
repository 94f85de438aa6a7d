//! Attacks on the encoding: segment counts, every way base64url can be bent, JSON that is not an
//! object or says a key twice, and `crit`.

use super::forge::*;
use crate::common::KEY;

pub(crate) fn segment_cases() -> Vec<Case> {
    let good = sign(HS256, INBOX);
    let (header, payload, signature) = segments(&good);
    vec![
        case("empty string", "", "malformed_segments"),
        case(
            "one segment (jsonwebtoken crate)",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            "malformed_segments",
        ),
        case(
            "two segments",
            format!("{header}.{payload}"),
            "malformed_segments",
        ),
        case(
            "two segments (PyJWT test_decode_missing_segments)",
            "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJoZWxsbyI6ICJ3b3JsZCJ9",
            "malformed_segments",
        ),
        case(
            "four segments",
            format!("{good}.{signature}"),
            "malformed_segments",
        ),
        case(
            "four segments, empty last",
            format!("{good}."),
            "malformed_segments",
        ),
        case(
            "five segments (JWE shape)",
            format!(
                "{}.{signature}.{signature}.{payload}.{signature}",
                b64(r#"{"alg":"dir","enc":"A128GCM"}"#)
            ),
            "malformed_segments",
        ),
        case("only dots", "..", "malformed_header"),
        case("three dots", "...", "malformed_segments"),
        case(
            "empty header and payload",
            format!("..{signature}"),
            "malformed_header",
        ),
    ]
}

pub(crate) fn base64_cases() -> Vec<Case> {
    let good = sign(HS256, INBOX);
    let (header, payload, signature) = segments(&good);
    // Segments whose lengths leave unused bits, to bend.
    let odd = sign(
        r#"{"alg":"HS256","x":12}"#,
        r#"{"scope":"user_id:u1 inbox:read:messages","iat":1}"#,
    );
    let (odd_header, odd_payload, odd_signature) = segments(&odd);
    // A token whose three segments all use '-' or '_', to spell in the standard alphabet.
    let urlsafe = (0usize..)
        .map(|n| {
            sign(
                &format!(
                    r#"{{"alg":"HS256","typ":"JWT","kid":"{}?>"}}"#,
                    "?".repeat(n % 3)
                ),
                &format!(
                    r#"{{"scope":"user_id:u1 inbox:read:messages","n":"{}?>{n}"}}"#,
                    "?".repeat(n % 5)
                ),
            )
        })
        .find(|token| token.split('.').all(|s| s.contains(['-', '_'])))
        .unwrap();
    let (u_header, u_payload, u_signature) = segments(&urlsafe);
    let standard = |s: &str| s.replace('-', "+").replace('_', "/");
    vec![
        case("padding on the header", format!("{header}=.{payload}.{signature}"), "malformed_base64"),
        case("padding on the payload", format!("{header}.{payload}==.{signature}"), "malformed_base64"),
        case("padding on the signature", format!("{header}.{payload}.{signature}="), "malformed_base64"),
        case(
            "padding inside a segment",
            format!("{}={}.{payload}.{signature}", &header[..4], &header[4..]),
            "malformed_base64",
        ),
        case(
            "properly padded segments (standard base64 habit)",
            format!("{odd_header}==.{odd_payload}=.{odd_signature}="),
            "malformed_base64",
        ),
        case(
            "standard alphabet in the header",
            format!("{}.{u_payload}.{u_signature}", standard(u_header)),
            "malformed_base64",
        ),
        case(
            "standard alphabet in the payload",
            format!("{u_header}.{}.{u_signature}", standard(u_payload)),
            "malformed_base64",
        ),
        case(
            "standard alphabet in the signature",
            format!("{u_header}.{u_payload}.{}", standard(u_signature)),
            "malformed_base64",
        ),
        case(
            "non-canonical trailing bits in the header",
            format!("{}.{odd_payload}.{odd_signature}", with_noncanonical_tail(odd_header)),
            "malformed_base64",
        ),
        case(
            "non-canonical trailing bits in the payload",
            format!("{odd_header}.{}.{odd_signature}", with_noncanonical_tail(odd_payload)),
            "malformed_base64",
        ),
        case(
            "non-canonical trailing bits in the signature (same bytes, another string)",
            format!("{odd_header}.{odd_payload}.{}", with_noncanonical_tail(odd_signature)),
            "malformed_base64",
        ),
        case(
            "impossible length (PyJWT test_decode_invalid_header_padding)",
            "aeyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "malformed_base64",
        ),
        case(
            "padded header (PyJWT test_decode_invalid_header_string)",
            "eyJhbGciOiAiSFMyNTbpIiwgInR5cCI6ICJKV1QifQ==.eyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "malformed_base64",
        ),
        case(
            "impossible payload length (PyJWT test_decode_invalid_payload_padding)",
            "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.aeyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "malformed_base64",
        ),
        case(
            "impossible signature length (PyJWT test_decode_invalid_crypto_padding)",
            "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJoZWxsbyI6ICJ3b3JsZCJ9.aatvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "malformed_base64",
        ),
        case(
            "signature 'wrong' (jsonwebtoken crate)",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiQGIuY29tIiwiY29tcGFueSI6IkFDTUUifQ.wrong",
            "malformed_base64",
        ),
        case(
            "one-character signature (jsonwebtoken crate)",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJjb21wYW55IjoiMTIzNDU2Nzg5MCIsInN1YiI6IkpvaG4gRG9lIn0.S",
            "malformed_base64",
        ),
        case("a space inside", format!("{header}.{} {}.{signature}", &payload[..8], &payload[8..]), "malformed_base64"),
        case("a NUL inside", format!("{header}.{payload}\0.{signature}"), "malformed_base64"),
        case("non-ASCII inside", format!("{header}.{payload}é.{signature}"), "malformed_base64"),
        case("a star inside", format!("{header}*.{payload}.{signature}"), "malformed_base64"),
    ]
}

pub(crate) fn json_cases() -> Vec<Case> {
    let good = sign(HS256, INBOX);
    let (_, payload, signature) = segments(&good);
    let nested = format!(
        "{{\"scope\":{}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    vec![
        case("header not JSON", format!("{}.{payload}.{signature}", b64("not json")), "malformed_header"),
        case("header a JSON number", sign("1", INBOX), "malformed_header"),
        case(
            "header a JSON number (PyJWT test_decode_with_non_mapping_header)",
            "MQ.eyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "malformed_header",
        ),
        case("header a JSON string", sign(r#""{\"alg\":\"HS256\"}""#, INBOX), "malformed_header"),
        case("header a JSON array", sign(r#"[{"alg":"HS256"}]"#, INBOX), "malformed_header"),
        case("header null", sign("null", INBOX), "malformed_header"),
        case("header with trailing data", sign(r#"{"alg":"HS256"}x"#, INBOX), "malformed_header"),
        case("header two objects", sign(r#"{"alg":"HS256"}{"alg":"none"}"#, INBOX), "malformed_header"),
        case("header with a byte-order mark", sign("\u{feff}{\"alg\":\"HS256\"}", INBOX), "malformed_header"),
        case(
            "header not UTF-8",
            sign_encoded(KEY.as_bytes(), &b64(b"{\"alg\":\"HS256\",\"x\":\"\xff\"}"), payload),
            "malformed_header",
        ),
        case(
            "header with a lone surrogate",
            sign(r#"{"alg":"HS256","x":"\ud800"}"#, INBOX),
            "malformed_header",
        ),
        case("header with alg twice", sign(r#"{"alg":"HS256","alg":"HS256"}"#, INBOX), "duplicate_key"),
        case(
            "header with alg twice, once escaped",
            sign(r#"{"alg":"HS256","\u0061lg":"none"}"#, INBOX),
            "duplicate_key",
        ),
        case(
            "header with a nested duplicate",
            sign(r#"{"alg":"HS256","jwk":{"k":"a","k":"b"}}"#, INBOX),
            "duplicate_key",
        ),
        case("payload not JSON", sign(HS256, "not json"), "malformed_payload"),
        case("payload a JSON number", sign(HS256, "1"), "malformed_payload"),
        case("payload a JSON string", sign(HS256, r#""user_id:u1""#), "malformed_payload"),
        case("payload a JSON array", sign(HS256, "[1,2]"), "malformed_payload"),
        case("payload empty", sign(HS256, ""), "malformed_payload"),
        case("payload with trailing data", sign(HS256, &format!("{INBOX} x")), "malformed_payload"),
        case("payload nested 10 000 deep", sign(HS256, &nested), "malformed_payload"),
        case("payload with 1e400 (beyond f64) outside the time claims", sign(HS256, r#"{"x":1e400}"#), "malformed_payload"),
        case(
            "payload not JSON (PyJWT test_decode_invalid_payload_string)",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.aGVsbG8gd29ybGQ.SIr03zM64awWRdPrAM_61QWsZchAtgDV3pphfHPPWkI",
            "malformed_payload",
        )
        .key(b"secret"),
        case(
            "payload a JSON number (PyJWT test_decode_with_non_mapping_payload)",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.MQ.AbcSR3DWum91KOgfKxUHm78rLs_DrrZ1CrDgpUFFzls",
            "malformed_payload",
        )
        .key(b"secret"),
        case(
            "payload with scope twice (smuggling a second user)",
            sign(HS256, r#"{"scope":"user_id:u1 inbox:read:messages","scope":"user_id:admin inbox:read:messages"}"#),
            "duplicate_key",
        ),
        case("payload with exp twice", sign(HS256, r#"{"exp":1,"exp":9999999999}"#), "duplicate_key"),
        case(
            "payload with a nested duplicate",
            sign(HS256, r#"{"scope":"user_id:u1","ctx":{"role":"user","role":"admin"}}"#),
            "duplicate_key",
        ),
    ]
}

pub(crate) fn crit_cases() -> Vec<Case> {
    vec![
        case(
            "crit naming exp",
            sign(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, INBOX),
            "crit_header",
        ),
        case(
            "crit empty",
            sign(r#"{"alg":"HS256","crit":[]}"#, INBOX),
            "crit_header",
        ),
        case(
            "crit null",
            sign(r#"{"alg":"HS256","crit":null}"#, INBOX),
            "crit_header",
        ),
        case(
            "crit as a string",
            sign(r#"{"alg":"HS256","crit":"b64"}"#, INBOX),
            "crit_header",
        ),
        case(
            "crit b64 (RFC 7797 unencoded payload)",
            sign(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, INBOX),
            "crit_header",
        ),
        case(
            "crit with a bad signature: crit is decided first",
            sign_with(b"other", r#"{"alg":"HS256","crit":["x"]}"#, INBOX),
            "crit_header",
        ),
    ]
}
