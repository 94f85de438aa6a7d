//! `serve`'s options: where it listens, the workspace it plays and that workspace's Inbox
//! integration policy. Kept apart from the other subcommands' options (`cli`'s main file).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, ValueEnum, ValueHint};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free one; the first stdout line says which) [default: 8787, or 0 with -- COMMAND]
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// The address to listen on; anything but loopback needs --allow-non-loopback
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub host: String,

    /// Listen on a non-loopback --host: anyone who can reach it reads the inboxes, with no TLS
    #[arg(long)]
    pub allow_non_loopback: bool,

    /// A web page origin besides loopback's that may call serve, as scheme://host[:port] (repeatable)
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,

    /// The first stdout line as JSON: {"base_url", "apiUrls": {courier: {rest, graphql}, inbox: {graphql, webSocket}}, "workspace_id", "client_key", "environment"} (and "api_key" when serve made a development key)
    #[arg(long, conflicts_with = "command")]
    pub json: bool,

    /// The workspace id: tenant_id of the tokens it issues, and what the client key encodes [default: 00000000-0000-4000-8000-000000000001]
    #[arg(long, value_name = "ID")]
    pub workspace_id: Option<String>,

    /// The environment: tokens carry tenant_scope published/<ENV>, and one for the other is refused
    #[arg(long, value_enum, value_name = "ENV", default_value_t = EnvironmentChoice::Production)]
    pub environment: EnvironmentChoice,

    /// An authentication mode the workspace accepts (repeatable, or comma-separated) [default: jwt]
    #[arg(long = "auth", value_enum, value_name = "MODE", value_delimiter = ',')]
    pub auth: Vec<AuthChoice>,

    /// What a token without the Inbox scope a request needs gets
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = MissingScopesChoice::Empty)]
    pub missing_scopes: MissingScopesChoice,

    /// How refusals are enforced
    #[arg(long, value_enum, value_name = "MODE", default_value_t = EnforceChoice::Strict)]
    pub enforce: EnforceChoice,

    /// What goes to stderr
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = LogChoice::Requests)]
    pub log: LogChoice,

    /// Messages to start with: a JSON array or JSON Lines of {user_id, tenant, title, body, data, tags, actions, created, read, archived}
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub messages: Option<PathBuf>,

    /// The workspace file: JSON with preferences, brands, tenants, templates and messages (courier-token-serve(1), WORKSPACE FILE)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub workspace: Option<PathBuf>,

    /// When serve stops (Ctrl-C, SIGTERM, the end of `-- COMMAND`), write the workspace to FILE in --workspace's format, atomically; a failed write exits 2 (courier-token-serve(1), EXPORT)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub export_on_exit: Option<PathBuf>,

    /// Run COMMAND beside serve (port 0 unless --port) with COURIER_BASE_URL, COURIER_API_KEY, COURIER_CLIENT_KEY, COURIER_API_URLS, COURIER_INBOX_URL, COURIER_REALTIME_URL and COURIER_WORKSPACE_ID set; stop serve when it ends and exit with its code
    #[arg(last = true, value_name = "COMMAND", value_hint = ValueHint::CommandWithArguments)]
    pub command: Vec<OsString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnvironmentChoice {
    /// published/production
    Production,
    /// published/test
    Test,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthChoice {
    /// Authorization: Bearer <a JWT signed with the API key> ("Enable JWT Authentication")
    Jwt,
    /// x-courier-client-key and x-courier-user-id alone ("Default (No Auth)")
    ClientKey,
    /// the client key, the user id and x-courier-user-signature ("Enable HMAC Authentication (Legacy)")
    Hmac,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingScopesChoice {
    /// 200 with an empty inbox, as Courier's docs say
    Empty,
    /// 401, as Courier's later guidance says
    Refuse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnforceChoice {
    /// refuse with a 401 and say why on stderr
    Strict,
    /// serve anyway, and say on stderr what strict would refuse and why
    Soft,
    /// check nothing: any credentials get the inbox of the user they name
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogChoice {
    /// nothing but start-up and errors
    Quiet,
    /// every refusal (and soft let-through and empty answer) with its reason code
    Refusals,
    /// refusals, and one line per request: method, path, status, user, duration
    Requests,
}
