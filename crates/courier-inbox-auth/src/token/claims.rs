//! Reading a verified payload for the checks `verify` makes, without building a JSON tree:
//! the `scope` string, the `exp`/`nbf`/`iat` time claims and the `aud` audience, borrowed from
//! the input where possible. The parse is as strict as `strict_json::parse_object` (objects only, no duplicate
//! key at any depth), so the fast path never accepts what the full parse would refuse.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::claim_values::{Audience, ClaimsSummary, NumericDate, TimeClaim};
use super::strict_json::{duplicate_key_error, problem_from_serde, JsonProblem};

/// Parses a payload strictly, keeping only what the checks need. Payloads in Courier's own
/// plain layout take a one-pass fast path (`fast_claims`); everything else, this parser.
pub fn parse_claims(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    match super::fast_claims::parse_plain_claims(bytes) {
        Some(summary) => Ok(summary),
        None => parse_claims_strict(bytes),
    }
}

/// [`parse_claims`] without the fast path.
pub fn parse_claims_strict(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    let top: Value<'_> = serde_json::from_slice(bytes).map_err(|err| problem_from_serde(&err))?;
    match top {
        Value::Claims(summary) => Ok(summary),
        other => Err(JsonProblem::NotObject(other.kind())),
    }
}

/// One JSON value, reduced to what matters here; nested containers are checked and dropped.
enum Value<'a> {
    Str(Cow<'a, str>),
    /// Any number outside the time claims (those are read from their text).
    Number,
    Other(&'static str),
    /// A top-level object read as claims.
    Claims(ClaimsSummary<'a>),
}

impl Value<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Number => "number",
            Value::Other(kind) => kind,
            Value::Claims(_) => "object",
        }
    }
}

/// A time claim, read from its JSON text: a number exactly from its digits (never through a
/// float, so nothing is rounded and no exponent is too large to read), anything else checked
/// as strictly as any other value and named by its type.
fn time_claim_from_raw<E: serde::de::Error>(raw: &RawValue) -> Result<TimeClaim, E> {
    let text = raw.get();
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(match NumericDate::from_decimal(text) {
            Some(date) => TimeClaim::Date(date),
            None => TimeClaim::OutOfRange(text.to_string()),
        });
    }
    let Nested(value) = serde_json::from_str::<Nested<'_>>(text).map_err(|error| {
        match problem_from_serde(&error) {
            JsonProblem::DuplicateKey(key) => duplicate_key_error(&key),
            _ => E::custom(error),
        }
    })?;
    Ok(TimeClaim::NotANumber(value.kind()))
}

/// Keys seen in one object: a short list, or a set once the object is large.
enum SeenKeys<'a> {
    Few(Vec<Cow<'a, str>>),
    Many(HashSet<Cow<'a, str>>),
}

impl<'a> SeenKeys<'a> {
    /// Records `key`; false if it was already there.
    fn insert(&mut self, key: Cow<'a, str>) -> bool {
        match self {
            SeenKeys::Few(keys) if keys.len() < 16 => {
                if keys.contains(&key) {
                    return false;
                }
                keys.push(key);
                true
            }
            SeenKeys::Few(keys) => {
                let mut set: HashSet<Cow<'a, str>> = keys.drain(..).collect();
                let fresh = set.insert(key);
                *self = SeenKeys::Many(set);
                fresh
            }
            SeenKeys::Many(set) => set.insert(key),
        }
    }
}

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Deserializes any value; `top` says whether an object is the payload itself.
struct ValueVisitor {
    top: bool,
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor { top: true })
    }
}

struct Nested<'a>(Value<'a>);

impl<'de> Deserialize<'de> for Nested<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor { top: false })
            .map(Nested)
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Value<'de>, E> {
        Ok(Value::Other("boolean"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Other("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        while seq.next_element::<Nested<'de>>()?.is_some() {}
        Ok(Value::Other("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut seen = SeenKeys::Few(Vec::new());
        let mut summary = ClaimsSummary::empty();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if self.top && key == "aud" {
                summary.aud = map.next_value::<AudienceClaim<'de>>()?.0;
                if !seen.insert(key.clone()) {
                    return Err(duplicate_key_error(&key));
                }
                continue;
            }
            let time_claim = match key.as_ref() {
                "exp" if self.top => Some(&mut summary.exp),
                "nbf" if self.top => Some(&mut summary.nbf),
                "iat" if self.top => Some(&mut summary.iat),
                _ => None,
            };
            if let Some(claim) = time_claim {
                *claim = time_claim_from_raw(map.next_value::<&'de RawValue>()?)?;
            } else {
                let Nested(value) = map.next_value::<Nested<'de>>()?;
                if self.top && key == "scope" {
                    summary.scope = if let Value::Str(scope) = value {
                        Some(scope)
                    } else {
                        None
                    };
                }
            }
            if !seen.insert(key.clone()) {
                return Err(duplicate_key_error(&key));
            }
        }
        Ok(if self.top {
            Value::Claims(summary)
        } else {
            Value::Other("object")
        })
    }
}

/// The `aud` value, read with the same strictness as any other value.
struct AudienceClaim<'a>(Audience<'a>);

impl<'de> Deserialize<'de> for AudienceClaim<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let audience = match deserializer.deserialize_any(AudienceVisitor)? {
            Ok(named) => Audience::Named(named),
            Err(found) => Audience::Malformed(found),
        };
        Ok(AudienceClaim(audience))
    }
}

/// Reads `aud`: the names, or the kind of value found instead.
struct AudienceVisitor;

