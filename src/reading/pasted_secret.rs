//! Recognising what was pasted when it is not a token: a Courier API key (`pk_…`, `dk_…`, or
//! an `sk_…` key of the shape other services use), which
//! is a secret that belongs on a backend, or a public client key (base64 of a workspace id),
//! which goes beside the token rather than in its place. Support sees both in tickets and SDK
//! configuration. `inspect`, `verify` and `doctor` call this when no JWT is found, so they can
//! say what the text is instead of "not a token".
//!
//! This module never keeps or describes a key's secret part: an API key is reduced to its
//! public prefix (`pk_prod_`) before anything is returned. It does not look for JWTs (that is
//! `extract`), nor decide exit codes.

use crate::client_key::tenant_id_from_client_key;
use crate::extract::strip_token_wrapping;

/// What a non-token input turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PastedSecret {
    /// A Courier API key. Only its public prefix is kept, e.g. `pk_prod_`.
    ApiKey { prefix: String },
    /// A Courier client key, with the workspace id it encodes.
    ClientKey { workspace_id: String },
}

impl PastedSecret {
    /// Stable machine-readable code, as used in `doctor` checks and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            PastedSecret::ApiKey { .. } => "api_key_not_token",
            PastedSecret::ClientKey { .. } => "client_key_not_token",
        }
    }

    /// One sentence saying what the input is and what to do, without the key's secret part.
    pub fn explanation(&self) -> String {
        match self {
            PastedSecret::ApiKey { prefix } if !is_courier_prefix(prefix) => format!(
                "this looks like an API key ({prefix}…; Courier's are pk_…), not a token: an API \
                 key is a secret for your backend; rotate it if it was pasted into a frontend, a \
                 ticket or a chat"
            ),
            PastedSecret::ApiKey { prefix } => format!(
                "this is a Courier API key ({prefix}…), not a token: the API key is a secret for \
                 your backend; mint a per-user token with it (courier-token issue --remote) and \
                 rotate the key if it was pasted into a frontend, a ticket or a chat"
            ),
            PastedSecret::ClientKey { workspace_id } => format!(
                "this is a Courier client key (workspace {workspace_id}), not a token: the client \
                 key is public and goes beside the token (clientKey), not in its place"
            ),
        }
    }
}

/// Recognises an API key or client key pasted where a token belongs. The text may carry the
/// wrapping a token would (`Bearer `, an `Authorization:` header, quotes); anything else, or
/// more than one word, is not recognised.
pub fn recognise_pasted_secret(text: &str) -> Option<PastedSecret> {
    let word = strip_token_wrapping(text).trim_matches(|c| c == '"' || c == '\'');
    if word.is_empty() || word.contains(char::is_whitespace) {
        return None;
    }
    api_key_prefix(word)
        .map(|prefix| PastedSecret::ApiKey { prefix })
        .or_else(|| {
            workspace_id_of_client_key(word)
                .map(|workspace_id| PastedSecret::ClientKey { workspace_id })
        })
}

/// True for the prefixes of Courier's own API keys (`pk_…`, `dk_…`); `sk_…` is another
/// service's shape that people still paste as a Courier key.
fn is_courier_prefix(prefix: &str) -> bool {
    !prefix.starts_with("sk_")
}

/// Courier API keys are `pk_` (or `dk_`) keys such as `pk_prod_…` and `pk_test_…`; `sk_…` keys
/// (other services' secret keys, often mistaken for Courier's) are recognised too: the public
/// prefix up to and including the environment part, when the rest looks like key material.
fn api_key_prefix(word: &str) -> Option<String> {
    let kind = ["pk_", "dk_", "sk_"]
        .into_iter()
        .find(|kind| word.starts_with(kind))?;
    let rest = &word[kind.len()..];
    if rest.len() < 8 || !rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let environment = ["prod_", "test_"]
        .into_iter()
        .find(|environment| rest.starts_with(environment))
        .unwrap_or("");
    Some(format!("{kind}{environment}"))
}

/// A client key decodes to a UUID, optionally with the test environment's `/test` suffix.
fn workspace_id_of_client_key(word: &str) -> Option<String> {
    let workspace_id = tenant_id_from_client_key(word).ok()?;
    let uuid = workspace_id.strip_suffix("/test").unwrap_or(&workspace_id);
    is_uuid(uuid).then_some(workspace_id)
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const API_KEY: &str = "pk_prod_3EH7GNYRC94VWXJGR63ZM0CK5PFY";

    #[test]
    fn recognises_api_keys_and_keeps_only_their_prefix() {
        for (pasted, prefix) in [
            (API_KEY.to_string(), "pk_prod_"),
            (format!("Bearer {API_KEY}"), "pk_prod_"),
            (format!("\"{API_KEY}\"\n"), "pk_prod_"),
            ("pk_test_ABCDEFGH12345678".to_string(), "pk_test_"),
            ("dk_XYZ12345ABCDE".to_string(), "dk_"),
        ] {
            let found = recognise_pasted_secret(&pasted).expect(&pasted);
            assert_eq!(
                found,
                PastedSecret::ApiKey {
                    prefix: prefix.to_string()
                }
            );
            assert_eq!(found.code(), "api_key_not_token");
            assert!(!found.explanation().contains(&pasted.trim()[prefix.len()..]));
        }
    }

    #[test]
    fn recognises_the_documented_client_key() {
        let found = recognise_pasted_secret("MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx=");
        assert_eq!(
            found,
            Some(PastedSecret::ClientKey {
                workspace_id: "1b1e953f-0ebb-47ad-beab-f579bd606eb1".to_string()
            })
        );
        assert_eq!(found.unwrap().code(), "client_key_not_token");
    }

    #[test]
    fn leaves_everything_else_alone() {
        for text in [
            "",
            "pk_",
            "pk_short",
            "pk_prod_has space",
            "hello world",
            "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InUifQ.c2ln",
            "aGVsbG8=",
            "pk_prod_abc$def12345",
        ] {
            assert_eq!(recognise_pasted_secret(text), None, "{text:?}");
        }
    }
}
