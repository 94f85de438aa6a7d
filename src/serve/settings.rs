//! What `serve` was asked to be, resolved from the options by `commands::serve`: where to
//! listen, the workspace it plays (id, environment, API key), the Inbox integration's policy
//! (which authentication modes it accepts, what a token without the Inbox scopes gets, how
//! strictly refusals are enforced), the request log's level and the messages to start with.
//! Only data.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::key::ApiKey;
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;

/// The workspace id `serve` plays unless told another (`--workspace-id`).
pub const DEFAULT_WORKSPACE_ID: &str = "00000000-0000-4000-8000-000000000001";

/// Which of Courier's Inbox authentication modes the workspace accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthModes {
    /// A per-user JWT (`Authorization: Bearer`); "Enable JWT Authentication".
    pub jwt: bool,
    /// The public client key and a user id alone: "Default (No Auth)".
    pub client_key: bool,
    /// The client key, a user id and its HMAC signature: "Enable HMAC Authentication (Legacy)".
    pub hmac: bool,
}

impl Default for AuthModes {
    fn default() -> Self {
        Self {
            jwt: true,
            client_key: false,
            hmac: false,
        }
    }
}

/// What a token lacking the scope a request needs gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingScopes {
    /// An empty inbox with a 200, as Courier's docs describe it.
    #[default]
    Empty,
    /// A 401, as Courier's later guidance says.
    Refuse,
}

/// How refusals are enforced (LocalStack's modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enforcement {
    /// Refuse, and say why on stderr.
    #[default]
    Strict,
    /// Serve anyway, and say on stderr what strict would have refused and why.
    Soft,
    /// Check nothing: any token or key gets the inbox of the user it names.
    Off,
}

/// How much goes to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum LogLevel {
    /// Only start-up problems.
    Quiet,
    /// Refusals (and what soft enforcement let through).
    Refusals,
    /// Refusals, and one line per request: method, path, status, user, duration.
    #[default]
    Requests,
}

/// Everything `serve` needs.
pub struct Settings {
    pub address: SocketAddr,
    /// The first stdout line as JSON instead of words.
    pub json: bool,
    pub workspace_id: String,
    /// `production` or `test`: tokens carry `tenant_scope` `published/<environment>`.
    pub environment: String,
    pub key: ApiKey,
    /// `key` was made for this run (no key was given): the `--json` line and `serve --
    /// COMMAND` hand it out.
    pub development_key: bool,
    pub modes: AuthModes,
    pub missing_scopes: MissingScopes,
    pub enforcement: Enforcement,
    pub log: LogLevel,
    /// `--now` (Unix seconds) pinned for every request, or the system clock.
    pub now: Option<i64>,
    /// `--messages`: JSON (an array) or JSON Lines, loaded at start.
    pub messages: Option<PathBuf>,
    /// `--cors-origin`s: pages besides loopback's that may call serve (`scheme://host[:port]`).
    pub cors_origins: Vec<String>,
    /// `--workspace`: the workspace file (preferences, brands, tenants, templates, messages).
    pub workspace_file: Option<PathBuf>,
    /// `--export-on-exit`: where the workspace is written when serve stops.
    pub export_on_exit: Option<PathBuf>,
    /// `--date`: the zone the console's inspection and the refusals show instants in.
    pub dates: DateZone,
    /// What the log and the refusals may quote (the run's; serve adds the key it holds).
    pub redaction: Redaction,
}

impl Settings {
    /// The `tenant_scope` of the tokens this workspace issues.
    pub fn tenant_scope(&self) -> String {
        format!("published/{}", self.environment)
    }

    /// A development key's text (it is made of printable ASCII); empty for a real key, which
    /// is never shown.
    pub fn development_key_text(&self) -> String {
        if !self.development_key {
            return String::new();
        }
        String::from_utf8_lossy(self.key.expose_bytes()).into_owned()
    }

    /// The workspace's public client key: the base64 of its id.
    pub fn client_key(&self) -> String {
        client_key_of(&self.workspace_id)
    }
}

/// A workspace's public client key: the base64 of its id.
pub(crate) fn client_key_of(workspace_id: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(workspace_id.as_bytes())
}
