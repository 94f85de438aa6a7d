//! `POST /q`, the Inbox GraphQL endpoint: read the body as a GraphQL request (a body that is
//! not one gets GraphQL's `{"errors": […]}` with a 400, never a crash), see whether it is a
//! query or a mutation (the scope it needs), ask the policy, and either answer 401 or execute
//! it as the user the policy names.

use std::sync::Arc;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::app::App;
use super::auth::{Decision, Need};
use super::graphql::Viewer;
use super::log;
use super::responses::{credentials, for_user, refusal, source_id};
use super::settings::LogLevel;

pub(crate) async fn inbox_graphql(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            let message = format!("the body is not a GraphQL request ({{\"query\": …}}): {error}");
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"errors": [{"message": message}]})),
            )
                .into_response();
        }
    };
    app.documents.prepare(&mut request);
    // Taken out for the moment the parsed document is borrowed, and put back: no copy.
    let operation = request.operation_name.take();
    let need = match request.parsed_query() {
        Ok(document) => need_of(document, operation.as_deref()),
        Err(_) => Need::Read,
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
            refusal(&why)
        }
        Decision::Serve { access, finding } => {
            if let Some(finding) = &finding {
                log::finding(&app, what, &access.user_id, finding);
            }
            // The user id is copied only for the request log, when it is on.
            let logged = (app.log >= LogLevel::Requests).then(|| access.user_id.clone());
            let viewer = Viewer {
                user_id: access.user_id,
                empty: access.empty,
                source: source_id(&headers),
            };
            let response = Json(app.schema.execute(request.data(viewer)).await).into_response();
            match logged {
                Some(user) => for_user(response, &user),
                None => response,
            }
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
