//! Properties over generated inputs (proptest): verification and inspection answer every input
//! without panicking; a minted token verifies for any valid user id, catalogue scopes and
//! lifetime; and changing any one byte of a valid token makes it invalid. Case counts are kept
//! moderate so the suite stays fast; the fuzzers in `fuzz/` search far longer.

use courier_token::expires_in::ExpiresIn;
use courier_token::extract::{extract_text, strip_token_wrapping};
use courier_token::inspection::{inspect_token, InspectionInputs};
use courier_token::scope::{build_scope, user_id_of, ScopeRequest, CATALOGUE};
use courier_token::token::{
    decode_token, verify_token, verify_token_with_json, ClaimTemplate, Minter, Policy, Signer,
};
use proptest::prelude::*;

const KEY: &[u8] = b"sk_test_123";
const NOW: i64 = 1_669_649_050;

fn policy() -> Policy {
    Policy {
        now: NOW,
        ..Policy::default()
    }
}

/// Text that looks like a token often enough to get past the first checks: base64url-ish
/// segments, dots, and now and then anything at all.
fn tokenish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_=+/.-]{0,120}",
        "eyJ[A-Za-z0-9_-]{0,60}\\.eyJ[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,43}",
        any::<String>(),
    ]
}

/// A user id `validate_user_id` accepts: no whitespace or control characters.
fn user_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_@.:|-]{1,40}",
        "\\PC{1,20}".prop_filter("no whitespace", |s| !s.chars().any(char::is_whitespace)),
    ]
}

/// A scope from Courier's catalogue, with a generated id where the entry has a placeholder.
fn catalogue_scope() -> impl Strategy<Value = String> {
    (0..CATALOGUE.len(), "[a-z0-9-]{1,12}").prop_map(|(index, id)| {
        let pattern = CATALOGUE[index].pattern;
        match (pattern.find('<'), pattern.find('>')) {
            (Some(open), Some(close)) => {
                format!("{}{id}{}", &pattern[..open], &pattern[close + 1..])
            }
            _ => pattern.to_string(),
        }
    })
}

