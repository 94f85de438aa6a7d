//! The bulk engine: stream a file of lines through a per-line function on every core and write
//! the results in input order. Input is read in blocks of whole lines; workers turn a block into
//! output bytes; the writer emits blocks strictly in sequence. A block may only be read once the
//! reader holds a credit, and the writer hands the credit back (with the block's buffers, for
//! reuse) once the block is written, so at most [`CREDITS_PER_WORKER`] × workers blocks exist at
//! any moment: memory stays flat whatever the input size, the scheduling or the reader's speed.
//! A bad line stops the run: every line before it is written completely, nothing after it is.
//! An output that breaks (`| head`) ends the run quietly, with the answer for the whole input
//! when all of it was read, and as unanswered otherwise (`exit_codes::OutputClosed`);
//! SIGINT, SIGTERM and SIGHUP end it after a whole block (`signals`).
//! This module knows nothing about tokens.

mod block;
mod line;
mod reader;
mod signals;
mod worker;
mod writer;

use std::io::{Read, Write};
use std::sync::mpsc;

use block::{Block, BlockResult, Buffers};
use reader::{read_blocks, ReadEnd};
use worker::process_block;
use writer::{write_in_order, WriteStop};

use crate::terminal::exit_codes::{exit_on_signal, Outcome, OutputClosed};

pub(crate) use block::{CREDITS_PER_WORKER, DEFAULT_BLOCK_BYTES};
pub(crate) use line::{line_text, BulkInput, BulkTotals, LineAnswer, LineFailure, LineProcessor};

/// Runs `make_processor()`'s processors over every line of `input` on up to `workers` threads,
/// writing outputs to `out` in input order.
pub(crate) fn run_bulk<R, W, P, F>(
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
    signals::watch();
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
        let read_end = |reader: std::thread::ScopedJoinHandle<'_, anyhow::Result<ReadEnd>>| {
            reader
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the input reader failed")))
        };
        // On a write error or a bad line, dropping the result receiver stops the workers, and
        // dropping the credit sender stops the reader.
        match write_in_order(&result_receiver, credit_sender, out, &name) {
            Ok(totals) => {
                drop(result_receiver);
                read_end(reader)?;
                Ok(totals)
            }
            Err(WriteStop::LineFailed(failure)) => {
                drop(result_receiver);
                let _ = read_end(reader);
                Err(failure)
            }
            Err(WriteStop::Signalled(signal)) => exit_on_signal(signal),
            Err(WriteStop::OutputFailed {
                totals,
                failure,
                error,
            }) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                let read = read_end(reader);
                answer_after_broken_pipe(read, &result_receiver, totals, failure, error)
            }
            Err(WriteStop::OutputFailed { totals, error, .. }) => {
                drop(result_receiver);
                let _ = read_end(reader);
                Err(OutputClosed::new(decided(&totals), error).into())
            }
        }
    })
}

/// The end of a run whose reader went away: once the whole input was read, the blocks still in
/// flight are answered (a bounded amount of work) and the run ends with the answer for all of
/// it; when reading stopped first, the input past it is unanswered.
fn answer_after_broken_pipe(
    read: anyhow::Result<ReadEnd>,
    results: &mpsc::Receiver<BlockResult>,
    mut totals: BulkTotals,
    mut failure: Option<anyhow::Error>,
    error: std::io::Error,
) -> anyhow::Result<BulkTotals> {
    match read? {
        ReadEnd::Stopped => Err(OutputClosed::before_the_end(error).into()),
        ReadEnd::InputEnded => {
            for block in results.iter() {
                totals.lines += block.totals.lines;
                totals.negatives += block.totals.negatives;
                failure = failure.or(block.failure);
            }
            match failure {
                Some(failure) => Err(failure),
                None => Err(OutputClosed::new(decided(&totals), error).into()),
            }
        }
    }
}

/// The answer for the lines counted: negative once any line's answer was.
fn decided(totals: &BulkTotals) -> Outcome {
    if totals.negatives > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    }
}

/// Worker threads to use: every core the process may run on.
pub(crate) fn available_workers() -> usize {
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
