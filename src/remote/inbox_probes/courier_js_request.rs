//! The request `doctor` sends: exactly the one Courier's web SDK makes for the unread count.
//! Matched against trycourier/courier-web, `@trycourier/courier-js/src/client/inbox-client.ts`,
//! `getUnreadMessageCount` (lines 178-196 of the source shipped as `@trycourier/courier-js`
//! 3.4.0; the query text is line 181), which posts through `graphql()` in
//! `src/utils/request.ts` (lines 150-161): `POST {inbox}/q` with
//! `Content-Type: application/json`, `x-courier-user-id`, `Authorization: Bearer <jwt>` and the
//! body `JSON.stringify({query})`. The URLs are `src/types/courier-api-urls.ts` lines 39 (US)
//! and 49 (EU). `scripts/sdk-inbox-request.js` records what the real SDK sends into
//! `tests/fixtures/sdk_unread_count_requests.json`, and `tests/doctor` holds this module to it
//! byte for byte. Left out on purpose: the SDK's `x-courier-ua` telemetry header (it names the
//! SDK and a per-connection client id; this tool names itself in `User-Agent` instead).
//! `Accept: */*` is what `fetch` adds by itself, in the browser and in Node; it is set here
//! rather than left to the HTTP client, so `--dry-run` shows every header sent, in order (only
//! `Host` and `Content-Length`, which any HTTP request carries, are the client's).
//! The request itself (path, headers, body) is the wire type `wire::courier_js`; `--dry-run`
//! shows it by `request_text`'s one rule. Sending it and reading the answer is `graphql_probe`'s job.

use ureq::http::HeaderValue;

use crate::doctor::request_text::request_text;
use crate::remote::{BaseUrl, Target, USER_AGENT};
use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;
use crate::wire::courier_js::{self, FETCH_ACCEPT, METHOD};

/// A header's name and value.
type Header<'a> = (&'static str, &'a str);

/// One unread-count request, minus the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadCountRequest {
    url: String,
    wire: courier_js::UnreadCountRequest,
    body: String,
}

impl UnreadCountRequest {
    pub fn new(inbox: &BaseUrl, user_id: &str, tenant: Option<&str>) -> Self {
        let wire = courier_js::UnreadCountRequest::new(user_id, tenant);
        Self {
            url: format!("{}{}", inbox.as_str(), courier_js::UnreadCountRequest::PATH),
            body: wire.body().to_text(),
            wire,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The JSON body, as `JSON.stringify({query})` writes it.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The user sent as `x-courier-user-id`.
    pub fn user_id(&self) -> &str {
        &self.wire.user_id
    }

    /// The tenant sent as `accountId`, if any.
    pub fn tenant(&self) -> Option<&str> {
        self.wire.tenant.as_deref()
    }

    /// Where it goes, named as `doctor`'s options name it.
    pub(crate) fn target(&self) -> Target<'_> {
        super::inbox_target(&self.url)
    }

    /// The headers before and after `Authorization`: the SDK's, then what `fetch` adds
    /// (`Accept`) and ours.
    fn plain_headers(&self) -> ([Header<'_>; 2], [Header<'_>; 2]) {
        (
            self.wire.headers_before_authorization(),
            [("Accept", FETCH_ACCEPT), ("User-Agent", USER_AGENT)],
        )
    }

    /// The request as `--dry-run` shows it: request line, headers (token redacted), blank
    /// line, body.
    pub fn dry_run_text(&self) -> String {
        let (before, after) = self.plain_headers();
        let authorization = [("Authorization", "Bearer <redacted>")];
        let headers = before.into_iter().chain(authorization).chain(after);
        request_text(METHOD, &self.url, headers, &self.body)
    }

    /// Every header, `Authorization` (marked sensitive) included, in the order sent; an error
    /// quotes a value as `redaction` allows.
    pub(crate) fn headers(
        &self,
        token: &str,
        redaction: &Redaction,
    ) -> anyhow::Result<Vec<(&'static str, HeaderValue)>> {
        let ([content_type, user], [accept, agent]) = self.plain_headers();
        let header = |(name, value): (&'static str, &str)| {
            HeaderValue::from_str(value)
                .map(|value| (name, value))
                .map_err(|_| {
                    user_error_with_hint(
                        format!("{name} {} cannot be sent as an HTTP header", redaction.quoted(value)),
                        "a user id with control or non-ASCII characters cannot reach the Inbox; check --user-id",
                    )
                })
        };
        let mut authorization = HeaderValue::from_str(
            &courier_js::UnreadCountRequest::authorization(token),
        )
        .map_err(|_| {
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
            header(accept)?,
            header(agent)?,
        ])
    }
}
