//! What a token means in Courier's terms, worked out without trusting it: who it is for, what
//! each scope allows, which workspace and environment, when it was issued and expires, whether
//! its signature matches a key (when one is at hand), and what looks wrong. `inspect` renders
//! this as text or JSON; nothing here prints.

use serde_json::{Map, Value};

use jiff::tz::TimeZone;

use crate::clock::{format_relative, format_span_between, format_timestamp_in};
use crate::scope::{self, INBOX_SCOPES};
use crate::token::claim_values::NumericDate;
use crate::token::{decode_token, DecodedToken, Signer};

mod json_shape;

pub use json_shape::InspectionJson;
use json_shape::{InstantJson, ScopeJson, SummaryJson, WarningJson};

/// How far ahead of now a token's `iat` may be (clock skew) before it is `issued_in_future`.
pub(crate) const ISSUED_AHEAD_TOLERANCE_SECONDS: i64 = 60;

/// One scope and what Courier documents it to mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeFact {
    pub scope: String,
    /// `None` when the scope is not in Courier's documented list.
    pub meaning: Option<&'static str>,
}

/// Whether the signature was checked against a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    NotChecked,
    Matches,
    DoesNotMatch,
}

impl SignatureCheck {
    pub fn code(self) -> &'static str {
        match self {
            SignatureCheck::NotChecked => "not_checked",
            SignatureCheck::Matches => "matches",
            SignatureCheck::DoesNotMatch => "mismatch",
        }
    }
}

/// Something a support engineer should notice, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// Everything `inspect` says about a token.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub decoded: DecodedToken,
    pub user_ids: Vec<String>,
    pub scopes: Vec<ScopeFact>,
    pub tenant_id: Option<String>,
    pub tenant_scope: Option<String>,
    pub issued_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub not_before: Option<i64>,
    pub signature: SignatureCheck,
    pub warnings: Vec<Warning>,
    pub now: i64,
    /// The zone instants are shown in (`--date local`); `None` is UTC.
    pub zone: Option<TimeZone>,
}

/// What the caller knows besides the token.
#[derive(Clone, Copy, Default)]
pub struct InspectionInputs<'a> {
    pub now: i64,
    /// The tenant id the caller's client key encodes, to compare with the token's.
    pub expected_tenant_id: Option<&'a str>,
    pub signer: Option<&'a Signer>,
    /// The zone instants are shown in; `None` (the default) is UTC.
    pub zone: Option<&'a TimeZone>,
}

/// Decodes and explains `token`.
pub fn inspect_token(token: &str, inputs: InspectionInputs<'_>) -> Inspection {
    let decoded = decode_token(token);
    let empty = Map::new();
    let claims = decoded.payload.object.as_ref().unwrap_or(&empty);
    let scope_text = claims.get("scope").and_then(Value::as_str).unwrap_or("");
    let scopes: Vec<ScopeFact> = scope_text
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(|s| ScopeFact {
            scope: s.to_string(),
            meaning: scope::lookup(s).map(|entry| entry.meaning),
        })
        .collect();
    let mut inspection = Inspection {
        user_ids: scopes
            .iter()
            .filter_map(|f| scope::user_id_of(&f.scope))
            .map(str::to_string)
            .collect(),
        scopes,
        tenant_id: claims
            .get("tenant_id")
            .and_then(Value::as_str)
            .map(str::to_string),
        tenant_scope: claims
            .get("tenant_scope")
            .and_then(Value::as_str)
            .map(str::to_string),
        issued_at: instant_claim(claims, "iat"),
        expires_at: instant_claim(claims, "exp"),
        not_before: instant_claim(claims, "nbf"),
        signature: check_signature(token, &decoded, inputs.signer),
        warnings: Vec::new(),
        now: inputs.now,
        zone: inputs.zone.cloned(),
        decoded,
    };
    inspection.warnings = warnings(&inspection, inputs.expected_tenant_id);
    inspection
}

/// A time claim as a Unix second to show (a fractional NumericDate rounded down).
fn instant_claim(claims: &Map<String, Value>, name: &str) -> Option<i64> {
    let date = NumericDate::from_json(claims.get(name)?)?;
    i64::try_from(date.floor_seconds()).ok()
}

