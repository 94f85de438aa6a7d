//! Which of Courier's authentication modes `doctor` diagnoses, read from its options: a token
//! means JWT mode; `--client-key` and `--user-id` without one, the client key alone;
//! `--user-signature` or `--hmac`, HMAC (which takes no token); `--audit`, all of them.

use crate::cli::DoctorArgs;
use crate::terminal::error::user_error_with_hint;

/// Which of Courier's authentication modes to diagnose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DoctorMode {
    Jwt,
    ClientKey,
    Hmac,
    Audit,
}

/// The mode the options ask for.
pub(super) fn resolve_mode(args: &DoctorArgs) -> anyhow::Result<DoctorMode> {
    if args.audit {
        return Ok(DoctorMode::Audit);
    }
    if args.user_signature.is_some() || args.hmac {
        if args.input.token.is_some() || args.input.from.is_some() {
            return Err(user_error_with_hint(
                "HMAC mode takes no token: the frontend sends the signature instead",
                "drop the token, or drop --user-signature/--hmac to diagnose the token (--audit tries both)",
            ));
        }
        return Ok(DoctorMode::Hmac);
    }
    let client_key_only = args.input.token.is_none()
        && args.input.from.is_none()
        && args.client_key.is_some()
        && args.user_id.is_some();
    Ok(match client_key_only {
        true => DoctorMode::ClientKey,
        false => DoctorMode::Jwt,
    })
}
