//! The zone instants are shown in, as a value: UTC (`2024-05-01T12:00:00Z`, the default) or
//! this machine's local zone with its offset (`2024-05-01T14:00:00+02:00`, `--date local`),
//! decided once by `commands::resolved` and handed to whatever shows an instant. The local zone
//! comes from `TZ` or the system's setting, read with bounds (`local_zone`); the phrases
//! ("in 2d", "3h ago") are `clock`'s.

use jiff::tz::TimeZone;

use crate::clock::{describe_instant_in, format_timestamp_in};
use crate::terminal::local_zone::{local_zone, ZoneProblem};

/// Where instants are shown: `None` is UTC.
#[derive(Debug, Clone, Default)]
pub struct DateZone {
    local: Option<TimeZone>,
}

impl DateZone {
    /// UTC, the default.
    pub fn utc() -> Self {
        Self::default()
    }

    /// The local zone; when `TZ` names a zone that cannot be read, UTC and the problem, for a
    /// warning.
    pub fn local() -> (Self, Option<ZoneProblem>) {
        match local_zone() {
            Ok(zone) => (Self { local: Some(zone) }, None),
            Err(problem) => (Self::utc(), Some(problem)),
        }
    }

    /// The zone itself, `None` for UTC.
    pub fn zone(&self) -> Option<&TimeZone> {
        self.local.as_ref()
    }

    /// `2024-05-01T12:00:00Z`, or with the local offset; out-of-range values as raw seconds.
    pub fn timestamp(&self, seconds: i64) -> String {
        format_timestamp_in(seconds, self.zone())
    }

    /// Both forms together: `2024-05-01T12:00:00Z (in 1h)`.
    pub fn describe_instant(&self, seconds: i64, now: i64) -> String {
        describe_instant_in(seconds, now, self.zone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_is_the_default() {
        assert_eq!(
            DateZone::utc().timestamp(1_700_000_000),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            DateZone::utc().describe_instant(1_700_003_600, 1_700_000_000),
            "2023-11-14T23:13:20Z (in 1h)"
        );
    }
}
