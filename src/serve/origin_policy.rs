//! Which web pages and which host names may reach `serve`: an [`OriginPolicy`] allows the
//! loopback origins (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`, and their
//! `https`) and each `--cors-origin`, and the `Host` names serve answers to (loopback, and the
//! address it listens on). A request from another origin — a fetch, a form, a socket — is
//! refused with a 403 that names `--cors-origin`, so a page the developer happens to visit can
//! neither read nor change the inboxes; a request with another `Host` (DNS rebinding) is
//! refused with a 421. The policy is a value: the routes it guards choose it (another set of
//! routes may guard itself with another policy through [`refusal`] and [`cors`]).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::shown::redaction::Redaction;
use crate::wire::headers::SDK_REQUEST_HEADERS;

/// The host names loopback answers to.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// The origins and host names a set of routes accepts.
#[derive(Debug, Clone)]
pub(crate) struct OriginPolicy {
    /// `--cors-origin`s, as `scheme://host[:port]`, lower case.
    extra_origins: Vec<String>,
    /// Host names besides loopback's (the listening address); `None`: any (serve listens on
    /// every address, under whatever names the machine has).
    extra_hosts: Option<Vec<String>>,
    /// What a refusal may quote of the `Origin` it names (serve's, with its key).
    redaction: Redaction,
}

impl OriginPolicy {
    /// Loopback, `origins`, and the address serve listens on.
    pub(crate) fn new(origins: &[String], listening: IpAddr, redaction: Redaction) -> Self {
        let extra_hosts = (!listening.is_unspecified()).then(|| {
            vec![match listening {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("[{v6}]"),
            }]
        });
        Self {
            extra_origins: origins.iter().map(|origin| origin.to_lowercase()).collect(),
            extra_hosts,
            redaction,
        }
    }

    /// Whether a page at `origin` may call serve.
    pub(crate) fn allows_origin(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        self.extra_origins.contains(&origin) || is_loopback_origin(&origin)
    }

    /// Whether a `Host` header names this server.
    pub(crate) fn allows_host(&self, host: &str) -> bool {
        let Some(extra_hosts) = &self.extra_hosts else {
            return true;
        };
        let name = host_name(host);
        let is = |known: &str| known.eq_ignore_ascii_case(name);
        LOOPBACK_HOSTS.into_iter().any(is) || extra_hosts.iter().map(String::as_str).any(is)
    }
}

/// A `scheme://host[:port]` origin whose host is loopback's.
fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    LOOPBACK_HOSTS.contains(&host_name(rest))
}

/// `host[:port]` less the port (an IPv6 address keeps its brackets).
fn host_name(authority: &str) -> &str {
    let end = if authority.starts_with('[') {
        authority
            .find(']')
            .map_or(authority.len(), |close| close + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    &authority[..end]
}

/// `{"message", "type": "invalid_request_error"}` with `status`, as `responses` words errors.
fn error(status: StatusCode, message: &str) -> Response {
    let body = super::error_bodies::ErrorBody {
        message,
        kind: "invalid_request_error",
    };
    (status, axum::Json(body)).into_response()
}

/// The refusal of a request whose `Host` is not this server's (421) or whose `Origin` the
/// policy does not allow (403, naming `--cors-origin`), asked before any route sees it; `None`
/// when neither.
pub(crate) fn refusal(policy: &OriginPolicy, headers: &HeaderMap) -> Option<Response> {
    let text = |name: HeaderName| headers.get(name).map(|value| value.to_str().unwrap_or("?"));
    if let Some(host) = text(header::HOST) {
        if !policy.allows_host(host) {
            return Some(error(
                StatusCode::MISDIRECTED_REQUEST,
                "this Host is not serve's: call it at localhost, 127.0.0.1, [::1] or the address it listens on",
            ));
        }
    }
    if let Some(origin) = text(header::ORIGIN) {
        if !policy.allows_origin(origin) {
            let shown = policy.redaction.echoed(origin);
            return Some(error(
                StatusCode::FORBIDDEN,
                &format!(
                    "origin {shown} is not allowed: serve answers pages on loopback origins only; start it with --cors-origin {shown} to allow this one"
                ),
            ));
        }
    }
    None
}

/// CORS for the allowed origins: the methods the SDKs use and every header they may send.
pub(crate) fn cors(policy: &Arc<OriginPolicy>) -> CorsLayer {
    let policy = Arc::clone(policy);
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(
            move |origin: &HeaderValue, _parts| {
                origin
                    .to_str()
                    .is_ok_and(|origin| policy.allows_origin(origin))
            },
        ))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(SDK_REQUEST_HEADERS.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins_and_the_named_ones_are_allowed() {
        let policy = OriginPolicy::new(
            &["https://app.example".into()],
            [127, 0, 0, 1].into(),
            Redaction::default(),
        );
        for origin in [
            "http://localhost:3000",
            "http://127.0.0.1:5173",
            "http://[::1]:8080",
            "http://localhost",
            "https://app.example",
        ] {
            assert!(policy.allows_origin(origin), "{origin}");
        }
        for origin in [
            "null",
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example:80",
            "file://",
        ] {
            assert!(!policy.allows_origin(origin), "{origin}");
        }
    }

    #[test]
    fn host_names_are_loopback_or_the_listening_address() {
        let policy = OriginPolicy::new(&[], [127, 0, 0, 1].into(), Redaction::default());
        assert!(policy.allows_host("127.0.0.1:8787"));
        assert!(policy.allows_host("localhost"));
        assert!(policy.allows_host("[::1]:8787"));
        assert!(!policy.allows_host("evil.example:8787"));
        let everywhere = OriginPolicy::new(&[], [0, 0, 0, 0].into(), Redaction::default());
        assert!(everywhere.allows_host("devbox.lan:8787"));
    }
}
