//! Notes, warnings and errors for people, on stderr. `eprintln!` panics (and with
//! `panic = "abort"`, aborts) when stderr cannot be written — `2>/dev/full`, a closed terminal —
//! so every diagnostic goes through here instead: a failed write to stderr is ignored, because
//! there is nowhere left to report it and the exit status already says how the run ended. This
//! module does not decide what is worth saying; callers do.

use std::fmt;
use std::io::Write;

/// Writes one line to stderr, ignoring a failure to write it.
pub fn line(message: fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr().lock();
    let _ignored = writeln!(stderr, "{message}").and_then(|()| stderr.flush());
}

/// `courier-token: MESSAGE` on stderr.
pub fn note(message: impl fmt::Display) {
    line(format_args!("courier-token: {message}"));
}

/// `courier-token: warning: MESSAGE` on stderr.
pub fn warning(message: impl fmt::Display) {
    line(format_args!("courier-token: warning: {message}"));
}
