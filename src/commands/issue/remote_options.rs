//! Resolving `issue --remote`'s own options: refusing those only the local signer can honour,
//! and where to send the request (`--base-url`, `--region`, `COURIER_BASE_URL`). How long to
//! wait (`--timeout`) is read by `commands::options::durations::timeout_option`, shared with `doctor`.

use crate::cli::{IssueArgs, Region, RemoteArgs};
use crate::commands::resolved::ResolvedOptions;
use crate::remote::{BaseUrl, BASE_URL_ENV, EU_BASE_URL, US_BASE_URL};
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};

/// Options Courier's API has no field for: it takes a scope and a lifetime, and takes the
/// workspace, environment, clock and token id from itself and the API key.
pub(crate) fn refuse_local_only_options(
    args: &IssueArgs,
    context: &ResolvedOptions,
) -> anyhow::Result<()> {
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
pub(crate) fn resolve_base_url(
    remote: &RemoteArgs,
    redaction: &Redaction,
) -> anyhow::Result<BaseUrl> {
    if let Some(url) = &remote.base_url {
        return BaseUrl::parse(url, "--base-url", redaction);
    }
    match remote.region {
        Some(Region::Eu) => return BaseUrl::parse(EU_BASE_URL, "--region", redaction),
        Some(Region::Us) => return BaseUrl::parse(US_BASE_URL, "--region", redaction),
        None => {}
    }
    match std::env::var_os(BASE_URL_ENV) {
        Some(value) if !value.is_empty() => match value.to_str() {
            Some(text) => BaseUrl::parse(text, BASE_URL_ENV, redaction),
            None => Err(user_error(format!("{BASE_URL_ENV} is not valid UTF-8"))),
        },
        _ => BaseUrl::parse(US_BASE_URL, "the default base URL", redaction),
    }
}
