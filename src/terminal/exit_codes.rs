//! The one place that maps what happened to a process exit code, so every subcommand speaks the
//! same dialect to scripts: 0 success, 1 a negative answer (token rejected, signature mismatch,
//! no token found), 2 an error (usage, key, input); and, as a process ended by a signal would
//! report it, 128 + the signal when a bulk run was cut short: 141 (SIGPIPE) when the reader of
//! stdout went away before every input line was answered, 130/143/129 on SIGINT/SIGTERM/SIGHUP.
//! Printing errors is `main`'s job.

use std::process::ExitCode;

/// How a command that ran to completion answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command did its job and the answer, if any, was "yes".
    Success,
    /// The command ran fine but the answer is "no": a token rejected, a signature mismatch, no
    /// token found in the input.
    Negative,
    /// The exit code of the command `serve -- COMMAND` ran, passed on (128 + a signal that
    /// ended it, 127 when it could not be started).
    PassedOn(u8),
}

pub const SUCCESS: u8 = 0;
pub const NEGATIVE: u8 = 1;
pub const ERROR: u8 = 2;
/// A bulk run whose output broke before every input line was answered: 128 + SIGPIPE, what a
/// shell reports for a process that SIGPIPE ended, so `set -o pipefail` sees the lost work.
pub const OUTPUT_CLOSED_EARLY: u8 = 128 + 13;
/// 128 + the signal for a bulk run stopped by SIGINT (130), SIGTERM (143) or SIGHUP (129).
pub const SIGNALLED_BASE: u8 = 128;

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::from(SUCCESS),
            Outcome::Negative => ExitCode::from(NEGATIVE),
            Outcome::PassedOn(code) => ExitCode::from(code),
        }
    }
}

/// Exit code for a run that failed with an error.
pub fn error_exit_code() -> ExitCode {
    ExitCode::from(ERROR)
}

/// The reader went away (`| head`): a closed pipe ends the run quietly. Once every input was
/// answered, the exit status reports what was decided, so `verify - | head -1` of a rejected
/// token cannot look like success; when input lines were left unanswered it is
/// [`OUTPUT_CLOSED_EARLY`], since nobody knows what they held.
#[derive(Debug)]
pub struct OutputClosed {
    /// The answer for the whole input (negative once any token was rejected or signature
    /// mismatched), or `None` when some input was never answered.
    pub decided: Option<Outcome>,
    source: std::io::Error,
}

impl OutputClosed {
    /// Wraps a write error with the answer decided for the whole input. Only broken pipes end
    /// quietly; any other write error stays an error whatever was decided.
    pub fn new(decided: Outcome, source: std::io::Error) -> Self {
        Self {
            decided: Some(decided),
            source,
        }
    }

    /// Wraps a write error that came before every input line was answered.
    pub fn before_the_end(source: std::io::Error) -> Self {
        Self {
            decided: None,
            source,
        }
    }
}

impl std::fmt::Display for OutputClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("could not write to stdout")
    }
}

impl std::error::Error for OutputClosed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The exit status of a run that ended on a broken pipe: what was decided for the whole input
/// (success when nothing negative was), or [`OUTPUT_CLOSED_EARLY`] when input was left
/// unanswered.
pub fn closed_pipe_exit_code(error: &anyhow::Error) -> ExitCode {
    let closed = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<OutputClosed>());
    match closed {
        None => Outcome::Success.exit_code(),
        Some(closed) => closed
            .decided
            .map_or(ExitCode::from(OUTPUT_CLOSED_EARLY), Outcome::exit_code),
    }
}

/// Ends the process with 128 + `signal`, the status of a run that a signal stopped. Exits at
/// once rather than returning: the input reader may be blocked on a terminal or pipe that
/// never sends another byte, and unwinding would wait for it. Whatever was to be written has
/// been written by then.
pub fn exit_on_signal(signal: i32) -> ! {
    let status = i32::from(SIGNALLED_BASE) + signal;
    std::process::exit(status)
}

/// True when the error chain bottoms out in a broken pipe: the reader went away (`| head`),
/// which is not a failure of ours.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
