//! The subcommands: one module each (a file, or a folder such as `issue/` when it has modes).
//! Each resolves its raw clap arguments into a plan, runs it, and writes results to stdout;
//! errors travel up to `main`. This file only dispatches. Writing results is `crate::terminal::output`'s,
//! reading a token argument `crate::reading::input`'s. Options several subcommands share are read and
//! worded in `options`.

pub mod completions;
pub mod doctor;
pub mod generate_assets;
pub mod hmac_sign;
pub mod inspect;
pub mod issue;
pub mod options;
pub mod resolved;
pub mod serve;
pub mod verify;

use crate::cli::Command;
use crate::commands::resolved::ResolvedOptions;
use crate::terminal::exit_codes::Outcome;

/// Runs the chosen subcommand.
pub fn dispatch(command: &Command, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    match command {
        Command::Issue(args) => issue::run(args, context),
        Command::Verify(args) => verify::run(args, context),
        Command::HmacSign(args) => hmac_sign::run(args, context),
        Command::Inspect(args) => inspect::run(args, context),
        Command::Doctor(args) => doctor::run(args, context),
        Command::Serve(args) => serve::run(args, context),
        Command::Completions(args) => completions::run(args),
        Command::GenerateAssets(args) => generate_assets::run(args),
    }
}

/// Whether the command has results to write; one that writes nothing may run with a stdout
/// it cannot write to.
pub fn writes_to_stdout(command: &Command) -> bool {
    !matches!(command, Command::Verify(args) if args.quiet)
}
