//! The middleware that fills the journal: one entry per request outside the control surface,
//! from what the handlers left in the response's extensions (the user, the GraphQL operation,
//! the refusal, the injected fault). Only the path is kept, never the query string, and no
//! text longer than the journal's bound.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::super::app::App;
use super::super::log::LoggedUser;
use super::journal::{bounded, Entry, FaultNote, OperationNote, RefusalNote, CONTROL_PREFIX};

pub(crate) async fn journal_requests(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with(CONTROL_PREFIX) {
        return next.run(request).await;
    }
    let path = bounded(request.uri().path());
    let started = Instant::now();
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let extensions = response.extensions();
    let entry = Entry {
        method,
        path,
        user: extensions
            .get::<LoggedUser>()
            .map(|user| bounded(&user.0))
            .filter(|user| !user.is_empty()),
        status: Some(status),
        duration_ms: Some(started.elapsed().as_secs_f64() * 1000.0),
        operation: extensions
            .get::<OperationNote>()
            .map(|note| bounded(&note.0)),
        event: (status == 101).then_some("upgrade"),
        refusal: extensions.get::<RefusalNote>().map(|note| note.0.clone()),
        fault: extensions.get::<FaultNote>().map(|note| note.0.clone()),
    };
    app.control.journal.record(app.workspace.now(), entry);
    response
}
