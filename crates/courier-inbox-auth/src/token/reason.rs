//! The vocabulary of a refusal: every [`Reason`] `verify` can give, with its stable
//! machine-readable code (scripts match on it; the list is in the order the checks run), and
//! the [`Rejection`] that pairs a reason with a sentence for people ([`Detail`]).

use super::detail::Detail;

/// Why a token was refused. `code()` is stable; scripts may match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    ApiKeyNotToken,
    ClientKeyNotToken,
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
    AudienceMismatch,
    UserIdMismatch,
    MissingScope,
    MissingExp,
}

impl Reason {
    /// Every reason, in check order (a pasted API key or client key is told before anything else;
    /// `duplicate_key` applies to the header, before `alg`, and
    /// to the payload, which is parsed only after the signature matched).
    pub const ALL: [Reason; 18] = [
        Reason::ApiKeyNotToken,
        Reason::ClientKeyNotToken,
        Reason::MalformedSegments,
        Reason::MalformedBase64,
        Reason::MalformedHeader,
        Reason::DuplicateKey,
        Reason::AlgNone,
        Reason::UnsupportedAlg,
        Reason::CritHeader,
        Reason::BadSignature,
        Reason::MalformedPayload,
        Reason::InvalidTimeClaim,
        Reason::Expired,
        Reason::NotYetValid,
        Reason::AudienceMismatch,
        Reason::UserIdMismatch,
        Reason::MissingScope,
        Reason::MissingExp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Reason::ApiKeyNotToken => "api_key_not_token",
            Reason::ClientKeyNotToken => "client_key_not_token",
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
            Reason::AudienceMismatch => "audience_mismatch",
            Reason::UserIdMismatch => "user_id_mismatch",
            Reason::MissingScope => "missing_scope",
            Reason::MissingExp => "missing_exp",
        }
    }
}

/// A refusal: the stable reason and a sentence for people. It has no `Display`: the sentence
/// quotes values and shows instants, which the caller words ([`Detail::render`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub reason: Reason,
    pub detail: Detail,
}

/// Shorthand for failing a check with `reason` and a sentence for people.
pub(super) fn reject(reason: Reason, detail: impl Into<Detail>) -> Result<(), Rejection> {
    Err(Rejection {
        reason,
        detail: detail.into(),
    })
}
