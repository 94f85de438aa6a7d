//! `doctor`: does Courier accept this token, and why is this inbox empty? An offline diagnosis
//! (`offline_checks`, built on `inspection`'s reading of the token) then, unless told otherwise, a
//! read-only live probe with exactly the request Courier's web SDK sends for the unread count
//! (`remote::inbox_probes`: `courier_js_request`, sent and read by `graphql_probe`) and the
//! realtime socket it opens (`realtime_probe`), and a verdict in plain words (`verdict`); `report` renders it all as
//! text or JSON. The other modes Courier's docs name — the client key alone and the legacy HMAC
//! signature — and the audit that tries them all are `modes`'. Each finding is a [`Check`] with
//! a stable code. Nothing here parses flags, reads the key or decides exit codes:
//! `commands::doctor` resolves the options into a [`Plan`] and maps the [`Diagnosis`] to an
//! outcome. The API key, when there is one, only checks signatures locally and computes an HMAC
//! signature; it is never sent anywhere.

mod codes;
pub(crate) mod finding;
mod json_shape;
pub(crate) mod modes;
mod offline_checks;
pub(crate) mod plan;
pub(crate) mod probe_findings;
pub mod report;

pub(crate) mod request_text;
mod verdict;

use crate::extract::Extraction;
pub use crate::remote::inbox_probes::courier_js_request::UnreadCountRequest;
pub use crate::remote::inbox_probes::v7_sdk_request::V7CountRequest;
pub use crate::wire::urls::{INBOX_EU_URL, INBOX_URL_ENV, INBOX_US_URL};
pub use codes::{CheckCode, CHECK_CODES};
pub use finding::{Check, Status};
pub use modes::audit::AuditRow;
pub use modes::hmac::signature_to_send;
pub use modes::{Channel, Mode};
pub use offline_checks::{offline_checks, Offline};
pub use plan::{Plan, ProbeSettings, Realtime};
pub use probe_findings::{ProbeOutcome, ProbeResult};

/// The realtime probe's dry-run text (URL with the token redacted, then the first messages).
pub use crate::remote::inbox_probes::realtime_probe::dry_run_text as realtime_dry_run_text;

/// What `doctor` found: the checks in order, the probes sent, the audit's table (empty unless
/// auditing), the verdict, and why Courier could not be asked when it could not (the offline
/// findings stand, the verdict is incomplete).
#[derive(Debug)]
pub struct Diagnosis {
    pub checks: Vec<Check>,
    pub probes: Vec<ProbeResult>,
    pub audit: Vec<AuditRow>,
    pub verdict: String,
    pub unreachable: Option<anyhow::Error>,
}

impl Diagnosis {
    /// True when no check failed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|check| check.status != Status::Fail)
    }
}

/// Diagnoses the token `extract` found in the input (JWT mode): the offline checks, then the live probe(s)
/// and the realtime socket when the plan has probe settings and there is a token and a user to
/// probe with. When Courier could not be asked (unreachable after the retries, or an answer
/// that is not the Inbox's), the offline findings are still the diagnosis, with a
/// `probe_unreachable` check and the error in [`Diagnosis::unreachable`]; a token Courier
/// rejects is a failed check, not an error.
pub fn diagnose(pasted: &Extraction, plan: &Plan) -> anyhow::Result<Diagnosis> {
    let findings = jwt_findings(pasted, plan);
    let verdict = verdict::verdict(
        findings.token_found,
        &findings.checks,
        &findings.probes,
        plan.tenant,
    );
    Ok(Diagnosis {
        checks: findings.checks,
        probes: findings.probes,
        audit: Vec::new(),
        verdict,
        unreachable: findings.unreachable,
    })
}

/// The JWT mode's checks and probes, whether the input held a token, and why Courier could not
/// be asked.
struct JwtFindings {
    checks: Vec<Check>,
    probes: Vec<ProbeResult>,
    token_found: bool,
    unreachable: Option<anyhow::Error>,
}

