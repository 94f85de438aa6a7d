//! Token lifetimes as users write them, and the arithmetic that turns one into `exp`.
//!
//! Courier's `expires_in` follows the `ms` library (2.x) that Node `jsonwebtoken` uses:
//! `"2 days"`, `"1h"`, `"2.5 hrs"`, `"-1.5s"`, with `exp = floor(iat + ms / 1000)` in f64. On the
//! command line a bare number means seconds (the API's numeric form), and compound durations
//! such as `"1h 30m"` are accepted too. This module knows nothing of tokens beyond that sum.

use std::fmt;

use crate::clock::MAX_TIMESTAMP;
use crate::error::{quoted, user_error_with_hint};

/// Longest string `ms` accepts; longer ones are refused, as `ms` does.
const MS_MAX_LENGTH: usize = 100;

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

/// A lifetime as the user wrote it, plus its length in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpiresIn {
    original: String,
    milliseconds: f64,
    is_bare_number: bool,
}

impl ExpiresIn {
    /// Parses a command-line lifetime: a bare number of seconds (`3600`, `-60`), Courier's `ms`
    /// grammar (`2 days`, `1h`, `2.5 hrs`), or a compound duration (`1h 30m`).
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        // A bare number means seconds, even with stray spaces around it ("1 " is not 1 ms).
        let milliseconds_or_none = if is_ms_number(text.trim()) {
            text.trim()
                .parse::<f64>()
                .ok()
                .map(|seconds| (seconds * SECOND_MS, true))
        } else {
            parse_ms(text)
                .map(|ms| (ms, false))
                .or_else(|| parse_compound(text).map(|ms| (ms, false)))
        };
        let Some((milliseconds, is_bare_number)) = milliseconds_or_none else {
            return Err(user_error_with_hint(
                format!("--expires-in {} is not a lifetime", quoted(text)),
                "write it as Courier does: \"2 days\", \"1h\", \"2.5 hrs\", \"30m\", \"-1h\" (already expired), a number of seconds (3600), or \"1h 30m\"",
            ));
        };
        if !milliseconds.is_finite() {
            return Err(lifetime_out_of_range(text));
        }
        Ok(Self {
            original: text.to_string(),
            milliseconds,
            is_bare_number,
        })
    }

    /// The text as the user wrote it (what `--remote` sends to Courier).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// True for a bare number of seconds (the API's numeric form of `expires_in`).
    pub fn is_bare_number(&self) -> bool {
        self.is_bare_number
    }

    pub fn milliseconds(&self) -> f64 {
        self.milliseconds
    }

    /// `exp` for a token issued at `iat`: `floor(iat + ms / 1000)` in f64, exactly as Node
    /// `jsonwebtoken` computes it. Refuses results outside 1970..=9999 rather than wrapping.
    pub fn expiry_after(&self, iat: i64) -> anyhow::Result<i64> {
        let exp = (iat as f64 + self.milliseconds / SECOND_MS).floor();
        if !(0.0..=MAX_TIMESTAMP as f64).contains(&exp) {
            return Err(lifetime_out_of_range(&self.original));
        }
        Ok(exp as i64)
    }
}

impl fmt::Display for ExpiresIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

fn lifetime_out_of_range(text: &str) -> anyhow::Error {
    user_error_with_hint(
        format!(
            "--expires-in {} puts the expiry outside the years 1970 to 9999",
            quoted(text)
        ),
        "use a lifetime such as \"30 days\" or \"1y\"; for a token that never expires use --no-expiry",
    )
}

/// The `ms` library's parse of a string: milliseconds, or `None` where `ms` returns undefined.
/// Regex: `^(-?(?:\d+)?\.?\d+) *(unit)?$`, case-insensitive, at most 100 characters. A string
/// without a unit means milliseconds.
pub fn parse_ms(text: &str) -> Option<f64> {
    if text.is_empty() || text.len() > MS_MAX_LENGTH {
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
    UNITS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(unit))
        .map(|&(_, size)| value * size)
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

/// A compound duration such as `1h 30m` (humantime's grammar), in milliseconds.
fn parse_compound(text: &str) -> Option<f64> {
    let duration = humantime::parse_duration(text.trim()).ok()?;
    Some(duration.as_secs_f64() * SECOND_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IAT: i64 = 1_700_000_000;

    fn exp(text: &str) -> i64 {
        ExpiresIn::parse(text).unwrap().expiry_after(IAT).unwrap()
    }

    #[test]
    fn courier_examples() {
        assert_eq!(exp("2 days"), IAT + 2 * 86_400);
        assert_eq!(exp("1h"), IAT + 3_600);
        assert_eq!(exp("2.5 hrs"), IAT + 9_000);
        assert_eq!(exp("1m"), IAT + 60);
        assert_eq!(exp("1y"), IAT + 31_557_600);
        assert_eq!(exp("-1.5s"), IAT - 2);
        assert_eq!(exp("-1h"), IAT - 3_600);
    }

    #[test]
    fn bare_numbers_are_seconds_and_compounds_work() {
        assert_eq!(exp("3600"), IAT + 3_600);
        assert_eq!(exp("-60"), IAT - 60);
        assert_eq!(exp("1 "), IAT + 1);
        assert_eq!(exp("1h 30m"), IAT + 5_400);
        assert!(ExpiresIn::parse("3600").unwrap().is_bare_number());
        assert!(!ExpiresIn::parse("1h").unwrap().is_bare_number());
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

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let huge = "9".repeat(100);
        assert!(ExpiresIn::parse(&format!("{huge}y")).is_err());
        assert!(ExpiresIn::parse("100000000000y")
            .unwrap()
            .expiry_after(IAT)
            .is_err());
        assert!(ExpiresIn::parse("-100y")
            .unwrap()
            .expiry_after(IAT)
            .is_err());
    }
}
