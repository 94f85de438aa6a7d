//! Time as this tool sees it: "now" (the real clock, or a pinned instant for exact fixtures and
//! tests), and how instants are shown to people — RFC 3339 in UTC or the local zone, plus a
//! relative phrase ("in 1d 23h", "3h ago", "in 1y 2mo"). Errors are typed ([`TimeError`]);
//! wording them for an option is the caller's job (`commands::resolved`). Which zone a run
//! shows instants in is decided once into `terminal::date_zone::DateZone`. Token lifetimes are parsed in
//! `expires_in`, not here.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;

use jiff::{RoundMode, SpanRound, Timestamp, Unit};

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

/// The zone the domain's own sentences show instants in (`token::claim_checks` words a
/// rejection with [`describe_instant`]): a bridge until those sentences become typed details
/// that the binary words with its `terminal::date_zone::DateZone`, which the rest of the tool
/// is handed. Set once at start-up from that value; unset means UTC.
static DOMAIN_WORDING_ZONE: OnceLock<TimeZone> = OnceLock::new();

/// Lets the domain's sentences show instants in `zone` (see [`DOMAIN_WORDING_ZONE`]).
pub fn set_domain_wording_zone(zone: &TimeZone) {
    let _ = DOMAIN_WORDING_ZONE.set(zone.clone());
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
    let instant = UNIX_EPOCH + Duration::from_secs(seconds as u64);
    humantime::format_rfc3339_seconds(instant).to_string()
}

