//! The two middlewares around Courier's surface, each one layer however many concerns it
//! asks: at the front door, the console's page at `/` (`console::page_at_root`) and the origin
//! policy's refusal of foreign hosts and origins (`origin_policy::refusal`); inside CORS and the
//! body limit, the request log's line (`log::RequestLine`) and the journal's entry
//! (`control::recording::Recording`). One layer each because every layer costs every request a
//! boxed future and a copy of the layers inside it: four of them were a third of an unread
//! count's instructions. What each concern decides stays in its own module.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::app::App;
use super::console::page_at_root;
use super::control::recording::Recording;
use super::log::RequestLine;
use super::origin_policy::refusal;

/// Before anything else: the console's page, or the origin policy's refusal, or on.
pub(crate) async fn front_door(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(page) = page_at_root(&app, &request) {
        return page;
    }
    if let Some(refused) = refusal(&app.origin_policy, request.headers()) {
        return refused;
    }
    next.run(request).await
}

/// Around the routes: the request log's line and the journal's entry, from the request and
/// what its handler left in the response.
pub(crate) async fn watch_requests(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let line = RequestLine::start(&app, &request, started);
    let recording = Recording::start(&request, started);
    let response = next.run(request).await;
    if let Some(line) = line {
        line.finish(&app, &response);
    }
    if let Some(recording) = recording {
        recording.finish(&app, &response);
    }
    response
}
