//! The global options (`--key-file`, `--key-env`, `--now`, `--color`, `--date`), accepted before
//! the subcommand or after it, and which of them a subcommand does not use, so that its help,
//! completions and man page leave them out. There is no option that takes the key itself:
//! `usage_hints` words clap's error for those who try one.

use std::path::PathBuf;

use clap::{Args, ValueEnum, ValueHint};

/// Options every subcommand understands.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Read the API key from PATH ("-" reads stdin); one trailing newline is dropped
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH", value_hint = ValueHint::FilePath, conflicts_with = "key_env")]
    pub key_file: Option<PathBuf>,

    /// Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "NAME"
    )]
    pub key_env: Option<String>,

    /// Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "TIME",
        allow_negative_numbers = true
    )]
    pub now: Option<String>,

    /// When to colour output
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Show times in UTC or in this machine's time zone (RFC 3339 with its offset; TZ is honoured)
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = DateChoice::Utc, value_name = "ZONE")]
    pub date: DateChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateChoice {
    /// 2024-05-01T12:00:00Z
    Utc,
    /// 2024-05-01T14:00:00+02:00, in the local zone
    Local,
}

/// The global options (by id) that mean nothing to a subcommand: no clock is read or colour
/// written by `hmac-sign` and `completions`, and `completions` reads no key.
const UNUSED_GLOBALS: &[(&str, &[&str])] = &[
    ("hmac-sign", &["now", "color", "date"]),
    (
        "completions",
        &["key_file", "key_env", "now", "color", "date"],
    ),
];

/// `subcommand` with its unused global options kept out of its help, completions and man page.
/// They stay accepted there, as scripts pass them to every subcommand: each gets a hidden copy
/// of the global option under the same id, so clap does not copy the visible one in (what clap
/// itself would add, only hidden). Applied to every subcommand of the tree (`Cli`).
pub fn hide_unused_globals(subcommand: clap::Command) -> clap::Command {
    match UNUSED_GLOBALS
        .iter()
        .find(|(name, _)| *name == subcommand.get_name())
    {
        Some((_, unused)) => with_hidden_globals(subcommand, unused),
        None => subcommand,
    }
}

/// Kept out of line: a single `issue` or `verify` parses without it, and its code would only
/// spread the run's parse over more pages.
#[inline(never)]
fn with_hidden_globals(subcommand: clap::Command, unused: &[&str]) -> clap::Command {
    let globals = GlobalArgs::augment_args(clap::Command::new("globals"));
    let hidden: Vec<clap::Arg> = globals
        .get_arguments()
        .filter(|arg| unused.contains(&arg.get_id().as_str()))
        .map(|arg| arg.clone().global(false).hide(true))
        .collect();
    subcommand.args(hidden)
}
