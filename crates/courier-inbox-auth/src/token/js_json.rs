//! JSON written as JavaScript's `JSON.stringify` writes what `JSON.parse` read, so a `--claim`
//! value lands in the token byte for byte as Node `jsonwebtoken` puts it there. Three things
//! differ from serde_json's own writer: a number is a JavaScript number (an IEEE double written
//! by ECMAScript's `Number::toString`: `1.0` is `1`, `1e21` is `1e+21`, `-0` is `0`,
//! `12345678901234567890` is `12345678901234567000`); an object's keys that are array indices
//! (`"0"` to `"4294967294"`) come first, in ascending order, as JavaScript keeps them; and
//! strings are escaped by [`push_json_string`]. Reading the value (and refusing what Node would
//! read differently) is the `--claim` option's business, not this module's.

use serde_json::{Map, Number, Value};

/// Appends `value` to `out` exactly as `JSON.stringify(JSON.parse(text))` writes it, where
/// `text` is any JSON serde_json read into `value`.
pub fn push_js_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(ryu_js::Buffer::new().format(as_js_number(number))),
        Value::String(text) => push_json_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                push_js_json(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => push_js_object(out, members),
    }
}

/// The double JavaScript reads for `number`'s digits: the nearest, ties to even (what `as`
/// does for integers, and what serde_json's `float_roundtrip` parse gives for the others).
pub fn as_js_number(number: &Number) -> f64 {
    if let Some(unsigned) = number.as_u64() {
        unsigned as f64
    } else if let Some(signed) = number.as_i64() {
        signed as f64
    } else {
        number.as_f64().unwrap_or(f64::NAN)
    }
}

/// True when JavaScript's number for `number` has another value than its digits: an integer
/// past 2^53 that no double holds exactly.
pub fn loses_digits(number: &Number) -> bool {
    let exact = number
        .as_u64()
        .map(i128::from)
        .or_else(|| number.as_i64().map(i128::from));
    exact.is_some_and(|exact| as_js_number(number) as i128 != exact)
}

fn push_js_object(out: &mut String, members: &Map<String, Value>) {
    let mut indices: Vec<(u32, &String, &Value)> = members
        .iter()
        .filter_map(|(name, value)| array_index(name).map(|index| (index, name, value)))
        .collect();
    indices.sort_unstable_by_key(|(index, _, _)| *index);
    let named = members
        .iter()
        .filter(|(name, _)| array_index(name).is_none());
    out.push('{');
    let ordered = indices.into_iter().map(|(_, name, value)| (name, value));
    for (position, (name, value)) in ordered.chain(named).enumerate() {
        if position > 0 {
            out.push(',');
        }
        push_json_string(out, name);
        out.push(':');
        push_js_json(out, value);
    }
    out.push('}');
}

/// `name` as an array index, if JavaScript takes it for one: the canonical decimal form of an
/// integer from 0 to 2^32 - 2 (so not `"01"`, `"-1"` or `"4294967295"`).
pub fn array_index(name: &str) -> Option<u32> {
    let index: u32 = name.parse().ok()?;
    (index != u32::MAX && index.to_string() == name).then_some(index)
}

/// Appends `text` as a JSON string, escaped exactly as `JSON.stringify` does: `"` and `\`, the
/// short escapes `\b \f \n \r \t`, other control characters as lowercase `\u00xx`, and nothing
/// else (not `/`, not U+2028, not non-ASCII).
pub fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !needs_escape(text.as_bytes()) {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut clean_from = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[clean_from..index]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        clean_from = index + 1;
    }
    out.push_str(&text[clean_from..]);
    out.push('"');
}

/// True when `bytes` holds a control character, `"` or `\`. Looks at eight bytes at a time
/// (the classic "has a zero byte" bit trick, exact for "any"): ids and scopes almost never need
/// escaping, and this check runs for every token.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let suspect = |word: u64| {
        // A byte below 0x20 (bytes >= 0x80 cannot borrow into a false hit), `"`, `\`.
        word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
            || has_zero(word ^ (ONES * u64::from(b'"')))
            || has_zero(word ^ (ONES * u64::from(b'\\')))
    };
    let word_at = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    // Whole words, then the last eight bytes (overlapping the words already looked at).
    (0..bytes.len() / 8).any(|index| suspect(word_at(index * 8)))
        || suspect(word_at(bytes.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_json_stringify() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c/d\u{1}\n\u{2028}é");
        assert_eq!(out, "\"a\\\"b\\\\c/d\\u0001\\n\u{2028}é\"");
        let serde = serde_json::to_string("a\"b\\c/d\u{1}\n\u{2028}é\u{7f}\u{8}").unwrap();
        let mut ours = String::new();
        push_json_string(&mut ours, "a\"b\\c/d\u{1}\n\u{2028}é\u{7f}\u{8}");
        assert_eq!(ours, serde);
    }

    #[test]
    fn word_at_a_time_escape_check_agrees_with_bytewise() {
        let bytewise = |t: &[u8]| t.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for special in (0u8..=0x7f).chain([0x80, 0x9f, 0xa0, 0xdc, 0xe2, 0xff]) {
            for at in 0..20 {
                for len in at + 1..21 {
                    let mut text = vec![b'a'; len];
                    text[at] = special;
                    assert_eq!(
                        needs_escape(&text),
                        bytewise(&text),
                        "{special:#x} at {at}/{len}"
                    );
                    let mut high = vec![0xffu8; len];
                    high[at] = special;
                    assert_eq!(needs_escape(&high), bytewise(&high), "{special:#x} in 0xff");
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    fn js(text: &str) -> String {
        let value: Value = serde_json::from_str(text).unwrap();
        let mut out = String::new();
        push_js_json(&mut out, &value);
        out
    }

    #[test]
    fn numbers_as_javascript_writes_them() {
        for (text, node) in [
            ("1.0", "1"),
            ("1e2", "100"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("12345678901234567890", "12345678901234567000"),
            ("1e21", "1e+21"),
            ("1e-7", "1e-7"),
            ("0.000001", "0.000001"),
            ("0.30000000000000004", "0.30000000000000004"),
            ("9007199254740993", "9007199254740992"),
            ("-12345678901234567890", "-12345678901234567000"),
            ("5e-324", "5e-324"),
        ] {
            assert_eq!(js(text), node, "{text}");
        }
    }

    #[test]
    fn index_keys_first_as_javascript_orders_them() {
        assert_eq!(
            js(r#"{"b":1,"10":2,"2":3,"01":4,"4294967295":5,"a":{"1":[1.0],"x":-0}}"#),
            r#"{"2":3,"10":2,"b":1,"01":4,"4294967295":5,"a":{"1":[1],"x":0}}"#
        );
        assert_eq!(js(r#"{"a":1,"b":2,"a":3}"#), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn only_integers_past_two_to_the_53_lose_digits() {
        let lossy = |text: &str| loses_digits(&serde_json::from_str(text).unwrap());
        assert!(lossy("12345678901234567890"));
        assert!(lossy("9007199254740993"));
        assert!(!lossy("9007199254740992"));
        assert!(!lossy("1.0"));
        assert!(!lossy("-0"));
    }
}
