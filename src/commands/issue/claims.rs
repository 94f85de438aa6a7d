//! The claims a locally signed token carries besides its scope, times and `jti`: the workspace
//! (`--tenant-id`, `--client-key`, `--tenant-scope`) and custom `--claim`s, each checked before
//! the key is read; `plan` puts them into a `ClaimTemplate`.

use serde_json::{Number, Value};

use crate::cli::IssueArgs;
use crate::commands::options::keys::client_key_option;
use crate::scope::{is_known_tenant_scope, suggest_tenant_scope, TENANT_SCOPES};
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::token::js_json::{array_index, as_js_number, loses_digits};
use crate::token::mint::RESERVED_CLAIMS;

/// The workspace claims: `tenant_id` (from `--tenant-id` or `--client-key`) and
/// `tenant_scope` (default `published/production` with a tenant id).
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    pub(crate) tenant_id: Option<String>,
    pub(crate) tenant_scope: Option<String>,
}

pub(crate) fn resolve_workspace(
    args: &IssueArgs,
    redaction: &Redaction,
) -> anyhow::Result<Workspace> {
    let tenant_id = resolve_tenant_id(args, redaction)?;
    let tenant_scope = match (&args.tenant_scope, &tenant_id) {
        (Some(scope), _) => Some(tenant_scope_option(
            scope,
            args.allow_unknown_scopes,
            redaction,
        )?),
        (None, Some(_)) => Some("published/production".to_string()),
        (None, None) => None,
    };
    Ok(Workspace {
        tenant_id,
        tenant_scope,
    })
}

/// `--tenant-scope`: one Courier issues (`published/production`, `published/test`), unless
/// `--allow-unknown-scopes` lets another through.
fn tenant_scope_option(
    scope: &str,
    allow_unknown: bool,
    redaction: &Redaction,
) -> anyhow::Result<String> {
    let scope = checked_text(scope, "--tenant-scope", redaction)?;
    if allow_unknown || is_known_tenant_scope(scope) {
        return Ok(scope.to_string());
    }
    let known = TENANT_SCOPES.map(|(known, _)| known).join(" or ");
    Err(user_error_with_hint(
        format!("--tenant-scope {}: Courier issues only {known}", redaction.quoted(scope)),
        match suggest_tenant_scope(scope) {
            Some(near) => format!("did you mean --tenant-scope {near}? (--allow-unknown-scopes lets another value through)"),
            None => "--allow-unknown-scopes lets another value through".to_string(),
        },
    ))
}

fn resolve_tenant_id(args: &IssueArgs, redaction: &Redaction) -> anyhow::Result<Option<String>> {
    let from_client_key = args
        .client_key
        .as_deref()
        .map(|key| client_key_option(key, redaction))
        .transpose()?;
    let given = args
        .tenant_id
        .as_deref()
        .map(|id| checked_text(id, "--tenant-id", redaction))
        .transpose()?;
    match (from_client_key, given) {
        (Some(decoded), Some(given)) if decoded != given => Err(user_error_with_hint(
            format!("--client-key is for tenant {decoded}, but --tenant-id says {given}"),
            "give one of them, or make them agree",
        )),
        (decoded, given) => Ok(decoded.or(given.map(str::to_string))),
    }
}

/// A value that goes into a claim as-is: non-empty, no whitespace or control characters.
pub(crate) fn checked_text<'a>(
    value: &'a str,
    option: &str,
    redaction: &Redaction,
) -> anyhow::Result<&'a str> {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(user_error(format!(
            "{option} {} must be non-empty, without whitespace or control characters",
            redaction.quoted(value)
        )));
    }
    Ok(value)
}

/// `--claim NAME=VALUE`: VALUE as JSON (read as JavaScript reads it), or as a string when it is
/// not JSON.
pub(crate) fn parse_custom_claims(
    raw: &[String],
    redaction: &Redaction,
) -> anyhow::Result<Vec<(String, Value)>> {
    let mut claims: Vec<(String, Value)> = Vec::with_capacity(raw.len());
    for item in raw {
        let Some((name, value)) = item.split_once('=') else {
            return Err(user_error_with_hint(
                format!("--claim {} has no '='", redaction.quoted(item)),
                "write --claim NAME=VALUE, e.g. --claim account_id='\"acme\"' or --claim beta=true",
            ));
        };
        if name.is_empty() {
            return Err(user_error(format!(
                "--claim {} has an empty name",
                redaction.quoted(item)
            )));
        }
        if RESERVED_CLAIMS.contains(&name) {
            return Err(user_error_with_hint(
                format!(
                    "--claim may not set {}: the tool owns that claim",
                    redaction.quoted(name)
                ),
                "use --scope, --tenant-id, --tenant-scope, --now, --expires-in or --jti instead",
            ));
        }
        if claims.iter().any(|(existing, _)| existing == name) {
            return Err(user_error(format!(
                "--claim {} is given twice",
                redaction.quoted(name)
            )));
        }
        if array_index(name).is_some() {
            return Err(user_error_with_hint(
                format!("--claim {name:?}: JavaScript puts a claim named by a number before all the others, so Node would not write it where this tool does"),
                "give the claim a name that is not a number",
            ));
        }
        claims.push((name.to_string(), claim_value(name, value)?));
    }
    Ok(claims)
}

/// VALUE as `JSON.parse` reads it, or the text itself when it is not JSON. JSON that Node
/// reads into something else than what it says (a number past a double's range becomes
/// `null`, a lone surrogate survives) is refused rather than turned into a string; a number
/// whose digits a double cannot hold is written as Node writes it, with a note.
fn claim_value(name: &str, text: &str) -> anyhow::Result<Value> {
    let value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(error) => match javascript_reading(&error) {
            Some(problem) => {
                return Err(user_error_with_hint(
                    format!("--claim {name}: {text:?} is JSON {problem}"),
                    format!(
                        "to send the text as a string, quote it as JSON: --claim {name}='\"...\"'"
                    ),
                ))
            }
            None => return Ok(Value::String(text.to_string())),
        },
    };
    if let Some(number) = first_lossy_number(&value) {
        crate::terminal::diagnostics::note(format_args!(
            "note: --claim {name}: {number} has more digits than a JavaScript number holds; \
             the token carries {}, as Node's would (quote it as JSON to keep every digit as a string)",
            ryu_js::Buffer::new().format(as_js_number(number))
        ));
    }
    Ok(value)
}

/// How JavaScript's `JSON.parse` reads JSON that serde_json refused, when it reads it at all.
fn javascript_reading(error: &serde_json::Error) -> Option<&'static str> {
    let message = error.to_string();
    if message.starts_with("number out of range") {
        Some("with a number past what JavaScript holds: Node would write null")
    } else if message.starts_with("lone leading surrogate")
        || message.starts_with("unexpected end of hex escape")
    {
        Some("with a lone surrogate (\\ud800 to \\udfff): Node keeps it, UTF-8 text cannot")
    } else if message.starts_with("recursion limit exceeded") {
        Some("nested more than 128 deep, which this tool does not write")
    } else {
        None
    }
}

/// The first integer in `value` that a JavaScript number cannot hold exactly.
fn first_lossy_number(value: &Value) -> Option<&Number> {
    match value {
        Value::Number(number) => loses_digits(number).then_some(number),
        Value::Array(items) => items.iter().find_map(first_lossy_number),
        Value::Object(members) => members.values().find_map(first_lossy_number),
        _ => None,
    }
}
