//! Finding tokens in plain text: every run of base64url characters with three dot-separated
//! segments, the name written before it (`NAME=`, `"name":`, `Bearer `), pieces of a token
//! wrapped over several lines joined back together, and what a pasted request says besides its
//! token (`x-courier-user-id`, a GraphQL `accountId`). JSON documents go through `json` first,
//! which calls this on each string.

use std::borrow::Cow;

use super::candidates::{Candidate, Findings, RequestFacts};

/// The length of an HS256 signature in base64url: a token's last segment is at most this
/// long when it is joined from pieces on several lines.
const HS256_SIGNATURE_CHARS: usize = 43;

/// The longest `NAME` in `NAME=<token>`.
const MAX_NAME_CHARS: usize = 64;

/// Scans `text` for tokens and request facts; `name` is what the text itself is called (a JSON
/// member name), the name of a token that has none written before it.
pub(super) fn scan_text(text: &str, name: Option<&str>, findings: &mut Findings) {
    let (text, joined) = join_wrapped_lines(text);
    findings.joined = findings.joined.saturating_add(joined);
    let mut facts = RequestFacts::default();
    read_request_facts(&text, &mut facts);
    findings.request.fill_from(&facts);
    for (run_start, run) in token_runs(&text) {
        if run.len() < 10 {
            continue;
        }
        let (written_name, value, value_start) = split_name(run, run_start);
        let unpunctuated = value.trim_start_matches(['.', '/', '+', '=']);
        let token = drop_sentence_dot(unpunctuated);
        if !looks_like_jwt(token) {
            continue;
        }
        let token_start = value_start + (value.len() - unpunctuated.len());
        // `https://inbox.courier.com/q`: a host name, not a token.
        if text[..token_start].ends_with("//") {
            continue;
        }
        findings.dropped_dot |= token.len() < unpunctuated.len();
        let name = written_name
            .map(str::to_string)
            .or_else(|| name_before(&text[..token_start]))
            .or_else(|| name.map(str::to_string));
        findings.add(Candidate {
            token: token.to_string(),
            name,
            inbox_request: false,
            request: RequestFacts::default(),
        });
    }
}

/// The maximal runs of token characters in `text`, each with its byte offset.
fn token_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut ends = text
        .char_indices()
        .filter(|(_, c)| !is_token_char(*c))
        .map(|(at, c)| (at, c.len_utf8()))
        .chain(std::iter::once((text.len(), 0)));
    std::iter::from_fn(move || {
        let (end, width) = ends.next()?;
        let run = (start, &text[start..end]);
        start = end + width;
        Some(run)
    })
}

/// Characters that can appear in a (possibly malformed) token segment.
pub(super) fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

/// `NAME=value` inside one run: the name (the part before the last `=` that is not base64
/// padding) and the value with its offset in the text. Padding `=` stands at the end of a
/// segment, before a `.`, another `=` or the end of the run.
fn split_name(run: &str, run_start: usize) -> (Option<&str>, &str, usize) {
    let bytes = run.as_bytes();
    let separator = (0..bytes.len()).rev().find(|&at| {
        bytes[at] == b'='
            && at > 0
            && bytes
                .get(at + 1)
                .is_some_and(|next| !matches!(next, b'=' | b'.'))
    });
    let Some(at) = separator else {
        return (None, run, run_start);
    };
    let name = run[..at].rsplit(['=', '/', '+']).next().unwrap_or("");
    // A name is a short word: `ab=cd` inside a token's segment, or `eyJ…=…` (padding inside a
    // header), is a malformed segment, not a name.
    if name.is_empty()
        || name.len() > MAX_NAME_CHARS
        || name.contains('.')
        || name.starts_with("eyJ")
    {
        return (None, run, run_start);
    }
    (Some(name), &run[at + 1..], run_start + at + 1)
}

/// The name written before a token: `Bearer ` (a header, named `authorization`), or the word
/// before a `:` (`"token": "`, `token: `, `\"token\":\"`).
fn name_before(before: &str) -> Option<String> {
    let trimmed = before
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '`'));
    let lower_tail = trimmed
        .get(trimmed.len().saturating_sub(6)..)
        .map(str::to_ascii_lowercase);
    if lower_tail.as_deref() == Some("bearer") {
        return Some("authorization".to_string());
    }
    let key = trimmed
        .strip_suffix(':')?
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\'));
    let start = key
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let name = &key[start..];
    (!name.is_empty()).then(|| name.to_string())
}

