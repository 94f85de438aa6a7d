//! `doctor`: resolves the options into a `doctor::Plan` — which mode to diagnose (a token: JWT;
//! `--client-key` and `--user-id` without one: the client key alone; `--user-signature` or
//! `--hmac`: HMAC; `--audit`: every mode), the token (argument, `--from`, `-` or stdin, found
//! as `inspect` finds it; a pasted request's user, tenant and client key unless `--user-id`,
//! `--tenant` and `--client-key` say otherwise), the client key and its workspace, `--min-ttl` and `--timeout`, the
//! Inbox and realtime URLs (`settings`), and the API key when one is at hand (to tell a locally
//! signed token and to compute or check an HMAC signature; never sent) — then prints the
//! diagnosis as text or JSON, or with `--dry-run` every probe (`dry_run`). Exit status: 0
//! nothing failed, 1 a check failed, 2 an error (also after the offline findings when Courier
//! could not be asked: the verdict is incomplete). The checks themselves live in `doctor`.

mod dry_run;
mod mode;
mod settings;

use std::io::Write;

use crate::cli::DoctorArgs;
use crate::client_key::tenant_id_from_client_key;
use crate::commands::options::keys::{client_key_option, optional_key_option};
use crate::commands::options::pasted::PastedInput;
use crate::commands::resolved::ResolvedOptions;
use crate::doctor::{
    audit, diagnose, diagnose_client_key, diagnose_hmac, offline_checks, report, signature_to_send,
    Plan, ProbeSettings, Realtime,
};
use crate::extract::Extraction;
use crate::remote::{clear_text_warning, proxy_reads_it_too, BaseUrl, RetryPolicy};
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, write_json_line, written};
use crate::token::Signer;
use crate::user_signature::{parse_user_signature, MalformedSignature};
use mode::{resolve_mode, DoctorMode};
use settings::{
    from_option_or_request, refuse_blank, resolve_durations, resolve_inbox_url, resolve_realtime,
};

pub fn run(args: &DoctorArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    refuse_blanks(args, &context.redaction)?;
    let workspace = args
        .client_key
        .as_deref()
        .map(|key| client_key_option(key, &context.redaction))
        .transpose()?;
    if let Some(signature) = args.user_signature.as_deref() {
        parse_user_signature(signature).map_err(|MalformedSignature(why)| {
            user_error_with_hint(
                format!("--user-signature: {why}"),
                "pass the 64 hex digits of HMAC-SHA256(API key, user id) the backend computed",
            )
        })?;
    }
    let mode = resolve_mode(args)?;
    let (min_ttl, timeout) = resolve_durations(args, &context.redaction)?;
    let probe = match args.offline {
        true => None,
        false => Some(ProbeSettings {
            inbox: resolve_inbox_url(args, &context.redaction)?,
            realtime: resolve_realtime(args)?,
            timeout,
            policy: RetryPolicy::from_environment(),
            redaction: context.redaction.clone(),
        }),
    };
    let pasted = match (
        mode,
        args.input.token.is_some() || args.input.from.is_some(),
    ) {
        (DoctorMode::Jwt, _) | (DoctorMode::Audit, true) => Some(read_token(args, context)?),
        _ => None,
    };
    let request = pasted.as_ref().map(Extraction::request).unwrap_or_default();
    let user_id = from_option_or_request(
        "--user-id",
        args.user_id.as_deref(),
        "x-courier-user-id",
        request.user_id.as_deref(),
    );
    let tenant = from_option_or_request(
        "--tenant",
        args.tenant.as_deref(),
        "accountId",
        request.tenant.as_deref(),
    );
    // The pasted request's client key, when it is one: checked against the token's tenant_id.
    let request_client_key = request
        .client_key
        .as_deref()
        .filter(|key| tenant_id_from_client_key(key).is_ok());
    let client_key = from_option_or_request(
        "--client-key",
        args.client_key.as_deref(),
        "x-courier-client-key",
        request_client_key,
    );
    let workspace = match (&workspace, client_key) {
        (None, Some(key)) => tenant_id_from_client_key(key).ok(),
        _ => workspace,
    };
    let mut plan = Plan {
        now: context.now,
        user_id,
        user_id_from_request: args.user_id.is_none() && user_id.is_some(),
        client_key,
        client_key_workspace: workspace.as_deref(),
        user_signature: args.user_signature.as_deref(),
        tenant,
        min_ttl,
        signer: None,
        probe: probe.as_ref(),
        zone: context.dates.zone(),
    };
    let key_user = key_modes_user(mode, &plan, pasted.as_ref())?;
    if args.dry_run {
        return dry_run::run(mode, pasted.as_ref(), &plan, key_user.as_deref());
    }
    let key = optional_key_option(&context.key_source, &context.redaction)?;
    let signer = key.as_ref().map(Signer::new);
    plan.signer = signer.as_ref();
    if let Some(settings) = plan.probe {
        warn_about_clear_text(settings);
    }
    let client_key = plan.client_key.unwrap_or_default();
    let user_id = key_user.as_deref().unwrap_or_default();
    let diagnosis = match (mode, &pasted) {
        (DoctorMode::Jwt, Some(pasted)) => diagnose(pasted, &plan)?,
        (DoctorMode::Jwt, None) => return Err(user_error("no token to diagnose")),
        (DoctorMode::ClientKey, _) => diagnose_client_key(client_key, user_id, &plan)?,
        (DoctorMode::Hmac, _) => {
            let signature = signature_to_send(&plan, user_id).ok_or_else(no_signature)?;
            diagnose_hmac(client_key, user_id, signature, &plan)?
        }
        (DoctorMode::Audit, pasted) => {
            let Some(settings) = plan.probe else {
                return Err(user_error(
                    "--audit asks Courier, which --offline turns off",
                ));
            };
            audit(pasted.as_ref(), client_key, user_id, &plan, settings)?
        }
    };
    let decided = if diagnosis.ok() {
        Outcome::Success
    } else {
        Outcome::Negative
    };
    let mut out = stdout_writer();
    let write = if args.json {
        write_json_line(&mut out, &report::to_json(&diagnosis))
    } else {
        report::write_text(&mut out, &diagnosis, context.palette)
    };
    let outcome = written(write.and_then(|()| out.flush()), decided)?;
    match diagnosis.unreachable {
        Some(error) => Err(unreachable_error(&error)),
        None => Ok(outcome),
    }
}

