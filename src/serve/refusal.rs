//! Why `serve` refuses a request, in the codes the rest of the tool already speaks: `doctor`'s
//! check codes where doctor names the cause (`expired`, `user_id_mismatch`,
//! `inbox_scopes_missing`, `tenant_mismatch`, …), `verify`'s reason codes where only a
//! verifier holding the workspace's key can tell (`bad_signature`, `audience_mismatch`), and a
//! few of its own for the modes doctor does not probe (documented in courier-token-serve(1)).
//! Never a token or a key in the words.

use crate::token::{Reason, Rejection};
use crate::worded::{Worded, Wording};

/// A refusal: a stable code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) code: &'static str,
    pub(crate) detail: String,
}

impl Refusal {
    pub(crate) fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
        }
    }
}

/// The `doctor` check codes serve gives for the same causes, in the order its checks run.
pub const DOCTOR_CODES: [&str; 16] = [
    "api_key_not_token",
    "client_key_not_token",
    "malformed",
    "alg_not_hs256",
    "crit_header",
    "invalid_time_claim",
    "expired",
    "not_yet_valid",
    "issued_in_future",
    "user_id_missing",
    "user_id_mismatch",
    "inbox_scopes_missing",
    "environment",
    "tenant_mismatch",
    "user_signature_mismatch",
    "hmac_refused",
];

/// The `verify` reason codes serve gives where only the workspace's key can tell.
pub const VERIFY_CODES: [&str; 2] = ["bad_signature", "audience_mismatch"];

/// The codes of serve's own, for causes `doctor` has no check for.
pub const SERVE_ONLY_CODES: [(&str, &str); 6] = [
    ("credentials_missing", "no Authorization: Bearer token, and no x-courier-client-key either"),
    ("client_key_refused", "the client key and a user id alone, but the workspace accepts only JWTs (or HMAC): --auth client-key allows it"),
    ("jwt_refused", "a JWT, but the workspace does not accept JWTs (--auth without jwt)"),
    ("unknown_user", "no user id: no x-courier-user-id (or userId) and no user_id: scope in the token"),
    ("scope_missing", "the token lacks the scope a preference, brand or device-token request needs (read:preferences, write:preferences, read:brands or read:brands:<id>, read:user-tokens, write:user-tokens)"),
    ("api_key_required", "a user's token on an endpoint only the API key may call (tenants, brands, messages, another user's data)"),
];

/// A rejection by `token::verify_token`, in the code `doctor` gives for the same cause.
/// `has_user_ids`: whether the token names any user (no `user_id:` at all is doctor's
/// `user_id_missing`, a different one its `user_id_mismatch`).
pub(crate) fn from_rejection(
    rejection: &Rejection,
    has_user_ids: bool,
    wording: Wording<'_>,
) -> Refusal {
    let code = match rejection.reason {
        Reason::MalformedSegments
        | Reason::MalformedBase64
        | Reason::MalformedHeader
        | Reason::MalformedPayload
        | Reason::DuplicateKey => "malformed",
        Reason::ApiKeyNotToken => "api_key_not_token",
        Reason::ClientKeyNotToken => "client_key_not_token",
        Reason::AlgNone | Reason::UnsupportedAlg => "alg_not_hs256",
        Reason::CritHeader => "crit_header",
        Reason::InvalidTimeClaim => "invalid_time_claim",
        Reason::Expired => "expired",
        Reason::NotYetValid => "not_yet_valid",
        Reason::UserIdMismatch if !has_user_ids => "user_id_missing",
        Reason::UserIdMismatch => "user_id_mismatch",
        Reason::MissingScope => "inbox_scopes_missing",
        // Only the holder of the workspace's key can tell: verify's own codes.
        // `exp` is never required here.
        reason @ (Reason::BadSignature | Reason::AudienceMismatch | Reason::MissingExp) => {
            reason.code()
        }
    };
    Refusal::new(code, format!("token: {}", rejection.detail.worded(wording)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::CHECK_CODES;
    use crate::shown::redaction::Redaction;
    use crate::terminal::date_zone::DateZone;

    #[test]
    fn every_code_is_doctors_or_verifys_or_documented_here() {
        for reason in Reason::ALL {
            let rejection = Rejection {
                reason,
                detail: Default::default(),
            };
            for has_user_ids in [false, true] {
                let wording = Wording {
                    dates: &DateZone::utc(),
                    redaction: &Redaction::default(),
                };
                let code = from_rejection(&rejection, has_user_ids, wording).code;
                assert!(
                    DOCTOR_CODES.contains(&code)
                        || VERIFY_CODES.contains(&code)
                        || reason == Reason::MissingExp,
                    "{code}"
                );
            }
        }
        for (code, _) in SERVE_ONLY_CODES {
            assert!(
                !CHECK_CODES.iter().any(|check| check.code == code),
                "{code}"
            );
        }
    }
}
