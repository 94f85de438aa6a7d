//! The one extractor `verify`, `inspect` and `doctor` share, and the peeling of `Bearer ` /
//! `Authorization:` wrapping: never panic (they slice strings by byte offsets, so a bad offset
//! would split a UTF-8 character); the stripped text is a piece of the input, and a token found
//! has three segments.

#![no_main]

use courier_token::extract::{extract_text, strip_token_wrapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let stripped = strip_token_wrapping(text);
    assert!(text.contains(stripped));
    assert_eq!(stripped, stripped.trim());

    let extraction = extract_text(text);
    let _ = extraction.notes();
    let _ = extraction.request();
    if let Some(found) = extraction.token() {
        // Not always a piece of the input: JSON escapes are decoded, wrapped lines joined.
        let segments: Vec<&str> = found.split('.').collect();
        assert_eq!(segments.len(), 3, "{found:?}");
        assert!(!segments[0].is_empty() && !segments[1].is_empty());
    }
});
