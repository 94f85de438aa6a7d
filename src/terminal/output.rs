//! Writing results to stdout: one writer straight to the descriptor, JSON Lines, and the rule
//! that a failed write carries the answer already decided (so a closed pipe still ends with the
//! right exit status).
//!
//! Every result goes through [`Stdout`], which writes to descriptor 1 itself rather than through
//! the standard library's stdout: that one treats `EBADF` (a descriptor opened read-only,
//! `1</dev/null`) as success and would lose the output with exit 0. Here every failed write is
//! an error; a non-blocking stdout (`O_NONBLOCK`, set by whoever shares the pipe) is waited on
//! until it takes more, instead of failing with "Resource temporarily unavailable".
//!
//! A read-write `/dev/null` (what Python's `subprocess.DEVNULL`, Node's `stdio: 'ignore'` and
//! systemd's `StandardOutput=null` hand over) is a sink like any other. A stdout closed at
//! start-up (`>&-`) cannot be told apart from it: Rust's runtime reopens a closed standard
//! descriptor on `/dev/null`, read-write, before `main`, and nothing in the result differs. So
//! a closed stdout discards the output like `/dev/null` does (working for every caller that
//! discards output wins over refusing a rare shell mistake; README and SECURITY say so).
//! This module does not print anything of its own.

use std::io::{BufWriter, Write};

use crate::shown::printable::printable_json;
use crate::terminal::error::user_error_with_hint;
use crate::terminal::exit_codes::{Outcome, OutputClosed};

/// Descriptor 1, written with no buffer of its own: each `write` is one system call, retried
/// when interrupted or when a non-blocking descriptor is full, and any other failure (`EBADF`
/// included) is an error.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stdout;

impl Write for Stdout {
    #[cfg(unix)]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        use rustix::io::Errno;
        loop {
            match rustix::io::write(rustix::stdio::stdout(), bytes) {
                Ok(written) => return Ok(written),
                Err(Errno::INTR) => {}
                Err(Errno::AGAIN) => wait_until_writable()?,
                Err(error) => return Err(error.into()),
            }
        }
    }

    #[cfg(not(unix))]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        std::io::stdout().lock().write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Blocks until a non-blocking stdout can take more bytes (or has an error the next write
/// reports, such as a reader that went away).
#[cfg(unix)]
fn wait_until_writable() -> std::io::Result<()> {
    use rustix::event::{poll, PollFd, PollFlags};
    let stdout = rustix::stdio::stdout();
    let mut ready = [PollFd::from_borrowed_fd(stdout, PollFlags::OUT)];
    match poll(&mut ready, None) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Buffered stdout; callers flush before returning so write errors surface as errors.
pub fn stdout_writer() -> BufWriter<Stdout> {
    BufWriter::with_capacity(8 * 1024, Stdout)
}

/// The result of writing a command's answer: a write error carries the answer already decided,
/// so a closed pipe still ends with the right exit status (see `OutputClosed`).
pub fn written(result: std::io::Result<()>, decided: Outcome) -> anyhow::Result<Outcome> {
    result
        .map(|()| decided)
        .map_err(|error| OutputClosed::new(decided, error).into())
}

/// Writes `value` as one line of compact JSON, terminal-safe (`printable::printable_json`).
pub fn write_json_line(
    out: &mut (impl Write + ?Sized),
    value: &(impl serde::Serialize + ?Sized),
) -> std::io::Result<()> {
    let text = serde_json::to_string(value).map_err(std::io::Error::from)?;
    out.write_all(printable_json(&text).as_bytes())?;
    out.write_all(b"\n")
}

/// Refuses to run, before any work, when stdout cannot be written at all (opened read-only:
/// `1</dev/null`, `3<file >&3`); the first write would fail anyway.
pub fn require_writable_stdout() -> anyhow::Result<()> {
    if stdout_is_read_only() {
        return Err(user_error_with_hint(
            "stdout is open for reading only, so the output would be lost",
            "redirect stdout to a file or pipe opened for writing (e.g. > out.txt, or > /dev/null to discard it)",
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn stdout_is_read_only() -> bool {
    use rustix::fs::{fcntl_getfl, OFlags};
    fcntl_getfl(rustix::stdio::stdout())
        .is_ok_and(|flags| !flags.intersects(OFlags::WRONLY | OFlags::RDWR))
}

#[cfg(not(unix))]
fn stdout_is_read_only() -> bool {
    false
}
