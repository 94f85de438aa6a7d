//! The live, read-only probe: sends the SDK's unread-count request (`request`) through the
//! shared transport (`remote`: timeouts, retries for 429/5xx, one-line network errors) and reads
//! what Courier's answer means — accepted with a count, rejected (401/403), or GraphQL errors.
//! Anything else (404, 5xx after the retries, a 200 without a count) is an error: Courier could
//! not be asked. The token is scrubbed from any text quoted from the answer.

use serde_json::{json, Value};

use super::check::{Check, Status};
use super::plan::ProbeSettings;
use super::request::UnreadCountRequest;
use crate::error::user_error_with_hint;
use crate::remote::{post_with_retries, scrub_secret, Answer};

/// Sends the request and reads Courier's answer. An answer that is neither an acceptance,
/// a rejection nor GraphQL errors (404, rate limiting or 5xx after the retries, a 200
/// without a count) is an error: Courier could not be asked.
pub(super) fn send(
    request: &UnreadCountRequest,
    token: &str,
    settings: &ProbeSettings,
) -> anyhow::Result<ProbeResult> {
    let answer = post_with_retries(
        &request.target(),
        &request.headers(token)?,
        request.body(),
        settings.timeout,
        &settings.policy,
        token.as_bytes(),
    )?;
    let outcome = read_answer(&answer, token).ok_or_else(|| unusable(&answer, request, token))?;
    Ok(ProbeResult {
        url: request.url().to_string(),
        user_id: request.user_id().to_string(),
        tenant: request.tenant().map(str::to_string),
        http_status: answer.status,
        outcome,
    })
}

/// What Courier made of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    Accepted {
        unread: u64,
    },
    /// 401 or 403, with what Courier said, if anything.
    Rejected {
        said: Option<String>,
    },
    /// GraphQL `errors`, Courier's messages joined.
    GraphqlErrors {
        messages: String,
    },
}

/// One probe sent and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    pub url: String,
    pub user_id: String,
    pub tenant: Option<String>,
    pub http_status: u16,
    pub outcome: ProbeOutcome,
}

impl ProbeResult {
    pub fn accepted(&self) -> bool {
        matches!(self.outcome, ProbeOutcome::Accepted { .. })
    }

    pub fn unread(&self) -> Option<u64> {
        match self.outcome {
            ProbeOutcome::Accepted { unread } => Some(unread),
            _ => None,
        }
    }

    /// The probe as a check.
    pub fn check(&self) -> Check {
        let with_tenant = self
            .tenant
            .as_deref()
            .map(|tenant| format!(" with tenant {tenant} (accountId)"))
            .unwrap_or_default();
        match &self.outcome {
            ProbeOutcome::Accepted { unread } => Check::new(
                "accepted",
                Status::Pass,
                format!(
                    "Courier accepts the token for user {}{with_tenant}: {unread} unread",
                    self.user_id
                ),
            ),
            ProbeOutcome::Rejected { said } => Check::new(
                "rejected_by_courier",
                Status::Fail,
                format!(
                    "Courier answered {}{with_tenant}{}",
                    self.http_status,
                    said.as_deref()
                        .map(|s| format!(": {s}"))
                        .unwrap_or_default()
                ),
            ),
            ProbeOutcome::GraphqlErrors { messages } => Check::new(
                "graphql_errors",
                Status::Fail,
                format!(
                    "Courier answered {}{with_tenant} with errors: {messages}",
                    self.http_status
                ),
            ),
        }
    }

    /// The `--json` form: `{"url","tenant","http_status","accepted","unread"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "url": self.url,
            "tenant": self.tenant,
            "http_status": self.http_status,
            "accepted": self.accepted(),
            "unread": self.unread(),
        })
    }
}

/// Sends the probe without a tenant and, when `tenant` is given and the first was accepted, a
/// second one with it, so both counts show.
pub(super) fn run_probes(
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
fn read_answer(answer: &Answer, token: &str) -> Option<ProbeOutcome> {
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
            scrub_secret(&messages.join("; "), token.as_bytes())
        });
    match answer.status {
        401 | 403 => Some(ProbeOutcome::Rejected {
            said: errors.or_else(|| {
                let said = parsed.as_ref()?.get("message")?.as_str()?;
                Some(scrub_secret(said, token.as_bytes())).filter(|s| !s.is_empty())
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
fn unusable(answer: &Answer, request: &UnreadCountRequest, token: &str) -> anyhow::Error {
    let status = answer.status;
    let tries = match answer.attempts {
        1 => String::new(),
        n => format!(" after {n} attempts"),
    };
    let quoted = scrub_secret(&answer.body, token.as_bytes());
    let body_note = if quoted.is_empty() {
        String::new()
    } else {
        format!(": {quoted}")
    };
    match status {
        404 => user_error_with_hint(
            format!(
                "there is no Inbox GraphQL endpoint at {} (404)",
                request.url()
            ),
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
            read_answer(&answer(200, r#"{"data":{"count":3}}"#), "t"),
            Some(ProbeOutcome::Accepted { unread: 3 })
        );
        assert_eq!(
            read_answer(
                &answer(401, r#"{"message":"Unauthorized tok123"}"#),
                "tok123"
            ),
            Some(ProbeOutcome::Rejected {
                said: Some("Unauthorized <redacted>".to_string())
            })
        );
        assert_eq!(
            read_answer(
                &answer(200, r#"{"errors":[{"message":"bad"}],"data":null}"#),
                "x"
            ),
            Some(ProbeOutcome::GraphqlErrors {
                messages: "bad".to_string()
            })
        );
        assert_eq!(read_answer(&answer(200, "{}"), "x"), None);
        assert_eq!(read_answer(&answer(404, "{}"), "x"), None);
    }
}
