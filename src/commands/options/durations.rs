//! Duration options as the commands read them: `--expires-in`, `--leeway`, `--timeout` (and
//! any later one, such as `doctor --min-ttl`, through [`length_option`]). The grammar is
//! `duration`'s; this file only words its typed errors for the option the user typed.

use std::time::Duration;

use crate::duration::{self, DurationError, UNITS_HINT};
use crate::expires_in::{ExpiresIn, ExpiryOutOfRange};
use crate::remote::{parse_timeout, TimeoutError};
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};

const LIFETIME_HINT: &str = "write it as Courier does: \"2 days\", \"1h\", \"2.5 hrs\", \"30m\", \"-1h\" (already expired), a number of seconds (3600), or \"1h 30m\"";

/// `--expires-in`, parsed once for both signing and sending.
pub fn expires_in_option(text: &str, redaction: &Redaction) -> anyhow::Result<ExpiresIn> {
    ExpiresIn::parse(text).map_err(|error| match error {
        DurationError::OutOfRange => lifetime_out_of_range(text, redaction),
        DurationError::UnknownUnit(_) | DurationError::MissingUnit => user_error_with_hint(
            format!(
                "--expires-in {} is not a lifetime: {error}",
                redaction.quoted(text)
            ),
            UNITS_HINT,
        ),
        _ => user_error_with_hint(
            format!("--expires-in {} is not a lifetime", redaction.quoted(text)),
            LIFETIME_HINT,
        ),
    })
}

/// `exp` for a token issued at `iat`, worded for `--expires-in` when out of range.
pub fn expiry_after(
    expires_in: &ExpiresIn,
    iat: i64,
    redaction: &Redaction,
) -> anyhow::Result<i64> {
    expires_in
        .expiry_after(iat)
        .map_err(|ExpiryOutOfRange| lifetime_out_of_range(expires_in.original(), redaction))
}

fn lifetime_out_of_range(text: &str, redaction: &Redaction) -> anyhow::Error {
    user_error_with_hint(
        format!("--expires-in {} {ExpiryOutOfRange}", redaction.quoted(text)),
        "use a lifetime such as \"30 days\" or \"1y\"; for a token that never expires use --no-expiry",
    )
}

/// A span of time given to `option` (`--leeway`, `--timeout`, `--min-ttl`): any form of the
/// duration grammar, not negative.
pub fn length_option(option: &str, text: &str, redaction: &Redaction) -> anyhow::Result<Duration> {
    duration::parse_length(text).map_err(|error| {
        let shown = redaction.quoted(text);
        match error {
            DurationError::Negative => user_error_with_hint(
                format!("{option} {shown} is negative"),
                "give a length of time: seconds (30) or a duration (30s, 2m, 1h 30m)",
            ),
            DurationError::UnknownUnit(_) | DurationError::MissingUnit => user_error_with_hint(
                format!("{option} {shown} is not a duration: {error}"),
                UNITS_HINT,
            ),
            _ => user_error_with_hint(
                format!("{option} {shown} is not a duration"),
                "give seconds (30) or a duration (30s, 2m, 1h 30m)",
            ),
        }
    })
}

/// `--timeout` of `issue --remote` and `doctor`: absent means the default.
pub fn timeout_option(text: Option<&str>, redaction: &Redaction) -> anyhow::Result<Duration> {
    parse_timeout(text).map_err(|error| {
        let shown = redaction.quoted(text.unwrap_or_default());
        match error {
            TimeoutError::OutOfBounds => user_error(format!(
                "--timeout {shown} must be more than zero and at most a day"
            )),
            TimeoutError::NotADuration(
                error @ (DurationError::UnknownUnit(_) | DurationError::MissingUnit),
            ) => user_error_with_hint(
                format!("--timeout {shown} is not a duration: {error}"),
                UNITS_HINT,
            ),
            TimeoutError::NotADuration(_) => user_error_with_hint(
                format!("--timeout {shown} is not a duration"),
                "give seconds (30) or a duration (30s, 2m)",
            ),
        }
    })
}
