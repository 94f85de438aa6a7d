//! `completions`: print the completion script for one shell on stdout. The script is generated
//! by `assets`, the same code that writes the checked-in copies in `completions/`.

use std::io::Write;

use crate::assets::completion_script;
use crate::cli::CompletionsArgs;
use crate::exit_codes::Outcome;
use crate::output::stdout_writer;

pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = stdout_writer();
    out.write_all(&completion_script(args.shell))?;
    out.flush()?;
    Ok(Outcome::Success)
}
