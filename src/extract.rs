//! Finding the token in what a person pastes: a bare token, `Bearer ...`,
//! `Authorization: Bearer ...`, a quoted string, or a JWT somewhere inside a copied request,
//! log line or JSON body. `verify` peels known wrappings only ([`unwrap_token`]), so nothing
//! around a token is silently ignored; `inspect` searches ([`find_token`]).

use std::borrow::Cow;

use crate::token::strict_json::parse_object;

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
    strip_wrapping_in_full(text)
}

/// [`strip_token_wrapping`] without its fast path.
fn strip_wrapping_in_full(text: &str) -> &str {
    let mut rest = text.trim();
    rest = strip_prefix_ignore_case(rest, "authorization:").map_or(rest, str::trim_start);
    rest = strip_prefix_ignore_case(rest, "bearer ").map_or(rest, str::trim_start);
    rest.trim_end()
}

/// The token in text that is exactly one of the forms this tool reads and writes: a bare token,
/// `Bearer ...` or `Authorization: Bearer ...` ([`strip_token_wrapping`]), a JSON string
/// (`"eyJ..."`), or a JSON object with a `"token"` member (Courier's Issue Token API response,
/// `issue --json`, a line of bulk `issue --json`). Anything else comes back stripped, for the
/// verifier to reject; a JSON object with duplicate members is not unwrapped.
pub fn unwrap_token(text: &str) -> Cow<'_, str> {
    let stripped = strip_token_wrapping(text);
    let inner = if stripped.starts_with('"') {
        serde_json::from_str::<String>(stripped).ok()
    } else if stripped.starts_with('{') {
        parse_object(stripped.as_bytes())
            .ok()
            .and_then(|object| match object.get("token") {
                Some(serde_json::Value::String(token)) => Some(token.clone()),
                _ => None,
            })
    } else {
        None
    };
    match inner {
        Some(inner) => Cow::Owned(strip_token_wrapping(&inner).to_string()),
        None => Cow::Borrowed(stripped),
    }
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

    #[test]
    fn unwraps_the_forms_this_tool_reads_and_writes() {
        for wrapped in [
            TOKEN.to_string(),
            format!("\"{TOKEN}\""),
            format!("{{\"token\": \"{TOKEN}\"}}"),
            format!("{{\"user_id\":\"a\",\"token\":\"{TOKEN}\"}}\r"),
            format!("Bearer \"{TOKEN}\""),
        ] {
            assert_eq!(unwrap_token(&wrapped), TOKEN, "{wrapped}");
        }
        let duplicated = format!("{{\"token\":\"{TOKEN}\",\"token\":\"x\"}}");
        assert_eq!(unwrap_token(&duplicated), duplicated);
        assert_eq!(
            unwrap_token(&format!("{TOKEN} junk")),
            format!("{TOKEN} junk")
        );
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
