//! Strict verification and lenient decoding of arbitrary tokens: `verify_token`, `decode_token`
//! and `inspect_token` must return a verdict or a report for any input, never panic, and a
//! "valid" verdict must only ever be given to a well-formed HS256 token signed with the key.
//!
//! Random bytes almost never carry a matching HMAC, so half the inputs are split into a header
//! and a payload that are then encoded and *signed* with the key: that drives the fuzzer past
//! the signature check into the JSON, algorithm, `crit` and time-claim logic.

#![no_main]

use courier_token::inspection::{inspect_token, InspectionInputs};
use courier_token::token::{
    base64url, decode_token, verify_token, verify_token_with_json, Policy, Signer,
};
use libfuzzer_sys::fuzz_target;

const KEY: &[u8] = b"sk_fuzz_key";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let signer = Signer::from_bytes(KEY);
    let token = if mode & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        // header bytes, 0x00, payload bytes: encoded and signed like a real token.
        let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let header = &rest[..cut];
        let payload = rest.get(cut + 1..).unwrap_or(&[]);
        let input = format!(
            "{}.{}",
            base64url::encode(header),
            base64url::encode(payload)
        );
        let tag = signer.sign(input.as_bytes());
        format!("{input}.{}", base64url::encode(&tag))
    };
    let policy = Policy {
        now: i64::from(mode >> 1) * 13_000_000,
        leeway: i64::from(mode & 0x0e),
        user_id: (mode & 0x10 != 0).then(|| "u1".to_string()),
        required_scopes: if mode & 0x20 != 0 {
            vec!["inbox:read:messages".to_string()]
        } else {
            Vec::new()
        },
        require_exp: mode & 0x40 != 0,
        audiences: if mode & 0x80 != 0 {
            vec!["courier".to_string()]
        } else {
            Vec::new()
        },
    };

    let verdict = verify_token_with_json(&token, &signer, &policy);
    assert_eq!(
        verify_token(&token, &signer, &policy).rejection,
        verdict.rejection
    );
    if verdict.is_valid() {
        assert!(verdict.signature_matched);
        let segments: Vec<&str> = token.split('.').collect();
        assert_eq!(segments.len(), 3);
        let header = verdict.header.as_ref().expect("a valid token has a header");
        assert_eq!(header.get("alg").and_then(|a| a.as_str()), Some("HS256"));
        assert!(!header.contains_key("crit"));
        assert!(verdict.claims.is_some());
        let signed = &token[..segments[0].len() + 1 + segments[1].len()];
        let tag = base64url::decode_strict(segments[2]).expect("strict base64url");
        assert!(signer.verify(signed.as_bytes(), &tag));
        // `expires_at` is rounded down; decide with `exp` as written (it may be fractional).
        // The verifier compares the exact digits; `claims` holds them rounded to a float, which
        // can land on now - leeway itself (1700000000.000000001), hence `<=`.
        let exp = verdict.claims.as_ref().and_then(|claims| claims.get("exp"));
        if let Some(exp) = exp.and_then(|exp| exp.as_f64()) {
            assert!((policy.now as f64) <= exp + policy.leeway as f64);
        }
    }
    if verdict.claims.is_some() {
        assert!(verdict.header.is_some() && verdict.signature_matched);
    }

    let decoded = decode_token(&token);
    if verdict.is_valid() {
        assert_eq!(decoded.header.object, verdict.header);
        assert_eq!(decoded.payload.object, verdict.claims);
    }
    for signer in [None, Some(&signer)] {
        let inspection = inspect_token(
            &token,
            InspectionInputs {
                now: policy.now,
                expected_tenant_id: Some("1b1e953f-0ebb-47ad-beab-f579bd606eb1"),
                signer,
                zone: None,
            },
        );
        let _ = inspection.to_json().to_string();
    }
});
