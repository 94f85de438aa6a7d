//! `POST /auth/issue-token`, Courier's Issue Token API: the workspace's API key as the Bearer,
//! a body `{"scope", "expires_in"}` checked as Courier checks it (`expires_in` in the grammar
//! `issue` uses, or a number of seconds; absent: the token never expires), and `{"token"}`
//! minted by the same [`Minter`] as `issue`, with `tenant_id` the workspace and `tenant_scope`
//! its environment. The key is compared, never logged.

use std::cell::RefCell;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::answer_shapes::TokenAnswer;
use super::app::App;
use super::responses::{bad_api_key, bearer, invalid_request};
use crate::expires_in::ExpiresIn;
use crate::token::{ClaimTemplate, JtiGenerator, Minter};

thread_local! {
    /// One `jti` generator per runtime thread: seeded from the operating system once, then a
    /// ChaCha12 stream (a CSPRNG), so minting a token costs no system call.
    static JTI: RefCell<JtiGenerator> = RefCell::new(JtiGenerator::new());
}

pub(crate) async fn issue_token(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !bearer(&headers).is_some_and(|key| app.authority.is_api_key(key)) {
        return bad_api_key();
    }
    let now = app.workspace.now_seconds();
    let (scope, exp) = match read_body(&body, now) {
        Ok(request) => request,
        Err(message) => return invalid_request(&message),
    };
    let template = ClaimTemplate {
        tenant_scope: Some(app.tenant_scope.clone()),
        tenant_id: Some(app.authority.workspace_id.clone()),
        custom: Vec::new(),
        iat: now,
        exp,
    };
    let mut jti = String::new();
    if JTI
        .with_borrow_mut(|generator| generator.next_into(&mut jti))
        .is_err()
    {
        return invalid_request("the operating system's random source failed");
    }
    let token = Minter::new(app.authority.signer.clone(), &template).mint(&scope, Some(&jti));
    Json(TokenAnswer { token: &token }).into_response()
}

/// The scope and `exp` a body asks for, or the message of a 400.
fn read_body(body: &[u8], now: i64) -> Result<(String, Option<i64>), String> {
    let body: Value =
        serde_json::from_slice(body).map_err(|error| format!("the body is not JSON: {error}"))?;
    let object = body.as_object().ok_or("the body is not a JSON object")?;
    let scope = match object.get("scope") {
        Some(Value::String(scope)) if !scope.trim().is_empty() => scope.clone(),
        Some(Value::String(_)) => return Err("\"scope\" is empty".to_string()),
        Some(other) => return Err(format!("\"scope\" must be a string, not {other}")),
        None => return Err("\"scope\" is required".to_string()),
    };
    let lifetime = match object.get("expires_in") {
        None | Some(Value::Null) => return Ok((scope, None)),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        Some(other) => {
            return Err(format!(
                "\"expires_in\" must be a string or a number, not {other}"
            ))
        }
    };
    let exp = ExpiresIn::parse(&lifetime)
        .map_err(|error| format!("\"expires_in\" {lifetime:?} is not a lifetime ({error})"))?
        .expiry_after(now)
        .map_err(|_| format!("\"expires_in\" {lifetime:?} is out of range"))?;
    Ok((scope, Some(exp)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_checked_as_courier_checks_them() {
        assert_eq!(
            read_body(br#"{"scope":"a","expires_in":"1h"}"#, 10),
            Ok(("a".into(), Some(3_610)))
        );
        assert_eq!(
            read_body(br#"{"scope":"a","expires_in":60}"#, 10),
            Ok(("a".into(), Some(70)))
        );
        assert_eq!(read_body(br#"{"scope":"a"}"#, 10), Ok(("a".into(), None)));
        for bad in [
            &b"nope"[..],
            b"[]",
            br#"{"scope":1}"#,
            br#"{"scope":""}"#,
            br#"{}"#,
            br#"{"scope":"a","expires_in":"soon"}"#,
            br#"{"scope":"a","expires_in":true}"#,
        ] {
            assert!(
                read_body(bad, 10).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
