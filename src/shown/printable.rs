//! The one escaping rule for untrusted text on stdout and stderr, in every command: claims of
//! an unverified or verified token, user ids and scopes, headers `doctor --dry-run` shows, what
//! a server or the network said, anything a user typed that an error quotes (through the run's
//! `Redaction::quoted`, in `quoting`). Only escaping lives here; what to print is the caller's
//! business.

use std::borrow::Cow;

/// Text made safe for a terminal: control characters (newlines, ANSI escapes, BEL, NUL, DEL,
/// C1) and the invisible, reordering or line-breaking characters (bidi controls and isolates,
/// U+061C, U+2028/2029, zero-width characters, soft hyphen, U+180E, Hangul fillers, tag
/// characters, BOM, interlinear annotations) are written as `\u{..}` escapes, so hostile text
/// can neither forge lines of a report (a fake "signature: matches") nor hide or recolour them.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let plain_ascii = text.bytes().all(|byte| (0x20..0x7f).contains(&byte));
    if plain_ascii || !text.chars().any(needs_escape) {
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

/// Serialized JSON made as safe for a terminal as [`printable`] text, meaning unchanged: each
/// character [`printable`] escapes that the JSON still holds raw (DEL, C1 controls, bidi,
/// invisible characters...) is written as a JSON `\uXXXX` escape (a surrogate pair above
/// U+FFFF). Such characters only occur inside JSON strings, where the escape stands for them.
pub(crate) fn printable_json(json: &str) -> Cow<'_, str> {
    let plain_ascii = json.bytes().all(|byte| (0x20..0x7f).contains(&byte));
    if plain_ascii || !json.chars().any(needs_escape) {
        return Cow::Borrowed(json);
    }
    let mut shown = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_escape(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                shown.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// True for a character a terminal would act on, or that would hide, reorder or break text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_json_keeps_the_meaning() {
        let value = serde_json::json!({"u": "a\u{7f}\u{202e}b\u{e0041}\n\"é"});
        let raw = value.to_string();
        let shown = printable_json(&raw);
        assert_eq!(shown, r#"{"u":"a\u007f\u202eb\udb40\udc41\n\"é"}"#);
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value);
        assert!(matches!(printable_json(r#"{"a":1}"#), Cow::Borrowed(_)));
    }

    #[test]
    fn printable_escapes_what_a_terminal_would_act_on() {
        assert!(matches!(printable("user_id:smokey"), Cow::Borrowed(_)));
        assert_eq!(printable("é日本"), "é日本");
        assert_eq!(
            printable("a\nb\u{1b}[2Kc\u{7}"),
            "a\\u{a}b\\u{1b}[2Kc\\u{7}"
        );
        assert_eq!(printable("x\u{202e}y\u{200b}"), "x\\u{202e}y\\u{200b}");
        for hidden in [
            '\0',
            '\u{7f}',
            '\u{85}',
            '\u{61c}',
            '\u{2028}',
            '\u{2029}',
            '\u{2066}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{ad}',
            '\u{180e}',
            '\u{115f}',
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{200d}',
            '\u{feff}',
            '\u{2060}',
        ] {
            let shown = printable(&format!("a{hidden}b")).into_owned();
            assert_eq!(shown, format!("a\\u{{{:x}}}b", hidden as u32));
        }
    }
}
