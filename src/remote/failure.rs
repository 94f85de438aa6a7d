//! Every way a call to the Issue Token API can fail, worded as one line in Courier's terms with
//! a hint: the key rejected (401/403), the request refused (400, with the API's `message`), rate
//! limiting and server errors after the retries, timeouts, DNS, TLS and connection failures.
//! Text that comes from the server or the network is scrubbed of the key and of line breaks
//! before it is shown. Deciding whether to retry is `exchange`'s job, not this module's.

use std::time::Duration;

use serde_json::Value;

use super::endpoint::Target;
use super::issue_request::IssueTokenRequest;
use super::proxy::ProxyName;
use crate::key::ApiKey;
use crate::reading::input::io_reason;
use crate::shown::scrub::scrub_secret;
use crate::terminal::error::user_error_with_hint;

/// A non-2xx answer, after the retries.
pub(super) struct Rejection<'a> {
    pub status: u16,
    pub body: &'a str,
    /// Attempts made, the last included.
    pub attempts: u32,
    pub retry_after: Option<Duration>,
    /// True when a `Retry-After` too long to wait for ended the retries.
    pub gave_up_early: bool,
}

/// The error for a non-2xx answer.
pub(super) fn from_status(
    rejection: &Rejection,
    request: &IssueTokenRequest,
    key: &ApiKey,
) -> anyhow::Error {
    let status = rejection.status;
    let said = api_message(rejection.body, key);
    let said_suffix = said
        .as_deref()
        .map_or(String::new(), |text| format!(": {text}"));
    let tries = match rejection.attempts {
        1 => String::new(),
        n => format!(" after {n} attempts"),
    };
    match status {
        401 | 403 => user_error_with_hint(
            format!("the API key was rejected: Courier answered {status}{said_suffix}"),
            "check that the key is an API key of your Courier workspace, and the region: EU workspaces need --region eu",
        ),
        400 => user_error_with_hint(
            match said {
                Some(text) => format!("Courier refused the request (400): {text}"),
                None => "Courier refused the request (400) without saying why".to_string(),
            },
            "see the request with --dry-run; the scope and --expires-in are sent as shown there",
        ),
        404 => user_error_with_hint(
            format!("there is no Issue Token API at {} (404)", request.url()),
            "check --base-url, COURIER_BASE_URL and --region",
        ),
        429 => user_error_with_hint(
            format!("Courier is rate limiting this key: 429{tries}{}", wait_note(rejection)),
            "wait a little and try again",
        ),
        500..=599 => user_error_with_hint(
            format!("Courier's API failed with {status}{tries}{said_suffix}"),
            "Courier may be having trouble; try again later",
        ),
        _ => user_error_with_hint(
            format!("Courier's Issue Token API answered {status}{said_suffix}"),
            "see the request with --dry-run, and check --base-url",
        ),
    }
}

fn wait_note(rejection: &Rejection) -> String {
    match (rejection.gave_up_early, rejection.retry_after) {
        (true, Some(wait)) => format!("; it asks to wait {}", humantime::format_duration(wait)),
        _ => String::new(),
    }
}

/// The API's `message` from a JSON error body, or the body itself when it is short plain text.
fn api_message(body: &str, key: &ApiKey) -> Option<String> {
    let text = match serde_json::from_str::<Value>(body) {
        Ok(answer) => answer.get("message")?.as_str()?.to_string(),
        Err(_) if !body.trim().is_empty() && !body.trim_start().starts_with('<') => {
            body.to_string()
        }
        Err(_) => return None,
    };
    let clean = scrub(&text, key);
    (!clean.is_empty()).then_some(clean)
}

/// The error for a request that got no HTTP answer; `secret` (the credential it carried) is
/// scrubbed from anything quoted.
pub(super) fn from_transport(
    error: &ureq::Error,
    target: &Target,
    timeout: Duration,
    secret: &[u8],
) -> anyhow::Error {
    let host = target.authority();
    let detail = || scrub_secret(&error.to_string(), secret);
    let url_name = target.url_name;
    match error {
        ureq::Error::Timeout(_) => user_error_with_hint(
            format!(
                "no answer from {host} within {} (--timeout)",
                humantime::format_duration(timeout)
            ),
            "check the network, or give it longer with --timeout 60s",
        ),
        ureq::Error::HostNotFound => host_not_found(host, url_name),
        ureq::Error::Io(io) if is_failed_lookup(io) => host_not_found(host, url_name),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            user_error_with_hint(
                format!("{host} refused the connection"),
                format!(
                    "check {url_name} ({}) and that the server is up",
                    target.url_options
                ),
            )
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => user_error_with_hint(
            format!("no answer from {host}: the connection timed out"),
            "check the network, or give it longer with --timeout 60s",
        ),
        // rustls reports a failed handshake or certificate through the stream as InvalidData.
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::InvalidData && target.is_https() =>
        {
            tls_failure(host, &scrub_secret(&io_reason(io), secret))
        }
        ureq::Error::Io(io) => user_error_with_hint(
            format!(
                "could not talk to {host}: {}",
                scrub_secret(&io_reason(io), secret)
            ),
            format!("check the network connection and {url_name}"),
        ),
        ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::TlsRequired => tls_failure(host, &detail()),
        ureq::Error::ConnectionFailed | ureq::Error::ConnectProxyFailed(_) => user_error_with_hint(
            format!("could not connect to {host}: {}", detail()),
            format!("check the network connection and {url_name}"),
        ),
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => user_error_with_hint(
            format!(
                "{host} did not answer in HTTP/1.1 as expected: {}",
                detail()
            ),
            format!("check that {url_name} points at {}", target.service),
        ),
        _ => user_error_with_hint(
            format!("the request to {} failed: {}", target.url, detail()),
            format!("check {url_name} and the network connection"),
        ),
    }
}

