//! Reading a verified payload for the checks `verify` makes, without building a JSON tree:
//! the `scope` string and the `exp`/`nbf`/`iat` time claims, borrowed from the input where
//! possible. The parse is as strict as `strict_json::parse_object` (objects only, no duplicate
//! key at any depth), so the fast path never accepts what the full parse would refuse.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::strict_json::{JsonProblem, DUPLICATE_MARKER};

/// A NumericDate claim as found in the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeClaim {
    Absent,
    /// A non-negative whole number of seconds.
    Seconds(u64),
    /// A number that is negative, fractional or beyond u64 (as written).
    NotWhole(String),
    /// Not a number at all: the JSON type found.
    NotANumber(&'static str),
}

/// What the checks need from a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsSummary<'a> {
    /// The `scope` claim when it is a string.
    pub scope: Option<Cow<'a, str>>,
    pub exp: TimeClaim,
    pub nbf: TimeClaim,
    pub iat: TimeClaim,
}

/// Parses a payload strictly, keeping only what the checks need. Payloads in Courier's own
/// plain layout take a one-pass fast path (`fast_claims`); everything else, this parser.
pub fn parse_claims(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    match super::fast_claims::parse_plain_claims(bytes) {
        Some(summary) => Ok(summary),
        None => parse_claims_strict(bytes),
    }
}

/// [`parse_claims`] without the fast path.
pub(crate) fn parse_claims_strict(bytes: &[u8]) -> Result<ClaimsSummary<'_>, JsonProblem> {
    let top: Value<'_> = serde_json::from_slice(bytes).map_err(|err| {
        let text = err.to_string();
        match text.strip_prefix(DUPLICATE_MARKER) {
            Some(rest) => JsonProblem::DuplicateKey(
                rest.split(" at line ").next().unwrap_or(rest).to_string(),
            ),
            None => JsonProblem::Syntax(text),
        }
    })?;
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
            Value::Unsigned(seconds) => TimeClaim::Seconds(seconds),
            Value::Signed(n) => TimeClaim::NotWhole(n.to_string()),
            Value::Float(f) => TimeClaim::NotWhole(
                serde_json::Number::from_f64(f).map_or_else(|| f.to_string(), |n| n.to_string()),
            ),
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
        let mut summary = ClaimsSummary {
            scope: None,
            exp: TimeClaim::Absent,
            nbf: TimeClaim::Absent,
            iat: TimeClaim::Absent,
        };
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
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
                return Err(de::Error::custom(format_args!("{DUPLICATE_MARKER}{key}")));
            }
        }
        Ok(if self.top {
            Value::Claims(summary)
        } else {
            Value::Other("object")
        })
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
        assert_eq!(summary.iat, TimeClaim::Seconds(1));
        assert_eq!(summary.exp, TimeClaim::Seconds(2));
        assert_eq!(summary.nbf, TimeClaim::Absent);
    }

    #[test]
    fn classifies_bad_time_claims() {
        let summary = parse_claims(br#"{"exp":"1","nbf":-1,"iat":1.5}"#).unwrap();
        assert_eq!(summary.exp, TimeClaim::NotANumber("string"));
        assert_eq!(summary.nbf, TimeClaim::NotWhole("-1".into()));
        assert_eq!(summary.iat, TimeClaim::NotWhole("1.5".into()));
        let summary = parse_claims(br#"{"exp":18446744073709551616,"nbf":null}"#).unwrap();
        assert!(matches!(summary.exp, TimeClaim::NotWhole(_)));
        assert_eq!(summary.nbf, TimeClaim::NotANumber("null"));
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
