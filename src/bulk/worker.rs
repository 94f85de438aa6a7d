//! One worker's turn: run the command's line processor over every line of a block, appending
//! outputs to the block's output buffer and counting answers, and stop at the first bad line.

use super::block::{Block, BlockResult, Buffers};
use super::line::{too_long, BulkTotals, LineAnswer, LineFailure, LineProcessor};

pub(super) fn process_block<P: LineProcessor>(
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
        // A Windows file's `\r\n`: the line is read without its `\r` (the writer notes it once).
        let line_end = if end > line_start && body[end - 1] == b'\r' {
            totals.carriage_returns += 1;
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
                failure = Some(crate::terminal::error::user_error(format!(
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
