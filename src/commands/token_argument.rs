//! The token (or pasted text) a subcommand reads: its positional argument, or all of stdin when
//! the argument is absent or `-`, bounded and required to be UTF-8, and never waiting silently
//! on an interactive terminal.

use std::io::IsTerminal;

use crate::error::user_error_with_hint;
use crate::input::read_stdin_bounded;

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
