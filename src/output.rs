//! Writing results to stdout: one buffered writer, JSON Lines, and the rule that a failed write
//! carries the answer already decided (so a closed pipe still ends with the right exit status).
//!
//! And whether results can reach stdout at all. Rust's runtime reopens a standard stream that was
//! closed at start-up (`courier-token issue >&-`) on `/dev/null`, read-write, so every write
//! would "succeed" and the token would be lost without a word. A `/dev/null` that the shell
//! opened (`> /dev/null`) is write-only, so the two can be told apart. Write errors after
//! start-up travel as `std::io::Error`s to `main`; this module does not print anything.

use std::io::{BufWriter, Write};

use crate::error::user_error_with_hint;
use crate::exit_codes::{Outcome, OutputClosed};
use crate::printable::printable_json;

/// Buffered stdout; callers flush before returning so write errors surface as errors.
pub fn stdout_writer() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(8 * 1024, std::io::stdout().lock())
}

/// The result of writing a command's answer: a write error carries the answer already decided,
/// so a closed pipe still ends with the right exit status (see `OutputClosed`).
pub fn written(result: std::io::Result<()>, decided: Outcome) -> anyhow::Result<Outcome> {
    result
        .map(|()| decided)
        .map_err(|error| OutputClosed::new(decided, error).into())
}

/// Writes `value` as one line of compact JSON, terminal-safe (`printable::printable_json`).
pub fn write_json_line(
    out: &mut (impl Write + ?Sized),
    value: &serde_json::Value,
) -> std::io::Result<()> {
    out.write_all(printable_json(&value.to_string()).as_bytes())?;
    out.write_all(b"\n")
}

/// Refuses to run when stdout was closed before the process started.
pub fn require_open_stdout() -> anyhow::Result<()> {
    if stdout_was_closed() {
        return Err(user_error_with_hint(
            "stdout is closed, so the output would be lost",
            "redirect stdout somewhere instead of closing it (e.g. > /dev/null to discard it)",
        ));
    }
    Ok(())
}

/// True when stdout is the read-write `/dev/null` Rust substitutes for a closed descriptor.
#[cfg(unix)]
fn stdout_was_closed() -> bool {
    use rustix::fs::{fcntl_getfl, fstat, major, minor, FileType, OFlags};
    let stdout = std::io::stdout();
    let (Ok(stat), Ok(flags)) = (fstat(&stdout), fcntl_getfl(&stdout)) else {
        return true;
    };
    let dev_null = FileType::from_raw_mode(stat.st_mode) == FileType::CharacterDevice
        && major(stat.st_rdev) == 1
        && minor(stat.st_rdev) == 3;
    dev_null && flags.contains(OFlags::RDWR)
}

#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}
