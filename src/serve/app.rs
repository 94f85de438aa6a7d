//! What every handler shares, built once at start: the workspace's state, its authentication
//! policy, the GraphQL schemas and the parsed documents of the Inbox's, the token template's
//! fixed parts, the log level, the signal that tells open sockets the server is stopping, and
//! the journal and faults of `control`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{watch, Semaphore};

use super::auth::Authority;
use super::changes::Topic;
use super::client_graphql::schema::{client_schema, ClientSchema};
use super::control::journal::Entry;
use super::control::Control;
use super::document_cache::DocumentCache;
use super::graphql::{schema, InboxSchema};
use super::origin_policy::OriginPolicy;
use super::recent_verdicts::RecentVerdicts;
use super::settings::{LogLevel, Settings};
use super::state::Workspace;
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::token::Signer;

/// The largest request body accepted (a GraphQL document or a message is far smaller).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long one request may take, body included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// HTTP connections served at once; more wait to be accepted.
pub(crate) const MAX_CONNECTIONS: usize = 1024;
/// Realtime sockets open at once, a pool of their own so open sockets never take the slots
/// requests need; an upgrade past it is answered 503.
pub(crate) const MAX_SOCKETS: usize = 512;
/// Of those, sockets not yet authenticated (the older protocol's `?clientKey=` socket before its
/// `subscribe`).
pub(crate) const MAX_UNAUTHENTICATED_SOCKETS: usize = 64;

/// The shared state of one running `serve`.
pub(crate) struct App {
    pub(crate) workspace: Arc<Workspace>,
    pub(crate) authority: Authority,
    pub(crate) schema: InboxSchema,
    /// `/client/q`'s schema (preferences, brands).
    pub(crate) client_schema: ClientSchema,
    /// The query texts the SDKs send, parsed once.
    pub(crate) documents: DocumentCache,
    pub(crate) tenant_scope: String,
    pub(crate) log: LogLevel,
    /// Where it listens (the port chosen, for `--port 0`): the console's `Host` check.
    pub(crate) address: SocketAddr,
    /// Which pages and host names may call serve.
    pub(crate) origin_policy: Arc<OriginPolicy>,
    /// Becomes true when the server stops: sockets close.
    pub(crate) stopping: watch::Receiver<bool>,
    /// A permit per open connection (the limit, and how stopping waits for them).
    pub(crate) connections: Arc<Semaphore>,
    /// The request journal and the injected faults (`/__serve/*`).
    pub(crate) control: Control,
    /// A permit per open socket, and per socket not yet authenticated.
    pub(crate) sockets: Arc<Semaphore>,
    pub(crate) unauthenticated_sockets: Arc<Semaphore>,
    /// The zone the console's inspection shows instants in (`--date`).
    pub(crate) dates: DateZone,
    /// What the log and the refusals may quote: the run's redaction, knowing serve's key.
    pub(crate) redaction: Redaction,
}

impl App {
    pub(crate) fn new(
        settings: &Settings,
        address: SocketAddr,
        workspace: Arc<Workspace>,
        stopping: watch::Receiver<bool>,
    ) -> Self {
        let signer = Signer::new(&settings.key);
        // What serve logs is sent by others: the log's one rule must know this key too.
        let redaction = settings
            .redaction
            .with_key_in_use(settings.key.expose_bytes());
        let key_tag = signer.sign(settings.key.expose_bytes());
        Self {
            schema: schema(Arc::clone(&workspace)),
            client_schema: client_schema(Arc::clone(&workspace)),
            documents: DocumentCache::default(),
            workspace,
            authority: Authority {
                signer,
                key_tag,
                key_len: settings.key.expose_bytes().len(),
                workspace_id: settings.workspace_id.clone(),
                environment: settings.environment.clone(),
                modes: settings.modes,
                missing_scopes: settings.missing_scopes,
                enforcement: settings.enforcement,
                recent: RecentVerdicts::default(),
                dates: settings.dates.clone(),
                redaction: redaction.clone(),
            },
            tenant_scope: settings.tenant_scope(),
            origin_policy: Arc::new(OriginPolicy::new(
                &settings.cors_origins,
                settings.address.ip(),
                redaction.clone(),
            )),
            log: settings.log,
            address,
            stopping,
            connections: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
            control: Control::default(),
            sockets: Arc::new(Semaphore::new(MAX_SOCKETS)),
            unauthenticated_sockets: Arc::new(Semaphore::new(MAX_UNAUTHENTICATED_SOCKETS)),
            dates: settings.dates.clone(),
            redaction,
        }
    }

    /// Records `entry` in the request journal at serve's time, and tells an open console.
    pub(crate) fn journal(&self, entry: Entry) {
        self.control.journal.record(self.workspace.now(), entry);
        self.workspace.changes.notify(Topic::Requests);
    }
}
