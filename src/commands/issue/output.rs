//! How `issue` shows its result: the token on stdout (bare, or `{"token":"..."}` like Courier's
//! API), the stderr note for a token that never expires, and the one-line summary for people.

use std::io::Write;

use serde::Serialize;

use crate::expires_in::ExpiresIn;
use crate::remote::BaseUrl;
use crate::terminal::date_zone::DateZone;
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, write_json_line, written};

/// Prints one token: the token and a newline, or `{"token":"..."}`.
/// The bare token goes out as one line in one write, with no buffer of its own to set up.
pub(crate) fn print_token(token: &str, json: bool) -> anyhow::Result<()> {
    let write = if json {
        let mut out = stdout_writer();
        write_json_line(&mut out, &IssuedJson { token }).and_then(|()| out.flush())
    } else {
        let mut line = String::with_capacity(token.len() + 1);
        line.push_str(token);
        line.push('\n');
        let mut out = crate::terminal::output::Stdout;
        out.write_all(line.as_bytes()).and_then(|()| out.flush())
    };
    written(write, Outcome::Success).map(|_| ())
}

/// `issue --json`: `{"token": ...}` (courier-token-issue(1), JSON OUTPUT).
#[derive(Serialize)]
struct IssuedJson<'a> {
    token: &'a str,
}

/// The stderr note for a token without `exp`.
pub(crate) fn note_never_expires() {
    crate::terminal::diagnostics::note(
        "note: this token never expires, and a JWT cannot be revoked; prefer --expires-in",
    );
}

/// "token for user u; scopes ...; expires ...": a locally signed token, for people.
pub(crate) fn local_summary(scope: &str, exp: Option<i64>, now: i64, dates: &DateZone) -> String {
    let scopes: Vec<&str> = scope
        .split(' ')
        .filter(|s| !s.starts_with("user_id:"))
        .collect();
    let expiry = match exp {
        Some(exp) if exp <= now => format!("already expired {}", dates.describe_instant(exp, now)),
        Some(exp) => format!("expires {}", dates.describe_instant(exp, now)),
        None => "never expires".to_string(),
    };
    format!(
        "token for {}; scopes {}; {expiry}",
        who(scope),
        scopes.join(" ")
    )
}

/// "token from host for user u; expires in 2 days": a token from Courier, for people.
pub(crate) fn remote_summary(
    scope: &str,
    expires_in: Option<&ExpiresIn>,
    base: &BaseUrl,
) -> String {
    let lifetime = match expires_in {
        Some(expires_in) => format!("expires in {expires_in}"),
        None => "never expires".to_string(),
    };
    format!(
        "token from {} for {}; {lifetime}",
        base.authority(),
        who(scope)
    )
}

/// "user a, b" or "no user".
fn who(scope: &str) -> String {
    let users: Vec<&str> = scope
        .split(' ')
        .filter_map(crate::scope::user_id_of)
        .collect();
    if users.is_empty() {
        "no user".to_string()
    } else {
        format!("user {}", users.join(", "))
    }
}
