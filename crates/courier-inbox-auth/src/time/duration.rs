//! The one grammar for durations, shared by token lifetimes, verification leeway, request
//! timeouts and the least remaining lifetime `doctor` accepts, so that `1.5`, `90m` or `1h 30m`
//! mean the same thing everywhere.
//!
//! - A bare number is seconds (`3600`, `2.5`): the Issue Token API's numeric form.
//! - A single value is the `ms` library's grammar (2.x, what Node `jsonwebtoken` and Courier
//!   use): `2 days`, `1h`, `2.5 hrs`, `-1.5s`, case-insensitive, at most 100 characters.
//! - A compound is a sequence of parts in that same grammar, each with a unit from the same
//!   table: `1h 30m`, `1H 30M` (`M` is minutes, as in `ms`), `2 Days 3h`, `1h30m`.
//!
//! Units `ms` does not know — months (not a fixed length), `ns`, `us` — are refused, never
//! guessed. This module returns typed errors and knows nothing of options or tokens; callers
//! word the errors for their flag.

use std::fmt;
use std::time::Duration;

/// Longest duration text accepted, single or compound (the `ms` library's own limit).
const MAX_LENGTH: usize = 100;

const SECOND_MS: f64 = 1_000.0;
const MINUTE_MS: f64 = 60.0 * SECOND_MS;
const HOUR_MS: f64 = 60.0 * MINUTE_MS;
const DAY_MS: f64 = 24.0 * HOUR_MS;
const WEEK_MS: f64 = 7.0 * DAY_MS;
const YEAR_MS: f64 = 365.25 * DAY_MS;

/// The unit words `ms` knows, with their length in milliseconds.
const UNITS: &[(&str, f64)] = &[
    ("milliseconds", 1.0),
    ("millisecond", 1.0),
    ("msecs", 1.0),
    ("msec", 1.0),
    ("ms", 1.0),
    ("seconds", SECOND_MS),
    ("second", SECOND_MS),
    ("secs", SECOND_MS),
    ("sec", SECOND_MS),
    ("s", SECOND_MS),
    ("minutes", MINUTE_MS),
    ("minute", MINUTE_MS),
    ("mins", MINUTE_MS),
    ("min", MINUTE_MS),
    ("m", MINUTE_MS),
    ("hours", HOUR_MS),
    ("hour", HOUR_MS),
    ("hrs", HOUR_MS),
    ("hr", HOUR_MS),
    ("h", HOUR_MS),
    ("days", DAY_MS),
    ("day", DAY_MS),
    ("d", DAY_MS),
    ("weeks", WEEK_MS),
    ("week", WEEK_MS),
    ("w", WEEK_MS),
    ("years", YEAR_MS),
    ("year", YEAR_MS),
    ("yrs", YEAR_MS),
    ("yr", YEAR_MS),
    ("y", YEAR_MS),
];

/// The units, as listed in hints.
pub const UNITS_HINT: &str =
    "units are ms, s, m (minutes), h, d, w, y and their long forms (\"2 days\", \"1h 30m\")";

/// Which of the grammar's three forms a duration was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationForm {
    /// A bare number of seconds: `3600`.
    BareSeconds,
    /// One value in the `ms` grammar: `2 days`, `1h`.
    Ms,
    /// Several parts: `1h 30m`.
    Compound,
}

/// A parsed duration: its length in milliseconds (signed, as `ms` allows `-1h`) and its form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HumanDuration {
    pub milliseconds: f64,
    pub form: DurationForm,
}

impl HumanDuration {
    pub fn seconds(&self) -> f64 {
        self.milliseconds / SECOND_MS
    }
}