fn check_signature(token: &str, decoded: &DecodedToken, signer: Option<&Signer>) -> SignatureCheck {
    let (Some(signer), Some(signature)) = (signer, decoded.signature.as_ref()) else {
        return SignatureCheck::NotChecked;
    };
    let signed = match token.rfind('.') {
        Some(cut) if decoded.segment_count == 3 => &token[..cut],
        _ => return SignatureCheck::NotChecked,
    };
    if signer.verify(signed.as_bytes(), signature) {
        SignatureCheck::Matches
    } else {
        SignatureCheck::DoesNotMatch
    }
}

/// The environment a `tenant_scope` or `tenant_id` names: "production", "test", or as written.
pub fn environment(inspection: &Inspection) -> Option<String> {
    let from_scope = inspection
        .tenant_scope
        .as_deref()
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_string());
    from_scope.or_else(|| {
        inspection
            .tenant_id
            .as_deref()
            .filter(|id| id.ends_with("/test"))
            .map(|_| "test".to_string())
    })
}

/// Every warning code `warnings` emits, in the order it checks them, with what it means: the
/// list the man page documents (a test keeps it equal to the codes emitted below).
pub const WARNING_CODES: [(&str, &str); 12] = [
    ("malformed", "a segment does not decode (bad base64url, not a JSON object, a key given twice, not three segments): no verifier will accept the token"),
    ("alg_not_hs256", "alg is missing or not exactly HS256: Courier tokens are HS256 and verifiers must refuse this one"),
    ("crit_header", "the header has crit: Courier's verifiers will refuse it"),
    ("invalid_time_claim", "iat, exp or nbf is not a NumericDate (a non-negative number of seconds since 1970)"),
    ("expired", "exp is at or before now (--now)"),
    ("never_expires", "no exp: the token works until the workspace's signing key changes, and cannot be revoked"),
    ("not_yet_valid", "nbf is after now"),
    ("issued_in_future", "iat is more than 60 seconds ahead of now: the issuing machine's clock or this one is wrong"),
    ("legacy_scope", "read:messages, write:events, inbox:write:messages or inbox:read:write: a legacy spelling; the message names what the current Inbox needs"),
    ("unknown_scope", "a scope Courier does not document (with a did-you-mean when one is close)"),
    ("inbox_scopes_missing", "no user_id: scope, or inbox:read:messages or inbox:write:events missing: the Inbox connects but shows no messages"),
    ("tenant_mismatch", "the token's tenant_id (less a /test suffix) is not the --client-key's workspace"),
];

