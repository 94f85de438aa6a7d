//! JSON parsing for token segments that refuses what a lenient parser lets through: anything
//! that is not an object, and duplicate keys at any depth (two `alg`s or two `exp`s are how
//! parser-differential attacks smuggle a second meaning). Key order is preserved.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a segment is not an acceptable JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// Not JSON at all (or not UTF-8).
    Syntax(String),
    /// Valid JSON, but a number, string, array... rather than an object.
    NotObject(&'static str),
    /// An object with the same key twice.
    DuplicateKey(String),
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonProblem::Syntax(why) => write!(f, "is not JSON ({why})"),
            JsonProblem::NotObject(kind) => write!(f, "is a JSON {kind}, not an object"),
            JsonProblem::DuplicateKey(key) => write!(f, "has the key {key:?} twice"),
        }
    }
}

/// How a strict visitor's duplicate-key error starts, so [`problem_from_serde`] can tell it
/// from a syntax error after serde_json has wrapped it.
const DUPLICATE_MARKER: &str = "duplicate key: ";

/// The error a strict visitor raises on meeting `key` a second time in one object.
pub fn duplicate_key_error<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("{DUPLICATE_MARKER}{key}"))
}

/// A serde_json error from a strict parse, read back as a [`JsonProblem`]: the one place that
/// interprets the error text (`duplicate key: k at line 1 column 9` names a repeated key).
pub fn problem_from_serde(error: &serde_json::Error) -> JsonProblem {
    let text = error.to_string();
    match text.strip_prefix(DUPLICATE_MARKER) {
        Some(rest) => {
            let key = rest.split(" at line ").next().unwrap_or(rest);
            JsonProblem::DuplicateKey(key.to_string())
        }
        None => JsonProblem::Syntax(text),
    }
}

/// Parses a JSON object, refusing duplicate keys anywhere inside it.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonProblem> {
    let value =
        serde_json::from_slice::<StrictValue>(bytes).map_err(|err| problem_from_serde(&err))?;
    match value.0 {
        Value::Object(map) => Ok(map),
        other => Err(JsonProblem::NotObject(kind_of(&other))),
    }
}

/// The JSON type name of a value, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A `Value` whose deserialization fails on duplicate object keys.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let StrictValue(value) = access.next_value()?;
            if map.contains_key(&key) {
                return Err(duplicate_key_error(&key));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_objects_in_order() {
        let map = parse_object(br#"{"b":1,"a":{"x":[1,2]}}"#).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["b", "a"]);
    }

    #[test]
    fn refuses_duplicates_non_objects_and_garbage() {
        assert_eq!(
            parse_object(br#"{"alg":"HS256","alg":"none"}"#),
            Err(JsonProblem::DuplicateKey("alg".to_string()))
        );
        assert!(matches!(
            parse_object(br#"{"a":{"x":1,"x":2}}"#),
            Err(JsonProblem::DuplicateKey(_))
        ));
        assert_eq!(parse_object(b"42"), Err(JsonProblem::NotObject("number")));
        assert!(matches!(parse_object(b"{"), Err(JsonProblem::Syntax(_))));
        assert!(matches!(parse_object(b"\xff"), Err(JsonProblem::Syntax(_))));
    }
}
