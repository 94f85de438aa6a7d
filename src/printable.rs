//! Text from an unverified token or a server made safe for a terminal, shared by `inspect` and
//! `doctor`. Only escaping lives here; what to print is the caller's business.

use std::borrow::Cow;

/// Text from an unverified token made safe for a terminal: control characters (newlines, ANSI
/// escapes, BEL) and the invisible or reordering format characters (bidi overrides, zero-width
/// spaces, BOM) are written as `\u{..}` escapes, so a hostile token can neither forge lines of
/// this report (a fake "signature: matches") nor hide or recolour them.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let needs_escape = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
    };
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_what_a_terminal_would_act_on() {
        assert!(matches!(printable("user_id:smokey"), Cow::Borrowed(_)));
        assert_eq!(printable("é日本"), "é日本");
        assert_eq!(
            printable("a\nb\u{1b}[2Kc\u{7}"),
            "a\\u{a}b\\u{1b}[2Kc\\u{7}"
        );
        assert_eq!(printable("x\u{202e}y\u{200b}"), "x\\u{202e}y\\u{200b}");
    }
}
