//! Strict verification of a Courier token, on the bytes exactly as received (nothing is
//! re-serialized before checking). Checks run in a fixed order — shape, base64url, header,
//! algorithm, `crit`, signature, payload, time claims, then the caller's requirements — and the
//! first failure is the verdict, as a [`Rejection`] with a stable machine-readable code.
//! Rendering verdicts for people is `commands::verify`'s job.

use std::fmt;

use serde_json::{Map, Value};

use super::base64url;
use super::signer::Signer;
use super::strict_json::{self, JsonProblem};
use crate::clock;
use crate::scope;

/// Why a token was refused. `code()` is stable; scripts may match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    MalformedSegments,
    MalformedBase64,
    MalformedHeader,
    MalformedPayload,
    DuplicateKey,
    AlgNone,
    UnsupportedAlg,
    CritHeader,
    BadSignature,
    InvalidTimeClaim,
    Expired,
    NotYetValid,
    UserIdMismatch,
    MissingScope,
    MissingExp,
}

impl Reason {
    /// Every reason, in check order.
    pub const ALL: [Reason; 15] = [
        Reason::MalformedSegments,
        Reason::MalformedBase64,
        Reason::MalformedHeader,
        Reason::MalformedPayload,
        Reason::DuplicateKey,
        Reason::AlgNone,
        Reason::UnsupportedAlg,
        Reason::CritHeader,
        Reason::BadSignature,
        Reason::InvalidTimeClaim,
        Reason::Expired,
        Reason::NotYetValid,
        Reason::UserIdMismatch,
        Reason::MissingScope,
        Reason::MissingExp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Reason::MalformedSegments => "malformed_segments",
            Reason::MalformedBase64 => "malformed_base64",
            Reason::MalformedHeader => "malformed_header",
            Reason::MalformedPayload => "malformed_payload",
            Reason::DuplicateKey => "duplicate_key",
            Reason::AlgNone => "alg_none",
            Reason::UnsupportedAlg => "unsupported_alg",
            Reason::CritHeader => "crit_header",
            Reason::BadSignature => "bad_signature",
            Reason::InvalidTimeClaim => "invalid_time_claim",
            Reason::Expired => "expired",
            Reason::NotYetValid => "not_yet_valid",
            Reason::UserIdMismatch => "user_id_mismatch",
            Reason::MissingScope => "missing_scope",
            Reason::MissingExp => "missing_exp",
        }
    }
}

/// A refusal: the stable reason and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub reason: Reason,
    pub detail: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

/// What the caller requires beyond a good signature.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Unix seconds standing in for the clock.
    pub now: i64,
    /// Seconds of slack for `exp` and `nbf`.
    pub leeway: i64,
    pub user_id: Option<String>,
    pub required_scopes: Vec<String>,
    pub require_exp: bool,
}

/// The result of verifying one token: what decoded, and the rejection if any.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub header: Option<Map<String, Value>>,
    /// Present only once the signature has been checked.
    pub claims: Option<Map<String, Value>>,
    pub expires_at: Option<i64>,
    pub rejection: Option<Rejection>,
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        self.rejection.is_none()
    }
}

/// Verifies `token` against the key in `signer` and the requirements in `policy`.
pub fn verify_token(token: &str, signer: &Signer, policy: &Policy) -> Verdict {
    let mut verdict = Verdict::default();
    if let Err(rejection) = check(token, signer, policy, &mut verdict) {
        verdict.rejection = Some(rejection);
    }
    verdict
}

fn reject(reason: Reason, detail: impl Into<String>) -> Result<(), Rejection> {
    Err(Rejection {
        reason,
        detail: detail.into(),
    })
}

fn check(
    token: &str,
    signer: &Signer,
    policy: &Policy,
    verdict: &mut Verdict,
) -> Result<(), Rejection> {
    let segments: Vec<&str> = token.split('.').collect();
    if segments.len() != 3 {
        return reject(
            Reason::MalformedSegments,
            format!(
                "not a JWT: {} segment(s) separated by '.', not 3",
                segments.len()
            ),
        );
    }
    let names = ["header", "payload", "signature"];
    let mut decoded = Vec::with_capacity(3);
    for (name, segment) in names.iter().zip(&segments) {
        match base64url::decode_strict(segment) {
            Ok(bytes) => decoded.push(bytes),
            Err(problem) => {
                return reject(Reason::MalformedBase64, format!("the {name} {problem}"))
            }
        }
    }

    let header = parse_segment(&decoded[0], "header", Reason::MalformedHeader)?;
    check_header(&header)?;
    verdict.header = Some(header);

    let signed_len = segments[0].len() + 1 + segments[1].len();
    if !signer.verify(&token.as_bytes()[..signed_len], &decoded[2]) {
        return reject(
            Reason::BadSignature,
            "the signature does not match this key",
        );
    }

    let claims = parse_segment(&decoded[1], "payload", Reason::MalformedPayload)?;
    let exp = time_claim(&claims, "exp")?;
    let nbf = time_claim(&claims, "nbf")?;
    time_claim(&claims, "iat")?;
    verdict.expires_at = exp;
    let result = check_claims(&claims, exp, nbf, policy);
    verdict.claims = Some(claims);
    result
}

