//! courier-js 3.x's Inbox unread-count request as a type, for a client to send and a server to
//! read: `getUnreadMessageCount` (`src/client/inbox-client.ts`) posts through `graphql()`
//! (`src/utils/request.ts`) to `POST {inbox}/q` with `Content-Type: application/json`,
//! `x-courier-user-id`, `Authorization: Bearer <jwt>` and the body `JSON.stringify({query})`
//! ([`GraphqlBody`]), the query written by `graphql::unread_count_query`. What a client adds of
//! its own (`fetch`'s `Accept: */*`, a `User-Agent`) and how it sends it are the client's;
//! `tests/fixtures/sdk_unread_count_requests.json`, recorded from the real SDK, holds this to it.

use serde::{Deserialize, Serialize};

use super::graphql::unread_count_query;
use super::headers;
use super::socket_messages::as_text;
use super::urls::INBOX_GRAPHQL_PATH;

/// The method courier-js posts with.
pub const METHOD: &str = "POST";
/// The `Content-Type` header courier-js sets.
pub const CONTENT_TYPE: &str = "application/json";
/// The `Accept` header `fetch` adds by itself, in the browser and in Node.
pub const FETCH_ACCEPT: &str = "*/*";

/// A GraphQL request body as courier-js writes it: `{"query": …}`, no `variables`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphqlBody {
    pub query: String,
}

impl GraphqlBody {
    /// The body as JSON text, as `JSON.stringify` writes it.
    pub fn to_text(&self) -> String {
        as_text(self)
    }
}

/// One unread-count request for `user_id`, in `tenant` if any; the token is the sender's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadCountRequest {
    pub user_id: String,
    pub tenant: Option<String>,
}

impl UnreadCountRequest {
    /// The path under the Inbox's base URL.
    pub const PATH: &'static str = INBOX_GRAPHQL_PATH;

    pub fn new(user_id: &str, tenant: Option<&str>) -> Self {
        Self {
            user_id: user_id.to_string(),
            tenant: tenant.map(str::to_string),
        }
    }

    /// The headers courier-js sets before `Authorization`, in its order.
    pub fn headers_before_authorization(&self) -> [(&'static str, &str); 2] {
        [
            ("Content-Type", CONTENT_TYPE),
            (headers::USER_ID, &self.user_id),
        ]
    }

    /// The `Authorization` header's value for `token`.
    pub fn authorization(token: &str) -> String {
        format!("Bearer {token}")
    }

    /// The body: the unread-count query, a tenant as its `accountId`.
    pub fn body(&self) -> GraphqlBody {
        GraphqlBody {
            query: unread_count_query(self.tenant.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_json_stringify_of_the_query() {
        let body = UnreadCountRequest::new("u", Some("acme")).body();
        let text = body.to_text();
        assert!(
            text.starts_with(r#"{"query":"\n      query GetMessages {"#),
            "{text}"
        );
        assert!(text.contains(r#"accountId: \"acme\""#), "{text}");
        assert_eq!(serde_json::from_str::<GraphqlBody>(&text).ok(), Some(body));
    }
}
