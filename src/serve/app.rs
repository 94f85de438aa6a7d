//! What every handler shares, built once at start: the workspace's state, its authentication
//! policy, the GraphQL schema, the token template's fixed parts, the log level, and the signal
//! that tells open sockets the server is stopping.

use std::sync::Arc;

use tokio::sync::watch;

use super::auth::Authority;
use super::graphql::{schema, InboxSchema};
use super::settings::{LogLevel, Settings};
use super::state::Workspace;
use crate::token::Signer;

/// The shared state of one running `serve`.
pub(crate) struct App {
    pub(crate) workspace: Arc<Workspace>,
    pub(crate) authority: Authority,
    pub(crate) schema: InboxSchema,
    pub(crate) tenant_scope: String,
    pub(crate) log: LogLevel,
    /// Becomes true when the server stops: sockets close.
    pub(crate) stopping: watch::Receiver<bool>,
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
        }
    }
}
