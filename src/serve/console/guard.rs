//! Who the console answers: the person at this machine. A request must name, in `Host`, the
//! address serve listens on (`127.0.0.1:PORT` or `localhost:PORT` for loopback, the `--host`
//! given otherwise), so a page on another site that rebinds its DNS name to 127.0.0.1 reaches
//! nothing; and the console's own endpoints answer only the console itself: an `Origin`, when
//! sent, must be one of those addresses, and a browser's `Sec-Fetch-Site` must say
//! `same-origin` (or `none`, an address typed by hand). The page itself may also be opened by
//! a link (a top-level navigation, which lets the linking site read nothing). This is separate
//! from the CORS policy of the SDK routes, which never covers the console.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::serve::app::App;
use crate::serve::responses::error;

/// What is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The page at `/`, which a link may open.
    Page,
    /// One of the console's endpoints, for the page's script only.
    Endpoint,
}

/// The `Host` values that name this serve: `ip:port` (IPv6 in brackets), and `localhost:port`
/// when it listens on 127.0.0.1 or ::1; for an unspecified `--host` (0.0.0.0, ::) the
/// loopback names, since the console is for this machine. Port 80 may also go unnamed.
pub(crate) fn accepted_hosts(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    let mut names: Vec<String> = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => vec!["127.0.0.1".into(), "localhost".into()],
        IpAddr::V6(ip) if ip.is_unspecified() => {
            vec!["[::1]".into(), "127.0.0.1".into(), "localhost".into()]
        }
        IpAddr::V4(ip) if ip == std::net::Ipv4Addr::LOCALHOST => {
            vec![ip.to_string(), "localhost".into()]
        }
        IpAddr::V6(ip) if ip.is_loopback() => vec![format!("[{ip}]"), "localhost".into()],
        IpAddr::V4(ip) => vec![ip.to_string()],
        IpAddr::V6(ip) => vec![format!("[{ip}]")],
    };
    let bare = if port == 80 {
        names.clone()
    } else {
        Vec::new()
    };
    for name in &mut names {
        name.push_str(&format!(":{port}"));
    }
    names.extend(bare);
    names
}

/// Why a request is not the console's, or `None` when it is.
pub(crate) fn refusal(address: SocketAddr, headers: &HeaderMap, asked: Asked) -> Option<String> {
    let hosts = accepted_hosts(address);
    let named = |value: &str| hosts.iter().any(|host| host.eq_ignore_ascii_case(value));
    let host = text(headers, header::HOST.as_str());
    if !host.is_some_and(named) {
        return Some(format!(
            "serve's console answers only Host {} (the address serve listens on)",
            hosts.join(" or ")
        ));
    }
    if let Some(origin) = text(headers, header::ORIGIN.as_str()) {
        let own = origin.strip_prefix("http://").is_some_and(named);
        if !own {
            return Some(
                "serve's console answers only its own page, not another origin".to_string(),
            );
        }
    }
    let navigation = text(headers, "sec-fetch-mode") == Some("navigate");
    match text(headers, "sec-fetch-site") {
        None | Some("same-origin" | "none") => None,
        Some(_) if asked == Asked::Page && navigation => None,
        Some(_) => Some(
            "serve's console answers only its own page, not another site's requests".to_string(),
        ),
    }
}

/// The console's endpoints' layer: 403 for a request that is not the console's.
pub(crate) async fn console_only(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    match refusal(app.address, request.headers(), Asked::Endpoint) {
        Some(why) => forbidden(&why),
        None => next.run(request).await,
    }
}

/// 403 with `why`.
pub(crate) fn forbidden(why: &str) -> Response {
    error(StatusCode::FORBIDDEN, "forbidden", why)
}

fn text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("a header value"));
        }
        map
    }

    #[test]
    fn only_this_address_and_its_own_page_are_answered() {
        let address: SocketAddr = "127.0.0.1:4100".parse().expect("an address");
        let check = |pairs: &[(&'static str, &str)], asked| {
            refusal(address, &headers(pairs), asked).is_none()
        };
        assert!(check(&[("host", "127.0.0.1:4100")], Asked::Endpoint));
        assert!(check(&[("host", "LOCALHOST:4100")], Asked::Endpoint));
        assert!(!check(&[], Asked::Endpoint));
        assert!(!check(&[("host", "evil.test:4100")], Asked::Page));
        assert!(!check(&[("host", "127.0.0.1:4101")], Asked::Page));
        let host = ("host", "127.0.0.1:4100");
        assert!(check(
            &[host, ("origin", "http://localhost:4100")],
            Asked::Endpoint
        ));
        assert!(!check(
            &[host, ("origin", "http://localhost:3000")],
            Asked::Endpoint
        ));
        assert!(!check(&[host, ("origin", "null")], Asked::Endpoint));
        assert!(!check(
            &[host, ("sec-fetch-site", "same-site")],
            Asked::Endpoint
        ));
        let link = [
            host,
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-mode", "navigate"),
        ];
        assert!(check(&link, Asked::Page));
        assert!(!check(&link, Asked::Endpoint));
        let v6: SocketAddr = "[::1]:80".parse().expect("an address");
        assert_eq!(
            accepted_hosts(v6),
            ["[::1]:80", "localhost:80", "[::1]", "localhost"]
        );
    }
}
