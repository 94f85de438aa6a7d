//! The fast path of [`super::claims::parse_claims`] for the payloads Courier and this tool
//! write: one flat object, no whitespace, keys and string values of plain ASCII (no escapes),
//! numbers that are whole and non-negative, no `aud`, no key twice. Such a payload is read in
//! one pass with no allocation. Anything else — nesting, escapes, non-ASCII, fractions and
//! exponents, signs, `true`, `null`, an audience, whitespace, a repeated key, trailing bytes — is
//! not judged here at all: the caller falls back to the strict parser, so this path can never
//! accept what that parser refuses, nor read a payload differently (the tests hold the two to
//! the same answers).

use std::borrow::Cow;

use super::claim_values::{ClaimsSummary, NumericDate, TimeClaim};

/// Most keys the fast path tracks for its duplicate check; more go to the strict parser.
const MAX_KEYS: usize = 16;
/// Most digits of a number read here: any 19-digit number fits in a u64.
const MAX_DIGITS: usize = 19;

enum Plain<'a> {
    Text(&'a str),
    Whole(u64),
}

/// The summary of a payload in the plain layout, or `None` to ask the strict parser.
pub(crate) fn parse_plain_claims(bytes: &[u8]) -> Option<ClaimsSummary<'_>> {
    let mut summary = ClaimsSummary::empty();
    let body = bytes.strip_prefix(b"{")?.strip_suffix(b"}")?;
    if body.is_empty() {
        return Some(summary);
    }
    let mut keys = [Key::default(); MAX_KEYS];
    let mut count = 0;
    let mut rest = body;
    loop {
        let (text, after_key) = plain_string(rest)?;
        let key = Key::read(text);
        if count == MAX_KEYS || keys[..count].contains(&key) {
            return None;
        }
        keys[count] = key;
        count += 1;
        if key == AUD {
            // Courier's tokens carry no audience; the strict parser reads any that is there.
            return None;
        }
        let after_colon = after_key.strip_prefix(b":")?;
        let (value, after_value) = plain_value(after_colon)?;
        if key == SCOPE {
            summary.scope = match value {
                Plain::Text(text) => Some(Cow::Borrowed(text)),
                Plain::Whole(_) => None,
            };
        } else if key == EXP {
            summary.exp = time_claim(value);
        } else if key == NBF {
            summary.nbf = time_claim(value);
        } else if key == IAT {
            summary.iat = time_claim(value);
        }
        match after_value.split_first() {
            None => return Some(summary),
            Some((b',', next)) => rest = next,
            Some(_) => return None,
        }
    }
}

/// An object key, compared by its length and first eight bytes before its text.
#[derive(Clone, Copy, Default, Eq)]
struct Key<'a> {
    text: &'a [u8],
    head: u64,
}

const SCOPE: Key<'static> = Key::new(b"scope");
const EXP: Key<'static> = Key::new(b"exp");
const NBF: Key<'static> = Key::new(b"nbf");
const IAT: Key<'static> = Key::new(b"iat");
const AUD: Key<'static> = Key::new(b"aud");

impl<'a> Key<'a> {
    /// [`Key::new`] computed in registers: a short key is gathered byte by byte rather than
    /// copied into a buffer and reloaded (which stalls store-to-load forwarding).
    fn read(text: &'a [u8]) -> Self {
        let head = match text.first_chunk::<8>() {
            Some(first) => u64::from_le_bytes(*first),
            None => text
                .iter()
                .rev()
                .fold(0u64, |head, &byte| head << 8 | u64::from(byte)),
        };
        Key { text, head }
    }

    const fn new(text: &'a [u8]) -> Self {
        let mut head = [0u8; 8];
        let mut index = 0;
        while index < text.len() && index < 8 {
            head[index] = text[index];
            index += 1;
        }
        Key {
            text,
            head: u64::from_le_bytes(head),
        }
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.head == other.head
            && self.text.len() == other.text.len()
            && (self.text.len() <= 8 || self.text == other.text)
    }
}

fn time_claim(value: Plain<'_>) -> TimeClaim {
    match value {
        Plain::Whole(seconds) => TimeClaim::Date(NumericDate::Whole(seconds)),
        Plain::Text(_) => TimeClaim::NotANumber("string"),
    }
}

/// A `"..."` of ASCII other than control characters, `"` and `\`, and what follows it.
fn plain_string(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let inner = bytes.strip_prefix(b"\"")?;
    let end = plain_prefix_len(inner);
    if inner.get(end) != Some(&b'"') {
        return None;
    }
    Some((&inner[..end], &inner[end + 1..]))
}

