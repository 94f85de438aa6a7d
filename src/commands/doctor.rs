//! `doctor`: resolves the options into a `doctor::Plan` — the token text (argument, `-` or
//! stdin, found as `inspect` finds it), the client key's workspace, `--min-ttl` and
//! `--timeout`, the Inbox URL (`--inbox-url`, `--region`, `COURIER_INBOX_URL`, the US Inbox),
//! and the API key when one is at hand (only to tell a locally signed token; never sent) — then
//! prints the diagnosis as text or JSON, or with `--dry-run` the probe request(s). Exit status:
//! 0 nothing failed, 1 a check failed, 2 an error. The checks themselves live in `doctor`.

use std::io::Write;
use std::time::Duration;

use super::options::durations::{length_option, timeout_option};
use crate::cli::{DoctorArgs, Region};
use crate::commands::options::keys::{
    client_key_option, optional_key_option, refuse_key_and_token_on_stdin,
};
use crate::context::Context;
use crate::doctor::{
    diagnose, offline_checks, report, Plan, ProbeSettings, Status, UnreadCountRequest,
    INBOX_EU_URL, INBOX_URL_ENV, INBOX_US_URL,
};
use crate::error::{user_error, user_error_with_hint};
use crate::exit_codes::Outcome;
use crate::input::argument_or_stdin;
use crate::output::{stdout_writer, write_json_line, written};
use crate::remote::{BaseUrl, RetryPolicy};
use crate::token::Signer;

pub fn run(args: &DoctorArgs, context: &Context) -> anyhow::Result<Outcome> {
    refuse_blank(
        "--user-id",
        args.user_id.as_deref(),
        "the id your app passes to signIn",
    )?;
    refuse_blank(
        "--tenant",
        args.tenant.as_deref(),
        "the tenant the app's Inbox filters on",
    )?;
    let workspace = args
        .client_key
        .as_deref()
        .map(client_key_option)
        .transpose()?;
    let (min_ttl, timeout) = resolve_durations(args)?;
    let probe = match args.offline {
        true => None,
        false => Some(ProbeSettings {
            inbox: resolve_inbox_url(args)?,
            timeout,
            policy: RetryPolicy::from_environment(),
        }),
    };
    refuse_key_and_token_on_stdin(&context.key_source, args.token.as_deref())?;
    let text = argument_or_stdin(args.token.as_deref(), "token")?;
    if text.trim().is_empty() {
        return Err(user_error_with_hint(
            "no token given: the input is empty",
            "pass the token as an argument, or pipe it in: ... | courier-token doctor -",
        ));
    }
    let mut plan = Plan {
        now: context.now,
        user_id: args.user_id.as_deref(),
        client_key_workspace: workspace.as_deref(),
        tenant: args.tenant.as_deref(),
        min_ttl,
        signer: None,
        probe: probe.as_ref(),
    };
    if args.dry_run {
        return dry_run(&text, &plan);
    }
    let key = optional_key_option(&context.key_source)?;
    let signer = key.as_ref().map(Signer::new);
    plan.signer = signer.as_ref();
    if let Some(settings) = plan.probe.filter(|s| s.inbox.sends_key_in_clear()) {
        crate::diagnostics::warning(format_args!(
            "{} is plain http, so the token crosses the network unencrypted",
            settings.inbox.as_str()
        ));
    }
    let diagnosis = diagnose(&text, &plan)?;
    let decided = if diagnosis.ok() {
        Outcome::Success
    } else {
        Outcome::Negative
    };
    let mut out = stdout_writer();
    let write = if args.json {
        write_json_line(&mut out, &report::to_json(&diagnosis))
    } else {
        report::write_text(&mut out, &diagnosis)
    };
    written(write.and_then(|()| out.flush()), decided)
}

/// An option given an empty (or all-space) value would silently check nothing: a usage error.
fn refuse_blank(option: &str, value: Option<&str>, what: &str) -> anyhow::Result<()> {
    match value {
        Some(value) if value.trim().is_empty() => Err(user_error_with_hint(
            format!("{option} {} is empty", crate::error::quoted(value)),
            format!("give {what}, or drop the option"),
        )),
        _ => Ok(()),
    }
}

/// `--min-ttl` and `--timeout`, both in the `--timeout` grammar of `issue --remote`.
fn resolve_durations(args: &DoctorArgs) -> anyhow::Result<(Option<Duration>, Duration)> {
    let min_ttl = match args.min_ttl.as_deref() {
        None => None,
        Some(text) => Some(length_option("--min-ttl", text)?),
    };
    Ok((min_ttl, timeout_option(args.timeout.as_deref())?))
}

/// `--inbox-url`, else `--region`, else `COURIER_INBOX_URL`, else the US Inbox.
fn resolve_inbox_url(args: &DoctorArgs) -> anyhow::Result<BaseUrl> {
    let parse = |text: &str, origin: &str| BaseUrl::parse_for(text, origin, INBOX_US_URL);
    if let Some(url) = &args.inbox_url {
        return parse(url, "--inbox-url");
    }
    match args.region {
        Some(Region::Eu) => return parse(INBOX_EU_URL, "--region"),
        Some(Region::Us) => return parse(INBOX_US_URL, "--region"),
        None => {}
    }
    match std::env::var_os(INBOX_URL_ENV) {
        Some(value) if !value.is_empty() => match value.to_str() {
            Some(text) => parse(text, INBOX_URL_ENV),
            None => Err(user_error(format!("{INBOX_URL_ENV} is not valid UTF-8"))),
        },
        _ => parse(INBOX_US_URL, "the default Inbox URL"),
    }
}

/// `--dry-run`: the request(s) the probe would send, token redacted; nothing is sent and no key
/// is read.
fn dry_run(text: &str, plan: &Plan) -> anyhow::Result<Outcome> {
    let offline = offline_checks(text, plan);
    let Some((_, user_id)) = offline.probe_target() else {
        let why = offline
            .checks
            .iter()
            .find(|check| check.status == Status::Fail)
            .map_or("there is no user id to send", |check| &check.message);
        return Err(user_error_with_hint(
            format!("nothing to send: {why}"),
            "pass a token, and --user-id when the token has no user_id: scope",
        ));
    };
    let Some(settings) = plan.probe else {
        return Err(user_error(
            "--dry-run shows the live probe, which --offline turns off",
        ));
    };
    let mut requests = vec![UnreadCountRequest::new(&settings.inbox, user_id, None)];
    if let Some(tenant) = plan.tenant {
        requests.push(UnreadCountRequest::new(
            &settings.inbox,
            user_id,
            Some(tenant),
        ));
    }
    let mut out = stdout_writer();
    let write = requests
        .iter()
        .enumerate()
        .try_for_each(|(index, request)| {
            if index > 0 {
                writeln!(out)?;
            }
            out.write_all(request.dry_run_text().as_bytes())
        })
        .and_then(|()| out.flush());
    written(write, Outcome::Success)?;
    crate::diagnostics::note("dry run, nothing was sent");
    Ok(Outcome::Success)
}
