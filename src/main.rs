//! The `courier-token` binary: parse arguments, run, print any error chain on stderr, exit with
//! the code `exit_codes` assigns. A reader that went away (`| head`) ends the run quietly, with
//! the answer for the whole input, or 141 when some input was never answered; any other output
//! that could not be written is an error.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use courier_token::cli;
use courier_token::diagnostics;
use courier_token::exit_codes::{closed_pipe_exit_code, error_exit_code, is_broken_pipe};
use courier_token::terminal::error::UserError;

/// mimalloc rather than the system's malloc: `serve` allocates on every request, and glibc's
/// malloc and free were a quarter of an unread count's cost (CONTRIBUTING, Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    courier_token::process_guard::disable_core_dumps();
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match cli::parse::parse(&args) {
        Ok(cli) => cli,
        Err(error) => return report_clap(cli::usage_hints::with_hints(error, &args)),
    };
    match courier_token::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if is_broken_pipe(&error) => closed_pipe_exit_code(&error),
        Err(error) => report_error(&error),
    }
}

/// Prints clap's usage error, or the help or version text it was asked for. Help and version
/// are results: if they cannot be written, that is an error, not a success.
fn report_clap(error: clap::Error) -> ExitCode {
    if error.use_stderr() {
        let _ignored = error.print();
        return error_exit_code();
    }
    // A read-only stdout is refused in the words every command uses.
    if let Err(error) = courier_token::output::require_writable_stdout() {
        return report_error(&error);
    }
    let written = error.print().and_then(|()| std::io::stdout().flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => report_error(&anyhow::Error::new(error).context("could not write to stdout")),
    }
}

fn report_error(error: &anyhow::Error) -> ExitCode {
    diagnostics::line(format_args!("courier-token: error: {error:#}"));
    if let Some(hint) = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<UserError>())
        .and_then(UserError::hint)
    {
        diagnostics::line(format_args!("  hint: {hint}"));
    }
    error_exit_code()
}
