//! The offline half of `doctor`: what can be told about a token without Courier — is it a JWT
//! at all (or a pasted API key or client key), its algorithm and lifetime, whose it is, its
//! Inbox scopes, its environment and workspace, and whether the API key at hand signed it.
//! Findings `inspect` already makes (`inspection`'s warnings) are reused with their codes and
//! words (legacy spellings and unknown scopes, judged by the one scope catalogue); what only
//! `doctor` asks (the frontend's user id, `--min-ttl`, the locally signed token) is added here.
//! No network, no printing.

use crate::clock::{describe_instant_in, format_span_between};
use crate::extract::find_cut_off;
use crate::extract::Extraction;
use crate::reading::inspection::{
    environment, inspect_token, Inspection, InspectionInputs, SignatureCheck,
};
use crate::reading::pasted_secret::recognise_pasted_secret;
use crate::scope::INBOX_SCOPES;

use super::finding::{Check, Status};
use super::plan::Plan;

/// The offline findings, and what the probe and the verdict need from them.
#[derive(Debug, Clone)]
pub struct Offline<'t> {
    pub checks: Vec<Check>,
    /// The token found in the input, if any.
    pub token: Option<&'t str>,
    /// True when the token's header and claims decode (a probe is worth sending).
    pub decodes: bool,
    /// The user the SDK would send: `--user-id`, else the token's first `user_id:`.
    pub user_id: Option<String>,
}

impl<'t> Offline<'t> {
    /// The token and user a probe would send, when there are both and the token decoded.
    pub fn probe_target(&self) -> Option<(&'t str, &str)> {
        Some((
            self.token.filter(|_| self.decodes)?,
            self.user_id.as_deref()?,
        ))
    }
}

/// Runs every offline check on the token found in the input, in the documented order.
pub fn offline_checks<'t>(pasted: &'t Extraction, plan: &Plan) -> Offline<'t> {
    let Some(token) = pasted.token() else {
        return Offline {
            checks: vec![not_a_token(pasted.text.as_deref().unwrap_or(""))],
            token: None,
            decodes: false,
            user_id: None,
        };
    };
    let inspection = inspect_token(
        token,
        InspectionInputs {
            now: plan.now,
            expected_tenant_id: plan.client_key_workspace,
            signer: plan.signer,
            zone: plan.zone,
        },
    );
    let mut checks = Vec::new();
    let decodes =
        inspection.decoded.header.object.is_some() && inspection.decoded.payload.object.is_some();
    if decodes {
        checks.push(Check::new(
            "jwt",
            Status::Pass,
            "a JWT whose header and claims decode",
        ));
    }
    match find_cut_off(token) {
        Some(cut) => checks.push(Check::new("cut_off", Status::Fail, cut.explanation())),
        None => reuse(&inspection, &mut checks, &["malformed"], Status::Fail),
    }
    if !decodes {
        return Offline {
            checks,
            token: Some(token),
            decodes,
            user_id: None,
        };
    }
    algorithm(&inspection, &mut checks);
    lifetime(&inspection, plan, &mut checks);
    let user_id = user(&inspection, plan, &mut checks);
    scopes(&inspection, &mut checks);
    workspace(&inspection, plan, &mut checks);
    signature(&inspection, &mut checks);
    Offline {
        checks,
        token: Some(token),
        decodes,
        user_id,
    }
}

/// No JWT in the input: say what it is, if it is a key pasted by mistake (never echoing it).
fn not_a_token(text: &str) -> Check {
    if let Some(cut) = find_cut_off(text) {
        return Check::new("cut_off", Status::Fail, cut.explanation());
    }
    match recognise_pasted_secret(text) {
        Some(secret) => Check::new(secret.code(), Status::Fail, secret.explanation()),
        None => Check::new(
            "not_a_jwt",
            Status::Fail,
            "no token found in the input (a JWT looks like eyJ....eyJ....signature)",
        ),
    }
}

/// Copies `inspection`'s warnings with these codes as checks of `status`.
fn reuse(inspection: &Inspection, checks: &mut Vec<Check>, codes: &[&str], status: Status) {
    checks.extend(
        inspection
            .warnings
            .iter()
            .filter(|warning| codes.contains(&warning.code))
            .map(|warning| Check::new(warning.code, status, warning.message.clone())),
    );
}

fn has_warning(inspection: &Inspection, code: &str) -> bool {
    inspection
        .warnings
        .iter()
        .any(|warning| warning.code == code)
}

fn algorithm(inspection: &Inspection, checks: &mut Vec<Check>) {
    if has_warning(inspection, "alg_not_hs256") {
        reuse(inspection, checks, &["alg_not_hs256"], Status::Fail);
    } else {
        checks.push(Check::new("alg", Status::Pass, "alg is HS256"));
    }
    reuse(inspection, checks, &["crit_header"], Status::Fail);
}

