//! The middleware that injects the standing faults into Courier's HTTP routes (never into
//! serve's control surface): a refused socket upgrade, an error status drawn from the seeded
//! stream, or latency before the request is served. Each injected fault is noted on the
//! response, so the journal shows it.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::super::app::App;
use super::super::responses::error;
use super::journal::FaultNote;

pub(crate) async fn inject_faults(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    let upgrade = request.headers().contains_key(header::UPGRADE);
    let injected = app.control.faults.next_request(upgrade);
    let mut notes = Vec::new();
    if let Some(latency) = injected.latency {
        tokio::time::sleep(latency).await;
        notes.push(format!("latency_ms {}", latency.as_millis()));
    }
    let mut response = match injected.error {
        Some(status) => {
            let what = if upgrade { "upgrade" } else { "error" };
            notes.push(format!("{what} {status}"));
            error(
                StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                "api_error",
                &format!("a fault injected by POST /__serve/faults ({what} {status})"),
            )
        }
        None => next.run(request).await,
    };
    if !notes.is_empty() {
        response
            .extensions_mut()
            .insert(FaultNote(notes.join(", ")));
    }
    response
}
