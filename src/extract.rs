//! Finding the token in what a person pastes: a bare token, `Bearer ...`,
//! `Authorization: Bearer ...`, a quoted string, or a JWT somewhere inside a copied request,
//! log line or JSON body. `verify` only peels the header wrapping; `inspect` searches.

/// Strips surrounding whitespace, an `Authorization:` header name and a `Bearer ` prefix
/// (both case-insensitive), as `verify` accepts them.
pub fn strip_token_wrapping(text: &str) -> &str {
    // The common case, a bare token: nothing to trim at either end, and no `Authorization:` or
    // `Bearer` to strip (those start with a or b). Bulk `verify` takes this path for every line.
    if let (Some(first), Some(last)) = (text.as_bytes().first(), text.as_bytes().last()) {
        if first.is_ascii_graphic()
            && !matches!(first.to_ascii_lowercase(), b'a' | b'b')
            && last.is_ascii_graphic()
        {
            return text;
        }
    }
    unwrap_token(text)
}

/// [`strip_token_wrapping`] without its fast path.
fn unwrap_token(text: &str) -> &str {
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

/// Characters that can appear in a (possibly malformed) token segment.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

/// The first JWT-looking run in `text`: preferably one whose header starts `eyJ` (base64 of
/// `{"`), else any run of three dot-separated segments with a non-empty header and payload.
pub fn find_token(text: &str) -> Option<&str> {
    let candidates: Vec<&str> = text
        .split(|c: char| !is_token_char(c))
        .map(|run| run.trim_start_matches(['.', '/', '+', '=']))
        .map(drop_sentence_dot)
        .filter(|run| looks_like_jwt(run))
        .collect();
    candidates
        .iter()
        .find(|run| run.starts_with("eyJ"))
        .or_else(|| candidates.first())
        .copied()
}

/// `a.b.c.` at the end of a sentence: drop the full stop, keeping `a.b.` (an unsigned token).
fn drop_sentence_dot(run: &str) -> &str {
    match run.strip_suffix('.') {
        Some(shorter) if run.matches('.').count() == 3 => shorter,
        _ => run,
    }
}

fn looks_like_jwt(run: &str) -> bool {
    let segments: Vec<&str> = run.split('.').collect();
    segments.len() == 3
        && !segments[0].is_empty()
        && !segments[1].is_empty()
        && segments[0].len() >= 4
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
            assert_eq!(strip_token_wrapping(text), unwrap_token(text), "{text:?}");
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

    #[test]
    fn finds_tokens_in_pasted_text() {
        for pasted in [
            TOKEN.to_string(),
            format!("Bearer {TOKEN}"),
            format!("authorization: Bearer {TOKEN}"),
            format!("\"{TOKEN}\""),
            format!("curl -H 'Authorization: Bearer {TOKEN}' https://api.courier.com/x"),
            format!("{{\"token\":\"{TOKEN}\"}}"),
            format!("see https://example.com/a.b.c then {TOKEN}."),
        ] {
            assert_eq!(find_token(&pasted), Some(TOKEN), "{pasted}");
        }
        assert_eq!(find_token("nothing here, v1.2.3 only"), None);
        assert_eq!(
            find_token("eyJhbGciOiJub25lIn0.eyJhIjoxfQ."),
            Some("eyJhbGciOiJub25lIn0.eyJhIjoxfQ.")
        );
    }
}