fn lifetime(inspection: &Inspection, plan: &Plan, checks: &mut Vec<Check>) {
    reuse(inspection, checks, &["invalid_time_claim"], Status::Fail);
    let now = plan.now;
    match inspection.expires_at {
        Some(exp) if exp <= now => reuse(inspection, checks, &["expired"], Status::Fail),
        Some(exp) => match plan.min_ttl {
            Some(min_ttl) if exp.abs_diff(now) < min_ttl.as_secs() => checks.push(Check::new(
                "expires_soon",
                Status::Fail,
                format!(
                    "expires {}, sooner than --min-ttl {}",
                    describe_instant_in(exp, now, plan.zone),
                    format_span_between(0, i64::try_from(min_ttl.as_secs()).unwrap_or(i64::MAX))
                ),
            )),
            _ => checks.push(Check::new(
                "expiry",
                Status::Pass,
                format!("expires {}", describe_instant_in(exp, now, plan.zone)),
            )),
        },
        None => {}
    }
    reuse(inspection, checks, &["not_yet_valid"], Status::Fail);
    reuse(inspection, checks, &["issued_in_future"], Status::Warn);
    reuse(inspection, checks, &["never_expires"], Status::Warn);
}

/// The user checks; returns the user id the SDK would send.
fn user(inspection: &Inspection, plan: &Plan, checks: &mut Vec<Check>) -> Option<String> {
    let in_token = &inspection.user_ids;
    let Some(first) = in_token.first() else {
        checks.push(Check::new(
            "user_id_missing",
            Status::Fail,
            "the scope has no user_id:<id>, so the token is for nobody's inbox",
        ));
        return plan.user_id.map(str::to_string);
    };
    match plan.user_id {
        Some(given) if !in_token.iter().any(|id| id == given) => {
            checks.push(Check::new(
                "user_id_mismatch",
                Status::Fail,
                format!(
                    "the frontend's userId {given}{} is not in the token, which is for {}: the SDK would send x-courier-user-id {given} with a token for another user",
                    if plan.user_id_from_request { " (x-courier-user-id in the pasted request)" } else { "" },
                    in_token.join(", ")
                ),
            ));
            Some(given.to_string())
        }
        Some(given) => {
            checks.push(Check::new(
                "user_id",
                Status::Pass,
                format!("for user {given}"),
            ));
            Some(given.to_string())
        }
        None => {
            checks.push(Check::new(
                "user_id",
                Status::Pass,
                format!("for user {first} (the SDK's userId must be {first})"),
            ));
            Some(first.clone())
        }
    }
}

fn scopes(inspection: &Inspection, checks: &mut Vec<Check>) {
    let has = |scope: &str| inspection.scopes.iter().any(|fact| fact.scope == scope);
    let missing: Vec<&str> = INBOX_SCOPES.into_iter().filter(|s| !has(s)).collect();
    if missing.is_empty() {
        checks.push(Check::new(
            "inbox_scopes",
            Status::Pass,
            format!("has {}", INBOX_SCOPES.join(" and ")),
        ));
    } else {
        checks.push(Check::new(
            "inbox_scopes_missing",
            Status::Fail,
            format!(
                "lacks {}: the Inbox will connect but show no messages",
                missing.join(" and ")
            ),
        ));
    }
    // The scope catalogue's judgement, as inspect words it: legacy spellings, unknown scopes.
    checks.extend(
        inspection
            .warnings
            .iter()
            .filter(|warning| warning.code == "legacy_scope" || warning.code == "unknown_scope")
            .map(|warning| Check::new(warning.code, Status::Warn, warning.message.clone())),
    );
}

fn workspace(inspection: &Inspection, plan: &Plan, checks: &mut Vec<Check>) {
    let scope_note = inspection
        .tenant_scope
        .as_deref()
        .map(|scope| format!(" (tenant_scope {scope})"))
        .unwrap_or_default();
    match environment(inspection).as_deref() {
        Some("test") => checks.push(Check::new(
            "environment",
            Status::Info,
            format!("test environment{scope_note}: it sees only the test environment's users and messages, and needs the test client key"),
        )),
        Some(other) => checks.push(Check::new(
            "environment",
            Status::Info,
            format!("{other} environment{scope_note}"),
        )),
        None => checks.push(Check::new(
            "environment",
            Status::Info,
            "no tenant_scope or tenant_id says which environment",
        )),
    }
    let Some(workspace) = plan.client_key_workspace else {
        return;
    };
    if has_warning(inspection, "tenant_mismatch") {
        reuse(inspection, checks, &["tenant_mismatch"], Status::Fail);
    } else if inspection.tenant_id.is_some() {
        checks.push(Check::new(
            "tenant",
            Status::Pass,
            format!("tenant_id matches the client key's workspace {workspace}"),
        ));
    } else {
        checks.push(Check::new(
            "tenant",
            Status::Info,
            "the token has no tenant_id to compare with the client key",
        ));
    }
}

fn signature(inspection: &Inspection, checks: &mut Vec<Check>) {
    checks.push(match inspection.signature {
        SignatureCheck::Matches => Check::new(
            "signed_locally",
            Status::Fail,
            "signed with this API key: a token minted locally, which Courier does not accept (it signs its own with the workspace's private key)",
        ),
        SignatureCheck::DoesNotMatch => Check::new(
            "signature",
            Status::Pass,
            "not signed with this API key, so not minted locally with it",
        ),
        SignatureCheck::NotChecked => Check::new(
            "signature",
            Status::Info,
            "not checked for local signing: no API key at hand (COURIER_API_KEY, --key-file, --key-env)",
        ),
    });
}
