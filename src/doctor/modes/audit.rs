//! The audit: one run that tries every mode the workspace might accept — the client key alone,
//! an HMAC signature (given, or computed from the API key at hand), and the JWT at hand with its
//! realtime socket — and says which it accepts, as a small table and in `--json`, ending with
//! the production advice from Courier's docs. Accepting the client key alone is the failing
//! finding (exit 1); a refused HMAC signature is only information here.

use super::client_key::{probe_client_key, send_v7, PRODUCTION_ADVICE};
use super::hmac::{self, DEPRECATION_NOTE};
use super::{Channel, Mode};
use crate::doctor::finding::{Check, Status};
use crate::doctor::plan::{Plan, ProbeSettings};
use crate::doctor::probe_findings::ProbeResult;

/// One row of the table: a mode, and whether the workspace accepts it (`None`: not tried).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub mode: Mode,
    pub channel: Channel,
    pub accepted: Option<bool>,
    pub http_status: Option<u16>,
    /// Why it was not tried, or what the answer means.
    pub note: String,
}

impl AuditRow {
    fn from_probe(probe: &ProbeResult) -> Self {
        let note = match (probe.mode, probe.accepted()) {
            (Mode::ClientKey, true) => "anyone with the public client key reads any user's inbox",
            (Mode::Hmac, true) => "legacy mode (deprecated)",
            _ => "",
        };
        Self {
            mode: probe.mode,
            channel: probe.channel,
            accepted: Some(probe.accepted()),
            http_status: probe.http_status,
            note: note.to_string(),
        }
    }

    fn not_tried(mode: Mode, channel: Channel, why: &str) -> Self {
        Self {
            mode,
            channel,
            accepted: None,
            http_status: None,
            note: why.to_string(),
        }
    }

    /// How the table names the row's mode.
    pub fn label(&self) -> &'static str {
        match (self.mode, self.channel) {
            (Mode::ClientKey, _) => "client key only",
            (Mode::Hmac, _) => "HMAC signature",
            (Mode::Jwt, Channel::Graphql) => "JWT",
            (Mode::Jwt, Channel::Realtime) => "JWT, realtime",
        }
    }

    /// The row's answer column.
    pub fn answer(&self) -> &'static str {
        match self.accepted {
            Some(true) => "accepts",
            Some(false) => "refuses",
            None => "not tried",
        }
    }
}

/// Tries the client key alone and HMAC; returns their probes, their checks and table rows.
pub(crate) fn try_key_modes(
    plan: &Plan,
    settings: &ProbeSettings,
    client_key: &str,
    user_id: &str,
) -> anyhow::Result<(Vec<ProbeResult>, Vec<Check>, Vec<AuditRow>)> {
    let mut checks = Vec::new();
    let client_key_probe = probe_client_key(settings, client_key, user_id, plan.tenant)?;
    checks.push(client_key_probe.check());
    let mut rows = vec![AuditRow::from_probe(&client_key_probe)];
    let mut probes = vec![client_key_probe];
    match hmac::signature_to_send(plan, user_id) {
        Some((signature, offline)) => {
            checks.extend(
                offline
                    .into_iter()
                    .filter(|check| check.code != "hmac_deprecated"),
            );
            let request = hmac::request(plan, &settings.inbox, client_key, user_id, &signature);
            let probe = send_v7(&request, settings)?;
            let mut check = probe.check();
            if !probe.accepted() {
                check.status = Status::Info;
            }
            checks.push(check);
            rows.push(AuditRow::from_probe(&probe));
            probes.push(probe);
        }
        None => rows.push(AuditRow::not_tried(
            Mode::Hmac,
            Channel::Graphql,
            "no --user-signature and no API key at hand to compute one",
        )),
    }
    Ok((probes, checks, rows))
}

/// The rows for the JWT probes, or why they were not tried.
pub(crate) fn jwt_rows(probes: &[ProbeResult], token_given: bool) -> Vec<AuditRow> {
    let mut rows: Vec<AuditRow> = probes
        .iter()
        .filter(|probe| probe.mode == Mode::Jwt && probe.tenant.is_none())
        .map(AuditRow::from_probe)
        .collect();
    if !rows.iter().any(|row| row.channel == Channel::Graphql) {
        let why = match token_given {
            true => "the token could not be sent (see the checks)",
            false => "no token given",
        };
        rows.push(AuditRow::not_tried(Mode::Jwt, Channel::Graphql, why));
    }
    rows
}

/// The audit's verdict: which modes the workspace accepts, then Courier's production advice.
pub(crate) fn verdict(rows: &[AuditRow]) -> String {
    let accepts = |mode: Mode| {
        rows.iter().any(|row| {
            row.mode == mode && row.channel == Channel::Graphql && row.accepted == Some(true)
        })
    };
    let accepted: Vec<&str> = [
        (Mode::ClientKey, "the client key alone"),
        (Mode::Hmac, "HMAC user signatures"),
        (Mode::Jwt, "the JWT at hand"),
    ]
    .into_iter()
    .filter(|(mode, _)| accepts(*mode))
    .map(|(_, name)| name)
    .collect();
    let mut text = match accepted.as_slice() {
        [] => "This workspace accepted none of the modes tried.".to_string(),
        [only] => format!("This workspace accepts {only}."),
        [init @ .., last] => format!("This workspace accepts {} and {last}.", init.join(", ")),
    };
    if accepts(Mode::ClientKey) {
        text.push_str(" Anyone who reads the client key from your page and guesses a user id reads that user's inbox (an HMAC answer proves nothing while the client key alone is enough). ");
        text.push_str(PRODUCTION_ADVICE);
    } else if accepts(Mode::Hmac) {
        text.push(' ');
        text.push_str(DEPRECATION_NOTE);
    } else if accepts(Mode::Jwt) {
        text.push_str(
            " Only JWTs get in: ready for production as far as Inbox authentication goes.",
        );
    }
    text
}
