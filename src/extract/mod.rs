//! Finding the token in whatever a person pastes or pipes in — one reading, used by `verify`,
//! `inspect` and `doctor` alike, so the same text gives the same token everywhere.
//!
//! What is read (`text`, `json`): a bare token; `Bearer …` and `Authorization: Bearer …`;
//! single or double quotes; `NAME=<token>` (an env line, a URL's `?token=…&x=1`, a cookie
//! `courier_jwt=…; path=/`); a JSON document, compact or pretty-printed over several lines
//! (`{"token": …}`, a HAR export of a whole page); a curl command or a raw request; a token
//! followed by a full stop; a token cut over several lines by a wrapped terminal or an e-mail
//! (joined back together). Which token is used when there are several different ones is one
//! rule (`candidates`): sent to the Inbox (`…/q`), then named as a token, then starting `eyJ`,
//! then the first. A pasted request also gives the SDK's user (`x-courier-user-id`), tenant
//! (`accountId`) and client key (`x-courier-client-key`). A token cut before its end is
//! recognised by one rule (`cut_off`). Inputs of any size are read in bounded memory (`stream`). This module finds;
//! it never prints, verifies or decides exit codes.

mod candidates;
mod cut_off;
mod json;
mod stream;
mod text;
pub mod wrapping;

pub use candidates::{Candidate, RequestFacts};
pub use cut_off::{find_cut_off, CutOff, HS256_SIGNATURE_CHARS};
pub use stream::{ReadError, SMALL_INPUT_BYTES};
pub use wrapping::strip_token_wrapping;

use candidates::{why_chosen, Findings};
use stream::{read_input, ReadInput};

/// What one input holds: its tokens, the one chosen, and what a pasted request says.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    findings: Findings,
    /// The input itself, when it was small enough to keep (up to [`SMALL_INPUT_BYTES`]): what a
    /// command explains when no token is found (a pasted API key, say).
    pub text: Option<String>,
}

impl Extraction {
    /// The token the rule picks.
    pub fn token(&self) -> Option<&str> {
        self.findings
            .chosen()
            .map(|(_, candidate)| candidate.token.as_str())
    }

    /// How many different tokens the input holds.
    pub fn count(&self) -> usize {
        self.findings.count()
    }

    /// The SDK's user and tenant from the pasted request: those of the request the chosen
    /// token was sent in, else the first the input shows.
    pub fn request(&self) -> RequestFacts {
        let mut facts = self
            .findings
            .chosen()
            .map(|(_, candidate)| candidate.request.clone())
            .unwrap_or_default();
        facts.fill_from(&self.findings.request);
        facts
    }

    /// What a person should be told about how the token was found: several different tokens
    /// (and which was used, by the rule), a token joined from several lines.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.findings.joined > 0 {
            notes.push(
                "the token was cut over several lines (a wrapped terminal or e-mail); its pieces were joined".to_string(),
            );
        }
        if self.findings.dropped_dot && self.count() == 1 {
            notes.push("the '.' after the token was left out (the end of a sentence)".to_string());
        }
        if let (Some((at, candidate)), true) = (self.findings.chosen(), self.count() > 1) {
            notes.push(format!(
                "the input holds {} different tokens; using {} ({} found)",
                self.count(),
                why_chosen(candidate),
                ordinal(at + 1)
            ));
        }
        notes
    }
}

/// Finds the token(s) in `text`: a JSON document (first non-blank character `{` or `[`) is
/// read as JSON, with a fall back to plain text when it does not parse.
pub fn extract_text(text: &str) -> Extraction {
    let mut findings = Findings::default();
    let json = text.trim_start().starts_with(['{', '[']) && {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        json::scan_json(&mut deserializer, &mut findings).is_ok() && deserializer.end().is_ok()
    };
    if !json {
        findings = Findings::default();
        text::scan_text(text, None, &mut findings);
    }
    Extraction {
        findings,
        text: Some(text.to_string()),
    }
}

/// Reads `reader` to its end and finds the token(s) in it, in bounded memory: an input up to
/// [`SMALL_INPUT_BYTES`] as [`extract_text`] reads it; a larger one as it streams in.
pub fn extract_reader(reader: impl std::io::Read) -> Result<Extraction, ReadError> {
    Ok(match read_input(reader)? {
        ReadInput::Small(text) => extract_text(&text),
        ReadInput::Large(findings) => Extraction {
            findings,
            text: None,
        },
    })
}

/// Whether a stream whose first non-blank line is `line` is read one token per line (`verify`'s
/// bulk mode): when that line holds a token, or is one word of token characters that is not a
/// token cut short (a malformed token or a key, which gets its own verdict). Otherwise — the
/// start of a curl command, a JSON document or a request (its request line, or a header such
/// as `authorization: Bearer …` copied with the others from the network tab), or a token cut
/// over lines — the whole input is one pasted text.
pub fn is_one_token_per_line(line: &str) -> bool {
    let word = line.trim();
    let one_word = !word.is_empty() && word.chars().all(text::is_token_char);
    (one_word && !text::is_cut_short(word))
        || (!is_header_line(word)
            && extract_text(line)
                .token()
                .is_some_and(|token| token.starts_with("eyJ")))
}

/// Whether the first non-blank line of `head` is an HTTP header (`authorization: Bearer …`).
pub fn starts_with_header_line(head: &str) -> bool {
    head.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(is_header_line)
}

/// `Name: value`, an HTTP header line: a name of letters, digits and dashes, a colon, a space.
fn is_header_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
    })
}

/// The token `extract_text` picks in `text`, as a convenience for callers with only a string.
pub fn find_token(text: &str) -> Option<String> {
    extract_text(text).token().map(str::to_string)
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("the {n}{suffix}")
}

#[cfg(test)]
mod tests;
