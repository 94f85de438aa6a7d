//! What `serve` says on stderr, one line each: a request (method, path, status, user,
//! duration) at `--log requests`, and every refusal, soft let-through and empty answer with
//! its reason code at `--log refusals` and above. Paths only, never a query string (the
//! socket's carries the token), never a header value, token or key: every user-supplied
//! string goes through serve's `Redaction` (`App::redaction`: `sent_text`, `sent_sentence` of
//! `shown::quoting`), the tool's one rule for echoing text, which knows the key serve holds,
//! and a whole token is never shown.

use std::time::Instant;

use axum::extract::Request;
use axum::http::Method;
use axum::response::Response;

use super::app::App;
use super::auth::Finding;
use super::refusal::Refusal;
use super::settings::LogLevel;
use crate::terminal::diagnostics;

/// The user a response was for, left in its extensions for the request log.
#[derive(Debug, Clone)]
pub(crate) struct LoggedUser(pub(crate) String);

/// A request on its way through, for its line in the request log.
pub(crate) struct RequestLine {
    method: Method,
    path: String,
    started: Instant,
}

impl RequestLine {
    /// The start of `request`'s line, which came in at `started`; `None` below
    /// `--log requests`.
    pub(crate) fn start(app: &App, request: &Request, started: Instant) -> Option<RequestLine> {
        (app.log >= LogLevel::Requests).then(|| RequestLine {
            method: request.method().clone(),
            path: request.uri().path().to_string(),
            started,
        })
    }

    /// Writes the line: method, path, status, the user `response` was for, duration.
    pub(crate) fn finish(self, app: &App, response: &Response) {
        let user = response
            .extensions()
            .get::<LoggedUser>()
            .map_or("-", |user| user.0.as_str());
        diagnostics::line(format_args!(
            "courier-token serve: {} {} {} user={} {:.1}ms",
            self.method,
            self.path,
            response.status().as_u16(),
            app.redaction.sent_text(user),
            self.started.elapsed().as_secs_f64() * 1000.0
        ));
    }
}

/// A refusal: `refused POST /q user=alice: expired (token: expired 5 minutes ago)`.
pub(crate) fn refused(app: &App, what: &str, user: Option<&str>, refusal: &Refusal) {
    line(app, "refused", what, user, refusal);
}

/// What a served request got past or without.
pub(crate) fn finding(app: &App, what: &str, user: &str, finding: &Finding) {
    match finding {
        Finding::LetThrough(refusal) => line(
            app,
            "would refuse (--enforce soft)",
            what,
            Some(user),
            refusal,
        ),
        Finding::ServedEmpty(refusal) => {
            line(app, "served an empty inbox for", what, Some(user), refusal)
        }
    }
}

fn line(app: &App, verb: &str, what: &str, user: Option<&str>, refusal: &Refusal) {
    if app.log < LogLevel::Refusals {
        return;
    }
    diagnostics::line(format_args!(
        "courier-token serve: {verb} {what} user={}: {} ({})",
        app.redaction.sent_text(user.unwrap_or("-")),
        refusal.code,
        app.redaction.sent_sentence(&refusal.detail)
    ));
}