/// Why a text is not a duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// Not in the grammar at all.
    NotADuration,
    /// Longer than the grammar allows.
    TooLong,
    /// A unit the grammar does not know (`month`, `ns`, `us`).
    UnknownUnit(String),
    /// A compound part without a unit (`1h 30`).
    MissingUnit,
    /// A negative value where only lengths make sense, or a negative compound part.
    Negative,
    /// Too large to represent.
    OutOfRange,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::NotADuration => f.write_str("not a duration"),
            DurationError::TooLong => write!(f, "longer than {MAX_LENGTH} characters"),
            DurationError::UnknownUnit(unit) if is_month(unit) => write!(
                f,
                "{unit:?} is not a unit here: a month has no fixed length (write days, e.g. 30d)"
            ),
            DurationError::UnknownUnit(unit) => write!(f, "{unit:?} is not a unit here"),
            DurationError::MissingUnit => f.write_str("each part of a compound needs a unit"),
            DurationError::Negative => f.write_str("negative"),
            DurationError::OutOfRange => f.write_str("too large"),
        }
    }
}

impl std::error::Error for DurationError {}

fn is_month(unit: &str) -> bool {
    let unit = unit.to_ascii_lowercase();
    unit == "mo" || unit == "mon" || unit == "mos" || unit.starts_with("month")
}

/// Parses any form: a bare number of seconds, one `ms` value, or a compound. The result may be
/// negative (`-1h`); see [`parse_length`] for a non-negative `Duration`.
pub fn parse(text: &str) -> Result<HumanDuration, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DurationError::NotADuration);
    }
    if text.len() > MAX_LENGTH {
        return Err(DurationError::TooLong);
    }
    // A bare number means seconds, even with stray spaces around it ("1 " is not 1 ms).
    let (milliseconds, form) = if is_ms_number(trimmed) {
        let seconds: f64 = trimmed.parse().map_err(|_| DurationError::NotADuration)?;
        (seconds * SECOND_MS, DurationForm::BareSeconds)
    } else if let Some(milliseconds) = parse_ms(text) {
        (milliseconds, DurationForm::Ms)
    } else {
        (parse_compound(trimmed)?, DurationForm::Compound)
    };
    if !milliseconds.is_finite() {
        return Err(DurationError::OutOfRange);
    }
    Ok(HumanDuration { milliseconds, form })
}

/// A length of time (a leeway, a timeout, a minimum lifetime): any form, not negative.
/// This is the entry point for options that take a span of time rather than a token lifetime.
pub fn parse_length(text: &str) -> Result<Duration, DurationError> {
    let parsed = parse(text)?;
    if parsed.milliseconds < 0.0 {
        return Err(DurationError::Negative);
    }
    Duration::try_from_secs_f64(parsed.seconds()).map_err(|_| DurationError::OutOfRange)
}

/// The `ms` library's parse of a string: milliseconds, or `None` where `ms` returns undefined.
/// Regex: `^(-?(?:\d+)?\.?\d+) *(unit)?$`, case-insensitive, at most 100 characters. A string
/// without a unit means milliseconds.
pub fn parse_ms(text: &str) -> Option<f64> {
    if text.is_empty() || text.len() > MAX_LENGTH {
        return None;
    }
    let number_end = text
        .char_indices()
        .find(|&(index, c)| !(c.is_ascii_digit() || c == '.' || (c == '-' && index == 0)))
        .map_or(text.len(), |(index, _)| index);
    let (number, rest) = text.split_at(number_end);
    if !is_ms_number(number) {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let unit = rest.trim_start_matches(' ');
    if unit.is_empty() {
        return Some(value);
    }
    unit_length(unit).map(|size| value * size)
}

fn unit_length(unit: &str) -> Option<f64> {
    UNITS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(unit))
        .map(|&(_, size)| size)
}

/// True for `-?(?:\d+)?\.?\d+`: optional minus, digits with at most one point, ending in a digit.
fn is_ms_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => ("", digits),
    };
    whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A compound such as `1h 30m` or `2 Days 3h`: parts `<number> *<unit>`, whitespace between
