//! HMAC mode, Courier's deprecated legacy: the frontend sends `x-courier-user-signature`
//! (`hex(HMAC-SHA256(API key, user id))`) with the client key and user id, as the v7 web SDK
//! does. Offline first: a signature given next to an API key at hand is checked against it
//! before anything is sent; without a given signature, one is computed from the key at hand
//! (only the signature is sent, never the key). Then the probe, and a verdict that always
//! carries the deprecation note.

use crate::doctor::finding::{Check, Status};
use crate::doctor::plan::Plan;
use crate::doctor::probe_findings::{ProbeOutcome, ProbeResult};
use crate::remote::inbox_probes::v7_sdk_request::V7CountRequest;
use crate::user_signature::{user_signature, verify_user_signature};

/// The deprecation note every HMAC verdict ends with.
pub(crate) const DEPRECATION_NOTE: &str = "HMAC user signatures are Courier's legacy mode (deprecated): move the frontend to JWTs issued by your backend (courier-token issue --remote), then turn off \"Enable HMAC Authentication\" on the Inbox integration.";

/// The signature to send and the offline findings about it; `None` when there is neither a
/// given signature nor an API key to compute one from.
pub fn signature_to_send(plan: &Plan, user_id: &str) -> Option<(String, Vec<Check>)> {
    let mut checks = Vec::new();
    let signature = match (plan.user_signature, plan.signer) {
        (Some(given), Some(signer)) => {
            // The format was checked when the options were read; a malformed one cannot match.
            let matches = verify_user_signature(signer, user_id, given).unwrap_or(false);
            checks.push(match matches {
                true => Check::new(
                    "user_signature",
                    Status::Pass,
                    format!("the signature is HMAC-SHA256 of user {user_id} with the API key at hand"),
                ),
                false => Check::new(
                    "user_signature_mismatch",
                    Status::Fail,
                    format!("the signature is not HMAC-SHA256 of user {user_id} with the API key at hand: it was made for another user, or with another workspace's key"),
                ),
            });
            given.trim().to_string()
        }
        (Some(given), None) => {
            checks.push(Check::new(
                "user_signature",
                Status::Info,
                "the signature was not checked offline: no API key at hand (COURIER_API_KEY, --key-file, --key-env)",
            ));
            given.trim().to_string()
        }
        (None, Some(signer)) => {
            checks.push(Check::new(
                "user_signature",
                Status::Info,
                format!("signature for user {user_id} computed from the API key at hand (only the signature is sent, never the key)"),
            ));
            user_signature(signer, user_id)
        }
        (None, None) => return None,
    };
    checks.push(Check::new(
        "hmac_deprecated",
        Status::Warn,
        DEPRECATION_NOTE,
    ));
    Some((signature, checks))
}

/// The HMAC request for `signature`.
pub(crate) fn request(
    plan: &Plan,
    inbox: &crate::remote::BaseUrl,
    client_key: &str,
    user_id: &str,
    signature: &str,
) -> V7CountRequest {
    V7CountRequest::new(inbox, client_key, user_id, Some(signature), plan.tenant)
}

/// The verdict of HMAC mode.
pub(crate) fn verdict(checks: &[Check], probe: Option<&ProbeResult>) -> String {
    let mismatch = checks
        .iter()
        .find(|check| check.code == "user_signature_mismatch")
        .map(|check| check.message.as_str());
    match (probe.map(|probe| (probe, &probe.outcome)), mismatch) {
        (None, Some(mismatch)) => format!("This signature will not work: {mismatch}. {DEPRECATION_NOTE}"),
        (None, None) => format!("Nothing wrong found offline; run without --offline to ask Courier. {DEPRECATION_NOTE}"),
        (Some((probe, ProbeOutcome::Accepted { unread })), mismatch) => format!(
            "Courier accepts the HMAC user signature for user {} ({unread} unread){}. Whether the workspace would also answer without any signature: --audit. {DEPRECATION_NOTE}",
            probe.user_id,
            mismatch.map(|_| ", though it is not the API key at hand's: that key is not this workspace's").unwrap_or_default()
        ),
        (Some((probe, ProbeOutcome::Rejected { .. })), mismatch) => format!(
            "Courier refuses the HMAC user signature for user {} ({}): {}. {DEPRECATION_NOTE}",
            probe.user_id,
            probe.status_text(),
            mismatch.unwrap_or("HMAC authentication is not enabled on the Inbox integration, or the signature was not made with this workspace's API key for this user")
        ),
        (Some((probe, _)), _) => format!("Courier refused the Inbox query: {}. {DEPRECATION_NOTE}", probe.check().message),
    }
}