/// The probe's error after the offline findings were printed: the run could not be completed
/// (exit 2), and `--offline` gives the offline answer alone.
fn unreachable_error(error: &anyhow::Error) -> anyhow::Error {
    let hint = error
        .downcast_ref::<crate::terminal::error::UserError>()
        .and_then(crate::terminal::error::UserError::hint)
        .map_or_else(String::new, |hint| format!("{hint}; "));
    user_error_with_hint(
        format!("{error:#}"),
        format!("{hint}the checks above ran offline: pass --offline to ask Courier nothing"),
    )
}

fn refuse_blanks(args: &DoctorArgs, redaction: &Redaction) -> anyhow::Result<()> {
    refuse_blank(
        "--user-id",
        args.user_id.as_deref(),
        "the id your app passes to signIn",
        redaction,
    )?;
    refuse_blank(
        "--tenant",
        args.tenant.as_deref(),
        "the tenant the app's Inbox filters on",
        redaction,
    )?;
    refuse_blank(
        "--user-signature",
        args.user_signature.as_deref(),
        "the signature the frontend sends",
        redaction,
    )
}

/// The pasted input (the argument, `--from`, or stdin for `-` or neither) and what `extract`
/// found in it.
fn read_token(args: &DoctorArgs, context: &ResolvedOptions) -> anyhow::Result<Extraction> {
    let input = PastedInput {
        argument: args.input.token.as_deref(),
        from: args.input.from.as_deref(),
        command: "doctor",
    };
    input.refuse_unreadable(&context.key_source)?;
    let pasted = input.extract()?;
    input.refuse_empty(&pasted)?;
    Ok(pasted)
}

/// The user id the client-key and HMAC probes send: `--user-id` or the pasted request's, else
/// (the audit, given a token) the token's own user, as JWT mode sends it.
fn key_modes_user(
    mode: DoctorMode,
    plan: &Plan,
    pasted: Option<&Extraction>,
) -> anyhow::Result<Option<String>> {
    if let Some(user_id) = plan.user_id {
        return Ok(Some(user_id.to_string()));
    }
    let from_token = pasted.and_then(|pasted| offline_checks(pasted, plan).user_id);
    match (mode, from_token) {
        (DoctorMode::Audit, None) => Err(user_error_with_hint(
            "--audit needs the user id the frontend signs in with",
            "pass --user-id ID, or a token or pasted request that names one",
        )),
        (_, user_id) => Ok(user_id),
    }
}

fn no_signature() -> anyhow::Error {
    user_error_with_hint(
        "HMAC mode needs a signature, and there is no API key at hand to compute one",
        "pass --user-signature SIG, or the API key (COURIER_API_KEY, --key-file, --key-env): only the signature is sent",
    )
}

/// Warns when a probe would carry a credential over plain http:// or ws:// to another host.
fn warn_about_clear_text(settings: &ProbeSettings) {
    if let Some(warning) = clear_text_warning(&settings.inbox, "the token") {
        crate::terminal::diagnostics::warning(format_args!("{warning}"));
    }
    if let Realtime::Url(url) = &settings.realtime {
        let as_http = url.get(5..).filter(|_| {
            url.get(..5)
                .is_some_and(|s| s.eq_ignore_ascii_case("ws://"))
        });
        let in_clear = as_http
            // Only whether it parses matters: the error, and what it would quote, is dropped.
            .and_then(|rest| {
                BaseUrl::parse(&format!("http://{rest}"), "", &Redaction::default()).ok()
            })
            .filter(BaseUrl::sends_key_in_clear);
        if let Some(base) = in_clear {
            crate::terminal::diagnostics::warning(format_args!(
                "{url} is plain ws, so the token crosses the network unencrypted{}",
                proxy_reads_it_too(base.as_str())
            ));
        }
    }
}
