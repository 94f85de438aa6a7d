//! The one place that maps what happened to a process exit code, so every subcommand speaks the
//! same dialect to scripts: 0 success, 1 a negative answer (token rejected, signature mismatch,
//! no token found), 2 an error (usage, key, input). Printing errors is `main`'s job.

use std::process::ExitCode;

/// How a command that ran to completion answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command did its job and the answer, if any, was "yes".
    Success,
    /// The command ran fine but the answer is "no": a token rejected, a signature mismatch, no
    /// token found in the input.
    Negative,
}

pub const SUCCESS: u8 = 0;
pub const NEGATIVE: u8 = 1;
pub const ERROR: u8 = 2;

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::from(SUCCESS),
            Outcome::Negative => ExitCode::from(NEGATIVE),
        }
    }
}

/// Exit code for a run that failed with an error.
pub fn error_exit_code() -> ExitCode {
    ExitCode::from(ERROR)
}

/// The reader went away (`| head`) after the run had already answered some questions: a
/// closed pipe ends the run quietly, but the exit status still reports what was decided
/// before it closed, so `verify - | head -1` of a rejected token cannot look like success.
#[derive(Debug)]
pub struct OutputClosed {
    /// The answer so far: negative once any token was rejected or signature mismatched.
    pub decided: Outcome,
    source: std::io::Error,
}

impl OutputClosed {
    /// Wraps a write error with the answer decided before it. Only broken pipes end quietly;
    /// any other write error stays an error whatever was decided.
    pub fn new(decided: Outcome, source: std::io::Error) -> Self {
        Self { decided, source }
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

/// The exit status of a run that ended on a broken pipe: what was decided before the reader
/// went away, success when nothing negative was.
pub fn closed_pipe_exit_code(error: &anyhow::Error) -> ExitCode {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<OutputClosed>())
        .map_or(Outcome::Success, |closed| closed.decided)
        .exit_code()
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