/// The error for a request through `proxy` that got no HTTP answer: what only the proxy can
/// have caused is blamed on it, by the variable that set it; the rest is [`from_transport`]'s.
pub(super) fn through_proxy(
    error: &ureq::Error,
    target: &Target,
    proxy: &ProxyName,
    timeout: Duration,
    secret: &[u8],
) -> anyhow::Error {
    let host = target.authority();
    let variable = proxy.variable;
    let detail = || scrub_secret(&error.to_string(), secret);
    match error {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            user_error_with_hint(
                format!("{proxy} refused the connection"),
                format!("check {variable} and that the proxy is up, or unset {variable}"),
            )
        }
        ureq::Error::HostNotFound => proxy_lookup_failed(host, proxy, target.url_name),
        ureq::Error::Io(io) if is_failed_lookup(io) => {
            proxy_lookup_failed(host, proxy, target.url_name)
        }
        ureq::Error::ConnectProxyFailed(_) | ureq::Error::ConnectionFailed => user_error_with_hint(
            format!("{proxy} did not connect to {host}: {}", detail()),
            format!("check {variable} and {}", target.url_name),
        ),
        ureq::Error::Io(io)
            if !matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::InvalidData
            ) =>
        {
            user_error_with_hint(
                format!(
                    "could not talk to {host} through {proxy}: {}",
                    scrub_secret(&io_reason(io), secret)
                ),
                format!("check {variable} and {}", target.url_name),
            )
        }
        _ => from_transport(error, target, timeout, secret),
    }
}

fn proxy_lookup_failed(host: &str, proxy: &ProxyName, url_name: &str) -> anyhow::Error {
    user_error_with_hint(
        format!("cannot find the host {host} or {proxy}: the DNS lookup failed"),
        format!(
            "check the network connection, {} and {url_name}",
            proxy.variable
        ),
    )
}

/// True for the I/O error the standard library gives when a name does not resolve: ureq
/// reports a failed lookup that way, not as `HostNotFound`.
fn is_failed_lookup(io: &std::io::Error) -> bool {
    io.to_string()
        .starts_with("failed to lookup address information")
}

fn host_not_found(host: &str, url_name: &str) -> anyhow::Error {
    user_error_with_hint(
        format!("cannot find the host {host}: the DNS lookup failed"),
        format!("check the network connection and {url_name}"),
    )
}

fn tls_failure(host: &str, detail: &str) -> anyhow::Error {
    user_error_with_hint(
        format!("the TLS connection to {host} failed: {detail}"),
        "a proxy or security software that intercepts TLS, or a wrong system clock, can cause this",
    )
}

/// The error for a 2xx answer that does not carry a usable token.
pub(super) fn malformed_success(status: u16, what: &str) -> anyhow::Error {
    user_error_with_hint(
        format!("Courier answered {status}, but {what}"),
        "check that the base URL points at Courier's API",
    )
}

/// Server or network text made fit for one line on stderr, with the key in any spelling
/// hidden (see `scrub`).
pub(super) fn scrub(text: &str, key: &ApiKey) -> String {
    scrub_secret(text, key.expose_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_lookup_reported_as_io_is_a_dns_failure() {
        let key = ApiKey::new(b"sk_canary".to_vec()).unwrap();
        let base = super::super::endpoint::BaseUrl::parse(
            "https://api.courier.com",
            "x",
            &Default::default(),
        )
        .unwrap();
        let request = IssueTokenRequest::new(&base, "user_id:u", None);
        let io = std::io::Error::other(
            "failed to lookup address information: Name or service not known",
        );
        let message = from_transport(
            &ureq::Error::Io(io),
            &request.target(),
            Duration::from_secs(1),
            key.expose_bytes(),
        );
        assert!(message
            .to_string()
            .starts_with("cannot find the host api.courier.com"));
    }

    #[test]
    fn transport_failures_name_the_host_not_the_key() {
        let key = ApiKey::new(b"sk_canary".to_vec()).unwrap();
        let base = super::super::endpoint::BaseUrl::parse(
            "https://api.courier.com",
            "x",
            &Default::default(),
        )
        .unwrap();
        let request = IssueTokenRequest::new(&base, "user_id:u", None);
        let timeout = Duration::from_secs(30);
        let message = |error: ureq::Error| {
            from_transport(&error, &request.target(), timeout, key.expose_bytes()).to_string()
        };
        assert_eq!(
            message(ureq::Error::HostNotFound),
            "cannot find the host api.courier.com: the DNS lookup failed"
        );
        assert_eq!(
            message(ureq::Error::Timeout(ureq::Timeout::Global)),
            "no answer from api.courier.com within 30s (--timeout)"
        );
        assert!(message(ureq::Error::BadUri("sk_canary".into())).contains("<redacted>"));
    }

    #[test]
    fn api_message_prefers_json_message() {
        let key = ApiKey::new(b"sk_canary".to_vec()).unwrap();
        assert_eq!(
            api_message(
                r#"{"message":"Invalid scope","type":"invalid_request_error"}"#,
                &key
            ),
            Some("Invalid scope".to_string())
        );
        assert_eq!(api_message(r#"{"type":"x"}"#, &key), None);
        assert_eq!(api_message("<html>502</html>", &key), None);
        assert_eq!(
            api_message("upstream down", &key),
            Some("upstream down".to_string())
        );
    }
}
