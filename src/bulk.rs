//! The bulk engine: stream a file of lines through a per-line function on every core and write
//! the results in input order. Input is read in blocks of whole lines; workers turn a block into
//! output bytes; the writer emits blocks strictly in sequence. At most a few blocks are in flight,
//! so memory stays flat whatever the input size. A bad line stops the run: every line before it
//! is written completely, nothing after it is. This module knows nothing about tokens.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::mpsc;

use anyhow::Context as _;

use crate::exit_codes::{Outcome, OutputClosed};

/// Bytes read per block by default (whole lines are carried over to the next block). Small
/// enough that a block's output stays small when each line expands (a user id into a token).
pub const DEFAULT_BLOCK_BYTES: usize = 32 * 1024;

/// What went wrong with one line; the message names the problem, the engine adds the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFailure(pub String);

/// Counts a bulk run reports back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkTotals {
    /// Non-blank lines processed.
    pub lines: u64,
    /// Lines whose answer was negative (e.g. a rejected token).
    pub negatives: u64,
}

/// What a line function says about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAnswer {
    Positive,
    Negative,
}

/// A per-worker line processor: gets the line's 1-based number in the input and the line
/// (without its newline, as raw bytes) and appends its output to `out`. Blank-line policy is the
/// processor's own (return `Ok(None)` to skip).
pub trait LineProcessor {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure>;
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

struct Block {
    sequence: u64,
    first_line: u64,
    bytes: Vec<u8>,
}

struct BlockResult {
    sequence: u64,
    output: Vec<u8>,
    totals: BulkTotals,
    failure: Option<anyhow::Error>,
}

/// Runs `make_processor()`'s processors over every line of `input` on up to `workers` threads,
/// writing outputs to `out` in input order.
pub fn run_bulk<R, W, P, F>(
    input: BulkInput<R>,
    out: &mut W,
    workers: usize,
    make_processor: F,
) -> anyhow::Result<BulkTotals>
where
    R: Read + Send,
    W: Write,
    P: LineProcessor,
    F: Fn() -> P + Sync,
{
    let workers = workers.max(1);
    let in_flight = workers * 2;
    let name = input.name.clone();
    let max_line = input.max_line;
    std::thread::scope(|scope| {
        let (job_sender, job_receiver) = mpsc::sync_channel::<Block>(in_flight);
        // Shared by the workers only: when they all stop, the reader's sends fail and it stops.
        let job_receiver = std::sync::Arc::new(std::sync::Mutex::new(job_receiver));
        let (result_sender, result_receiver) = mpsc::sync_channel::<BlockResult>(in_flight);
        for _ in 0..workers {
            let jobs = std::sync::Arc::clone(&job_receiver);
            let results = result_sender.clone();
            let make_processor = &make_processor;
            let name = name.as_str();
            scope.spawn(move || {
                let mut processor = make_processor();
                loop {
                    let next = match jobs.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok(block) = next else { return };
                    let result = process_block(block, &mut processor, name, max_line);
                    if results.send(result).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_sender);
        drop(job_receiver);
        let reader = scope.spawn(move || read_blocks(input, job_sender));
        // On a write error or a bad line, dropping the result receiver stops the workers,
        // which drops the job receiver, which stops the reader.
        let written = write_in_order(result_receiver, out);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the input reader failed")));
        let totals = written?;
        read?;
        Ok(totals)
    })
}

/// Splits the input into blocks of whole lines and queues them, numbering their lines.
fn read_blocks<R: Read>(
    mut input: BulkInput<R>,
    jobs: mpsc::SyncSender<Block>,
) -> anyhow::Result<()> {
    let mut sequence = 0u64;
    let mut next_line = 1u64;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut bytes = std::mem::take(&mut carry);
        let at_end = fill(&mut input.reader, &mut bytes, input.block_bytes)
            .with_context(|| format!("could not read {}", input.name))?;
        if !at_end {
            match memchr::memrchr(b'\n', &bytes) {
                Some(cut) => carry = bytes.split_off(cut + 1),
                None if bytes.len() > input.max_line => {
                    return Err(too_long(&input.name, next_line, input.max_line))
                }
                None => {
                    carry = bytes;
                    continue;
                }
            }
        }
        if bytes.is_empty() {
            return Ok(());
        }
        let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64;
        if jobs
            .send(Block {
                sequence,
                first_line: next_line,
                bytes,
            })
            .is_err()
            || at_end
        {
            return Ok(());
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

fn too_long(name: &str, line: u64, max_line: usize) -> anyhow::Error {
    crate::error::user_error(format!("{name} line {line}: longer than {max_line} bytes"))
}

fn process_block<P: LineProcessor>(
    block: Block,
    processor: &mut P,
    name: &str,
    max_line: usize,
) -> BlockResult {
    let mut output = Vec::with_capacity(block.bytes.len() * 3);
    let mut totals = BulkTotals::default();
    let mut failure = None;
    let body = block.bytes.strip_suffix(b"\n").unwrap_or(&block.bytes);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len()));
    for (offset, end) in ends.enumerate() {
        let raw = &body[start..end];
        start = end + 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let number = block.first_line + offset as u64;
        if line.len() > max_line {
            failure = Some(too_long(name, number, max_line));
            break;
        }
        match processor.process(number, line, &mut output) {
            Ok(None) => {}
            Ok(Some(answer)) => {
                totals.lines += 1;
                if answer == LineAnswer::Negative {
                    totals.negatives += 1;
                }
            }
            Err(LineFailure(message)) => {
                failure = Some(crate::error::user_error(format!(
                    "{name} line {number}: {message}"
                )));
                break;
            }
        }
    }
    BlockResult {
        sequence: block.sequence,
        output,
        totals,
        failure,
    }
}

/// Writes block outputs in sequence order; a failed line's block is written up to the line
/// before it, then the run stops with that line's error.
fn write_in_order<W: Write>(
    results: mpsc::Receiver<BlockResult>,
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
            if let Err(error) = out.write_all(&ready.output) {
                // Blocks already answered but not yet written count too: they were decided.
                totals.negatives += pending.values().map(|r| r.totals.negatives).sum::<u64>();
                return Err(output_closed(&totals, error));
            }
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

/// Worker threads to use: every core the process may run on.
pub fn available_workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
