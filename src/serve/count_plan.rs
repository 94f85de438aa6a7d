//! The unread badge's document answered without the executor. Every SDK asks for its badge
//! with a document that selects only `count` — courier-js with its filter written in
//! (`count(params: { status: "unread" })`), the v7 SDK with it in a variable
//! (`count(params: $params)`) — and that request is the one an Inbox sends most. A
//! [`CountPlan`] is made once per such text (kept with its parsed document) and answers it
//! by counting the user's messages and writing `{"data":{"count":N}}` straight away, the
//! bytes the executor writes for it. Anything the plan does not cover exactly — another
//! field, a fragment, a directive, an argument that does not read as a filter, a variable
//! that is not given, an operation name the document does not have — is left to the
//! executor, which answers it (and its errors) as before: the plan is only ever a shortcut.

use std::fmt::Write as _;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, OperationDefinition, OperationType, Selection,
};
use async_graphql::{Name, Positioned, Variables};

use super::graphql::count_filter;
use super::inbox::Filter;

/// The most `count` fields a planned document may select (courier-js selects one per tab).
const MAX_COUNTS: usize = 16;

/// A document that selects only `count` fields, ready to answer without the executor.
#[derive(Clone)]
pub(crate) struct CountPlan {
    /// The operation's name when the document names it (async-graphql keeps a lone named
    /// operation under its name, an anonymous one under none).
    name: Option<Name>,
    /// The operation, for its variable definitions.
    operation: Positioned<OperationDefinition>,
    /// Each field's key in the answer, and its filter.
    counts: Vec<(Name, Params)>,
}

/// A `count` field's `params`.
#[derive(Clone)]
enum Params {
    /// Written in the document (or left out): read once, when the plan is made.
    Written(Filter),
    /// Holding a variable somewhere: read from the field on each request.
    WithVariables(Field),
}

impl CountPlan {
    /// The plan of `document`, when it is one operation, a query, selecting nothing but
    /// `count` fields under distinct keys, with no fragments or directives.
    pub(crate) fn of(document: &ExecutableDocument) -> Option<CountPlan> {
        if !document.fragments.is_empty() {
            return None;
        }
        let (name, operation) = match &document.operations {
            DocumentOperations::Single(operation) => (None, operation),
            DocumentOperations::Multiple(operations) if operations.len() == 1 => {
                let (name, operation) = operations.iter().next()?;
                (Some(name.clone()), operation)
            }
            DocumentOperations::Multiple(_) => return None,
        };
        let definition = &operation.node;
        let plain_variables = definition
            .variable_definitions
            .iter()
            .all(|variable| variable.node.directives.is_empty());
        if definition.ty != OperationType::Query
            || !definition.directives.is_empty()
            || !plain_variables
        {
            return None;
        }
        let items = &definition.selection_set.node.items;
        if items.is_empty() || items.len() > MAX_COUNTS {
            return None;
        }
        let mut counts: Vec<(Name, Params)> = Vec::with_capacity(items.len());
        for item in items {
            let Selection::Field(field) = &item.node else {
                return None;
            };
            let field = &field.node;
            let key = field.alias.as_ref().unwrap_or(&field.name).node.clone();
            let only_params = field
                .arguments
                .iter()
                .all(|(argument, _)| argument.node == "params");
            if field.name.node != "count"
                || !field.directives.is_empty()
                || !field.selection_set.node.items.is_empty()
                || field.arguments.len() > 1
                || !only_params
                || counts.iter().any(|(taken, _)| *taken == key)
            {
                return None;
            }
            let params = match field.arguments.first() {
                None => Params::Written(count_filter(None)?),
                Some((_, value)) => match value.node.clone().into_const() {
                    Some(written) => Params::Written(count_filter(Some(written))?),
                    None => Params::WithVariables(field.clone()),
                },
            };
            counts.push((key, params));
        }
        Some(CountPlan {
            name,
            operation: operation.clone(),
            counts,
        })
    }

    /// Whether a request naming `operation` (or none) runs this plan's operation, as the
    /// executor picks it: a named operation by its name or alone, an anonymous one unnamed.
    pub(crate) fn runs(&self, operation: Option<&str>) -> bool {
        match (&self.name, operation) {
            (_, None) => true,
            (Some(name), Some(asked)) => name.as_str() == asked,
            (None, Some(_)) => false,
        }
    }