fn parse_segment(
    bytes: &[u8],
    name: &str,
    reason: Reason,
) -> Result<Map<String, Value>, Rejection> {
    strict_json::parse_object(bytes).map_err(|problem| {
        let reason = match problem {
            JsonProblem::DuplicateKey(_) => Reason::DuplicateKey,
            _ => reason,
        };
        Rejection {
            reason,
            detail: format!("the {name} {problem}"),
        }
    })
}

fn check_header(header: &Map<String, Value>) -> Result<(), Rejection> {
    match header.get("alg") {
        None => {
            return reject(
                Reason::UnsupportedAlg,
                "the header has no \"alg\"; Courier tokens are HS256",
            )
        }
        Some(Value::String(alg)) if alg.eq_ignore_ascii_case("none") => {
            return reject(
                Reason::AlgNone,
                format!("\"alg\" is {alg:?}: an unsigned token is never accepted"),
            )
        }
        Some(Value::String(alg)) if alg == "HS256" => {}
        Some(other) => {
            return reject(
                Reason::UnsupportedAlg,
                format!(
                    "\"alg\" is {other}, not \"HS256\" (the only algorithm Courier tokens use)"
                ),
            )
        }
    }
    if header.contains_key("crit") {
        return reject(
            Reason::CritHeader,
            "the header has \"crit\", naming extensions this verifier does not implement",
        );
    }
    Ok(())
}

/// A NumericDate (`exp`, `nbf`, `iat`) as this tool accepts one: a whole number of seconds from
/// 1970 to the end of the year 9999 ([`clock::MAX_TIMESTAMP`]). Negative, fractional and larger
/// values are refused rather than clamped, so no time arithmetic downstream can wrap and no
/// far-future `exp` can be mistaken for "never expires".
pub fn numeric_date(value: &Value) -> Option<i64> {
    value
        .as_u64()
        .and_then(|seconds| i64::try_from(seconds).ok())
        .filter(|seconds| *seconds <= clock::MAX_TIMESTAMP)
}

/// A NumericDate claim: absent, or a [`numeric_date`].
fn time_claim(claims: &Map<String, Value>, name: &str) -> Result<Option<i64>, Rejection> {
    match claims.get(name) {
        None => Ok(None),
        Some(value @ Value::Number(number)) => match numeric_date(value) {
            Some(seconds) => Ok(Some(seconds)),
            None => Err(Rejection {
                reason: Reason::InvalidTimeClaim,
                detail: format!(
                    "\"{name}\" is {number}, not a whole number of seconds from 1970 to 9999"
                ),
            }),
        },
        Some(other) => Err(Rejection {
            reason: Reason::InvalidTimeClaim,
            detail: format!(
                "\"{name}\" is a JSON {}, not a number",
                strict_json::kind_of(other)
            ),
        }),
    }
}

fn check_claims(
    claims: &Map<String, Value>,
    exp: Option<i64>,
    nbf: Option<i64>,
    policy: &Policy,
) -> Result<(), Rejection> {
    let now = i128::from(policy.now);
    let leeway = i128::from(policy.leeway);
    if let Some(exp) = exp {
        if now >= i128::from(exp) + leeway {
            return reject(
                Reason::Expired,
                format!("expired {}", clock::describe_instant(exp, policy.now)),
            );
        }
    }
    if let Some(nbf) = nbf {
        if i128::from(nbf) > now + leeway {
            return reject(
                Reason::NotYetValid,
                format!(
                    "not valid before {}",
                    clock::describe_instant(nbf, policy.now)
                ),
            );
        }
    }
    let scopes: Vec<&str> = match claims.get("scope") {
        Some(Value::String(scope)) => scope.split(' ').filter(|s| !s.is_empty()).collect(),
        _ => Vec::new(),
    };
    if let Some(user_id) = &policy.user_id {
        if !scopes.iter().any(|s| scope::user_id_of(s) == Some(user_id)) {
            let found: Vec<&str> = scopes.iter().filter_map(|s| scope::user_id_of(s)).collect();
            let found = if found.is_empty() {
                "none".to_string()
            } else {
                found.join(", ")
            };
            return reject(
                Reason::UserIdMismatch,
                format!("not for user {user_id:?} (its user ids: {found})"),
            );
        }
    }
    for required in &policy.required_scopes {
        if !scopes.contains(&required.as_str()) {
            return reject(
                Reason::MissingScope,
                format!("lacks the scope {required:?}"),
            );
        }
    }
    if policy.require_exp && exp.is_none() {
        return reject(
            Reason::MissingExp,
            "has no \"exp\": it never expires, and --require-exp was given",
        );
    }
    Ok(())
}
