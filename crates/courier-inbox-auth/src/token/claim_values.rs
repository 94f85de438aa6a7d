//! The claims `verify` checks, as values: a time claim ([`TimeClaim`], holding an exact
//! [`NumericDate`]), the audience ([`Audience`]) and the [`ClaimsSummary`] of a payload. Both
//! payload readers produce them — the strict parser (`claims`) and the fast path for Courier's
//! own layout (`fast_claims`) — and `verify` decides with them. No parsing of bytes here.

use std::borrow::Cow;

pub use super::numeric_date::NumericDate;

/// A NumericDate claim as found in the payload.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeClaim {
    Absent,
    /// A valid NumericDate.
    Date(NumericDate),
    /// A number that is negative or 2^64 and beyond (as written).
    OutOfRange(String),
    /// Not a number at all: the JSON type found.
    NotANumber(&'static str),
}

/// The `aud` claim (RFC 7519 §4.1.3): a string or an array of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience<'a> {
    Absent,
    /// The audiences named, in order (one for a string).
    Named(Vec<Cow<'a, str>>),
    /// Neither a string nor an array of strings: what was found.
    Malformed(&'static str),
}

/// What the checks need from a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimsSummary<'a> {
    /// The `scope` claim when it is a string.
    pub scope: Option<Cow<'a, str>>,
    pub exp: TimeClaim,
    pub nbf: TimeClaim,
    pub iat: TimeClaim,
    pub aud: Audience<'a>,
}

impl ClaimsSummary<'_> {
    /// A payload with none of the claims the checks read: the start of every reading.
    pub fn empty() -> Self {
        Self {
            scope: None,
            exp: TimeClaim::Absent,
            nbf: TimeClaim::Absent,
            iat: TimeClaim::Absent,
            aud: Audience::Absent,
        }
    }
}
