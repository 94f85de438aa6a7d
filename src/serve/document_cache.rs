//! Parsed GraphQL documents kept by their query text. courier-js, the v7 SDK and the mobile SDKs
//! send the same few documents on every request, so `POST /q` parses each text once and hands
//! async-graphql a copy of the parsed document afterwards. The cache is bounded: at most
//! [`MAX_DOCUMENTS`] documents of at most [`MAX_QUERY_BYTES`] each, first come first kept (the
//! SDKs' documents arrive first and stay), so a client that writes a new text per request costs
//! memory only up to the bound and is parsed as before. A text that does not parse is never
//! kept: its error comes from async-graphql's own parse, as without the cache. A document
//! that selects only `count` is kept with its [`CountPlan`], and a request that runs the plan
//! gets no copy of the document at all.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use async_graphql::parser::types::ExecutableDocument;

use super::count_plan::CountPlan;

/// How many different query texts are kept.
pub(crate) const MAX_DOCUMENTS: usize = 64;

/// Longer texts are parsed on every request and never kept.
pub(crate) const MAX_QUERY_BYTES: usize = 16 * 1024;

/// A query text parsed, the name its text gives its first operation, and its plan when it
/// selects only `count`.
struct Parsed {
    document: ExecutableDocument,
    first_operation: Option<String>,
    count_plan: Option<Arc<CountPlan>>,
}

/// What [`DocumentCache::prepare`] found for a request.
pub(crate) struct Prepared {
    /// The name of the text's first operation (async-graphql's parser keeps no name for a
    /// lone operation; the journal wants it).
    pub(crate) first_operation: Option<String>,
    /// The plan that answers this request without the executor; when it is set, the request
    /// was given no parsed document.
    pub(crate) count_plan: Option<Arc<CountPlan>>,
}

/// Query text → its parsed document.
#[derive(Default)]
pub(crate) struct DocumentCache {
    documents: RwLock<HashMap<Box<str>, Parsed>>,
}

impl DocumentCache {
    /// Gives `request` its parsed document from the cache, or parses it and keeps it — or,
    /// when the request runs a kept [`CountPlan`], gives it the plan instead of a document.
    /// A text that does not parse is left for async-graphql to report.
    pub(crate) fn prepare(&self, request: &mut async_graphql::Request) -> Prepared {
        let text = request.query.as_str();
        if text.len() > MAX_QUERY_BYTES {
            return Prepared {
                first_operation: first_operation_name(text),
                count_plan: None,
            };
        }
        if let Ok(documents) = self.documents.read() {
            if let Some(parsed) = documents.get(text) {
                let first_operation = parsed.first_operation.clone();
                let asked = request.operation_name.as_deref();
                let count_plan = parsed.count_plan.as_ref().filter(|plan| plan.runs(asked));
                if count_plan.is_none() {
                    request.set_parsed_query(parsed.document.clone());
                }
                return Prepared {
                    first_operation,
                    count_plan: count_plan.cloned(),
                };
            }
        }
        let first_operation = first_operation_name(text);
        let key: Box<str> = text.into();
        let Ok(document) = request.parsed_query().cloned() else {
            return Prepared {
                first_operation,
                count_plan: None,
            };
        };
        if let Ok(mut documents) = self.documents.write() {
            if documents.len() < MAX_DOCUMENTS {
                let parsed = Parsed {
                    count_plan: CountPlan::of(&document).map(Arc::new),
                    document,
                    first_operation: first_operation.clone(),
                };
                documents.insert(key, parsed);
            }
        }
        Prepared {
            first_operation,
            count_plan: None,
        }
    }

    /// How many documents are kept (for the tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.documents.read().map_or(0, |documents| documents.len())
    }
}

/// The name of the first operation in a document's text (`query GetMessages(…)` →
/// `GetMessages`), for the journal; `None` for an anonymous one.
fn first_operation_name(query: &str) -> Option<String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = ["query", "mutation", "subscription"]
        .iter()
        .filter_map(|keyword| {
            query
                .match_indices(keyword)
                .find(|(at, _)| !query[..*at].ends_with(is_name))
                .map(|(at, _)| at + keyword.len())
        })
        .min()?;
    let rest = query[start..].trim_start();
    let name: String = rest.chars().take_while(|c| is_name(*c)).collect();
    (!name.is_empty() && !query[start..].starts_with(is_name)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_parsed_once_and_reused() {
        let cache = DocumentCache::default();
        for _ in 0..3 {
            let mut request = async_graphql::Request::new("query { count }");
            cache.prepare(&mut request);
            assert!(request.parsed_query().is_ok());
        }
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_cache_stays_bounded_and_skips_bad_or_long_texts() {
        let cache = DocumentCache::default();
        for n in 0..MAX_DOCUMENTS + 10 {
            cache.prepare(&mut async_graphql::Request::new(format!(
                "query Q{n} {{ count }}"
            )));
        }
        assert_eq!(cache.len(), MAX_DOCUMENTS);
        let other = DocumentCache::default();
        let mut bad = async_graphql::Request::new("query {");
        other.prepare(&mut bad);
        assert!(bad.parsed_query().is_err());
        let long = format!("query {{ count }} #{}", "x".repeat(MAX_QUERY_BYTES));
        other.prepare(&mut async_graphql::Request::new(long));
        assert_eq!(other.len(), 0);
    }

    #[test]
    fn a_lone_operation_is_named_from_its_text() {
        let named = first_operation_name;
        assert_eq!(
            named("query GetMessages($a: Int) { count }").as_deref(),
            Some("GetMessages")
        );
        assert_eq!(
            named("  mutation\n  TrackEvent { read(messageId: \"x\") }").as_deref(),
            Some("TrackEvent")
        );
        assert_eq!(named("query ($a: Int) { count }"), None);
        assert_eq!(named("{ count }"), None);
    }
}
