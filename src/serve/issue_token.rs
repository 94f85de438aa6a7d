//! `POST /auth/issue-token`, Courier's Issue Token API: the workspace's API key as the Bearer,
//! a body `{"scope", "expires_in"}` checked as Courier checks it (`expires_in` in the grammar
//! `issue` uses, or a number of seconds; absent: the token never expires), and `{"token"}`
//! minted by the same [`Minter`] as `issue` straight into the answer, with `tenant_id` the
//! workspace and `tenant_scope` its environment. The key is compared, never logged.

use std::cell::RefCell;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

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
    let minter = Minter::new(app.authority.signer.clone(), &template);
    // `{"token":"…"}`, the token minted straight into the body: a token is base64url and
    // dots, nothing JSON escapes.
    let mut body = Vec::with_capacity(ANSWER_CAPACITY);
    body.extend_from_slice(b"{\"token\":\"");
    minter.mint_into_with_uuid(&scope, &jti, &mut String::with_capacity(256), &mut body);
    body.extend_from_slice(b"\"}");
    ([(CONTENT_TYPE, "application/json")], body).into_response()
}

/// Room for the answer to an ordinary scope without growing.
const ANSWER_CAPACITY: usize = 512;

/// The body's `scope` and `expires_in` as they were sent (`None`: absent), other members
/// passed over unread. A body this does not read (not JSON, or JSON but not an object) is read
/// again by [`read_body`] for the reason.
#[derive(Default)]
struct Members {
    scope: Option<Value>,
    expires_in: Option<Value>,
}

/// Which member a name is, read from the name without copying it.
enum Member {
    Scope,
    ExpiresIn,
    Other,
}

impl<'de> serde::Deserialize<'de> for Member {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(MemberVisitor)
    }
}

struct MemberVisitor;

impl serde::de::Visitor<'_> for MemberVisitor {
    type Value = Member;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(match name {
            "scope" => Member::Scope,
            "expires_in" => Member::ExpiresIn,
            _ => Member::Other,
        })
    }
}

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> serde::de::Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON object")
    }

    // A member given twice counts as its last, as a JSON.parse reads it.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
        let mut members = Members::default();
        while let Some(name) = map.next_key::<Member>()? {
            match name {
                Member::Scope => members.scope = Some(map.next_value()?),
                Member::ExpiresIn => members.expires_in = Some(map.next_value()?),
                Member::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(members)
    }
}

/// The scope and `exp` a body asks for, or the message of a 400.
fn read_body(body: &[u8], now: i64) -> Result<(String, Option<i64>), String> {
    let members = match serde_json::from_slice::<Members>(body) {
        Ok(members) => members,
        // Read again for the reason: not JSON at all, or JSON but not an object.
        Err(_) => {
            serde_json::from_slice::<serde::de::IgnoredAny>(body)
                .map_err(|error| format!("the body is not JSON: {error}"))?;
            return Err("the body is not a JSON object".to_string());
        }
    };
    let scope = match members.scope {
        Some(Value::String(scope)) if !scope.trim().is_empty() => scope,
        Some(Value::String(_)) => return Err("\"scope\" is empty".to_string()),
        Some(other) => return Err(format!("\"scope\" must be a string, not {other}")),
        None => return Err("\"scope\" is required".to_string()),
    };
    let lifetime = match members.expires_in {
        None | Some(Value::Null) => return Ok((scope, None)),
        Some(Value::String(text)) => text,
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
        // Other members are passed over, a repeated one counts as its last, an escaped name
        // is its name.
        assert_eq!(
            read_body(
                br#"{"x":{"y":[1,{"z":null}]},"scope":"a","scope":"b","expires_\u0069n":5}"#,
                10
            ),
            Ok(("b".into(), Some(15)))
        );
        let reason = |body: &[u8]| read_body(body, 10).unwrap_err();
        assert_eq!(reason(b"[]"), "the body is not a JSON object");
        assert_eq!(reason(b"\"scope\""), "the body is not a JSON object");
        assert!(reason(b"{\"scope\":").starts_with("the body is not JSON: "));
        assert_eq!(
            reason(br#"{"scope":null}"#),
            "\"scope\" must be a string, not null"
        );
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
