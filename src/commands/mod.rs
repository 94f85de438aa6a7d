//! One module per subcommand (a file, or a folder such as `issue/` with its plan and modes).
//! Each resolves its raw clap arguments into a plan, runs it, and writes results to stdout;
//! errors travel up to `main`. Shared output plumbing lives here.

pub mod bulk_input;
pub mod completions;
pub mod doctor;
pub mod duration_options;
pub mod generate_assets;
pub mod hmac_sign;
pub mod inspect;
pub mod issue;
pub mod verdict_report;
pub mod verify;

use std::io::{BufWriter, IsTerminal, Write};

use crate::cli::Command;
use crate::context::Context;
use crate::error::user_error_with_hint;
use crate::exit_codes::{Outcome, OutputClosed};
use crate::input::read_stdin_bounded;

/// Runs the chosen subcommand.
pub fn dispatch(command: &Command, context: &Context) -> anyhow::Result<Outcome> {
    match command {
        Command::Issue(args) => issue::run(args, context),
        Command::Verify(args) => verify::run(args, context),
        Command::HmacSign(args) => hmac_sign::run(args, context),
        Command::Inspect(args) => inspect::run(args, context),
        Command::Doctor(args) => doctor::run(args, context),
        Command::Completions(args) => completions::run(args),
        Command::GenerateAssets(args) => generate_assets::run(args),
    }
}

/// Whether the command has results to write; one that writes nothing may run with stdout
/// closed.
pub fn writes_to_stdout(command: &Command) -> bool {
    !matches!(command, Command::Verify(args) if args.quiet)
}

/// Buffered stdout; callers flush before returning so write errors surface as errors.
pub fn stdout_writer() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// The result of writing a command's answer: a write error carries the answer already decided,
/// so a closed pipe still ends with the right exit status (see `OutputClosed`).
pub fn written(result: std::io::Result<()>, decided: Outcome) -> anyhow::Result<Outcome> {
    result
        .map(|()| decided)
        .map_err(|error| OutputClosed::new(decided, error).into())
}

/// Writes `value` as one line of compact JSON.
pub fn write_json_line(
    out: &mut (impl Write + ?Sized),
    value: &serde_json::Value,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The text of a positional token argument, or all of stdin when it is absent or `-`.
/// Refuses to sit waiting on an interactive terminal.
pub fn argument_or_stdin(argument: Option<&str>, what: &str) -> anyhow::Result<String> {
    match argument {
        Some(text) if text != "-" => Ok(text.to_string()),
        _ => {
            if argument.is_none() && std::io::stdin().is_terminal() {
                return Err(user_error_with_hint(
                    format!("no {what} given"),
                    format!("pass the {what} as an argument, or pipe it in: ... | courier-token <command> -"),
                ));
            }
            let bytes = read_stdin_bounded()?;
            String::from_utf8(bytes).map_err(|_| {
                user_error_with_hint(
                    format!("the {what} on stdin is not UTF-8 text"),
                    "tokens are ASCII; check what is being piped in",
                )
            })
        }
    }
}
