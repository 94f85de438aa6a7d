//! `doctor --dry-run`: every probe the chosen mode(s) would send, in the order they would go,
//! with the secrets redacted (the token in `Authorization` and in the socket's URL, the HMAC
//! signature), separated by blank lines, escaped as all untrusted text is (`printable`); nothing
//! is sent and no key is read. The client key is
//! public and shown.

use std::io::Write;

use super::mode::DoctorMode;
use crate::doctor::{
    offline_checks, realtime_dry_run_text, Plan, Realtime, Status, UnreadCountRequest,
    V7CountRequest,
};
use crate::extract::Extraction;
use crate::shown::printable::printable;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, written};

/// Prints the probes of `mode` (all of them for the audit).
pub(super) fn run(
    mode: DoctorMode,
    pasted: Option<&Extraction>,
    plan: &Plan,
    key_user: Option<&str>,
) -> anyhow::Result<Outcome> {
    let Some(settings) = plan.probe else {
        return Err(user_error(
            "--dry-run shows the live probe, which --offline turns off",
        ));
    };
    let mut shown: Vec<String> = Vec::new();
    let audit = mode == DoctorMode::Audit;
    let key_modes = mode != DoctorMode::Jwt;
    if let (true, Some(client_key), Some(user_id)) = (key_modes, plan.client_key, key_user) {
        if audit || mode == DoctorMode::ClientKey {
            let request =
                V7CountRequest::new(&settings.inbox, client_key, user_id, None, plan.tenant);
            shown.push(request.dry_run_text());
        }
        if audit || mode == DoctorMode::Hmac {
            let request = V7CountRequest::new(
                &settings.inbox,
                client_key,
                user_id,
                Some("<redacted>"),
                plan.tenant,
            );
            shown.push(request.dry_run_text());
        }
    }
    if let Some(pasted) = pasted {
        let offline = offline_checks(pasted, plan);
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
        shown.push(UnreadCountRequest::new(&settings.inbox, user_id, None).dry_run_text());
        if let Some(tenant) = plan.tenant {
            shown.push(
                UnreadCountRequest::new(&settings.inbox, user_id, Some(tenant)).dry_run_text(),
            );
        }
        if let Realtime::Url(base) = &settings.realtime {
            shown.push(realtime_dry_run_text(base, user_id, plan.tenant));
        }
    }
    let mut out = stdout_writer();
    // What a token or an option put in a header or a URL is escaped, line by line.
    let mut write = Ok(());
    for line in shown.join("\n").split_inclusive('\n') {
        let (content, end) = match line.strip_suffix('\n') {
            Some(content) => (content, "\n"),
            None => (line, ""),
        };
        write = write
            .and_then(|()| out.write_all(printable(content).as_bytes()))
            .and_then(|()| out.write_all(end.as_bytes()));
    }
    let write = write.and_then(|()| out.flush());
    written(write, Outcome::Success)?;
    crate::terminal::diagnostics::note("dry run, nothing was sent");
    Ok(Outcome::Success)
}
