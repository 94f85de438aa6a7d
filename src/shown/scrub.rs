//! Keeping a secret (the API key, or the token `doctor` sends) out of text a server or the
//! network hands back, before it is quoted in an error: the secret is looked for in every
//! spelling a server may echo it in — whole or in part (the key less its first or last
//! character, any stretch of half of it, at least 12 characters), in any ASCII case, hex, base64
//! (standard or URL-safe, inside longer text), JSON-escaped — in a view of the text with the
//! wrapping decoded (`%xx`, `\uXXXX`, `\xXX`, `\/`) and what could split it taken out (line
//! breaks, spaces, other control and invisible characters, terminal escape sequences). Each
//! stretch found is replaced by `<redacted>` in the original text; only then are control
//! characters folded and the rest escaped (`printable`) and cut short.

use std::borrow::Cow;

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use memchr::memmem;

use crate::shown::printable::printable;

/// Longest piece of server text quoted in an error.
pub(crate) const MAX_QUOTED_CHARS: usize = 300;

/// Shortest spelling of the secret worth hiding: a shorter one would redact innocent text.
const MIN_FORM: usize = 8;

/// Shortest part of a long spelling that is hidden on its own.
const MIN_PART: usize = 12;

/// `text` made fit for one line on stderr: every spelling of `secret` replaced by
/// `<redacted>`, control characters and runs of whitespace folded into single spaces, what a
/// terminal would act on escaped, cut to a few hundred characters.
pub fn scrub_secret(text: &str, secret: &[u8]) -> String {
    let redacted = redact(text, secret);
    let folded = redacted
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let shown = printable(&folded).into_owned();
    match shown.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{}...", &shown[..cut]),
        None => shown,
    }
}

/// `text` with each stretch that spells (part of) `secret` replaced by `<redacted>`.
fn redact(text: &str, secret: &[u8]) -> String {
    let view = View::of(text);
    let mut hidden = vec![false; text.len()];
    for needle in needles(secret) {
        for at in memmem::find_iter(&view.bytes, &needle) {
            let start = view.starts[at];
            let end = view.ends[at + needle.len() - 1];
            hidden[start..end].iter_mut().for_each(|flag| *flag = true);
        }
    }
    let mut result = String::with_capacity(text.len());
    let mut in_hidden = false;
    for (at, c) in text.char_indices() {
        if hidden[at..at + c.len_utf8()].iter().any(|&flag| flag) {
            if !in_hidden {
                result.push_str("<redacted>");
            }
            in_hidden = true;
        } else {
            result.push(c);
            in_hidden = false;
        }
    }
    result
}

/// What to look for, ASCII lower-cased: each spelling of the secret (as it is, hex, base64 of
/// any text holding it, with `/` JSON-escaped or not), whole and — when long — every stretch
/// of half of it (at least [`MIN_PART`] bytes), and the secret less its first or last byte.
fn needles(secret: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![
        secret.to_ascii_lowercase(),
        hex::encode(secret).into_bytes(),
    ];
    forms.extend(base64_forms(secret));
    if secret.len() > MIN_FORM {
        forms.push(secret[1..].to_ascii_lowercase());
        forms.push(secret[..secret.len() - 1].to_ascii_lowercase());
    }
    // The secret itself, however short; other spellings only when long enough to be telling.
    let mut needles = vec![secret.to_ascii_lowercase()];
    needles.retain(|needle| !needle.is_empty());
    for form in forms.into_iter().filter(|form| form.len() >= MIN_FORM) {
        let part = form.len().div_ceil(2).max(MIN_PART).min(form.len());
        needles.extend(form.windows(part).map(<[u8]>::to_vec));
    }
    needles.sort();
    needles.dedup();
    needles
}

/// Base64, standard and URL-safe, of any text containing `secret`, lower-cased: the stretch of
/// characters that depends only on the secret, at each of the three alignments it can start at.
fn base64_forms(secret: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = Vec::new();
    for engine in [STANDARD_NO_PAD, URL_SAFE_NO_PAD] {
        for offset in 0..3 {
            let mut bytes = vec![0u8; offset];
            bytes.extend_from_slice(secret);
            let encoded = engine.encode(&bytes);
            let start = (offset * 8).div_ceil(6);
            let end = (bytes.len() * 8) / 6;
            if let Some(fragment) = encoded.get(start..end) {
                forms.push(fragment.to_ascii_lowercase().into_bytes());
            }
        }
    }
    forms
}

/// The text as the secret is looked for in it: lower-cased, wrapping decoded, separators taken
/// out, each byte remembering the stretch of the original it came from.
struct View {
    bytes: Vec<u8>,
    /// Where in the original text each byte of the view starts and ends.
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl View {
    fn of(text: &str) -> Self {
        let mut view = View {
            bytes: Vec::with_capacity(text.len()),
            starts: Vec::with_capacity(text.len()),
            ends: Vec::with_capacity(text.len()),
        };
        let raw = text.as_bytes();
        let mut at = 0;
        while at < raw.len() {
            let (decoded, length) = decode_at(text, at);
            if let Some(byte) = decoded {
                view.bytes.push(byte.to_ascii_lowercase());
                view.starts.push(at);
                view.ends.push(at + length);
            }
            at += length;
        }
        view
    }
}

/// What the original text holds at byte `at`: the byte it stands for (`None` for a separator
/// or escape sequence to leave out) and how many bytes of the original that takes.
fn decode_at(text: &str, at: usize) -> (Option<u8>, usize) {
    let raw = &text.as_bytes()[at..];
    let hex_byte = |digits: &[u8]| {
        std::str::from_utf8(digits)
            .ok()
            .and_then(|digits| u8::from_str_radix(digits, 16).ok())
    };
    match raw {
        [b'%', a, b, ..] if hex_byte(&[*a, *b]).is_some() => (hex_byte(&[*a, *b]), 3),
        [b'\\', b'x', a, b, ..] if hex_byte(&[*a, *b]).is_some() => (hex_byte(&[*a, *b]), 4),
        [b'\\', b'u', b'0', b'0', a, b, ..] if hex_byte(&[*a, *b]).is_some() => {
            (hex_byte(&[*a, *b]), 6)
        }
        [b'\\', b'/', ..] => (Some(b'/'), 2),
        [b'\\', b'n' | b'r' | b't', ..] => (None, 2),
        [0x1b, ..] => (None, escape_sequence_length(raw)),
        [byte, ..] if byte.is_ascii() => {
            let separator = byte.is_ascii_whitespace() || byte.is_ascii_control();
            ((!separator).then_some(*byte), 1)
        }
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            let invisible =
                c.is_whitespace() || matches!(printable(c.encode_utf8(&mut [0; 4])), Cow::Owned(_));
            // Any other character stands for itself, as a byte no key holds.
            ((!invisible).then_some(0xff), c.len_utf8())
        }
    }
}