    /// The answer's body, `{"data":{…}}`, counting with `count` (the user's messages that
    /// pass a filter); `None` when a variable is missing or does not read as a filter, for
    /// the executor to answer.
    pub(crate) fn answer(
        &self,
        variables: &Variables,
        count: impl Fn(&Filter) -> usize,
    ) -> Option<String> {
        let mut body = String::with_capacity(16 + 24 * self.counts.len());
        body.push_str("{\"data\":{");
        for (at, (key, params)) in self.counts.iter().enumerate() {
            let n = match params {
                Params::Written(filter) => count(filter),
                Params::WithVariables(field) => count(&self.filter_from(field, variables)?),
            };
            let comma = if at == 0 { "" } else { "," };
            // A key is a GraphQL name (letters, digits, `_`): nothing to escape.
            write!(body, "{comma}\"{key}\":{n}").ok()?;
        }
        body.push_str("}}");
        Some(body)
    }

    /// `field`'s `params` with its variables given their values as the executor gives them
    /// (the request's, else the definition's default, else null for a nullable one), read as
    /// a filter.
    fn filter_from(&self, field: &Field, variables: &Variables) -> Option<Filter> {
        let definitions = &self.operation.node.variable_definitions;
        let (_, value) = field.arguments.first()?;
        let resolved = value.node.clone().into_const_with(|name| {
            definitions
                .iter()
                .find(|definition| definition.node.name.node == name)
                .and_then(|definition| {
                    variables
                        .get(&definition.node.name.node)
                        .or_else(|| definition.node.default_value())
                })
                .cloned()
                .ok_or(())
        });
        count_filter(Some(resolved.ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::super::graphql::{schema, Viewer};
    use super::super::message::parse_new_message;
    use super::super::state::Workspace;
    use super::*;

    fn plan(text: &str) -> Option<CountPlan> {
        CountPlan::of(&async_graphql::parser::parse_query(text).expect("a document"))
    }

    #[test]
    fn the_sdks_badge_documents_are_planned() {
        let courier_js = "\n      query GetMessages {\n        count(params: { status: \"unread\"  })\n      }\n    ";
        let v7 = "query GetInboxCount($params: FilterParamsInput) {\n  count(params: $params)\n}\n";
        let tabs = "query { all: count unread: count(params: { status: \"unread\" }) }";
        for text in [courier_js, v7, tabs] {
            assert!(plan(text).is_some(), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_executor() {
        for text in [
            "query { count messages { totalCount } }",
            "mutation { count }",
            "query { count @skip(if: true) }",
            "query { count count }",
            "query { count(params: { status: \"sent\" }) }",
            "query { count(other: 1) }",
            "query { ...F } fragment F on Query { count }",
            "query A { count } query B { count }",
        ] {
            assert!(plan(text).is_none(), "{text}");
        }
    }

    #[test]
    fn the_answer_counts_each_key_and_reads_variables_as_the_executor_does() {
        let plan = plan("query Q($p: FilterParamsInput) { a: count b: count(params: $p) }")
            .expect("a plan");
        let unread_only = |filter: &Filter| usize::from(filter.status.is_some()) + 2;
        let variables = |json: &str| Variables::from_json(serde_json::from_str(json).unwrap());
        assert_eq!(
            plan.answer(&variables(r#"{"p":{"status":"unread"}}"#), unread_only)
                .as_deref(),
            Some(r#"{"data":{"a":2,"b":3}}"#)
        );
        assert_eq!(
            plan.answer(&variables("{}"), unread_only).as_deref(),
            Some(r#"{"data":{"a":2,"b":2}}"#)
        );
        assert_eq!(
            plan.answer(&variables(r#"{"p":{"status":"sent"}}"#), unread_only),
            None
        );
        assert!(plan.runs(None) && plan.runs(Some("Q")) && !plan.runs(Some("R")));
    }

    /// A workspace where each filter gives a different count: alice has 7 messages, of
    /// them 2 read, 1 archived, 2 of tenant acme (1 tagged `billing`), 3 created in 2024.
    fn workspace() -> std::sync::Arc<Workspace> {
        let workspace = Workspace::new(Some(1_800_000_000_000));
        let lines = [
            r#"{"user_id":"alice","title":"a","created":1600000000000}"#,
            r#"{"user_id":"alice","title":"b","read":true,"created":1600000000000}"#,
            r#"{"user_id":"alice","title":"c","read":true,"created":1600000000000}"#,
            r#"{"user_id":"alice","title":"d","archived":true,"created":1710000000000}"#,
            r#"{"user_id":"alice","title":"e","tenant":"acme","tags":["billing"],"created":1710000000000}"#,
            r#"{"user_id":"alice","title":"f","tenant":"acme","created":1710000000000}"#,
            r#"{"user_id":"alice","title":"g","created":1600000000000}"#,
            r#"{"user_id":"bob","title":"h"}"#,
        ];
        for line in lines {
            let value = serde_json::from_str(line).unwrap();
            workspace.add(parse_new_message(&value, workspace.now()).unwrap());
        }
        std::sync::Arc::new(workspace)
    }

    /// Whatever the plan answers is byte for byte what the executor answers for the same
    /// request, for every SDK's shape of the badge query and every filter; the requests it
    /// leaves to the executor are the ones that fail there.
    #[tokio::test]
    async fn a_planned_answer_is_the_executors_answer() {
        let workspace = workspace();
        let schema = schema(std::sync::Arc::clone(&workspace));
        let v7 = "query GetInboxCount($params: FilterParamsInput) {\n  count(params: $params)\n}\n";
        let cases: &[(&str, &str, bool)] = &[
            ("\n      query GetMessages {\n        count(params: { status: \"unread\"  })\n      }\n    ", "{}", true),
            (v7, r#"{"params":{"status":"unread"}}"#, true),
            (v7, r#"{"params":{"status":"unread","accountId":"acme"}}"#, true),
            (v7, r#"{"params":{"tags":["billing"],"accountId":"acme"}}"#, true),
            (v7, r#"{"params":{"archived":true}}"#, true),
            (v7, r#"{"params":{"from":"2024-01-01T00:00:00Z"}}"#, true),
            (v7, r#"{"params":{"from":1704067200000}}"#, true),
            (v7, r#"{"params":null}"#, true),
            (v7, "{}", true),
            (v7, r#"{"params":{"status":"sent"}}"#, false),
            (v7, r#"{"params":{"from":"yesterday"}}"#, false),
            (v7, r#"{"params":{"unknown":1}}"#, true),
            (v7, r#"{"params":"unread"}"#, false),
            ("query Q($s: String) { count(params: { status: $s }) }", r#"{"s":"read"}"#, true),
            ("query Q($s: String) { count(params: { status: $s }) }", "{}", true),
            ("query Q($s: String = \"read\") { count(params: { status: $s }) }", "{}", true),
            ("query Q($s: String!) { count(params: { status: $s }) }", "{}", false),
            ("query ($t: String) { count(params: { accountId: $u }) }", r#"{"t":"acme"}"#, false),
            ("{ all: count unread: count(params: {status: \"unread\"}) acme: count(params: {accountId: \"acme\"}) }", "{}", true),
        ];
        for (text, variables, planned) in cases {
            let variables = Variables::from_json(serde_json::from_str(variables).unwrap());
            let plan = plan(text).expect("a plan");
            for (user, empty) in [("alice", false), ("alice", true), ("nobody", false)] {
                let answer = plan.answer(&variables, |filter| match empty {
                    true => 0,
                    false => workspace.count(user, filter),
                });
                let viewer = Viewer {
                    user_id: user.to_string(),
                    empty,
                    source: None,
                };
                let request = async_graphql::Request::new(*text)
                    .variables(variables.clone())
                    .data(viewer);
                let executed = serde_json::to_string(&schema.execute(request).await).unwrap();
                match &answer {
                    Some(answer) => assert_eq!(answer, &executed, "{text} {variables:?}"),
                    None => assert!(executed.contains("\"errors\""), "{text}: {executed}"),
                }
                assert_eq!(answer.is_some(), *planned, "{text} {variables:?}");
            }
        }
    }
}