/// How many leading bytes are plain string content: ASCII, not a control character, not `"`,
/// not `\`. Eight bytes at a time: the lowest flagged byte of a word is exact (a borrow only
/// starts at a byte that is itself flagged).
fn plain_prefix_len(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let flagged = (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
            | (word & HIGHS)
            | zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')));
        if flagged != 0 {
            return offset + (flagged.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    offset
        + words
            .remainder()
            .iter()
            .take_while(|&&b| (0x20..0x80).contains(&b) && b != b'"' && b != b'\\')
            .count()
}

/// A plain string, or a whole number without sign, fraction, exponent or leading zero.
fn plain_value(bytes: &[u8]) -> Option<(Plain<'_>, &[u8])> {
    if bytes.first() == Some(&b'"') {
        let (text, rest) = plain_string(bytes)?;
        // Printable ASCII is UTF-8.
        return Some((Plain::Text(std::str::from_utf8(text).ok()?), rest));
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > MAX_DIGITS || (digits > 1 && bytes[0] == b'0') {
        return None;
    }
    let number = bytes[..digits]
        .iter()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    Some((Plain::Whole(number), &bytes[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::claims::parse_claims_strict;

    /// Whenever the fast path answers, the strict parser gives the same answer.
    fn agrees(input: &[u8]) -> bool {
        match parse_plain_claims(input) {
            Some(fast) => {
                assert_eq!(
                    Ok(fast),
                    parse_claims_strict(input),
                    "{}",
                    String::from_utf8_lossy(input)
                );
                true
            }
            None => false,
        }
    }

    #[test]
    fn keys_read_at_run_time_equal_the_constants() {
        for text in [
            &b""[..],
            b"a",
            b"exp",
            b"scope",
            b"1234567",
            b"12345678",
            b"tenant_scope",
        ] {
            let (read, built) = (Key::read(text), Key::new(text));
            assert_eq!(read.head, built.head);
            assert!(read == built);
        }
        assert!(Key::read(b"tenant_scopf") != Key::new(b"tenant_scope"));
        assert!(Key::read(b"exp") != Key::new(b"nbf"));
    }

    #[test]
    fn plain_prefix_agrees_with_bytewise() {
        let plain = |b: u8| (0x20..0x80).contains(&b) && b != b'"' && b != b'\\';
        for special in 0..=255u8 {
            for at in 0..18 {
                for len in at..19 {
                    let mut text = vec![b'a'; len];
                    if at < len {
                        text[at] = special;
                    }
                    let expected = text.iter().take_while(|&&b| plain(b)).count();
                    assert_eq!(plain_prefix_len(&text), expected, "{special:#x} {at}/{len}");
                    text.iter_mut().skip(at + 1).for_each(|b| *b = 0);
                    let expected = text.iter().take_while(|&&b| plain(b)).count();
                    assert_eq!(
                        plain_prefix_len(&text),
                        expected,
                        "{special:#x} {at}/{len} 0"
                    );
                }
            }
        }
    }

    #[test]
    fn reads_courier_payloads_as_the_strict_parser_does() {
        for input in [
            &br#"{"scope":"user_id:smokey12345 inbox:read:messages inbox:write:events","tenant_scope":"published/production","tenant_id":"1b1e953f-0ebb-47ad-beab-f579bd606eb1","iat":1669649050,"exp":1669821850,"jti":"6a8ed7d6-229b-4629-9cdc-68fb9c6dd580"}"#[..],
            br#"{"scope":"user_id:u inbox:read:messages","iat":1,"jti":"x"}"#,
            br#"{}"#,
            br#"{"scope":7,"exp":"soon","nbf":0,"iat":18446744073709551}"#,
            b"{\"a\":\"\",\"b\":0,\"c\":\"~ !#\",\"d\":\"\x7f\"}",
            br#"{"exp":9999999999999999999}"#,
        ] {
            assert!(agrees(input), "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn leaves_everything_unusual_to_the_strict_parser() {
        for input in [
            &br#"{"scope":"a","scope":"b"}"#[..],
            br#"{"exp":1,"exp":2}"#,
            br#"{"exp":1.5}"#,
            br#"{"exp":1e3}"#,
            br#"{"exp":-1}"#,
            br#"{"exp":01}"#,
            br#"{"exp":18446744073709551616}"#,
            br#"{"exp":10000000000000000000}"#,
            br#"{"exp":null}"#,
            br#"{"aud":"x"}"#,
            br#"{"scope":"a","aud":["x"]}"#,
            br#"{"exp":true}"#,
            br#"{"x":{"a":1}}"#,
            br#"{"x":[1]}"#,
            br#"{"scope":"a\"b"}"#,
            br#"{"scope":"\u0061"}"#,
            "{\"scope\":\"\u{e9}\"}".as_bytes(),
            b"{\"scope\":\"a\tb\"}",
            br#"{ "exp":1}"#,
            br#"{"exp" :1}"#,
            br#"{"exp":1 }"#,
            br#"{"exp":1}x"#,
            br#"{"exp":1} "#,
            br#"{"exp":1,}"#,
            br#"{,}"#,
            br#"{"exp"}"#,
            br#"{"exp":}"#,
            br#"{"exp":1"nbf":2}"#,
            br#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17}"#,
            b"[1]",
            b"{",
            b"}",
            b"",
            b"\xff",
        ] {
            assert!(!agrees(input), "{}", String::from_utf8_lossy(input));
        }
    }

    /// Every prefix, every one-byte change and every one-byte deletion of a Courier payload:
    /// the fast path either agrees with the strict parser or stays out.
    #[test]
    fn mutations_never_split_the_two_parsers() {
        let payload =
            br#"{"scope":"user_id:a b","tenant_id":"t","iat":10,"exp":20,"nbf":0,"jti":"j"}"#;
        let replacements = b"\"\\{}[],:0123456789-+.eE tn\x00\x7f\xc3a";
        for cut in 0..=payload.len() {
            agrees(&payload[..cut]);
            let mut deleted = payload.to_vec();
            if cut < payload.len() {
                deleted.remove(cut);
                agrees(&deleted);
                for &byte in replacements {
                    let mut changed = payload.to_vec();
                    changed[cut] = byte;
                    agrees(&changed);
                }
            }
        }
    }
}
