//! The command-line surface, as clap derive types: every option, its help text and examples.
//! These raw arguments are resolved into plans (`commands::*`) before any logic runs; nothing
//! here loads keys or reads the clock.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::Shell;

pub use serve_args::{
    AuthChoice, EnforceChoice, EnvironmentChoice, LogChoice, MissingScopesChoice, ServeArgs,
};
use suggested_values::SuggestedValues;

mod help_text;
pub mod parse;
mod serve_args;
mod suggested_values;
pub mod usage_hints;

use help_text::{
    COMPLETIONS_AFTER_HELP, DOCTOR_AFTER_HELP, HMAC_AFTER_HELP, INSPECT_AFTER_HELP,
    ISSUE_AFTER_HELP, MAIN_AFTER_HELP, SERVE_AFTER_HELP, VERIFY_AFTER_HELP,
};

/// The command line: global options and one subcommand.
pub type Cli = CommandLine<Command>;

/// Mint, verify, sign and explain Courier Inbox authentication tokens.
#[derive(Debug, Parser)]
#[command(name = "courier-token", version, after_help = MAIN_AFTER_HELP, propagate_version = true)]
pub struct CommandLine<C: Subcommand> {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: C,
}

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

    /// Refused: a key on the command line leaks through `ps` and shell history.
    #[arg(long = "key", alias = "api-key", alias = "secret", global = true, hide = true, num_args = 0..=1, value_name = "KEY")]
    pub key_on_command_line: Option<Option<String>>,
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

/// Defines the subcommands once, as two enums: [`Command`], each subcommand with its options
/// built up front (what help, completions and man pages read), and [`DeferredCommand`], whose
/// subcommands get their options only when chosen (what a run parses with, `parse.rs`).
macro_rules! subcommands {
    ($($(#[$attribute:meta])* $name:ident;)+) => {$(
        #[derive(Debug, Subcommand)]
        $(#[$attribute])*
        pub enum $name {
        /// Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)
        #[command(after_help = ISSUE_AFTER_HELP)]
        Issue(IssueArgs),
        /// Check a token's signature and claims strictly (exit 0 valid, 1 rejected)
        #[command(after_help = VERIFY_AFTER_HELP)]
        Verify(VerifyArgs),
        /// Compute or check the legacy HMAC user signature (deprecated by Courier)
        #[command(after_help = HMAC_AFTER_HELP)]
        HmacSign(HmacSignArgs),
        /// Decode any token without a key and explain it in Courier's terms
        #[command(after_help = INSPECT_AFTER_HELP)]
        Inspect(InspectArgs),
        /// Does Courier accept this token, and why is this inbox empty? Offline checks, then a read-only live probe
        #[command(after_help = DOCTOR_AFTER_HELP)]
        Doctor(DoctorArgs),
        /// A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline
        #[command(after_help = SERVE_AFTER_HELP)]
        Serve(ServeArgs),
        /// Print the shell completion script for SHELL on stdout
        #[command(after_help = COMPLETIONS_AFTER_HELP)]
        Completions(CompletionsArgs),
        /// Regenerate completions/, man/ and the help snapshots (for maintainers; hidden)
        #[command(hide = true)]
        GenerateAssets(GenerateAssetsArgs),
        }
    )+
        impl From<DeferredCommand> for Command {
            fn from(command: DeferredCommand) -> Self {
                match command {
                    DeferredCommand::Issue(args) => Self::Issue(args),
                    DeferredCommand::Verify(args) => Self::Verify(args),
                    DeferredCommand::HmacSign(args) => Self::HmacSign(args),
                    DeferredCommand::Inspect(args) => Self::Inspect(args),
                    DeferredCommand::Doctor(args) => Self::Doctor(args),
                    DeferredCommand::Serve(args) => Self::Serve(args),
                    DeferredCommand::Completions(args) => Self::Completions(args),
                    DeferredCommand::GenerateAssets(args) => Self::GenerateAssets(args),
                }
            }
        }
    };
}

subcommands! {
    Command;
    #[command(defer = true)]
    DeferredCommand;
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The user the token is for (repeatable); adds user_id:<ID> to the scope
    #[arg(long = "user-id", value_name = "ID")]
    pub user_ids: Vec<String>,

    /// A scope to grant (repeatable; a value may hold several, space-separated) [default with --user-id: inbox:read:messages inbox:write:events]
    #[arg(long = "scope", value_name = "SCOPE", value_parser = SuggestedValues::known_scopes(), hide_possible_values = true)]
    pub scopes: Vec<String>,

    /// Lifetime in Courier's grammar: "2 days", "1h", "2.5 hrs", "-1h" (already expired), 3600 (seconds), "1h 30m"
    #[arg(
        long,
        value_name = "DUR",
        default_value = "1h",
        allow_hyphen_values = true
    )]
    pub expires_in: String,

    /// Leave out "exp": the token never expires (and, like any JWT, cannot be revoked)
    #[arg(long, conflicts_with = "expires_in")]
    pub no_expiry: bool,

    /// The workspace id to put in "tenant_id"
    #[arg(long, value_name = "ID")]
    pub tenant_id: Option<String>,

    /// "tenant_scope" [default with a tenant id: published/production]
    #[arg(long, value_name = "S", value_parser = SuggestedValues::tenant_scopes(), hide_possible_values = true)]
    pub tenant_scope: Option<String>,

    /// Take "tenant_id" from this public client key (base64 of the workspace id)
    #[arg(long, value_name = "KEY")]
    pub client_key: Option<String>,

    /// Use ID as the token id ("jti") instead of a random UUID v4; {n} (the line number, 1 for one token) and {user_id} are filled in, and bulk needs one of them
    #[arg(long, value_name = "ID", conflicts_with = "no_jti")]
    pub jti: Option<String>,

    /// Leave out "jti"
    #[arg(long)]
    pub no_jti: bool,

    /// Add a custom claim; VALUE is JSON, or a string if it is not JSON (repeatable)
    #[arg(long = "claim", value_name = "NAME=VALUE")]
    pub claims: Vec<String>,

    /// Let scopes outside Courier's documented list through
    #[arg(long)]
    pub allow_unknown_scopes: bool,

    /// Print {"token":"..."} like Courier's Issue Token API (bulk: JSON Lines {"user_id","token"})
    #[arg(long)]
    pub json: bool,

    /// Bulk: one token per user id in FILE ("-" for stdin), one id per line, in input order
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with_all = ["user_ids", "remote"])]
    pub user_ids_from: Option<PathBuf>,

    #[command(flatten)]
    pub remote: RemoteArgs,
}

