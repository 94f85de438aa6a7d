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

/// True when the error chain bottoms out in a broken pipe: the reader went away (`| head`),
/// which is not a failure of ours.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
