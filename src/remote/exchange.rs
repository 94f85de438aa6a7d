//! Sending an [`IssueTokenRequest`] and reading the token out of the answer: one blocking
//! `ureq` agent (rustls, no redirects, a global timeout per attempt), retries for 429 and 5xx
//! with exponential backoff or the server's `Retry-After`, and a shape check on the token
//! before anyone prints it. Wording of failures lives in `failure`.

use std::thread::sleep;
use std::time::Duration;

use serde_json::Value;
use ureq::http::HeaderValue;
use ureq::Agent;
use zeroize::Zeroizing;

use super::failure::{self, Rejection};
use super::{IssueTokenRequest, FIXED_HEADERS};
use crate::error::user_error_with_hint;
use crate::key::ApiKey;
use crate::token::base64url::decode_strict;

/// Hidden: the first backoff delay in milliseconds, so tests of the retry path run fast. Not a
/// user-facing option: users have no reason to hammer Courier faster than the default.
pub const RETRY_BASE_ENV: &str = "COURIER_TOKEN_RETRY_BASE_MS";

/// Answers longer than this are cut off; Courier's are a few hundred bytes.
const MAX_RESPONSE_BYTES: u64 = 64 * 1024;

/// How often, and how patiently, to try again after a 429 or 5xx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The wait after the first failed attempt; it doubles after each one.
    pub base_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries at once.
    pub longest_retry_after: Duration,
}

impl RetryPolicy {
    /// Three attempts, waiting 0.5 s then 1 s, honouring a `Retry-After` of up to 10 s.
    pub fn standard() -> Self {
        Self {
            attempts: 3,
            base_delay: Duration::from_millis(500),
            longest_retry_after: Duration::from_secs(10),
        }
    }

    /// [`RetryPolicy::standard`], with the base delay from [`RETRY_BASE_ENV`] when it is set.
    pub fn from_environment() -> Self {
        let mut policy = Self::standard();
        if let Some(millis) = std::env::var(RETRY_BASE_ENV)
            .ok()
            .and_then(|text| text.parse::<u64>().ok())
        {
            policy.base_delay = Duration::from_millis(millis);
        }
        policy
    }

    /// The wait before attempt `failed_attempt + 1`, or `None` when the server asked for a
    /// longer wait than we are willing to sit through.
    fn delay_after(&self, failed_attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.longest_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(
                self.base_delay
                    .saturating_mul(2u32.saturating_pow(failed_attempt.saturating_sub(1))),
            ),
        }
    }
}

/// What came back from one attempt that reached an HTTP server.
struct Reply {
    status: u16,
    retry_after: Option<Duration>,
    body: String,
}

/// Sends the request (retrying 429 and 5xx as `policy` allows) and returns the token Courier
/// issued. Every error is one line that never contains the key.
pub fn issue_token(
    request: &IssueTokenRequest,
    key: &ApiKey,
    timeout: Duration,
    policy: &RetryPolicy,
) -> anyhow::Result<String> {
    let authorization = bearer_header(key)?;
    let agent = agent(timeout);
    let mut attempt = 1;
    loop {
        let reply = send_once(&agent, request, &authorization)
            .map_err(|error| failure::from_transport(&error, request, timeout, key))?;
        if (200..300).contains(&reply.status) {
            return token_from(&reply, key);
        }
        let retryable = reply.status == 429 || (500..600).contains(&reply.status);
        let delay = policy.delay_after(attempt, reply.retry_after);
        match delay {
            Some(delay) if retryable && attempt < policy.attempts => {
                sleep(delay);
                attempt += 1;
            }
            _ => {
                return Err(failure::from_status(
                    &Rejection {
                        status: reply.status,
                        body: &reply.body,
                        attempts: attempt,
                        retry_after: reply.retry_after,
                        gave_up_early: retryable && delay.is_none() && attempt < policy.attempts,
                    },
                    request,
                    key,
                ))
            }
        }
    }
}

