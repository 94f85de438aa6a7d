//! Sending an [`IssueTokenRequest`] and reading the token out of the answer: the key as a
//! sensitive `Authorization` header, the shared transport and retry policy (`transport`), and a
//! shape check on the token before anyone prints it. Wording of failures lives in `failure`.

use std::time::Duration;

use serde_json::Value;
use ureq::http::HeaderValue;
use zeroize::Zeroizing;

use super::failure::{self, Rejection};
use super::issue_request::{IssueTokenRequest, FIXED_HEADERS};
use super::transport::{post_with_retries, Answer, RetryPolicy};
use crate::error::user_error_with_hint;
use crate::key::ApiKey;
use crate::token::base64url::decode_strict;

/// Sends the request (retrying 429 and 5xx as `policy` allows) and returns the token Courier
/// issued. Every error is one line that never contains the key.
pub fn issue_token(
    request: &IssueTokenRequest,
    key: &ApiKey,
    timeout: Duration,
    policy: &RetryPolicy,
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
        return token_from(&answer, key);
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

/// The token from a 2xx answer, which must be `{"token":"<three base64url segments>"}`.
fn token_from(reply: &Answer, key: &ApiKey) -> anyhow::Result<String> {
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
