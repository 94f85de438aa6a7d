//! The live, read-only GraphQL probe: sends an unread-count request — courier-js's in JWT mode
//! (`courier_js_request`), the v7 SDK's in the client-key and HMAC modes (`v7_sdk_request`) — through
//! the shared transport (`remote`: timeouts, retries for 429/5xx, one-line network errors) and reads
//! what Courier's answer means — accepted with a count, rejected (401/403), or GraphQL errors.
//! Anything else (404, 5xx after the retries, a 200 without a count) is an error: Courier could
//! not be asked. The credential is scrubbed from any text quoted from the answer.

use serde_json::Value;
use ureq::http::HeaderValue;

use super::courier_js_request::UnreadCountRequest;
use crate::doctor::modes::{Channel, Mode};
use crate::doctor::plan::ProbeSettings;
use crate::doctor::probe_findings::{ProbeOutcome, ProbeResult};
use crate::remote::{post_with_retries, Answer, Target};
use crate::shown::scrub::scrub_secret;
use crate::terminal::error::user_error_with_hint;

/// A GraphQL probe ready to send: where, with which headers and body, in which mode.
pub(crate) struct GraphqlProbe<'a> {
    pub mode: Mode,
    pub target: Target<'a>,
    pub user_id: &'a str,
    pub tenant: Option<&'a str>,
    pub headers: Vec<(&'static str, HeaderValue)>,
    pub body: &'a str,
    /// The credential in the headers, scrubbed from anything quoted.
    pub secret: &'a [u8],
}

/// Sends the request and reads Courier's answer. An answer that is neither an acceptance,
/// a rejection nor GraphQL errors (404, rate limiting or 5xx after the retries, a 200
/// without a count) is an error: Courier could not be asked.
pub(crate) fn send_graphql(
    probe: &GraphqlProbe,
    settings: &ProbeSettings,
) -> anyhow::Result<ProbeResult> {
    let answer = post_with_retries(
        &probe.target,
        &probe.headers,
        probe.body,
        settings.timeout,
        &settings.policy,
        probe.secret,
    )?;
    let outcome = read_answer(&answer, probe.secret)
        .ok_or_else(|| unusable(&answer, probe.target.url, probe.secret))?;
    Ok(ProbeResult {
        mode: probe.mode,
        channel: Channel::Graphql,
        url: probe.target.url.to_string(),
        user_id: probe.user_id.to_string(),
        tenant: probe.tenant.map(str::to_string),
        http_status: Some(answer.status),
        outcome,
    })
}

/// Sends courier-js's unread-count request with `token` (JWT mode).
pub(crate) fn send(
    request: &UnreadCountRequest,
    token: &str,
    settings: &ProbeSettings,
) -> anyhow::Result<ProbeResult> {
    send_graphql(
        &GraphqlProbe {
            mode: Mode::Jwt,
            target: request.target(),
            user_id: request.user_id(),
            tenant: request.tenant(),
            headers: request.headers(token, &settings.redaction)?,
            body: request.body(),
            secret: token.as_bytes(),
        },
        settings,
    )
}

/// Sends the probe without a tenant and, when `tenant` is given and the first was accepted, a
/// second one with it, so both counts show.
pub(crate) fn run_probes(
    settings: &ProbeSettings,
    token: &str,
    user_id: &str,
    tenant: Option<&str>,
) -> anyhow::Result<Vec<ProbeResult>> {
    let first = send(
        &UnreadCountRequest::new(&settings.inbox, user_id, None),
        token,
        settings,
    )?;
    let mut probes = vec![first];
    if let Some(tenant) = tenant.filter(|_| probes[0].accepted()) {
        let request = UnreadCountRequest::new(&settings.inbox, user_id, Some(tenant));
        probes.push(send(&request, token, settings)?);
    }
    Ok(probes)
}

/// Accepted, rejected or GraphQL errors; `None` for anything else.
fn read_answer(answer: &Answer, secret: &[u8]) -> Option<ProbeOutcome> {
    let parsed = serde_json::from_str::<Value>(&answer.body).ok();
    let errors = parsed
        .as_ref()
        .and_then(|body| body.get("errors")?.as_array())
        .filter(|errors| !errors.is_empty())
        .map(|errors| {
            let messages: Vec<String> = errors
                .iter()
                .map(|error| match error.get("message").and_then(Value::as_str) {
                    Some(message) => message.to_string(),
                    None => error.to_string(),
                })
                .collect();
            scrub_secret(&messages.join("; "), secret)
        });
    match answer.status {
        401 | 403 => Some(ProbeOutcome::Rejected {
            said: errors.or_else(|| {
                let said = parsed.as_ref()?.get("message")?.as_str()?;
                Some(scrub_secret(said, secret)).filter(|s| !s.is_empty())
            }),
        }),
        _ if errors.is_some() && (answer.is_success() || answer.status == 400) => {
            errors.map(|messages| ProbeOutcome::GraphqlErrors { messages })
        }
        _ if answer.is_success() => parsed
            .as_ref()
            .and_then(|body| body.get("data")?.get("count")?.as_u64())
            .map(|unread| ProbeOutcome::Accepted { unread }),
        _ => None,
    }
}

/// The error for an answer `read_answer` could not use.
fn unusable(answer: &Answer, url: &str, secret: &[u8]) -> anyhow::Error {
    let status = answer.status;
    let tries = match answer.attempts {
        1 => String::new(),
        n => format!(" after {n} attempts"),
    };
    let quoted = scrub_secret(&answer.body, secret);
    let body_note = if quoted.is_empty() {
        String::new()
    } else {
        format!(": {quoted}")
    };
    match status {
        404 => user_error_with_hint(
            format!("there is no Inbox GraphQL endpoint at {url} (404)"),
            "check --inbox-url, COURIER_INBOX_URL and --region",
        ),
        429 => user_error_with_hint(
            format!("Courier's Inbox is rate limiting: 429{tries}"),
            "wait a little and try again",
        ),
        500..=599 => user_error_with_hint(
            format!("Courier's Inbox failed with {status}{tries}"),
            "Courier may be having trouble; try again later, or diagnose offline with --offline",
        ),
        200..=299 => user_error_with_hint(
            format!("Courier's Inbox answered {status}, but without data.count{body_note}"),
            "check that the Inbox URL points at Courier's Inbox (--inbox-url, COURIER_INBOX_URL)",
        ),
        _ => user_error_with_hint(
            format!("Courier's Inbox answered {status}{body_note}"),
            "see the request with --dry-run, and check --inbox-url",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_courier_means_them() {
        let answer = |status, body: &str| Answer {
            status,
            retry_after: None,
            body: body.to_string(),
            attempts: 1,
            gave_up_early: false,
        };
        assert_eq!(
            read_answer(&answer(200, r#"{"data":{"count":3}}"#), b"t"),
            Some(ProbeOutcome::Accepted { unread: 3 })
        );
        assert_eq!(
            read_answer(
                &answer(401, r#"{"message":"Unauthorized tok123"}"#),
                b"tok123"
            ),
            Some(ProbeOutcome::Rejected {
                said: Some("Unauthorized <redacted>".to_string())
            })
        );
        assert_eq!(
            read_answer(
                &answer(200, r#"{"errors":[{"message":"bad"}],"data":null}"#),
                b"x"
            ),
            Some(ProbeOutcome::GraphqlErrors {
                messages: "bad".to_string()
            })
        );
        assert_eq!(read_answer(&answer(200, "{}"), b"x"), None);
        assert_eq!(read_answer(&answer(404, "{}"), b"x"), None);
    }
}
