//! What each verify [`Reason`] means to someone at the command line, in a sentence for the
//! reference (the REASON CODES section of the verify man page; `--help` lists the codes). It
//! names options, so it lives with the documents rather than in `token`, which only decides.

use crate::token::Reason;

/// What `reason` means, in one sentence for the reference.
pub fn reason_description(reason: Reason) -> &'static str {
    match reason {
            Reason::ApiKeyNotToken => "a Courier API key (pk_..., dk_...) was given instead of a token: named by its public prefix, never echoed; the same code inspect and doctor give",
            Reason::ClientKeyNotToken => "a Courier client key (base64 of a workspace id) was given instead of a token; the same code inspect and doctor give",
            Reason::MalformedSegments => "not three .-separated segments",
            Reason::MalformedBase64 => "a segment (header, payload or signature) is not strict base64url: padding, + or /, or non-canonical trailing bits",
            Reason::MalformedHeader => "the header is not a JSON object",
            Reason::DuplicateKey => "the header has a key twice (checked here), or the payload does (checked with malformed_payload, after the signature)",
            Reason::AlgNone => "alg is none, in any spelling",
            Reason::UnsupportedAlg => "alg is missing or anything but exactly HS256 (hs256, HS384, RS256, ...)",
            Reason::CritHeader => "the header has crit",
            Reason::BadSignature => "the HMAC does not match the key (compared in constant time); the message names the key source tried, never the key",
            Reason::MalformedPayload => "the payload is not a JSON object; it is parsed only once the signature matched",
            Reason::InvalidTimeClaim => "exp, nbf or iat is present but not a NumericDate: a non-negative JSON number below 2^64 (fractions and exponents are accepted and compared exactly, read from the digits as written; strings, null, negatives, -0 and numbers of 2^64 and beyond such as 1e400 are not)",
            Reason::Expired => "now >= exp + leeway",
            Reason::NotYetValid => "nbf > now + leeway",
            Reason::AudienceMismatch => "the token has aud and no --audience names one of its values, or --audience was given and the token has no aud (RFC 7519 4.1.3; Courier never sets aud)",
            Reason::UserIdMismatch => "--user-id is not among the token's user_id: scopes",
            Reason::MissingScope => "a --require-scope is not in the token's scope",
            Reason::MissingExp => "--require-exp was given and the token has no exp (it never expires)",
    }
}
