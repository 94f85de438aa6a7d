//! Reading an input of any size in bounded memory. An input up to [`SMALL_INPUT_BYTES`] is read
//! whole and handed back as text. A larger one is never held whole: a JSON document (a HAR
//! export) is parsed as it streams in (`json`), and other text is scanned a window of lines at a
//! time (`text`), so memory stays near one window whatever the size.

use std::io::{BufReader, Cursor, Read};

use super::candidates::Findings;
use super::json::scan_json;
use super::text::{is_token_char, scan_text};

/// Inputs up to this size are read whole (and kept, for what is not a token); larger ones are
/// streamed.
pub const SMALL_INPUT_BYTES: usize = 1024 * 1024;

/// The most of a large plain-text input held at once.
const WINDOW_BYTES: usize = 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// The bytes are not UTF-8 text.
    NotUtf8,
    /// A large input that starts like JSON is not a JSON document.
    NotJson(serde_json::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        ReadError::Io(error)
    }
}

/// What reading gave: the whole text of a small input, or the findings of a large one.
pub(super) enum ReadInput {
    Small(String),
    Large(Findings),
}

/// Reads `reader` to its end: the whole text when it is small, else its findings.
pub(super) fn read_input(mut reader: impl Read) -> Result<ReadInput, ReadError> {
    let mut head = Vec::new();
    (&mut reader)
        .take(SMALL_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut head)?;
    if head.len() <= SMALL_INPUT_BYTES {
        return String::from_utf8(head)
            .map(ReadInput::Small)
            .map_err(|_| ReadError::NotUtf8);
    }
    let starts_json = head
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| matches!(byte, b'{' | b'['));
    let rest = Cursor::new(head).chain(reader);
    let mut findings = Findings::default();
    if starts_json {
        let mut deserializer = serde_json::Deserializer::from_reader(BufReader::new(rest));
        scan_json(&mut deserializer, &mut findings).map_err(json_error)?;
        deserializer.end().map_err(json_error)?;
    } else {
        scan_windows(rest, &mut findings)?;
    }
    Ok(ReadInput::Large(findings))
}

fn json_error(error: serde_json::Error) -> ReadError {
    match error.classify() {
        serde_json::error::Category::Io => ReadError::Io(error.into()),
        _ => ReadError::NotJson(error),
    }
}

/// Scans plain text a window at a time, each window cut after its last line break (or, in a
/// line longer than a window, after its last character that cannot be part of a token).
fn scan_windows(mut reader: impl Read, findings: &mut Findings) -> Result<(), ReadError> {
    let mut window: Vec<u8> = Vec::with_capacity(WINDOW_BYTES + 64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let count = match reader.read(&mut chunk) {
            Ok(count) => count,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(ReadError::Io(error)),
        };
        window.extend_from_slice(&chunk[..count]);
        let at_end = count == 0;
        if window.len() < WINDOW_BYTES && !at_end {
            continue;
        }
        let cut = if at_end {
            window.len()
        } else {
            cut_point(&window)
        };
        let text = match std::str::from_utf8(&window[..cut]) {
            Ok(text) => text,
            // A window cut inside a character: scan up to it, keep the rest for the next one.
            Err(error) if error.error_len().is_none() && !at_end => {
                std::str::from_utf8(&window[..error.valid_up_to()])
                    .map_err(|_| ReadError::NotUtf8)?
            }
            Err(_) => return Err(ReadError::NotUtf8),
        };
        let scanned = text.len();
        scan_text(text, None, findings);
        window.drain(..scanned);
        if at_end {
            return Ok(());
        }
    }
}

/// Where to end a full window: after its last line break, else after its last ASCII byte that
/// cannot be in a token, else at its end.
fn cut_point(window: &[u8]) -> usize {
    window
        .iter()
        .rposition(|&byte| byte == b'\n')
        .or_else(|| {
            window
                .iter()
                .rposition(|&byte| byte.is_ascii() && !is_token_char(char::from(byte)))
        })
        .map_or(window.len(), |at| at + 1)
}
