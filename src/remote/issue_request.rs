//! The Issue Token API request exactly as it goes on the wire, minus the key: the URL
//! (`{base}/auth/issue-token`), the fixed headers, the JSON body with `scope` and
//! `expires_in` (keeping the meaning the user gave the lifetime), and its `--dry-run` rendering.
//! Sending it and reading the answer is `exchange`'s job.

use serde::Serialize;
use serde_json::Value;

use super::endpoint::{BaseUrl, Target, USER_AGENT};
use crate::expires_in::ExpiresIn;

/// The endpoint, relative to the base URL.
pub use crate::wire::urls::ISSUE_TOKEN_PATH;

/// Every header sent besides `Authorization`, in order; `--dry-run` prints the same list.
pub const FIXED_HEADERS: [(&str, &str); 3] = [
    ("Content-Type", "application/json"),
    ("Accept", "application/json"),
    ("User-Agent", USER_AGENT),
];
/// The JSON body: `{"scope"}`, with `"expires_in"` when a lifetime was asked for.
#[derive(Serialize)]
struct IssueTokenBody<'a> {
    scope: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_in: Option<Value>,
}

/// The request as it goes on the wire, minus the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueTokenRequest {
    url: String,
    body: String,
    scope: String,
    asks_expiry: bool,
}

impl IssueTokenRequest {
    /// `expires_in: None` leaves the field out, which Courier takes as "never expires".
    pub fn new(base: &BaseUrl, scope: &str, expires_in: Option<&ExpiresIn>) -> Self {
        let body = IssueTokenBody {
            scope,
            expires_in: expires_in.map(wire_expires_in),
        };
        Self {
            url: format!("{}{ISSUE_TOKEN_PATH}", base.as_str()),
            body: serde_json::to_string(&body).unwrap_or_default(),
            scope: scope.to_string(),
            asks_expiry: expires_in.is_some(),
        }
    }

    /// The scope asked for: the returned token's scope must hold each of its entries.
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// True when a lifetime was asked for, so the returned token must carry `exp`.
    pub fn asks_expiry(&self) -> bool {
        self.asks_expiry
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where it goes, named as `issue --remote`'s options name it.
    pub fn target(&self) -> Target<'_> {
        Target {
            url: &self.url,
            url_name: "the base URL",
            url_options: "--base-url, COURIER_BASE_URL",
            service: "Courier's API",
        }
    }

    /// The JSON body, compact, `scope` first.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The request as `--dry-run` shows it: request line, headers (key redacted), blank line,
    /// body.
    pub fn dry_run_text(&self) -> String {
        let mut text = format!("POST {}\nAuthorization: Bearer <redacted>\n", self.url);
        for (name, value) in FIXED_HEADERS {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&self.body);
        text.push('\n');
        text
    }
}

/// `expires_in` for the API, keeping the meaning the user gave it on the command line:
/// Courier's own grammar (`"2 days"`, `"1h"`) goes as written; a bare number, which this tool
/// reads as seconds, goes as a JSON number, the API's form for seconds (a unit-less *string*
/// would mean milliseconds to Courier); a compound duration (`"1h 30m"`), which Courier does
/// not parse, goes as its number of seconds.
pub fn wire_expires_in(expires_in: &ExpiresIn) -> Value {
    if expires_in.is_ms_grammar() {
        Value::from(expires_in.original())
    } else {
        seconds_value(expires_in.seconds())
    }
}

/// A whole number of seconds as a JSON integer, anything else as a JSON float.
fn seconds_value(seconds: f64) -> Value {
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if seconds.fract() == 0.0 && seconds.abs() < EXACT_INTEGER_LIMIT {
        Value::from(seconds as i64)
    } else {
        Value::from(seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::endpoint::US_BASE_URL;

    fn wire(text: &str) -> String {
        wire_expires_in(&ExpiresIn::parse(text).unwrap()).to_string()
    }

    #[test]
    fn expires_in_keeps_its_meaning_on_the_wire() {
        assert_eq!(wire("2 days"), r#""2 days""#);
        assert_eq!(wire("1h"), r#""1h""#);
        assert_eq!(wire("-1h"), r#""-1h""#);
        assert_eq!(wire("3600"), "3600");
        assert_eq!(wire("-60"), "-60");
        assert_eq!(wire("1.5"), "1.5");
        assert_eq!(wire(".5"), "0.5");
        assert_eq!(wire("007"), "7");
        assert_eq!(wire("1h 30m"), "5400");
        assert_eq!(wire("1h 30M"), "5400");
        assert_eq!(wire("2 Days 3h"), "183600");
    }

    #[test]
    fn request_body_and_dry_run() {
        let base = BaseUrl::parse(US_BASE_URL, "x", &Default::default()).unwrap();
        let expires = ExpiresIn::parse("2 days").unwrap();
        let request =
            IssueTokenRequest::new(&base, "user_id:u inbox:read:messages", Some(&expires));
        assert_eq!(request.url(), "https://api.courier.com/auth/issue-token");
        assert_eq!(
            request.body(),
            r#"{"scope":"user_id:u inbox:read:messages","expires_in":"2 days"}"#
        );
        let never = IssueTokenRequest::new(&base, "user_id:u", None);
        assert_eq!(never.body(), r#"{"scope":"user_id:u"}"#);
        let shown = request.dry_run_text();
        assert!(shown.starts_with(
            "POST https://api.courier.com/auth/issue-token\nAuthorization: Bearer <redacted>\n"
        ));
        assert!(shown.contains(&format!("\nUser-Agent: {USER_AGENT}\n")));
        assert!(shown.ends_with(
            "\n\n{\"scope\":\"user_id:u inbox:read:messages\",\"expires_in\":\"2 days\"}\n"
        ));
    }
}
