//! Where the API key comes from and how it is held. The key is read from a file, stdin or an
//! environment variable — never from the command line, where `ps` and shell history would show
//! it. It lives in memory that is zeroed on drop and has no `Debug`/`Display` that could print
//! it. This module does not sign anything; `token` and `user_signature` take an [`ApiKey`].
//! Failures are typed ([`KeyError`]); the commands word them with the options that name a key
//! source (`commands::options::keys`), and warn about stray bytes a loaded key reports.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::reading::input::{read_secret_bounded, read_secret_file_bounded};
use crate::shown::redaction::Redaction;

/// How the ways to supply a key are named in errors and hints.
pub(crate) const KEY_SOURCES_HINT: &str =
    "use --key-file PATH, --key-file - (stdin), --key-env NAME, or set COURIER_API_KEY";

/// The variable current Courier SDKs and CLI read the API key from.
pub const API_KEY_ENV: &str = "COURIER_API_KEY";
/// The variable older Courier SDKs read the API key from.
pub const LEGACY_API_KEY_ENV: &str = "COURIER_AUTH_TOKEN";

pub use courier_inbox_auth::credentials::api_key::{ApiKey, EmptyKey};

/// Where the user asked us to find the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// The named environment variable.
    Env(String),
    /// None chosen: `COURIER_API_KEY`, then `COURIER_AUTH_TOKEN`.
    Default,
}

impl KeySource {
    /// Builds the source from a key file (`-` for stdin) or a variable name; the file wins.
    pub fn from_options(key_file: Option<&Path>, key_env: Option<&str>) -> Self {
        match (key_file, key_env) {
            (Some(path), _) if path == Path::new("-") => KeySource::Stdin,
            (Some(path), _) => KeySource::File(path.to_path_buf()),
            (None, Some(name)) => KeySource::Env(name.to_string()),
            (None, None) => KeySource::Default,
        }
    }

    pub fn reads_stdin(&self) -> bool {
        matches!(self, KeySource::Stdin)
    }
}

/// Where a loaded (or empty) key was read from: the source, with the default resolved to the
/// variable that was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    File(PathBuf),
    Stdin,
    Env(String),
}

impl KeyOrigin {
    /// The origin for people (`key file ./key`, `stdin`, `environment variable NAME`), the
    /// path as `redaction` may show it.
    pub fn described(&self, redaction: &Redaction) -> String {
        match self {
            KeyOrigin::File(path) => format!("key file {}", redaction.shown_path(path)),
            KeyOrigin::Stdin => "stdin".to_string(),
            KeyOrigin::Env(name) => format!("environment variable {name}"),
        }
    }
}

/// A key as loaded: the key, where it came from, and what stray bytes it carries, if any
/// ([`stray_bytes`]), which the caller should warn about: the key is used exactly as read.
#[derive(Debug)]
pub struct LoadedKey {
    pub key: ApiKey,
    pub origin: KeyOrigin,
    pub stray: Option<String>,
}

/// Why no key could be loaded.
#[derive(Debug)]
pub enum KeyError {
    /// No source was chosen and neither default variable is set.
    NotFound,
    /// The chosen environment variable is not set.
    EnvUnset(String),
    /// The key is empty, or only NUL bytes.
    Empty(KeyOrigin),
    /// The file or stdin could not be read; the error says why.
    Unreadable(anyhow::Error),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::NotFound => write!(
                f,
                "no API key: neither {API_KEY_ENV} nor {LEGACY_API_KEY_ENV} is set"
            ),
            KeyError::EnvUnset(name) => write!(f, "environment variable {name} is not set"),
            // A path is the caller's to show (`KeyOrigin::described`, with its redaction).
            KeyError::Empty(KeyOrigin::File(_)) => {
                f.write_str("the API key in the key file is empty (or only NUL bytes)")
            }
            KeyError::Empty(origin) => write!(
                f,
                "the API key in {} is empty (or only NUL bytes)",
                origin.described(&Redaction::default())
            ),
            KeyError::Unreadable(error) => write!(f, "{error:#}"),
        }
    }
}

impl std::error::Error for KeyError {}

/// Loads the key; a missing key is an error.
pub fn load_key(source: &KeySource, redaction: &Redaction) -> Result<LoadedKey, KeyError> {
    try_load_key(source, redaction)?.ok_or(KeyError::NotFound)
}

/// Loads the key if one is available. Only the default source may come back empty-handed;
/// an explicit source that fails is an error.
/// Errors show a key file's path as `redaction` allows.
pub fn try_load_key(
    source: &KeySource,
    redaction: &Redaction,
) -> Result<Option<LoadedKey>, KeyError> {
    let (bytes, origin) = match source {
        KeySource::File(path) => {
            warn_if_shared(path, redaction);
            let bytes = read_secret_file_bounded(path, "key file", redaction)
                .map_err(KeyError::Unreadable)?;
            (bytes, KeyOrigin::File(path.clone()))
        }
        KeySource::Stdin => {
            let bytes = read_secret_bounded(std::io::stdin().lock(), "stdin")
                .map_err(KeyError::Unreadable)?;
            (bytes, KeyOrigin::Stdin)
        }
        KeySource::Env(name) => match std::env::var_os(name) {
            Some(value) => (os_bytes(value).into(), KeyOrigin::Env(name.clone())),
            None => return Err(KeyError::EnvUnset(name.clone())),
        },
        KeySource::Default => {
            let set = [API_KEY_ENV, LEGACY_API_KEY_ENV]
                .into_iter()
                .find_map(|name| Some((std::env::var_os(name)?, name)));
            match set {
                Some((value, name)) => (os_bytes(value).into(), KeyOrigin::Env(name.to_string())),
                None => return Ok(None),
            }
        }
    };
    loaded(bytes, origin).map(Some)
}

