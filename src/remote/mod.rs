//! Talking to Courier over HTTP. `transport` is the one client every network call shares (the
//! agent, timeouts, the retry policy for 429/5xx) and `failure` words every way a call can fail
//! as one line. On top of them: Courier's Issue Token API, `POST {base}/auth/issue-token` —
//! where it lives (base URL and region), the exact request this tool sends (headers and JSON
//! body, also rendered for `--dry-run`) and, in `exchange`, reading the token out of the
//! answer. `doctor`'s Inbox probe uses the same transport (see `doctor::probe`). The API key
//! only ever goes into the `Authorization` header; nothing here prints it. What to ask for (the
//! scope, the lifetime) is decided by `commands::issue`; this module knows nothing of clap or
//! the local signer.

mod exchange;
mod failure;
mod timeout;
mod transport;

use std::time::Duration;

use serde_json::{Map, Value};

use crate::error::user_error_with_hint;
use crate::expires_in::ExpiresIn;

pub use exchange::issue_token;
pub use failure::scrub_secret;
pub use timeout::{parse_seconds_or_duration, parse_timeout, TimeoutError, LONGEST_TIMEOUT};
pub use transport::{post_with_retries, Answer, RetryPolicy, Target, RETRY_BASE_ENV};

/// Courier's API in the US region (the default).
pub const US_BASE_URL: &str = "https://api.courier.com";
/// Courier's API in the EU region.
pub const EU_BASE_URL: &str = "https://api.eu.courier.com";
/// The variable Courier's SDKs and CLI read the base URL from.
pub const BASE_URL_ENV: &str = "COURIER_BASE_URL";
/// The endpoint, relative to the base URL.
pub const ISSUE_TOKEN_PATH: &str = "/auth/issue-token";
/// Names the tool and version to Courier, so its logs can tell who called.
pub const USER_AGENT: &str = concat!("courier-token/", env!("CARGO_PKG_VERSION"));
/// How long one request may take when `--timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Every header sent besides `Authorization`, in order; `--dry-run` prints the same list.
pub const FIXED_HEADERS: [(&str, &str); 3] = [
    ("Content-Type", "application/json"),
    ("Accept", "application/json"),
    ("User-Agent", USER_AGENT),
];

