//! serve's console: a web page for the person at this machine, at `/` when a browser asks
//! (`page`), showing the users and their inboxes, the request journal, a send form, a token
//! decoder and the workspace, kept current by server-sent events (`events`, driven by
//! `serve::changes`). Its JSON endpoints live under `/__serve/console/`: the workspace and
//! inboxes (`overview`), the send form (`send_form`) and the decoder (`inspect`, the CLI's
//! `inspect` behind a form). Every one answers only this machine's own page (`guard`), and
//! none sits under the SDK routes' CORS policy. The API key is in none of them.

mod events;
mod guard;
mod inspect;
mod overview;
mod page;
mod send_form;
mod shapes;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::limit::RequestBodyLimitLayer;

use crate::serve::app::App;

pub(crate) use page::page_at_root;

/// Where the console's endpoints live.
pub(crate) const CONSOLE_PATH: &str = "/__serve/console";

/// The largest form the console accepts (a pasted HAR of a page is far smaller).
const MAX_FORM_BYTES: usize = 256 * 1024;

/// The console's endpoints, each behind the own-origin check.
pub(crate) fn router(app: Arc<App>) -> Router<Arc<App>> {
    let path = |end: &str| format!("{CONSOLE_PATH}/{end}");
    Router::new()
        .route(&path("console.css"), get(page::style))
        .route(&path("console.js"), get(page::script))
        .route(&path("icon.svg"), get(page::icon))
        .route(&path("events"), get(events::events))
        .route(&path("workspace"), get(overview::workspace))
        .route(&path("users"), get(overview::users))
        .route(&path("messages"), get(overview::messages))
        .route(&path("requests"), get(overview::requests))
        .route(&path("send"), post(send_form::send))
        .route(&path("inspect"), post(inspect::inspect))
        .route_layer(RequestBodyLimitLayer::new(MAX_FORM_BYTES))
        .route_layer(middleware::from_fn_with_state(app, guard::console_only))
}
