//! Courier's REST API beyond `/send` and the Issue Token API, as the Node server SDK calls it
//! with the API key and the mobile SDKs and courier-js call it with a user's JWT (for that user
//! only): message status (`messages`). Each handler is thin: who calls (`client_access`), then
//! the directory or the inboxes. Answers and errors in Courier's shapes.

mod messages;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;

use super::app::App;

/// The REST routes, merged into serve's router.
pub(crate) fn rest_routes() -> Router<Arc<App>> {
    Router::new()
        .route("/messages", get(messages::list))
        .route("/messages/{id}", get(messages::one))
}
