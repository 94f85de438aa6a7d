//! Deciding whether to colour: `--color always|never`, or `auto`, which means stdout is a
//! terminal and `NO_COLOR` is unset or empty. JSON output never uses colour, whatever this says.

use std::io::IsTerminal;

use crate::cli::ColorChoice;

/// Resolves `--color` against the environment and tells `colored` the answer.
pub(crate) fn resolve_color(choice: ColorChoice) -> bool {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
            !no_color && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(enabled);
    enabled
}
