//! The command-line surface, as clap derive types: every option, its help text and examples.
//! These raw arguments are resolved into plans (`commands::*`) before any logic runs; nothing
//! here loads keys or reads the clock.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueHint};
use clap_complete::Shell;

pub use doctor_args::DoctorArgs;
pub use global_options::{hide_unused_globals, ColorChoice, DateChoice, GlobalArgs};
pub use region::Region;
pub use serve_args::{
    AuthChoice, EnforceChoice, EnvironmentChoice, LogChoice, MissingScopesChoice, ServeArgs,
};
use suggested_values::SuggestedValues;
pub use token_input::TokenInputArgs;

mod bulk_args;
mod doctor_args;
mod global_options;
mod help_text;
pub mod parse;
mod region;
mod serve_args;
mod suggested_values;
mod token_input;
pub mod usage_hints;

pub use bulk_args::BlankLinesArgs;

use help_text::{
    COMPLETIONS_AFTER_HELP, DOCTOR_AFTER_HELP, HMAC_AFTER_HELP, INSPECT_AFTER_HELP,
    ISSUE_AFTER_HELP, JTI_HELP, MAIN_AFTER_HELP, SERVE_AFTER_HELP, VERIFY_AFTER_HELP,
};

/// Mint, verify, sign and explain Courier Inbox authentication tokens.
#[derive(Debug, Parser)]
#[command(name = "courier-token", version, after_help = MAIN_AFTER_HELP, propagate_version = true, mut_subcommands = hide_unused_globals)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. Each one's options are deferred (clap's `defer`): a run builds only the
/// options of the subcommand it names; help, usage errors, completions and man pages read the
/// tree with every subcommand's options built in their declared order ([`full_command`]).
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
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
    /// Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts
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

/// The whole tree, every subcommand's options built: what help, usage errors, completions and
/// man pages are made from. A deferred subcommand would get the global options before its own
/// (clap copies them in before it runs the deferral), which changes the order of its help
/// sections; here each subcommand's own options come first, as declared.
pub fn full_command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().mut_subcommands(|subcommand| {
        // A flattened group's doc comment (`RemoteArgs`) would become the subcommand's about.
        let about = subcommand.get_about().cloned();
        let long_about = subcommand.get_long_about().cloned();
        let subcommand = subcommand.defer(|subcommand| subcommand);
        let subcommand = match subcommand.get_name() {
            "issue" => IssueArgs::augment_args(subcommand),
            "verify" => VerifyArgs::augment_args(subcommand),
            "hmac-sign" => HmacSignArgs::augment_args(subcommand),
            "inspect" => InspectArgs::augment_args(subcommand),
            "doctor" => DoctorArgs::augment_args(subcommand),
            "serve" => ServeArgs::augment_args(subcommand),
            "completions" => CompletionsArgs::augment_args(subcommand),
            "generate-assets" => GenerateAssetsArgs::augment_args(subcommand),
            _ => subcommand,
        };
        let kept = |text: Option<clap::builder::StyledStr>| {
            text.map_or(
                clap::builder::Resettable::Reset,
                clap::builder::Resettable::Value,
            )
        };
        subcommand.about(kept(about)).long_about(kept(long_about))
    })
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The user the token is for (repeatable); adds user_id:<ID> to the scope
    #[arg(long = "user-id", value_name = "ID")]
    pub user_ids: Vec<String>,

    /// A scope to grant besides the Inbox's inbox:read:messages inbox:write:events, which a user's token always gets (repeatable; a value may hold several, space-separated)
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

    #[arg(long, value_name = "ID", conflicts_with = "no_jti", help = JTI_HELP)]
    pub jti: Option<String>,

    /// Leave out "jti"
    #[arg(long)]
    pub no_jti: bool,

    /// Add a custom claim; VALUE is JSON (numbers written as JavaScript writes them), or a string if it is not JSON (repeatable)
    #[arg(long = "claim", value_name = "NAME=VALUE")]
    pub claims: Vec<String>,

    /// Leave out the Inbox scopes a user's token gets by default (the Inbox then shows no messages; warned)
    #[arg(long)]
    pub no_inbox_scopes: bool,

    /// Let scopes and tenant scopes outside Courier's documented lists through
    #[arg(long)]
    pub allow_unknown_scopes: bool,

    /// Print {"token":"..."} like Courier's Issue Token API (bulk: JSON Lines {"user_id","token"})
    #[arg(long)]
    pub json: bool,

    /// Bulk: one token per user id in FILE ("-" for stdin), one id per line, in input order
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with_all = ["user_ids", "remote"])]
    pub user_ids_from: Option<PathBuf>,

    #[command(flatten)]
    pub blank_lines: BlankLinesArgs,

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
    #[arg(
        long,
        value_name = "DUR",
        requires = "remote",
        allow_negative_numbers = true
    )]
    pub timeout: Option<String>,

    /// Print the request that would be sent, with the key redacted, and send nothing
    #[arg(long, requires = "remote")]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub input: TokenInputArgs,

    /// Clock skew to allow on "exp" and "nbf": seconds or a duration such as 30s, 2m
    #[arg(
        long,
        value_name = "DUR",
        default_value = "0",
        allow_negative_numbers = true
    )]
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
    /// The user id to sign ("-" reads it from stdin)
    #[arg(value_name = "USER_ID", required_unless_present = "user_ids_from")]
    pub user_id: Option<String>,

    /// Check SIGNATURE (64 hex digits, either case) instead of printing one: exit 0 valid, 1 invalid, 2 not 64 hex digits; with --user-ids-from, check its USER_ID<TAB>SIGNATURE lines
    #[arg(long, value_name = "SIGNATURE", num_args = 0..=1, default_missing_value = "")]
    pub verify: Option<String>,

    /// Print {"user_id":"...","user_signature":"..."} (bulk: one per line)
    #[arg(long)]
    pub json: bool,

    /// Bulk: sign every user id in FILE ("-" for stdin); prints USER_ID<TAB>SIGNATURE lines in input order
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "user_id")]
    pub user_ids_from: Option<PathBuf>,

    #[command(flatten)]
    pub blank_lines: BlankLinesArgs,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: TokenInputArgs,

    /// The workspace's public client key: check the token's tenant against it (alone: print its tenant id)
    #[arg(long, value_name = "KEY")]
    pub client_key: Option<String>,

    /// One JSON document with the same facts (schema: man courier-token-inspect)
    #[arg(long)]
    pub json: bool,
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
