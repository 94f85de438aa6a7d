//! `issue`'s options resolved once into an [`IssuePlan`]: which mode runs (one local token, a
//! bulk run, or Courier's API) and everything that mode needs, checked before any key is read.
//! `--expires-in` is parsed here and nowhere else; only the local modes turn it into `exp`.

use std::path::PathBuf;
use std::time::Duration;

use super::claims::{checked_text, parse_custom_claims, resolve_workspace};
use super::jti_policy::JtiPolicy;
use super::remote_options::{refuse_local_only_options, resolve_base_url};
use crate::cli::IssueArgs;
use crate::commands::options::durations::{
    expires_in_option, expiry_after as lifetime_expiry_after, timeout_option,
};
use crate::commands::options::keys::refuse_key_and_user_ids_on_stdin;
use crate::commands::options::scopes::{prepared_scopes_option, scope_option};
use crate::commands::options::user_ids_from::refuse_skip_blank_lines_alone;
use crate::commands::resolved::ResolvedOptions;
use crate::expires_in::ExpiresIn;
use crate::remote::BaseUrl;
use crate::scope::{InboxScopes, PreparedScopes, ScopeRequest};
use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;
use crate::token::ClaimTemplate;

/// Everything `issue` needs, resolved from the arguments.
#[derive(Debug, Clone)]
pub(crate) struct IssuePlan {
    /// `{"token":"..."}` (bulk: JSON Lines) instead of the bare token.
    pub(crate) json: bool,
    pub(crate) mode: Mode,
}

/// Which way the token is made.
#[derive(Debug, Clone)]
pub(crate) enum Mode {
    Local(LocalPlan),
    Bulk(BulkPlan),
    Remote(RemotePlan),
}

/// One token, signed here.
#[derive(Debug, Clone)]
pub(crate) struct LocalPlan {
    pub(crate) scope: String,
    pub(crate) template: ClaimTemplate,
    pub(crate) jti: JtiPolicy,
}

/// One token per user id read from `input`, signed here.
#[derive(Debug, Clone)]
pub(crate) struct BulkPlan {
    pub(crate) input: PathBuf,
    /// `--skip-blank-lines`: leave blank lines out instead of refusing them.
    pub(crate) skip_blank_lines: bool,
    /// The scopes written after each line's `user_id:<id>`.
    pub(crate) scopes: PreparedScopes,
    pub(crate) template: ClaimTemplate,
    pub(crate) jti: JtiPolicy,
}

/// One token from Courier's Issue Token API.
#[derive(Debug, Clone)]
pub(crate) struct RemotePlan {
    pub(crate) scope: String,
    /// `None`: the token never expires.
    pub(crate) expires_in: Option<ExpiresIn>,
    pub(crate) base: BaseUrl,
    pub(crate) timeout: Duration,
    pub(crate) dry_run: bool,
}

/// Resolves the arguments into a plan; `context.now` becomes `iat` for a local token.
pub(crate) fn resolve(args: &IssueArgs, context: &ResolvedOptions) -> anyhow::Result<IssuePlan> {
    refuse_skip_blank_lines_alone(
        args.blank_lines.skip_blank_lines,
        args.user_ids_from.is_some(),
    )?;
    if let Some(blank) = args.scopes.iter().find(|scope| scope.trim().is_empty()) {
        return Err(user_error_with_hint(
            format!("--scope {} is empty", context.redaction.quoted(blank)),
            "name the scope to grant, e.g. --scope inbox:read:messages, or drop the option",
        ));
    }
    let mode = if let Some(path) = &args.user_ids_from {
        Mode::Bulk(resolve_bulk(args, path, context)?)
    } else if args.remote.remote {
        Mode::Remote(resolve_remote(args, context)?)
    } else {
        Mode::Local(resolve_local(args, context)?)
    };
    Ok(IssuePlan {
        json: args.json,
        mode,
    })
}

