//! What the bulk engine asks of a command and tells it back: the input and its limits
//! ([`BulkInput`]), the per-line processor a command supplies ([`LineProcessor`]) with its answer
//! or failure for one line, and the totals of a run. No threads or buffers here.

/// What went wrong with one line; the message names the problem, the engine adds the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFailure(pub String);

/// Counts a bulk run reports back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct BulkTotals {
    /// Non-blank lines processed.
    pub lines: u64,
    /// Lines whose answer was negative (e.g. a rejected token).
    pub negatives: u64,
    /// Lines that ended in `\r\n` (a Windows file), read without the `\r`.
    pub carriage_returns: u64,
}

/// What a line function says about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineAnswer {
    Positive,
    Negative,
}

/// A per-worker line processor: gets the line's 1-based number in the input and the line
/// (without its newline, as raw bytes) and appends its output to `out`. Blank-line policy is the
/// processor's own (return `Ok(None)` to skip).
pub(crate) trait LineProcessor {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure>;

    /// [`LineProcessor::process`] for a line known to be UTF-8 (its whole block was checked at
    /// once): processors that work on text override this to skip checking each line again.
    fn process_text(
        &mut self,
        number: u64,
        line: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        self.process(number, line.as_bytes(), out)
    }
}

/// A raw line as text, or the failure `problem` names (each command words it for its lines).
pub(crate) fn line_text<'l>(line: &'l [u8], problem: &str) -> Result<&'l str, LineFailure> {
    std::str::from_utf8(line).map_err(|_| LineFailure(problem.to_string()))
}

/// Where the input comes from, for error messages ("stdin", "users.txt").
pub struct BulkInput<R> {
    pub reader: R,
    pub name: String,
    /// Longest acceptable line in bytes.
    pub max_line: usize,
    /// Bytes per block: lines that expand want small blocks, lines that shrink large ones.
    pub block_bytes: usize,
}

/// The error for a line over the input's limit, named by file and line number.
pub(super) fn too_long(name: &str, line: u64, max_line: usize) -> anyhow::Error {
    crate::terminal::error::user_error(format!("{name} line {line}: longer than {max_line} bytes"))
}