/// `issue --remote`: Courier's Issue Token API mints the token instead of the local signer.
#[derive(Debug, Args)]
#[command(next_help_heading = "Remote (Courier's Issue Token API)")]
pub struct RemoteArgs {
    /// Get the token from Courier's Issue Token API (POST {base}/auth/issue-token), signed by Courier with its workspace key
    #[arg(long)]
    pub remote: bool,

    /// The API's base URL [default: the --region's if given, else $COURIER_BASE_URL, else https://api.courier.com]
    #[arg(
        long,
        value_name = "URL",
        requires = "remote",
        conflicts_with = "region"
    )]
    pub base_url: Option<String>,

    /// Courier's region, which picks the base URL [default: us]
    #[arg(long, value_enum, value_name = "REGION", requires = "remote")]
    pub region: Option<Region>,

    /// Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]
    #[arg(long, value_name = "DUR", requires = "remote")]
    pub timeout: Option<String>,

    /// Print the request that would be sent, with the key redacted, and send nothing
    #[arg(long, requires = "remote")]
    pub dry_run: bool,
}

/// Courier's API regions (`--region`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Region {
    /// https://api.courier.com
    Us,
    /// https://api.eu.courier.com
    Eu,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token ("-" or absent: read stdin, one token per line); "Bearer ", "Authorization:", quotes and a {"token": ...} body are unwrapped
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Clock skew to allow on "exp" and "nbf": seconds or a duration such as 30s, 2m
    #[arg(long, value_name = "DUR", default_value = "0")]
    pub leeway: String,

    /// Require the token to be for this user (a user_id:<ID> scope)
    #[arg(long = "user-id", value_name = "ID")]
    pub user_id: Option<String>,

    /// Accept a token whose "aud" names VALUE (repeatable); without it, a token with "aud" is rejected
    #[arg(long = "audience", value_name = "VALUE")]
    pub audiences: Vec<String>,

    /// Require this scope (repeatable)
    #[arg(long = "require-scope", value_name = "S", value_parser = SuggestedValues::known_scopes(), hide_possible_values = true)]
    pub required_scopes: Vec<String>,

    /// Reject tokens that never expire
    #[arg(long)]
    pub require_exp: bool,

    /// One JSON object per token: valid, reason, message, header, claims, expires_at
    #[arg(long, conflicts_with = "quiet")]
    pub json: bool,

    /// Print nothing; the exit status is the answer
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct HmacSignArgs {
    /// The user id to sign
    #[arg(value_name = "USER_ID", required_unless_present = "user_ids_from")]
    pub user_id: Option<String>,

    /// Check SIGNATURE (hex, either case) instead of printing one: exit 0 valid, 1 invalid
    #[arg(long, value_name = "SIGNATURE")]
    pub verify: Option<String>,

    /// Print {"user_id":"...","user_signature":"..."} (bulk: one per line)
    #[arg(long)]
    pub json: bool,

    /// Bulk: sign every user id in FILE ("-" for stdin); prints USER_ID<TAB>SIGNATURE lines in input order
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with_all = ["user_id", "verify"])]
    pub user_ids_from: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The token, or text containing it ("-" or absent: read stdin)
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// The workspace's public client key: check the token's tenant against it (alone: print its tenant id)
    #[arg(long, value_name = "KEY")]
    pub client_key: Option<String>,

    /// One JSON document with the same facts (schema: man courier-token-inspect)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The token, or text containing it ("-" or absent: read stdin)
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// The userId the frontend passes to the SDK (sent as x-courier-user-id) [default: the token's first user_id: scope]
    #[arg(long = "user-id", value_name = "ID")]
    pub user_id: Option<String>,

    /// The workspace's public client key: check the token's tenant_id against it
    #[arg(long, value_name = "KEY")]
    pub client_key: Option<String>,

    /// The tenant the frontend filters on (the SDK's tenantId): also count with accountId TENANT
    #[arg(long, value_name = "ID")]
    pub tenant: Option<String>,

    /// Courier's region, which picks the Inbox URL [default: us]
    #[arg(long, value_name = "REGION", value_parser = inbox_region(), conflicts_with = "inbox_url")]
    pub region: Option<Region>,

    /// The Inbox's base URL [default: the --region's if given, else $COURIER_INBOX_URL, else https://inbox.courier.com]
    #[arg(long, value_name = "URL")]
    pub inbox_url: Option<String>,

    /// Only the offline checks: ask Courier nothing
    #[arg(long)]
    pub offline: bool,

    /// Fail unless the token stays valid for at least DUR: seconds or a duration such as 10m, 1h
    #[arg(long, value_name = "DUR")]
    pub min_ttl: Option<String>,

    /// Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]
    #[arg(long, value_name = "DUR", conflicts_with = "offline")]
    pub timeout: Option<String>,

    /// Print the probe request(s), with the token redacted, and send nothing
    #[arg(long, conflicts_with_all = ["offline", "json"])]
    pub dry_run: bool,

    /// One JSON document: ok, verdict, checks and probes (schema: man courier-token-doctor)
    #[arg(long)]
    pub json: bool,
}

/// `doctor --region`: the same regions as `issue --remote`, described by their Inbox URLs.
fn inbox_region() -> impl clap::builder::TypedValueParser<Value = Region> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("us").help("https://inbox.courier.com"),
        PossibleValue::new("eu").help("https://inbox.eu.courier.io"),
    ])
    .map(|name| match name.as_str() {
        "eu" => Region::Eu,
        _ => Region::Us,
    })
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct GenerateAssetsArgs {
    /// Write completions/, man/ and tests/snapshots/help/ under DIR (the project root)
    #[arg(long, value_name = "DIR", default_value = ".", value_hint = ValueHint::DirPath)]
    pub out_dir: PathBuf,
}
