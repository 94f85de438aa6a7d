//! What every handler shares, built once at start: the workspace's state, its authentication
//! policy, the GraphQL schema and its parsed documents, the token template's fixed parts, the log level, and the signal
//! that tells open sockets the server is stopping.

use std::sync::Arc;

use tokio::sync::{watch, Semaphore};

use super::auth::Authority;
use super::document_cache::DocumentCache;
use super::graphql::{schema, InboxSchema};
use super::settings::{LogLevel, Settings};
use super::state::Workspace;
use crate::token::Signer;

/// Connections and sockets served at once; more wait to be accepted.
pub(crate) const MAX_CONNECTIONS: usize = 1024;

/// The shared state of one running `serve`.
pub(crate) struct App {
    pub(crate) workspace: Arc<Workspace>,
    pub(crate) authority: Authority,
    pub(crate) schema: InboxSchema,
    /// The query texts the SDKs send, parsed once.
    pub(crate) documents: DocumentCache,
    pub(crate) tenant_scope: String,
    pub(crate) log: LogLevel,
    /// Becomes true when the server stops: sockets close.
    pub(crate) stopping: watch::Receiver<bool>,
    /// A permit per open connection or socket (the limit, and how stopping waits for them).
    pub(crate) connections: Arc<Semaphore>,
}

impl App {
    pub(crate) fn new(
        settings: &Settings,
        workspace: Arc<Workspace>,
        stopping: watch::Receiver<bool>,
    ) -> Self {
        let signer = Signer::new(&settings.key);
        let key_tag = signer.sign(settings.key.expose_bytes());
        Self {
            schema: schema(Arc::clone(&workspace)),
            documents: DocumentCache::default(),
            workspace,
            authority: Authority {
                signer,
                key_tag,
                workspace_id: settings.workspace_id.clone(),
                environment: settings.environment.clone(),
                modes: settings.modes,
                missing_scopes: settings.missing_scopes,
                enforcement: settings.enforcement,
            },
            tenant_scope: settings.tenant_scope(),
            log: settings.log,
            stopping,
            connections: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
        }
    }
}
