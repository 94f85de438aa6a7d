//! The reader side of a bulk run: read the input in blocks of whole lines, each only once a
//! credit (a free pair of buffers) is at hand, number their lines, and queue them for workers.
//! A line longer than the input's limit stops the run here, and a stopping signal
//! (`signals`) stops the reading.

use std::io::Read;
use std::sync::mpsc;

use anyhow::Context as _;

use super::block::{Block, Buffers};
use super::line::{too_long, BulkInput};
use super::signals;

/// How reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadEnd {
    /// Every byte of the input was read and queued.
    InputEnded,
    /// Reading stopped before the end of the input: the writer or the workers stopped, or a
    /// stopping signal came.
    Stopped,
}

/// Splits the input into blocks of whole lines and queues them, numbering their lines. Each
/// block waits for a credit (a free pair of buffers) before anything is read into it.
pub(super) fn read_blocks<R: Read>(
    mut input: BulkInput<R>,
    credits: mpsc::Receiver<Buffers>,
    jobs: mpsc::SyncSender<Block>,
) -> anyhow::Result<ReadEnd> {
    let mut sequence = 0u64;
    let mut next_line = 1u64;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        // No credit can come any more once the writer has stopped.
        let Ok(mut buffers) = credits.recv() else {
            return Ok(ReadEnd::Stopped);
        };
        let bytes = &mut buffers.input;
        bytes.clear();
        bytes.extend_from_slice(&carry);
        carry.clear();
        let at_end = loop {
            if signals::arrived().is_some() {
                return Ok(ReadEnd::Stopped);
            }
            let at_end = fill(&mut input.reader, bytes, input.block_bytes)
                .with_context(|| format!("could not read {}", input.name))?;
            if at_end {
                break true;
            }
            match memchr::memrchr(b'\n', bytes) {
                Some(cut) => {
                    carry.extend_from_slice(&bytes[cut + 1..]);
                    bytes.truncate(cut + 1);
                    break false;
                }
                None if bytes.len() > input.max_line => {
                    return Err(too_long(&input.name, next_line, input.max_line))
                }
                None => {}
            }
        };
        if bytes.is_empty() {
            return Ok(ReadEnd::InputEnded);
        }
        let lines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        let block = Block {
            sequence,
            first_line: next_line,
            buffers,
        };
        if jobs.send(block).is_err() {
            return Ok(ReadEnd::Stopped);
        }
        if at_end {
            return Ok(ReadEnd::InputEnded);
        }
        sequence += 1;
        next_line += lines;
    }
}

/// Appends up to `amount` bytes from `reader`; true when the input has ended.
fn fill<R: Read>(reader: &mut R, bytes: &mut Vec<u8>, amount: usize) -> std::io::Result<bool> {
    let target = bytes.len() + amount;
    while bytes.len() < target {
        let before = bytes.len();
        bytes.resize(target, 0);
        let read = loop {
            match reader.read(&mut bytes[before..]) {
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        let read = read.inspect_err(|_| bytes.truncate(before))?;
        bytes.truncate(before + read);
        if read == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}
