//! Courier's public client key: standard base64 of the workspace (tenant) id, the same id a
//! token carries as `tenant_id`. Some copies carry a stray trailing `=`, which is forgiven.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use crate::error::user_error_with_hint;

const STANDARD_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// The tenant id a client key encodes.
pub fn tenant_id_from_client_key(client_key: &str) -> anyhow::Result<String> {
    let trimmed = client_key.trim().trim_end_matches('=');
    let bytes = STANDARD_ANY_PADDING
        .decode(trimmed)
        .map_err(|_| bad_key(client_key))?;
    let tenant_id = String::from_utf8(bytes).map_err(|_| bad_key(client_key))?;
    if tenant_id.is_empty()
        || tenant_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad_key(client_key));
    }
    Ok(tenant_id)
}

fn bad_key(client_key: &str) -> anyhow::Error {
    user_error_with_hint(
        format!("--client-key {client_key:?} is not a Courier client key"),
        "a client key is the base64 of your workspace id, e.g. MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx (Settings → API Keys)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_documented_example_with_and_without_stray_padding() {
        let expected = "1b1e953f-0ebb-47ad-beab-f579bd606eb1";
        assert_eq!(
            tenant_id_from_client_key("MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx").unwrap(),
            expected
        );
        assert_eq!(
            tenant_id_from_client_key("MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx=").unwrap(),
            expected
        );
        assert!(tenant_id_from_client_key("not base64!").is_err());
        assert!(tenant_id_from_client_key("").is_err());
    }
}
