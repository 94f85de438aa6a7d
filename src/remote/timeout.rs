//! How long to wait for Courier, read in the one duration grammar (`duration`): seconds (`30`,
//! `2.5`) or a duration (`30s`, `2m`, `500ms`, `1m 30s`), more than zero and at most a day.
//! Only parsing lives here, with a typed [`TimeoutError`]; the commands word it for their option
//! (`commands::options::durations`), and the transport that honours the timeout is `transport`.

use std::time::Duration;

use crate::duration::{self, DurationError};

/// How long one request may take when no timeout is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest timeout accepted.
pub const LONGEST_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// Seconds (`45`, `0.5`) or a duration (`30s`, `2m`, `1h 30m`); `None` when it is neither
/// (see `duration::parse_length` for why).
pub fn parse_seconds_or_duration(text: &str) -> Option<Duration> {
    duration::parse_length(text).ok()
}

/// A timeout: seconds or a duration, more than zero and at most a day; absent means
/// [`DEFAULT_TIMEOUT`].
pub fn parse_timeout(text: Option<&str>) -> Result<Duration, TimeoutError> {
    let Some(text) = text else {
        return Ok(DEFAULT_TIMEOUT);
    };
    match duration::parse_length(text) {
        Ok(timeout) if !timeout.is_zero() && timeout <= LONGEST_TIMEOUT => Ok(timeout),
        Ok(_) | Err(DurationError::Negative | DurationError::OutOfRange) => {
            Err(TimeoutError::OutOfBounds)
        }
        Err(error) => Err(TimeoutError::NotADuration(error)),
    }
}

/// Why a text is not a timeout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeoutError {
    /// A duration, but zero, negative or longer than [`LONGEST_TIMEOUT`].
    OutOfBounds,
    /// Not a duration at all; the grammar says why.
    NotADuration(DurationError),
}

impl std::fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeoutError::OutOfBounds => {
                f.write_str("a timeout must be more than zero and at most a day")
            }
            TimeoutError::NotADuration(error) => write!(f, "not a duration: {error}"),
        }
    }
}

impl std::error::Error for TimeoutError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_take_seconds_or_durations() {
        assert_eq!(parse_timeout(None).unwrap(), DEFAULT_TIMEOUT);
        assert_eq!(parse_timeout(Some("1s")).unwrap(), Duration::from_secs(1));
        assert_eq!(parse_timeout(Some("45")).unwrap(), Duration::from_secs(45));
        assert_eq!(
            parse_timeout(Some("0.5")).unwrap(),
            Duration::from_millis(500)
        );
        assert_eq!(parse_timeout(Some("2m")).unwrap(), Duration::from_secs(120));
        assert_eq!(
            parse_timeout(Some("1m 30S")).unwrap(),
            Duration::from_secs(90)
        );
        assert_eq!(parse_timeout(Some("2d")), Err(TimeoutError::OutOfBounds));
        assert!(matches!(
            parse_timeout(Some("1 month")),
            Err(TimeoutError::NotADuration(DurationError::UnknownUnit(_)))
        ));
        for bad in ["0", "0s", "soon", "2d", "NaN", "inf"] {
            assert!(parse_timeout(Some(bad)).is_err(), "{bad:?}");
        }
    }
}
