//! How `doctor --dry-run` shows an Inbox request it would send, one rule for every mode (the
//! JWT request of courier-js and the v7 client's client-key and HMAC requests): the request
//! line, each header as `name: value` in the order sent (a credential already replaced by
//! `<redacted>` by the caller), a blank line, then the body. The URL, every value and the body
//! are escaped by `printable`, so no text from the command line can act on the terminal.

use std::fmt::Write as _;

use crate::shown::printable::printable;

/// The request as `--dry-run` shows it.
pub(crate) fn request_text<'a>(
    method: &str,
    url: &str,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: &str,
) -> String {
    let mut text = format!("{method} {}\n", printable(url));
    for (name, value) in headers {
        let _ = writeln!(text, "{name}: {}", printable(value));
    }
    text.push('\n');
    text.push_str(&printable(body));
    text.push('\n');
    text
}
