//! How long to wait for Courier: `--timeout` of `issue --remote` and `doctor`, read as seconds
//! (`30`, `2.5`) or a duration (`30s`, `2m`, `500ms`). The grammar alone
//! ([`parse_seconds_or_duration`]) is also what `doctor --min-ttl` reads. Only parsing lives
//! here; the transport that honours the timeout is `transport`.

use std::time::Duration;

use super::DEFAULT_TIMEOUT;
use crate::error::{user_error, user_error_with_hint};

/// The longest `--timeout` accepted.
pub const LONGEST_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// Seconds (`45`, `0.5`) or a duration (`30s`, `2m`); `None` when it is neither.
pub fn parse_seconds_or_duration(text: &str) -> Option<Duration> {
    match text.parse::<f64>() {
        Ok(seconds) => Duration::try_from_secs_f64(seconds).ok(),
        Err(_) => humantime::parse_duration(text).ok(),
    }
}

/// `--timeout`: seconds or a duration, more than zero and at most a day; absent means
/// [`DEFAULT_TIMEOUT`].
pub fn parse_timeout(text: Option<&str>) -> anyhow::Result<Duration> {
    let Some(text) = text else {
        return Ok(DEFAULT_TIMEOUT);
    };
    match parse_seconds_or_duration(text) {
        Some(timeout) if !timeout.is_zero() && timeout <= LONGEST_TIMEOUT => Ok(timeout),
        Some(_) => Err(user_error(format!(
            "--timeout {text:?} must be more than zero and at most a day"
        ))),
        None => Err(user_error_with_hint(
            format!("--timeout {text:?} is not a duration"),
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
        for bad in ["0", "0s", "soon", "2d", "NaN", "inf"] {
            assert!(parse_timeout(Some(bad)).is_err(), "{bad:?}");
        }
    }
}
