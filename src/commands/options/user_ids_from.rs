//! Opening the input of a bulk run (`--user-ids-from FILE` or `-`) and the line rules every
//! bulk command shares: UTF-8, trimmed, blank lines skipped, user ids checked.

use std::io::Read;
use std::path::Path;

use crate::bulk::{BulkInput, LineFailure, DEFAULT_BLOCK_BYTES};
use crate::error::user_error_with_hint;
use crate::input::io_reason;
use crate::scope::check_user_id;
use crate::token::js_json::push_json_string;

/// Longest user id line accepted in bulk input.
pub const MAX_USER_ID_LINE: usize = 4096;

/// Opens `--user-ids-from` (a path, or `-` for stdin).
pub fn open_user_ids(path: &Path) -> anyhow::Result<BulkInput<Box<dyn Read + Send>>> {
    if path == Path::new("-") {
        return Ok(BulkInput {
            reader: Box::new(std::io::stdin()),
            name: "stdin".to_string(),
            max_line: MAX_USER_ID_LINE,
            block_bytes: DEFAULT_BLOCK_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(|err| {
        user_error_with_hint(
            format!(
                "cannot open --user-ids-from {}: {}",
                path.display(),
                io_reason(&err)
            ),
            "give a file with one user id per line, or - for stdin",
        )
    })?;
    Ok(BulkInput {
        reader: Box::new(file),
        name: path.display().to_string(),
        max_line: MAX_USER_ID_LINE,
        block_bytes: DEFAULT_BLOCK_BYTES,
    })
}

/// The user id on a line: trimmed; `None` for a blank line; an error for invalid UTF-8 or a
/// user id Courier cannot express.
pub fn user_id_on_line(line: &[u8]) -> Result<Option<&str>, LineFailure> {
    let text = std::str::from_utf8(line).map_err(|_| LineFailure("not valid UTF-8".to_string()))?;
    user_id_in_text(text)
}

/// [`user_id_on_line`] for a line already known to be UTF-8.
pub fn user_id_in_text(text: &str) -> Result<Option<&str>, LineFailure> {
    // Most lines need no trimming: skip the Unicode-aware trim when both ends are plain ASCII.
    let bytes = text.as_bytes();
    let user_id = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    };
    if user_id.is_empty() {
        return Ok(None);
    }
    check_user_id(user_id).map_err(|problem| LineFailure(format!("{problem} ({user_id:?})")))?;
    Ok(Some(user_id))
}

/// Starts a bulk JSON Lines record, `{"user_id":"...","<field>":"`; the caller appends the
/// value (base64url or hex, which need no escaping) and then `"}` and a newline.
pub fn open_json_record(out: &mut Vec<u8>, scratch: &mut String, user_id: &str, field: &str) {
    scratch.clear();
    scratch.push_str("{\"user_id\":");
    push_json_string(scratch, user_id);
    scratch.push_str(",\"");
    scratch.push_str(field);
    scratch.push_str("\":\"");
    out.extend_from_slice(scratch.as_bytes());
}

/// Ends a record begun with [`open_json_record`].
pub fn close_json_record(out: &mut Vec<u8>) {
    out.extend_from_slice(b"\"}\n");
}
