//! Courier's REST API beyond `/send` and the Issue Token API, as the Node server SDK calls it
//! with the API key and the mobile SDKs and courier-js call it with a user's JWT (for that user
//! only): message status (`messages`), preferences (`preferences`), tenants and memberships
//! (`tenants`), device tokens (`tokens`), brands (`brands`), and courier-js's list and tracking
//! calls (`client`). Each handler is thin: who calls (`client_access`), then the directory or
//! the inboxes; `answers` holds what they share. Answers and errors in Courier's shapes.

mod answers;
mod brands;
mod client;
mod key_holder;
mod messages;
mod preferences;
mod tenants;
mod tokens;

use std::sync::Arc;

use axum::routing::{get, post, put};
use axum::Router;

use super::app::App;

/// The REST routes, merged into serve's router.
pub(crate) fn rest_routes() -> Router<Arc<App>> {
    Router::new()
        .route("/messages", get(messages::list))
        .route("/messages/{id}", get(messages::one))
        .route("/users/{id}/preferences", get(preferences::list))
        .route(
            "/users/{id}/preferences/{topic}",
            get(preferences::one).put(preferences::put),
        )
        .route("/tenants", get(tenants::list))
        .route(
            "/tenants/{id}",
            get(tenants::get_one)
                .put(tenants::put_one)
                .delete(tenants::delete_one),
        )
        .route("/tenants/{id}/users", get(tenants::users))
        .route(
            "/users/{id}/tenants",
            get(tenants::of_user)
                .put(tenants::join_many)
                .delete(tenants::leave_all),
        )
        .route(
            "/users/{id}/tenants/{tenant}",
            put(tenants::join).delete(tenants::leave),
        )
        .route(
            "/users/{id}/tokens",
            get(tokens::list).put(tokens::put_many),
        )
        .route(
            "/users/{id}/tokens/{token}",
            get(tokens::get_one)
                .put(tokens::put_one)
                .patch(tokens::patch_one)
                .delete(tokens::delete_one),
        )
        .route("/brands", get(brands::list).post(brands::create))
        .route(
            "/brands/{id}",
            get(brands::get_one)
                .put(brands::put_one)
                .delete(brands::delete_one),
        )
        .route(
            "/client/lists/{list}/subscribe/{user}",
            put(client::subscribe),
        )
        .route(
            "/client/lists/{list}/unsubscribe/{user}",
            axum::routing::delete(client::unsubscribe),
        )
        .route("/inbound/courier", post(client::inbound))
}
