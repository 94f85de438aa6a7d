//! The page itself: `page.html`, `console.css` and `console.js`, embedded in the binary and
//! served as they are (no data in them: the script loads it from the console's endpoints), with
//! headers that keep the page to its own origin — a Content-Security-Policy allowing scripts,
//! styles and connections to `'self'` only, no framing, no referrer, no caching. At `/`, a
//! browser's page request (`Accept: text/html`, no `Upgrade`) gets the page; anything else goes
//! on to the realtime socket's handler.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};

use super::guard::{forbidden, refusal, Asked};
use crate::serve::app::App;

const PAGE: &str = include_str!("page.html");
const STYLE: &str = include_str!("console.css");
const SCRIPT: &str = include_str!("console.js");
/// A plain square, so a browser does not ask for `/favicon.ico`.
const ICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2452c7"/></svg>"##;

/// Nothing from another origin, nothing inline, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// At `/`, a browser's page request gets the page (or its refusal); anything else is `None`,
/// for serve's routes (at `/`, the realtime socket's handler). Asked first of every request.
pub(crate) fn page_at_root(app: &App, request: &Request) -> Option<Response> {
    if request.uri().path() != "/" || !wants_page(request.method(), request.headers()) {
        return None;
    }
    Some(match refusal(app.address, request.headers(), Asked::Page) {
        Some(why) => forbidden(&why),
        None => embedded(PAGE, "text/html; charset=utf-8"),
    })
}

/// `GET /__serve/console/console.css`.
pub(crate) async fn style() -> Response {
    embedded(STYLE, "text/css; charset=utf-8")
}

/// `GET /__serve/console/console.js`.
pub(crate) async fn script() -> Response {
    embedded(SCRIPT, "text/javascript; charset=utf-8")
}

/// `GET /__serve/console/icon.svg`.
pub(crate) async fn icon() -> Response {
    embedded(ICON, "image/svg+xml")
}

/// A browser asking for a page: a GET (or HEAD) accepting HTML, not a websocket upgrade.
fn wants_page(method: &Method, headers: &HeaderMap) -> bool {
    let accepts_html = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.contains("text/html"));
    (method == Method::GET || method == Method::HEAD)
        && accepts_html
        && !headers.contains_key(header::UPGRADE)
}

fn embedded(text: &'static str, content_type: &'static str) -> Response {
    let mut response = text.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
