//! Time as this tool sees it: "now" (the real clock, or `--now` for exact fixtures and tests),
//! and how instants are shown to people — RFC 3339 plus a relative phrase ("in 1d 23h",
//! "3h ago"). Token lifetimes are parsed in `expires_in`, not here.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::user_error_with_hint;

/// The latest instant shown as a date: 9999-12-31T23:59:59Z. Later timestamps are nonsense for a
/// token and are refused when minting.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// Unix seconds of the real clock.
pub fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_secs() as i64,
        Err(_) => 0,
    }
}

/// Parses `--now`: Unix seconds, or RFC 3339 (`2024-05-01T12:00:00Z`, with an optional
/// fraction and a `Z` or `±HH:MM` offset). The result is always within 1970..=9999
/// (`0..=MAX_TIMESTAMP`), so no later arithmetic on it can wrap or go negative.
pub fn parse_now(text: &str) -> anyhow::Result<i64> {
    const HINT: &str = "give Unix seconds (1700000000) or RFC 3339 (2024-05-01T12:00:00Z)";
    let text = text.trim();
    let shown = crate::error::quoted(text);
    let digits = text.strip_prefix('-').unwrap_or(text);
    let seconds = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for an i64 is simply too large (or too small).
        text.parse::<i64>()
            .unwrap_or(if digits.len() == text.len() {
                i64::MAX
            } else {
                i64::MIN
            })
    } else {
        parse_rfc3339(text)
            .ok_or_else(|| user_error_with_hint(format!("--now {shown} is not a time"), HINT))?
    };
    if seconds < 0 {
        return Err(user_error_with_hint(
            format!("--now {shown} is before 1970-01-01T00:00:00Z"),
            HINT,
        ));
    }
    if seconds > MAX_TIMESTAMP && seconds / 1000 <= MAX_TIMESTAMP {
        return Err(user_error_with_hint(
            format!("--now {shown} is after the year 9999; it looks like milliseconds"),
            format!("--now takes Unix seconds: --now {}", seconds / 1000),
        ));
    }
    if seconds > MAX_TIMESTAMP {
        return Err(user_error_with_hint(
            format!("--now {shown} is after the year 9999"),
            HINT,
        ));
    }
    Ok(seconds)
}

/// RFC 3339 with a `Z` or numeric offset, to Unix seconds (fraction dropped).
fn parse_rfc3339(text: &str) -> Option<i64> {
    let (local, offset_seconds) = split_offset(text)?;
    let utc = humantime::parse_rfc3339(&format!("{local}Z")).ok()?;
    let seconds = utc.duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(seconds - offset_seconds)
}

/// Splits `2024-05-01T12:00:00+02:00` into the local part and the offset in seconds.
fn split_offset(text: &str) -> Option<(&str, i64)> {
    if let Some(local) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        return Some((local, 0));
    }
    let cut = text.len().checked_sub(6)?;
    let (local, offset) = (text.get(..cut)?, text.get(cut..)?);
    let sign = match offset.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i64 = offset.get(1..3)?.parse().ok()?;
    let minutes: i64 = offset.get(4..6)?.parse().ok()?;
    if offset.as_bytes()[3] != b':' || hours > 23 || minutes > 59 {
        return None;
    }
    Some((local, sign * (hours * 3600 + minutes * 60)))
}

/// `2024-05-01T12:00:00Z` for a Unix timestamp; out-of-range values are shown as raw seconds.
pub fn format_timestamp(seconds: i64) -> String {
    if (0..=MAX_TIMESTAMP).contains(&seconds) {
        let instant = UNIX_EPOCH + Duration::from_secs(seconds as u64);
        humantime::format_rfc3339_seconds(instant).to_string()
    } else {
        format!("{seconds} (not a representable date)")
    }
}

/// "in 1d 23h", "3h ago", "now": the two largest units of `target - now`.
pub fn format_relative(target: i64, now: i64) -> String {
    let delta = target.saturating_sub(now);
    if delta == 0 {
        return "now".to_string();
    }
    let span = format_span(delta.unsigned_abs());
    if delta > 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// "1d 23h", "5m 3s", "42s": a length of time in its two largest units.
pub fn format_span(seconds: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let mut parts = Vec::with_capacity(2);
    let mut rest = seconds;
    for (size, name) in UNITS {
        if rest >= size || (!parts.is_empty()) {
            let count = rest / size;
            rest %= size;
            if count > 0 {
                parts.push(format!("{count}{name}"));
            }
            if parts.len() == 2 || (!parts.is_empty() && count == 0) {
                break;
            }
        }
    }
    if parts.is_empty() {
        "0s".to_string()
    } else {
        parts.join(" ")
    }
}

/// Both forms together: `2024-05-01T12:00:00Z (in 1h)`.
pub fn describe_instant(seconds: i64, now: i64) -> String {
    format!(
        "{} ({})",
        format_timestamp(seconds),
        format_relative(seconds, now)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unix_seconds_and_rfc3339() {
        assert_eq!(parse_now("1700000000").unwrap(), 1_700_000_000);
        assert_eq!(parse_now("2023-11-14T22:13:20Z").unwrap(), 1_700_000_000);
        assert_eq!(
            parse_now("2023-11-15T00:13:20+02:00").unwrap(),
            1_700_000_000
        );
        assert_eq!(
            parse_now("2023-11-14T20:13:20.5-02:00").unwrap(),
            1_700_000_000
        );
        assert!(parse_now("yesterday").is_err());
        assert!(parse_now("").is_err());
        assert!(parse_now("99999999999999999999").is_err());
        assert!(parse_now("253402300800").is_err());
        assert_eq!(parse_now("253402300799").unwrap(), MAX_TIMESTAMP);
        assert_eq!(parse_now("0").unwrap(), 0);
    }

    #[test]
    fn refuses_times_outside_1970_to_9999_in_any_form() {
        for text in [
            "-1",
            "-99999999999999999999",
            "1970-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-00:01",
        ] {
            let error = parse_now(text).unwrap_err().to_string();
            assert!(
                error.contains("before 1970") || error.contains("after the year 9999"),
                "{text}: {error}"
            );
        }
        assert_eq!(parse_now("1970-01-01T01:00:00+01:00").unwrap(), 0);
    }

    #[test]
    fn formats_relative_times() {
        assert_eq!(
            format_relative(100 + 86_400 + 23 * 3600 + 59, 100),
            "in 1d 23h"
        );
        assert_eq!(format_relative(0, 3 * 3600), "3h ago");
        assert_eq!(format_relative(5, 5), "now");
        assert_eq!(format_relative(3 * 3600 + 5, 0), "in 3h");
        assert_eq!(format_relative(61, 0), "in 1m 1s");
        assert_eq!(format_relative(0, 42), "42s ago");
    }

    #[test]
    fn formats_timestamps() {
        assert_eq!(format_timestamp(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_timestamp(-1), "-1 (not a representable date)");
    }
}