/// "in 2d", "3h ago", "now": `target - now` in its two largest units, rounded to the smaller.
pub fn format_relative(target: i64, now: i64) -> String {
    if target == now {
        return "now".to_string();
    }
    let span = format_span_between(target.min(now), target.max(now));
    if target > now {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// Spans longer than this read in years, months and days.
const CALENDAR_SPAN_SECONDS: u64 = 60 * 86_400;

/// The time from `earlier` to `later` for people: "1d 23h", "5m 3s", "2d" (a day less a second
/// reads as a day: the smaller unit shown is rounded, not cut), and past 60 days in calendar
/// units between the two dates in UTC ("1y 2mo", "3mo 4d").
pub fn format_span_between(earlier: i64, later: i64) -> String {
    let seconds = later.abs_diff(earlier);
    if seconds > CALENDAR_SPAN_SECONDS {
        if let Some(span) = calendar_span(earlier, later) {
            return span;
        }
    }
    format_span(seconds)
}

/// "1d 23h", "5m 3s", "42s": a length of time in its two largest units, the smaller rounded.
fn format_span(seconds: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let top = |value: u64| UNITS.iter().position(|(size, _)| value >= *size);
    let Some(first) = top(seconds) else {
        return "0s".to_string();
    };
    let step = UNITS.get(first + 1).map_or(1, |(size, _)| *size);
    let rounded = (seconds / step + u64::from(seconds % step >= step.div_ceil(2))) * step;
    let first = top(rounded).unwrap_or(first);
    two_units(&[
        (rounded / UNITS[first].0, UNITS[first].1),
        UNITS.get(first + 1).map_or((0, ""), |(size, name)| {
            ((rounded % UNITS[first].0) / size, *name)
        }),
    ])
}

/// "1y 2mo" or "3mo 4d": whole calendar units from `earlier` to `later` in UTC, the smaller
/// rounded. `None` if either is outside what jiff represents.
fn calendar_span(mut earlier: i64, mut later: i64) -> Option<String> {
    // jiff stops short of the year 9999's last days. The Gregorian calendar repeats every 400
    // years, so moving both instants back by whole cycles keeps the span's calendar length.
    const FOUR_CENTURIES: i64 = 146_097 * 86_400;
    const YEAR_9000: i64 = 221_845_392_000;
    while later > YEAR_9000 {
        earlier -= FOUR_CENTURIES;
        later -= FOUR_CENTURIES;
    }
    let start = Timestamp::from_second(earlier)
        .ok()?
        .to_zoned_datetime(TimeZone::UTC);
    let end = Timestamp::from_second(later)
        .ok()?
        .to_zoned_datetime(TimeZone::UTC);
    let exact = start.until((Unit::Year, &end)).ok()?;
    // Rounding up can pass the year 9999, which jiff cannot show: then cut instead.
    let round_to = |smallest: Unit| {
        [RoundMode::HalfExpand, RoundMode::Trunc]
            .into_iter()
            .find_map(|mode| {
                exact
                    .round(
                        SpanRound::new()
                            .largest(Unit::Year)
                            .smallest(smallest)
                            .relative(&start)
                            .mode(mode),
                    )
                    .ok()
            })
    };
    let mut span = round_to(if exact.get_years() > 0 {
        Unit::Month
    } else {
        Unit::Day
    })?;
    if span.get_years() > 0 && span.get_days() > 0 {
        // Rounding the days carried into a year: show years and months.
        span = round_to(Unit::Month)?;
    }
    Some(if span.get_years() > 0 {
        two_units(&[
            (span.get_years().unsigned_abs().into(), "y"),
            (span.get_months().unsigned_abs().into(), "mo"),
        ])
    } else {
        two_units(&[
            (span.get_months().unsigned_abs().into(), "mo"),
            (span.get_days().unsigned_abs().into(), "d"),
        ])
    })
}

/// "1d 23h", or "2d" when the smaller count is zero.
fn two_units(parts: &[(u64, &str); 2]) -> String {
    match parts {
        [(big, big_name), (0, _)] => format!("{big}{big_name}"),
        [(big, big_name), (small, small_name)] => {
            format!("{big}{big_name} {small}{small_name}")
        }
    }
}

/// Both forms together: `2024-05-01T12:00:00Z (in 1h)`, or with `zone`'s offset.
pub fn describe_instant_in(seconds: i64, now: i64, zone: Option<&TimeZone>) -> String {
    format!(
        "{} ({})",
        format_timestamp_in(seconds, zone),
        format_relative(seconds, now)
    )
}

/// [`describe_instant_in`] the zone of the domain's sentences (see [`DOMAIN_WORDING_ZONE`]).
pub fn describe_instant(seconds: i64, now: i64) -> String {
    describe_instant_in(seconds, now, DOMAIN_WORDING_ZONE.get())
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
    fn rounds_to_the_smaller_unit_shown() {
        // A fresh 2-day token, a second later.
        assert_eq!(format_relative(172_800, 1), "in 2d");
        assert_eq!(format_relative(86_399, 0), "in 1d");
        assert_eq!(format_relative(3_599, 0), "in 59m 59s");
        assert_eq!(format_relative(5_400 + 29, 0), "in 1h 30m");
        assert_eq!(format_relative(5_400 + 30, 0), "in 1h 31m");
        assert_eq!(format_relative(60 * 86_400, 0), "in 60d");
    }

    #[test]
    fn spans_past_sixty_days_read_in_calendar_units() {
        // 2022-11-28T15:24:10Z, the documented example's iat.
        let now = 1_669_649_050;
        let day = 86_400;
        assert_eq!(format_relative(now + 365 * day, now), "in 1y");
        assert_eq!(format_relative(now + 400 * day, now), "in 1y 1mo");
        assert_eq!(format_relative(now + 90 * day, now), "in 2mo 29d");
        assert_eq!(format_relative(now - 61 * day, now), "2mo ago");
        assert_eq!(
            format_relative(now + 3 * 365 * day + 200 * day, now),
            "in 3y 7mo"
        );
        assert_eq!(
            format_relative(MAX_TIMESTAMP, MAX_TIMESTAMP - 400 * day),
            "in 1y 1mo"
        );
        assert_eq!(format_relative(253_402_300_000, 1), "in 8030y");
    }

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
