//! What `verify` says of input that is not a whole token: an API key or client key pasted in
//! its place (named, never echoed, with the code `inspect` and `doctor` give), and a token cut
//! before its end (`extract::find_cut_off`, the rule all three share), which keeps its reason
//! code and is called cut off.

use crate::extract::find_cut_off;
use crate::reading::pasted_secret::{recognise_pasted_secret, PastedSecret};
use crate::token::{Reason, Rejection, Verdict};

/// A token cut before its end keeps its reason code (`malformed_segments`, or the signature's),
/// and is called cut off, with what can still be read (`extract::find_cut_off`, the rule
/// `inspect` and `doctor` share).
pub(super) fn name_a_cut_off_token(verdict: &mut Verdict, token: &str) {
    let Some(rejection) = verdict.rejection.as_mut().filter(|rejection| {
        matches!(
            rejection.reason,
            Reason::MalformedSegments | Reason::MalformedBase64 | Reason::BadSignature
        )
    }) else {
        return;
    };
    if let Some(cut) = find_cut_off(token) {
        rejection.detail = cut.explanation().into();
    }
}

/// An API key or client key pasted instead of a token: rejected with the code `inspect` and
/// `doctor` give it, and a message that says what it is and never the key itself.
pub(super) fn pasted_secret_verdict(token: &str) -> Option<Verdict> {
    // Every JWT has dots and no key does: a stream of tokens skips the key checks.
    if token.contains('.') {
        return None;
    }
    let secret = recognise_pasted_secret(token)?;
    let reason = match secret {
        PastedSecret::ApiKey { .. } => Reason::ApiKeyNotToken,
        PastedSecret::ClientKey { .. } => Reason::ClientKeyNotToken,
    };
    Some(Verdict {
        rejection: Some(Rejection {
            reason,
            detail: secret.explanation().into(),
        }),
        ..Verdict::default()
    })
}
