//! Token lifetimes as users write them, and the arithmetic that turns one into `exp`.
//!
//! Courier's `expires_in` follows the `ms` library (2.x) that Node `jsonwebtoken` uses:
//! `"2 days"`, `"1h"`, `"2.5 hrs"`, `"-1.5s"`, with `exp = floor(iat + ms / 1000)` in f64. The
//! grammar itself (a bare number is seconds, compounds such as `"1h 30m"`) is `duration`'s; this
//! module adds what a lifetime means for a token. It knows nothing of tokens beyond that sum, and
//! nothing of options: errors are typed, and the commands word them.

use std::fmt;

pub use super::duration::parse_ms;
use super::duration::{self, DurationError, DurationForm, HumanDuration};
use super::spans::MAX_TIMESTAMP;

/// A lifetime as the user wrote it, parsed once: what is signed and what is sent to Courier
/// both come from this one reading.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpiresIn {
    original: String,
    duration: HumanDuration,
}

/// The lifetime puts `exp` before 1970 or after 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryOutOfRange;

impl fmt::Display for ExpiryOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("puts the expiry outside the years 1970 to 9999")
    }
}

impl std::error::Error for ExpiryOutOfRange {}

impl ExpiresIn {
    /// Parses a lifetime in the `duration` grammar: a bare number of seconds (`3600`, `-60`),
    /// Courier's `ms` grammar (`2 days`, `1h`, `2.5 hrs`), or a compound (`1h 30m`).
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        Ok(Self {
            original: text.to_string(),
            duration: duration::parse(text)?,
        })
    }

    /// The text as the user wrote it.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// True for a bare number of seconds (the API's numeric form of `expires_in`).
    pub fn is_bare_number(&self) -> bool {
        self.duration.form == DurationForm::BareSeconds
    }

    /// True when Courier's own grammar reads the text as written (one `ms` value).
    pub fn is_ms_grammar(&self) -> bool {
        self.duration.form == DurationForm::Ms
    }

    pub fn milliseconds(&self) -> f64 {
        self.duration.milliseconds
    }

    /// The lifetime in seconds, as signed into `exp` and as sent in numeric form.
    pub fn seconds(&self) -> f64 {
        self.duration.seconds()
    }

    /// `exp` for a token issued at `iat`: `floor(iat + ms / 1000)` in f64, exactly as Node
    /// `jsonwebtoken` computes it. Refuses results outside 1970..=9999 rather than wrapping.
    pub fn expiry_after(&self, iat: i64) -> Result<i64, ExpiryOutOfRange> {
        let exp = (iat as f64 + self.seconds()).floor();
        if !(0.0..=MAX_TIMESTAMP as f64).contains(&exp) {
            return Err(ExpiryOutOfRange);
        }
        Ok(exp as i64)
    }
}

impl fmt::Display for ExpiresIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
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
        assert_eq!(exp("1h 30M"), IAT + 5_400);
        assert!(ExpiresIn::parse("3600").unwrap().is_bare_number());
        assert!(!ExpiresIn::parse("1h").unwrap().is_bare_number());
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
