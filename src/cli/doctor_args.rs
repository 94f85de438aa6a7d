//! `doctor`'s options as clap derive types: the token, what the frontend uses (user id, client
//! key, tenant, an HMAC signature), which mode to try (a token: JWT; `--client-key` and
//! `--user-id` alone: the client key only; `--user-signature` or `--hmac`: HMAC; `--audit`:
//! all of them), where Courier lives (Inbox and realtime URLs, region) and how patiently to
//! ask. Resolved into a plan by `commands::doctor`.

use clap::Args;

use super::region::Region;
use super::token_input::TokenInputArgs;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub input: TokenInputArgs,

    /// The userId the frontend passes to the SDK (sent as x-courier-user-id) [default: a pasted request's x-courier-user-id, else the token's first user_id: scope]
    #[arg(long = "user-id", value_name = "ID")]
    pub user_id: Option<String>,

    /// The workspace's public client key: check the token's tenant_id against it; without a token, probe client-key-only access
    #[arg(long, value_name = "KEY")]
    pub client_key: Option<String>,

    /// HMAC mode (legacy): probe with this user signature, checked first against the API key at hand
    #[arg(long, value_name = "SIG", requires_all = ["client_key", "user_id"])]
    pub user_signature: Option<String>,

    /// HMAC mode (legacy) with a signature computed from the API key at hand (only the signature is sent)
    #[arg(long, requires_all = ["client_key", "user_id"], conflicts_with = "user_signature")]
    pub hmac: bool,

    /// Try every mode on the workspace (client key alone, HMAC, the token if given) and print which it accepts; exit 1 if the client key alone is enough
    #[arg(long, requires = "client_key", conflicts_with_all = ["offline", "hmac"])]
    pub audit: bool,

    /// The tenant the frontend filters on (the SDK's tenantId): also count with accountId TENANT [default: a pasted request's accountId]
    #[arg(long, value_name = "ID")]
    pub tenant: Option<String>,

    /// Courier's region, which picks the Inbox and realtime URLs [default: us]
    #[arg(long, value_name = "REGION", value_parser = inbox_region(), conflicts_with = "inbox_url")]
    pub region: Option<Region>,

    /// The Inbox's base URL [default: the --region's if given, else $COURIER_INBOX_URL, else https://inbox.courier.com]
    #[arg(long, value_name = "URL")]
    pub inbox_url: Option<String>,

    /// The realtime socket's URL [default: the --region's, else $COURIER_REALTIME_URL, else wss://realtime.courier.io; none with a custom Inbox URL]
    #[arg(long, value_name = "URL", conflicts_with_all = ["region", "no_realtime"])]
    pub realtime_url: Option<String>,

    /// Leave out the realtime probe (JWT mode opens the socket courier-js opens)
    #[arg(long)]
    pub no_realtime: bool,

    /// Only the offline checks: ask Courier nothing
    #[arg(long)]
    pub offline: bool,

    /// Fail unless the token stays valid for at least DUR: seconds or a duration such as 10m, 1h
    #[arg(long, value_name = "DUR", allow_negative_numbers = true)]
    pub min_ttl: Option<String>,

    /// Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]
    #[arg(
        long,
        value_name = "DUR",
        conflicts_with = "offline",
        allow_negative_numbers = true
    )]
    pub timeout: Option<String>,

    /// Print every probe of the chosen mode(s), with secrets redacted, and send nothing
    #[arg(long, conflicts_with_all = ["offline", "json"])]
    pub dry_run: bool,

    /// One JSON document: ok, verdict, checks, probes and the audit (schema: man courier-token-doctor)
    #[arg(long)]
    pub json: bool,
}

/// `doctor --region`: the same regions as `issue --remote`, described by their Inbox URLs.
fn inbox_region() -> impl clap::builder::TypedValueParser<Value = Region> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("us").help("https://inbox.courier.com, wss://realtime.courier.io"),
        PossibleValue::new("eu").help("https://inbox.eu.courier.io, wss://realtime.eu.courier.io"),
    ])
    .map(|name| match name.as_str() {
        "eu" => Region::Eu,
        _ => Region::Us,
    })
}
