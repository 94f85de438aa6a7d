//! `inspect`'s search for a token in pasted text, and `verify`'s peeling of `Bearer ` /
//! `Authorization:` wrapping: never panic (they slice strings by byte offsets, so a bad offset
//! would split a UTF-8 character), and what they return is always a piece of the input.

#![no_main]

use courier_token::extract::{find_token, strip_token_wrapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let stripped = strip_token_wrapping(text);
    assert!(text.contains(stripped));
    assert_eq!(stripped, stripped.trim());

    if let Some(found) = find_token(text) {
        assert!(text.contains(found));
        let segments: Vec<&str> = found.split('.').collect();
        assert_eq!(segments.len(), 3, "{found:?}");
        assert!(!segments[0].is_empty() && !segments[1].is_empty());
    }
});
