//! Options every bulk mode (`--user-ids-from`) shares, flattened into each subcommand that has
//! one: what to do with a blank line. By default a blank line is refused, naming its line, so
//! output line N is always input line N.

use clap::Args;

/// How a bulk run treats blank lines.
#[derive(Debug, Args)]
pub struct BlankLinesArgs {
    /// Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)
    #[arg(long, requires = "user_ids_from")]
    pub skip_blank_lines: bool,
}
