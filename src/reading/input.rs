//! Bounded reading of the API key and of other small inputs from stdin or a file, so a runaway
//! pipe or a wrong path to a huge file ends in a clear error instead of exhausting memory. This
//! module only reads bytes; what they mean is for the caller. Text a token is searched in may be
//! any size and is read by `extract`, in bounded memory.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use zeroize::Zeroizing;

use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;

/// The most one key, or one line of a token stream, may hold.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Reads everything from `reader`, refusing more than [`MAX_INPUT_BYTES`]. `what` names the
/// input in the error ("stdin", "key file ./k"); `expected` says what it should have held
/// ("hmac-sign - signs one user id") and `hint` what to do instead.
pub fn read_bounded(
    reader: impl Read,
    what: &str,
    expected: &str,
    hint: &str,
) -> anyhow::Result<Vec<u8>> {
    let mut buffer = Vec::new();
    reader
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buffer)
        .with_context(|| format!("could not read {what}"))?;
    if buffer.len() > MAX_INPUT_BYTES {
        return Err(user_error_with_hint(
            format!("{what} holds more than 1 MiB; {expected}"),
            hint.to_string(),
        ));
    }
    Ok(buffer)
}

/// Reads a secret (the API key) from `reader`, bounded like [`read_bounded`], into memory that is
/// zeroed on drop. `read_to_end` would grow its buffer by reallocating and leave the old,
/// unwiped copies of the key in freed memory; here every larger buffer is a fresh `Zeroizing`
/// allocation and the one it replaces is wiped as it is dropped, as is the read chunk.
pub fn read_secret_bounded(
    mut reader: impl Read,
    what: &str,
) -> anyhow::Result<Zeroizing<Vec<u8>>> {
    let mut secret = Zeroizing::new(Vec::with_capacity(256));
    let mut chunk = Zeroizing::new([0u8; 1024]);
    loop {
        let count = match reader.read(&mut chunk[..]) {
            Ok(0) => break,
            Ok(count) => count,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => {
                return Err(anyhow::Error::new(err).context(format!("could not read {what}")))
            }
        };
        let needed = secret.len() + count;
        if needed > MAX_INPUT_BYTES {
            return Err(user_error_with_hint(
                format!("{what} holds more than 1 MiB; that is not an API key"),
                "a Courier API key is one short line; check that the right file or pipe is given",
            ));
        }
        if needed > secret.capacity() {
            let mut grown = Zeroizing::new(Vec::with_capacity(needed.max(secret.capacity() * 2)));
            grown.extend_from_slice(&secret);
            secret = grown;
        }
        secret.extend_from_slice(&chunk[..count]);
    }
    Ok(secret)
}

/// Reads a secret from a file, as [`read_secret_bounded`]. The error names the path and the OS
/// reason.
pub fn read_secret_file_bounded(
    path: &Path,
    what: &str,
    redaction: &Redaction,
) -> anyhow::Result<Zeroizing<Vec<u8>>> {
    let file = open_file(path, what, redaction)?;
    read_secret_bounded(file, &format!("{what} {}", redaction.shown_path(path)))
}

/// Reads all of stdin, bounded.
pub fn read_stdin_bounded(expected: &str, hint: &str) -> anyhow::Result<Vec<u8>> {
    read_bounded(std::io::stdin().lock(), "stdin", expected, hint)
}

fn open_file(path: &Path, what: &str, redaction: &Redaction) -> anyhow::Result<std::fs::File> {
    std::fs::File::open(path).map_err(|err| {
        user_error_with_hint(
            format!(
                "cannot open {what} {}: {}",
                redaction.shown_path(path),
                io_reason(&err)
            ),
            "check the path and its permissions",
        )
    })
}

/// The OS's reason for an I/O error, without Rust's "(os error N)" suffix.
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}
