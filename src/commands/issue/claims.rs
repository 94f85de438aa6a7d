//! The claims a locally signed token carries besides its scope, times and `jti`: the workspace
//! (`--tenant-id`, `--client-key`, `--tenant-scope`) and custom `--claim`s, each checked before
//! the key is read; `plan` puts them into a `ClaimTemplate`.

use serde_json::Value;

use crate::cli::IssueArgs;
use crate::commands::options::keys::client_key_option;
use crate::error::{quoted, user_error, user_error_with_hint};
use crate::scope::{is_known_tenant_scope, suggest_tenant_scope, TENANT_SCOPES};
use crate::token::mint::RESERVED_CLAIMS;

/// The workspace claims: `tenant_id` (from `--tenant-id` or `--client-key`) and
/// `tenant_scope` (default `published/production` with a tenant id).
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    pub(crate) tenant_id: Option<String>,
    pub(crate) tenant_scope: Option<String>,
}

pub(crate) fn resolve_workspace(args: &IssueArgs) -> anyhow::Result<Workspace> {
    let tenant_id = resolve_tenant_id(args)?;
    let tenant_scope = match (&args.tenant_scope, &tenant_id) {
        (Some(scope), _) => Some(tenant_scope_option(scope, args.allow_unknown_scopes)?),
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
fn tenant_scope_option(scope: &str, allow_unknown: bool) -> anyhow::Result<String> {
    let scope = checked_text(scope, "--tenant-scope")?;
    if allow_unknown || is_known_tenant_scope(scope) {
        return Ok(scope.to_string());
    }
    let known = TENANT_SCOPES.map(|(known, _)| known).join(" or ");
    Err(user_error_with_hint(
        format!("--tenant-scope {}: Courier issues only {known}", quoted(scope)),
        match suggest_tenant_scope(scope) {
            Some(near) => format!("did you mean --tenant-scope {near}? (--allow-unknown-scopes lets another value through)"),
            None => "--allow-unknown-scopes lets another value through".to_string(),
        },
    ))
}

fn resolve_tenant_id(args: &IssueArgs) -> anyhow::Result<Option<String>> {
    let from_client_key = args
        .client_key
        .as_deref()
        .map(client_key_option)
        .transpose()?;
    let given = args
        .tenant_id
        .as_deref()
        .map(|id| checked_text(id, "--tenant-id"))
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
pub(crate) fn checked_text<'a>(value: &'a str, option: &str) -> anyhow::Result<&'a str> {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(user_error(format!(
            "{option} {value:?} must be non-empty, without whitespace or control characters"
        )));
    }
    Ok(value)
}

/// `--claim NAME=VALUE`: VALUE as JSON, or as a string when it is not JSON.
pub(crate) fn parse_custom_claims(raw: &[String]) -> anyhow::Result<Vec<(String, Value)>> {
    let mut claims: Vec<(String, Value)> = Vec::with_capacity(raw.len());
    for item in raw {
        let Some((name, value)) = item.split_once('=') else {
            return Err(user_error_with_hint(
                format!("--claim {item:?} has no '='"),
                "write --claim NAME=VALUE, e.g. --claim account_id='\"acme\"' or --claim beta=true",
            ));
        };
        if name.is_empty() {
            return Err(user_error(format!("--claim {item:?} has an empty name")));
        }
        if RESERVED_CLAIMS.contains(&name) {
            return Err(user_error_with_hint(
                format!("--claim may not set {name:?}: the tool owns that claim"),
                "use --scope, --tenant-id, --tenant-scope, --now, --expires-in or --jti instead",
            ));
        }
        if claims.iter().any(|(existing, _)| existing == name) {
            return Err(user_error(format!("--claim {name:?} is given twice")));
        }
        let value =
            serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
        claims.push((name.to_string(), value));
    }
    Ok(claims)
}
