//! `doctor --json` as types: the document courier-token-doctor(1)'s JSON OUTPUT describes,
//! `{"ok","verdict","checks","probes","audit"}` with `"error"` only when Courier could not be
//! asked. Field order is the document's; rendering the text report is `report`'s.

use serde::Serialize;

use super::finding::Check;
use super::modes::audit::AuditRow;
use super::probe_findings::ProbeResult;
use super::Diagnosis;

/// The whole document.
#[derive(Serialize)]
pub struct DiagnosisJson<'a> {
    ok: bool,
    verdict: &'a str,
    checks: Vec<CheckJson<'a>>,
    probes: Vec<ProbeJson<'a>>,
    audit: Vec<AuditJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// One check: `{"code","status","message"}`.
#[derive(Serialize)]
struct CheckJson<'a> {
    code: &'static str,
    status: &'static str,
    message: &'a str,
}

/// One probe: `{"mode","channel","url","tenant","http_status","accepted","unread"}`.
#[derive(Serialize)]
struct ProbeJson<'a> {
    mode: &'static str,
    channel: &'static str,
    url: &'a str,
    tenant: Option<&'a str>,
    http_status: Option<u16>,
    accepted: bool,
    unread: Option<u64>,
}

/// One row of the audit: `{"mode","channel","accepted","http_status","note"}`.
#[derive(Serialize)]
struct AuditJson<'a> {
    mode: &'static str,
    channel: &'static str,
    accepted: Option<bool>,
    http_status: Option<u16>,
    note: &'a str,
}

impl<'a> DiagnosisJson<'a> {
    pub fn of(diagnosis: &'a Diagnosis) -> Self {
        DiagnosisJson {
            ok: diagnosis.ok(),
            verdict: &diagnosis.verdict,
            checks: diagnosis.checks.iter().map(CheckJson::of).collect(),
            probes: diagnosis.probes.iter().map(ProbeJson::of).collect(),
            audit: diagnosis.audit.iter().map(AuditJson::of).collect(),
            error: diagnosis
                .unreachable
                .as_ref()
                .map(|error| format!("{error:#}")),
        }
    }
}

impl<'a> CheckJson<'a> {
    fn of(check: &'a Check) -> Self {
        CheckJson {
            code: check.code,
            status: check.status.as_str(),
            message: &check.message,
        }
    }
}

impl<'a> ProbeJson<'a> {
    fn of(probe: &'a ProbeResult) -> Self {
        ProbeJson {
            mode: probe.mode.as_str(),
            channel: probe.channel.as_str(),
            url: &probe.url,
            tenant: probe.tenant.as_deref(),
            http_status: probe.http_status,
            accepted: probe.accepted(),
            unread: probe.unread(),
        }
    }
}

impl<'a> AuditJson<'a> {
    fn of(row: &'a AuditRow) -> Self {
        AuditJson {
            mode: row.mode.as_str(),
            channel: row.channel.as_str(),
            accepted: row.accepted,
            http_status: row.http_status,
            note: &row.note,
        }
    }
}
