//! Where Courier's services live and how to name them: checked base URLs (`--base-url`,
//! `--region`, `COURIER_BASE_URL` resolve to one of these), the regions' default URLs, whether a
//! URL would carry a secret in clear over the network, and the [`Target`] of one request with
//! the words its errors use. It sends nothing (that is `transport`) and builds no request body.

use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;

/// Courier's API in the US region (the default).
pub const US_BASE_URL: &str = "https://api.courier.com";
/// Courier's API in the EU region.
pub const EU_BASE_URL: &str = "https://api.eu.courier.com";
/// The variable Courier's SDKs and CLI read the base URL from.
pub const BASE_URL_ENV: &str = "COURIER_BASE_URL";
/// Names the tool and version to Courier, so its logs can tell who called.
pub const USER_AGENT: &str = concat!("courier-token/", env!("CARGO_PKG_VERSION"));

/// A checked `http(s)://` base URL without its trailing slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `text`; `origin` names where it came from (`--base-url`, `COURIER_BASE_URL`) so
    /// an error points at the right place, quoting `text` as `redaction` allows.
    pub fn parse(text: &str, origin: &str, redaction: &Redaction) -> anyhow::Result<Self> {
        Self::parse_for(text, origin, US_BASE_URL, redaction)
    }

    /// [`BaseUrl::parse`] for another of Courier's services, whose usual URL is `example`.
    pub fn parse_for(
        text: &str,
        origin: &str,
        example: &str,
        redaction: &Redaction,
    ) -> anyhow::Result<Self> {
        let trimmed = text.trim_end_matches('/');
        let authority = strip_scheme(trimmed).map(|rest| rest.split('/').next().unwrap_or(""));
        let acceptable = authority.is_some_and(|authority| !authority.is_empty())
            && !trimmed.contains(['?', '#'])
            && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control());
        if !acceptable {
            return Err(user_error_with_hint(
                format!("{origin} {} is not an http(s) base URL", redaction.quoted(text)),
                format!("give the API's base, such as {example} or http://127.0.0.1:8080 for a local mock"),
            ));
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host (and port) the request goes to.
    pub fn authority(&self) -> &str {
        authority_of(&self.0)
    }

    /// True when the key would cross a network in clear text: plain `http://` to a host that is
    /// not this machine.
    pub fn sends_key_in_clear(&self) -> bool {
        let is_plain_http = self
            .0
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"));
        is_plain_http && !is_loopback_host(host_of(self.authority()))
    }
}

/// The host of an authority, without user info or port: `[::1]:8080` → `::1`.
pub(super) fn host_of(authority: &str) -> &str {
    let host_and_port = authority.rsplit('@').next().unwrap_or("");
    match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host_and_port.split(':').next().unwrap_or(""),
    }
}

/// True only for a host that is this machine whatever DNS says: an IP literal in 127.0.0.0/8
/// or `::1` (also IPv4-mapped), or the name `localhost`. A name that merely starts with
/// `127.` (`127.0.0.1.evil.example`) is somebody else's host.
pub(super) fn is_loopback_host(host: &str) -> bool {
    use std::net::{IpAddr, Ipv6Addr};
    if host.eq_ignore_ascii_case("localhost") || host.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => {
            v6 == Ipv6Addr::LOCALHOST || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// The `host[:port]` part of an `http(s)://` URL.
pub(crate) fn authority_of(url: &str) -> &str {
    strip_scheme(url)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("")
}

fn strip_scheme(url: &str) -> Option<&str> {
    ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    })
}

/// Where a request goes, and how to name it in errors: `url_name` and `url_options` fill the
/// hints ("check the base URL (--base-url, COURIER_BASE_URL) and that the server is up").
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub url: &'a str,
    /// How the user knows the URL: "the base URL", "the Inbox URL".
    pub url_name: &'a str,
    /// The options and variables that set it.
    pub url_options: &'a str,
    /// What should be answering: "Courier's API".
    pub service: &'a str,
}

impl Target<'_> {
    /// The host (and port) the request goes to, for messages.
    pub fn authority(&self) -> &str {
        authority_of(self.url)
    }

    /// True when the request goes over TLS.
    pub fn is_https(&self) -> bool {
        self.url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let base = BaseUrl::parse(
            "http://127.0.0.1:8080/",
            "--base-url",
            &Redaction::default(),
        )
        .unwrap();
        assert_eq!(base.as_str(), "http://127.0.0.1:8080");
        assert_eq!(base.authority(), "127.0.0.1:8080");
        assert!(!base.sends_key_in_clear());
        let prefixed = BaseUrl::parse(
            "https://proxy.example/courier//",
            "--base-url",
            &Redaction::default(),
        )
        .unwrap();
        assert_eq!(prefixed.as_str(), "https://proxy.example/courier");
        assert!(
            BaseUrl::parse("http://api.example", "--base-url", &Redaction::default())
                .unwrap()
                .sends_key_in_clear()
        );
        for (url, in_clear) in [
            ("http://127.0.0.1.evil.example", true),
            ("http://127.evil.example:80", true),
            ("http://localhost.evil.example", true),
            ("http://user@127.0.0.1.evil.example/x", true),
            ("http://[::2]:80", true),
            ("http://127.1.2.3:9", false),
            ("http://LOCALHOST:8080", false),
            ("http://[::1]:8080", false),
            ("http://[::ffff:127.0.0.1]", false),
            ("http://evil.example@127.0.0.1", false),
        ] {
            let base = BaseUrl::parse(url, "--base-url", &Redaction::default()).unwrap();
            assert_eq!(base.sends_key_in_clear(), in_clear, "{url}");
        }
        assert!(!BaseUrl::parse(US_BASE_URL, "x", &Redaction::default())
            .unwrap()
            .sends_key_in_clear());
        for bad in [
            "api.courier.com",
            "ftp://x",
            "https://",
            "https:///x",
            "https://a b",
            "https://a?x=1",
        ] {
            assert!(
                BaseUrl::parse(bad, "--base-url", &Redaction::default()).is_err(),
                "{bad:?}"
            );
        }
    }
}
