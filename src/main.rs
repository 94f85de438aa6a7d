//! The `courier-token` binary: parse arguments, run, print any error chain on stderr, exit with
//! the code `exit_codes` assigns. A reader that went away (`| head`) is not an error.

use std::process::ExitCode;

use clap::Parser;
use courier_token::cli::Cli;
use courier_token::error::UserError;
use courier_token::exit_codes::{error_exit_code, is_broken_pipe};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match courier_token::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("courier-token: error: {error:#}");
            if let Some(hint) = error
                .chain()
                .find_map(|cause| cause.downcast_ref::<UserError>())
                .and_then(UserError::hint)
            {
                eprintln!("  hint: {hint}");
            }
            error_exit_code()
        }
    }
}
