//! `GET /__serve/clock` shows serve's "now"; `POST` moves it: `{"advance": "2h"}` (the duration
//! grammar of `--leeway`; negative goes back) or `{"set": "2024-05-01T12:00:00Z"}` (RFC 3339 or
//! Unix seconds, as `--now` takes). The clock itself is `now`'s; every check reads it.

use serde_json::Value;

use super::super::now::ServeClock;
use super::shapes::ClockJson;
use crate::clock::parse_now;
use crate::duration::parse as parse_duration;

/// The clock as JSON: `{"now", "unix", "pinned", "offset_ms"}`.
pub(crate) fn clock_json(clock: &ServeClock) -> ClockJson {
    ClockJson::of(clock)
}

/// Applies a `POST /__serve/clock` body, or says why it is wrong.
pub(crate) fn move_clock(clock: &ServeClock, body: &Value) -> Result<(), String> {
    let object = body.as_object().ok_or("the body must be a JSON object")?;
    match (object.get("advance"), object.get("set"), object.len()) {
        (Some(advance), None, 1) => {
            let text = match advance {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                _ => return Err("\"advance\" is a duration such as \"2h\" or \"-90s\"".into()),
            };
            let duration = parse_duration(&text)
                .map_err(|problem| format!("\"advance\" {text:?}: {problem}"))?;
            clock.advance(duration.milliseconds as i64);
            Ok(())
        }
        (None, Some(set), 1) => {
            let text = match set {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                _ => return Err("\"set\" is an RFC 3339 time or Unix seconds".into()),
            };
            let seconds =
                parse_now(&text).map_err(|problem| format!("\"set\" {text:?}: {problem}"))?;
            clock.set(seconds.saturating_mul(1000));
            Ok(())
        }
        _ => Err(
            "give exactly one of {\"advance\": \"2h\"} or {\"set\": \"2024-05-01T12:00:00Z\"}"
                .into(),
        ),
    }
}
