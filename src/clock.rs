//! Time as this tool sees it: "now" (the real clock, or a pinned instant read by the core
//! crate's `instant::parse_now` for exact fixtures and tests), and how instants are shown to
//! people — RFC 3339 in UTC (`instant::format_utc`) or a zone the caller gives, plus a relative
//! phrase ("in 1d 23h", "3h ago", "in 1y 2mo", the core crate's `spans`); those are re-exported
//! here. Errors are typed ([`TimeError`]); wording them for an option is the caller's job
//! (`commands::resolved`). Which zone a run shows instants in is decided once into
//! `terminal::date_zone::DateZone` and handed down as a value (`worded::Wording` carries it to
//! the core crate's sentences); nothing here is process-wide. Token lifetimes are parsed in
//! `expires_in`, not here.

use std::time::{SystemTime, UNIX_EPOCH};

use courier_inbox_auth::time::instant::format_utc;
pub use courier_inbox_auth::time::instant::{parse_now, TimeError};
pub use courier_inbox_auth::time::spans::{format_relative, format_span_between, MAX_TIMESTAMP};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Unix seconds of the real clock.
pub fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_secs() as i64,
        Err(_) => 0,
    }
}

/// `2024-05-01T12:00:00Z` for a Unix timestamp, or with `zone`'s offset
/// (`2024-05-01T14:00:00+02:00`); out-of-range values are shown as raw seconds.
pub fn format_timestamp_in(seconds: i64, zone: Option<&TimeZone>) -> String {
    if !(0..=MAX_TIMESTAMP).contains(&seconds) {
        return format!("{seconds} (not a representable date)");
    }
    if let Some(zone) = zone {
        if let Ok(instant) = Timestamp::from_second(seconds) {
            return instant
                .to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string();
        }
    }
    format_utc(seconds).unwrap_or_else(|| format!("{seconds} (not a representable date)"))
}

/// Both forms together: `2024-05-01T12:00:00Z (in 1h)`, or with `zone`'s offset.
pub fn describe_instant_in(seconds: i64, now: i64, zone: Option<&TimeZone>) -> String {
    format!(
        "{} ({})",
        format_timestamp_in(seconds, zone),
        format_relative(seconds, now)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_timestamps() {
        assert_eq!(
            format_timestamp_in(1_700_000_000, None),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            format_timestamp_in(-1, None),
            "-1 (not a representable date)"
        );
    }
}
