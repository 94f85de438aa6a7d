//! Domain errors worded for the command line: the typed errors of `client_key` and `key` become
//! messages that name the option the user typed (`--client-key`, `--key-file -`, `--key-env`)
//! and say how to fix it; the one rule that a key and an input cannot share stdin; and how a key
//! source is named to people. Parsing and checking stay in the domain modules; durations have their own wording
//! file (`durations`), scopes and user ids theirs (`scopes`).

use std::path::Path;

use crate::client_key::{tenant_id_from_client_key, NotAClientKey};
use crate::key::KEY_SOURCES_HINT;
use crate::key::{
    load_key, try_load_key, ApiKey, KeyError, KeyOrigin, KeySource, LoadedKey, API_KEY_ENV,
    LEGACY_API_KEY_ENV,
};
use crate::shown::redaction::{Redaction, WITHHELD};
use crate::terminal::error::{user_error, user_error_with_hint};

/// `--client-key`: the tenant id it encodes.
pub fn client_key_option(client_key: &str, redaction: &Redaction) -> anyhow::Result<String> {
    tenant_id_from_client_key(client_key).map_err(|NotAClientKey| {
        user_error_with_hint(
            format!("--client-key {} is not a Courier client key", redaction.quoted(client_key)),
            "a client key is the base64 of your workspace id, e.g. MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx (Settings → API Keys)",
        )
    })
}

/// Refuses `--key-file -` with `--user-ids-from -`.
pub fn refuse_key_and_user_ids_on_stdin(
    key_source: &KeySource,
    user_ids: &Path,
) -> anyhow::Result<()> {
    refuse_stdin_twice(key_source, user_ids == Path::new("-"), "--user-ids-from -")
}

/// Refuses `--key-file -` with `hmac-sign -` (the user id read from stdin).
pub fn refuse_key_and_user_id_on_stdin(
    key_source: &KeySource,
    user_id: &str,
) -> anyhow::Result<()> {
    refuse_stdin_twice(key_source, user_id == "-", "reading the user id from stdin")
}

pub(crate) fn refuse_stdin_twice(
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

/// The key from the global key options; a missing key is an error naming where we looked.
pub fn key_option(source: &KeySource, redaction: &Redaction) -> anyhow::Result<ApiKey> {
    load_key(source, redaction)
        .map(|loaded| warn_about_stray_bytes(loaded, redaction))
        .map_err(|error| key_error(error, redaction))
}

/// The key if one is available (only the default source may have none).
pub fn optional_key_option(
    source: &KeySource,
    redaction: &Redaction,
) -> anyhow::Result<Option<ApiKey>> {
    let loaded = try_load_key(source, redaction).map_err(|error| key_error(error, redaction))?;
    Ok(loaded.map(|loaded| warn_about_stray_bytes(loaded, redaction)))
}

/// Which key a result came from, for people: `the key from COURIER_API_KEY`, `the key in
/// /path/key`. Never the key itself. For the default source, the variable that is set.
pub fn key_in_use(source: &KeySource, redaction: &Redaction) -> String {
    match source {
        KeySource::File(path) => format!("the key in {}", redaction.shown_path(path)),
        KeySource::Stdin => format!("the key from {}", origin_name(&KeyOrigin::Stdin, redaction)),
        KeySource::Env(name) => format!("the key from {name}"),
        KeySource::Default => {
            let name = [API_KEY_ENV, LEGACY_API_KEY_ENV]
                .into_iter()
                .find(|name| std::env::var_os(name).is_some())
                .unwrap_or(API_KEY_ENV);
            format!("the key from {name}")
        }
    }
}

/// Where a key was read from, naming the option for stdin: `stdin (--key-file -)`.
pub fn origin_name(origin: &KeyOrigin, redaction: &Redaction) -> String {
    match origin {
        KeyOrigin::Stdin => "stdin (--key-file -)".to_string(),
        other => other.described(redaction),
    }
}

fn warn_about_stray_bytes(loaded: LoadedKey, redaction: &Redaction) -> ApiKey {
    if let Some(problem) = &loaded.stray {
        crate::terminal::diagnostics::warning(format_args!(
            "the API key in {} {problem}; it is used exactly as read, so it will not sign \
             like the clean key (save the file without them, e.g. with Unix line endings)",
            origin_name(&loaded.origin, redaction)
        ));
    }
    loaded.key
}

fn key_error(error: KeyError, redaction: &Redaction) -> anyhow::Error {
    match error {
        KeyError::NotFound => user_error_with_hint(error.to_string(), KEY_SOURCES_HINT),
        KeyError::EnvUnset(name) if redaction.holds_secret(&name) => user_error_with_hint(
            format!("--key-env {WITHHELD}: it takes the name of a variable, not the key"),
            "give the variable's name, e.g. --key-env COURIER_API_KEY",
        ),
        KeyError::EnvUnset(name) if is_variable_name(&name) => user_error_with_hint(
            format!("environment variable {name} (from --key-env) is not set"),
            format!("export {name}=... or {KEY_SOURCES_HINT}"),
        ),
        KeyError::EnvUnset(name) => user_error_with_hint(
            format!(
                "environment variable {} (from --key-env) is not set",
                redaction.quoted(&name)
            ),
            "--key-env takes the name of a variable, such as COURIER_API_KEY",
        ),
        KeyError::Empty(origin) => user_error_with_hint(
            format!(
                "the API key in {} is empty (or only NUL bytes)",
                origin_name(&origin, redaction)
            ),
            KEY_SOURCES_HINT,
        ),
        KeyError::Unreadable(error) => error,
    }
}

/// A plain shell variable name (letters, digits, `_`, not starting with a digit), short enough
/// to show whole: the only kind an `export NAME=...` hint can name.
fn is_variable_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
