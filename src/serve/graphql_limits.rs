//! The limits every GraphQL endpoint of `serve` runs its documents under, in one place so each
//! schema (the Inbox's `/q`, and any other) gets the same: async-graphql's own depth,
//! complexity, recursion and directive limits on the schema ([`limited`]); before any of
//! async-graphql's validation runs, a count of the document's fields and aliases with every
//! fragment spread expanded, in time linear in the document ([`check_document`]; async-graphql's
//! complexity rule expands spreads without memory and takes minutes on a 1 KB fan-out); a
//! budget on the bytes a response may hold, charged by the resolvers that return data
//! ([`charge`]); and execution cut off at the request time limit ([`execute_within_limits`]).
//! What the limits are is here; what a field costs is the schema's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Context, Executor, Request, Response, SchemaBuilder, ServerError};

/// The deepest selection a document may nest (the SDKs' documents nest 4 deep).
const MAX_DEPTH: usize = 12;
/// async-graphql's complexity (fields, expanded) a document may reach.
const MAX_COMPLEXITY: usize = 2_000;
/// Fields a document may select with every fragment spread expanded (the SDKs' largest, the
/// v7 messages query with its counts, selects about 60).
pub(crate) const MAX_FIELDS: usize = 2_000;
/// Aliased fields a document may select, expanded (courier-js aliases one per tab).
pub(crate) const MAX_ALIASES: usize = 64;
/// Fragment definitions a document may hold.
const MAX_FRAGMENTS: usize = 256;
/// How many fragment spreads deep a document may go (it bounds this check's own recursion).
const MAX_SPREAD_DEPTH: usize = 32;
/// The most bytes a response may hold: a page of 1 000 messages of 10 KB fits twice over.
pub(crate) const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// `builder` with async-graphql's own limits.
pub(crate) fn limited<Q, M, S>(builder: SchemaBuilder<Q, M, S>) -> SchemaBuilder<Q, M, S> {
    builder
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(MAX_DEPTH * 2)
        .limit_directives(8)
}

/// Executes `request` on `executor` within every limit: a document over [`check_document`]'s
/// limits is refused before validation, the response budget is fresh, and execution stops
/// at `time_limit` (the request's, so the answer is GraphQL's `{"errors"}`, not a dropped
/// connection).
pub(crate) async fn execute_within_limits(
    executor: &impl Executor,
    mut request: Request,
    time_limit: Duration,
) -> Response {
    if let Ok(document) = request.parsed_query() {
        if let Err(exceeded) = check_document(document) {
            return Response::from_errors(vec![ServerError::new(exceeded, None)]);
        }
    }
    let budget = Arc::new(ResponseBudget(AtomicUsize::new(MAX_RESPONSE_BYTES)));
    let request = request.data(Arc::clone(&budget));
    let response = match tokio::time::timeout(time_limit, executor.execute(request)).await {
        Ok(response) => response,
        Err(_) => {
            return Response::from_errors(vec![ServerError::new(
                format!(
                    "the query ran longer than {} s and was stopped",
                    time_limit.as_secs()
                ),
                None,
            )])
        }
    };
    if budget.0.load(Ordering::Relaxed) == SPENT {
        // Over budget: none of the data, only why (a partial answer could be most of it).
        return Response::from_errors(vec![ServerError::new(over_budget(), None)]);
    }
    response
}

/// The budget's mark once a charge did not fit.
const SPENT: usize = usize::MAX;

fn over_budget() -> String {
    format!(
        "the response would pass {} MiB: ask for fewer messages or fewer aliases",
        MAX_RESPONSE_BYTES / (1024 * 1024)
    )
}

/// What a response may still hold, in bytes, for one request ([`SPENT`] once over).
struct ResponseBudget(AtomicUsize);

/// Charges `bytes` to the request's response budget: an error once a response would pass
/// [`MAX_RESPONSE_BYTES`]. Also a point where a long execution yields, so the time limit and
/// a stop can cut in. Free outside [`execute_within_limits`].
pub(crate) async fn charge(ctx: &Context<'_>, bytes: usize) -> async_graphql::Result<()> {
    tokio::task::consume_budget().await;
    let Some(budget) = ctx.data_opt::<Arc<ResponseBudget>>() else {
        return Ok(());
    };
    let spent = budget
        .0
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            (left != SPENT).then(|| left.checked_sub(bytes).unwrap_or(SPENT))
        });
    match spent {
        Ok(left) if left >= bytes => Ok(()),
        _ => Err(over_budget().into()),
    }
}

/// What a selection costs with its spreads expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cost {
    pub(crate) fields: usize,
    pub(crate) aliases: usize,
}

