//! `issue --remote`: Courier's Issue Token API mints the token; `--dry-run` shows the request
//! instead of sending it. The scope and lifetime come checked in the plan, and the lifetime is
//! sent as written (no local expiry arithmetic). HTTP itself lives in `remote`.

use std::io::Write;

use super::output::{note_never_expires, print_token, remote_summary};
use super::plan::RemotePlan;
use crate::commands::options::keys::{key_option, origin_name};
use crate::commands::resolved::ResolvedOptions;
use crate::key::{KeyOrigin, KeySource, API_KEY_ENV, LEGACY_API_KEY_ENV};
use crate::remote::{clear_text_warning, issue_token, IssueTokenRequest, RetryPolicy};
use crate::shown::redaction::Redaction;
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, written};

pub(crate) fn run(
    plan: &RemotePlan,
    json: bool,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let request = IssueTokenRequest::new(&plan.base, &plan.scope, plan.expires_in.as_ref());

    if plan.dry_run {
        let mut out = stdout_writer();
        let write = out
            .write_all(request.dry_run_text().as_bytes())
            .and_then(|()| out.flush());
        written(write, Outcome::Success)?;
        crate::terminal::diagnostics::note(format_args!(
            "dry run, nothing was sent; the key would come from {}",
            describe_key_source(&context.key_source, &context.redaction)
        ));
        return Ok(Outcome::Success);
    }

    if let Some(warning) = clear_text_warning(&plan.base, "the API key") {
        crate::terminal::diagnostics::warning(format_args!("{warning}"));
    }
    let key = key_option(&context.key_source, &context.redaction)?;
    let token = issue_token(
        &request,
        &key,
        plan.timeout,
        &RetryPolicy::from_environment(),
        &context.redaction,
    )?;

    print_token(&token, json)?;
    if plan.expires_in.is_none() {
        note_never_expires();
    }
    if context.stderr_is_terminal {
        crate::terminal::diagnostics::note(remote_summary(
            &plan.scope,
            plan.expires_in.as_ref(),
            &plan.base,
        ));
    }
    Ok(Outcome::Success)
}

/// Where a real run would read the key, for `--dry-run`; the key itself is never read.
fn describe_key_source(source: &KeySource, redaction: &Redaction) -> String {
    let is_set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    match source {
        KeySource::File(path) => format!("the key file {}", redaction.shown_path(path)),
        KeySource::Stdin => origin_name(&KeyOrigin::Stdin, redaction),
        KeySource::Env(name) if is_set(name) => format!("the environment variable {}", redaction.quoted(name)),
        KeySource::Env(name) => format!(
            "the environment variable {}, which is not set: a real run would fail",
            redaction.quoted(name)
        ),
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
