//! `issue`: mint a token locally, exactly as Courier shapes them. Arguments are resolved into an
//! [`IssuePlan`] (scope string, claim template, jti policy) before the key is touched. With
//! `--remote`, `issue_remote` takes over: it resolves the same way, then asks Courier to sign.

use std::io::Write;

use serde_json::{json, Value};

use super::duration_options::{expires_in_option, expiry_after};
use super::{stdout_writer, write_json_line};
use crate::cli::IssueArgs;
use crate::client_key::tenant_id_from_client_key;
use crate::clock::describe_instant;
use crate::context::Context;
use crate::error::{user_error, user_error_with_hint};
use crate::exit_codes::Outcome;
use crate::key::load_key;
use crate::scope::{build_scope, ScopeRequest};
use crate::token::mint::RESERVED_CLAIMS;
use crate::token::{ClaimTemplate, JtiGenerator, Minter, Signer};

/// Where each token's `jti` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JtiPolicy {
    Random,
    Fixed(String),
    Omitted,
}

impl JtiPolicy {
    /// The `jti` for the next token; a random one is written into `buffer`.
    pub fn next<'a>(
        &'a self,
        generator: &mut JtiGenerator,
        buffer: &'a mut String,
    ) -> anyhow::Result<Option<&'a str>> {
        Ok(match self {
            JtiPolicy::Random => {
                generator.next_into(buffer)?;
                Some(buffer.as_str())
            }
            JtiPolicy::Fixed(fixed) => Some(fixed.as_str()),
            JtiPolicy::Omitted => None,
        })
    }
}

/// Prints one token as `issue` does: the token and a newline, or `{"token":"..."}`.
pub fn print_token(token: &str, json: bool) -> anyhow::Result<()> {
    let mut out = stdout_writer();
    if json {
        write_json_line(&mut out, &json!({ "token": token }))?;
    } else {
        writeln!(out, "{token}")?;
    }
    out.flush()?;
    Ok(())
}

/// The stderr note for a token without `exp`.
pub fn note_never_expires() {
    crate::diagnostics::note(
        "note: this token never expires, and a JWT cannot be revoked; prefer --expires-in",
    );
}

/// Everything needed to mint, resolved from the arguments.
#[derive(Debug, Clone)]
pub struct IssuePlan {
    pub scope: String,
    pub template: ClaimTemplate,
    pub jti: JtiPolicy,
}

pub fn run(args: &IssueArgs, context: &Context) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.user_ids_from {
        return super::issue_bulk::run(args, path, context);
    }
    if args.remote.remote {
        return super::issue_remote::run(args, context);
    }
    let plan = resolve(args, context.now)?;
    let minter = Minter::new(Signer::new(&load_key(&context.key_source)?), &plan.template);
    let mut jti = String::new();
    let jti = plan.jti.next(&mut JtiGenerator::new(), &mut jti)?;
    let token = minter.mint(&plan.scope, jti);
    print_token(&token, args.json)?;
    if plan.template.exp.is_none() {
        note_never_expires();
    }
    if context.stderr_is_terminal {
        crate::diagnostics::note(summary(&plan, context.now));
    }
    Ok(Outcome::Success)
}

/// Resolves the arguments into a plan; `now` becomes `iat`.
pub fn resolve(args: &IssueArgs, now: i64) -> anyhow::Result<IssuePlan> {
    let scope = build_scope(&ScopeRequest {
        user_ids: &args.user_ids,
        scopes: &args.scopes,
        allow_unknown: args.allow_unknown_scopes,
    })?;
    let (template, jti) = resolve_template(args, now)?;
    Ok(IssuePlan {
        scope,
        template,
        jti,
    })
}

/// Everything but the scope: tenant, custom claims, times and the jti policy.
pub fn resolve_template(args: &IssueArgs, now: i64) -> anyhow::Result<(ClaimTemplate, JtiPolicy)> {
    let tenant_id = resolve_tenant_id(args)?;
    let tenant_scope = match (&args.tenant_scope, &tenant_id) {
        (Some(scope), _) => Some(checked_text(scope, "--tenant-scope")?.to_string()),
        (None, Some(_)) => Some("published/production".to_string()),
        (None, None) => None,
    };
    let exp = if args.no_expiry {
        None
    } else {
        Some(expiry_after(&expires_in_option(&args.expires_in)?, now)?)
    };
    let jti = match (&args.jti, args.no_jti) {
        (_, true) => JtiPolicy::Omitted,
        (Some(jti), false) => JtiPolicy::Fixed(checked_text(jti, "--jti")?.to_string()),
        (None, false) => JtiPolicy::Random,
    };
    let template = ClaimTemplate {
        tenant_scope,
        tenant_id,
        custom: parse_custom_claims(&args.claims)?,
        iat: now,
        exp,
    };
    Ok((template, jti))
}

fn resolve_tenant_id(args: &IssueArgs) -> anyhow::Result<Option<String>> {
    let from_client_key = args
        .client_key
        .as_deref()
        .map(tenant_id_from_client_key)
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
fn checked_text<'a>(value: &'a str, option: &str) -> anyhow::Result<&'a str> {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(user_error(format!(
            "{option} {value:?} must be non-empty, without whitespace or control characters"
        )));
    }
    Ok(value)
}

/// `--claim NAME=VALUE`: VALUE as JSON, or as a string when it is not JSON.
fn parse_custom_claims(raw: &[String]) -> anyhow::Result<Vec<(String, Value)>> {
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

/// One line for people: user, scopes, expiry.
fn summary(plan: &IssuePlan, now: i64) -> String {
    let users: Vec<&str> = plan
        .scope
        .split(' ')
        .filter_map(crate::scope::user_id_of)
        .collect();
    let scopes: Vec<&str> = plan
        .scope
        .split(' ')
        .filter(|s| !s.starts_with("user_id:"))
        .collect();
    let expiry = match plan.template.exp {
        Some(exp) if exp <= now => format!("already expired {}", describe_instant(exp, now)),
        Some(exp) => format!("expires {}", describe_instant(exp, now)),
        None => "never expires".to_string(),
    };
    let who = if users.is_empty() {
        "no user".to_string()
    } else {
        format!("user {}", users.join(", "))
    };
    format!("token for {who}; scopes {}; {expiry}", scopes.join(" "))
}
