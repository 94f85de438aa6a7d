//! What `issue --remote` checks in the answer before printing anything: the body is one JSON
//! object with no key twice and a string `token`; the token is three base64url segments whose
//! header is Courier's (`{"alg":"HS256","typ":"JWT"}`) and whose payload is a JSON object (no
//! key twice) with Courier's claims: a `scope` holding every entry asked for (so the user id
//! too), a whole-number `iat`, and an `exp` whenever a lifetime was asked for; the signature is
//! 32 bytes, as HS256 makes. The signature itself cannot be checked (Courier's signing key is
//! not the API key). A failure names what came back wrong, never the token.

use serde_json::{Map, Value};

use super::issue_request::IssueTokenRequest;
use crate::shown::redaction::Redaction;
use crate::token::base64url::{decode_strict, decode_strict_32};
use crate::token::strict_json::{kind_of, parse_object};

/// Courier's header as the token must decode to it.
const COURIER_HEADER: [(&str, &str); 2] = [("alg", "HS256"), ("typ", "JWT")];

/// The token in a 2xx `body`, checked against `request`; `Err` says what is wrong with it, in
/// words that finish "Courier answered 200, but ...", quoting as `redaction` allows.
pub(super) fn checked_token(
    body: &[u8],
    request: &IssueTokenRequest,
    redaction: &Redaction,
) -> Result<String, String> {
    let answer = parse_object(body).map_err(|problem| format!("its answer {problem}"))?;
    let token = match answer.get("token") {
        Some(Value::String(token)) => token,
        Some(other) => return Err(format!("its \"token\" is a JSON {}", kind_of(other))),
        None => return Err("its answer has no \"token\"".to_string()),
    };
    check_token(token, request, redaction)?;
    Ok(token.clone())
}

fn check_token(
    token: &str,
    request: &IssueTokenRequest,
    redaction: &Redaction,
) -> Result<(), String> {
    let segments: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = segments[..] else {
        return Err("its \"token\" is not a JWT (three base64url segments)".to_string());
    };
    let header = segment_object(header, "header")?;
    check_header(&header, redaction)?;
    let claims = segment_object(payload, "payload")?;
    check_claims(&claims, request, redaction)?;
    if decode_strict_32(signature).is_none() {
        return Err("the token's signature is not the 32 bytes of an HS256 signature".to_string());
    }
    Ok(())
}

fn segment_object(segment: &str, name: &str) -> Result<Map<String, Value>, String> {
    let bytes =
        decode_strict(segment).map_err(|_| format!("the token's {name} is not base64url"))?;
    parse_object(&bytes).map_err(|problem| format!("the token's {name} {problem}"))
}

fn check_header(header: &Map<String, Value>, redaction: &Redaction) -> Result<(), String> {
    let is_courier_header = header.len() == COURIER_HEADER.len()
        && COURIER_HEADER
            .iter()
            .all(|(name, value)| header.get(*name).and_then(Value::as_str) == Some(*value));
    if is_courier_header {
        return Ok(());
    }
    let alg = match header.get("alg") {
        Some(Value::String(alg)) => redaction.quoted(alg),
        Some(other) => format!("a JSON {}", kind_of(other)),
        None => "missing".to_string(),
    };
    Err(format!(
        "the token's header is not Courier's {{\"alg\":\"HS256\",\"typ\":\"JWT\"}} (alg is {alg})"
    ))
}

fn check_claims(
    claims: &Map<String, Value>,
    request: &IssueTokenRequest,
    redaction: &Redaction,
) -> Result<(), String> {
    let scope = match claims.get("scope") {
        Some(Value::String(scope)) => scope,
        Some(other) => return Err(format!("the token's scope is a JSON {}", kind_of(other))),
        None => return Err("the token has no scope".to_string()),
    };
    let granted: Vec<&str> = scope.split(' ').collect();
    let missing: Vec<&str> = request
        .scope()
        .split_whitespace()
        .filter(|asked| !granted.contains(asked))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the token's scope lacks {} (it holds {})",
            redaction.quoted(&missing.join(" ")),
            redaction.quoted(scope)
        ));
    }
    if !claims.get("iat").is_some_and(is_whole_number) {
        return Err("the token has no whole-number iat".to_string());
    }
    match claims.get("exp") {
        Some(exp) if !is_whole_number(exp) => {
            Err("the token's exp is not a whole number".to_string())
        }
        None if request.asks_expiry() => Err(
            "the token has no exp, so it never expires, though a lifetime was asked for"
                .to_string(),
        ),
        _ => Ok(()),
    }
}

