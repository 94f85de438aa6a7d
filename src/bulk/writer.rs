//! The writer side of a bulk run: emit finished blocks strictly in input order, give each
//! block's credit back once written, and turn a write error into the answer decided so far.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc;

use super::block::{BlockResult, Buffers};
use super::line::BulkTotals;
use crate::exit_codes::{Outcome, OutputClosed};

/// Writes block outputs in sequence order, handing each block's credit back once it is
/// written; a failed line's block is written up to the line before it, then the run stops with
/// that line's error. Holds at most the blocks in flight, since each one holds a credit.
pub(super) fn write_in_order<W: Write>(
    results: mpsc::Receiver<BlockResult>,
    credits: mpsc::Sender<Buffers>,
    out: &mut W,
) -> anyhow::Result<BulkTotals> {
    let mut pending: BTreeMap<u64, BlockResult> = BTreeMap::new();
    let mut next = 0u64;
    let mut totals = BulkTotals::default();
    for result in results.iter() {
        pending.insert(result.sequence, result);
        while let Some(ready) = pending.remove(&next) {
            totals.lines += ready.totals.lines;
            totals.negatives += ready.totals.negatives;
            if let Err(error) = out.write_all(&ready.buffers.output) {
                // Blocks already answered but not yet written count too: they were decided.
                totals.negatives += pending.values().map(|r| r.totals.negatives).sum::<u64>();
                return Err(output_closed(&totals, error));
            }
            // The reader may have stopped already (end of input): then no credit is needed.
            let _ = credits.send(ready.buffers);
            if let Some(failure) = ready.failure {
                out.flush().map_err(|error| output_closed(&totals, error))?;
                return Err(failure);
            }
            next += 1;
        }
    }
    out.flush().map_err(|error| output_closed(&totals, error))?;
    Ok(totals)
}

/// A write error, carrying the answer decided for the lines read so far (see
/// [`OutputClosed`]): the lines of the block being written count, as their answers were made.
fn output_closed(totals: &BulkTotals, error: std::io::Error) -> anyhow::Error {
    let decided = if totals.negatives > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    };
    OutputClosed::new(decided, error).into()
}
