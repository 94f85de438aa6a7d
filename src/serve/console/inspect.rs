//! `POST /__serve/console/inspect`: the console's token decoder. `{"text": …}` — a token,
//! `Authorization: Bearer …`, a curl command, a HAR — is read by the same `extract` and
//! explained by the same `inspection` as `courier-token inspect`, with serve's key as the key
//! (so "verified against serve's key" when serve signed it) and serve's workspace as the
//! expected tenant. The answer never carries the pasted text: a token's decoded header and
//! claims, what the extraction noticed, or — when there is no token — what the text is, in
//! `pasted_secret`'s words (an API key reduced to its public prefix). Text holding serve's
//! own API key is answered with that fact alone.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::shapes::{FoundJson, NotATokenJson, PastedRequestJson};
use crate::extract::extract_text;
use crate::reading::inspection::{inspect_token, InspectionInputs, SignatureCheck};
use crate::reading::pasted_secret::recognise_pasted_secret;
use crate::serve::app::App;
use crate::serve::responses::invalid_request;

pub(crate) async fn inspect(State(app): State<Arc<App>>, Json(form): Json<Value>) -> Response {
    let Some(text) = form.get("text").and_then(Value::as_str) else {
        return invalid_request("the form is {\"text\": <a token, a header, a curl command…>}");
    };
    explain(&app, text)
}

/// What the console says about `text`.
fn explain(app: &App, text: &str) -> Response {
    if holds_the_api_key(app, text) {
        return not_a_token(
            "serve_api_key",
            "this text holds serve's API key, which is not a token: it stays on the backend; mint a per-user token with it (POST /auth/issue-token)".into(),
        );
    }
    let extraction = extract_text(text);
    let Some(token) = extraction.token() else {
        return match recognise_pasted_secret(text) {
            Some(secret) => not_a_token(secret.code(), secret.explanation()),
            None => not_a_token(
                "no_token",
                "no token found in the text (a JWT looks like eyJ….eyJ….signature)".into(),
            ),
        };
    };
    let inspection = inspect_token(
        token,
        InspectionInputs {
            now: app.workspace.now_seconds(),
            expected_tenant_id: Some(&app.authority.workspace_id),
            signer: Some(&app.authority.signer),
            zone: app.dates.zone(),
        },
    );
    let signature = match inspection.signature {
        SignatureCheck::Matches => "verified against serve's key",
        SignatureCheck::DoesNotMatch => "does NOT match serve's key: signed with another key (Courier's tokens are, and serve refuses them)",
        SignatureCheck::NotChecked => "not checked: the token has no signature to check",
    };
    let request = extraction.request();
    Json(FoundJson {
        found: true,
        signature,
        notes: extraction.notes(),
        request: PastedRequestJson {
            user_id: request.user_id,
            tenant: request.tenant,
        },
        inspection: inspection.to_json(),
    })
    .into_response()
}

fn not_a_token(code: &str, explanation: String) -> Response {
    let answer = NotATokenJson {
        found: false,
        code,
        explanation,
    };
    Json(answer).into_response()
}

/// Whether any word of `text` (split at spaces, quotes and the punctuation around a value in
/// a header, an env line or JSON) is serve's API key.
fn holds_the_api_key(app: &App, text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "\"'`=:,;{}[]()<>".contains(c))
        .filter(|word| !word.is_empty())
        .any(|word| app.authority.is_api_key(word))
}
