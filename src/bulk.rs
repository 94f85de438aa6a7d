//! The bulk engine: stream a file of lines through a per-line function on every core and write
//! the results in input order. Input is read in blocks of whole lines; workers turn a block into
//! output bytes; the writer emits blocks strictly in sequence. A block may only be read once the
//! reader holds a credit, and the writer hands the credit back (with the block's buffers, for
//! reuse) once the block is written, so at most [`CREDITS_PER_WORKER`] × workers blocks exist at
//! any moment: memory stays flat whatever the input size, the scheduling or the reader's speed.
//! A bad line stops the run: every line before it is written completely, nothing after it is.
//! This module knows nothing about tokens.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::mpsc;

use anyhow::Context as _;

use crate::exit_codes::{Outcome, OutputClosed};

/// Bytes read per block by default (whole lines are carried over to the next block). Small
/// enough that a block's output stays small when each line expands (a user id into a token).
pub const DEFAULT_BLOCK_BYTES: usize = 32 * 1024;

/// Blocks in flight (read but not yet written) per worker thread: enough that the reader and
/// the writer overlap with the workers, few enough that memory is a small constant.
pub const CREDITS_PER_WORKER: usize = 2;

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

/// Where the input comes from, for error messages ("stdin", "users.txt").
pub struct BulkInput<R> {
    pub reader: R,
    pub name: String,
    /// Longest acceptable line in bytes.
    pub max_line: usize,
    /// Bytes per block: lines that expand want small blocks, lines that shrink large ones.
    pub block_bytes: usize,
}

/// The two buffers of one block in flight. Holding one is holding a credit: the reader takes
/// one before reading a block, the writer gives it back once the block is written.
#[derive(Default)]
struct Buffers {
    input: Vec<u8>,
    output: Vec<u8>,
}

struct Block {
    sequence: u64,
    first_line: u64,
    /// `input` holds whole lines; `output` is empty.
    buffers: Buffers,
}

struct BlockResult {
    sequence: u64,
    /// `output` holds what the block's lines produced.
    buffers: Buffers,
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
    let in_flight = workers * CREDITS_PER_WORKER;
    let name = input.name.clone();
    let max_line = input.max_line;
    let (credit_sender, credit_receiver) = mpsc::channel::<Buffers>();
    for _ in 0..in_flight {
        // The receiver is alive: this cannot fail.
        let _ = credit_sender.send(Buffers::default());
    }
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
        let reader = scope.spawn(move || read_blocks(input, credit_receiver, job_sender));
        // On a write error or a bad line, dropping the result receiver stops the workers, and
        // dropping the credit sender stops the reader.
        let written = write_in_order(result_receiver, credit_sender, out);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the input reader failed")));
        let totals = written?;
        read?;
        Ok(totals)
    })
}

