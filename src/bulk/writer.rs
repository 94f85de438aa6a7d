//! The writer side of a bulk run: emit finished blocks strictly in input order, give each
//! block's credit back once written, and say why writing stopped early: a bad line, an output
//! that could not be written, or a stopping signal (after the block being written, whole).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use super::block::{BlockResult, Buffers};
use super::line::BulkTotals;
use super::signals;

/// How often a writer waiting for the next block looks for a stopping signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Why the writer stopped before the end.
pub(super) enum WriteStop {
    /// A line failed: every line before it was written; the run ends with its error.
    LineFailed(anyhow::Error),
    /// The output could not be written. `totals` counts every block answered so far, written
    /// or not; `failure` is the error of a bad line among those answered but not written.
    OutputFailed {
        totals: BulkTotals,
        failure: Option<anyhow::Error>,
        error: std::io::Error,
    },
    /// A stopping signal came; every block written so far was written whole.
    Signalled(i32),
}

/// Writes block outputs in sequence order, handing each block's credit back once it is
/// written; a failed line's block is written up to the line before it, then the run stops with
/// that line's error. Holds at most the blocks in flight, since each one holds a credit. The
/// first block with Windows line endings gets one note on stderr, naming the input `name`.
pub(super) fn write_in_order<W: Write>(
    results: &mpsc::Receiver<BlockResult>,
    credits: mpsc::Sender<Buffers>,
    out: &mut W,
    name: &str,
) -> Result<BulkTotals, WriteStop> {
    let mut pending: BTreeMap<u64, BlockResult> = BTreeMap::new();
    let mut next = 0u64;
    let mut totals = BulkTotals::default();
    loop {
        let result = match results.recv_timeout(SIGNAL_CHECK) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => match signals::arrived() {
                Some(signal) => return Err(WriteStop::Signalled(signal)),
                None => continue,
            },
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        pending.insert(result.sequence, result);
        while let Some(ready) = pending.remove(&next) {
            totals.lines += ready.totals.lines;
            totals.negatives += ready.totals.negatives;
            if totals.carriage_returns == 0 && ready.totals.carriage_returns > 0 {
                crate::terminal::diagnostics::note(format_args!(
                    "note: {name} has Windows line endings (\\r\\n); each line is read without its \\r"
                ));
            }
            totals.carriage_returns += ready.totals.carriage_returns;
            if let Err(error) = out.write_all(&ready.buffers.output) {
                return Err(output_failed(totals, ready.failure, pending, error));
            }
            // The reader may have stopped already (end of input): then no credit is needed.
            let _ = credits.send(ready.buffers);
            if let Some(failure) = ready.failure {
                return match out.flush() {
                    Ok(()) => Err(WriteStop::LineFailed(failure)),
                    Err(error) => Err(output_failed(totals, Some(failure), pending, error)),
                };
            }
            if let Some(signal) = signals::arrived() {
                return match out.flush() {
                    Ok(()) => Err(WriteStop::Signalled(signal)),
                    Err(error) => Err(output_failed(totals, None, pending, error)),
                };
            }
            next += 1;
        }
    }
    match out.flush() {
        Ok(()) => Ok(totals),
        Err(error) => Err(output_failed(totals, None, pending, error)),
    }
}

/// A write error, with the answers of every block received so far: blocks answered but not
/// yet written count too, as their answers were made.
fn output_failed(
    mut totals: BulkTotals,
    mut failure: Option<anyhow::Error>,
    pending: BTreeMap<u64, BlockResult>,
    error: std::io::Error,
) -> WriteStop {
    for block in pending.into_values() {
        totals.lines += block.totals.lines;
        totals.negatives += block.totals.negatives;
        failure = failure.or(block.failure);
    }
    WriteStop::OutputFailed {
        totals,
        failure,
        error,
    }
}
