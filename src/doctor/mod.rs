//! `doctor`: does Courier accept this token, and why is this inbox empty? An offline diagnosis
//! (`checks`, built on `inspection`'s reading of the token) then, unless told otherwise, a
//! read-only live probe with exactly the request Courier's web SDK sends for the unread count
//! (`request`, sent and read by `probe`), and a verdict in plain words (`verdict`); `report`
//! renders it all as text or JSON. Each finding is a [`Check`] with a stable code. Nothing here
//! parses flags, reads the key or decides exit codes: `commands::doctor` resolves the options
//! into a [`Plan`] and maps the [`Diagnosis`] to an outcome. The API key, when there is one,
//! only checks the signature locally; it is never sent anywhere.

mod check;
mod checks;
mod codes;
mod plan;
mod probe;
pub mod report;
mod request;
mod verdict;

use crate::extract::Extraction;
pub use crate::wire::urls::{INBOX_EU_URL, INBOX_URL_ENV, INBOX_US_URL};
pub use check::{Check, Status};
pub use checks::{offline_checks, Offline};
pub use codes::{CheckCode, CHECK_CODES};
pub use plan::{Plan, ProbeSettings};
pub use probe::ProbeResult;
pub use request::UnreadCountRequest;

/// What `doctor` found: the checks in order, the probes sent, and the verdict.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub checks: Vec<Check>,
    pub probes: Vec<ProbeResult>,
    pub verdict: String,
}

impl Diagnosis {
    /// True when no check failed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|check| check.status != Status::Fail)
    }
}

/// Diagnoses the token `extract` found in the input: the offline checks, then the live probe(s) when the
/// plan has probe settings and there is a token and a user to probe with. An error means
/// Courier could not be asked (unreachable after the retries, or an answer that is not the
/// Inbox's); a token Courier rejects is a failed check, not an error.
pub fn diagnose(pasted: &Extraction, plan: &Plan) -> anyhow::Result<Diagnosis> {
    let mut offline = offline_checks(pasted, plan);
    let mut checks = std::mem::take(&mut offline.checks);
    let mut probes = Vec::new();
    match (plan.probe, offline.probe_target()) {
        (Some(settings), Some((token, user_id))) => {
            probes = probe::run_probes(settings, token, user_id, plan.tenant)?;
            checks.extend(probes.iter().map(ProbeResult::check));
        }
        (Some(_), None) if offline.token.is_some() => checks.push(Check::new(
            "probe_skipped",
            Status::Info,
            "Courier was not asked: there is no user id to send as x-courier-user-id (pass --user-id)",
        )),
        (None, _) if offline.token.is_some() => checks.push(Check::new(
            "probe_skipped",
            Status::Info,
            "Courier was not asked (--offline)",
        )),
        _ => {}
    }
    let verdict = verdict::verdict(offline.token.is_some(), &checks, &probes, plan.tenant);
    Ok(Diagnosis {
        checks,
        probes,
        verdict,
    })
}
