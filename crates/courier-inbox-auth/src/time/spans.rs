//! Time spans between instants, for people: a relative phrase ("in 1d 23h", "3h ago",
//! "in 1y 2mo") in the two largest units, the smaller rounded, and past 60 days in calendar
//! units (jiff). Which clock is "now" and which zone an instant is shown in are the caller's
//! (the binary's `clock`); token lifetimes are parsed in `expires_in`, not here.

use jiff::tz::TimeZone;
use jiff::{RoundMode, SpanRound, Timestamp, Unit};

/// The latest instant shown as a date: 9999-12-31T23:59:59Z. Later timestamps are nonsense for a
/// token and are refused when minting.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