/// parts optional, every part with a unit, no part negative. Milliseconds.
fn parse_compound(text: &str) -> Result<f64, DurationError> {
    let mut rest = text;
    let mut total = 0.0;
    let mut parts = 0;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_end);
        if number.is_empty() {
            return Err(if rest.starts_with('-') {
                DurationError::Negative
            } else if parts == 0 {
                DurationError::NotADuration
            } else {
                DurationError::UnknownUnit(rest.split_whitespace().next().unwrap_or(rest).into())
            });
        }
        if !is_ms_number(number) {
            return Err(DurationError::NotADuration);
        }
        let after = after.trim_start();
        let unit_end = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_end);
        if unit.is_empty() {
            return Err(match after.chars().next() {
                None => DurationError::MissingUnit,
                Some(c) if c.is_ascii_digit() || c.is_whitespace() => DurationError::MissingUnit,
                Some(_) => DurationError::NotADuration,
            });
        }
        let size = unit_length(unit).ok_or_else(|| DurationError::UnknownUnit(unit.into()))?;
        let value: f64 = number.parse().map_err(|_| DurationError::NotADuration)?;
        total += value * size;
        parts += 1;
        rest = after.trim_start();
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> f64 {
        parse(text).unwrap().seconds()
    }

    #[test]
    fn the_three_forms() {
        assert_eq!(parse("3600").unwrap().form, DurationForm::BareSeconds);
        assert_eq!(seconds("3600"), 3600.0);
        assert_eq!(seconds("1 "), 1.0);
        assert_eq!(parse("2 days").unwrap().form, DurationForm::Ms);
        assert_eq!(seconds("2.5 hrs"), 9000.0);
        assert_eq!(seconds("-1.5s"), -1.5);
        assert_eq!(parse("1h 30m").unwrap().form, DurationForm::Compound);
    }

    #[test]
    fn compounds_use_the_ms_unit_table_case_insensitively() {
        assert_eq!(seconds("1h 30M"), 5400.0);
        assert_eq!(seconds("1H 30m"), 5400.0);
        assert_eq!(seconds("2 Days 3h"), 2.0 * 86_400.0 + 3.0 * 3600.0);
        assert_eq!(seconds("1h30m"), 5400.0);
        assert_eq!(seconds("1 hour 30 minutes 15 secs"), 5415.0);
        assert_eq!(seconds("1.5h 500ms"), 5400.5);
    }

    #[test]
    fn units_ms_does_not_know_are_refused() {
        for (text, unit) in [
            ("1 month", "month"),
            ("2mo", "mo"),
            ("1h 2months", "months"),
            ("5ns", "ns"),
            ("10us", "us"),
            ("1 fortnight", "fortnight"),
        ] {
            assert_eq!(
                parse(text),
                Err(DurationError::UnknownUnit(unit.into())),
                "{text}"
            );
        }
        assert!(DurationError::UnknownUnit("months".into())
            .to_string()
            .contains("no fixed length"));
        assert_eq!(parse("1h 30"), Err(DurationError::MissingUnit));
        assert_eq!(parse("1h -30m"), Err(DurationError::Negative));
        for bad in ["", " ", "soon", "inf", "NaN", "1e3", "h", "1..5h 1m", "+1h"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse(&"1h ".repeat(40)), Err(DurationError::TooLong));
    }

    #[test]
    fn lengths_are_not_negative() {
        assert_eq!(parse_length("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_length("1m 30s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_length("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_length("-1h"), Err(DurationError::Negative));
        assert_eq!(
            parse_length("99999999999999999999999y"),
            Err(DurationError::OutOfRange)
        );
    }

    #[test]
    fn ms_grammar_edges() {
        assert_eq!(parse_ms("100"), Some(100.0));
        assert_eq!(parse_ms(".5h"), Some(1_800_000.0));
        assert_eq!(parse_ms("2   DAYS"), Some(2.0 * DAY_MS));
        assert_eq!(parse_ms("1 "), Some(1.0));
        for bad in [
            "", "1.", "1.2.3s", "- 1s", "+1h", " 1h", "1h ", "1e3", "1..5s", "1 mss",
        ] {
            assert_eq!(parse_ms(bad), None, "{bad:?}");
        }
    }
}
