//! Posting to one of Courier's HTTP endpoints, shared by `issue --remote` (the Issue Token API)
//! and `doctor` (the Inbox's GraphQL endpoint): one blocking `ureq` agent (rustls, no
//! redirects, a global timeout per attempt), retries for 429 and 5xx with exponential backoff
//! or the server's `Retry-After`, and every failure to get an HTTP answer worded by
//! `failure::from_transport`. What a status or body *means* is the caller's business; this
//! module hands back the last answer and how many attempts it took.

use std::thread::sleep;
use std::time::Duration;

use ureq::http::HeaderValue;
use ureq::Agent;

use super::endpoint::Target;
use super::failure;
use super::proxy::Route;

/// Hidden: the first backoff delay in milliseconds, so tests of the retry path run fast. Not a
/// user-facing option: users have no reason to hammer Courier faster than the default.
pub const RETRY_BASE_ENV: &str = "COURIER_TOKEN_RETRY_BASE_MS";

/// Answers longer than this are cut off (a success then fails to parse); Courier's are a few
/// hundred bytes.
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

/// The last answer an HTTP server gave, after any retries.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: String,
    /// Attempts made, the last included.
    pub attempts: u32,
    /// True when the status was worth retrying but a `Retry-After` too long to wait for ended
    /// the retries before the policy's last attempt.
    pub gave_up_early: bool,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// 429 and 5xx: worth another attempt.
    pub fn is_retryable(&self) -> bool {
        self.status == 429 || (500..600).contains(&self.status)
    }
}

/// POSTs `body` with `headers` (in order) to `target`, retrying 429 and 5xx as `policy` allows,
/// and returns the last answer, whatever its status. A request that gets no HTTP answer is an
/// error of one line; `secret` (the key or token in the headers) is scrubbed from it.
pub fn post_with_retries(
    target: &Target,
    headers: &[(&str, HeaderValue)],
    body: &str,
    timeout: Duration,
    policy: &RetryPolicy,
    secret: &[u8],
) -> anyhow::Result<Answer> {
    let route = Route::from_environment(target.url)?;
    let proxy = route.named();
    let agent = agent(timeout, route);
    let mut attempt = 1;
    loop {
        let mut answer =
            send_once(&agent, target.url, headers, body).map_err(|error| match &proxy {
                Some(proxy) => failure::through_proxy(&error, target, proxy, timeout, secret),
                None => failure::from_transport(&error, target, timeout, secret),
            })?;
        answer.attempts = attempt;
        if answer.is_success() || !answer.is_retryable() {
            return Ok(answer);
        }
        match policy.delay_after(attempt, answer.retry_after) {
            Some(delay) if attempt < policy.attempts => {
                sleep(delay);
                attempt += 1;
            }
            delay => {
                answer.gave_up_early = delay.is_none() && attempt < policy.attempts;
                return Ok(answer);
            }
        }
    }
}

/// A blocking agent that reports every status as a response (so 4xx bodies can be read),
/// follows no redirect (a POST with a credential has no business being redirected), and gives
/// each attempt `timeout` in all: DNS, connect, TLS, request and response. The proxy is the
/// one `route` names, or none: never ureq's own reading of the environment.
fn agent(timeout: Duration, route: Route) -> Agent {
    Agent::config_builder()
        .proxy(route.into_proxy())
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

fn send_once(
    agent: &Agent,
    url: &str,
    headers: &[(&str, HeaderValue)],
    body: &str,
) -> Result<Answer, ureq::Error> {
    let mut builder = agent.post(url);
    for (name, value) in headers {
        builder = builder.header(*name, value.clone());
    }
    let response = builder.send(body)?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    // Bytes, not text, cut at the limit rather than refused: an answer that is not UTF-8, too
    // long or cut short still has a status that means something (a 401 is a rejection whatever
    // its body). Only a success needs its whole body.
    let mut bytes = Vec::new();
    let read = std::io::Read::read_to_end(
        &mut std::io::Read::take(response.into_body().into_reader(), MAX_RESPONSE_BYTES),
        &mut bytes,
    );
    if let Err(error) = read {
        if (200..300).contains(&status) {
            return Err(ureq::Error::from(error));
        }
    }
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Answer {
        status,
        retry_after,
        body,
        attempts: 1,
        gave_up_early: false,
    })
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
}
