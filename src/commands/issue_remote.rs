//! `issue --remote`: the scope and lifetime are checked exactly as for a local token (through
//! `issue::resolve`), then Courier's Issue Token API mints the token (`remote`). This file
//! refuses the options only the local signer can honour, resolves where to send the request
//! and how long to wait, and prints the result as `issue` does; `--dry-run` shows the request
//! instead of sending it. HTTP itself lives in `remote`.

use std::io::Write;

use super::{issue, stdout_writer};
use crate::cli::{IssueArgs, Region, RemoteArgs};
use crate::context::Context;
use crate::error::{user_error, user_error_with_hint};
use crate::exit_codes::Outcome;
use crate::expires_in::ExpiresIn;
use crate::key::{load_key, KeySource, API_KEY_ENV, LEGACY_API_KEY_ENV};
use crate::remote::{
    issue_token, parse_timeout, BaseUrl, IssueTokenRequest, RetryPolicy, BASE_URL_ENV, EU_BASE_URL,
    US_BASE_URL,
};

pub fn run(args: &IssueArgs, context: &Context) -> anyhow::Result<Outcome> {
    refuse_local_only_options(args, context)?;
    let plan = issue::resolve(args, context.now)?;
    let expires_in = if args.no_expiry {
        None
    } else {
        Some(ExpiresIn::parse(&args.expires_in)?)
    };
    let base = resolve_base_url(&args.remote)?;
    let timeout = parse_timeout(args.remote.timeout.as_deref())?;
    let request = IssueTokenRequest::new(&base, &plan.scope, expires_in.as_ref());

    if args.remote.dry_run {
        let mut out = stdout_writer();
        out.write_all(request.dry_run_text().as_bytes())?;
        out.flush()?;
        eprintln!(
            "courier-token: dry run, nothing was sent; the key would come from {}",
            describe_key_source(&context.key_source)
        );
        return Ok(Outcome::Success);
    }

    if base.sends_key_in_clear() {
        eprintln!(
            "courier-token: warning: {} is plain http, so the API key crosses the network unencrypted",
            base.as_str()
        );
    }
    let key = load_key(&context.key_source)?;
    let token = issue_token(&request, &key, timeout, &RetryPolicy::from_environment())?;

    issue::print_token(&token, args.json)?;
    if expires_in.is_none() {
        issue::note_never_expires();
    }
    if context.stderr_is_terminal {
        eprintln!(
            "courier-token: {}",
            summary(&plan.scope, expires_in.as_ref(), &base)
        );
    }
    Ok(Outcome::Success)
}

/// Options Courier's API has no field for: it takes a scope and a lifetime, and takes the
/// workspace, environment, clock and token id from itself and the API key.
fn refuse_local_only_options(args: &IssueArgs, context: &Context) -> anyhow::Result<()> {
    const WORKSPACE: &str =
        "Courier's API takes only a scope and a lifetime; the workspace comes from the API key";
    let local_only = [
        (
            "--now",
            context.now_is_pinned,
            "Courier stamps the token with its own clock",
        ),
        ("--jti", args.jti.is_some(), "Courier picks the token id"),
        ("--no-jti", args.no_jti, "Courier picks the token id"),
        ("--tenant-id", args.tenant_id.is_some(), WORKSPACE),
        ("--tenant-scope", args.tenant_scope.is_some(), WORKSPACE),
        ("--client-key", args.client_key.is_some(), WORKSPACE),
        (
            "--claim",
            !args.claims.is_empty(),
            "Courier's API takes only a scope and a lifetime",
        ),
    ];
    match local_only.iter().find(|(_, given, _)| *given) {
        Some((option, _, why)) => Err(user_error_with_hint(
            format!("{option} cannot be used with --remote: {why}"),
            format!("drop {option}, or leave out --remote to sign the token locally"),
        )),
        None => Ok(()),
    }
}

/// `--base-url`, else `--region`, else `COURIER_BASE_URL`, else the US region. An explicit
/// `--region` beats the environment; clap keeps `--region` and `--base-url` apart.
fn resolve_base_url(remote: &RemoteArgs) -> anyhow::Result<BaseUrl> {
    if let Some(url) = &remote.base_url {
        return BaseUrl::parse(url, "--base-url");
    }
    match remote.region {
        Some(Region::Eu) => return BaseUrl::parse(EU_BASE_URL, "--region"),
        Some(Region::Us) => return BaseUrl::parse(US_BASE_URL, "--region"),
        None => {}
    }
    match std::env::var_os(BASE_URL_ENV) {
        Some(value) if !value.is_empty() => match value.to_str() {
            Some(text) => BaseUrl::parse(text, BASE_URL_ENV),
            None => Err(user_error(format!("{BASE_URL_ENV} is not valid UTF-8"))),
        },
        _ => BaseUrl::parse(US_BASE_URL, "the default base URL"),
    }
}

/// Where a real run would read the key, for `--dry-run`; the key itself is never read.
fn describe_key_source(source: &KeySource) -> String {
    let is_set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    match source {
        KeySource::File(path) => format!("the key file {}", path.display()),
        KeySource::Stdin => "stdin (--key-file -)".to_string(),
        KeySource::Env(name) if is_set(name) => format!("the environment variable {name}"),
        KeySource::Env(name) => {
            format!("the environment variable {name}, which is not set: a real run would fail")
        }
        KeySource::Default => match [API_KEY_ENV, LEGACY_API_KEY_ENV]
            .into_iter()
            .find(|name| std::env::var_os(name).is_some())
        {
            Some(name) => format!("the environment variable {name}"),
            None => format!(
                "nowhere: neither {API_KEY_ENV} nor {LEGACY_API_KEY_ENV} is set, so a real run would fail"
            ),
        },
    }
}

/// One line for people: who the token is for, and its lifetime as sent.
fn summary(scope: &str, expires_in: Option<&ExpiresIn>, base: &BaseUrl) -> String {
    let users: Vec<&str> = scope
        .split(' ')
        .filter_map(crate::scope::user_id_of)
        .collect();
    let who = if users.is_empty() {
        "no user".to_string()
    } else {
        format!("user {}", users.join(", "))
    };
    let lifetime = match expires_in {
        Some(expires_in) => format!("expires in {expires_in}"),
        None => "never expires".to_string(),
    };
    format!("token from {} for {who}; {lifetime}", base.authority())
}
