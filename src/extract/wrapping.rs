//! The wrapping a token carries when it is pasted on its own: surrounding whitespace, an
//! `Authorization:` header name and a `Bearer ` prefix. Peeling it is the fast path of bulk
//! `verify` (a bare token per line) and how `pasted_secret` gets at a key pasted in a token's
//! place. Finding a token inside other text is the rest of `extract`.

/// Strips surrounding whitespace, an `Authorization:` header name and a `Bearer ` prefix
/// (both case-insensitive).
pub fn strip_token_wrapping(text: &str) -> &str {
    // The common case, a bare token: nothing to trim at either end, and no `Authorization:` or
    // `Bearer` to strip (those start with a or b). Bulk `verify` takes this path for every line.
    if is_bare(text) {
        return text;
    }
    strip_wrapping_in_full(text)
}

/// True when [`strip_token_wrapping`] has nothing to strip, judged by the first and last byte.
pub fn is_bare(text: &str) -> bool {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_graphic()
                && !matches!(first.to_ascii_lowercase(), b'a' | b'b')
                && last.is_ascii_graphic()
        }
        _ => false,
    }
}

/// [`strip_token_wrapping`] without its fast path.
fn strip_wrapping_in_full(text: &str) -> &str {
    let mut rest = text.trim();
    rest = strip_prefix_ignore_case(rest, "authorization:").map_or(rest, str::trim_start);
    rest = strip_prefix_ignore_case(rest, "bearer ").map_or(rest, str::trim_start);
    rest.trim_end()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bare_token_shortcut_changes_nothing() {
        for text in [
            "eyJ.x.y",
            " eyJ.x.y",
            "eyJ.x.y\u{a0}",
            "\u{a0}eyJ.x.y",
            "\u{b}eyJ",
            "Bearer eyJ",
            "bearer\teyJ",
            "authorization: x",
            "AUTHORIZATION:bearer x",
            "a",
            "b",
            "Bx",
            "x ",
            "",
            " ",
            "é",
            "xé",
        ] {
            assert_eq!(
                strip_token_wrapping(text),
                strip_wrapping_in_full(text),
                "{text:?}"
            );
        }
    }

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InUifQ.c2ln";

    #[test]
    fn peels_header_wrapping() {
        assert_eq!(
            strip_token_wrapping(&format!("  Authorization: Bearer {TOKEN}\r\n")),
            TOKEN
        );
        assert_eq!(strip_token_wrapping(&format!("bearer {TOKEN}")), TOKEN);
        assert_eq!(strip_token_wrapping(TOKEN), TOKEN);
    }
}