/// A key file or stdin loses one trailing newline; a variable is taken as it is.
fn loaded(mut bytes: Zeroizing<Vec<u8>>, origin: KeyOrigin) -> Result<LoadedKey, KeyError> {
    if matches!(origin, KeyOrigin::File(_) | KeyOrigin::Stdin) {
        strip_one_newline_in_place(&mut bytes);
    }
    let stray = stray_bytes(&bytes);
    match ApiKey::new(bytes) {
        Ok(key) => Ok(LoadedKey { key, origin, stray }),
        Err(EmptyKey) => Err(KeyError::Empty(origin)),
    }
}

/// What is left around a key that no real key holds, once one trailing newline is dropped: a
/// key file saved on Windows (`key\r\n` leaves a `\r`), `export K="$(cat key.crlf)"` (the same
/// `\r`), a space, or a byte order mark. Described without showing the key.
pub fn stray_bytes(key: &[u8]) -> Option<String> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if key.starts_with(BOM) {
        return Some("starts with a byte order mark (BOM)".to_string());
    }
    let trailing = key.last().filter(|b| b.is_ascii_whitespace())?;
    let what = match trailing {
        b'\r' => "a carriage return",
        b'\n' => "a newline",
        b'\t' => "a tab",
        b' ' => "a space",
        _ => "a form feed",
    };
    Some(format!("ends with whitespace ({what})"))
}

/// Drops exactly one trailing `\n`, as editors and `echo` add one; nothing else. A `\r` before
/// it (a file saved with Windows line endings) stays, and [`stray_bytes`] names it: the same
/// file then gives the same key whether it is read here or through the shell
/// (`export COURIER_API_KEY="$(cat key)"` keeps the `\r` too), and key bytes are never changed
/// without a word.
pub fn strip_one_newline(mut bytes: Vec<u8>) -> Vec<u8> {
    strip_one_newline_in_place(&mut bytes);
    bytes
}

/// [`strip_one_newline`] without moving the buffer (truncating never reallocates).
fn strip_one_newline_in_place(bytes: &mut Vec<u8>) {
    if bytes.ends_with(b"\n") {
        bytes.truncate(bytes.len() - 1);
    }
}

#[cfg(unix)]
fn os_bytes(value: OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    value.into_vec()
}

#[cfg(not(unix))]
fn os_bytes(value: OsString) -> Vec<u8> {
    value.to_string_lossy().into_owned().into_bytes()
}

/// Warns on stderr when a key file can be read by group or others.
#[cfg(unix)]
fn warn_if_shared(path: &Path, redaction: &Redaction) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode();
        if meta.is_file() && mode & 0o044 != 0 {
            crate::terminal::diagnostics::warning(format_args!(
                "key file {} is readable by group or others (mode {:o}); run: chmod 600 {}",
                redaction.shown_path(path),
                mode & 0o777,
                redaction.shown_path(path)
            ));
        }
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path, _redaction: &Redaction) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_exactly_one_newline() {
        assert_eq!(strip_one_newline(b"k\n".to_vec()), b"k");
        assert_eq!(strip_one_newline(b"k\r\n".to_vec()), b"k\r");
        assert_eq!(strip_one_newline(b"k\n\n".to_vec()), b"k\n");
        assert_eq!(strip_one_newline(b" k ".to_vec()), b" k ");
    }

    #[test]
    fn stray_bytes_are_named_not_shown() {
        assert_eq!(stray_bytes(b"sk_live_x"), None);
        assert_eq!(
            stray_bytes(b"sk_live_x\r").as_deref(),
            Some("ends with whitespace (a carriage return)")
        );
        assert!(stray_bytes(b"sk_live_x ").unwrap().contains("a space"));
        assert!(stray_bytes(b"\xEF\xBB\xBFsk")
            .unwrap()
            .contains("byte order mark"));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = ApiKey::new(b"sk_canary".to_vec()).unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
    }

    #[test]
    fn empty_key_is_refused() {
        assert_eq!(ApiKey::new(Vec::new()).err(), Some(EmptyKey));
        assert_eq!(ApiKey::new(vec![0; 3]).err(), Some(EmptyKey));
        assert!(ApiKey::new(vec![0, 1]).is_ok());
    }

    #[test]
    fn load_errors_are_typed_and_name_no_option() {
        let name = "COURIER_TOKEN_TEST_VARIABLE_NEVER_SET";
        let error = load_key(&KeySource::Env(name.to_string()), &Redaction::default()).unwrap_err();
        assert!(matches!(&error, KeyError::EnvUnset(unset) if unset == name));
        assert_eq!(
            error.to_string(),
            format!("environment variable {name} is not set")
        );
        assert_eq!(
            KeyError::Empty(KeyOrigin::Stdin).to_string(),
            "the API key in stdin is empty (or only NUL bytes)"
        );
    }
}
