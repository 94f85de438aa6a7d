//! Instants as text: reading a time that stands in for "now" ([`parse_now`]: Unix seconds or
//! RFC 3339 with a `Z` or `±HH:MM` offset, always within 1970..=9999) and writing one in UTC
//! ([`format_utc`]: `2024-05-01T12:00:00Z`), with jiff's calendar and no clock, zone or static
//! of its own. Errors are typed ([`TimeError`]); wording them for an option is the binary's job.
//! Which zone an instant is shown in, and "now" itself, are the binary's `clock`.

use super::spans::MAX_TIMESTAMP;

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
    Some(utc_seconds(local.as_bytes())? - offset_seconds)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]` read as UTC, to Unix seconds, by the rules `--now` has
/// always had: humantime 2's `parse_rfc3339` applied to `local` with a `Z` appended, ported
/// rule for rule (a `T` between date and time, years from 1970, a leap second `60` read as
/// `59`, fraction digits dropped, and its leniencies after the seconds kept as they were).
fn utc_seconds(local: &[u8]) -> Option<i64> {
    let mut b = local.to_vec();
    b.push(b'Z');
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let two = |at: usize| -> Option<i64> {
        let (tens, ones) = (b[at], b[at + 1]);
        (tens.is_ascii_digit() && ones.is_ascii_digit())
            .then(|| i64::from(tens - b'0') * 10 + i64::from(ones - b'0'))
    };
    let year = two(0)? * 100 + two(2)?;
    let (month, day) = (two(5)?, two(8)?);
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    if year < 1970 || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let date = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let last = b.len() - 1;
    if b[19] == b'.' {
        for (at, &byte) in b.iter().enumerate().skip(20) {
            match byte {
                b'Z' if at == last => break,
                b'+' if b.len() >= 6 && at == b.len() - 6 => break,
                b'Z' | b'+' => return None,
                digit if digit.is_ascii_digit() => {}
                _ => return None,
            }
        }
    } else if b.len() > 25 || (b[19] != b'Z' && &b[19..] != b"+00:00") {
        return None;
    }
    let days = i64::from(date.since(EPOCH_DATE).ok()?.get_days());
    Some(days * 86_400 + hour * 3600 + minute * 60 + second.min(59))
}

/// 1970-01-01, the day Unix seconds count from.
const EPOCH_DATE: jiff::civil::Date = jiff::civil::date(1970, 1, 1);

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

/// `2024-05-01T12:00:00Z` for Unix seconds within `0..=MAX_TIMESTAMP`; `None` outside.
pub fn format_utc(seconds: i64) -> Option<String> {
    if !(0..=MAX_TIMESTAMP).contains(&seconds) {
        return None;
    }
    let date = EPOCH_DATE
        .checked_add(jiff::Span::new().days(seconds / 86_400))
        .ok()?;
    let time = seconds % 86_400;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.year(),
        date.month(),
        date.day(),
        time / 3600,
        time % 3600 / 60,
        time % 60
    ))
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
    fn reads_what_the_rfc_3339_rules_allow_and_no_more() {
        assert_eq!(
            parse_now("2016-12-31T23:59:60Z"),
            parse_now("2016-12-31T23:59:59Z")
        );
        assert_eq!(parse_now("2024-02-29T00:00:00Z").ok(), Some(1_709_164_800));
        for refused in [
            "2023-02-29T00:00:00Z",
            "2024-05-01 12:00:00Z",
            "2024-05-01t12:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:61Z",
            "2024-05-01T12:00:00.Z1",
            "2024-05-01T12:00:00.5x",
            "2024-05-01T12:00:00.5+00:00+01:00",
            "1969-12-31T23:00:00-01:00",
            "2024-05-01T12:00",
        ] {
            assert_eq!(parse_now(refused), Err(TimeError::NotATime), "{refused}");
        }
    }

    #[test]
    fn keeps_the_old_parsers_leniencies_after_the_seconds() {
        assert_eq!(parse_now("2024-05-01T12:00:00ZZ").ok(), Some(1_714_564_800));
        assert_eq!(
            parse_now("2024-05-01T12:00:00.1+00:0Z").ok(),
            Some(1_714_564_800)
        );
    }

    #[test]
    fn writes_utc_across_the_whole_range() {
        assert_eq!(format_utc(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            format_utc(1_700_000_000).as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
        assert_eq!(
            format_utc(MAX_TIMESTAMP).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(format_utc(-1), None);
    }
}