/// A checked `http(s)://` base URL without its trailing slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `text`; `origin` names where it came from (`--base-url`, `COURIER_BASE_URL`) so
    /// an error points at the right place.
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<Self> {
        Self::parse_for(text, origin, US_BASE_URL)
    }

    /// [`BaseUrl::parse`] for another of Courier's services, whose usual URL is `example`.
    pub fn parse_for(text: &str, origin: &str, example: &str) -> anyhow::Result<Self> {
        let trimmed = text.trim_end_matches('/');
        let authority = strip_scheme(trimmed).map(|rest| rest.split('/').next().unwrap_or(""));
        let acceptable = authority.is_some_and(|authority| !authority.is_empty())
            && !trimmed.contains(['?', '#'])
            && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control());
        if !acceptable {
            return Err(user_error_with_hint(
                format!("{origin} {text:?} is not an http(s) base URL"),
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
fn host_of(authority: &str) -> &str {
    let host_and_port = authority.rsplit('@').next().unwrap_or("");
    match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host_and_port.split(':').next().unwrap_or(""),
    }
}

/// True only for a host that is this machine whatever DNS says: an IP literal in 127.0.0.0/8
/// or `::1` (also IPv4-mapped), or the name `localhost`. A name that merely starts with
/// `127.` (`127.0.0.1.evil.example`) is somebody else's host.
fn is_loopback_host(host: &str) -> bool {
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

/// The request as it goes on the wire, minus the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueTokenRequest {
    url: String,
    body: String,
}

impl IssueTokenRequest {
    /// `expires_in: None` leaves the field out, which Courier takes as "never expires".
    pub fn new(base: &BaseUrl, scope: &str, expires_in: Option<&ExpiresIn>) -> Self {
        let mut body = Map::new();
        body.insert("scope".to_string(), Value::from(scope));
        if let Some(expires_in) = expires_in {
            body.insert("expires_in".to_string(), wire_expires_in(expires_in));
        }
        Self {
            url: format!("{}{ISSUE_TOKEN_PATH}", base.as_str()),
            body: Value::Object(body).to_string(),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where it goes, named as `issue --remote`'s options name it.
    pub fn target(&self) -> Target<'_> {
        Target {
            url: &self.url,
            url_name: "the base URL",
            url_options: "--base-url, COURIER_BASE_URL",
            service: "Courier's API",
        }
    }

    /// The JSON body, compact, `scope` first.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The request as `--dry-run` shows it: request line, headers (key redacted), blank line,
    /// body.
    pub fn dry_run_text(&self) -> String {
        let mut text = format!("POST {}\nAuthorization: Bearer <redacted>\n", self.url);
        for (name, value) in FIXED_HEADERS {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&self.body);
        text.push('\n');
        text
    }
}

/// `expires_in` for the API, keeping the meaning the user gave it on the command line:
/// Courier's own grammar (`"2 days"`, `"1h"`) goes as written; a bare number, which this tool
/// reads as seconds, goes as a JSON number, the API's form for seconds (a unit-less *string*
/// would mean milliseconds to Courier); a compound duration (`"1h 30m"`), which Courier does
/// not parse, goes as its number of seconds.
pub fn wire_expires_in(expires_in: &ExpiresIn) -> Value {
    if expires_in.is_ms_grammar() {
        Value::from(expires_in.original())
    } else {
        seconds_value(expires_in.seconds())
    }
}

/// A whole number of seconds as a JSON integer, anything else as a JSON float.
fn seconds_value(seconds: f64) -> Value {
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if seconds.fract() == 0.0 && seconds.abs() < EXACT_INTEGER_LIMIT {
        Value::from(seconds as i64)
    } else {
        Value::from(seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(text: &str) -> String {
        wire_expires_in(&ExpiresIn::parse(text).unwrap()).to_string()
    }

    #[test]
    fn expires_in_keeps_its_meaning_on_the_wire() {
        assert_eq!(wire("2 days"), r#""2 days""#);
        assert_eq!(wire("1h"), r#""1h""#);
        assert_eq!(wire("-1h"), r#""-1h""#);
        assert_eq!(wire("3600"), "3600");
        assert_eq!(wire("-60"), "-60");
        assert_eq!(wire("1.5"), "1.5");
        assert_eq!(wire(".5"), "0.5");
        assert_eq!(wire("007"), "7");
        assert_eq!(wire("1h 30m"), "5400");
        assert_eq!(wire("1h 30M"), "5400");
        assert_eq!(wire("2 Days 3h"), "183600");
    }

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let base = BaseUrl::parse("http://127.0.0.1:8080/", "--base-url").unwrap();
        assert_eq!(base.as_str(), "http://127.0.0.1:8080");
        assert_eq!(base.authority(), "127.0.0.1:8080");
        assert!(!base.sends_key_in_clear());
        let prefixed = BaseUrl::parse("https://proxy.example/courier//", "--base-url").unwrap();
        assert_eq!(prefixed.as_str(), "https://proxy.example/courier");
        assert!(BaseUrl::parse("http://api.example", "--base-url")
            .unwrap()
            .sends_key_in_clear());
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
            let base = BaseUrl::parse(url, "--base-url").unwrap();
            assert_eq!(base.sends_key_in_clear(), in_clear, "{url}");
        }
        assert!(!BaseUrl::parse(US_BASE_URL, "x")
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
            assert!(BaseUrl::parse(bad, "--base-url").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn request_body_and_dry_run() {
        let base = BaseUrl::parse(US_BASE_URL, "x").unwrap();
        let expires = ExpiresIn::parse("2 days").unwrap();
        let request =
            IssueTokenRequest::new(&base, "user_id:u inbox:read:messages", Some(&expires));
        assert_eq!(request.url(), "https://api.courier.com/auth/issue-token");
        assert_eq!(
            request.body(),
            r#"{"scope":"user_id:u inbox:read:messages","expires_in":"2 days"}"#
        );
        let never = IssueTokenRequest::new(&base, "user_id:u", None);
        assert_eq!(never.body(), r#"{"scope":"user_id:u"}"#);
        let shown = request.dry_run_text();
        assert!(shown.starts_with(
            "POST https://api.courier.com/auth/issue-token\nAuthorization: Bearer <redacted>\n"
        ));
        assert!(shown.contains(&format!("\nUser-Agent: {USER_AGENT}\n")));
        assert!(shown.ends_with(
            "\n\n{\"scope\":\"user_id:u inbox:read:messages\",\"expires_in\":\"2 days\"}\n"
        ));
    }
}
