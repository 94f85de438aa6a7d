//! `POST /q`, the Inbox GraphQL endpoint: read the body as a GraphQL request (a body that is
//! not one gets GraphQL's `{"errors": […]}` with a 400, never a crash), see whether it is a
//! query or a mutation (the scope it needs), ask the policy, and either answer 401 or execute
//! it as the user the policy names (a badge's count-only document by its [`CountPlan`], the
//! rest by async-graphql).
//!
//! [`CountPlan`]: super::count_plan::CountPlan

use std::sync::Arc;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::app::{App, REQUEST_TIMEOUT};
use super::auth::{Decision, Need};
use super::control::journal::OperationNote;
use super::graphql::Viewer;
use super::graphql_body::graphql_request;
use super::graphql_limits::execute_within_limits;
use super::log;
use super::responses::{credentials, for_user, refusal, source_id};

pub(crate) async fn inbox_graphql(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut request = match graphql_request(&headers, &body) {
        Ok(request) => request,
        Err(refused) => return refused.into_response(),
    };
    let prepared = app.documents.prepare(&mut request);
    // Taken out for the moment the parsed document is borrowed, and put back: no copy.
    let operation = request.operation_name.take();
    let journaled = operation.clone().or(prepared.first_operation);
    // A plan's document is a query; asking for the document would parse it again.
    let need = match &prepared.count_plan {
        Some(_) => Need::Read,
        None => match request.parsed_query() {
            Ok(document) => need_of(document, operation.as_deref()),
            Err(_) => Need::Read,
        },
    };
    request.operation_name = operation;
    let credentials = credentials(&headers);
    let what = "POST /q";
    match app
        .authority
        .decide(&credentials, need, app.workspace.now_seconds())
    {
        Decision::Refuse(why) => {
            log::refused(&app, what, credentials.user_id, &why);
            let mut response = refusal(&why, credentials.user_id);
            if let Some(operation) = journaled {
                response.extensions_mut().insert(OperationNote(operation));
            }
            response
        }
        Decision::Serve { access, finding } => {
            if let Some(finding) = &finding {
                log::finding(&app, what, &access.user_id, finding);
            }
            let planned = prepared.count_plan.and_then(|plan| {
                plan.answer(&request.variables, |filter| {
                    if access.empty {
                        0
                    } else {
                        app.workspace.count(&access.user_id, filter)
                    }
                })
            });
            let response = match planned {
                Some(body) => ([(CONTENT_TYPE, "application/json")], body).into_response(),
                None => {
                    let viewer = Viewer {
                        user_id: access.user_id.clone(),
                        empty: access.empty,
                        source: source_id(&headers),
                    };
                    let request = request.data(viewer);
                    let response =
                        execute_within_limits(&app.schema, request, REQUEST_TIMEOUT).await;
                    Json(response).into_response()
                }
            };
            let mut response = for_user(response, &access.user_id);
            if let Some(operation) = journaled {
                response.extensions_mut().insert(OperationNote(operation));
            }
            response
        }
    }
}

/// A document that would run a mutation needs the write scope; anything else the read scope.
fn need_of(document: &ExecutableDocument, operation: Option<&str>) -> Need {
    let mutation = |ty: OperationType| ty == OperationType::Mutation;
    let writes = match (&document.operations, operation) {
        (DocumentOperations::Single(single), _) => mutation(single.node.ty),
        (DocumentOperations::Multiple(many), Some(name)) => many
            .iter()
            .any(|(op_name, op)| op_name.as_str() == name && mutation(op.node.ty)),
        (DocumentOperations::Multiple(many), None) => many.values().any(|op| mutation(op.node.ty)),
    };
    if writes {
        Need::Write
    } else {
        Need::Read
    }
}
