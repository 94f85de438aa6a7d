//! Time as this tool sees it: "now" (the real clock, or a pinned instant read by the core
//! crate's `instant::parse_now` for exact fixtures and tests), and how instants are shown to
//! people — RFC 3339 in UTC (`instant::format_utc`) or the local zone chosen at start-up, plus a
//! relative phrase ("in 1d 23h", "3h ago", "in 1y 2mo", the core crate's `clock`); those are
//! re-exported here. Errors are typed ([`TimeError`]); wording them for an option is the
//! caller's job (`context`). Token lifetimes are parsed in `expires_in`, not here.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;

use crate::local_zone::{local_zone, ZoneProblem};
use courier_inbox_auth::time::instant::format_utc;
pub use courier_inbox_auth::time::instant::{parse_now, TimeError};
pub use courier_inbox_auth::time::spans::{format_relative, format_span_between, MAX_TIMESTAMP};
use jiff::Timestamp;

/// Unix seconds of the real clock.
pub fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_secs() as i64,
        Err(_) => 0,
    }
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
    format_utc(seconds).unwrap_or_else(|| format!("{seconds} (not a representable date)"))
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
    fn formats_timestamps() {
        assert_eq!(format_timestamp(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_timestamp(-1), "-1 (not a representable date)");
    }
}
