//! The caller of a REST route that only the workspace's API key may call (tenants, brands), as
//! an axum extractor (axum's `examples/jwt`): a handler that takes [`KeyHolder`] runs only for
//! the API key; anyone else gets the refusal `client_access` words and logs, named by the
//! route's method and path, before the handler is reached.

use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath};
use axum::http::request::Parts;

use super::super::app::App;
use super::super::client_access::{caller, require_api_key, Refused};

/// Proof that the request carried the workspace's API key as Bearer.
pub(crate) struct KeyHolder;

impl FromRequestParts<Arc<App>> for KeyHolder {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Refused> {
        let path = parts
            .extensions
            .get::<MatchedPath>()
            .map_or(parts.uri.path(), MatchedPath::as_str);
        let what = format!("{} {path}", parts.method);
        let caller = caller(app, &parts.headers, None, &what)?;
        require_api_key(app, &caller, &what)?;
        Ok(Self)
    }
}
