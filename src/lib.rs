//! courier-token: mint, verify, sign and explain Courier Inbox authentication tokens.
//!
//! The library holds everything; the binary only parses arguments and maps the result to an
//! exit code. Tests and benchmarks call these modules directly: `token` (minting, strict
//! verification, lenient decoding), `user_signature` (the legacy HMAC), `scope`, `expires_in`,
//! `key`, `clock`, `client_key`, `extract` and `remote` (Courier's Issue Token API). `commands`
//! holds one module per subcommand (a file, or a folder such as `commands/issue/`); `assets` generates the checked-in completion scripts, man
//! pages and help snapshots.

pub mod assets;
pub mod bulk;
pub mod cli;
pub mod client_key;
pub mod clock;
pub mod color;
pub mod commands;
pub mod context;
pub mod diagnostics;
pub mod doctor;
pub mod duration;
pub mod error;
pub mod exit_codes;
pub mod expires_in;
pub mod extract;
pub mod input;
pub mod inspection;
pub mod key;
pub mod output;
pub mod pasted_secret;
pub mod printable;
pub mod process_guard;
pub mod remote;
pub mod scope;
pub mod token;
pub mod user_signature;

pub use exit_codes::Outcome;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<Outcome> {
    if commands::writes_to_stdout(&cli.command) {
        output::require_open_stdout()?;
    }
    let context = context::Context::resolve(&cli.global)?;
    commands::dispatch(&cli.command, &context)
}
