//! What the console shows of the workspace, as JSON for its script: the workspace itself
//! (`GET /__serve/console/workspace`: id, environment, client key, authentication modes and
//! policy, the SDKs' `apiUrls` and the environment variables a test sets — never the API key,
//! which the server does not even keep), every user with messages and their counts
//! (`GET /__serve/console/users`), and one user's messages in every state
//! (`GET /__serve/console/messages?user=…`, as the socket pushes them), and the request
//! journal (`GET /__serve/console/requests`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::shapes::{AuthJson, MessagesJson, NamedValue, UserLine, UsersJson, WorkspaceJson};
use crate::serve::app::App;
use crate::serve::control::journal::Wanted;
use crate::serve::render::message_json;
use crate::serve::responses::invalid_request;
use crate::serve::settings::{client_key_of, Enforcement, MissingScopes};
use crate::serve::urls::{api_urls, base_url, environment_variables};

/// The most messages of one user the console lists (the newest).
pub(crate) const MESSAGES_SHOWN: usize = 500;

pub(crate) async fn workspace(State(app): State<Arc<App>>) -> Response {
    let authority = &app.authority;
    let modes = authority.modes;
    let environment = environment_variables(app.address, &authority.workspace_id)
        .into_iter()
        .map(|(name, value)| NamedValue { name, value })
        .collect();
    Json(WorkspaceJson {
        workspace_id: &authority.workspace_id,
        environment: &authority.environment,
        client_key: client_key_of(&authority.workspace_id),
        tenant_scope: &app.tenant_scope,
        auth: AuthJson::from(modes),
        missing_scopes: match authority.missing_scopes {
            MissingScopes::Empty => "empty",
            MissingScopes::Refuse => "refuse",
        },
        enforcement: match authority.enforcement {
            Enforcement::Strict => "strict",
            Enforcement::Soft => "soft",
            Enforcement::Off => "off",
        },
        base_url: base_url(app.address),
        api_urls: api_urls(app.address),
        environment_variables: environment,
        api_key: "not shown: the key serve was started with (COURIER_API_KEY, --key-file, or the development key in the --json line) signs tokens and /send",
    })
    .into_response()
}

/// One user's line in the list.
#[derive(Default)]
struct Counts {
    total: usize,
    unread: usize,
    archived: usize,
    tenants: BTreeSet<String>,
}

pub(crate) async fn users(State(app): State<Arc<App>>) -> Response {
    let mut users: BTreeMap<String, Counts> = BTreeMap::new();
    app.workspace.each_inbox(|user_id, inbox| {
        if inbox.len() == 0 {
            return;
        }
        let counts = users.entry(user_id.to_string()).or_default();
        for message in inbox.all() {
            counts.total += 1;
            counts.unread += usize::from(!message.read.is_set());
            counts.archived += usize::from(message.archived.is_set());
            if let Some(tenant) = &message.tenant {
                counts.tenants.insert(tenant.to_string());
            }
        }
    });
    let users = users
        .into_iter()
        .map(|(user_id, counts)| UserLine {
            user_id,
            total: counts.total,
            unread: counts.unread,
            archived: counts.archived,
            tenants: counts.tenants,
        })
        .collect();
    Json(UsersJson { users }).into_response()
}

pub(crate) async fn messages(
    State(app): State<Arc<App>>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let Some(user_id) = params.get("user") else {
        return invalid_request("?user=<user id> is required");
    };
    let mut total = 0;
    let mut shown = Vec::new();
    app.workspace.each_inbox(|id, inbox| {
        if id == user_id {
            total = inbox.len();
            shown = inbox
                .all()
                .iter()
                .rev()
                .take(MESSAGES_SHOWN)
                .map(message_json)
                .collect();
        }
    });
    let answer = MessagesJson {
        user_id,
        total,
        messages: shown,
    };
    Json(answer).into_response()
}

/// `GET /__serve/console/requests`: the request journal, as `GET /__serve/requests` lists it
/// (oldest first), for the page, which has no API key to read that with.
pub(crate) async fn requests(State(app): State<Arc<App>>) -> Response {
    Json(app.control.journal.list(&Wanted::default())).into_response()
}
