//! Sending an [`IssueTokenRequest`] and reading the token out of the answer: the key as a
//! sensitive `Authorization` header, the shared transport and retry policy (`transport`), and a
//! shape check on the token before anyone prints it. Wording of failures lives in `failure`.

use std::time::Duration;

use ureq::http::HeaderValue;
use zeroize::Zeroizing;

use super::failure::{self, Rejection};
use super::issue_request::{IssueTokenRequest, FIXED_HEADERS};
use super::issued_token::checked_token;
use super::transport::{post_with_retries, Answer, RetryPolicy};
use crate::key::ApiKey;
use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;

/// Sends the request (retrying 429 and 5xx as `policy` allows) and returns the token Courier
/// issued. Every error is one line that never contains the key.
pub fn issue_token(
    request: &IssueTokenRequest,
    key: &ApiKey,
    timeout: Duration,
    policy: &RetryPolicy,
    redaction: &Redaction,
) -> anyhow::Result<String> {
    let mut headers = vec![("Authorization", bearer_header(key)?)];
    headers.extend(
        FIXED_HEADERS
            .iter()
            .map(|(name, value)| (*name, HeaderValue::from_static(value))),
    );
    let answer = post_with_retries(
        &request.target(),
        &headers,
        request.body(),
        timeout,
        policy,
        key.expose_bytes(),
    )?;
    if answer.is_success() {
        return token_from(&answer, request, key, redaction);
    }
    Err(failure::from_status(
        &Rejection {
            status: answer.status,
            body: &answer.body,
            attempts: answer.attempts,
            retry_after: answer.retry_after,
            gave_up_early: answer.gave_up_early,
        },
        request,
        key,
    ))
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

/// The token from a 2xx answer, checked (`issued_token`) before anyone prints it.
fn token_from(
    reply: &Answer,
    request: &IssueTokenRequest,
    key: &ApiKey,
    redaction: &Redaction,
) -> anyhow::Result<String> {
    checked_token(reply.body.as_bytes(), request, redaction)
        .map_err(|what| failure::malformed_success(reply.status, &failure::scrub(&what, key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_that_cannot_be_a_header_is_refused() {
        let key = ApiKey::new(b"sk_with space".to_vec()).unwrap();
        assert!(bearer_header(&key).is_err());
        let key = ApiKey::new(b"sk_fine".to_vec()).unwrap();
        assert!(bearer_header(&key).unwrap().is_sensitive());
    }
}
