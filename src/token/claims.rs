//! Reading a verified payload for the checks `verify` makes, without building a JSON tree:
//! the `scope` string, the `exp`/`nbf`/`iat` time claims and the `aud` audience, borrowed from
//! the input where possible. The parse is as strict as `strict_json::parse_object` (objects only, no duplicate
//! key at any depth), so the fast path never accepts what the full parse would refuse.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::claim_values::{Audience, ClaimsSummary, NumericDate, TimeClaim};
use super::strict_json::{duplicate_key_error, problem_from_serde, JsonProblem};

/// Parses a payload strictly, keeping only what the checks need. Payloads in Courier's own
/// plain layout take a one-pass fast path (`fast_claims`); everything else, this parser.
pub(crate) fn parse_claims(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    match super::fast_claims::parse_plain_claims(bytes) {
        Some(summary) => Ok(summary),
        None => parse_claims_strict(bytes),
    }
}

/// [`parse_claims`] without the fast path.
pub(crate) fn parse_claims_strict(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    let top: Value<'_> = serde_json::from_slice(bytes).map_err(|err| problem_from_serde(&err))?;
    match top {
        Value::Claims(summary) => Ok(summary),
        other => Err(JsonProblem::NotObject(other.kind())),
    }
}

/// One JSON value, reduced to what matters here; nested containers are checked and dropped.
enum Value<'a> {
    Str(Cow<'a, str>),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Other(&'static str),
    /// A top-level object read as claims.
    Claims(ClaimsSummary<'a>),
}

impl Value<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Unsigned(_) | Value::Signed(_) | Value::Float(_) => "number",
            Value::Other(kind) => kind,
            Value::Claims(_) => "object",
        }
    }

    fn into_time_claim(self) -> TimeClaim {
        match self {
            Value::Unsigned(seconds) => TimeClaim::Date(NumericDate::Whole(seconds)),
            Value::Signed(n) => TimeClaim::OutOfRange(n.to_string()),
            Value::Float(f) => match NumericDate::from_f64(f) {
                Some(date) => TimeClaim::Date(date),
                None => TimeClaim::OutOfRange(
                    serde_json::Number::from_f64(f)
                        .map_or_else(|| f.to_string(), |n| n.to_string()),
                ),
            },
            other => TimeClaim::NotANumber(other.kind()),
        }
    }
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
    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Unsigned(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Signed(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Value::Float(v))
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
            let Nested(value) = map.next_value::<Nested<'de>>()?;
            if self.top {
                match key.as_ref() {
                    "scope" => {
                        summary.scope = if let Value::Str(scope) = value {
                            Some(scope)
                        } else {
                            None
                        }
                    }
                    "exp" => summary.exp = value.into_time_claim(),
                    "nbf" => summary.nbf = value.into_time_claim(),
                    "iat" => summary.iat = value.into_time_claim(),
                    _ => {}
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
        assert_eq!(summary.iat, TimeClaim::Date(NumericDate::Fractional(1.5)));
        let summary = parse_claims(br#"{"exp":18446744073709551616,"nbf":null}"#).unwrap();
        assert!(matches!(summary.exp, TimeClaim::OutOfRange(_)));
        assert_eq!(summary.nbf, TimeClaim::NotANumber("null"));
        let summary = parse_claims(br#"{"exp":1.5e9,"nbf":-0.0,"iat":-0}"#).unwrap();
        assert_eq!(summary.exp, TimeClaim::Date(NumericDate::Fractional(1.5e9)));
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
    fn fractional_dates_compare_exactly() {
        let date = NumericDate::Fractional(100.5);
        assert!(date.is_after(100));
        assert!(date.is_at_or_before(101));
        assert_eq!(date.floor_seconds(), 100);
        assert!(NumericDate::Whole(100).is_at_or_before(100));
        assert!(NumericDate::Fractional(100.0).is_at_or_before(100));
        let json = |text: &str| NumericDate::from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(json("1.5e9"), Some(NumericDate::Fractional(1.5e9)));
        assert_eq!(json("7"), Some(NumericDate::Whole(7)));
        for bad in ["-1", "-0", "-0.0", "18446744073709551616", "\"1\"", "null"] {
            assert_eq!(json(bad), None, "{bad}");
        }
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
