//! The unread-count request of the v7 web SDK (`@trycourier/client-graphql` 7.4.8), which is
//! what speaks the client-key and HMAC modes: `POST {inbox}/q` with `urql`'s `accept` and
//! `content-type`, `x-courier-client-key`, `x-courier-user-id` and, in HMAC mode,
//! `x-courier-user-signature`, and the `GetInboxCount` document with real `variables`. The wire
//! facts are `wire::v7`'s; `tests/fixtures/sdk_v7_unread_count_requests.json` (recorded from
//! the real SDK by `scripts/sdk-v7-inbox-request.js`) holds this to them byte for byte. Like
//! the JWT probe it names this tool in `User-Agent`. The signature is a credential: it is
//! marked sensitive and `--dry-run` redacts it. The API key is never part of it.

use ureq::http::HeaderValue;

use crate::doctor::modes::Mode;
use crate::doctor::request_text::request_text;
use crate::remote::{BaseUrl, Target, USER_AGENT};
use crate::terminal::error::user_error_with_hint;
use crate::wire::headers;
use crate::wire::urls::INBOX_GRAPHQL_PATH;
use crate::wire::v7::{inbox_headers, unread_count_body, Credentials};

/// One v7 unread-count request in the client-key or HMAC mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V7CountRequest {
    url: String,
    client_key: String,
    user_id: String,
    tenant: Option<String>,
    signature: Option<String>,
    body: String,
}

impl V7CountRequest {
    /// The request; with a `signature` it is the HMAC mode's, without the client key's alone.
    pub fn new(
        inbox: &BaseUrl,
        client_key: &str,
        user_id: &str,
        signature: Option<&str>,
        tenant: Option<&str>,
    ) -> Self {
        Self {
            url: format!("{}{INBOX_GRAPHQL_PATH}", inbox.as_str()),
            client_key: client_key.to_string(),
            user_id: user_id.to_string(),
            tenant: tenant.map(str::to_string),
            signature: signature.map(str::to_string),
            body: unread_count_body(tenant),
        }
    }

    pub fn mode(&self) -> Mode {
        match self.signature {
            Some(_) => Mode::Hmac,
            None => Mode::ClientKey,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// The signature (HMAC mode), to scrub from anything quoted.
    pub fn secret(&self) -> &[u8] {
        self.signature.as_deref().unwrap_or_default().as_bytes()
    }

    pub(crate) fn target(&self) -> Target<'_> {
        super::inbox_target(&self.url)
    }

    fn wire_headers(&self) -> Vec<(&'static str, String)> {
        let credentials = match &self.signature {
            Some(signature) => Credentials::Signature { signature },
            None => Credentials::ClientKey,
        };
        let mut sent = inbox_headers(&self.client_key, &self.user_id, credentials);
        sent.push(("User-Agent", USER_AGENT.to_string()));
        sent
    }

    /// The request as `--dry-run` shows it, the signature redacted (`request_text`'s rule,
    /// the JWT request's: the URL and body escaped too).
    pub fn dry_run_text(&self) -> String {
        let sent = self.wire_headers();
        let headers = sent
            .iter()
            .map(|(name, value)| match *name == headers::USER_SIGNATURE {
                true => (*name, "<redacted>"),
                false => (*name, value.as_str()),
            });
        request_text("POST", &self.url, headers, &self.body)
    }

    /// Every header in the order sent, the signature marked sensitive.
    pub(crate) fn headers(&self) -> anyhow::Result<Vec<(&'static str, HeaderValue)>> {
        self.wire_headers()
            .into_iter()
            .map(|(name, value)| {
                let mut header = HeaderValue::from_str(&value).map_err(|_| {
                    user_error_with_hint(
                        format!("{name} cannot be sent as an HTTP header"),
                        "a user id or client key with control or non-ASCII characters cannot reach the Inbox; check --user-id and --client-key",
                    )
                })?;
                header.set_sensitive(name == headers::USER_SIGNATURE);
                Ok((name, header))
            })
            .collect()
    }
}