/// Splits the input into blocks of whole lines and queues them, numbering their lines. Each
/// block waits for a credit (a free pair of buffers) before anything is read into it.
fn read_blocks<R: Read>(
    mut input: BulkInput<R>,
    credits: mpsc::Receiver<Buffers>,
    jobs: mpsc::SyncSender<Block>,
) -> anyhow::Result<()> {
    let mut sequence = 0u64;
    let mut next_line = 1u64;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        // No credit can come any more once the writer has stopped.
        let Ok(mut buffers) = credits.recv() else {
            return Ok(());
        };
        let bytes = &mut buffers.input;
        bytes.clear();
        bytes.extend_from_slice(&carry);
        carry.clear();
        let at_end = loop {
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
            return Ok(());
        }
        let lines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        let block = Block {
            sequence,
            first_line: next_line,
            buffers,
        };
        if jobs.send(block).is_err() || at_end {
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
    let Buffers { input, mut output } = block.buffers;
    output.clear();
    let mut totals = BulkTotals::default();
    let mut failure = None;
    let body = input.strip_suffix(b"\n").unwrap_or(&input);
    // One UTF-8 check for the whole block (the usual case) instead of one per line; a block
    // that fails it goes line by line, so the bad line is the one reported.
    let text = std::str::from_utf8(body).ok();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len()));
    for (offset, end) in ends.enumerate() {
        let line_start = start;
        start = end + 1;
        let line_end = if end > line_start && body[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let number = block.first_line + offset as u64;
        if line_end - line_start > max_line {
            failure = Some(too_long(name, number, max_line));
            break;
        }
        // Cutting at ASCII `\n` and `\r` keeps every line of valid text valid.
        let answer = match text.and_then(|text| text.get(line_start..line_end)) {
            Some(line) => processor.process_text(number, line, &mut output),
            None => processor.process(number, &body[line_start..line_end], &mut output),
        };
        match answer {
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
        buffers: Buffers { input, output },
        totals,
        failure,
    }
}

/// Writes block outputs in sequence order, handing each block's credit back once it is
/// written; a failed line's block is written up to the line before it, then the run stops with
/// that line's error. Holds at most the blocks in flight, since each one holds a credit.
fn write_in_order<W: Write>(
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

/// Worker threads to use: every core the process may run on.
pub fn available_workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    const LINE: usize = 10;

    /// Hands out `line-0000\n`, `line-0001\n`, ... and records how far reading ever ran ahead
    /// of writing, in lines.
    struct CountingReader {
        lines: usize,
        read: usize,
        written_lines: Arc<AtomicUsize>,
        max_lead: Arc<AtomicUsize>,
    }

    impl Read for CountingReader {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let text: Vec<u8> = (self.read / LINE..self.lines)
                .flat_map(|n| format!("line-{n:04}\n").into_bytes())
                .skip(self.read % LINE)
                .take(buf.len())
                .collect();
            buf[..text.len()].copy_from_slice(&text);
            self.read += text.len();
            let lines_read = self.read.div_ceil(LINE);
            let lead = lines_read.saturating_sub(self.written_lines.load(Ordering::SeqCst));
            self.max_lead.fetch_max(lead, Ordering::SeqCst);
            Ok(text.len())
        }
    }

    struct CountingWriter {
        bytes: Vec<u8>,
        written_lines: Arc<AtomicUsize>,
    }

    impl Write for CountingWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            let newlines = memchr::memchr_iter(b'\n', buf).count();
            self.written_lines.fetch_add(newlines, Ordering::SeqCst);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Line 0 stalls its worker until the other workers have processed every other block the
    /// credits allow; no block beyond them may be read or processed in the meantime.
    struct StallingProcessor<'a> {
        release: &'a Mutex<mpsc::Receiver<()>>,
        releaser: mpsc::Sender<()>,
        released: &'a AtomicBool,
        processed_while_stalled: &'a AtomicUsize,
        allowed: usize,
    }

    impl LineProcessor for StallingProcessor<'_> {
        fn process(
            &mut self,
            _number: u64,
            line: &[u8],
            out: &mut Vec<u8>,
        ) -> Result<Option<LineAnswer>, LineFailure> {
            if line == b"line-0000" {
                let _ = self.release.lock().unwrap().recv();
            } else if !self.released.load(Ordering::SeqCst) {
                let before = self.processed_while_stalled.fetch_add(1, Ordering::SeqCst);
                if before + 1 == self.allowed {
                    self.released.store(true, Ordering::SeqCst);
                    let _ = self.releaser.send(());
                }
            }
            out.extend_from_slice(line);
            out.push(b'\n');
            Ok(Some(LineAnswer::Positive))
        }
    }

    #[test]
    fn blocks_in_flight_stay_bounded_while_a_worker_is_stalled() {
        let workers = 3;
        let credits = workers * CREDITS_PER_WORKER;
        let lines = 200;
        let written_lines = Arc::new(AtomicUsize::new(0));
        let max_lead = Arc::new(AtomicUsize::new(0));
        let input = BulkInput {
            reader: CountingReader {
                lines,
                read: 0,
                written_lines: Arc::clone(&written_lines),
                max_lead: Arc::clone(&max_lead),
            },
            name: "test".to_string(),
            max_line: 100,
            // One line per block.
            block_bytes: LINE,
        };
        let (releaser, release) = mpsc::channel();
        let release = Mutex::new(release);
        let released = AtomicBool::new(false);
        let processed_while_stalled = AtomicUsize::new(0);
        let mut out = CountingWriter {
            bytes: Vec::new(),
            written_lines: Arc::clone(&written_lines),
        };
        let totals = run_bulk(input, &mut out, workers, || StallingProcessor {
            release: &release,
            releaser: releaser.clone(),
            released: &released,
            processed_while_stalled: &processed_while_stalled,
            // Block 0 holds one credit; the others may use the rest, and no more.
            allowed: credits - 1,
        })
        .unwrap();
        assert_eq!(totals.lines, lines as u64);
        let expected: String = (0..lines).map(|n| format!("line-{n:04}\n")).collect();
        assert_eq!(String::from_utf8(out.bytes).unwrap(), expected);
        assert_eq!(processed_while_stalled.load(Ordering::SeqCst), credits - 1);
        assert!(
            max_lead.load(Ordering::SeqCst) <= credits,
            "read {} lines ahead of the writer with {credits} credits",
            max_lead.load(Ordering::SeqCst)
        );
    }
}
