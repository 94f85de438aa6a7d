//! The checks on a payload once its signature matched: each time claim must be a NumericDate,
//! `exp` and `nbf` hold against the clock and leeway, `aud` names this verifier (RFC 7519
//! §4.1.3), and the caller's [`Policy`] — user id, required scopes, required `exp` — is met.
//! The order they run in is `verify`'s business.

use super::claim_values::{Audience, NumericDate, TimeClaim};
use super::detail::Detail;
use super::reason::{reject, Reason, Rejection};
use crate::scope;

/// What the caller requires beyond a good signature.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Unix seconds standing in for the clock.
    pub now: i64,
    /// Seconds of slack for `exp` and `nbf`.
    pub leeway: i64,
    pub user_id: Option<String>,
    /// Audiences this verifier identifies with: a token with `aud` must name one of them.
    pub audiences: Vec<String>,
    pub required_scopes: Vec<String>,
    pub require_exp: bool,
}

/// A NumericDate claim: absent, or a non-negative number below 2^64 (a fraction allowed).
pub(super) fn time_claim(claim: &TimeClaim, name: &str) -> Result<Option<NumericDate>, Rejection> {
    match claim {
        TimeClaim::Absent => Ok(None),
        TimeClaim::Date(date) => Ok(Some(*date)),
        TimeClaim::OutOfRange(number) => Err(Rejection {
            reason: Reason::InvalidTimeClaim,
            detail: format!(
                "\"{name}\" is {}, not a number of seconds since 1970 (0 up to 2^64)",
                shortened(number)
            )
            .into(),
        }),
        TimeClaim::NotANumber(kind) => Err(Rejection {
            reason: Reason::InvalidTimeClaim,
            detail: format!("\"{name}\" is a JSON {kind}, not a number").into(),
        }),
    }
}

/// A number as written, for a message: whole up to 40 characters, then cut with an ellipsis.
fn shortened(number: &str) -> String {
    match number.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &number[..cut]),
        None => number.to_string(),
    }
}

pub(super) fn check_times(
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    policy: &Policy,
) -> Result<(), Rejection> {
    let now = i128::from(policy.now);
    let leeway = i128::from(policy.leeway);
    if let Some(exp) = exp {
        if exp.is_at_or_before(now - leeway) {
            return reject(
                Reason::Expired,
                describe(Detail::text("expired "), exp.floor_seconds(), policy.now),
            );
        }
    }
    if let Some(nbf) = nbf {
        if nbf.is_after(now + leeway) {
            return reject(
                Reason::NotYetValid,
                describe(
                    Detail::text("not valid before "),
                    nbf.floor_seconds(),
                    policy.now,
                ),
            );
        }
    }
    Ok(())
}

/// RFC 7519 §4.1.3: a verifier that does not identify with a value in `aud` must reject the
/// token. Courier never sets `aud`; a token with one was meant for some other verifier.
pub(super) fn check_audience(aud: &Audience<'_>, audiences: &[String]) -> Result<(), Rejection> {
    match aud {
        Audience::Absent if audiences.is_empty() => Ok(()),
        Audience::Absent => reject(
            Reason::AudienceMismatch,
            format!(
                "has no \"aud\", but an audience ({}) is required",
                audiences.join(", ")
            ),
        ),
        Audience::Named(named)
            if named
                .iter()
                .any(|name| audiences.iter().any(|wanted| wanted == name.as_ref())) =>
        {
            Ok(())
        }
        Audience::Named(named) => {
            let mut detail = Detail::text("is for the audience ");
            if named.is_empty() {
                detail = detail.and_text("[] (none)");
            }
            for (index, name) in named.iter().enumerate() {
                if index > 0 {
                    detail = detail.and_text(", ");
                }
                detail = detail.and_quoted(name.as_ref());
            }
            reject(
                Reason::AudienceMismatch,
                detail.and_text(
                    ", which this verifier was not told to accept (Courier tokens carry no \"aud\")",
                ),
            )
        }
        Audience::Malformed(found) => reject(
            Reason::AudienceMismatch,
            format!("\"aud\" is a JSON {found}, not a string or an array of strings"),
        ),
    }
}

pub(super) fn check_requirements(
    scope: &str,
    has_exp: bool,
    policy: &Policy,
) -> Result<(), Rejection> {
    let scopes = || scope.split(' ').filter(|s| !s.is_empty());
    if let Some(user_id) = &policy.user_id {
        if !scopes().any(|s| scope::user_id_of(s) == Some(user_id)) {
            let found: Vec<&str> = scopes().filter_map(scope::user_id_of).collect();
            let found = if found.is_empty() {
                "none".to_string()
            } else {
                found.join(", ")
            };
            return reject(
                Reason::UserIdMismatch,
                Detail::text("not for user ")
                    .and_quoted(user_id.as_str())
                    .and_text(format!(" (its user ids: {found})")),
            );
        }
    }
    for required in &policy.required_scopes {
        if !scopes().any(|s| s == required) {
            return reject(
                Reason::MissingScope,
                Detail::text("lacks the scope ").and_quoted(required.as_str()),
            );
        }
    }
    if policy.require_exp && !has_exp {
        return reject(
            Reason::MissingExp,
            "has no \"exp\": it never expires, and an expiry is required",
        );
    }
    Ok(())
}

/// `detail` followed by the instant `seconds` shown against `now` (raw seconds past i64).
fn describe(detail: Detail, seconds: u64, now: i64) -> Detail {
    match i64::try_from(seconds) {
        Ok(seconds) => detail.and_instant(seconds, now),
        Err(_) => detail.and_text(format!("{seconds}")),
    }
}
