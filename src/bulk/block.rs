//! The unit of work in flight: a block of whole input lines with its sequence number and the
//! two reusable buffers it travels with, and what a worker hands back. Holding a block's buffers
//! is holding one of the run's credits, which is what bounds memory.

use super::line::BulkTotals;

/// Bytes read per block by default (whole lines are carried over to the next block). Small
/// enough that a block's output stays small when each line expands (a user id into a token).
pub(crate) const DEFAULT_BLOCK_BYTES: usize = 32 * 1024;

/// Blocks in flight (read but not yet written) per worker thread: enough that the reader and
/// the writer overlap with the workers, few enough that memory is a small constant.
pub(crate) const CREDITS_PER_WORKER: usize = 2;

/// The two buffers of one block in flight. Holding one is holding a credit: the reader takes
/// one before reading a block, the writer gives it back once the block is written.
#[derive(Default)]
pub(super) struct Buffers {
    pub(super) input: Vec<u8>,
    pub(super) output: Vec<u8>,
}

pub(super) struct Block {
    pub(super) sequence: u64,
    pub(super) first_line: u64,
    /// `input` holds whole lines; `output` is empty.
    pub(super) buffers: Buffers,
}

pub(super) struct BlockResult {
    pub(super) sequence: u64,
    /// `output` holds what the block's lines produced.
    pub(super) buffers: Buffers,
    pub(super) totals: BulkTotals,
    pub(super) failure: Option<anyhow::Error>,
}
