//! The live, read-only probe: exactly the request Courier's web SDK makes for the unread count,
//! sent through the shared transport (`remote`: timeouts, retries for 429/5xx, one-line
//! network errors), and what Courier's answer means. Matched against trycourier/courier-web,
//! `@trycourier/courier-js/src/client/inbox-client.ts`, `getUnreadMessageCount` (lines 178-196
//! of the source shipped as `@trycourier/courier-js` 3.4.0; the query text is line 181), which
//! posts through `graphql()` in `src/utils/request.ts` (lines 150-161): `POST {inbox}/q` with
//! `Content-Type: application/json`, `x-courier-user-id`, `Authorization: Bearer <jwt>` and the
//! body `JSON.stringify({query})`. The URLs are `src/types/courier-api-urls.ts` lines 39 (US)
//! and 49 (EU). `scripts/sdk-inbox-request.js` records what the real SDK sends into
//! `tests/fixtures/sdk_unread_count_requests.json`, and the tests hold this module to it byte
//! for byte. Left out on purpose: the SDK's `x-courier-ua` telemetry header (it names the SDK
//! and a per-connection client id; this tool names itself in `User-Agent` instead).

use std::fmt::Write as _;

use serde_json::{json, Value};
use ureq::http::HeaderValue;

use super::{Check, ProbeSettings, Status};
use crate::error::user_error_with_hint;
use crate::remote::{post_with_retries, scrub_secret, Answer, BaseUrl, Target, USER_AGENT};

/// Courier's Inbox in the US region (the default).
pub const INBOX_US_URL: &str = "https://inbox.courier.com";
/// Courier's Inbox in the EU region.
pub const INBOX_EU_URL: &str = "https://inbox.eu.courier.io";
/// The variable that overrides the Inbox URL (after `--inbox-url` and `--region`).
pub const INBOX_URL_ENV: &str = "COURIER_INBOX_URL";
/// The GraphQL endpoint, relative to the Inbox URL.
pub const GRAPHQL_PATH: &str = "/q";

/// The unread-count query exactly as the SDK writes it (its template literal, indentation and
/// all); a tenant goes in the params as `accountId`, escaped as a GraphQL string.
pub fn unread_count_query(tenant: Option<&str>) -> String {
    let account = tenant
        .map(|tenant| format!(", accountId: \"{}\"", escape_graphql_string(tenant)))
        .unwrap_or_default();
    format!(
        "\n      query GetMessages {{\n        count(params: {{ status: \"unread\" {account} }})\n      }}\n    "
    )
}

/// A GraphQL string literal's contents: backslash, quote and control characters escaped, as
/// the SDK's own `escapeGraphQLString` does (`src/utils/graphql.ts`).
fn escape_graphql_string(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' => escaped.push_str("\\\""),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(escaped, "\\u{:04x}", c as u32);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// One unread-count request, minus the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadCountRequest {
    url: String,
    user_id: String,
    tenant: Option<String>,
    body: String,
}

impl UnreadCountRequest {
    pub fn new(inbox: &BaseUrl, user_id: &str, tenant: Option<&str>) -> Self {
        Self {
            url: format!("{}{GRAPHQL_PATH}", inbox.as_str()),
            user_id: user_id.to_string(),
            tenant: tenant.map(str::to_string),
            body: json!({ "query": unread_count_query(tenant) }).to_string(),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The JSON body, as `JSON.stringify({query})` writes it.
    pub fn body(&self) -> &str {
        &self.body
    }

    fn target(&self) -> Target<'_> {
        Target {
            url: &self.url,
            url_name: "the Inbox URL",
            url_options: "--inbox-url, --region, COURIER_INBOX_URL",
            service: "Courier's Inbox",
        }
    }

    /// The headers besides `Authorization`, in the SDK's order, then ours.
    fn plain_headers(&self) -> [(&'static str, &str); 3] {
        [
            ("Content-Type", "application/json"),
            ("x-courier-user-id", &self.user_id),
            ("User-Agent", USER_AGENT),
        ]
    }

    /// The request as `--dry-run` shows it: request line, headers (token redacted), blank
    /// line, body.
    pub fn dry_run_text(&self) -> String {
        let [content_type, user, agent] = self.plain_headers();
        let mut text = format!("POST {}\n", self.url);
        for (name, value) in [content_type, user] {
            let _ = writeln!(text, "{name}: {value}");
        }
        text.push_str("Authorization: Bearer <redacted>\n");
        let _ = writeln!(text, "{}: {}", agent.0, agent.1);
        text.push('\n');
        text.push_str(&self.body);
        text.push('\n');
        text
    }

    fn headers(&self, token: &str) -> anyhow::Result<Vec<(&'static str, HeaderValue)>> {
        let [content_type, user, agent] = self.plain_headers();
        let header = |(name, value): (&'static str, &str)| {
            HeaderValue::from_str(value)
                .map(|value| (name, value))
                .map_err(|_| {
                    user_error_with_hint(
                        format!("{name} {value:?} cannot be sent as an HTTP header"),
                        "a user id with control or non-ASCII characters cannot reach the Inbox; check --user-id",
                    )
                })
        };
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                user_error_with_hint(
                    "the token cannot be sent as an HTTP header",
                    "pass the token alone",
                )
            })?;
        authorization.set_sensitive(true);
        Ok(vec![
            header(content_type)?,
            header(user)?,
            ("Authorization", authorization),
            header(agent)?,
        ])
    }

    /// Sends the request and reads Courier's answer. An answer that is neither an acceptance,
    /// a rejection nor GraphQL errors (404, rate limiting or 5xx after the retries, a 200
    /// without a count) is an error: Courier could not be asked.
    pub fn send(&self, token: &str, settings: &ProbeSettings) -> anyhow::Result<ProbeResult> {
        let answer = post_with_retries(
            &self.target(),
            &self.headers(token)?,
            &self.body,
            settings.timeout,
            &settings.policy,
            token.as_bytes(),
        )?;
        let outcome = read_answer(&answer, token).ok_or_else(|| unusable(&answer, self, token))?;
        Ok(ProbeResult {
            url: self.url.clone(),
            user_id: self.user_id.clone(),
            tenant: self.tenant.clone(),
            http_status: answer.status,
            outcome,
        })
    }
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
pub fn run_probes(
    settings: &ProbeSettings,
    token: &str,
    user_id: &str,
    tenant: Option<&str>,
) -> anyhow::Result<Vec<ProbeResult>> {
    let first = UnreadCountRequest::new(&settings.inbox, user_id, None).send(token, settings)?;
    let mut probes = vec![first];
    if let Some(tenant) = tenant.filter(|_| probes[0].accepted()) {
        let request = UnreadCountRequest::new(&settings.inbox, user_id, Some(tenant));
        probes.push(request.send(token, settings)?);
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
    fn the_query_is_the_sdks_template_literal() {
        assert_eq!(
            unread_count_query(None),
            "\n      query GetMessages {\n        count(params: { status: \"unread\"  })\n      }\n    "
        );
        assert!(unread_count_query(Some("acme-co"))
            .contains("count(params: { status: \"unread\" , accountId: \"acme-co\" })"));
        assert!(unread_count_query(Some("a\"b\\c\n")).contains("accountId: \"a\\\"b\\\\c\\n\""));
    }

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