/// `a.b.c.` at the end of a sentence: drop the full stop, keeping `a.b.` (an unsigned token).
fn drop_sentence_dot(run: &str) -> &str {
    match run.strip_suffix('.') {
        Some(shorter) if run.matches('.').count() == 3 => shorter,
        _ => run,
    }
}

fn looks_like_jwt(run: &str) -> bool {
    let mut segments = run.split('.');
    let (Some(header), Some(payload), Some(_), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return false;
    };
    header.len() >= 4 && !payload.is_empty()
}

/// True for the start of a token that a line break cut short: it starts `eyJ` and has fewer
/// than three segments, or a signature shorter than an HS256 one.
pub(super) fn is_cut_short(run: &str) -> bool {
    if !run.starts_with("eyJ") {
        return false;
    }
    match run.matches('.').count() {
        0 | 1 => true,
        2 => {
            let signature = run.rsplit('.').next().unwrap_or("");
            !signature.is_empty() && signature.len() < HS256_SIGNATURE_CHARS
        }
        _ => false,
    }
}

/// The run of token characters a line ends with (its value part, after any `NAME=`).
fn trailing_run(line: &str) -> &str {
    let line = line.trim_end();
    let start = line.rfind(|c: char| !is_token_char(c)).map_or(0, |at| {
        at + line[at..].chars().next().map_or(1, char::len_utf8)
    });
    let (_, value, _) = split_name(&line[start..], 0);
    value
}

/// Joins a token that a wrapped terminal or an e-mail cut over several lines: a line that ends
/// with a token cut short ([`is_cut_short`]) continues with the token characters the next line
/// starts with (after indentation and `>` quote marks), as long as the token stays cut short.
/// A piece that starts a new token (`eyJ` after three segments' worth) is never joined. Returns
/// the text with the pieces joined, and how many tokens were joined.
fn join_wrapped_lines(text: &str) -> (Cow<'_, str>, usize) {
    if !text.contains('\n') {
        return (Cow::Borrowed(text), 0);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    let mut joined = 0;
    let mut index = 0;
    while index < lines.len() {
        let mut line = lines[index].trim_end().to_string();
        let mut pieces = 0;
        while index + 1 < lines.len() {
            let run = trailing_run(&line);
            if !is_cut_short(run) {
                break;
            }
            let next = lines[index + 1]
                .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
                .trim_end();
            let piece_len = next.find(|c: char| !is_token_char(c)).unwrap_or(next.len());
            let piece = &next[..piece_len];
            let starts_new =
                piece.starts_with("eyJ") && !(run.ends_with('.') && run.matches('.').count() < 2);
            if piece.is_empty() || starts_new {
                break;
            }
            line.push_str(next);
            pieces += 1;
            index += 1;
            if piece_len < next.len() {
                break;
            }
        }
        if pieces > 0 {
            joined += 1;
        }
        out.push_str(&line);
        out.push('\n');
        index += 1;
    }
    if joined == 0 {
        return (Cow::Borrowed(text), 0);
    }
    (Cow::Owned(out), joined)
}

/// `x-courier-user-id` and `x-courier-client-key` (headers in curl, a raw request or a fetch
/// call) and `accountId` (the tenant filter in the SDK's GraphQL body) written in `text`.
pub(super) fn read_request_facts(text: &str, facts: &mut RequestFacts) {
    if let Some(value) = value_after(text, "x-courier-user-id") {
        facts.note_user_id(value);
    }
    if let Some(value) = value_after(text, "x-courier-client-key") {
        facts.note_client_key(value);
    }
    if let Some(value) = value_after(text, "accountId") {
        facts.note_tenant(value);
    }
}

/// The value written after `name` (case-insensitive) and a `:`, with any quotes and JSON
/// escapes around either: `x-courier-user-id: bob`, `"x-courier-user-id": "bob"`,
/// `accountId: \"acme\"`.
fn value_after<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let lower = text.to_ascii_lowercase();
    let needle = name.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let after = from + found + needle.len();
        from = after;
        let rest = text[after..].trim_start_matches(['"', '\'', '\\']);
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t', '"', '\'', '\\']);
        let end = rest
            .find(['"', '\'', '\\', '\r', '\n', ',', '}', ')'])
            .unwrap_or(rest.len());
        let value = rest[..end].trim();
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}
