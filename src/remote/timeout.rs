//! How long to wait for Courier: `--timeout` of `issue --remote` and `doctor`, read in the one
//! duration grammar (`duration`): seconds (`30`, `2.5`) or a duration (`30s`, `2m`, `500ms`,
//! `1m 30s`). Only parsing lives here; the transport that honours the timeout is `transport`.

use std::time::Duration;

use crate::duration::{self, DurationError, UNITS_HINT};
use crate::error::{quoted, user_error, user_error_with_hint};

/// How long one request may take when `--timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest `--timeout` accepted.
pub const LONGEST_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// Seconds (`45`, `0.5`) or a duration (`30s`, `2m`, `1h 30m`); `None` when it is neither
/// (see `duration::parse_length` for why).
pub fn parse_seconds_or_duration(text: &str) -> Option<Duration> {
    duration::parse_length(text).ok()
}

/// `--timeout`: seconds or a duration, more than zero and at most a day; absent means
/// [`DEFAULT_TIMEOUT`].
pub fn parse_timeout(text: Option<&str>) -> anyhow::Result<Duration> {
    let Some(text) = text else {
        return Ok(DEFAULT_TIMEOUT);
    };
    let out_of_bounds = || {
        user_error(format!(
            "--timeout {} must be more than zero and at most a day",
            quoted(text)
        ))
    };
    match duration::parse_length(text) {
        Ok(timeout) if !timeout.is_zero() && timeout <= LONGEST_TIMEOUT => Ok(timeout),
        Ok(_) | Err(DurationError::Negative | DurationError::OutOfRange) => Err(out_of_bounds()),
        Err(error @ (DurationError::UnknownUnit(_) | DurationError::MissingUnit)) => {
            Err(user_error_with_hint(
                format!("--timeout {} is not a duration: {error}", quoted(text)),
                UNITS_HINT,
            ))
        }
        Err(_) => Err(user_error_with_hint(
            format!("--timeout {} is not a duration", quoted(text)),
            "give seconds (30) or a duration (30s, 2m)",
        )),
    }
}

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
        for bad in ["0", "0s", "soon", "2d", "NaN", "inf"] {
            assert!(parse_timeout(Some(bad)).is_err(), "{bad:?}");
        }
    }
}