/// How long the terminal escape sequence at the start of `raw` (an ESC) is: CSI (`ESC [` ...
/// a final byte), OSC (`ESC ]` ... BEL or `ESC \`), or ESC and one more byte.
fn escape_sequence_length(raw: &[u8]) -> usize {
    match raw.get(1) {
        Some(b'[') => raw[2..]
            .iter()
            .position(|byte| (0x40..=0x7e).contains(byte))
            .map_or(raw.len(), |end| end + 3),
        Some(b']') => {
            let body = &raw[2..];
            let bel = body
                .iter()
                .position(|&byte| byte == 0x07)
                .map(|end| end + 3);
            let st = memmem::find(body, b"\x1b\\").map(|end| end + 4);
            bel.into_iter().chain(st).min().unwrap_or(raw.len())
        }
        Some(_) => 2,
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    const KEY: &str = "sk_live_4eC39HqLyjW/arjtT1zdp7dc";

    fn every_byte(prefix: &str, hex_case_upper: bool) -> String {
        KEY.bytes()
            .map(|byte| {
                let hex = format!("{byte:02x}");
                let hex = if hex_case_upper {
                    hex.to_uppercase()
                } else {
                    hex
                };
                format!("{prefix}{hex}")
            })
            .collect()
    }

    /// Every spelling issue 15 asks to catch, each inside a server's sentence.
    fn echoes() -> Vec<String> {
        let (front, back) = KEY.split_at(KEY.len() / 2);
        vec![
            KEY.to_string(),
            KEY.to_uppercase(),
            KEY.to_lowercase(),
            KEY[1..].to_string(),
            KEY[..KEY.len() - 1].to_string(),
            front.to_string(),
            back.to_string(),
            KEY[8..24].to_string(),
            format!("{front}\n{back}"),
            format!("{front}\r\n{back}"),
            format!("{front}\t{back}"),
            format!("{front} {back}"),
            format!("{front}\u{1b}[0m{back}"),
            format!("{front}\u{1b}]0;title\u{7}{back}"),
            format!("{front}\u{200b}{back}"),
            format!("{front}\u{202e}{back}"),
            format!("{front}\\n{back}"),
            every_byte("%", false),
            every_byte("%", true),
            every_byte("", false),
            every_byte("", true),
            every_byte("\\u00", false),
            every_byte("\\x", false),
            KEY.replace('/', "%2F"),
            KEY.replace('/', "\\/"),
            STANDARD.encode(KEY),
            URL_SAFE_NO_PAD.encode(KEY),
            STANDARD.encode(format!("Bearer {KEY}")),
            STANDARD.encode(format!("x:{KEY}")),
            STANDARD.encode(format!("ab{KEY}")).replace('/', "\\/"),
        ]
    }

    #[test]
    fn every_spelling_of_the_key_is_hidden() {
        let forms = echoes();
        assert!(forms.len() >= 29);
        for echo in forms {
            let shown = scrub_secret(&format!("unknown key {echo} here"), KEY.as_bytes());
            assert!(shown.contains("<redacted>"), "{echo:?} -> {shown}");
            assert!(
                shown.starts_with("unknown key ") && shown.ends_with(" here"),
                "{shown}"
            );
            let lower = shown.to_ascii_lowercase();
            let key = KEY.to_ascii_lowercase();
            for part in key.as_bytes().windows(8) {
                let part = std::str::from_utf8(part).unwrap();
                assert!(!lower.contains(part), "{echo:?} -> {shown} shows {part}");
            }
        }
    }

    #[test]
    fn innocent_text_is_kept_and_escaped() {
        let key = KEY.as_bytes();
        assert_eq!(scrub_secret("nothing secret", key), "nothing secret");
        assert_eq!(
            scrub_secret("bad\r\n  request\u{202e}x \u{1b}[2K", key),
            "bad request\\u{202e}x [2K"
        );
        assert_eq!(
            scrub_secret(&"x".repeat(400), key).len(),
            MAX_QUOTED_CHARS + 3
        );
        assert_eq!(
            scrub_secret("sk_live_ is a prefix", key),
            "sk_live_ is a prefix"
        );
        assert_eq!(scrub_secret("é日本 %zz \\x", key), "é日本 %zz \\x");
    }

    #[test]
    fn a_short_secret_is_hidden_whole() {
        let key = b"sk_canary";
        assert_eq!(
            scrub_secret("bad key sk_canary\r\n  try\tagain", key),
            "bad key <redacted> try again"
        );
        assert_eq!(scrub_secret("k_canary", key), "<redacted>");
        assert_eq!(scrub_secret("canary", key), "canary");
    }
}
