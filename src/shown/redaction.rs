//! Whether a piece of text the user typed is a secret that must not be echoed back: the API key
//! pasted where a variable name, a path or a client key belongs (`--key-env "$COURIER_API_KEY"`).
//! The text is compared with the key at hand — the values of the variables a key may come from
//! (`COURIER_API_KEY`, `COURIER_AUTH_TOKEN`, the one `--key-env` names), the `--key-file` given
//! and, for `serve`, the key it holds — kept as a [`Redaction`] value that `commands::resolved`
//! (or `cli::usage_hints` when parsing failed) builds once and hands down; variables and the
//! file are read when asked (a key file only when it is a regular file, its first 4 KiB, into
//! memory zeroed on drop), never kept — and given to the pasted-secret recognisers
//! (`pk_prod_…`). The quoting methods of `quoting` ask before quoting anything; this module
//! words nothing itself. A key read from stdin cannot be compared (it is read once, by the
//! command), except the one `serve` holds.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use crate::reading::pasted_secret::{recognise_pasted_secret, PastedSecret};

/// How much of a key file is compared: a key is one short line.
const KEY_FILE_PREFIX_BYTES: u64 = 4096;

/// Shortest stretch of a key that, typed on its own, is taken for the key (a shorter one would
/// hide innocent words such as a variable name that happens to be part of it).
const MIN_KEY_FRAGMENT: usize = 12;

/// Shortest key looked for inside longer text; a shorter one only matches text equal to it.
const MIN_KEY_TO_FIND: usize = 8;

/// What an error shows instead of text that holds a secret.
pub(crate) const WITHHELD: &str = "<not shown: it holds the API key>";

/// What may not be shown: the text of the key sources this run names — the variables the key
/// may come from and the key file — compared when asked, never kept; and the key a
/// long-running command (`serve`) holds, which may have come from stdin.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    key_variables: Vec<String>,
    key_file: Option<PathBuf>,
    key_in_use: Option<KeyInUse>,
    /// The last text asked about (by hash, never the text: it may be the key) and the answer,
    /// shared by the clones of one redaction, so a bulk run quoting the same option value in a
    /// million verdicts reads the environment and the key file once.
    last_answer: Arc<Mutex<Option<(u64, bool)>>>,
}

/// The key `serve` holds, zeroed on drop and never printed by `Debug`.
#[derive(Clone)]
struct KeyInUse(Arc<Zeroizing<Vec<u8>>>);

impl fmt::Debug for KeyInUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyInUse(<redacted>)")
    }
}

impl Redaction {
    /// The redaction for a run whose key may be in `key_file` or in one of `key_variables`.
    pub fn for_key_sources<'a>(
        key_file: Option<&Path>,
        key_variables: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        Self {
            key_variables: key_variables.into_iter().map(str::to_string).collect(),
            key_file: key_file.map(Path::to_path_buf),
            ..Self::default()
        }
    }

    /// This redaction, knowing also `key`: the key a long-running command (`serve`) holds,
    /// which may have come from stdin, where no variable or file could be compared.
    pub(crate) fn with_key_in_use(&self, key: &[u8]) -> Self {
        Self {
            key_variables: self.key_variables.clone(),
            key_file: self.key_file.clone(),
            key_in_use: Some(KeyInUse(Arc::new(Zeroizing::new(key.to_vec())))),
            last_answer: Arc::default(),
        }
    }

    /// True when `text` holds the key at hand, is a long enough piece of it, or is
    /// recognisably an API key. The last answer is remembered (see `last_answer`).
    pub fn holds_secret(&self, text: &str) -> bool {
        let hash = {
            let mut hasher = std::hash::DefaultHasher::new();
            text.hash(&mut hasher);
            hasher.finish()
        };
        let remembered = self.last_answer.lock().ok().and_then(|last| *last);
        if let Some((_, answer)) = remembered.filter(|(last, _)| *last == hash) {
            return answer;
        }
        let answer = self.holds_secret_uncached(text);
        if let Ok(mut last) = self.last_answer.lock() {
            *last = Some((hash, answer));
        }
        answer
    }

    fn holds_secret_uncached(&self, text: &str) -> bool {
        if matches!(
            recognise_pasted_secret(text),
            Some(PastedSecret::ApiKey { .. })
        ) {
            return true;
        }
        self.key_variables
            .iter()
            .filter_map(std::env::var_os)
            .any(|value| overlaps_key(text.as_bytes(), value.as_encoded_bytes()))
            || self
                .key_in_use
                .as_ref()
                .is_some_and(|key| overlaps_key(text.as_bytes(), &key.0))
            || self
                .key_file
                .as_deref()
                .is_some_and(|path| key_file_holds(path, text))
    }
}

/// True when `text` holds the key in the key file at `path`.
fn key_file_holds(path: &Path, text: &str) -> bool {
    if !std::fs::metadata(path).is_ok_and(|meta| meta.is_file()) {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut key = Zeroizing::new(Vec::with_capacity(KEY_FILE_PREFIX_BYTES as usize + 1));
    if file
        .take(KEY_FILE_PREFIX_BYTES)
        .read_to_end(&mut key)
        .is_err()
    {
        return false;
    }
    overlaps_key(text.as_bytes(), &key)
}

/// `text` is `key`, holds it (a key of [`MIN_KEY_TO_FIND`] bytes or more), or is a piece of it
/// of [`MIN_KEY_FRAGMENT`] bytes or more (a key cut short when pasted), ignoring surrounding
/// whitespace.
fn overlaps_key(text: &[u8], key: &[u8]) -> bool {
    let key = key.trim_ascii();
    let text = text.trim_ascii();
    if key.is_empty() || text.is_empty() {
        return false;
    }
    let holds = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    };
    text == key
        || (key.len() >= MIN_KEY_TO_FIND && text.len() > key.len() && holds(text, key))
        || (text.len() >= MIN_KEY_FRAGMENT && text.len() < key.len() && holds(key, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_or_a_long_piece_of_it_is_a_secret() {
        let key = b"sk_live_Canary0123456789";
        assert!(overlaps_key(b"sk_live_Canary0123456789", key));
        assert!(overlaps_key(b" ./sk_live_Canary0123456789\n", key));
        assert!(overlaps_key(b"k_live_Canary0123456789", key));
        assert!(overlaps_key(b"Canary012345", key));
        assert!(!overlaps_key(b"Canary", key));
        assert!(!overlaps_key(b"COURIER_API_KEY", key));
        assert!(!overlaps_key(b"", key));
        assert!(overlaps_key(b"k", b"k"));
        assert!(!overlaps_key(b"key-file", b"k"));
        let nothing_named = Redaction::default();
        assert!(nothing_named.holds_secret("pk_prod_3EH7GNYRC94VWXJGR63ZM0CK5PFY"));
        assert!(!nothing_named.holds_secret("MY_KEY_VARIABLE"));
    }
}