/// A lifetime in Courier's grammar, or a bare number of seconds, that lands in the future.
fn lifetime() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..100_000).prop_map(|n| n.to_string()),
        (
            1u32..1000,
            prop::sample::select(vec!["s", "m", "h", "d", "w", "y", " days", " hrs", "min"])
        )
            .prop_map(|(n, unit)| format!("{n}{unit}")),
        (1u32..48, 1u32..60).prop_map(|(h, m)| format!("{h}h {m}m")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn verify_and_inspect_answer_any_text(text in tokenish()) {
        let signer = Signer::from_bytes(KEY);
        let verdict = verify_token(&text, &signer, &policy());
        prop_assert!(verdict.rejection.is_some() || verdict.signature_matched);
        let shown = verify_token_with_json(&text, &signer, &policy());
        prop_assert_eq!(shown.is_valid(), verdict.is_valid());
        prop_assert!(shown.claims.is_none() || shown.signature_matched);
        let _ = decode_token(&text);
        for signer in [None, Some(&signer)] {
            let inspection = inspect_token(&text, InspectionInputs { now: NOW, expected_tenant_id: Some("t"), signer, zone: None });
            let _ = inspection.to_json().to_string();
        }
        let extraction = extract_text(&text);
        if let Some(found) = extraction.token() {
            prop_assert_eq!(found.split('.').count(), 3);
        }
        let _ = extraction.notes();
        prop_assert!(text.contains(strip_token_wrapping(&text)));
    }

    #[test]
    fn verify_and_inspect_answer_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        let verdict = verify_token(&text, &Signer::from_bytes(KEY), &policy());
        prop_assert!(!verdict.is_valid());
        let _ = inspect_token(&text, InspectionInputs { now: NOW, ..InspectionInputs::default() }).to_json();
    }

    #[test]
    fn minted_tokens_verify(
        user_ids in prop::collection::vec(user_id(), 1..4),
        scopes in prop::collection::vec(catalogue_scope(), 0..6),
        lifetime in lifetime(),
        iat in 0i64..4_000_000_000,
        key in prop::collection::vec(any::<u8>(), 1..100),
        jti in prop::option::of("[a-f0-9-]{36}"),
    ) {
        let scope = match build_scope(&ScopeRequest { user_ids: &user_ids, scopes: &scopes, ..ScopeRequest::default() }) {
            Ok(scope) => scope,
            // Only user_id:<id> scopes given: refused by design.
            Err(_) => return Ok(()),
        };
        let exp = ExpiresIn::parse(&lifetime).unwrap().expiry_after(iat).unwrap();
        let template = ClaimTemplate { iat, exp: Some(exp), ..ClaimTemplate::default() };
        let token = Minter::new(Signer::from_bytes(&key), &template).mint(&scope, jti.as_deref());
        let now = iat;
        for user in &user_ids {
            let policy = Policy {
                now,
                user_id: Some(user.clone()),
                required_scopes: scope.split(' ').filter(|s| user_id_of(s).is_none()).map(str::to_string).collect(),
                require_exp: true,
                ..Policy::default()
            };
            let verdict = verify_token(&token, &Signer::from_bytes(&key), &policy);
            prop_assert!(verdict.is_valid(), "{token}: {:?}", verdict.rejection);
            prop_assert_eq!(verdict.expires_at, u64::try_from(exp).ok());
        }
        // A different key never verifies it.
        let mut other = key.clone();
        other[0] ^= 1;
        prop_assert!(!verify_token(&token, &Signer::from_bytes(&other), &policy()).is_valid());
    }

    #[test]
    fn changing_any_byte_invalidates_a_token(
        user in user_id(),
        position in any::<prop::sample::Index>(),
        replacement in any::<u8>(),
    ) {
        let scope = build_scope(&ScopeRequest { user_ids: &[user], ..ScopeRequest::default() }).unwrap();
        let template = ClaimTemplate { iat: NOW, exp: Some(NOW + 3600), ..ClaimTemplate::default() };
        let token = Minter::new(Signer::from_bytes(KEY), &template).mint(&scope, Some("jti"));
        prop_assert!(verify_token(&token, &Signer::from_bytes(KEY), &policy()).is_valid());

        let mut bytes = token.into_bytes();
        let at = position.index(bytes.len());
        prop_assume!(bytes[at] != replacement);
        bytes[at] = replacement;
        let mutated = String::from_utf8_lossy(&bytes);
        let verdict = verify_token(&mutated, &Signer::from_bytes(KEY), &policy());
        prop_assert!(!verdict.is_valid(), "byte {at} -> {replacement:#04x} still verifies: {mutated}");
    }
}

/// The exhaustive form of the property above for one real-shaped token: every position, every
/// other byte value.
#[test]
fn every_single_byte_change_is_rejected() {
    let template = ClaimTemplate {
        tenant_scope: Some("published/production".to_string()),
        tenant_id: Some("1b1e953f-0ebb-47ad-beab-f579bd606eb1".to_string()),
        iat: NOW,
        exp: Some(NOW + 3600),
        ..ClaimTemplate::default()
    };
    let signer = Signer::from_bytes(KEY);
    let token = Minter::new(signer.clone(), &template).mint(
        "user_id:smokey12345 inbox:read:messages inbox:write:events",
        Some("6a8ed7d6-229b-4629-9cdc-68fb9c6dd580"),
    );
    assert!(verify_token(&token, &signer, &policy()).is_valid());
    let mut bytes = token.clone().into_bytes();
    for at in 0..bytes.len() {
        let original = bytes[at];
        for replacement in (0..=u8::MAX).filter(|&b| b != original) {
            bytes[at] = replacement;
            let mutated = String::from_utf8_lossy(&bytes);
            assert!(
                !verify_token(&mutated, &signer, &policy()).is_valid(),
                "byte {at} {original:#04x} -> {replacement:#04x} still verifies"
            );
        }
        bytes[at] = original;
    }
}
