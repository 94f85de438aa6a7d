//! The Inbox GraphQL documents as Courier's SDKs write them. courier-js puts every value into
//! the query text (mostly as default values of variable definitions) and sends no `variables`;
//! strings go through its `escapeGraphQLString` (`src/utils/graphql.ts`).

use std::fmt::Write as _;

/// The unread-count query exactly as courier-js writes it in `getUnreadMessageCount`
/// (`src/client/inbox-client.ts`, its template literal, indentation and all); a tenant goes in
/// the params as `accountId`, escaped as a GraphQL string.
pub fn unread_count_query(tenant: Option<&str>) -> String {
    let account = tenant
        .map(|tenant| format!(", accountId: \"{}\"", escape_graphql_string(tenant)))
        .unwrap_or_default();
    format!(
        "\n      query GetMessages {{\n        count(params: {{ status: \"unread\" {account} }})\n      }}\n    "
    )
}

/// A GraphQL string literal's contents: backslash, quote and control characters escaped, as
/// the SDK's own `escapeGraphQLString` does.
pub fn escape_graphql_string(text: &str) -> String {
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

/// The input type every Inbox filter is declared with in the SDKs' variable definitions
/// (`$params: FilterParamsInput = { … }`); a server must call its filter type exactly this.
pub const FILTER_PARAMS_INPUT: &str = "FilterParamsInput";

/// The Inbox mutations courier-js sends (`mutation TrackEvent { read(messageId: "…") }`, batches
/// as `open_0: opened(…)`): those naming one message, then those acting on the whole inbox.
pub const MESSAGE_MUTATIONS: [&str; 6] = [
    "read",
    "unread",
    "opened",
    "archive",
    "unarchive",
    "clicked",
];
pub const INBOX_MUTATIONS: [&str; 3] = ["markAllRead", "archiveRead", "archiveAll"];

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
}
