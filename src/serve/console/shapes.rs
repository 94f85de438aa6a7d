//! What the console's script reads, as types: the workspace (`GET /__serve/console/workspace`),
//! the users with messages (`/users`) and one user's messages (`/messages`). Field order is the
//! order the page and the tests read them; the data is `overview`'s.

use serde::Serialize;

use crate::serve::settings::AuthModes;
use crate::serve::urls::ApiUrls;

/// `GET /__serve/console/workspace`. Never the API key: `api_key` says where it is instead.
#[derive(Serialize)]
pub(crate) struct WorkspaceJson<'a> {
    pub(crate) workspace_id: &'a str,
    pub(crate) environment: &'a str,
    pub(crate) client_key: String,
    pub(crate) tenant_scope: &'a str,
    pub(crate) auth: AuthJson,
    pub(crate) missing_scopes: &'static str,
    pub(crate) enforcement: &'static str,
    pub(crate) base_url: String,
    #[serde(rename = "apiUrls")]
    pub(crate) api_urls: ApiUrls,
    pub(crate) environment_variables: Vec<NamedValue>,
    pub(crate) api_key: &'static str,
}

/// The authentication modes: `{"jwt","client_key","hmac"}`.
#[derive(Serialize)]
pub(crate) struct AuthJson {
    jwt: bool,
    client_key: bool,
    hmac: bool,
}

impl From<AuthModes> for AuthJson {
    fn from(modes: AuthModes) -> Self {
        AuthJson {
            jwt: modes.jwt,
            client_key: modes.client_key,
            hmac: modes.hmac,
        }
    }
}

/// An environment variable: `{"name","value"}`.
#[derive(Serialize)]
pub(crate) struct NamedValue {
    pub(crate) name: &'static str,
    pub(crate) value: String,
}

/// `GET /__serve/console/users`: `{"users": [...]}`.
#[derive(Serialize)]
pub(crate) struct UsersJson {
    pub(crate) users: Vec<UserLine>,
}

/// One user's line: `{"user_id","total","unread","archived","tenants"}`.
#[derive(Serialize)]
pub(crate) struct UserLine {
    pub(crate) user_id: String,
    pub(crate) total: usize,
    pub(crate) unread: usize,
    pub(crate) archived: usize,
    pub(crate) tenants: std::collections::BTreeSet<String>,
}

/// `GET /__serve/console/messages`: `{"user_id","total","messages"}`, the messages as the
/// socket pushes them.
#[derive(Serialize)]
pub(crate) struct MessagesJson<'a, M> {
    pub(crate) user_id: &'a str,
    pub(crate) total: usize,
    pub(crate) messages: Vec<M>,
}

/// `POST /__serve/console/inspect` when a token was found: `{"found": true, "signature",
/// "notes", "request": {"user_id","tenant"}, "inspection"}` (`inspect --json`'s document).
#[derive(Serialize)]
pub(crate) struct FoundJson<'a> {
    pub(crate) found: bool,
    pub(crate) signature: &'static str,
    pub(crate) notes: Vec<String>,
    pub(crate) request: PastedRequestJson,
    pub(crate) inspection: crate::reading::inspection::InspectionJson<'a>,
}

/// The user and tenant a pasted request named.
#[derive(Serialize)]
pub(crate) struct PastedRequestJson {
    pub(crate) user_id: Option<String>,
    pub(crate) tenant: Option<String>,
}

/// `POST /__serve/console/inspect` without a token: `{"found": false, "code", "explanation"}`.
#[derive(Serialize)]
pub(crate) struct NotATokenJson<'a> {
    pub(crate) found: bool,
    pub(crate) code: &'a str,
    pub(crate) explanation: String,
}