/// A blocking agent that reports every status as a response (so 4xx bodies can be read),
/// follows no redirect (a POST with a key has no business being redirected), and gives each
/// attempt `timeout` in all: DNS, connect, TLS, request and response.
fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

fn send_once(
    agent: &Agent,
    request: &IssueTokenRequest,
    authorization: &HeaderValue,
) -> Result<Reply, ureq::Error> {
    let mut builder = agent
        .post(request.url())
        .header("Authorization", authorization.clone());
    for (name, value) in FIXED_HEADERS {
        builder = builder.header(name, value);
    }
    let response = builder.send(request.body())?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body = response
        .into_body()
        .into_with_config()
        .limit(MAX_RESPONSE_BYTES)
        .lossy_utf8(true)
        .read_to_string()?;
    Ok(Reply {
        status,
        retry_after,
        body,
    })
}

/// `Bearer <key>` as a header value marked sensitive (so `http`'s `Debug` hides it). A key that
/// cannot be a header value is refused here rather than garbled on the wire.
fn bearer_header(key: &ApiKey) -> anyhow::Result<HeaderValue> {
    let bytes = key.expose_bytes();
    let unfit = || {
        user_error_with_hint(
            "the API key holds spaces, control characters or non-ASCII bytes, so it cannot be sent in an HTTP header",
            "check the key's source for a stray space or line break",
        )
    };
    if !bytes.iter().all(|byte| (0x21..=0x7e).contains(byte)) {
        return Err(unfit());
    }
    let mut text = Zeroizing::new(Vec::with_capacity(7 + bytes.len()));
    text.extend_from_slice(b"Bearer ");
    text.extend_from_slice(bytes);
    let mut value = HeaderValue::from_bytes(&text).map_err(|_| unfit())?;
    value.set_sensitive(true);
    Ok(value)
}

/// The token from a 2xx answer, which must be `{"token":"<three base64url segments>"}`.
fn token_from(reply: &Reply, key: &ApiKey) -> anyhow::Result<String> {
    let token = serde_json::from_str::<Value>(&reply.body)
        .ok()
        .and_then(|answer| answer.get("token")?.as_str().map(str::to_string));
    match token {
        Some(token) if looks_like_jwt(&token) => Ok(token),
        Some(_) => Err(failure::malformed_success(
            reply.status,
            "its \"token\" is not a JWT (three base64url segments)",
        )),
        None => Err(failure::malformed_success(
            reply.status,
            &format!(
                "it is not {{\"token\":\"...\"}}: {}",
                failure::scrub(&reply.body, key)
            ),
        )),
    }
}

/// Three non-empty segments of strict base64url.
fn looks_like_jwt(token: &str) -> bool {
    let segments: Vec<&str> = token.split('.').collect();
    segments.len() == 3
        && segments
            .iter()
            .all(|segment| !segment.is_empty() && decode_strict(segment).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_honours_short_retry_after() {
        let policy = RetryPolicy::standard();
        assert_eq!(
            policy.delay_after(1, None),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            policy.delay_after(2, None),
            Some(Duration::from_millis(1000))
        );
        assert_eq!(
            policy.delay_after(1, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.delay_after(1, Some(Duration::from_secs(3600))), None);
    }

    #[test]
    fn jwt_shape() {
        assert!(looks_like_jwt("eyJhbGciOiJIUzI1NiJ9.eyJzIjoxfQ.c2ln"));
        for bad in [
            "",
            "a.b",
            "a.b.c.d",
            "eyJ.eyJ.",
            "ey+J.eyJ.c2ln",
            "not a token",
        ] {
            assert!(!looks_like_jwt(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_key_that_cannot_be_a_header_is_refused() {
        let key = ApiKey::new(b"sk_with space".to_vec()).unwrap();
        assert!(bearer_header(&key).is_err());
        let key = ApiKey::new(b"sk_fine".to_vec()).unwrap();
        assert!(bearer_header(&key).unwrap().is_sensitive());
    }
}