fn warnings(inspection: &Inspection, expected_tenant_id: Option<&str>) -> Vec<Warning> {
    let mut found = Vec::new();
    let mut warn = |code: &'static str, message: String| found.push(Warning { code, message });
    let decoded = &inspection.decoded;
    for problem in decoded
        .header
        .problems
        .iter()
        .chain(&decoded.payload.problems)
        .chain(&decoded.problems)
    {
        warn(
            "malformed",
            format!("{problem}; no verifier will accept this token"),
        );
    }
    let alg = decoded.header.object.as_ref().and_then(|h| h.get("alg"));
    match alg {
        Some(Value::String(alg)) if alg == "HS256" => {}
        Some(other) => warn(
            "alg_not_hs256",
            format!(
                "\"alg\" is {other}: Courier tokens are HS256, and verifiers must refuse this one"
            ),
        ),
        None if decoded.header.object.is_some() => {
            warn("alg_not_hs256", "the header has no \"alg\"".to_string())
        }
        None => {}
    }
    if decoded
        .header
        .object
        .as_ref()
        .is_some_and(|h| h.contains_key("crit"))
    {
        warn(
            "crit_header",
            "the header has \"crit\"; Courier's verifiers will refuse it".to_string(),
        );
    }
    let Some(claims) = decoded.payload.object.as_ref() else {
        return found;
    };
    for name in ["iat", "exp", "nbf"] {
        if let Some(value) = claims.get(name) {
            if NumericDate::from_json(value).is_none() {
                warn(
                    "invalid_time_claim",
                    format!("\"{name}\" is {value}, not a number of seconds since 1970"),
                );
            }
        }
    }
    let now = inspection.now;
    match inspection.expires_at {
        Some(exp) if exp <= now => warn("expired", format!("expired {} ago", format_span_between(exp, now))),
        Some(_) => {}
        None if claims.contains_key("exp") => {}
        None => warn("never_expires", "never expires: it works until the workspace's signing key changes, and cannot be revoked".to_string()),
    }
    if let Some(nbf) = inspection.not_before.filter(|nbf| *nbf > now) {
        warn(
            "not_yet_valid",
            format!(
                "not valid until {}",
                format_timestamp_in(nbf, inspection.zone.as_ref())
            ),
        );
    }
    if let Some(iat) = inspection
        .issued_at
        .filter(|iat| *iat > now + ISSUED_AHEAD_TOLERANCE_SECONDS)
    {
        warn(
            "issued_in_future",
            format!(
                "issued {}: a clock is wrong somewhere",
                format_relative(iat, now)
            ),
        );
    }
    let all_scopes: Vec<&str> = inspection.scopes.iter().map(|f| f.scope.as_str()).collect();
    for fact in &inspection.scopes {
        match fact.scope.as_str() {
            legacy if scope::legacy_replacement(legacy).is_some() => {
                let use_instead = scope::legacy_replacement(legacy).unwrap_or_default();
                warn(
                    "legacy_scope",
                    scope::legacy_warning(legacy, use_instead, &all_scopes),
                );
            }
            unknown if fact.meaning.is_none() => {
                let hint = scope::suggest(unknown)
                    .map(|near| format!(" (did you mean {near}?)"))
                    .unwrap_or_default();
                warn(
                    "unknown_scope",
                    format!("{unknown:?} is not a documented Courier scope{hint}"),
                );
            }
            _ => {}
        }
    }
    let missing: Vec<&str> = INBOX_SCOPES
        .iter()
        .copied()
        .filter(|needed| !inspection.scopes.iter().any(|f| f.scope == *needed))
        .collect();
    if !missing.is_empty() || inspection.user_ids.is_empty() {
        let mut lacking: Vec<String> = missing.iter().map(|s| s.to_string()).collect();
        if inspection.user_ids.is_empty() {
            lacking.insert(0, "user_id:<id>".to_string());
        }
        warn(
            "inbox_scopes_missing",
            format!(
                "lacks {}: the Inbox will connect but show no messages",
                lacking.join(" and ")
            ),
        );
    }
    if let (Some(expected), Some(actual)) = (expected_tenant_id, inspection.tenant_id.as_deref()) {
        let base = actual.strip_suffix("/test").unwrap_or(actual);
        if base != expected {
            warn("tenant_mismatch", format!("tenant_id {actual} is not the client key's workspace {expected}: the Inbox will reject or show another workspace's messages"));
        }
    }
    found
}

impl Inspection {
    /// True when the payload decoded and has no `exp` at all.
    pub fn never_expires(&self) -> bool {
        self.decoded
            .payload
            .object
            .as_ref()
            .is_some_and(|claims| !claims.contains_key("exp"))
    }

    /// The stable `--json` document (schema in courier-token-inspect(1)).
    pub fn to_json(&self) -> InspectionJson<'_> {
        let decoded = &self.decoded;
        let problems: Vec<&String> = decoded
            .header
            .problems
            .iter()
            .chain(&decoded.payload.problems)
            .chain(&decoded.problems)
            .collect();
        let scopes = self.scopes.iter().map(|fact| ScopeJson {
            scope: &fact.scope,
            known: fact.meaning.is_some(),
            meaning: fact.meaning,
        });
        let warnings = self.warnings.iter().map(|warning| WarningJson {
            code: warning.code,
            message: &warning.message,
        });
        InspectionJson {
            header: &decoded.header.object,
            claims: &decoded.payload.object,
            problems,
            summary: SummaryJson {
                user_ids: &self.user_ids,
                scopes: scopes.collect(),
                tenant_id: &self.tenant_id,
                tenant_scope: &self.tenant_scope,
                environment: environment(self),
                issued_at: InstantJson::at(self.issued_at, self.now, self.zone.as_ref()),
                expires_at: InstantJson::at(self.expires_at, self.now, self.zone.as_ref()),
                not_before: InstantJson::at(self.not_before, self.now, self.zone.as_ref()),
                never_expires: self.never_expires(),
                signature: self.signature.code(),
            },
            warnings: warnings.collect(),
        }
    }
}
