//! `POST /client/q` as courier-js calls it: `Authorization: Bearer <jwt>`, `x-courier-user-id`,
//! `x-courier-client-key: empty`. The caller is checked by the workspace's policy
//! (`client_access`), then the document's root fields say which scopes it needs —
//! `read:preferences` to read preferences, `write:preferences` for `updatePreferenceV2`,
//! `read:brands` (or `read:brands:<id>` for that brand) for `brand` and `inAppBrand` — checked
//! before anything runs, fragments followed; then `schema` executes it as that user.

use std::collections::BTreeSet;
use std::sync::Arc;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::Value as GraphqlValue;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::super::app::{App, REQUEST_TIMEOUT};
use super::super::client_access::{caller, require_scope, Caller};
use super::super::error_bodies::graphql_error;
use super::super::graphql_body::graphql_request;
use super::super::graphql_limits::{check_document, execute_within_limits};
use super::super::responses::{credentials, for_user, invalid_request};
use super::schema::Preferrer;

const WHAT: &str = "POST /client/q";

pub(crate) async fn client_graphql(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut request = match graphql_request(&headers, &body) {
        Ok(request) => request,
        Err(refused) => return refused.into_response(),
    };
    let caller = match caller(&app, &headers, None, WHAT) {
        Ok(caller) => caller,
        Err(refused) => return refused.into_response(),
    };
    let user_id = match &caller {
        Caller::User(access) => access.user_id.clone(),
        Caller::ApiKey => match credentials(&headers).user_id {
            Some(user) => user.to_string(),
            None => return invalid_request("the API key as Bearer needs x-courier-user-id: the user whose preferences these are"),
        },
    };
    if let Ok(document) = request.parsed_query() {
        // Costed first (fragments expanded, the same limits as /q), so the scope walk below
        // never meets a fan-out.
        if let Err(exceeded) = check_document(document) {
            return graphql_error(StatusCode::OK, &exceeded);
        }
        let Some(needs) = needed_scopes(document) else {
            // A root field hidden deeper than the walk goes would run unchecked: refused.
            return graphql_error(
                StatusCode::BAD_REQUEST,
                &format!("fragments nested more than {MAX_ROOT_FRAGMENT_DEPTH} deep at the root are not served"),
            );
        };
        for scopes in needs {
            if let Err(refused) = require_scope(&app, &caller, &scopes, WHAT) {
                return refused.into_response();
            }
        }
    }
    let request = request.data(Preferrer {
        user_id: user_id.clone(),
    });
    let response = execute_within_limits(&app.client_schema, request, REQUEST_TIMEOUT).await;
    for_user(Json(response).into_response(), &user_id)
}

/// How deep fragments may nest around a root field: the scope walk follows them that far.
const MAX_ROOT_FRAGMENT_DEPTH: usize = 8;

/// For each root field of every operation (fragments followed), the scopes any one of which
/// allows it.
/// `None` when fragments nest deeper than [`MAX_ROOT_FRAGMENT_DEPTH`] (fail closed).
fn needed_scopes(document: &ExecutableDocument) -> Option<BTreeSet<Vec<String>>> {
    let mut needs = BTreeSet::new();
    for (_, operation) in document.operations.iter() {
        root_fields(document, &operation.node.selection_set.node, &mut needs, 0)?;
    }
    Some(needs)
}

fn root_fields(
    document: &ExecutableDocument,
    set: &SelectionSet,
    needs: &mut BTreeSet<Vec<String>>,
    depth: usize,
) -> Option<()> {
    if depth > MAX_ROOT_FRAGMENT_DEPTH {
        return None;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                let brand_id = field.arguments.iter().find_map(|(name, value)| {
                    match (name.node.as_str(), value.node.clone().into_const()) {
                        ("brandId", Some(GraphqlValue::String(id))) => Some(id),
                        _ => None,
                    }
                });
                if let Some(scopes) = scopes_for(field.name.node.as_str(), brand_id) {
                    needs.insert(scopes);
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    root_fields(
                        document,
                        &fragment.node.selection_set.node,
                        needs,
                        depth + 1,
                    )?;
                }
            }
            Selection::InlineFragment(inline) => {
                root_fields(document, &inline.node.selection_set.node, needs, depth + 1)?;
            }
        }
    }
    Some(())
}

fn scopes_for(field: &str, brand_id: Option<String>) -> Option<Vec<String>> {
    let scopes = match field {
        "preferencePage"
        | "draftPreferencePage"
        | "recipientPreferences"
        | "recipientPreference"
        | "recipientPreferenceTopic"
        | "digestSchedulesForTopic" => {
            vec!["read:preferences".to_string()]
        }
        "updatePreferenceV2" => vec!["write:preferences".to_string()],
        "brand" | "inAppBrand" => {
            let mut scopes = vec!["read:brands".to_string()];
            scopes.extend(brand_id.map(|id| format!("read:brands:{id}")));
            scopes
        }
        _ => return None,
    };
    Some(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_fields_name_their_scopes_through_fragments() {
        let document = async_graphql::parser::parse_query(
            "query { ...F brand(brandId: \"b1\") { name } } fragment F on ClientQuery { recipientPreferences { nodes { status } } }",
        )
        .unwrap();
        let needs: Vec<Vec<String>> = needed_scopes(&document)
            .expect("shallow")
            .into_iter()
            .collect();
        assert_eq!(
            needs,
            vec![
                vec!["read:brands".to_string(), "read:brands:b1".to_string()],
                vec!["read:preferences".to_string()],
            ]
        );
    }
}
