//! The claims `verify` checks, as values: a time claim ([`TimeClaim`], holding an exact
//! [`NumericDate`]), the audience ([`Audience`]) and the [`ClaimsSummary`] of a payload. Both
//! payload readers produce them — the strict parser (`claims`) and the fast path for Courier's
//! own layout (`fast_claims`) — and `verify` decides with them. No parsing of bytes here.

use std::borrow::Cow;

/// A NumericDate claim as found in the payload.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TimeClaim {
    Absent,
    /// A valid NumericDate.
    Date(NumericDate),
    /// A number that is negative or 2^64 and beyond (as written).
    OutOfRange(String),
    /// Not a number at all: the JSON type found.
    NotANumber(&'static str),
}

/// Exclusive upper bound of a NumericDate: the range of u64, for whole and fractional alike.
const NUMERIC_DATE_LIMIT: f64 = 18_446_744_073_709_551_616.0; // 2^64

/// Seconds since 1970 as RFC 7519 §2 defines a NumericDate: a non-negative JSON number, which
/// may have a fraction (`1669652650.5`) or be written with an exponent (`1.6e9`), as Node
/// `jsonwebtoken` and PyJWT accept. Compared exactly, never rounded first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumericDate {
    /// Written as an integer.
    Whole(u64),
    /// Written with a fraction or an exponent: finite, not negative, below 2^64.
    Fractional(f64),
}

impl NumericDate {
    /// A JSON number as a NumericDate; `None` for anything else, negatives (`-0` included) and
    /// numbers of 2^64 and beyond.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        let number = value.as_number()?;
        if let Some(whole) = number.as_u64() {
            return Some(NumericDate::Whole(whole));
        }
        if number.is_f64() {
            return Self::from_f64(number.as_f64()?);
        }
        None
    }

    /// A JSON float as a NumericDate; `None` when negative, non-finite or 2^64 and beyond.
    pub(crate) fn from_f64(seconds: f64) -> Option<Self> {
        let in_range =
            seconds.is_finite() && seconds.is_sign_positive() && seconds < NUMERIC_DATE_LIMIT;
        in_range.then_some(NumericDate::Fractional(seconds))
    }

    /// Whole seconds, rounded down: for showing the instant, not for deciding with it.
    pub fn floor_seconds(self) -> u64 {
        match self {
            NumericDate::Whole(seconds) => seconds,
            // In range by construction, so the cast neither saturates nor wraps.
            NumericDate::Fractional(seconds) => seconds.floor() as u64,
        }
    }

    /// True when this instant is at or before `seconds`, compared exactly.
    pub fn is_at_or_before(self, seconds: i128) -> bool {
        match self {
            NumericDate::Whole(whole) => i128::from(whole) <= seconds,
            NumericDate::Fractional(fractional) => fractional <= exact_f64(seconds),
        }
    }

    /// True when this instant is after `seconds`, compared exactly.
    pub fn is_after(self, seconds: i128) -> bool {
        !self.is_at_or_before(seconds)
    }
}

/// `seconds` as f64, exact for the times compared here (clock times before the year 10000,
/// plus or minus a leeway of at most ten years, are far below 2^53).
fn exact_f64(seconds: i128) -> f64 {
    seconds as f64
}

/// The `aud` claim (RFC 7519 §4.1.3): a string or an array of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audience<'a> {
    Absent,
    /// The audiences named, in order (one for a string).
    Named(Vec<Cow<'a, str>>),
    /// Neither a string nor an array of strings: what was found.
    Malformed(&'static str),
}

/// What the checks need from a payload.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClaimsSummary<'a> {
    /// The `scope` claim when it is a string.
    pub scope: Option<Cow<'a, str>>,
    pub exp: TimeClaim,
    pub nbf: TimeClaim,
    pub iat: TimeClaim,
    pub aud: Audience<'a>,
}

impl ClaimsSummary<'_> {
    /// A payload with none of the claims the checks read: the start of every reading.
    pub(crate) fn empty() -> Self {
        Self {
            scope: None,
            exp: TimeClaim::Absent,
            nbf: TimeClaim::Absent,
            iat: TimeClaim::Absent,
            aud: Audience::Absent,
        }
    }
}