fn resolve_local(args: &IssueArgs, context: &ResolvedOptions) -> anyhow::Result<LocalPlan> {
    let redaction = &context.redaction;
    let scope = scope_option(&scope_request(args), redaction)?;
    let (template, jti) = resolve_claims(args, context, |given| {
        JtiPolicy::for_single(given, &args.user_ids, redaction)
    })?;
    Ok(LocalPlan {
        scope,
        template,
        jti,
    })
}

fn resolve_bulk(
    args: &IssueArgs,
    path: &std::path::Path,
    context: &ResolvedOptions,
) -> anyhow::Result<BulkPlan> {
    refuse_key_and_user_ids_on_stdin(&context.key_source, path)?;
    let scopes = prepared_scopes_option(
        &args.scopes,
        args.allow_unknown_scopes,
        inbox_scopes(args),
        &context.redaction,
    )?;
    let (template, jti) = resolve_claims(args, context, |given| {
        JtiPolicy::for_bulk(given, &context.redaction)
    })?;
    Ok(BulkPlan {
        input: path.to_path_buf(),
        skip_blank_lines: args.blank_lines.skip_blank_lines,
        scopes,
        template,
        jti,
    })
}

/// Everything but the scope, checked in order: workspace, lifetime, `jti` (`--jti` read by
/// `jti_from`), custom claims; `context.now` becomes `iat`.
fn resolve_claims(
    args: &IssueArgs,
    context: &ResolvedOptions,
    jti_from: impl FnOnce(&str) -> anyhow::Result<JtiPolicy>,
) -> anyhow::Result<(ClaimTemplate, JtiPolicy)> {
    let (now, redaction) = (context.now, &context.redaction);
    let workspace = resolve_workspace(args, redaction)?;
    let exp = expiry_after(args, now, redaction)?;
    let jti = match (&args.jti, args.no_jti) {
        (_, true) => JtiPolicy::Omitted,
        (Some(given), false) => jti_from(checked_text(given, "--jti", redaction)?)?,
        (None, false) => JtiPolicy::Random,
    };
    let template = ClaimTemplate {
        tenant_scope: workspace.tenant_scope,
        tenant_id: workspace.tenant_id,
        custom: parse_custom_claims(&args.claims, redaction)?,
        iat: now,
        exp,
    };
    Ok((template, jti))
}

fn resolve_remote(args: &IssueArgs, context: &ResolvedOptions) -> anyhow::Result<RemotePlan> {
    refuse_local_only_options(args, context)?;
    Ok(RemotePlan {
        scope: scope_option(&scope_request(args), &context.redaction)?,
        expires_in: expires_in(args, &context.redaction)?,
        base: resolve_base_url(&args.remote, &context.redaction)?,
        timeout: timeout_option(args.remote.timeout.as_deref(), &context.redaction)?,
        dry_run: args.remote.dry_run,
    })
}

fn scope_request(args: &IssueArgs) -> ScopeRequest<'_> {
    ScopeRequest {
        user_ids: &args.user_ids,
        scopes: &args.scopes,
        allow_unknown: args.allow_unknown_scopes,
        inbox_scopes: inbox_scopes(args),
    }
}

fn inbox_scopes(args: &IssueArgs) -> InboxScopes {
    if args.no_inbox_scopes {
        InboxScopes::LeftOut
    } else {
        InboxScopes::Added
    }
}

/// `--expires-in` as written, or `None` with `--no-expiry`.
fn expires_in(args: &IssueArgs, redaction: &Redaction) -> anyhow::Result<Option<ExpiresIn>> {
    if args.no_expiry {
        return Ok(None);
    }
    expires_in_option(&args.expires_in, redaction).map(Some)
}

/// `exp` for a token signed here at `now`.
fn expiry_after(args: &IssueArgs, now: i64, redaction: &Redaction) -> anyhow::Result<Option<i64>> {
    expires_in(args, redaction)?
        .map(|lifetime| lifetime_expiry_after(&lifetime, now, redaction))
        .transpose()
}
