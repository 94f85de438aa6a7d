//! `inspect --json` as types: the document courier-token-inspect(1)'s JSON OUTPUT describes,
//! field for field in its order. The token's header and claims stay maps (they are the token's
//! own members, in its order); everything else is fixed.

use serde::Serialize;
use serde_json::{Map, Value};

use jiff::tz::TimeZone;

use crate::clock::{format_relative, format_timestamp_in};

/// An instant as JSON: Unix seconds, RFC 3339 and relative to now.
#[derive(Serialize)]
pub(super) struct InstantJson {
    unix: i64,
    rfc3339: String,
    relative: String,
}

impl InstantJson {
    /// `null` in the document when the claim is absent.
    pub(super) fn at(seconds: Option<i64>, now: i64, zone: Option<&TimeZone>) -> Option<Self> {
        seconds.map(|seconds| InstantJson {
            unix: seconds,
            rfc3339: format_timestamp_in(seconds, zone),
            relative: format_relative(seconds, now),
        })
    }
}

/// `inspect --json`, field for field as courier-token-inspect(1)'s JSON OUTPUT lists it; the
/// header and claims stay maps because they are the token's own, in its order.
#[derive(Serialize)]
pub struct InspectionJson<'a> {
    pub(super) header: &'a Option<Map<String, Value>>,
    pub(super) claims: &'a Option<Map<String, Value>>,
    pub(super) problems: Vec<&'a String>,
    pub(super) summary: SummaryJson<'a>,
    pub(super) warnings: Vec<WarningJson<'a>>,
}

#[derive(Serialize)]
pub(super) struct SummaryJson<'a> {
    pub(super) user_ids: &'a [String],
    pub(super) scopes: Vec<ScopeJson<'a>>,
    pub(super) tenant_id: &'a Option<String>,
    pub(super) tenant_scope: &'a Option<String>,
    pub(super) environment: Option<String>,
    pub(super) issued_at: Option<InstantJson>,
    pub(super) expires_at: Option<InstantJson>,
    pub(super) not_before: Option<InstantJson>,
    pub(super) never_expires: bool,
    pub(super) signature: &'static str,
}

#[derive(Serialize)]
pub(super) struct ScopeJson<'a> {
    pub(super) scope: &'a str,
    pub(super) known: bool,
    pub(super) meaning: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct WarningJson<'a> {
    pub(super) code: &'static str,
    pub(super) message: &'a str,
}

/// The document as compact JSON, as `serde_json::Value`'s `Display` writes it.
impl std::fmt::Display for InspectionJson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}
