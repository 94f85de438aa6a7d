//! `completions`: print the completion script for one shell on stdout. The script is generated
//! by `assets`, the same code that writes the checked-in copies in `completions/`.

use std::io::Write;

use crate::assets::completion_script;
use crate::cli::CompletionsArgs;
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, written};

pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = stdout_writer();
    let write = out
        .write_all(&completion_script(args.shell))
        .and_then(|()| out.flush());
    written(write, Outcome::Success)
}
