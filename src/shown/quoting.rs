//! Quoting what a person or a client typed, as errors and logs may show it, as methods of the
//! run's [`Redaction`] (handed down from `commands::resolved`, never a global):
//! [`Redaction::quoted`] for an error message (`"abc"`, cut with its size when long),
//! [`Redaction::echoed`] where clap adds the quotes, [`Redaction::shown_path`] for a path, and
//! serve's log rules ([`Redaction::sent_text`], [`Redaction::sent_sentence`]). Text that holds
//! the API key (`redaction`) is never quoted: [`WITHHELD`] stands in for it; the escaping is
//! `printable`'s.

use std::borrow::Cow;
use std::path::Path;

use crate::shown::printable::printable;
use crate::shown::redaction::Redaction;
pub(crate) use crate::shown::redaction::WITHHELD;

/// Longest stretch of a user's input echoed back in an error; longer input is cut so that a
/// 100 KB argument still gives a one-line error a person can read.
const MAX_ECHO_CHARS: usize = 64;

impl Redaction {
    /// `text` quoted for an error message (`"abc"`), with everything a terminal would act on or
    /// hide escaped (the one rule of `printable`, on top of Rust's string escapes), shortened with
    /// its size when long: `"aaaa…" (100000 bytes)`. Text that holds the API key
    /// ([`Redaction::holds_secret`]) is never quoted: [`WITHHELD`] stands in for it.
    pub(crate) fn quoted(&self, text: &str) -> String {
        if self.holds_secret(text) {
            return WITHHELD.to_string();
        }
        let shown = match text.char_indices().nth(MAX_ECHO_CHARS) {
            None => format!("{text:?}"),
            Some((cut, _)) => {
                let shown = format!("{:?}", &text[..cut]);
                let open = &shown[..shown.len() - 1];
                format!("{open}…\" ({} bytes)", text.len())
            }
        };
        printable(&shown).into_owned()
    }

    /// `text` as an error shows it without quotes of its own (clap adds them): [`WITHHELD`] when
    /// it holds the API key, else cut at 64 characters (`…` marks the cut) and escaped as
    /// `printable` does.
    pub(crate) fn echoed(&self, text: &str) -> String {
        if self.holds_secret(text) {
            return WITHHELD.to_string();
        }
        match text.char_indices().nth(MAX_ECHO_CHARS) {
            None => printable(text).into_owned(),
            Some((cut, _)) => format!("{}…", printable(&text[..cut])),
        }
    }

    /// A path the user gave, for an error or a note: as it is when it is short and plain
    /// (`./key`), else [`Self::quoted`]; never when it holds the API key.
    pub(crate) fn shown_path(&self, path: &Path) -> String {
        let text = path.to_string_lossy();
        let plain = text.chars().count() <= MAX_ECHO_CHARS
            && !text.contains(['"', '\\'])
            && matches!(printable(&text), Cow::Borrowed(_));
        if plain && !self.holds_secret(&text) {
            text.into_owned()
        } else {
            self.quoted(&text)
        }
    }

    /// Text a client sent (a user id, a channel), as serve's log may show it: [`Self::echoed`], and
    /// never a whole token.
    pub(crate) fn sent_text(&self, text: &str) -> String {
        if looks_like_token(text) {
            return "<not shown: a token>".to_string();
        }
        self.echoed(text)
    }

    /// A sentence serve wrote about a refusal (it may quote a claim): whole and escaped, withheld
    /// when it holds the key.
    pub(crate) fn sent_sentence(&self, text: &str) -> String {
        if self.holds_secret(text) {
            return WITHHELD.to_string();
        }
        printable(text).into_owned()
    }
}

/// Three dot-separated parts starting `eyJ` (a JSON header in base64url): a JWT.
fn looks_like_token(text: &str) -> bool {
    text.trim().starts_with("eyJ") && text.matches('.').count() == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_short_text_whole_and_long_text_cut() {
        let redaction = Redaction::default();
        assert_eq!(redaction.quoted("a\u{1}b"), "\"a\\u{1}b\"");
        let long = "x".repeat(100_000);
        let shown = redaction.quoted(&long);
        assert!(shown.len() < 100, "{shown}");
        assert!(shown.ends_with("…\" (100000 bytes)"), "{shown}");
        let wide = "é".repeat(65);
        assert!(redaction.quoted(&wide).ends_with("…\" (130 bytes)"));
    }

    #[test]
    fn a_redaction_naming_a_key_variable_withholds_its_value() {
        // A variable cargo sets for every test run stands in for the key's (setting one here
        // would race the tests that read the environment).
        const VARIABLE: &str = "CARGO_MANIFEST_DIR";
        let key = env!("CARGO_MANIFEST_DIR");
        assert_eq!(std::env::var(VARIABLE).as_deref(), Ok(key));
        let redaction = Redaction::for_key_sources(None, [VARIABLE]);
        assert_eq!(redaction.quoted(key), WITHHELD);
        assert_eq!(redaction.echoed(&format!("./{key}")), WITHHELD);
        assert_eq!(redaction.shown_path(Path::new(key)), WITHHELD);
        assert_eq!(redaction.quoted("COURIER_API_KEY"), "\"COURIER_API_KEY\"");
        assert_ne!(Redaction::default().quoted(key), WITHHELD);
        let serving = Redaction::default().with_key_in_use(b"sk_test_HeldByServe0123");
        assert_eq!(serving.sent_text("sk_test_HeldByServe0123"), WITHHELD);
        assert!(!format!("{serving:?}").contains("HeldByServe"));
    }
}
