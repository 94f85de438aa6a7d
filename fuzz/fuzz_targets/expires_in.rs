//! The time parsers a user types into: `--expires-in` (`ExpiresIn::parse`, the `ms` grammar in
//! `parse_ms`, and `expiry_after`), `--now` (`clock::parse_now`) and `--leeway`. None may panic,
//! and a time they accept must never wrap: every `exp` and `now` lies within 1970..=9999.

#![no_main]

use courier_token::clock::{parse_now, MAX_TIMESTAMP};
use courier_token::commands::verify::parse_leeway;
use courier_token::expires_in::{parse_ms, ExpiresIn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u64, &str)| {
    let (seed, text) = input;
    let iat = (seed % (MAX_TIMESTAMP as u64 + 1)) as i64;

    if let Some(ms) = parse_ms(text) {
        assert!(ms.is_finite(), "{text:?} gave {ms}");
    }
    if let Ok(lifetime) = ExpiresIn::parse(text) {
        assert!(lifetime.milliseconds().is_finite());
        if let Ok(exp) = lifetime.expiry_after(iat) {
            assert!(
                (0..=MAX_TIMESTAMP).contains(&exp),
                "{text:?} at {iat} gave {exp}"
            );
        }
    }
    if let Ok(now) = parse_now(text) {
        assert!((0..=MAX_TIMESTAMP).contains(&now), "{text:?} gave {now}");
    }
    if let Ok(leeway) = parse_leeway(text) {
        assert!(leeway >= 0);
    }
});
