//! Opening the input of a bulk run (`--user-ids-from FILE` or `-`; a UTF-8 byte order mark at
//! its start is dropped with a note) and the line rules every bulk command shares: UTF-8,
//! nothing trimmed, the one user-id rule (`scope::check_user_id`, as in single mode), and a
//! blank line refused with its number unless `--skip-blank-lines`, so that output line N is
//! input line N.

use std::io::Read;
use std::path::Path;

use crate::bulk::{BulkInput, LineFailure, DEFAULT_BLOCK_BYTES};
use crate::reading::input::io_reason;
use crate::scope::{classify_user_id, why_refused, UserIdProblem, UserIdUse};
use crate::shown::printable::printable_json;
use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;
use crate::token::js_json::push_json_string;

/// How a bulk run reads its lines: where the user ids go, what a blank line means, and what a
/// refusal may quote of a line.
#[derive(Debug, Clone, Copy)]
pub struct LineRules<'a> {
    pub used: UserIdUse,
    /// `--skip-blank-lines`: a blank line is left out instead of refused.
    pub skip_blank_lines: bool,
    pub redaction: &'a Redaction,
}

/// Longest user id line accepted in bulk input.
pub const MAX_USER_ID_LINE: usize = 4096;

/// Refuses `--skip-blank-lines` without bulk input (clap's `requires` gives way when the
/// single-mode argument it conflicts with is there).
pub fn refuse_skip_blank_lines_alone(skip_blank_lines: bool, bulk: bool) -> anyhow::Result<()> {
    if skip_blank_lines && !bulk {
        return Err(crate::terminal::error::user_error(
            "--skip-blank-lines is for bulk input: add --user-ids-from FILE, or drop it",
        ));
    }
    Ok(())
}

/// Opens `--user-ids-from` (a path, or `-` for stdin), past a byte order mark.
pub fn open_user_ids(
    path: &Path,
    redaction: &Redaction,
) -> anyhow::Result<BulkInput<Box<dyn Read + Send>>> {
    let (reader, name): (Box<dyn Read + Send>, String) = if path == Path::new("-") {
        (Box::new(std::io::stdin()), "stdin".to_string())
    } else {
        (open_file(path, redaction)?, redaction.shown_path(path))
    };
    let reader = without_byte_order_mark(reader).map_err(|err| {
        user_error_with_hint(
            format!("could not read {name}: {}", io_reason(&err)),
            "give a file with one user id per line, or - for stdin",
        )
    })?;
    let reader = match reader {
        Start::ByteOrderMark(reader) => {
            crate::terminal::diagnostics::note(format_args!(
                "note: {name} starts with a UTF-8 byte order mark (BOM); it was dropped, so line 1's user id is read without it"
            ));
            reader
        }
        Start::Plain(reader) => reader,
    };
    Ok(BulkInput {
        reader,
        name,
        max_line: MAX_USER_ID_LINE,
        block_bytes: DEFAULT_BLOCK_BYTES,
    })
}

/// What the input began with.
enum Start {
    ByteOrderMark(Box<dyn Read + Send>),
    Plain(Box<dyn Read + Send>),
}

/// Reads up to three bytes: a UTF-8 byte order mark is dropped, anything else is put back.
fn without_byte_order_mark(mut reader: Box<dyn Read + Send>) -> std::io::Result<Start> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < head.len() {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(read) => got += read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    if head[..got] == *BOM {
        return Ok(Start::ByteOrderMark(reader));
    }
    let put_back = std::io::Cursor::new(head[..got].to_vec());
    Ok(Start::Plain(Box::new(put_back.chain(reader))))
}

fn open_file(path: &Path, redaction: &Redaction) -> anyhow::Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path).map_err(|err| {
        user_error_with_hint(
            format!(
                "cannot open --user-ids-from {}: {}",
                redaction.shown_path(path),
                io_reason(&err)
            ),
            "give a file with one user id per line, or - for stdin",
        )
    })?;
    Ok(Box::new(file))
}

/// A user id read from a line, and the whitespace inside it, if any (only an id for a
/// signature may hold some; it gets a note).
#[derive(Debug, Clone, Copy)]
pub struct UserIdLine<'a> {
    pub user_id: &'a str,
    pub inner_whitespace: Option<char>,
}

/// The user id on a line, exactly as written (no trimming): `None` for a blank line when
/// `--skip-blank-lines` says so; an error for invalid UTF-8, a blank line, or a user id the
/// one user-id rule refuses for `rules.used`.
pub fn user_id_on_line<'l>(
    line: &'l [u8],
    rules: LineRules<'_>,
) -> Result<Option<UserIdLine<'l>>, LineFailure> {
    let text = std::str::from_utf8(line).map_err(|_| LineFailure("not valid UTF-8".to_string()))?;
    user_id_in_text(text, rules)
}

/// [`user_id_on_line`] for a line already known to be UTF-8.
#[inline]
pub fn user_id_in_text<'l>(
    text: &'l str,
    rules: LineRules<'_>,
) -> Result<Option<UserIdLine<'l>>, LineFailure> {
    match classify_user_id(text, rules.used) {
        Ok(inner_whitespace) => Ok(Some(UserIdLine {
            user_id: text,
            inner_whitespace,
        })),
        Err(problem) => refused_line(text, problem, rules),
    }
}

/// A line whose user id the rule refused: blank (see [`blank_line`]), or said why.
#[cold]
fn refused_line<'l>(
    text: &'l str,
    problem: UserIdProblem,
    rules: LineRules<'_>,
) -> Result<Option<UserIdLine<'l>>, LineFailure> {
    if text.trim().is_empty() {
        return blank_line(rules);
    }
    Err(LineFailure(format!(
        "the user id {} {}: {}",
        rules.redaction.quoted(text),
        problem.predicate(),
        why_refused(&problem, rules.used)
    )))
}

/// A blank line: left out with `--skip-blank-lines`, refused otherwise.
pub fn blank_line<T>(rules: LineRules<'_>) -> Result<Option<T>, LineFailure> {
    if rules.skip_blank_lines {
        return Ok(None);
    }
    Err(LineFailure(
        "blank line: output line N is input line N, so every line needs a user id (--skip-blank-lines leaves blank lines out)".to_string(),
    ))
}

/// The error for a bulk run that read no line at all: the same rule for `issue`, `hmac-sign`
/// and `verify`.
pub fn nothing_to_do(name: &str, what: &str) -> anyhow::Error {
    let place = if name == "stdin" { "on" } else { "in" };
    user_error_with_hint(
        format!("no {what} {place} {name}"),
        format!("give one {what} per line"),
    )
}

/// Starts a bulk JSON Lines record, `{"user_id":"...","<field>":"`; the caller appends the
/// value (base64url or hex, which need no escaping) and then `"}` and a newline.
pub fn open_json_record(out: &mut Vec<u8>, scratch: &mut String, user_id: &str, field: &str) {
    scratch.clear();
    scratch.push_str("{\"user_id\":");
    if user_id.is_ascii() {
        push_json_string(scratch, user_id);
    } else {
        let mut quoted = String::new();
        push_json_string(&mut quoted, user_id);
        scratch.push_str(&printable_json(&quoted));
    }
    scratch.push_str(",\"");
    scratch.push_str(field);
    scratch.push_str("\":\"");
    out.extend_from_slice(scratch.as_bytes());
}

/// Ends a record begun with [`open_json_record`].
pub fn close_json_record(out: &mut Vec<u8>) {
    out.extend_from_slice(b"\"}\n");
}
