//! Domain errors worded for the command line: the typed errors of `client_key` and `key` become
//! messages that name the option the user typed (`--client-key`, `--key-file -`) and say how to
//! fix it. Parsing and checking stay in the domain modules; durations have their own wording
//! file (`duration_options`), scopes and user ids theirs (`scope_options`).

use std::path::Path;

use crate::client_key::{tenant_id_from_client_key, NotAClientKey};
use crate::error::{user_error, user_error_with_hint};
use crate::key::KeySource;

/// `--client-key`: the tenant id it encodes.
pub fn client_key_option(client_key: &str) -> anyhow::Result<String> {
    tenant_id_from_client_key(client_key).map_err(|NotAClientKey| {
        user_error_with_hint(
            format!("--client-key {client_key:?} is not a Courier client key"),
            "a client key is the base64 of your workspace id, e.g. MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx (Settings → API Keys)",
        )
    })
}

/// Refuses `--key-file -` when the token is read from stdin too (no argument, or `-`): one
/// stream cannot hold both.
pub fn refuse_key_and_token_on_stdin(
    key_source: &KeySource,
    token: Option<&str>,
) -> anyhow::Result<()> {
    let token_from_stdin = token.is_none_or(|t| t == "-");
    refuse_stdin_twice(key_source, token_from_stdin, "reading the token from stdin")
}

/// Refuses `--key-file -` with `--user-ids-from -`.
pub fn refuse_key_and_user_ids_on_stdin(
    key_source: &KeySource,
    user_ids: &Path,
) -> anyhow::Result<()> {
    refuse_stdin_twice(key_source, user_ids == Path::new("-"), "--user-ids-from -")
}

fn refuse_stdin_twice(
    key_source: &KeySource,
    input_from_stdin: bool,
    input: &str,
) -> anyhow::Result<()> {
    if !(input_from_stdin && key_source.reads_stdin()) {
        return Ok(());
    }
    Err(user_error(format!(
        "--key-file - and {input} both want stdin; put the key in a file or an environment variable"
    )))
}