fn is_whole_number(value: &Value) -> bool {
    value.is_i64() || value.is_u64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::BaseUrl;
    use crate::token::base64url::encode;

    fn request(expiry: bool) -> IssueTokenRequest {
        let base = BaseUrl::parse("https://api.courier.com", "x", &Default::default()).unwrap();
        let lifetime = crate::expires_in::ExpiresIn::parse("2 days").ok();
        IssueTokenRequest::new(
            &base,
            "user_id:smokey inbox:read:messages",
            lifetime.as_ref().filter(|_| expiry),
        )
    }

    fn token(header: &str, claims: &str) -> String {
        format!(
            "{}.{}.{}",
            encode(header.as_bytes()),
            encode(claims.as_bytes()),
            encode(&[7; 32])
        )
    }

    const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
    const CLAIMS: &str = r#"{"scope":"user_id:smokey inbox:read:messages inbox:write:events","tenant_scope":"published/production","tenant_id":"t","iat":1669649050,"exp":1669821850,"jti":"j"}"#;

    fn answer(token: &str) -> Vec<u8> {
        format!(r#"{{"token":"{token}"}}"#).into_bytes()
    }

    #[test]
    fn courier_shaped_token_for_the_scope_asked_passes() {
        let good = token(HEADER, CLAIMS);
        assert_eq!(
            checked_token(&answer(&good), &request(true), &Redaction::default()),
            Ok(good)
        );
    }

    #[test]
    fn anything_else_is_named_without_the_token() {
        let cases = [
            ("AAAA.AAAA.AAAA".to_string(), "header is not JSON"),
            (
                token(r#"{"alg":"none","typ":"JWT"}"#, CLAIMS),
                "(alg is \"none\")",
            ),
            (token(r#"{"alg":"HS256"}"#, CLAIMS), "not Courier's"),
            (
                token(HEADER, &CLAIMS.replace("user_id:smokey", "user_id:other")),
                "lacks \"user_id:smokey\"",
            ),
            (
                token(HEADER, &CLAIMS.replace(" inbox:read:messages", "")),
                "lacks \"inbox:read:messages\"",
            ),
            (
                token(
                    HEADER,
                    r#"{"scope":"user_id:smokey inbox:read:messages","iat":1,"iat":2}"#,
                ),
                "\"iat\" twice",
            ),
            (
                token(HEADER, &CLAIMS.replace(",\"exp\":1669821850", "")),
                "no exp",
            ),
            (
                token(HEADER, &CLAIMS.replace("1669649050", "\"x\"")),
                "no whole-number iat",
            ),
            ("a.b".to_string(), "not a JWT"),
        ];
        for (bad, expected) in cases {
            let error =
                checked_token(&answer(&bad), &request(true), &Redaction::default()).unwrap_err();
            assert!(error.contains(expected), "{bad}: {error}");
            assert!(!error.contains(&bad), "{error}");
        }
        let good = token(HEADER, CLAIMS);
        let twice = format!(r#"{{"token":"{good}","token":"{good}"}}"#);
        assert_eq!(
            checked_token(twice.as_bytes(), &request(true), &Redaction::default()).unwrap_err(),
            "its answer has the key \"token\" twice"
        );
        let never = token(HEADER, &CLAIMS.replace(",\"exp\":1669821850", ""));
        assert!(checked_token(&answer(&never), &request(false), &Redaction::default()).is_ok());
    }
}
