//! Strict verification of a Courier token, on the bytes exactly as received (nothing is
//! re-serialized before checking). Checks run in a fixed order — shape, base64url, header,
//! algorithm, `crit`, signature, payload, time claims, then the caller's requirements — and the
//! first failure is the verdict, as a [`Rejection`] with a stable machine-readable code.
//! Rendering verdicts for people is the binary's job (`commands::verify`, `worded`).

use serde_json::{Map, Value};

use super::base64url;
use super::claim_checks::{check_audience, check_requirements, check_times, time_claim, Policy};
use super::claim_values::NumericDate;
use super::claims;
use super::detail::Detail;
use super::mint::HEADER_B64;
use super::reason::{reject, Reason, Rejection};
use super::signer::Signer;
use super::strict_json::{self, JsonProblem};

/// The result of verifying one token: the rejection if any, and what the report needs.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Filled by [`verify_token_with_json`] when the header decodes.
    pub header: Option<Map<String, Value>>,
    /// Filled by [`verify_token_with_json`], and only once the signature has matched.
    pub claims: Option<Map<String, Value>>,
    /// The token's `scope`, once the signature has matched.
    pub scope: Option<String>,
    /// `exp` as written (Unix seconds), when present and valid.
    pub expires_at: Option<u64>,
    pub signature_matched: bool,
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

/// [`verify_token`], plus the decoded header and (when the signature matched) claims as JSON.
/// The checks are the same; the JSON is decoded afterwards for display only.
pub fn verify_token_with_json(token: &str, signer: &Signer, policy: &Policy) -> Verdict {
    let mut verdict = verify_token(token, signer, policy);
    let mut segments = token.split('.');
    let decode = |segment: Option<&str>| {
        segment
            .and_then(|text| base64url::decode_strict(text).ok())
            .and_then(|bytes| strict_json::parse_object(&bytes).ok())
    };
    verdict.header = decode(segments.next());
    if verdict.signature_matched {
        verdict.claims = decode(segments.next());
    }
    verdict
}

fn check(
    token: &str,
    signer: &Signer,
    policy: &Policy,
    verdict: &mut Verdict,
) -> Result<(), Rejection> {
    let (header, payload, signature) = match split_segments(token) {
        Some(segments) => segments,
        None => {
            return reject(
                Reason::MalformedSegments,
                format!(
                    "not a JWT: {} segment(s) separated by '.', not 3",
                    token.split('.').count()
                ),
            )
        }
    };
    let malformed = |name: &str, problem: String| Rejection {
        reason: Reason::MalformedBase64,
        detail: format!("the {name} {problem}").into(),
    };
    // Courier's own header, byte for byte, is known good: skip parsing it.
    let header_bytes = if header == HEADER_B64 {
        None
    } else {
        Some(base64url::decode_strict(header).map_err(|problem| malformed("header", problem))?)
    };
    PAYLOAD_SCRATCH.with_borrow_mut(|payload_bytes| {
        base64url::decode_strict_into(payload, payload_bytes)
            .map_err(|problem| malformed("payload", problem))?;
        // An HS256 tag is 32 bytes: decoded onto the stack; any other text takes the general
        // decode, for its error message or its wrong length.
        let tag_on_stack = base64url::decode_strict_32(signature);
        let tag_on_heap;
        let tag: &[u8] = match &tag_on_stack {
            Some(tag) => tag,
            None => {
                tag_on_heap = base64url::decode_strict(signature)
                    .map_err(|problem| malformed("signature", problem))?;
                &tag_on_heap
            }
        };
        if let Some(header_bytes) = header_bytes {
            let header = parse_segment(&header_bytes, "header", Reason::MalformedHeader)?;
            check_header(&header)?;
        }
        check_signed(
            token,
            header.len() + 1 + payload.len(),
            tag,
            payload_bytes,
            signer,
            policy,
            verdict,
        )
    })
}

thread_local! {
    /// The decoded payload of the token being verified, reused across tokens on this thread.
    static PAYLOAD_SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `header.payload.signature` split on its two dots; `None` unless there are exactly two.
fn split_segments(token: &str) -> Option<(&str, &str, &str)> {
    let bytes = token.as_bytes();
    // Courier's header (which holds no dot) needs no search.
    let first = match bytes.strip_prefix(HEADER_B64.as_bytes()) {
        Some([b'.', ..]) => HEADER_B64.len(),
        _ => memchr::memchr(b'.', bytes)?,
    };
    let second = first + 1 + memchr::memchr(b'.', &bytes[first + 1..])?;
    if memchr::memchr(b'.', &bytes[second + 1..]).is_some() {
        return None;
    }
    // Cutting at ASCII dots keeps every piece valid UTF-8.
    Some((
        &token[..first],
        &token[first + 1..second],
        &token[second + 1..],
    ))
}

/// The signature check and everything after it, on a token whose shape and header passed.
fn check_signed(
    token: &str,
    signed_len: usize,
    tag: &[u8],
    payload_bytes: &[u8],
    signer: &Signer,
    policy: &Policy,
    verdict: &mut Verdict,
) -> Result<(), Rejection> {
    if !signer.verify(&token.as_bytes()[..signed_len], tag) {
        return reject(
            Reason::BadSignature,
            "the signature does not match this key",
        );
    }
    verdict.signature_matched = true;

    let claims = claims::parse_claims(payload_bytes)
        .map_err(|problem| json_rejection(problem, "payload", Reason::MalformedPayload))?;
    verdict.scope = claims.scope.as_deref().map(str::to_string);
    let exp = time_claim(&claims.exp, "exp")?;
    let nbf = time_claim(&claims.nbf, "nbf")?;
    time_claim(&claims.iat, "iat")?;
    verdict.expires_at = exp.map(NumericDate::floor_seconds);
    check_times(exp, nbf, policy)?;
    check_audience(&claims.aud, &policy.audiences)?;
    check_requirements(claims.scope.as_deref().unwrap_or(""), exp.is_some(), policy)
}

fn json_rejection(problem: JsonProblem, name: &str, reason: Reason) -> Rejection {
    let reason = match problem {
        JsonProblem::DuplicateKey(_) => Reason::DuplicateKey,
        _ => reason,
    };
    Rejection {
        reason,
        detail: format!("the {name} {problem}").into(),
    }
}

fn parse_segment(
    bytes: &[u8],
    name: &str,
    reason: Reason,
) -> Result<Map<String, Value>, Rejection> {
    strict_json::parse_object(bytes).map_err(|problem| json_rejection(problem, name, reason))
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
                Detail::text("\"alg\" is ")
                    .and_quoted(alg.as_str())
                    .and_text(": an unsigned token is never accepted"),
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