impl<'de> Visitor<'de> for AudienceVisitor {
    type Value = Result<Vec<Cow<'de, str>>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("boolean"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(vec![Cow::Borrowed(v)]))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(vec![Cow::Owned(v.to_string())]))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Ok(vec![Cow::Owned(v)]))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut names = Vec::new();
        let mut all_strings = true;
        while let Some(Nested(value)) = seq.next_element::<Nested<'de>>()? {
            match value {
                Value::Str(name) => names.push(name),
                _ => all_strings = false,
            }
        }
        Ok(if all_strings {
            Ok(names)
        } else {
            Err("array holding a value that is not a string")
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // Parsed through the general visitor so a duplicate key inside is still refused.
        ValueVisitor { top: false }.visit_map(map)?;
        Ok(Err("object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::strict_json::parse_object;

    #[test]
    fn reads_scope_and_times() {
        let summary =
            parse_claims(br#"{"scope":"user_id:a b","iat":1,"exp":2,"x":{"y":[1,{"z":2}]}}"#)
                .unwrap();
        assert_eq!(summary.scope.as_deref(), Some("user_id:a b"));
        assert_eq!(summary.iat, TimeClaim::Date(NumericDate::Whole(1)));
        assert_eq!(summary.exp, TimeClaim::Date(NumericDate::Whole(2)));
        assert_eq!(summary.nbf, TimeClaim::Absent);
    }

    #[test]
    fn classifies_bad_time_claims() {
        let summary = parse_claims(br#"{"exp":"1","nbf":-1,"iat":1.5}"#).unwrap();
        assert_eq!(summary.exp, TimeClaim::NotANumber("string"));
        assert_eq!(summary.nbf, TimeClaim::OutOfRange("-1".into()));
        assert_eq!(
            summary.iat,
            TimeClaim::Date(NumericDate::Fractional { floor: 1 })
        );
        let summary = parse_claims(br#"{"exp":18446744073709551616,"nbf":null}"#).unwrap();
        assert!(matches!(summary.exp, TimeClaim::OutOfRange(_)));
        assert_eq!(summary.nbf, TimeClaim::NotANumber("null"));
        let summary = parse_claims(br#"{"exp":1.5e9,"nbf":-0.0,"iat":-0}"#).unwrap();
        assert_eq!(
            summary.exp,
            TimeClaim::Date(NumericDate::Whole(1_500_000_000))
        );
        assert!(matches!(summary.nbf, TimeClaim::OutOfRange(_)));
        assert!(matches!(summary.iat, TimeClaim::OutOfRange(_)));
    }

    #[test]
    fn reads_the_audience_as_a_string_or_an_array_of_strings() {
        fn aud(json: &'static str) -> Audience<'static> {
            parse_claims(json.as_bytes()).unwrap().aud
        }
        assert_eq!(aud(r#"{"x":1}"#), Audience::Absent);
        assert_eq!(aud(r#"{"aud":"a"}"#), Audience::Named(vec!["a".into()]));
        assert_eq!(
            aud(r#"{"aud":["a","b\u0063"]}"#),
            Audience::Named(vec!["a".into(), "bc".into()])
        );
        assert_eq!(aud(r#"{"aud":[]}"#), Audience::Named(vec![]));
        assert_eq!(aud(r#"{"aud":5}"#), Audience::Malformed("number"));
        assert!(matches!(aud(r#"{"aud":["a",1]}"#), Audience::Malformed(_)));
        assert_eq!(aud(r#"{"aud":{"a":1}}"#), Audience::Malformed("object"));
        for strictness in [r#"{"aud":"a","aud":"b"}"#, r#"{"aud":{"a":1,"a":2}}"#] {
            assert!(matches!(
                parse_claims(strictness.as_bytes()),
                Err(JsonProblem::DuplicateKey(_))
            ));
        }
    }

    #[test]
    fn time_claims_beyond_f64_are_out_of_range_not_malformed() {
        let summary = parse_claims(br#"{"exp":1e400,"nbf":1e-400,"iat":{"a":1}}"#).unwrap();
        assert_eq!(summary.exp, TimeClaim::OutOfRange("1e400".into()));
        assert_eq!(
            summary.nbf,
            TimeClaim::Date(NumericDate::Fractional { floor: 0 })
        );
        assert_eq!(summary.iat, TimeClaim::NotANumber("object"));
        assert!(matches!(
            parse_claims(br#"{"exp":{"a":1,"a":2}}"#),
            Err(JsonProblem::DuplicateKey(_))
        ));
        assert!(parse_claims(br#"{"x":1e400}"#).is_err());
    }

    #[test]
    fn as_strict_as_the_full_parse() {
        for input in [
            &br#"{"a":1,"a":2}"#[..],
            br#"{"a":{"b":1,"b":2}}"#,
            br#"{"a":[{"b":1,"b":1}]}"#,
            br#"{"\u0061":1,"a":2}"#,
            b"[1]",
            b"7",
            b"\"s\"",
            b"{",
            b"",
            b"\xff",
        ] {
            assert_eq!(
                parse_claims(input).err(),
                parse_object(input).err(),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        let many: String = (0..40)
            .map(|i| format!("\"k{i}\":{i},"))
            .collect::<String>()
            + "\"k7\":0";
        let many = format!("{{{many}}}");
        assert_eq!(
            parse_claims(many.as_bytes()).err(),
            Some(JsonProblem::DuplicateKey("k7".into()))
        );
    }
}