fn jwt_findings(pasted: &Extraction, plan: &Plan) -> JwtFindings {
    let mut offline = offline_checks(pasted, plan);
    let mut checks = std::mem::take(&mut offline.checks);
    let mut probes = Vec::new();
    match (plan.probe, offline.probe_target()) {
        (Some(settings), Some((token, user_id))) => {
            match crate::remote::inbox_probes::graphql_probe::run_probes(settings, token, user_id, plan.tenant) {
                Ok(answers) => probes = answers,
                Err(error) => {
                    checks.push(Check::new(
                        "probe_unreachable",
                        Status::Fail,
                        format!("Courier could not be asked: {error:#}"),
                    ));
                    return JwtFindings {
                        checks,
                        probes,
                        token_found: true,
                        unreachable: Some(error),
                    };
                }
            }
            if probes.first().is_some_and(ProbeResult::accepted) {
                settle_local_signing(&mut checks);
            }
            checks.extend(probes.iter().map(ProbeResult::check));
            if let Some(realtime) = realtime_step(settings, &probes, token, user_id, plan.tenant) {
                checks.push(realtime.check());
                probes.push(realtime);
            } else {
                checks.push(realtime_skipped(settings, &probes));
            }
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
    JwtFindings {
        checks,
        probes,
        token_found: offline.token.is_some(),
        unreachable: None,
    }
}

/// The live probe settles what `signed_locally` predicts: an Inbox that accepted a token
/// signed with the API key at hand (`serve`, which signs with it, or a workspace that does) makes
/// that a warning, not a failure.
fn settle_local_signing(checks: &mut [Check]) {
    for check in checks
        .iter_mut()
        .filter(|check| check.code == "signed_locally")
    {
        check.status = Status::Warn;
        check.message = "signed with this API key, and this Inbox accepted it: a local one such as courier-token serve; Courier's own Inbox signs its tokens with the workspace's private key".to_string();
    }
}

/// The realtime probe, when there is a socket URL and the Inbox accepted the token.
fn realtime_step(
    settings: &ProbeSettings,
    probes: &[ProbeResult],
    token: &str,
    user_id: &str,
    tenant: Option<&str>,
) -> Option<ProbeResult> {
    let Realtime::Url(base) = &settings.realtime else {
        return None;
    };
    probes.first().filter(|first| first.accepted())?;
    Some(crate::remote::inbox_probes::realtime_probe::probe_realtime(
        base,
        token,
        user_id,
        tenant,
        settings.timeout,
    ))
}

fn realtime_skipped(settings: &ProbeSettings, probes: &[ProbeResult]) -> Check {
    let why = match &settings.realtime {
        Realtime::Skipped(why) => why,
        Realtime::Url(_) if probes.first().is_some_and(ProbeResult::accepted) => "not needed",
        Realtime::Url(_) => "the Inbox already refuses the token",
    };
    Check::new(
        "realtime_skipped",
        Status::Info,
        format!("the realtime socket was not tried: {why}"),
    )
}

/// Client-key mode: does the workspace answer for the client key and `user_id` alone?
pub fn diagnose_client_key(
    client_key: &str,
    user_id: &str,
    plan: &Plan,
) -> anyhow::Result<Diagnosis> {
    let mut checks: Vec<Check> = modes::client_key::workspace_check(plan)
        .into_iter()
        .collect();
    let mut probes = Vec::new();
    match plan.probe {
        Some(settings) => {
            let probe =
                modes::client_key::probe_client_key(settings, client_key, user_id, plan.tenant)?;
            checks.push(probe.check());
            probes.push(probe);
        }
        None => checks.push(Check::new(
            "probe_skipped",
            Status::Info,
            "Courier was not asked (--offline)",
        )),
    }
    let verdict = modes::client_key::verdict(probes.first());
    Ok(Diagnosis {
        checks,
        probes,
        audit: Vec::new(),
        verdict,
        unreachable: None,
    })
}

/// HMAC mode with `signature` (given, or computed from the API key at hand) and its offline
/// findings, as [`signature_to_send`] made them.
pub fn diagnose_hmac(
    client_key: &str,
    user_id: &str,
    (signature, offline): (String, Vec<Check>),
    plan: &Plan,
) -> anyhow::Result<Diagnosis> {
    let mut checks: Vec<Check> = modes::client_key::workspace_check(plan)
        .into_iter()
        .collect();
    checks.extend(offline);
    let mut probes = Vec::new();
    match plan.probe {
        Some(settings) => {
            let request =
                modes::hmac::request(plan, &settings.inbox, client_key, user_id, &signature);
            let probe = modes::client_key::send_v7(&request, settings)?;
            checks.push(probe.check());
            probes.push(probe);
        }
        None => checks.push(Check::new(
            "probe_skipped",
            Status::Info,
            "Courier was not asked (--offline)",
        )),
    }
    let verdict = modes::hmac::verdict(&checks, probes.first());
    Ok(Diagnosis {
        checks,
        probes,
        audit: Vec::new(),
        verdict,
        unreachable: None,
    })
}

/// The audit: every mode tried against one workspace, with the pasted token if any.
pub fn audit(
    pasted: Option<&Extraction>,
    client_key: &str,
    user_id: &str,
    plan: &Plan,
    settings: &ProbeSettings,
) -> anyhow::Result<Diagnosis> {
    let mut checks: Vec<Check> = modes::client_key::workspace_check(plan)
        .into_iter()
        .collect();
    let (mut probes, key_checks, mut rows) =
        modes::audit::try_key_modes(plan, settings, client_key, user_id)?;
    checks.extend(key_checks);
    if let Some(pasted) = pasted {
        let jwt = jwt_findings(pasted, plan);
        if let Some(error) = jwt.unreachable {
            return Err(error);
        }
        checks.extend(jwt.checks);
        rows.extend(modes::audit::jwt_rows(&jwt.probes, true));
        probes.extend(jwt.probes);
    } else {
        rows.extend(modes::audit::jwt_rows(&[], false));
    }
    let verdict = modes::audit::verdict(&rows);
    Ok(Diagnosis {
        checks,
        probes,
        audit: rows,
        verdict,
        unreachable: None,
    })
}
