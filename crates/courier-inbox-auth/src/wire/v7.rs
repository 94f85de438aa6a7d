//! The v7 web SDK's Inbox requests (`@trycourier/client-graphql` 7.4.8, `src/client.ts` and
//! `src/inbox/count.ts`, posted through `urql` 2): the headers each mode sets and the
//! unread-count document it sends with real `variables`. v7 is what speaks the two modes
//! courier-js 3.x does not: the client key alone ("Default (No Auth)") and the legacy HMAC user
//! signature. `scripts/sdk-v7-inbox-request.js` records the real SDK into
//! `tests/fixtures/sdk_v7_unread_count_requests.json`, which the tests hold these facts to.

use serde::{Deserialize, Serialize};

use super::headers;
use super::socket_messages::as_text;

/// The `accept` header `urql` sets on every request.
pub const ACCEPT: &str = "application/graphql+json, application/json";
/// The `content-type` header `urql` sets on a POST.
pub const CONTENT_TYPE: &str = "application/json";
/// The v7 unread-count document as `graphql`'s `print` writes it (`GET_INBOX_COUNT`).
pub const UNREAD_COUNT_QUERY: &str =
    "query GetInboxCount($params: FilterParamsInput) {\n  count(params: $params)\n}\n";
/// The operation name `urql` sends next to the document.
pub const UNREAD_COUNT_OPERATION: &str = "GetInboxCount";

/// How a v7 client authenticates: a JWT (with the client key), the client key and user id
/// alone, or those with the legacy HMAC user signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials<'a> {
    Jwt { token: &'a str },
    ClientKey,
    Signature { signature: &'a str },
}

/// The headers the v7 stack sets, in the order it sends them, names as sent: `urql`'s `accept`
/// and `content-type`, then `createCourierClient`'s. In JWT mode the user comes from the token,
/// so no `x-courier-user-id` is sent. The `authorization` value is `Bearer <token>`.
pub fn inbox_headers<'a>(
    client_key: &'a str,
    user_id: &'a str,
    credentials: Credentials<'a>,
) -> Vec<(&'static str, String)> {
    let mut sent = vec![
        ("accept", ACCEPT.to_string()),
        ("content-type", CONTENT_TYPE.to_string()),
    ];
    match credentials {
        Credentials::Jwt { token } => {
            sent.push(("authorization", format!("Bearer {token}")));
            sent.push((headers::CLIENT_KEY, client_key.to_string()));
        }
        Credentials::ClientKey | Credentials::Signature { .. } => {
            sent.push((headers::CLIENT_KEY, client_key.to_string()));
            sent.push((headers::USER_ID, user_id.to_string()));
        }
    }
    if let Credentials::Signature { signature } = credentials {
        sent.push((headers::USER_SIGNATURE, signature.to_string()));
    }
    sent
}

/// A GraphQL body as `urql` writes it: `{"query", "operationName", "variables"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrqlBody<V> {
    pub query: String,
    #[serde(rename = "operationName")]
    pub operation_name: String,
    pub variables: V,
}

/// The unread count's variables: `{"params": {"status", "accountId"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountVariables {
    pub params: CountParams,
}

/// The v7 SDK's filter for the count: a status, and a tenant as `accountId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountParams {
    pub status: String,
    #[serde(rename = "accountId", default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// The unread-count body as `urql` writes it, the params `{"status":"unread"}` plus
/// `accountId` for a tenant (the SDK's `tenantId`).
pub fn unread_count(tenant: Option<&str>) -> UrqlBody<CountVariables> {
    UrqlBody {
        query: UNREAD_COUNT_QUERY.to_string(),
        operation_name: UNREAD_COUNT_OPERATION.to_string(),
        variables: CountVariables {
            params: CountParams {
                status: "unread".to_string(),
                account_id: tenant.map(str::to_string),
            },
        },
    }
}

/// [`unread_count`] as JSON text.
pub fn unread_count_body(tenant: Option<&str>) -> String {
    as_text(&unread_count(tenant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_per_mode() {
        let names = |credentials| -> Vec<&str> {
            inbox_headers("ck", "u", credentials)
                .into_iter()
                .map(|(name, _)| name)
                .collect()
        };
        assert_eq!(
            names(Credentials::ClientKey),
            [
                "accept",
                "content-type",
                headers::CLIENT_KEY,
                headers::USER_ID
            ]
        );
        assert_eq!(
            names(Credentials::Signature { signature: "s" }).last(),
            Some(&headers::USER_SIGNATURE)
        );
        assert_eq!(
            names(Credentials::Jwt { token: "t" }),
            [
                "accept",
                "content-type",
                "authorization",
                headers::CLIENT_KEY
            ]
        );
        assert!(
            unread_count_body(Some("acme")).ends_with(r#""status":"unread","accountId":"acme"}}}"#)
        );
    }
}
