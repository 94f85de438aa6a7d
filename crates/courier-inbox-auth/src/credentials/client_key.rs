//! Courier's public client key: standard base64 of the workspace (tenant) id, the same id a
//! token carries as `tenant_id`. Some copies carry a stray trailing `=`, which is forgiven.
//! Decoding only: a key that does not decode is a typed [`NotAClientKey`], and the commands word
//! it for the option it came from.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

const STANDARD_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// The tenant id a client key encodes.
pub fn tenant_id_from_client_key(client_key: &str) -> Result<String, NotAClientKey> {
    let trimmed = client_key.trim().trim_end_matches('=');
    let bytes = STANDARD_ANY_PADDING
        .decode(trimmed)
        .map_err(|_| NotAClientKey)?;
    let tenant_id = String::from_utf8(bytes).map_err(|_| NotAClientKey)?;
    if tenant_id.is_empty()
        || tenant_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(NotAClientKey);
    }
    Ok(tenant_id)
}

/// The text is not the base64 of a workspace id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAClientKey;

impl std::fmt::Display for NotAClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a Courier client key (the base64 of a workspace id)")
    }
}

impl std::error::Error for NotAClientKey {}

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
        assert_eq!(tenant_id_from_client_key("not base64!"), Err(NotAClientKey));
        assert!(tenant_id_from_client_key("").is_err());
    }
}
