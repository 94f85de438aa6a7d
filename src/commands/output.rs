//! Writing a subcommand's results to stdout: one buffered writer, JSON Lines, and the rule that
//! a failed write carries the answer already decided (so a closed pipe still ends with the right
//! exit status). Whether stdout can be written at all is checked at start-up (`crate::output`).

use std::io::{BufWriter, Write};

use crate::exit_codes::{Outcome, OutputClosed};

/// Buffered stdout; callers flush before returning so write errors surface as errors.
pub fn stdout_writer() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// The result of writing a command's answer: a write error carries the answer already decided,
/// so a closed pipe still ends with the right exit status (see `OutputClosed`).
pub fn written(result: std::io::Result<()>, decided: Outcome) -> anyhow::Result<Outcome> {
    result
        .map(|()| decided)
        .map_err(|error| OutputClosed::new(decided, error).into())
}

/// Writes `value` as one line of compact JSON.
pub fn write_json_line(
    out: &mut (impl Write + ?Sized),
    value: &serde_json::Value,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