impl Cost {
    fn add(self, other: Cost) -> Cost {
        Cost {
            fields: self.fields.saturating_add(other.fields),
            aliases: self.aliases.saturating_add(other.aliases),
        }
    }
}

/// The document's cost with every fragment spread expanded (each fragment costed once), or
/// why it is refused: too many fragments, spreads too deep or in a cycle, or over
/// [`MAX_FIELDS`] or [`MAX_ALIASES`].
pub(crate) fn check_document(document: &ExecutableDocument) -> Result<Cost, String> {
    if document.fragments.len() > MAX_FRAGMENTS {
        return Err(format!(
            "the document defines {} fragments, more than {MAX_FRAGMENTS}",
            document.fragments.len()
        ));
    }
    let mut costing = Costing {
        document,
        costs: HashMap::new(),
    };
    let mut total = Cost::default();
    for (_, operation) in document.operations.iter() {
        let cost = costing.selection_set(&operation.node.selection_set.node, 0)?;
        total = total.add(cost);
    }
    if total.fields > MAX_FIELDS {
        return Err(format!(
            "the document selects {} fields with its fragments expanded, more than {MAX_FIELDS}",
            total.fields
        ));
    }
    if total.aliases > MAX_ALIASES {
        return Err(format!(
            "the document has {} aliased fields, more than {MAX_ALIASES}",
            total.aliases
        ));
    }
    Ok(total)
}

struct Costing<'d> {
    document: &'d ExecutableDocument,
    /// Each fragment's cost once known; `None` while it is being costed (a cycle).
    costs: HashMap<&'d str, Option<Cost>>,
}

impl<'d> Costing<'d> {
    fn selection_set(&mut self, set: &'d SelectionSet, spreads: usize) -> Result<Cost, String> {
        let mut cost = Cost::default();
        for item in &set.items {
            let item_cost = match &item.node {
                Selection::Field(field) => {
                    let inner = self.selection_set(&field.node.selection_set.node, spreads)?;
                    let own = Cost {
                        fields: 1,
                        aliases: usize::from(field.node.alias.is_some()),
                    };
                    own.add(inner)
                }
                Selection::InlineFragment(inline) => {
                    self.selection_set(&inline.node.selection_set.node, spreads)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str(), spreads + 1)?
                }
            };
            cost = cost.add(item_cost);
            if cost.fields > MAX_FIELDS {
                // Already over: no need to cost the rest (and no overflow to fear).
                return Ok(cost);
            }
        }
        Ok(cost)
    }

    fn fragment(&mut self, name: &'d str, spreads: usize) -> Result<Cost, String> {
        if spreads > MAX_SPREAD_DEPTH {
            return Err(format!(
                "fragment spreads nest more than {MAX_SPREAD_DEPTH} deep"
            ));
        }
        match self.costs.get(name) {
            Some(Some(cost)) => return Ok(*cost),
            Some(None) => return Err(format!("fragment {name} spreads itself")),
            None => {}
        }
        // An unknown fragment costs nothing here; validation names it.
        let Some(definition) = self.document.fragments.get(name) else {
            return Ok(Cost::default());
        };
        self.costs.insert(name, None);
        let cost = self.selection_set(&definition.node.selection_set.node, spreads)?;
        self.costs.insert(name, Some(cost));
        Ok(cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(query: &str) -> Result<Cost, String> {
        check_document(&async_graphql::parser::parse_query(query).expect("parses"))
    }

    #[test]
    fn a_fragment_fan_out_is_counted_expanded_and_refused() {
        let mut query = String::from("{ ...F0 }");
        for level in 0..30 {
            query.push_str(&format!(
                " fragment F{level} on QueryRoot {{ ...F{next} ...F{next} }}",
                next = level + 1
            ));
        }
        query.push_str(" fragment F30 on QueryRoot { count }");
        let refused = cost(&query).unwrap_err();
        assert!(
            refused.contains("fields with its fragments expanded"),
            "{refused}"
        );
    }

    #[test]
    fn fragments_are_costed_once_and_cycles_refused() {
        let cost = cost("{ a: count ...F ...F } fragment F on QueryRoot { b: count c: count }");
        assert_eq!(
            cost,
            Ok(Cost {
                fields: 5,
                aliases: 5
            })
        );
        assert!(
            super::tests::cost("{ ...A } fragment A on Q { ...B } fragment B on Q { ...A }")
                .unwrap_err()
                .contains("spreads itself")
        );
    }

    #[test]
    fn aliases_past_the_limit_are_refused() {
        let many: String = (0..=MAX_ALIASES).map(|n| format!("a{n}: count ")).collect();
        assert!(cost(&format!("{{ {many} }}"))
            .unwrap_err()
            .contains("aliased fields"));
    }
}
