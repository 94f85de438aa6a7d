//! Time as this tool sees it: "now" (the real clock, or a pinned instant for exact fixtures and
//! tests), and how instants are shown to people — RFC 3339 in UTC or the local zone, plus a
//! relative phrase ("in 1d 23h", "3h ago", "in 1y 2mo", from the core crate's
//! `courier_inbox_auth::clock`, re-exported here). Errors are typed ([`TimeError`]);
//! wording them for an option is the caller's job (`context`). Token lifetimes are parsed in
//! `expires_in`, not here.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;

use crate::local_zone::{local_zone, ZoneProblem};
pub use courier_inbox_auth::clock::{format_relative, format_span_between, MAX_TIMESTAMP};
use jiff::Timestamp;

/// Unix seconds of the real clock.
pub fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_secs() as i64,
        Err(_) => 0,
    }
}

/// Parses a time standing in for "now": Unix seconds, or RFC 3339 (`2024-05-01T12:00:00Z`, with
/// an optional fraction and a `Z` or `±HH:MM` offset). The result is always within 1970..=9999
/// (`0..=MAX_TIMESTAMP`), so no later arithmetic on it can wrap or go negative.
pub fn parse_now(text: &str) -> Result<i64, TimeError> {
    let text = text.trim();
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
        parse_rfc3339(text).ok_or(TimeError::NotATime)?
    };
    if seconds < 0 {
        return Err(TimeError::BeforeEpoch);
    }
    if seconds > MAX_TIMESTAMP && seconds / 1000 <= MAX_TIMESTAMP {
        return Err(TimeError::LooksLikeMilliseconds {
            seconds: seconds / 1000,
        });
    }
    if seconds > MAX_TIMESTAMP {
        return Err(TimeError::AfterYear9999);
    }
    Ok(seconds)
}

/// Why a text is not an instant [`parse_now`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// Neither Unix seconds nor RFC 3339.
    NotATime,
    /// Before 1970-01-01T00:00:00Z.
    BeforeEpoch,
    /// After the year 9999, but a plausible time in milliseconds: `seconds` is that time.
    LooksLikeMilliseconds { seconds: i64 },
    /// After the year 9999.
    AfterYear9999,
}

impl std::fmt::Display for TimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeError::NotATime => f.write_str("not a time: expected Unix seconds or RFC 3339"),
            TimeError::BeforeEpoch => f.write_str("before 1970-01-01T00:00:00Z"),
            TimeError::LooksLikeMilliseconds { seconds } => write!(
                f,
                "after the year 9999; it looks like milliseconds (Unix seconds {seconds})"
            ),
            TimeError::AfterYear9999 => f.write_str("after the year 9999"),
        }
    }
}

impl std::error::Error for TimeError {}

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

/// The zone instants are shown in: UTC (`2024-05-01T12:00:00Z`, the default) or
/// this machine's local zone with its offset (`2024-05-01T14:00:00+02:00`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateZone {
    #[default]
    Utc,
    Local,
}

/// The local zone, once [`set_date_zone`] has chosen it; unset means UTC. Set once at start-up
/// (`Context::resolve`), before any instant is shown, like the colour override.
static LOCAL_ZONE: OnceLock<TimeZone> = OnceLock::new();

/// Chooses the zone every later [`format_timestamp`] uses. The local zone comes from `TZ` or
/// the system's setting, read with bounds (`local_zone`; no libc call); when `TZ` names a zone
/// that cannot be read, instants stay in UTC and the problem comes back for a warning.
pub fn set_date_zone(zone: DateZone) -> Result<(), ZoneProblem> {
    if zone == DateZone::Local {
        let _ = LOCAL_ZONE.set(local_zone()?);
    }
    Ok(())
}

/// `2024-05-01T12:00:00Z` for a Unix timestamp (or with the local offset after
/// [`DateZone::Local`]); out-of-range values are shown as raw seconds.
pub fn format_timestamp(seconds: i64) -> String {
    if !(0..=MAX_TIMESTAMP).contains(&seconds) {
        return format!("{seconds} (not a representable date)");
    }
    if let Some(zone) = LOCAL_ZONE.get() {
        if let Ok(instant) = Timestamp::from_second(seconds) {
            return instant
                .to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string();
        }
    }
    let instant = UNIX_EPOCH + Duration::from_secs(seconds as u64);
    humantime::format_rfc3339_seconds(instant).to_string()
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
        assert_eq!(
            parse_now("1700000000000"),
            Err(TimeError::LooksLikeMilliseconds {
                seconds: 1_700_000_000
            })
        );
        assert_eq!(parse_now("soon"), Err(TimeError::NotATime));
    }

    #[test]
    fn formats_timestamps() {
        assert_eq!(format_timestamp(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_timestamp(-1), "-1 (not a representable date)");
    }
}
