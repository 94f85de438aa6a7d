//! Notes, warnings and errors for people, on stderr. `eprintln!` panics (and with
//! `panic = "abort"`, aborts) when stderr cannot be written — `2>/dev/full`, a closed terminal —
//! so every diagnostic goes through here instead: a failed write to stderr is ignored, because
//! there is nowhere left to report it and the exit status already says how the run ended. Each
//! line is escaped on the way out (`printable`). This
//! module does not decide what is worth saying; callers do.

use std::fmt;
use std::io::Write;

use crate::shown::printable::printable;

/// Writes one line to stderr, ignoring a failure to write it. Whatever the message quotes
/// goes through the one escaping rule (`printable`) on the way, so no text from a token, a
/// server or the command line reaches a terminal raw, whichever path it took.
pub fn line(message: fmt::Arguments<'_>) {
    let text = message.to_string();
    let mut stderr = std::io::stderr().lock();
    let _ignored = writeln!(stderr, "{}", printable(&text)).and_then(|()| stderr.flush());
}

/// `courier-token: MESSAGE` on stderr.
pub fn note(message: impl fmt::Display) {
    line(format_args!("courier-token: {message}"));
}

/// `courier-token: warning: MESSAGE` on stderr.
pub fn warning(message: impl fmt::Display) {
    line(format_args!("courier-token: warning: {message}"));
}
