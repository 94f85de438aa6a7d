//! What fills the journal (`serve::middleware` calls it around every request): one entry per
//! request outside the control surface, from what the handlers left in the response's
//! extensions (the user, the GraphQL operation, the refusal, the injected fault). Only the path is kept, never the query string, and no
//! text longer than the journal's bound.

use std::time::Instant;

use axum::extract::Request;
use axum::response::Response;

use super::super::app::App;
use super::super::log::LoggedUser;
use super::journal::{bounded, Entry, FaultNote, OperationNote, RefusalNote, CONTROL_PREFIX};

/// A request on its way through, to be journaled with its response.
pub(crate) struct Recording {
    method: String,
    path: String,
    started: Instant,
}

impl Recording {
    /// The start of `request`'s entry, which came in at `started`; `None` for the control
    /// surface's own requests.
    pub(crate) fn start(request: &Request, started: Instant) -> Option<Recording> {
        let path = request.uri().path();
        if path.starts_with(CONTROL_PREFIX) {
            return None;
        }
        Some(Recording {
            method: request.method().to_string(),
            path: bounded(path),
            started,
        })
    }

    /// Journals the entry, with what the handlers left in `response`'s extensions.
    pub(crate) fn finish(self, app: &App, response: &Response) {
        let status = response.status().as_u16();
        let extensions = response.extensions();
        let entry = Entry {
            method: self.method,
            path: self.path,
            user: extensions
                .get::<LoggedUser>()
                .map(|user| bounded(&user.0))
                .filter(|user| !user.is_empty()),
            status: Some(status),
            duration_ms: Some(self.started.elapsed().as_secs_f64() * 1000.0),
            operation: extensions
                .get::<OperationNote>()
                .map(|note| bounded(&note.0)),
            event: (status == 101).then_some("upgrade"),
            refusal: extensions.get::<RefusalNote>().map(|note| note.0.clone()),
            fault: extensions.get::<FaultNote>().map(|note| note.0.clone()),
        };
        app.journal(entry);
    }
}
